//! Batch export: every treaty year, the overview page and the timeline animation, rendered in
//! parallel into memory and only then written (each file atomically), so a failure in any map
//! leaves the output folder as it was.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::Result;
use crate::model::Dataset;
use crate::render::{self, Format};
use crate::scene::{Scene, SceneOptions};

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

/// What a batch should produce.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRequest {
    /// Years to draw.
    pub years: Vec<i32>,
    /// Formats for each year (and for the overview).
    pub formats: Vec<Format>,
    /// Canvas size and text scale.
    pub options: SceneOptions,
    /// PNG pixel multiplier.
    pub png_scale: f64,
    /// Also the overview page.
    pub overview: bool,
    /// Also the timeline animation.
    pub timeline: bool,
}

impl BatchRequest {
    /// Pixel size of the PNGs.
    pub fn png_size(&self) -> (u32, u32) {
        let px = |v: u32| (f64::from(v) * self.png_scale).round().max(1.0) as u32;
        (px(self.options.width), px(self.options.height))
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
    let maps = request
        .years
        .iter()
        .map(|&y| dataset.map_for_year(y))
        .collect::<Result<Vec<_>>>()?;
    // One scene per year serves its SVG, PNG and timeline frame. A series shares one key, so
    // its slides line up; a single map keys only what it shows.
    let drawn = request
        .formats
        .iter()
        .any(|f| matches!(f, Format::Svg | Format::Png))
        || request.timeline;
    let scenes: Vec<Scene> = if drawn {
        maps.par_iter()
            .map(|map| {
                if maps.len() > 1 {
                    Scene::from_map_in_series(map, &maps, &request.options)
                } else {
                    Scene::from_map(map, &request.options)
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let scene_of = |year: i32| {
        let i = request
            .years
            .iter()
            .position(|&y| y == year)
            .expect("a requested year");
        &scenes[i]
    };
    let overview = request
        .overview
        .then(|| Scene::overview(&maps, &request.options));
    let (png_w, png_h) = request.png_size();

    request
        .jobs()
        .into_par_iter()
        .map(|job| {
            let bytes = match job.kind {
                JobKind::Year(year, Format::Svg) => {
                    render::svg::to_svg(scene_of(year))?.into_bytes()
                }
                JobKind::Year(year, Format::Png) => {
                    render::png::scene_to_png(scene_of(year), png_w, png_h)?
                }
                JobKind::Year(year, Format::GeoJson) => {
                    let map = maps.iter().find(|m| m.year == year).expect("built above");
                    render::geojson::to_geojson(map)?.into_bytes()
                }
                JobKind::Overview(format) => {
                    let scene = overview.as_ref().expect("laid out above");
                    match format {
                        Format::Png => render::png::scene_to_png(scene, png_w, png_h)?,
                        _ => render::svg::to_svg(scene)?.into_bytes(),
                    }
                }
                JobKind::Timeline => {
                    let frames: Vec<&Scene> = request.years.iter().map(|&y| scene_of(y)).collect();
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
            options: SceneOptions::default(),
            png_scale: 1.0,
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
