//! A checked pair of outlines and treaty file: what every later step reads.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use geo::{BoundingRect, MultiPolygon};

use crate::data::geodata::{BundledUnion, Geodata};
use crate::data::join::join_outlines;
use crate::data::treaties::Treaties;
use crate::error::{Error, Result};

/// One agreement as a listing shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementInfo {
    /// Stable id, e.g. `1912`.
    pub id: String,
    /// Date signed, as the sources write it ("8 July 1912").
    pub signed: String,
    /// Name.
    pub name: String,
    /// One sentence on what it did.
    pub summary: String,
    /// The years whose maps show it in force.
    pub years: std::ops::RangeInclusive<i32>,
}

/// A dataset's files as text, for data that is not in a folder (tests, fuzzing, an editor).
/// Messages name each file as it would be named in a data folder.
#[derive(Debug, Clone, Copy, Default)]
pub struct DataFiles<'a> {
    /// `treaties.toml`.
    pub treaties: &'a str,
    /// `regions.geojson`.
    pub regions: &'a str,
    /// `lines.geojson`.
    pub lines: Option<&'a str>,
    /// `rivers.geojson`.
    pub rivers: Option<&'a str>,
    /// `lakes.geojson`.
    pub lakes: Option<&'a str>,
    /// `railways.geojson`.
    pub railways: Option<&'a str>,
    /// `places.geojson`.
    pub places: Option<&'a str>,
}

/// Outlines, context layers and treaties, checked against each other.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The outlines and context layers.
    pub(crate) geodata: Geodata,
    /// The treaty file.
    pub(crate) treaties: Treaties,
    /// The outline of each union in `treaties.unions`, in the same order, joined the first time
    /// a map needs it: one map needs few of them, and joining costs more than drawing.
    union_outlines: Vec<OnceLock<MultiPolygon<f64>>>,
    /// The outlines `build.rs` joined, for the bundled data (empty for other data): read
    /// instead of joined where a union's regions are the same.
    bundled_unions: Vec<BundledUnion>,
    /// The lon/lat box the outlines cover (west, south, east, north): a map never shows
    /// beyond it, where it would have nothing to draw.
    pub(crate) coverage: [f64; 4],
}

impl Dataset {
    /// Joins outlines and treaties and checks that every id the treaty file uses exists.
    pub(crate) fn new(geodata: Geodata, treaties: Treaties, treaty_file: &str) -> Result<Dataset> {
        let region_ids: BTreeSet<&str> = geodata.regions.iter().map(|r| r.id.as_str()).collect();
        let line_ids: BTreeSet<&str> = geodata.lines.iter().map(|l| l.id.as_str()).collect();
        for (region, place) in treaties.referenced_regions() {
            if !region_ids.contains(region) {
                return Err(Error::invalid(
                    treaty_file,
                    format!("{place} names region '{region}', which is not in the outlines"),
                ));
            }
        }
        let year_lines = treaties
            .years
            .iter()
            .flat_map(|y| y.lines.iter().map(move |l| (format!("year {}", y.year), l)));
        let agreement_lines = treaties.agreements.iter().flat_map(|a| {
            a.lines
                .iter()
                .map(move |l| (format!("agreement '{}'", a.id), l))
        });
        for (owner, line) in agreement_lines.chain(year_lines) {
            {
                if !line_ids.is_empty() && !line_ids.contains(line.as_str()) {
                    return Err(Error::invalid(
                        treaty_file,
                        format!("{owner} names line '{line}', which is not in the lines layer"),
                    ));
                }
            }
        }
        for power in &treaties.powers {
            if let Some(home) = power.home.as_deref().filter(|h| !region_ids.contains(h)) {
                return Err(Error::invalid(
                    treaty_file,
                    format!(
                        "power '{}' names home region '{home}', which is not in the outlines",
                        power.id
                    ),
                ));
            }
        }
        for union in &treaties.unions {
            // A union may keep the id of its first region (Korea stays `korea` while whole).
            if region_ids.contains(union.id.as_str()) && union.regions[0] != union.id {
                return Err(Error::invalid(
                    treaty_file,
                    format!("union '{}' has the id of a region", union.id),
                ));
            }
        }
        let union_outlines = treaties.unions.iter().map(|_| OnceLock::new()).collect();
        let coverage = geodata
            .regions
            .iter()
            .filter_map(|r| r.geometry.bounding_rect())
            .fold(
                [f64::MAX, f64::MAX, f64::MIN, f64::MIN],
                |[w, s, e, n], b| {
                    [
                        w.min(b.min().x),
                        s.min(b.min().y),
                        e.max(b.max().x),
                        n.max(b.max().y),
                    ]
                },
            );
        Ok(Dataset {
            geodata,
            treaties,
            union_outlines,
            bundled_unions: Vec::new(),
            coverage,
        })
    }

