//! The map inside the frame: regions, hatching, water, graticule, railways, treaty lines, then
//! labels (regions, line tags, places) placed without collisions, and the scale bar.

use geo::{Area, BooleanOps, Coord, LineString, MultiLineString, MultiPolygon, Polygon};

use super::clip::{self, Hatch, Px};
use super::labels::{self, Bounds, Occupied, SLOTS};
use super::layout::{sizes, Detail, Layout};
use super::legend::{area_style, power_ink};
use super::style::{self, Rgb};
use super::text::{self, Face};
use super::{text_bounds, Align, Item, Scene, TextItem};
use crate::data::geodata::Role;
use crate::model::TreatyMap;
use crate::projection::fit::PixelBox;
use crate::projection::{Fit, LambertConformalConic, Projection};

/// Graticule spacing in degrees.
const GRATICULE_STEP: f64 = 5.0;

/// Projection plus fit: lon/lat → px.
pub struct MapTransform {
    projection: LambertConformalConic,
    fit: Fit,
}

impl MapTransform {
    /// Fits the sphere regions (all of them, whatever the year, so every map of a series has the
    /// same extent) into the frame, with a conic suited to their extent.
    pub fn for_map(map: &TreatyMap<'_>, frame: &PixelBox, margin: f64) -> MapTransform {
        let points = fit_points(map);
        let projection = projection_for(&points);
        let fit = Fit::to_box(&projection, points.iter().copied(), *frame, margin);
        MapTransform { projection, fit }
    }

    /// lon/lat → px.
    pub fn px(&self, lon: f64, lat: f64) -> Px {
        self.fit.apply(&self.projection, lon, lat)
    }

    /// The projection's standard parallels.
    pub fn standard_parallels(&self) -> (f64, f64) {
        self.projection.standard_parallels()
    }

    /// px → lon/lat.
    pub fn lonlat(&self, p: Px) -> (f64, f64) {
        self.fit.invert(&self.projection, p.0, p.1)
    }

    fn ring(&self, ring: &LineString<f64>) -> Vec<Px> {
        ring.0.iter().map(|c| self.px(c.x, c.y)).collect()
    }

    fn path(&self, line: &LineString<f64>, max_step: f64) -> Vec<Px> {
        let lonlat: Vec<(f64, f64)> = line.0.iter().map(|c| (c.x, c.y)).collect();
        clip::densify(&lonlat, max_step)
            .into_iter()
            .map(|(x, y)| self.px(x, y))
            .collect()
    }
}

/// The outline points the map is fitted to: every sphere region, whatever the year, so every
/// map of a series has the same extent (all regions if none is a sphere).
fn fit_points(map: &TreatyMap<'_>) -> Vec<(f64, f64)> {
    let regions = &map.dataset.geodata.regions;
    let spheres = regions.iter().any(|r| r.role == Role::Sphere);
    regions
        .iter()
        .filter(|r| !spheres || r.role == Role::Sphere)
        .flat_map(|r| r.geometry.iter())
        .flat_map(|p| p.exterior().0.iter().map(|c| (c.x, c.y)))
        .collect()
}

/// The projection a map is drawn in.
pub fn projection_for_map(map: &TreatyMap<'_>) -> LambertConformalConic {
    projection_for(&fit_points(map))
}

