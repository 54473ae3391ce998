//! The laid-out scene: no overlapping text, every important label placed, layers that know what
//! they depict, and a snapshot that catches a moved line or label.

use super::*;
use crate::data::Dataset;
use crate::model::palette;
use crate::scene::typescale;

fn scene(year: i32, options: &MapOptions) -> Scene {
    let data = Dataset::embedded().unwrap();
    let map = TreatyMap::for_year(&data, year).unwrap();
    Scene::for_map(&map, &map.key, options)
}

/// No two texts of a page overlap and none leaves it (shared by the language and switching-SVG
/// tests).
pub(crate) fn assert_laid_out(scene: &Scene, what: &str) {
    let boxes: Vec<_> = scene
        .texts()
        .map(|t| (t.text.clone(), text_bounds(t)))
        .collect();
    for (i, (a, ba)) in boxes.iter().enumerate() {
        for (b, bb) in &boxes[i + 1..] {
            assert!(
                !ba.grown(-0.5).overlaps(&bb.grown(-0.5)),
                "{what}: '{a}' overlaps '{b}'"
            );
        }
        assert!(
            ba.x0 >= 0.0 && ba.y0 >= 0.0 && ba.x1 <= scene.width && ba.y1 <= scene.height,
            "{what}: '{a}' leaves the page"
        );
    }
}

#[test]
fn no_two_labels_overlap() {
    for (w, h) in [(1920, 1080), (1600, 1200), (1200, 1500)] {
        let options = MapOptions {
            width: w,
            height: h,
            ..MapOptions::default()
        };
        for year in [1907, 1910, 1912, 1916] {
            assert_laid_out(&scene(year, &options), &format!("{w}x{h} {year}"));
        }
    }
}

#[test]
fn main_places_and_regions_are_labelled_on_slides() {
    for year in [1907, 1910, 1912, 1916] {
        let s = scene(year, &MapOptions::default());
        let texts: Vec<&str> = s.texts().map(|t| t.text.as_str()).collect();
        for name in [
            "Harbin",
            "Mukden",
            "Dairen",
            "Port Arthur",
            "Urga",
            "Vladivostok",
        ] {
            assert!(
                texts.contains(&name),
                "{year}: '{name}' not labelled (dropped: {:?})",
                s.dropped_labels
            );
        }
        for region in ["KOREA", "OUTER MONGOLIA"] {
            assert!(
                texts.iter().any(|t| t.contains(region)),
                "{year}: no '{region}' label"
            );
        }
    }
}

/// Text positions and treaty-line geometry of the 1912 slide, rounded to 0.1 px.
#[test]
fn snapshot_1912_slide() {
    let s = scene(1912, &MapOptions::default());
    let mut digest = String::new();
    for layer in &s.layers {
        for group in &layer.groups {
            for item in &group.items {
                match item {
                    Item::Text(t) => digest.push_str(&format!(
                        "text {:.1},{:.1} {:.1} {}\n",
                        t.x, t.baseline, t.size, t.text
                    )),
                    // The ink of each treaty line (its casing is wider): every 8th vertex.
                    Item::Line { points, color, .. }
                        if layer.id == LayerId::TreatyLines && *color == palette::TREATY_LINE =>
                    {
                        let pts: Vec<String> = points
                            .iter()
                            .step_by(8)
                            .map(|p| format!("{:.1},{:.1}", p.0, p.1))
                            .collect();
                        digest.push_str(&format!("line {}\n", pts.join(" ")));
                    }
                    _ => {}
                }
            }
        }
    }
    insta::assert_snapshot!("scene_1912_slide", digest);
}

