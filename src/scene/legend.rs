//! The key, laid out: sections in columns, a swatch drawn as the map draws it beside each entry,
//! and the paragraph on the agreement. What the key says is decided by the model
//! ([`Key`](crate::model::key::Key)).

use super::clip;
use super::layout::{sizes, Layout};
use super::text::{self, Face};
use super::{Align, Group, Item, LayerId, Scene, TextItem};
use crate::color::Rgb;
use crate::model::key::{Key, Section, Swatch};
use crate::model::palette;
use crate::projection::fit::PixelBox;

fn row_height(unit: f64) -> f64 {
    sizes::LEGEND * 1.75 * unit
}

fn swatch_width(unit: f64) -> f64 {
    34.0 * unit
}

/// Lines of an entry's label once wrapped to the column.
fn entry_lines(label: &str, unit: f64, width: f64) -> Vec<String> {
    let text_width = width - swatch_width(unit) - 12.0 * unit;
    text::wrap(label, sizes::LEGEND * unit, Face::Regular, text_width)
}

fn section_height(section: &Section, unit: f64, width: f64) -> f64 {
    let line = sizes::LEGEND * 1.3 * unit;
    let mut h = sizes::LEGEND_HEADING * 1.9 * unit;
    for e in &section.entries {
        let n = entry_lines(&e.label, unit, width).len() as f64;
        h += row_height(unit).max(n * line + 0.45 * line);
    }
    h + 8.0 * unit
}

fn note_lines(key: &Key, unit: f64, width: f64) -> Vec<String> {
    text::wrap(&key.note, sizes::LEGEND * 0.92 * unit, Face::Regular, width)
}

fn columns(key: &Key, unit: f64, width: f64) -> usize {
    ((width / (380.0 * unit)).floor() as usize).clamp(1, key.sections.len() + 1)
}

/// Height the key needs at `unit` in a block `width` wide, laid out in columns.
pub(super) fn height(key: &Key, unit: f64, width: f64) -> f64 {
    let columns = columns(key, unit, width);
    let column_width = width / columns as f64;
    let mut heights = vec![0.0; columns];
    for (i, s) in key.sections.iter().enumerate() {
        heights[i % columns] += section_height(s, unit, column_width);
    }
    let note_h =
        (note_lines(key, unit, column_width).len() as f64 + 1.5) * sizes::LEGEND * 1.2 * unit;
    heights[key.sections.len() % columns] += note_h;
    heights.into_iter().fold(0.0, f64::max)
}

fn heading(scene: &mut Scene, text: &str, x: f64, baseline: f64, u: f64) {
    scene.text(
        LayerId::Key,
        TextItem {
            text: text.to_string(),
            x,
            baseline,
            size: sizes::LEGEND_HEADING * u,
            face: Face::Bold,
            color: palette::INK,
            align: Align::Left,
        },
    );
}

