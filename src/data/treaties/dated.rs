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
    /// The agreements that lapsed (ids); all signed before `date` when not given.
    pub agreements: Option<Vec<String>>,
    /// What held instead, for the subtitle of a year after the lapse with no new agreement.
    pub holds: Option<String>,
}

impl Lapse {
    /// Whether the agreement with this id and date of signature is one that lapsed.
    pub fn covers(&self, id: &str, signed: Date) -> bool {
        signed < self.date
            && self
                .agreements
                .as_ref()
                .is_none_or(|ids| ids.iter().any(|a| a == id))
    }
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
    agreements: Option<Vec<String>>,
    holds: Option<String>,
}

fn date(value: &toml::value::Datetime, what: &str) -> Result<Date, String> {
    Date::from_toml(value).ok_or_else(|| format!("{what} must be a plain date"))
}

/// Checks the unions: safe ids, at least two regions each, a date that says when, and no region
/// in two unions joined on the same day.
pub(super) fn unions(raw: Vec<RawUnion>) -> Result<Vec<Union>, String> {
    let mut checked: Vec<Union> = Vec::with_capacity(raw.len());
    for u in raw {
        let at = format!("union '{}'", printable(&u.id));
        check_id(&u.id).map_err(|m| format!("{at}: {m}"))?;
        if u.regions.len() < 2 {
            return Err(format!("{at}: a union joins at least two regions"));
        }
        for region in &u.regions {
            check_id(region).map_err(|m| format!("{at}: region '{}': {m}", printable(region)))?;
        }
        let from = u
            .from
            .as_ref()
            .map(|d| date(d, &format!("{at}: 'from'")))
            .transpose()?;
        let until = u
            .until
            .as_ref()
            .map(|d| date(d, &format!("{at}: 'until'")))
            .transpose()?;
        if from.is_none() && until.is_none() {
            return Err(format!(
                "{at}: give 'until' (the day the boundary was drawn) or 'from' (the day it ceased to matter)"
            ));
        }
        if let (Some(f), Some(u)) = (from, until) {
            if f >= u {
                return Err(format!("{at}: 'from' is not before 'until'"));
            }
        }
        let union = Union {
            id: u.id,
            name: u.name,
            label: u.label,
            regions: u.regions,
            from,
            until,
        };
        for other in &checked {
            let overlap = union.from.is_none_or(|f| other.until.is_none_or(|u| f < u))
                && other.from.is_none_or(|f| union.until.is_none_or(|u| f < u));
            if let Some(region) = union.regions.iter().find(|r| other.regions.contains(r)) {
                if overlap {
                    return Err(format!(
                        "{at}: region '{region}' is already in union '{}' at the same time",
                        other.id
                    ));
                }
            }
        }
        checked.push(union);
    }
    Ok(checked)
}

/// Checks the lapse.
pub(super) fn lapse(raw: Option<RawLapse>) -> Result<Option<Lapse>, String> {
    raw.map(|l| {
        Ok(Lapse {
            date: date(&l.date, "lapse: 'date'")?,
            title: l.title,
            note: l.note,
            agreements: l.agreements,
            holds: l.holds,
        })
    })
    .transpose()
}
