//! The words of the program in each language, from `assets/strings/<lang>.toml` (compiled in),
//! and dates as each language writes them.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::data::treaties::{Date, Status};
use crate::options::Lang;

/// The strings files, by language, in [`Lang::ALL`] order.
pub(crate) const FILES: [(Lang, &str); 6] = [
    (Lang::En, include_str!("../../assets/strings/en.toml")),
    (Lang::Ja, include_str!("../../assets/strings/ja.toml")),
    (Lang::Ru, include_str!("../../assets/strings/ru.toml")),
    (Lang::Zh, include_str!("../../assets/strings/zh.toml")),
    (
        Lang::ZhHant,
        include_str!("../../assets/strings/zh-Hant.toml"),
    ),
    (Lang::Ko, include_str!("../../assets/strings/ko.toml")),
];

/// A value of the `[ui]` table: a template or a list (the months).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub(crate) enum Value {
    /// A text with `{name}` slots.
    Text(String),
    /// A list of texts.
    List(Vec<String>),
}

/// One language's strings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Strings {
    /// Program texts by key.
    pub ui: BTreeMap<String, Value>,
    /// Status words by status key.
    pub status: BTreeMap<String, String>,
    /// Translations of the bundled data's texts: English text → this language.
    #[serde(default)]
    pub data: BTreeMap<String, String>,
    /// The interactive page's words, by key.
    pub page: BTreeMap<String, String>,
    /// Which language.
    #[serde(skip)]
    pub lang: Lang,
}

/// The strings of `lang`, each file read the first time its language is wanted: a map in one
/// language need not parse the other five.
pub(crate) fn strings(lang: Lang) -> &'static Strings {
    static ALL: [OnceLock<Strings>; FILES.len()] = [const { OnceLock::new() }; FILES.len()];
    let index = FILES.iter().position(|(l, _)| *l == lang).unwrap_or(0);
    ALL[index].get_or_init(|| {
        let (lang, text) = FILES[index];
        let mut s: Strings = toml::from_str(text)
            .unwrap_or_else(|e| panic!("assets/strings/{}.toml is invalid: {e}", lang.code()));
        s.lang = lang;
        s
    })
}

impl Strings {
    /// The template under `key`, with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = match self.ui.get(key) {
            Some(Value::Text(t)) => t.clone(),
            _ => strings(Lang::En).plain(key),
        };
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// The text under `key`, as is.
    pub fn plain(&self, key: &str) -> String {
        match self.ui.get(key) {
            Some(Value::Text(t)) => t.clone(),
            _ => key.to_string(),
        }
    }

    /// A text of the data in this language: its translation if the strings file has one,
    /// else the text itself.
    pub fn tr<'a>(&'a self, english: &'a str) -> &'a str {
        self.data.get(english).map_or(english, String::as_str)
    }

    /// A data text as named in `year`: a key `"English|1910"` gives the name from 1910 on
    /// (Korea is 韓国 in Japanese until the annexation, 朝鮮 after it).
    pub fn tr_on<'a>(&'a self, english: &'a str, year: i32) -> &'a str {
        let dated = self
            .data
            .range(format!("{english}|")..format!("{english}}}"))
            .filter_map(|(k, v)| {
                let from: i32 = k.rsplit_once('|')?.1.parse().ok()?;
                (from <= year).then_some((from, v))
            })
            .max_by_key(|(from, _)| *from);
        dated.map_or_else(|| self.tr(english), |(_, v)| v.as_str())
    }

    /// A data text only if this language has it (English always does): untranslated notes are
    /// left out rather than printed in another language.
    pub fn tr_only<'a>(&'a self, english: &'a str) -> Option<&'a str> {
        match self.lang {
            Lang::En => Some(english),
            _ => self.data.get(english).map(String::as_str),
        }
    }

    /// The word for a status.
    pub fn status(&self, status: Status) -> String {
        self.status
            .get(status.key())
            .cloned()
            .unwrap_or_else(|| status.describe().to_string())
    }

    /// "A, B and C" (or "A, B or C").
    pub fn list(&self, items: &[String], last: &str) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., end] => format!(
                "{}{}{end}",
                init.join(&self.plain("list_comma")),
                self.plain(last)
            ),
        }
    }

    /// A date as this language writes it; Japanese adds the era year (明治40年).
    pub fn date(&self, date: Date) -> String {
        let month = match self.ui.get("months") {
            Some(Value::List(months)) => months
                .get(usize::from(date.month).saturating_sub(1))
                .cloned()
                .unwrap_or_default(),
            _ => date.month.to_string(),
        };
        let era = if self.lang == Lang::Ja {
            japanese_era(date)
        } else {
            String::new()
        };
        self.fill(
            "date",
            &[
                ("day", &date.day.to_string()),
                ("month", &month),
                ("month_number", &date.month.to_string()),
                ("year", &date.year.to_string()),
                ("era", &era),
            ],
        )
    }

    /// An Old Style date written in English ("17 July 1907"), in this language; `None` if it
    /// cannot be read.
    pub fn old_style_date(&self, english: &str) -> Option<String> {
        let mut parts = english.split_whitespace();
        let day: u8 = parts.next()?.parse().ok()?;
        let month = parts.next()?;
        let year: i32 = parts.next()?.parse().ok()?;
        let Value::List(months) = strings(Lang::En).ui.get("months")? else {
            return None;
        };
        let month = months.iter().position(|m| m == month)? as u8 + 1;
        Some(self.date(Date { year, month, day }))
    }
}

