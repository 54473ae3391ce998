//! Any text as any GeoJSON layer: the loader returns a value or an error, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spheres_map::data::geodata::{Geodata, GeodataText, LayerText};

/// A valid regions layer, for when the fuzzed text goes into another layer.
const REGIONS: &str = include_str!("../../tests/invalid_data/valid_base/regions.geojson");

fuzz_target!(|input: &[u8]| {
    // The first byte picks the layer, the rest is its text (the loader takes UTF-8 only).
    let Some((&which, text)) = input.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let fuzzed = LayerText {
        file: "fuzz.geojson",
        text,
    };
    let mut layers = GeodataText {
        regions: LayerText {
            file: "regions.geojson",
            text: REGIONS,
        },
        lines: None,
        rivers: None,
        lakes: None,
        railways: None,
        places: None,
    };
    match which % 6 {
        0 => layers.regions = fuzzed,
        1 => layers.lines = Some(fuzzed),
        2 => layers.rivers = Some(fuzzed),
        3 => layers.lakes = Some(fuzzed),
        4 => layers.railways = Some(fuzzed),
        _ => layers.places = Some(fuzzed),
    }
    let _ = Geodata::from_text(&layers, true);
});
