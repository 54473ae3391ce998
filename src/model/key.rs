//! What the key of a map says: built from what the map actually shows that year, so a reader
//! never sees a key entry without a matching area, and every area has a key entry. How the key
//! is laid out is the scene's business.

use std::collections::BTreeSet;

use std::collections::BTreeMap;

use super::palette::{AreaStyle, LineSymbol, Look, Palette};
use super::strings::{strings, Strings};
use super::TreatyMap;
use crate::data::treaties::{Agreement, Lapse, Status, YearNote};
use crate::options::Lang;

/// What a key entry shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Swatch {
    /// An area as the map paints it.
    Area(AreaStyle),
    /// A demarcation line, in its symbol.
    TreatyLine(LineSymbol),
    /// A railway.
    Railway,
    /// A river over water.
    Water,
    /// A place dot.
    Place,
}

/// One key entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    /// The sample.
    pub swatch: Swatch,
    /// Its text.
    pub label: String,
    /// The treaty line it stands for, if any (several lines share one swatch).
    pub line: Option<String>,
}

impl Entry {
    fn new(swatch: Swatch, label: String) -> Entry {
        Entry {
            swatch,
            label,
            line: None,
        }
    }

    fn treaty_line(id: &str, symbol: LineSymbol, label: String) -> Entry {
        Entry {
            line: Some(id.to_string()),
            ..Entry::new(Swatch::TreatyLine(symbol), label)
        }
    }
}

/// A titled group of entries.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Section {
    /// Heading.
    pub heading: String,
    /// Entries.
    pub entries: Vec<Entry>,
}

/// The whole key.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Key {
    /// Key sections.
    pub sections: Vec<Section>,
    /// Short paragraph on the agreement (empty on an overview page).
    pub note: String,
    /// The palette of the maps it explains, so its swatches draw water and borders as they do.
    pub palette: Palette,
}

