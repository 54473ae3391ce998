//! `build-geodata`: derives spheres-map's bundled `geodata/*.geojson` from the
//! Natural Earth extracts and `history.toml` in `geodata/sources/`.
//!
//! Everything is built in memory first; files are only replaced once the whole
//! build has succeeded.

#![forbid(unsafe_code)]

mod geom;
mod history;
mod layers;
mod lines;
mod output;
mod pipeline;
mod regions;
mod routing;
mod sources;
mod topology;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};

struct Args {
    sources: PathBuf,
    out: PathBuf,
}

fn parse_args() -> Result<Args> {
    let mut args = Args {
        sources: PathBuf::from("geodata/sources"),
        out: PathBuf::from("geodata"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--sources" | "--out" => {
                let Some(v) = it.next() else {
                    bail!("{a} needs a directory");
                };
                if a == "--sources" {
                    args.sources = v.into();
                } else {
                    args.out = v.into();
                }
            }
            "-h" | "--help" => {
                println!("usage: build-geodata [--sources DIR] [--out DIR]");
                std::process::exit(0);
            }
            other => bail!("unknown argument {other:?} (try --help)"),
        }
    }
    Ok(args)
}

fn run() -> Result<()> {
    let args = parse_args()?;
    let files = pipeline::run(&args.sources)?;
    output::write_all(&args.out, &files)?;
    for (name, text) in &files {
        println!("{name}: {} bytes", text.len());
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line: the context chain joined, any multi-line detail flattened.
            let msg = format!("{e:#}");
            let one: Vec<&str> = msg
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            eprintln!("error: {}", one.join(" "));
            ExitCode::FAILURE
        }
    }
}
