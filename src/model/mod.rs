//! The join: region outlines + treaty assignments for one year → a [`TreatyMap`].
//!
//! Pure data, no I/O and no pixels. The state of each region is found by replaying, in date
//! order, the baseline, every agreement signed and every event dated up to the last day of the
//! year. Everything the later steps need to know about history is decided here — who holds what,
//! each area's colours, every text the page prints, the key — so the scene only lays it out and
//! never looks back into the dataset.

pub(crate) mod key;
pub(crate) mod palette;

use std::collections::BTreeMap;

use geo::{MultiLineString, MultiPolygon, Point};

use crate::color::Rgb;
use crate::data::geodata::{Lake, Railway, River, Role};
use crate::data::treaties::{Assignment, Date, Power, Status};
use crate::data::Dataset;
use crate::error::Result;
use key::Key;
use palette::AreaStyle;

/// What one region is on the map's date, with everything needed to draw and describe it.
#[derive(Debug, Clone)]
pub(crate) struct RegionView<'a> {
    /// Stable id from the outlines.
    pub id: &'a str,
    /// Full name.
    pub name: &'a str,
    /// The name as printed on the map (short form, upper case).
    pub map_label: String,
    /// Sphere or context.
    pub role: Role,
    /// Who holds it; `None` outside the spheres or where undefined.
    pub power: Option<&'a Power>,
    /// On what terms; `None` outside the spheres.
    pub status: Option<Status>,
    /// The note of the assignment in force.
    pub note: Option<&'a str>,
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
}

impl RegionView<'_> {
    /// One line for tooltips and screen readers: "Korea: Japanese colony".
    pub fn description(&self) -> String {
        let lapsed = if self.lapsed {
            " (agreement lapsed)"
        } else {
            ""
        };
        match (self.power, self.status) {
            (Some(power), Some(status)) => format!(
                "{}: {} {}{lapsed}",
                self.name,
                power.adjective,
                status.describe()
            ),
            (None, Some(status)) => format!("{}: {}{lapsed}", self.name, status.describe()),
            (_, None) => format!("{}: outside the spheres", self.name),
        }
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
    /// How it is stroked (dashed where its course is a reconstruction).
    pub symbol: palette::LineSymbol,
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
    /// The powers in treaty order (for keys across several maps).
    powers: &'a [Power],
}