/// The bundled North-East Asia setup when the data lies there (so its maps keep round standard
/// parallels), otherwise a conic fitted to the data's extent.
pub fn projection_for(points: &[(f64, f64)]) -> LambertConformalConic {
    let (mut x0, mut y0, mut x1, mut y1) = (180.0f64, 90.0f64, -180.0f64, -90.0f64);
    for &(x, y) in points {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    if x0 > x1 {
        return LambertConformalConic::north_east_asia();
    }
    let centre = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    if (100.0..=140.0).contains(&centre.0) && (35.0..=55.0).contains(&centre.1) {
        LambertConformalConic::north_east_asia()
    } else {
        LambertConformalConic::for_extent(x0, y0, x1, y1)
    }
}

fn to_line_string(points: &[Px]) -> LineString<f64> {
    LineString::from(
        points
            .iter()
            .map(|&(x, y)| Coord { x, y })
            .collect::<Vec<_>>(),
    )
}

/// A region in pixels: its thinned rings (for borders) and the parts inside the frame, as
/// polygons with holes (for fills, hatching and label placement).
pub struct RegionPixels {
    rings: Vec<Vec<Px>>,
    visible: MultiPolygon<f64>,
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

fn push_clipped_line(scene: &mut Scene, points: &[Px], frame: &PixelBox, color: Rgb, width: f64) {
    for piece in clip::clip_polyline(points, frame) {
        scene.items.push(Item::Line {
            points: piece,
            color,
            width,
        });
    }
}

/// Draws the whole map into the frame; returns the transform it used.
pub fn draw(
    scene: &mut Scene,
    map: &TreatyMap<'_>,
    layout: &Layout,
    occupied: &mut Occupied,
) -> MapTransform {
    let u = layout.unit;
    let frame = layout.frame;
    let t = MapTransform::for_map(map, &frame, 6.0 * u);
    let geodata = &map.dataset.geodata;

    scene.items.push(Item::Rect {
        rect: frame,
        fill: Some((style::WATER, 1.0)),
        stroke: None,
    });

    // Regions, largest first so enclaves paint over their surroundings.
    let mut regions: Vec<_> = map.regions.iter().collect();
    regions.sort_by(|a, b| {
        b.region
            .geometry
            .unsigned_area()
            .total_cmp(&a.region.geometry.unsigned_area())
    });
    let mut region_pixels: Vec<(usize, RegionPixels)> = Vec::new();
    for state in &regions {
        let (fill, hatch) = area_style(map, state.power.map(|p| p.id.as_str()), state.status);
        let pixels = RegionPixels::new(&t, &state.region.geometry, &frame);
        for ring in &pixels.visible {
            scene.items.push(Item::Fill {
                points: ring.exterior().0.iter().map(|c| (c.x, c.y)).collect(),
                color: fill,
            });
        }
        if let Some((color, dir)) = hatch {
            hatch_region(scene, &pixels, &frame, color, dir, u);
        }
        let index = map
            .regions
            .iter()
            .position(|r| std::ptr::eq(r.region, state.region))
            .expect("region of this map");
        region_pixels.push((index, pixels));
    }

    for lake in &geodata.lakes {
        for polygon in &lake.geometry {
            let clipped = clip::clip_ring(&t.ring(polygon.exterior()), &frame);
            if clipped.len() >= 3 {
                scene.items.push(Item::Fill {
                    points: clipped,
                    color: style::WATER,
                });
            }
        }
    }
    for river in &geodata.rivers {
        let width = match river.scalerank {
            ..=5 => 1.3,
            6..=8 => 0.95,
            _ => 0.7,
        } * u;
        for line in &river.geometry {
            push_clipped_line(
                scene,
                &clip::thin(&t.path(line, 0.5), 0.5),
                &frame,
                style::RIVER,
                width,
            );
        }
    }

    // Borders between regions (and coasts).
    for (_, pixels) in &region_pixels {
        for ring in &pixels.rings {
            push_clipped_line(scene, ring, &frame, style::BORDER, 0.75 * u);
        }
    }

    draw_graticule(scene, &t, &frame, u, layout.detail == Detail::Full);

    // Railways in one dark ink with a paper casing: they cross every fill, dark ones included.
    let railway_paths: Vec<Vec<Px>> = map
        .railways
        .iter()
        .flat_map(|r| r.geometry.iter())
        .map(|line| clip::thin(&t.path(line, 0.25), 0.4))
        .collect();
    for path in &railway_paths {
        push_clipped_line(scene, path, &frame, style::PAPER, 3.2 * u);
    }
    for path in &railway_paths {
        push_clipped_line(scene, path, &frame, style::RAILWAY, 1.4 * u);
    }

    // Treaty lines on top of everything but text.
    let mut treaty_paths: Vec<(usize, Vec<Vec<Px>>)> = Vec::new();
    for (i, state) in map.lines.iter().enumerate() {
        let mut pieces_all = Vec::new();
        for line in &state.line.geometry {
            let pieces = clip::clip_polyline(&t.path(line, 0.1), &frame);
            for piece in &pieces {
                scene.items.push(Item::Line {
                    points: piece.clone(),
                    color: style::PAPER,
                    width: 5.6 * u,
                });
            }
            pieces_all.extend(pieces);
        }
        for piece in &pieces_all {
            let strokes = if state.line.uncertain {
                clip::dashes(piece, 9.0 * u, 5.0 * u)
            } else {
                vec![piece.clone()]
            };
            for s in strokes {
                scene.items.push(Item::Line {
                    points: s,
                    color: style::TREATY_LINE,
                    width: 2.6 * u,
                });
            }
            occupied.avoid_line(piece.clone());
        }
        treaty_paths.push((i, pieces_all));
    }

    scene.items.push(Item::Rect {
        rect: frame,
        fill: None,
        stroke: Some((style::MUTED, 1.0 * u)),
    });

    // Labels: what is already on the page first, then in order of importance.
    if layout.detail == Detail::Full {
        let scale_bar = draw_scale_bar(scene, &t, &frame, u);
        occupied.add(scale_bar);
    }
    let places: Vec<_> = map
        .places()
        .filter(|(p, _)| layout.detail == Detail::Full || p.rank == 1)
        .map(|(p, name)| (p, name, t.px(p.location.x(), p.location.y())))
        .filter(|(_, _, px)| frame.contains(*px))
        .collect();
    for (_, _, px) in &places {
        let r = 3.2 * u;
        scene.items.push(Item::Dot {
            center: *px,
            radius: r,
            fill: style::INK,
            stroke: Some((style::PAPER, 1.0 * u)),
        });
        occupied.add(Bounds {
            x0: px.0 - r,
            y0: px.1 - r,
            x1: px.0 + r,
            y1: px.1 + r,
        });
    }
    for (index, pixels) in &region_pixels {
        label_region(scene, map, *index, pixels, &frame, occupied, u);
    }
    for (i, pieces) in &treaty_paths {
        label_line(scene, map, *i, pieces, &frame, occupied, u);
    }
    let mut by_rank = places;
    by_rank.sort_by_key(|(p, _, _)| p.rank);
    for (place, name, px) in by_rank {
        let size = match place.rank {
            1 => sizes::PLACE,
            2 => sizes::PLACE * 0.92,
            _ => sizes::PLACE * 0.85,
        } * u;
        let face = Face::Regular;
        let w = text::width(&name, size, face);
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
                scene
                    .items
                    .push(backing(&p.bounds, (1.5 * u, 1.0 * u), 0.72, None));
                scene.text(TextItem {
                    text: name.to_string(),
                    x: p.x,
                    baseline: p.baseline,
                    size,
                    face,
                    color: style::INK,
                    align: Align::Left,
                });
            }
            None => scene.dropped_labels.push(name.to_string()),
        }
    }
    t
}

