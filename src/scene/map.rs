//! The map inside the frame, layer by layer: sea, land and regions with their hatching, water,
//! borders, graticule, railways, treaty lines; then the scale bar and the labels
//! ([`super::map_labels`]), placed without collisions.

use geo::{Area, Coord, LineString, MultiPolygon, Polygon};
use rayon::prelude::*;

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

/// The lakes, rivers, railways and treaty lines in pixels, inside the frame.
struct ContextPixels {
    /// Each lake's outline.
    lakes: Vec<Vec<Px>>,
    /// The rivers' strokes.
    rivers: Vec<Item>,
    /// Each railway's casing and ink strokes (the map's railways, in order).
    railways: Vec<(Vec<Item>, Vec<Item>)>,
    /// Each treaty line's pieces (the map's lines, in order).
    treaty_lines: Vec<Vec<Vec<Px>>>,
}

impl ContextPixels {
    fn new(map: &TreatyMap<'_>, t: &MapTransform, frame: &PixelBox, u: f64) -> ContextPixels {
        let lakes = map
            .lakes
            .iter()
            .flat_map(|lake| &lake.geometry)
            .map(|polygon| clip::clip_ring(&t.ring(polygon.exterior()), frame))
            .filter(|clipped| clipped.len() >= 3)
            .collect();
        let mut rivers = Vec::new();
        for river in map.rivers {
            let width = match river.scalerank {
                ..=5 => 1.3,
                6..=8 => 0.95,
                _ => 0.7,
            } * u;
            for line in &river.geometry {
                let path = clip::thin(&t.path(line, 0.5), 0.5);
                rivers.extend(clipped_lines(&path, frame, map.palette.river, width));
            }
        }
        let railways = map
            .railways
            .iter()
            .map(|railway| {
                let paths: Vec<Vec<Px>> = (railway.geometry.iter())
                    .map(|line| clip::thin(&t.path(line, 0.25), 0.4))
                    .collect();
                let strokes = |color: Rgb, width: f64| -> Vec<Item> {
                    (paths.iter())
                        .flat_map(|path| clipped_lines(path, frame, color, width))
                        .collect()
                };
                (
                    strokes(palette::PAPER, 3.2 * u),
                    strokes(palette::RAILWAY, 1.4 * u),
                )
            })
            .collect();
        let treaty_lines = map
            .lines
            .iter()
            .map(|state| {
                let lines = state.geometry.iter();
                lines
                    .flat_map(|line| clip::clip_polyline(&t.path(line, 0.1), frame))
                    .collect()
            })
            .collect();
        ContextPixels {
            lakes,
            rivers,
            railways,
            treaty_lines,
        }
    }
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

    // Regions, largest first so enclaves paint over their surroundings. Their pixels and
    // borders and the other layers' are worked out on two threads, then added in order.
    let areas: Vec<f64> = map
        .regions
        .iter()
        .map(|r| r.geometry.unsigned_area())
        .collect();
    let mut order: Vec<usize> = (0..map.regions.len()).collect();
    order.sort_by(|&a, &b| areas[b].total_cmp(&areas[a]));
    let (regions, others) = rayon::join(
        || {
            order
                .par_iter()
                .map(|&index| {
                    let state = &map.regions[index];
                    let pixels = RegionPixels::new(t, state.geometry, &frame);
                    let hatch = state
                        .style
                        .hatch
                        .map(|(color, dir)| hatch_region(&pixels, &frame, color, dir, u));
                    let borders: Vec<Item> = (pixels.rings.iter())
                        .flat_map(|ring| clipped_lines(ring, &frame, map.palette.border, 0.75 * u))
                        .collect();
                    (index, pixels, hatch, borders)
                })
                .collect::<Vec<_>>()
        },
        || ContextPixels::new(map, t, &frame, u),
    );
    let mut region_pixels: Vec<(usize, RegionPixels)> = Vec::new();
    let mut borders: Vec<Item> = Vec::new();
    for (index, pixels, hatch, region_borders) in regions {
        let state = &map.regions[index];
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
        if let Some(strokes) = hatch {
            scene
                .group(
                    LayerId::Hatching,
                    Group::of(Feature::Region(state.id.to_string())),
                )
                .items = strokes;
        }
        region_pixels.push((index, pixels));
        borders.extend(region_borders);
    }
    let ContextPixels {
        lakes,
        rivers,
        railways,
        treaty_lines,
    } = others;
    for lake in lakes {
        scene.push(
            LayerId::Water,
            Item::Fill {
                points: lake,
                color: map.palette.water,
            },
        );
    }
    for item in rivers {
        scene.push(LayerId::Water, item);
    }

    // Borders between regions (and coasts).
    for item in borders {
        scene.push(LayerId::Borders, item);
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
    for (railway, (casings, inks)) in map.railways.iter().zip(railways) {
        let feature = Feature::Railway(railway.name.clone());
        let casing = scene.group(LayerId::RailwayCasings, Group::of(feature.clone()));
        casing.items.extend(casings);
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
        ink.items.extend(inks);
    }

    // Treaty lines on top of everything but text.
    let mut treaty_paths: Vec<(usize, Vec<Vec<Px>>)> = Vec::new();
    for ((i, state), pieces_all) in map.lines.iter().enumerate().zip(treaty_lines) {
        let group = scene.group(
            LayerId::TreatyLines,
            Group {
                title: Some(state.label.to_string()),
                class: format!("{:?}", state.symbol).to_lowercase(),
                ..Group::of(Feature::Line(state.id.to_string()))
            },
        );
        for piece in &pieces_all {
            group.items.push(Item::Line {
                points: piece.clone(),
                color: palette::PAPER,
                width: 5.6 * u,
            });
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
