//! The whole path from every input file: the input is split at NUL bytes into the treaty file and
//! the six layers (regions, lines, rivers, lakes, railways, places), in that order. A part that
//! is missing or empty falls back to the small dataset of `tests/invalid_data/valid_base` (or,
//! for a layer it lacks, to no layer). The dataset is joined, laid out and drawn as SVG and PNG,
//! and exported as GeoJSON, for a few years.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spheres_map::{render_map, DataFiles, Dataset, Format, MapOptions};

const TREATIES: &str = include_str!("../../tests/invalid_data/valid_base/treaties.toml");
const REGIONS: &str = include_str!("../../tests/invalid_data/valid_base/regions.geojson");
const LINES: &str = include_str!("../../tests/invalid_data/valid_base/lines.geojson");
const PLACES: &str = include_str!("../../tests/invalid_data/valid_base/places.geojson");

fuzz_target!(|input: &[u8]| {
    // NUL cannot appear in a valid file (the loaders refuse control characters), so it is free
    // to separate the parts.
    let mut parts = input.split(|&b| b == 0).map(std::str::from_utf8);
    let mut next = || -> Option<Result<&str, std::str::Utf8Error>> {
        parts.next().filter(|p| !matches!(p, Ok("")))
    };
    let mut text = |default: Option<&'static str>| -> Result<Option<&str>, ()> {
        match next() {
            Some(Ok(part)) => Ok(Some(part)),
            Some(Err(_)) => Err(()),
            None => Ok(default),
        }
    };
    let (Ok(Some(treaties)), Ok(Some(regions)), Ok(lines), Ok(rivers), Ok(lakes), Ok(railways), Ok(places)) = (
        text(Some(TREATIES)),
        text(Some(REGIONS)),
        text(Some(LINES)),
        text(None),
        text(None),
        text(None),
        text(Some(PLACES)),
    ) else {
        return;
    };
    let Ok(dataset) = Dataset::from_files(&DataFiles {
        treaties,
        regions,
        lines,
        rivers,
        lakes,
        railways,
        places,
    }) else {
        return;
    };
    let options = MapOptions {
        width: 400,
        height: 300,
        ..MapOptions::default()
    };
    // A few years: each agreement's, and the ends of the range; one PNG.
    let mut years = dataset.agreement_years();
    years.truncate(3);
    years.push(*dataset.years().start());
    years.push(*dataset.years().end());
    for (i, year) in years.into_iter().enumerate() {
        let _ = render_map(&dataset, year, Format::Svg, &options);
        let _ = render_map(&dataset, year, Format::GeoJson, &options);
        if i == 0 {
            let _ = render_map(&dataset, year, Format::Png, &options);
        }
    }
});
