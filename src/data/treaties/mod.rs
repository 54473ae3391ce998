//! The treaty file: powers, agreements, the regions each assigns, and dated changes of status.
//!
//! It is TOML edited by hand, so loading is strict: unknown fields, duplicate ids, agreements on
//! the same day and an unknown power are errors that name the file and the entry.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::data::{budget, printable};
use crate::error::{Error, Result};

/// One region's power and status, from an agreement, the baseline or an event.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// Region id from the outlines file.
    pub region: String,
    /// Power id; none for an undefined area.
    pub power: Option<String>,
    /// What the power holds there.
    pub status: Status,
    /// Short explanation (for exports).
    pub note: Option<String>,
}

/// The label an agreement gives one of its lines.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineLabel {
    /// Line id from the lines file.
    pub line: String,
    /// Legend text.
    pub label: String,
    /// Short tag printed beside the line on the map (default: the line's own tag).
    pub tag: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgreement {
    id: String,
    name: String,
    short_name: Option<String>,
    signed: toml::value::Datetime,
    signed_old_style: Option<String>,
    place: String,
    signatories: Vec<String>,
    public_part: Option<String>,
    secret_part: Option<String>,
    summary: String,
    ended: Option<String>,
    series: Option<bool>,
    #[serde(default)]
    lines: Vec<String>,
    #[serde(default)]
    line_labels: Vec<LineLabel>,
    #[serde(default)]
    assignments: Vec<Assignment>,
    #[serde(default)]
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    date: toml::value::Datetime,
    region: String,
    power: Option<String>,
    status: Status,
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTreatyFile {
    title: String,
    subtitle: Option<String>,
    first_year: i32,
    last_year: i32,
    credit: Option<String>,
    powers: Vec<Power>,
    #[serde(default)]
    baseline: Vec<Assignment>,
    agreements: Vec<RawAgreement>,
    #[serde(default)]
    events: Vec<RawEvent>,
    #[serde(default)]
    unions: Vec<dated::RawUnion>,
    lapse: Option<dated::RawLapse>,
    #[serde(default)]
    years: Vec<YearNote>,
}

/// What the file says about one year's map beyond its agreement: what changed, and where
/// historians disagree.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearNote {
    /// The year.
    pub year: i32,
    /// What changed that year, for the title ("Manchukuo proclaimed, 1 March").
    pub caption: String,
    /// A sentence for the key's paragraph.
    pub note: Option<String>,
    /// Lines shown that year besides the agreement's (a frontier held, a line of occupation).
    #[serde(default)]
    pub lines: Vec<String>,
}

/// One agreement.
#[derive(Debug, Clone)]
pub struct Agreement {
    /// Stable id, e.g. "1912".
    pub id: String,
    /// Name, e.g. "Third Russo-Japanese Agreement".
    pub name: String,
    /// A short name for panel headings, e.g. "Third agreement".
    pub short_name: Option<String>,
    /// Date of signature (New Style).
    pub signed: Date,
    /// Date of signature in the Russian Old Style calendar, as text.
    pub signed_old_style: Option<String>,
    /// Place of signature.
    pub place: String,
    /// Signatories with their country.
    pub signatories: Vec<String>,
    /// What was published.
    #[allow(dead_code)] // checked on load; for exports that carry every property
    pub public_part: Option<String>,
    /// What was secret.
    pub secret_part: Option<String>,
    /// One-line summary for `list`.
    pub summary: String,
    /// How and when it ended, if known.
    pub ended: Option<String>,
    /// Whether `--all` draws it (when no agreement says, all are drawn).
    pub series: Option<bool>,
    /// Ids of the lines in force under this agreement.
    pub lines: Vec<String>,
    /// Legend labels for those lines.
    pub line_labels: Vec<LineLabel>,
    /// Regions it assigns.
    pub assignments: Vec<Assignment>,
    /// Source tags.
    #[allow(dead_code)] // checked on load; for exports that carry every property
    pub sources: Vec<String>,
}

/// A dated change of status between agreements (an annexation, a protectorate).
#[derive(Debug, Clone)]
pub struct Event {
    /// When it took effect.
    pub date: Date,
    /// The new state of the region.
    pub assignment: Assignment,
}

