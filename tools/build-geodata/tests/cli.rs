//! Runs the built binary: its errors, one line each, and no output. That geodata/ is
//! reproduced byte for byte from its sources is checked once, by `.ci/run` (one run of the tool,
//! compared with the committed files), not again here.

use std::path::{Path, PathBuf};
use std::process::Command;

fn sources() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../geodata/sources")
}

fn build(src: &Path, out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_build-geodata"))
        .arg("--sources")
        .arg(src)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run build-geodata")
}

/// A missing source gives one line on stderr naming the file, exit code 1,
/// and no output at all.
#[test]
fn missing_source_is_a_one_line_error_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let src = tmp.path().join("sources");
    std::fs::create_dir(&src).expect("mkdir");
    for entry in std::fs::read_dir(sources()).expect("sources") {
        let entry = entry.expect("entry");
        let name = entry.file_name();
        if name != "ne_10m_lakes_nea.geojson" {
            std::fs::copy(entry.path(), src.join(&name)).expect("copy");
        }
    }
    let out = tmp.path().join("out");
    let run = build(&src, &out);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("ne_10m_lakes_nea.geojson"), "{stderr}");
    assert!(!out.exists(), "output directory was created");
}

/// A waypoint beyond its tolerance is reported by id, again without output.
#[test]
fn waypoint_beyond_tolerance_is_reported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let src = tmp.path().join("sources");
    std::fs::create_dir(&src).expect("mkdir");
    for entry in std::fs::read_dir(sources()).expect("sources") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), src.join(entry.file_name())).expect("copy");
    }
    let hist = std::fs::read_to_string(src.join("history.toml")).expect("history");
    // Move P4 about 55 km off the Second Songhua.
    let moved = hist.replacen("lon = 126.35\nlat = 44.70", "lon = 126.35\nlat = 45.20", 1);
    assert_ne!(moved, hist, "P4 coordinates not found in history.toml");
    std::fs::write(src.join("history.toml"), moved).expect("write");
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let run = build(&src, &out);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("waypoint P4 is") && stderr.contains("from river 646 (tolerance 30 km)"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(&out).expect("out").count(), 0);
}
