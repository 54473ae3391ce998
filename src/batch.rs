//! Batch export: every treaty year, the overview page and the timeline animation, rendered in
//! parallel. [`write_batch`] stages each file as soon as it is finished and moves them all into
//! place only at the end, so memory stays flat as the years grow and a failure in any map leaves
//! the output folder as it was; [`render_all`] keeps the files in memory instead.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::model::TreatyMap;
use crate::options::{Lang, MapOptions};
use crate::output::Staging;
use crate::render::gif::Timeline;
use crate::render::{self, png, Cores, Format};
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
    /// The interactive page of every year.
    Page,
}

/// The file name of the interactive page (`spheres.ja.html` for one language of several).
pub const PAGE_FILE: &str = "spheres.html";

/// The stem of [`PAGE_FILE`].
const PAGE_STEM: &str = "spheres";

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
    /// Draw every file once per language, named by it (`1912.ja.png`, `overview.ru.pdf`);
    /// empty draws the options' language only, under plain names. With English among several
    /// languages, each SVG is one file for all of them instead (`1912.svg`), its texts
    /// switching on the reader's language.
    pub languages: Vec<Lang>,
}

/// A file name: `stem.ext`, or `stem.lang.ext` in a batch of several languages.
fn file_name(stem: &str, lang: Option<&str>, extension: &str) -> String {
    match lang {
        Some(lang) => format!("{stem}.{lang}.{extension}"),
        None => format!("{stem}.{extension}"),
    }
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
        if self.overview && !self.formats.iter().any(|f| f.is_drawn()) {
            return Err(Error::Usage(
                "--overview draws a page: add svg, png or pdf to --format".into(),
            ));
        }
        Ok(())
    }

    /// The files this request makes, in a stable order.
    pub fn jobs(&self) -> Vec<Job> {
        if self.languages.is_empty() {
            return self.jobs_in(None);
        }
        let mut jobs = Vec::new();
        let mut each = self.clone();
        if self.switching() {
            let svg = BatchRequest {
                formats: vec![Format::Svg],
                timeline: false,
                ..self.clone()
            };
            jobs = svg.jobs_in(None);
            each.formats.retain(|&f| f != Format::Svg);
        }
        let codes = self.languages.iter().map(|l| Some(l.code()));
        jobs.extend(codes.flat_map(|code| each.jobs_in(code)));
        jobs
    }

    /// Whether the SVGs are one file for all the languages (English among several).
    fn switching(&self) -> bool {
        self.languages.len() > 1
            && self.languages.contains(&Lang::En)
            && self.formats.contains(&Format::Svg)
    }

    /// The files of one language (`lang` tags their names).
    fn jobs_in(&self, lang: Option<&str>) -> Vec<Job> {
        let mut jobs = Vec::new();
        for &year in &self.years {
            for &format in self.formats.iter().filter(|f| **f != Format::Html) {
                jobs.push(Job {
                    name: file_name(&year.to_string(), lang, format.extension()),
                    kind: JobKind::Year(year, format),
                });
            }
        }
        if self.formats.contains(&Format::Html) {
            jobs.push(Job {
                name: file_name(PAGE_STEM, lang, "html"),
                kind: JobKind::Page,
            });
        }
        if self.overview {
            for &format in self.formats.iter().filter(|f| f.is_drawn()) {
                jobs.push(Job {
                    name: file_name("overview", lang, format.extension()),
                    kind: JobKind::Overview(format),
                });
            }
        }
        if self.timeline {
            jobs.push(Job {
                name: file_name("timeline", lang, "gif"),
                kind: JobKind::Timeline,
            });
        }
        jobs
    }
}

/// Renders every job in parallel into memory, in the order of [`BatchRequest::jobs`].
/// `progress` is called once per finished job. [`write_batch`] writes the same files without
/// holding them all.
pub fn render_all(
    dataset: &Dataset,
    request: &BatchRequest,
    progress: &(dyn Fn(&Job) + Sync),
) -> Result<Vec<(Job, Vec<u8>)>> {
    let done = Mutex::new(Vec::new());
    run(dataset, request, &|job, bytes| {
        done.lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((job.clone(), bytes));
        progress(job);
        Ok(())
    })?;
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    let order = request.jobs();
    done.sort_by_key(|(job, _)| order.iter().position(|j| j == job));
    Ok(done)
}

/// One file a batch wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Where it is.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: usize,
}

