//! The bundled layers in the binary form `build.rs` writes from `geodata/*.geojson`, so that a
//! map from the embedded data reads its coordinates without parsing JSON.
//!
//! Layout (little-endian): a layer is a `u32` feature count, then per feature a `u32` length and
//! that many bytes of its properties as JSON, then its geometry: a tag byte (0 none, 1 Point,
//! 2 LineString, 3 MultiLineString, 4 Polygon, 5 MultiPolygon) and its positions nested as the
//! kind nests them, each list led by a `u32` length, each position two `f64` (lon, lat).
//!
//! The properties go through the same readers as GeoJSON's; the positions are not checked
//! again: a test proves that the bundle gives exactly what the checked GeoJSON gives.

use geo::{Coord, LineString, MultiLineString, MultiPolygon, Point, Polygon};
use geojson::JsonObject;
use serde_json::Value;

use super::properties::LayerFeature;
use super::{
    parse_lake, parse_line, parse_place, parse_railway, parse_region, parse_river, FeatureRef,
    Geodata,
};
use crate::error::Result;

/// A layer as `build.rs` wrote it, with its file name for messages.
struct Layer {
    file: &'static str,
    bytes: &'static [u8],
}

macro_rules! bundled {
    ($name:literal) => {
        Layer {
            file: concat!($name, ".geojson"),
            bytes: include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".bin")),
        }
    };
}

/// The joined outline of each bundled union, in the treaty file's order, with the regions it
/// joins; `build.rs` documents the layout. Outlines are read only when a map needs them.
pub(crate) fn union_outlines() -> Vec<BundledUnion> {
    let mut reader = Reader(include_bytes!(concat!(env!("OUT_DIR"), "/unions.bin")));
    reader.list(|reader| {
        let regions = reader.list(|reader| {
            let length = reader.count();
            String::from_utf8(reader.take(length).to_vec()).expect("build.rs writes UTF-8")
        });
        let length = reader.count();
        BundledUnion {
            regions,
            outline: reader.take(length),
        }
    })
}

/// A union as `build.rs` joined it.
#[derive(Debug, Clone)]
pub(crate) struct BundledUnion {
    /// The ids of the regions it joins.
    pub regions: Vec<String>,
    /// Its outline, still in binary form.
    outline: &'static [u8],
}

impl BundledUnion {
    /// The joined outline.
    pub fn outline(&self) -> MultiPolygon<f64> {
        MultiPolygon(Reader(self.outline).list(Reader::polygon))
    }
}

impl Geodata {
    /// The bundled layers, from their binary form.
    pub fn bundled() -> Result<Geodata> {
        Ok(Geodata {
            regions: load(bundled!("regions"), parse_region)?,
            lines: load(bundled!("lines"), parse_line)?,
            rivers: load(bundled!("rivers"), parse_river)?,
            lakes: load(bundled!("lakes"), parse_lake)?,
            railways: load(bundled!("railways"), parse_railway)?,
            places: load(bundled!("places"), parse_place)?,
        })
    }
}

/// A feature read from the bundle.
struct BundledFeature {
    properties: Option<JsonObject>,
    geometry: Option<geo::Geometry<f64>>,
}

impl LayerFeature for BundledFeature {
    fn properties(&self) -> Option<&JsonObject> {
        self.properties.as_ref()
    }

    fn geometry(&self, _: &FeatureRef<'_>) -> Result<Option<geo::Geometry<f64>>> {
        Ok(self.geometry.clone())
    }
}

fn load<T>(
    layer: Layer,
    parse: fn(&FeatureRef<'_>, &BundledFeature) -> Result<T>,
) -> Result<Vec<T>> {
    let mut reader = Reader(layer.bytes);
    (0..reader.count())
        .map(|index| {
            let length = reader.count();
            let properties = match serde_json::from_slice(reader.take(length)) {
                Ok(Value::Object(properties)) => Some(properties),
                Ok(_) => None,
                Err(e) => panic!("{}: the bundle's properties are JSON: {e}", layer.file),
            };
            let feature = BundledFeature {
                geometry: reader.geometry(),
                properties,
            };
            let at = FeatureRef {
                file: layer.file,
                index,
                id: None,
            };
            parse(&at, &feature)
        })
        .collect()
}

/// Reads the bundle front to back. It is written by `build.rs` in the same build, so a short
/// or unknown field is a bug there, not a problem with the data.
struct Reader(&'static [u8]);

impl Reader {
    fn take(&mut self, length: usize) -> &'static [u8] {
        let (head, rest) = self.0.split_at(length);
        self.0 = rest;
        head
    }

    fn count(&mut self) -> usize {
        let bytes = self.take(4).try_into().expect("four bytes");
        u32::from_le_bytes(bytes) as usize
    }

    fn coord(&mut self) -> Coord<f64> {
        let mut f64 = || f64::from_le_bytes(self.take(8).try_into().expect("eight bytes"));
        let x = f64();
        Coord { x, y: f64() }
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> T) -> Vec<T> {
        let count = self.count();
        (0..count).map(|_| item(self)).collect()
    }

    fn line(&mut self) -> LineString<f64> {
        LineString(self.list(Self::coord))
    }

    /// A polygon as GeoJSON's reader makes it: the first ring outside, the others holes.
    fn polygon(&mut self) -> Polygon<f64> {
        let mut rings = self.list(Self::line).into_iter();
        let exterior = rings.next().unwrap_or_else(|| LineString(Vec::new()));
        Polygon::new(exterior, rings.collect())
    }

    fn geometry(&mut self) -> Option<geo::Geometry<f64>> {
        let tag = self.take(1)[0];
        Some(match tag {
            0 => return None,
            1 => Point(self.coord()).into(),
            2 => self.line().into(),
            3 => MultiLineString(self.list(Self::line)).into(),
            4 => self.polygon().into(),
            5 => MultiPolygon(self.list(Self::polygon)).into(),
            _ => panic!("unknown geometry tag {tag} in the bundle"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundle is what the GeoJSON says, checked as strictly as user data (outlines valid
    /// too): so the embedded data may skip those checks.
    #[test]
    fn the_bundle_gives_exactly_the_checked_geojson() {
        let from_json = Geodata::from_text(&crate::data::embedded::geodata(), true).unwrap();
        let bundled = Geodata::bundled().unwrap();
        assert_eq!(bundled.regions.len(), from_json.regions.len());
        assert!(bundled == from_json, "the bundle differs from geodata/");
    }
}
