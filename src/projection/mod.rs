//! Map projections: a small pure formula per projection plus one shared fit to a pixel box.

pub mod fit;
pub mod lambert;

pub use fit::Fit;
pub use lambert::LambertConformalConic;

/// A projection from lon/lat degrees to plane coordinates in kilometres (y up), and back.
pub trait Projection {
    /// Projects (lon, lat) in degrees to (x, y) in km.
    fn project(&self, lon: f64, lat: f64) -> (f64, f64);
    /// Inverts [`Projection::project`].
    fn invert(&self, x: f64, y: f64) -> (f64, f64);
    /// The point scale factor at a latitude (1 on the standard parallels).
    fn scale_factor(&self, lat: f64) -> f64;
}
