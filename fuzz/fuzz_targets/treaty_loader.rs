//! Any text as a treaty file; a file that loads must answer every year without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spheres_map::{render_map, DataFiles, Dataset, Format, MapOptions};

/// A valid regions layer for the fuzzed treaty file to name.
const REGIONS: &str = include_str!("../../tests/invalid_data/valid_base/regions.geojson");

fuzz_target!(|text: &str| {
    let Ok(dataset) = Dataset::from_files(&DataFiles {
        treaties: text,
        regions: REGIONS,
        ..DataFiles::default()
    }) else {
        return;
    };
    let _ = dataset.agreements();
    let (first, last) = (*dataset.years().start(), *dataset.years().end());
    let mut years = vec![
        i32::MIN,
        first.saturating_sub(1),
        first,
        last,
        last.saturating_add(1),
        i32::MAX,
    ];
    years.extend(dataset.agreement_years());
    for year in years {
        // GeoJSON: the join for the year without the cost of drawing.
        let _ = render_map(&dataset, year, Format::GeoJson, &MapOptions::default());
    }
});
