//! Text for the PNG, glyph by glyph from coverage rasterised once: a glyph at a size, filled or
//! haloed, is rasterised for each quarter-pixel step of its origin the first time it is drawn
//! there, and later drawings blend that coverage. Filling each text's outlines anew was a third
//! of the cost of painting a map; a page sets the same letters at a few sizes many times, and a
//! batch sets the same key and credit on every page.
//!
//! Rounding an origin to a quarter pixel moves a glyph by an eighth of a pixel at most. A
//! letter's coverage is the exact area its outline covers in each pixel (ab_glyph_rasterizer);
//! a halo's is tiny-skia's round-joined stroke of the outline.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use ab_glyph::GlyphId;
use tiny_skia::{Paint, PathBuilder, Pixmap, PixmapMut, Stroke, Transform};

use super::glyphs::{self, PlacedText};
use super::raster::PathSink;
use crate::scene::text::FontKey;

/// Steps per pixel that a glyph's origin is rounded to.
const STEPS: f32 = 4.0;

/// Glyphs larger than this (in pixels) are filled as outlines: few, and costly to keep.
pub(crate) const MAX_CACHED_SIZE: f32 = 160.0;

/// Cached coverages a thread keeps before starting afresh (a few megabytes at most).
const MAX_ENTRIES: usize = 20_000;

/// A glyph's coverage is known by its font, glyph, pixel size, halo width (0 for the glyph
/// itself) and the quarter-pixel step of its origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    font: FontKey,
    glyph: GlyphId,
    size: u32,
    halo: u32,
    step: (u8, u8),
}

/// Coverage (0–255) of a glyph's pixels, in rows, and where its top-left pixel lies from the
/// whole pixel its origin was rounded into.
#[derive(Debug)]
struct Coverage {
    left: i32,
    top: i32,
    width: usize,
    alpha: Vec<u8>,
}

/// A colour as tiny-skia paints it: 8-bit channels and alpha.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ink {
    pub rgb: (u8, u8, u8),
    pub alpha: u8,
}

/// Paints `text`, placed at `at` in drawing units, into `pixmap` through `transform` (a scale
/// and a translation): first every glyph's halo (if any), then every glyph, so no halo covers
/// a letter before it.
pub(crate) fn paint_text(
    pixmap: &mut PixmapMut<'_>,
    text: &str,
    at: &PlacedText,
    transform: Transform,
    ink: Ink,
    halo: Option<(Ink, f32)>,
) {
    let placed = glyphs::placed_glyphs(text, at);
    let size = at.size * transform.sx;
    let origins: Vec<(f32, f32)> = placed
        .iter()
        .map(|(_, x)| {
            (
                x * transform.sx + transform.tx,
                at.baseline * transform.sy + transform.ty,
            )
        })
        .collect();
    let passes = halo
        .map(|(ink, width)| (ink, width * transform.sx))
        .into_iter()
        .chain([(ink, 0.0)]);
    let rows = pixmap.height() as f32;
    for (ink, halo_width) in passes {
        // A glyph reaches at most about an em above and below its baseline.
        let reach = 1.5 * size + halo_width;
        for ((glyph, _), &origin) in placed.iter().zip(&origins) {
            if origin.1 + reach < 0.0 || origin.1 - reach > rows {
                continue;
            }
            // Whole pixel and step of the rounded origin.
            let (qx, qy) = ((origin.0 * STEPS).round(), (origin.1 * STEPS).round());
            let (ix, iy) = ((qx / STEPS).floor(), (qy / STEPS).floor());
            let step = ((qx - ix * STEPS) as u8, (qy - iy * STEPS) as u8);
            let key = Key {
                font: glyph.font,
                glyph: glyph.id,
                size: size.to_bits(),
                halo: halo_width.to_bits(),
                step,
            };
            if let Some(coverage) = coverage(key) {
                blend(pixmap, &coverage, ix as i32, iy as i32, ink);
            }
        }
    }
}

