//! Topology-preserving simplification of a planar partition.
//!
//! Rings are snapped to a 1e-5° grid, split into arcs at junctions (vertices
//! where three or more edges meet, or where the set of regions on either side
//! changes), and every distinct arc is simplified once. Neighbours therefore
//! keep identical borders. Arcs whose simplified form would cross another arc
//! are simplified again with a smaller tolerance until nothing crosses.

use std::collections::{BTreeSet, HashMap, HashSet};

use anyhow::{bail, Result};
use geo::orient::{Direction, Orient};
use geo::{Coord, LineString, MultiPolygon, Polygon, Validation};

/// Grid units per degree used for matching (1e-5°).
pub const UNITS: f64 = 1e5;
/// Output grid in units (1e-4°, the 4 decimals written).
const OUT_STEP: i64 = 10;
/// Vertices closer than this to another ring's segment are inserted into it
/// (units, about 15 m). The sources were snapped to a 1e-4° grid layer by
/// layer, so a province corner can sit several units off the country border
/// it lies on; without this, such borders would not match and leave slivers.
const ON_SEGMENT: f64 = 15.0;
/// A ring turning back within this distance of itself is a zero-width spike (units).
const SPIKE: f64 = 1.5;
/// Cell size of the spatial hashes (units).
const CELL: i64 = 2_000;

pub type P = (i64, i64);

#[derive(Debug, Clone)]
struct Ring {
    region: usize,
    poly: usize,
    pts: Vec<P>,
}

#[derive(Debug, Clone)]
struct Arc {
    pts: Vec<P>,
    closed: bool,
    owners: Vec<usize>,
}

/// The cleaned partition.
#[derive(Debug, Clone)]
pub struct Partition {
    pub regions: Vec<MultiPolygon<f64>>,
    arcs: Vec<(Vec<usize>, Vec<P>)>,
}

impl Partition {
    /// The simplified border(s) shared by exactly regions `a` and `b`.
    pub fn shared_border(&self, a: usize, b: usize) -> Vec<Vec<Coord<f64>>> {
        let mut key = vec![a, b];
        key.sort_unstable();
        self.arcs
            .iter()
            .filter(|(owners, _)| *owners == key)
            .map(|(_, pts)| pts.iter().map(|&p| to_coord(p)).collect())
            .collect()
    }
}

pub fn to_unit(c: Coord<f64>) -> P {
    ((c.x * UNITS).round() as i64, (c.y * UNITS).round() as i64)
}

fn to_coord(p: P) -> Coord<f64> {
    Coord {
        x: p.0 as f64 / UNITS,
        y: p.1 as f64 / UNITS,
    }
}

fn round_out(p: P) -> P {
    let r = |v: i64| (v as f64 / OUT_STEP as f64).round() as i64 * OUT_STEP;
    (r(p.0), r(p.1))
}

/// Removes repeated points and spikes from an open ring. A spike is a vertex
/// where the ring turns back on itself (a, b, c with c on a–b or a on b–c);
/// boolean operations leave such zero-width slivers along shared borders.
fn clean_ring(pts: &mut Vec<P>) {
    pts.dedup();
    while pts.len() > 1 && pts.first() == pts.last() {
        pts.pop();
    }
    let mut changed = true;
    while changed && pts.len() >= 3 {
        changed = false;
        let n = pts.len();
        for i in 0..n {
            let (a, b, c) = (pts[(i + n - 1) % n], pts[i], pts[(i + 1) % n]);
            let back = (b.0 - a.0) * (c.0 - b.0) + (b.1 - a.1) * (c.1 - b.1) < 0;
            if a == c || (back && (seg_dist(c, a, b).0 <= SPIKE || seg_dist(a, b, c).0 <= SPIKE)) {
                pts.remove(i);
                changed = true;
                break;
            }
        }
        pts.dedup();
        while pts.len() > 1 && pts.first() == pts.last() {
            pts.pop();
        }
    }
}

fn ring_area2(pts: &[P]) -> f64 {
    let n = pts.len();
    (0..n)
        .map(|i| {
            let (a, b) = (pts[i], pts[(i + 1) % n]);
            a.0 as f64 * b.1 as f64 - b.0 as f64 * a.1 as f64
        })
        .sum::<f64>()
}

