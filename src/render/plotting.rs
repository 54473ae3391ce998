//! The one place a [`Scene`] becomes plotters calls. Every output goes through here with a
//! different backend (SVG text, or tiny-skia pixels), so the formats cannot disagree.
//!
//! plotters' backends take integer coordinates, so the scene is drawn in a space
//! [`SUBPIXEL`] times larger than its pixels: coordinates keep a tenth of a pixel.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendStyle, DrawingBackend, DrawingErrorKind};

use crate::color::Rgb;
use crate::scene::text::{Face, FAMILY};
use crate::scene::{Align, Group, Item, Layer, LayerId, Scene};

/// A plotters backend that can also mark the scene's structure: layers and the groups in them
/// (SVG writes them as `<g>` with ids and titles). Painters that only paint keep the defaults.
pub(crate) trait Canvas: DrawingBackend {
    /// A layer begins.
    fn open_layer(&mut self, _layer: &Layer) {}
    /// A group of `layer` begins.
    fn open_group(&mut self, _layer: LayerId, _group: &Group) {}
    /// The innermost open layer or group ends.
    fn close_group(&mut self) {}
    /// The next text is drawn over a halo of this colour and stroke width (drawing units), so
    /// it reads over fills, hatching and lines; `None` ends it. Painters without halos ignore it.
    fn set_halo(&mut self, _halo: Option<(BackendColor, f32)>) {}
}

/// Drawing units per pixel.
pub(crate) const SUBPIXEL: f64 = 10.0;

/// plotters divides the font size by 1.24 when it writes SVG; multiply to get exact px.
pub(crate) const PLOTTERS_FONT_FACTOR: f64 = 1.24;

fn c(v: f64) -> i32 {
    (v * SUBPIXEL).round() as i32
}

fn p((x, y): (f64, f64)) -> (i32, i32) {
    (c(x), c(y))
}

fn w(width: f64) -> u32 {
    (width * SUBPIXEL).round().max(1.0) as u32
}

struct Stroke {
    color: RGBAColor,
    width: u32,
}

