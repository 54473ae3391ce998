//! Deterministic GeoJSON writing.
//!
//! Keys are sorted (maps are `BTreeMap`s), coordinates rounded to 4 decimals,
//! one feature per line. Files are written to temporary names first and only
//! renamed into place once every file has been written.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use geo::{Coord, LineString, MultiPolygon};
use serde_json::{json, Value};

pub type Props = BTreeMap<String, Value>;

pub struct Feature {
    pub properties: Props,
    pub geometry: Value,
}

pub fn round4(v: f64) -> f64 {
    let r = (v * 1e4).round() / 1e4;
    // Avoid "-0.0" in the output.
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

fn pos(c: Coord<f64>) -> Value {
    json!([round4(c.x), round4(c.y)])
}

fn ring(l: &LineString<f64>) -> Value {
    Value::Array(l.coords().map(|&c| pos(c)).collect())
}

pub fn multipolygon(mp: &MultiPolygon<f64>) -> Value {
    let polys: Vec<Value> = mp
        .iter()
        .map(|p| {
            Value::Array(
                std::iter::once(p.exterior())
                    .chain(p.interiors())
                    .map(ring)
                    .collect(),
            )
        })
        .collect();
    geometry("MultiPolygon", Value::Array(polys))
}

pub fn linestring(coords: &[Coord<f64>]) -> Value {
    geometry(
        "LineString",
        Value::Array(coords.iter().map(|&c| pos(c)).collect()),
    )
}

pub fn multilinestring(lines: &[Vec<Coord<f64>>]) -> Value {
    geometry(
        "MultiLineString",
        Value::Array(
            lines
                .iter()
                .map(|l| Value::Array(l.iter().map(|&c| pos(c)).collect()))
                .collect(),
        ),
    )
}

pub fn point(c: Coord<f64>) -> Value {
    geometry("Point", pos(c))
}

fn geometry(kind: &str, coordinates: Value) -> Value {
    let mut m = BTreeMap::new();
    m.insert("coordinates".to_owned(), coordinates);
    m.insert("type".to_owned(), Value::String(kind.to_owned()));
    serde_json::to_value(m).unwrap_or(Value::Null)
}

/// Adds `key` only when `value` is present.
pub fn put_opt(props: &mut Props, key: &str, value: Option<impl Into<Value>>) {
    if let Some(v) = value {
        props.insert(key.to_owned(), v.into());
    }
}

pub fn put(props: &mut Props, key: &str, value: impl Into<Value>) {
    props.insert(key.to_owned(), value.into());
}

/// A FeatureCollection with one feature per line and sorted keys.
pub fn collection(features: &[Feature]) -> Result<String> {
    let mut lines = Vec::with_capacity(features.len());
    for f in features {
        let mut m: BTreeMap<&str, Value> = BTreeMap::new();
        m.insert("geometry", f.geometry.clone());
        m.insert("properties", serde_json::to_value(&f.properties)?);
        m.insert("type", Value::String("Feature".to_owned()));
        lines.push(serde_json::to_string(&m)?);
    }
    Ok(format!(
        "{{\"features\":[\n{}\n],\"type\":\"FeatureCollection\"}}\n",
        lines.join(",\n")
    ))
}

/// Writes every `(file name, contents)` into `dir`: all to temporary files
/// first, then renamed into place, so a failure leaves the old files intact.
pub fn write_all(dir: &Path, files: &[(String, String)]) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| -> Result<()> {
        for (name, text) in files {
            let tmp = dir.join(format!(".{name}.tmp"));
            temps.push((tmp.clone(), dir.join(name)));
            fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (tmp, _) in &temps {
            let _ = fs::remove_file(tmp);
        }
        return Err(e);
    }
    for (tmp, dest) in &temps {
        fs::rename(tmp, dest).with_context(|| format!("cannot replace {}", dest.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_is_sorted_and_one_feature_per_line() {
        let mut p = Props::new();
        put(&mut p, "name", "A");
        put(&mut p, "id", "a");
        let f = Feature {
            properties: p,
            geometry: point(Coord {
                x: 121.123_456,
                y: -0.000_01,
            }),
        };
        let text = collection(&[f]).unwrap();
        assert_eq!(
            text,
            "{\"features\":[\n{\"geometry\":{\"coordinates\":[121.1235,0.0],\"type\":\"Point\"},\
             \"properties\":{\"id\":\"a\",\"name\":\"A\"},\"type\":\"Feature\"}\n],\"type\":\"FeatureCollection\"}\n"
        );
    }
}
