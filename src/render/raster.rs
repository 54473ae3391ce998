//! A plotters backend that paints into a tiny-skia pixmap, anti-aliased: the PNG is drawn
//! through the same plotters calls as the SVG, with the same bundled font, without writing and
//! re-parsing SVG text.

use std::convert::Infallible;

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use tiny_skia::{FillRule, Paint, PathBuilder, PixmapMut, Rect, Stroke, Transform};

use super::glyph_coverage::{self, Ink};
use super::glyphs::{self, OutlineSink};
use super::hairline;
use super::plotting::{Canvas, SUBPIXEL};

type Outcome = Result<(), DrawingErrorKind<Infallible>>;

/// Paints plotters calls (in drawing units) into a pixmap through a transform.
pub(crate) struct TinySkiaBackend<'a> {
    pixmap: PixmapMut<'a>,
    transform: Transform,
    size: (u32, u32),
    /// The halo for the next text, if any.
    halo: Option<(BackendColor, f32)>,
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
            halo: None,
        }
    }

    fn paint(color: BackendColor) -> Paint<'static> {
        let Ink {
            rgb: (r, g, b),
            alpha,
        } = ink(color);
        let mut paint = Paint::default();
        paint.set_color_rgba8(r, g, b, alpha);
        paint.anti_alias = true;
        paint
    }

    /// Strokes a polyline: thinner than a pixel, straight into the pixels (see
    /// [`hairline`]); otherwise through tiny-skia.
    fn stroke_polyline(
        &mut self,
        points: impl IntoIterator<Item = BackendCoord>,
        close: bool,
        style: &impl BackendStyle,
    ) {
        let t = self.transform;
        let width = style.stroke_width() as f32 * t.sx;
        if width > 0.0 && width <= 1.0 && t.kx == 0.0 && t.ky == 0.0 && t.sx == t.sy {
            let mut px: Vec<(f32, f32)> = points
                .into_iter()
                .map(|(x, y)| (x as f32 * t.sx + t.tx, y as f32 * t.sy + t.ty))
                .collect();
            if close {
                if let Some(&first) = px.first() {
                    px.push(first);
                }
            }
            hairline::stroke(&mut self.pixmap, &px, ink(style.color()), width);
            return;
        }
        self.stroke(polyline(points, close), style);
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

/// A plotters colour in tiny-skia's 8-bit channels.
fn ink(color: BackendColor) -> Ink {
    Ink {
        rgb: color.rgb,
        alpha: (color.alpha.clamp(0.0, 1.0) * 255.0).round() as u8,
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

/// Glyph outlines into a tiny-skia path.
pub(super) struct PathSink(pub(super) PathBuilder);

impl OutlineSink for PathSink {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn cubic_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

/// Pixels carry no structure: layers and groups are painted in order and forgotten.
impl Canvas for TinySkiaBackend<'_> {
    fn set_halo(&mut self, halo: Option<(BackendColor, f32)>) {
        self.halo = halo;
    }
}

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
        self.stroke_polyline([from, to], false, style);
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
            self.stroke_polyline(corners, true, style);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Outcome {
        self.stroke_polyline(path, false, style);
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

    /// Text as glyph outlines of the bundled font, placed as the SVG and PDF place it.
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Outcome {
        let at = glyphs::place(text, style, pos);
        let t = self.transform;
        if t.kx == 0.0 && t.ky == 0.0 && at.size * t.sx <= glyph_coverage::MAX_CACHED_SIZE {
            let halo = self.halo.map(|(color, width)| (ink(color), width));
            glyph_coverage::paint_text(&mut self.pixmap, text, &at, t, ink(style.color()), halo);
            return Ok(());
        }
        let mut pb = PathSink(PathBuilder::new());
        glyphs::outline(text, &at, &mut pb);
        let path = pb.0.finish();
        // A band of the page paints only its rows: text wholly above or below them (half of
        // it, with two bands) skips stroking its halo and filling.
        let halo = self.halo.map_or(0.0, |(_, width)| width);
        let rows = path
            .as_ref()
            .and_then(|p| p.bounds().outset(halo, halo))
            .and_then(|b| b.transform(self.transform));
        if rows.is_some_and(|b| b.bottom() < 0.0 || b.top() > self.pixmap.height() as f32) {
            return Ok(());
        }
        if let (Some((color, width)), Some(path)) = (self.halo, &path) {
            let stroke = Stroke {
                width,
                line_join: tiny_skia::LineJoin::Round,
                ..Stroke::default()
            };
            self.pixmap
                .stroke_path(path, &Self::paint(color), &stroke, self.transform, None);
        }
        self.fill(path, style.color());
        Ok(())
    }
}
