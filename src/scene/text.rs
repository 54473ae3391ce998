//! Text measurement with the bundled font, so label boxes are known before anything is drawn and
//! the SVG and PNG agree on where text goes.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};

/// The bundled font family, as written in the SVG.
pub const FAMILY: &str = "Noto Sans";

/// Regular face.
pub const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
/// Bold face.
pub const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
/// Italic face.
pub const ITALIC_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Italic.ttf");

/// Which face to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// Regular.
    Regular,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
}

/// The bundled font for a face.
pub fn font(face: Face) -> &'static FontRef<'static> {
    static FONTS: OnceLock<[FontRef<'static>; 3]> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        let load = |bytes| FontRef::try_from_slice(bytes).expect("bundled font is valid");
        [load(REGULAR_TTF), load(BOLD_TTF), load(ITALIC_TTF)]
    });
    match face {
        Face::Regular => &fonts[0],
        Face::Bold => &fonts[1],
        Face::Italic => &fonts[2],
    }
}

/// Advance width in px of `text` at font size `size` px (the CSS font-size).
pub fn width(text: &str, size: f64, face: Face) -> f64 {
    let font = font(face);
    // ab_glyph scales by the font's height (ascent − descent); CSS font-size is the em square.
    let units = font.units_per_em().unwrap_or(1000.0);
    let scale = PxScale::from(size as f32 * font.height_unscaled() / units);
    let scaled = font.as_scaled(scale);
    let mut total = 0.0f32;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(prev) = previous {
            total += scaled.kern(prev, id);
        }
        total += scaled.h_advance(id);
        previous = Some(id);
    }
    f64::from(total)
}

/// Height above the baseline of capital letters, as a fraction of the font size.
pub const CAP_HEIGHT: f64 = 0.714;
/// Depth below the baseline of descenders, as a fraction of the font size.
pub const DESCENT: f64 = 0.24;

/// Breaks `text` into lines no wider than `max_width`.
pub fn wrap(text: &str, size: f64, face: Face, max_width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if !current.is_empty() && width(&candidate, size, face) > max_width {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_scale_with_size_and_length() {
        let a = width("Mukden", 10.0, Face::Regular);
        let b = width("Mukden", 20.0, Face::Regular);
        assert!(a > 20.0 && a < 50.0, "{a}");
        assert!((b / a - 2.0).abs() < 1e-3);
        assert!(width("Mukden", 10.0, Face::Bold) > a);
        assert!(width("Port Arthur", 10.0, Face::Regular) > a);
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let lines = wrap("one two three four five six", 12.0, Face::Regular, 60.0);
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(width(line, 12.0, Face::Regular) <= 60.0 || !line.contains(' '));
        }
        assert_eq!(lines.join(" "), "one two three four five six");
    }
}
