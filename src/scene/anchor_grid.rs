//! The places a region's name may try inside its outline when the outline's pole does not take
//! it: a grid over the region's box, deepest points first.
//!
//! The grid has 361 points and an outline hundreds of edges: testing every point against every
//! edge was the largest cost of laying out a map's labels. A row of the grid shares its `y`, so
//! the edges that can count for it are picked once per row (the verdicts are geo's own), and a
//! point's depth is measured against the edges filed in the cells nearest it.

use geo::kernels::{Kernel, Orientation};
use geo::{BoundingRect, Coord, LineString, Polygon};

use super::clip::Px;

/// Points on each side of the grid (the box's edges left out).
const STEPS: u32 = 20;

/// The grid points inside `polygon`, the deepest (farthest from the outer ring) first.
pub(super) fn grid_anchors(polygon: &Polygon<f64>) -> Vec<Px> {
    let Some(b) = polygon.bounding_rect() else {
        return Vec::new();
    };
    let rings: Vec<&LineString<f64>> = std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .collect();
    let edges = Edges::new(
        polygon.exterior(),
        (b.min().x, b.min().y),
        (b.width(), b.height()),
    );
    let mut inside: Vec<(f64, usize, Px)> = Vec::new();
    for j in 1..STEPS {
        let y = b.min().y + b.height() * f64::from(j) / f64::from(STEPS);
        let rows: Vec<Row> = rings.iter().map(|ring| Row::new(ring, y)).collect();
        for i in 1..STEPS {
            let x = b.min().x + b.width() * f64::from(i) / f64::from(STEPS);
            if contains(&rows, Coord { x, y }) {
                // Column-major order, as the points were once visited: ties keep it.
                let order = ((i - 1) * (STEPS - 1) + (j - 1)) as usize;
                inside.push((edges.depth_squared((x, y)), order, (x, y)));
            }
        }
    }
    inside.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    inside.into_iter().map(|(_, _, p)| p).collect()
}

/// Where a point lies against one ring, by geo's winding rules (`coord_pos_relative_to_ring`).
#[derive(PartialEq)]
enum Position {
    Outside,
    Boundary,
    Inside,
}

/// The edges of one ring that a horizontal ray at `y` may cross, under geo's rules: the others
/// never change the winding number nor touch the point.
struct Row {
    edges: Vec<(Coord<f64>, Coord<f64>)>,
    empty: bool,
}

impl Row {
    fn new(ring: &LineString<f64>, y: f64) -> Row {
        let edges = ring
            .lines()
            .filter(|l| {
                if l.start.y <= y {
                    l.end.y >= y
                } else {
                    l.end.y <= y
                }
            })
            .map(|l| (l.start, l.end))
            .collect();
        Row {
            edges,
            empty: ring.0.len() < 2,
        }
    }

    /// The position of `c` (whose `y` is the row's) against the ring.
    fn position(&self, c: Coord<f64>) -> Position {
        if self.empty {
            // geo: an empty ring holds nothing, a single point only itself (never a grid point
            // strictly inside a box).
            return Position::Outside;
        }
        let mut winding = 0;
        for &(start, end) in &self.edges {
            let o = <f64 as geo::GeoNum>::Ker::orient2d(start, end, c);
            let between = |a: f64, b: f64| (a <= c.x && c.x <= b) || (b <= c.x && c.x <= a);
            if start.y <= c.y {
                if o == Orientation::CounterClockwise && end.y != c.y {
                    winding += 1;
                } else if o == Orientation::Collinear && between(start.x, end.x) {
                    return Position::Boundary;
                }
            } else if o == Orientation::Clockwise {
                winding -= 1;
            } else if o == Orientation::Collinear && between(start.x, end.x) {
                return Position::Boundary;
            }
        }
        if winding == 0 {
            Position::Outside
        } else {
            Position::Inside
        }
    }
}

/// geo's `Polygon::contains` for a point: inside the outer ring, and outside every hole.
fn contains(rings: &[Row], c: Coord<f64>) -> bool {
    let Some((outer, holes)) = rings.split_first() else {
        return false;
    };
    outer.position(c) == Position::Inside
        && holes.iter().all(|h| h.position(c) == Position::Outside)
}

