//! Callouts: a region name that does not fit inside its region goes beside it, in its own ink
//! on a halo, with a leader line. Callouts go to the free place nearest the body of their region,
//! clear of the other spheres where there is one; the callout that finds the nearest place
//! takes it first.

use geo::{LineString, Polygon};

use super::clip::Px;
use super::labels::{self, Bounds, Occupied, Placement, SLOTS};
use super::map_labels::leader;
use super::region_labels::{snapped, stack, union_of};
use super::{Feature, Group, Item, LayerId, Scene};
use crate::projection::fit::PixelBox;

/// What a callout must keep clear of: the other sphere regions, by id of its own region.
pub(super) struct Neighbours<'a> {
    /// Whether a box covers another sphere region.
    pub over: &'a dyn Fn(&str, &Bounds) -> bool,
    /// Whether another sphere region comes within a distance of a point.
    pub nearer: &'a dyn Fn(&str, Px, f64) -> bool,
}

/// A region name waiting for a callout.
pub(super) struct Callout {
    /// The region's id.
    pub id: String,
    pub(super) name: String,
    pub(super) outline: Polygon<f64>,
    pub(super) anchor: Px,
    /// The page's size for region names.
    pub(super) size: f64,
    /// Ways to set the name (lines and size), the preferred first.
    pub(super) layouts: Vec<(Vec<String>, f64)>,
    pub(super) color: crate::color::Rgb,
}

/// Where a callout would go: its cost, box, leader start and layout.
type Plan = (f64, Placement, Px, usize);

/// Places the pending callouts, the cheapest first: each round every name still waiting finds
/// its nearest free place, and the one nearest to its region takes it, so a small region (with
/// room all round) does not take the only good place of a hemmed-in one. A name that finds no
/// place is dropped and reported.
pub(super) fn place_callouts(
    scene: &mut Scene,
    mut pending: Vec<Callout>,
    frame: &PixelBox,
    occupied: &mut Occupied,
    u: f64,
    neighbours: &Neighbours,
) {
    let plan = |c: &Callout, occupied: &Occupied| {
        let shapes: Vec<(f64, f64)> = c
            .layouts
            .iter()
            .map(|(lines, size)| {
                let b = union_of(&stack(lines, (0.0, 0.0), *size, c.color));
                (b.x1 - b.x0, b.y1 - b.y0)
            })
            .collect();
        // Farther out only where nothing near is free: a long leader is better than no name.
        nearest_callout(c, &shapes, 6, u, frame, occupied, neighbours)
            .or_else(|| nearest_callout(c, &shapes, 40, u, frame, occupied, neighbours))
    };
    let mut plans: Vec<Option<Plan>> = pending.iter().map(|c| plan(c, occupied)).collect();
    while !pending.is_empty() {
        let cheapest = plans
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((i, p.as_ref()?.0)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i);
        let Some(i) = cheapest else {
            scene.lost_a_main_name |= !pending.is_empty();
            scene
                .dropped_labels
                .extend(pending.into_iter().map(|c| c.name));
            return;
        };
        let c = pending.remove(i);
        let Some((_, p, from, layout)) = plans.remove(i) else {
            continue;
        };
        let centre = (
            (p.bounds.x0 + p.bounds.x1) / 2.0,
            (p.bounds.y0 + p.bounds.y1) / 2.0,
        );
        let (lines, size) = &c.layouts[layout];
        let items = stack(lines, centre, *size, c.color);
        occupied.add(p.bounds.grown(2.0 * u));
        let group = scene.group(
            LayerId::Labels,
            Group {
                class: "callout".into(),
                ..Group::of(Feature::Region(c.id.clone()))
            },
        );
        group.items.push(leader(from, &p.bounds, 0.8 * u));
        group.items.extend(items.into_iter().map(Item::Text));
        // A place taken only removes candidates: a plan clear of it is still the best.
        for (c, plan_of) in pending.iter().zip(plans.iter_mut()) {
            if plan_of
                .as_ref()
                .is_some_and(|q| !occupied.is_free(&q.1.bounds))
            {
                *plan_of = plan(c, occupied);
            }
        }
    }
}

