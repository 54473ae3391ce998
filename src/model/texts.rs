//! The words of one map: title, what is in force, what changed that year, in the map's
//! language (templates from the strings file, the data's texts translated where it has them).

use super::strings::Strings;
use super::MapTexts;
use crate::data::treaties::{Agreement, Lapse, Treaties};

/// The texts of the map of `year`. `lapse` is the lapse if it has happened by the end of the
/// year; `lapsed` is it again if the agreement in force is one of those that lapsed.
pub(super) fn for_year(
    s: &Strings,
    treaties: &Treaties,
    agreement: &Agreement,
    year: i32,
    lapse: Option<&Lapse>,
    lapsed: Option<&Lapse>,
) -> MapTexts {
    let year_text = year.to_string();
    // A caption the language has no words for is left out, not printed in English.
    let caption = treaties.year_note(year).and_then(|n| s.tr_only(&n.caption));
    let signed_this_year = agreement.signed.year == year;
    let name = s.tr(&agreement.name);
    let short = s.tr(agreement.short_name.as_deref().unwrap_or(&agreement.name));
    let what = |text: Option<&str>| {
        text.map(|t| s.fill("what", &[("text", t)]))
            .unwrap_or_default()
    };
    // A year after the lapse with no new agreement says what held instead.
    let lapsed = lapsed.filter(|l| l.date.year < year);
    let (subtitle, detail) = match lapsed {
        Some(l) => (
            l.holds
                .as_deref()
                .and_then(|h| s.tr_only(h))
                .map(str::to_string)
                .unwrap_or_else(|| {
                    s.fill("no_agreement", &[("name", name), ("date", &s.date(l.date))])
                }),
            s.fill(
                "situation",
                &[("year", &year_text), ("what", &what(caption))],
            ),
        ),
        None => {
            let old_style = agreement
                .signed_old_style
                .as_deref()
                .and_then(|d| s.old_style_date(d))
                .map(|d| s.fill("old_style", &[("date", &d)]))
                .unwrap_or_default();
            let change = match (caption, lapse) {
                (Some(c), _) => Some(c),
                (None, Some(l)) if l.date.year == year => s.tr_only(&l.title),
                _ => None,
            };
            let signatories: Vec<String> = agreement
                .signatories
                .iter()
                .map(|n| s.tr(n).to_string())
                .collect();
            (
                s.fill(
                    "signed",
                    &[
                        ("name", name),
                        ("place", s.tr(&agreement.place)),
                        ("date", &s.date(agreement.signed)),
                        ("old_style", &old_style),
                    ],
                ),
                s.fill(
                    "detail",
                    &[
                        ("signatories", &s.list(&signatories, "list_and")),
                        ("year", &year_text),
                        ("what", &what(change)),
                    ],
                ),
            )
        }
    };
    let (panel_heading, panel_date) = match caption {
        Some(c) if !signed_this_year => (
            s.fill("panel_heading", &[("year", &year_text), ("name", c)]),
            match lapsed {
                Some(_) => s.plain("no_agreement_short"),
                None => s.fill("in_force", &[("name", short)]),
            },
        ),
        _ => (
            s.fill("panel_heading", &[("year", &year_text), ("name", short)]),
            s.fill("signed_on", &[("date", &s.date(agreement.signed))]),
        ),
    };
    let title = s.tr(&treaties.title);
    MapTexts {
        title: s.fill("title_year", &[("title", title), ("year", &year_text)]),
        subtitle,
        detail,
        panel_heading,
        panel_date,
        series_title: title.to_string(),
        // The file's subtitle describes its series; other years are not part of it.
        series_subtitle: treaties
            .subtitle
            .as_deref()
            .map(|t| s.tr(t).to_string())
            .filter(|_| treaties.series().any(|a| a.signed.year == year)),
        credit: treaties
            .credit
            .as_deref()
            .and_then(|c| s.tr_only(c))
            .unwrap_or_default()
            .to_string(),
    }
}