/// The coverage for `key`, rasterised on first use on this thread.
fn coverage(key: Key) -> Option<Rc<Coverage>> {
    thread_local! {
        static COVERAGES: RefCell<HashMap<Key, Option<Rc<Coverage>>>> =
            RefCell::new(HashMap::new());
    }
    COVERAGES.with_borrow_mut(|cache| {
        if cache.len() >= MAX_ENTRIES {
            cache.clear();
        }
        cache.entry(key).or_insert_with(|| rasterise(key)).clone()
    })
}

/// Fills (or strokes, for a halo) the glyph of `key` with its origin at its step inside a
/// small pixmap, and keeps the alpha. `None` for a glyph with nothing to draw (a space).
fn rasterise(key: Key) -> Option<Rc<Coverage>> {
    let outline = glyphs::glyph_outline(key.font, key.glyph)?;
    let size = f32::from_bits(key.size);
    let halo = f32::from_bits(key.halo);
    let scale = size / glyphs::units_per_em(key.font);
    let origin = (f32::from(key.step.0) / STEPS, f32::from(key.step.1) / STEPS);
    // The glyph's pixels around its origin, with room for the halo and anti-aliasing.
    // (ab_glyph gives the box's corners as the font's top-left and bottom-right: y up.)
    let b = outline.bounds;
    let (x_low, x_high) = (b.min.x.min(b.max.x), b.min.x.max(b.max.x));
    let (y_low, y_high) = (b.min.y.min(b.max.y), b.min.y.max(b.max.y));
    let reach = halo / 2.0 + 1.0;
    let left = (origin.0 + x_low * scale - reach).floor();
    let top = (origin.1 - y_high * scale - reach).floor();
    let right = (origin.0 + x_high * scale + reach).ceil();
    let bottom = (origin.1 - y_low * scale + reach).ceil();
    let (width, height) = ((right - left) as u32, (bottom - top) as u32);
    let local = (origin.0 - left, origin.1 - top);
    let alpha = if halo > 0.0 {
        stroked(&outline, local, scale, halo, (width, height))?
    } else {
        let mut sink = CoverageSink {
            raster: ab_glyph_rasterizer::Rasterizer::new(width as usize, height as usize),
            start: ab_glyph_rasterizer::point(0.0, 0.0),
            at: ab_glyph_rasterizer::point(0.0, 0.0),
        };
        glyphs::outline_glyph(&outline, local, scale, &mut sink);
        let mut alpha = vec![0u8; (width * height) as usize];
        sink.raster.for_each_pixel(|i, a| {
            alpha[i] = (a.min(1.0) * 255.0).round() as u8;
        });
        alpha
    };
    Some(Rc::new(Coverage {
        left: left as i32,
        top: top as i32,
        width: width as usize,
        alpha,
    }))
}

/// A glyph's halo: its outline stroked `halo` px wide with round joins, by tiny-skia.
fn stroked(
    outline: &ab_glyph::Outline,
    origin: (f32, f32),
    scale: f32,
    halo: f32,
    (width, height): (u32, u32),
) -> Option<Vec<u8>> {
    let mut pixmap = Pixmap::new(width, height)?;
    let mut sink = PathSink(PathBuilder::new());
    glyphs::outline_glyph(outline, origin, scale, &mut sink);
    let path = sink.0.finish()?;
    let mut paint = Paint::default();
    paint.set_color_rgba8(0, 0, 0, 255);
    paint.anti_alias = true;
    let stroke = Stroke {
        width: halo,
        line_join: tiny_skia::LineJoin::Round,
        ..Stroke::default()
    };
    pixmap.stroke_path(&path, &paint, &stroke, Transform::identity(), None);
    Some(pixmap.data().chunks_exact(4).map(|p| p[3]).collect())
}