/// Every feature of the map is one group in its layer, named by what it depicts.
#[test]
fn layers_know_what_they_depict() {
    let s = scene(1912, &MapOptions::default());
    let features = |id: LayerId| -> Vec<Feature> {
        s.layer(id)
            .groups
            .iter()
            .filter_map(|g| g.feature.clone())
            .collect()
    };
    let regions = features(LayerId::Regions);
    for id in [
        "korea",
        "south_manchuria",
        "north_manchuria",
        "outer_mongolia",
    ] {
        let n = regions
            .iter()
            .filter(|f| **f == Feature::Region(id.into()))
            .count();
        assert_eq!(n, 1, "region {id} in the regions layer");
    }
    assert!(features(LayerId::Land).contains(&Feature::Region("russian_empire".into())));
    let lines = features(LayerId::TreatyLines);
    assert!(
        lines.contains(&Feature::Line("line_1907".into())),
        "{lines:?}"
    );
    assert!(features(LayerId::Places).contains(&Feature::Place("harbin".into())));
    assert!(features(LayerId::Labels).contains(&Feature::Place("harbin".into())));
    // Hatching belongs to the regions it covers: none in 1912 except undefined land.
    let korea = s
        .layer(LayerId::Regions)
        .groups
        .iter()
        .find(|g| g.feature == Some(Feature::Region("korea".into())))
        .unwrap();
    assert_eq!(korea.title.as_deref(), Some("Korea: Japanese colony"));
    assert_eq!(korea.class, "power-japan status-colony");
    // Text only in the layers meant for it.
    for layer in &s.layers {
        let has_text = layer
            .groups
            .iter()
            .flat_map(|g| &g.items)
            .any(|i| matches!(i, Item::Text(_)));
        let may = matches!(
            layer.id,
            LayerId::Graticule
                | LayerId::ScaleBar
                | LayerId::Labels
                | LayerId::Title
                | LayerId::Key
                | LayerId::Credit
        );
        assert!(!has_text || may, "text in layer {}", layer.id.name());
    }
}

/// 1907: concession zones are hatched, each hatch group naming its region.
#[test]
fn hatching_is_grouped_by_region() {
    let s = scene(1907, &MapOptions::default());
    let hatched: Vec<&str> = s
        .layer(LayerId::Hatching)
        .groups
        .iter()
        .filter_map(|g| g.feature.as_ref().map(Feature::id))
        .collect();
    assert!(hatched.contains(&"south_manchuria"), "{hatched:?}");
    assert!(hatched.contains(&"north_manchuria"), "{hatched:?}");
    assert!(s
        .layer(LayerId::Hatching)
        .groups
        .iter()
        .all(|g| g.items.iter().all(|i| matches!(i, Item::Line { .. }))));
}

/// Every page a user can ask for: each preset, a portrait page and a detail map.
fn pages() -> Vec<(String, MapOptions)> {
    use crate::options::Preset;
    let mut pages: Vec<(String, MapOptions)> = [
        Preset::Slide,
        Preset::Slide4x3,
        Preset::Article,
        Preset::Column,
        Preset::Thumbnail,
    ]
    .into_iter()
    .map(|p| {
        (
            format!("{p:?}"),
            MapOptions::for_preset(Some(p), None).unwrap(),
        )
    })
    .collect();
    pages.push(("screen".into(), MapOptions::default()));
    pages.push((
        "portrait".into(),
        MapOptions {
            width: 1000,
            height: 1400,
            ..MapOptions::default()
        },
    ));
    pages.push((
        "detail".into(),
        MapOptions {
            extent: Some([118.0, 37.0, 132.0, 48.0]),
            ..MapOptions::default()
        },
    ));
    pages
}

/// No two texts overlap, none leaves the page, none is under the page's minimum size.
fn check_page(name: &str, s: &Scene, min: f64) {
    let boxes: Vec<_> = s.texts().map(|t| (t, text_bounds(t))).collect();
    for (i, (a, ba)) in boxes.iter().enumerate() {
        assert!(
            a.size >= min - 1e-6,
            "{name}: '{}' at {:.1} px, under {min:.1}",
            a.text,
            a.size
        );
        assert!(
            ba.x0 >= -0.5 && ba.x1 <= s.width + 0.5 && ba.y0 >= -0.5 && ba.y1 <= s.height + 0.5,
            "{name}: '{}' leaves the page",
            a.text
        );
        for (b, bb) in &boxes[i + 1..] {
            assert!(
                !ba.grown(-0.5).overlaps(&bb.grown(-0.5)),
                "{name}: '{}' overlaps '{}'",
                a.text,
                b.text
            );
        }
    }
}

