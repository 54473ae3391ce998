//! The switching SVG: every text switches between the languages with English as the fallback,
//! the languages share one map, and each language's own texts fit without overlapping.

use super::*;
use crate::data::Dataset;
use crate::model::TreatyMap;
use crate::options::{MapOptions, Preset};
use crate::scene::tests::assert_laid_out;

/// The pages of `year` in every language, laid out to share their map.
fn pages(data: &Dataset, year: i32, options: MapOptions) -> Vec<Scene> {
    let maps: Vec<TreatyMap> = Lang::ALL
        .iter()
        .map(|&lang| {
            TreatyMap::for_year_in(data, year, lang, crate::options::Style::Colour).unwrap()
        })
        .collect();
    Scene::in_languages(&Lang::ALL, |lang, room| {
        let map = &maps[Lang::ALL.iter().position(|&l| l == lang).unwrap()];
        Scene::for_map_within(map, &map.key, &MapOptions { lang, ..options }, room)
    })
}

/// A portrait page: the key goes under the map, and its height shares the page with it. (The
/// 85 mm column is left out: Russian runs off it even alone, a known gap of the layout.)
fn tall() -> MapOptions {
    MapOptions {
        width: 1200,
        height: 1500,
        ..MapOptions::default()
    }
}

/// What a language's reader sees: the texts of the children for `tags` (the fallback for
/// `None`), in document order.
fn texts_for(svg: &roxmltree::Document, tags: Option<&str>) -> Vec<String> {
    let mut texts = Vec::new();
    for switch in svg.descendants().filter(|n| n.has_tag_name("switch")) {
        let child = switch
            .children()
            .filter(|c| c.is_element())
            .find(|c| c.attribute("systemLanguage") == tags)
            .expect("a child for every language");
        texts.extend(
            child
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .map(|n| n.text().unwrap_or_default().to_string()),
        );
    }
    texts
}

#[test]
fn every_text_switches_with_english_last() {
    let data = Dataset::embedded().unwrap();
    let scenes = pages(&data, 1912, MapOptions::default());
    let svg = to_switching_svg(&scenes, SvgText::Embedded).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed");
    let switches: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("switch"))
        .collect();
    for switch in &switches {
        let children: Vec<_> = switch.children().filter(|c| c.is_element()).collect();
        let tags: Vec<Option<&str>> = children
            .iter()
            .map(|c| c.attribute("systemLanguage"))
            .collect();
        assert_eq!(
            tags,
            [
                Some("ja"),
                Some("ru"),
                Some("zh-Hans,zh-CN,zh-SG,zh-MY"),
                Some("zh-Hant,zh-TW,zh-HK,zh-MO"),
                Some("ko"),
                None
            ]
        );
    }
    // Each text is in a switch, and every label of the English map has one.
    assert!(doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .all(|t| t.ancestors().any(|a| a.has_tag_name("switch"))));
    let english = scenes.iter().find(|s| s.lang == Lang::En).unwrap();
    let labels = english.layers[LayerId::Labels as usize].groups.len();
    let in_labels = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("labels"))
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("switch"))
        .count();
    assert!(
        labels > 20 && in_labels >= labels,
        "{in_labels} of {labels}"
    );
    // Every language's reader sees exactly that language's page.
    for scene in &scenes {
        let shown = texts_for(&doc, system_language(scene.lang));
        let mut shown_sorted = shown.clone();
        let mut laid_out: Vec<String> = scene.texts().map(|t| t.text.clone()).collect();
        shown_sorted.sort();
        laid_out.sort();
        assert_eq!(shown_sorted, laid_out, "{}", scene.lang.code());
    }
    // The faces of every language are embedded.
    for family in ["Noto Sans", "CJK JP", "CJK SC", "CJK TC", "CJK KR"] {
        assert!(svg.contains(&format!("{family}\";")), "{family}");
    }
}

#[test]
fn the_languages_share_one_map_and_their_texts_fit() {
    let data = Dataset::embedded().unwrap();
    let article = MapOptions::for_preset(Some(Preset::Article), None).unwrap();
    for (year, options) in [
        (1912, MapOptions::default()),
        (1907, tall()),
        (1907, article),
    ] {
        let scenes = pages(&data, year, options);
        let english = scenes.iter().find(|s| s.lang == Lang::En).unwrap();
        for scene in &scenes {
            let what = format!("{year} {}", scene.lang.code());
            // What does not depend on the words is drawn alike (the key's swatches sit
            // beside its wrapped entries, and are switched with them).
            for layer in [
                LayerId::Land,
                LayerId::Regions,
                LayerId::Hatching,
                LayerId::Borders,
                LayerId::TreatyLines,
                LayerId::Railways,
                LayerId::Frame,
                LayerId::Places,
            ] {
                // Titles (tooltips) are in the page's language; the drawing must not be.
                let drawn = |s: &Scene| -> Vec<_> {
                    let groups = s.layers[layer as usize].groups.iter();
                    groups
                        .map(|g| (g.feature.clone(), g.items.clone()))
                        .collect()
                };
                assert!(
                    drawn(scene) == drawn(english),
                    "{what}: {} differs from English",
                    layer.name()
                );
            }
            assert_laid_out(scene, &what);
        }
    }
}

#[test]
fn a_switching_svg_needs_its_english_fallback() {
    let data = Dataset::embedded().unwrap();
    let map = TreatyMap::for_year_in(&data, 1912, Lang::Ja, crate::options::Style::Colour).unwrap();
    let options = MapOptions {
        lang: Lang::Ja,
        ..MapOptions::default()
    };
    let scene = Scene::for_map(&map, &map.key, &options);
    assert!(to_switching_svg(&[scene], SvgText::Embedded).is_err());
}

#[test]
fn the_overview_switches_over_one_grid_of_maps() {
    let data = Dataset::embedded().unwrap();
    let maps: Vec<Vec<TreatyMap>> = Lang::ALL
        .iter()
        .map(|&lang| {
            [1907, 1912]
                .iter()
                .map(|&y| {
                    TreatyMap::for_year_in(&data, y, lang, crate::options::Style::Colour).unwrap()
                })
                .collect()
        })
        .collect();
    let scenes = Scene::in_languages(&Lang::ALL, |lang, room| {
        let i = Lang::ALL.iter().position(|&l| l == lang).unwrap();
        let options = MapOptions {
            lang,
            ..MapOptions::default()
        };
        Scene::overview_within(&maps[i], &options, room)
    });
    let svg = to_switching_svg(&scenes, SvgText::Embedded).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed");
    // The panels' fills are written once, outside any switch.
    let regions = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("regions"))
        .unwrap();
    assert!(!regions.descendants().any(|n| n.has_tag_name("switch")));
    assert!(doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .all(|t| t.ancestors().any(|a| a.has_tag_name("switch"))));
    for scene in &scenes {
        let shown = texts_for(&doc, system_language(scene.lang)).len();
        let what = format!("overview {}", scene.lang.code());
        assert_eq!(shown, scene.texts().count(), "{what}");
        assert_laid_out(scene, &what);
    }
}
