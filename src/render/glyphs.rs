//! Text set in the bundled font, once for every backend: where a plotters text call puts its
//! glyphs, which glyphs with which advances (kerning included), and their outlines. The PNG fills
//! the outlines, the SVG writes them as paths (`--svg-text paths`), and the PDF places the same
//! glyphs as real text, so the three agree to the glyph.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use ab_glyph::{Font, GlyphId, OutlineCurve};
use plotters::style::text_anchor::{HPos, VPos};
use plotters_backend::{BackendCoord, BackendTextStyle, FontStyle};

use super::plotting::PLOTTERS_FONT_FACTOR;
use crate::scene::text::{self, Face, FontKey};

/// Where a line of text goes, in drawing units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PlacedText {
    /// The face.
    pub face: Face,
    /// The font size (the em square).
    pub size: f32,
    /// Left end of the baseline.
    pub x0: f32,
    /// The baseline.
    pub baseline: f32,
}

/// Places a plotters text call: plotters' size over 1.24 is the font size, `VPos::Top` puts the
/// baseline 0.76 em below `pos`, and the anchor is moved left by the measured width.
pub(crate) fn place<T: BackendTextStyle>(text: &str, style: &T, pos: BackendCoord) -> PlacedText {
    let size = (style.size() / PLOTTERS_FONT_FACTOR) as f32;
    let face = face_of(style.style());
    let width = text::width(text, f64::from(size), face) as f32;
    let anchor = style.anchor();
    let x0 = pos.0 as f32
        - match anchor.h_pos {
            HPos::Left => 0.0,
            HPos::Center => width / 2.0,
            HPos::Right => width,
        };
    PlacedText {
        face,
        size,
        x0,
        baseline: baseline(pos.1, anchor.v_pos, size),
    }
}

/// The baseline of text anchored at `y`, as plotters' SVG backend places it.
pub(crate) fn baseline(y: i32, v_pos: VPos, size: f32) -> f32 {
    y as f32
        + match v_pos {
            VPos::Top => 0.76 * size,
            VPos::Center => 0.25 * size,
            VPos::Bottom => -0.25 * size,
        }
}

/// The bundled face for a plotters font style.
pub(crate) fn face_of(style: FontStyle) -> Face {
    match style {
        FontStyle::Bold => Face::Bold,
        FontStyle::Italic | FontStyle::Oblique => Face::Italic,
        FontStyle::Normal => Face::Regular,
    }
}

/// One glyph of a line of text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    /// The font that draws it.
    pub font: FontKey,
    /// Glyph id in that font.
    pub id: GlyphId,
    /// The bytes of the text it shows.
    pub text: Range<usize>,
    /// Its advance in ems, with the kerning before the next glyph.
    pub advance: f32,
}

/// The glyphs of `text` in `face`, one per character, each in the font that draws it (see
/// [`text::font_for`]), with the font's kerning (as [`text::width`] measures it).
pub(crate) fn shape(text: &str, face: Face) -> Vec<Glyph> {
    let mut glyphs: Vec<Glyph> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let found = text::font_for(c, face);
        // Pages are checked for missing glyphs before they are drawn: a miss here means the
        // page's CJK form was not set on this thread, and the glyph would be a box.
        debug_assert!(found.is_some(), "no font for {c:?} while drawing {text:?}");
        let key = found.unwrap_or(FontKey::Latin(face));
        let font = key.font();
        let em = font.units_per_em().unwrap_or(1000.0);
        let id = font.glyph_id(c);
        if let Some(previous) = glyphs.last_mut().filter(|g| g.font == key) {
            previous.advance += font.kern_unscaled(previous.id, id) / em;
        }
        glyphs.push(Glyph {
            font: key,
            id,
            text: i..i + c.len_utf8(),
            advance: font.h_advance_unscaled(id) / em,
        });
    }
    glyphs
}

/// Units per em of a font.
pub(crate) fn units_per_em(font: FontKey) -> f32 {
    font.font().units_per_em().unwrap_or(1000.0)
}

