//! Page layout: where the title, map frame, key and credit go on a page of any shape. Wide pages
//! put the key in a column on the right, tall or square ones under the map. The frame is never
//! made wider than what the map shows; under a key column it keeps the map's shape, and on a tall
//! page it grows north and south only as far as the data covers, so no page shows empty sea
//! beyond the data.

use super::frame::Aspect;
use super::legend;
use super::text::{self, Face};
use super::typescale::TypeScale;
use super::{Align, LayerId, Scene, TextItem};
use crate::model::key::Key;
use crate::model::palette;
use crate::model::strings::strings;
use crate::options::Lang;
use crate::options::MapOptions;
use crate::projection::fit::PixelBox;

/// How much a map frame shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything: all places, graticule labels, scale bar.
    Full,
    /// A panel of the overview page: main places only, no graticule labels or scale bar.
    Panel,
}

/// The key's type once fitted to its block: entry and heading sizes, and the unit its swatches
/// are drawn at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeyType {
    /// Entry text size in px.
    pub text: f64,
    /// Heading size in px.
    pub heading: f64,
    /// Swatch and spacing unit.
    pub unit: f64,
}

impl KeyType {
    fn scaled(self, k: f64) -> KeyType {
        KeyType {
            text: self.text * k,
            heading: self.heading * k,
            unit: self.unit * k,
        }
    }
}

/// The title block's lines: (text, size, face, ink), top to bottom.
pub type TitleLines = Vec<(String, f64, Face, crate::color::Rgb)>;

/// The least room a page keeps for its texts. Pages of one map in several languages (a
/// switching SVG) are laid out with the most any of them needs, so that their frames, and so
/// their maps, coincide and only the texts differ.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Room {
    /// Height of the title block.
    pub title: f64,
    /// Height of the credit block.
    pub credit: f64,
    /// Room beside and under the frame for graticule labels.
    pub ticks: f64,
    /// Height of a key under the map (tall pages).
    pub key: f64,
}

impl Room {
    /// The larger of each.
    pub fn max(self, other: Room) -> Room {
        Room {
            title: self.title.max(other.title),
            credit: self.credit.max(other.credit),
            ticks: self.ticks.max(other.ticks),
            key: self.key.max(other.key),
        }
    }
}

/// Where everything goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// How much the map frame shows.
    pub detail: Detail,
    /// Line weights and spacings, as a multiple of a 1920 × 1080 screen figure's.
    pub unit: f64,
    /// Every text size of the page.
    pub type_scale: TypeScale,
    /// Outer margin.
    pub margin: f64,
    /// Title block.
    pub title: PixelBox,
    /// The title block's lines, wrapped to its width.
    pub title_lines: TitleLines,
    /// The map frame (geography is clipped to it).
    pub frame: PixelBox,
    /// The key's block; `None` where the page has no key (thumbnails).
    pub legend: Option<PixelBox>,
    /// The key's type, shrunk (never under the page's minimum) to fit its block.
    pub legend_type: KeyType,
    /// Whether the key keeps its paragraph on the agreement (left out where it cannot fit).
    pub key_note: bool,
    /// Where the note goes when it does not fit under the key's column: the band under a map
    /// narrower than its page is tall (wide pages).
    pub note_box: Option<PixelBox>,
    /// The credit, wrapped to the page width.
    pub credit_lines: Vec<String>,
    /// Baseline of the first credit line.
    pub credit_baseline: f64,
    /// The room its texts took (at least the room it was given).
    pub room: Room,
}

/// Title texts wrapped to the width: the title and subtitle on two lines at most, the detail
/// line on one (shortened with an ellipsis if it must).
fn wrap_titles(titles: [&str; 3], t: &TypeScale, width: f64) -> TitleLines {
    let mut lines = Vec::new();
    let styles = [
        (t.title, Face::Bold, palette::INK, 2),
        (t.subtitle, Face::Regular, palette::INK, 2),
        (t.detail, Face::Regular, palette::MUTED, 1),
    ];
    for (text_in, (size, face, ink, most)) in titles.into_iter().zip(styles) {
        if size <= 0.0 || text_in.is_empty() {
            continue;
        }
        let mut wrapped = text::wrap(text_in, size, face, width);
        if wrapped.len() > most {
            let rest = text::unwrap(&wrapped[most - 1..]);
            wrapped.truncate(most - 1);
            wrapped.push(fit_text(&rest, size, face, width));
        }
        lines.extend(wrapped.into_iter().map(|l| (l, size, face, ink)));
    }
    lines
}

fn title_height(lines: &TitleLines) -> f64 {
    lines.iter().map(|(_, size, _, _)| size * 1.35).sum()
}

