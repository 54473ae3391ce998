//! A plotters backend that paints into a tiny-skia pixmap, anti-aliased: the PNG is drawn
//! through the same plotters calls as the SVG, with the same bundled font, without writing and
//! re-parsing SVG text.

use std::cell::RefCell;
use std::collections::HashMap;
use std::convert::Infallible;

use ab_glyph::{Font, GlyphId, OutlineCurve};
use plotters::style::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle,
};
use tiny_skia::{FillRule, Paint, PathBuilder, PixmapMut, Rect, Stroke, Transform};

use super::plotting::{Canvas, PLOTTERS_FONT_FACTOR, SUBPIXEL};
use crate::scene::text::{self, Face};

type Outcome = Result<(), DrawingErrorKind<Infallible>>;

/// Paints plotters calls (in drawing units) into a pixmap through a transform.
pub(crate) struct TinySkiaBackend<'a> {
    pixmap: PixmapMut<'a>,
    transform: Transform,
    size: (u32, u32),
}

impl<'a> TinySkiaBackend<'a> {
    /// A backend for `pixmap`, which shows the canvas rows from `top` down at `scale` pixels
    /// per canvas pixel. `size` is the whole canvas in drawing units.
    pub fn new(pixmap: PixmapMut<'a>, scale: f32, top: f32, size: (u32, u32)) -> Self {
        let per_unit = scale / SUBPIXEL as f32;
        TinySkiaBackend {
            pixmap,
            transform: Transform::from_scale(per_unit, per_unit).post_translate(0.0, -top),
            size,
        }
    }

    fn paint(color: BackendColor) -> Paint<'static> {
        let (r, g, b) = color.rgb;
        let mut paint = Paint::default();
        paint.set_color_rgba8(r, g, b, (color.alpha.clamp(0.0, 1.0) * 255.0).round() as u8);
        paint.anti_alias = true;
        paint
    }

    fn stroke(&mut self, path: Option<tiny_skia::Path>, style: &impl BackendStyle) {
        if let Some(path) = path {
            let stroke = Stroke {
                width: style.stroke_width() as f32,
                ..Stroke::default()
            };
            self.pixmap.stroke_path(
                &path,
                &Self::paint(style.color()),
                &stroke,
                self.transform,
                None,
            );
        }
    }

    fn fill(&mut self, path: Option<tiny_skia::Path>, color: BackendColor) {
        if let Some(path) = path {
            self.pixmap.fill_path(
                &path,
                &Self::paint(color),
                FillRule::Winding,
                self.transform,
                None,
            );
        }
    }
}

fn polyline(
    points: impl IntoIterator<Item = BackendCoord>,
    close: bool,
) -> Option<tiny_skia::Path> {
    let mut pb = PathBuilder::new();
    for (i, (x, y)) in points.into_iter().enumerate() {
        if i == 0 {
            pb.move_to(x as f32, y as f32);
        } else {
            pb.line_to(x as f32, y as f32);
        }
    }
    if close {
        pb.close();
    }
    pb.finish()
}

thread_local! {
    /// Glyph outlines in font units (y up), by face and glyph: every label of every map on
    /// this thread outlines each glyph once.
    static OUTLINES: RefCell<HashMap<(Face, GlyphId), Option<tiny_skia::Path>>> =
        RefCell::new(HashMap::new());
}

/// Runs `f` on the outline of glyph `id` of `face` (`None` for a glyph without one).
fn with_outline<R>(face: Face, id: GlyphId, f: impl FnOnce(Option<&tiny_skia::Path>) -> R) -> R {
    OUTLINES.with(|cache| {
        let mut cache = cache.borrow_mut();
        let outline = cache
            .entry((face, id))
            .or_insert_with(|| outline_path(text::font(face), id));
        f(outline.as_ref())
    })
}

