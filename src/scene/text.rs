//! Text measurement with the bundled font, so label boxes are known before anything is drawn and
//! the SVG and PNG agree on where text goes.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef};

pub use super::fonts::{check_glyphs, css_families, font_for, set_cjk, set_user_fonts, FontKey};

/// The bundled font family, as written in the SVG.
pub const FAMILY: &str = "Noto Sans";

/// Regular face.
pub const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
/// Bold face.
pub const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
/// Italic face.
pub const ITALIC_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Italic.ttf");

/// Which face to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// Regular.
    Regular,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
}

/// The bundled Latin/Greek/Cyrillic font for a face.
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

/// Advance width in px of `text` at font size `size` px (the CSS font-size), each character
/// in the font that draws it (see [`font_for`]).
pub fn width(text: &str, size: f64, face: Face) -> f64 {
    let mut advance = Advance::new(size, face);
    advance.push(text);
    advance.width()
}

/// A width measured as text is added to its end. The characters are summed one by one in
/// order, so text measured in pieces has exactly the width of the same text measured whole,
/// and a line being filled word by word is measured once, not again for every word.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Advance {
    size: f64,
    face: Face,
    total: f32,
    /// The last character's font and glyph, for kerning with the next.
    previous: Option<(FontKey, ab_glyph::GlyphId)>,
}

impl Advance {
    pub(crate) fn new(size: f64, face: Face) -> Advance {
        Advance {
            size,
            face,
            total: 0.0,
            previous: None,
        }
    }

    /// Adds the advance of `text`, kerned against what came before.
    pub(crate) fn push(&mut self, text: &str) {
        let face = self.face;
        let latin = latin_glyphs(face);
        for c in text.chars() {
            let known = latin.get(c as usize).copied().filter(|(id, _)| id.0 != 0);
            let key = match known {
                Some(_) => FontKey::Latin(face),
                None => font_for(c, face).unwrap_or(FontKey::Latin(face)),
            };
            let font = key.font();
            let scale = self.size as f32 / font.units_per_em().unwrap_or(1000.0);
            let (id, advance) = known.unwrap_or_else(|| {
                let id = font.glyph_id(c);
                (id, font.h_advance_unscaled(id))
            });
            if let Some((previous_key, previous_id)) = self.previous {
                if previous_key == key {
                    self.total += font.kern_unscaled(previous_id, id) * scale;
                }
            }
            self.total += advance * scale;
            self.previous = Some((key, id));
        }
    }

    /// The width so far, in px.
    pub(crate) fn width(&self) -> f64 {
        f64::from(self.total)
    }
}

/// The bundled face's glyph and its advance (in font units) for each of the first code points
/// (Latin with its accents, Greek, Cyrillic), looked up once: label placement measures the
/// same names many times. Id 0: not in the face.
fn latin_glyphs(face: Face) -> &'static [(ab_glyph::GlyphId, f32)] {
    static TABLES: OnceLock<[Vec<(ab_glyph::GlyphId, f32)>; 3]> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        [Face::Regular, Face::Bold, Face::Italic].map(|face| {
            let font = font(face);
            (0..0x500u32)
                .map(|c| {
                    let id = char::from_u32(c).map_or(ab_glyph::GlyphId(0), |c| font.glyph_id(c));
                    (id, font.h_advance_unscaled(id))
                })
                .collect()
        })
    });
    &tables[face as usize]
}

/// Height above the baseline of capital letters, as a fraction of the font size.
pub const CAP_HEIGHT: f64 = 0.714;
/// Depth below the baseline of descenders, as a fraction of the font size.
pub const DESCENT: f64 = 0.24;

/// A piece of text a line may not break inside: a word, or one Han or kana character with the
/// punctuation that must stay with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Its text.
    pub text: String,
    /// Whether a space separates it from the unit before.
    pub space_before: bool,
}

