//! A small graph of river centerlines for routing the 1907 line along rivers.
//!
//! Natural Earth splits rivers into parts that do not always share end points
//! (a tributary may stop a kilometre short of the main stem), so dangling part
//! ends are joined to the nearest vertex of another part within `join_km`.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use geo::Coord;

use crate::geom::{km, nearest_on_segment};

#[derive(Debug, Clone)]
struct Part {
    rivernum: i64,
    nodes: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct RiverGraph {
    nodes: Vec<Coord<f64>>,
    adj: Vec<Vec<usize>>,
    parts: Vec<Part>,
    index: HashMap<(i64, i64), usize>,
}

/// Where a waypoint landed on the graph.
#[derive(Debug, Clone, Copy)]
pub struct Snapped {
    pub node: usize,
    pub at: Coord<f64>,
    pub km: f64,
}

impl RiverGraph {
    /// Builds the graph from `(rivernum, part)` polylines.
    pub fn new(parts: &[(i64, Vec<Coord<f64>>)], join_km: f64) -> Self {
        let mut g = Self::default();
        for (rivernum, coords) in parts {
            let mut nodes: Vec<usize> = Vec::with_capacity(coords.len());
            for &c in coords {
                let n = g.node(c);
                if nodes.last() != Some(&n) {
                    nodes.push(n);
                }
            }
            for w in nodes.windows(2) {
                g.link(w[0], w[1]);
            }
            g.parts.push(Part {
                rivernum: *rivernum,
                nodes,
            });
        }
        g.join_dangling(join_km);
        g
    }

    fn node(&mut self, c: Coord<f64>) -> usize {
        // Exact source coordinates (4 decimals) identify shared vertices.
        let key = ((c.x * 1e6).round() as i64, (c.y * 1e6).round() as i64);
        if let Some(&n) = self.index.get(&key) {
            return n;
        }
        self.nodes.push(c);
        self.adj.push(Vec::new());
        self.index.insert(key, self.nodes.len() - 1);
        self.nodes.len() - 1
    }

    fn link(&mut self, a: usize, b: usize) {
        if a != b && !self.adj[a].contains(&b) {
            self.adj[a].push(b);
            self.adj[b].push(a);
        }
    }

    fn unlink(&mut self, a: usize, b: usize) {
        self.adj[a].retain(|&n| n != b);
        self.adj[b].retain(|&n| n != a);
    }

    /// Joins each dangling part end to another part within `join_km`: to the
    /// nearest part end if there is one (NE's confluences are usually two part
    /// ends a little apart), otherwise to the nearest vertex.
    fn join_dangling(&mut self, join_km: f64) {
        let ends: Vec<(usize, usize)> = self
            .parts
            .iter()
            .enumerate()
            .flat_map(|(i, p)| [p.nodes.first(), p.nodes.last()].map(|n| n.map(|&n| (i, n))))
            .flatten()
            .collect();
        for &(part, end) in &ends {
            if self.adj[end].len() != 1 {
                continue;
            }
            let here = self.nodes[end];
            let nearest = |cands: &mut dyn Iterator<Item = usize>| {
                cands
                    .filter(|&n| n != end)
                    .map(|n| (n, km(here, self.nodes[n])))
                    .filter(|&(_, d)| d <= join_km)
                    .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
            };
            let best = nearest(&mut ends.iter().filter(|(j, _)| *j != part).map(|&(_, n)| n))
                .or_else(|| {
                    nearest(
                        &mut self
                            .parts
                            .iter()
                            .enumerate()
                            .filter(|(j, _)| *j != part)
                            .flat_map(|(_, p)| p.nodes.iter().copied()),
                    )
                });
            if let Some((n, _)) = best {
                self.link(end, n);
            }
        }
    }

    pub fn is_junction(&self, n: usize) -> bool {
        self.adj[n].len() >= 3
    }

    /// Splits the edge `a`–`b` at `at` (or reuses an end point) and returns the node.
    fn split(&mut self, a: usize, b: usize, at: Coord<f64>) -> usize {
        let n = self.node(at);
        if n != a && n != b {
            self.unlink(a, b);
            self.link(a, n);
            self.link(n, b);
        }
        n
    }

    fn segments_of<'a>(&'a self, rivers: &'a [i64]) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.parts
            .iter()
            .filter(|p| rivers.contains(&p.rivernum))
            .flat_map(|p| p.nodes.windows(2).map(|w| (w[0], w[1])))
            // Only edges still present (an earlier snap may have split one).
            .filter(|&(a, b)| self.adj[a].contains(&b))
    }

    /// Snaps `p` to the nearest point of the given rivers, inserting a node there.
    pub fn snap_to_river(&mut self, p: Coord<f64>, rivers: &[i64]) -> Option<Snapped> {
        let (a, b, at, d) = self
            .segments_of(rivers)
            .map(|(a, b)| {
                let (q, d) = nearest_on_segment(p, self.nodes[a], self.nodes[b]);
                (a, b, q, d)
            })
            .min_by(|x, y| x.3.total_cmp(&y.3))?;
        let node = self.split(a, b, at);
        Some(Snapped { node, at, km: d })
    }

    /// Snaps `p` to the nearest node where three or more river parts meet.
    pub fn snap_to_junction(&self, p: Coord<f64>) -> Option<Snapped> {
        (0..self.nodes.len())
            .filter(|&n| self.is_junction(n))
            .map(|n| Snapped {
                node: n,
                at: self.nodes[n],
                km: km(p, self.nodes[n]),
            })
            .min_by(|a, b| a.km.total_cmp(&b.km))
    }

