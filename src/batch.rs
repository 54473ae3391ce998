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
    // One SVG per year serves both the SVG and the PNG of that year.
    let svg_years: Vec<i32> = request
        .years
        .iter()
        .copied()
        .filter(|_| {
            request
                .formats
                .iter()
                .any(|f| matches!(f, Format::Svg | Format::Png))
                || request.timeline
        })
        .collect();
    let maps = request
        .years
        .iter()
        .map(|&y| dataset.map_for_year(y))
        .collect::<Result<Vec<_>>>()?;
    // A series shares one key, so its slides line up; a single map keys only what it shows.
    let svgs: Vec<(i32, String)> = svg_years
        .par_iter()
        .map(|&year| {
            let map = maps.iter().find(|m| m.year == year).expect("built above");
            let scene = if maps.len() > 1 {
                Scene::from_map_in_series(map, &maps, &request.options)
            } else {
                Scene::from_map(map, &request.options)
            };
            Ok((year, render::svg::to_svg(&scene)?))
        })
        .collect::<Result<_>>()?;
    let (png_w, png_h) = request.png_size();
    let svg_of = |year: i32| {
        svgs.iter()
            .find(|(y, _)| *y == year)
            .map(|(_, s)| s.as_str())
            .expect("rendered above")
    };
    let overview_svg = if request.overview {
        Some(render::svg::to_svg(&Scene::overview(
            &maps,
            &request.options,
        ))?)
    } else {
        None
    };

    request
        .jobs()
        .into_par_iter()
        .map(|job| {
            let bytes = match job.kind {
                JobKind::Year(year, Format::Svg) => svg_of(year).as_bytes().to_vec(),
                JobKind::Year(year, Format::Png) => {
                    render::png::svg_to_png(svg_of(year), png_w, png_h)?
                }
                JobKind::Year(year, Format::GeoJson) => {
                    render::geojson::to_geojson(&dataset.map_for_year(year)?)?.into_bytes()
                }
                JobKind::Overview(Format::Png) => render::png::svg_to_png(
                    overview_svg.as_deref().expect("rendered above"),
                    png_w,
                    png_h,
                )?,
                JobKind::Overview(_) => overview_svg
                    .as_deref()
                    .expect("rendered above")
                    .as_bytes()
                    .to_vec(),
                JobKind::Timeline => {
                    let frames: Vec<&str> = request.years.iter().map(|&y| svg_of(y)).collect();
                    render::gif::timeline(&frames, request.options.width, request.options.height)?
                }
            };
            progress(&job);
            Ok((job, bytes))
        })
        .collect()
}

/// Writes rendered files into `dir` (created if needed), each atomically.
pub fn write_all(dir: &Path, files: &[(Job, Vec<u8>)]) -> Result<Vec<PathBuf>> {
    crate::output::ensure_dir(dir)?;
    files
        .iter()
        .map(|(job, bytes)| crate::output::write_atomic(dir, &job.name, bytes))
        .collect()
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