/// Draws the key into the layout's legend block.
pub(super) fn draw(scene: &mut Scene, key: &Key, layout: &Layout) {
    let u = layout.legend_unit;
    let block = layout.legend;
    let columns = columns(key, u, block.width);
    let column_width = block.width / columns as f64;
    let mut cursor: Vec<f64> = vec![block.top; columns];
    let line = sizes::LEGEND * 1.3 * u;
    for (i, section) in key.sections.iter().enumerate() {
        let col = i % columns;
        let x = block.left + col as f64 * column_width;
        let mut y = cursor[col] + sizes::LEGEND_HEADING * u;
        heading(scene, &section.heading, x, y, u);
        y += sizes::LEGEND_HEADING * 0.9 * u;
        for entry in &section.entries {
            let lines = entry_lines(&entry.label, u, column_width - 8.0 * u);
            let row = row_height(u).max(lines.len() as f64 * line + 0.45 * line);
            let swatch = PixelBox {
                left: x,
                top: y + (row_height(u) - 18.0 * u) / 2.0,
                width: swatch_width(u),
                height: 18.0 * u,
            };
            let group = scene.group(
                LayerId::Key,
                Group {
                    class: if entry.faded { "entry faded" } else { "entry" }.to_string(),
                    ..Group::default()
                },
            );
            group.items = swatch_items(&entry.swatch, swatch, u);
            if entry.faded {
                group.items.iter_mut().for_each(fade);
            }
            let mut baseline = y + row_height(u) / 2.0 + sizes::LEGEND * 0.35 * u;
            for text_line in lines {
                group.items.push(Item::Text(TextItem {
                    text: text_line,
                    x: x + swatch_width(u) + 10.0 * u,
                    baseline,
                    size: sizes::LEGEND * u,
                    face: Face::Regular,
                    color: if entry.faded {
                        palette::INK.tint(0.6)
                    } else {
                        palette::INK
                    },
                    align: Align::Left,
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
    // The agreement in a few words, under the shortest column.
    let col = key.sections.len() % columns;
    let x = block.left + col as f64 * column_width;
    let size = sizes::LEGEND * 0.92 * u;
    let mut baseline = cursor[col] + sizes::LEGEND_HEADING * u;
    heading(scene, "The agreement", x, baseline, u);
    baseline += sizes::LEGEND_HEADING * 0.5 * u + size * 1.2;
    for text_line in note_lines(key, u, column_width - 8.0 * u) {
        if baseline > block.bottom() {
            break;
        }
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
            },
        );
        baseline += size * 1.3;
    }
}

/// A line sample across the swatch box, cased in paper like the map's lines.
fn line_sample(b: PixelBox, color: Rgb, width: f64, dashed: bool, u: f64) -> Vec<Item> {
    let mid = b.top + b.height / 2.0;
    let path = vec![(b.left, mid), (b.right(), mid)];
    let mut items = vec![Item::Line {
        points: path.clone(),
        color: palette::PAPER,
        width: (width + 3.0) * u,
    }];
    let pieces = if dashed {
        clip::dashes(&path, 7.0 * u, 4.0 * u)
    } else {
        vec![path]
    };
    items.extend(pieces.into_iter().map(|points| Item::Line {
        points,
        color,
        width: width * u,
    }));
    items
}

fn swatch_items(swatch: &Swatch, b: PixelBox, u: f64) -> Vec<Item> {
    let mid = b.top + b.height / 2.0;
    match swatch {
        Swatch::Area(style) => {
            let mut items = vec![Item::Rect {
                rect: b,
                fill: Some((style.fill, 1.0)),
                stroke: None,
            }];
            if let Some((color, dir)) = style.hatch {
                for stroke in clip::hatch_lines(&b, 6.0 * u, dir) {
                    for piece in clip::clip_polyline(&stroke, &b) {
                        items.push(Item::Line {
                            points: piece,
                            color,
                            width: 1.0 * u,
                        });
                    }
                }
            }
            items.push(Item::Rect {
                rect: b,
                fill: None,
                stroke: Some((palette::BORDER, 0.8 * u)),
            });
            items
        }
        Swatch::TreatyLine { uncertain } => {
            line_sample(b, palette::TREATY_LINE, 2.6, *uncertain, u)
        }
        Swatch::Railway => line_sample(b, palette::RAILWAY, 1.4, false, u),
        Swatch::Place => vec![Item::Dot {
            center: (b.left + b.width / 2.0, mid),
            radius: 3.2 * u,
            fill: palette::INK,
            stroke: Some((palette::PAPER, 1.0 * u)),
        }],
        Swatch::Water => vec![
            Item::Rect {
                rect: b,
                fill: Some((palette::WATER, 1.0)),
                stroke: None,
            },
            Item::Line {
                points: vec![
                    (b.left, mid + 3.0 * u),
                    (b.left + b.width * 0.5, mid - 2.0 * u),
                    (b.right(), mid),
                ],
                color: palette::RIVER,
                width: 1.4 * u,
            },
        ],
    }
}

/// Washes a swatch out towards the paper (an entry this map of a series does not use).
fn fade(item: &mut Item) {
    const AMOUNT: f64 = 0.72;
    match item {
        Item::Fill { color, .. } | Item::Line { color, .. } => *color = color.tint(AMOUNT),
        Item::Rect { fill, stroke, .. } => {
            if let Some((c, _)) = fill {
                *c = c.tint(AMOUNT);
            }
            if let Some((c, _)) = stroke {
                *c = c.tint(AMOUNT);
            }
        }
        Item::Dot { fill, stroke, .. } => {
            *fill = fill.tint(AMOUNT);
            if let Some((c, _)) = stroke {
                *c = c.tint(AMOUNT);
            }
        }
        Item::Text(t) => t.color = t.color.tint(AMOUNT),
    }
}
