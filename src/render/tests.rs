//! Print checks on the painted raster: black and white stays grey, land stays land.

use geo::{Contains, Point};

use super::png::rasterise;
use crate::color::Rgb;
use crate::data::geodata::Role;
use crate::model::TreatyMap;
use crate::options::{MapOptions, Preset, Style};
use crate::scene::{Item, LayerId, Scene};
use crate::Dataset;

fn is_grey(c: Rgb) -> bool {
    c.0 == c.1 && c.1 == c.2
}

/// Every colour a scene's items name.
fn scene_colours(scene: &Scene) -> Vec<Rgb> {
    let mut colours = Vec::new();
    for group in scene.layers.iter().flat_map(|l| &l.groups) {
        for item in &group.items {
            match item {
                Item::Fill { color, .. } | Item::Line { color, .. } => colours.push(*color),
                Item::Rect { fill, stroke, .. } => {
                    colours.extend(fill.iter().chain(stroke).map(|(c, _)| *c));
                }
                Item::Dot { fill, stroke, .. } => {
                    colours.push(*fill);
                    colours.extend(stroke.iter().map(|(c, _)| *c));
                }
                Item::Text(t) => colours.extend(std::iter::once(t.color).chain(t.halo)),
            }
        }
    }
    colours
}

/// Every pixel of the scene painted at its page size, as RGB.
fn pixels(scene: &Scene) -> (Vec<Rgb>, usize) {
    let (w, h) = (scene.width as u32, scene.height as u32);
    let pixmap = rasterise(scene, w, h).unwrap();
    let rgb = pixmap
        .pixels()
        .iter()
        .map(|p| {
            let c = p.demultiply();
            Rgb(c.red(), c.green(), c.blue())
        })
        .collect();
    (rgb, w as usize)
}

/// `--style mono`: the maps of 1907, 1912 and 1931 (occupation and puppet state) and their
/// overview, as the scene names them (what SVG and PDF write) and as painted (anti-aliasing and
/// hatching included), use pure greys only.
#[test]
fn mono_pages_are_painted_in_greys_only() {
    let data = Dataset::embedded().unwrap();
    let options = MapOptions {
        width: 900,
        height: 560,
        style: Style::Mono,
        ..MapOptions::default()
    };
    let maps: Vec<TreatyMap<'_>> = [1907, 1912, 1931]
        .iter()
        .map(|&y| TreatyMap::for_year_in(&data, y, crate::options::Lang::En, Style::Mono).unwrap())
        .collect();
    let mut scenes: Vec<(String, Scene)> = maps
        .iter()
        .map(|m| (m.year.to_string(), Scene::for_map(m, &m.key, &options)))
        .collect();
    scenes.push(("overview".into(), Scene::overview(&maps, &options)));
    for (what, scene) in &scenes {
        let named = scene_colours(scene);
        assert!(named.len() > 100, "{what}: an empty scene");
        if let Some(c) = named.iter().find(|c| !is_grey(**c)) {
            panic!("{what}: the scene names {c:?}");
        }
        let (painted, width) = pixels(scene);
        if let Some(i) = painted.iter().position(|c| !is_grey(*c)) {
            panic!(
                "{what}: pixel ({}, {}) is {:?}",
                i % width,
                i / width,
                painted[i]
            );
        }
    }
    // The colour style, on the same page, is not grey: the check can fail.
    let colour =
        TreatyMap::for_year_in(&data, 1912, crate::options::Lang::En, Style::Colour).unwrap();
    let scene = Scene::for_map(&colour, &colour.key, &options);
    assert!(scene_colours(&scene).iter().any(|c| !is_grey(*c)));
}
/// Issue 10: land outside the sphere regions, where a page's frame shows it, is painted as the
/// land it is (China, the Russian Empire), never as sea: on a portrait page and on a 4:3 slide.
#[test]
fn land_beyond_the_spheres_is_painted_as_land() {
    let data = Dataset::embedded().unwrap();
    let portrait = MapOptions {
        width: 1000,
        height: 1400,
        ..MapOptions::default()
    };
    let slide = MapOptions::for_preset(Some(Preset::Slide4x3), None).unwrap();
    // China proper (Sichuan, Shaanxi, Hubei, Gansu, Shandong) and the Russian Empire (north of
    // Baikal, Transbaikalia, the lower Amur).
    let points = [
        ("Sichuan", 104.0, 30.5),
        ("Shaanxi", 108.5, 34.5),
        ("Hubei", 112.5, 31.0),
        ("Gansu", 101.0, 37.0),
        ("Shandong", 118.0, 36.0),
        ("Siberia", 110.0, 56.0),
        ("Transbaikalia", 115.0, 53.5),
        ("Lower Amur", 134.0, 51.5),
    ];
    for (page, options) in [("portrait", portrait), ("slide-4x3", slide)] {
        for year in [1907, 1912] {
            let map = TreatyMap::for_year(&data, year).unwrap();
            // Only what paints land and sea: paper, sea, context land and the sphere regions.
            let mut scene = Scene::for_map(&map, &map.key, &options);
            for layer in &mut scene.layers {
                if !matches!(
                    layer.id,
                    LayerId::Background | LayerId::Land | LayerId::Regions
                ) {
                    layer.groups.clear();
                }
            }
            let (layout, t, _) = Scene::frame_of(&map, &map.key, &options, Default::default());
            let (painted, width) = pixels(&scene);
            let mut inside = 0;
            for (place, lon, lat) in points {
                let (x, y) = t.px(lon, lat);
                let f = layout.frame;
                let [left, top, right, bottom] = [f.left, f.top, f.right(), f.bottom()];
                if !(left + 3.0..right - 3.0).contains(&x)
                    || !(top + 3.0..bottom - 3.0).contains(&y)
                {
                    continue;
                }
                inside += 1;
                let region = map
                    .regions
                    .iter()
                    .find(|r| r.geometry.contains(&Point::new(lon, lat)))
                    .unwrap_or_else(|| panic!("{page} {year}: no region holds {place}"));
                assert_eq!(region.role, Role::Context, "{place} is in a sphere region");
                // A 5 × 5 block, all of it the region's fill.
                let block: Vec<Rgb> = (-2..=2)
                    .flat_map(|dy| (-2..=2).map(move |dx| (dx, dy)))
                    .map(|(dx, dy)| {
                        let (px, py) = ((x as i64 + dx) as usize, (y as i64 + dy) as usize);
                        painted[py * width + px]
                    })
                    .collect();
                let sea = block.iter().filter(|c| **c == map.palette.water).count();
                assert!(
                    block.iter().all(|c| *c == region.style.fill),
                    "{page} {year}: {place} ({lon}° E, {lat}° N) at ({x:.0}, {y:.0}) is not \
                     all the fill of {} ({sea}/25 sea)",
                    region.id
                );
            }
            // The tall page shows every one of them (it stretches north and south over land).
            let wanted = if page == "portrait" { points.len() } else { 5 };
            assert!(
                inside >= wanted,
                "{page} {year}: only {inside} sample points inside the frame"
            );
        }
    }
}
