//! Reading the Natural Earth extracts in `geodata/sources/`.
//!
//! Only the handful of geometry types the extracts use are supported; anything
//! else is reported as an error naming the file, so a changed extract fails loudly.

use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};
use geo::{Coord, LineString, MultiLineString, MultiPolygon, Polygon};
use serde_json::Value;

pub const ADMIN0: &str = "ne_10m_admin_0_countries_nea.geojson";
pub const ADMIN1: &str = "ne_10m_admin_1_states_provinces_nea.geojson";
pub const RIVERS: &str = "ne_10m_rivers_lake_centerlines_nea.geojson";
pub const LAKES: &str = "ne_10m_lakes_nea.geojson";
pub const HISTORY: &str = "history.toml";

/// An admin-0 or admin-1 unit.
#[derive(Debug, Clone)]
pub struct Unit {
    /// `adm0_a3` of the country the unit belongs to.
    pub adm0: String,
    /// Admin-1 name (`None` for admin-0 units).
    pub name: Option<String>,
    pub geometry: MultiPolygon<f64>,
}

/// One feature of the rivers and lake centerlines layer.
#[derive(Debug, Clone)]
pub struct River {
    pub rivernum: i64,
    pub scalerank: i64,
    pub geometry: MultiLineString<f64>,
}

#[derive(Debug, Clone)]
pub struct Lake {
    pub name: Option<String>,
    pub featurecla: String,
    pub scalerank: i64,
    pub geometry: MultiPolygon<f64>,
}

/// Every geographic input of the build.
#[derive(Debug, Clone)]
pub struct Sources {
    pub admin0: Vec<Unit>,
    pub admin1: Vec<Unit>,
    pub rivers: Vec<River>,
    pub lakes: Vec<Lake>,
}

impl Sources {
    pub fn load(dir: &Path) -> Result<Self> {
        let admin0 = read_features(dir, ADMIN0)?
            .iter()
            .map(|f| unit(f, false))
            .collect::<Result<_>>()
            .with_context(|| format!("reading {}", dir.join(ADMIN0).display()))?;
        let admin1 = read_features(dir, ADMIN1)?
            .iter()
            .map(|f| unit(f, true))
            .collect::<Result<_>>()
            .with_context(|| format!("reading {}", dir.join(ADMIN1).display()))?;
        let rivers = read_features(dir, RIVERS)?
            .iter()
            .map(river)
            .collect::<Result<_>>()
            .with_context(|| format!("reading {}", dir.join(RIVERS).display()))?;
        let lakes = read_features(dir, LAKES)?
            .iter()
            .map(lake)
            .collect::<Result<_>>()
            .with_context(|| format!("reading {}", dir.join(LAKES).display()))?;
        Ok(Self {
            admin0,
            admin1,
            rivers,
            lakes,
        })
    }

    pub fn country(&self, adm0: &str) -> Result<&MultiPolygon<f64>> {
        self.admin0
            .iter()
            .find(|u| u.adm0 == adm0)
            .map(|u| &u.geometry)
            .ok_or_else(|| anyhow!("{ADMIN0}: no country {adm0}"))
    }

    pub fn province(&self, adm0: &str, name: &str) -> Result<&MultiPolygon<f64>> {
        self.admin1
            .iter()
            .find(|u| u.adm0 == adm0 && u.name.as_deref() == Some(name))
            .map(|u| &u.geometry)
            .ok_or_else(|| anyhow!("{ADMIN1}: no unit {name} in {adm0}"))
    }
}

/// Reads a file as text; the error names the file (it is the one line users see).
pub fn read_text(dir: &Path, file: &str) -> Result<String> {
    let path = dir.join(file);
    std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
}

fn read_features(dir: &Path, file: &str) -> Result<Vec<Value>> {
    let text = read_text(dir, file)?;
    let mut doc: Value = serde_json::from_str(&text)
        .with_context(|| format!("{} is not valid JSON", dir.join(file).display()))?;
    match doc.get_mut("features").map(Value::take) {
        Some(Value::Array(features)) => Ok(features),
        _ => bail!(
            "{} is not a GeoJSON FeatureCollection",
            dir.join(file).display()
        ),
    }
}