/// Issue 10: the print-grade layout on every page, for 1907, 1912 (in colour and in black and
/// white, whose names are longer by their holders' marks) and the overview.
#[test]
fn issue10_every_page_lays_out_cleanly() {
    use crate::options::{Lang, Style};
    let data = Dataset::embedded().unwrap();
    let maps: Vec<TreatyMap> = data
        .agreement_years()
        .into_iter()
        .map(|y| TreatyMap::for_year(&data, y).unwrap())
        .collect();
    let mono: Vec<TreatyMap> = data
        .agreement_years()
        .into_iter()
        .map(|y| TreatyMap::for_year_in(&data, y, Lang::En, Style::Mono).unwrap())
        .collect();
    for (name, options) in pages() {
        let t = typescale::TypeScale::for_page(&options);
        assert!(
            t.region > t.place[0],
            "{name}: region names larger than towns"
        );
        let pages = maps
            .iter()
            .chain(&mono)
            .filter(|m| m.year == 1907 || m.year == 1912);
        for map in pages {
            let s = Scene::for_map(map, &map.key, &options);
            let label = format!("{name} {} {:?}", map.year, map.palette.style);
            check_page(&label, &s, t.min);
            // Every main town with a dot on the map is named, on every page; so is every region
            // the agreements assign (inside it or in a callout).
            {
                let regions = map
                    .regions
                    .iter()
                    .filter(|r| r.role == crate::data::geodata::Role::Sphere)
                    .map(|r| r.map_label.as_str());
                let main: Vec<&str> = map
                    .places
                    .iter()
                    .filter(|p| p.rank == 1)
                    .map(|p| p.name.as_str())
                    .chain(regions)
                    .collect();
                let dropped: Vec<&String> = s
                    .dropped_labels
                    .iter()
                    .filter(|d| main.iter().any(|m| d.contains(m)))
                    .collect();
                assert!(
                    dropped.is_empty(),
                    "{label}: main towns or regions dropped: {dropped:?}"
                );
            }
        }
        for (style, maps) in [("colour", &maps), ("mono", &mono)] {
            let overview = Scene::overview(maps, &options);
            check_page(&format!("{name} {style} overview"), &overview, t.min);
        }
    }
}

/// Issue 10: a region name moved out of its region stays by it. A callout's leader line is at
/// most five times the name's size long on every page and in every year of the agreements (a
/// long line across the map would make the name seem to label what it passes over).
#[test]
fn issue10_callouts_stay_by_their_regions() {
    let data = Dataset::embedded().unwrap();
    for (name, options) in pages() {
        for year in data.agreement_years() {
            let map = TreatyMap::for_year(&data, year).unwrap();
            let scene = Scene::for_map(&map, &map.key, &options);
            for group in scene.layers.iter().flat_map(|l| &l.groups) {
                if group.class != "callout" {
                    continue;
                }
                let size = group.items.iter().find_map(|i| match i {
                    Item::Text(t) => Some(t.size),
                    _ => None,
                });
                let leader = group.items.iter().find_map(|i| match i {
                    Item::Line { points, .. } => Some(points.clone()),
                    _ => None,
                });
                let (Some(size), Some(leader)) = (size, leader) else {
                    panic!("{name} {year}: a callout without its name or leader line");
                };
                let length: f64 = leader
                    .windows(2)
                    .map(|s| (s[1].0 - s[0].0).hypot(s[1].1 - s[0].1))
                    .sum();
                assert!(
                    length <= 5.0 * size,
                    "{name} {year}: a leader line of {:.1} em to {:?}",
                    length / size,
                    group.feature
                );
            }
        }
    }
}

