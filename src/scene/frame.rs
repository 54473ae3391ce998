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
        };
        let Some(coverage) = coverage else {
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
        t
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

    /// A path in px, densified so no step is longer than `max_step` degrees (straight legs
    /// curve as they should in a conic).
    pub fn path(&self, line: &LineString<f64>, max_step: f64) -> Vec<Px> {
        let lonlat: Vec<(f64, f64)> = line.0.iter().map(|c| (c.x, c.y)).collect();
        clip::densify(&lonlat, max_step)
            .into_iter()
            .map(|(x, y)| self.px(x, y))
            .collect()
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

/// Width over height of the view once projected.
pub(crate) fn aspect(projection: &LambertConformalConic, view: &[(f64, f64)]) -> Option<f64> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(lon, lat) in view {
        let (x, y) = projection.project(lon, lat);
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    (x1 > x0 && y1 > y0).then(|| (x1 - x0) / (y1 - y0))
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