    /// The crossing of the given rivers with meridian `x` nearest to `p`, as a new node.
    pub fn snap_to_meridian(&mut self, p: Coord<f64>, rivers: &[i64], x: f64) -> Option<Snapped> {
        let (a, b, at, d) = self
            .segments_of(rivers)
            .filter_map(|(a, b)| {
                let (ca, cb) = (self.nodes[a], self.nodes[b]);
                if (ca.x - x) * (cb.x - x) > 0.0 || ca.x == cb.x {
                    return None;
                }
                let t = (x - ca.x) / (cb.x - ca.x);
                // x is set exactly: the treaty defines the end point by the meridian.
                let q = Coord {
                    x,
                    y: ca.y + (cb.y - ca.y) * t,
                };
                Some((a, b, q, km(p, q)))
            })
            .min_by(|x, y| x.3.total_cmp(&y.3))?;
        let node = self.split(a, b, at);
        Some(Snapped { node, at, km: d })
    }

    /// Shortest path (by length) from `from` to `to`, as node coordinates.
    pub fn route(&self, from: usize, to: usize) -> Option<Vec<Coord<f64>>> {
        #[derive(PartialEq)]
        struct Item(f64, usize);
        impl Eq for Item {}
        impl Ord for Item {
            fn cmp(&self, o: &Self) -> Ordering {
                o.0.total_cmp(&self.0).then(o.1.cmp(&self.1))
            }
        }
        impl PartialOrd for Item {
            fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
                Some(self.cmp(o))
            }
        }
        let mut dist = vec![f64::INFINITY; self.nodes.len()];
        let mut prev = vec![usize::MAX; self.nodes.len()];
        let mut heap = BinaryHeap::new();
        dist[from] = 0.0;
        heap.push(Item(0.0, from));
        while let Some(Item(d, n)) = heap.pop() {
            if n == to {
                break;
            }
            if d > dist[n] {
                continue;
            }
            for &m in &self.adj[n] {
                let nd = d + km(self.nodes[n], self.nodes[m]);
                if nd < dist[m] {
                    dist[m] = nd;
                    prev[m] = n;
                    heap.push(Item(nd, m));
                }
            }
        }
        if !dist[to].is_finite() {
            return None;
        }
        let mut path = vec![to];
        while let Some(&last) = path.last() {
            if last == from {
                break;
            }
            path.push(prev[last]);
        }
        path.reverse();
        Some(path.into_iter().map(|n| self.nodes[n]).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(x: f64, y: f64) -> Coord<f64> {
        Coord { x, y }
    }

    /// A main stem 0..3 along y = 0, a tributary from the north that stops
    /// short of the stem, and a second river elsewhere.
    fn sample() -> RiverGraph {
        RiverGraph::new(
            &[
                (1, vec![c(0.0, 0.0), c(1.0, 0.0), c(2.0, 0.0), c(3.0, 0.0)]),
                (2, vec![c(1.0, 1.0), c(1.0, 0.01)]),
                (3, vec![c(10.0, 10.0), c(11.0, 10.0)]),
            ],
            3.0,
        )
    }

    #[test]
    fn dangling_ends_are_joined_within_tolerance() {
        let g = sample();
        let trib_end = g.index[&(1_000_000, 10_000)];
        let stem = g.index[&(1_000_000, 0)];
        assert!(g.adj[trib_end].contains(&stem));
        assert!(g.is_junction(stem));
    }

    #[test]
    fn dangling_ends_prefer_part_ends() {
        // The tributary stops 1.1 km from a stem vertex and 2.2 km from the stem's end.
        let g = RiverGraph::new(
            &[
                (1, vec![c(0.0, 0.0), c(0.99, 0.0), c(1.0, 0.0)]),
                (2, vec![c(0.99, 1.0), c(0.99, 0.01)]),
                (3, vec![c(1.0, 0.0), c(2.0, 0.0)]),
            ],
            3.0,
        );
        let trib_end = g.index[&(990_000, 10_000)];
        assert_eq!(g.adj[trib_end].len(), 2);
        let s = g.snap_to_junction(c(0.9, 0.1)).unwrap();
        assert_eq!(s.at, c(1.0, 0.0));
    }

    #[test]
    fn junction_snap_finds_the_confluence() {
        let g = sample();
        let s = g.snap_to_junction(c(1.1, 0.1)).unwrap();
        assert_eq!(s.at, c(1.0, 0.0));
    }

    #[test]
    fn river_snap_splits_the_nearest_segment() {
        let mut g = sample();
        let s = g.snap_to_river(c(2.5, 0.2), &[1]).unwrap();
        assert_eq!(s.at, c(2.5, 0.0));
        assert!((s.km - 0.2 * 111.2).abs() < 0.5);
        let path = g.route(s.node, g.index[&(0, 0)]).unwrap();
        assert_eq!(
            path,
            vec![c(2.5, 0.0), c(2.0, 0.0), c(1.0, 0.0), c(0.0, 0.0)]
        );
    }

    #[test]
    fn river_snap_ignores_other_rivers() {
        let mut g = sample();
        let s = g.snap_to_river(c(10.5, 10.1), &[1]).unwrap();
        assert!(s.km > 1000.0);
    }

    #[test]
    fn meridian_snap_sets_x_exactly() {
        let mut g = sample();
        let s = g.snap_to_meridian(c(2.2, 0.5), &[1], 2.25).unwrap();
        assert_eq!(s.at, c(2.25, 0.0));
        let path = g.route(g.index[&(1_000_000, 1_000_000)], s.node).unwrap();
        assert_eq!(path.last(), Some(&c(2.25, 0.0)));
        assert_eq!(path.len(), 5);
    }

    #[test]
    fn no_route_between_disconnected_rivers() {
        let g = sample();
        assert!(g
            .route(g.index[&(0, 0)], g.index[&(10_000_000, 10_000_000)])
            .is_none());
    }
}