/// The Japanese era year of a date: Meiji to 29 July 1912, Taishō to 24 December 1926, then
/// Shōwa (the first year of an era is 元年).
fn japanese_era(date: Date) -> String {
    let on_or_after = |y: i32, m: u8, d: u8| (date.year, date.month, date.day) >= (y, m, d);
    let (era, first) = if on_or_after(1926, 12, 25) {
        ("昭和", 1926)
    } else if on_or_after(1912, 7, 30) {
        ("大正", 1912)
    } else {
        ("明治", 1868)
    };
    match date.year - first + 1 {
        1 => format!("{era}元年"),
        n => format!("{era}{n}年"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(lang: Lang) -> Vec<String> {
        let s = strings(lang);
        let mut keys: Vec<String> = s.ui.keys().map(|k| format!("ui.{k}")).collect();
        keys.extend(s.status.keys().map(|k| format!("status.{k}")));
        keys.extend(s.page.keys().map(|k| format!("page.{k}")));
        keys
    }

    #[test]
    fn every_strings_file_has_the_same_keys() {
        let english = keys(Lang::En);
        for lang in Lang::ALL {
            assert_eq!(keys(lang), english, "{}", lang.code());
            let months = strings(lang).ui.get("months");
            assert!(
                matches!(months, Some(Value::List(m)) if m.len() == 12),
                "{}",
                lang.code()
            );
        }
    }

    #[test]
    fn dates_as_each_language_writes_them() {
        let signed = Date {
            year: 1907,
            month: 7,
            day: 30,
        };
        assert_eq!(strings(Lang::En).date(signed), "30 July 1907");
        assert_eq!(strings(Lang::Ja).date(signed), "1907年（明治40年）7月30日");
        assert_eq!(strings(Lang::Ru).date(signed), "30 июля 1907 г.");
        assert_eq!(strings(Lang::Ko).date(signed), "1907년 7월 30일");
        let taisho = Date {
            year: 1912,
            month: 7,
            day: 30,
        };
        assert_eq!(strings(Lang::Ja).date(taisho), "1912年（大正元年）7月30日");
        assert_eq!(
            strings(Lang::Ru).old_style_date("17 July 1907").as_deref(),
            Some("17 июля 1907 г.")
        );
    }
}
