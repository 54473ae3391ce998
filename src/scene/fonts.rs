//! Which font draws each character: Noto Sans for Latin, Greek and Cyrillic; for Han, kana and
//! Hangul, the Noto Sans CJK form of the page's language (the same Han character is drawn
//! differently in Japan, Korea, mainland China and Taiwan); then any fonts the user added.
//!
//! The language is a property of the whole page, while text is measured deep inside the layout
//! and again in every backend, so the CJK form is set once per page for the thread that lays it
//! out and draws it ([`set_cjk`]); a batch renders each page on one thread.

use std::cell::Cell;
use std::sync::OnceLock;

use ab_glyph::{Font, FontRef};

use super::text::{self, Face};
use crate::error::{Error, Result};
use crate::options::Lang;

/// The regional forms of Noto Sans CJK that are bundled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cjk {
    /// Japanese.
    Jp,
    /// Korean.
    Kr,
    /// Simplified Chinese.
    Sc,
    /// Traditional Chinese.
    Tc,
}

impl Cjk {
    /// Every form, in file order.
    pub const ALL: [Cjk; 4] = [Cjk::Jp, Cjk::Kr, Cjk::Sc, Cjk::Tc];

    /// The form for a language; Japanese for languages not written with Han characters.
    pub fn for_lang(lang: Lang) -> Cjk {
        match lang {
            Lang::Ko => Cjk::Kr,
            Lang::Zh => Cjk::Sc,
            Lang::ZhHant => Cjk::Tc,
            Lang::En | Lang::Ja | Lang::Ru => Cjk::Jp,
        }
    }

    /// The family name, as written in the SVG.
    pub fn family(self) -> &'static str {
        match self {
            Cjk::Jp => "Noto Sans CJK JP",
            Cjk::Kr => "Noto Sans CJK KR",
            Cjk::Sc => "Noto Sans CJK SC",
            Cjk::Tc => "Noto Sans CJK TC",
        }
    }

    /// The subset's bytes (regular or bold), made by `tools/cjk-fonts`.
    pub fn bytes(self, bold: bool) -> &'static [u8] {
        macro_rules! cjk {
            ($name:literal) => {
                include_bytes!(concat!("../../assets/fonts/cjk/NotoSansCJK", $name, ".ttf"))
            };
        }
        match (self, bold) {
            (Cjk::Jp, false) => cjk!("JP-Regular"),
            (Cjk::Jp, true) => cjk!("JP-Bold"),
            (Cjk::Kr, false) => cjk!("KR-Regular"),
            (Cjk::Kr, true) => cjk!("KR-Bold"),
            (Cjk::Sc, false) => cjk!("SC-Regular"),
            (Cjk::Sc, true) => cjk!("SC-Bold"),
            (Cjk::Tc, false) => cjk!("TC-Regular"),
            (Cjk::Tc, true) => cjk!("TC-Bold"),
        }
    }

    fn index(self, bold: bool) -> usize {
        self as usize * 2 + usize::from(bold)
    }
}

/// One font a page can draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontKey {
    /// Bundled Noto Sans in a face.
    Latin(Face),
    /// Bundled Noto Sans CJK in a form, regular or bold (CJK type has no italic).
    Cjk(Cjk, bool),
    /// A font added with `--font`, by its position.
    User(usize),
}

impl FontKey {
    /// The parsed font.
    pub fn font(self) -> &'static FontRef<'static> {
        match self {
            FontKey::Latin(face) => text::font(face),
            FontKey::Cjk(cjk, bold) => {
                static FONTS: OnceLock<Vec<FontRef<'static>>> = OnceLock::new();
                let fonts = FONTS.get_or_init(|| {
                    Cjk::ALL
                        .iter()
                        .flat_map(|&c| [false, true].map(|b| c.bytes(b)))
                        .map(|bytes| FontRef::try_from_slice(bytes).expect("bundled CJK font"))
                        .collect()
                });
                &fonts[cjk.index(bold)]
            }
            FontKey::User(i) => &user_fonts()[i].1,
        }
    }

    /// The font file.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            FontKey::Latin(Face::Regular) => text::REGULAR_TTF,
            FontKey::Latin(Face::Bold) => text::BOLD_TTF,
            FontKey::Latin(Face::Italic) => text::ITALIC_TTF,
            FontKey::Cjk(cjk, bold) => cjk.bytes(bold),
            FontKey::User(i) => user_fonts()[i].0,
        }
    }

    /// The family name an SVG gives it.
    pub fn family(self) -> String {
        match self {
            FontKey::Latin(_) => text::FAMILY.to_string(),
            FontKey::Cjk(cjk, _) => cjk.family().to_string(),
            FontKey::User(i) => format!("spheres-map user font {}", i + 1),
        }
    }
}

