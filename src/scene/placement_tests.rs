//! Whether the key's texts come out whole: no paragraph of the key cut short.

use super::*;
use crate::data::Dataset;
use crate::options::{Lang, Preset, Style};

/// The key's paragraph on the agreement is drawn whole or not at all: never cut mid-sentence.
#[test]
fn the_agreement_note_is_never_cut() {
    let data = Dataset::embedded().unwrap();
    let presets = [
        Some(Preset::Slide),
        Some(Preset::Slide4x3),
        Some(Preset::Article),
        Some(Preset::Column),
        None,
    ];
    for lang in [Lang::En, Lang::Ru, Lang::Ja] {
        for preset in presets {
            let options = MapOptions {
                lang,
                ..MapOptions::for_preset(preset, None).unwrap()
            };
            for year in data.agreement_years() {
                let map = TreatyMap::for_year_in(&data, year, lang, Style::Colour).unwrap();
                let scene = Scene::for_map(&map, &map.key, &options);
                let drawn: String = scene
                    .layer(LayerId::Key)
                    .groups
                    .iter()
                    .flat_map(|g| &g.items)
                    .filter_map(|i| match i {
                        Item::Text(t) if t.color == crate::model::palette::MUTED => {
                            Some(t.text.as_str())
                        }
                        _ => None,
                    })
                    .collect();
                let squeeze =
                    |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                let what = format!("{} {preset:?} {year}", lang.code());
                assert!(
                    drawn.is_empty() || squeeze(&drawn) == squeeze(&map.key.note),
                    "{what}: the note is cut: {drawn:?}"
                );
            }
        }
    }
}
