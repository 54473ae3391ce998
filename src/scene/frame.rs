//! Where the map goes on the page: the projection chosen for the data's extent, fitted into the
//! map frame. Worked out once per page and shared by every layer.

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
    /// Fits the outlines (all sphere regions, whatever the year, so every map of a series has
    /// the same extent) into the frame.
    pub fn fitted(
        projection: &LambertConformalConic,
        extent: &[&MultiPolygon<f64>],
        frame: &PixelBox,
        margin: f64,
    ) -> MapTransform {
        let fit = Fit::to_box(projection, outline_points(extent), *frame, margin);
        MapTransform {
            projection: *projection,
            fit,
        }
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

fn outline_points<'a>(
    extent: &'a [&'a MultiPolygon<f64>],
) -> impl Iterator<Item = (f64, f64)> + 'a {
    extent
        .iter()
        .flat_map(|m| m.iter())
        .flat_map(|p| p.exterior().0.iter().map(|c| (c.x, c.y)))
}

/// The bundled North-East Asia setup when the data lies there (so its maps keep round standard
/// parallels), otherwise a conic fitted to the data's extent.
pub(crate) fn projection_for(extent: &[&MultiPolygon<f64>]) -> LambertConformalConic {
    let (mut x0, mut y0, mut x1, mut y1) = (180.0f64, 90.0f64, -180.0f64, -90.0f64);
    for (x, y) in outline_points(extent) {
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