thread_local! {
    static CURRENT_CJK: Cell<Cjk> = const { Cell::new(Cjk::Jp) };
}

/// Puts back the previous CJK form when dropped.
#[must_use = "the form applies while the guard lives"]
pub struct CjkGuard(Cjk);

impl Drop for CjkGuard {
    fn drop(&mut self) {
        CURRENT_CJK.with(|c| c.set(self.0));
    }
}

/// Draws Han, kana and Hangul on this thread in the form of `lang` until the guard is dropped.
pub fn set_cjk(lang: Lang) -> CjkGuard {
    CjkGuard(CURRENT_CJK.with(|c| c.replace(Cjk::for_lang(lang))))
}

fn current_cjk() -> Cjk {
    CURRENT_CJK.with(Cell::get)
}

type UserFont = (&'static [u8], FontRef<'static>);

static USER_FONTS: OnceLock<Vec<UserFont>> = OnceLock::new();

fn user_fonts() -> &'static [UserFont] {
    USER_FONTS.get().map_or(&[], Vec::as_slice)
}

/// Adds fonts (TrueType or OpenType files) for characters the bundled fonts lack; they are
/// tried in order after them. Once per process, before the first page.
pub fn set_user_fonts(files: Vec<(String, Vec<u8>)>) -> Result<()> {
    let mut fonts = Vec::new();
    for (name, bytes) in files {
        // The fonts live as long as the process: every page may draw with them.
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let font = FontRef::try_from_slice(bytes)
            .map_err(|_| Error::Usage(format!("--font {name}: not a TrueType or OpenType font")))?;
        fonts.push((bytes, font));
    }
    USER_FONTS
        .set(fonts)
        .map_err(|_| Error::Usage("fonts can be added only once".into()))
}

/// The font that draws `c` in `face` on this page; `None` if no font has it.
pub fn font_for(c: char, face: Face) -> Option<FontKey> {
    let latin = FontKey::Latin(face);
    if c.is_whitespace() || latin.font().glyph_id(c).0 != 0 {
        return Some(latin);
    }
    let cjk = FontKey::Cjk(current_cjk(), face == Face::Bold);
    if cjk.font().glyph_id(c).0 != 0 {
        return Some(cjk);
    }
    (0..user_fonts().len())
        .map(FontKey::User)
        .find(|key| key.font().glyph_id(c).0 != 0)
}

/// An error naming the first character of `text` that no font draws, and `what` it is.
pub fn check_glyphs(text: &str, face: Face, what: &str) -> Result<()> {
    match text.chars().find(|&c| font_for(c, face).is_none()) {
        None => Ok(()),
        Some(c) => Err(Error::Glyph(format!(
            "no font has the character '{c}' (U+{:04X}) of {what} \"{text}\"; add one that \
             does with --font FILE",
            u32::from(c)
        ))),
    }
}

/// The CSS font-family list of this page: Noto Sans, its CJK form, the user fonts.
pub fn css_families() -> String {
    let mut families = vec![text::FAMILY.to_string(), current_cjk().family().to_string()];
    families.extend((0..user_fonts().len()).map(|i| FontKey::User(i).family()));
    families.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_finds_its_font() {
        let _guard = set_cjk(Lang::Ja);
        assert_eq!(font_for('M', Face::Bold), Some(FontKey::Latin(Face::Bold)));
        assert_eq!(
            font_for('Х', Face::Regular),
            Some(FontKey::Latin(Face::Regular))
        );
        assert_eq!(
            font_for('奉', Face::Bold),
            Some(FontKey::Cjk(Cjk::Jp, true))
        );
        {
            let _korean = set_cjk(Lang::Ko);
            assert_eq!(
                font_for('하', Face::Regular),
                Some(FontKey::Cjk(Cjk::Kr, false))
            );
        }
        assert_eq!(
            font_for('奉', Face::Regular),
            Some(FontKey::Cjk(Cjk::Jp, false))
        );
        // A character of no bundled font: an error naming it, never a box.
        let err = check_glyphs("A\u{16A0}", Face::Regular, "the place name")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("U+16A0") && err.contains("place name"),
            "{err}"
        );
    }
}