/// A sphere's name goes inside its region where the main towns' names can move aside: on the
/// article page North Manchuria's name fits between Tsitsihar, Harbin and the 1907 line once the
/// towns leave it the place it holds. (Before, the towns took their first places and sent it out
/// to a callout in every year.)
#[test]
fn issue10_a_sphere_name_stays_inside_when_the_towns_can_move_aside() {
    use crate::options::Preset;
    let data = Dataset::embedded().unwrap();
    let options = MapOptions::for_preset(Some(Preset::Article), None).unwrap();
    for year in data.agreement_years() {
        let map = TreatyMap::for_year(&data, year).unwrap();
        let scene = Scene::for_map(&map, &map.key, &options);
        let north_manchuria: Vec<&Group> = scene
            .layers
            .iter()
            .flat_map(|l| &l.groups)
            .filter(|g| g.feature == Some(Feature::Region("north_manchuria".into())))
            .filter(|g| g.items.iter().any(|i| matches!(i, Item::Text(_))))
            .collect();
        assert_eq!(north_manchuria.len(), 1, "{year}");
        assert_ne!(north_manchuria[0].class, "callout", "{year}");
    }
}

/// The land beyond the three powers and China stands for several countries under one fill: it
/// is never named, in any language, even where much of it shows (tall overview panels reach
/// down to Indochina).
#[test]
fn land_of_several_countries_is_never_named() {
    use crate::options::{Lang, Preset, Style};
    let data = Dataset::embedded().unwrap();
    for lang in [Lang::En, Lang::Ru] {
        let options = MapOptions {
            lang,
            ..MapOptions::for_preset(Some(Preset::Thumbnail), None).unwrap()
        };
        let maps: Vec<TreatyMap> = [1907, 1910, 1912, 1916]
            .iter()
            .map(|&y| TreatyMap::for_year_in(&data, y, lang, Style::Colour).unwrap())
            .collect();
        let overview = Scene::overview(&maps, &options);
        let other = maps[0]
            .regions
            .iter()
            .find(|r| r.id == "other_land")
            .unwrap();
        assert!(other.map_label.is_empty(), "{}", lang.code());
        assert!(
            !overview
                .texts()
                .any(|t| t.text.to_lowercase().contains("other land")),
            "{}",
            lang.code()
        );
    }
}

/// Issue 10: a one-column page keeps its width and grows taller where a longer key would leave
/// the map narrower than the page (Russian in black and white), and no taller than a journal's
/// page; the English page keeps its 85 × 140 mm.
#[test]
fn a_column_page_grows_for_its_key_not_its_map() {
    use crate::options::{Lang, Preset, Style};
    let data = Dataset::embedded().unwrap();
    let column = MapOptions::for_preset(Some(Preset::Column), None).unwrap();
    let english = TreatyMap::for_year(&data, 1907).unwrap();
    let page = Scene::for_map(&english, &english.key, &column);
    assert_eq!(page.print_size_mm, Some((85.0, 140.0)));
    let options = MapOptions {
        lang: Lang::Ru,
        ..column
    };
    let russian = TreatyMap::for_year_in(&data, 1907, Lang::Ru, Style::Mono).unwrap();
    let scene = Scene::for_map(&russian, &russian.key, &options);
    let (width_mm, height_mm) = scene.print_size_mm.unwrap();
    assert_eq!(width_mm, 85.0);
    assert!(height_mm > 140.0 && height_mm <= 230.0, "{height_mm} mm");
    assert_eq!(
        scene.height,
        Scene::page_height(&russian, &russian.key, &options)
    );
    let frame = scene
        .layer(LayerId::Frame)
        .groups
        .iter()
        .flat_map(|g| &g.items)
        .find_map(|i| match i {
            Item::Rect { rect, .. } => Some(rect.width),
            _ => None,
        });
    assert!(frame.is_some_and(|w| w >= 0.8 * scene.width), "{frame:?}");
}
