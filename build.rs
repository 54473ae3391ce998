//! Writes the bundled GeoJSON layers of `geodata/` in a compact binary form that the program
//! embeds: reading half a megabyte of coordinates out of JSON was a fifth of the time of a map.
//! The layout is read back by `src/data/geodata/bundle.rs` (which documents it), and a test there checks
//! that it gives exactly the layers the GeoJSON gives. Data read with `--data` stays GeoJSON.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The layers, as `src/data/bundle.rs` names them.
const LAYERS: [&str; 6] = ["regions", "lines", "rivers", "lakes", "railways", "places"];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for layer in LAYERS {
        let path = Path::new("geodata").join(format!("{layer}.geojson"));
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let json: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        let mut bytes = Vec::with_capacity(text.len());
        write_layer(&json, &mut bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        std::fs::write(out.join(format!("{layer}.bin")), bytes).expect("OUT_DIR is writable");
    }
}

/// A layer: its feature count, then each feature's properties (as JSON text) and geometry.
fn write_layer(json: &Value, out: &mut Vec<u8>) -> Result<(), String> {
    let features = json["features"]
        .as_array()
        .ok_or("a FeatureCollection needs 'features'")?;
    write_count(features.len(), out);
    for feature in features {
        let properties = serde_json::to_string(&feature["properties"]).expect("JSON writes");
        write_count(properties.len(), out);
        out.extend_from_slice(properties.as_bytes());
        write_geometry(&feature["geometry"], out)?;
    }
    Ok(())
}

/// A geometry kind's tag, then its positions nested as the kind nests them, each list led by
/// its length.
fn write_geometry(geometry: &Value, out: &mut Vec<u8>) -> Result<(), String> {
    if geometry.is_null() {
        out.push(0);
        return Ok(());
    }
    let coordinates = &geometry["coordinates"];
    let (tag, depth) = match geometry["type"].as_str() {
        Some("Point") => (1, 0),
        Some("LineString") => (2, 1),
        Some("MultiLineString") => (3, 2),
        Some("Polygon") => (4, 2),
        Some("MultiPolygon") => (5, 3),
        other => return Err(format!("no binary form for a geometry of type {other:?}")),
    };
    out.push(tag);
    write_nested(coordinates, depth, out)
}

fn write_nested(value: &Value, depth: usize, out: &mut Vec<u8>) -> Result<(), String> {
    if depth == 0 {
        let position = value.as_array().filter(|p| p.len() == 2);
        let xy = position
            .and_then(|p| Some([p[0].as_f64()?, p[1].as_f64()?]))
            .ok_or_else(|| format!("a position must be two numbers, not {value}"))?;
        for v in xy {
            out.extend_from_slice(&v.to_le_bytes());
        }
        return Ok(());
    }
    let items = value
        .as_array()
        .ok_or_else(|| format!("coordinates must nest as lists, not {value}"))?;
    write_count(items.len(), out);
    items
        .iter()
        .try_for_each(|item| write_nested(item, depth - 1, out))
}

fn write_count(count: usize, out: &mut Vec<u8>) {
    let count = u32::try_from(count).expect("a bundled layer counts below 2^32");
    out.extend_from_slice(&count.to_le_bytes());
}
