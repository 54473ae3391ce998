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
//! 5. [`render`]: the scene as SVG (plotters) and PNG (the SVG rasterised), or the map as GeoJSON.
//! 6. [`output`]: files written whole or not at all.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

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
    let map = dataset.map_for_year(year)?;
    let mut out = Vec::with_capacity(formats.len());
    let needs_svg = formats
        .iter()
        .any(|f| matches!(f, Format::Svg | Format::Png));
    let svg = if needs_svg {
        Some(render::svg::to_svg(&Scene::from_map(&map, options))?)
    } else {
        None
    };
    for &format in formats {
        let bytes = match format {
            Format::Svg => svg.clone().expect("rendered above").into_bytes(),
            Format::Png => {
                render::png::svg_to_png(svg.as_deref().expect("rendered above"), png_scale)?
            }
            Format::GeoJson => render::geojson::to_geojson(&map)?.into_bytes(),
        };
        out.push((format, bytes));
    }
    Ok(out)
}
