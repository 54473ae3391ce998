//! Writing files safely: a whole run or nothing.
//!
//! [`write_all_or_nothing`] writes every file into a staging folder inside the target folder,
//! flushes them to disk, and only then moves each into place (a rename, so a reader never sees
//! half a file). If anything fails on the way, or the process receives SIGINT or SIGTERM, the
//! files already moved are put back as they were, the staging folder is removed, and so are the
//! folders the run created: the target folder is left exactly as it was. A staging folder left
//! by a process killed outright (SIGKILL) is recognised by its name and removed by the next run.
//!
//! A batch uses [`Staging`] directly, to stage each file as soon as it is rendered rather than
//! hold every file in memory until the end.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crate::error::{Error, Result};

/// Staging folders are named `<prefix><pid>-<random>`.
const STAGING_PREFIX: &str = ".spheres-map-staging-";

/// For tests only: milliseconds to wait after every file is staged and before any is moved into
/// place, so a test can interrupt the run at that point. Read only when set.
pub(crate) const TEST_PAUSE_ENV: &str = "SPHERES_MAP_TEST_PAUSE_BEFORE_RENAME_MS";

fn check_name(name: &str) -> Result<()> {
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(Error::invalid(name, "is not a plain file name"));
    }
    Ok(())
}

/// What a run has changed so far, so it can be undone.
#[derive(Debug, Default)]
struct Run {
    /// Folders the run created, outermost first.
    created: Vec<PathBuf>,
    /// The staging folder, once made.
    staging: Option<PathBuf>,
    /// Files moved into place: the target and, if it existed, a copy of the old file.
    placed: Vec<(PathBuf, Option<PathBuf>)>,
}

