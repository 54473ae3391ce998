//! Where the map goes on the page: the projection chosen for what the map shows, fitted into the
//! map frame and kept inside the data's coverage. Worked out once per page and shared by every
//! layer.

use geo::{LineString, MultiPolygon};

use super::clip::{self, Px};
use crate::projection::fit::PixelBox;
use crate::projection::{Fit, LambertConformalConic, Projection};

/// Projection plus fit: lon/lat → px.
pub(crate) struct MapTransform {
    pub projection: LambertConformalConic,
    pub fit: Fit,
    /// The lon/lat box the frame shows (west, south, east, north), a little widened.
    pub visible: [f64; 4],
}

impl MapTransform {
    /// Fits the view (the lon/lat points the map must show) into the frame. Where the frame
    /// would show beyond the data's `coverage` (west, south, east, north) — land there would be
    /// painted as sea — the map is zoomed in about its centre until it does not.
    pub fn fitted(
        projection: &LambertConformalConic,
        view: &[(f64, f64)],
        frame: &PixelBox,
        margin: f64,
        coverage: Option<[f64; 4]>,
    ) -> MapTransform {
        let fit = Fit::to_box(projection, view.iter().copied(), *frame, margin);
        let mut t = MapTransform {
            projection: *projection,
            fit,
            visible: [-180.0, -85.0, 180.0, 85.0],
        };
        let Some(coverage) = coverage else {
            t.visible = t.lonlat_box(frame);
            return t;
        };
        let centre = (
            frame.left + frame.width / 2.0,
            frame.top + frame.height / 2.0,
        );
        // Pan towards the data first (a corner beyond it is usually one-sided); zoom in about
        // the centre only where panning does not help.
        for _ in 0..120 {
            let outside = t.outside(frame, coverage);
            if outside.is_empty() {
                break;
            }
            let pan = outside.iter().fold((0.0f64, 0.0f64), |(dx, dy), &(x, y)| {
                let pick = |acc: f64, v: f64| if v.abs() > acc.abs() { v } else { acc };
                (pick(dx, x), pick(dy, y))
            });
            let mut panned = MapTransform {
                projection: t.projection,
                fit: t.fit,
                visible: t.visible,
            };
            panned.fit.x0 += pan.0;
            panned.fit.y0 += pan.1;
            if panned.outside(frame, coverage).len() < outside.len() {
                t = panned;
                continue;
            }
            let k = 1.02;
            t.fit.x0 = centre.0 - (centre.0 - t.fit.x0) * k;
            t.fit.y0 = centre.1 - (centre.1 - t.fit.y0) * k;
            t.fit.scale *= k;
        }
        t.visible = t.lonlat_box(frame);
        t
    }

    /// The lon/lat box of what the frame shows, widened by a degree.
    fn lonlat_box(&self, frame: &PixelBox) -> [f64; 4] {
        let (mut x0, mut y0, mut x1, mut y1) = (180.0f64, 90.0f64, -180.0f64, -90.0f64);
        for i in 0..=40 {
            let f = f64::from(i) / 40.0;
            for p in [
                (frame.left + frame.width * f, frame.top),
                (frame.left + frame.width * f, frame.bottom()),
                (frame.left, frame.top + frame.height * f),
                (frame.right(), frame.top + frame.height * f),
            ] {
                let (lon, lat) = self.lonlat(p);
                if lon.is_finite() && lat.is_finite() {
                    x0 = x0.min(lon);
                    x1 = x1.max(lon);
                    y0 = y0.min(lat);
                    y1 = y1.max(lat);
                }
            }
        }
        [
            (x0 - 1.0).max(-180.0),
            (y0 - 1.0).max(-90.0),
            (x1 + 1.0).min(180.0),
            (y1 + 1.0).min(90.0),
        ]
    }

    /// For each point of the frame's edge that shows beyond the lon/lat box, the pixel shift
    /// that would bring the nearest point of the box under it.
    fn outside(&self, frame: &PixelBox, [west, south, east, north]: [f64; 4]) -> Vec<Px> {
        const STEPS: u32 = 24;
        let mut out = Vec::new();
        for i in 0..=STEPS {
            let f = f64::from(i) / f64::from(STEPS);
            for p in [
                (frame.left + frame.width * f, frame.top),
                (frame.left + frame.width * f, frame.bottom()),
                (frame.left, frame.top + frame.height * f),
                (frame.right(), frame.top + frame.height * f),
            ] {
                let (lon, lat) = self.lonlat(p);
                let inside = (west..=east).contains(&lon) && (south..=north).contains(&lat);
                if !inside {
                    let q = self.px(lon.clamp(west, east), lat.clamp(south, north));
                    out.push((p.0 - q.0, p.1 - q.1));
                }
            }
        }
        out
    }

