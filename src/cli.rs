//! Command-line interface: clap definitions, turned into a plain request before any work.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use spheres_map::{data, render_year, Dataset, Format, SceneOptions};

const EXAMPLES: &str = "\
Examples:
  Map of the arrangement in force in 1912, as output/1912.svg and output/1912.png:
    spheres-map --year 1912

  Every treaty year (1907, 1910, 1912, 1916) into slides/:
    spheres-map --all --out slides

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

    /// Canvas width in pixels
    #[arg(long, value_name = "PX", default_value_t = 1920)]
    width: u32,

    /// Canvas height in pixels
    #[arg(long, value_name = "PX", default_value_t = 1080)]
    height: u32,

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

/// What to do, checked.
struct RenderRequest {
    years: Vec<i32>,
    formats: Vec<Format>,
    out: PathBuf,
    options: SceneOptions,
    png_scale: f64,
    quiet: bool,
}

fn load(cli: &Cli) -> Result<Dataset> {
    Ok(match &cli.data {
        Some(dir) => data::load_dir(dir)?,
        None => Dataset::embedded().context("the bundled data is broken")?,
    })
}

fn request(cli: &Cli, dataset: &Dataset) -> Result<RenderRequest> {
    if !(200..=10_000).contains(&cli.width) || !(200..=10_000).contains(&cli.height) {
        bail!("--width and --height must be between 200 and 10000 pixels");
    }
    if !(cli.scale.is_finite() && (0.25..=8.0).contains(&cli.scale)) {
        bail!("--scale must be between 0.25 and 8");
    }
    let pixels = f64::from(cli.width) * f64::from(cli.height) * cli.scale * cli.scale;
    if pixels > 1.0e8 {
        bail!(
            "the PNG would have {:.0} million pixels; the limit is 100 million",
            pixels / 1e6
        );
    }
    let years = match (cli.year, cli.all) {
        (Some(year), false) => {
            dataset.map_for_year(year)?;
            vec![year]
        }
        (None, true) => dataset.agreement_years(),
        _ => bail!("choose a map: --year YEAR or --all (see --help)"),
    };
    let mut formats: Vec<Format> = cli.format.iter().map(|&f| f.into()).collect();
    formats.sort();
    formats.dedup();
    Ok(RenderRequest {
        years,
        formats,
        out: cli.out.clone(),
        options: SceneOptions {
            width: cli.width,
            height: cli.height,
            text_scale: 1.0,
        },
        png_scale: cli.scale,
        quiet: cli.quiet,
    })
}

/// Runs the command line.
pub fn run(cli: Cli) -> Result<()> {
    let dataset = load(&cli)?;
    if let Some(Command::List) = cli.command {
        list(&dataset);
        return Ok(());
    }
    let request = request(&cli, &dataset)?;
    // Render everything in memory first: a failure leaves the output folder untouched.
    let mut rendered = Vec::new();
    for &year in &request.years {
        let files = render_year(
            &dataset,
            year,
            &request.formats,
            &request.options,
            request.png_scale,
        )?;
        rendered.push((year, files));
    }
    spheres_map::output::ensure_dir(&request.out)?;
    let mut written = Vec::new();
    for (year, files) in rendered {
        for (format, bytes) in files {
            let name = format!("{year}.{}", format.extension());
            written.push(spheres_map::output::write_atomic(
                &request.out,
                &name,
                &bytes,
            )?);
        }
    }
    if !request.quiet {
        for path in &written {
            println!("wrote {}", path.display());
        }
    }
    Ok(())
}

fn list(dataset: &Dataset) {
    let treaties = &dataset.treaties;
    let agreements = &treaties.agreements;
    for (i, a) in agreements.iter().enumerate() {
        let first = a.signed.year.max(treaties.first_year);
        let last = agreements
            .get(i + 1)
            .map(|next| next.signed.year - 1)
            .unwrap_or(treaties.last_year);
        let years = if first == last {
            format!("{first}")
        } else {
            format!("{first}–{last}")
        };
        println!(
            "{:<6} {:<18} {:<10} {} — {}",
            a.id,
            a.signed.to_string(),
            years,
            a.name,
            a.summary
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
