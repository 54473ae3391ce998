//! Region names: inside their outline where they fit — one line or two balanced lines, shrinking
//! to the page's minimum size — and otherwise in a callout beside the region with a leader line
//! (Kwantung, Karafuto, anything too small or too crowded). Callouts go to the free place nearest
//! the body of their region, clear of the other spheres where there is one; the callout that
//! finds the nearest place takes it first. A named region is never dropped while it shows on
//! the map.
//!
//! Placement works on the outline simplified from its leftmost vertex, so a region labels the
//! same however the data splits it into parts or wherever a ring starts.

use geo::{Area, LineString, Polygon};

use super::clip::Px;
use super::labels::{self, Bounds, Occupied, Placement, SLOTS};
use super::map::{to_line_string, RegionPixels};
use super::map_labels::leader;
use super::text::{self, Face, Unit};
use super::{text_bounds, Align, Feature, Group, Item, LayerId, Scene, TextItem};
use crate::data::geodata::Role;
use crate::model::{palette, RegionView};
use crate::projection::fit::PixelBox;

/// The units (words, or characters of scripts without spaces) set in `n` lines of about equal
/// length (greedy, in O(units)).
fn balanced_lines(words: &[Unit], n: usize) -> Vec<String> {
    let total: usize = words.iter().map(|w| w.text.chars().count() + 1).sum();
    let target = total as f64 / n as f64;
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut done = 0usize;
    for (i, w) in words.iter().enumerate() {
        let len = w.text.chars().count() + 1;
        let lines_left = n - lines.len();
        let words_left = words.len() - i;
        // Break before this word when the line has reached its share, keeping a word for each
        // line still to come.
        if !current.is_empty()
            && lines_left > 1
            && (done as f64 + len as f64 / 2.0 > target * (lines.len() + 1) as f64
                || words_left < lines_left)
        {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() && w.space_before {
            current.push(' ');
        }
        current.push_str(&w.text);
        done += len;
    }
    lines.push(current);
    lines
}

/// Lines of text centred on `anchor`.
fn stack(lines: &[String], anchor: Px, size: f64, color: crate::color::Rgb) -> Vec<TextItem> {
    let line_h = size * 1.15;
    let total_h = line_h * lines.len() as f64;
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| TextItem {
            text: l.clone(),
            x: anchor.0,
            baseline: anchor.1 - total_h / 2.0 + size * text::CAP_HEIGHT + i as f64 * line_h,
            size,
            face: Face::Bold,
            color,
            align: Align::Center,
            halo: (color != palette::PAPER).then_some(palette::PAPER),
        })
        .collect()
}

fn union_of(items: &[TextItem]) -> Bounds {
    items.iter().map(text_bounds).fold(
        Bounds {
            x0: f64::MAX,
            y0: f64::MAX,
            x1: f64::MIN,
            y1: f64::MIN,
        },
        |a, b| Bounds {
            x0: a.x0.min(b.x0),
            y0: a.y0.min(b.y0),
            x1: a.x1.max(b.x1),
            y1: a.y1.max(b.y1),
        },
    )
}