    /// lon/lat → px.
    pub fn px(&self, lon: f64, lat: f64) -> Px {
        self.fit.apply(&self.projection, lon, lat)
    }

    /// px → lon/lat.
    pub fn lonlat(&self, p: Px) -> (f64, f64) {
        self.fit.invert(&self.projection, p.0, p.1)
    }

    /// A ring in px, vertex for vertex.
    pub fn ring(&self, ring: &LineString<f64>) -> Vec<Px> {
        ring.0.iter().map(|c| self.px(c.x, c.y)).collect()
    }

    /// A path in px, densified so straight lon/lat legs curve as they should in a conic: no
    /// step longer than `max_step` degrees, but only where the frame shows the leg and only as
    /// finely as the page can show (a step every 40 px at most), so the work follows the page,
    /// not the span of the input's segments.
    pub fn path(&self, line: &LineString<f64>, max_step: f64) -> Vec<Px> {
        let mut out: Vec<Px> = Vec::with_capacity(line.0.len());
        for pair in line.0.windows(2) {
            let (a, b) = ((pair[0].x, pair[0].y), (pair[1].x, pair[1].y));
            let start = self.px(a.0, a.1);
            out.push(start);
            let Some((t0, t1)) = clip::clip_segment_params(a, b, self.visible) else {
                continue;
            };
            let at = |t: f64| (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            // A leg that starts inside starts where `a` does (at(0) is `a` exactly).
            let p0 = if t0 == 0.0 {
                start
            } else {
                self.px(at(t0).0, at(t0).1)
            };
            let p1 = self.px(at(t1).0, at(t1).1);
            let px_len = (p1.0 - p0.0).hypot(p1.1 - p0.1);
            let degrees = (b.0 - a.0).abs().max((b.1 - a.1).abs()) * (t1 - t0);
            let steps = (degrees / max_step)
                .ceil()
                .min((px_len / 40.0).ceil() + 1.0);
            if steps.is_nan() || steps < 2.0 {
                continue;
            }
            let steps = steps as usize;
            for i in 0..=steps {
                let t = t0 + (t1 - t0) * i as f64 / steps as f64;
                if t > 0.0 && t < 1.0 {
                    let (lon, lat) = at(t);
                    out.push(self.px(lon, lat));
                }
            }
        }
        if let Some(last) = line.0.last() {
            out.push(self.px(last.x, last.y));
        }
        out
    }

    /// Pixels per kilometre at a latitude.
    pub fn px_per_km(&self, lat: f64) -> f64 {
        self.fit.scale * self.projection.scale_factor(lat)
    }
}

/// The lon/lat points a map must show: a chosen box (densified along its edges, which curve in
/// a conic), or every outline of the extent.
pub(crate) fn view_points(
    extent: &[&MultiPolygon<f64>],
    chosen: Option<[f64; 4]>,
) -> Vec<(f64, f64)> {
    match chosen {
        Some([west, south, east, north]) => {
            let n = 32;
            let lerp = |a: f64, b: f64, i: usize| a + (b - a) * i as f64 / n as f64;
            (0..=n)
                .flat_map(|i| {
                    [
                        (lerp(west, east, i), south),
                        (lerp(west, east, i), north),
                        (west, lerp(south, north, i)),
                        (east, lerp(south, north, i)),
                    ]
                })
                .collect()
        }
        None => extent
            .iter()
            .flat_map(|m| m.iter())
            .flat_map(|p| p.exterior().0.iter().map(|c| (c.x, c.y)))
            .collect(),
    }
}

/// The shapes a map frame may take, as width over height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Aspect {
    /// The view's own shape once projected.
    pub natural: f64,
    /// The tallest shape the data can fill: the view's width with as much land north and
    /// south of it as the data covers, so a tall page shows more land rather than paper.
    pub tallest: f64,
}