/// Area entries for the regions of one or more maps: per power (in treaty order) one entry per
/// look, naming every status shown with it; then undefined and unclaimed land. In black and
/// white a power's entries start with the mark its areas carry on the map, which says once what
/// the mark means: "(J) Japanese sphere of special interests", "(R) Russian/Soviet territory".
fn area_entries(maps: &[TreatyMap<'_>]) -> Vec<Entry> {
    let Some(first) = maps.first() else {
        return Vec::new();
    };
    let s = first.strings;
    let states = || maps.iter().flat_map(|m| m.regions.iter());
    let mut areas = Vec::new();
    for (index, power) in first.powers.iter().enumerate() {
        // Each look this power's areas take, with the statuses drawn with it.
        // With each look, its adjectives across the maps, in order: "Russian/Soviet territory".
        let mut looks: BTreeMap<Look, (BTreeSet<Status>, Vec<&str>)> = BTreeMap::new();
        for r in states().filter(|r| r.power.is_some_and(|p| p.id == power.id)) {
            if let Some(status) = r.status {
                let look = if r.lapsed {
                    Look::Lapsed
                } else {
                    Look::of(status)
                };
                let (statuses, adjectives) = looks.entry(look).or_default();
                statuses.insert(status);
                if !adjectives.contains(&r.adjective) {
                    adjectives.push(r.adjective);
                }
            }
        }
        let ramp = first.palette.ramp(index, power.color.as_deref());
        // The mark a power keeps through its periods; its entries name it by their adjectives.
        let mark = states()
            .filter(|r| r.power.is_some_and(|p| p.id == power.id))
            .find_map(|r| r.mark.as_deref());
        for (look, (statuses, adjectives)) in looks {
            let names: Vec<String> = statuses.iter().map(|&st| s.status(st)).collect();
            let style = AreaStyle::of_look(&first.palette, Some((index, ramp)), look);
            let lapsed = if look == Look::Lapsed {
                s.plain("key_lapsed")
            } else {
                String::new()
            };
            let label = s.fill(
                "key_area",
                &[
                    ("power", &adjectives.join("/")),
                    ("status", &s.list(&names, "list_or")),
                ],
            );
            let mut label = format!("{label}{lapsed}");
            if let Some(mark) = mark {
                label = s.fill("key_mark", &[("mark", mark), ("text", &label)]);
            }
            areas.push(Entry::new(Swatch::Area(style), label));
        }
    }
    if states().any(|r| r.status == Some(Status::Undefined)) {
        areas.push(Entry::new(
            Swatch::Area(AreaStyle::of(&first.palette, None, Some(Status::Undefined))),
            s.plain("key_undefined"),
        ));
    }
    if states().any(|r| r.status.is_none()) {
        areas.push(Entry::new(
            Swatch::Area(AreaStyle::of(&first.palette, None, None)),
            s.plain("key_outside"),
        ));
    }
    areas
}

/// Adds a full stop (the language's) unless the text already ends a sentence.
fn end_sentence(text: &mut String, s: &Strings) {
    if !text.is_empty() && !text.ends_with(['.', '!', '?', '。']) {
        text.push_str(&s.plain("sentence_end"));
    }
}

impl Key {
    /// The key for one map, with the paragraph on the agreement in force.
    pub(super) fn for_map(
        map: &TreatyMap<'_>,
        agreement: &Agreement,
        lapse: Option<&Lapse>,
        year: Option<&YearNote>,
    ) -> Key {
        let s = map.strings;
        let areas = area_entries(std::slice::from_ref(map));
        let mut lines: Vec<Entry> = map
            .lines
            .iter()
            .map(|l| Entry::treaty_line(l.id, l.symbol, l.label.to_string()))
            .collect();
        if !map.railways.is_empty() {
            lines.push(Entry::new(
                Swatch::Railway,
                s.fill("key_railway", &[("year", &map.year.to_string())]),
            ));
        }
        if !map.rivers.is_empty() || !map.lakes.is_empty() {
            lines.push(Entry::new(Swatch::Water, s.plain("key_water")));
        }
        if !map.places.is_empty() {
            lines.push(Entry::new(Swatch::Place, s.plain("key_town")));
        }

        // Once the agreement in force has lapsed (a year after the lapse), what it said no
        // longer describes the map: only how it ended does.
        let gone = lapse
            .is_some_and(|l| l.covers(&agreement.id, agreement.signed) && l.date.year < map.year);
        // Texts the language has no words for are left out, not printed in English.
        let mut note = if gone {
            String::new()
        } else {
            s.tr_only(
                agreement
                    .secret_part
                    .as_deref()
                    .unwrap_or(&agreement.summary),
            )
            .unwrap_or_default()
            .to_string()
        };
        for more in [
            agreement.ended.as_deref(),
            lapse.map(|l| l.note.as_str()),
            year.and_then(|y| y.note.as_deref()),
        ]
        .into_iter()
        .flatten()
        .filter_map(|t| s.tr_only(t))
        {
            end_sentence(&mut note, s);
            if !note.is_empty() {
                note.push_str(&s.plain("word_gap"));
            }
            note.push_str(more);
        }
        end_sentence(&mut note, s);
        let mut sections = vec![Section {
            heading: s.plain("key_areas"),
            entries: areas,
        }];
        if !lines.is_empty() {
            sections.push(Section {
                heading: s.plain("key_lines"),
                entries: lines,
            });
        }
        Key {
            sections,
            note,
            palette: map.palette,
        }
    }

    /// One key for several maps (the overview page): every swatch any of them needs, once.
    /// Areas keep the latest map's wording (which lists the most statuses); lines are named
    /// by the lines layer, since each agreement words them for its own date.
    pub fn for_maps(maps: &[TreatyMap<'_>]) -> Key {
        let s = maps.first().map_or(strings(Lang::En), |m| m.strings);
        let areas = area_entries(maps);
        let mut others: Vec<Entry> = Vec::new();
        let mut lines: Vec<Entry> = Vec::new();
        for map in maps {
            for entry in map.key.sections.iter().flat_map(|s| &s.entries) {
                if matches!(entry.swatch, Swatch::Area(_) | Swatch::TreatyLine(_)) {
                    continue;
                }
                match others.iter_mut().find(|e| e.swatch == entry.swatch) {
                    Some(existing) => existing.label = entry.label.clone(),
                    None => others.push(entry.clone()),
                }
            }
            for line in &map.lines {
                if !lines.iter().any(|e| e.line.as_deref() == Some(line.id)) {
                    lines.push(Entry::treaty_line(
                        line.id,
                        line.symbol,
                        s.tr(line.name).to_string(),
                    ));
                }
            }
        }
        for entry in &mut others {
            // Each map's railway entry names its year; across a series, say so once.
            if entry.swatch == Swatch::Railway {
                entry.label = s.plain("key_railway_series");
            }
        }
        lines.extend(others);
        Key {
            sections: vec![
                Section {
                    heading: s.plain("key_areas"),
                    entries: areas,
                },
                Section {
                    heading: s.plain("key_lines"),
                    entries: lines,
                },
            ],
            note: String::new(),
            palette: maps.first().map_or(Palette::COLOUR, |m| m.palette),
        }
    }
}
