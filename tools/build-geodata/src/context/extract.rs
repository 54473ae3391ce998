//! `build-geodata extract-context`: writes `geodata/sources/ne_50m_context.geojson`
//! from the world-atlas TopoJSON files (Natural Earth 50m admin-0 countries,
//! and 50m land to check that the countries cover all land).
//!
//! This is the only step that needs files from outside the repository (the npm
//! package, see `geodata/sources/NATURAL_EARTH_EXTRACTS.md`); the build itself
//! reads the committed extract.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use geo::orient::{Direction, Orient};
use geo::{
    Area, BooleanOps, BoundingRect, Coord, LineString, MapCoords, MultiPolygon, Polygon, Validation,
};
use serde_json::{json, Value};

use super::topojson::Topology;
use crate::geom::rect;
use crate::output::{self, round4};

/// The window of the extract (west, south, east, north).
pub const DEFAULT_BOX: [f64; 4] = [60.0, 10.0, 180.0, 80.0];

pub struct Args {
    countries: PathBuf,
    land: Option<PathBuf>,
    out: PathBuf,
    window: [f64; 4],
}

pub const USAGE: &str = "usage: build-geodata extract-context --countries countries-50m.json \
                         [--land land-50m.json] [--box W,S,E,N] --out FILE";

pub fn parse_args(args: impl Iterator<Item = String>) -> Result<Args> {
    let (mut countries, mut land, mut out, mut window) = (None, None, None, DEFAULT_BOX);
    let mut it = args;
    while let Some(a) = it.next() {
        let mut value = || it.next().with_context(|| format!("{a} needs a value"));
        match a.as_str() {
            "--countries" => countries = Some(PathBuf::from(value()?)),
            "--land" => land = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--box" => {
                let v = value()?;
                let nums: Vec<f64> = v
                    .split(',')
                    .map(|s| s.trim().parse::<f64>())
                    .collect::<Result<_, _>>()
                    .with_context(|| format!("--box {v:?}: expected W,S,E,N"))?;
                match nums.as_slice() {
                    &[w, s, e, n] if w < e && s < n => window = [w, s, e, n],
                    _ => bail!("--box {v:?}: expected W,S,E,N with W < E and S < N"),
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => bail!("extract-context: unknown argument {other:?} ({USAGE})"),
        }
    }
    let (Some(countries), Some(out)) = (countries, out) else {
        bail!("extract-context needs --countries and --out ({USAGE})");
    };
    Ok(Args {
        countries,
        land,
        out,
        window,
    })
}

fn read_topology(path: &PathBuf) -> Result<Topology> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Topology::parse(&text).with_context(|| format!("{} is not usable", path.display()))
}

/// Makes each ring continuous across the antimeridian. world-atlas stitches
/// the polygons that Natural Earth cuts at 180° (Russia's Chukotka, for
/// example), so a ring may jump from 179.9 to -179.9: shift every position by
/// whole turns to within 180° of the one before.
fn unwrap_ring(ring: &LineString<f64>) -> LineString<f64> {
    let mut out: Vec<Coord<f64>> = Vec::with_capacity(ring.0.len());
    for &c in &ring.0 {
        let mut c = c;
        if let Some(prev) = out.last() {
            while c.x - prev.x > 180.0 {
                c.x -= 360.0;
            }
            while prev.x - c.x > 180.0 {
                c.x += 360.0;
            }
        }
        out.push(c);
    }
    LineString(out)
}

/// Each polygon with continuous rings, and its copies one turn east and west,
/// so clipping to a window within -180..180 finds every part.
fn unwrap(shape: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    let mut out = Vec::new();
    for p in shape {
        let p = Polygon::new(
            unwrap_ring(p.exterior()),
            p.interiors().iter().map(unwrap_ring).collect(),
        );
        for turn in [-360.0, 0.0, 360.0] {
            out.push(p.map_coords(|c| Coord {
                x: c.x + turn,
                y: c.y,
            }));
        }
    }
    MultiPolygon(out)
}

