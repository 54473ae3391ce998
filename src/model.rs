//! The join: region outlines + treaty assignments for one year → a [`TreatyMap`].
//!
//! Pure data, no I/O and no pixels. The state of each region is found by replaying, in date
//! order, the baseline, every agreement signed and every event dated up to the last day of the
//! year. Everything the renderer needs to know about history is decided here.

use std::collections::BTreeMap;

use crate::data::geodata::{Geodata, Place, Railway, Region, Role, TreatyLine};
use crate::data::treaties::{Agreement, Assignment, Date, Power, Status, Treaties};
use crate::error::{Error, Result};

/// A checked pair of outlines and treaty file.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The outlines and context layers.
    pub geodata: Geodata,
    /// The treaty file.
    pub treaties: Treaties,
    /// Name of the treaty file, for messages.
    treaty_file: String,
}

/// What one region is on the map's date.
#[derive(Debug, Clone)]
pub struct RegionState<'a> {
    /// The outline.
    pub region: &'a Region,
    /// Who holds it; `None` outside the spheres or where undefined.
    pub power: Option<&'a Power>,
    /// On what terms; `None` outside the spheres.
    pub status: Option<Status>,
    /// The note of the assignment in force.
    pub note: Option<&'a str>,
}

/// A demarcation line in force, with the agreement's label for it.
#[derive(Debug, Clone)]
pub struct LineState<'a> {
    /// The line.
    pub line: &'a TreatyLine,
    /// Legend text.
    pub label: &'a str,
    /// Tag printed beside the line on the map.
    pub tag: &'a str,
}

/// The arrangement in force in one year, ready to be laid out.
#[derive(Debug, Clone)]
pub struct TreatyMap<'a> {
    /// The year asked for.
    pub year: i32,
    /// The day the map shows (31 December of the year).
    pub as_of: Date,
    /// The agreement in force.
    pub agreement: &'a Agreement,
    /// Every region, in file order.
    pub regions: Vec<RegionState<'a>>,
    /// The lines of the agreement in force.
    pub lines: Vec<LineState<'a>>,
    /// Railways open by the end of the year.
    pub railways: Vec<&'a Railway>,
    /// The dataset (for context layers and titles).
    pub dataset: &'a Dataset,
}

impl Dataset {
    /// Joins outlines and treaties and checks that every id the treaty file uses exists.
    pub fn new(geodata: Geodata, treaties: Treaties, treaty_file: &str) -> Result<Dataset> {
        for (region, place) in treaties.referenced_regions() {
            if geodata.region(region).is_none() {
                return Err(Error::invalid(
                    treaty_file,
                    format!("{place} names region '{region}', which is not in the outlines"),
                ));
            }
        }
        for agreement in &treaties.agreements {
            for line in &agreement.lines {
                if !geodata.lines.is_empty() && !geodata.lines.iter().any(|l| &l.id == line) {
                    return Err(Error::invalid(
                        treaty_file,
                        format!(
                            "agreement '{}' names line '{line}', which is not in the lines layer",
                            agreement.id
                        ),
                    ));
                }
            }
        }
        Ok(Dataset {
            geodata,
            treaties,
            treaty_file: treaty_file.to_string(),
        })
    }

    /// The bundled dataset.
    pub fn embedded() -> Result<Dataset> {
        let geodata = Geodata::from_text(&crate::data::embedded::geodata(), false)?;
        let treaties = Treaties::from_toml_str(crate::data::embedded::TREATIES, "treaties.toml")?;
        Dataset::new(geodata, treaties, "treaties.toml")
    }

    /// The treaty years a batch draws: the year of each agreement.
    pub fn agreement_years(&self) -> Vec<i32> {
        self.treaties
            .agreements
            .iter()
            .map(|a| a.signed.year.max(self.treaties.first_year))
            .collect()
    }

