//! What the treaty file says about time beyond agreements and events: boundaries that did not
//! exist yet (or no longer), and the day the agreements lapsed.

use serde::Deserialize;

use super::{check_id, Date};
use crate::data::printable;

/// Regions drawn, labelled and exported as one unit while the boundary between them does not
/// exist: before `until` (the day it was drawn), or from `from` (the day it ceased to matter).
#[derive(Debug, Clone)]
pub struct Union {
    /// Id of the joined unit, e.g. `inner_mongolia`.
    pub id: String,
    /// Its name, e.g. "Inner Mongolia".
    pub name: String,
    /// Short map label, when the name is too long to print.
    pub label: Option<String>,
    /// The regions it joins, in the order their states are read (the first one's counts).
    pub regions: Vec<String>,
    /// Joined from this day on.
    pub from: Option<Date>,
    /// Joined before this day.
    pub until: Option<Date>,
}

impl Union {
    /// Whether the regions are one unit on `day`.
    pub fn joined_on(&self, day: Date) -> bool {
        self.from.is_none_or(|f| day >= f) && self.until.is_none_or(|u| day < u)
    }
}

/// The day the agreements stopped binding, and what a map after it says.
#[derive(Debug, Clone)]
pub struct Lapse {
    /// From this day the areas the agreements assigned are drawn as no longer in force.
    pub date: Date,
    /// A clause for the title line: "the agreements lapsed with …".
    pub title: String,
    /// A sentence for the key's paragraph on the agreement.
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawUnion {
    id: String,
    name: String,
    label: Option<String>,
    regions: Vec<String>,
    from: Option<toml::value::Datetime>,
    until: Option<toml::value::Datetime>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLapse {
    date: toml::value::Datetime,
    title: String,
    note: String,
}

fn date(value: &toml::value::Datetime, what: &str) -> Result<Date, String> {
    Date::from_toml(value).ok_or_else(|| format!("{what} must be a plain date"))
}

/// Checks the unions: safe ids, at least two regions each, every region in one union at most,
/// and a date that says when.
pub(super) fn unions(raw: Vec<RawUnion>) -> Result<Vec<Union>, String> {
    let mut seen = std::collections::BTreeSet::new();
    raw.into_iter()
        .map(|u| {
            let at = format!("union '{}'", printable(&u.id));
            check_id(&u.id).map_err(|m| format!("{at}: {m}"))?;
            if u.regions.len() < 2 {
                return Err(format!("{at}: a union joins at least two regions"));
            }
            for region in &u.regions {
                check_id(region).map_err(|m| format!("{at}: region '{}': {m}", printable(region)))?;
                if !seen.insert(region.clone()) {
                    return Err(format!("{at}: region '{region}' is already in a union"));
                }
            }
            let from = u.from.as_ref().map(|d| date(d, &format!("{at}: 'from'"))).transpose()?;
            let until = u.until.as_ref().map(|d| date(d, &format!("{at}: 'until'"))).transpose()?;
            if from.is_none() && until.is_none() {
                return Err(format!(
                    "{at}: give 'until' (the day the boundary was drawn) or 'from' (the day it ceased to matter)"
                ));
            }
            Ok(Union {
                id: u.id,
                name: u.name,
                label: u.label,
                regions: u.regions,
                from,
                until,
            })
        })
        .collect()
}

/// Checks the lapse.
pub(super) fn lapse(raw: Option<RawLapse>) -> Result<Option<Lapse>, String> {
    raw.map(|l| {
        Ok(Lapse {
            date: date(&l.date, "lapse: 'date'")?,
            title: l.title,
            note: l.note,
        })
    })
    .transpose()
}
