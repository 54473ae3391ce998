//! Issue 11, the command line as users expect it: completions, a manual page, `--data` on either
//! side of a subcommand, and usage errors (exit 2, one message) instead of ignored flags.

use predicates::prelude::*;

use crate::util::spheres_map;

#[test]
fn i11_completions_for_each_shell() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef spheres-map"),
        ("fish", "complete -c spheres-map"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        spheres_map(dir.path())
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains(marker).and(predicate::str::contains("svg-text")));
    }
}

#[test]
fn i11_manpage_is_roff_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    spheres_map(dir.path())
        .arg("manpage")
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with(".ie")
                .and(predicate::str::contains(".TH spheres-map 1"))
                .and(predicate::str::contains("\\-\\-preset")),
        );
    assert!(
        crate::util::entries(dir.path()).is_empty(),
        "nothing written"
    );
}

#[test]
fn i11_data_goes_before_or_after_the_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
    let data = data.to_str().unwrap();
    let after = spheres_map(dir.path())
        .args(["list", "--data", data])
        .assert()
        .success()
        .stdout(predicate::str::contains("1912"));
    let before = spheres_map(dir.path())
        .args(["--data", data, "list"])
        .assert()
        .success();
    assert_eq!(after.get_output().stdout, before.get_output().stdout);
}

/// Runs with `args` and expects a one-line usage error (exit 2) containing `message`.
fn usage_error(args: &[&str], message: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-file"), "x").unwrap();
    let assert = spheres_map(dir.path())
        .args(args)
        .assert()
        .failure()
        .code(2)
        .stderr(predicate::str::contains(message));
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        crate::util::entries(dir.path()),
        ["a-file"],
        "{args:?} wrote nothing"
    );
}

#[test]
fn i11_map_flags_with_a_subcommand_are_refused() {
    usage_error(
        &["--year", "1912", "list"],
        "--year does not go with the 'list' command",
    );
}

#[test]
fn i11_overview_without_a_drawn_format_is_refused() {
    usage_error(
        &["--all", "--overview", "--format", "geojson"],
        "--overview draws a page: add svg, png or pdf to --format",
    );
}

#[test]
fn i11_a_pixel_size_on_a_print_preset_is_refused() {
    usage_error(
        &["--year", "1912", "--preset", "article", "--width", "3000"],
        "--width and --height do not go with a print preset (170 × 120 mm)",
    );
}

#[test]
fn i11_a_negative_scale_says_what_is_wrong() {
    usage_error(
        &["--year", "1912", "--scale", "-1"],
        "--scale must be between 0.25 and 8 (it multiplies the PNG's pixels), not -1",
    );
}

#[test]
fn i11_out_naming_a_file_says_so() {
    usage_error(
        &["--year", "1912", "--out", "a-file"],
        "--out 'a-file' is a file, not a folder",
    );
}

#[test]
fn i11_pdf_is_a_format_of_batches_and_overviews() {
    let dir = tempfile::tempdir().unwrap();
    spheres_map(dir.path())
        .args([
            "--all",
            "--overview",
            "--format",
            "pdf",
            "--preset",
            "thumbnail",
            "-q",
        ])
        .assert()
        .success()
        .stdout("");
    let names = crate::util::entries(&dir.path().join("output"));
    assert_eq!(
        names,
        [
            "1907.pdf",
            "1910.pdf",
            "1912.pdf",
            "1916.pdf",
            "overview.pdf"
        ]
    );
    let overview = std::fs::read(dir.path().join("output/overview.pdf")).unwrap();
    assert!(overview.starts_with(b"%PDF-"));
}