/// Receives glyph outlines (y down, in drawing units).
pub(crate) trait OutlineSink {
    /// Starts a contour.
    fn move_to(&mut self, x: f32, y: f32);
    /// A straight segment.
    fn line_to(&mut self, x: f32, y: f32);
    /// A quadratic Bézier segment.
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32);
    /// A cubic Bézier segment.
    fn cubic_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32);
    /// Closes the contour.
    fn close(&mut self);
}

/// A glyph's outline in font units, read from the font once per thread: a page draws each
/// letter many times, and reading outlines was a fifth of the cost of painting its text.
pub(crate) fn glyph_outline(font: FontKey, id: GlyphId) -> Option<Rc<ab_glyph::Outline>> {
    type Outlines = HashMap<(FontKey, GlyphId), Option<Rc<ab_glyph::Outline>>>;
    thread_local! {
        static OUTLINES: RefCell<Outlines> = RefCell::new(HashMap::new());
    }
    OUTLINES.with_borrow_mut(|outlines| {
        outlines
            .entry((font, id))
            .or_insert_with(|| font.font().outline(id).map(Rc::new))
            .clone()
    })
}

/// The glyphs of `text` placed at `at`, each with the left end of its baseline.
pub(crate) fn placed_glyphs(text: &str, at: &PlacedText) -> Vec<(Glyph, f32)> {
    let mut pen = at.x0;
    shape(text, at.face)
        .into_iter()
        .map(|glyph| {
            let x = pen;
            pen += glyph.advance * at.size;
            (glyph, x)
        })
        .collect()
}

/// Sends one glyph's outline to `sink`: its origin at `origin` (y down), `scale` sink units
/// per font unit.
pub(crate) fn outline_glyph(
    outline: &ab_glyph::Outline,
    origin: (f32, f32),
    scale: f32,
    sink: &mut impl OutlineSink,
) {
    let point = |p: ab_glyph::Point| (origin.0 + p.x * scale, origin.1 - p.y * scale);
    let mut last: Option<(f32, f32)> = None;
    for curve in &outline.curves {
        let (start, end) = match curve {
            OutlineCurve::Line(a, b) => (point(*a), point(*b)),
            OutlineCurve::Quad(a, _, c) => (point(*a), point(*c)),
            OutlineCurve::Cubic(a, _, _, d) => (point(*a), point(*d)),
        };
        // ab_glyph lists curves without contour breaks: a jump starts a new contour.
        if last != Some(start) {
            if last.is_some() {
                sink.close();
            }
            sink.move_to(start.0, start.1);
        }
        match curve {
            OutlineCurve::Line(_, _) => sink.line_to(end.0, end.1),
            OutlineCurve::Quad(_, b, _) => {
                let b = point(*b);
                sink.quad_to(b.0, b.1, end.0, end.1);
            }
            OutlineCurve::Cubic(_, b, c, _) => {
                let (b, c) = (point(*b), point(*c));
                sink.cubic_to(b.0, b.1, c.0, c.1, end.0, end.1);
            }
        }
        last = Some(end);
    }
    if last.is_some() {
        sink.close();
    }
}

/// Sends the outlines of `text`, placed at `at`, to `sink`.
pub(crate) fn outline(text: &str, at: &PlacedText, sink: &mut impl OutlineSink) {
    for (glyph, x) in placed_glyphs(text, at) {
        if let Some(outline) = glyph_outline(glyph.font, glyph.id) {
            let scale = at.size / units_per_em(glyph.font);
            outline_glyph(&outline, (x, at.baseline), scale, sink);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advances_add_up_to_the_measured_width() {
        for face in [Face::Regular, Face::Bold, Face::Italic] {
            let text = "Port Arthur 116° 27′ E AV To";
            let ems: f32 = shape(text, face).iter().map(|g| g.advance).sum();
            let size = 20.0;
            let measured = text::width(text, size, face) as f32;
            let shaped = ems * size as f32;
            assert!(
                (measured - shaped).abs() < 0.01,
                "{face:?}: {measured} {shaped}"
            );
        }
    }

    #[test]
    fn ranges_cover_the_text() {
        let glyphs = shape("Keijō (Seoul)", Face::Regular);
        assert_eq!(glyphs.len(), "Keijō (Seoul)".chars().count());
        assert_eq!(glyphs[4].text, 4..6);
    }
}
