//! The join: region outlines + treaty assignments for one year → a [`TreatyMap`].
//!
//! Pure data, no I/O and no pixels. The state of each region is found by replaying, in date
//! order, the baseline, every agreement signed and every event dated up to the last day of the
//! year. Everything the later steps need to know about history is decided here — who holds what,
//! each area's colours, every text the page prints, the key — so the scene only lays it out and
//! never looks back into the dataset.

pub(crate) mod key;
mod lettering;
pub(crate) mod palette;
pub(crate) mod strings;
mod texts;

use std::collections::BTreeMap;

use geo::{MultiLineString, MultiPolygon, Point};
use rayon::prelude::*;

use crate::color::Rgb;
use crate::data::geodata::{Lake, Railway, Region, River, Role};
use crate::data::treaties::{Agreement, Assignment, Date, Power, Status};
use crate::data::Dataset;
use crate::error::Result;
use crate::options::{Lang, Style};
use key::Key;
use palette::{AreaStyle, LineSymbol, Look, Palette, MUTED, PAPER};
use strings::Strings;

/// What one region is on the map's date, with everything needed to draw and describe it.
#[derive(Debug, Clone)]
pub(crate) struct RegionView<'a> {
    /// Stable id from the outlines.
    pub id: &'a str,
    /// Full name.
    pub name: &'a str,
    /// The name as printed on the map (short form, upper case; in black and white with its
    /// holder's mark).
    pub map_label: String,
    /// The holder's mark added to `map_label` ("(J)"); only in black and white.
    pub mark: Option<String>,
    /// Sphere or context.
    pub role: Role,
    /// Who holds it; `None` outside the spheres or where undefined.
    pub power: Option<&'a Power>,
    /// The power's adjective on the map's date ("Russian" in 1912, "Soviet" in 1930).
    pub adjective: &'a str,
    /// On what terms; `None` outside the spheres.
    pub status: Option<Status>,
    /// The note of the assignment in force.
    pub note: Option<&'a str>,
    /// The day that assignment took effect; `None` for the baseline (the state before 1905).
    pub since: Option<Date>,
    /// The agreement that made the assignment; `None` for the baseline and dated events.
    pub set_by: Option<&'a Agreement>,
    /// Held under an agreement that has lapsed by the map's date.
    pub lapsed: bool,
    /// Fill and hatching.
    pub style: AreaStyle,
    /// Ink for its name on the map.
    pub label_color: Rgb,
    /// Ink for its name outside it (a callout over other fills): the power's ink.
    pub ink: Rgb,
    /// Outline in lon/lat.
    pub geometry: &'a MultiPolygon<f64>,
    /// The words of the map's language.
    pub strings: &'static Strings,
}

impl RegionView<'_> {
    /// One line for tooltips and screen readers, in the map's language: "Korea: Japanese
    /// colony".
    pub fn description(&self) -> String {
        let s = self.strings;
        let lapsed = if self.lapsed {
            s.plain("description_lapsed")
        } else {
            String::new()
        };
        let what = match (self.power, self.status) {
            (Some(_), Some(status)) => s.fill(
                "key_area",
                &[("power", self.adjective), ("status", &s.status(status))],
            ),
            (None, Some(status)) => s.status(status),
            (_, None) => s.status(Status::Outside),
        };
        format!("{}: {what}{lapsed}", self.name)
    }

    /// Words for a CSS class: `power-japan status-colony` (and `lapsed`).
    pub fn classes(&self) -> String {
        let power = self.power.map_or("none", |p| p.id.as_str());
        let status = self.status.map_or("none", Status::key);
        let lapsed = if self.lapsed { " lapsed" } else { "" };
        format!("power-{power} status-{status}{lapsed}")
    }
}

/// A demarcation line in force.
#[derive(Debug, Clone)]
pub(crate) struct LineView<'a> {
    /// Stable id from the lines layer.
    pub id: &'a str,
    /// The line's own name (the key of a series uses it).
    pub name: &'a str,
    /// Key text, as the agreement in force words it.
    pub label: &'a str,
    /// Tag printed beside the line.
    pub tag: &'a str,
    /// Its course is a reconstruction.
    pub uncertain: bool,
    /// How it is stroked (dashed where its course is a reconstruction).
    pub symbol: LineSymbol,
    /// Course in lon/lat.
    pub geometry: &'a MultiLineString<f64>,
}

