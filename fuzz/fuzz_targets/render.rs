//! The whole path: a small fixed dataset with its treaty file or its regions replaced by the
//! input, joined, laid out and drawn as SVG, and exported as GeoJSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spheres_map::data::geodata::{Geodata, GeodataText, LayerText};
use spheres_map::data::treaties::Treaties;
use spheres_map::{render_year, Dataset, Format, SceneOptions};

const REGIONS: &str = include_str!("../../tests/invalid_data/valid_base/regions.geojson");
const LINES: &str = include_str!("../../tests/invalid_data/valid_base/lines.geojson");
const PLACES: &str = include_str!("../../tests/invalid_data/valid_base/places.geojson");
const TREATIES: &str = include_str!("../../tests/invalid_data/valid_base/treaties.toml");

fuzz_target!(|input: &[u8]| {
    // The first byte picks what the rest replaces.
    let Some((&which, text)) = input.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let (regions, treaties) = if which % 2 == 0 {
        (REGIONS, text)
    } else {
        (text, TREATIES)
    };
    let layers = GeodataText {
        regions: LayerText {
            file: "regions.geojson",
            text: regions,
        },
        lines: Some(LayerText {
            file: "lines.geojson",
            text: LINES,
        }),
        rivers: None,
        lakes: None,
        railways: None,
        places: Some(LayerText {
            file: "places.geojson",
            text: PLACES,
        }),
    };
    let Ok(geodata) = Geodata::from_text(&layers, true) else {
        return;
    };
    let Ok(treaties) = Treaties::from_toml_str(treaties, "treaties.toml") else {
        return;
    };
    let Ok(dataset) = Dataset::new(geodata, treaties, "treaties.toml") else {
        return;
    };
    let options = SceneOptions {
        width: 400,
        height: 300,
        text_scale: 1.0,
        ..SceneOptions::default()
    };
    // A few years: each agreement's, and the ends of the range.
    let mut years = dataset.agreement_years();
    years.truncate(3);
    years.push(dataset.treaties.last_year);
    for year in years {
        let _ = render_year(&dataset, year, &[Format::Svg], &options, 1.0);
        if let Ok(map) = dataset.map_for_year(year) {
            let _ = spheres_map::render::geojson::to_geojson(&map);
        }
    }
});
