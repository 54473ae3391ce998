//! Maps in every language: every year and preset lays out with a glyph for every character,
//! the texts fit the page without overlapping, and every string and bundled name is in the
//! font the language draws it with.

use super::*;
use crate::data::Dataset;
use crate::model::strings::{strings, Value};
use crate::options::{Lang, Preset};
use crate::scene::tests::assert_laid_out;

const PRESETS: [Option<Preset>; 6] = [
    None,
    Some(Preset::Slide),
    Some(Preset::Slide4x3),
    Some(Preset::Article),
    Some(Preset::Column),
    Some(Preset::Thumbnail),
];

fn options(preset: Option<Preset>, lang: Lang) -> MapOptions {
    MapOptions {
        lang,
        ..MapOptions::for_preset(preset, None).unwrap()
    }
}

#[test]
fn every_language_lays_out_every_year() {
    let data = Dataset::embedded().unwrap();
    let page = options(None, Lang::En);
    for lang in Lang::ALL {
        let page = MapOptions { lang, ..page };
        for year in 1905..=1945 {
            let map =
                TreatyMap::for_year_in(&data, year, lang, crate::options::Style::Colour).unwrap();
            let scene = Scene::for_map(&map, &map.key, &page);
            let what = format!("{} {year}", lang.code());
            scene
                .check_glyphs()
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            assert!(
                scene.texts().any(|t| t.text == map.texts.title),
                "{what}: no title"
            );
            // The page is in its language: beyond the English map, the title changes.
            if lang != Lang::En {
                let english = TreatyMap::for_year(&data, year).unwrap();
                assert_ne!(map.texts.title, english.texts.title, "{what}");
            }
        }
    }
}

/// Every preset in colour and in black and white, whose names carry their holders' marks: the
/// longer names take no main town's or region's place that the colour map gives it.
#[test]
fn every_language_lays_out_every_preset() {
    use crate::options::Style;
    let data = Dataset::embedded().unwrap();
    let mut lost = Vec::new();
    for lang in Lang::ALL {
        for year in [1907, 1912] {
            let colour = TreatyMap::for_year_in(&data, year, lang, Style::Colour).unwrap();
            let mono = TreatyMap::for_year_in(&data, year, lang, Style::Mono).unwrap();
            for preset in PRESETS {
                let page = options(preset, lang);
                let scenes = [&colour, &mono].map(|map| Scene::for_map(map, &map.key, &page));
                for (scene, style) in scenes.iter().zip([Style::Colour, Style::Mono]) {
                    let what = format!("{} {year} {style:?} {preset:?}", lang.code());
                    scene
                        .check_glyphs()
                        .unwrap_or_else(|e| panic!("{what}: {e}"));
                    assert_laid_out(scene, &what);
                }
                let placed_in_colour =
                    |name: &str| !scenes[0].dropped_labels.iter().any(|d| d == name);
                let towns = colour
                    .places
                    .iter()
                    .filter(|p| p.rank == 1)
                    .map(|p| &p.name);
                let regions = colour.regions.iter().zip(&mono.regions);
                for dropped in &scenes[1].dropped_labels {
                    let was = towns
                        .clone()
                        .find(|t| *t == dropped)
                        .map(String::as_str)
                        .or_else(|| {
                            regions
                                .clone()
                                .find(|(_, m)| &m.map_label == dropped)
                                .map(|(c, _)| c.map_label.as_str())
                        });
                    if was.is_some_and(placed_in_colour) {
                        lost.push(format!("{} {year} {preset:?}: '{dropped}'", lang.code()));
                    }
                }
            }
        }
        let maps: Vec<_> = [1907, 1910, 1912, 1916]
            .iter()
            .map(|&y| {
                TreatyMap::for_year_in(&data, y, lang, crate::options::Style::Colour).unwrap()
            })
            .collect();
        let overview = Scene::overview(&maps, &options(None, lang));
        overview.check_glyphs().unwrap();
    }
    assert!(
        lost.is_empty(),
        "dropped in black and white only: {lost:#?}"
    );
}

/// Every text of a strings file, keys of the `[data]` table excepted (they are English).
fn texts_of(lang: Lang) -> Vec<String> {
    let s = strings(lang);
    let mut texts: Vec<String> = s.status.values().cloned().collect();
    texts.extend(s.data.values().cloned());
    for value in s.ui.values() {
        match value {
            Value::Text(t) => texts.push(t.clone()),
            Value::List(list) => texts.extend(list.iter().cloned()),
        }
    }
    texts
}

