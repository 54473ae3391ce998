//! The legend: built from what the map actually shows that year, so a reader never sees a key
//! entry without a matching area, and every area has a key entry.

use std::collections::BTreeSet;

use super::clip::{self, Hatch};
use super::layout::{sizes, Layout};
use super::style::{self, Look, Ramp, Rgb};
use super::text::{self, Face};
use super::{Align, Item, Scene, TextItem};
use crate::data::geodata::TreatyLine;
use crate::data::treaties::Status;
use crate::model::TreatyMap;
use crate::projection::fit::PixelBox;

/// What a key entry shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Swatch {
    /// A filled box, maybe hatched.
    Area {
        /// Fill.
        fill: Rgb,
        /// Hatch colour and direction.
        hatch: Option<(Rgb, Hatch)>,
    },
    /// A line sample.
    Line {
        /// Colour.
        color: Rgb,
        /// Width at unit 1.
        width: f64,
        /// Dashed (uncertain course).
        dashed: bool,
        /// White casing under it (treaty lines).
        casing: bool,
    },
    /// A place dot.
    Place,
    /// A river over water.
    Water,
}

/// One key entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The sample.
    pub swatch: Swatch,
    /// Its text.
    pub label: String,
    /// The treaty line it stands for, if any (several lines share one swatch).
    pub line: Option<String>,
    /// Shown faded: in a series key, an entry this map does not use.
    pub faded: bool,
}

impl Entry {
    fn new(swatch: Swatch, label: String) -> Entry {
        Entry {
            swatch,
            label,
            line: None,
            faded: false,
        }
    }

    /// The entry for a demarcation line: dashed where its course is uncertain.
    fn treaty_line(line: &TreatyLine, label: String) -> Entry {
        Entry {
            line: Some(line.id.clone()),
            ..Entry::new(
                Swatch::Line {
                    color: style::TREATY_LINE,
                    width: 2.6,
                    dashed: line.uncertain,
                    casing: true,
                },
                label,
            )
        }
    }

    /// What identifies an entry across the maps of a series.
    fn same_as(&self, other: &Entry) -> bool {
        match (&self.line, &other.line) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.swatch == other.swatch,
            _ => false,
        }
    }
}

/// A titled group of entries.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Heading.
    pub heading: String,
    /// Entries.
    pub entries: Vec<Entry>,
}

/// The whole legend.
#[derive(Debug, Clone, PartialEq)]
pub struct Legend {
    /// Key sections.
    pub sections: Vec<Section>,
    /// Short paragraph on the agreement.
    pub note: String,
}

/// The fill, hatching and line ink for a region state.
pub fn area_style(
    map: &TreatyMap<'_>,
    power: Option<&str>,
    status: Option<Status>,
) -> (Rgb, Option<(Rgb, Hatch)>) {
    let powers = &map.dataset.treaties.powers;
    let ramp = power.and_then(|id| {
        powers
            .iter()
            .position(|p| p.id == id)
            .map(|i| (i, Ramp::for_power(i, powers[i].color.as_deref())))
    });
    match status {
        None => (style::UNCLAIMED, None),
        Some(status) => {
            let look = Look::of(status);
            let fill = look.fill(ramp.as_ref().map(|(_, r)| r));
            let hatch = match (look, &ramp) {
                (Look::Undefined, _) => Some((style::UNDEFINED_HATCH, Hatch::Cross)),
                (Look::Concession, Some((i, r))) => Some((
                    r.ink,
                    if i % 2 == 0 {
                        Hatch::Rising
                    } else {
                        Hatch::Falling
                    },
                )),
                _ => None,
            };
            (fill, hatch)
        }
    }
}

/// Ramp ink for a power id, for railways and labels.
pub fn power_ink(map: &TreatyMap<'_>, power: Option<&str>) -> Option<Rgb> {
    let powers = &map.dataset.treaties.powers;
    let i = powers.iter().position(|p| Some(p.id.as_str()) == power)?;
    Some(Ramp::for_power(i, powers[i].color.as_deref()).ink)
}

