//! Batch export: every treaty year, the overview page and the timeline animation, rendered in
//! parallel into memory and only then written (each file atomically), so a failure in any map
//! leaves the output folder as it was.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::model::TreatyMap;
use crate::options::MapOptions;
use crate::render::{self, Format};
use crate::scene::Scene;

/// One file of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// File name inside the output folder (built from numbers and fixed words only).
    pub name: String,
    /// What to render.
    pub kind: JobKind,
}

/// What a job renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// The map of one year in one format.
    Year(i32, Format),
    /// All agreements on one page.
    Overview(Format),
    /// The animation stepping through the treaty years.
    Timeline,
}

/// The most maps an overview page holds.
pub const MAX_OVERVIEW_PANELS: usize = 12;

/// What a batch should produce.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRequest {
    /// Years to draw.
    pub years: Vec<i32>,
    /// Formats for each year (and for the overview).
    pub formats: Vec<Format>,
    /// Page size, type scale and PNG scale.
    pub options: MapOptions,
    /// Also the overview page.
    pub overview: bool,
    /// Also the timeline animation.
    pub timeline: bool,
}

impl BatchRequest {
    /// Checks the request against the data: the page, every year, and that the options go
    /// together. [`render_all`] calls it first.
    pub fn check(&self, dataset: &Dataset) -> Result<()> {
        self.options.check()?;
        dataset.check_extent(self.options.extent)?;
        if self.years.is_empty() {
            return Err(Error::Usage(
                "choose a map: --year YEAR, --years LIST or --all".into(),
            ));
        }
        if self.formats.is_empty() {
            return Err(Error::Usage("choose at least one format".into()));
        }
        let years = dataset.years();
        if let Some(&year) = self.years.iter().find(|y| !years.contains(y)) {
            return Err(Error::YearOutOfRange {
                year,
                first: *years.start(),
                last: *years.end(),
            });
        }
        // Issue 15: the overview's grid is laid out for up to twelve panels.
        if self.overview && self.years.len() > MAX_OVERVIEW_PANELS {
            return Err(Error::Usage(format!(
                "--overview draws at most {MAX_OVERVIEW_PANELS} maps on one page; {} were chosen",
                self.years.len()
            )));
        }
        if self.overview && !self.formats.iter().any(|f| *f != Format::GeoJson) {
            return Err(Error::Usage(
                "--overview draws a page: add svg, png or pdf to --format".into(),
            ));
        }
        Ok(())
    }

    /// The files this request makes, in a stable order.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs = Vec::new();
        for &year in &self.years {
            for &format in &self.formats {
                jobs.push(Job {
                    name: format!("{year}.{}", format.extension()),
                    kind: JobKind::Year(year, format),
                });
            }
        }
        if self.overview {
            for &format in self.formats.iter().filter(|f| **f != Format::GeoJson) {
                jobs.push(Job {
                    name: format!("overview.{}", format.extension()),
                    kind: JobKind::Overview(format),
                });
            }
        }
        if self.timeline {
            jobs.push(Job {
                name: "timeline.gif".to_string(),
                kind: JobKind::Timeline,
            });
        }
        jobs
    }
}

/// Renders every job in parallel. `progress` is called once per finished job.
pub fn render_all(
    dataset: &Dataset,
    request: &BatchRequest,
    progress: &(dyn Fn(&Job) + Sync),
) -> Result<Vec<(Job, Vec<u8>)>> {
    request.check(dataset)?;
    let maps = request
        .years
        .iter()
        .map(|&y| TreatyMap::for_year(dataset, y))
        .collect::<Result<Vec<_>>>()?;
    // One scene per year serves its SVG, PNG and timeline frame. Each map keys what it shows,
    // so a file name means one content whichever command wrote it.
    let drawn = request.formats.iter().any(|f| f.is_drawn()) || request.timeline;
    let scenes: Vec<Scene> = if drawn {
        maps.par_iter()
            .map(|map| Scene::for_map(map, &map.key, &request.options))
            .collect()
    } else {
        Vec::new()
    };
    let index_of = |year: i32| {
        request
            .years
            .iter()
            .position(|&y| y == year)
            .expect("a requested year")
    };
    let overview = request
        .overview
        .then(|| Scene::overview(&maps, &request.options));

    request
        .jobs()
        .into_par_iter()
        .map(|job| {
            let bytes = match job.kind {
                JobKind::Year(year, Format::GeoJson) => {
                    render::geojson::to_geojson(&maps[index_of(year)])?.into_bytes()
                }
                JobKind::Year(year, format) => {
                    render::paint(&scenes[index_of(year)], format, &request.options)?
                }
                JobKind::Overview(format) => {
                    let scene = overview.as_ref().expect("laid out above");
                    render::paint(scene, format, &request.options)?
                }
                JobKind::Timeline => {
                    let frames: Vec<&Scene> = request
                        .years
                        .iter()
                        .map(|&y| &scenes[index_of(y)])
                        .collect();
                    render::gif::timeline(&frames, request.options.width, request.options.height)?
                }
            };
            progress(&job);
            Ok((job, bytes))
        })
        .collect()
}

/// Writes rendered files into `dir` (created if needed), all or nothing: staged inside `dir`,
/// then moved into place only once every file is written; on an error, SIGINT or SIGTERM, `dir`
/// is left as it was (see [`crate::output::write_all_or_nothing`]).
pub fn write_all(dir: &Path, files: &[(Job, Vec<u8>)]) -> Result<Vec<PathBuf>> {
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(job, bytes)| (job.name.as_str(), bytes.as_slice()))
        .collect();
    crate::output::write_all_or_nothing(dir, &files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_are_named_by_year_and_format() {
        let request = BatchRequest {
            years: vec![1907, 1912],
            formats: vec![Format::Svg, Format::Png],
            options: MapOptions::default(),
            overview: true,
            timeline: true,
        };
        let names: Vec<String> = request.jobs().into_iter().map(|j| j.name).collect();
        assert_eq!(
            names,
            [
                "1907.svg",
                "1907.png",
                "1912.svg",
                "1912.png",
                "overview.svg",
                "overview.png",
                "timeline.gif"
            ]
        );
    }
}
