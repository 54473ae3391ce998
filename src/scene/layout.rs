//! Page layout: where the title, map frame, legend and credit go for a canvas of any shape.
//! Wide canvases (slides) put the legend in a column on the right; tall or square ones put it
//! under the map, so nothing is squeezed.

use super::legend;
use super::text::{self, Face};
use super::{Align, LayerId, Scene, TextItem};
use crate::model::key::Key;
use crate::model::palette;
use crate::model::MapTexts;
use crate::options::MapOptions;
use crate::projection::fit::PixelBox;

/// Font sizes at unit 1 (a 1920 × 1080 slide).
pub mod sizes {
    /// Map title.
    pub const TITLE: f64 = 34.0;
    /// Agreement line under the title.
    pub const SUBTITLE: f64 = 18.0;
    /// Signatories and date line.
    pub const DETAIL: f64 = 15.0;
    /// Legend text.
    pub const LEGEND: f64 = 14.5;
    /// Legend headings.
    pub const LEGEND_HEADING: f64 = 16.0;
    /// Place labels, rank 1.
    pub const PLACE: f64 = 14.0;
    /// Region labels.
    pub const REGION: f64 = 15.0;
    /// Graticule, scale bar, credit.
    pub const SMALL: f64 = 12.0;
}

/// How much a map frame shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything: all places, graticule labels, scale bar.
    Full,
    /// A panel of the overview page: main places only, no graticule labels or scale bar.
    Panel,
}

/// Where everything goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// How much the map frame shows.
    pub detail: Detail,
    /// Size multiplier for text and line weights.
    pub unit: f64,
    /// Outer margin.
    pub margin: f64,
    /// Title block.
    pub title: PixelBox,
    /// The map frame (geography is clipped to it).
    pub frame: PixelBox,
    /// The legend block.
    pub legend: PixelBox,
    /// Whether the legend is a column at the right.
    pub legend_at_right: bool,
    /// Size multiplier for the legend: the page's unit, less if the key would not fit.
    pub legend_unit: f64,
    /// The credit, wrapped to the page width.
    pub credit_lines: Vec<String>,
    /// Baseline of the first credit line.
    pub credit_baseline: f64,
}

impl Layout {
    /// Lays out a canvas with a given key and credit text.
    pub fn new(options: &MapOptions, key: &Key, credit: &str) -> Layout {
        let (w, h) = (f64::from(options.width), f64::from(options.height));
        let unit = (w / 1920.0).min(h / 1080.0).max(0.05) * options.text_scale;
        let margin = 26.0 * unit;
        let title_height =
            (sizes::TITLE * 1.3 + sizes::SUBTITLE * 1.45 + sizes::DETAIL * 1.4) * unit;
        let credit_size = sizes::SMALL * unit;
        let mut credit_lines = text::wrap(credit, credit_size, Face::Regular, w - 2.0 * margin);
        credit_lines.truncate(3);
        let credit_height = credit_size * (1.3 * credit_lines.len() as f64 + 0.9);
        // Room outside the frame for graticule labels.
        let tick_room = sizes::SMALL * 1.6 * unit;
        let title = PixelBox {
            left: margin,
            top: margin,
            width: w - 2.0 * margin,
            height: title_height,
        };
        let body_top = margin + title_height + margin * 0.5;
        let body_bottom = h - margin - credit_height;
        let legend_at_right = w / h >= 1.3;
        let legend_fits = |width: f64, height: f64| {
            // Shrink the key's type (to 60 % at most) rather than let it run off the page.
            let mut lu = unit;
            while lu > unit * 0.6 && legend::height(key, lu, width) > height {
                lu *= 0.95;
            }
            lu
        };
        let (frame, legend_box) = if legend_at_right {
            let legend_width = (w * 0.24).max(300.0 * unit).min(w * 0.45);
            let frame = PixelBox {
                left: margin + tick_room,
                top: body_top,
                width: w - 3.0 * margin - legend_width - tick_room,
                height: body_bottom - body_top - tick_room,
            };
            let legend_box = PixelBox {
                left: w - margin - legend_width,
                top: body_top,
                width: legend_width,
                height: body_bottom - body_top,
            };
            (frame, legend_box)
        } else {
            let legend_width = w - 2.0 * margin;
            let legend_height = legend::height(
                key,
                legend_fits(legend_width, (body_bottom - body_top) * 0.4),
                legend_width,
            )
            .min((body_bottom - body_top) * 0.4);
            let frame = PixelBox {
                left: margin + tick_room,
                top: body_top,
                width: w - 2.0 * margin - tick_room,
                height: body_bottom - body_top - legend_height - margin * 0.5 - tick_room,
            };
            let legend_box = PixelBox {
                left: margin,
                top: body_bottom - legend_height,
                width: legend_width,
                height: legend_height,
            };
            (frame, legend_box)
        };
        let legend_unit = legend_fits(legend_box.width, legend_box.height);
        Layout {
            detail: Detail::Full,
            unit,
            margin,
            title,
            frame,
            legend: legend_box,
            legend_at_right,
            legend_unit,
            credit_lines,
            credit_baseline: h - margin - credit_height + credit_size * 1.2,
        }
    }

    /// Title, agreement and signatories.
    pub fn draw_title(&self, scene: &mut Scene, texts: &MapTexts) {
        let u = self.unit;
        let mut baseline = self.title.top + sizes::TITLE * u;
        let detail = fit_text(
            &texts.detail,
            sizes::DETAIL * u,
            Face::Regular,
            self.title.width,
        );
        for (text, size, face, color, advance) in [
            (
                texts.title.clone(),
                sizes::TITLE,
                Face::Bold,
                palette::INK,
                sizes::SUBTITLE * 1.45,
            ),
            (
                texts.subtitle.clone(),
                sizes::SUBTITLE,
                Face::Regular,
                palette::INK,
                sizes::DETAIL * 1.45,
            ),
            (detail, sizes::DETAIL, Face::Regular, palette::MUTED, 0.0),
        ] {
            scene.text(
                LayerId::Title,
                TextItem {
                    text,
                    x: self.title.left,
                    baseline,
                    size: size * u,
                    face,
                    color,
                    align: Align::Left,
                },
            );
            baseline += advance * u;
        }
    }

    /// The credit lines at the foot of the page.
    pub fn draw_credit(&self, scene: &mut Scene) {
        let size = sizes::SMALL * self.unit;
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
                },
            );
        }
    }
}

/// The credit: the data's own, then the projection used.
pub fn credit_text(data_credit: &str, parallels: (f64, f64)) -> String {
    let mut credit = data_credit.to_string();
    if !credit.is_empty() {
        credit.push(' ');
    }
    credit.push_str(&format!(
        "Lambert conformal conic projection, standard parallels {} and {}.",
        latitude(parallels.0),
        latitude(parallels.1)
    ));
    credit
}

/// A longitude as printed on the map: "120° E", "30° W".
pub fn longitude(value: f64) -> String {
    let hemisphere = if value < 0.0 { "W" } else { "E" };
    format!("{:.0}° {hemisphere}", value.abs())
}

/// A latitude as printed on the map: "44° N", "27° S".
pub fn latitude(value: f64) -> String {
    let hemisphere = if value < 0.0 { "S" } else { "N" };
    format!("{:.0}° {hemisphere}", value.abs())
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
