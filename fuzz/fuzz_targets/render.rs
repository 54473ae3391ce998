//! The whole path: a small fixed dataset with its treaty file or its regions replaced by the
//! input, joined, laid out and drawn as SVG, and exported as GeoJSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spheres_map::{render_map, DataFiles, Dataset, Format, MapOptions};

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
    let Ok(dataset) = Dataset::from_files(&DataFiles {
        treaties,
        regions,
        lines: Some(LINES),
        places: Some(PLACES),
        ..DataFiles::default()
    }) else {
        return;
    };
    let options = MapOptions {
        width: 400,
        height: 300,
        ..MapOptions::default()
    };
    // A few years: each agreement's, and the ends of the range.
    let mut years = dataset.agreement_years();
    years.truncate(3);
    years.push(*dataset.years().end());
    for year in years {
        let _ = render_map(&dataset, year, Format::Svg, &options);
        let _ = render_map(&dataset, year, Format::GeoJson, &options);
    }
});