/// Places a region's name inside it where it fits. A name that does not, and may go out to a
/// callout, comes back as pending.
#[allow(clippy::too_many_arguments)]
pub(super) fn label_region(
    scene: &mut Scene,
    state: &RegionView<'_>,
    pixels: &RegionPixels,
    frame: &PixelBox,
    occupied: &mut Occupied,
    size: f64,
    min_size: f64,
    u: f64,
) -> Option<Callout> {
    let largest = pixels
        .visible
        .iter()
        .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
    // Surrounding land no power holds is named only where much of it shows, and never in a
    // callout: a corner of a neighbour needs no name.
    let context = state.role == Role::Context && state.power.is_none();
    if context && largest.unsigned_area() < 0.03 * frame.width * frame.height {
        return None;
    }
    // Placement works on a coarser outline: labels need pixels, not every vertex.
    let coarse = coarsen(largest, 2.0 * u);
    let snap = |p: Px| snapped(p, 2.0 * u);
    let anchor = snap(
        polylabel::polylabel(&coarse, &(8.0 * u))
            .map(|p| (p.x(), p.y()))
            .unwrap_or_else(|_| {
                let c = coarse
                    .exterior()
                    .0
                    .first()
                    .map_or((0.0, 0.0), |c| (c.x, c.y));
                (c.0, c.1)
            }),
    );
    let color = state.label_color;
    let name = state.map_label.clone();
    if name.trim().is_empty() {
        return None;
    }
    let words = text::units(&name);
    // One, two or three lines.
    let settings: Vec<Vec<String>> = (1..=words.len().clamp(1, 3))
        .map(|n| balanced_lines(&words, n))
        .collect();
    // Sizes from the page's down to its minimum.
    let mut sizes: Vec<f64> = [1.0, 0.88, 0.76]
        .iter()
        .map(|k| size * k)
        .filter(|s| *s >= min_size)
        .collect();
    if sizes.is_empty() || *sizes.last().unwrap_or(&0.0) > min_size {
        sizes.push(min_size.min(size));
    }
    let mut layouts: Vec<(Vec<String>, f64)> = Vec::new();
    for &s in &sizes {
        layouts.extend(settings.iter().map(|lines| (lines.clone(), s)));
    }
    // Inside: first wholly inside the outline, then mostly inside (the halo carries the
    // letters over a border).
    let fits = |items: &[TextItem], slack: f64| {
        items.iter().map(text_bounds).all(|b| {
            let core = Bounds {
                x0: b.x0 + (b.x1 - b.x0) * slack,
                y0: b.y0 + (b.y1 - b.y0) * slack,
                x1: b.x1 - (b.x1 - b.x0) * slack,
                y1: b.y1 - (b.y1 - b.y0) * slack,
            };
            b.inside(frame) && occupied.is_free(&b) && box_inside_polygon(&core, &coarse)
        })
    };
    // The grid only where the pole of the region does not take the name (most regions).
    let grid = std::cell::OnceCell::new();
    let grid_points = || {
        grid.get_or_init(|| {
            grid_anchors(&coarse)
                .into_iter()
                .map(snap)
                .collect::<Vec<Px>>()
        })
        .iter()
        .copied()
    };
    // Paper-coloured names (on the darkest fills) must stay wholly inside: over a light
    // neighbour they could not be read.
    let slacks: &[f64] = if color == palette::PAPER {
        &[0.0]
    } else {
        &[0.0, 0.2]
    };
    let inside = slacks.iter().find_map(|&slack| {
        layouts.iter().find_map(|(lines, s)| {
            std::iter::once(anchor)
                .chain(std::iter::once(()).flat_map(|()| grid_points()))
                .map(|a| stack(lines, a, *s, color))
                .find(|items| fits(items, slack))
        })
    });
    let group = Group::of(Feature::Region(state.id.to_string()));
    if let Some(items) = inside {
        let group = scene.group(LayerId::Labels, group);
        for item in items {
            occupied.add(text_bounds(&item).grown(2.0 * u));
            group.items.push(Item::Text(item));
        }
        return None;
    }
    // No callouts for neighbours: a corner of a neighbour needs no name.
    if context {
        return None;
    }
    // The name beside the region, in its own ink on a halo, with a leader line: at the page's
    // size in one, two or three lines, else smaller.
    let color = state.ink;
    Some(Callout {
        id: state.id.to_string(),
        name,
        outline: coarse,
        anchor,
        size: sizes[0],
        layouts,
        color,
    })
}

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
    name: String,
    outline: Polygon<f64>,
    anchor: Px,
    /// The page's size for region names.
    size: f64,
    /// Ways to set the name (lines and size), the preferred first.
    layouts: Vec<(Vec<String>, f64)>,
    color: crate::color::Rgb,
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
/// region the agreements assign, or sits on a treaty line, counts as farther (a name over another
/// sphere would seem to name it), so a near box wins only where it is clear. Returns the box and
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
        if can_win(cost, &best) {
            best = Some((cost, c, point, setting));
        }
    }
    best.map(|(cost, c, point, setting)| (cost, c, inward(point, anchor, 4.0 * u), setting))
}

