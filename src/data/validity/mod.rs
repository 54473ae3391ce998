//! Polygon validity for user data. Invalid outlines are refused rather than repaired: a silently
//! "fixed" border could move a sphere line, and the user is better placed to fix their file.
//!
//! The verdicts are those of geo's `Validation` for polygons, plus one rule for multipolygons
//! (parts must not overlap). geo finds a ring's self-intersections by testing every pair of
//! segments, which takes minutes for a detailed outline; here only segments whose boxes overlap
//! are tested, and a ring where too many do goes to a sweep (Shamos–Hoey, O(n log n), in
//! `sweep.rs`). Two segments of a ring are a self-intersection when they meet
//! and neither ends where the other starts (exactly geo's rule, so adjacent segments may touch).

mod parts;
mod sweep;

use geo::algorithm::coordinate_position::CoordPos;
use geo::algorithm::dimensions::Dimensions;
use geo::algorithm::validation::{InvalidPolygon, RingRole};
use geo::{
    BoundingRect, Coord, Intersects, Line, LineString, MultiPolygon, Polygon, PreparedGeometry,
    Rect, Relate,
};
use parts::overlapping_parts;
use sweep::{lexicographic_order, polygon_is_not_simple, sort_key};

/// Checks every polygon of a region (rings with at least 3 distinct points, no
/// self-intersection, holes inside and not touching along a line) and that no two parts overlap.
pub fn check_polygons(geometry: &MultiPolygon<f64>) -> Result<(), String> {
    for (i, polygon) in geometry.iter().enumerate() {
        if let Err(problem) = check_polygon(polygon) {
            return Err(format!("polygon {i} is invalid: {problem}"));
        }
    }
    if let Some((i, j)) = overlapping_parts(geometry) {
        return Err(format!(
            "polygons {i} and {j} overlap: the parts of a MultiPolygon may touch at points but \
             must not share an area"
        ));
    }
    Ok(())
}

/// geo's polygon validation, in the same order, with the fast ring test.
fn check_polygon(polygon: &Polygon<f64>) -> Result<(), InvalidPolygon> {
    let rings = std::iter::once(polygon.exterior()).chain(polygon.interiors());
    for (i, ring) in rings.enumerate() {
        if ring.0.is_empty() {
            continue;
        }
        let role = if i == 0 {
            RingRole::Exterior
        } else {
            RingRole::Interior(i - 1)
        };
        if distinct_in_a_row(ring) < 4 {
            return Err(InvalidPolygon::TooFewPointsInRing(role));
        }
        if ring_has_self_intersection(ring) {
            return Err(InvalidPolygon::SelfIntersection(role));
        }
        if let Some(at) = ring.0.iter().position(|c| !is_finite(*c)) {
            return Err(InvalidPolygon::NonFiniteCoord(
                role,
                geo::algorithm::validation::CoordIndex(at),
            ));
        }
    }
    if polygon.interiors().iter().all(|r| r.0.is_empty()) {
        return Ok(());
    }
    let shell = Polygon::new(polygon.exterior().clone(), vec![]);
    // Indexed only if a hole touches the outline: most lie clear of it.
    let mut prepared_shell = None;
    let holes: Vec<Polygon<f64>> = polygon
        .interiors()
        .iter()
        .map(|r| Polygon::new(r.clone(), vec![]))
        .collect();
    // Holes whose boxes are apart cannot meet; geo relates every pair, which gives the same
    // answers in quadratic time. Same order of checks as geo: each hole, then its pairs.
    let pairs = box_overlaps(&holes);
    let mut pairs = pairs.iter().peekable();
    for (i, hole) in holes.iter().enumerate() {
        if hole.exterior().0.is_empty() {
            continue;
        }
        // A hole clear of the outline is valid where its first point is inside the shell.
        let clear = hole_clear_of_shell(&shell, hole);
        if clear == Some(false) {
            return Err(InvalidPolygon::InteriorRingNotContainedInExteriorRing(
                RingRole::Interior(i),
            ));
        }
        if clear.is_none() {
            let shell = prepared_shell.get_or_insert_with(|| PreparedGeometry::from(&shell));
            let matrix = shell.relate(hole);
            if !matrix.is_contains() {
                return Err(InvalidPolygon::InteriorRingNotContainedInExteriorRing(
                    RingRole::Interior(i),
                ));
            }
            if matrix.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional
            {
                return Err(InvalidPolygon::IntersectingRingsOnALine(
                    RingRole::Exterior,
                    RingRole::Interior(i),
                ));
            }
        }
        while let Some(&(_, j)) = pairs.next_if(|(first, _)| *first == i) {
            let matrix = hole.relate(&holes[j]);
            if matrix.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional {
                return Err(InvalidPolygon::IntersectingRingsOnAnArea(
                    RingRole::Interior(i),
                    RingRole::Interior(j),
                ));
            }
            if matrix.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional
            {
                return Err(InvalidPolygon::IntersectingRingsOnALine(
                    RingRole::Interior(i),
                    RingRole::Interior(j),
                ));
            }
        }
    }
    Ok(())
}