/// A ring's segments filed by the cells of the grid their boxes cover, so that a point's depth
/// is measured against the segments near it, ring of cells by ring of cells outwards.
struct Edges {
    segments: Vec<(Px, Px)>,
    /// Per cell (column-major, `STEPS` × `STEPS`), the indices of its segments.
    cells: Vec<Vec<u32>>,
    /// Per cell, how many rings of cells out the nearest cell with a segment is (Chebyshev).
    empty_rings: Vec<i64>,
    origin: Px,
    cell: Px,
}

/// Cells on each side of the grid.
const CELLS: i64 = STEPS as i64;

impl Edges {
    fn new(ring: &LineString<f64>, origin: Px, size: Px) -> Edges {
        let steps = f64::from(STEPS);
        let cell = (size.0 / steps, size.1 / steps);
        let segments: Vec<(Px, Px)> = ring
            .0
            .windows(2)
            .map(|s| ((s[0].x, s[0].y), (s[1].x, s[1].y)))
            .collect();
        let n = CELLS as usize;
        let index = |v: f64, o: f64, c: f64| -> usize {
            if c > 0.0 {
                (((v - o) / c).floor().max(0.0) as usize).min(n - 1)
            } else {
                0
            }
        };
        let mut cells = vec![Vec::new(); n * n];
        for (k, &(a, b)) in segments.iter().enumerate() {
            let (i0, i1) = (
                index(a.0.min(b.0), origin.0, cell.0),
                index(a.0.max(b.0), origin.0, cell.0),
            );
            let (j0, j1) = (
                index(a.1.min(b.1), origin.1, cell.1),
                index(a.1.max(b.1), origin.1, cell.1),
            );
            for i in i0..=i1 {
                for j in j0..=j1 {
                    cells[i * n + j].push(k as u32);
                }
            }
        }
        let empty_rings = chebyshev_distances(&cells);
        Edges {
            segments,
            cells,
            empty_rings,
            origin,
            cell,
        }
    }

    /// The squared distance from `p`, a node of the grid, to the nearest segment (no square
    /// roots: it only orders points). The rings of cells around `p` are searched from the first
    /// that holds a segment until every cell left is farther than the nearest segment found,
    /// with a cell to spare for rounding.
    fn depth_squared(&self, p: Px) -> f64 {
        let at = |v: f64, o: f64, c: f64| {
            if c > 0.0 {
                ((v - o) / c).round() as i64
            } else {
                0
            }
        };
        let (pi, pj) = (
            at(p.0, self.origin.0, self.cell.0),
            at(p.1, self.origin.1, self.cell.1),
        );
        let cell = |i: i64, j: i64| -> Option<usize> {
            ((0..CELLS).contains(&i) && (0..CELLS).contains(&j)).then(|| (i * CELLS + j) as usize)
        };
        // The four cells that meet at the node: the first ring that can hold a segment.
        let first = [(pi - 1, pj - 1), (pi - 1, pj), (pi, pj - 1), (pi, pj)]
            .iter()
            .filter_map(|&(i, j)| cell(i, j))
            .map(|c| self.empty_rings[c])
            .min()
            .unwrap_or(0);
        let side = self.cell.0.min(self.cell.1);
        let mut best = f64::INFINITY;
        for r in first..=CELLS {
            let clear = (r - 1) as f64 * side;
            if r >= 2 && clear * clear > best {
                break;
            }
            // The cells at Chebyshev distance `r` from the four around the node: two whole
            // rows, then the two columns between them.
            let (i0, i1, j0, j1) = (pi - 1 - r, pi + r, pj - 1 - r, pj + r);
            let rows = (i0..=i1).flat_map(|i| [(i, j0), (i, j1)]);
            let columns = (j0 + 1..j1).flat_map(|j| [(i0, j), (i1, j)]);
            for c in rows.chain(columns).filter_map(|(i, j)| cell(i, j)) {
                for &k in &self.cells[c] {
                    let (a, b) = self.segments[k as usize];
                    best = best.min(segment_distance_squared(p, a, b));
                }
            }
        }
        best
    }
}

