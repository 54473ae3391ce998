//! Writes the bundled GeoJSON layers of `geodata/` in a compact binary form that the program
//! embeds: reading half a megabyte of coordinates out of JSON was a fifth of the time of a map.
//! The layout is read back by `src/data/geodata/bundle.rs` (which documents it), and a test there checks
//! that it gives exactly the layers the GeoJSON gives. Data read with `--data` stays GeoJSON.
//!
//! It also joins the regions of each union of `geodata/treaties.toml` (with the program's own
//! `src/data/join.rs`): the joins cost a map more than drawing it, and the bundled data gives
//! the same outlines every run. A test checks them against a join at run time, vertex for vertex.

use std::path::{Path, PathBuf};

use geo::{LineString, MultiPolygon, Polygon};
use serde_json::Value;

#[path = "src/data/join.rs"]
mod join;

/// The layers, as `src/data/bundle.rs` names them.
const LAYERS: [&str; 6] = ["regions", "lines", "rivers", "lakes", "railways", "places"];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut regions = Value::Null;
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
        if layer == "regions" {
            regions = json;
        }
    }
    let treaties = Path::new("geodata/treaties.toml");
    println!("cargo::rerun-if-changed={}", treaties.display());
    println!("cargo::rerun-if-changed=src/data/join.rs");
    let text = std::fs::read_to_string(treaties).expect("geodata/treaties.toml is readable");
    let mut bytes = Vec::new();
    write_unions(&text, &regions, &mut bytes).unwrap_or_else(|e| panic!("unions: {e}"));
    std::fs::write(out.join("unions.bin"), bytes).expect("OUT_DIR is writable");
}

/// The unions, in the treaty file's order: each one's region ids (a count, then each as a
/// length and UTF-8 bytes), then the byte length of its joined outline and the outline as a
/// MultiPolygon's positions (nested as `write_geometry` nests them).
fn write_unions(treaties: &str, regions: &Value, out: &mut Vec<u8>) -> Result<(), String> {
    let table: toml::Table = toml::from_str(treaties).map_err(|e| e.to_string())?;
    let unions = match table.get("unions") {
        Some(value) => value.as_array().ok_or("'unions' is a list")?.as_slice(),
        None => &[],
    };
    let outlines = region_outlines(regions)?;
    write_count(unions.len(), out);
    for union in unions {
        let members: Vec<&str> = union
            .get("regions")
            .and_then(|r| r.as_array())
            .ok_or("a union lists its regions")?
            .iter()
            .map(|id| id.as_str().ok_or("a region id is a string"))
            .collect::<Result<_, _>>()?;
        write_count(members.len(), out);
        for id in &members {
            write_count(id.len(), out);
            out.extend_from_slice(id.as_bytes());
        }
        // As the program joins them: a member with no outline is left out.
        let joined = join::join_outlines(
            members
                .iter()
                .filter_map(|id| outlines.iter().find(|(r, _)| r == id).map(|(_, o)| o)),
        );
        let mut outline = Vec::new();
        write_count(joined.0.len(), &mut outline);
        for polygon in &joined {
            write_count(1 + polygon.interiors().len(), &mut outline);
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                write_count(ring.0.len(), &mut outline);
                for c in &ring.0 {
                    outline.extend_from_slice(&c.x.to_le_bytes());
                    outline.extend_from_slice(&c.y.to_le_bytes());
                }
            }
        }
        write_count(outline.len(), out);
        out.extend_from_slice(&outline);
    }
    Ok(())
}

/// Each region's id and outline, read as the program reads them: a Polygon's first ring is its
/// exterior, the others its holes; a Polygon is a MultiPolygon of one.
fn region_outlines(regions: &Value) -> Result<Vec<(String, MultiPolygon<f64>)>, String> {
    let ring = |ring: &Value| -> Result<LineString<f64>, String> {
        let positions = ring.as_array().ok_or("a ring is a list")?;
        positions
            .iter()
            .map(|p| match p.as_array().map(Vec::as_slice) {
                Some([x, y]) => Ok((x.as_f64().ok_or("lon")?, y.as_f64().ok_or("lat")?).into()),
                _ => Err("a position is two numbers".to_string()),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(LineString)
    };
    let polygon = |rings: &Value| -> Result<Polygon<f64>, String> {
        let mut rings = rings
            .as_array()
            .ok_or("a polygon is a list of rings")?
            .iter();
        let exterior = rings.next().map_or(Ok(LineString(Vec::new())), ring)?;
        Ok(Polygon::new(
            exterior,
            rings.map(ring).collect::<Result<_, _>>()?,
        ))
    };
    let features = regions["features"]
        .as_array()
        .ok_or("regions have features")?;
    features
        .iter()
        .map(|feature| {
            let id = feature["properties"]["id"]
                .as_str()
                .ok_or("a region has an id")?;
            let geometry = &feature["geometry"];
            let coordinates = &geometry["coordinates"];
            let outline = match geometry["type"].as_str() {
                Some("Polygon") => MultiPolygon(vec![polygon(coordinates)?]),
                Some("MultiPolygon") => MultiPolygon(
                    coordinates
                        .as_array()
                        .ok_or("a MultiPolygon is a list")?
                        .iter()
                        .map(polygon)
                        .collect::<Result<_, _>>()?,
                ),
                other => return Err(format!("a region's geometry is a {other:?}")),
            };
            Ok((id.to_string(), outline))
        })
        .collect()
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