/// The whole treaty file, checked.
#[derive(Debug, Clone)]
pub struct Treaties {
    /// Map title.
    pub title: String,
    /// Optional subtitle for series pages.
    pub subtitle: Option<String>,
    /// First year a map can be drawn for.
    pub first_year: i32,
    /// Last year a map can be drawn for.
    pub last_year: i32,
    /// Credit line printed on the map.
    pub credit: Option<String>,
    /// The powers, in file order.
    pub powers: Vec<Power>,
    /// State before the first agreement.
    pub baseline: Vec<Assignment>,
    /// Agreements in date order.
    pub agreements: Vec<Agreement>,
    /// Changes between agreements, in date order.
    pub events: Vec<Event>,
    /// Regions drawn as one while the boundary between them does not exist.
    pub unions: Vec<Union>,
    /// When the agreements lapsed, if they did within the years drawn.
    pub lapse: Option<Lapse>,
    /// Captions and notes by year.
    pub years: Vec<YearNote>,
}

impl Treaties {
    /// Parses and checks a treaty file. `file` names it in error messages.
    pub fn from_toml_str(text: &str, file: &str) -> Result<Treaties> {
        Treaties::parse(text, file, true)
    }

    /// The bundled treaty file, without the pass that reads it a second time to check every
    /// string: a test runs that pass on it.
    pub(crate) fn bundled() -> Result<Treaties> {
        Treaties::parse(crate::data::embedded::TREATIES, "treaties.toml", false)
    }