/// Area entries for the regions of one or more maps: per power (in treaty order) one entry per
/// look, naming every status shown with it; then undefined and unclaimed land.
fn area_entries(maps: &[TreatyMap<'_>]) -> Vec<Entry> {
    let Some(first) = maps.first() else {
        return Vec::new();
    };
    let states = || maps.iter().flat_map(|m| m.regions.iter());
    let mut areas = Vec::new();
    for power in &first.dataset.treaties.powers {
        let held: BTreeSet<Status> = states()
            .filter(|r| r.power.is_some_and(|p| p.id == power.id))
            .filter_map(|r| r.status)
            .collect();
        let looks: BTreeSet<Look> = held.iter().map(|s| Look::of(*s)).collect();
        for look in looks {
            let statuses: Vec<Status> = held
                .iter()
                .copied()
                .filter(|s| Look::of(*s) == look)
                .collect();
            let names: Vec<&str> = statuses.iter().map(|s| s.describe()).collect();
            let (fill, hatch) = area_style(first, Some(&power.id), statuses.first().copied());
            areas.push(Entry::new(
                Swatch::Area { fill, hatch },
                format!("{} {}", power.adjective, or_list(&names)),
            ));
        }
    }
    if states().any(|r| r.status == Some(Status::Undefined)) {
        let (fill, hatch) = area_style(first, None, Some(Status::Undefined));
        areas.push(Entry::new(
            Swatch::Area { fill, hatch },
            "Left undefined by the agreement".to_string(),
        ));
    }
    if states().any(|r| r.status.is_none()) {
        areas.push(Entry::new(
            Swatch::Area {
                fill: style::UNCLAIMED,
                hatch: None,
            },
            "Outside the spheres".to_string(),
        ));
    }
    areas
}

/// Adds a full stop unless the text already ends a sentence.
fn end_sentence(text: &mut String) {
    if !text.is_empty() && !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
}

fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

impl Legend {
    /// The key for one map.
    pub fn for_map(map: &TreatyMap<'_>) -> Legend {
        let areas = area_entries(std::slice::from_ref(map));
        let mut lines: Vec<Entry> = map
            .lines
            .iter()
            .map(|l| Entry::treaty_line(l.line, l.label.to_string()))
            .collect();

        if !map.railways.is_empty() {
            lines.push(Entry::new(
                Swatch::Line {
                    color: style::RAILWAY,
                    width: 1.4,
                    dashed: false,
                    casing: true,
                },
                format!("Railway (open by {})", map.year),
            ));
        }
        let geodata = &map.dataset.geodata;
        if !geodata.rivers.is_empty() || !geodata.lakes.is_empty() {
            lines.push(Entry::new(Swatch::Water, "River, lake or sea".to_string()));
        }
        if !geodata.places.is_empty() {
            lines.push(Entry::new(
                Swatch::Place,
                "Town, with its name of the period".to_string(),
            ));
        }

        let a = map.agreement;
        let mut note = a.secret_part.clone().unwrap_or_else(|| a.summary.clone());
        if let Some(ended) = &a.ended {
            end_sentence(&mut note);
            note.push(' ');
            note.push_str(ended);
        }
        end_sentence(&mut note);
        let mut sections = vec![Section {
            heading: "Areas".to_string(),
            entries: areas,
        }];
        if !lines.is_empty() {
            sections.push(Section {
                heading: "Lines and places".to_string(),
                entries: lines,
            });
        }
        Legend { sections, note }
    }

    /// One key for several maps (the overview page): every swatch any of them needs, once.
    /// Areas keep the latest map's wording (which lists the most statuses); lines are named
    /// by the lines layer, since each agreement words them for its own date.
    pub fn for_maps(maps: &[TreatyMap<'_>]) -> Legend {
        let areas = area_entries(maps);
        let mut others: Vec<Entry> = Vec::new();
        let mut line_ids: Vec<&str> = Vec::new();
        for map in maps {
            let legend = Legend::for_map(map);
            for entry in legend.sections.into_iter().flat_map(|s| s.entries) {
                match entry.swatch {
                    Swatch::Area { .. } => continue,
                    Swatch::Line { color, .. } if color == style::TREATY_LINE => continue,
                    _ => {}
                }
                match others.iter_mut().find(|e| e.swatch == entry.swatch) {
                    Some(existing) => existing.label = entry.label,
                    None => others.push(entry),
                }
            }
            for line in &map.lines {
                if !line_ids.contains(&line.line.id.as_str()) {
                    line_ids.push(&line.line.id);
                }
            }
        }
        let all_lines = maps.iter().flat_map(|m| m.lines.iter());
        let mut lines: Vec<Entry> = line_ids
            .iter()
            .filter_map(|id| all_lines.clone().find(|l| l.line.id == *id))
            .map(|l| Entry::treaty_line(l.line, l.line.name.clone()))
            .collect();
        for entry in &mut others {
            // Each map's railway entry names its year; across a series, say so once.
            if let Some(i) = entry.label.find(" (open by") {
                entry.label.truncate(i);
                entry.label.push_str(" (as open at each date)");
            }
        }
        lines.extend(others);
        Legend {
            sections: vec![
                Section {
                    heading: "Areas".to_string(),
                    entries: areas,
                },
                Section {
                    heading: "Lines and places".to_string(),
                    entries: lines,
                },
            ],
            note: String::new(),
        }
    }

    /// The key of one map of a series: the same entries, in the same places, on every map of
    /// the series (so slides do not jump), with the ones this map does not use faded; the
    /// paragraph on the agreement is this map's own.
    pub fn for_series(map: &TreatyMap<'_>, series: &[TreatyMap<'_>]) -> Legend {
        let own = Legend::for_map(map);
        let own_entries: Vec<&Entry> = own.sections.iter().flat_map(|s| &s.entries).collect();
        let mut legend = Legend::for_maps(series);
        for entry in legend.sections.iter_mut().flat_map(|s| &mut s.entries) {
            entry.faded = !own_entries.iter().any(|e| e.same_as(entry));
        }
        legend.note = own.note;
        legend
    }

    fn row_height(unit: f64) -> f64 {
        sizes::LEGEND * 1.75 * unit
    }

    fn swatch_width(unit: f64) -> f64 {
        34.0 * unit
    }

    /// Lines of an entry's label once wrapped to the column.
    fn entry_lines(label: &str, unit: f64, width: f64) -> Vec<String> {
        let text_width = width - Self::swatch_width(unit) - 12.0 * unit;
        text::wrap(label, sizes::LEGEND * unit, Face::Regular, text_width)
    }

    fn section_height(section: &Section, unit: f64, width: f64) -> f64 {
        let line = sizes::LEGEND * 1.3 * unit;
        let mut h = sizes::LEGEND_HEADING * 1.9 * unit;
        for e in &section.entries {
            let n = Self::entry_lines(&e.label, unit, width).len() as f64;
            h += Self::row_height(unit).max(n * line + 0.45 * line);
        }
        h + 8.0 * unit
    }

    fn note_lines(&self, unit: f64, width: f64) -> Vec<String> {
        text::wrap(
            &self.note,
            sizes::LEGEND * 0.92 * unit,
            Face::Regular,
            width,
        )
    }

    /// Height needed at `unit` in a block `width` wide laid out in columns.
    pub fn height(&self, unit: f64, width: f64) -> f64 {
        let columns = self.columns(unit, width);
        let column_width = width / columns as f64;
        let mut heights = vec![0.0; columns];
        for (i, s) in self.sections.iter().enumerate() {
            heights[i % columns] += Self::section_height(s, unit, column_width);
        }
        let note_h =
            (self.note_lines(unit, column_width).len() as f64 + 1.5) * sizes::LEGEND * 1.2 * unit;
        heights[self.sections.len() % columns] += note_h;
        heights.into_iter().fold(0.0, f64::max)
    }

    fn columns(&self, unit: f64, width: f64) -> usize {
        ((width / (380.0 * unit)).floor() as usize).clamp(1, self.sections.len() + 1)
    }

    /// Draws the legend into its block.
    pub fn draw(&self, scene: &mut Scene, layout: &Layout) {
        let u = layout.legend_unit;
        let block = layout.legend;
        let columns = self.columns(u, block.width);
        let column_width = block.width / columns as f64;
        let mut cursor: Vec<f64> = vec![block.top; columns];
        let line = sizes::LEGEND * 1.3 * u;
        for (i, section) in self.sections.iter().enumerate() {
            let col = i % columns;
            let x = block.left + col as f64 * column_width;
            let mut y = cursor[col] + sizes::LEGEND_HEADING * u;
            scene.text(TextItem {
                text: section.heading.clone(),
                x,
                baseline: y,
                size: sizes::LEGEND_HEADING * u,
                face: Face::Bold,
                color: style::INK,
                align: Align::Left,
            });
            y += sizes::LEGEND_HEADING * 0.9 * u;
            for entry in &section.entries {
                let lines = Self::entry_lines(&entry.label, u, column_width - 8.0 * u);
                let row = Self::row_height(u).max(lines.len() as f64 * line + 0.45 * line);
                let swatch = PixelBox {
                    left: x,
                    top: y + (Self::row_height(u) - 18.0 * u) / 2.0,
                    width: Self::swatch_width(u),
                    height: 18.0 * u,
                };
                draw_swatch(scene, &entry.swatch, swatch, u, entry.faded);
                let mut baseline = y + Self::row_height(u) / 2.0 + sizes::LEGEND * 0.35 * u;
                for text_line in lines {
                    scene.text(TextItem {
                        text: text_line,
                        x: x + Self::swatch_width(u) + 10.0 * u,
                        baseline,
                        size: sizes::LEGEND * u,
                        face: Face::Regular,
                        color: if entry.faded {
                            style::INK.tint(0.6)
                        } else {
                            style::INK
                        },
                        align: Align::Left,
                    });
                    baseline += line;
                }
                y += row;
            }
            cursor[col] = y + 8.0 * u;
        }
        if self.note.is_empty() {
            return;
        }
        // The agreement in a few words, under the shortest column.
        let col = self.sections.len() % columns;
        let x = block.left + col as f64 * column_width;
        let size = sizes::LEGEND * 0.92 * u;
        let mut baseline = cursor[col] + sizes::LEGEND_HEADING * u;
        scene.text(TextItem {
            text: "The agreement".to_string(),
            x,
            baseline,
            size: sizes::LEGEND_HEADING * u,
            face: Face::Bold,
            color: style::INK,
            align: Align::Left,
        });
        baseline += sizes::LEGEND_HEADING * 0.5 * u + size * 1.2;
        for text_line in self.note_lines(u, column_width - 8.0 * u) {
            if baseline > block.bottom() {
                break;
            }
            scene.text(TextItem {
                text: text_line,
                x,
                baseline,
                size,
                face: Face::Regular,
                color: style::MUTED,
                align: Align::Left,
            });
            baseline += size * 1.3;
        }
    }
}

fn draw_swatch(scene: &mut Scene, swatch: &Swatch, b: PixelBox, u: f64, faded: bool) {
    let mid = b.top + b.height / 2.0;
    let first = scene.items.len();
    match swatch {
        Swatch::Area { fill, hatch } => {
            scene.items.push(Item::Rect {
                rect: b,
                fill: Some((*fill, 1.0)),
                stroke: None,
            });
            if let Some((color, dir)) = hatch {
                for stroke in clip::hatch_lines(&b, 6.0 * u, *dir) {
                    for piece in clip::clip_polyline(&stroke, &b) {
                        scene.items.push(Item::Line {
                            points: piece,
                            color: *color,
                            width: 1.0 * u,
                        });
                    }
                }
            }
            scene.items.push(Item::Rect {
                rect: b,
                fill: None,
                stroke: Some((style::BORDER, 0.8 * u)),
            });
        }
        Swatch::Line {
            color,
            width,
            dashed,
            casing,
        } => {
            let path = vec![(b.left, mid), (b.right(), mid)];
            if *casing {
                scene.items.push(Item::Line {
                    points: path.clone(),
                    color: style::PAPER,
                    width: (width + 3.0) * u,
                });
            }
            let pieces = if *dashed {
                clip::dashes(&path, 7.0 * u, 4.0 * u)
            } else {
                vec![path]
            };
            for piece in pieces {
                scene.items.push(Item::Line {
                    points: piece,
                    color: *color,
                    width: width * u,
                });
            }
        }
        Swatch::Place => {
            scene.items.push(Item::Dot {
                center: (b.left + b.width / 2.0, mid),
                radius: 3.2 * u,
                fill: style::INK,
                stroke: Some((style::PAPER, 1.0 * u)),
            });
        }
        Swatch::Water => {
            scene.items.push(Item::Rect {
                rect: b,
                fill: Some((style::WATER, 1.0)),
                stroke: None,
            });
            scene.items.push(Item::Line {
                points: vec![
                    (b.left, mid + 3.0 * u),
                    (b.left + b.width * 0.5, mid - 2.0 * u),
                    (b.right(), mid),
                ],
                color: style::RIVER,
                width: 1.4 * u,
            });
        }
    }
    if faded {
        for item in &mut scene.items[first..] {
            fade(item);
        }
    }
}

/// Washes an item out towards the paper (an entry this map of a series does not use).
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
