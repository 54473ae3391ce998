//! The key, laid out: sections in columns, a swatch drawn as the map draws it beside each entry,
//! and the paragraph on the agreement. What the key says is decided by the model
//! ([`Key`](crate::model::key::Key)).

use super::clip;
use super::layout::{KeyType, Layout};
use super::text::{self, Face};
use super::{Align, Group, Item, LayerId, Scene, TextItem};
use crate::color::Rgb;
use crate::model::key::{Key, Section, Swatch};
use crate::model::palette::{self, Hatch, LineSymbol, Palette};
use crate::projection::fit::PixelBox;

fn row_height(kt: KeyType) -> f64 {
    kt.text * 1.75
}

fn swatch_width(kt: KeyType) -> f64 {
    34.0 * kt.unit
}

/// Lines of an entry's label once wrapped to the column.
fn entry_lines(label: &str, kt: KeyType, width: f64) -> Vec<String> {
    let text_width = width - swatch_width(kt) - 12.0 * kt.unit;
    text::wrap(label, kt.text, Face::Regular, text_width)
}

fn section_height(section: &Section, kt: KeyType, width: f64) -> f64 {
    let line = kt.text * 1.3;
    let mut h = kt.heading * 1.9;
    for e in &section.entries {
        let n = entry_lines(&e.label, kt, width).len() as f64;
        h += row_height(kt).max(n * line + 0.45 * line);
    }
    h + 8.0 * kt.unit
}

fn note_lines(key: &Key, kt: KeyType, width: f64) -> Vec<String> {
    text::wrap(&key.note, kt.text, Face::Regular, width)
}

/// Where the note's heading and lines go below the top of its place, as `draw` sets them:
/// the heading's baseline, the first line's and the step between lines.
fn note_baselines(kt: KeyType) -> (f64, f64, f64) {
    let heading = kt.heading;
    (heading, heading * 1.5 + kt.text * 1.2, kt.text * 1.3)
}

/// The height of the note of `lines` lines, down to its last line's descenders: `height` and
/// `draw` measure it alike, so a note the layout keeps is drawn whole.
fn note_height(lines: usize, kt: KeyType) -> f64 {
    let (_, first, step) = note_baselines(kt);
    first + step * lines.saturating_sub(1) as f64 + kt.text * text::DESCENT
}

/// Whether the note fits whole in a block of its own.
pub(super) fn note_fits(key: &Key, kt: KeyType, block: &PixelBox) -> bool {
    note_height(note_lines(key, kt, block.width).len(), kt) <= block.height
}

/// Columns of at least 16 ems, as many as the sections and the note need.
fn columns(key: &Key, kt: KeyType, width: f64) -> usize {
    ((width / (16.0 * kt.text)).floor() as usize).clamp(1, key.sections.len() + 1)
}

/// Height the key needs with type `kt` in a block `width` wide, laid out in columns, with or
/// without its paragraph on the agreement.
pub(super) fn height(key: &Key, kt: KeyType, width: f64, with_note: bool) -> f64 {
    let columns = columns(key, kt, width);
    // The width the text is wrapped to when drawn (see `draw`).
    let column_width = width / columns as f64 - 8.0 * kt.unit;
    let mut heights = vec![0.0; columns];
    for (i, s) in key.sections.iter().enumerate() {
        heights[i % columns] += section_height(s, kt, column_width);
    }
    if with_note && !key.note.is_empty() {
        heights[key.sections.len() % columns] +=
            note_height(note_lines(key, kt, column_width).len(), kt);
    }
    heights.into_iter().fold(0.0, f64::max)
}

fn heading(scene: &mut Scene, text: &str, x: f64, baseline: f64, kt: KeyType) {
    scene.text(
        LayerId::Key,
        TextItem {
            text: text.to_string(),
            x,
            baseline,
            size: kt.heading,
            face: Face::Bold,
            color: palette::INK,
            align: Align::Left,
            halo: None,
        },
    );
}