fn hatch_region(
    scene: &mut Scene,
    pixels: &RegionPixels,
    frame: &PixelBox,
    color: Rgb,
    dir: Hatch,
    u: f64,
) {
    let Some(b) = ring_bounds(
        &pixels
            .visible
            .iter()
            .flat_map(|p| p.exterior().0.iter().map(|c| (c.x, c.y)))
            .collect::<Vec<_>>(),
    ) else {
        return;
    };
    let strokes = MultiLineString::new(
        clip::hatch_lines(&b, 7.0 * u, dir)
            .iter()
            .map(|s| to_line_string(s))
            .collect(),
    );
    for piece in pixels.visible.clip(&strokes, false) {
        let pts: Vec<Px> = piece.0.iter().map(|c| (c.x, c.y)).collect();
        push_clipped_line(scene, &pts, frame, color, 0.9 * u);
    }
}

/// The lon/lat box the frame shows, widened to whole graticule steps.
fn visible_extent(t: &MapTransform, frame: &PixelBox) -> (f64, f64, f64, f64) {
    let (mut x0, mut y0, mut x1, mut y1) = (180.0f64, 90.0f64, -180.0f64, -90.0f64);
    for i in 0..=40 {
        let f = f64::from(i) / 40.0;
        for p in [
            (frame.left + frame.width * f, frame.top),
            (frame.left + frame.width * f, frame.bottom()),
            (frame.left, frame.top + frame.height * f),
            (frame.right(), frame.top + frame.height * f),
        ] {
            let (lon, lat) = t.lonlat(p);
            if lon.is_finite() && lat.is_finite() {
                x0 = x0.min(lon);
                x1 = x1.max(lon);
                y0 = y0.min(lat);
                y1 = y1.max(lat);
            }
        }
    }
    let down = |v: f64| (v / GRATICULE_STEP).floor() * GRATICULE_STEP - GRATICULE_STEP;
    let up = |v: f64| (v / GRATICULE_STEP).ceil() * GRATICULE_STEP + GRATICULE_STEP;
    (
        down(x0).max(-180.0),
        down(y0).max(-85.0),
        up(x1).min(180.0),
        up(y1).min(85.0),
    )
}

