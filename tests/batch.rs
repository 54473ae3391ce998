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
            "--dpi applies to --preset article",
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

/// Slides of a series share one key: the same entries at the same places on every slide.
#[test]
fn series_maps_share_one_key() {
    let dir = tempfile::tempdir().unwrap();
    spheres_map(dir.path())
        .args(["--all", "--format", "svg", "-q"])
        .assert()
        .success();
    let key_of = |year: &str| -> Vec<String> {
        let svg = std::fs::read_to_string(dir.path().join(format!("output/{year}.svg"))).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let key = doc
            .descendants()
            .find(|n| n.attribute("id") == Some("key"))
            .expect("a key layer");
        // The entries (not the paragraph on the agreement, which is each map's own).
        key.descendants()
            .filter(|n| {
                n.has_tag_name("g") && n.attribute("class").is_some_and(|c| c.starts_with("entry"))
            })
            .flat_map(|g| g.children().filter(|n| n.has_tag_name("text")))
            .map(|n| {
                format!(
                    "{} {} {}",
                    n.attribute("x").unwrap(),
                    n.attribute("y").unwrap(),
                    n.text().unwrap_or("").trim()
                )
            })
            .collect()
    };
    let first = key_of("1907");
    assert!(
        first.iter().any(|t| t.ends_with("Russian protectorate")),
        "{first:?}"
    );
    for year in &YEARS[1..] {
        assert_eq!(key_of(year), first, "key of {year} differs from 1907");
    }
}
