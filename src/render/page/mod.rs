//! The interactive page (`--format html`): every year of a batch on one self-contained HTML
//! file, with a year slider and the facts behind each area at a touch. The maps are the same
//! scenes as the SVG and PNG files, drawn once into a shared drawing (see [`shared`]); the page's
//! script and style are ours, written for it and compiled in, and nothing is loaded from
//! anywhere (a Content-Security-Policy says so to the browser).

mod details;
mod shared;

use std::fmt::Write as _;

use rayon::prelude::*;

use super::svg::escape;
use crate::error::{Error, Result};
use crate::model::strings::strings;
use crate::model::TreatyMap;
use crate::options::{Lang, MapOptions};
use crate::scene::{Feature, Scene};
use shared::SharedDrawing;

/// Remote loads of any kind are refused; inline style and script, and data: fonts and images,
/// are all the page needs.
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; \
     script-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; \
     base-uri 'none'; form-action 'none'";

/// The largest page we write: it must stay easy to mail and to put on a course site.
pub const MAX_PAGE_BYTES: usize = 8 << 20;

const PAGE_CSS: &str = include_str!("../../../assets/page/page.css");
const PAGE_JS: &str = include_str!("../../../assets/page/page.js");

/// The page of `maps` (one per year, in the order the slider steps), laid out with `options`.
pub(crate) fn to_html(
    maps: &[TreatyMap],
    options: &MapOptions,
    other_languages: &[Lang],
) -> Result<String> {
    let first = maps
        .first()
        .ok_or_else(|| Error::Usage("the page needs at least one year".into()))?;
    let scenes: Vec<Scene> = maps
        .par_iter()
        .map(|map| Scene::for_map(map, &map.key, options))
        .collect();
    let mut drawing = SharedDrawing::new(shared::units(&scenes[0]), maps.len());
    // Han, kana and Hangul in the form of the page's language.
    let _cjk = crate::scene::text::set_cjk(options.lang);
    for (i, scene) in scenes.iter().enumerate() {
        drawing.add(i, scene)?;
    }
    // Every region, line and railway any year draws takes focus; its label is the first
    // year's, the script keeps it current.
    let label = |feature: &Feature| -> Option<String> {
        let (kind, id) = (feature.kind(), feature.id());
        maps.iter().find_map(|map| match kind {
            "region" => map
                .regions
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.description()),
            "line" => map
                .lines
                .iter()
                .find(|l| l.id == id)
                .map(|l| l.name.to_string()),
            "railway" => map
                .railways
                .iter()
                .find(|r| r.name == id)
                .map(|r| r.name.clone()),
            _ => None,
        })
    };
    let classes: Vec<String> = maps.iter().map(|m| format!("y{}", m.year)).collect();
    let (svg, year_css) = drawing.finish(&first.texts.title, &label, &classes)?;
    let data = serde_json::to_string(&details::page_data(maps, options.lang))
        .map_err(|e| Error::Render(e.to_string()))?
        // Inside <script>, "</" would end the element: JSON may write "<" as an escape.
        .replace('<', "\\u003c");
    let years = match (maps.first(), maps.last()) {
        (Some(a), Some(b)) if a.year != b.year => format!("{}–{}", a.year, b.year),
        _ => first.year.to_string(),
    };
    let heading = first.strings.fill(
        "title_year",
        &[("title", &first.texts.series_title), ("year", &years)],
    );
    // The controls come first in the document (the style puts them under the map), so the keyboard
    // reaches the slider before the dozens of regions, lines and railways.
    // Ticks on the slider where an agreement was signed.
    let ticks: String = maps
        .iter()
        .enumerate()
        .filter(|(_, m)| m.agreement.signed.year == m.year)
        .map(|(i, m)| format!("<option value=\"{i}\" label=\"{}\"></option>", m.year))
        .collect();
    let mut page = String::with_capacity(svg.len() + data.len() + 64 * 1024);
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{heading}</title>\n<style>\n{PAGE_CSS}{year_css}</style>\n</head>\n<body>\n\
         <header><h1>{heading}</h1><p id=\"hint\"></p>{menu}</header>\n\
         <main>\n\
         <div id=\"controls\">\n\
         <button type=\"button\" id=\"step-back\"></button>\n\
         <button type=\"button\" id=\"play\" aria-pressed=\"false\"></button>\n\
         <label id=\"year-name\" for=\"year\"></label>\n\
         <input type=\"range\" id=\"year\" min=\"0\" max=\"{last}\" step=\"1\" value=\"0\" \
         list=\"signed\">\n<datalist id=\"signed\">{ticks}</datalist>\n\
         <output id=\"year-shown\" for=\"year\">{first_year}</output>\n\
         <button type=\"button\" id=\"step-on\"></button>\n\
         </div>\n\
         <p id=\"announce\" class=\"quiet\" aria-live=\"polite\"></p>\n\
         <figure id=\"figure\">\n{svg}</figure>\n\
         <aside id=\"side\">\n\
         <section id=\"details\"></section>\n\
         <section id=\"agreement\" aria-labelledby=\"agreement-heading\"></section>\n\
         </aside>\n\
         </main>\n\
         <script type=\"application/json\" id=\"page-data\">{data}</script>\n\
         <script>\n{PAGE_JS}</script>\n</body>\n</html>\n",
        heading = escape(&heading),
        lang = options.lang.code(),
        menu = language_menu(options.lang, other_languages),
        last = maps.len() - 1,
        first_year = first.year,
    );
    if page.len() > MAX_PAGE_BYTES {
        return Err(Error::Render(format!(
            "the page would be {} MiB, over its limit of {} MiB: choose fewer years",
            page.len() >> 20,
            MAX_PAGE_BYTES >> 20
        )));
    }
    Ok(page)
}

/// Links to the same page in the other languages written beside it (`spheres.ja.html`), named
/// in their own language; none for a page written alone.
fn language_menu(lang: Lang, others: &[Lang]) -> String {
    let others: Vec<Lang> = others.iter().copied().filter(|l| *l != lang).collect();
    if others.is_empty() {
        return String::new();
    }
    let links: String = others
        .iter()
        .map(|l| {
            format!(
                "<li><a href=\"spheres.{code}.html\" hreflang=\"{code}\" lang=\"{code}\">{name}</a></li>",
                code = l.code(),
                name = escape(&strings(*l).plain("language")),
            )
        })
        .collect();
    format!(
        "<nav id=\"languages\" aria-label=\"{}\"><ul>{links}</ul></nav>",
        escape(&strings(lang).page["languages"])
    )
}
