//! Polygon validity for user data. Invalid outlines are refused rather than repaired: a silently
//! "fixed" border could move a sphere line, and the user is better placed to fix their file.

use geo::{MultiPolygon, Validation};

/// Checks every polygon of a region (rings closed, no self-intersection, holes inside).
pub fn check_polygons(geometry: &MultiPolygon<f64>) -> Result<(), String> {
    for (i, polygon) in geometry.iter().enumerate() {
        if let Err(problem) = polygon.check_validation() {
            return Err(format!("polygon {i} is invalid: {problem}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn bow_tie_is_refused() {
        let bow_tie = polygon![(x: 0., y: 0.), (x: 1., y: 1.), (x: 1., y: 0.), (x: 0., y: 1.), (x: 0., y: 0.)];
        let err = check_polygons(&MultiPolygon::new(vec![bow_tie])).unwrap_err();
        assert!(err.contains("polygon 0 is invalid"), "{err}");
        let square = polygon![(x: 0., y: 0.), (x: 1., y: 0.), (x: 1., y: 1.), (x: 0., y: 1.)];
        assert!(check_polygons(&MultiPolygon::new(vec![square])).is_ok());
    }
}
