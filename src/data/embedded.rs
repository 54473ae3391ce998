//! The bundled dataset, compiled into the binary so it runs from any folder.

#[cfg(test)]
use super::geodata::{GeodataText, LayerText};

/// The bundled treaty file.
pub const TREATIES: &str = include_str!("../../geodata/treaties.toml");

/// The bundled layers as GeoJSON. The program reads them in the binary form `build.rs` makes of
/// the same files; tests check that form against this text.
#[cfg(test)]
pub fn geodata() -> GeodataText<'static> {
    GeodataText {
        regions: LayerText {
            file: "regions.geojson",
            text: include_str!("../../geodata/regions.geojson"),
        },
        lines: Some(LayerText {
            file: "lines.geojson",
            text: include_str!("../../geodata/lines.geojson"),
        }),
        rivers: Some(LayerText {
            file: "rivers.geojson",
            text: include_str!("../../geodata/rivers.geojson"),
        }),
        lakes: Some(LayerText {
            file: "lakes.geojson",
            text: include_str!("../../geodata/lakes.geojson"),
        }),
        railways: Some(LayerText {
            file: "railways.geojson",
            text: include_str!("../../geodata/railways.geojson"),
        }),
        places: Some(LayerText {
            file: "places.geojson",
            text: include_str!("../../geodata/places.geojson"),
        }),
    }
}
