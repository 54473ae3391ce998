//! Names on the map: regions (inside their outline), treaty-line tags (beside their line) and
//! places (around their dot), placed without collisions in that order of importance. A label
//! that fits nowhere is recorded as dropped rather than drawn over another.

use geo::{Area, LineString, Polygon};

use super::clip::{self, Px};
use super::frame::MapTransform;
use super::labels::{self, Bounds, Occupied, SLOTS};
use super::layout::{sizes, Detail, Layout};
use super::map::{to_line_string, RegionPixels};
use super::text::{self, Face};
use super::{text_bounds, Align, Feature, Group, Item, LayerId, Scene, TextItem};
use crate::color::Rgb;
use crate::model::{palette, LineView, RegionView, TreatyMap};
use crate::projection::fit::PixelBox;

/// Place dots, then the labels of regions, lines and places.
pub(super) fn draw(
    scene: &mut Scene,
    map: &TreatyMap<'_>,
    layout: &Layout,
    t: &MapTransform,
    region_pixels: &[(usize, RegionPixels)],
    treaty_paths: &[(usize, Vec<Vec<Px>>)],
    occupied: &mut Occupied,
) {
    let u = layout.unit;
    let frame = layout.frame;
    let places: Vec<_> = map
        .places
        .iter()
        .filter(|p| layout.detail == Detail::Full || p.rank == 1)
        .map(|p| (p, t.px(p.location.x(), p.location.y())))
        .filter(|(_, px)| frame.contains(*px))
        .collect();
    for (place, px) in &places {
        let r = 3.2 * u;
        scene
            .group(
                LayerId::Places,
                Group {
                    title: Some(place.name.clone()),
                    ..Group::of(Feature::Place(place.id.to_string()))
                },
            )
            .items
            .push(Item::Dot {
                center: *px,
                radius: r,
                fill: palette::INK,
                stroke: Some((palette::PAPER, 1.0 * u)),
            });
        occupied.add(Bounds {
            x0: px.0 - r,
            y0: px.1 - r,
            x1: px.0 + r,
            y1: px.1 + r,
        });
    }
    for (index, pixels) in region_pixels {
        label_region(scene, &map.regions[*index], pixels, &frame, occupied, u);
    }
    for (i, pieces) in treaty_paths {
        label_line(scene, &map.lines[*i], pieces, &frame, occupied, u);
    }
    let mut by_rank = places;
    by_rank.sort_by_key(|(p, _)| p.rank);
    for (place, px) in by_rank {
        let name = &place.name;
        let size = match place.rank {
            1 => sizes::PLACE,
            2 => sizes::PLACE * 0.92,
            _ => sizes::PLACE * 0.85,
        } * u;
        let face = Face::Regular;
        let w = text::width(name, size, face);
        let candidates = SLOTS.iter().map(|&slot| {
            labels::candidate(
                px,
                slot,
                w,
                size * text::CAP_HEIGHT,
                size * text::DESCENT,
                5.5 * u,
            )
        });
        match labels::place(occupied, &frame, candidates) {
            Some(p) => {
                occupied.add(p.bounds.grown(1.5 * u));
                let group = scene.group(
                    LayerId::Labels,
                    Group::of(Feature::Place(place.id.to_string())),
                );
                group
                    .items
                    .push(backing(&p.bounds, (1.5 * u, 1.0 * u), 0.72, None));
                group.items.push(Item::Text(TextItem {
                    text: name.to_string(),
                    x: p.x,
                    baseline: p.baseline,
                    size,
                    face,
                    color: palette::INK,
                    align: Align::Left,
                }));
            }
            None => scene.dropped_labels.push(name.to_string()),
        }
    }
}