/// The callout box nearest its region: candidates beside points spread along the outline, in
/// every slot and `rings` steps outward, searched in order of distance. A box that covers another
/// region the agreements assign, sits on a treaty line or is reached by a leader line across another
/// sphere, counts as farther (a name over another sphere would seem to name it), so a near box wins
/// only where it is clear. Returns the box and
/// the point inside the region its leader line starts from.
fn nearest_callout(
    callout: &Callout,
    shapes: &[(f64, f64)],
    rings: u32,
    u: f64,
    frame: &PixelBox,
    occupied: &Occupied,
    neighbours: &Neighbours,
) -> Option<Plan> {
    let over_other_region = |b: &Bounds| (neighbours.over)(&callout.id, b);
    // Samples along the leader line from where it starts inside the region to the box.
    let leader_crosses_other_region = |from: Px, to: &Bounds| {
        let start = inward(from, callout.anchor, 4.0 * u);
        let end = (start.0.clamp(to.x0, to.x1), start.1.clamp(to.y0, to.y1));
        (1..8).any(|i| {
            let t = f64::from(i) / 8.0;
            let (x, y) = (
                start.0 + (end.0 - start.0) * t,
                start.1 + (end.1 - start.1) * t,
            );
            over_other_region(&Bounds {
                x0: x,
                y0: y,
                x1: x,
                y1: y,
            })
        })
    };
    let (outline, anchor, size) = (&callout.outline, callout.anchor, callout.size);
    let step = 0.9 * size;
    let points: Vec<(Px, f64)> = along(outline.exterior(), 48)
        .into_iter()
        .map(|p| snapped(p, 2.0 * u))
        .chain([anchor])
        .map(|p| (p, (p.0 - anchor.0).hypot(p.1 - anchor.1)))
        .collect();
    // Each (point, step out, layout) is one distance for its eight slots: sorted once, the slots
    // made only as the search reaches them. One line at full size reads best: each further line
    // or smaller size counts as a step farther; a name by the body of its region reads better
    // than one by a far tip of it.
    let mut tries: Vec<(f64, usize, u32, usize)> = Vec::with_capacity(points.len() * 14 * 9);
    for (i, &(_, from_body)) in points.iter().enumerate() {
        for ring in 0..rings {
            let gap = 3.0 * u + f64::from(ring) * step;
            for layout in 0..shapes.len() {
                tries.push((gap + layout as f64 * step + from_body, i, ring, layout));
            }
        }
    }
    tries.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut best: Option<Plan> = None;
    let candidates = tries.into_iter().flat_map(|(distance, i, ring, layout)| {
        let (point, (w, h)) = (points[i].0, shapes[layout]);
        let gap = 3.0 * u + f64::from(ring) * step;
        SLOTS.iter().map(move |&slot| {
            let c = labels::candidate(point, slot, w, h * 0.7, h * 0.3, gap);
            (distance, c, point, layout)
        })
    });
    for (distance, c, point, setting) in candidates {
        if best.as_ref().is_some_and(|b| distance >= b.0) {
            break;
        }
        if !c.bounds.inside(frame) || !occupied.is_free(&c.bounds) {
            continue;
        }
        let (x, y) = (
            (c.bounds.x0 + c.bounds.x1) / 2.0,
            (c.bounds.y0 + c.bounds.y1) / 2.0,
        );
        let centre = Bounds {
            x0: x,
            y0: y,
            x1: x,
            y1: y,
        };
        // Penalties only add: each (dearer) test runs only while the box can still win.
        let mut cost = distance;
        let can_win = |cost: f64, best: &Option<Plan>| best.as_ref().is_none_or(|b| cost < b.0);
        if occupied.crosses_line(&c.bounds) {
            cost += 3.0 * size;
        }
        if !can_win(cost, &best) {
            continue;
        }
        if over_other_region(&centre) {
            // Only where every place near is over other spheres (a zone inside them).
            cost += 12.0 * size;
        } else if over_other_region(&c.bounds) {
            cost += 4.0 * size;
        }
        if !can_win(cost, &best) {
            continue;
        }
        // A name reads as naming the area nearest to it: another sphere nearer than its own
        // region makes a name misleading, whatever its leader line says.
        let own = {
            use geo::{Distance, Euclidean};
            Euclidean.distance(&geo::Point::new(x, y), outline)
        };
        if (neighbours.nearer)(&callout.id, (x, y), own) {
            cost += 5.0 * size;
        }
        // A leader line across another sphere seems to point at it.
        if can_win(cost, &best) && leader_crosses_other_region(point, &c.bounds) {
            cost += 4.0 * size;
        }
        if can_win(cost, &best) {
            best = Some((cost, c, point, setting));
        }
    }
    best.map(|(cost, c, point, setting)| (cost, c, inward(point, anchor, 4.0 * u), setting))
}

/// `count` points spread evenly along a ring (by length, from its first vertex).
fn along(ring: &LineString<f64>, count: usize) -> Vec<Px> {
    let pts: Vec<Px> = ring.0.iter().map(|c| (c.x, c.y)).collect();
    let lengths: Vec<f64> = pts
        .windows(2)
        .map(|s| (s[1].0 - s[0].0).hypot(s[1].1 - s[0].1))
        .collect();
    let total: f64 = lengths.iter().sum();
    if total <= 0.0 {
        return pts.into_iter().take(1).collect();
    }
    let mut out = Vec::with_capacity(count);
    let (mut walked, mut segment) = (0.0, 0);
    for i in 0..count {
        let at = total * i as f64 / count as f64;
        while segment + 1 < lengths.len() && walked + lengths[segment] < at {
            walked += lengths[segment];
            segment += 1;
        }
        let t = if lengths[segment] > 0.0 {
            ((at - walked) / lengths[segment]).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let (a, b) = (pts[segment], pts[segment + 1]);
        out.push((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t));
    }
    out
}

/// A point `depth` px from `edge` towards `centre` (or the centre, if nearer): where a leader
/// line starts, just inside the region it names.
fn inward(edge: Px, centre: Px, depth: f64) -> Px {
    let (dx, dy) = (centre.0 - edge.0, centre.1 - edge.1);
    let d = dx.hypot(dy);
    if d <= depth {
        return centre;
    }
    (edge.0 + dx * depth / d, edge.1 + dy * depth / d)
}