/// The projected box of the view (x0, y0, x1, y1), if it has an area.
fn projected_box(projection: &LambertConformalConic, view: &[(f64, f64)]) -> Option<[f64; 4]> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(lon, lat) in view {
        let (x, y) = projection.project(lon, lat);
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    (x1 > x0 && y1 > y0).then_some([x0, y0, x1, y1])
}

/// The points of the view that project furthest left, right, down and up: the same projected
/// box as the whole view, so the fitting that follows projects four points, not every vertex.
/// The view is projected over the cores (it is every vertex of the extent, and the pool is
/// idle this early in a page).
pub(crate) fn extreme_points(
    projection: &LambertConformalConic,
    view: &[(f64, f64)],
) -> Vec<(f64, f64)> {
    use rayon::prelude::*;
    let projected: Vec<(f64, f64)> = view
        .par_iter()
        .with_min_len(1024)
        .map(|&(lon, lat)| projection.project(lon, lat))
        .collect();
    let mut extremes: Option<[((f64, f64), f64); 4]> = None;
    for (&point, &(x, y)) in view.iter().zip(&projected) {
        let e = extremes.get_or_insert([(point, x), (point, -x), (point, y), (point, -y)]);
        for (slot, value) in e.iter_mut().zip([x, -x, y, -y]) {
            // The first point of a tie, as a running minimum keeps it.
            if value < slot.1 {
                *slot = (point, value);
            }
        }
    }
    extremes.map_or_else(Vec::new, |e| e.iter().map(|&(p, _)| p).collect())
}

/// Width over height of the view once projected.
pub(crate) fn aspect(projection: &LambertConformalConic, view: &[(f64, f64)]) -> Option<f64> {
    projected_box(projection, view).map(|[x0, y0, x1, y1]| (x1 - x0) / (y1 - y0))
}

/// The view's shape, and how tall a frame of its width may grow inside `coverage` (west,
/// south, east, north): the box is stretched up and down, each way as far as its whole outline
/// stays over the data (at most three view heights each way).
pub(crate) fn aspect_range(
    projection: &LambertConformalConic,
    view: &[(f64, f64)],
    coverage: [f64; 4],
) -> Option<Aspect> {
    let [x0, y0, x1, y1] = projected_box(projection, view)?;
    let [west, south, east, north] = coverage;
    let covered = |low: f64, high: f64| {
        const STEPS: u32 = 32;
        (0..=STEPS).all(|i| {
            let f = f64::from(i) / f64::from(STEPS);
            let (x, y) = (x0 + (x1 - x0) * f, low + (high - low) * f);
            [(x, low), (x, high), (x0, y), (x1, y)]
                .iter()
                .all(|&(x, y)| {
                    let (lon, lat) = projection.invert(x, y);
                    (west..=east).contains(&lon) && (south..=north).contains(&lat)
                })
        })
    };
    let height = y1 - y0;
    // The furthest stretch in [0, 3 heights] that keeps `fits`, by bisection.
    let furthest = |fits: &dyn Fn(f64) -> bool| {
        if !fits(0.0) {
            return 0.0;
        }
        let (mut good, mut bad) = (0.0, 3.0 * height);
        if fits(bad) {
            return bad;
        }
        for _ in 0..20 {
            let mid = (good + bad) / 2.0;
            if fits(mid) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        good
    };
    let up = furthest(&|d| covered(y0, y1 + d));
    let down = furthest(&|d| covered(y0 - d, y1 + up));
    Some(Aspect {
        natural: (x1 - x0) / height,
        tallest: (x1 - x0) / (height + up + down),
    })
}

/// The bundled North-East Asia setup when the data lies there (so its maps keep round standard
/// parallels), otherwise a conic fitted to the data's extent.
pub(crate) fn projection_for(view: &[(f64, f64)]) -> LambertConformalConic {
    let (mut x0, mut y0, mut x1, mut y1) = (180.0f64, 90.0f64, -180.0f64, -90.0f64);
    for &(x, y) in view {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    if x0 > x1 {
        return LambertConformalConic::north_east_asia();
    }
    let centre = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    if (100.0..=140.0).contains(&centre.0) && (35.0..=55.0).contains(&centre.1) {
        LambertConformalConic::north_east_asia()
    } else {
        LambertConformalConic::for_extent(x0, y0, x1, y1)
    }
}
