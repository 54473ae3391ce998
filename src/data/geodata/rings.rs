//! Geometry checked as written: rings closed and long enough, positions of two finite numbers
//! within ±180/±90. The GeoJSON → geo conversion would silently close a ring, so these checks
//! read the raw positions.

use geo::Coord;

use super::FeatureRef;
use crate::error::Result;

/// Rings as written: the conversion to geo closes an open ring silently, so closure and length
/// are checked on the positions in the file. A ring whose positions all lie on one line encloses
/// nothing.
pub(super) fn check_rings(at: &FeatureRef<'_>, value: &geojson::GeometryValue) -> Result<()> {
    use geojson::GeometryValue as V;
    let polygons: Vec<&Vec<Vec<geojson::Position>>> = match value {
        V::Polygon { coordinates } => vec![coordinates],
        V::MultiPolygon { coordinates } => coordinates.iter().collect(),
        _ => return Ok(()),
    };
    let multi = matches!(value, V::MultiPolygon { .. });
    for (p, rings) in polygons.iter().enumerate() {
        if rings.is_empty() {
            return Err(at.error(format!("polygon {p} has no rings")));
        }
        for (r, ring) in rings.iter().enumerate() {
            let which = match (multi, r) {
                (false, 0) => "the outer ring".to_string(),
                (false, r) => format!("hole {r}"),
                (true, 0) => format!("the outer ring of polygon {p}"),
                (true, r) => format!("hole {r} of polygon {p}"),
            };
            let xy = |pos: &geojson::Position| Coord {
                x: pos[0],
                y: pos[1],
            };
            if ring.len() < 4 {
                return Err(at.error(format!(
                    "{which} has {} positions; a ring needs at least 4, the last repeating the first",
                    ring.len()
                )));
            }
            if xy(&ring[0]) != xy(&ring[ring.len() - 1]) {
                return Err(at.error(format!(
                    "{which} is not closed: its last position must repeat the first"
                )));
            }
            if encloses_nothing(ring.iter().map(xy)) {
                return Err(at.error(format!(
                    "{which} has zero area: all its positions lie on one line"
                )));
            }
        }
    }
    Ok(())
}

/// Whether every point lies on one line (exactly, with geo's robust orientation test).
fn encloses_nothing(mut points: impl Iterator<Item = Coord<f64>>) -> bool {
    use geo::{GeoNum, Kernel, Orientation};
    let Some(first) = points.next() else {
        return true;
    };
    let mut second = None;
    for p in points {
        match second {
            None if p != first => second = Some(p),
            None => {}
            Some(q) if <f64 as GeoNum>::Ker::orient2d(first, q, p) != Orientation::Collinear => {
                return false;
            }
            Some(_) => {}
        }
    }
    true
}

/// Every position needs a longitude and a latitude. geojson accepts `[5]` and then panics when
/// converting it (found by fuzzing), so this runs before the conversion.
pub(super) fn check_positions(at: &FeatureRef<'_>, value: &geojson::GeometryValue) -> Result<()> {
    use geojson::GeometryValue as V;
    let short = |p: &geojson::Position| p.len() < 2;
    let bad = match value {
        V::Point { coordinates } => short(coordinates),
        V::MultiPoint { coordinates } | V::LineString { coordinates } => {
            coordinates.iter().any(short)
        }
        V::MultiLineString { coordinates } | V::Polygon { coordinates } => {
            coordinates.iter().flatten().any(short)
        }
        V::MultiPolygon { coordinates } => coordinates.iter().flatten().flatten().any(short),
        V::GeometryCollection { geometries } => {
            return geometries
                .iter()
                .try_for_each(|g| check_positions(at, &g.value));
        }
    };
    if bad {
        return Err(
            at.error("a position has fewer than 2 numbers: each needs a longitude and a latitude")
        );
    }
    Ok(())
}

pub(super) fn check_coordinates(at: &FeatureRef<'_>, geometry: &geo::Geometry<f64>) -> Result<()> {
    use geo::CoordsIter;
    for Coord { x, y } in geometry.coords_iter() {
        if !x.is_finite() || !y.is_finite() {
            return Err(at.error("a coordinate is not a finite number"));
        }
        if !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
            return Err(at.error(format!(
                "coordinate ({x}, {y}) is outside longitude ±180 / latitude ±90"
            )));
        }
    }
    Ok(())
}