fn cell(p: P) -> (i64, i64) {
    (p.0.div_euclid(CELL), p.1.div_euclid(CELL))
}

/// Distance from `p` to segment `a`–`b` and the position along it.
fn seg_dist(p: P, a: P, b: P) -> (f64, f64) {
    let (ax, ay, bx, by, px, py) = (
        a.0 as f64, a.1 as f64, b.0 as f64, b.1 as f64, p.0 as f64, p.1 as f64,
    );
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return (((px - ax).powi(2) + (py - ay).powi(2)).sqrt(), 0.0);
    }
    let t = ((px - ax) * dx + (py - ay) * dy) / len2;
    let tc = t.clamp(0.0, 1.0);
    let (qx, qy) = (ax + tc * dx, ay + tc * dy);
    (((px - qx).powi(2) + (py - qy).powi(2)).sqrt(), t)
}

/// Douglas–Peucker on an open polyline; keeps both end points.
pub fn douglas_peucker(pts: &[P], eps: f64) -> Vec<P> {
    if pts.len() <= 2 || eps <= 0.0 {
        return pts.to_vec();
    }
    let mut keep = vec![false; pts.len()];
    keep[0] = true;
    keep[pts.len() - 1] = true;
    let mut stack = vec![(0, pts.len() - 1)];
    while let Some((s, e)) = stack.pop() {
        let mut best = (0.0, 0);
        for i in s + 1..e {
            let d = seg_dist(pts[i], pts[s], pts[e]).0;
            if d > best.0 {
                best = (d, i);
            }
        }
        if best.0 > eps {
            keep[best.1] = true;
            stack.push((s, best.1));
            stack.push((best.1, e));
        }
    }
    pts.iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

/// Simplifies one arc; closed arcs are split at their farthest vertex so both
/// halves keep fixed ends.
fn simplify_arc(arc: &Arc, eps: f64) -> Vec<P> {
    let out = if arc.closed {
        let start = arc.pts[0];
        let far = (1..arc.pts.len())
            .max_by(|&i, &j| {
                let d = |k: usize| {
                    let p: P = arc.pts[k];
                    (p.0 - start.0).pow(2) + (p.1 - start.1).pow(2)
                };
                d(i).cmp(&d(j)).then(j.cmp(&i))
            })
            .unwrap_or(0);
        let mut first = douglas_peucker(&arc.pts[..=far], eps);
        let mut second: Vec<P> = arc.pts[far..].to_vec();
        second.push(start);
        let second = douglas_peucker(&second, eps);
        first.pop();
        first.extend(second);
        first.pop();
        first
    } else {
        douglas_peucker(&arc.pts, eps)
    };
    let mut out: Vec<P> = out.into_iter().map(round_out).collect();
    out.dedup();
    out
}

fn orient2(a: P, b: P, c: P) -> i128 {
    (b.0 - a.0) as i128 * (c.1 - a.1) as i128 - (b.1 - a.1) as i128 * (c.0 - a.0) as i128
}

fn on_seg(a: P, b: P, p: P) -> bool {
    p.0 >= a.0.min(b.0) && p.0 <= a.0.max(b.0) && p.1 >= a.1.min(b.1) && p.1 <= a.1.max(b.1)
}

/// Do segments a–b and c–d share any point other than one common end point?
fn segments_conflict(a: P, b: P, c: P, d: P) -> bool {
    let shared = [a, b].iter().filter(|p| **p == c || **p == d).count();
    let (o1, o2, o3, o4) = (
        orient2(a, b, c),
        orient2(a, b, d),
        orient2(c, d, a),
        orient2(c, d, b),
    );
    if shared == 2 {
        return true;
    }
    if shared == 1 {
        // Only a collinear overlap beyond the common point is a conflict.
        if o1 == 0 && o2 == 0 {
            let common = if a == c || a == d { a } else { b };
            let other_ab = if common == a { b } else { a };
            let other_cd = if common == c { d } else { c };
            let dot = (other_ab.0 - common.0) as i128 * (other_cd.0 - common.0) as i128
                + (other_ab.1 - common.1) as i128 * (other_cd.1 - common.1) as i128;
            return dot > 0;
        }
        return false;
    }
    if ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)) {
        return true;
    }
    (o1 == 0 && on_seg(a, b, c))
        || (o2 == 0 && on_seg(a, b, d))
        || (o3 == 0 && on_seg(c, d, a))
        || (o4 == 0 && on_seg(c, d, b))
}

