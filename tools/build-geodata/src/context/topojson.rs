//! A minimal TopoJSON reader: enough for the world-atlas files (a topology of
//! quantized, delta-encoded arcs with a transform; Polygon and MultiPolygon
//! geometries in GeometryCollections).
//!
//! Format: <https://github.com/topojson/topojson-specification>. With a
//! `transform`, each arc is a list of integer positions where every position
//! after the first is a delta from the one before; a position is
//! `(x * scale[0] + translate[0], y * scale[1] + translate[1])`. A geometry
//! names its rings by arc index; a negative index `i` means arc `!i` (that is
//! `-i - 1`) reversed. Consecutive arcs of a ring share their end points.

use anyhow::{anyhow, bail, Context, Result};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use serde_json::Value;

/// A decoded topology: arcs in lon/lat and the raw objects.
pub struct Topology {
    arcs: Vec<Vec<Coord<f64>>>,
    objects: serde_json::Map<String, Value>,
}

/// One geometry of a GeometryCollection.
pub struct Geometry {
    /// The TopoJSON `id` (for world-atlas: the ISO 3166-1 numeric code), if any.
    pub id: Option<String>,
    pub properties: serde_json::Map<String, Value>,
    pub shape: MultiPolygon<f64>,
}

fn pair(v: &Value, what: &str) -> Result<[f64; 2]> {
    match v.as_array().map(Vec::as_slice) {
        Some([a, b, ..]) => match (a.as_f64(), b.as_f64()) {
            (Some(a), Some(b)) => Ok([a, b]),
            _ => bail!("{what}: expected two numbers, found {v}"),
        },
        _ => bail!("{what}: expected two numbers, found {v}"),
    }
}

impl Topology {
    pub fn parse(text: &str) -> Result<Self> {
        let doc: Value = serde_json::from_str(text).context("not valid JSON")?;
        if doc.get("type").and_then(Value::as_str) != Some("Topology") {
            bail!("not a TopoJSON Topology");
        }
        let transform = match doc.get("transform") {
            Some(t) => Some((
                pair(&t["scale"], "transform.scale")?,
                pair(&t["translate"], "transform.translate")?,
            )),
            None => None,
        };
        let raw = doc
            .get("arcs")
            .and_then(Value::as_array)
            .ok_or_else(|| anyhow!("topology without arcs"))?;
        let mut arcs = Vec::with_capacity(raw.len());
        for (n, arc) in raw.iter().enumerate() {
            let positions = arc
                .as_array()
                .ok_or_else(|| anyhow!("arc {n} is not an array"))?;
            arcs.push(decode_arc(positions, transform).with_context(|| format!("arc {n}"))?);
        }
        let objects = doc
            .get("objects")
            .and_then(Value::as_object)
            .cloned()
            .ok_or_else(|| anyhow!("topology without objects"))?;
        Ok(Self { arcs, objects })
    }

    /// The polygonal geometries of the GeometryCollection `name`, in file order.
    /// Geometries of other types (and empty ones) are skipped.
    pub fn collection(&self, name: &str) -> Result<Vec<Geometry>> {
        let obj = self
            .objects
            .get(name)
            .ok_or_else(|| anyhow!("no object {name:?} in the topology"))?;
        let geoms = match obj.get("type").and_then(Value::as_str) {
            Some("GeometryCollection") => obj
                .get("geometries")
                .and_then(Value::as_array)
                .ok_or_else(|| anyhow!("{name}: GeometryCollection without geometries"))?
                .clone(),
            _ => vec![obj.clone()],
        };
        let mut out = Vec::new();
        for (n, g) in geoms.iter().enumerate() {
            let shape = match g.get("type").and_then(Value::as_str) {
                Some("Polygon") => MultiPolygon(vec![self.polygon(&g["arcs"])?]),
                Some("MultiPolygon") => MultiPolygon(
                    g["arcs"]
                        .as_array()
                        .ok_or_else(|| anyhow!("{name} #{n}: MultiPolygon without arcs"))?
                        .iter()
                        .map(|p| self.polygon(p))
                        .collect::<Result<_>>()
                        .with_context(|| format!("{name} #{n}"))?,
                ),
                _ => continue,
            };
            let id = match g.get("id") {
                Some(Value::String(s)) => Some(s.clone()),
                Some(Value::Number(x)) => Some(x.to_string()),
                _ => None,
            };
            let properties = g
                .get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            out.push(Geometry {
                id,
                properties,
                shape,
            });
        }
        Ok(out)
    }

    fn polygon(&self, rings: &Value) -> Result<Polygon<f64>> {
        let rings = rings
            .as_array()
            .ok_or_else(|| anyhow!("polygon: rings are not an array"))?;
        let mut lines = rings.iter().map(|r| self.ring(r));
        let exterior = lines
            .next()
            .ok_or_else(|| anyhow!("polygon without rings"))??;
        Ok(Polygon::new(exterior, lines.collect::<Result<_>>()?))
    }