/// Renders every job in parallel and writes each file as soon as it is finished into a staging
/// folder inside `dir` (created if needed), so memory does not grow with the number of years;
/// the files are moved into place only once every one is written. On an error, SIGINT or
/// SIGTERM, `dir` is left as it was (see [`crate::output::Staging`]). `progress` is called once
/// per file written. Returns the files in the order of [`BatchRequest::jobs`].
pub fn write_batch(
    dataset: &Dataset,
    request: &BatchRequest,
    dir: &Path,
    progress: &(dyn Fn(&Job) + Sync),
) -> Result<Vec<Written>> {
    request.check(dataset)?;
    let jobs = request.jobs();
    let names: Vec<&str> = jobs.iter().map(|j| j.name.as_str()).collect();
    let staging = Staging::begin(dir, &names)?;
    let sizes = Mutex::new(vec![0; jobs.len()]);
    run(dataset, request, &|job, bytes| {
        staging.stage(&job.name, &bytes)?;
        if let Some(i) = jobs.iter().position(|j| j == job) {
            sizes.lock().unwrap_or_else(|e| e.into_inner())[i] = bytes.len();
        }
        progress(job);
        Ok(())
    })?;
    let paths = staging.commit()?;
    let sizes = sizes.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(paths
        .into_iter()
        .zip(sizes)
        .map(|(path, bytes)| Written { path, bytes })
        .collect())
}

/// A share of a batch that one thread renders: a year (all its files and its timeline frame,
/// from one scene and one raster) or the overview page in every drawn format.
enum Unit {
    Year(usize),
    Overview,
    Page,
}

/// Renders every job, handing each file to `done` as soon as it is finished (from any thread):
/// the languages one after the other, each in parallel.
fn run(
    dataset: &Dataset,
    request: &BatchRequest,
    done: &(dyn Fn(&Job, Vec<u8>) -> Result<()> + Sync),
) -> Result<()> {
    request.check(dataset)?;
    if request.languages.is_empty() {
        return run_in(dataset, request, None, &[], done);
    }
    let mut formats = request.formats.clone();
    if request.switching() {
        run_switching(dataset, request, done)?;
        formats.retain(|&f| f != Format::Svg);
        if formats.is_empty() && !request.timeline {
            return Ok(());
        }
    }
    for &lang in &request.languages {
        let one = BatchRequest {
            formats: formats.clone(),
            options: MapOptions {
                lang,
                ..request.options
            },
            languages: Vec::new(),
            ..request.clone()
        };
        run_in(dataset, &one, Some(lang.code()), &request.languages, done)?;
    }
    Ok(())
}

/// Renders the SVGs of a request in every language as one file each, a year (or the overview)
/// per thread.
fn run_switching(
    dataset: &Dataset,
    request: &BatchRequest,
    done: &(dyn Fn(&Job, Vec<u8>) -> Result<()> + Sync),
) -> Result<()> {
    let langs = &request.languages;
    let options = |lang| MapOptions {
        lang,
        ..request.options
    };
    // The maps of every year, in every language: maps[language][year].
    let maps = langs
        .iter()
        .map(|&lang| {
            let years = request.years.iter();
            years
                .map(|&y| TreatyMap::for_year_in(dataset, y, lang, request.options.style))
                .collect::<Result<Vec<_>>>()
        })
        .collect::<Result<Vec<_>>>()?;
    let nth = |lang: Lang| langs.iter().position(|&l| l == lang).unwrap_or(0);
    // The overview (`None`) first, as in `run_in`.
    let mut units: Vec<Option<usize>> = Vec::new();
    if request.overview {
        units.push(None);
    }
    units.extend((0..request.years.len()).map(Some));
    units.into_par_iter().try_for_each(|unit| {
        let scenes = match unit {
            Some(i) => Scene::in_languages(langs, |lang, room| {
                let map = &maps[nth(lang)][i];
                Scene::for_map_within(map, &map.key, &options(lang), room)
            }),
            None => Scene::in_languages(langs, |lang, room| {
                Scene::overview_within(&maps[nth(lang)], &options(lang), room)
            }),
        };
        for scene in &scenes {
            scene.check_glyphs()?;
        }
        let svg = render::svg_switch::to_switching_svg(&scenes, request.options.svg_text)?;
        let job = match unit {
            Some(i) => Job {
                name: file_name(&request.years[i].to_string(), None, "svg"),
                kind: JobKind::Year(request.years[i], Format::Svg),
            },
            None => Job {
                name: file_name("overview", None, "svg"),
                kind: JobKind::Overview(Format::Svg),
            },
        };
        done(&job, svg.into_bytes())
    })
}

