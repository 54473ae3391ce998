//! Pixel-space geometry: clipping to the map frame, dashes, and densifying lon/lat paths so
//! that straight treaty legs and parallels curve as they should in a conic projection.

use crate::model::palette::Hatch;
use crate::projection::fit::PixelBox;

/// A point in pixels.
pub type Px = (f64, f64);

/// The part of segment a→b inside a lon/lat box (west, south, east, north), as parameters
/// 0 ≤ t0 < t1 ≤ 1 along it (Liang–Barsky); `None` if it misses the box.
pub fn clip_segment_params(a: (f64, f64), b: (f64, f64), bbox: [f64; 4]) -> Option<(f64, f64)> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - bbox[0]),
        (dx, bbox[2] - a.0),
        (-dy, a.1 - bbox[1]),
        (dy, bbox[3] - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 < t1).then_some((t0, t1))
}

/// Sutherland–Hodgman clip of a closed ring to a rectangle. Concave rings may gain edges along
/// the frame; filled, they look the same, and outlines are clipped separately as lines.
pub fn clip_ring(ring: &[Px], frame: &PixelBox) -> Vec<Px> {
    type Inside = fn(Px, &PixelBox) -> bool;
    type Cross = fn(Px, Px, &PixelBox) -> Px;
    let edges: [(Inside, Cross); 4] = [
        (|p, f| p.0 >= f.left, |a, b, f| at_x(a, b, f.left)),
        (|p, f| p.0 <= f.right(), |a, b, f| at_x(a, b, f.right())),
        (|p, f| p.1 >= f.top, |a, b, f| at_y(a, b, f.top)),
        (|p, f| p.1 <= f.bottom(), |a, b, f| at_y(a, b, f.bottom())),
    ];
    let mut points: Vec<Px> = ring.to_vec();
    for (inside, cross) in edges {
        if points.is_empty() {
            break;
        }
        let input = std::mem::take(&mut points);
        let mut prev = *input.last().expect("not empty");
        for &cur in &input {
            match (inside(cur, frame), inside(prev, frame)) {
                (true, true) => points.push(cur),
                (true, false) => {
                    points.push(cross(prev, cur, frame));
                    points.push(cur);
                }
                (false, true) => points.push(cross(prev, cur, frame)),
                (false, false) => {}
            }
            prev = cur;
        }
    }
    points
}

fn at_x(a: Px, b: Px, x: f64) -> Px {
    let t = (x - a.0) / (b.0 - a.0);
    (x, a.1 + (b.1 - a.1) * t)
}

fn at_y(a: Px, b: Px, y: f64) -> Px {
    let t = (y - a.1) / (b.1 - a.1);
    (a.0 + (b.0 - a.0) * t, y)
}

