//! Lambert conformal conic on the sphere. Conformal, so the shapes of Korea and Manchuria are
//! true; with standard parallels at 38° and 50° N the scale error across the map stays small.

use std::f64::consts::FRAC_PI_4;

use super::Projection;

/// Mean Earth radius in km.
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// Lambert conformal conic with two standard parallels.
#[derive(Debug, Clone, Copy)]
pub struct LambertConformalConic {
    lat1: f64,
    lat2: f64,
    lon0: f64,
    n: f64,
    f: f64,
    rho0: f64,
}

fn t(phi: f64) -> f64 {
    (FRAC_PI_4 + phi / 2.0).tan()
}

impl LambertConformalConic {
    /// A projection centred on `lon0`, `lat0` with standard parallels `lat1` and `lat2` (degrees).
    pub fn new(lon0: f64, lat0: f64, lat1: f64, lat2: f64) -> Self {
        let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
        let n = if (lat1 - lat2).abs() < 1e-9 {
            p1.sin()
        } else {
            (p1.cos() / p2.cos()).ln() / (t(p2) / t(p1)).ln()
        };
        let f = p1.cos() * t(p1).powf(n) / n;
        let rho0 = EARTH_RADIUS_KM * f / t(lat0.to_radians()).powf(n);
        LambertConformalConic {
            lat1,
            lat2,
            lon0,
            n,
            f,
            rho0,
        }
    }

    /// The projection used for North-East Asia: centred at 120° E, 44° N, parallels 38° and 50° N.
    pub fn north_east_asia() -> Self {
        LambertConformalConic::new(120.0, 44.0, 38.0, 50.0)
    }

    /// A projection suited to a lon/lat box: central meridian in the middle, standard parallels
    /// at one sixth and five sixths of the latitude span (the usual rule of thumb). Boxes that
    /// straddle the equator get parallels on the side with the larger span, since a conic needs
    /// both on one side.
    pub fn for_extent(min_lon: f64, min_lat: f64, max_lon: f64, max_lat: f64) -> Self {
        let span = (max_lat - min_lat).max(1.0);
        let (mut lat1, mut lat2) = (min_lat + span / 6.0, max_lat - span / 6.0);
        if lat1 * lat2 <= 0.0 {
            if max_lat.abs() >= min_lat.abs() {
                (lat1, lat2) = (max_lat.max(1.0) / 6.0, max_lat.max(1.0) * 5.0 / 6.0);
            } else {
                (lat1, lat2) = (min_lat.min(-1.0) * 5.0 / 6.0, min_lat.min(-1.0) / 6.0);
            }
        }
        let lat0 = (min_lat + max_lat) / 2.0;
        LambertConformalConic::new((min_lon + max_lon) / 2.0, lat0, lat1, lat2)
    }

    /// The two standard parallels, in degrees.
    pub fn standard_parallels(&self) -> (f64, f64) {
        (self.lat1, self.lat2)
    }
}

impl Projection for LambertConformalConic {
    fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let phi = lat.clamp(-89.9, 89.9).to_radians();
        let rho = EARTH_RADIUS_KM * self.f / t(phi).powf(self.n);
        let theta = self.n * (lon - self.lon0).to_radians();
        (rho * theta.sin(), self.rho0 - rho * theta.cos())
    }

    fn invert(&self, x: f64, y: f64) -> (f64, f64) {
        let dy = self.rho0 - y;
        let rho = self.n.signum() * x.hypot(dy);
        let theta = (x * self.n.signum()).atan2(dy * self.n.signum());
        let phi =
            2.0 * (EARTH_RADIUS_KM * self.f / rho).powf(1.0 / self.n).atan() - 2.0 * FRAC_PI_4;
        (self.lon0 + (theta / self.n).to_degrees(), phi.to_degrees())
    }

    fn scale_factor(&self, lat: f64) -> f64 {
        let phi = lat.to_radians();
        self.n * self.f / (phi.cos() * t(phi).powf(self.n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centre_projects_to_the_origin() {
        let p = LambertConformalConic::new(120.0, 45.0, 38.0, 50.0);
        let (x, y) = p.project(120.0, 45.0);
        assert!(x.abs() < 1e-9 && y.abs() < 1e-9);
    }

    #[test]
    fn extent_puts_a_standard_parallel_at_one_sixth() {
        let p = LambertConformalConic::for_extent(-10.0, 30.0, 20.0, 60.0);
        assert!((p.scale_factor(35.0) - 1.0).abs() < 1e-9);
    }
    use approx::assert_relative_eq;

    #[test]
    fn round_trips() {
        let p = LambertConformalConic::north_east_asia();
        for (lon, lat) in [
            (126.54, 45.80),
            (106.91, 47.89),
            (126.98, 37.57),
            (90.0, 55.0),
            (145.0, 33.0),
        ] {
            let (x, y) = p.project(lon, lat);
            let (lon2, lat2) = p.invert(x, y);
            assert_relative_eq!(lon, lon2, epsilon = 1e-9);
            assert_relative_eq!(lat, lat2, epsilon = 1e-9);
        }
    }

    #[test]
    fn true_scale_on_standard_parallels() {
        let p = LambertConformalConic::north_east_asia();
        assert_relative_eq!(p.scale_factor(38.0), 1.0, epsilon = 1e-9);
        assert_relative_eq!(p.scale_factor(50.0), 1.0, epsilon = 1e-9);
        assert!(p.scale_factor(44.0) < 1.0);
    }

    #[test]
    fn known_points_land_where_expected() {
        let p = LambertConformalConic::north_east_asia();
        // Harbin is east and north of the centre, Seoul east and south, Urga west.
        let harbin = p.project(126.54, 45.80);
        let seoul = p.project(126.98, 37.57);
        let urga = p.project(106.91, 47.89);
        assert!(harbin.0 > 400.0 && harbin.1 > 100.0, "{harbin:?}");
        assert!(seoul.1 < -600.0, "{seoul:?}");
        assert!(urga.0 < -900.0, "{urga:?}");
        // One degree of latitude is about 111 km (times the scale factor near 44° N).
        let a = p.project(120.0, 44.0);
        let b = p.project(120.0, 45.0);
        assert_relative_eq!(
            b.1 - a.1,
            111.19 * p.scale_factor(44.5),
            max_relative = 0.01
        );
    }
}
