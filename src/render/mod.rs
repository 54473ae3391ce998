//! Painting a [`Scene`](crate::scene::Scene) into files. `plotting` turns a scene into plotters
//! calls; `svg` sends them to plotters' SVG backend and `png` to a tiny-skia backend
//! (`raster`), so the two formats draw the same calls and cannot disagree.

pub mod geojson;
pub mod gif;
pub mod plotting;
pub mod png;
pub mod raster;
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
