//! Painting a [`Scene`](crate::scene::Scene) into files. One module per format; only `svg`
//! touches plotters, and the PNG is the SVG rasterised, so the two cannot disagree.

pub mod geojson;
pub mod gif;
pub mod png;
pub mod svg;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Scalable vector graphics, for print.
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