/// A place to label, under its name of the year.
#[derive(Debug, Clone)]
pub(crate) struct PlaceView<'a> {
    /// Stable id.
    pub id: &'a str,
    /// The name to print.
    pub name: String,
    /// The modern name, if the data gives one (for exports).
    pub modern: Option<&'a str>,
    /// 1 = always labelled, 2 = if room, 3 = minor.
    pub rank: u8,
    /// Position in lon/lat.
    pub location: Point<f64>,
}

/// Every text a page of this map prints, worded here so the layout only places it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MapTexts {
    /// "Spheres of influence in North-East Asia, 1912".
    pub title: String,
    /// The agreement, where and when it was signed.
    pub subtitle: String,
    /// Signatories and the date the map shows.
    pub detail: String,
    /// Heading of this map's panel on an overview page: "1907 · First agreement".
    pub panel_heading: String,
    /// The second line of that heading: the date of signature.
    pub panel_date: String,
    /// Title of a series of these maps (without a year).
    pub series_title: String,
    /// Subtitle of a series.
    pub series_subtitle: Option<String>,
    /// The data's credit line.
    pub credit: String,
}

/// The arrangement in force in one year, fully resolved.
#[derive(Debug, Clone)]
pub(crate) struct TreatyMap<'a> {
    /// The year asked for.
    pub year: i32,
    /// The day the map shows (31 December of the year).
    pub as_of: Date,
    /// Id of the agreement in force.
    pub agreement_id: &'a str,
    /// The agreement in force (its date, place, parties and parts, for the interactive page).
    pub agreement: &'a Agreement,
    /// Titles and credit.
    pub texts: MapTexts,
    /// Every region, in file order.
    pub regions: Vec<RegionView<'a>>,
    /// The lines of the agreement in force.
    pub lines: Vec<LineView<'a>>,
    /// Railways open by the end of the year.
    pub railways: Vec<&'a Railway>,
    /// Places, named as in that year.
    pub places: Vec<PlaceView<'a>>,
    /// Rivers.
    pub rivers: &'a [River],
    /// Lakes.
    pub lakes: &'a [Lake],
    /// The outlines every map of the data is fitted to (the sphere regions, whatever the year,
    /// so every map of a series has the same extent; all regions if none is a sphere).
    pub extent: Vec<&'a MultiPolygon<f64>>,
    /// The lon/lat box the data covers (west, south, east, north).
    pub coverage: [f64; 4],
    /// The key for this map alone.
    pub key: Key,
    /// The words of that language.
    pub strings: &'static Strings,
    /// Colour or black and white, with the colours of water, borders and neutral land.
    pub palette: Palette,
    /// The powers in treaty order (for keys across several maps).
    powers: &'a [Power],
}

