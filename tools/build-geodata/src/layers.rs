//! The simple layers: rivers, lakes, railways and places.

use anyhow::{bail, Result};
use geo::{Coord, LineString, MultiPolygon, Polygon};

use crate::history::History;
use crate::output::{self, put, put_opt, Feature, Props};
use crate::sources::Sources;
use crate::topology::{douglas_peucker, to_unit, P, UNITS};

fn simplify_line(coords: &[Coord<f64>], eps_deg: f64) -> Vec<Coord<f64>> {
    let mut pts: Vec<P> = coords.iter().map(|&c| to_unit(c)).collect();
    pts.dedup();
    douglas_peucker(&pts, eps_deg * UNITS)
        .into_iter()
        .map(|p| Coord {
            x: p.0 as f64 / UNITS,
            y: p.1 as f64 / UNITS,
        })
        .collect()
}

/// Public for the treaty lines, which use the same simplification.
pub fn simplify_coords(coords: &[Coord<f64>], eps_deg: f64) -> Vec<Coord<f64>> {
    simplify_line(coords, eps_deg)
}

pub fn rivers(src: &Sources, hist: &History) -> Result<Vec<Feature>> {
    let eps = hist.simplify.river_epsilon_deg;
    let mut out = Vec::new();
    for pick in &hist.rivers.keep {
        let parts: Vec<_> = src
            .rivers
            .iter()
            .filter(|r| r.rivernum == pick.rivernum)
            .collect();
        if parts.is_empty() {
            bail!(
                "river {} ({}) is not in the rivers source",
                pick.rivernum,
                pick.name
            );
        }
        let lines: Vec<Vec<Coord<f64>>> = parts
            .iter()
            .flat_map(|r| r.geometry.iter())
            .map(|l| simplify_line(&l.0, eps))
            .filter(|l| l.len() >= 2)
            .collect();
        let mut props = Props::new();
        put(&mut props, "name", pick.name.as_str());
        put(&mut props, "rivernum", pick.rivernum);
        put(
            &mut props,
            "scalerank",
            parts.iter().map(|r| r.scalerank).min().unwrap_or(99),
        );
        out.push(Feature {
            properties: props,
            geometry: output::multilinestring(&lines),
        });
    }
    Ok(out)
}

pub fn lakes(src: &Sources, hist: &History) -> Result<Vec<Feature>> {
    let eps = hist.simplify.river_epsilon_deg;
    let mut out = Vec::new();
    for lake in &src.lakes {
        if lake.featurecla == "Reservoir" {
            continue;
        }
        if let Some(name) = &lake.name {
            if hist.lakes.drop_names.iter().any(|d| d == name) {
                continue;
            }
        }
        let ring = |l: &LineString<f64>| -> Option<LineString<f64>> {
            let s = simplify_line(&l.0, eps);
            (s.len() >= 4).then_some(LineString(s))
        };
        let polys: Vec<Polygon<f64>> = lake
            .geometry
            .iter()
            .filter_map(|p| {
                let ext = ring(p.exterior())?;
                Some(Polygon::new(
                    ext,
                    p.interiors().iter().filter_map(ring).collect(),
                ))
            })
            .collect();
        if polys.is_empty() {
            continue;
        }
        let mut props = Props::new();
        put_opt(&mut props, "name", lake.name.clone());
        put(&mut props, "scalerank", lake.scalerank);
        out.push(Feature {
            properties: props,
            geometry: output::multipolygon(&MultiPolygon(polys)),
        });
    }
    Ok(out)
}

pub fn railways(hist: &History) -> Result<Vec<Feature>> {
    hist.railways
        .iter()
        .map(|r| {
            if r.stations.len() < 2 {
                bail!("railway {} has fewer than two stations", r.id);
            }
            let coords: Vec<Coord<f64>> = r
                .stations
                .iter()
                .map(|(x, y, _)| Coord { x: *x, y: *y })
                .collect();
            let mut props = Props::new();
            put(&mut props, "id", r.id.as_str());
            put(&mut props, "name", r.name.as_str());
            put(&mut props, "operator", r.operator.as_str());
            put(&mut props, "opened", r.opened);
            put(&mut props, "note", r.note.as_str());
            let names: Vec<&str> = r.stations.iter().map(|s| s.2.as_str()).collect();
            put(&mut props, "stations", names);
            Ok(Feature {
                properties: props,
                geometry: output::linestring(&coords),
            })
        })
        .collect()
}

pub fn places(hist: &History) -> Vec<Feature> {
    hist.places
        .iter()
        .map(|p| {
            let mut props = Props::new();
            put(&mut props, "id", p.id.as_str());
            put(&mut props, "name", p.name.as_str());
            put_opt(&mut props, "name_alt", p.name_alt.clone());
            put_opt(&mut props, "name_ja", p.name_ja.clone());
            put_opt(&mut props, "name_ja_from", p.name_ja_from);
            put_opt(&mut props, "name_ja_until", p.name_ja_until);
            put_opt(&mut props, "name_ja_script", p.name_ja_script.clone());
            put_opt(&mut props, "name_ru", p.name_ru.clone());
            put_opt(&mut props, "name_zh", p.name_zh.clone());
            put_opt(&mut props, "name_zh_hant", p.name_zh_hant.clone());
            put_opt(&mut props, "name_ko", p.name_ko.clone());
            put(&mut props, "modern", p.modern.as_str());
            put(&mut props, "rank", p.rank);
            put_opt(&mut props, "from", p.from);
            put_opt(&mut props, "until", p.until);
            put(
                &mut props,
                "coord_quality",
                format!("{}/{}", p.method, p.confidence),
            );
            Feature {
                properties: props,
                geometry: output::point(Coord { x: p.lon, y: p.lat }),
            }
        })
        .collect()
}
