//! Small planar helpers on the lon/lat plane.

use geo::{BooleanOps, Coord, LineString, MultiLineString, MultiPolygon, Polygon, Rect};

/// Kilometres per degree of latitude (mean).
const KM_PER_DEG: f64 = 111.2;

/// Approximate ground distance in km (equirectangular; fine for the tolerances used here).
pub fn km(a: Coord<f64>, b: Coord<f64>) -> f64 {
    let k = ((a.y + b.y) * 0.5).to_radians().cos();
    let dx = (a.x - b.x) * k;
    let dy = a.y - b.y;
    (dx * dx + dy * dy).sqrt() * KM_PER_DEG
}

/// Nearest point of segment `a`–`b` to `p`, measured in the local km metric.
pub fn nearest_on_segment(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> (Coord<f64>, f64) {
    let k = p.y.to_radians().cos();
    let (ax, ay) = ((a.x - p.x) * k, a.y - p.y);
    let (bx, by) = ((b.x - p.x) * k, b.y - p.y);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let q = Coord {
        x: a.x + (b.x - a.x) * t,
        y: a.y + (b.y - a.y) * t,
    };
    (q, km(p, q))
}

/// Nearest point of any ring of `mp` to `p`.
pub fn nearest_on_outline(p: Coord<f64>, mp: &MultiPolygon<f64>) -> Option<(Coord<f64>, f64)> {
    mp.iter()
        .flat_map(|poly| std::iter::once(poly.exterior()).chain(poly.interiors()))
        .flat_map(|ring| ring.lines())
        .map(|l| nearest_on_segment(p, l.start, l.end))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

pub fn rect(min_x: f64, min_y: f64, max_x: f64, max_y: f64) -> MultiPolygon<f64> {
    MultiPolygon(vec![Rect::new(
        Coord { x: min_x, y: min_y },
        Coord { x: max_x, y: max_y },
    )
    .to_polygon()])
}

pub fn coord(ll: [f64; 2]) -> Coord<f64> {
    Coord { x: ll[0], y: ll[1] }
}

/// The point `dist` degrees beyond `to`, continuing the direction `from` → `to`.
pub fn extend(from: Coord<f64>, to: Coord<f64>, dist: f64) -> Coord<f64> {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let len = (dx * dx + dy * dy).sqrt();
    if len == 0.0 {
        return to;
    }
    Coord {
        x: to.x + dx / len * dist,
        y: to.y + dy / len * dist,
    }
}

pub fn union_all<'a>(parts: impl IntoIterator<Item = &'a MultiPolygon<f64>>) -> MultiPolygon<f64> {
    let parts: Vec<&MultiPolygon<f64>> = parts.into_iter().collect();
    geo::unary_union(parts)
}

/// Length (degrees) of the part of `line` inside `area`, and where that part starts.
pub fn length_inside(
    line: &LineString<f64>,
    area: &MultiPolygon<f64>,
) -> (f64, Option<Coord<f64>>) {
    use geo::{Euclidean, Length};
    let inside = area.clip(&MultiLineString(vec![line.clone()]), false);
    let len = inside.iter().map(|l| Euclidean.length(l)).sum();
    let at = inside
        .iter()
        .filter(|l| Euclidean.length(*l) > 0.0)
        .find_map(|l| l.0.first().copied());
    (len, at)
}

/// A polygon from a closed sequence of points (the closing point is added).
pub fn polygon(points: Vec<Coord<f64>>) -> MultiPolygon<f64> {
    let mut ring = LineString(points);
    ring.close();
    MultiPolygon(vec![Polygon::new(ring, vec![])])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn km_matches_a_degree_of_latitude() {
        let d = km(Coord { x: 120.0, y: 45.0 }, Coord { x: 120.0, y: 46.0 });
        assert!((d - 111.2).abs() < 0.01);
    }

    #[test]
    fn nearest_on_segment_clamps_to_the_ends() {
        let (q, _) = nearest_on_segment(
            Coord { x: 3.0, y: 1.0 },
            Coord { x: 0.0, y: 0.0 },
            Coord { x: 2.0, y: 0.0 },
        );
        assert_eq!(q, Coord { x: 2.0, y: 0.0 });
    }

    #[test]
    fn extend_continues_the_direction() {
        let p = extend(Coord { x: 0.0, y: 0.0 }, Coord { x: 1.0, y: 0.0 }, 0.5);
        assert_eq!(p, Coord { x: 1.5, y: 0.0 });
    }
}
