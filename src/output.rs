//! Writing files safely: each file goes to a temporary file in the target folder and is renamed
//! into place, so a reader never sees half a map, and a failure leaves the old file untouched.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Creates `dir` (and parents) if needed.
pub fn ensure_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        action: "create the folder",
        path: dir.to_path_buf(),
        source,
    })
}

/// Writes `bytes` to `dir/name` atomically. `name` must be a plain file name.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(Error::invalid(name, "is not a plain file name"));
    }
    let path = dir.join(name);
    let io = |source| Error::Io {
        action: "write",
        path: path.clone(),
        source,
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".spheres-map-").suffix(".part");
    // An ordinary file, not tempfile's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut temp = builder.tempfile_in(dir).map_err(io)?;
    temp.write_all(bytes).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    temp.persist(&path).map_err(|e| io(e.error))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_file_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_atomic(dir.path(), "a.svg", b"<svg/>").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"<svg/>");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.svg")]);
    }

    #[test]
    fn refuses_names_that_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_atomic(dir.path(), "../x.svg", b"").is_err());
        assert!(write_atomic(dir.path(), "..", b"").is_err());
    }
}