/// Clips a polyline to a rectangle (Liang–Barsky per segment); returns the visible pieces.
pub fn clip_polyline(path: &[Px], frame: &PixelBox) -> Vec<Vec<Px>> {
    let mut pieces: Vec<Vec<Px>> = Vec::new();
    let mut current: Vec<Px> = Vec::new();
    for pair in path.windows(2) {
        match clip_segment(pair[0], pair[1], frame) {
            Some((a, b)) => {
                if current.last().is_none_or(|last| !same(*last, a)) {
                    if current.len() > 1 {
                        pieces.push(std::mem::take(&mut current));
                    }
                    current.clear();
                    current.push(a);
                }
                current.push(b);
            }
            None => {
                if current.len() > 1 {
                    pieces.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() > 1 {
        pieces.push(current);
    }
    pieces
}

fn same(a: Px, b: Px) -> bool {
    (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
}

fn clip_segment(a: Px, b: Px, f: &PixelBox) -> Option<(Px, Px)> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - f.left),
        (dx, f.right() - a.0),
        (-dy, a.1 - f.top),
        (dy, f.bottom() - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1).then_some({
        (
            (a.0 + t0 * dx, a.1 + t0 * dy),
            (a.0 + t1 * dx, a.1 + t1 * dy),
        )
    })
}

/// The drawn pieces of a path stroked with a dash pattern: lengths on, off, on, off, … in px.
pub fn dash_pattern(path: &[Px], pattern: &[f64]) -> Vec<Vec<Px>> {
    if pattern.len() < 2 || pattern.iter().any(|v| v.is_nan() || *v <= 0.0) {
        return vec![path.to_vec()];
    }
    let mut out = Vec::new();
    let mut current: Vec<Px> = Vec::new();
    let mut index = 0;
    let mut left = pattern[0];
    for pair in path.windows(2) {
        let (mut a, b) = (pair[0], pair[1]);
        let mut seg = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        while seg > 0.0 {
            let drawing = index % 2 == 0;
            let step = left.min(seg);
            let t = step / seg;
            let next = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            if drawing {
                if current.is_empty() {
                    current.push(a);
                }
                current.push(next);
            }
            seg -= step;
            left -= step;
            a = next;
            if left <= 1e-9 {
                if drawing && current.len() > 1 {
                    out.push(std::mem::take(&mut current));
                }
                current.clear();
                index = (index + 1) % pattern.len();
                left = pattern[index];
            }
        }
    }
    if index % 2 == 0 && current.len() > 1 {
        out.push(current);
    }
    out
}

/// Length of a polyline in px.
pub fn length(path: &[Px]) -> f64 {
    path.windows(2)
        .map(|p| ((p[1].0 - p[0].0).powi(2) + (p[1].1 - p[0].1).powi(2)).sqrt())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAME: PixelBox = PixelBox {
        left: 0.0,
        top: 0.0,
        width: 10.0,
        height: 10.0,
    };

    #[test]
    fn ring_outside_is_dropped_and_inside_kept() {
        let outside = [(20.0, 20.0), (30.0, 20.0), (30.0, 30.0)];
        assert!(clip_ring(&outside, &FRAME).is_empty());
        let inside = [(1.0, 1.0), (2.0, 1.0), (2.0, 2.0)];
        assert_eq!(clip_ring(&inside, &FRAME), inside.to_vec());
        let across = [(-5.0, 5.0), (5.0, 5.0), (5.0, 8.0), (-5.0, 8.0)];
        let clipped = clip_ring(&across, &FRAME);
        assert!(clipped.iter().all(|p| p.0 >= 0.0));
    }

    #[test]
    fn polyline_is_cut_at_the_frame() {
        let pieces = clip_polyline(&[(-5.0, 5.0), (5.0, 5.0), (15.0, 5.0)], &FRAME);
        assert_eq!(pieces, vec![vec![(0.0, 5.0), (5.0, 5.0), (10.0, 5.0)]]);
        let pieces = clip_polyline(&[(2.0, 2.0), (2.0, 20.0), (4.0, 20.0), (4.0, 2.0)], &FRAME);
        assert_eq!(pieces.len(), 2);
    }

    #[test]
    fn dashes_alternate() {
        let d = dash_pattern(&[(0.0, 0.0), (10.0, 0.0)], &[2.0, 3.0]);
        assert_eq!(d.len(), 2);
        assert!((length(&d[0]) - 2.0).abs() < 1e-9);
        assert!((d[1][0].0 - 5.0).abs() < 1e-9);
    }

    #[test]
    fn segments_are_cut_to_the_box() {
        let bbox = [0.0, 0.0, 10.0, 10.0];
        let (t0, t1) = clip_segment_params((-10.0, 5.0), (20.0, 5.0), bbox).unwrap();
        assert!((t0 - 1.0 / 3.0).abs() < 1e-9 && (t1 - 2.0 / 3.0).abs() < 1e-9);
        assert!(clip_segment_params((-10.0, 20.0), (20.0, 20.0), bbox).is_none());
        assert_eq!(
            clip_segment_params((1.0, 1.0), (2.0, 2.0), bbox),
            Some((0.0, 1.0))
        );
    }
}

/// Parallel strokes `spacing` px apart covering a box, unclipped.
pub fn hatch_lines(frame: &PixelBox, spacing: f64, hatch: Hatch) -> Vec<Vec<Px>> {
    let mut out = Vec::new();
    let (x0, y0, x1, y1) = (frame.left, frame.top, frame.right(), frame.bottom());
    let span = (x1 - x0) + (y1 - y0);
    let count = (span / spacing).ceil() as usize + 1;
    // Strokes are anchored to multiples of `spacing` so neighbouring areas line up.
    let start = ((x0 + y0) / spacing).floor() * spacing;
    let start_falling = ((x0 - y1) / spacing).floor() * spacing;
    for i in 0..count {
        let k = i as f64 * spacing;
        if matches!(hatch, Hatch::Rising | Hatch::Cross) {
            // x + y = c
            let c = start + k;
            out.push(vec![(c - y1, y1), (c - y0, y0)]);
        }
        if matches!(hatch, Hatch::Falling | Hatch::Cross) {
            // x - y = c
            let c = start_falling + k;
            out.push(vec![(c + y0, y0), (c + y1, y1)]);
        }
    }
    // Horizontal stripes twice as far apart as diagonals: a light stripe, not a second fill.
    // Verticals (and a grid's horizontals) as far apart as the diagonals are across, so the
    // tone matches.
    let across = spacing / std::f64::consts::SQRT_2;
    if hatch == Hatch::Horizontal {
        out.extend(stops(y0, y1, spacing * 2.0).map(|y| vec![(x0, y), (x1, y)]));
    }
    if matches!(hatch, Hatch::Vertical | Hatch::Grid) {
        out.extend(stops(x0, x1, across).map(|x| vec![(x, y0), (x, y1)]));
    }
    if hatch == Hatch::Grid {
        out.extend(stops(y0, y1, across).map(|y| vec![(x0, y), (x1, y)]));
    }
    out
}

/// Multiples of `step` from the last one at or below `low` up to `high`, anchored at zero so
/// neighbouring areas' strokes line up.
fn stops(low: f64, high: f64, step: f64) -> impl Iterator<Item = f64> {
    let first = (low / step).floor() * step;
    (0..)
        .map(move |i| first + f64::from(i) * step)
        .take_while(move |v| *v <= high)
}

/// Drops points closer than `min_distance` px to the last kept one (the last point is always
/// kept). Outlines at 1:10M carry several vertices per pixel; this keeps the SVG small and fast
/// The pieces of the straight segment `a`–`b` that lie inside `rings` (every ring of an area,
/// outer and inner, even-odd). Hatching a region needs only this: a crossing count along one
/// line, linear in the vertices, where a general polygon clip builds a whole overlay graph.
pub fn segment_inside(a: Px, b: Px, rings: &[&[Px]]) -> Vec<(Px, Px)> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    // Which side of the line through a and b a point is on; zero counts as below, so a vertex
    // on the line is crossed once, not twice.
    let side = |p: Px| dx * (p.1 - a.1) - dy * (p.0 - a.0) > 0.0;
    let mut crossings: Vec<f64> = Vec::new();
    for ring in rings {
        for edge in ring.windows(2) {
            let (p, q) = (edge[0], edge[1]);
            if side(p) == side(q) {
                continue;
            }
            // Where the edge meets the line, as a fraction of a→b.
            let (ex, ey) = (q.0 - p.0, q.1 - p.1);
            let denominator = dx * ey - dy * ex;
            if denominator == 0.0 {
                continue;
            }
            crossings.push(((p.0 - a.0) * ey - (p.1 - a.1) * ex) / denominator);
        }
    }
    crossings.sort_by(f64::total_cmp);
    let at = |t: f64| (a.0 + dx * t, a.1 + dy * t);
    crossings
        .chunks_exact(2)
        .filter_map(|pair| {
            let (t0, t1) = (pair[0].max(0.0), pair[1].min(1.0));
            (t1 > t0).then(|| (at(t0), at(t1)))
        })
        .collect()
}

/// to rasterise without a visible change.
pub fn thin(points: &[Px], min_distance: f64) -> Vec<Px> {
    let mut out: Vec<Px> = Vec::with_capacity(points.len());
    let min2 = min_distance * min_distance;
    for (i, &p) in points.iter().enumerate() {
        let last = i + 1 == points.len();
        match out.last() {
            Some(&q) if !last && (p.0 - q.0).powi(2) + (p.1 - q.1).powi(2) < min2 => {}
            _ => out.push(p),
        }
    }
    out
}

#[cfg(test)]
mod thin_tests {
    use super::*;

    #[test]
    fn thin_keeps_ends_and_spacing() {
        let pts: Vec<Px> = (0..=100).map(|i| (f64::from(i) * 0.1, 0.0)).collect();
        let t = thin(&pts, 1.0);
        assert_eq!(t.first(), Some(&(0.0, 0.0)));
        assert_eq!(t.last(), Some(&(10.0, 0.0)));
        assert!(t.len() <= 12, "{}", t.len());
    }

    #[test]
    fn a_segment_keeps_only_what_lies_inside_the_area() {
        let outer = [
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 10.0),
            (0.0, 10.0),
            (0.0, 0.0),
        ];
        let hole = [(4.0, 4.0), (4.0, 6.0), (6.0, 6.0), (6.0, 4.0), (4.0, 4.0)];
        let rings: Vec<&[Px]> = vec![&outer, &hole];
        // Across the hole: two pieces, the ends cut at the outline.
        let pieces = segment_inside((-5.0, 5.0), (15.0, 5.0), &rings);
        assert_eq!(
            pieces,
            vec![((0.0, 5.0), (4.0, 5.0)), ((6.0, 5.0), (10.0, 5.0))]
        );
        // Through two corners (vertices on the line): one piece, corner to corner.
        let diagonal = segment_inside((-1.0, -1.0), (11.0, 11.0), &rings);
        assert_eq!(diagonal.len(), 2, "{diagonal:?}");
        assert_eq!(diagonal[0].0, (0.0, 0.0));
        assert_eq!(diagonal[1].1, (10.0, 10.0));
        // Wholly outside, and ending inside.
        assert!(segment_inside((-5.0, 20.0), (15.0, 20.0), &rings).is_empty());
        assert_eq!(
            segment_inside((5.0, 2.0), (15.0, 2.0), &rings),
            vec![((5.0, 2.0), (10.0, 2.0))]
        );
    }
}
