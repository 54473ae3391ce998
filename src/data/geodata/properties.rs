//! Reading a feature's properties and geometry, each with an error that names the feature.

use geo::{MultiLineString, MultiPolygon};
use geojson::{Feature, JsonObject};
use serde_json::Value;

use super::rings::{check_coordinates, check_positions, check_rings};
use super::FeatureRef;
use crate::data::treaties::check_id;
use crate::data::{budget, check_text, printable};
use crate::error::Result;

/// A feature of a layer, as GeoJSON gives it or as the bundle stores it.
pub(super) trait LayerFeature {
    /// Its properties, if it has any.
    fn properties(&self) -> Option<&JsonObject>;
    /// Its geometry, if it has one, with every position checked.
    fn geometry(&self, at: &FeatureRef<'_>) -> Result<Option<geo::Geometry<f64>>>;
}

impl LayerFeature for Feature {
    fn properties(&self) -> Option<&JsonObject> {
        self.properties.as_ref()
    }

    fn geometry(&self, at: &FeatureRef<'_>) -> Result<Option<geo::Geometry<f64>>> {
        let Some(geometry) = &self.geometry else {
            return Ok(None);
        };
        check_positions(at, &geometry.value)?;
        let value = &geometry.value;
        let geometry: geo::Geometry<f64> = geo::Geometry::try_from(value)
            .map_err(|err| at.error(format!("unreadable geometry: {err}")))?;
        check_coordinates(at, &geometry)?;
        check_rings(at, value)?;
        Ok(Some(geometry))
    }
}

pub(super) fn properties<'a>(
    at: &FeatureRef<'_>,
    feature: &'a impl LayerFeature,
) -> Result<&'a JsonObject> {
    feature
        .properties()
        .ok_or_else(|| at.error("has no properties"))
}

pub(super) fn string_property(
    at: &FeatureRef<'_>,
    props: &JsonObject,
    key: &str,
) -> Result<Option<String>> {
    match props.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            check_text(s, budget::MAX_NAME_CHARS)
                .map_err(|m| at.error(format!("property '{key}' {m}")))?;
            Ok(Some(s.clone()))
        }
        Some(other) => Err(at.error(format!("property '{key}' must be a string, not {other}"))),
    }
}

pub(super) fn required_string(
    at: &FeatureRef<'_>,
    props: &JsonObject,
    key: &str,
) -> Result<String> {
    string_property(at, props, key)?
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| at.error(format!("property '{key}' is missing")))
}

pub(super) fn integer_property(
    at: &FeatureRef<'_>,
    props: &JsonObject,
    key: &str,
) -> Result<Option<i64>> {
    match props.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_i64()
            .map(Some)
            .ok_or_else(|| at.error(format!("property '{key}' must be a whole number"))),
    }
}

pub(super) fn id_property(at: &FeatureRef<'_>, props: &JsonObject) -> Result<String> {
    let id = required_string(at, props, "id")?;
    check_id(&id).map_err(|m| at.error(format!("id '{}': {m}", printable(&id))))?;
    Ok(id)
}

pub(super) fn geometry(
    at: &FeatureRef<'_>,
    feature: &impl LayerFeature,
) -> Result<geo::Geometry<f64>> {
    feature
        .geometry(at)?
        .ok_or_else(|| at.error("has no geometry"))
}

pub(super) fn kind(geometry: &geo::Geometry<f64>) -> &'static str {
    match geometry {
        geo::Geometry::Point(_) => "Point",
        geo::Geometry::MultiPoint(_) => "MultiPoint",
        geo::Geometry::LineString(_) | geo::Geometry::Line(_) => "LineString",
        geo::Geometry::MultiLineString(_) => "MultiLineString",
        geo::Geometry::Polygon(_) | geo::Geometry::Rect(_) | geo::Geometry::Triangle(_) => {
            "Polygon"
        }
        geo::Geometry::MultiPolygon(_) => "MultiPolygon",
        geo::Geometry::GeometryCollection(_) => "GeometryCollection",
    }
}

pub(super) fn areal(
    at: &FeatureRef<'_>,
    geometry: geo::Geometry<f64>,
) -> Result<MultiPolygon<f64>> {
    let polygons = match geometry {
        geo::Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
        geo::Geometry::MultiPolygon(mp) => mp,
        other => {
            return Err(at.error(format!(
                "geometry must be a Polygon or MultiPolygon, not a {}",
                kind(&other)
            )))
        }
    };
    if polygons.0.is_empty() {
        return Err(at.error("the MultiPolygon has no polygons"));
    }
    // Ring lengths, closure and area were checked on the positions (`check_rings`).
    Ok(polygons)
}

pub(super) fn linear(
    at: &FeatureRef<'_>,
    geometry: geo::Geometry<f64>,
) -> Result<MultiLineString<f64>> {
    let lines = match geometry {
        geo::Geometry::LineString(l) => MultiLineString::new(vec![l]),
        geo::Geometry::MultiLineString(ml) => ml,
        other => {
            return Err(at.error(format!(
                "geometry must be a LineString or MultiLineString, not a {}",
                kind(&other)
            )))
        }
    };
    if lines.0.is_empty() || lines.iter().any(|l| l.0.len() < 2) {
        return Err(at.error("a line needs at least 2 positions"));
    }
    Ok(lines)
}
