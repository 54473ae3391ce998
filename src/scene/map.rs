//! The map inside the frame, layer by layer: sea, land and regions with their hatching, water,
//! borders, graticule, railways, treaty lines; then the scale bar and the labels
//! ([`super::map_labels`]), placed without collisions.

use geo::{Area, Coord, LineString, MultiPolygon, Polygon};

use super::clip::{self, Px};
use super::frame::MapTransform;
use super::graticule;
use super::labels::Occupied;
use super::layout::{Detail, Layout};
use super::legend::dash_lengths;
use super::map_labels;
use super::{Feature, Group, Item, LayerId, Scene};
use crate::color::Rgb;
use crate::data::geodata::Role;
use crate::model::palette::{self, Hatch};
use crate::model::TreatyMap;
use crate::projection::fit::PixelBox;

pub(super) fn to_line_string(points: &[Px]) -> LineString<f64> {
    LineString::from(
        points
            .iter()
            .map(|&(x, y)| Coord { x, y })
            .collect::<Vec<_>>(),
    )
}

/// A region in pixels: its thinned rings (for borders) and the parts inside the frame, as
/// polygons with holes (for fills, hatching and label placement).
pub(super) struct RegionPixels {
    pub rings: Vec<Vec<Px>>,
    pub visible: MultiPolygon<f64>,
}

impl RegionPixels {
    fn new(t: &MapTransform, geometry: &MultiPolygon<f64>, frame: &PixelBox) -> RegionPixels {
        let mut rings = Vec::new();
        let mut visible = Vec::new();
        for polygon in geometry {
            let exterior = clip::thin(&t.ring(polygon.exterior()), 0.4);
            let Some(b) = ring_bounds(&exterior) else {
                continue;
            };
            if b.right() < frame.left
                || b.left > frame.right()
                || b.bottom() < frame.top
                || b.top > frame.bottom()
            {
                continue;
            }
            let holes: Vec<Vec<Px>> = polygon
                .interiors()
                .iter()
                .map(|r| clip::thin(&t.ring(r), 0.4))
                .collect();
            let clipped = clip::clip_ring(&exterior, frame);
            if clipped.len() >= 3 {
                let inner = holes
                    .iter()
                    .map(|h| clip::clip_ring(h, frame))
                    .filter(|h| h.len() >= 3)
                    .map(|h| to_line_string(&h))
                    .collect();
                visible.push(Polygon::new(to_line_string(&clipped), inner));
            }
            rings.push(exterior);
            rings.extend(holes);
        }
        RegionPixels {
            rings,
            visible: MultiPolygon::new(visible),
        }
    }
}

fn ring_bounds(points: &[Px]) -> Option<PixelBox> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in points {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    (x0 <= x1).then_some(PixelBox {
        left: x0,
        top: y0,
        width: x1 - x0,
        height: y1 - y0,
    })
}

/// The pieces of a path inside the frame, as stroked lines.
pub(super) fn clipped_lines(points: &[Px], frame: &PixelBox, color: Rgb, width: f64) -> Vec<Item> {
    clip::clip_polyline(points, frame)
        .into_iter()
        .map(|piece| Item::Line {
            points: piece,
            color,
            width,
        })
        .collect()
}