impl<'a> TreatyMap<'a> {
    /// The arrangement in force at the end of `year`, in English and in colour.
    #[cfg(test)]
    pub fn for_year(dataset: &'a Dataset, year: i32) -> Result<TreatyMap<'a>> {
        TreatyMap::for_year_in(dataset, year, Lang::En, Style::Colour)
    }

    /// The arrangement in force at the end of `year`, every text in `lang`, drawn in `style`.
    pub fn for_year_in(
        dataset: &'a Dataset,
        year: i32,
        lang: Lang,
        style: Style,
    ) -> Result<TreatyMap<'a>> {
        let strings = strings::strings(lang);
        let palette = Palette::of(style);
        let treaties = &dataset.treaties;
        let geodata = &dataset.geodata;
        let agreement = treaties.agreement_in_force(year)?;
        let as_of = Date::end_of_year(year);

        // Replay history up to the map's date; later entries replace earlier ones. Each state
        // keeps the day it was set and the agreement that set it, for the lapse.
        let mut state: BTreeMap<&str, Source<'a>> = BTreeMap::new();
        for a in &treaties.baseline {
            state.insert(&a.region, (None, None, a));
        }
        let mut changes: Vec<Source<'a>> = Vec::new();
        for ag in treaties.agreements.iter().filter(|a| a.signed <= as_of) {
            changes.extend(
                ag.assignments
                    .iter()
                    .map(|a| (Some(ag.signed), Some(ag), a)),
            );
        }
        for ev in treaties.events.iter().filter(|e| e.date <= as_of) {
            changes.push((Some(ev.date), None, &ev.assignment));
        }
        // Stable sort: same-day entries keep file order.
        changes.sort_by_key(|(date, _, _)| *date);
        for change in changes {
            state.insert(&change.2.region, change);
        }

        // After the lapse, what the lapsed agreements created is no longer in force, and so is
        // any sphere or special interest set before it (only those agreements made them); what
        // other treaties gave (annexations, leases, protectorates, the railway contracts) stands,
        // and so does whatever happened after the lapse.
        let lapse = treaties.lapse.as_ref().filter(|l| l.date <= as_of);
        let powers = &treaties.powers;
        let power_index = |id: &str| powers.iter().position(|p| p.id == id);
        let mut regions: Vec<RegionView<'a>> = geodata
            .regions
            .iter()
            .map(|region| {
                let source = state.get(region.id.as_str());
                let assignment = source.map(|s| s.2);
                let held = assignment.filter(|a| a.status != Status::Outside);
                let power = held
                    .and_then(|a| a.power.as_deref())
                    .and_then(|p| treaties.power(p));
                let status = held.map(|a| a.status);
                let index = power.and_then(|p| power_index(&p.id));
                let ramp = index.map(|i| (i, palette.ramp(i, powers[i].color.as_deref())));
                let lapsed = match (lapse, source, status) {
                    (Some(l), Some(&(set, by, _)), Some(status)) => {
                        set.is_none_or(|d| d < l.date)
                            && (by.is_some_and(|ag| l.covers(&ag.id, ag.signed))
                                || matches!(status, Status::Sphere | Status::SpecialInterests))
                    }
                    _ => false,
                };
                let style = if lapsed {
                    AreaStyle::of_look(&palette, ramp, Look::Lapsed)
                } else {
                    AreaStyle::of(&palette, ramp, status)
                };
                // Dark ink on light fills; on the darkest fills, paper-coloured text.
                let label_color = match ramp {
                    _ if style.fill.lightness() < 55.0 => PAPER,
                    Some((_, r)) => r.ink,
                    None => MUTED,
                };
                // A power's own land takes the power's name of the period (Soviet Union).
                let own = powers.iter().find(|p| {
                    p.home.as_deref() == Some(region.id.as_str()) && !p.periods.is_empty()
                });
                let english: &'a str = match own {
                    Some(p) => p
                        .period_on(as_of)
                        .map_or(p.name.as_str(), |n| n.name.as_str()),
                    None => &region.name,
                };
                // Other languages: the data's own name, else a translation of the English.
                let name: &'a str = match (own, region.names.get(lang.code())) {
                    (None, Some(local)) if lang != Lang::En => local,
                    _ => strings.tr(english),
                };
                let label = match own {
                    // An empty label: land never named on the map (several countries as one).
                    None if region.label.as_deref() == Some("") => "",
                    _ if lang != Lang::En => name,
                    Some(_) => name,
                    None => region.label.as_deref().unwrap_or(&region.name),
                };
                RegionView {
                    id: &region.id,
                    name,
                    map_label: label.to_uppercase(),
                    mark: None,
                    role: region.role,
                    power,
                    // A lapsed area is named as when it was made: a Russian, not a Soviet, sphere.
                    adjective: power.map_or("", |p| {
                        let named_on = match (lapsed, source) {
                            (true, Some(&(Some(set), _, _))) => set,
                            _ => as_of,
                        };
                        strings.tr(p.adjective_on(named_on))
                    }),
                    status,
                    note: assignment.and_then(|a| a.note.as_deref()),
                    since: source.and_then(|s| s.0),
                    set_by: source.and_then(|s| s.1),
                    lapsed,
                    style,
                    label_color,
                    ink: ramp.map_or(MUTED, |(_, r)| r.ink),
                    geometry: &region.geometry,
                    strings,
                }
            })
            .collect();
        join_unions(&mut regions, dataset, as_of, lang);
        if style == Style::Mono {
            lettering::letter(&mut regions, dataset, strings);
        }

        let year_note = treaties.year_note(year);
        let year_lines = year_note.map_or(&[][..], |y| y.lines.as_slice());
        // A year after the lapse with no new agreement draws none of the lapsed lines.
        let lapsed_agreement = lapse.filter(|l| l.covers(&agreement.id, agreement.signed));
        let gone = lapsed_agreement.is_some_and(|l| l.date.year < year);
        let agreement_lines = if gone {
            &[][..]
        } else {
            agreement.lines.as_slice()
        };
        let lines = agreement_lines
            .iter()
            .chain(year_lines.iter().filter(|l| !agreement.lines.contains(l)))
            .filter_map(|id| {
                let line = geodata.lines.iter().find(|l| &l.id == id)?;
                let given = agreement.line_labels.iter().find(|l| &l.line == id);
                let label = strings.tr(given.map_or(line.name.as_str(), |l| l.label.as_str()));
                let tag = strings.tr(given
                    .and_then(|l| l.tag.as_deref())
                    .or(line.tag.as_deref())
                    .unwrap_or(line.name.as_str()));
                // Symbols follow the lines layer, so a line looks the same on every map.
                let certain_before = geodata
                    .lines
                    .iter()
                    .take_while(|l| l.id != line.id)
                    .filter(|l| !l.uncertain)
                    .count();
                Some(LineView {
                    id: &line.id,
                    name: &line.name,
                    label,
                    tag,
                    uncertain: line.uncertain,
                    symbol: LineSymbol::of(certain_before, line.uncertain),
                    geometry: &line.geometry,
                })
            })
            .collect();

        let railways = geodata
            .railways
            .iter()
            .filter(|r| r.opened.is_none_or(|y| y <= year))
            .collect();

        let places = geodata
            .places
            .iter()
            .filter(|p| p.exists_in(year))
            .map(|p| PlaceView {
                id: &p.id,
                name: match p.names.get(lang.code()) {
                    Some(local) if lang != Lang::En => local.clone(),
                    _ => p.name_in(year).into_owned(),
                },
                modern: p.modern.as_deref(),
                rank: p.rank,
                location: p.location,
            })
            .collect();

        // A part counts as its parent does, so cutting a region up never moves the frame.
        let spheres = geodata.regions.iter().any(|r| r.role == Role::Sphere);
        let role_of = |r: &Region| {
            r.part_of
                .as_deref()
                .and_then(|p| geodata.region(p))
                .map_or(r.role, |parent| parent.role)
        };
        let extent = geodata
            .regions
            .iter()
            .filter(|r| !spheres || role_of(r) == Role::Sphere)
            .map(|r| &r.geometry)
            .collect();

        let texts = texts::for_year(strings, treaties, agreement, year, lapse, lapsed_agreement);

        let mut map = TreatyMap {
            year,
            as_of,
            agreement_id: &agreement.id,
            agreement,
            texts,
            regions,
            lines,
            railways,
            places,
            rivers: &geodata.rivers,
            lakes: &geodata.lakes,
            extent,
            coverage: dataset.coverage,
            key: Key::default(),
            strings,
            palette,
            powers,
        };
        map.key = Key::for_map(&map, agreement, lapse, year_note);
        Ok(map)
    }

    /// The state of the region with this id.
    #[cfg(test)]
    pub fn region(&self, id: &str) -> Option<&RegionView<'a>> {
        self.regions.iter().find(|r| r.id == id)
    }
}

