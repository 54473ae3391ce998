//! The binary as a user runs it.

use predicates::prelude::*;

use crate::util::{entries, png_size, spheres_map};

#[test]
fn years_outside_the_agreements_fail_cleanly_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for year in ["1906", "1918"] {
        let assert = spheres_map(dir.path())
            .args(["--year", year])
            .assert()
            .failure()
            .code(1)
            .stderr(predicate::str::contains("choose a year from 1907 to 1917"));
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
        .args(["--year", "1912", "--format", "pdf"])
        .assert()
        .failure()
        .code(2);
    spheres_map(dir.path())
        .args(["--out", "maps"])
        .assert()
        .failure()
        .code(2)
        .stderr(predicate::str::contains("--year YEAR or --all"));
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
