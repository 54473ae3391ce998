//! Lines thinner than a pixel for the PNG, drawn as tiny-skia draws them (an anti-aliased
//! one-pixel line whose strength is the width), but blended straight into the pixels: the
//! region borders, rivers and graticule are long, and painting them through tiny-skia's
//! pipeline two pixels at a time was a sixth of the cost of a map.
//!
//! Each segment is walked along its major axis a pixel at a time; the line's one-pixel band
//! is shared between the two pixels it straddles across that axis, and each column counts
//! only the part of the segment inside it, so segments that meet add up to one line.

use tiny_skia::PixmapMut;

use super::glyph_coverage::{blend_pixel, Ink};

/// Strokes the polyline `points` (in pixels) `width` pixels wide (at most 1).
pub(crate) fn stroke(pixmap: &mut PixmapMut<'_>, points: &[(f32, f32)], ink: Ink, width: f32) {
    let strength = f32::from(ink.alpha) * width.clamp(0.0, 1.0);
    let rgb = (
        u32::from(ink.rgb.0),
        u32::from(ink.rgb.1),
        u32::from(ink.rgb.2),
    );
    for pair in points.windows(2) {
        segment(pixmap, pair[0], pair[1], rgb, strength);
    }
}

fn segment(
    pixmap: &mut PixmapMut<'_>,
    a: (f32, f32),
    b: (f32, f32),
    rgb: (u32, u32, u32),
    strength: f32,
) {
    let steep = (b.1 - a.1).abs() > (b.0 - a.0).abs();
    // (along, across) the major axis.
    let flip = |p: (f32, f32)| if steep { (p.1, p.0) } else { p };
    let (mut a, mut b) = (flip(a), flip(b));
    if a.0 > b.0 {
        std::mem::swap(&mut a, &mut b);
    }
    let length = b.0 - a.0;
    // Nothing to draw for a point (or a NaN).
    if length.is_nan() || length <= 0.0 {
        return;
    }
    let slope = (b.1 - a.1) / length;
    let (width, height) = (pixmap.width() as i32, pixmap.height() as i32);
    let (along_end, across_end) = if steep {
        (height, width)
    } else {
        (width, height)
    };
    let first = (a.0.floor() as i32).max(0);
    let last = (b.0.ceil() as i32).min(along_end);
    let data = pixmap.data_mut();
    let mut plot = |along: i32, across: i32, alpha: f32| {
        if !(0..across_end).contains(&across) {
            return;
        }
        let alpha = alpha.round() as u32;
        if alpha == 0 {
            return;
        }
        let (x, y) = if steep {
            (across, along)
        } else {
            (along, across)
        };
        let i = ((y * width + x) * 4) as usize;
        blend_pixel(&mut data[i..i + 4], rgb, alpha.min(255));
    };
    for column in first..last {
        let (low, high) = (a.0.max(column as f32), b.0.min(column as f32 + 1.0));
        let overlap = high - low;
        if overlap <= 0.0 {
            continue;
        }
        // The band's centre across the axis, at the middle of the part in this column,
        // measured from the first pixel centre it reaches.
        let centre = a.1 + ((low + high) / 2.0 - a.0) * slope - 0.5;
        let row = centre.floor();
        let share = centre - row;
        let weight = overlap * strength;
        plot(column, row as i32, (1.0 - share) * weight);
        plot(column, row as i32 + 1, share * weight);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiny_skia::{Paint, PathBuilder, Pixmap, Stroke, Transform};

    #[test]
    fn thin_lines_match_tiny_skias_hairlines() {
        // A shallow and a steep zigzag, a closed box and a long diagonal, at three widths, off
        // the pixmap's edges (where tiny-skia keeps a line's share of an outside pixel inside).
        let lines: [&[(f32, f32)]; 4] = [
            &[(3.2, 10.4), (60.7, 18.9), (120.1, 12.3), (190.5, 30.0)],
            &[(20.3, 2.2), (24.8, 70.6), (31.1, 5.5)],
            &[
                (50.5, 40.5),
                (150.5, 40.5),
                (150.5, 75.25),
                (50.5, 75.25),
                (50.5, 40.5),
            ],
            &[(1.0, 1.0), (198.0, 78.0)],
        ];
        for width in [0.3, 0.75, 1.0] {
            for points in lines {
                let mut ours = Pixmap::new(200, 80).unwrap();
                ours.fill(tiny_skia::Color::WHITE);
                let mut theirs = ours.clone();
                let ink = Ink {
                    rgb: (20, 40, 90),
                    alpha: 255,
                };
                stroke(&mut ours.as_mut(), points, ink, width);
                let mut pb = PathBuilder::new();
                pb.move_to(points[0].0, points[0].1);
                for p in &points[1..] {
                    pb.line_to(p.0, p.1);
                }
                let mut paint = Paint::default();
                paint.set_color_rgba8(20, 40, 90, 255);
                paint.anti_alias = true;
                let stroked = Stroke {
                    width,
                    ..Stroke::default()
                };
                let path = pb.finish().unwrap();
                theirs.stroke_path(&path, &paint, &stroked, Transform::identity(), None);
                let ink = |p: &Pixmap| -> u32 {
                    p.pixels().iter().map(|c| 255 - u32::from(c.red())).sum()
                };
                let (a, b) = (ink(&ours), ink(&theirs));
                // The same ink within 5 %, on the same pixels (a line misplaced by a pixel,
                // or drawn twice where segments meet, shows in both).
                assert!(
                    a.abs_diff(b) * 20 < b,
                    "{points:?} at {width}: ink {a} against {b}"
                );
                let worst = ours
                    .pixels()
                    .iter()
                    .zip(theirs.pixels())
                    .map(|(p, q)| p.red().abs_diff(q.red()))
                    .max()
                    .unwrap();
                assert!(
                    worst <= 64,
                    "{points:?} at {width}: a pixel differs by {worst}"
                );
            }
        }
    }
}
