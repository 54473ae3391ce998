//! # spheres-map
//!
//! Publication-quality maps of the spheres of influence that Japan and Russia drew in North-East
//! Asia in their secret agreements of 1907, 1910, 1912 and 1916.
//!
//! The pipeline runs in one direction, one module per step:
//!
//! 1. [`data`]: GeoJSON outlines and the treaty file → [`data::geodata::Geodata`] and
//!    [`data::treaties::Treaties`] (bundled, or from a folder with `--data`).
//! 2. [`model`]: the join for one year → [`model::TreatyMap`] (who holds what, which lines).
//! 3. [`projection`]: Lambert conformal conic, fitted to the map frame.
//! 4. [`scene`]: layout in pixels → [`scene::Scene`] (fills, lines, labels, legend, title).
//! 5. [`render`]: the scene through plotters as SVG or as an anti-aliased PNG (a tiny-skia
//!    backend), or the map as GeoJSON.
//! 6. [`output`]: files written whole or not at all; [`batch`] runs many maps in parallel.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod batch;
pub mod data;
pub mod error;
pub mod model;
pub mod output;
pub mod projection;
pub mod render;
pub mod scene;

pub use error::{Error, Result};
pub use model::{Dataset, TreatyMap};
pub use render::Format;
pub use scene::{Scene, SceneOptions};

/// Renders one year in the given formats, in memory. Returns (format, bytes) pairs.
///
/// ```
/// use spheres_map::{render_year, Dataset, Format, SceneOptions};
/// let data = Dataset::embedded().unwrap();
/// let files = render_year(&data, 1912, &[Format::Svg], &SceneOptions::default(), 1.0).unwrap();
/// assert!(files[0].1.starts_with(b"<svg"));
/// ```
pub fn render_year(
    dataset: &Dataset,
    year: i32,
    formats: &[Format],
    options: &SceneOptions,
    png_scale: f64,
) -> Result<Vec<(Format, Vec<u8>)>> {
    let request = batch::BatchRequest {
        years: vec![year],
        formats: formats.to_vec(),
        options: *options,
        png_scale,
        overview: false,
        timeline: false,
    };
    Ok(batch::render_all(dataset, &request, &|_| {})?
        .into_iter()
        .filter_map(|(job, bytes)| match job.kind {
            batch::JobKind::Year(_, format) => Some((format, bytes)),
            _ => None,
        })
        .collect())
}
