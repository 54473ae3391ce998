//! Shared helpers: building the command and reading what it wrote.

use std::path::Path;

use assert_cmd::Command;

/// The `spheres-map` binary, run in `dir` so relative paths land in a temporary folder.
pub fn spheres_map(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("spheres-map").expect("binary is built");
    cmd.current_dir(dir);
    cmd
}

/// Width and height from a PNG's IHDR chunk.
pub fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

/// Names of the entries of a folder, sorted.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}