/// Draws the whole map into the layout's frame.
pub(super) fn draw(
    scene: &mut Scene,
    map: &TreatyMap<'_>,
    layout: &Layout,
    t: &MapTransform,
    occupied: &mut Occupied,
) {
    let u = layout.unit;
    let frame = layout.frame;

    scene.push(
        LayerId::Background,
        Item::Rect {
            rect: frame,
            fill: Some((map.palette.water, 1.0)),
            stroke: None,
        },
    );

    // Regions, largest first so enclaves paint over their surroundings.
    // Each area once: measured inside the comparison, the largest outlines were measured
    // again at every step of the sort.
    let areas: Vec<f64> = map
        .regions
        .iter()
        .map(|r| r.geometry.unsigned_area())
        .collect();
    let mut order: Vec<usize> = (0..map.regions.len()).collect();
    order.sort_by(|&a, &b| areas[b].total_cmp(&areas[a]));
    let mut region_pixels: Vec<(usize, RegionPixels)> = Vec::new();
    for index in order {
        let state = &map.regions[index];
        let pixels = RegionPixels::new(t, state.geometry, &frame);
        let layer = match state.role {
            Role::Sphere => LayerId::Regions,
            Role::Context => LayerId::Land,
        };
        let group = scene.group(
            layer,
            Group {
                feature: Some(Feature::Region(state.id.to_string())),
                class: state.classes(),
                title: Some(state.description()),
                items: Vec::new(),
            },
        );
        for polygon in &pixels.visible {
            group.items.push(Item::Fill {
                points: polygon.exterior().0.iter().map(|c| (c.x, c.y)).collect(),
                color: state.style.fill,
            });
        }
        if let Some((color, dir)) = state.style.hatch {
            let strokes = hatch_region(&pixels, &frame, color, dir, u);
            scene
                .group(
                    LayerId::Hatching,
                    Group::of(Feature::Region(state.id.to_string())),
                )
                .items = strokes;
        }
        region_pixels.push((index, pixels));
    }

    for lake in map.lakes {
        for polygon in &lake.geometry {
            let clipped = clip::clip_ring(&t.ring(polygon.exterior()), &frame);
            if clipped.len() >= 3 {
                scene.push(
                    LayerId::Water,
                    Item::Fill {
                        points: clipped,
                        color: map.palette.water,
                    },
                );
            }
        }
    }
    for river in map.rivers {
        let width = match river.scalerank {
            ..=5 => 1.3,
            6..=8 => 0.95,
            _ => 0.7,
        } * u;
        for line in &river.geometry {
            let path = clip::thin(&t.path(line, 0.5), 0.5);
            for item in clipped_lines(&path, &frame, map.palette.river, width) {
                scene.push(LayerId::Water, item);
            }
        }
    }

    // Borders between regions (and coasts).
    for (_, pixels) in &region_pixels {
        for ring in &pixels.rings {
            for item in clipped_lines(ring, &frame, map.palette.border, 0.75 * u) {
                scene.push(LayerId::Borders, item);
            }
        }
    }

    graticule::draw(
        scene,
        t,
        &frame,
        u,
        layout.type_scale.small,
        layout.detail == Detail::Full,
        map.palette.graticule,
    );

    // Railways in one dark ink with a paper casing: they cross every fill, dark ones included.
    // All casings go under all inks, so junctions stay joined.
    for railway in &map.railways {
        let paths: Vec<Vec<Px>> = railway
            .geometry
            .iter()
            .map(|line| clip::thin(&t.path(line, 0.25), 0.4))
            .collect();
        let feature = Feature::Railway(railway.name.clone());
        let casing = scene.group(LayerId::RailwayCasings, Group::of(feature.clone()));
        for path in &paths {
            casing
                .items
                .extend(clipped_lines(path, &frame, palette::PAPER, 3.2 * u));
        }
        let ink = scene.group(
            LayerId::Railways,
            Group {
                title: Some(match railway.opened {
                    Some(year) => format!("{} (opened {year})", railway.name),
                    None => railway.name.clone(),
                }),
                ..Group::of(feature)
            },
        );
        for path in &paths {
            ink.items
                .extend(clipped_lines(path, &frame, palette::RAILWAY, 1.4 * u));
        }
    }

    // Treaty lines on top of everything but text.
    let mut treaty_paths: Vec<(usize, Vec<Vec<Px>>)> = Vec::new();
    for (i, state) in map.lines.iter().enumerate() {
        let group = scene.group(
            LayerId::TreatyLines,
            Group {
                title: Some(state.label.to_string()),
                class: format!("{:?}", state.symbol).to_lowercase(),
                ..Group::of(Feature::Line(state.id.to_string()))
            },
        );
        let mut pieces_all = Vec::new();
        for line in state.geometry {
            let pieces = clip::clip_polyline(&t.path(line, 0.1), &frame);
            for piece in &pieces {
                group.items.push(Item::Line {
                    points: piece.clone(),
                    color: palette::PAPER,
                    width: 5.6 * u,
                });
            }
            pieces_all.extend(pieces);
        }
        for piece in &pieces_all {
            let strokes = clip::dash_pattern(piece, &dash_lengths(state.symbol, 2.6 * u));
            for s in strokes {
                group.items.push(Item::Line {
                    points: s,
                    color: palette::TREATY_LINE,
                    width: 2.6 * u,
                });
            }
            occupied.avoid_line(piece.clone());
        }
        treaty_paths.push((i, pieces_all));
    }

    scene.push(
        LayerId::Frame,
        Item::Rect {
            rect: frame,
            fill: None,
            stroke: Some((palette::MUTED, 1.0 * u)),
        },
    );

    // Labels: what is already on the page first, then in order of importance.
    if layout.detail == Detail::Full {
        let scale_bar = graticule::draw_scale_bar(scene, t, &frame, u, layout.type_scale.small);
        occupied.add(scale_bar);
    }
    map_labels::draw(
        scene,
        map,
        layout,
        t,
        &region_pixels,
        &treaty_paths,
        occupied,
    );
}

fn hatch_region(
    pixels: &RegionPixels,
    frame: &PixelBox,
    color: Rgb,
    dir: Hatch,
    u: f64,
) -> Vec<Item> {
    let Some(b) = ring_bounds(
        &pixels
            .visible
            .iter()
            .flat_map(|p| p.exterior().0.iter().map(|c| (c.x, c.y)))
            .collect::<Vec<_>>(),
    ) else {
        return Vec::new();
    };
    let rings: Vec<Vec<Px>> = pixels
        .visible
        .iter()
        .flat_map(|part| std::iter::once(part.exterior()).chain(part.interiors()))
        .map(|ring| ring.0.iter().map(|c| (c.x, c.y)).collect())
        .collect();
    let rings: Vec<&[Px]> = rings.iter().map(Vec::as_slice).collect();
    let mut items = Vec::new();
    for stroke in clip::hatch_lines(&b, Hatch::SPACING * u, dir) {
        for (start, end) in clip::segment_inside(stroke[0], stroke[1], &rings) {
            items.extend(clipped_lines(&[start, end], frame, color, Hatch::WIDTH * u));
        }
    }
    items
}