fn prop_str(f: &Value, key: &str) -> Option<String> {
    f.get("properties")?.get(key)?.as_str().map(str::to_owned)
}

fn prop_i64(f: &Value, key: &str) -> Option<i64> {
    f.get("properties")?.get(key)?.as_i64()
}

fn unit(f: &Value, named: bool) -> Result<Unit> {
    let adm0 = prop_str(f, "adm0_a3").ok_or_else(|| anyhow!("feature without adm0_a3"))?;
    let name = if named {
        Some(prop_str(f, "name").ok_or_else(|| anyhow!("admin-1 feature without name"))?)
    } else {
        None
    };
    Ok(Unit {
        adm0,
        name,
        geometry: areal(geometry(f)?)?,
    })
}

fn river(f: &Value) -> Result<River> {
    Ok(River {
        rivernum: prop_i64(f, "rivernum").ok_or_else(|| anyhow!("river without rivernum"))?,
        scalerank: prop_i64(f, "scalerank").unwrap_or(99),
        geometry: linear(geometry(f)?)?,
    })
}

fn lake(f: &Value) -> Result<Lake> {
    Ok(Lake {
        name: prop_str(f, "name"),
        featurecla: prop_str(f, "featurecla").unwrap_or_default(),
        scalerank: prop_i64(f, "scalerank").unwrap_or(99),
        geometry: areal(geometry(f)?)?,
    })
}

enum Geom {
    Lines(Vec<LineString<f64>>),
    Polygons(Vec<Polygon<f64>>),
}

fn geometry(f: &Value) -> Result<Geom> {
    let g = f
        .get("geometry")
        .ok_or_else(|| anyhow!("feature without geometry"))?;
    let kind = g.get("type").and_then(Value::as_str).unwrap_or("");
    let c = g
        .get("coordinates")
        .ok_or_else(|| anyhow!("{kind} without coordinates"))?;
    Ok(match kind {
        "LineString" => Geom::Lines(vec![line(c)?]),
        "MultiLineString" => Geom::Lines(array(c)?.iter().map(line).collect::<Result<_>>()?),
        "Polygon" => Geom::Polygons(vec![polygon(c)?]),
        "MultiPolygon" => Geom::Polygons(array(c)?.iter().map(polygon).collect::<Result<_>>()?),
        other => bail!("unsupported geometry type {other:?}"),
    })
}

fn areal(g: Geom) -> Result<MultiPolygon<f64>> {
    match g {
        Geom::Polygons(p) => Ok(MultiPolygon(p)),
        Geom::Lines(_) => bail!("expected a polygon, found a line"),
    }
}

fn linear(g: Geom) -> Result<MultiLineString<f64>> {
    match g {
        Geom::Lines(l) => Ok(MultiLineString(l)),
        Geom::Polygons(_) => bail!("expected a line, found a polygon"),
    }
}

fn array(v: &Value) -> Result<&Vec<Value>> {
    v.as_array()
        .ok_or_else(|| anyhow!("coordinates: expected an array"))
}

fn position(v: &Value) -> Result<Coord<f64>> {
    let a = array(v)?;
    match (
        a.first().and_then(Value::as_f64),
        a.get(1).and_then(Value::as_f64),
    ) {
        (Some(x), Some(y)) => Ok(Coord { x, y }),
        _ => bail!("bad position {v}"),
    }
}

fn line(v: &Value) -> Result<LineString<f64>> {
    Ok(LineString(
        array(v)?.iter().map(position).collect::<Result<_>>()?,
    ))
}

fn polygon(v: &Value) -> Result<Polygon<f64>> {
    let mut rings = array(v)?.iter().map(line);
    let exterior = rings
        .next()
        .ok_or_else(|| anyhow!("polygon without rings"))??;
    Ok(Polygon::new(exterior, rings.collect::<Result<_>>()?))
}