/// Whether a hole whose ring does not meet the shell's lies inside it (`Some(true)`) or outside
/// (`Some(false)`); `None` when the rings meet, for relate to judge.
fn hole_clear_of_shell(shell: &Polygon<f64>, hole: &Polygon<f64>) -> Option<bool> {
    use geo::CoordinatePosition;
    let hole_box = hole.bounding_rect()?;
    let near: Vec<Line<f64>> = shell
        .exterior()
        .lines()
        .filter(|l| {
            l.start.x.max(l.end.x) >= hole_box.min().x
                && l.start.x.min(l.end.x) <= hole_box.max().x
                && l.start.y.max(l.end.y) >= hole_box.min().y
                && l.start.y.min(l.end.y) <= hole_box.max().y
        })
        .collect();
    if outlines_meet(near, hole.exterior().lines().collect()) {
        return None;
    }
    match shell.coordinate_position(hole.exterior().0.first()?) {
        CoordPos::Inside => Some(true),
        CoordPos::Outside => Some(false),
        CoordPos::OnBoundary => None,
    }
}

/// Whether any segment of `a` meets any of `b`: a sweep over the segments' west ends.
fn outlines_meet(mut a: Vec<Line<f64>>, mut b: Vec<Line<f64>>) -> bool {
    let west = |l: &Line<f64>| l.start.x.min(l.end.x);
    let east = |l: &Line<f64>| l.start.x.max(l.end.x);
    a.sort_by(|p, q| west(p).total_cmp(&west(q)));
    b.sort_by(|p, q| west(p).total_cmp(&west(q)));
    // For each segment of `a`, the segments of `b` that start west of its east end; those that
    // end west of where it starts are skipped.
    let mut first = 0;
    for line in &a {
        while first < b.len() && east(&b[first]) < west(line) {
            first += 1;
        }
        for other in &b[first..] {
            if west(other) > east(line) {
                break;
            }
            if east(other) >= west(line) && line.intersects(other) {
                return true;
            }
        }
    }
    false
}

