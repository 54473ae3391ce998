//! Verdicts of the validity checks, against geo's own on the same rings.

use super::parts::{apart_or_overlapping, Part};
use super::sweep::lexicographic;
use super::*;
use geo::{polygon, Validation};
use std::cmp::Ordering;

#[test]
fn bow_tie_is_refused() {
    let bow_tie =
        polygon![(x: 0., y: 0.), (x: 1., y: 1.), (x: 1., y: 0.), (x: 0., y: 1.), (x: 0., y: 0.)];
    let err = check_polygons(&MultiPolygon::new(vec![bow_tie])).unwrap_err();
    assert!(err.contains("polygon 0 is invalid"), "{err}");
    let square = polygon![(x: 0., y: 0.), (x: 1., y: 0.), (x: 1., y: 1.), (x: 0., y: 1.)];
    assert!(check_polygons(&MultiPolygon::new(vec![square])).is_ok());
}

#[test]
fn the_same_part_twice_overlaps() {
    let square = polygon![(x: 0., y: 0.), (x: 1., y: 0.), (x: 1., y: 1.), (x: 0., y: 1.)];
    let err = check_polygons(&MultiPolygon::new(vec![square.clone(), square.clone()])).unwrap_err();
    assert!(err.starts_with("polygons 0 and 1 overlap"), "{err}");
    // Touching along an edge is allowed.
    let next = polygon![(x: 1., y: 0.), (x: 2., y: 0.), (x: 2., y: 1.), (x: 1., y: 1.)];
    assert!(check_polygons(&MultiPolygon::new(vec![square, next])).is_ok());
}

/// A star with `n` points, alternately on two circles.
fn star(n: usize) -> LineString<f64> {
    let mut coords: Vec<Coord<f64>> = (0..2 * n)
        .map(|i| {
            let angle = std::f64::consts::PI * i as f64 / n as f64;
            let r = if i % 2 == 0 { 10.0 } else { 4.0 };
            Coord {
                x: r * angle.cos(),
                y: r * angle.sin(),
            }
        })
        .collect();
    coords.push(coords[0]);
    LineString(coords)
}

#[test]
fn a_large_star_is_simple_and_a_crossing_is_found() {
    let ring = star(5_000);
    assert!(!ring_has_self_intersection(&ring));
    let mut crossed = ring.clone();
    crossed.0.swap(100, 102);
    assert!(ring_has_self_intersection(&crossed));
}

/// A tiny pseudo-random generator, so the test needs no dependency.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// The sweep agrees with geo on rings full of degenerate cases: points on a small grid
/// (shared points, collinear and vertical segments, spikes, repeated points).
#[test]
fn agrees_with_geo_on_random_grid_rings() {
    let mut rng = Lcg(7);
    let mut invalid = 0;
    for case in 0..20_000 {
        let n = 3 + rng.next(14) as usize;
        let grid = 2 + rng.next(6) as i64;
        let mut coords: Vec<Coord<f64>> = (0..n)
            .map(|_| Coord {
                x: rng.next(grid as u64) as f64,
                y: rng.next(grid as u64) as f64,
            })
            .collect();
        coords.push(coords[0]);
        let ring = LineString(coords);
        let expected = geo_self_intersects(&ring);
        // The full path: reduction, then the sweep for any ring size.
        assert_eq!(sweep_verdict(&ring), expected, "case {case}: {:?}", ring.0);
        assert_eq!(ring_has_self_intersection(&ring), expected, "case {case}");
        invalid += usize::from(expected);
    }
    assert!(invalid > 1_000 && invalid < 19_000, "{invalid} invalid");
}

/// Polygons that are mostly simple: grid points sorted by angle around the middle (many
/// collinear and vertical edges), sometimes with two points swapped.
#[test]
fn agrees_with_geo_on_random_star_shaped_rings() {
    let mut rng = Lcg(3);
    let mut valid = 0;
    for case in 0..CASES {
        let n = 4 + rng.next(40) as usize;
        let grid = 3 + rng.next(12);
        let (mut coords, centre) = lattice_points(&mut rng, n, grid);
        sort_by_angle(&mut coords, centre);
        if rng.next(4) == 0 {
            let (i, j) = (rng.next(n as u64) as usize, rng.next(n as u64) as usize);
            coords.swap(i, j);
        }
        coords.push(coords[0]);
        let ring = LineString(coords);
        let expected = geo_self_intersects(&ring);
        assert_eq!(sweep_verdict(&ring), expected, "case {case}: {:?}", ring.0);
        valid += usize::from(!expected);
    }
    assert!(valid > CASES / 10, "{valid} valid");
}