/// Arcs involved in any crossing or touching of simplified segments.
fn conflicting_arcs(simple: &[Option<Vec<P>>], arcs: &[Arc]) -> HashSet<usize> {
    let mut grid: HashMap<(i64, i64), Vec<(usize, usize)>> = HashMap::new();
    let seg = |a: usize, i: usize| -> Option<(P, P)> {
        let pts = simple[a].as_ref()?;
        let n = pts.len();
        if arcs[a].closed {
            Some((pts[i], pts[(i + 1) % n]))
        } else {
            Some((pts[i], pts[i + 1]))
        }
    };
    for (a, pts) in simple.iter().enumerate() {
        let Some(pts) = pts else { continue };
        let nseg = if arcs[a].closed {
            pts.len()
        } else {
            pts.len().saturating_sub(1)
        };
        for i in 0..nseg {
            let Some((p, q)) = seg(a, i) else { continue };
            let (c0, c1) = (
                cell((p.0.min(q.0), p.1.min(q.1))),
                cell((p.0.max(q.0), p.1.max(q.1))),
            );
            for cx in c0.0..=c1.0 {
                for cy in c0.1..=c1.1 {
                    grid.entry((cx, cy)).or_default().push((a, i));
                }
            }
        }
    }
    let mut bad = HashSet::new();
    for list in grid.values() {
        for (k, &(a, i)) in list.iter().enumerate() {
            for &(b, j) in &list[k + 1..] {
                let (Some((p, q)), Some((r, s))) = (seg(a, i), seg(b, j)) else {
                    continue;
                };
                if a == b {
                    let n = simple[a].as_ref().map_or(0, Vec::len);
                    let adjacent =
                        i.abs_diff(j) == 1 || (arcs[a].closed && (i.abs_diff(j) == n - 1));
                    if adjacent || i == j {
                        continue;
                    }
                }
                if segments_conflict(p, q, r, s) {
                    bad.insert(a);
                    bad.insert(b);
                }
            }
        }
    }
    bad
}

/// Snaps, splits into arcs, simplifies and reassembles the regions.
#[allow(dead_code)] // the build pins the window's edge; kept for the tests and other callers
pub fn simplify_partition(
    regions: &[MultiPolygon<f64>],
    eps_deg: f64,
    min_island_deg2: f64,
) -> Result<Partition> {
    simplify_partition_pinned(regions, eps_deg, min_island_deg2, &|_| false)
}

