//! Reading the committed geodata, for the checks in `geodata.rs` and `dated.rs`.
#![allow(dead_code)]

use std::path::PathBuf;

use geo::{BoundingRect, Coord, LineString, MultiPolygon, Polygon, Rect};
use serde_json::Value;

pub fn geodata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../geodata")
}

pub fn features(file: &str) -> Vec<Value> {
    let path = geodata().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(doc["type"], "FeatureCollection");
    doc["features"].as_array().expect("features").clone()
}

pub fn coord(v: &Value) -> Coord<f64> {
    Coord {
        x: v[0].as_f64().expect("x"),
        y: v[1].as_f64().expect("y"),
    }
}

pub fn line(v: &Value) -> LineString<f64> {
    LineString(v.as_array().expect("line").iter().map(coord).collect())
}

pub fn multipolygon(g: &Value) -> MultiPolygon<f64> {
    let polys = match g["type"].as_str() {
        Some("MultiPolygon") => g["coordinates"].as_array().expect("polys").clone(),
        Some("Polygon") => vec![g["coordinates"].clone()],
        other => panic!("not a polygon: {other:?}"),
    };
    MultiPolygon(
        polys
            .iter()
            .map(|p| {
                let rings = p.as_array().expect("rings");
                Polygon::new(line(&rings[0]), rings[1..].iter().map(line).collect())
            })
            .collect(),
    )
}

pub fn regions() -> Vec<(String, MultiPolygon<f64>)> {
    features("regions.geojson")
        .iter()
        .map(|f| {
            (
                f["properties"]["id"].as_str().expect("id").to_owned(),
                multipolygon(&f["geometry"]),
            )
        })
        .collect()
}

pub fn region(id: &str) -> MultiPolygon<f64> {
    regions()
        .into_iter()
        .find(|(i, _)| i == id)
        .unwrap_or_else(|| panic!("no region {id}"))
        .1
}

pub fn line_feature(id: &str) -> LineString<f64> {
    let f = features("lines.geojson")
        .into_iter()
        .find(|f| f["properties"]["id"] == id)
        .unwrap_or_else(|| panic!("no line {id}"));
    assert_eq!(f["geometry"]["type"], "LineString");
    line(&f["geometry"]["coordinates"])
}

pub fn bbox(mp: &MultiPolygon<f64>) -> Rect<f64> {
    mp.bounding_rect().expect("non-empty")
}

pub fn km(a: Coord<f64>, b: Coord<f64>) -> f64 {
    let k = ((a.y + b.y) / 2.0).to_radians().cos();
    (((a.x - b.x) * k).powi(2) + (a.y - b.y).powi(2)).sqrt() * 111.2
}
