//! Regions joined into one outline. `build.rs` includes this file too, to join the bundled
//! unions once at build time, so it may use nothing but `geo`.

use geo::{Area, BooleanOps, MultiPolygon, Polygon};

/// The members' outlines joined, in order. The first is taken as it is: a union with an empty
/// shape would snap its vertices, and the parts would no longer share their borders exactly.
pub fn join_outlines<'a>(
    mut members: impl Iterator<Item = &'a MultiPolygon<f64>>,
) -> MultiPolygon<f64> {
    let first = members
        .next()
        .map_or_else(|| MultiPolygon::new(Vec::new()), Clone::clone);
    without_slivers(members.fold(first, |joined, member| joined.union(member)))
}

/// Rings of less than this area (square degrees, under 0.01 km²) are rounding residue.
const SLIVER_AREA: f64 = 1e-6;

/// Drops the zero-width rings a union leaves where its parts' shared border was computed with a
/// rounding difference: painted, each would stroke a hairline through the joined region.
fn without_slivers(outline: MultiPolygon<f64>) -> MultiPolygon<f64> {
    let is_sliver = |ring: &geo::LineString<f64>| {
        Polygon::new(ring.clone(), Vec::new()).unsigned_area() < SLIVER_AREA
    };
    outline
        .into_iter()
        .filter(|part| !is_sliver(part.exterior()))
        .map(|part| {
            let (exterior, holes) = part.into_inner();
            Polygon::new(
                exterior,
                holes.into_iter().filter(|h| !is_sliver(h)).collect(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slivers_go_and_real_holes_stay() {
        let square = |x: f64, y: f64, size: f64| {
            geo::LineString::from(vec![
                (x, y),
                (x + size, y),
                (x + size, y + size),
                (x, y + size),
                (x, y),
            ])
        };
        let spike =
            geo::LineString::from(vec![(1.0, 1.0), (2.0, 2.0), (1.0, 1.0 + 1e-12), (1.0, 1.0)]);
        let outline = MultiPolygon::new(vec![
            Polygon::new(square(0.0, 0.0, 10.0), vec![spike, square(5.0, 5.0, 1.0)]),
            Polygon::new(square(20.0, 0.0, 1e-4), Vec::new()),
        ]);
        let cleaned = without_slivers(outline);
        assert_eq!(cleaned.0.len(), 1);
        assert_eq!(cleaned.0[0].interiors().len(), 1);
    }
}
