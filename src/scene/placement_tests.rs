//! Where the spheres' names go and whether the key's texts come out whole: a sphere's name inside
//! its region wherever it fits at the page's smallest size, on the maps and the overview's panels,
//! and no paragraph of the key cut short.

use super::*;
use crate::data::geodata::Role;
use crate::data::Dataset;
use crate::options::{Lang, Preset, Style};

/// Whether a point lies inside a region's fill rings (even-odd over all its rings).
fn inside_rings(rings: &[&Vec<Px>], p: Px) -> bool {
    let mut inside = false;
    for ring in rings {
        for (a, b) in ring.iter().zip(ring.iter().cycle().skip(1)) {
            if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) * (b.0 - a.0) / (b.1 - a.1) {
                inside = !inside;
            }
        }
    }
    inside
}

/// The centre of each name of `id` set on the map, inside its region or also in a callout.
fn name_centres(scene: &Scene, id: &str, callouts: bool) -> Vec<Px> {
    scene
        .layer(LayerId::Labels)
        .groups
        .iter()
        .filter(|g| g.feature == Some(Feature::Region(id.into())))
        .filter(|g| callouts || g.class != "callout")
        .filter_map(|g| {
            let texts: Vec<&TextItem> = g
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(t) => Some(t),
                    _ => None,
                })
                .collect();
            let b = region_labels::union_of(&texts.into_iter().cloned().collect::<Vec<_>>());
            (b.x0 < b.x1).then_some(((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0))
        })
        .collect()
}

fn region_rings<'s>(scene: &'s Scene, id: &str) -> Vec<&'s Vec<Px>> {
    scene
        .layer(LayerId::Regions)
        .groups
        .iter()
        .filter(|g| g.feature == Some(Feature::Region(id.into())))
        .flat_map(|g| &g.items)
        .filter_map(|i| match i {
            Item::Fill { points, .. } => Some(points),
            _ => None,
        })
        .collect()
}

/// The Japanese sphere's names on the article page and the slides: South Manchuria and Eastern
/// Inner Mongolia inside their regions, not out at sea in a callout (the towns' names took their
/// room first, and the grid of places missed the gap between Changchun's and Mukden's dots).
/// On the one-column page South Manchuria does not fit at 6 pt, and is not tested there.
#[test]
fn the_spheres_are_named_inside_their_regions() {
    let data = Dataset::embedded().unwrap();
    for preset in [Preset::Article, Preset::Slide4x3, Preset::Slide] {
        let options = MapOptions::for_preset(Some(preset), None).unwrap();
        for year in [1912, 1916] {
            let map = TreatyMap::for_year(&data, year).unwrap();
            let scene = Scene::for_map(&map, &map.key, &options);
            for id in ["south_manchuria", "east_inner_mongolia"] {
                let centres = name_centres(&scene, id, false);
                let rings = region_rings(&scene, id);
                assert_eq!(centres.len(), 1, "{preset:?} {year}: {id} not named inside");
                assert!(
                    inside_rings(&rings, centres[0]),
                    "{preset:?} {year}: {id}'s name at {:?} is outside its region",
                    centres[0]
                );
            }
        }
    }
}

/// Every panel of the slide's and the article's overview names the regions of both spheres that
/// show on it, inside them or in a callout (the Japanese sphere's were left unnamed: panels had
/// no callouts; these are at least 24 names' heights wide).
#[test]
fn overview_panels_name_both_spheres() {
    let data = Dataset::embedded().unwrap();
    let maps: Vec<TreatyMap> = [1907, 1910, 1912, 1916]
        .iter()
        .map(|&y| TreatyMap::for_year(&data, y).unwrap())
        .collect();
    for preset in [Preset::Slide, Preset::Article] {
        let options = MapOptions::for_preset(Some(preset), None).unwrap();
        let scene = Scene::overview(&maps, &options);
        for id in [
            "south_manchuria",
            "korea",
            "north_manchuria",
            "outer_mongolia",
        ] {
            let panels = maps
                .iter()
                .filter(|m| {
                    m.regions
                        .iter()
                        .any(|r| r.id == id && r.role == Role::Sphere)
                })
                .count();
            assert_eq!(
                name_centres(&scene, id, true).len(),
                panels,
                "{preset:?} overview: {id} named on too few panels (dropped: {:?})",
                scene.dropped_labels
            );
        }
    }
}

/// The key's paragraph on the agreement is drawn whole or not at all: never cut mid-sentence;
/// on the English article page always, under the map where the key's column has no room.
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
                // The English article page has room for it: beside the map or under it.
                if lang == Lang::En && preset == Some(Preset::Article) {
                    assert!(!drawn.is_empty(), "{what}: the note is left out");
                }
            }
        }
    }
}