/// Pairs `(i, j)`, `i < j`, of polygons whose bounding boxes meet, in order: a sweep over the
/// boxes sorted by their west edge.
fn box_overlaps(polygons: &[Polygon<f64>]) -> Vec<(usize, usize)> {
    let mut boxes: Vec<(usize, Rect<f64>)> = polygons
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.bounding_rect().map(|b| (i, b)))
        .collect();
    boxes.sort_by(|a, b| a.1.min().x.total_cmp(&b.1.min().x));
    let mut pairs = Vec::new();
    for (k, (i, a)) in boxes.iter().enumerate() {
        for (j, b) in &boxes[k + 1..] {
            if b.min().x > a.max().x {
                break;
            }
            if b.min().y <= a.max().y && a.min().y <= b.max().y {
                pairs.push(((*i).min(*j), (*i).max(*j)));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

fn is_finite(c: Coord<f64>) -> bool {
    c.x.is_finite() && c.y.is_finite()
}

/// Positions left once repeated neighbours are merged (geo's `remove_repeated_points`).
fn distinct_in_a_row(ring: &LineString<f64>) -> usize {
    ring.0.len() - ring.0.windows(2).filter(|w| w[0] == w[1]).count()
}

/// Rings this short are tested pair by pair.
const SMALL_RING: usize = 64;

/// geo's rule: segments `a` and `b` (different positions in the ring) cross or touch, and
/// neither ends where the other starts.
fn conflict(a: Line<f64>, b: Line<f64>) -> bool {
    a.start != b.end && a.end != b.start && a.intersects(&b)
}

/// Every pair: the reference the sweep must agree with.
fn has_conflict_pairwise(segments: &[Line<f64>]) -> bool {
    segments.iter().enumerate().any(|(i, &a)| {
        segments[i + 1..]
            .iter()
            .any(|&b| conflict(a, b) || conflict(b, a))
    })
}

/// Whether a closed ring crosses or touches itself, by geo's rule, in O(n log n) at worst.
fn ring_has_self_intersection(ring: &LineString<f64>) -> bool {
    let coords = &ring.0;
    if coords.len() < 2 {
        return false;
    }
    if !coords.iter().all(|&c| is_finite(c)) || coords[0] != coords[coords.len() - 1] {
        // Not reached from the loader (coordinates are finite and rings are closed).
        return has_conflict_pairwise(&ring.lines().collect::<Vec<_>>());
    }
    // Merge runs of equal positions (cyclically). Every zero-length segment of a run conflicts
    // with exactly the segments its point lies on, except those ending or starting there, so
    // one stands for all; the rule only looks at coordinates, so the verdict is unchanged.
    // `+ 0.0` turns -0 into 0, so equal points sort together.
    let open = &coords[..coords.len() - 1];
    let mut runs: Vec<(Coord<f64>, bool)> = Vec::new();
    for &c in open {
        let c = Coord {
            x: c.x + 0.0,
            y: c.y + 0.0,
        };
        match runs.last_mut() {
            Some((last, repeated)) if *last == c => *repeated = true,
            _ => runs.push((c, false)),
        }
    }
    if runs.len() > 1 && runs[0].0 == runs[runs.len() - 1].0 {
        let (_, repeated) = runs.pop().expect("more than one run");
        runs[0].1 = true;
        // The last run also wrapped into the first one.
        let _ = repeated;
    }
    let m = runs.len();
    if m == 1 {
        // Every segment has zero length and each ends where another starts.
        return false;
    }
    let mut reduced = Vec::with_capacity(2 * m);
    for (r, &(point, repeated)) in runs.iter().enumerate() {
        if repeated {
            reduced.push(Line::new(point, point));
        }
        reduced.push(Line::new(point, runs[(r + 1) % m].0));
    }
    if reduced.len() <= SMALL_RING {
        return has_conflict_pairwise(&reduced);
    }
    // Most outlines settle with a few box tests per segment; crowded ones go to the sweep,
    // whose cost does not depend on the shape.
    let budget = BOXES_PER_SEGMENT * reduced.len();
    if let Some(verdict) = has_conflict_indexed(&reduced, budget) {
        return verdict;
    }
    // A point visited twice: the two segments arriving there conflict.
    let vertices: Vec<Coord<f64>> = runs.iter().map(|r| r.0).collect();
    let order = lexicographic_order(&vertices);
    if order.windows(2).any(|w| vertices[w[0]] == vertices[w[1]]) {
        return true;
    }
    // Now every point is visited once, and segments conflict exactly when they meet and are
    // not neighbours in the ring: is this a simple polygon? (A repeated point lying on another
    // segment is found too: that segment meets a neighbour of the point.)
    match polygon_is_not_simple(&vertices, &order) {
        Some(verdict) => verdict,
        // The sweep met an order it cannot trust; answer by the slower exact route.
        None => has_conflict_indexed(&reduced, usize::MAX).unwrap_or(true),
    }
}

/// Pairs of overlapping segment boxes the quick ring test may look at, per segment, before it
/// leaves the ring to the sweep. Region outlines need about five; a comb of long teeth needs
/// as many as it has teeth.
const BOXES_PER_SEGMENT: usize = 32;

/// Tests each pair of segments whose boxes meet, found by a sweep over the boxes in order of
/// their west edge: exact, and quick while few boxes share a stretch of longitude, but
/// quadratic when many do. `None` once more than `budget` pairs of boxes overlapping in
/// longitude were looked at without a verdict.
fn has_conflict_indexed(segments: &[Line<f64>], budget: usize) -> Option<bool> {
    // West, east, south and north of each segment, by west edge.
    let wests: Vec<f64> = segments.iter().map(|l| l.start.x.min(l.end.x)).collect();
    let boxes: Vec<([f64; 4], usize)> = order_by(&wests)
        .into_iter()
        .map(|i| {
            let l = &segments[i];
            let (east, south, north) = (
                l.start.x.max(l.end.x),
                l.start.y.min(l.end.y),
                l.start.y.max(l.end.y),
            );
            ([wests[i], east, south, north], i)
        })
        .collect();
    let mut looked_at = 0usize;
    for (k, &([_, east, south, north], i)) in boxes.iter().enumerate() {
        for &([west_b, _, south_b, north_b], j) in &boxes[k + 1..] {
            if west_b > east {
                break;
            }
            looked_at += 1;
            if looked_at > budget {
                return None;
            }
            if south_b <= north && south <= north_b {
                let (s, t) = (segments[i], segments[j]);
                if conflict(s, t) || conflict(t, s) {
                    return Some(true);
                }
            }
        }
    }
    Some(false)
}

/// The indices of `values` in increasing order (`total_cmp`'s, ties in any order). Each value
/// goes to one of as many buckets as there are values, spread evenly over their range, and
/// only the buckets are sorted: outlines spread their segments well enough that this is about
/// linear, where a general sort cost most of the ring test.
pub(super) fn order_by(values: &[f64]) -> Vec<usize> {
    let n = values.len();
    let mut order: Vec<usize> = (0..n).collect();
    let (low, high) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), &v| {
            (low.min(v), high.max(v))
        });
    let scale = n as f64 / (high - low);
    if !(scale.is_finite() && scale > 0.0) || values.iter().any(|v| v.is_nan()) {
        order.sort_unstable_by_key(|&i| sort_key(values[i]));
        return order;
    }
    // Rounding keeps this monotonic, so bucket order never contradicts value order.
    let bucket = |v: f64| (((v - low) * scale) as usize).min(n - 1);
    let mut starts = vec![0usize; n + 1];
    for &v in values {
        starts[bucket(v) + 1] += 1;
    }
    for b in 0..n {
        starts[b + 1] += starts[b];
    }
    let mut next = starts.clone();
    for (i, &v) in values.iter().enumerate() {
        let b = bucket(v);
        order[next[b]] = i;
        next[b] += 1;
    }
    for b in 0..n {
        let run = &mut order[starts[b]..starts[b + 1]];
        if run.len() > 1 {
            run.sort_unstable_by_key(|&i| sort_key(values[i]));
        }
    }
    order
}

#[cfg(test)]
mod tests;
