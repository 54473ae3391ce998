//! Print checks on the painted raster: black and white stays grey, land stays land.

use super::png::rasterise;
use crate::color::Rgb;
use crate::model::TreatyMap;
use crate::options::{MapOptions, Style};
use crate::scene::{Item, Scene};
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
        .map(|&y| TreatyMap::for_year_in(&data, y, Style::Mono).unwrap())
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
    let colour = TreatyMap::for_year_in(&data, 1912, Style::Colour).unwrap();
    let scene = Scene::for_map(&colour, &colour.key, &options);
    assert!(scene_colours(&scene).iter().any(|c| !is_grey(*c)));
}
