//! Context land beyond the window of the 10m extracts (lon 85..150, lat 30..60).
//!
//! The map frame of a conic projection shows lon/lat points outside that
//! window; without data there they would be painted as sea. The regions are
//! extended there with Natural Earth 50m countries (`ne_50m_context.geojson`),
//! clipped to the outside of the window so that the 10m parts inside and the
//! 50m parts outside meet exactly on the window's edge. `context.toml` says
//! which region each 50m country extends. The extract itself is written by
//! [`extract`] from the world-atlas TopoJSON.

pub mod extract;
mod topojson;

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{anyhow, bail, Context as _, Result};
use geo::{Area, BooleanOps, BoundingRect, MultiPolygon, Polygon};
use serde::Deserialize;
use serde_json::Value;

use crate::geom::{rect, union_all};
use crate::history::RegionMeta;
use crate::regions::RawRegion;
use crate::sources::read_text;
use crate::topology::{P, UNITS};

/// The 50m extract written by `build-geodata extract-context`.
pub const EXTRACT: &str = "ne_50m_context.geojson";
/// Which region each 50m country extends.
pub const CONFIG: &str = "context.toml";

/// Regions that exist only beyond the 10m window, in output order (after the
/// regions of [`crate::regions::IDS`]). `context.toml` describes each.
pub const NEW_IDS: [&str; 3] = ["taiwan", "south_seas", "other_land"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    inner_box: [f64; 4],
    default_region: String,
    countries: Vec<CountryRule>,
    #[serde(default)]
    parts: Vec<PartRule>,
    regions: Vec<RegionMeta>,
    #[serde(default)]
    extended: Vec<Extended>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryRule {
    iso_n3: String,
    name: String,
    region: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartRule {
    iso_n3: String,
    window: [f64; 4],
    region: String,
    #[allow(dead_code)] // documentation in the TOML
    reason: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Extended {
    id: String,
    note: String,
}

/// One country of the 50m extract.
#[derive(Debug, Clone)]
struct Country {
    iso_n3: Option<String>,
    name: String,
    shape: MultiPolygon<f64>,
}

/// The context land beyond the 10m window.
#[derive(Debug, Clone)]
pub struct ContextLand {
    cfg: Config,
    /// bbox of the 50m extract (west, south, east, north).
    outer_box: [f64; 4],
    countries: Vec<Country>,
}

fn four(v: &Value) -> Option<[f64; 4]> {
    let a = v.as_array()?;
    match a.as_slice() {
        [w, s, e, n] => Some([w.as_f64()?, s.as_f64()?, e.as_f64()?, n.as_f64()?]),
        _ => None,
    }
}

fn ring(v: &Value) -> Option<geo::LineString<f64>> {
    v.as_array()?
        .iter()
        .map(|p| {
            let p = p.as_array()?;
            Some(geo::Coord {
                x: p.first()?.as_f64()?,
                y: p.get(1)?.as_f64()?,
            })
        })
        .collect::<Option<Vec<_>>>()
        .map(geo::LineString)
}

fn multipolygon(g: &Value) -> Option<MultiPolygon<f64>> {
    let polys = match g.get("type")?.as_str()? {
        "MultiPolygon" => g.get("coordinates")?.as_array()?.clone(),
        "Polygon" => vec![g.get("coordinates")?.clone()],
        _ => return None,
    };
    polys
        .iter()
        .map(|p| {
            let rings = p.as_array()?;
            Some(Polygon::new(
                ring(rings.first()?)?,
                rings[1..].iter().map(ring).collect::<Option<_>>()?,
            ))
        })
        .collect::<Option<Vec<_>>>()
        .map(MultiPolygon)
}

/// `mp` without the holes that `land` does not fill (enclaves of other land stay).
fn fill_water_holes(mp: &MultiPolygon<f64>, land: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    let filled = |h: &geo::LineString<f64>| {
        let hole = MultiPolygon(vec![Polygon::new(h.clone(), vec![])]);
        hole.intersection(land).unsigned_area() > 0.5 * hole.unsigned_area()
    };
    MultiPolygon(
        mp.iter()
            .map(|p| {
                let holes = p.interiors().iter().filter(|h| filled(h)).cloned();
                Polygon::new(p.exterior().clone(), holes.collect())
            })
            .collect(),
    )
}

/// Is `inner` inside `outer` (both west, south, east, north)?
fn contains_box(outer: [f64; 4], inner: [f64; 4]) -> bool {
    outer[0] <= inner[0] && outer[1] <= inner[1] && inner[2] <= outer[2] && inner[3] <= outer[3]
}

fn bounds(mp: &MultiPolygon<f64>) -> Option<[f64; 4]> {
    let r = mp.bounding_rect()?;
    Some([r.min().x, r.min().y, r.max().x, r.max().y])
}

impl ContextLand {
    pub fn load(dir: &Path) -> Result<Self> {
        let cfg: Config = toml::from_str(&read_text(dir, CONFIG)?)
            .with_context(|| format!("{} is not valid", dir.join(CONFIG).display()))?;
        let path = dir.join(EXTRACT);
        let doc: Value = serde_json::from_str(&read_text(dir, EXTRACT)?)
            .with_context(|| format!("{} is not valid JSON", path.display()))?;
        let outer_box = four(&doc["bbox"])
            .ok_or_else(|| anyhow!("{}: no bbox [w, s, e, n]", path.display()))?;
        let features = doc["features"]
            .as_array()
            .ok_or_else(|| anyhow!("{} is not a FeatureCollection", path.display()))?;
        let countries = features
            .iter()
            .enumerate()
            .map(|(n, f)| {
                let p = &f["properties"];
                let name = p["name"].as_str().unwrap_or_default().to_owned();
                let shape = multipolygon(&f["geometry"]).ok_or_else(|| {
                    anyhow!("{}: feature {n} ({name}) is not a polygon", path.display())
                })?;
                Ok(Country {
                    iso_n3: p["iso_n3"].as_str().map(str::to_owned),
                    name,
                    shape,
                })
            })
            .collect::<Result<_>>()?;
        let ctx = Self {
            cfg,
            outer_box,
            countries,
        };
        ctx.check()
            .with_context(|| format!("{}", dir.join(CONFIG).display()))?;
        Ok(ctx)
    }

    fn check(&self) -> Result<()> {
        let c = &self.cfg;
        if !contains_box(self.outer_box, c.inner_box) {
            bail!(
                "inner_box {:?} is not inside the extract's bbox {:?}",
                c.inner_box,
                self.outer_box
            );
        }
        let ids: Vec<&str> = c.regions.iter().map(|r| r.id.as_str()).collect();
        if ids != NEW_IDS {
            bail!("[[regions]] must describe {NEW_IDS:?} in that order, found {ids:?}");
        }
        for rule in &c.countries {
            match self
                .countries
                .iter()
                .find(|k| k.iso_n3.as_deref() == Some(rule.iso_n3.as_str()))
            {
                Some(k) if k.name == rule.name => {}
                Some(k) => bail!(
                    "country {} is {:?} in {EXTRACT}, not {:?}",
                    rule.iso_n3,
                    k.name,
                    rule.name
                ),
                None => bail!(
                    "country {} ({}) is not in {EXTRACT}",
                    rule.iso_n3,
                    rule.name
                ),
            }
        }
        Ok(())
    }

    /// Metadata of a region that only this module adds.
    pub fn region(&self, id: &str) -> Option<&RegionMeta> {
        self.cfg.regions.iter().find(|r| r.id == id)
    }

    /// `note` with what the extension added to region `id`, if anything.
    pub fn note(&self, id: &str, note: &str) -> String {
        match self.cfg.extended.iter().find(|e| e.id == id) {
            Some(e) => format!("{note} {}", e.note),
            None => note.to_owned(),
        }
    }

    /// Is `p` (topology units) on the edge of the 10m window? Arcs are split
    /// there, so the outlines inside the window simplify as they did without
    /// the land beyond it.
    pub fn on_seam(&self, p: P) -> bool {
        let [w, s, e, n] = self.cfg.inner_box.map(|v| (v * UNITS).round() as i64);
        ((p.0 == w || p.0 == e) && (s..=n).contains(&p.1))
            || ((p.1 == s || p.1 == n) && (w..=e).contains(&p.0))
    }

    fn region_of(&self, country: &Country, part: &Polygon<f64>) -> &str {
        let iso = country.iso_n3.as_deref();
        let within = |window: [f64; 4]| {
            part.bounding_rect()
                .is_some_and(|r| contains_box(window, [r.min().x, r.min().y, r.max().x, r.max().y]))
        };
        if let Some(rule) = self
            .cfg
            .parts
            .iter()
            .find(|r| Some(r.iso_n3.as_str()) == iso && within(r.window))
        {
            return &rule.region;
        }
        self.cfg
            .countries
            .iter()
            .find(|r| Some(r.iso_n3.as_str()) == iso)
            .map_or(self.cfg.default_region.as_str(), |r| r.region.as_str())
    }

    /// Extends `regions` (built inside the window) with the 50m land outside it,
    /// and appends the regions of [`NEW_IDS`].
    pub fn extend(&self, regions: &mut Vec<RawRegion>) -> Result<()> {
        let [w, s, e, n] = self.cfg.inner_box;
        // Nothing built from the 10m extracts may reach beyond the window.
        let slack = 1e-6;
        let window = [w - slack, s - slack, e + slack, n + slack];
        for r in regions.iter() {
            match bounds(&r.geometry) {
                Some(b) if contains_box(window, b) => {}
                b => bail!(
                    "region {} reaches beyond the 10m window: bounds {b:?}",
                    r.id
                ),
            }
        }
        let [ow, os, oe, on] = self.outer_box;
        let outside = rect(ow, os, oe, on).difference(&rect(w, s, e, n));
        let mut parts: BTreeMap<&str, Vec<MultiPolygon<f64>>> = BTreeMap::new();
        for country in &self.countries {
            for part in country.shape.intersection(&outside) {
                let region = self.region_of(country, &part);
                parts
                    .entry(region)
                    .or_default()
                    .push(MultiPolygon(vec![part]));
            }
        }
        // Water enclosed by 50m land (a hole no country fills) becomes land of the
        // region around it, as lakes are inside the window; lakes are a layer of their own.
        let all = union_all(parts.values().flatten());
        for p in parts.values_mut() {
            for mp in p.iter_mut() {
                *mp = fill_water_holes(mp, &all);
            }
        }
        let known = |id: &str| regions.iter().any(|r| r.id == id) || NEW_IDS.contains(&id);
        if let Some(id) = parts.keys().find(|id| !known(id)) {
            bail!("{CONFIG}: unknown region {id:?}");
        }
        for r in regions.iter_mut() {
            if let Some(p) = parts.remove(r.id) {
                r.geometry = r.geometry.union(&union_all(p.iter()));
            }
        }
        for id in NEW_IDS {
            let p = parts.remove(id).unwrap_or_default();
            if p.is_empty() {
                bail!("{CONFIG}: region {id} has no land");
            }
            regions.push(RawRegion {
                id,
                geometry: union_all(p.iter()),
            });
        }
        Ok(())
    }
}