impl Run {
    /// Puts everything back. Best effort: the first error has already been reported.
    fn undo(&mut self) {
        for (target, previous) in self.placed.drain(..).rev() {
            match previous {
                Some(previous) => {
                    let _ = std::fs::rename(previous, &target);
                }
                None => {
                    let _ = std::fs::remove_file(&target);
                }
            }
        }
        if let Some(staging) = self.staging.take() {
            let _ = std::fs::remove_dir_all(staging);
        }
        for dir in self.created.drain(..).rev() {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// The runs in progress, by number. The signal thread takes this lock and undoes them; every
/// change to the file system is made holding it, so an interruption falls between two steps.
static RUNS: Mutex<BTreeMap<u64, Run>> = Mutex::new(BTreeMap::new());

fn runs() -> std::sync::MutexGuard<'static, BTreeMap<u64, Run>> {
    // A panic while holding the lock leaves the record as it was at the last step: still usable.
    RUNS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs one step of run `id` under the lock.
fn step<T>(id: u64, f: impl FnOnce(&mut Run) -> Result<T>) -> Result<T> {
    let mut runs = runs();
    let run = runs.entry(id).or_default();
    f(run)
}

/// SIGINT and SIGTERM: while a run is writing, undo it and exit with 128 + the signal's number
/// (130, 143); otherwise do what the signal does by default. Installed at the first run, once.
#[cfg(unix)]
fn watch_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    static WATCHING: std::sync::Once = std::sync::Once::new();
    WATCHING.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            // Without the watcher an interrupted run may leave its staging folder, which the
            // next run removes.
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let mut runs = runs();
                if runs.is_empty() {
                    drop(runs);
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
                for run in runs.values_mut() {
                    run.undo();
                }
                // Exit holding the lock, so no writer takes another step.
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(not(unix))]
fn watch_signals() {}

/// A number for this run, unique in the process.
fn next_run_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A random number from the standard library's per-process hash keys.
fn random() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    hasher.finish()
}

/// Writes every `(name, bytes)` into `dir` (created if needed), all or nothing; see the module
/// documentation. Returns the paths written, in order. Names must be plain file names.
///
/// On Unix the first call installs a handler for SIGINT and SIGTERM (signal-hook) that undoes a
/// run in progress; outside runs, the signals keep their default effect.
pub fn write_all_or_nothing(dir: &Path, files: &[(&str, &[u8])]) -> Result<Vec<PathBuf>> {
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    let staging = Staging::begin(dir, &names)?;
    for (name, bytes) in files {
        staging.stage(name, bytes)?;
    }
    staging.commit()
}

/// A run in progress: its files are staged one at a time, as they are ready (from any thread),
/// then moved into place together by [`Staging::commit`]. Dropped without a commit (an error
/// on the way), the run is undone: `dir` is left as it was.
#[derive(Debug)]
pub struct Staging {
    id: u64,
    dir: PathBuf,
    folder: PathBuf,
    /// The names declared at the start, and whether each is staged yet.
    names: Mutex<Vec<(String, bool)>>,
}

impl Staging {
    /// Starts a run that will write `names` into `dir` (created if needed): checks the names,
    /// refuses a folder where a file should go, and makes the staging folder. Nothing visible in
    /// `dir` changes until the commit (apart from the folders made and, while the run lasts,
    /// the hidden staging folder).
    pub fn begin(dir: &Path, names: &[&str]) -> Result<Staging> {
        for name in names {
            check_name(name)?;
        }
        watch_signals();
        let id = next_run_id();
        match begin_run(id, dir, names) {
            Ok(folder) => Ok(Staging {
                id,
                dir: dir.to_path_buf(),
                folder,
                names: Mutex::new(names.iter().map(|n| (n.to_string(), false)).collect()),
            }),
            Err(e) => {
                if let Some(mut run) = runs().remove(&id) {
                    run.undo();
                }
                Err(e)
            }
        }
    }

    /// Writes one declared file into the staging folder and flushes it to disk.
    pub fn stage(&self, name: &str, bytes: &[u8]) -> Result<()> {
        {
            let mut names = self.names.lock().unwrap_or_else(|e| e.into_inner());
            match names.iter_mut().find(|(n, _)| n == name) {
                Some((_, staged)) => *staged = true,
                None => return Err(Error::invalid(name, "was not declared when the run began")),
            }
        }
        let path = self.folder.join(name);
        step(self.id, |_| {
            let mut file = std::fs::File::create(&path).map_err(io_error("write", &path))?;
            file.write_all(bytes).map_err(io_error("write", &path))?;
            file.sync_all().map_err(io_error("write", &path))
        })
    }

    /// Moves every staged file into place, once all the declared files are staged; returns
    /// their paths in the order declared. On any error the run is undone.
    pub fn commit(self) -> Result<Vec<PathBuf>> {
        let names: Vec<(String, bool)> =
            std::mem::take(&mut *self.names.lock().unwrap_or_else(|e| e.into_inner()));
        if let Some((name, _)) = names.iter().find(|(_, staged)| !staged) {
            return Err(Error::invalid(
                name.as_str(),
                "was never written, so the run was undone",
            ));
        }
        let names: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
        let result = place_files(self.id, &self.dir, &self.folder, &names);
        if result.is_ok() {
            if let Some(mut run) = runs().remove(&self.id) {
                // Only the copies of the replaced files are left in it.
                if let Some(staging) = run.staging.take() {
                    let _ = std::fs::remove_dir_all(staging);
                }
            }
        }
        // On an error, dropping `self` undoes the run.
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(mut run) = runs().remove(&self.id) {
            run.undo();
        }
    }
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io {
        action,
        path,
        source,
    }
}

/// The first steps of a run: the missing folders, the check for folders in the way, and the
/// staging folder (returned).
fn begin_run(id: u64, dir: &Path, names: &[&str]) -> Result<PathBuf> {
    // The folders to create, outermost first, each made in its own step.
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(path) = at.filter(|p| !p.as_os_str().is_empty()) {
        match std::fs::symlink_metadata(path) {
            Ok(_) => break,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => missing.push(path),
            Err(e) => return Err(io_error("read", path)(e)),
        }
        at = path.parent();
    }
    let existed = missing.is_empty();
    for path in missing.into_iter().rev() {
        step(id, |run| {
            std::fs::create_dir(path).map_err(io_error("create the folder", path))?;
            run.created.push(path.to_path_buf());
            Ok(())
        })?;
    }
    if existed {
        remove_stale_staging(dir);
    }
    // A folder where a file should go would stop the run half-way: refuse it first.
    for name in names {
        let target = dir.join(name);
        if std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            return Err(Error::invalid(
                target.display().to_string(),
                "is a folder, so the map cannot be written there; nothing was written",
            ));
        }
    }
    let staging = dir.join(format!(
        "{STAGING_PREFIX}{}-{:016x}",
        std::process::id(),
        random()
    ));
    step(id, |run| {
        std::fs::create_dir(&staging).map_err(io_error("create the folder", &staging))?;
        run.staging = Some(staging.clone());
        Ok(())
    })?;
    Ok(staging)
}

/// The last steps of a run: every staged file moved into place, keeping the files it replaces
/// until the run is over.
fn place_files(id: u64, dir: &Path, staging: &Path, names: &[&str]) -> Result<Vec<PathBuf>> {
    // Each staged file's data is already on disk (`stage`); the staging folder's own entries
    // need not be, as every one is renamed out of it and the target folder is synced after.
    if let Some(ms) = std::env::var_os(TEST_PAUSE_ENV) {
        let ms = ms.to_str().and_then(|s| s.parse().ok()).unwrap_or(0);
        std::thread::sleep(Duration::from_millis(ms));
    }
    let mut written = Vec::with_capacity(names.len());
    for name in names {
        let target = dir.join(name);
        step(id, |run| {
            // Keep the old file (a hard link, or a copy where links are not supported) so the
            // run can be undone; the rename then replaces the target in one step.
            let previous = match std::fs::symlink_metadata(&target) {
                Ok(_) => {
                    let previous = staging.join(format!(".previous.{name}"));
                    std::fs::hard_link(&target, &previous)
                        .or_else(|_| std::fs::copy(&target, &previous).map(|_| ()))
                        .map_err(io_error("keep a copy of", &target))?;
                    Some(previous)
                }
                Err(_) => None,
            };
            match std::fs::rename(staging.join(name), &target) {
                Ok(()) => {
                    run.placed.push((target.clone(), previous));
                    Ok(())
                }
                Err(e) => {
                    if let Some(previous) = previous {
                        let _ = std::fs::remove_file(previous);
                    }
                    Err(io_error("write", &target)(e))
                }
            }
        })?;
        written.push(target);
    }
    sync_dir(dir)?;
    Ok(written)
}

/// Makes the folder's entries durable (Unix; elsewhere a no-op).
fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(io_error("write", dir))?;
    let _ = dir;
    Ok(())
}