/// Characters of scripts written without spaces, where a line may break between any two
/// (Han, kana, CJK punctuation). Korean is written with spaces and breaks at them.
fn breaks_anywhere(c: char) -> bool {
    matches!(u32::from(c), 0x2E80..=0x30FF | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Characters that may not start a line (closing brackets, commas, full stops, the long vowel
/// mark, small kana) and that may not end one (opening brackets).
fn no_line_start(c: char) -> bool {
    "、。，．）」』】〉》・：；！？ーぁぃぅぇぉっゃゅょァィゥェォッャュョ々〕）".contains(c)
}
fn no_line_end(c: char) -> bool {
    "（「『【〈《〔".contains(c)
}

/// The units of `text`, in order (see [`Unit`]).
pub fn units(text: &str) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut space = false;
    // Whether the last unit may take the next character (a word, or an opening bracket).
    let mut open = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            open = false;
            continue;
        }
        let cjk = breaks_anywhere(c);
        let glued = !space && (open || (cjk && no_line_start(c)));
        let word_goes_on = !space
            && !cjk
            && units
                .last()
                .is_some_and(|u| u.text.chars().last().is_some_and(|l| !breaks_anywhere(l)));
        match units.last_mut() {
            Some(last) if glued || word_goes_on => last.text.push(c),
            _ => units.push(Unit {
                text: c.to_string(),
                space_before: space,
            }),
        }
        open = no_line_end(c);
        space = false;
    }
    units
}

/// Breaks `text` into lines no wider than `max_width`: at spaces, and between the characters
/// of scripts written without them.
pub fn wrap(text: &str, size: f64, face: Face, max_width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut measured = Advance::new(size, face);
    for unit in units(text) {
        if current.is_empty() {
            measured = Advance::new(size, face);
            measured.push(&unit.text);
            current = unit.text;
            continue;
        }
        let mut longer = measured;
        if unit.space_before {
            longer.push(" ");
        }
        longer.push(&unit.text);
        if longer.width() > max_width {
            measured = Advance::new(size, face);
            measured.push(&unit.text);
            lines.push(std::mem::replace(&mut current, unit.text));
        } else {
            if unit.space_before {
                current.push(' ');
            }
            current.push_str(&unit.text);
            measured = longer;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Joins wrapped lines back into one text: with a space where the text had one.
pub fn unwrap(lines: &[String]) -> String {
    let mut text = String::new();
    for line in lines {
        let joins_without_space = text.chars().last().is_some_and(breaks_anywhere)
            || line.chars().next().is_some_and(breaks_anywhere);
        if !text.is_empty() && !joins_without_space {
            text.push(' ');
        }
        text.push_str(line);
    }
    text
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
    fn a_text_measured_in_pieces_is_as_wide_as_measured_whole() {
        // Latin, Cyrillic and Han pieces, at a size whose advances do not add up exactly in
        // f32: only a sum kept in one order gives the same width.
        let pieces = [
            "WA",
            "V",
            "E T",
            "o",
            "kyo",
            " Тайга",
            "奉天",
            " A",
            "VA",
            ", 1907–1916",
        ];
        for face in [Face::Regular, Face::Bold, Face::Italic] {
            let mut advance = Advance::new(13.0, face);
            let mut whole = String::new();
            for piece in pieces {
                advance.push(piece);
                whole.push_str(piece);
                assert_eq!(advance.width(), width(&whole, 13.0, face), "{whole:?}");
            }
        }
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

    #[test]
    fn cjk_breaks_between_characters_but_not_before_closing_marks() {
        let _ja = set_cjk(crate::options::Lang::Ja);
        let text = "1907年の分界線：鉄道・電信利権の境界";
        let lines = wrap(text, 12.0, Face::Regular, 60.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(lines.concat(), text);
        for line in &lines {
            assert!(width(line, 12.0, Face::Regular) <= 60.0, "{line}");
            assert!(
                !line.starts_with(['：', '・', 'の']) || line.starts_with('の'),
                "{line}"
            );
        }
        assert_eq!(unwrap(&lines), text);
        // Korean breaks at its spaces.
        let korean = units("제1차 러일 협약");
        let words: Vec<&str> = korean.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(words, ["제1차", "러일", "협약"]);
        assert!(korean[1].space_before);
    }
}
