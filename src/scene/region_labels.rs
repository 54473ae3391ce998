//! Region names: inside their outline where they fit — one, two or three balanced lines,
//! shrinking to the page's minimum size — and otherwise pending for a callout
//! ([`super::callouts`]: Kwantung, Karafuto, anything too small or too crowded). A named region
//! is never dropped while it shows on the map.
//!
//! Placement works on the outline simplified from its leftmost vertex, so a region labels the
//! same however the data splits it into parts or wherever a ring starts.

use std::cell::Cell;

use geo::{Area, LineString, Polygon};

use super::anchor_grid::grid_anchors;
use super::callouts::Callout;
use super::clip::Px;
use super::labels::{Bounds, Occupied};
use super::map::{to_line_string, RegionPixels};
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
pub(super) fn stack(
    lines: &[String],
    anchor: Px,
    size: f64,
    color: crate::color::Rgb,
) -> Vec<TextItem> {
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

pub(super) fn union_of(items: &[TextItem]) -> Bounds {
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

/// A region's name being placed: its outline coarsened for placement, the pole it prefers and
/// the ways to set it, found once and tried again as the map fills.
pub(super) struct RegionName {
    id: String,
    name: String,
    coarse: Polygon<f64>,
    anchor: Px,
    layouts: Vec<(Vec<String>, f64)>,
    /// The name's colour inside the region, and its ink in a callout.
    color: crate::color::Rgb,
    ink: crate::color::Rgb,
    /// Neighbours' land is named only inside, never in a callout.
    context: bool,
    grid: std::cell::OnceCell<Vec<Px>>,
    /// Each layout's line boxes around an anchor at the origin: a candidate place is a shift.
    shapes: Vec<Vec<Bounds>>,
    /// Per slack, layout and anchor (the pole, then the grid): whether the name lies inside.
    lies_inside: Vec<Cell<u8>>,
    u: f64,
}

/// The verdicts in [`RegionName`]'s cache.
const UNKNOWN: u8 = 0;
const YES: u8 = 1;
const NO: u8 = 2;

impl RegionName {
    /// The name of a region that shows on the page, or `None` where it needs none (an empty
    /// name, or a corner of a neighbour).
    pub(super) fn new(
        state: &RegionView<'_>,
        pixels: &RegionPixels,
        frame: &PixelBox,
        size: f64,
        min_size: f64,
        u: f64,
    ) -> Option<RegionName> {
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
        let name = state.map_label.clone();
        if name.trim().is_empty() {
            return None;
        }
        // Placement works on a coarser outline: labels need pixels, not every vertex.
        let coarse = coarsen(largest, 2.0 * u);
        let anchor = snapped(
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
            2.0 * u,
        );
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
        let layouts_count = layouts.len();
        let color = state.label_color;
        let shapes = layouts
            .iter()
            .map(|(lines, s)| {
                stack(lines, (0.0, 0.0), *s, color)
                    .iter()
                    .map(text_bounds)
                    .collect()
            })
            .collect();
        Some(RegionName {
            shapes,
            id: state.id.to_string(),
            name,
            coarse,
            anchor,
            layouts,
            color: state.label_color,
            ink: state.ink,
            context,
            grid: std::cell::OnceCell::new(),
            lies_inside: vec![Cell::new(UNKNOWN); 2 * layouts_count * (GRID_ANCHORS + 1)],
            u,
        })
    }

    /// The name set inside the region where it fits now: first wholly inside the outline,
    /// then mostly inside (the halo carries the letters over a border); clear of what is
    /// placed, and leaving room for what `keeps_room` protects (given the lines' boxes).
    pub(super) fn inside(
        &self,
        frame: &PixelBox,
        occupied: &Occupied,
        keeps_room: &dyn Fn(&Occupied, &[Bounds]) -> bool,
    ) -> Option<Vec<TextItem>> {
        let u = self.u;
        // Whether a setting lies inside the outline does not change as the map fills: each is
        // tested once however often the name looks for a place.
        let lies_inside = |boxes: &[Bounds], slack: f64, key: usize| {
            let known = self.lies_inside.get(key).map_or(UNKNOWN, Cell::get);
            if known != UNKNOWN {
                return known == YES;
            }
            let verdict = boxes.iter().all(|b| {
                let core = Bounds {
                    x0: b.x0 + (b.x1 - b.x0) * slack,
                    y0: b.y0 + (b.y1 - b.y0) * slack,
                    x1: b.x1 - (b.x1 - b.x0) * slack,
                    y1: b.y1 - (b.y1 - b.y0) * slack,
                };
                b.inside(frame) && box_inside_polygon(&core, &self.coarse)
            });
            if let Some(cell) = self.lies_inside.get(key) {
                cell.set(if verdict { YES } else { NO });
            }
            verdict
        };
        let fits = |boxes: &[Bounds], slack: f64, key: usize| {
            boxes.iter().all(|b| occupied.is_free(b))
                && lies_inside(boxes, slack, key)
                && keeps_room(
                    occupied,
                    &boxes.iter().map(|b| b.grown(2.0 * u)).collect::<Vec<_>>(),
                )
        };
        // The grid only where the pole of the region does not take the name (most regions).
        let grid_points = || {
            self.grid
                .get_or_init(|| {
                    grid_anchors(&self.coarse)
                        .into_iter()
                        .map(|p| snapped(p, 2.0 * u))
                        .collect()
                })
                .iter()
                .copied()
        };
        // Paper-coloured names (on the darkest fills) must stay wholly inside: over a light
        // neighbour they could not be read.
        let slacks: &[f64] = if self.color == palette::PAPER {
            &[0.0]
        } else {
            &[0.0, 0.2]
        };
        let per_layout = GRID_ANCHORS + 1;
        let shifted = |l: usize, at: Px| -> Vec<Bounds> {
            self.shapes[l]
                .iter()
                .map(|b| Bounds {
                    x0: b.x0 + at.0,
                    y0: b.y0 + at.1,
                    x1: b.x1 + at.0,
                    y1: b.y1 + at.1,
                })
                .collect()
        };
        let anchors = || {
            std::iter::once(self.anchor)
                .chain(std::iter::once(()).flat_map(|()| grid_points()))
                .enumerate()
        };
        let on_grid = slacks.iter().enumerate().find_map(|(k, &slack)| {
            self.layouts.iter().enumerate().find_map(|(l, (lines, s))| {
                anchors()
                    .find(|&(a, at)| {
                        let key = (k * self.layouts.len() + l) * per_layout + a;
                        fits(&shifted(l, at), slack, key)
                    })
                    .map(|(_, at)| stack(lines, at, *s, self.color))
            })
        });
        if on_grid.is_some() {
            return on_grid;
        }
        // The grid's step can miss a gap barely larger than the name (between two towns' dots):
        // where a grid place lies inside but is taken, the name moves just clear of each box
        // that takes it, up, down, left or right, and is tested there.
        let fits_at = |boxes: &[Bounds], slack: f64| {
            boxes.iter().all(|b| occupied.is_free(b))
                && lies_inside(boxes, slack, usize::MAX)
                && keeps_room(
                    occupied,
                    &boxes.iter().map(|b| b.grown(2.0 * u)).collect::<Vec<_>>(),
                )
        };
        let gap = 0.5 * u;
        slacks.iter().enumerate().find_map(|(k, &slack)| {
            self.layouts.iter().enumerate().find_map(|(l, (lines, s))| {
                anchors().find_map(|(a, at)| {
                    let key = (k * self.layouts.len() + l) * per_layout + a;
                    let boxes = shifted(l, at);
                    if !lies_inside(&boxes, slack, key) {
                        return None;
                    }
                    let moves: Vec<Px> = boxes
                        .iter()
                        .flat_map(|b| occupied.blocking(b).map(move |o| (b, o)))
                        .flat_map(|(b, o)| {
                            [
                                (0.0, o.y1 - b.y0 + gap),
                                (0.0, o.y0 - b.y1 - gap),
                                (o.x1 - b.x0 + gap, 0.0),
                                (o.x0 - b.x1 - gap, 0.0),
                            ]
                        })
                        .collect();
                    moves.into_iter().find_map(|(dx, dy)| {
                        let moved = (at.0 + dx, at.1 + dy);
                        fits_at(&shifted(l, moved), slack)
                            .then(|| stack(lines, moved, *s, self.color))
                    })
                })
            })
        })
    }

    /// Places the name inside as `inside` found it; a name that found no place, and may go out
    /// to a callout, comes back as pending.
    pub(super) fn place(
        self,
        scene: &mut Scene,
        inside: Option<Vec<TextItem>>,
        occupied: &mut Occupied,
    ) -> Option<Callout> {
        if let Some(items) = inside {
            let group = scene.group(LayerId::Labels, Group::of(Feature::Region(self.id.clone())));
            for item in items {
                occupied.add(text_bounds(&item).grown(2.0 * self.u));
                group.items.push(Item::Text(item));
            }
            return None;
        }
        // No callouts for neighbours: a corner of a neighbour needs no name.
        if self.context {
            return None;
        }
        // The name beside the region, in its own ink on a halo, with a leader line: at the
        // page's size in one, two or three lines, else smaller.
        Some(Callout {
            size: self.layouts[0].1,
            id: self.id,
            name: self.name,
            outline: self.coarse,
            anchor: self.anchor,
            layouts: self.layouts,
            color: self.ink,
        })
    }
}

/// A point moved to the nearest node of a grid `step` px apart: the places tried for a name
/// stay put when an outline moves by a fraction of a pixel (the same region drawn from other
/// parts, or by a later version of the data).
pub(super) fn snapped(p: Px, step: f64) -> Px {
    ((p.0 / step).round() * step, (p.1 / step).round() * step)
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

/// The most points [`grid_anchors`] gives: the inner nodes of a 20 × 20 grid (a fine grid finds
/// the gaps between the dots of a crowded region).
const GRID_ANCHORS: usize = 19 * 19;

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