/// Removes staging folders of runs that can no longer finish: their process is gone (Linux, by
/// `/proc`), or they are a day old. Errors are ignored: a leftover folder is harmless.
fn remove_stale_staging(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let has_proc = Path::new("/proc/self").exists();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(STAGING_PREFIX)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_dir() {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(24 * 3600));
        let gone = pid != std::process::id()
            && has_proc
            && !Path::new("/proc").join(pid.to_string()).exists();
        if gone || old {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_run_replaces_files_and_leaves_only_them() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a/b/out");
        write_all_or_nothing(&out, &[("1.svg", b"old"), ("2.svg", b"old")]).unwrap();
        let written = write_all_or_nothing(&out, &[("1.svg", b"new"), ("3.svg", b"new")]).unwrap();
        assert_eq!(written, [out.join("1.svg"), out.join("3.svg")]);
        assert_eq!(names(&out), ["1.svg", "2.svg", "3.svg"]);
        assert_eq!(std::fs::read(out.join("1.svg")).unwrap(), b"new");
        assert_eq!(std::fs::read(out.join("2.svg")).unwrap(), b"old");
    }

    #[test]
    fn a_folder_in_the_way_stops_the_run_before_anything_changes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("1.svg"), b"old").unwrap();
        std::fs::create_dir(dir.path().join("2.svg")).unwrap();
        let err = write_all_or_nothing(dir.path(), &[("1.svg", b"new"), ("2.svg", b"new")])
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with(
                "2.svg: is a folder, so the map cannot be written there; nothing was written"
            ),
            "{err}"
        );
        assert_eq!(names(dir.path()), ["1.svg", "2.svg"]);
        assert_eq!(std::fs::read(dir.path().join("1.svg")).unwrap(), b"old");
    }

    #[test]
    fn a_failed_run_removes_the_folders_it_created() {
        let dir = tempfile::tempdir().unwrap();
        // A name too long for the file system fails when the folder is made.
        let out = dir.path().join("a/b").join("c".repeat(300));
        assert!(write_all_or_nothing(&out, &[("1.svg", b"new")]).is_err());
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn undo_puts_back_replaced_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::write(out.join("1.svg"), b"old").unwrap();
        let staging = out.join(format!("{STAGING_PREFIX}1-0"));
        std::fs::create_dir(&staging).unwrap();
        std::fs::hard_link(out.join("1.svg"), staging.join(".previous.1.svg")).unwrap();
        std::fs::write(staging.join("new"), b"new").unwrap();
        std::fs::rename(staging.join("new"), out.join("1.svg")).unwrap();
        std::fs::write(out.join("2.svg"), b"new").unwrap();
        let mut run = Run {
            created: vec![],
            staging: Some(staging),
            placed: vec![
                (
                    out.join("1.svg"),
                    Some(out.join(format!("{STAGING_PREFIX}1-0/.previous.1.svg"))),
                ),
                (out.join("2.svg"), None),
            ],
        };
        run.undo();
        assert_eq!(names(out), ["1.svg"]);
        assert_eq!(std::fs::read(out.join("1.svg")).unwrap(), b"old");
    }

    #[test]
    fn a_staged_run_changes_nothing_until_committed_and_nothing_if_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a/out");
        write_all_or_nothing(&out, &[("1.svg", b"old")]).unwrap();
        let staging = Staging::begin(&out, &["1.svg", "2.svg"]).unwrap();
        staging.stage("2.svg", b"new").unwrap();
        assert!(staging.stage("3.svg", b"new").is_err(), "not declared");
        staging.stage("1.svg", b"new").unwrap();
        assert_eq!(std::fs::read(out.join("1.svg")).unwrap(), b"old");
        drop(staging);
        assert_eq!(names(&out), ["1.svg"]);
        assert_eq!(std::fs::read(out.join("1.svg")).unwrap(), b"old");

        let staging = Staging::begin(&out, &["1.svg", "2.svg"]).unwrap();
        staging.stage("1.svg", b"new").unwrap();
        let err = staging.commit().unwrap_err().to_string();
        assert!(err.contains("2.svg"), "{err}");
        assert_eq!(names(&out), ["1.svg"]);
        assert_eq!(std::fs::read(out.join("1.svg")).unwrap(), b"old");

        let staging = Staging::begin(&out, &["2.svg", "1.svg"]).unwrap();
        staging.stage("1.svg", b"new").unwrap();
        staging.stage("2.svg", b"new").unwrap();
        let written = staging.commit().unwrap();
        assert_eq!(written, [out.join("2.svg"), out.join("1.svg")]);
        assert_eq!(names(&out), ["1.svg", "2.svg"]);
        assert_eq!(std::fs::read(out.join("1.svg")).unwrap(), b"new");
    }

    #[test]
    fn a_dropped_run_removes_the_folders_it_created() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::begin(&dir.path().join("a/b"), &["1.svg"]).unwrap();
        staging.stage("1.svg", b"new").unwrap();
        drop(staging);
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn stale_staging_folders_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        // No process has a pid this large (Linux caps them at 2^22).
        let stale = dir.path().join(format!("{STAGING_PREFIX}4294967295-00"));
        std::fs::create_dir(&stale).unwrap();
        std::fs::write(stale.join("1912.svg"), b"half").unwrap();
        let mine = dir
            .path()
            .join(format!("{STAGING_PREFIX}{}-00", std::process::id()));
        std::fs::create_dir(&mine).unwrap();
        write_all_or_nothing(dir.path(), &[("1.svg", b"new")]).unwrap();
        let mut expected = vec!["1.svg".to_string()];
        if Path::new("/proc/self").exists() {
            assert!(!stale.exists());
        } else {
            expected.push(stale.file_name().unwrap().to_string_lossy().into_owned());
        }
        expected.push(mine.file_name().unwrap().to_string_lossy().into_owned());
        expected.sort();
        assert_eq!(names(dir.path()), expected);
    }
}