fn draw_graticule(scene: &mut Scene, t: &MapTransform, frame: &PixelBox, u: f64, labelled: bool) {
    let size = sizes::SMALL * u;
    let (lon_min, lat_min, lon_max, lat_max) = visible_extent(t, frame);
    let steps = |from: f64, to: f64| ((to - from) / GRATICULE_STEP).round() as usize;
    let samples = |from: f64, to: f64, step: f64| ((to - from) / step).ceil().max(1.0) as usize;
    let lerp = |from: f64, to: f64, i: usize, n: usize| from + (to - from) * i as f64 / n as f64;
    // Meridians are labelled where they leave the bottom of the frame, parallels the left.
    let mut lines: Vec<(Vec<Px>, TextItem, bool)> = Vec::new();
    for k in 0..=steps(lon_min, lon_max) {
        let lon = lon_min + k as f64 * GRATICULE_STEP;
        let n = samples(lat_min, lat_max, 0.75);
        let path = (0..=n)
            .map(|i| t.px(lon, lerp(lat_min, lat_max, i, n)))
            .collect();
        let label = TextItem {
            text: super::layout::longitude(lon),
            x: 0.0,
            baseline: frame.bottom() + size * 1.2,
            size,
            face: Face::Regular,
            color: style::MUTED,
            align: Align::Center,
        };
        lines.push((path, label, true));
    }
    for k in 0..=steps(lat_min, lat_max) {
        let lat = lat_min + k as f64 * GRATICULE_STEP;
        let n = samples(lon_min, lon_max, 0.5);
        let path = (0..=n)
            .map(|i| t.px(lerp(lon_min, lon_max, i, n), lat))
            .collect();
        let label = TextItem {
            text: super::layout::latitude(lat),
            x: frame.left - 4.0 * u,
            baseline: 0.0,
            size,
            face: Face::Regular,
            color: style::MUTED,
            align: Align::Right,
        };
        lines.push((path, label, false));
    }
    let mut taken: Vec<Bounds> = Vec::new();
    for (path, label, meridian) in lines {
        for piece in clip::clip_polyline(&path, frame) {
            for end in [piece[0], piece[piece.len() - 1]] {
                let on_edge = if meridian {
                    (end.1 - frame.bottom()).abs() < 0.01
                } else {
                    (end.0 - frame.left).abs() < 0.01
                };
                if !(labelled && on_edge) {
                    continue;
                }
                let mut item = label.clone();
                if meridian {
                    item.x = end.0;
                } else {
                    item.baseline = end.1 + size * 0.35;
                }
                let b = text_bounds(&item);
                if !taken.iter().any(|o| o.overlaps(&b.grown(3.0 * u))) {
                    taken.push(b);
                    scene.text(item);
                }
            }
            scene.items.push(Item::Line {
                points: piece,
                color: style::GRATICULE,
                width: 0.6 * u,
            });
        }
    }
}