    /// The outline of the union at `index` in `treaties.unions`: its regions joined into one.
    pub(crate) fn union_outline(&self, index: usize) -> &MultiPolygon<f64> {
        self.union_outlines[index].get_or_init(|| {
            let regions = &self.treaties.unions[index].regions;
            match self.bundled_unions.get(index) {
                Some(bundled) if bundled.regions == *regions => bundled.outline(),
                _ => self.join_union(index),
            }
        })
    }

    /// The union at `index` joined from its regions' outlines.
    fn join_union(&self, index: usize) -> MultiPolygon<f64> {
        let regions = &self.treaties.unions[index].regions;
        join_outlines(
            regions
                .iter()
                .filter_map(|id| self.geodata.region(id))
                .map(|r| &r.geometry),
        )
    }

    /// The bundled dataset: outlines, treaties and context layers compiled into the binary.
    ///
    /// ```
    /// let data = spheres_map::Dataset::embedded().unwrap();
    /// assert_eq!(data.agreement_years(), [1907, 1910, 1912, 1916]);
    /// ```
    pub fn embedded() -> Result<Dataset> {
        // Two independent reads of about the same cost: one on each core.
        let (geodata, treaties) = rayon::join(Geodata::bundled, Treaties::bundled);
        let (geodata, treaties) = (geodata?, treaties?);
        let mut dataset = Dataset::new(geodata, treaties, "treaties.toml")?;
        dataset.bundled_unions = crate::data::geodata::union_outlines();
        Ok(dataset)
    }

    /// A folder laid out like the bundled `geodata/`: `regions.geojson` and `treaties.toml`
    /// required, the other layers optional. Errors name the file and the place in it.
    pub fn from_dir(dir: &std::path::Path) -> Result<Dataset> {
        crate::data::load_dir(dir)
    }

    /// A dataset from its files' text, checked as strictly as a folder.
    pub fn from_files(files: &DataFiles<'_>) -> Result<Dataset> {
        use crate::data::geodata::{GeodataText, LayerText};
        let text = GeodataText {
            regions: LayerText {
                file: "regions.geojson",
                text: files.regions,
            },
            lines: files.lines.map(|text| LayerText {
                file: "lines.geojson",
                text,
            }),
            rivers: files.rivers.map(|text| LayerText {
                file: "rivers.geojson",
                text,
            }),
            lakes: files.lakes.map(|text| LayerText {
                file: "lakes.geojson",
                text,
            }),
            railways: files.railways.map(|text| LayerText {
                file: "railways.geojson",
                text,
            }),
            places: files.places.map(|text| LayerText {
                file: "places.geojson",
                text,
            }),
        };
        let geodata = Geodata::from_text(&text, true)?;
        let treaties = Treaties::from_toml_str(files.treaties, "treaties.toml")?;
        Dataset::new(geodata, treaties, "treaties.toml")
    }

    /// The years `--all` draws: the year of each agreement of the series (those the file marks
    /// `series = true`, or every agreement if it marks none).
    pub fn agreement_years(&self) -> Vec<i32> {
        self.treaties
            .series()
            .map(|a| a.signed.year.max(self.treaties.first_year))
            .collect()
    }