/// Draws the key into the layout's legend block.
pub(super) fn draw(scene: &mut Scene, key: &Key, layout: &Layout) {
    let Some(block) = layout.legend else {
        return;
    };
    let kt = layout.legend_type;
    let u = kt.unit;
    let columns = columns(key, kt, block.width);
    let column_width = block.width / columns as f64;
    let mut cursor: Vec<f64> = vec![block.top; columns];
    let line = kt.text * 1.3;
    for (i, section) in key.sections.iter().enumerate() {
        let col = i % columns;
        let x = block.left + col as f64 * column_width;
        let mut y = cursor[col] + kt.heading;
        heading(scene, &section.heading, x, y, kt);
        y += kt.heading * 0.9;
        for entry in &section.entries {
            let lines = entry_lines(&entry.label, kt, column_width - 8.0 * u);
            let row = row_height(kt).max(lines.len() as f64 * line + 0.45 * line);
            let swatch_height = (18.0 * u).min(kt.text * 1.3);
            let swatch = PixelBox {
                left: x,
                top: y + (row_height(kt) - swatch_height) / 2.0,
                width: swatch_width(kt),
                height: swatch_height,
            };
            let group = scene.group(
                LayerId::Key,
                Group {
                    class: "entry".to_string(),
                    ..Group::default()
                },
            );
            group.items = swatch_items(&entry.swatch, swatch, u, &key.palette);
            let mut baseline = y + row_height(kt) / 2.0 + kt.text * 0.35;
            for text_line in lines {
                group.items.push(Item::Text(TextItem {
                    text: text_line,
                    x: x + swatch_width(kt) + 10.0 * u,
                    baseline,
                    size: kt.text,
                    face: Face::Regular,
                    color: palette::INK,
                    align: Align::Left,
                    halo: None,
                }));
                baseline += line;
            }
            y += row;
        }
        cursor[col] = y + 8.0 * u;
    }
    if key.note.is_empty() {
        return;
    }
    // The agreement in a few words, under the shortest column, or in the band under the map.
    let col = key.sections.len() % columns;
    let (x, top, width, bottom) = match layout.note_box {
        Some(b) if !layout.key_note => (b.left, b.top, b.width, b.bottom()),
        _ if layout.key_note => (
            block.left + col as f64 * column_width,
            cursor[col],
            column_width - 8.0 * u,
            block.bottom(),
        ),
        _ => return,
    };
    let size = kt.text;
    let (head, first, step) = note_baselines(kt);
    let lines = note_lines(key, kt, width);
    // Whole or not at all: a paragraph cut mid-sentence misleads (the layout leaves the note
    // out where it cannot fit, so this only guards against a block it was not measured for).
    if top + note_height(lines.len(), kt) > bottom + 0.5 {
        return;
    }
    let title = crate::model::strings::strings(scene.lang).plain("key_agreement");
    heading(scene, &title, x, top + head, kt);
    let mut baseline = top + first;
    for text_line in lines {
        scene.text(
            LayerId::Key,
            TextItem {
                text: text_line,
                x,
                baseline,
                size,
                face: Face::Regular,
                color: palette::MUTED,
                align: Align::Left,
                halo: None,
            },
        );
        baseline += step;
    }
}

/// A line sample across the swatch box drawn as the map draws it: over a land tint, on a paper
/// casing, in its dash pattern.
fn line_sample(
    b: PixelBox,
    color: Rgb,
    width: f64,
    symbol: LineSymbol,
    u: f64,
    land: Rgb,
) -> Vec<Item> {
    let mid = b.top + b.height / 2.0;
    let path = vec![(b.left, mid), (b.right(), mid)];
    let mut items = vec![
        Item::Rect {
            rect: b,
            fill: Some((land.shade(0.06), 1.0)),
            stroke: None,
        },
        Item::Line {
            points: path.clone(),
            color: palette::PAPER,
            width: (width + 3.0) * u,
        },
    ];
    let pieces = clip::dash_pattern(&path, &dash_lengths(symbol, width * u));
    items.extend(pieces.into_iter().map(|points| Item::Line {
        points,
        color,
        width: width * u,
    }));
    items
}

fn swatch_items(swatch: &Swatch, b: PixelBox, u: f64, colours: &Palette) -> Vec<Item> {
    let mid = b.top + b.height / 2.0;
    match swatch {
        Swatch::Area(style) => {
            let mut items = vec![Item::Rect {
                rect: b,
                fill: Some((style.fill, 1.0)),
                stroke: None,
            }];
            if let Some((color, dir)) = style.hatch {
                for stroke in clip::hatch_lines(&b, Hatch::SPACING * u, dir) {
                    for piece in clip::clip_polyline(&stroke, &b) {
                        items.push(Item::Line {
                            points: piece,
                            color,
                            width: Hatch::WIDTH * u,
                        });
                    }
                }
            }
            items.push(Item::Rect {
                rect: b,
                fill: None,
                stroke: Some((colours.border, 0.8 * u)),
            });
            items
        }
        Swatch::TreatyLine(symbol) => {
            line_sample(b, palette::TREATY_LINE, 2.6, *symbol, u, colours.unclaimed)
        }
        Swatch::Railway => line_sample(
            b,
            palette::RAILWAY,
            1.4,
            LineSymbol::Solid,
            u,
            colours.unclaimed,
        ),
        Swatch::Place => vec![Item::Dot {
            center: (b.left + b.width / 2.0, mid),
            radius: 3.2 * u,
            fill: palette::INK,
            stroke: Some((palette::PAPER, 1.0 * u)),
        }],
        Swatch::Water => vec![
            Item::Rect {
                rect: b,
                fill: Some((colours.water, 1.0)),
                stroke: None,
            },
            Item::Line {
                points: vec![
                    (b.left, mid + 3.0 * u),
                    (b.left + b.width * 0.5, mid - 2.0 * u),
                    (b.right(), mid),
                ],
                color: colours.river,
                width: 1.4 * u,
            },
        ],
    }
}

/// A symbol's dash lengths in px for a line `width` px wide.
pub(super) fn dash_lengths(symbol: LineSymbol, width: f64) -> Vec<f64> {
    symbol.pattern().iter().map(|k| k * width).collect()
}