impl Layout {
    /// Lays out a page with its title texts (title, subtitle, detail), key and credit, keeping
    /// at least `least` room for each block of text. `map_aspect` is the width over the height
    /// of what the map shows, and of the tallest frame the data can fill; `None` lets the frame
    /// take the whole body (an overview's grid of panels).
    pub fn within(
        options: &MapOptions,
        titles: [&str; 3],
        key: &Key,
        credit: &str,
        map_aspect: Option<Aspect>,
        least: Room,
    ) -> Layout {
        let (w, h) = (f64::from(options.width), f64::from(options.height));
        let t = TypeScale::for_page(options);
        let unit = t.weight.max(0.05);
        let margin = 26.0 * unit;
        let inner = w - 2.0 * margin;
        let title_lines = wrap_titles(titles, &t, inner);
        let title = PixelBox {
            left: margin,
            top: margin,
            width: inner,
            height: title_height(&title_lines).max(least.title),
        };
        let mut credit_lines = text::wrap(credit, t.small, Face::Regular, inner);
        // At most six lines; a longer credit ends its last with an ellipsis, not mid-sentence.
        if credit_lines.len() > 6 {
            let rest = text::unwrap(&credit_lines[5..]);
            credit_lines.truncate(5);
            credit_lines.push(fit_text(&rest, t.small, Face::Regular, inner));
        }
        let credit_height = (t.small * (1.3 * credit_lines.len() as f64 + 0.9)).max(least.credit);
        // Room outside the frame for graticule labels: parallels are labelled left of the
        // frame, 4 units off, and some languages write them long (北緯45度).
        let parallel_label = text::width(&latitude(45.0, options.lang), t.small, Face::Regular);
        let tick_room = (t.small * 1.6)
            .max(parallel_label + 4.0 * unit - margin + t.small * 0.3)
            .max(least.ticks);
        let body_top = title.bottom() + margin * 0.5;
        let body_bottom = h - margin - credit_height;
        let body_height = body_bottom - body_top;
        let key_type = KeyType {
            text: t.legend,
            heading: t.legend_heading,
            unit,
        };
        // Shrink the key's type rather than let it run off the page, never under the minimum.
        let fitted = |width: f64, height: f64, note: bool| {
            let mut k = 1.0;
            while key_type.text * k * 0.95 >= t.min
                && legend::height(key, key_type.scaled(k), width, note) > height
            {
                k *= 0.95;
            }
            key_type.scaled(k)
        };
        let mut key_note = true;
        let mut note_box = None;
        let has_key = t.legend > 0.0 && !key.sections.is_empty();
        // A frame wider than the map narrows to it. A taller one shows more land north and
        // south, as far as the data goes, where the key is under the map (a tall page would
        // otherwise be half paper); beside a key column it keeps the map's shape.
        let fit_aspect = |frame: &mut PixelBox, stretch: bool| {
            let valid = |a: f64| a.is_finite() && a > 0.0;
            if let Some(aspect) = map_aspect.filter(|a| valid(a.natural) && valid(a.tallest)) {
                let tallest = if stretch {
                    aspect.tallest.min(aspect.natural)
                } else {
                    aspect.natural
                };
                if frame.width > frame.height * aspect.natural {
                    frame.width = frame.height * aspect.natural;
                } else if frame.width < frame.height * tallest {
                    frame.height = frame.width / tallest;
                }
            }
        };
        let (frame, legend_box, legend_type) = if !has_key {
            let mut frame = PixelBox {
                left: margin + tick_room,
                top: body_top,
                width: inner - tick_room,
                height: body_height - tick_room,
            };
            fit_aspect(&mut frame, true);
            // Centre a frame narrower than the page.
            frame.left = margin + tick_room + (inner - tick_room - frame.width) / 2.0;
            (frame, None, key_type)
        } else if w / h >= 1.3 {
            let legend_width = (w * 0.24).max(300.0 * unit).min(w * 0.45);
            let mut frame = PixelBox {
                left: margin + tick_room,
                top: body_top,
                width: inner - margin - legend_width - tick_room,
                height: body_height - tick_room,
            };
            fit_aspect(&mut frame, false);
            let legend_box = PixelBox {
                left: frame.right() + margin,
                top: body_top,
                width: legend_width,
                height: body_height,
            };
            let mut kt = fitted(legend_box.width, legend_box.height, true);
            if legend::height(key, kt, legend_box.width, true) > legend_box.height {
                key_note = false;
                kt = fitted(legend_box.width, legend_box.height, false);
                // The note whole under the map, where the map leaves a band free.
                let top = frame.bottom() + tick_room + margin * 0.5;
                let band = PixelBox {
                    left: margin,
                    top,
                    width: frame.right() - margin,
                    height: body_bottom - top,
                };
                if band.height > 0.0 && legend::note_fits(key, kt, &band) {
                    note_box = Some(band);
                }
            }
            (frame, Some(legend_box), kt)
        } else {
            let legend_width = inner;
            let room = body_height * 0.5;
            let mut kt = fitted(legend_width, room, true);
            if legend::height(key, kt, legend_width, true) > room {
                key_note = false;
                kt = fitted(legend_width, room, false);
            }
            // The key takes what it needs at the smallest type; the map the rest.
            let legend_height = legend::height(key, kt, legend_width, key_note).max(least.key);
            let mut frame = PixelBox {
                left: margin + tick_room,
                top: body_top,
                width: inner - tick_room,
                height: (body_height - legend_height - margin * 0.5 - tick_room)
                    .max(body_height * 0.2),
            };
            fit_aspect(&mut frame, true);
            frame.left = margin + tick_room + (inner - tick_room - frame.width) / 2.0;
            let legend_box = PixelBox {
                left: margin,
                top: frame.bottom() + tick_room + margin * 0.5,
                width: legend_width,
                height: legend_height,
            };
            (frame, Some(legend_box), kt)
        };
        // The credit follows what is above it, so a short map leaves no gap under it.
        let content_bottom = legend_box.map_or(frame.bottom() + tick_room, |b| {
            b.bottom().max(frame.bottom() + tick_room)
        });
        let mut layout = Layout {
            detail: Detail::Full,
            unit,
            type_scale: t,
            margin,
            title,
            title_lines,
            frame,
            legend: legend_box,
            legend_type,
            key_note,
            note_box,
            credit_lines,
            credit_baseline: content_bottom + margin * 0.5 + t.small * 1.2,
            room: Room {
                title: title.height,
                credit: credit_height,
                ticks: tick_room,
                key: legend_box.filter(|_| w / h < 1.3).map_or(0.0, |b| b.height),
            },
        };
        // A figure shorter than its page sits in the middle of it, as a printer would place it.
        let used = layout.credit_baseline + credit_height - t.small * 1.2;
        let spare = (h - margin - used) / 2.0;
        if spare > margin {
            layout.shift_down(spare);
        }
        layout
    }