const CASES: usize = 20_000;

/// The box test settles rings longer than the pairwise limit exactly as testing every pair
/// does, or gives up when its budget runs out; the whole check then still agrees with geo.
#[test]
fn the_box_test_agrees_with_every_pair_on_long_rings() {
    let mut rng = Lcg(5);
    let (mut invalid, mut gave_up) = (0, 0);
    for case in 0..1_500 {
        let n = SMALL_RING + 1 + rng.next(60) as usize;
        // A coarse grid makes rings full of shared points and overlaps; a fine one makes some
        // rings simple (points sorted by angle around the middle).
        let grid = 4 + rng.next(400);
        let (mut coords, centre) = lattice_points(&mut rng, n, grid);
        if rng.next(2) == 0 {
            sort_by_angle(&mut coords, centre);
        }
        coords.push(coords[0]);
        let ring = LineString(coords);
        let segments: Vec<Line<f64>> = ring.lines().collect();
        let expected = has_conflict_pairwise(&segments);
        assert_eq!(
            has_conflict_indexed(&segments, usize::MAX),
            Some(expected),
            "case {case}"
        );
        match has_conflict_indexed(&segments, 2 * segments.len()) {
            Some(verdict) => assert_eq!(verdict, expected, "case {case}"),
            None => gave_up += 1,
        }
        assert_eq!(ring_has_self_intersection(&ring), expected, "case {case}");
        assert_eq!(geo_self_intersects(&ring), expected, "case {case}");
        invalid += usize::from(expected);
    }
    assert!(invalid > 100 && invalid < 1_400, "{invalid} invalid");
    assert!(gave_up > 10, "the budget never ran out");
}

/// `n` random points of a `grid` × `grid` lattice, and the lattice's middle (on no lattice line).
fn lattice_points(rng: &mut Lcg, n: usize, grid: u64) -> (Vec<Coord<f64>>, f64) {
    let coords = (0..n)
        .map(|_| Coord {
            x: rng.next(grid) as f64,
            y: rng.next(grid) as f64,
        })
        .collect();
    (coords, grid as f64 / 2.0 + 0.25)
}

/// Points in order of their angle around (`centre`, `centre`): a star-shaped ring.
fn sort_by_angle(coords: &mut [Coord<f64>], centre: f64) {
    let angle = |c: &Coord<f64>| (c.y - centre).atan2(c.x - centre);
    coords.sort_by(|a, b| angle(a).total_cmp(&angle(b)));
}

/// A comb of `teeth` long teeth: every tooth's edges share their whole stretch of longitude.
fn comb(teeth: usize) -> LineString<f64> {
    let long = 100.0;
    let mut coords = vec![Coord { x: 0.0, y: 0.0 }];
    for k in 0..teeth {
        let y = 2.0 * k as f64;
        coords
            .extend([(long, y), (long, y + 1.0), (1.0, y + 1.0), (1.0, y + 2.0)].map(Coord::from));
    }
    let top = 2.0 * teeth as f64;
    coords.extend([(0.0, top), (0.0, 0.0)].map(Coord::from));
    LineString(coords)
}

/// A ring whose boxes crowd together exhausts the box test's budget and goes to the sweep.
#[test]
fn crowded_rings_go_to_the_sweep() {
    let ring = comb(300);
    let segments: Vec<Line<f64>> = ring.lines().collect();
    assert_eq!(
        has_conflict_indexed(&segments, BOXES_PER_SEGMENT * segments.len()),
        None
    );
    assert!(!ring_has_self_intersection(&ring));
    // One tooth's tip pushed down across the tooth below.
    let mut crossed = ring.clone();
    crossed.0[4 * 150 + 2].y -= 3.5;
    assert!(ring_has_self_intersection(&crossed));
    assert!(geo_self_intersects(&crossed));
}

