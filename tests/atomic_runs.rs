//! Issue 16: a failed or interrupted batch changes nothing. Whatever stops a run (a folder where a
//! file should go, a full disk, SIGINT or SIGTERM while writing), `--out` is byte for byte as it
//! was, folders the run created included; a run killed outright leaves a staging folder that the
//! next run removes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{entries, spheres_map};

/// Every path under `dir` with its content (`None` for a folder).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        let relative = path.strip_prefix(dir).unwrap().to_path_buf();
        if path.is_dir() {
            out.insert(relative, None);
            for entry in std::fs::read_dir(&path).unwrap() {
                stack.push(entry.unwrap().path());
            }
        } else {
            out.insert(relative, Some(std::fs::read(&path).unwrap()));
        }
    }
    out
}

/// An output folder holding maps from an earlier run, and a file of the user's.
fn earlier_output(out: &Path) {
    std::fs::create_dir_all(out).unwrap();
    for name in ["1907.svg", "1910.svg", "1912.png", "notes.txt"] {
        std::fs::write(out.join(name), format!("earlier {name}")).unwrap();
    }
}

fn one_line_failure(output: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("spheres-map: error: "), "{stderr}");
    stderr
}

#[test]
fn r16_a_folder_where_a_map_goes_stops_the_run_before_any_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    earlier_output(&out);
    // The last map of the series is blocked, so every other map would be written first.
    std::fs::create_dir(out.join("1916.svg")).unwrap();
    std::fs::write(out.join("1916.svg/keep.txt"), "mine").unwrap();
    let before = snapshot(dir.path());
    let output = spheres_map(dir.path())
        .args(["--all", "--format", "svg", "--out", "out"])
        .output()
        .unwrap();
    let stderr = one_line_failure(&output);
    assert!(
        stderr.contains("1916.svg: is a folder, so the map cannot be written there"),
        "{stderr}"
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn r16_a_failure_leaves_no_folder_it_created() {
    let dir = tempfile::tempdir().unwrap();
    // A folder name longer than file systems allow: the folders above it are made, then the run
    // fails. The newline in the path is escaped in the message.
    let out = format!("a\nspheres-map: done/b/{}", "c".repeat(300));
    let output = spheres_map(dir.path())
        .args(["--year", "1912", "--format", "svg", "--out", &out])
        .output()
        .unwrap();
    let stderr = one_line_failure(&output);
    assert!(
        stderr.contains("could not create the folder 'a\\u{a}spheres-map: done/b/ccc"),
        "{stderr}"
    );
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
}

/// A 1 MB tmpfs: room for the SVGs but not for all the PNGs. Needs root (or CAP_SYS_ADMIN);
/// skipped with a message where mounting is not allowed.
#[test]
fn r16_a_full_disk_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("small");
    std::fs::create_dir(&mount).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "spheres-map-test"])
        .arg(&mount)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (needs root); full-disk case not tested");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(&mount);
    let out = mount.join("out");
    earlier_output(&out);
    let before = snapshot(&mount);
    let output = spheres_map(dir.path())
        .args(["--all", "--format", "svg,png", "--scale", "2", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = one_line_failure(&output);
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert_eq!(snapshot(&mount), before);
}

/// Starts a batch that pauses once every file is staged, and waits until it has got there.
// The child is returned to the caller, which waits for it.
#[allow(clippy::zombie_processes)]
fn start_paused(dir: &Path, out: &str, files: usize) -> Child {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("spheres-map"))
        .current_dir(dir)
        .args(["--all", "--format", "svg", "--out", out, "-q"])
        .env("SPHERES_MAP_TEST_PAUSE_BEFORE_RENAME_MS", "20000")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = dir.join(out);
    let started = Instant::now();
    loop {
        let staged = entries(&out)
            .iter()
            .filter(|n| n.starts_with(".spheres-map-staging-"))
            .map(|n| entries(&out.join(n)).len())
            .next();
        if staged == Some(files) {
            // Every file is written and flushed before the pause; give the last flush a moment.
            std::thread::sleep(Duration::from_millis(100));
            return child;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the run never reached its write phase");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn r16_sigint_or_sigterm_while_writing_changes_nothing() {
    for (name, code) in [("INT", 130), ("TERM", 143)] {
        let dir = tempfile::tempdir().unwrap();
        earlier_output(&dir.path().join("out"));
        let before = snapshot(dir.path());
        let child = start_paused(dir.path(), "out", 4);
        signal(&child, name);
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(code), "SIG{name}");
        assert_eq!(snapshot(dir.path()), before, "SIG{name}");

        // Into folders the run creates: they go too.
        let dir = tempfile::tempdir().unwrap();
        let child = start_paused(dir.path(), "a/b/out", 4);
        signal(&child, name);
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(code), "SIG{name}");
        assert!(entries(dir.path()).is_empty(), "SIG{name}");
    }
}

#[cfg(unix)]
#[test]
fn r16_a_run_killed_outright_is_cleaned_up_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    earlier_output(&dir.path().join("out"));
    let mut child = start_paused(dir.path(), "out", 4);
    signal(&child, "KILL");
    child.wait().unwrap();
    let out = dir.path().join("out");
    assert!(
        entries(&out).iter().any(|n| n.starts_with(".spheres-map-")),
        "SIGKILL leaves the staging folder"
    );
    // The earlier maps are untouched even so.
    assert_eq!(
        std::fs::read_to_string(out.join("1907.svg")).unwrap(),
        "earlier 1907.svg"
    );
    spheres_map(dir.path())
        .args(["--all", "--format", "svg", "--out", "out", "-q"])
        .assert()
        .success();
    assert_eq!(
        entries(&out),
        [
            "1907.svg",
            "1910.svg",
            "1912.png",
            "1912.svg",
            "1916.svg",
            "notes.txt"
        ]
    );
    assert!(std::fs::read_to_string(out.join("1907.svg"))
        .unwrap()
        .starts_with("<svg"));
}
