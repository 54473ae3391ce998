//! Joining regions that tile: parts cut from one region share their borders vertex for vertex,
//! so their union is their outlines less every edge that two parts share. That takes one pass
//! over the edges, where a general polygon union splits and sorts every segment; parts that do
//! not tile so neatly are left to the general union.

use std::collections::{HashMap, HashSet};

use foldhash::fast::RandomState;
use geo::{Area, CoordinatePosition, LineString, MultiPolygon, Polygon};

/// A position as exact bits, for finding the same vertex in two outlines (`+ 0.0` makes -0 and
/// 0 one vertex).
type Key = (u64, u64);

/// Keys hashed with foldhash, seeded afresh in each run: std's default hash took longer than
/// the whole union.
fn seed() -> RandomState {
    RandomState::default()
}

fn key(c: geo::Coord<f64>) -> Key {
    ((c.x + 0.0).to_bits(), (c.y + 0.0).to_bits())
}

/// The union of `parts` if they tile: every edge either lies on the outside or is walked once
/// by each of two parts in opposite directions, and what remains closes into rings with one
/// way on from each vertex. `None` where that fails (parts that share an edge walked the same
/// way, meet along edges split at different vertices, or touch at a point), for a general union
/// to settle. Parts that overlap without sharing an edge are not noticed: the result is then
/// not a valid outline, and the caller must know its parts, as the bundled data's are known
/// (a test checks each join). Rings start where the first part's first remaining edge does.
pub(crate) fn tiling_union(parts: &[&MultiPolygon<f64>]) -> Option<MultiPolygon<f64>> {
    // Every ring walked with the area on its left: outlines anticlockwise, holes clockwise.
    let mut edges: Vec<(geo::Coord<f64>, geo::Coord<f64>)> = Vec::new();
    for polygon in parts.iter().flat_map(|p| p.iter()) {
        let rings = std::iter::once((polygon.exterior(), true))
            .chain(polygon.interiors().iter().map(|r| (r, false)));
        for (ring, outside) in rings {
            let area = Polygon::new(ring.clone(), Vec::new()).signed_area();
            let forward = (area > 0.0) == outside;
            let lines = ring.lines().filter(|l| l.start != l.end);
            if forward {
                edges.extend(lines.map(|l| (l.start, l.end)));
            } else {
                edges.extend(lines.map(|l| (l.end, l.start)));
            }
        }
    }
    // Each edge as it is walked; a second walk the same way means parts that overlap.
    let mut walked: HashSet<(Key, Key), RandomState> =
        HashSet::with_capacity_and_hasher(edges.len(), seed());
    for &(a, b) in &edges {
        if !walked.insert((key(a), key(b))) {
            return None;
        }
    }
    // The edges left once both walks of each shared border go, and from each vertex the one
    // that leaves it.
    let outer: Vec<(geo::Coord<f64>, geo::Coord<f64>)> = edges
        .into_iter()
        .filter(|&(a, b)| !walked.contains(&(key(b), key(a))))
        .collect();
    let mut leaving: HashMap<Key, usize, RandomState> =
        HashMap::with_capacity_and_hasher(outer.len(), seed());
    for (i, &(a, _)) in outer.iter().enumerate() {
        if leaving.insert(key(a), i).is_some() {
            return None;
        }
    }
    let leaving = |c: geo::Coord<f64>| leaving.get(&key(c)).copied();
    let mut used = vec![false; outer.len()];
    let (mut shells, mut holes) = (Vec::new(), Vec::new());
    for start in 0..outer.len() {
        if used[start] {
            continue;
        }
        let mut ring = vec![outer[start].0];
        let mut at = start;
        while !used[at] {
            used[at] = true;
            ring.push(outer[at].1);
            at = leaving(outer[at].1)?;
        }
        if at != start {
            return None;
        }
        let ring = LineString(ring);
        let area = Polygon::new(ring.clone(), Vec::new()).signed_area();
        if area > 0.0 {
            shells.push((Polygon::new(ring, Vec::new()), area));
        } else {
            holes.push(ring);
        }
    }
    // Each hole goes in the smallest outline around it.
    for hole in holes {
        let inside = |shell: &Polygon<f64>| {
            hole.0
                .iter()
                .any(|c| shell.coordinate_position(c) == geo::coordinate_position::CoordPos::Inside)
        };
        let (shell, _) = shells
            .iter_mut()
            .filter(|(shell, _)| inside(shell))
            .min_by(|a, b| a.1.total_cmp(&b.1))?;
        shell.interiors_push(hole);
    }
    Some(MultiPolygon(shells.into_iter().map(|(p, _)| p).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, BooleanOps};

    fn square(x: f64, y: f64) -> MultiPolygon<f64> {
        MultiPolygon(vec![polygon![
            (x: x, y: y), (x: x + 1.0, y: y), (x: x + 1.0, y: y + 1.0), (x: x, y: y + 1.0)
        ]])
    }

    #[test]
    fn squares_side_by_side_join_into_one_outline() {
        let (a, b) = (square(0.0, 0.0), square(1.0, 0.0));
        let joined = tiling_union(&[&a, &b]).expect("they tile");
        assert_eq!(joined.0.len(), 1);
        assert!((joined.unsigned_area() - 2.0).abs() < 1e-12);
        // The shared side is gone: six corners and the closing point.
        assert_eq!(joined.0[0].exterior().0.len(), 7);
    }

    #[test]
    fn a_ring_of_parts_leaves_its_hole() {
        let parts: Vec<MultiPolygon<f64>> = [(0., 0.), (1., 0.), (2., 0.), (0., 1.), (2., 1.)]
            .into_iter()
            .chain([(0., 2.), (1., 2.), (2., 2.)])
            .map(|(x, y)| square(x, y))
            .collect();
        let refs: Vec<&MultiPolygon<f64>> = parts.iter().collect();
        let joined = tiling_union(&refs).expect("they tile");
        assert_eq!(joined.0.len(), 1);
        assert_eq!(joined.0[0].interiors().len(), 1);
        assert!((joined.unsigned_area() - 8.0).abs() < 1e-12);
    }

    #[test]
    fn parts_that_do_not_tile_are_left_to_the_general_union() {
        // The same part twice.
        let a = square(0.0, 0.0);
        assert!(tiling_union(&[&a, &a]).is_none());
        // Touching at a corner only.
        let b = square(1.0, 1.0);
        assert!(tiling_union(&[&a, &b]).is_none());
        // A shared side split at a vertex only one part has.
        let c = MultiPolygon(vec![polygon![
            (x: 1.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 1.0), (x: 1.0, y: 1.0), (x: 1.0, y: 0.5)
        ]]);
        assert!(tiling_union(&[&a, &c]).is_none());
        assert!(a.union(&c).unsigned_area() > 1.99);
    }
}
