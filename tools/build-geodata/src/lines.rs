//! The 1907 demarcation line and its 1912 extension.

use anyhow::{anyhow, bail, Result};
use geo::{Coord, MultiPolygon};

use crate::geom::{km, nearest_on_outline};
use crate::history::{Leg, Line1907, Line1912, Snap, Waypoint};
use crate::routing::RiverGraph;
use crate::sources::Sources;

/// A computed treaty line with a short account of how each leg was placed.
#[derive(Debug, Clone)]
pub struct TreatyLine {
    pub coords: Vec<Coord<f64>>,
    pub legs: Vec<String>,
}

fn tolerance(w: &Waypoint) -> Result<f64> {
    w.tolerance_km
        .ok_or_else(|| anyhow!("waypoint {} snaps but has no tolerance_km", w.id))
}

fn rivers_label(rivers: &[i64]) -> String {
    let nums: Vec<String> = rivers.iter().map(i64::to_string).collect();
    format!("river {}", nums.join("/"))
}

fn check(w: &Waypoint, d: f64, what: &str) -> Result<()> {
    let tol = tolerance(w)?;
    if d > tol {
        bail!(
            "waypoint {} is {:.1} km from {} (tolerance {} km)",
            w.id,
            d,
            what,
            tol
        );
    }
    Ok(())
}

/// Builds the 1907 line: straight legs, then legs along the Natural Earth rivers.
pub fn line_1907(spec: &Line1907, src: &Sources) -> Result<TreatyLine> {
    let parts: Vec<(i64, Vec<Coord<f64>>)> = src
        .rivers
        .iter()
        .filter(|r| spec.route_rivers.contains(&r.rivernum))
        .flat_map(|r| r.geometry.iter().map(|l| (r.rivernum, l.0.clone())))
        .collect();
    for num in &spec.route_rivers {
        if !parts.iter().any(|(n, _)| n == num) {
            bail!("river {num} (history.toml route_rivers) is not in the rivers source");
        }
    }
    let mut graph = RiverGraph::new(&parts, spec.join_km);

    let mut coords: Vec<Coord<f64>> = Vec::new();
    let mut legs = Vec::new();
    let mut prev_node: Option<usize> = None;
    for w in &spec.waypoints {
        let p = Coord { x: w.lon, y: w.lat };
        let (at, node, how) = match w.snap {
            Snap::None => (p, None, "as given".to_owned()),
            Snap::River => {
                let label = rivers_label(&w.snap_rivers);
                let s = graph
                    .snap_to_river(p, &w.snap_rivers)
                    .ok_or_else(|| anyhow!("waypoint {}: no {label} to snap to", w.id))?;
                check(w, s.km, &label)?;
                (
                    s.at,
                    Some(s.node),
                    format!(
                        "snapped {:.1} km to {label} at {:.4},{:.4}",
                        s.km, s.at.x, s.at.y
                    ),
                )
            }
            Snap::Junction => {
                let s = graph
                    .snap_to_junction(p)
                    .ok_or_else(|| anyhow!("waypoint {}: no river junction", w.id))?;
                check(w, s.km, "the nearest river junction")?;
                (
                    s.at,
                    Some(s.node),
                    format!(
                        "snapped {:.1} km to the river junction at {:.4},{:.4}",
                        s.km, s.at.x, s.at.y
                    ),
                )
            }
            Snap::Meridian => {
                let x = w
                    .meridian
                    .ok_or_else(|| anyhow!("waypoint {} snaps to a meridian but has none", w.id))?;
                let label = rivers_label(&w.snap_rivers);
                let s = graph
                    .snap_to_meridian(p, &w.snap_rivers, x)
                    .ok_or_else(|| anyhow!("waypoint {}: {label} does not cross {x} E", w.id))?;
                check(w, s.km, &format!("where {label} crosses {x} E"))?;
                (
                    s.at,
                    Some(s.node),
                    format!(
                        "{label} crosses {x} E at {:.3} N, {:.1} km from the estimate",
                        s.at.y, s.km
                    ),
                )
            }
            Snap::MongoliaOutline => {
                bail!("waypoint {}: Mongolia snapping is for the 1912 line", w.id)
            }
        };
        match w.leg {
            Leg::Start => coords.push(at),
            Leg::Straight => coords.push(at),
            Leg::River => {
                let (Some(from), Some(to)) = (prev_node, node) else {
                    bail!("waypoint {}: a river leg needs snapped end points", w.id);
                };
                let path = graph.route(from, to).ok_or_else(|| {
                    anyhow!(
                        "waypoint {}: no river path from the previous waypoint",
                        w.id
                    )
                })?;
                coords.extend(path.into_iter().skip(1));
            }
        }
        legs.push(format!(
            "{} {} ({}; {}/{} {})",
            w.id, w.name, how, w.method, w.confidence, w.source
        ));
        prev_node = node;
    }
    dedup(&mut coords);
    Ok(TreatyLine { coords, legs })
}

/// Builds the 1912 extension from the end of the 1907 line, snapping the last
/// point onto the Outer Mongolia outline.
pub fn line_1912(
    spec: &Line1912,
    start: Coord<f64>,
    mongolia: &MultiPolygon<f64>,
) -> Result<TreatyLine> {
    let mut coords = vec![start];
    let mut legs = vec!["Q1 = end of the 1907 line".to_owned()];
    for w in &spec.waypoints {
        let p = Coord { x: w.lon, y: w.lat };
        let (at, how) = match w.snap {
            Snap::None => (p, "as given".to_owned()),
            Snap::MongoliaOutline => {
                let (q, d) = nearest_on_outline(p, mongolia)
                    .ok_or_else(|| anyhow!("waypoint {}: empty Mongolia outline", w.id))?;
                check(w, d, "the Mongolia outline")?;
                (
                    q,
                    format!(
                        "snapped {d:.1} km to the Mongolia outline at {:.4},{:.4}",
                        q.x, q.y
                    ),
                )
            }
            _ => bail!("waypoint {}: unsupported snap for the 1912 line", w.id),
        };
        if w.leg != Leg::Straight {
            bail!("waypoint {}: the 1912 legs are straight", w.id);
        }
        coords.push(at);
        legs.push(format!(
            "{} {} ({}; {}/{} {})",
            w.id, w.name, how, w.method, w.confidence, w.source
        ));
    }
    dedup(&mut coords);
    Ok(TreatyLine { coords, legs })
}

fn dedup(coords: &mut Vec<Coord<f64>>) {
    coords.dedup_by(|a, b| km(*a, *b) < 1e-9);
}
