//! Issue 16: hostile data cannot exhaust the machine. Each input is generated here (nothing large
//! is committed) from the valid base of the invalid-data corpus, and each run must finish within
//! 5 s (a debug build on a busy 2-core machine; a release build takes a fraction of that) with
//! exit 0, or with one line on stderr and exit 1.
//!
//! `benches/hostile-memory.sh` measures the peak memory of the same runs: with
//! `SPHERES_MAP_KEEP_HOSTILE=DIR` these tests leave each input in `DIR/<case>/`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::util::{entries, spheres_map};

const LIMIT: Duration = Duration::from_secs(5);

/// A copy of the valid base with some files replaced, under `dir/<case>` (or the kept folder).
fn data_with(dir: &Path, case: &str, files: &[(&str, String)]) -> PathBuf {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_data/valid_base");
    let root =
        std::env::var_os("SPHERES_MAP_KEEP_HOSTILE").map_or(dir.to_path_buf(), PathBuf::from);
    let data = root.join(case);
    std::fs::create_dir_all(&data).unwrap();
    for name in entries(&base) {
        std::fs::copy(base.join(&name), data.join(&name)).unwrap();
    }
    for (name, text) in files {
        std::fs::write(data.join(name), text).unwrap();
    }
    data
}

fn base_text(name: &str) -> String {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_data/valid_base");
    std::fs::read_to_string(base.join(name)).unwrap()
}

/// Runs one map from `data`; checks the time and the shape of a failure; returns stderr and
/// whether it succeeded.
fn run(dir: &Path, data: &Path, args: &[&str]) -> (String, bool) {
    let started = Instant::now();
    let output = spheres_map(dir)
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        elapsed < LIMIT,
        "{}: took {elapsed:?}: {stderr}",
        data.display()
    );
    match output.status.code() {
        Some(0) => (stderr, true),
        Some(1) => {
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
            assert!(
                stderr.len() < 1_000,
                "a short message: {} bytes",
                stderr.len()
            );
            (stderr, false)
        }
        other => panic!("exit {other:?}: {stderr}"),
    }
}

/// A star with `points` points around (12, 51.5), inside the base's northern region.
fn star_ring(points: usize) -> String {
    let mut text = String::from("[");
    for i in 0..=2 * points {
        let angle = std::f64::consts::PI * (i % (2 * points)) as f64 / points as f64;
        let r = if i % 2 == 0 { 1.4 } else { 0.7 };
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            "[{:.9},{:.9}]",
            12.0 + r * angle.cos(),
            51.5 + r * angle.sin()
        ));
    }
    text.push(']');
    text
}

#[test]
fn r16_a_valid_100k_vertex_polygon_is_drawn_in_time() {
    let dir = tempfile::tempdir().unwrap();
    let regions = base_text("regions.geojson").replace(
        "[[[10,50],[14,50],[14,53],[10,53],[10,50]]]",
        &format!("[{}]", star_ring(50_000)),
    );
    let data = data_with(dir.path(), "star-100k", &[("regions.geojson", regions)]);
    let (stderr, ok) = run(
        dir.path(),
        &data,
        &["--year", "1906", "--format", "svg", "--out", "out", "-q"],
    );
    assert!(ok, "{stderr}");
    assert_eq!(entries(&dir.path().join("out")), ["1906.svg"]);
}

#[test]
fn r16_a_200_kb_name_is_refused_in_one_short_line() {
    let dir = tempfile::tempdir().unwrap();
    let name = "Town ".repeat(40_000);
    let places =
        base_text("places.geojson").replace("\"name\":\"Town\"", &format!("\"name\":\"{name}\""));
    // Without an id the message would name the feature by its name: cut short, too.
    let places_without_id = places.replace("\"id\":\"town\",", "");
    for (case, places) in [
        ("name-200kb", places),
        ("name-200kb-no-id", places_without_id),
    ] {
        let data = data_with(dir.path(), case, &[("places.geojson", places)]);
        let (stderr, ok) = run(dir.path(), &data, &["--year", "1906", "--format", "svg"]);
        assert!(!ok);
        assert!(
            stderr.contains("property 'name' is 200000 characters long; the limit is 200")
                || stderr.contains("property 'id' is missing"),
            "{stderr}"
        );
    }
}

/// `count` agreements a year apart, each assigning both regions.
fn treaties(count: usize) -> String {
    let mut text = String::from(
        "title = \"Many\"\nfirst_year = 1500\nlast_year = 1999\n\
         [[powers]]\nid = \"a\"\nname = \"Aland\"\nadjective = \"Alandish\"\n\
         [[powers]]\nid = \"b\"\nname = \"Bexmark\"\nadjective = \"Bexish\"\n",
    );
    for i in 0..count {
        // Several a year when there are more agreements than years.
        let (year, day) = (1500 + i % 500, 1 + i / 500);
        text.push_str(&format!(
            "[[agreements]]\nid = \"a{i}\"\nname = \"Agreement {i}\"\nsigned = {year}-01-{day:02}\n\
             place = \"P\"\nsignatories = [\"X\"]\nsummary = \"s\"\n\
             [[agreements.assignments]]\nregion = \"north\"\npower = \"a\"\nstatus = \"sphere\"\n\
             [[agreements.assignments]]\nregion = \"south\"\npower = \"b\"\nstatus = \"sphere\"\n"
        ));
    }
    text
}

#[test]
fn r16_10000_treaties_are_refused_and_1000_are_listed_in_time() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with(
        dir.path(),
        "treaties-10000",
        &[("treaties.toml", treaties(10_000))],
    );
    let (stderr, ok) = run(dir.path(), &data, &["list"]);
    assert!(!ok);
    assert!(
        stderr.contains("treaties.toml: the file has 10000 agreements; the limit is 1000"),
        "{stderr}"
    );
    let data = data_with(
        dir.path(),
        "treaties-1000",
        &[("treaties.toml", treaties(1_000))],
    );
    let (stderr, ok) = run(dir.path(), &data, &["list"]);
    assert!(ok, "{stderr}");
    let (stderr, ok) = run(
        dir.path(),
        &data,
        &["--year", "1999", "--format", "svg", "--out", "out", "-q"],
    );
    assert!(ok, "{stderr}");
}