#[test]
fn every_string_and_bundled_name_has_a_glyph_in_its_font() {
    let data = Dataset::embedded().unwrap();
    for lang in Lang::ALL {
        let _cjk = text::set_cjk(lang);
        let mut texts = texts_of(lang);
        let names = data.geodata.regions.iter().map(|r| &r.names);
        let place_names = data.geodata.places.iter().map(|p| &p.names);
        for found in names.chain(place_names) {
            texts.extend(found.get(lang.code()).cloned());
        }
        assert!(texts.len() > 50, "{}: {} texts", lang.code(), texts.len());
        for t in &texts {
            for face in [Face::Regular, Face::Bold] {
                // The font it picks really has the glyph in its cmap, not notdef.
                for c in t.chars().filter(|c| !c.is_whitespace()) {
                    let font = text::font_for(c, face)
                        .unwrap_or_else(|| panic!("{}: no glyph for {c:?} in {t}", lang.code()));
                    assert_ne!(ab_glyph::Font::glyph_id(font.font(), c).0, 0);
                }
            }
        }
    }
}

#[test]
fn translations_are_of_texts_the_bundled_data_has() {
    let bundled = [
        include_str!("../../geodata/treaties.toml"),
        include_str!("../../geodata/lines.geojson"),
        include_str!("../../geodata/regions.geojson"),
    ];
    for lang in Lang::ALL {
        for english in strings(lang).data.keys() {
            let english = english.split('|').next().unwrap_or(english);
            // Keys are TOML strings in the data, so quotes and backslashes appear escaped.
            let quoted = format!("\"{}\"", english.replace('"', "\\\""));
            assert!(
                bundled.iter().any(|file| file.contains(&quoted)),
                "{}: '{english}' is not a text of the bundled data",
                lang.code()
            );
        }
    }
}

/// Every text a map prints from the treaty file (year captions and notes, the key's paragraph
/// on the agreement, how it ended, the lapse) has its words in every language: none is left off
/// a map for want of a translation.
#[test]
fn every_printed_text_of_the_bundled_data_is_translated() {
    let data = Dataset::embedded().unwrap();
    let treaties = &data.treaties;
    let mut texts: Vec<&str> = Vec::new();
    for y in &treaties.years {
        texts.push(&y.caption);
        texts.extend(y.note.as_deref());
    }
    for a in &treaties.agreements {
        texts.push(a.secret_part.as_deref().unwrap_or(&a.summary));
        texts.extend(a.ended.as_deref());
    }
    if let Some(lapse) = &treaties.lapse {
        texts.push(&lapse.title);
        texts.push(&lapse.note);
    }
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let s = strings(lang);
        for text in &texts {
            assert!(
                s.tr_only(text).is_some(),
                "{}: no words for '{text}'",
                lang.code()
            );
        }
    }
}

/// The credit is printed whole, on the page, in every language, even on the narrow column page
/// where Russian wraps it to six lines.
#[test]
fn the_credit_is_whole_and_on_the_page_in_every_language() {
    let data = Dataset::embedded().unwrap();
    for lang in Lang::ALL {
        let page = options(Some(Preset::Column), lang);
        let map = TreatyMap::for_year_in(&data, 1907, lang, crate::options::Style::Colour).unwrap();
        let scene = Scene::for_map(&map, &map.key, &page);
        let lines: Vec<&TextItem> = scene
            .layer(LayerId::Credit)
            .groups
            .iter()
            .flat_map(|g| &g.items)
            .filter_map(|item| match item {
                Item::Text(t) => Some(t),
                _ => None,
            })
            .collect();
        let last = lines.last().expect("a credit");
        // The bundled map's projection has standard parallels 38° and 50° N (see its credit).
        let full = super::layout::credit_text(&map.texts.credit, (38.0, 50.0), lang);
        let printed: String = lines.iter().map(|t| t.text.as_str()).collect();
        let bare = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(bare(&printed), bare(&full), "{}", lang.code());
        assert!(
            text_bounds(last).y1 <= scene.height,
            "{}: the credit leaves the page",
            lang.code()
        );
    }
}

#[test]
fn a_page_is_laid_out_the_same_however_many_threads_share_it() {
    // Names are measured on pool threads; those must measure in the page's CJK form (Korean and
    // Chinese pages differ from the Japanese form a fresh thread starts with).
    let data = Dataset::embedded().unwrap();
    let pool = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    };
    let (one, four) = (pool(1), pool(4));
    for lang in [Lang::Ko, Lang::Zh] {
        let page = options(Some(Preset::Slide), lang);
        let map = TreatyMap::for_year_in(&data, 1907, lang, crate::options::Style::Colour).unwrap();
        let alone = one.install(|| Scene::for_map(&map, &map.key, &page));
        for _ in 0..3 {
            let shared = four.install(|| Scene::for_map(&map, &map.key, &page));
            assert!(
                shared == alone,
                "{}: the page changed with the threads",
                lang.code()
            );
        }
    }
}
