//! # spheres-map
//!
//! Publication-quality maps of the spheres of influence that Japan and Russia drew in North-East
//! Asia in their secret agreements of 1907, 1910, 1912 and 1916, and of what came before and
//! after them, from the Treaty of Portsmouth (1905) to the Soviet invasion of Manchuria (1945).
//!
//! The pipeline runs in one direction, one module per step; no step names a later one:
//!
//! 1. `data`: GeoJSON outlines and the treaty file → a checked [`Dataset`] (bundled, or from a
//!    folder).
//! 2. `model`: the join for one year → a resolved map: each region's power, status and colours,
//!    the lines, railways and places of that year, every text and the key.
//! 3. `projection`: Lambert conformal conic, fitted to the map frame.
//! 4. `scene`: layout in pixels → a scene of named layers (background, land, regions, hatching,
//!    water, …, key, credit) whose groups know what they depict.
//! 5. `render`: the scene through plotters' drawing API as SVG (with layers, ids, titles and its
//!    font subset), as an anti-aliased PNG (with its dpi) or as a print PDF (fonts embedded,
//!    text searchable); or every layer of the resolved map as GeoJSON; or the scenes of many years
//!    as one shared drawing on a self-contained interactive HTML page.
//! 6. `output` and [`batch`]: files written whole or not at all; many maps in parallel.
//!
//! ```
//! use spheres_map::{render_map, Dataset, Format, MapOptions};
//! let data = Dataset::embedded()?;
//! let svg = render_map(&data, 1912, Format::Svg, &MapOptions::default())?;
//! assert!(svg.starts_with(b"<svg"));
//! // Years the data does not cover are refused with a message that gives the range.
//! let err = render_map(&data, 1946, Format::Svg, &MapOptions::default()).unwrap_err();
//! assert_eq!(err.to_string(), "no map for 1946: choose a year from 1905 to 1945");
//! # Ok::<(), spheres_map::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod batch;
mod color;
mod data;
mod error;
mod model;
mod options;
mod output;
mod projection;
mod render;
mod scene;

pub use data::{AgreementInfo, DataFiles, Dataset, MAX_FILE_BYTES};
pub use error::{Error, Result};
pub use options::{Lang, MapOptions, Page, Preset, Style, SvgText};
pub use render::page::MAX_PAGE_BYTES;
pub use render::Format;

use model::TreatyMap;
use scene::Scene;

/// Renders the map of the arrangement in force at the end of `year`, in one format, in memory.
/// The primitive every batch is made of.
pub fn render_map(
    dataset: &Dataset,
    year: i32,
    format: Format,
    options: &MapOptions,
) -> Result<Vec<u8>> {
    options.check()?;
    dataset.check_extent(options.extent)?;
    let map = TreatyMap::for_year_in(dataset, year, options.lang, options.style)?;
    match format {
        Format::GeoJson => Ok(render::geojson::to_geojson(&map)?.into_bytes()),
        Format::Html => Ok(render::page::to_html(&[map], options, &[])?.into_bytes()),
        Format::Svg | Format::Png | Format::Pdf => {
            let scene = Scene::for_map(&map, &map.key, options);
            scene.check_glyphs()?;
            render::paint(&scene, format, options, render::Cores::All)
        }
    }
}

/// The agreements of the data (as [`Dataset::agreements`]) with their names, summaries and
/// dates in `lang`; a summary the language has no translation for is left empty.
pub fn agreements_in(dataset: &Dataset, lang: Lang) -> Vec<AgreementInfo> {
    let s = model::strings::strings(lang);
    dataset
        .agreements()
        .into_iter()
        .zip(&dataset.treaties.agreements)
        .map(|(info, agreement)| AgreementInfo {
            signed: s.date(agreement.signed),
            name: s.tr(&info.name).to_string(),
            summary: s.tr_only(&info.summary).unwrap_or_default().to_string(),
            ..info
        })
        .collect()
}

/// Adds fonts (TrueType or OpenType files, with a name for messages) that draw characters the
/// bundled fonts lack, tried in order after them. Once per process, before the first map.
pub fn add_fonts(files: Vec<(String, Vec<u8>)>) -> Result<()> {
    scene::text::set_user_fonts(files)
}

/// Checks that `dir` can be an output folder before any work is done: it may be missing (it is
/// created) or a folder, but not an existing file.
///
/// ```
/// let file = std::env::current_exe().unwrap();
/// let err = spheres_map::check_output_dir(&file).unwrap_err();
/// assert!(err.to_string().contains("is a file, not a folder"));
/// ```
pub fn check_output_dir(dir: &std::path::Path) -> Result<()> {
    match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => Err(Error::Usage(format!(
            "--out '{}' is a file, not a folder: name a folder (it is created if needed)",
            error::printable(&dir.to_string_lossy())
        ))),
        _ => Ok(()),
    }
}
