//! The multipolygon rule: parts may touch but must not share an area. Most pairs of parts
//! whose boxes meet are an island in a long coast's box; each part's edges are indexed once,
//! so such a pair costs what lies near the island rather than the whole coast.

use geo::algorithm::coordinate_position::CoordPos;
use geo::algorithm::dimensions::Dimensions;
use geo::{
    BoundingRect, Coord, GeoNum, Kernel, Line, MultiPolygon, Orientation, Polygon,
    PreparedGeometry, Rect, Relate,
};

use super::{box_overlaps, order_by, outlines_meet};

/// The first pair of parts whose interiors share an area.
pub(super) fn overlapping_parts(geometry: &MultiPolygon<f64>) -> Option<(usize, usize)> {
    let pairs = box_overlaps(&geometry.0);
    // Each part's indexes are built once, not once per pair (an island beside a long coast).
    let mut parts: Vec<Option<Part<'_>>> = (0..geometry.0.len()).map(|_| None).collect();
    let mut prepared: Vec<Option<PreparedGeometry<'_, &Polygon<f64>>>> =
        (0..geometry.0.len()).map(|_| None).collect();
    for &(i, j) in &pairs {
        for k in [i, j] {
            if parts[k].is_none() {
                parts[k] = Some(Part::of(&geometry.0[k]));
            }
        }
        // Most pairs are an island inside a coast's box: settled without relate.
        let overlap = match apart_or_overlapping(parts[i].as_ref()?, parts[j].as_ref()?) {
            Some(overlap) => overlap,
            None => {
                for k in [i, j] {
                    if prepared[k].is_none() {
                        prepared[k] = Some(PreparedGeometry::from(&geometry.0[k]));
                    }
                }
                let (a, b) = (prepared[i].as_ref()?, prepared[j].as_ref()?);
                a.relate(b).get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional
            }
        };
        if overlap {
            return Some((i, j));
        }
    }
    None
}

/// A valid polygon with the edges of all its rings in order of their west end.
pub(super) struct Part<'a> {
    polygon: &'a Polygon<f64>,
    bounds: Option<Rect<f64>>,
    /// By west end.
    edges: Vec<Line<f64>>,
    /// The furthest east each edge and those before it reach: edges before the first that
    /// reaches a meridian all end west of it.
    reach: Vec<f64>,
}

fn west(l: &Line<f64>) -> f64 {
    l.start.x.min(l.end.x)
}

fn east(l: &Line<f64>) -> f64 {
    l.start.x.max(l.end.x)
}

impl<'a> Part<'a> {
    pub(super) fn of(polygon: &'a Polygon<f64>) -> Part<'a> {
        let lines: Vec<Line<f64>> = std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .flat_map(|ring| ring.lines())
            .collect();
        let wests: Vec<f64> = lines.iter().map(west).collect();
        let edges: Vec<Line<f64>> = order_by(&wests).into_iter().map(|i| lines[i]).collect();
        let reach = edges
            .iter()
            .scan(f64::NEG_INFINITY, |furthest, l| {
                *furthest = furthest.max(east(l));
                Some(*furthest)
            })
            .collect();
        Part {
            polygon,
            bounds: polygon.bounding_rect(),
            edges,
            reach,
        }
    }

    /// The edges whose boxes meet `r` (`r` may reach to infinity).
    fn near<'s>(&'s self, r: &'s Rect<f64>) -> impl Iterator<Item = &'s Line<f64>> {
        let start = self.reach.partition_point(|&x| x < r.min().x);
        self.edges[start..]
            .iter()
            .take_while(move |l| west(l) <= r.max().x)
            .filter(move |l| {
                east(l) >= r.min().x
                    && l.start.y.max(l.end.y) >= r.min().y
                    && l.start.y.min(l.end.y) <= r.max().y
            })
    }

    /// Where `c` lies: what geo's `coordinate_position` answers for a valid polygon (holes
    /// inside the shell and apart from each other), from the edges that cross the meridian
    /// north of `c`. Inside is an odd number of crossings over all rings.
    pub(super) fn position(&self, c: Coord<f64>) -> CoordPos {
        let north = Rect::new(
            c,
            Coord {
                x: c.x,
                y: f64::INFINITY,
            },
        );
        let mut inside = false;
        for l in self.near(&north) {
            let (a, b) = (l.start, l.end);
            let side = <f64 as GeoNum>::Ker::orient2d(a, b, c);
            if side == Orientation::Collinear {
                // On the edge's line and within its box: on the edge.
                if c.y >= a.y.min(b.y) && c.y <= a.y.max(b.y) {
                    return CoordPos::OnBoundary;
                }
                continue;
            }
            // Each edge counts on its eastern side of the meridian only, so a vertex on the
            // meridian counts once (or not at all where the ring turns back).
            if (a.x > c.x) != (b.x > c.x) {
                let below = if a.x < b.x {
                    side == Orientation::Clockwise
                } else {
                    side == Orientation::CounterClockwise
                };
                inside ^= below;
            }
        }
        if inside {
            CoordPos::Inside
        } else {
            CoordPos::Outside
        }
    }
}

/// Whether two valid polygons share an area, when their outlines do not meet at all: then each
/// ring lies wholly inside or wholly outside the other polygon, so one position per ring tells,
/// and a ring inside means the interiors overlap next to it. `None` when the outlines meet
/// anywhere (touching is allowed, so relate decides).
pub(super) fn apart_or_overlapping(a: &Part<'_>, b: &Part<'_>) -> Option<bool> {
    let (box_a, box_b) = (a.bounds?, b.bounds?);
    if outlines_meet(
        a.near(&box_b).copied().collect(),
        b.near(&box_a).copied().collect(),
    ) {
        return None;
    }
    for (p, q) in [(a, b), (b, a)] {
        let polygon = p.polygon;
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            if let Some(&first) = ring.0.first() {
                match q.position(first) {
                    CoordPos::Inside => return Some(true),
                    CoordPos::OnBoundary => return None,
                    CoordPos::Outside => {}
                }
            }
        }
    }
    Some(false)
}