fn label_region(
    scene: &mut Scene,
    map: &TreatyMap<'_>,
    index: usize,
    pixels: &RegionPixels,
    frame: &PixelBox,
    occupied: &mut Occupied,
    u: f64,
) {
    let state = &map.regions[index];
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
    // Dark ink on light fills; on the darkest fills, paper-coloured text.
    let (fill, _) = area_style(map, state.power.map(|p| p.id.as_str()), state.status);
    let color = match state.power {
        _ if fill.lightness() < 55.0 => style::PAPER,
        Some(p) => power_ink(map, Some(&p.id)).unwrap_or(style::MUTED),
        None => style::MUTED,
    };
    let name = state
        .region
        .label
        .as_deref()
        .unwrap_or(&state.region.name)
        .to_uppercase();
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
        for item in items {
            occupied.add(text_bounds(&item).grown(2.0 * u));
            scene.text(item);
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
    map: &TreatyMap<'_>,
    index: usize,
    pieces: &[Vec<Px>],
    frame: &PixelBox,
    occupied: &mut Occupied,
    u: f64,
) {
    let state = &map.lines[index];
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
            let outline = Some((style::TREATY_LINE, 0.8 * u));
            scene
                .items
                .push(backing(&p.bounds, (3.0 * u, 2.0 * u), 0.85, outline));
            scene.text(TextItem {
                text: tag.to_string(),
                x: p.x,
                baseline: p.baseline,
                size,
                face: Face::Bold,
                color: style::TREATY_LINE,
                align: Align::Left,
            });
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
        fill: Some((style::PAPER, opacity)),
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

/// A scale bar in the lower left corner; returns the box it occupies.
fn draw_scale_bar(scene: &mut Scene, t: &MapTransform, frame: &PixelBox, u: f64) -> Bounds {
    let centre = (
        frame.left + frame.width / 2.0,
        frame.top + frame.height / 2.0,
    );
    let (_, lat) = t.lonlat(centre);
    let px_per_km = t.fit.scale * t.projection.scale_factor(lat);
    let target = frame.width * 0.16 / px_per_km;
    let km = [100.0, 200.0, 250.0, 300.0, 400.0, 500.0, 1000.0, 2000.0]
        .into_iter()
        .min_by(|a: &f64, b: &f64| (a - target).abs().total_cmp(&(b - target).abs()))
        .unwrap_or(500.0);
    let bar = km * px_per_km;
    let size = sizes::SMALL * u;
    let pad = 8.0 * u;
    let box_ = PixelBox {
        left: frame.left + 12.0 * u,
        top: frame.bottom() - 12.0 * u - (size * 2.9 + 8.0 * u + 2.0 * pad),
        width: bar + 2.0 * pad + 30.0 * u,
        height: size * 2.9 + 8.0 * u + 2.0 * pad,
    };
    scene.items.push(Item::Rect {
        rect: box_,
        fill: Some((style::PAPER, 0.85)),
        stroke: None,
    });
    let x0 = box_.left + pad;
    let y = box_.top + pad + size * 1.3;
    for i in 0..4 {
        let seg = PixelBox {
            left: x0 + bar * f64::from(i) / 4.0,
            top: y,
            width: bar / 4.0,
            height: 5.0 * u,
        };
        let fill = if i % 2 == 0 { style::INK } else { style::PAPER };
        scene.items.push(Item::Rect {
            rect: seg,
            fill: Some((fill, 1.0)),
            stroke: Some((style::INK, 0.8 * u)),
        });
    }
    for (x, label) in [
        (x0, "0".to_string()),
        (x0 + bar / 2.0, format!("{:.0}", km / 2.0)),
        (x0 + bar, format!("{km:.0} km")),
    ] {
        scene.text(TextItem {
            text: label,
            x,
            baseline: y - 4.0 * u,
            size,
            face: Face::Regular,
            color: style::INK,
            align: Align::Center,
        });
    }
    scene.text(TextItem {
        text: format!("Scale at {}", super::layout::latitude(lat)),
        x: x0,
        baseline: y + 5.0 * u + size * 1.35,
        size: size * 0.92,
        face: Face::Regular,
        color: style::MUTED,
        align: Align::Left,
    });
    Bounds {
        x0: box_.left,
        y0: box_.top,
        x1: box_.right(),
        y1: box_.bottom(),
    }
}