/// Like `ring_has_self_intersection` with no small-ring shortcut.
fn sweep_verdict(ring: &LineString<f64>) -> bool {
    let open = &ring.0[..ring.0.len() - 1];
    let mut runs: Vec<(Coord<f64>, bool)> = Vec::new();
    for &c in open {
        match runs.last_mut() {
            Some((last, r)) if *last == c => *r = true,
            _ => runs.push((c, false)),
        }
    }
    if runs.len() > 1 && runs[0].0 == runs[runs.len() - 1].0 {
        runs.pop();
        runs[0].1 = true;
    }
    let m = runs.len();
    if m < 4 {
        // The proof needs more points than this; these go pair by pair.
        return ring_has_self_intersection(ring);
    }
    let mut points: Vec<Coord<f64>> = runs.iter().map(|r| r.0).collect();
    points.sort_unstable_by(|a, b| lexicographic(*a, *b));
    if points.windows(2).any(|w| w[0] == w[1]) {
        return true;
    }
    let vertices: Vec<Coord<f64>> = runs.iter().map(|r| r.0).collect();
    polygon_is_not_simple(&vertices, &lexicographic_order(&vertices)).expect("consistent order")
}

#[test]
fn integer_keys_sort_points_as_total_cmp_does() {
    let mut rng = Lcg(7);
    let mut value = || match rng.next(6) {
        0 => -0.0,
        1 => 0.0,
        2 => f64::MIN_POSITIVE,
        3 => -(rng.next(1000) as f64) / 7.0,
        _ => rng.next(1000) as f64 / 3.0,
    };
    let points: Vec<Coord<f64>> = (0..2_000)
        .map(|_| Coord {
            x: value(),
            y: value(),
        })
        .collect();
    let order = lexicographic_order(&points);
    assert_eq!(order.len(), points.len());
    for w in order.windows(2) {
        let (a, b) = (points[w[0]], points[w[1]]);
        assert_ne!(lexicographic(a, b), Ordering::Greater, "{a:?} before {b:?}");
    }
}

#[test]
fn bucket_order_is_total_cmp_order() {
    let mut rng = Lcg(13);
    for case in 0..300 {
        let n = rng.next(400) as usize;
        // Clusters, duplicates, signed zeros and a far outlier now and then.
        let values: Vec<f64> = (0..n)
            .map(|_| match rng.next(8) {
                0 => -0.0,
                1 => 0.0,
                2 => 1e12,
                3 => -(rng.next(5) as f64),
                _ => rng.next(1000) as f64 / 7.0,
            })
            .collect();
        let order = order_by(&values);
        let mut seen = order.clone();
        seen.sort_unstable();
        assert_eq!(seen, (0..n).collect::<Vec<_>>(), "case {case}");
        for w in order.windows(2) {
            let (a, b) = (values[w[0]], values[w[1]]);
            assert_ne!(
                a.total_cmp(&b),
                Ordering::Greater,
                "case {case}: {a} before {b}"
            );
        }
    }
}

fn geo_self_intersects(ring: &LineString<f64>) -> bool {
    let polygon = Polygon::new(ring.clone(), vec![]);
    match polygon.check_validation() {
        Err(InvalidPolygon::SelfIntersection(_)) => true,
        Err(InvalidPolygon::TooFewPointsInRing(_)) => {
            has_conflict_pairwise(&ring.lines().collect::<Vec<_>>())
        }
        _ => false,
    }
}

#[test]
fn verdicts_match_geo_for_whole_polygons() {
    let mut rng = Lcg(11);
    for case in 0..3_000 {
        let ring = |rng: &mut Lcg, n: usize, offset: f64, size: u64| {
            let mut c: Vec<Coord<f64>> = (0..n)
                .map(|_| Coord {
                    x: offset + rng.next(size) as f64,
                    y: offset + rng.next(size) as f64,
                })
                .collect();
            c.push(c[0]);
            LineString(c)
        };
        let n = 4 + rng.next(5) as usize;
        let exterior = ring(&mut rng, n, 0.0, 8);
        let holes = (0..rng.next(3))
            .map(|_| {
                let n = 3 + rng.next(3) as usize;
                ring(&mut rng, n, 2.0, 4)
            })
            .collect();
        let polygon = Polygon::new(exterior, holes);
        assert_eq!(
            check_polygon(&polygon).err(),
            polygon.check_validation().err(),
            "case {case}: {polygon:?}"
        );
    }
}