/// Clips to the window, rounds to the 4 decimals written, orients exteriors
/// counter-clockwise; `None` when nothing is left.
fn tidy(shape: &MultiPolygon<f64>, window: &MultiPolygon<f64>) -> Option<MultiPolygon<f64>> {
    let (Some(bb), Some(wb)) = (shape.bounding_rect(), window.bounding_rect()) else {
        return None;
    };
    // Latitudes never wrap: skip what cannot reach the window (Antarctica's
    // ring runs round the pole and cannot be unwrapped).
    if bb.max().y < wb.min().y || bb.min().y > wb.max().y {
        return None;
    }
    let clipped = unwrap(shape).intersection(window);
    let rounded = clipped.map_coords(|c| Coord {
        x: round4(c.x),
        y: round4(c.y),
    });
    let polys: Vec<Polygon<f64>> = rounded
        .into_iter()
        .filter(|p| p.unsigned_area() > 0.0)
        .map(|p| p.orient(Direction::Default))
        .collect();
    (!polys.is_empty()).then_some(MultiPolygon(polys))
}

pub fn run(args: &Args) -> Result<()> {
    let [w, s, e, n] = args.window;
    let window = rect(w, s, e, n);
    let topo = read_topology(&args.countries)?;
    let mut features = Vec::new();
    let mut covered: Vec<MultiPolygon<f64>> = Vec::new();
    for g in topo.collection("countries")? {
        let Some(shape) = tidy(&g.shape, &window) else {
            continue;
        };
        let name = g
            .properties
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if let Err(err) = shape.check_validation() {
            bail!("{name}: invalid after clipping and rounding: {err}");
        }
        let mut props = output::Props::new();
        output::put(&mut props, "name", name.as_str());
        props.insert(
            "iso_n3".to_owned(),
            g.id.clone().map_or(Value::Null, Value::String),
        );
        eprintln!(
            "{:>4} {name}: {} parts",
            g.id.as_deref().unwrap_or("-"),
            shape.0.len()
        );
        covered.push(shape.clone());
        features.push(output::Feature {
            properties: props,
            geometry: output::multipolygon(&shape),
        });
    }
    if features.is_empty() {
        bail!("no country reaches the window {:?}", args.window);
    }
    if let Some(land_path) = &args.land {
        // Land that no country covers would be painted as sea: report it.
        let land = read_topology(land_path)?;
        let all = crate::geom::union_all(covered.iter());
        let mut missing = 0.0;
        for g in land.collection("land")? {
            if let Some(l) = tidy(&g.shape, &window) {
                missing += l.difference(&all).unsigned_area();
            }
        }
        eprintln!("land not covered by any country: {missing:.6} square degrees");
    }
    let mut lines = Vec::with_capacity(features.len());
    for f in &features {
        lines.push(serde_json::to_string(&json!({
            "geometry": f.geometry,
            "properties": f.properties,
            "type": "Feature",
        }))?);
    }
    let meta = json!({
        "license": "Natural Earth: public domain; world-atlas: ISC (Mike Bostock)",
        "processing": "TopoJSON arcs decoded (delta + transform), clipped to bbox, rounded to 4 decimals, exteriors counter-clockwise",
        "source": "Natural Earth 50m admin_0_countries (v4.1.0) as TopoJSON in the npm package world-atlas 2.0.2, countries-50m.json",
    });
    let text = format!(
        "{{\"bbox\":{},\"features\":[\n{}\n],\"metadata\":{},\"name\":\"ne_50m_context\",\"type\":\"FeatureCollection\"}}\n",
        json!(args.window),
        lines.join(",\n"),
        meta
    );
    std::fs::write(&args.out, &text)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    println!(
        "{}: {} countries, {} bytes",
        args.out.display(),
        features.len(),
        text.len()
    );
    Ok(())
}
