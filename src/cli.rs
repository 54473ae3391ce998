//! Command-line interface: clap definitions, turned into a plain request before any work.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use spheres_map::batch::{self, BatchRequest};
use spheres_map::{Dataset, Format, MapOptions};

const EXAMPLES: &str = "\
Examples:
  Map of the arrangement in force in 1912, as output/1912.svg and output/1912.png:
    spheres-map --year 1912

  Every treaty year (1907, 1910, 1912, 1916) into slides/, with large labels:
    spheres-map --all --preset slide --out slides

  The series for an article: print-size SVGs, the overview page and the animation:
    spheres-map --all --preset article --overview --timeline

  A print-size PNG and the joined regions as GeoJSON:
    spheres-map --year 1907 --format png,geojson --scale 2

  Your own data (a folder laid out like the bundled geodata/):
    spheres-map --data my-data --year 1925

  The treaties in the data and the years they cover:
    spheres-map list";

/// Draws maps of the Japanese and Russian spheres of influence in North-East Asia under the
/// secret agreements of 1907, 1910, 1912 and 1916.
#[derive(Debug, Parser)]
#[command(
    name = "spheres-map",
    version,
    after_long_help = EXAMPLES,
    max_term_width = 100,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Draw the arrangement in force at the end of YEAR (1907–1917 with the bundled data)
    #[arg(long, value_name = "YEAR", conflicts_with = "all")]
    year: Option<i32>,

    /// Draw every treaty year (the year of each agreement)
    #[arg(long)]
    all: bool,

    /// Folder to write the maps into (created if needed)
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,

    /// Formats to write, comma-separated
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        default_value = "svg,png"
    )]
    format: Vec<FormatArg>,

    /// Size, type and layout for a use: slide (1920×1080, large labels), slide-4x3
    /// (1600×1200), article (17 × 12 cm at 300 dpi, print type), thumbnail (640×360)
    #[arg(long, value_name = "PRESET")]
    preset: Option<Preset>,

    /// Canvas width in pixels [default: 1920, or the preset's]
    #[arg(long, value_name = "PX")]
    width: Option<u32>,

    /// Canvas height in pixels [default: 1080, or the preset's]
    #[arg(long, value_name = "PX")]
    height: Option<u32>,

    /// Print resolution for --preset article (sets the pixel size of its 17 × 12 cm)
    #[arg(long, value_name = "DPI")]
    dpi: Option<u32>,

    /// With --all: also the overview page (every agreement on one page)
    #[arg(long)]
    overview: bool,

    /// With --all: also timeline.gif, stepping through the treaty years
    #[arg(long)]
    timeline: bool,

    /// Multiply the PNG's pixel size (2 gives a 3840 × 2160 PNG of the same layout)
    #[arg(long, value_name = "FACTOR", default_value_t = 1.0)]
    scale: f64,

    /// Read outlines and treaties from DIR instead of the bundled data
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,

    /// Print nothing but errors
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the agreements in the data, with the years each one's map covers
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Preset {
    /// 1920 × 1080, large labels for projection
    Slide,
    /// 1600 × 1200 (4:3)
    #[value(name = "slide-4x3")]
    Slide4x3,
    /// 17 × 12 cm at 300 dpi, small print type
    Article,
    /// 640 × 360
    Thumbnail,
}

impl From<Preset> for spheres_map::Preset {
    fn from(p: Preset) -> spheres_map::Preset {
        match p {
            Preset::Slide => spheres_map::Preset::Slide,
            Preset::Slide4x3 => spheres_map::Preset::Slide4x3,
            Preset::Article => spheres_map::Preset::Article,
            Preset::Thumbnail => spheres_map::Preset::Thumbnail,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Svg,
    Png,
    Geojson,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Svg => Format::Svg,
            FormatArg::Png => Format::Png,
            FormatArg::Geojson => Format::GeoJson,
        }
    }
}

fn load(cli: &Cli) -> Result<Dataset> {
    Ok(match &cli.data {
        Some(dir) => Dataset::from_dir(dir)?,
        None => Dataset::embedded().context("the bundled data is broken")?,
    })
}

/// The command line as a plain request; the library checks it.
fn request(cli: &Cli, dataset: &Dataset) -> Result<BatchRequest> {
    let options = MapOptions::for_preset(cli.preset.map(Into::into), cli.dpi)?;
    let options = MapOptions {
        png_scale: cli.scale,
        ..options.with_size(cli.width, cli.height)
    };
    let years = match cli.year {
        Some(year) => vec![year],
        None => dataset.agreement_years(),
    };
    let mut formats: Vec<Format> = cli.format.iter().map(|&f| f.into()).collect();
    formats.sort();
    formats.dedup();
    Ok(BatchRequest {
        years,
        formats,
        options,
        overview: cli.overview,
        timeline: cli.timeline,
    })
}

/// Usage errors clap cannot express; they exit with clap's code 2 like the others.
fn check_usage(cli: &Cli) {
    use clap::error::ErrorKind;
    use clap::CommandFactory;
    let problem = if cli.command.is_some() {
        None
    } else if cli.year.is_none() && !cli.all {
        Some((
            ErrorKind::MissingRequiredArgument,
            "choose a map: --year YEAR or --all",
        ))
    } else if (cli.overview || cli.timeline) && !cli.all {
        Some((
            ErrorKind::MissingRequiredArgument,
            "--overview and --timeline go with --all",
        ))
    } else {
        None
    };
    if let Some((kind, message)) = problem {
        Cli::command().error(kind, message).exit();
    }
}

/// Runs the command line.
pub fn run(cli: Cli) -> Result<()> {
    check_usage(&cli);
    let started = Instant::now();
    let dataset = load(&cli)?;
    if let Some(Command::List) = cli.command {
        list(&dataset);
        return Ok(());
    }
    let request = request(&cli, &dataset)?;
    request.check(&dataset)?;
    let jobs = request.jobs();
    let bar = if cli.quiet || !std::io::stderr().is_terminal() || jobs.len() < 2 {
        ProgressBar::hidden()
    } else {
        let bar =
            ProgressBar::with_draw_target(Some(jobs.len() as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} rendering [{bar:30}] {pos}/{len} {msg}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        bar
    };
    // Each file is staged as it is finished and moved into place once all are: a failure
    // leaves the output folder untouched.
    let written = batch::write_batch(&dataset, &request, &cli.out, &|job| {
        bar.set_message(job.name.clone());
        bar.inc(1);
    });
    bar.finish_and_clear();
    let written = written?;
    if !cli.quiet {
        for file in &written {
            println!("wrote {}", file.path.display());
        }
        if written.len() > 1 {
            let bytes: usize = written.iter().map(|f| f.bytes).sum();
            println!(
                "{} files, {:.1} MB, in {:.2} s",
                written.len(),
                bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(())
}

fn list(dataset: &Dataset) {
    for a in dataset.agreements() {
        let (first, last) = (a.years.start(), a.years.end());
        let years = if first == last {
            format!("{first}")
        } else {
            format!("{first}–{last}")
        };
        println!(
            "{:<6} {:<18} {:<10} {} — {}",
            a.id, a.signed, years, a.name, a.summary
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