/// A point moved to the nearest node of a grid `step` px apart: the places tried for a name
/// stay put when an outline moves by a fraction of a pixel (the same region drawn from other
/// parts, or by a later version of the data).
fn snapped(p: Px, step: f64) -> Px {
    ((p.0 / step).round() * step, (p.1 / step).round() * step)
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

/// The polygon with vertices closer than `step` px dropped. Each ring is thinned from its
/// leftmost vertex and in one winding, so the result (and every label placed on it) does not depend on where the
/// data happens to start a ring: the same outline joined from other parts labels the same.
fn coarsen(polygon: &Polygon<f64>, step: f64) -> Polygon<f64> {
    let ring = |r: &LineString<f64>| {
        let open = r.0.get(..r.0.len().saturating_sub(1)).unwrap_or_default();
        let start = open
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)))
            .map_or(0, |(i, _)| i);
        let mut pts: Vec<Px> = open[start..]
            .iter()
            .chain(&open[..start])
            .map(|c| (c.x, c.y))
            .collect();
        // One winding too: thinning the other way round keeps other vertices.
        let twice_area: f64 = pts
            .iter()
            .zip(pts.iter().cycle().skip(1))
            .map(|(a, b)| a.0 * b.1 - b.0 * a.1)
            .sum();
        if twice_area < 0.0 {
            pts[1..].reverse();
        }
        if let Some(&first) = pts.first() {
            pts.push(first);
        }
        // Visvalingam–Whyatt drops the vertices that add least area first, so extra vertices
        // along an edge (where the data split a region) go first and change nothing else.
        geo::SimplifyVw::simplify_vw(&to_line_string(&pts), step * step)
    };
    Polygon::new(
        ring(polygon.exterior()),
        polygon
            .interiors()
            .iter()
            .map(ring)
            .filter(|r| r.0.len() >= 4)
            .collect(),
    )
}

/// Further label centres: points of a 20 × 20 grid that lie inside, deepest first (a fine grid
/// finds the gaps between the dots of a crowded region).
fn grid_anchors(polygon: &Polygon<f64>) -> Vec<Px> {
    use geo::{BoundingRect, Contains};
    let Some(b) = polygon.bounding_rect() else {
        return Vec::new();
    };
    let mut inside: Vec<(f64, Px)> = Vec::new();
    for i in 1..20 {
        for j in 1..20 {
            let p = geo::Point::new(
                b.min().x + b.width() * f64::from(i) / 20.0,
                b.min().y + b.height() * f64::from(j) / 20.0,
            );
            if polygon.contains(&p) {
                inside.push((
                    depth_squared((p.x(), p.y()), polygon.exterior()),
                    (p.x(), p.y()),
                ));
            }
        }
    }
    inside.sort_by(|a, b| b.0.total_cmp(&a.0));
    inside.into_iter().map(|(_, p)| p).collect()
}

/// The squared distance from a point to the nearest segment of a ring (no square roots: it
/// only orders points).
fn depth_squared(p: Px, ring: &LineString<f64>) -> f64 {
    ring.0
        .windows(2)
        .map(|s| {
            let (a, b) = ((s[0].x, s[0].y), (s[1].x, s[1].y));
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let len2 = dx * dx + dy * dy;
            let t = if len2 > 0.0 {
                (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let (x, y) = (a.0 + t * dx - p.0, a.1 + t * dy - p.1);
            x * x + y * y
        })
        .fold(f64::INFINITY, f64::min)
}

/// Whether a box lies inside a polygon: its centre is inside and no ring crosses it. O(n),
/// unlike a general relate.
fn box_inside_polygon(b: &Bounds, polygon: &Polygon<f64>) -> bool {
    use geo::Contains;
    let centre = geo::Point::new((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0);
    if !polygon.contains(&centre) {
        return false;
    }
    std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .all(|ring| {
            ring.0
                .windows(2)
                .all(|s| !b.touches_segment((s[0].x, s[0].y), (s[1].x, s[1].y)))
        })
}
