//! Fitting projected data into a pixel box: scale and translate, y pointing down.

use super::Projection;

/// Maps projected km to pixels: `px = x0 + scale * x`, `py = y0 - scale * y`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// Pixels per km.
    pub scale: f64,
    /// Pixel x of projected x = 0.
    pub x0: f64,
    /// Pixel y of projected y = 0.
    pub y0: f64,
}

/// A pixel rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PixelBox {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl PixelBox {
    /// Right edge.
    pub fn right(&self) -> f64 {
        self.left + self.width
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.top + self.height
    }
    /// Whether a point lies inside.
    pub fn contains(&self, (x, y): (f64, f64)) -> bool {
        x >= self.left && x <= self.right() && y >= self.top && y <= self.bottom()
    }
}

impl Fit {
    /// The largest scale at which the projected points fit in `target` less `margin` pixels on
    /// each side, centred.
    pub fn to_box<P: Projection>(
        projection: &P,
        lonlat: impl IntoIterator<Item = (f64, f64)>,
        target: PixelBox,
        margin: f64,
    ) -> Fit {
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (lon, lat) in lonlat {
            let (x, y) = projection.project(lon, lat);
            min_x = min_x.min(x);
            max_x = max_x.max(x);
            min_y = min_y.min(y);
            max_y = max_y.max(y);
        }
        if min_x > max_x {
            return Fit {
                scale: 1.0,
                x0: target.left,
                y0: target.top,
            };
        }
        let inner_w = (target.width - 2.0 * margin).max(1.0);
        let inner_h = (target.height - 2.0 * margin).max(1.0);
        let scale = (inner_w / (max_x - min_x).max(1e-9)).min(inner_h / (max_y - min_y).max(1e-9));
        let cx = target.left + target.width / 2.0;
        let cy = target.top + target.height / 2.0;
        Fit {
            scale,
            x0: cx - scale * (min_x + max_x) / 2.0,
            y0: cy + scale * (min_y + max_y) / 2.0,
        }
    }

    /// Projects and fits one point.
    pub fn apply<P: Projection>(&self, projection: &P, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = projection.project(lon, lat);
        (self.x0 + self.scale * x, self.y0 - self.scale * y)
    }

    /// Pixel back to lon/lat.
    pub fn invert<P: Projection>(&self, projection: &P, px: f64, py: f64) -> (f64, f64) {
        projection.invert((px - self.x0) / self.scale, (self.y0 - py) / self.scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projection::LambertConformalConic;

    #[test]
    fn fitted_points_land_inside_the_target() {
        let p = LambertConformalConic::north_east_asia();
        let target = PixelBox {
            left: 0.0,
            top: 0.0,
            width: 800.0,
            height: 600.0,
        };
        let fit = Fit::to_box(&p, [(110.0, 40.0), (130.0, 50.0)], target, 10.0);
        assert!(target.contains(fit.apply(&p, 120.0, 45.0)));
        assert!(!target.contains(fit.apply(&p, 150.0, 45.0)));
    }
}