/// A star-shaped ring (simple by construction) of `n` points around `centre`.
fn random_star(rng: &mut Lcg, centre: (f64, f64), n: usize, size: u64) -> LineString<f64> {
    let mut c: Vec<Coord<f64>> = (0..n)
        .map(|k| {
            let angle = std::f64::consts::TAU * k as f64 / n as f64;
            let r = 1.0 + rng.next(size) as f64;
            Coord {
                x: centre.0 + r * angle.cos(),
                y: centre.1 + r * angle.sin(),
            }
        })
        .collect();
    c.push(c[0]);
    LineString(c)
}

#[test]
fn the_quick_part_test_agrees_with_relate() {
    let mut rng = Lcg(23);
    let (mut apart, mut overlapping) = (0, 0);
    for case in 0..4_000 {
        let a = Polygon::new(random_star(&mut rng, (0.0, 0.0), 12, 8), vec![]);
        let at = (rng.next(24) as f64 - 12.0, rng.next(24) as f64 - 12.0);
        let n = 3 + rng.next(8) as usize;
        let b = Polygon::new(random_star(&mut rng, at, n, 3), vec![]);
        let truth =
            a.relate(&b).get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional;
        if let Some(quick) = apart_or_overlapping(&Part::of(&a), &Part::of(&b)) {
            assert_eq!(quick, truth, "case {case}: {a:?} {b:?}");
            *(if quick { &mut overlapping } else { &mut apart }) += 1;
        }
    }
    // Most pairs are settled without relate: apart, or one wholly inside the other.
    assert!(apart > 1_000 && overlapping > 20, "{apart} {overlapping}");
    // An island in a lake of the other part is apart; in the land around the lake, overlapping.
    let square = |x: f64, y: f64, r: f64| {
        LineString::from(vec![
            (x - r, y - r),
            (x + r, y - r),
            (x + r, y + r),
            (x - r, y + r),
            (x - r, y - r),
        ])
    };
    let land = Polygon::new(square(0.0, 0.0, 10.0), vec![square(0.0, 0.0, 4.0)]);
    let in_lake = Polygon::new(square(0.0, 0.0, 1.0), vec![]);
    let on_land = Polygon::new(square(7.0, 7.0, 1.0), vec![]);
    let quick =
        |a: &Polygon<f64>, b: &Polygon<f64>| apart_or_overlapping(&Part::of(a), &Part::of(b));
    assert_eq!(quick(&land, &in_lake), Some(false));
    assert_eq!(quick(&land, &on_land), Some(true));
    assert_eq!(quick(&on_land, &land), Some(true));
}

/// A part's own point-in-polygon test gives geo's answer, also for points on vertices, on
/// edges, on the meridian of a vertex and inside lakes (grid coordinates make those common).
#[test]
fn a_part_places_points_as_geo_does() {
    use geo::CoordinatePosition;
    let mut rng = Lcg(31);
    let mut seen = [0; 3];
    for case in 0..300 {
        let grid = 4 + rng.next(9);
        let centre = grid as f64 / 2.0 + 0.25;
        let mut shell: Vec<Coord<f64>> = (0..4 + rng.next(30))
            .map(|_| Coord {
                x: rng.next(grid) as f64,
                y: rng.next(grid) as f64,
            })
            .collect();
        let angle = |c: &Coord<f64>| (c.y - centre).atan2(c.x - centre);
        shell.sort_by(|a, b| angle(a).total_cmp(&angle(b)));
        shell.dedup();
        shell.push(shell[0]);
        let middle = (grid / 2) as f64;
        let lake = LineString::from(vec![
            (middle - 1.0, middle - 1.0),
            (middle + 1.0, middle - 1.0),
            (middle, middle + 1.0),
            (middle - 1.0, middle - 1.0),
        ]);
        let holes = if rng.next(2) == 0 { vec![lake] } else { vec![] };
        let polygon = Polygon::new(LineString(shell), holes);
        if polygon.check_validation().is_err() {
            continue;
        }
        let part = Part::of(&polygon);
        for x in -1..=grid as i32 {
            for y in -1..=grid as i32 {
                let c = Coord {
                    x: f64::from(x),
                    y: f64::from(y),
                };
                let expected = polygon.coordinate_position(&c);
                assert_eq!(
                    part.position(c),
                    expected,
                    "case {case}: {c:?} in {polygon:?}"
                );
                seen[expected as usize] += 1;
            }
        }
    }
    assert!(seen.iter().all(|&n| n > 100), "{seen:?}");
}
