//! The small types of the treaty file: dates, statuses and powers (with their names by period).

use std::fmt;

use serde::Deserialize;

/// A calendar date (New Style).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 1912.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// The last day of `year`.
    pub fn end_of_year(year: i32) -> Date {
        Date {
            year,
            month: 12,
            day: 31,
        }
    }

    pub(super) fn from_toml(value: &toml::value::Datetime) -> Option<Date> {
        if value.time.is_some() || value.offset.is_some() {
            return None;
        }
        let date = value.date?;
        Some(Date {
            year: i32::from(date.year),
            month: date.month,
            day: date.day,
        })
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl fmt::Display for Date {
    /// Written as in the sources: "8 July 1912".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = MONTHS
            .get(usize::from(self.month).saturating_sub(1))
            .unwrap_or(&"?");
        write!(f, "{} {} {}", self.day, month, self.year)
    }
}

/// What holding a region means. The order is the order of the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Sovereign territory of the power.
    Territory,
    /// Annexed colony.
    Colony,
    /// Incorporated into the power's territory within the years drawn (Tuva, 1944).
    Annexed,
    /// Protectorate.
    Protectorate,
    /// Leased territory (Kwantung).
    LeasedTerritory,
    /// A state proclaimed independent but set up and controlled by the power (Manchukuo).
    PuppetState,
    /// A state sovereign in form, under the power's party, advisers and troops (the MPR).
    Satellite,
    /// Held by the power's armed forces without annexation or a treaty title.
    Occupied,
    /// Sphere of special interests (1910 onwards).
    Sphere,
    /// Special interests recognised, without a sphere line (Outer Mongolia, 1907).
    SpecialInterests,
    /// Zone reserved for one power's railway and telegraph concessions (1907).
    ConcessionZone,
    /// Land the agreement leaves undefined (west of 122° E until 1912).
    Undefined,
    /// Back outside every power's hold (an event that ends one); drawn as unassigned land.
    Outside,
}

impl Status {
    /// The phrase used in the legend and in exports.
    pub fn describe(self) -> &'static str {
        match self {
            Status::Territory => "territory",
            Status::Colony => "colony",
            Status::Annexed => "annexation",
            Status::Protectorate => "protectorate",
            Status::LeasedTerritory => "leased territory",
            Status::PuppetState => "puppet state",
            Status::Satellite => "satellite state",
            Status::Occupied => "military occupation",
            Status::Sphere => "sphere of special interests",
            Status::SpecialInterests => "special interests recognised",
            Status::ConcessionZone => "railway and telegraph concession zone",
            Status::Undefined => "left undefined by the agreement",
            Status::Outside => "outside the spheres",
        }
    }

    /// The machine name used in exports (`leased_territory`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Status::Territory => "territory",
            Status::Colony => "colony",
            Status::Annexed => "annexed",
            Status::Protectorate => "protectorate",
            Status::LeasedTerritory => "leased_territory",
            Status::PuppetState => "puppet_state",
            Status::Satellite => "satellite",
            Status::Occupied => "occupied",
            Status::Sphere => "sphere",
            Status::SpecialInterests => "special_interests",
            Status::ConcessionZone => "concession_zone",
            Status::Undefined => "undefined",
            Status::Outside => "outside",
        }
    }

    /// Whether a power must be named with this status (all but undefined and outside land).
    pub fn needs_power(self) -> bool {
        !matches!(self, Status::Undefined | Status::Outside)
    }
}

/// A power that holds territory or a sphere.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Power {
    /// Stable id used by assignments, e.g. `japan`.
    pub id: String,
    /// Name, e.g. "Japan".
    pub name: String,
    /// Adjective for the legend, e.g. "Japanese".
    pub adjective: String,
    /// The letters black-and-white maps add to the names of the power's areas, e.g. "J" for
    /// "KOREA (J)"; without it, the first letter of the name.
    pub mark: Option<String>,
    /// Optional fill colour `#rrggbb`; otherwise one is taken from the palette.
    pub color: Option<String>,
    /// The region that is the power's own land (e.g. `russian_empire`), named after the power
    /// for periods that set a name.
    pub home: Option<String>,
    /// Other names for periods (Soviet Russia, the Soviet Union), in any order.
    #[serde(default)]
    pub names: Vec<RawPeriodName>,
    /// The checked periods, filled on load.
    #[serde(skip)]
    pub periods: Vec<PeriodName>,
}

/// A name a power bore for a period, as written in the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPeriodName {
    from: Option<toml::value::Datetime>,
    until: Option<toml::value::Datetime>,
    name: String,
    adjective: String,
}

/// A name a power bore from one day (inclusive) until another (exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodName {
    /// First day of the name.
    pub from: Option<Date>,
    /// The day the next name began.
    pub until: Option<Date>,
    /// "Soviet Union".
    pub name: String,
    /// "Soviet".
    pub adjective: String,
}

impl Power {
    /// Checks the period names: plain dates, each period non-empty, no two overlapping.
    pub(super) fn check_periods(&mut self) -> Result<(), String> {
        let mut periods = Vec::with_capacity(self.names.len());
        for raw in &self.names {
            let date = |d: &Option<toml::value::Datetime>, key: &str| {
                d.as_ref()
                    .map(|d| {
                        Date::from_toml(d).ok_or_else(|| {
                            format!("name '{}': '{key}' must be a plain date", raw.name)
                        })
                    })
                    .transpose()
            };
            let period = PeriodName {
                from: date(&raw.from, "from")?,
                until: date(&raw.until, "until")?,
                name: raw.name.clone(),
                adjective: raw.adjective.clone(),
            };
            if let (Some(f), Some(u)) = (period.from, period.until) {
                if f >= u {
                    return Err(format!("name '{}': 'from' is not before 'until'", raw.name));
                }
            }
            periods.push(period);
        }
        let start = |p: &PeriodName| p.from.map_or((0, None), |d| (1, Some(d)));
        periods.sort_by_key(start);
        for pair in periods.windows(2) {
            let overlap = match (pair[0].until, pair[1].from) {
                (Some(u), Some(f)) => f < u,
                _ => true,
            };
            if overlap {
                return Err(format!(
                    "names '{}' and '{}' overlap",
                    pair[0].name, pair[1].name
                ));
            }
        }
        self.periods = periods;
        Ok(())
    }

    /// The period name in use on `day`, if a period covers it.
    pub fn period_on(&self, day: Date) -> Option<&PeriodName> {
        self.periods
            .iter()
            .find(|p| p.from.is_none_or(|f| day >= f) && p.until.is_none_or(|u| day < u))
    }

    /// The power's mark in English (see `mark`): one for every period, since a reader matches
    /// it with the key of the same map.
    pub fn mark(&self) -> String {
        match &self.mark {
            Some(mark) => mark.clone(),
            None => self
                .name
                .chars()
                .take(1)
                .flat_map(char::to_uppercase)
                .collect(),
        }
    }

    /// The adjective in use on `day`: "Russian" in 1912, "Soviet" in 1930.
    pub fn adjective_on(&self, day: Date) -> &str {
        self.period_on(day)
            .map_or(&self.adjective, |p| &p.adjective)
    }
}