/// A region's state: the day it was set (none for the baseline), the agreement that set it (if
/// one did) and the assignment.
type Source<'a> = (Option<Date>, Option<&'a Agreement>, &'a Assignment);

/// Regions whose common boundary does not exist on `day` become one unit: the first member's
/// state, the union's name and outline, in the first member's place.
fn join_unions<'a>(regions: &mut Vec<RegionView<'a>>, dataset: &'a Dataset, day: Date, lang: Lang) {
    // The outlines this day needs, joined on every core at once: with detailed outlines,
    // joining is a good part of a map's time.
    let needed: Vec<usize> = (dataset.treaties.unions.iter().enumerate())
        .filter(|(_, union)| union.joined_on(day))
        .map(|(index, _)| index)
        .collect();
    needed.par_iter().for_each(|&index| {
        dataset.union_outline(index);
    });
    for (index, union) in dataset.treaties.unions.iter().enumerate() {
        if !union.joined_on(day) {
            continue;
        }
        let outline = dataset.union_outline(index);
        let Some(first) = regions
            .iter()
            .position(|r| union.regions.iter().any(|m| m == r.id))
        else {
            continue;
        };
        let mut joined = regions[first].clone();
        joined.id = &union.id;
        // A power's own land keeps the power's name of the period.
        let home = dataset
            .treaties
            .powers
            .iter()
            .any(|p| p.home.as_deref() == Some(regions[first].id) && !p.periods.is_empty());
        if !home {
            let strings = strings::strings(lang);
            joined.name = strings.tr_on(&union.name, day.year);
            joined.map_label = match lang {
                Lang::En => union.label.as_deref().unwrap_or(&union.name),
                _ => joined.name,
            }
            .to_uppercase();
        }
        joined.geometry = outline;
        // The unit plays its first region's part: Japan with the Kurils is still context land.
        regions[first] = joined;
        let mut index = 0;
        regions.retain(|r| {
            index += 1;
            index - 1 == first || !union.regions.iter().any(|m| m == r.id)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn power_of(map: &TreatyMap<'_>, id: &str) -> Option<String> {
        map.region(id).and_then(|r| r.power).map(|p| p.id.clone())
    }

    #[test]
    fn history_is_replayed_to_the_end_of_the_year() {
        let data = Dataset::embedded().unwrap();
        let m1907 = TreatyMap::for_year(&data, 1907).unwrap();
        assert_eq!(m1907.agreement_id, "1907");
        assert_eq!(power_of(&m1907, "korea").as_deref(), Some("japan"));
        assert_eq!(
            m1907.region("korea").unwrap().status,
            Some(Status::Protectorate)
        );
        // Korea was annexed seven weeks after the 1910 agreement.
        let m1910 = TreatyMap::for_year(&data, 1910).unwrap();
        assert_eq!(m1910.region("korea").unwrap().status, Some(Status::Colony));
        let m1909 = TreatyMap::for_year(&data, 1909).unwrap();
        assert_eq!(
            m1909.region("korea").unwrap().status,
            Some(Status::Protectorate)
        );
    }

    #[test]
    fn year_maps_to_agreement() {
        let data = Dataset::embedded().unwrap();
        for (year, id) in [
            (1907, "1907"),
            (1909, "1907"),
            (1910, "1910"),
            (1911, "1910"),
            (1912, "1912"),
            (1915, "1912"),
            (1916, "1916"),
            (1917, "1916"),
            (1905, "1905"),
            (1906, "1905"),
            (1924, "1916"),
            (1925, "1925"),
            (1941, "1941"),
            (1945, "1945"),
        ] {
            assert_eq!(
                TreatyMap::for_year(&data, year).unwrap().agreement_id,
                id,
                "{year}"
            );
        }
        assert!(TreatyMap::for_year(&data, 1904).is_err());
        assert!(TreatyMap::for_year(&data, 1946).is_err());
    }

    #[test]
    fn regions_describe_themselves() {
        let data = Dataset::embedded().unwrap();
        let map = TreatyMap::for_year(&data, 1910).unwrap();
        let korea = map.region("korea").unwrap();
        assert_eq!(korea.description(), "Korea: Japanese colony");
        assert_eq!(korea.classes(), "power-japan status-colony");
    }
}