/// For each cell, the Chebyshev distance in cells to the nearest cell that holds a segment
/// (two passes of a chamfer transform; `CELLS` where none does).
fn chebyshev_distances(cells: &[Vec<u32>]) -> Vec<i64> {
    let n = CELLS;
    let mut d: Vec<i64> = cells
        .iter()
        .map(|c| if c.is_empty() { n } else { 0 })
        .collect();
    let get = |d: &[i64], i: i64, j: i64| {
        if (0..n).contains(&i) && (0..n).contains(&j) {
            d[(i * n + j) as usize] + 1
        } else {
            n
        }
    };
    for i in 0..n {
        for j in 0..n {
            let best = [(i - 1, j - 1), (i - 1, j), (i - 1, j + 1), (i, j - 1)]
                .iter()
                .map(|&(a, b)| get(&d, a, b))
                .fold(d[(i * n + j) as usize], i64::min);
            d[(i * n + j) as usize] = best;
        }
    }
    for i in (0..n).rev() {
        for j in (0..n).rev() {
            let best = [(i + 1, j + 1), (i + 1, j), (i + 1, j - 1), (i, j + 1)]
                .iter()
                .map(|&(a, b)| get(&d, a, b))
                .fold(d[(i * n + j) as usize], i64::min);
            d[(i * n + j) as usize] = best;
        }
    }
    d
}

fn segment_distance_squared(p: Px, a: Px, b: Px) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (x, y) = (a.0 + t * dx - p.0, a.1 + t * dy - p.1);
    x * x + y * y
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Contains;

    /// The grid as it was first written: every point against geo's `contains`, every depth over
    /// every segment.
    fn grid_by_brute_force(polygon: &Polygon<f64>) -> Vec<Px> {
        let b = polygon.bounding_rect().unwrap();
        let mut inside = Vec::new();
        for i in 1..STEPS {
            for j in 1..STEPS {
                let p = (
                    b.min().x + b.width() * f64::from(i) / f64::from(STEPS),
                    b.min().y + b.height() * f64::from(j) / f64::from(STEPS),
                );
                if polygon.contains(&geo::Point::new(p.0, p.1)) {
                    let depth = polygon
                        .exterior()
                        .0
                        .windows(2)
                        .map(|s| segment_distance_squared(p, (s[0].x, s[0].y), (s[1].x, s[1].y)))
                        .fold(f64::INFINITY, f64::min);
                    inside.push((depth, p));
                }
            }
        }
        inside.sort_by(|a, b| b.0.total_cmp(&a.0));
        inside.into_iter().map(|(_, p)| p).collect()
    }

    #[test]
    fn the_grid_is_geos_verdicts_in_depth_order() {
        // A comb with a hole and a self-crossing tooth: points on edges, in the hole, in the
        // crossing's twice-wound part.
        let comb = Polygon::new(
            LineString::from(vec![
                (0.0, 0.0),
                (100.0, 0.0),
                (100.0, 60.0),
                (80.0, 60.0),
                (80.0, 20.0),
                (60.0, 20.0),
                (60.0, 60.0),
                (50.0, 30.0),
                (30.0, 80.0),
                (35.0, 10.0),
                (20.0, 60.0),
                (0.0, 60.0),
                (0.0, 0.0),
            ]),
            vec![LineString::from(vec![
                (85.0, 5.0),
                (95.0, 5.0),
                (95.0, 15.0),
                (85.0, 15.0),
                (85.0, 5.0),
            ])],
        );
        let diamond = Polygon::new(
            LineString::from(vec![
                (50.0, 0.0),
                (100.0, 50.0),
                (50.0, 100.0),
                (0.0, 50.0),
                (50.0, 0.0),
            ]),
            vec![],
        );
        // A ragged star of 600 vertices: many edges to a cell, deep and shallow points.
        let star = Polygon::new(
            LineString::from(
                (0..=600)
                    .map(|k| {
                        let a = f64::from(k % 600) * std::f64::consts::TAU / 600.0;
                        let r = 300.0 + 120.0 * (7.0 * a).sin() + 25.0 * (53.0 * a).cos();
                        (r * a.cos(), 0.7 * r * a.sin())
                    })
                    .collect::<Vec<_>>(),
            ),
            vec![],
        );
        for polygon in [comb, diamond, star] {
            let grid = grid_anchors(&polygon);
            assert!(!grid.is_empty());
            assert_eq!(grid, grid_by_brute_force(&polygon));
        }
    }
}