    fn parse(text: &str, file: &str, check_every_string: bool) -> Result<Treaties> {
        let raw: RawTreatyFile = toml::from_str(text).map_err(|err| {
            let (line, column) = err
                .span()
                .map(|span| line_and_column(text, span.start))
                .unwrap_or((1, 1));
            Error::Syntax {
                file: file.to_string(),
                message: printable(&err.message().trim().replace('\n', " ")).into_owned(),
                line,
                column,
            }
        })?;
        let invalid = |message: String| Error::invalid(file, message);
        // Every string, whatever its field, must be printable (see `check_text`).
        if check_every_string {
            let table: toml::Table =
                toml::from_str(text).map_err(|e| invalid(e.message().to_string()))?;
            check_strings(&toml::Value::Table(table), "", &mut String::new())
                .map_err(|(at, m)| invalid(format!("{at}: {m}")))?;
        }
        // Ids end up in messages, SVG attributes and exports: one safe alphabet for all.
        let id = |what: &str, id: &str| -> Result<()> {
            check_id(id).map_err(|m| invalid(format!("{what} '{}': {m}", printable(id))))
        };

        if raw.first_year > raw.last_year {
            return Err(invalid(format!(
                "first_year {} is after last_year {}",
                raw.first_year, raw.last_year
            )));
        }
        // TOML dates have four-digit years; so do the years a map can be drawn for.
        for (key, year) in [("first_year", raw.first_year), ("last_year", raw.last_year)] {
            if !(1..=9999).contains(&year) {
                return Err(invalid(format!(
                    "{key} {year} is not a year from 1 to 9999"
                )));
            }
        }
        let span = raw.last_year - raw.first_year + 1;
        if span > budget::MAX_YEAR_SPAN {
            return Err(invalid(format!(
                "first_year {} to last_year {} is {span} years; the limit is {}",
                raw.first_year,
                raw.last_year,
                budget::MAX_YEAR_SPAN
            )));
        }
        let assignments = raw.baseline.len()
            + raw
                .agreements
                .iter()
                .map(|a| a.assignments.len())
                .sum::<usize>()
            + raw.events.len();
        budget::check_count(raw.powers.len(), budget::MAX_POWERS, "powers")
            .and_then(|()| {
                budget::check_count(raw.agreements.len(), budget::MAX_AGREEMENTS, "agreements")
            })
            .and_then(|()| budget::check_count(raw.events.len(), budget::MAX_EVENTS, "events"))
            .and_then(|()| {
                budget::check_count(
                    assignments,
                    budget::MAX_ASSIGNMENTS,
                    "region assignments (baseline, agreements and events together)",
                )
            })
            .map_err(|m| invalid(format!("the file {m}")))?;
        let mut power_ids = BTreeSet::new();
        let mut powers = raw.powers;
        for power in &mut powers {
            power
                .check_periods()
                .map_err(|m| invalid(format!("power '{}': {m}", printable(&power.id))))?;
        }
        for power in &powers {
            id("power", &power.id)?;
            if let Some(home) = &power.home {
                id(&format!("power '{}': home", power.id), home)?;
            }
            if !power_ids.insert(power.id.as_str()) {
                return Err(invalid(format!("power '{}' is defined twice", power.id)));
            }
            if let Some(mark) = &power.mark {
                // Short letters, or the names they follow would no longer fit the map.
                let letters = mark.chars().count();
                if !(1..=4).contains(&letters) || !mark.chars().all(char::is_alphanumeric) {
                    return Err(invalid(format!(
                        "power '{}': mark '{}' must be one to four letters",
                        power.id,
                        printable(mark)
                    )));
                }
            }
            if let Some(color) = &power.color {
                crate::color::Rgb::parse_hex(color).ok_or_else(|| {
                    invalid(format!(
                        "power '{}': colour '{color}' is not of the form #rrggbb",
                        power.id
                    ))
                })?;
            }
        }
        let check_assignment = |a: &Assignment, context: &str| -> Result<()> {
            id(&format!("{context}: region"), &a.region)?;
            match &a.power {
                Some(p) if !power_ids.contains(p.as_str()) => Err(invalid(format!(
                    "{context}: region '{}' is given to unknown power '{}'",
                    a.region,
                    printable(p)
                ))),
                Some(p) if !a.status.needs_power() => Err(invalid(format!(
                    "{context}: region '{}' is '{}' but names power '{}'",
                    a.region,
                    a.status.key(),
                    printable(p)
                ))),
                None if a.status.needs_power() => Err(invalid(format!(
                    "{context}: region '{}' has status '{}' but no power",
                    a.region,
                    a.status.key()
                ))),
                _ => Ok(()),
            }
        };
        for a in &raw.baseline {
            check_assignment(a, "baseline")?;
        }

        let mut agreements = Vec::with_capacity(raw.agreements.len());
        let mut agreement_ids = BTreeSet::new();
        for a in raw.agreements {
            id("agreement", &a.id)?;
            let context = format!("agreement '{}'", a.id);
            for line in &a.lines {
                id(&format!("{context}: line"), line)?;
            }
            let signed = Date::from_toml(&a.signed)
                .ok_or_else(|| invalid(format!("{context}: 'signed' must be a plain date")))?;
            if !agreement_ids.insert(a.id.clone()) {
                return Err(invalid(format!("{context} is defined twice")));
            }
            for assignment in &a.assignments {
                check_assignment(assignment, &context)?;
            }
            let lines: BTreeSet<&str> = a.lines.iter().map(String::as_str).collect();
            for label in &a.line_labels {
                if !lines.contains(label.line.as_str()) {
                    return Err(invalid(format!(
                        "{context}: a label is given for line '{}', which the agreement does not list",
                        printable(&label.line)
                    )));
                }
            }
            agreements.push(Agreement {
                id: a.id,
                name: a.name,
                short_name: a.short_name,
                signed,
                signed_old_style: a.signed_old_style,
                place: a.place,
                signatories: a.signatories,
                public_part: a.public_part,
                secret_part: a.secret_part,
                summary: a.summary,
                ended: a.ended,
                series: a.series,
                lines: a.lines,
                line_labels: a.line_labels,
                assignments: a.assignments,
                sources: a.sources,
            });
        }
        if agreements.is_empty() {
            return Err(invalid("the file has no agreements".to_string()));
        }
        agreements.sort_by_key(|a| a.signed);
        for pair in agreements.windows(2) {
            if pair[0].signed == pair[1].signed {
                return Err(invalid(format!(
                    "agreements '{}' and '{}' are both dated {}",
                    pair[0].id, pair[1].id, pair[0].signed
                )));
            }
        }
        if agreements[0].signed.year > raw.first_year {
            return Err(invalid(format!(
                "first_year is {} but the first agreement was signed in {}",
                raw.first_year, agreements[0].signed.year
            )));
        }
        if let Some(late) = agreements.iter().find(|a| a.signed.year > raw.last_year) {
            return Err(invalid(format!(
                "agreement '{}' was signed in {}, after last_year {}: no map could show it",
                late.id, late.signed.year, raw.last_year
            )));
        }

        let mut events = Vec::with_capacity(raw.events.len());
        for e in raw.events {
            id("event: region", &e.region)?;
            let date = Date::from_toml(&e.date).ok_or_else(|| {
                invalid(format!(
                    "event for region '{}': 'date' must be a plain date",
                    e.region
                ))
            })?;
            let assignment = Assignment {
                region: e.region,
                power: e.power,
                status: e.status,
                note: e.note,
            };
            check_assignment(&assignment, &format!("event of {date}"))?;
            events.push(Event { date, assignment });
        }
        events.sort_by_key(|e| e.date);
        let unions = dated::unions(raw.unions).map_err(invalid)?;
        let lapse = dated::lapse(raw.lapse).map_err(invalid)?;
        if let Some(l) = &lapse {
            for a in l.agreements.iter().flatten() {
                if !agreement_ids.contains(a) {
                    return Err(invalid(format!(
                        "lapse: agreement '{}' is not in the file",
                        printable(a)
                    )));
                }
            }
        }
        let mut years = raw.years;
        years.sort_by_key(|y| y.year);
        for pair in years.windows(2) {
            if pair[0].year == pair[1].year {
                return Err(invalid(format!("year {} is given twice", pair[0].year)));
            }
        }
        for y in &years {
            for line in &y.lines {
                id(&format!("year {}: line", y.year), line)?;
            }
        }
        if let Some(y) = years
            .iter()
            .find(|y| !(raw.first_year..=raw.last_year).contains(&y.year))
        {
            return Err(invalid(format!(
                "year {} is outside first_year..last_year",
                y.year
            )));
        }

        Ok(Treaties {
            title: raw.title,
            subtitle: raw.subtitle,
            first_year: raw.first_year,
            last_year: raw.last_year,
            credit: raw.credit,
            powers,
            baseline: raw.baseline,
            agreements,
            events,
            unions,
            lapse,
            years,
        })
    }

