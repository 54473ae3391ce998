//! The whole build, in memory: sources in, file contents out.

use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};
use geo::Coord;

use crate::context::ContextLand;
use crate::history::History;
use crate::layers;
use crate::lines::{self, TreatyLine};
use crate::output::{self, put, put_opt, Feature, Props};
use crate::regions;
use crate::sources::Sources;
use crate::topology;

/// Builds every output file; returns `(file name, contents)` in a fixed order.
pub fn run(sources_dir: &Path) -> Result<Vec<(String, String)>> {
    let src = Sources::load(sources_dir)?;
    let hist = History::load(sources_dir)?;

    let l1907 = lines::line_1907(&hist.line_1907, &src)?;
    let start = *l1907
        .coords
        .last()
        .ok_or_else(|| anyhow!("the 1907 line is empty"))?;
    let l1912 = lines::line_1912(&hist.line_1912, start, src.country("MNG")?)?;
    let mut treaty = l1907.coords.clone();
    treaty.extend(l1912.coords.iter().skip(1));

    let mut built = regions::build(&src, &hist, &treaty)?;
    // Context land beyond the 10m window (see context.rs).
    let ctx = ContextLand::load(sources_dir)?;
    ctx.extend(&mut built.regions)?;
    let geoms: Vec<_> = built.regions.iter().map(|r| r.geometry.clone()).collect();
    let part = topology::simplify_partition_pinned(
        &geoms,
        hist.simplify.epsilon_deg,
        hist.simplify.min_island_deg2,
        &|p| ctx.on_seam(p),
    )
    .context("simplifying regions")?;

    let mut region_features = Vec::new();
    for (raw, geom) in built.regions.iter().zip(&part.regions) {
        let meta = hist
            .region(raw.id)
            .or_else(|| ctx.region(raw.id))
            .ok_or_else(|| anyhow!("history.toml: no [[regions]] entry for {}", raw.id))?;
        let mut props = Props::new();
        put(&mut props, "id", raw.id);
        put(&mut props, "name", meta.name.as_str());
        put_opt(&mut props, "label", meta.label.clone());
        put(&mut props, "role", meta.role.as_str());
        put_opt(&mut props, "name_ja", meta.name_ja.clone());
        put_opt(&mut props, "name_ru", meta.name_ru.clone());
        put_opt(&mut props, "name_zh", meta.name_zh.clone());
        put(&mut props, "note", ctx.note(raw.id, &meta.note));
        region_features.push(Feature {
            properties: props,
            geometry: output::multipolygon(geom),
        });
    }

    let idx = |id: &str| regions::IDS.iter().position(|&r| r == id);
    let (Some(east), Some(west)) = (idx("east_inner_mongolia"), idx("west_inner_mongolia")) else {
        bail!("inner Mongolia regions missing");
    };
    let meridian = part.shared_border(east, west);
    let meridian = match meridian.as_slice() {
        [one] => {
            let mut one = one.clone();
            if one.first().map(|c| c.y) > one.last().map(|c| c.y) {
                one.reverse();
            }
            one
        }
        _ => bail!(
            "the Peking meridian border is {} pieces, expected one",
            meridian.len()
        ),
    };

    let eps = hist.simplify.epsilon_deg;
    let line_feature = |id: &str,
                        name: &str,
                        treaty: &str,
                        conf: &str,
                        uncertain: bool,
                        note: String,
                        coords: &[Coord<f64>]| {
        let mut props = Props::new();
        put(&mut props, "id", id);
        put(&mut props, "name", name);
        put(&mut props, "treaty", treaty);
        put(&mut props, "confidence", conf);
        put(&mut props, "uncertain", uncertain);
        put(&mut props, "note", note);
        Feature {
            properties: props,
            geometry: output::linestring(coords),
        }
    };
    let note = |base: &str, l: &TreatyLine| format!("{base} Legs: {}.", l.legs.join("; "));
    let m = &hist.peking_meridian;
    let line_features = vec![
        line_feature(
            "line_1907",
            &hist.line_1907.name,
            "1907",
            &hist.line_1907.confidence,
            false,
            note(&hist.line_1907.note, &l1907),
            &layers::simplify_coords(&l1907.coords, eps),
        ),
        line_feature(
            "line_1912_extension",
            &hist.line_1912.name,
            "1912",
            &hist.line_1912.confidence,
            true,
            note(&hist.line_1912.note, &l1912),
            &l1912.coords,
        ),
        line_feature(
            "peking_meridian",
            &m.name,
            "1912",
            "high",
            false,
            format!("{} ({}/{} {})", m.note, m.method, m.confidence, m.source),
            &meridian,
        ),
    ];

    Ok(vec![
        (
            "regions.geojson".to_owned(),
            output::collection(&region_features)?,
        ),
        (
            "lines.geojson".to_owned(),
            output::collection(&line_features)?,
        ),
        (
            "rivers.geojson".to_owned(),
            output::collection(&layers::rivers(&src, &hist)?)?,
        ),
        (
            "lakes.geojson".to_owned(),
            output::collection(&layers::lakes(&src, &hist)?)?,
        ),
        (
            "railways.geojson".to_owned(),
            output::collection(&layers::railways(&hist)?)?,
        ),
        (
            "places.geojson".to_owned(),
            output::collection(&layers::places(&hist))?,
        ),
    ])
}