/// Glyph outlines into ab_glyph's coverage rasteriser (which has no notion of contours: each
/// is closed by a line back to its start).
struct CoverageSink {
    raster: ab_glyph_rasterizer::Rasterizer,
    start: ab_glyph_rasterizer::Point,
    at: ab_glyph_rasterizer::Point,
}

impl glyphs::OutlineSink for CoverageSink {
    fn move_to(&mut self, x: f32, y: f32) {
        self.start = ab_glyph_rasterizer::point(x, y);
        self.at = self.start;
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let to = ab_glyph_rasterizer::point(x, y);
        self.raster.draw_line(self.at, to);
        self.at = to;
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let to = ab_glyph_rasterizer::point(x, y);
        self.raster
            .draw_quad(self.at, ab_glyph_rasterizer::point(x1, y1), to);
        self.at = to;
    }
    fn cubic_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let to = ab_glyph_rasterizer::point(x, y);
        self.raster.draw_cubic(
            self.at,
            ab_glyph_rasterizer::point(x1, y1),
            ab_glyph_rasterizer::point(x2, y2),
            to,
        );
        self.at = to;
    }
    fn close(&mut self) {
        if self.at != self.start {
            self.raster.draw_line(self.at, self.start);
        }
        self.at = self.start;
    }
}

/// `x` / 255, rounded, for `x` up to 255 × 255.
fn div255(x: u32) -> u32 {
    (x + 128 + ((x + 128) >> 8)) >> 8
}

/// Source-over of colour `rgb` at `alpha` (0–255) onto one premultiplied RGBA pixel.
pub(crate) fn blend_pixel(pixel: &mut [u8], (r, g, b): (u32, u32, u32), alpha: u32) {
    let rest = 255 - alpha;
    let mix = |src: u32, dst: u8| (div255(src * alpha) + div255(u32::from(dst) * rest)) as u8;
    pixel[0] = mix(r, pixel[0]);
    pixel[1] = mix(g, pixel[1]);
    pixel[2] = mix(b, pixel[2]);
    pixel[3] = (alpha + div255(u32::from(pixel[3]) * rest)) as u8;
}