    /// The agreement in force in `year`: the latest one signed in or before that year.
    pub fn agreement_in_force(&self, year: i32) -> Result<&Agreement> {
        let first = self.agreements[0].signed.year.max(self.first_year);
        if year < first || year > self.last_year {
            return Err(Error::YearOutOfRange {
                year,
                first,
                last: self.last_year,
            });
        }
        Ok(self
            .agreements
            .iter()
            .rev()
            .find(|a| a.signed.year <= year)
            .expect("the first agreement is signed no later than first_year"))
    }

    /// The caption and note the file gives `year`, if any.
    pub fn year_note(&self, year: i32) -> Option<&YearNote> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The agreements a series draws: those marked `series = true`, or all if none is marked.
    pub fn series(&self) -> impl Iterator<Item = &Agreement> {
        let marked = self.agreements.iter().any(|a| a.series.is_some());
        self.agreements
            .iter()
            .filter(move |a| !marked || a.series == Some(true))
    }

    /// The power with this id.
    pub fn power(&self, id: &str) -> Option<&Power> {
        self.powers.iter().find(|p| p.id == id)
    }

    /// Every region id the file mentions, with where it is mentioned.
    pub fn referenced_regions(&self) -> Vec<(&str, String)> {
        let mut out: Vec<(&str, String)> = Vec::new();
        out.extend(
            self.baseline
                .iter()
                .map(|a| (a.region.as_str(), "baseline".to_string())),
        );
        for agreement in &self.agreements {
            out.extend(
                agreement
                    .assignments
                    .iter()
                    .map(|a| (a.region.as_str(), format!("agreement '{}'", agreement.id))),
            );
        }
        out.extend(
            self.events
                .iter()
                .map(|e| (e.assignment.region.as_str(), format!("event of {}", e.date))),
        );
        for union in &self.unions {
            out.extend(
                union
                    .regions
                    .iter()
                    .map(|r| (r.as_str(), format!("union '{}'", union.id))),
            );
        }
        out
    }
}

mod dated;
mod kinds;
mod text;
pub use dated::{Lapse, Union};
pub use kinds::{Date, Power, Status};
use text::check_strings;
pub(crate) use text::{check_id, line_and_column};

#[cfg(test)]
mod tests;
