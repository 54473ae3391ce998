//! Sphere regions in pixels as callouts ask about them: thousands of times per map, whether a
//! point lies inside a part. Each part files its edges by horizontal bands, so a point is tested
//! against the edges of its band only, with the same even-odd verdict as over every edge.

use geo::{BoundingRect, Polygon, Rect};

use super::clip::Px;

/// Bands per part: a point meets a few dozen edges instead of every one.
const BANDS: usize = 64;

/// One part of a sphere region, with its box and its edges filed by band.
pub(super) struct SpherePart {
    pub bounds: Rect<f64>,
    pub polygon: Polygon<f64>,
    /// Per band, the edges whose heights reach into it.
    bands: Vec<Vec<(Px, Px)>>,
}

impl SpherePart {
    /// The part, or `None` for an empty one.
    pub fn new(polygon: Polygon<f64>) -> Option<SpherePart> {
        let bounds = polygon.bounding_rect()?;
        let mut bands = vec![Vec::new(); BANDS];
        let rings = std::iter::once(polygon.exterior()).chain(polygon.interiors());
        for ring in rings {
            for s in ring.0.windows(2) {
                let (a, b) = ((s[0].x, s[0].y), (s[1].x, s[1].y));
                let (low, high) = (band(&bounds, a.1.min(b.1)), band(&bounds, a.1.max(b.1)));
                for edges in &mut bands[low..=high] {
                    edges.push((a, b));
                }
            }
        }
        Some(SpherePart {
            bounds,
            polygon,
            bands,
        })
    }

    /// Whether a point lies inside the part (even-odd crossings over its rings). An edge that
    /// crosses the point's height reaches into the point's band: the others cannot count.
    pub fn contains(&self, (x, y): Px) -> bool {
        let (min, max) = (self.bounds.min(), self.bounds.max());
        if x < min.x || x > max.x || y < min.y || y > max.y {
            return false;
        }
        self.bands[band(&self.bounds, y)]
            .iter()
            .filter(|(a, b)| {
                (a.1 > y) != (b.1 > y) && x < a.0 + (y - a.1) * (b.0 - a.0) / (b.1 - a.1)
            })
            .count()
            % 2
            == 1
    }
}

/// The band of a height (clamped: heights on the box's edges included). The same formula for
/// edges and points, so an edge reaching a height is always filed in that height's band.
fn band(bounds: &Rect<f64>, y: f64) -> usize {
    let height = bounds.height();
    if height <= 0.0 {
        return 0;
    }
    let at = ((y - bounds.min().y) / height * BANDS as f64).floor();
    (at.max(0.0) as usize).min(BANDS - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::LineString;

    /// Even-odd crossings over every edge, as the callouts once tested.
    fn inside_by_every_edge(polygon: &Polygon<f64>, (x, y): Px) -> bool {
        std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .flat_map(|ring| ring.0.windows(2))
            .filter(|s| {
                let (a, b) = (s[0], s[1]);
                (a.y > y) != (b.y > y) && x < a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y)
            })
            .count()
            % 2
            == 1
    }

    #[test]
    fn a_part_holds_the_points_every_edge_says_it_holds() {
        // A ragged ring with a hole: vertices on band boundaries, points on vertices' heights.
        let outer: Vec<(f64, f64)> = (0..=300)
            .map(|k| {
                let a = f64::from(k % 300) * std::f64::consts::TAU / 300.0;
                let r = 200.0 + 60.0 * (9.0 * a).sin() + 15.0 * (41.0 * a).cos();
                ((r * a.cos()).round(), (r * a.sin()).round())
            })
            .collect();
        let hole = vec![
            (-40.0, -40.0),
            (40.0, -40.0),
            (40.0, 40.0),
            (-40.0, 40.0),
            (-40.0, -40.0),
        ];
        let polygon = Polygon::new(LineString::from(outer), vec![LineString::from(hole)]);
        let part = SpherePart::new(polygon.clone()).unwrap();
        let (mut held, mut total) = (0, 0);
        for i in -300..=300 {
            for j in -300..=300 {
                let p = (f64::from(i) * 0.9, f64::from(j));
                assert_eq!(part.contains(p), inside_by_every_edge(&polygon, p), "{p:?}");
                held += usize::from(part.contains(p));
                total += 1;
            }
        }
        assert!(held > total / 10 && held < total / 2, "{held} of {total}");
    }
}
