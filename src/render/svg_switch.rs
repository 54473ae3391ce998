//! One SVG for every language (`--lang all`): each text is a `<switch>` with one child per
//! language, marked with `systemLanguage`, and the English child last without it, so a viewer
//! shows the reader's language and falls back to English (the convention of Wikimedia's
//! translatable SVG files).
//!
//! The pages of the languages are laid out with the same room for their texts
//! ([`Scene::in_languages`]), so the map is the same on all of them. What a group draws besides
//! text (a region's fill, a graticule line) is written once when every language draws it alike;
//! a group whose drawing depends on its text (a label's backing and leader, a key entry's
//! swatch beside wrapped words) is switched whole. Each language's labels were placed against
//! its own texts only, so no two labels of one language overlap.

use std::collections::BTreeMap;

use super::plotting::{draw_item, Canvas};
use super::svg::{escape, SvgWriter};
use crate::error::{Error, Result};
use crate::options::{Lang, SvgText};
use crate::scene::text::set_cjk;
use crate::scene::{Group, Item, Layer, LayerId, Scene};

/// The languages a `systemLanguage` attribute names for a page in `lang` (BCP 47 tags);
/// `None` for English, the fallback. Chinese names its script subtags first and the regions
/// that write each script after them, for viewers that compare whole tags. A bare `zh` is left
/// out: librsvg takes the attribute as a range over the reader's tag, so `zh` in the first
/// Chinese child would show simplified characters to a `zh-TW` reader; browsers already give a
/// `zh` reader the `zh-Hans` child, and librsvg gives it English.
pub(crate) fn system_language(lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::En => None,
        Lang::Ja => Some("ja"),
        Lang::Ru => Some("ru"),
        Lang::Zh => Some("zh-Hans,zh-CN,zh-SG,zh-MY"),
        Lang::ZhHant => Some("zh-Hant,zh-TW,zh-HK,zh-MO"),
        Lang::Ko => Some("ko"),
    }
}

/// The language of a child's text, as `xml:lang` writes it.
fn xml_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-Hans",
        other => other.code(),
    }
}

/// Which group of a layer this is in every language: what it depicts (or, unnamed, its
/// class) and how many such groups came before it.
type GroupKey = (&'static str, String, usize);

fn keyed(layer: &Layer) -> Vec<(GroupKey, &Group)> {
    let mut seen: BTreeMap<(&'static str, String), usize> = BTreeMap::new();
    layer
        .groups
        .iter()
        .map(|g| {
            let base = match &g.feature {
                Some(f) => (f.kind(), f.id().to_string()),
                None => ("", g.class.clone()),
            };
            let n = seen.entry(base.clone()).or_default();
            *n += 1;
            ((base.0, base.1, *n), g)
        })
        .collect()
}

fn drawing(group: &Group) -> Vec<&Item> {
    group
        .items
        .iter()
        .filter(|i| !matches!(i, Item::Text(_)))
        .collect()
}

fn has_text(group: &Group) -> bool {
    group.items.iter().any(|i| matches!(i, Item::Text(_)))
}

fn failed(e: impl std::fmt::Display) -> Error {
    Error::Render(e.to_string())
}

/// Writes the pages of one map in several languages (English among them) as one SVG, its text
/// as `text` says. The same pages always give the same bytes.
pub(crate) fn to_switching_svg(scenes: &[Scene], text: SvgText) -> Result<String> {
    let english = scenes
        .iter()
        .find(|s| s.lang == Lang::En)
        .ok_or_else(|| failed("a switching SVG needs the English page as its fallback"))?;
    // English last: the first child whose language the reader accepts is shown.
    let mut pages: Vec<&Scene> = scenes.iter().filter(|s| s.lang != Lang::En).collect();
    pages.push(english);
    let _cjk = set_cjk(Lang::En);
    let mut writer = SvgWriter::begin(english, text);
    let head = writer.written();
    for index in 0..LayerId::ALL.len() {
        let layers: Vec<&Layer> = pages.iter().map(|s| &s.layers[index]).collect();
        if layers.iter().all(|l| l.groups.is_empty()) {
            continue;
        }
        writer.open_layer(layers[layers.len() - 1]);
        let versions: Vec<BTreeMap<GroupKey, &Group>> = layers
            .iter()
            .map(|l| keyed(l).into_iter().collect())
            .collect();
        // English order, then groups only other languages have.
        let mut order: Vec<GroupKey> = Vec::new();
        for layer in layers.iter().rev() {
            for (key, _) in keyed(layer) {
                if !order.contains(&key) {
                    order.push(key);
                }
            }
        }
        for key in &order {
            let group: Vec<Option<&Group>> = versions.iter().map(|v| v.get(key).copied()).collect();
            write_group(&mut writer, layers[0].id, &pages, &group)?;
        }
        writer.close_group();
    }
    writer.finish(head)
}

/// One group in every language (`None` where a language has no such group): its drawing once
/// if all draw it alike, and its texts (or all of it) in a `<switch>`.
fn write_group(
    writer: &mut SvgWriter,
    layer: LayerId,
    pages: &[&Scene],
    versions: &[Option<&Group>],
) -> Result<()> {
    let Some(shown) = versions.iter().rev().flatten().next().copied() else {
        return Ok(());
    };
    let marked = shown.feature.is_some() || shown.title.is_some() || !shown.class.is_empty();
    if marked {
        writer.open_group(layer, shown);
    }
    let shared = versions
        .iter()
        .all(|v| v.is_some_and(|g| drawing(g) == drawing(shown)));
    if shared {
        for item in drawing(shown) {
            draw_item(writer, item).map_err(failed)?;
        }
    }
    if !shared || versions.iter().flatten().any(|g| has_text(g)) {
        writer.markup("<switch>\n");
        for (page, version) in pages.iter().zip(versions) {
            let _cjk = set_cjk(page.lang);
            let lang = escape(xml_lang(page.lang));
            match system_language(page.lang) {
                Some(tags) => writer.markup(&format!(
                    "<g systemLanguage=\"{tags}\" xml:lang=\"{lang}\">\n"
                )),
                None => writer.markup(&format!("<g xml:lang=\"{lang}\">\n")),
            }
            let items = version.iter().flat_map(|g| &g.items);
            for item in items.filter(|i| !shared || matches!(i, Item::Text(_))) {
                draw_item(writer, item).map_err(failed)?;
            }
            writer.markup("</g>\n");
        }
        writer.markup("</switch>\n");
    }
    if marked {
        writer.close_group();
    }
    Ok(())
}

#[cfg(test)]
#[path = "svg_switch_tests.rs"]
mod tests;
