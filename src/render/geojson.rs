//! The joined map of one year as GeoJSON: one Feature per region with its power and status,
//! so the spheres can be opened in a GIS or checked by a script.

use geojson::{Feature, FeatureCollection, Geometry, JsonObject};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::TreatyMap;

/// The FeatureCollection for one map, as text.
pub(crate) fn to_geojson(map: &TreatyMap<'_>) -> Result<String> {
    let mut features = Vec::with_capacity(map.regions.len());
    for state in &map.regions {
        let mut properties = JsonObject::new();
        properties.insert("id".into(), Value::from(state.id));
        properties.insert("name".into(), Value::from(state.name));
        properties.insert(
            "power".into(),
            state
                .power
                .map_or(Value::Null, |p| Value::from(p.id.clone())),
        );
        properties.insert(
            "status".into(),
            state.status.map_or(Value::Null, |s| Value::from(s.key())),
        );
        properties.insert("note".into(), state.note.map_or(Value::Null, Value::from));
        features.push(Feature {
            bbox: None,
            geometry: Some(Geometry::new(state.geometry.into())),
            id: None,
            properties: Some(properties),
            foreign_members: None,
        });
    }
    let mut foreign = JsonObject::new();
    foreign.insert("year".into(), Value::from(map.year));
    foreign.insert("agreement".into(), Value::from(map.agreement_id));
    foreign.insert("as_of".into(), Value::from(map.as_of.to_string()));
    let collection = FeatureCollection {
        bbox: None,
        features,
        foreign_members: Some(foreign),
    };
    serde_json::to_string(&collection).map_err(|e| Error::Render(e.to_string()))
}
