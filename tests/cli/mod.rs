//! The binary as a user runs it.

use predicates::prelude::*;

use crate::util::{entries, png_size, spheres_map};

#[test]
fn years_outside_the_agreements_fail_cleanly_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for year in ["1904", "1946"] {
        let assert = spheres_map(dir.path())
            .args(["--year", year])
            .assert()
            .failure()
            .code(1)
            .stderr(predicate::str::contains("choose a year from 1905 to 1945"));
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(!stderr.contains("panicked"));
    }
    assert!(
        entries(dir.path()).is_empty(),
        "nothing written: {:?}",
        entries(dir.path())
    );
}

#[test]
fn unwritable_out_is_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-file"), "x").unwrap();
    let assert = spheres_map(dir.path())
        .args(["--year", "1912", "--out", "a-file/maps"])
        .assert()
        .failure()
        .code(1)
        .stderr(predicate::str::contains("a-file/maps"));
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a-file")).unwrap(),
        "x"
    );
}

#[test]
fn usage_errors_keep_clap_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    spheres_map(dir.path())
        .args(["--year", "nineteen-twelve"])
        .assert()
        .failure()
        .code(2);
    spheres_map(dir.path())
        .args(["--year", "1912", "--format", "eps"])
        .assert()
        .failure()
        .code(2);
    spheres_map(dir.path())
        .args(["--out", "maps"])
        .assert()
        .failure()
        .code(2)
        .stderr(predicate::str::contains(
            "--year YEAR, --years LIST or --all",
        ));
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn help_has_examples() {
    let dir = tempfile::tempdir().unwrap();
    spheres_map(dir.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Examples:").and(predicate::str::contains("--year <YEAR>")),
        );
}

#[test]
fn png_scale_multiplies_pixels() {
    let dir = tempfile::tempdir().unwrap();
    spheres_map(dir.path())
        .args([
            "--year", "1910", "--format", "png", "--width", "800", "--height", "600", "--scale",
            "2", "-q",
        ])
        .assert()
        .success();
    let png = std::fs::read(dir.path().join("output/1910.png")).unwrap();
    assert_eq!(png_size(&png), (1600, 1200));
    assert_eq!(entries(&dir.path().join("output")), vec!["1910.png"]);
}

#[test]
fn list_names_every_agreement() {
    let dir = tempfile::tempdir().unwrap();
    spheres_map(dir.path())
        .arg("list")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("30 July 1907")
                .and(predicate::str::contains("4 July 1910"))
                .and(predicate::str::contains("8 July 1912"))
                .and(predicate::str::contains("3 July 1916"))
                .and(predicate::str::contains("1912–1915")),
        );
}

/// Issue 15: `--years` draws a list or a range; an overview holds twelve maps at most.
#[test]
fn issue15_years_draws_lists_and_ranges() {
    let dir = tempfile::tempdir().unwrap();
    spheres_map(dir.path())
        .args(["--years", "1905,1945", "--format", "geojson", "-q"])
        .assert()
        .success();
    assert_eq!(
        entries(&dir.path().join("output")),
        ["1905.geojson", "1945.geojson"]
    );
    let assert = spheres_map(dir.path())
        .args(["--years", "1905-1917", "--overview", "--format", "svg"])
        .assert()
        .failure();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("at most 12 maps"), "{stderr}");
    spheres_map(dir.path())
        .args(["--years", "1907", "--year", "1907"])
        .assert()
        .failure()
        .code(2);
}

/// Issue 10: a detail map of a chosen lon/lat box; a box beyond the data or malformed is a usage
/// error.
#[test]
fn i10_extent_draws_a_detail_map_and_refuses_a_box_beyond_the_data() {
    let dir = tempfile::tempdir().unwrap();
    spheres_map(dir.path())
        .args([
            "--year",
            "1912",
            "--extent",
            "118,37,132,48",
            "--format",
            "svg",
            "-q",
        ])
        .assert()
        .success();
    assert!(dir.path().join("output/1912.svg").is_file());
    for bad in ["10,37,132,48", "118,37,132"] {
        spheres_map(dir.path())
            .args(["--year", "1912", "--extent", bad, "--out", "bad", "-q"])
            .assert()
            .failure()
            .code(2);
    }
    assert!(!dir.path().join("bad").exists());
}