/// [`simplify_partition`], with arcs also split at every vertex for which
/// `pinned` is true (such vertices are kept as they are).
pub fn simplify_partition_pinned(
    regions: &[MultiPolygon<f64>],
    eps_deg: f64,
    min_island_deg2: f64,
    pinned: &dyn Fn(P) -> bool,
) -> Result<Partition> {
    // 1. Snap to the grid.
    let mut rings: Vec<Ring> = Vec::new();
    let mut ring_holes: Vec<bool> = Vec::new();
    for (region, mp) in regions.iter().enumerate() {
        for (poly, p) in mp.iter().enumerate() {
            for (k, ls) in std::iter::once(p.exterior())
                .chain(p.interiors())
                .enumerate()
            {
                let mut pts: Vec<P> = ls.coords().map(|&c| to_unit(c)).collect();
                clean_ring(&mut pts);
                if pts.len() >= 3 {
                    rings.push(Ring { region, poly, pts });
                    ring_holes.push(k > 0);
                } else if k == 0 {
                    // A collapsed exterior: keep an empty marker so its holes are dropped too.
                    rings.push(Ring {
                        region,
                        poly,
                        pts: Vec::new(),
                    });
                    ring_holes.push(false);
                }
            }
        }
    }

    // 2. Merge vertices one grid step apart (rounding of computed intersections).
    let all: BTreeSet<P> = rings.iter().flat_map(|r| r.pts.iter().copied()).collect();
    let mut canon: HashMap<P, P> = HashMap::new();
    for &v in &all {
        let target = canon.get(&v).copied().unwrap_or(v);
        for dx in -1..=1 {
            for dy in -1..=1 {
                let n = (v.0 + dx, v.1 + dy);
                if n != v && all.contains(&n) && !canon.contains_key(&n) && n > v {
                    canon.insert(n, target);
                }
            }
        }
    }
    for r in &mut rings {
        for p in &mut r.pts {
            if let Some(&t) = canon.get(p) {
                *p = t;
            }
        }
        clean_ring(&mut r.pts);
    }

    // 3. Insert vertices that lie on another ring's segment (T-junctions).
    let mut index: HashMap<(i64, i64), Vec<P>> = HashMap::new();
    let verts: BTreeSet<P> = rings.iter().flat_map(|r| r.pts.iter().copied()).collect();
    for &v in &verts {
        index.entry(cell(v)).or_default().push(v);
    }
    for r in &mut rings {
        if r.pts.is_empty() {
            continue;
        }
        let own: HashSet<P> = r.pts.iter().copied().collect();
        let n = r.pts.len();
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let (a, b) = (r.pts[i], r.pts[(i + 1) % n]);
            out.push(a);
            let lo = cell((a.0.min(b.0) - 2, a.1.min(b.1) - 2));
            let hi = cell((a.0.max(b.0) + 2, a.1.max(b.1) + 2));
            let mut on: Vec<(f64, P)> = Vec::new();
            for cx in lo.0..=hi.0 {
                for cy in lo.1..=hi.1 {
                    for &v in index.get(&(cx, cy)).map(Vec::as_slice).unwrap_or(&[]) {
                        if own.contains(&v) {
                            continue;
                        }
                        let (d, t) = seg_dist(v, a, b);
                        if d <= ON_SEGMENT && t > 0.0 && t < 1.0 {
                            on.push((t, v));
                        }
                    }
                }
            }
            on.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
            out.extend(on.into_iter().map(|(_, v)| v));
        }
        r.pts = out;
        clean_ring(&mut r.pts);
    }

    // 4. Edges and their owners.
    let key = |a: P, b: P| if a < b { (a, b) } else { (b, a) };
    let mut edge_owners: HashMap<(P, P), BTreeSet<usize>> = HashMap::new();
    for r in &rings {
        let n = r.pts.len();
        for i in 0..n {
            edge_owners
                .entry(key(r.pts[i], r.pts[(i + 1) % n]))
                .or_default()
                .insert(r.region);
        }
    }
    let mut degree: HashMap<P, u32> = HashMap::new();
    for &(a, b) in edge_owners.keys() {
        *degree.entry(a).or_default() += 1;
        *degree.entry(b).or_default() += 1;
    }

    // 5. Split rings into canonical arcs.
    let mut arcs: Vec<Arc> = Vec::new();
    let mut arc_ids: HashMap<Vec<P>, usize> = HashMap::new();
    let mut ring_arcs: Vec<Vec<(usize, bool)>> = Vec::with_capacity(rings.len());
    for r in &rings {
        let n = r.pts.len();
        if n == 0 {
            ring_arcs.push(Vec::new());
            continue;
        }
        let owners_at = |i: usize| &edge_owners[&key(r.pts[i % n], r.pts[(i + 1) % n])];
        let junction = |i: usize| {
            degree[&r.pts[i]] >= 3 || owners_at(i) != owners_at(i + n - 1) || pinned(r.pts[i])
        };
        let js: Vec<usize> = (0..n).filter(|&i| junction(i)).collect();
        let mut pieces: Vec<(Vec<P>, bool)> = Vec::new();
        if js.is_empty() {
            // Closed arc: start at the smallest vertex, direction by the smaller neighbour.
            let m = (0..n).min_by_key(|&i| r.pts[i]).unwrap_or(0);
            let mut pts: Vec<P> = (0..n).map(|k| r.pts[(m + k) % n]).collect();
            let mut rev = false;
            if pts.len() > 2 && pts[n - 1] < pts[1] {
                pts[1..].reverse();
                rev = true;
            }
            pieces.push((pts, rev));
        } else {
            for (k, &j) in js.iter().enumerate() {
                let end = if k + 1 < js.len() {
                    js[k + 1]
                } else {
                    js[0] + n
                };
                let mut pts: Vec<P> = (j..=end).map(|i| r.pts[i % n]).collect();
                let rev = pts.first() > pts.last()
                    || (pts.first() == pts.last() && pts.len() > 2 && pts[1] > pts[pts.len() - 2]);
                if rev {
                    pts.reverse();
                }
                pieces.push((pts, rev));
            }
        }
        let closed = js.is_empty();
        let list = pieces
            .into_iter()
            .map(|(pts, rev)| {
                let id = *arc_ids.entry(pts.clone()).or_insert_with(|| {
                    let owners = edge_owners[&key(pts[0], pts[1])].iter().copied().collect();
                    arcs.push(Arc {
                        pts,
                        closed,
                        owners,
                    });
                    arcs.len() - 1
                });
                (id, rev)
            })
            .collect();
        ring_arcs.push(list);
    }

    // 6. Drop small islands/holes not shared with another region.
    let min_units2 = min_island_deg2 * UNITS * UNITS;
    let dropped: Vec<bool> = arcs
        .iter()
        .map(|a| a.closed && a.owners.len() == 1 && ring_area2(&a.pts).abs() * 0.5 < min_units2)
        .collect();

    // 7. Simplify each arc once, lowering the tolerance where arcs would cross.
    let mut eps: Vec<f64> = vec![eps_deg * UNITS; arcs.len()];
    let mut simple: Vec<Option<Vec<P>>> = Vec::new();
    for round in 0..12 {
        simple = arcs
            .iter()
            .enumerate()
            .map(|(i, a)| {
                if dropped[i] {
                    return None;
                }
                let s = simplify_arc(a, eps[i]);
                let min = if a.closed { 3 } else { 2 };
                (s.len() >= min).then_some(s)
            })
            .collect();
        let bad = conflicting_arcs(&simple, &arcs);
        if bad.is_empty() {
            break;
        }
        if round == 11 {
            let mut bad: Vec<usize> = bad.into_iter().collect();
            bad.sort_unstable();
            let at = bad
                .iter()
                .filter_map(|&i| arcs[i].pts.first().map(|&p| to_coord(p)))
                .map(|c| format!("{:.4},{:.4}", c.x, c.y))
                .collect::<Vec<_>>()
                .join(" ");
            bail!(
                "{} border arcs still cross after simplification (arcs starting at {at})",
                bad.len()
            );
        }
        for i in bad {
            eps[i] = if eps[i] < 4.0 { 0.0 } else { eps[i] / 4.0 };
        }
    }

    // 8. Reassemble.
    // (region, polygon) -> (exterior, holes)
    type Rings = (Option<Vec<P>>, Vec<Vec<P>>);
    let mut polys: HashMap<(usize, usize), Rings> = HashMap::new();
    let mut order: Vec<(usize, usize)> = Vec::new();
    for (ri, r) in rings.iter().enumerate() {
        let mut pts: Vec<P> = Vec::new();
        let mut lost = ring_arcs[ri].is_empty();
        for &(id, rev) in &ring_arcs[ri] {
            let Some(s) = &simple[id] else {
                lost = true;
                break;
            };
            let mut s = s.clone();
            if arcs[id].closed {
                if rev {
                    s[1..].reverse();
                }
                pts.extend(s);
            } else {
                if rev {
                    s.reverse();
                }
                pts.extend(&s[..s.len() - 1]);
            }
        }
        clean_ring(&mut pts);
        let slot = polys.entry((r.region, r.poly)).or_insert_with(|| {
            order.push((r.region, r.poly));
            (None, Vec::new())
        });
        if lost || pts.len() < 3 || ring_area2(&pts) == 0.0 {
            continue;
        }
        if ring_holes[ri] {
            slot.1.push(pts);
        } else {
            slot.0 = Some(pts);
        }
    }
    let ls = |pts: &[P]| {
        let mut l = LineString(pts.iter().map(|&p| to_coord(p)).collect());
        l.close();
        l
    };
    let mut out: Vec<MultiPolygon<f64>> = vec![MultiPolygon(Vec::new()); regions.len()];
    for k in order {
        let (ext, holes) = &polys[&k];
        if let Some(ext) = ext {
            let p = Polygon::new(ls(ext), holes.iter().map(|h| ls(h)).collect());
            out[k.0].0.push(p.orient(Direction::Default));
        }
    }
    for (i, mp) in out.iter().enumerate() {
        if mp.0.is_empty() {
            bail!("region #{i} vanished in simplification");
        }
        if let Err(e) = mp.check_validation() {
            bail!("region #{i} is invalid after simplification: {e}");
        }
    }
    let arcs_out = arcs
        .iter()
        .zip(&simple)
        .filter_map(|(a, s)| Some((a.owners.clone(), s.clone()?)))
        .collect();
    Ok(Partition {
        regions: out,
        arcs: arcs_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area, BooleanOps};

    fn sq(x0: f64, y0: f64, x1: f64, y1: f64) -> MultiPolygon<f64> {
        crate::geom::rect(x0, y0, x1, y1)
    }

    #[test]
    fn dp_keeps_ends_and_drops_small_wiggles() {
        let pts = vec![(0, 0), (50, 3), (100, 0), (150, -2), (200, 0)];
        assert_eq!(douglas_peucker(&pts, 10.0), vec![(0, 0), (200, 0)]);
        assert_eq!(douglas_peucker(&pts, 0.1), pts);
    }

    #[test]
    fn conflict_detection() {
        assert!(segments_conflict((0, 0), (10, 10), (0, 10), (10, 0)));
        assert!(!segments_conflict((0, 0), (10, 0), (10, 0), (20, 5)));
        assert!(segments_conflict((0, 0), (10, 0), (0, 0), (5, 0)));
        assert!(!segments_conflict((0, 0), (10, 0), (0, 5), (10, 5)));
    }

    /// Two neighbours with a wiggly shared border stay exact neighbours.
    #[test]
    fn shared_borders_stay_identical() {
        let mut wiggle = vec![Coord { x: 0.0, y: 0.0 }];
        for i in 1..100 {
            let y = i as f64 * 0.01;
            let x = if i % 2 == 0 { 0.002 } else { -0.002 } + 0.3 * (y * 6.0).sin();
            wiggle.push(Coord { x, y });
        }
        wiggle.push(Coord {
            x: 0.3 * 6f64.sin(),
            y: 1.0,
        });
        let mut left = vec![Coord { x: -1.0, y: 1.0 }, Coord { x: -1.0, y: 0.0 }];
        left.extend(wiggle.iter().copied());
        let a = crate::geom::polygon(left);
        let b = sq(-1.0, 0.0, 1.0, 1.0).difference(&a);
        let p = simplify_partition(&[a.clone(), b.clone()], 0.01, 0.0).unwrap();
        let (sa, sb) = (&p.regions[0], &p.regions[1]);
        let overlap = sa.intersection(sb).unsigned_area();
        let total = sa.union(sb).unsigned_area();
        assert!(overlap < 1e-9, "overlap {overlap}");
        assert!((total - 2.0).abs() < 1e-9, "gap: union {total}");
        assert!(sa.0[0].exterior().0.len() < a.0[0].exterior().0.len());
        assert_eq!(p.shared_border(0, 1).len(), 1);
    }

    /// A pinned vertex ends arcs, so simplification keeps it.
    #[test]
    fn pinned_vertices_are_kept() {
        let ring = vec![
            Coord { x: 0.0, y: 0.0 },
            Coord { x: 1.0, y: 0.0 },
            Coord { x: 1.0, y: 1.0 },
            Coord { x: 0.5, y: 1.001 },
            Coord { x: 0.0, y: 1.0 },
        ];
        let square = crate::geom::polygon(ring);
        let has = |p: &Partition| {
            p.regions[0].0[0]
                .exterior()
                .0
                .contains(&Coord { x: 0.5, y: 1.001 })
        };
        let plain = simplify_partition(std::slice::from_ref(&square), 0.01, 0.0).unwrap();
        assert!(!has(&plain));
        let pin = to_unit(Coord { x: 0.5, y: 1.001 });
        let pinned = simplify_partition_pinned(&[square], 0.01, 0.0, &|p| p == pin).unwrap();
        assert!(has(&pinned));
    }

    #[test]
    fn small_islands_are_dropped_but_not_shared_ones() {
        let big = sq(0.0, 0.0, 1.0, 1.0);
        let mut island = sq(2.0, 2.0, 2.01, 2.01);
        island.0.extend(big.0.iter().cloned());
        let p = simplify_partition(&[island], 0.001, 0.001).unwrap();
        assert_eq!(p.regions[0].0.len(), 1);
    }
}