impl BackendStyle for Stroke {
    fn color(&self) -> BackendColor {
        self.color.to_backend_color()
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

impl Stroke {
    fn filled(color: Rgb, opacity: f64) -> Stroke {
        Stroke {
            color: rgba(color, opacity),
            width: 1,
        }
    }
    fn line(color: Rgb, width: f64) -> Stroke {
        Stroke {
            color: rgba(color, 1.0),
            width: w(width),
        }
    }
}

fn rgba(color: Rgb, opacity: f64) -> RGBAColor {
    RGBAColor(color.0, color.1, color.2, opacity)
}

/// The size to give plotters so that the SVG says `font-size` = `size` in drawing units,
/// rounded to a tenth of a unit and free of floating-point noise.
fn plotters_font_size(size: f64) -> f64 {
    let target = (size * SUBPIXEL * 10.0).round() / 10.0;
    let mut v = target * PLOTTERS_FONT_FACTOR;
    for _ in 0..8 {
        let written = v / PLOTTERS_FONT_FACTOR;
        if written == target {
            break;
        }
        v = if written < target {
            v.next_up()
        } else {
            v.next_down()
        };
    }
    v
}

/// Draws every layer of a scene, in order; empty layers are left out.
pub(crate) fn draw_scene<B: Canvas>(
    backend: &mut B,
    scene: &Scene,
) -> Result<(), DrawingErrorKind<B::ErrorType>> {
    draw_layers(backend, &scene.layers)
}

/// Draws these layers of a scene, in order; empty layers are left out.
pub(crate) fn draw_layers<B: Canvas>(
    backend: &mut B,
    layers: &[Layer],
) -> Result<(), DrawingErrorKind<B::ErrorType>> {
    for layer in layers.iter().filter(|l| !l.groups.is_empty()) {
        backend.open_layer(layer);
        for group in &layer.groups {
            // Anonymous groups exist only to keep items together; they need no element.
            let marked =
                group.feature.is_some() || group.title.is_some() || !group.class.is_empty();
            if marked {
                backend.open_group(layer.id, group);
            }
            for item in &group.items {
                draw_item(backend, item)?;
            }
            if marked {
                backend.close_group();
            }
        }
        backend.close_group();
    }
    Ok(())
}

/// Draws one item.
pub(crate) fn draw_item<B: Canvas>(
    b: &mut B,
    item: &Item,
) -> Result<(), plotters_backend::DrawingErrorKind<B::ErrorType>> {
    match item {
        Item::Fill { points, color } => {
            b.fill_polygon(points.iter().map(|&q| p(q)), &Stroke::filled(*color, 1.0))
        }
        Item::Line {
            points,
            color,
            width,
        } => b.draw_path(points.iter().map(|&q| p(q)), &Stroke::line(*color, *width)),
        Item::Rect { rect, fill, stroke } => {
            let (a, z) = (
                (c(rect.left), c(rect.top)),
                (c(rect.right()), c(rect.bottom())),
            );
            if let Some((color, opacity)) = fill {
                b.draw_rect(a, z, &Stroke::filled(*color, *opacity), true)?;
            }
            if let Some((color, width)) = stroke {
                // plotters writes no stroke-width on rectangles: outline them as a path.
                let ring = [a, (z.0, a.1), z, (a.0, z.1), a, (z.0, a.1)];
                b.draw_path(ring, &Stroke::line(*color, *width))?;
            }
            Ok(())
        }
        Item::Dot {
            center,
            radius,
            fill,
            stroke,
        } => {
            let r = w(*radius);
            b.draw_circle(p(*center), r, &Stroke::filled(*fill, 1.0), true)?;
            if let Some((color, width)) = stroke {
                b.draw_circle(p(*center), r, &Stroke::line(*color, *width), false)?;
            }
            Ok(())
        }
        Item::Text(t) => {
            let style = match t.face {
                Face::Regular => FontStyle::Normal,
                Face::Bold => FontStyle::Bold,
                Face::Italic => FontStyle::Italic,
            };
            let h = match t.align {
                Align::Left => HPos::Left,
                Align::Center => HPos::Center,
                Align::Right => HPos::Right,
            };
            let font = FontDesc::new(FontFamily::Name(FAMILY), plotters_font_size(t.size), style);
            let color = rgba(t.color, 1.0);
            let text_style = TextStyle::from(font)
                .color(&color)
                .pos(Pos::new(h, VPos::Top));
            // Backends put the baseline 0.76 em under a VPos::Top anchor (as plotters' SVG
            // backend does with dy = 0.76em): move up so it lands where the scene put it.
            let top = t.baseline - 0.76 * t.size;
            if let Some(halo) = t.halo {
                // A quarter of an em in all: enough to part the letters from what is beneath.
                let width = (t.size * 0.25 * SUBPIXEL) as f32;
                b.set_halo(Some((rgba(halo, 1.0).to_backend_color(), width)));
            }
            let drawn = b.draw_text(&t.text, &text_style, (c(t.x), c(top)));
            if t.halo.is_some() {
                b.set_halo(None);
            }
            drawn
        }
    }
}

/// Text as XML 1.0 can carry it. plotters escapes markup (`<`, `&`, quotes), but characters that
/// XML forbids outright (most C0 controls, U+FFFE, U+FFFF) would make the file unreadable. The
/// loaders refuse them in data files; this is the last guard for scenes built in code, and
/// replaces each with U+FFFD.
pub(crate) fn xml_text(text: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
            || c >= '\u{10000}'
    };
    if text.chars().all(allowed) {
        text.into()
    } else {
        text.chars()
            .map(|c| if allowed(c) { c } else { '\u{FFFD}' })
            .collect::<String>()
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_forbids_are_replaced() {
        assert_eq!(
            xml_text("a\u{0}b\u{1b}c\u{FFFF}"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}"
        );
        assert_eq!(
            xml_text("<Kwantung> & 関東州 \u{1F5FA}"),
            "<Kwantung> & 関東州 \u{1F5FA}"
        );
    }
}
