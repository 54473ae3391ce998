//! Region names: inside their outline where they fit — one line or two balanced lines, shrinking
//! to the page's minimum size — and otherwise in a callout beside the region with a leader line
//! (Kwantung, Karafuto, anything too small or too crowded). A named region is never dropped
//! while it shows on the map.

use geo::{Area, LineString, Polygon};

use super::clip::{self, Px};
use super::labels::{self, Bounds, Occupied, SLOTS};
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

/// Places a region's name; returns false only when the region is not on the map.
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
    over_other_region: &dyn Fn(&Bounds) -> bool,
    callouts: bool,
) {
    let Some(largest) = pixels
        .visible
        .iter()
        .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))
    else {
        return;
    };
    // Surrounding land no power holds is named only where much of it shows, and never in a
    // callout: a corner of a neighbour needs no name.
    let context = state.role == Role::Context && state.power.is_none();
    if context && largest.unsigned_area() < 0.03 * frame.width * frame.height {
        return;
    }
    // Placement works on a coarser outline: labels need pixels, not every vertex.
    let coarse = coarsen(largest, 5.0 * u);
    let anchor = polylabel::polylabel(&coarse, &(8.0 * u))
        .map(|p| (p.x(), p.y()))
        .unwrap_or_else(|_| {
            let c = largest
                .exterior()
                .0
                .first()
                .map_or((0.0, 0.0), |c| (c.x, c.y));
            (c.0, c.1)
        });
    let color = state.label_color;
    let name = state.map_label.clone();
    if name.trim().is_empty() {
        return;
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
    let grid = grid_anchors(&coarse);
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
                .chain(grid.iter().copied())
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
        return;
    }
    // No callouts for neighbours, nor on an overview's panels, too small to tell a leader line
    // from a border.
    if context || !callouts {
        return;
    }
    // A callout: the name beside the region, in its own ink on a halo, with a leader line.
    let callout_size = sizes[0];
    let lines = if text::width(&name, callout_size, Face::Bold) > 14.0 * callout_size {
        settings[settings.len().min(2) - 1].clone()
    } else {
        settings[0].clone()
    };
    let color = state.ink;
    let probe = stack(&lines, (0.0, 0.0), callout_size, color);
    let b = union_of(&probe);
    let (w, h) = (b.x1 - b.x0, b.y1 - b.y0);
    // Rather not over another region the agreements assign (the leader line alone would have
    // to say which region it names): wholly clear of them, else with the centre clear.
    let ring = |clear: &dyn Fn(&Bounds) -> bool, rings: u32| {
        let mut candidates = Vec::new();
        for ring in 1..=rings {
            let gap = 4.0 * u + f64::from(ring) * callout_size * 0.9;
            for &slot in &SLOTS {
                let c = labels::candidate(anchor, slot, w, h * 0.7, h * 0.3, gap);
                if clear(&c.bounds) {
                    candidates.push(c);
                }
            }
        }
        candidates
    };
    let wholly_clear = |b: &Bounds| !over_other_region(b);
    let centre_clear = |b: &Bounds| {
        let (x, y) = ((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0);
        !over_other_region(&Bounds {
            x0: x,
            y0: y,
            x1: x,
            y1: y,
        })
    };
    // Last, with the centre clear, within a longer reach: a longer leader line is better than
    // no name (but a name over another sphere would seem to name it).
    let found = labels::place(occupied, frame, ring(&wholly_clear, 5))
        .or_else(|| labels::place(occupied, frame, ring(&centre_clear, 5)))
        .or_else(|| labels::place(occupied, frame, ring(&centre_clear, 9)));
    match found {
        Some(p) => {
            let centre = (
                (p.bounds.x0 + p.bounds.x1) / 2.0,
                (p.bounds.y0 + p.bounds.y1) / 2.0,
            );
            let items = stack(&lines, centre, callout_size, color);
            occupied.add(p.bounds.grown(2.0 * u));
            let group = scene.group(
                LayerId::Labels,
                Group {
                    class: "callout".into(),
                    ..group
                },
            );
            group.items.push(leader(anchor, &p.bounds, 0.8 * u));
            group.items.extend(items.into_iter().map(Item::Text));
        }
        None => scene.dropped_labels.push(name),
    }
}

/// The polygon with vertices closer than `step` px dropped.
fn coarsen(polygon: &Polygon<f64>, step: f64) -> Polygon<f64> {
    let ring = |r: &LineString<f64>| {
        let pts: Vec<Px> = r.0.iter().map(|c| (c.x, c.y)).collect();
        to_line_string(&clip::thin(&pts, step))
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

/// Further label centres: points of a 10 × 10 grid that lie inside, deepest first.
fn grid_anchors(polygon: &Polygon<f64>) -> Vec<Px> {
    use geo::{BoundingRect, Contains, Distance, Euclidean};
    let Some(b) = polygon.bounding_rect() else {
        return Vec::new();
    };
    let mut inside: Vec<(f64, Px)> = Vec::new();
    for i in 1..10 {
        for j in 1..10 {
            let p = geo::Point::new(
                b.min().x + b.width() * f64::from(i) / 10.0,
                b.min().y + b.height() * f64::from(j) / 10.0,
            );
            if polygon.contains(&p) {
                let depth = Euclidean.distance(&p, polygon.exterior());
                inside.push((depth, (p.x(), p.y())));
            }
        }
    }
    inside.sort_by(|a, b| b.0.total_cmp(&a.0));
    inside.into_iter().map(|(_, p)| p).collect()
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
