//! Any text as any GeoJSON layer: the loader returns a value or an error, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spheres_map::{DataFiles, Dataset};

/// A valid regions layer and treaty file, for when the fuzzed text goes into another layer.
const REGIONS: &str = include_str!("../../tests/invalid_data/valid_base/regions.geojson");
const TREATIES: &str = include_str!("../../tests/invalid_data/valid_base/treaties.toml");

fuzz_target!(|input: &[u8]| {
    // The first byte picks the layer, the rest is its text (the loader takes UTF-8 only).
    let Some((&which, text)) = input.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let mut files = DataFiles {
        treaties: TREATIES,
        regions: REGIONS,
        ..DataFiles::default()
    };
    match which % 6 {
        0 => files.regions = text,
        1 => files.lines = Some(text),
        2 => files.rivers = Some(text),
        3 => files.lakes = Some(text),
        4 => files.railways = Some(text),
        _ => files.places = Some(text),
    }
    let _ = Dataset::from_files(&files);
});
