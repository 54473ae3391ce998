//! Command-line interface: clap definitions, turned into a plain request before any work.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use spheres_map::batch::{self, BatchRequest};
use spheres_map::{Dataset, Format, Lang, MapOptions, Style, SvgText};

const EXAMPLES: &str = "\
Examples:
  Map of the arrangement in force in 1912, as output/1912.svg and output/1912.png:
    spheres-map --year 1912

  Every treaty year (1907, 1910, 1912, 1916) into slides/, with large labels:
    spheres-map --all --preset slide --out slides

  The series for an article: print-size SVGs, the overview page and the animation:
    spheres-map --all --preset article --overview --timeline

  The story from Portsmouth to 1945 in four maps, with their overview page:
    spheres-map --years 1905,1925,1933,1945 --overview

  A print-size PNG and every layer of the map as GeoJSON:
    spheres-map --year 1907 --format png,geojson --scale 2

  A PDF for a journal (17 × 12 cm, fonts embedded), in CMYK for the print shop:
    spheres-map --year 1912 --preset article --format pdf --cmyk

  The same figure for a journal printed in black and white:
    spheres-map --year 1912 --preset article --format pdf --style mono

  An SVG whose text is drawn as outlines, for tools that ignore embedded fonts:
    spheres-map --year 1912 --format svg --svg-text paths

  Your own data (a folder laid out like the bundled geodata/):
    spheres-map --data my-data --year 1925

  Every year from 1905 to 1945 on one interactive page (output/spheres.html), for a lecture:
    spheres-map --years 1905-1945 --format html

  The treaties in the data and the years they cover:
    spheres-map list

  Shell completion and the manual page:
    spheres-map completions bash > ~/.local/share/bash-completion/completions/spheres-map
    spheres-map manpage > ~/.local/share/man/man1/spheres-map.1";

/// Draws maps of the Japanese and Russian spheres of influence in North-East Asia under the
/// secret agreements of 1907, 1910, 1912 and 1916, and of the years 1905–1945 around them.
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

    /// Draw the arrangement in force at the end of YEAR (1905–1945 with the bundled data)
    #[arg(long, value_name = "YEAR", conflicts_with_all = ["all", "years"])]
    year: Option<i32>,

    /// Draw every treaty year of the series (1907, 1910, 1912, 1916 with the bundled data)
    #[arg(long, conflicts_with = "years")]
    all: bool,

    /// Draw these years: a list, a range or both (1925,1932,1941,1945 or 1905-1945 or 1905-1910,1925)
    #[arg(long, value_name = "LIST", value_parser = parse_years)]
    years: Option<Years>,

    /// Folder to write the maps into (created if needed)
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,

    /// Formats to write, comma-separated: svg, png, pdf, geojson, html (one interactive page,
    /// spheres.html, with every year chosen and a year slider)
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        default_value = "svg,png"
    )]
    format: Vec<FormatArg>,

    /// Size, type and layout for a use: slide (1920×1080, large labels), slide-4x3
    /// (1600×1200), article (170 × 120 mm at 300 dpi), column (85 × 140 mm, taller for a long key), thumbnail (640×360)
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

    /// With --all or --years: also the overview page (every map on one page, up to 12)
    #[arg(long)]
    overview: bool,

    /// With --all or --years: also timeline.gif, stepping through the years
    #[arg(long)]
    timeline: bool,

    /// Multiply the PNG's pixel size (2 gives a 3840 × 2160 PNG of the same layout)
    #[arg(
        long,
        value_name = "FACTOR",
        default_value_t = 1.0,
        allow_negative_numbers = true
    )]
    scale: f64,

    /// Show only this lon/lat box, for a detail map: WEST,SOUTH,EAST,NORTH in degrees
    /// (e.g. 118,37,132,48 for Manchuria and Korea)
    #[arg(long, value_name = "W,S,E,N", value_parser = parse_extent, allow_hyphen_values = true)]
    extent: Option<Extent>,

    /// How SVG text is written: embedded (text, with the font subset inside the file),
    /// system (text naming the font only), paths (glyph outlines, exact everywhere)
    #[arg(long, value_name = "MODE", default_value = "embedded")]
    svg_text: SvgTextArg,

    /// Write PDF colours as CMYK, greys and black on the black plate only
    #[arg(long)]
    cmyk: bool,

    /// colour (powers by colour, status by tint) or mono (black and white: status by grey,
    /// powers by pattern and by a mark after each name, KOREA (J), for journals printed
    /// without colour)
    #[arg(long, value_name = "STYLE", default_value = "colour")]
    style: StyleArg,

    /// Language of the map's texts and names: en, ja, ru, zh (simplified), zh-Hant
    /// (traditional), ko; all draws other files once per language (1912.ja.png, ...) and
    /// each SVG once, its texts switching on the reader's language (1912.svg)
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = parse_lang, global = true)]
    lang: LangChoice,

    /// A font (TrueType or OpenType) for characters the bundled fonts lack, e.g. with --data
    /// (repeatable; tried in order after the bundled fonts)
    #[arg(long, value_name = "FILE")]
    font: Vec<PathBuf>,

    /// Read outlines and treaties from DIR instead of the bundled data
    #[arg(long, value_name = "DIR", global = true)]
    data: Option<PathBuf>,

    /// Print nothing but errors
    #[arg(long, short, global = true)]
    quiet: bool,

    /// The map options given on the command line (not defaults), as `--name`.
    #[arg(skip)]
    given: Vec<String>,
}

