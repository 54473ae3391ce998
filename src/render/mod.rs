//! Painting a [`Scene`](crate::scene::Scene) into files. `plotting` turns a scene into plotters
//! calls; `svg` sends them to our SVG backend and `png` to a tiny-skia backend (`raster`), so
//! the formats draw the same calls and cannot disagree. `geojson` exports the resolved map.

pub(crate) mod geojson;
pub(crate) mod gif;
mod plotting;
pub(crate) mod png;
mod raster;
pub(crate) mod svg;

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