/// A glyph's outline as a path in font units, each contour closed.
fn outline_path(font: &impl Font, id: GlyphId) -> Option<tiny_skia::Path> {
    let outline = font.outline(id)?;
    let mut pb = PathBuilder::new();
    let at = |p: ab_glyph::Point| (p.x, p.y);
    let mut last: Option<(f32, f32)> = None;
    for curve in &outline.curves {
        let (start, end) = match curve {
            OutlineCurve::Line(a, b) => (at(*a), at(*b)),
            OutlineCurve::Quad(a, _, c) => (at(*a), at(*c)),
            OutlineCurve::Cubic(a, _, _, d) => (at(*a), at(*d)),
        };
        if last != Some(start) {
            if last.is_some() {
                pb.close();
            }
            pb.move_to(start.0, start.1);
        }
        match curve {
            OutlineCurve::Line(_, _) => pb.line_to(end.0, end.1),
            OutlineCurve::Quad(_, b, _) => pb.quad_to(b.x, b.y, end.0, end.1),
            OutlineCurve::Cubic(_, b, c, _) => pb.cubic_to(b.x, b.y, c.x, c.y, end.0, end.1),
        }
        last = Some(end);
    }
    if last.is_some() {
        pb.close();
    }
    pb.finish()
}

/// Pixels carry no structure: layers and groups are painted in order and forgotten.
impl Canvas for TinySkiaBackend<'_> {}

impl DrawingBackend for TinySkiaBackend<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Outcome {
        Ok(())
    }

    fn present(&mut self) -> Outcome {
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, color: BackendColor) -> Outcome {
        if let Some(rect) = Rect::from_xywh(x as f32, y as f32, 1.0, 1.0) {
            self.fill(Some(PathBuilder::from_rect(rect)), color);
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Outcome {
        self.stroke(polyline([from, to], false), style);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Outcome {
        let corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)];
        if fill {
            self.fill(polyline(corners, true), style.color());
        } else {
            self.stroke(polyline(corners, true), style);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Outcome {
        self.stroke(polyline(path, false), style);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Outcome {
        self.fill(polyline(vert, true), style.color());
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Outcome {
        let circle = PathBuilder::from_circle(x as f32, y as f32, radius as f32);
        if fill {
            self.fill(circle, style.color());
        } else {
            self.stroke(circle, style);
        }
        Ok(())
    }

    /// Text as glyph outlines of the bundled font, placed as the SVG places it: plotters' size
    /// over 1.24 is the font size, and `VPos::Top` puts the baseline 0.76 em below `pos`.
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Outcome {
        let size = (style.size() / PLOTTERS_FONT_FACTOR) as f32;
        let face = match style.style() {
            FontStyle::Bold => Face::Bold,
            FontStyle::Italic | FontStyle::Oblique => Face::Italic,
            FontStyle::Normal => Face::Regular,
        };
        let width = text::width(text, f64::from(size), face) as f32;
        let anchor = style.anchor();
        let x0 = pos.0 as f32
            - match anchor.h_pos {
                HPos::Left => 0.0,
                HPos::Center => width / 2.0,
                HPos::Right => width,
            };
        let baseline = pos.1 as f32
            + match anchor.v_pos {
                VPos::Top => 0.76 * size,
                VPos::Center => 0.25 * size,
                VPos::Bottom => -0.25 * size,
            };
        let font = text::font(face);
        let units = font.units_per_em().unwrap_or(1000.0);
        let scale = size / units;
        let mut pb = PathBuilder::new();
        let mut pen = x0;
        let mut previous = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(prev) = previous {
                pen += font.kern_unscaled(prev, id) * scale;
            }
            with_outline(face, id, |outline| {
                let at = Transform::from_row(scale, 0.0, 0.0, -scale, pen, baseline);
                if let Some(placed) = outline.cloned().and_then(|o| o.transform(at)) {
                    pb.push_path(&placed);
                }
            });
            pen += font.h_advance_unscaled(id) * scale;
            previous = Some(id);
        }
        self.fill(pb.finish(), style.color());
        Ok(())
    }
}