fn label_region(
    scene: &mut Scene,
    state: &RegionView<'_>,
    pixels: &RegionPixels,
    frame: &PixelBox,
    occupied: &mut Occupied,
    u: f64,
) {
    let Some(largest) = pixels
        .visible
        .iter()
        .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))
    else {
        return;
    };
    // Placement works on a coarser outline: labels need pixels, not every vertex.
    let coarse = coarsen(largest, 5.0 * u);
    let Ok(best) = polylabel::polylabel(&coarse, &(8.0 * u)) else {
        return;
    };
    let color = state.label_color;
    let name = state.map_label.clone();
    let words: Vec<&str> = name.split_whitespace().collect();
    // One line if it fits inside the region, else two balanced lines, then a smaller size.
    let mut layouts: Vec<(Vec<String>, f64)> = Vec::new();
    for scale in [1.0, 0.85, 0.72, 0.6] {
        layouts.push((vec![name.clone()], scale));
        if words.len() > 1 {
            let split = (1..words.len())
                .min_by_key(|&i| {
                    let a = words[..i].join(" ").len() as i64;
                    let b = words[i..].join(" ").len() as i64;
                    (a - b).abs()
                })
                .unwrap_or(1);
            layouts.push((
                vec![words[..split].join(" "), words[split..].join(" ")],
                scale,
            ));
        }
    }
    // Try the point farthest inside at every size, then other interior points.
    let place = |(lines, scale): &(Vec<String>, f64), anchor: Px| -> Option<Vec<TextItem>> {
        let size = sizes::REGION * u * scale;
        let line_h = size * 1.15;
        let total_h = line_h * lines.len() as f64;
        let items: Vec<TextItem> = lines
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
            })
            .collect();
        items
            .iter()
            .map(text_bounds)
            .all(|b| b.inside(frame) && occupied.is_free(&b) && box_inside_polygon(&b, &coarse))
            .then_some(items)
    };
    let found = layouts
        .iter()
        .find_map(|l| place(l, (best.x(), best.y())))
        .or_else(|| {
            let grid = grid_anchors(&coarse);
            layouts
                .iter()
                .find_map(|l| grid.iter().find_map(|&a| place(l, a)))
        });
    if let Some(items) = found {
        let group = scene.group(
            LayerId::Labels,
            Group::of(Feature::Region(state.id.to_string())),
        );
        for item in items {
            occupied.add(text_bounds(&item).grown(2.0 * u));
            group.items.push(Item::Text(item));
        }
        return;
    }
    scene.dropped_labels.push(name);
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

/// Further label centres: points of a 6 × 6 grid that lie inside, deepest first.
fn grid_anchors(polygon: &Polygon<f64>) -> Vec<Px> {
    use geo::{BoundingRect, Contains, Distance, Euclidean};
    let Some(b) = polygon.bounding_rect() else {
        return Vec::new();
    };
    let mut inside: Vec<(f64, Px)> = Vec::new();
    for i in 1..6 {
        for j in 1..6 {
            let p = geo::Point::new(
                b.min().x + b.width() * f64::from(i) / 6.0,
                b.min().y + b.height() * f64::from(j) / 6.0,
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

fn label_line(
    scene: &mut Scene,
    state: &LineView<'_>,
    pieces: &[Vec<Px>],
    frame: &PixelBox,
    occupied: &mut Occupied,
    u: f64,
) {
    let tag = state.tag;
    let size = sizes::PLACE * u;
    let w = text::width(tag, size, Face::Bold);
    let Some(longest) = pieces
        .iter()
        .max_by(|a, b| clip::length(a).total_cmp(&clip::length(b)))
    else {
        return;
    };
    let total = clip::length(longest);
    let mut candidates = Vec::new();
    for fraction in [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8] {
        let p = point_along(longest, total * fraction);
        for &slot in &SLOTS {
            candidates.push(labels::candidate(
                p,
                slot,
                w,
                size * text::CAP_HEIGHT,
                size * text::DESCENT,
                7.0 * u,
            ));
        }
    }
    // Tags must sit beside their line, never on it.
    let clear: Vec<_> = candidates
        .into_iter()
        .filter(|c| {
            !longest
                .windows(2)
                .any(|s| c.bounds.grown(2.0 * u).touches_segment(s[0], s[1]))
        })
        .collect();
    match labels::place(occupied, frame, clear) {
        Some(p) => {
            occupied.add(p.bounds.grown(2.0 * u));
            let outline = Some((palette::TREATY_LINE, 0.8 * u));
            let group = scene.group(
                LayerId::Labels,
                Group::of(Feature::Line(state.id.to_string())),
            );
            group
                .items
                .push(backing(&p.bounds, (3.0 * u, 2.0 * u), 0.85, outline));
            group.items.push(Item::Text(TextItem {
                text: tag.to_string(),
                x: p.x,
                baseline: p.baseline,
                size,
                face: Face::Bold,
                color: palette::TREATY_LINE,
                align: Align::Left,
            }));
        }
        None => scene.dropped_labels.push(tag.to_string()),
    }
}

/// A translucent paper box behind a label, `pad` (x, y) px larger than its text.
fn backing(b: &Bounds, pad: (f64, f64), opacity: f64, stroke: Option<(Rgb, f64)>) -> Item {
    Item::Rect {
        rect: PixelBox {
            left: b.x0 - pad.0,
            top: b.y0 - pad.1,
            width: b.x1 - b.x0 + 2.0 * pad.0,
            height: b.y1 - b.y0 + 2.0 * pad.1,
        },
        fill: Some((palette::PAPER, opacity)),
        stroke,
    }
}

fn point_along(path: &[Px], distance: f64) -> Px {
    let mut left = distance;
    for s in path.windows(2) {
        let d = ((s[1].0 - s[0].0).powi(2) + (s[1].1 - s[0].1).powi(2)).sqrt();
        if d >= left && d > 0.0 {
            let t = left / d;
            return (
                s[0].0 + (s[1].0 - s[0].0) * t,
                s[0].1 + (s[1].1 - s[0].1) * t,
            );
        }
        left -= d;
    }
    *path.last().unwrap_or(&(0.0, 0.0))
}