    fn ring(&self, refs: &Value) -> Result<LineString<f64>> {
        let refs = refs
            .as_array()
            .ok_or_else(|| anyhow!("ring: arc list is not an array"))?;
        let mut pts: Vec<Coord<f64>> = Vec::new();
        for (k, r) in refs.iter().enumerate() {
            let i = r
                .as_i64()
                .ok_or_else(|| anyhow!("ring: arc index {r} is not an integer"))?;
            let (idx, reversed) = if i >= 0 { (i, false) } else { (!i, true) };
            let arc = usize::try_from(idx)
                .ok()
                .and_then(|i| self.arcs.get(i))
                .ok_or_else(|| anyhow!("ring: no arc {idx}"))?;
            let mut part = arc.clone();
            if reversed {
                part.reverse();
            }
            // Each arc after the first starts where the previous one ended.
            let skip = usize::from(k > 0 && !part.is_empty());
            pts.extend(&part[skip..]);
        }
        let mut line = LineString(pts);
        line.close();
        Ok(line)
    }
}

/// Decodes one arc: quantized deltas with a transform, or plain positions without one.
fn decode_arc(
    positions: &[Value],
    transform: Option<([f64; 2], [f64; 2])>,
) -> Result<Vec<Coord<f64>>> {
    let mut out = Vec::with_capacity(positions.len());
    match transform {
        Some((scale, translate)) => {
            let (mut x, mut y) = (0i64, 0i64);
            for p in positions {
                let d = p.as_array().map(Vec::as_slice).unwrap_or_default();
                let (Some(dx), Some(dy)) = (
                    d.first().and_then(Value::as_i64),
                    d.get(1).and_then(Value::as_i64),
                ) else {
                    bail!("quantized position {p} is not two integers");
                };
                x += dx;
                y += dy;
                out.push(Coord {
                    x: x as f64 * scale[0] + translate[0],
                    y: y as f64 * scale[1] + translate[1],
                });
            }
        }
        None => {
            for p in positions {
                let [x, y] = pair(p, "position")?;
                out.push(Coord { x, y });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Area;

    /// Two unit squares sharing an edge: arc 1 is their common border, used
    /// forwards by the first square and reversed (`-2` = `!1`) by the second.
    const EXAMPLE: &str = r#"{
      "type": "Topology",
      "transform": {"scale": [0.5, 0.25], "translate": [100, 0]},
      "objects": {"shapes": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "id": "1", "properties": {"name": "a"}, "arcs": [[0, 1]]},
        {"type": "MultiPolygon", "id": 2, "arcs": [[[2, -2]]]},
        {"type": "LineString", "arcs": [0]}
      ]}},
      "arcs": [
        [[2, 0], [-2, 0], [0, 4], [2, 0]],
        [[2, 4], [0, -4]],
        [[2, 4], [2, 0], [0, -4], [-2, 0]]
      ]
    }"#;

    fn ring(g: &Geometry) -> Vec<(f64, f64)> {
        g.shape.0[0]
            .exterior()
            .coords()
            .map(|c| (c.x, c.y))
            .collect()
    }

    #[test]
    fn decodes_deltas_transform_and_reversed_arcs() {
        let t = Topology::parse(EXAMPLE).unwrap();
        let g = t.collection("shapes").unwrap();
        assert_eq!(g.len(), 2, "the LineString is skipped");
        assert_eq!(g[0].id.as_deref(), Some("1"));
        assert_eq!(g[0].properties["name"], "a");
        assert_eq!(g[1].id.as_deref(), Some("2"));
        assert_eq!(
            ring(&g[0]),
            vec![
                (101.0, 0.0),
                (100.0, 0.0),
                (100.0, 1.0),
                (101.0, 1.0),
                (101.0, 0.0)
            ]
        );
        assert_eq!(
            ring(&g[1]),
            vec![
                (101.0, 1.0),
                (102.0, 1.0),
                (102.0, 0.0),
                (101.0, 0.0),
                (101.0, 1.0)
            ]
        );
        for s in &g {
            assert!((s.shape.unsigned_area() - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn rejects_what_is_not_a_topology() {
        assert!(Topology::parse(r#"{"type":"FeatureCollection"}"#).is_err());
        let bad = EXAMPLE.replace("[[0, 1]]", "[[0, 7]]");
        let t = Topology::parse(&bad).unwrap();
        let err = t.collection("shapes").err().map(|e| format!("{e:#}"));
        assert!(err.is_some_and(|e| e.contains("no arc 7")));
    }
}