    /// The agreements in date order, with the years each one's map covers.
    pub fn agreements(&self) -> Vec<AgreementInfo> {
        let treaties = &self.treaties;
        let agreements = &treaties.agreements;
        agreements
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let first = a.signed.year.max(treaties.first_year);
                let last = agreements
                    .get(i + 1)
                    .map_or(treaties.last_year, |next| next.signed.year - 1);
                AgreementInfo {
                    id: a.id.clone(),
                    signed: a.signed.to_string(),
                    name: a.name.clone(),
                    summary: a.summary.clone(),
                    years: first..=last,
                }
            })
            .collect()
    }

    /// Checks that a chosen extent lies within what the outlines cover.
    pub(crate) fn check_extent(&self, extent: Option<[f64; 4]>) -> Result<()> {
        let Some([west, south, east, north]) = extent else {
            return Ok(());
        };
        let [cw, cs, ce, cn] = self.coverage;
        if west < cw || south < cs || east > ce || north > cn {
            return Err(Error::Usage(format!(
                "--extent must lie within the data's coverage: {cw}..{ce} east, {cs}..{cn} north"
            )));
        }
        Ok(())
    }

    /// Every year a map can be drawn for.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        let first = self
            .treaties
            .agreements
            .first()
            .map_or(self.treaties.first_year, |a| {
                a.signed.year.max(self.treaties.first_year)
            });
        first..=self.treaties.last_year
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area, Polygon};

    /// The outlines `build.rs` joined are exactly, vertex for vertex, what joining the bundled
    /// regions gives now: they cannot go stale, and the embedded data joins nothing at run time.
    #[test]
    fn bundled_unions_are_the_joins_of_the_bundled_regions() {
        let dataset = Dataset::embedded().unwrap();
        assert_eq!(dataset.bundled_unions.len(), dataset.treaties.unions.len());
        for (index, union) in dataset.treaties.unions.iter().enumerate() {
            assert_eq!(dataset.bundled_unions[index].regions, union.regions);
            let joined = dataset.join_union(index);
            assert!(!joined.0.is_empty(), "{}: nothing joined", union.id);
            assert!(
                dataset.bundled_unions[index].outline() == joined,
                "{}: the bundled outline differs from the join",
                union.id
            );
        }
    }

    /// Data other than the bundled data has its unions joined, not read from the bundle.
    #[test]
    fn other_data_joins_its_unions() {
        let files = crate::data::embedded::geodata();
        let data = DataFiles {
            treaties: crate::data::embedded::TREATIES,
            regions: files.regions.text,
            ..DataFiles::default()
        };
        let dataset = Dataset::from_files(&data).unwrap();
        assert!(dataset.bundled_unions.is_empty());
        let embedded = Dataset::embedded().unwrap();
        assert!(dataset.union_outline(0) == embedded.union_outline(0));
    }

    #[test]
    fn joined_regions_have_no_hairline_rings() {
        let dataset = Dataset::embedded().unwrap();
        for (index, union) in dataset.treaties.unions.iter().enumerate() {
            let outline = dataset.union_outline(index);
            for part in outline {
                for hole in part.interiors() {
                    let area = Polygon::new(hole.clone(), Vec::new()).unsigned_area();
                    assert!(
                        area > 1e-4,
                        "{}: a hole of {area:e} square degrees",
                        union.id
                    );
                }
            }
        }
    }

    /// The cut-out regions rejoin without gap or overlap, so a map whose date joins them
    /// shows the whole region as it was before they were cut.
    #[test]
    fn joined_regions_cover_exactly_their_parts() {
        let dataset = Dataset::embedded().unwrap();
        for (index, union) in dataset.treaties.unions.iter().enumerate() {
            let outline = dataset.union_outline(index);
            let parts: f64 = union
                .regions
                .iter()
                .filter_map(|id| dataset.geodata.region(id))
                .map(|r| r.geometry.unsigned_area())
                .sum();
            let joined = outline.unsigned_area();
            assert!(
                (joined - parts).abs() < 1e-6 * parts,
                "{}: joined {joined} against parts {parts} square degrees",
                union.id
            );
        }
    }
}
