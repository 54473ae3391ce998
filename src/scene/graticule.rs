//! The graticule (parallels and meridians with degree labels) and the scale bar.

use super::frame::MapTransform;
use super::labels::Bounds;
use super::layout::{latitude, longitude};
use super::text::{self, Face};
use super::{clip, text_bounds, Align, Item, LayerId, Scene, TextItem};
use crate::color::Rgb;
use crate::model::palette;
use crate::model::strings::strings;
use crate::projection::fit::PixelBox;

/// Graticule spacing in degrees.
const GRATICULE_STEP: f64 = 5.0;

/// The lon/lat box the frame shows, widened to whole graticule steps.
fn visible_extent(t: &MapTransform) -> (f64, f64, f64, f64) {
    let [x0, y0, x1, y1] = t.visible;
    let down = |v: f64| (v / GRATICULE_STEP).floor() * GRATICULE_STEP - GRATICULE_STEP;
    let up = |v: f64| (v / GRATICULE_STEP).ceil() * GRATICULE_STEP + GRATICULE_STEP;
    (
        down(x0).max(-180.0),
        down(y0).max(-85.0),
        up(x1).min(180.0),
        up(y1).min(85.0),
    )
}

/// Parallels and meridians every 5°, over whatever the frame shows, labelled where they leave
/// the frame (meridians at the bottom, parallels at the left) when `labelled`.
pub(super) fn draw(
    scene: &mut Scene,
    t: &MapTransform,
    frame: &PixelBox,
    u: f64,
    small: f64,
    labelled: bool,
    color: Rgb,
) {
    let size = small;
    let (lon_min, lat_min, lon_max, lat_max) = visible_extent(t);
    let steps = |from: f64, to: f64| ((to - from) / GRATICULE_STEP).round() as usize;
    let samples = |from: f64, to: f64, step: f64| ((to - from) / step).ceil().max(1.0) as usize;
    let lerp = |from: f64, to: f64, i: usize, n: usize| from + (to - from) * i as f64 / n as f64;
    // Meridians are labelled where they leave the bottom of the frame, parallels the left.
    let mut lines: Vec<(Vec<clip::Px>, TextItem, bool)> = Vec::new();
    for k in 0..=steps(lon_min, lon_max) {
        let lon = lon_min + k as f64 * GRATICULE_STEP;
        let n = samples(lat_min, lat_max, 0.75);
        let path = (0..=n)
            .map(|i| t.px(lon, lerp(lat_min, lat_max, i, n)))
            .collect();
        let label = TextItem {
            text: longitude(lon, scene.lang),
            x: 0.0,
            baseline: frame.bottom() + size * 1.2,
            size,
            face: Face::Regular,
            color: palette::MUTED,
            align: Align::Center,
            halo: None,
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
            text: latitude(lat, scene.lang),
            x: frame.left - 4.0 * u,
            baseline: 0.0,
            size,
            face: Face::Regular,
            color: palette::MUTED,
            align: Align::Right,
            halo: None,
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
                    scene.text(LayerId::Graticule, item);
                }
            }
            scene.push(
                LayerId::Graticule,
                Item::Line {
                    points: piece,
                    color,
                    width: 0.6 * u,
                },
            );
        }
    }
}

/// A scale bar in the lower left corner; returns the box it occupies.
pub(super) fn draw_scale_bar(
    scene: &mut Scene,
    t: &MapTransform,
    frame: &PixelBox,
    u: f64,
    small: f64,
) -> Bounds {
    let centre = (
        frame.left + frame.width / 2.0,
        frame.top + frame.height / 2.0,
    );
    let (_, lat) = t.lonlat(centre);
    let px_per_km = t.px_per_km(lat);
    let target = (frame.width * 0.16).max(small * 7.0) / px_per_km;
    let km = [100.0, 200.0, 250.0, 300.0, 400.0, 500.0, 1000.0, 2000.0]
        .into_iter()
        .min_by(|a: &f64, b: &f64| (a - target).abs().total_cmp(&(b - target).abs()))
        .unwrap_or(500.0);
    let bar = km * px_per_km;
    let size = small;
    let pad = 8.0 * u;
    let s = strings(scene.lang);
    let end_label = s.fill("kilometres", &[("n", &format!("{km:.0}"))]);
    let scale_at = s.fill("scale_at", &[("latitude", &latitude(lat, scene.lang))]);
    // Wide enough for the bar with its end figure, and for the note under it (longer in some
    // languages than the bar).
    let width = (bar + text::width(&end_label, size, Face::Regular) / 2.0).max(text::width(
        &scale_at,
        size,
        Face::Regular,
    )) + 2.0 * pad;
    let box_ = PixelBox {
        left: frame.left + 12.0 * u,
        top: frame.bottom() - 12.0 * u - (size * 2.9 + 8.0 * u + 2.0 * pad),
        width,
        height: size * 2.9 + 8.0 * u + 2.0 * pad,
    };
    scene.push(
        LayerId::ScaleBar,
        Item::Rect {
            rect: box_,
            fill: Some((palette::PAPER, 0.85)),
            stroke: None,
        },
    );
    let x0 = box_.left + pad;
    let y = box_.top + pad + size * 1.3;
    for i in 0..4 {
        let seg = PixelBox {
            left: x0 + bar * f64::from(i) / 4.0,
            top: y,
            width: bar / 4.0,
            height: 5.0 * u,
        };
        let fill = if i % 2 == 0 {
            palette::INK
        } else {
            palette::PAPER
        };
        scene.push(
            LayerId::ScaleBar,
            Item::Rect {
                rect: seg,
                fill: Some((fill, 1.0)),
                stroke: Some((palette::INK, 0.8 * u)),
            },
        );
    }
    let mut ticks = vec![(x0, "0".to_string())];
    // The middle figure only where it has room between the ends.
    if bar > 6.0 * size {
        ticks.push((x0 + bar / 2.0, format!("{:.0}", km / 2.0)));
    }
    ticks.push((x0 + bar, end_label));
    for (x, label) in ticks {
        scene.text(
            LayerId::ScaleBar,
            TextItem {
                text: label,
                x,
                baseline: y - 4.0 * u,
                size,
                face: Face::Regular,
                color: palette::INK,
                align: Align::Center,
                halo: None,
            },
        );
    }
    scene.text(
        LayerId::ScaleBar,
        TextItem {
            text: scale_at,
            x: x0,
            baseline: y + 5.0 * u + size * 1.35,
            size,
            face: Face::Regular,
            color: palette::MUTED,
            align: Align::Left,
            halo: None,
        },
    );
    Bounds {
        x0: box_.left,
        y0: box_.top,
        x1: box_.right(),
        y1: box_.bottom(),
    }
}