    /// The arrangement in force in `year`.
    ///
    /// ```
    /// let data = spheres_map::Dataset::embedded().unwrap();
    /// let map = data.map_for_year(1911).unwrap();
    /// assert_eq!(map.agreement.id, "1910");
    /// ```
    pub fn map_for_year(&self, year: i32) -> Result<TreatyMap<'_>> {
        let agreement = self.treaties.agreement_in_force(year)?;
        let as_of = Date::end_of_year(year);

        // Replay history up to the map's date; later entries replace earlier ones.
        let mut state: BTreeMap<&str, &Assignment> = BTreeMap::new();
        for a in &self.treaties.baseline {
            state.insert(&a.region, a);
        }
        let mut changes: Vec<(Date, &Assignment)> = Vec::new();
        for ag in self
            .treaties
            .agreements
            .iter()
            .filter(|a| a.signed <= as_of)
        {
            changes.extend(ag.assignments.iter().map(|a| (ag.signed, a)));
        }
        for ev in self.treaties.events.iter().filter(|e| e.date <= as_of) {
            changes.push((ev.date, &ev.assignment));
        }
        // Stable sort: same-day entries keep file order.
        changes.sort_by_key(|(date, _)| *date);
        for (_, a) in changes {
            state.insert(&a.region, a);
        }

        let regions = self
            .geodata
            .regions
            .iter()
            .map(|region| {
                let assignment = state.get(region.id.as_str());
                RegionState {
                    region,
                    power: assignment
                        .and_then(|a| a.power.as_deref())
                        .and_then(|p| self.treaties.power(p)),
                    status: assignment.map(|a| a.status),
                    note: assignment.and_then(|a| a.note.as_deref()),
                }
            })
            .collect();

        let lines = agreement
            .lines
            .iter()
            .filter_map(|id| {
                let line = self.geodata.lines.iter().find(|l| &l.id == id)?;
                let given = agreement.line_labels.iter().find(|l| &l.line == id);
                let label = given.map_or(line.name.as_str(), |l| l.label.as_str());
                let tag = given
                    .and_then(|l| l.tag.as_deref())
                    .or(line.tag.as_deref())
                    .unwrap_or(line.name.as_str());
                Some(LineState { line, label, tag })
            })
            .collect();

        let railways = self
            .geodata
            .railways
            .iter()
            .filter(|r| r.opened.is_none_or(|y| y <= year))
            .collect();

        Ok(TreatyMap {
            year,
            as_of,
            agreement,
            regions,
            lines,
            railways,
            dataset: self,
        })
    }

    /// Name of the treaty file, for messages.
    pub fn treaty_file(&self) -> &str {
        &self.treaty_file
    }
}

impl<'a> TreatyMap<'a> {
    /// The state of the region with this id.
    pub fn region(&self, id: &str) -> Option<&RegionState<'a>> {
        self.regions.iter().find(|r| r.region.id == id)
    }

    /// Places, each with its name in this year.
    pub fn places(&self) -> impl Iterator<Item = (&'a Place, std::borrow::Cow<'a, str>)> + '_ {
        let year = self.year;
        self.dataset
            .geodata
            .places
            .iter()
            .map(move |p| (p, p.name_in(year)))
    }

    /// Sphere-role regions (the ones the map is fitted to).
    pub fn sphere_regions(&self) -> impl Iterator<Item = &RegionState<'a>> {
        self.regions
            .iter()
            .filter(|r| r.region.role == Role::Sphere)
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
        let m1907 = data.map_for_year(1907).unwrap();
        assert_eq!(m1907.agreement.id, "1907");
        assert_eq!(power_of(&m1907, "korea").as_deref(), Some("japan"));
        assert_eq!(
            m1907.region("korea").unwrap().status,
            Some(Status::Protectorate)
        );
        // Korea was annexed seven weeks after the 1910 agreement.
        let m1910 = data.map_for_year(1910).unwrap();
        assert_eq!(m1910.region("korea").unwrap().status, Some(Status::Colony));
        let m1909 = data.map_for_year(1909).unwrap();
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
            assert_eq!(data.map_for_year(year).unwrap().agreement.id, id, "{year}");
        }
        assert!(data.map_for_year(1906).is_err());
        assert!(data.map_for_year(1918).is_err());
    }
}
