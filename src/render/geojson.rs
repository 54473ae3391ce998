//! Every layer of the map of one year as one RFC 7946 FeatureCollection, for a GIS (QGIS, GDAL)
//! or a script: regions with their power and status, the treaty lines in force, the railways
//! open, the places under their names of the year, rivers and lakes. Each Feature says which
//! layer it belongs to in a `layer` property, so a GIS can split them by a filter; properties a
//! layer lacks are simply absent. The year, the agreement and the date are foreign members of
//! the collection.

use geojson::{Feature, FeatureCollection, Geometry, JsonObject};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::TreatyMap;

/// The value of each Feature's `layer` property, in the order the Features are written.
pub(crate) const LAYERS: [&str; 6] = ["region", "line", "railway", "place", "river", "lake"];

fn feature(layer: &str, geometry: geojson::GeometryValue, properties: JsonObject) -> Feature {
    let mut all = JsonObject::new();
    all.insert("layer".into(), Value::from(layer));
    all.extend(properties);
    Feature {
        bbox: None,
        geometry: Some(Geometry::new(geometry)),
        id: None,
        properties: Some(all),
        foreign_members: None,
    }
}

/// Properties from `(key, value)` pairs; `None` values are written as JSON null.
fn props<const N: usize>(pairs: [(&str, Value); N]) -> JsonObject {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map_or(Value::Null, Into::into)
}

/// The FeatureCollection for one map, as text.
pub(crate) fn to_geojson(map: &TreatyMap<'_>) -> Result<String> {
    let mut features = Vec::new();
    for region in &map.regions {
        let properties = props([
            ("id", region.id.into()),
            ("name", region.name.into()),
            ("power", opt(region.power.map(|p| p.id.clone()))),
            ("status", opt(region.status.map(|s| s.key()))),
            ("note", opt(region.note)),
            ("description", region.description().into()),
        ]);
        features.push(feature("region", region.geometry.into(), properties));
    }
    for line in &map.lines {
        let properties = props([
            ("id", line.id.into()),
            ("name", line.name.into()),
            ("treaty", map.agreement_id.into()),
            ("label", line.label.into()),
            ("tag", line.tag.into()),
            ("uncertain", line.uncertain.into()),
            (
                "confidence",
                if line.uncertain {
                    "reconstructed"
                } else {
                    "documented"
                }
                .into(),
            ),
        ]);
        features.push(feature("line", line.geometry.into(), properties));
    }
    for railway in &map.railways {
        let properties = props([
            ("name", railway.name.as_str().into()),
            ("operator", opt(railway.operator.clone())),
            ("opened", opt(railway.opened)),
        ]);
        features.push(feature("railway", (&railway.geometry).into(), properties));
    }
    for place in &map.places {
        let properties = props([
            ("id", place.id.into()),
            ("name", place.name.as_str().into()),
            ("modern_name", opt(place.modern)),
            ("rank", place.rank.into()),
        ]);
        features.push(feature("place", (&place.location).into(), properties));
    }
    for river in map.rivers {
        let properties = props([
            ("name", opt(river.name.clone())),
            ("scalerank", river.scalerank.into()),
        ]);
        features.push(feature("river", (&river.geometry).into(), properties));
    }
    for lake in map.lakes {
        let properties = props([("name", opt(lake.name.clone()))]);
        features.push(feature("lake", (&lake.geometry).into(), properties));
    }
    let mut foreign = JsonObject::new();
    foreign.insert("year".into(), Value::from(map.year));
    foreign.insert("agreement".into(), Value::from(map.agreement_id));
    foreign.insert("as_of".into(), Value::from(map.as_of.to_string()));
    foreign.insert("layers".into(), Value::from(LAYERS.to_vec()));
    let collection = FeatureCollection {
        bbox: None,
        features,
        foreign_members: Some(foreign),
    };
    serde_json::to_string(&collection).map_err(|e| Error::Render(e.to_string()))
}