    fn shift_down(&mut self, dy: f64) {
        self.title.top += dy;
        self.frame.top += dy;
        for b in self.legend.iter_mut().chain(&mut self.note_box) {
            b.top += dy;
        }
        self.credit_baseline += dy;
    }

    /// The title block.
    pub fn draw_title(&self, scene: &mut Scene) {
        let mut baseline = self.title.top;
        for (text, size, face, color) in &self.title_lines {
            baseline += size * 1.0;
            scene.text(
                LayerId::Title,
                TextItem {
                    text: text.clone(),
                    x: self.title.left,
                    baseline,
                    size: *size,
                    face: *face,
                    color: *color,
                    align: Align::Left,
                    halo: None,
                },
            );
            baseline += size * 0.35;
        }
    }

    /// The credit lines under the map and key.
    pub fn draw_credit(&self, scene: &mut Scene) {
        let size = self.type_scale.small;
        for (i, line) in self.credit_lines.iter().enumerate() {
            scene.text(
                LayerId::Credit,
                TextItem {
                    text: line.clone(),
                    x: self.margin,
                    baseline: self.credit_baseline + i as f64 * size * 1.3,
                    size,
                    face: Face::Regular,
                    color: palette::MUTED,
                    align: Align::Left,
                    halo: None,
                },
            );
        }
    }
}

/// The credit: the data's own, then the projection used.
pub fn credit_text(data_credit: &str, parallels: (f64, f64), lang: Lang) -> String {
    let s = strings(lang);
    let mut credit = data_credit.to_string();
    if !credit.is_empty() {
        credit.push_str(&s.plain("word_gap"));
    }
    credit.push_str(&s.fill(
        "projection",
        &[
            ("first", &latitude(parallels.0, lang)),
            ("second", &latitude(parallels.1, lang)),
        ],
    ));
    credit
}

/// A longitude as printed on the map: "120° E", "30° W" (东经120度 ...).
pub fn longitude(value: f64, lang: Lang) -> String {
    let key = if value < 0.0 { "west" } else { "east" };
    strings(lang).fill(key, &[("n", &format!("{:.0}", value.abs()))])
}

/// A latitude as printed on the map: "44° N", "27° S" (北緯44度 ...).
pub fn latitude(value: f64, lang: Lang) -> String {
    let key = if value < 0.0 { "south" } else { "north" };
    strings(lang).fill(key, &[("n", &format!("{:.0}", value.abs()))])
}

/// Shortens text with an ellipsis until it fits `max_width`.
pub fn fit_text(text_in: &str, size: f64, face: Face, max_width: f64) -> String {
    if text::width(text_in, size, face) <= max_width {
        return text_in.to_string();
    }
    let mut chars: Vec<char> = text_in.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
        if text::width(&candidate, size, face) <= max_width {
            return candidate;
        }
    }
    String::new()
}