/// Source-over of `ink` through `coverage` onto the premultiplied pixels of `pixmap`, the
/// coverage's origin pixel at (`x`, `y`); what falls outside the pixmap is dropped.
fn blend(pixmap: &mut PixmapMut<'_>, coverage: &Coverage, x: i32, y: i32, ink: Ink) {
    let (pw, ph) = (pixmap.width() as i32, pixmap.height() as i32);
    let (x0, y0) = (x + coverage.left, y + coverage.top);
    let w = coverage.width as i32;
    let h = (coverage.alpha.len() / coverage.width.max(1)) as i32;
    let (c0, c1) = ((-x0).max(0), (pw - x0).min(w));
    let (r0, r1) = ((-y0).max(0), (ph - y0).min(h));
    if c0 >= c1 || r0 >= r1 {
        return;
    }
    let (r, g, b) = (
        u32::from(ink.rgb.0),
        u32::from(ink.rgb.1),
        u32::from(ink.rgb.2),
    );
    let a = u32::from(ink.alpha);
    let data = pixmap.data_mut();
    for row in r0..r1 {
        let cov_row = &coverage.alpha[(row * w) as usize..((row + 1) * w) as usize];
        let start = (((y0 + row) * pw + x0 + c0) * 4) as usize;
        let end = start + ((c1 - c0) * 4) as usize;
        let pixels = data[start..end].chunks_exact_mut(4);
        for (pixel, &c) in pixels.zip(&cov_row[c0 as usize..c1 as usize]) {
            if c != 0 {
                blend_pixel(pixel, (r, g, b), div255(a * u32::from(c)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::text::Face;

    /// The same text painted from cached coverage and filled as one outline path by tiny-skia,
    /// black on white.
    fn both_ways(text: &str, face: Face, size: f32, x0: f32) -> (Pixmap, Pixmap) {
        let at = PlacedText {
            face,
            size,
            x0,
            baseline: 40.5,
        };
        let black = Ink {
            rgb: (0, 0, 0),
            alpha: 255,
        };
        let mut cached = Pixmap::new(400, 60).unwrap();
        cached.fill(tiny_skia::Color::WHITE);
        let mut filled = cached.clone();
        paint_text(
            &mut cached.as_mut(),
            text,
            &at,
            Transform::identity(),
            black,
            None,
        );
        let mut sink = PathSink(PathBuilder::new());
        glyphs::outline(text, &at, &mut sink);
        let mut paint = Paint::default();
        paint.set_color_rgba8(0, 0, 0, 255);
        paint.anti_alias = true;
        let path = sink.0.finish().unwrap();
        filled.fill_path(
            &path,
            &paint,
            tiny_skia::FillRule::Winding,
            Transform::identity(),
            None,
        );
        (cached, filled)
    }

    #[test]
    fn cached_glyphs_paint_what_the_outlines_fill() {
        for (text, face, size, x0) in [
            ("Port Arthur (Ryojun) 116° 27′ E", Face::Regular, 18.0, 3.3),
            ("SOUTH MANCHURIA", Face::Bold, 26.0, 10.71),
            ("Blagoveshchensk / Taheiho", Face::Italic, 15.5, 0.1),
            (
                "Outlines: Natural Earth (public domain), modern units",
                Face::Regular,
                9.0,
                0.0,
            ),
        ] {
            let (cached, filled) = both_ways(text, face, size, x0);
            let ink = |p: &Pixmap| {
                p.pixels()
                    .iter()
                    .map(|c| 255 - u32::from(c.red()))
                    .sum::<u32>()
            };
            let (a, b) = (ink(&cached), ink(&filled));
            // The same amount of ink, within 2 %, and the same pixels: a glyph left out, moved
            // or cut off shows in both.
            assert!(a.abs_diff(b) * 50 < b, "{text}: ink {a} against {b}");
            let worst = cached
                .pixels()
                .iter()
                .zip(filled.pixels())
                .map(|(p, q)| p.red().abs_diff(q.red()))
                .max()
                .unwrap();
            assert!(worst <= 96, "{text}: a pixel differs by {worst}");
        }
    }

    #[test]
    fn a_halo_is_painted_under_every_letter() {
        // A white halo on grey, then black letters: no letter's pixels may be covered by the
        // halo of the letter after it.
        let at = PlacedText {
            face: Face::Bold,
            size: 24.0,
            x0: 2.0,
            baseline: 40.0,
        };
        let mut with_halo = Pixmap::new(300, 60).unwrap();
        with_halo.fill(tiny_skia::Color::from_rgba8(128, 128, 128, 255));
        let mut without = with_halo.clone();
        let black = Ink {
            rgb: (0, 0, 0),
            alpha: 255,
        };
        let white = Ink {
            rgb: (255, 255, 255),
            alpha: 255,
        };
        let id = Transform::identity();
        paint_text(
            &mut with_halo.as_mut(),
            "MAWW",
            &at,
            id,
            black,
            Some((white, 4.0)),
        );
        paint_text(&mut without.as_mut(), "MAWW", &at, id, black, None);
        for (p, q) in with_halo.pixels().iter().zip(without.pixels()) {
            if q.red() == 0 {
                assert_eq!(p.red(), 0, "a letter's pixel painted over");
            }
        }
        let whites = |p: &Pixmap| p.pixels().iter().filter(|c| c.red() > 250).count();
        assert!(whites(&with_halo) > 300, "no halo: {}", whites(&with_halo));
    }

    #[test]
    fn div255_rounds_like_division() {
        for x in 0..=255 * 255 {
            assert_eq!(div255(x), (x as f64 / 255.0).round() as u32, "{x}");
        }
    }
}
