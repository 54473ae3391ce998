//! PDF for print: the scene painted through plotters into a krilla page, so the PDF draws the
//! same calls as the SVG and PNG. Vector shapes; text as real text in the bundled faces, placed
//! glyph by glyph as the PNG places it, with the faces subset and embedded and a Unicode map,
//! so it can be searched and copied. The page has the map's printed size (170 × 120 mm for the
//! article preset); a screen page is sized at 96 px to the inch, as CSS and SVG tools size a
//! pixel. Nothing in the file depends on the clock: the same scene gives the same bytes.

use std::collections::BTreeMap;

use krilla::color::{cmyk, rgb};
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LineJoin, Paint, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use super::glyphs;
use super::plotting::{draw_scene, Canvas, SUBPIXEL};
use crate::error::{Error, Result};
use crate::scene::text::FontKey;
use crate::scene::Scene;

/// Points per inch, and CSS pixels per inch for pages without a printed size.
const PT_PER_INCH: f64 = 72.0;
const PX_PER_INCH: f64 = 96.0;

type Outcome = std::result::Result<(), DrawingErrorKind<std::convert::Infallible>>;

/// Paints plotters calls (in drawing units) on a krilla surface scaled to the page.
struct PdfBackend<'a> {
    surface: Surface<'a>,
    size: (u32, u32),
    cmyk: bool,
    /// The fonts drawn with so far, each loaded once.
    fonts: BTreeMap<FontKey, Font>,
    /// The halo for the next text, if any: the glyphs stroked in this colour and width first.
    halo: Option<(BackendColor, f32)>,
}

/// The page size in points: the printed size, or the pixels at 96 to the inch.
pub(crate) fn page_size_pt(scene: &Scene) -> (f64, f64) {
    match scene.print_size_mm {
        Some((w, h)) => (w / 25.4 * PT_PER_INCH, h / 25.4 * PT_PER_INCH),
        None => {
            let pt = PT_PER_INCH / PX_PER_INCH;
            (scene.width * pt, scene.height * pt)
        }
    }
}

/// An sRGB colour as DeviceCMYK by the plain formula, so greys (black included) are K only and
/// black text and hairlines print on the black plate alone, with no registration fringe.
fn to_cmyk((r, g, b): (u8, u8, u8)) -> cmyk::Color {
    let max = r.max(g).max(b);
    if max == 0 {
        return cmyk::Color::new(0, 0, 0, 255);
    }
    let k = 255 - max;
    let ink = |v: u8| {
        let v = (f64::from(max) - f64::from(v)) / f64::from(max) * 255.0;
        v.round() as u8
    };
    cmyk::Color::new(ink(r), ink(g), ink(b), k)
}

impl PdfBackend<'_> {
    fn paint(&self, color: BackendColor) -> Paint {
        if self.cmyk {
            to_cmyk(color.rgb).into()
        } else {
            let (r, g, b) = color.rgb;
            rgb::Color::new(r, g, b).into()
        }
    }

    fn opacity(color: BackendColor) -> NormalizedF32 {
        NormalizedF32::new(color.alpha.clamp(0.0, 1.0) as f32).unwrap_or(NormalizedF32::ONE)
    }

    fn fill(&mut self, path: Option<krilla::geom::Path>, color: BackendColor) {
        let Some(path) = path else { return };
        let fill = Fill {
            paint: self.paint(color),
            opacity: Self::opacity(color),
            rule: FillRule::NonZero,
        };
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(fill));
        self.surface.draw_path(&path);
    }

    fn stroke(&mut self, path: Option<krilla::geom::Path>, style: &impl BackendStyle) {
        let width = style.stroke_width() as f32;
        self.stroke_with(path, style.color(), width, LineJoin::default());
    }

    fn stroke_with(
        &mut self,
        path: Option<krilla::geom::Path>,
        color: BackendColor,
        width: f32,
        line_join: LineJoin,
    ) {
        let Some(path) = path else { return };
        let stroke = Stroke {
            paint: self.paint(color),
            width,
            line_join,
            opacity: Self::opacity(color),
            ..Stroke::default()
        };
        self.surface.set_fill(None);
        self.surface.set_stroke(Some(stroke));
        self.surface.draw_path(&path);
    }
}

/// Glyph outlines into a krilla path.
struct OutlineToPath(PathBuilder);

impl glyphs::OutlineSink for OutlineToPath {
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

fn polyline(
    points: impl IntoIterator<Item = BackendCoord>,
    close: bool,
) -> Option<krilla::geom::Path> {
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

/// A circle as four cubic Béziers.
fn circle(cx: f32, cy: f32, r: f32) -> Option<krilla::geom::Path> {
    // The control distance that makes a quarter arc within 0.03 % of a circle.
    let k = 0.552_284_8 * r;
    let mut pb = PathBuilder::new();
    pb.move_to(cx + r, cy);
    pb.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    pb.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    pb.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    pb.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    pb.close();
    pb.finish()
}

/// Layers and groups are painted in order; the PDF carries no structure of its own.
impl Canvas for PdfBackend<'_> {
    fn set_halo(&mut self, halo: Option<(BackendColor, f32)>) {
        self.halo = halo;
    }
}

impl DrawingBackend for PdfBackend<'_> {
    type ErrorType = std::convert::Infallible;

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
        self.fill(
            polyline([(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1)], true),
            color,
        );
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
        let corners = polyline([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], true);
        if fill {
            self.fill(corners, style.color());
        } else {
            self.stroke(corners, style);
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
        let path = circle(x as f32, y as f32, radius as f32);
        if fill {
            self.fill(path, style.color());
        } else {
            self.stroke(path, style);
        }
        Ok(())
    }

