//! Painting a [`Scene`](crate::scene::Scene) into files. `plotting` turns a scene into plotters
//! calls; `svg` sends them to our SVG backend and `png` to a tiny-skia backend (`raster`), so
//! the formats draw the same calls and cannot disagree. `geojson` exports the resolved map.

pub(crate) mod geojson;
pub(crate) mod gif;
mod glyphs;
mod plotting;
pub(crate) mod png;
mod raster;
pub(crate) mod svg;

use crate::error::{Error, Result};
use crate::options::MapOptions;
use crate::scene::Scene;

/// Paints a laid-out page in a drawn format (SVG, or PNG at the options' PNG scale).
pub(crate) fn paint(scene: &Scene, format: Format, options: &MapOptions) -> Result<Vec<u8>> {
    match format {
        Format::Svg => Ok(svg::to_svg(scene)?.into_bytes()),
        Format::Png => {
            let (w, h) = options.png_size();
            png::scene_to_png(scene, w, h)
        }
        Format::GeoJson => Err(Error::Usage(
            "GeoJSON is exported from a map, not from a page".into(),
        )),
    }
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Scalable vector graphics, for print and editing.
    Svg,
    /// Anti-aliased raster, for slides.
    Png,
    /// The joined map as a GeoJSON FeatureCollection.
    GeoJson,
}

impl Format {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::GeoJson => "geojson",
        }
    }
}
