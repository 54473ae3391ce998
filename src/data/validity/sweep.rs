//! Shamos–Hoey: whether a polygon whose points are all distinct is simple, in O(n log n)
//! whatever its shape. The ring check falls back on it when segment boxes crowd together.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::ops::Bound;

use geo::{Coord, GeoNum, Intersects, Kernel, Line, Orientation};

/// The bits of a float, flipped so that unsigned order is `total_cmp`'s order.
pub(super) fn sort_key(f: f64) -> u64 {
    let bits = f.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// The indices of `points` in (x, y) order (`lexicographic`). Sorted on integer keys that order
/// as `total_cmp` does: comparing floats through the indices cost half of a detailed check.
pub(super) fn lexicographic_order(points: &[Coord<f64>]) -> Vec<usize> {
    let key = sort_key;
    let mut keyed: Vec<(u64, u64, usize)> = points
        .iter()
        .enumerate()
        .map(|(i, c)| (key(c.x), key(c.y), i))
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

/// For a polygon of at least 4 distinct points, `order` its indices in (x, y) order: whether
/// two edges that are not neighbours meet. `None` if the sweep could not decide.
pub(super) fn polygon_is_not_simple(v: &[Coord<f64>], order: &[usize]) -> Option<bool> {
    let m = v.len();
    // A spike (the ring turns back along itself) puts the end of the shorter edge inside the
    // longer one, where it meets the edge before it. Neighbours that overlap would also hide
    // other edges from the sweep, so they are settled first.
    let spike = (0..m).any(|r| {
        let (before, at, after) = (v[(r + m - 1) % m], v[r], v[(r + 1) % m]);
        <f64 as GeoNum>::Ker::orient2d(before, at, after) == Orientation::Collinear
            && lexicographic(before, at) == lexicographic(after, at)
    });
    if spike {
        return Some(true);
    }
    simple_polygon_sweep(v, order)
}

pub(super) fn lexicographic(a: Coord<f64>, b: Coord<f64>) -> Ordering {
    a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y))
}

/// A segment of the polygon `v[index] → v[index + 1]`, stored west to east (lexicographically).
#[derive(Debug, Clone, Copy)]
struct SweepSegment {
    left: Coord<f64>,
    right: Coord<f64>,
    index: usize,
}

impl SweepSegment {
    fn line(&self) -> Line<f64> {
        Line::new(self.left, self.right)
    }
}

impl PartialEq for SweepSegment {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
    }
}

impl Eq for SweepSegment {}

impl PartialOrd for SweepSegment {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SweepSegment {
    /// Bottom to top along the sweep line, for two segments both cut by it. The one that starts
    /// later is placed by the side of the other it starts on (or, starting on it, heads to);
    /// this is the order at every sweep position while no two segments cross. The sweep line is
    /// tilted infinitesimally (events in (x, y) order), so vertical segments need no case.
    fn cmp(&self, other: &Self) -> Ordering {
        if self.index == other.index {
            return Ordering::Equal;
        }
        let (first, second, flip) = if lexicographic(self.left, other.left) != Ordering::Greater {
            (self, other, false)
        } else {
            (other, self, true)
        };
        let orient = |p| <f64 as GeoNum>::Ker::orient2d(first.left, first.right, p);
        let side = match orient(second.left) {
            Orientation::Collinear => orient(second.right),
            side => side,
        };
        let order = match side {
            // `second` is to the left of `first`'s direction (west to east): above it.
            Orientation::CounterClockwise => Ordering::Less,
            Orientation::Clockwise => Ordering::Greater,
            // Collinear and overlapping: any fixed order will do.
            Orientation::Collinear => first.index.cmp(&second.index),
        };
        if flip {
            order.reverse()
        } else {
            order
        }
    }
}

/// Shamos–Hoey: whether two non-neighbouring edges of the polygon `v` (every point distinct)
/// meet. Events are the vertices in (x, y) order; at each, the edges ending there leave the
/// sweep line and those starting there join it, and only edges that become neighbours on the
/// line are tested. The leftmost meeting point is always found this way. `None` if the order
/// turned out inconsistent (a segment could not be found again), which the leftmost meeting
/// should prevent; the caller then uses the exact slow route.
fn simple_polygon_sweep(v: &[Coord<f64>], order: &[usize]) -> Option<bool> {
    let m = v.len();
    let segment = |i: usize| {
        let (a, b) = (v[i], v[(i + 1) % m]);
        if lexicographic(a, b) == Ordering::Less {
            SweepSegment {
                left: a,
                right: b,
                index: i,
            }
        } else {
            SweepSegment {
                left: b,
                right: a,
                index: i,
            }
        }
    };
    let neighbours = |a: usize, b: usize| (a + 1) % m == b || (b + 1) % m == a;
    let meets = |a: &SweepSegment, b: &SweepSegment| {
        !neighbours(a.index, b.index) && a.line().intersects(&b.line())
    };
    let mut line: BTreeSet<SweepSegment> = BTreeSet::new();
    for &vertex in order {
        let incident = [segment((vertex + m - 1) % m), segment(vertex)];
        // Leaving first, so an edge ending here never sits beside one starting here.
        for s in incident.iter().filter(|s| s.right == v[vertex]) {
            let below = line.range(..*s).next_back().copied();
            let above = line
                .range((Bound::Excluded(*s), Bound::Unbounded))
                .next()
                .copied();
            if !line.remove(s) {
                return None;
            }
            if let (Some(b), Some(a)) = (below, above) {
                if meets(&b, &a) {
                    return Some(true);
                }
            }
        }
        for s in incident.iter().filter(|s| s.left == v[vertex]) {
            if !line.insert(*s) {
                return None;
            }
            let below = line.range(..*s).next_back();
            let above = line.range((Bound::Excluded(*s), Bound::Unbounded)).next();
            if below.is_some_and(|b| meets(s, b)) || above.is_some_and(|a| meets(s, a)) {
                return Some(true);
            }
        }
    }
    Some(false)
}