    /// Real text: the glyphs and advances the PNG uses, in the embedded face, with the string
    /// attached so readers can search and copy it.
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Outcome {
        let at = glyphs::place(text, style, pos);
        if let Some((halo, width)) = self.halo {
            // The letters' outlines stroked in paper colour underneath, as PNG and SVG draw it:
            // a path, not a second run of text, so the words are copied and found once.
            let mut sink = OutlineToPath(PathBuilder::new());
            glyphs::outline(text, &at, &mut sink);
            self.stroke_with(sink.0.finish(), halo, width, LineJoin::Round);
        }
        let color = style.color();
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(Fill {
            paint: self.paint(color),
            opacity: Self::opacity(color),
            rule: FillRule::NonZero,
        }));
        // One run of glyphs per font, each starting where the one before ended.
        let shaped = glyphs::shape(text, at.face);
        let mut x = at.x0;
        for run in shaped.chunk_by(|a, b| a.font == b.font) {
            let key = run[0].font;
            let font = match self.fonts.get(&key) {
                Some(font) => font.clone(),
                None => {
                    let loaded = font(key).map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
                    self.fonts.insert(key, loaded.clone());
                    loaded
                }
            };
            let placed: Vec<KrillaGlyph> = run
                .iter()
                .map(|g| {
                    let id = GlyphId::new(u32::from(g.id.0));
                    KrillaGlyph::new(id, g.advance, 0.0, 0.0, 0.0, g.text.clone(), None)
                })
                .collect();
            self.surface.draw_glyphs(
                Point::from_xy(x, at.baseline),
                &placed,
                font,
                text,
                at.size,
                false,
            );
            x += run.iter().map(|g| g.advance).sum::<f32>() * at.size;
        }
        Ok(())
    }
}

fn font(key: FontKey) -> Result<Font> {
    Font::new(key.bytes().into(), 0)
        .ok_or_else(|| Error::Render("a bundled or added font is unusable".into()))
}

/// Document metadata from the scene: its title, its description (what it shows, the credit and
/// sources) and the title's parts as keywords; no dates, so runs are byte-identical.
fn metadata(scene: &Scene) -> Metadata {
    let mut keywords: Vec<String> = vec!["map".into(), "spheres of influence".into()];
    keywords.extend(
        scene
            .title
            .split(", ")
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(String::from),
    );
    keywords.dedup();
    Metadata::new()
        .title(scene.title.clone())
        .description(scene.description.clone())
        .keywords(keywords)
        .language(scene.lang.code().into())
        .creator(format!("spheres-map {}", env!("CARGO_PKG_VERSION")))
}

/// Renders a scene to a one-page PDF; `cmyk` writes every colour as DeviceCMYK.
pub(crate) fn to_pdf(scene: &Scene, cmyk: bool) -> Result<Vec<u8>> {
    let _cjk = crate::scene::text::set_cjk(scene.lang);
    let (w_pt, h_pt) = page_size_pt(scene);
    let units = (
        (scene.width * SUBPIXEL) as u32,
        (scene.height * SUBPIXEL) as u32,
    );
    let settings = SerializeSettings {
        // Text and structure stay readable by tools; streams are compressed.
        ascii_compatible: false,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    document.set_metadata(metadata(scene));
    let page_settings = PageSettings::from_wh(w_pt as f32, h_pt as f32)
        .ok_or_else(|| Error::Render(format!("a {w_pt} × {h_pt} pt page is not possible")))?;
    let mut page = document.start_page_with(page_settings);
    {
        let mut surface = page.surface();
        let scale = (w_pt / f64::from(units.0)) as f32;
        surface.push_transform(&Transform::from_scale(scale, scale));
        let mut backend = PdfBackend {
            surface,
            size: units,
            cmyk,
            fonts: BTreeMap::new(),
            halo: None,
        };
        draw_scene(&mut backend, scene).map_err(|e| Error::Render(e.to_string()))?;
        backend.surface.pop();
        backend.surface.finish();
    }
    page.finish();
    document
        .finish()
        .map_err(|e| Error::Render(format!("could not write the PDF: {e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greys_are_black_ink_only() {
        assert_eq!(to_cmyk((0, 0, 0)), cmyk::Color::new(0, 0, 0, 255));
        assert_eq!(to_cmyk((51, 51, 51)), cmyk::Color::new(0, 0, 0, 204));
        assert_eq!(to_cmyk((255, 255, 255)), cmyk::Color::new(0, 0, 0, 0));
        assert_eq!(to_cmyk((255, 0, 0)), cmyk::Color::new(0, 255, 255, 0));
    }
}