/// Renders the jobs of one language (`lang` tags the file names; the page links to its
/// versions in `languages`).
fn run_in(
    dataset: &Dataset,
    request: &BatchRequest,
    lang: Option<&str>,
    languages: &[Lang],
    done: &(dyn Fn(&Job, Vec<u8>) -> Result<()> + Sync),
) -> Result<()> {
    let maps = request
        .years
        .iter()
        .map(|&y| TreatyMap::for_year_in(dataset, y, request.options.lang, request.options.style))
        .collect::<Result<Vec<_>>>()?;
    let options = &request.options;
    let timeline = if request.timeline {
        // Frames as tall as the tallest page (a one-column page grows with its key).
        let height = maps
            .iter()
            .map(|m| Scene::page_height(m, &m.key, options).round() as u32)
            .max()
            .unwrap_or(options.height);
        Some(Timeline::new(maps.len(), options.width, height)?)
    } else {
        None
    };
    // The overview first: it costs about two maps, and started last it would finish alone.
    let mut units: Vec<Unit> = Vec::new();
    if request.overview {
        units.push(Unit::Overview);
    }
    units.extend((0..maps.len()).map(Unit::Year));
    if request.formats.contains(&Format::Html) {
        units.push(Unit::Page);
    }
    let cores = if units.len() > 1 {
        Cores::One
    } else {
        Cores::All
    };
    units.into_par_iter().try_for_each(|unit| match unit {
        Unit::Year(i) => year(request, &maps, i, lang, timeline.as_ref(), cores, done),
        Unit::Overview => {
            let scene = Scene::overview(&maps, options);
            scene.check_glyphs()?;
            for &format in request.formats.iter().filter(|f| f.is_drawn()) {
                let job = Job {
                    name: file_name("overview", lang, format.extension()),
                    kind: JobKind::Overview(format),
                };
                done(&job, render::paint(&scene, format, options, cores)?)?;
            }
            Ok(())
        }
        Unit::Page => {
            let job = Job {
                name: file_name(PAGE_STEM, lang, "html"),
                kind: JobKind::Page,
            };
            done(
                &job,
                render::page::to_html(&maps, options, languages)?.into_bytes(),
            )
        }
    })?;
    if let Some(timeline) = timeline {
        let job = Job {
            name: file_name("timeline", lang, "gif"),
            kind: JobKind::Timeline,
        };
        done(&job, timeline.encode()?)?;
    }
    Ok(())
}

/// The files of year `i` of the request, laid out once; its PNG's raster is also its timeline
/// frame when the sizes agree.
fn year(
    request: &BatchRequest,
    maps: &[TreatyMap],
    i: usize,
    lang: Option<&str>,
    timeline: Option<&Timeline>,
    cores: Cores,
    done: &(dyn Fn(&Job, Vec<u8>) -> Result<()> + Sync),
) -> Result<()> {
    let (map, year, options) = (&maps[i], request.years[i], &request.options);
    let drawn = request.formats.iter().any(|f| f.is_drawn()) || timeline.is_some();
    // Each map keys what it shows, so a file name means one content whichever command wrote it.
    let scene = drawn.then(|| Scene::for_map(map, &map.key, options));
    if let Some(scene) = &scene {
        scene.check_glyphs()?;
    }
    let mut framed = false;
    for &format in request.formats.iter().filter(|f| **f != Format::Html) {
        let job = Job {
            name: file_name(&year.to_string(), lang, format.extension()),
            kind: JobKind::Year(year, format),
        };
        let bytes = match (format, &scene) {
            (Format::Png, Some(scene)) => {
                let (w, h) = options.png_size_of(scene.width, scene.height);
                match timeline.filter(|t| t.size() == (w, h)) {
                    Some(timeline) => {
                        framed = true;
                        png::scene_to_png_and(scene, w, h, cores, |bands| {
                            timeline.add_painted(i, bands)
                        })?
                    }
                    None => render::paint(scene, format, options, cores)?,
                }
            }
            (Format::GeoJson, _) | (_, None) => render::geojson::to_geojson(map)?.into_bytes(),
            (_, Some(scene)) => render::paint(scene, format, options, cores)?,
        };
        done(&job, bytes)?;
    }
    if let (Some(timeline), Some(scene), false) = (timeline, &scene, framed) {
        timeline.add_scene(i, scene)?;
    }
    Ok(())
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
            languages: Vec::new(),
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

    #[test]
    fn all_languages_share_one_svg_and_name_the_other_files() {
        let request = BatchRequest {
            years: vec![1912],
            formats: vec![Format::Svg, Format::Png],
            options: MapOptions::default(),
            overview: true,
            timeline: false,
            languages: vec![Lang::En, Lang::Ja],
        };
        let names: Vec<String> = request.jobs().into_iter().map(|j| j.name).collect();
        assert_eq!(
            names,
            [
                "1912.svg",
                "overview.svg",
                "1912.en.png",
                "overview.en.png",
                "1912.ja.png",
                "overview.ja.png"
            ]
        );
        // Without English there is no fallback: one SVG per language.
        let request = BatchRequest {
            languages: vec![Lang::Ja, Lang::Ko],
            overview: false,
            ..request
        };
        let names: Vec<String> = request.jobs().into_iter().map(|j| j.name).collect();
        assert_eq!(
            names,
            ["1912.ja.svg", "1912.ja.png", "1912.ko.svg", "1912.ko.png"]
        );
    }
}
