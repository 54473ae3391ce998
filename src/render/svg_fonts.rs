//! The bundled faces, cut down to the characters one page uses, as CSS `@font-face` rules with
//! TrueType data URLs: the SVG then shows its own font wherever CSS fonts are honoured
//! (browsers, Inkscape), and falls back to `sans-serif` elsewhere.
//!
//! The subsetter is skera (the fontations project's general subsetter, which keeps `cmap` and
//! the layout tables a browser needs; the PDF subsetter drops them). Its 0.2 line reads fonts
//! with the same crates as the PDF writer, so both share one build.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use base64::Engine as _;
use skera::{subset_font, Plan, SubsetFlags, DEFAULT_DROP_TABLES, DEFAULT_LAYOUT_FEATURES};
use skrifa::raw::collections::IntSet;
use skrifa::raw::types::{GlyphId, NameId, Tag};
use skrifa::raw::FontRef;

use crate::error::{Error, Result};
use crate::scene::text::{self, Face, FontKey};
use crate::scene::Scene;

/// The characters each font draws on a page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct UsedChars {
    fonts: BTreeMap<FontKey, BTreeSet<char>>,
}

impl UsedChars {
    /// Notes the characters of `text` in `face`, under the font that draws each.
    pub fn add(&mut self, face: Face, text: &str) {
        for c in text.chars() {
            let key = text::font_for(c, face).unwrap_or(FontKey::Latin(face));
            self.fonts.entry(key).or_default().insert(c);
        }
    }

    /// The characters of every text of `scene`, as drawing it notes them (under the scene's
    /// CJK form).
    pub fn of_scene(scene: &Scene) -> UsedChars {
        let mut used = UsedChars::default();
        for t in scene.texts() {
            used.add(t.face, &t.text);
        }
        used
    }

    /// Adds the characters `other` notes.
    pub fn merge(&mut self, other: &UsedChars) {
        for (key, chars) in &other.fonts {
            self.fonts.entry(*key).or_default().extend(chars);
        }
    }

    /// A `<style>` element with one `@font-face` per font used, each a subset of that font;
    /// empty if the page has no text.
    pub fn style_element(&self) -> Result<String> {
        let mut css = String::new();
        for (&key, chars) in &self.fonts {
            let descriptors = match key {
                FontKey::Latin(Face::Bold) | FontKey::Cjk(_, true) => "font-weight:bold;",
                FontKey::Latin(Face::Italic) => "font-style:italic;",
                _ => "",
            };
            let data = subset(key, chars)?;
            let _ = writeln!(
                css,
                "@font-face{{font-family:\"{}\";{descriptors}\
                 src:url(data:font/ttf;base64,{}) format(\"truetype\");}}",
                key.family(),
                base64::engine::general_purpose::STANDARD.encode(data)
            );
        }
        if css.is_empty() {
            return Ok(css);
        }
        Ok(format!("<style>\n{css}</style>\n"))
    }
}

/// The bundled face reduced to `chars` (with their layout features: kerning and ligatures).
pub(crate) fn subset(font: FontKey, chars: &BTreeSet<char>) -> Result<Vec<u8>> {
    let bytes = font.bytes();
    let fail = |e: &dyn std::fmt::Display| Error::Render(format!("could not subset the font: {e}"));
    let font = FontRef::new(bytes).map_err(|e| fail(&e))?;
    let unicodes: IntSet<u32> = chars.iter().map(|&c| u32::from(c)).collect();
    let drop_tables: IntSet<Tag> = DEFAULT_DROP_TABLES.iter().copied().collect();
    let features: IntSet<Tag> = DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
    // Every script; the copyright, family and version names (ids 0 to 6), in English.
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let mut names = IntSet::<NameId>::empty();
    names.insert_range(NameId::new(0)..=NameId::new(6));
    let languages: IntSet<u16> = [0x0409].into_iter().collect();
    let plan = Plan::new(
        &IntSet::<GlyphId>::empty(),
        &unicodes,
        &font,
        SubsetFlags::SUBSET_FLAGS_DEFAULT,
        &drop_tables,
        &scripts,
        &features,
        &names,
        &languages,
    );
    subset_font(&font, &plan).map_err(|e| fail(&e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ab_glyph::Font as _;

    #[test]
    fn a_subset_keeps_its_characters_and_is_small() {
        let chars: BTreeSet<char> = "Mukden 116° 27′ E".chars().collect();
        let small = subset(FontKey::Latin(Face::Regular), &chars).unwrap();
        assert!(
            small.len() < text::REGULAR_TTF.len() / 10,
            "{} bytes",
            small.len()
        );
        let font = ab_glyph::FontRef::try_from_slice(&small).unwrap();
        for c in chars {
            assert_ne!(font.glyph_id(c).0, 0, "{c:?} is in the subset");
        }
        assert_eq!(font.glyph_id('Z').0, 0);
    }
}
