//! `--all`: the whole series, presets, overview and timeline, as a teacher or author runs them.
//! What the files contain is tested through the library in `library`.

use predicates::prelude::*;

use crate::util::{entries, png_size, spheres_map};

const YEARS: [&str; 4] = ["1907", "1910", "1912", "1916"];

#[test]
fn all_writes_every_treaty_year_as_svg_and_png_and_the_overview_and_timeline() {
    let dir = tempfile::tempdir().unwrap();
    spheres_map(dir.path())
        .args(["--all", "--overview", "--timeline"])
        .assert()
        .success()
        .stdout(predicate::str::contains("11 files"));
    let mut expected: Vec<String> = YEARS
        .iter()
        .flat_map(|y| [format!("{y}.png"), format!("{y}.svg")])
        .chain(["overview.png", "overview.svg", "timeline.gif"].map(String::from))
        .collect();
    expected.sort();
    assert_eq!(entries(&dir.path().join("output")), expected);
    for year in YEARS {
        let png = std::fs::read(dir.path().join(format!("output/{year}.png"))).unwrap();
        assert_eq!(png_size(&png), (1920, 1080), "{year}");
    }
}

#[test]
fn article_svg_carries_its_printed_size_and_dpi_sets_pixels() {
    let dir = tempfile::tempdir().unwrap();
    spheres_map(dir.path())
        .args([
            "--year", "1912", "--preset", "article", "--dpi", "150", "-q",
        ])
        .assert()
        .success();
    let svg = std::fs::read_to_string(dir.path().join("output/1912.svg")).unwrap();
    assert!(
        svg.starts_with("<svg width=\"170mm\" height=\"120mm\""),
        "{}",
        &svg[..80]
    );
    let png = std::fs::read(dir.path().join("output/1912.png")).unwrap();
    assert_eq!(png_size(&png), (1004, 709));
}

#[test]
fn explicit_size_overrides_a_preset_and_dpi_needs_article() {
    let dir = tempfile::tempdir().unwrap();
    spheres_map(dir.path())
        .args([
            "--year", "1912", "--preset", "slide", "--width", "1280", "--height", "720",
            "--format", "png", "-q",
        ])
        .assert()
        .success();
    let png = std::fs::read(dir.path().join("output/1912.png")).unwrap();
    assert_eq!(png_size(&png), (1280, 720));
    spheres_map(dir.path())
        .args(["--year", "1912", "--dpi", "300"])
        .assert()
        .failure()
        .code(2)
        .stderr(predicate::str::contains(
            "--dpi applies to the print presets",
        ));
}

#[test]
fn overview_needs_all() {
    let dir = tempfile::tempdir().unwrap();
    spheres_map(dir.path())
        .args(["--year", "1912", "--overview"])
        .assert()
        .failure()
        .code(2);
}

/// A file name means one content whichever command wrote it: the map of 1912 from `--all` is
/// the map from `--year 1912` (issue 10: each map keys what it shows).
#[test]
fn a_file_name_means_one_content() {
    let dir = tempfile::tempdir().unwrap();
    spheres_map(dir.path())
        .args(["--all", "--format", "svg", "-q", "--out", "all"])
        .assert()
        .success();
    spheres_map(dir.path())
        .args(["--year", "1912", "--format", "svg", "-q", "--out", "one"])
        .assert()
        .success();
    let read = |p: &str| std::fs::read(dir.path().join(p)).unwrap();
    assert!(read("all/1912.svg") == read("one/1912.svg"));
}
