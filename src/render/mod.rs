//! Painting a [`Scene`](crate::scene::Scene) into files. `plotting` turns a scene into plotters
//! calls; `svg` sends them to our SVG backend, `png` to a tiny-skia backend (`raster`) and `pdf`
//! to a krilla page, so the formats draw the same calls and cannot disagree; `glyphs` sets their
//! text. `geojson` exports every layer of the resolved map.

pub(crate) mod geojson;
pub(crate) mod gif;
mod glyphs;
pub(crate) mod pdf;
mod plotting;
pub(crate) mod png;
mod raster;
pub(crate) mod svg;
mod svg_fonts;

use crate::error::{Error, Result};
use crate::options::MapOptions;
use crate::scene::Scene;

/// Paints a laid-out page in a drawn format (SVG with the options' text mode, PNG at their PNG
/// scale, PDF in RGB or CMYK).
pub(crate) fn paint(scene: &Scene, format: Format, options: &MapOptions) -> Result<Vec<u8>> {
    match format {
        Format::Svg => Ok(svg::to_svg(scene, options.svg_text)?.into_bytes()),
        Format::Pdf => pdf::to_pdf(scene, options.cmyk),
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
    /// Vector PDF in the printed size, fonts embedded, for journals and LaTeX.
    Pdf,
    /// The joined map as a GeoJSON FeatureCollection.
    GeoJson,
}

impl Format {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::GeoJson => "geojson",
        }
    }

    /// Whether the format paints a page (every format but GeoJSON).
    pub fn is_drawn(self) -> bool {
        self != Format::GeoJson
    }
}

#[cfg(test)]
mod tests;
