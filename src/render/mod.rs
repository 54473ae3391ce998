//! Painting a [`Scene`](crate::scene::Scene) into files. `plotting` turns a scene into plotters
//! calls; `svg` sends them to our SVG backend, `png` to a tiny-skia backend (`raster`) and `pdf`
//! to a krilla page, so the formats draw the same calls and cannot disagree; `glyphs` sets their
//! text. `geojson` exports every layer of the resolved map; `page` draws the scenes of many years
//! through one shared SVG canvas into the interactive HTML page.

pub(crate) mod geojson;
pub(crate) mod gif;
/// Glyph coverage rasterised once and blended, for the PNG's text.
mod glyph_coverage;
mod glyphs;
mod hairline;
mod lzw;
pub(crate) mod page;
pub(crate) mod pdf;
mod plotting;
pub(crate) mod png;
mod raster;
pub(crate) mod svg;
mod svg_fonts;
pub(crate) mod svg_switch;

use crate::error::{Error, Result};
use crate::options::MapOptions;
use crate::scene::Scene;

/// The cores a page may paint on. A page painted alone splits its raster over two threads; the
/// pages of a batch are already painted side by side, and splitting each would only repeat the
/// work of building every path's edges for each half.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cores {
    /// The page is the only work: paint its halves in parallel.
    All,
    /// Other pages are painted at the same time: one thread.
    One,
}

/// Paints a laid-out page in a drawn format (SVG with the options' text mode, PNG at their PNG
/// scale, PDF in RGB or CMYK).
pub(crate) fn paint(
    scene: &Scene,
    format: Format,
    options: &MapOptions,
    cores: Cores,
) -> Result<Vec<u8>> {
    match format {
        Format::Svg => Ok(svg::to_svg(scene, options.svg_text, cores)?.into_bytes()),
        Format::Pdf => pdf::to_pdf(scene, options.cmyk),
        Format::Png => {
            let (w, h) = options.png_size_of(scene.width, scene.height);
            png::scene_to_png(scene, w, h, cores)
        }
        Format::GeoJson | Format::Html => Err(Error::Usage(format!(
            "{} is made from maps, not painted from one page",
            format.extension()
        ))),
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
    /// One interactive page for every year of a batch (`spheres.html`).
    Html,
}

impl Format {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::GeoJson => "geojson",
            Format::Html => "html",
        }
    }

    /// Whether the format paints a page of one map (SVG, PNG, PDF).
    pub fn is_drawn(self) -> bool {
        matches!(self, Format::Svg | Format::Png | Format::Pdf)
    }
}

#[cfg(test)]
mod tests;