impl<'a> TreatyMap<'a> {
    /// The arrangement in force at the end of `year`.
    pub fn for_year(dataset: &'a Dataset, year: i32) -> Result<TreatyMap<'a>> {
        let treaties = &dataset.treaties;
        let geodata = &dataset.geodata;
        let agreement = treaties.agreement_in_force(year)?;
        let as_of = Date::end_of_year(year);

        // Replay history up to the map's date; later entries replace earlier ones.
        let mut state: BTreeMap<&str, &Assignment> = BTreeMap::new();
        for a in &treaties.baseline {
            state.insert(&a.region, a);
        }
        let mut changes: Vec<(Date, &Assignment)> = Vec::new();
        for ag in treaties.agreements.iter().filter(|a| a.signed <= as_of) {
            changes.extend(ag.assignments.iter().map(|a| (ag.signed, a)));
        }
        for ev in treaties.events.iter().filter(|e| e.date <= as_of) {
            changes.push((ev.date, &ev.assignment));
        }
        // Stable sort: same-day entries keep file order.
        changes.sort_by_key(|(date, _)| *date);
        for (_, a) in changes {
            state.insert(&a.region, a);
        }

        // After the lapse, what the agreements themselves created is no longer in force; what
        // other treaties gave (annexations, leases, protectorates) stands.
        let lapse = treaties.lapse.as_ref().filter(|l| l.date <= as_of);
        let powers = &treaties.powers;
        let power_index = |id: &str| powers.iter().position(|p| p.id == id);
        let mut regions: Vec<RegionView<'a>> = geodata
            .regions
            .iter()
            .map(|region| {
                let assignment = state.get(region.id.as_str());
                let power = assignment
                    .and_then(|a| a.power.as_deref())
                    .and_then(|p| treaties.power(p));
                let status = assignment.map(|a| a.status);
                let index = power.and_then(|p| power_index(&p.id));
                let ramp =
                    index.map(|i| (i, palette::Ramp::for_power(i, powers[i].color.as_deref())));
                let lapsed = lapse.is_some()
                    && matches!(
                        status,
                        Some(Status::Sphere | Status::SpecialInterests | Status::ConcessionZone)
                    );
                let style = if lapsed {
                    AreaStyle::of_look(ramp, palette::Look::Lapsed)
                } else {
                    AreaStyle::of(ramp, status)
                };
                // Dark ink on light fills; on the darkest fills, paper-coloured text.
                let label_color = match ramp {
                    _ if style.fill.lightness() < 55.0 => palette::PAPER,
                    Some((_, r)) => r.ink,
                    None => palette::MUTED,
                };
                RegionView {
                    id: &region.id,
                    name: &region.name,
                    map_label: region
                        .label
                        .as_deref()
                        .unwrap_or(&region.name)
                        .to_uppercase(),
                    role: region.role,
                    power,
                    status,
                    note: assignment.and_then(|a| a.note.as_deref()),
                    lapsed,
                    style,
                    label_color,
                    ink: ramp.map_or(palette::MUTED, |(_, r)| r.ink),
                    geometry: &region.geometry,
                }
            })
            .collect();
        join_unions(&mut regions, dataset, as_of);

        let lines = agreement
            .lines
            .iter()
            .filter_map(|id| {
                let line = geodata.lines.iter().find(|l| &l.id == id)?;
                let given = agreement.line_labels.iter().find(|l| &l.line == id);
                let label = given.map_or(line.name.as_str(), |l| l.label.as_str());
                let tag = given
                    .and_then(|l| l.tag.as_deref())
                    .or(line.tag.as_deref())
                    .unwrap_or(line.name.as_str());
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
                    symbol: palette::LineSymbol::of(certain_before, line.uncertain),
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
                name: p.name_in(year).into_owned(),
                rank: p.rank,
                location: p.location,
            })
            .collect();

        let spheres = geodata.regions.iter().any(|r| r.role == Role::Sphere);
        let extent = geodata
            .regions
            .iter()
            .filter(|r| !spheres || r.role == Role::Sphere)
            .map(|r| &r.geometry)
            .collect();

        let old_style = agreement
            .signed_old_style
            .as_deref()
            .map(|d| format!(" ({d} O.S.)"))
            .unwrap_or_default();
        let texts = MapTexts {
            title: format!("{}, {year}", treaties.title),
            subtitle: format!(
                "{}, signed at {} on {}{old_style}",
                agreement.name, agreement.place, agreement.signed
            ),
            detail: format!(
                "Signatories: {} · Situation at the end of {year}{}.",
                join_names(&agreement.signatories),
                lapse.map(|l| format!(": {}", l.title)).unwrap_or_default()
            ),
            panel_heading: format!(
                "{year} · {}",
                agreement.short_name.as_deref().unwrap_or(&agreement.name)
            ),
            panel_date: format!("Signed {}", agreement.signed),
            series_title: treaties.title.clone(),
            series_subtitle: treaties.subtitle.clone(),
            credit: treaties.credit.clone().unwrap_or_default(),
        };

        let mut map = TreatyMap {
            year,
            as_of,
            agreement_id: &agreement.id,
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
            powers,
        };
        map.key = Key::for_map(&map, agreement, lapse);
        Ok(map)
    }

    /// The state of the region with this id.
    #[cfg(test)]
    pub fn region(&self, id: &str) -> Option<&RegionView<'a>> {
        self.regions.iter().find(|r| r.id == id)
    }
}

/// Regions whose common boundary does not exist on `day` become one unit: the first member's
/// state, the union's name and outline, in the first member's place.
fn join_unions<'a>(regions: &mut Vec<RegionView<'a>>, dataset: &'a Dataset, day: Date) {
    for (union, outline) in dataset.treaties.unions.iter().zip(&dataset.union_outlines) {
        if !union.joined_on(day) {
            continue;
        }
        let Some(first) = regions
            .iter()
            .position(|r| union.regions.iter().any(|m| m == r.id))
        else {
            continue;
        };
        let mut joined = regions[first].clone();
        joined.id = &union.id;
        joined.name = &union.name;
        joined.map_label = union.label.as_deref().unwrap_or(&union.name).to_uppercase();
        joined.geometry = outline;
        if union
            .regions
            .iter()
            .any(|m| regions.iter().any(|r| r.id == m && r.role == Role::Sphere))
        {
            joined.role = Role::Sphere;
        }
        regions[first] = joined;
        let mut index = 0;
        regions.retain(|r| {
            index += 1;
            index - 1 == first || !union.regions.iter().any(|m| m == r.id)
        });
    }
}

/// "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
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
        ] {
            assert_eq!(
                TreatyMap::for_year(&data, year).unwrap().agreement_id,
                id,
                "{year}"
            );
        }
        assert!(TreatyMap::for_year(&data, 1906).is_err());
        assert!(TreatyMap::for_year(&data, 1918).is_err());
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