impl Cli {
    /// Parses the process's arguments (exiting with clap's message and code 2 on a parse
    /// error), noting which map options were typed so a subcommand can refuse them.
    pub fn parse_args() -> Cli {
        use clap::parser::ValueSource;
        use clap::{CommandFactory, FromArgMatches};
        let command = Cli::command();
        let matches = command.clone().get_matches();
        let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
        cli.given = command
            .get_arguments()
            .filter(|a| !a.is_global_set())
            .map(|a| a.get_id().as_str())
            .filter(|id| matches.value_source(id) == Some(ValueSource::CommandLine))
            .map(|id| format!("--{}", id.replace('_', "-")))
            .collect();
        cli
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the agreements in the data, with the years each one's map covers
    List,
    /// Print a completion script for a shell to standard output
    Completions {
        /// The shell
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output
    Manpage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SvgTextArg {
    /// Text, with the font subset embedded
    Embedded,
    /// Text naming the font only
    System,
    /// Glyph outlines
    Paths,
}

impl From<SvgTextArg> for SvgText {
    fn from(t: SvgTextArg) -> SvgText {
        match t {
            SvgTextArg::Embedded => SvgText::Embedded,
            SvgTextArg::System => SvgText::System,
            SvgTextArg::Paths => SvgText::Paths,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StyleArg {
    /// Powers by colour, status by tint
    #[value(alias = "color")]
    Colour,
    /// Black and white: status by grey, powers by pattern and by the mark after each name
    Mono,
}

impl From<StyleArg> for Style {
    fn from(s: StyleArg) -> Style {
        match s {
            StyleArg::Colour => Style::Colour,
            StyleArg::Mono => Style::Mono,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Preset {
    /// 1920 × 1080, large labels for projection
    Slide,
    /// 1600 × 1200 (4:3)
    #[value(name = "slide-4x3")]
    Slide4x3,
    /// 170 × 120 mm at 300 dpi, print type (6 pt and up)
    Article,
    /// 85 × 140 mm at 300 dpi: a one-column print figure (taller, up to 230 mm, for a long key)
    Column,
    /// 640 × 360, main names only, no key
    Thumbnail,
}

impl From<Preset> for spheres_map::Preset {
    fn from(p: Preset) -> spheres_map::Preset {
        match p {
            Preset::Slide => spheres_map::Preset::Slide,
            Preset::Slide4x3 => spheres_map::Preset::Slide4x3,
            Preset::Article => spheres_map::Preset::Article,
            Preset::Column => spheres_map::Preset::Column,
            Preset::Thumbnail => spheres_map::Preset::Thumbnail,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Svg,
    Png,
    Pdf,
    Geojson,
    Html,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Svg => Format::Svg,
            FormatArg::Png => Format::Png,
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Geojson => Format::GeoJson,
            FormatArg::Html => Format::Html,
        }
    }
}

/// One language, or every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LangChoice {
    One(Lang),
    All,
}

/// Parses `--lang`; an unknown tag is a usage error listing the languages.
fn parse_lang(text: &str) -> std::result::Result<LangChoice, String> {
    if text.eq_ignore_ascii_case("all") {
        return Ok(LangChoice::All);
    }
    Lang::parse(text)
        .map(LangChoice::One)
        .map_err(|e| format!("{e}, or all"))
}

fn load(cli: &Cli) -> Result<Dataset> {
    if !cli.font.is_empty() {
        let mut files = Vec::new();
        for path in &cli.font {
            let bytes = std::fs::read(path)
                .with_context(|| format!("could not read '{}'", path.display()))?;
            files.push((path.display().to_string(), bytes));
        }
        spheres_map::add_fonts(files)?;
    }
    Ok(match &cli.data {
        Some(dir) => Dataset::from_dir(dir)?,
        None => Dataset::embedded().context("the bundled data is broken")?,
    })
}

/// The box of `--extent`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Extent([f64; 4]);

/// Parses `WEST,SOUTH,EAST,NORTH`; whether the data covers the box is the library's to say.
fn parse_extent(text: &str) -> std::result::Result<Extent, String> {
    let numbers: Vec<f64> = text
        .split(',')
        .map(|v| v.trim().parse::<f64>())
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| "expected four numbers: WEST,SOUTH,EAST,NORTH".to_string())?;
    match numbers.as_slice() {
        [w, s, e, n] => Ok(Extent([*w, *s, *e, *n])),
        _ => Err("expected four numbers: WEST,SOUTH,EAST,NORTH".to_string()),
    }
}

/// The years of `--years`, in the order given, each once.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Years(Vec<i32>);

/// Parses `1925,1932,1941` and `1905-1945` (and mixtures) into years. Whether the data covers
/// them is the library's check.
fn parse_years(text: &str) -> std::result::Result<Years, String> {
    const MAX: usize = 1000;
    let year = |t: &str| {
        t.trim()
            .parse::<i32>()
            .map_err(|_| format!("'{}' is not a year", t.trim()))
    };
    let mut years: Vec<i32> = Vec::new();
    for part in text.split(',') {
        let (first, last) = match part.trim().split_once('-') {
            Some((a, b)) => (year(a)?, year(b)?),
            None => {
                let y = year(part)?;
                (y, y)
            }
        };
        if first > last {
            return Err(format!("the range {first}-{last} runs backwards"));
        }
        if usize::try_from(last - first).map_or(true, |n| n >= MAX) {
            return Err(format!("the range {first}-{last} is too long"));
        }
        for y in first..=last {
            if !years.contains(&y) {
                years.push(y);
            }
        }
        if years.len() > MAX {
            return Err(format!("more than {MAX} years"));
        }
    }
    Ok(Years(years))
}

/// The command line as a plain request; the library checks it.
fn request(cli: &Cli, dataset: &Dataset) -> Result<BatchRequest> {
    let options = MapOptions::for_preset(cli.preset.map(Into::into), cli.dpi)?;
    let options = MapOptions {
        png_scale: cli.scale,
        extent: cli.extent.map(|Extent(b)| b),
        svg_text: cli.svg_text.into(),
        cmyk: cli.cmyk,
        lang: match cli.lang {
            LangChoice::One(lang) => lang,
            LangChoice::All => Lang::En,
        },
        style: cli.style.into(),
        ..options.with_size(cli.width, cli.height)?
    };
    let years = match (cli.year, &cli.years) {
        (Some(year), _) => vec![year],
        (None, Some(Years(list))) => list.clone(),
        (None, None) => dataset.agreement_years(),
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
        languages: match cli.lang {
            LangChoice::One(_) => Vec::new(),
            LangChoice::All => Lang::ALL.to_vec(),
        },
    })
}

/// Usage errors clap cannot express; they exit with clap's code 2 like the others.
fn check_usage(cli: &Cli) {
    use clap::error::ErrorKind;
    use clap::CommandFactory;
    let for_command;
    let problem = if let Some(command) = &cli.command {
        // `--year 1912 list` would silently ignore the year.
        let name = match command {
            Command::List => "list",
            Command::Completions { .. } => "completions",
            Command::Manpage => "manpage",
        };
        let verb = if cli.given.len() == 1 { "does" } else { "do" };
        for_command = format!(
            "{} {verb} not go with the '{name}' command, which draws no map",
            cli.given.join(", ")
        );
        (!cli.given.is_empty()).then_some((ErrorKind::ArgumentConflict, for_command.as_str()))
    } else if cli.year.is_none() && !cli.all && cli.years.is_none() {
        Some((
            ErrorKind::MissingRequiredArgument,
            "choose a map: --year YEAR, --years LIST or --all",
        ))
    } else if (cli.overview || cli.timeline) && !cli.all && cli.years.is_none() {
        Some((
            ErrorKind::MissingRequiredArgument,
            "--overview and --timeline go with --all or --years",
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
    match cli.command {
        Some(Command::Completions { shell }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let name = command.get_name().to_string();
            clap_complete::generate(shell, &mut command, name, &mut std::io::stdout());
            return Ok(());
        }
        Some(Command::Manpage) => {
            let man = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command());
            man.render(&mut std::io::stdout())
                .context("could not write the manual page")?;
            return Ok(());
        }
        Some(Command::List) | None => {}
    }
    let dataset = load(&cli)?;
    if let Some(Command::List) = cli.command {
        // `list --lang all` lists in every language, one after the other.
        let langs = match cli.lang {
            LangChoice::One(lang) => vec![lang],
            LangChoice::All => Lang::ALL.to_vec(),
        };
        for lang in langs {
            list(&dataset, lang);
        }
        return Ok(());
    }
    let request = request(&cli, &dataset)?;
    request.check(&dataset)?;
    spheres_map::check_output_dir(&cli.out)?;
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

fn list(dataset: &Dataset, lang: Lang) {
    for a in spheres_map::agreements_in(dataset, lang) {
        let (first, last) = (a.years.start(), a.years.end());
        let years = if first == last {
            format!("{first}")
        } else {
            format!("{first}–{last}")
        };
        let summary = if a.summary.is_empty() {
            String::new()
        } else {
            format!(" — {}", a.summary)
        };
        println!(
            "{:<6} {:<18} {:<10} {}{summary}",
            a.id, a.signed, years, a.name
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

    #[test]
    fn years_are_lists_ranges_or_both() {
        assert_eq!(
            parse_years("1925,1932,1941,1945"),
            Ok(Years(vec![1925, 1932, 1941, 1945]))
        );
        assert_eq!(
            parse_years("1905-1945").map(|y| y.0.len()),
            Ok(41),
            "a range includes both ends"
        );
        assert_eq!(
            parse_years("1905-1907, 1925,1906"),
            Ok(Years(vec![1905, 1906, 1907, 1925])),
            "spaces allowed, repeats dropped"
        );
        assert_eq!(parse_years("1912"), Ok(Years(vec![1912])));
        for bad in ["", "19x5", "1945-1905", "1905-", "1900-99999"] {
            assert!(parse_years(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn years_conflict_with_year_and_all() {
        for args in [
            &["spheres-map", "--years", "1925", "--year", "1925"][..],
            &["spheres-map", "--years", "1925", "--all"][..],
        ] {
            let err = Cli::try_parse_from(args).unwrap_err();
            assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
        }
        let cli =
            Cli::try_parse_from(["spheres-map", "--years", "1905-1906", "--overview"]).unwrap();
        assert_eq!(cli.years, Some(Years(vec![1905, 1906])));
    }
}
