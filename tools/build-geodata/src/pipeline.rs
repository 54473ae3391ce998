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
        put_opt(&mut props, "name_zh_hant", meta.name_zh_hant.clone());
        put_opt(&mut props, "name_ko", meta.name_ko.clone());
        put(&mut props, "note", ctx.note(raw.id, &meta.note));
        if let Some((_, parent)) = regions::PARENT.iter().find(|(id, _)| *id == raw.id) {
            put(&mut props, "part_of", *parent);
        }
        region_features.push(Feature {
            properties: props,
            geometry: output::multipolygon(geom),
        });
    }

    let idx = |id: &str| regions::IDS.iter().position(|&r| r == id);
    let (Some(east), Some(jehol), Some(west)) = (
        idx("east_inner_mongolia"),
        idx("jehol"),
        idx("west_inner_mongolia"),
    ) else {
        bail!("inner Mongolia regions missing");
    };
    // Jehol was cut out of Eastern Inner Mongolia, so the meridian is the
    // border of both with Western Inner Mongolia: two pieces that meet.
    let mut pieces = part.shared_border(east, west);
    pieces.extend(part.shared_border(jehol, west));
    for p in &mut pieces {
        if p.first().map(|c| c.y) > p.last().map(|c| c.y) {
            p.reverse();
        }
    }
    pieces.sort_by(|a, b| a[0].y.total_cmp(&b[0].y));
    for w in pieces.windows(2) {
        if w[0].last() != w[1].first() {
            bail!(
                "the Peking meridian border is {} pieces that do not meet",
                pieces.len()
            );
        }
    }
    let joined: Vec<Coord<f64>> = pieces.into_iter().flatten().collect();
    let (Some(&first), Some(&last)) = (joined.first(), joined.last()) else {
        bail!("the Peking meridian border is empty");
    };
    if joined.iter().any(|c| c.x != first.x) {
        bail!("the Peking meridian border leaves the meridian");
    }
    // One straight segment, as before Jehol was cut out.
    let meridian = vec![first, last];

    // The 38th parallel is exactly the shared border of the two Korean regions.
    let (Some(south), Some(north)) = (idx("korea"), idx("korea_north")) else {
        bail!("Korean regions missing");
    };
    // It reaches the sea between the Ongjin peninsula and the mainland, so it
    // comes in pieces; on the parallel they join into one west-east line.
    let mut pieces = part.shared_border(south, north);
    if pieces.is_empty() {
        bail!("Korea north and south of the parallel share no border");
    }
    for p in &mut pieces {
        if p.first().map(|c| c.x) > p.last().map(|c| c.x) {
            p.reverse();
        }
    }
    pieces.sort_by(|a, b| a[0].x.total_cmp(&b[0].x));
    let parallel: Vec<Coord<f64>> = pieces.into_iter().flatten().collect();
    if let Some(c) = parallel
        .iter()
        .find(|c| (c.y - hist.korea_division.lat).abs() > 1e-4)
    {
        bail!(
            "the Korean border leaves the parallel at {:.4},{:.4}",
            c.x,
            c.y
        );
    }

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
        line_feature(
            "parallel_38",
            "38th parallel (division of Korea, 1945)",
            "1945",
            "high",
            false,
            format!(
                "Shared border of Korea north and south of {} N: the line dividing the Soviet and US zones of occupation from August-September 1945 (General Order No. 1), not the 1953 armistice line ({}/{} {})",
                hist.korea_division.lat,
                hist.korea_division.method,
                hist.korea_division.confidence,
                hist.korea_division.source
            ),
            &parallel,
        ),
        {
            let k = &hist.khalkha_1939;
            let coords: Vec<Coord<f64>> = k.line.iter().map(|p| Coord { x: p[0], y: p[1] }).collect();
            line_feature(
                "khalkha_1939",
                &k.name,
                "1939",
                "low",
                true,
                format!("{} ({}/{} {})", k.note, k.method, k.confidence, k.source),
                &coords,
            )
        },
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
