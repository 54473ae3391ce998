//! Reading the data: GeoJSON outlines and context layers, and the treaty file. The bundled
//! dataset is compiled in; `--data DIR` reads a folder laid out the same way.

pub(crate) mod budget;
mod dataset;
pub(crate) mod embedded;
pub(crate) mod geodata;
mod join;
pub(crate) mod treaties;
pub(crate) mod validity;

pub use dataset::{AgreementInfo, DataFiles, Dataset};

use std::path::Path;

use crate::error::{Error, Result};
use geodata::{Geodata, GeodataText, LayerText};
use treaties::Treaties;

/// Largest data file accepted, so a huge or endless input fails cleanly instead of exhausting
/// memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a whole data file, or `None` if it does not exist. At most `limit` bytes are read, so a
/// file that grows while it is read cannot exhaust memory.
fn read_limited(path: &Path, limit: u64) -> Result<Option<String>> {
    use std::io::Read;
    let io = |source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    };
    // Only regular files: opening a FIFO would wait for a writer, and a device such as
    // /dev/zero never ends.
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(Error::invalid(
                path.display().to_string(),
                "is not a regular file",
            ))
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e)),
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let too_large = || {
        Error::invalid(
            path.display().to_string(),
            format!(
                "is larger than {} MB; larger data files are refused",
                limit / (1024 * 1024)
            ),
        )
    };
    // The length is only a hint (the file may grow); the `take` below is the real limit.
    if file.metadata().map_err(io)?.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    String::from_utf8(bytes).map(Some).map_err(|e| {
        let (line, column) = line_and_column_of_bytes(e.as_bytes(), e.utf8_error().valid_up_to());
        Error::invalid(
            path.display().to_string(),
            format!("is not UTF-8 text (line {line}, column {column})"),
        )
    })
}

/// 1-based line and column of the first byte that is not UTF-8.
fn line_and_column_of_bytes(bytes: &[u8], valid_up_to: usize) -> (usize, usize) {
    let valid = String::from_utf8_lossy(&bytes[..valid_up_to]);
    treaties::line_and_column(&valid, valid.len())
}

pub(crate) use crate::error::printable;

/// Text from data files ends up in SVG, which cannot carry most control characters, and in
/// one-line error messages. Every string field is therefore a single line of printable text,
/// without bidirectional controls (see [`crate::error::is_unprintable`]), and of a bounded length.
pub(crate) fn check_text(text: &str, max_chars: usize) -> Result<(), String> {
    if let Some(c) = text.chars().find(|&c| crate::error::is_unprintable(c)) {
        let what = if c.is_control() {
            "the control character"
        } else if matches!(c, '\u{2028}' | '\u{2029}') {
            "the line separator"
        } else if matches!(c, '\u{FFFE}' | '\u{FFFF}') {
            "the noncharacter"
        } else {
            "the bidirectional control"
        };
        return Err(format!(
            "contains {what} U+{:04X}; text must be a single line of printable characters",
            u32::from(c)
        ));
    }
    budget::check_chars(text, max_chars)
}

/// Loads a data folder: `treaties.toml` and `regions.geojson` are required; `lines`, `rivers`,
/// `lakes`, `railways` and `places` (`.geojson`) are drawn when present. Nothing is repaired:
/// the first problem found is returned, naming the file and the place in it.
pub(crate) fn load_dir(dir: &Path) -> Result<Dataset> {
    // Messages name each file as the user would find it.
    let file_name = |name: &str| dir.join(name).display().to_string();
    if !dir.is_dir() {
        return Err(Error::invalid(
            dir.display().to_string(),
            "is not a folder (--data needs a folder with treaties.toml and regions.geojson)",
        ));
    }
    let required = |name: &str| -> Result<String> {
        read_limited(&dir.join(name), MAX_FILE_BYTES)?.ok_or_else(|| {
            Error::invalid(
                file_name(name),
                "is missing: a data folder needs treaties.toml and regions.geojson",
            )
        })
    };
    let optional = |name: &str| -> Result<(String, Option<String>)> {
        Ok((
            file_name(name),
            read_limited(&dir.join(name), MAX_FILE_BYTES)?,
        ))
    };
    let treaty_text = required("treaties.toml")?;
    let regions = required("regions.geojson")?;
    let (lines, rivers, lakes, railways, places) = (
        optional("lines.geojson")?,
        optional("rivers.geojson")?,
        optional("lakes.geojson")?,
        optional("railways.geojson")?,
        optional("places.geojson")?,
    );
    let regions_name = file_name("regions.geojson");
    let text = GeodataText {
        regions: LayerText {
            file: &regions_name,
            text: &regions,
        },
        lines: layer(&lines),
        rivers: layer(&rivers),
        lakes: layer(&lakes),
        railways: layer(&railways),
        places: layer(&places),
    };
    let geodata = Geodata::from_text(&text, true)?;
    let treaty_name = file_name("treaties.toml");
    let treaties = Treaties::from_toml_str(&treaty_text, &treaty_name)?;
    Dataset::new(geodata, treaties, &treaty_name)
}

fn layer((file, text): &(String, Option<String>)) -> Option<LayerText<'_>> {
    text.as_deref().map(|text| LayerText { file, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_is_applied_to_what_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.geojson");
        std::fs::write(&path, "0123456789").unwrap();
        assert_eq!(
            read_limited(&path, 10).unwrap().as_deref(),
            Some("0123456789")
        );
        let err = read_limited(&path, 9).unwrap_err().to_string();
        assert!(err.contains("a.geojson: is larger than"), "{err}");
        assert!(read_limited(&dir.path().join("none"), 9).unwrap().is_none());
        let err = read_limited(dir.path(), 9).unwrap_err().to_string();
        assert!(err.ends_with("is not a regular file"), "{err}");
        #[cfg(unix)]
        {
            let err = read_limited(Path::new("/dev/zero"), 9)
                .unwrap_err()
                .to_string();
            assert!(err.ends_with("is not a regular file"), "{err}");
        }
    }

    #[test]
    fn control_characters_are_refused_and_escaped() {
        let check = |t: &str| check_text(t, 200);
        assert!(check("Kwantung – 関東州").is_ok());
        let err = check("a\u{7}b").unwrap_err();
        assert!(err.contains("the control character U+0007"), "{err}");
        assert!(check("two\nlines").is_err());
        assert!(check("\u{FFFF}").is_err());
        let err = check("a\u{2028}b").unwrap_err();
        assert!(err.contains("the line separator U+2028"), "{err}");
        for c in [
            '\u{61C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}',
        ] {
            let err = check(&format!("ab{c}")).unwrap_err();
            assert!(err.contains("the bidirectional control"), "{err}");
            assert!(!printable(&format!("ab{c}")).contains(c));
        }
        // Joiners are part of many scripts and stay allowed.
        assert!(check("\u{200D}").is_ok());
        assert!(check(&"x".repeat(201)).is_err());
        assert_eq!(printable("a\nb"), "a\\u{a}b");
        assert_eq!(printable("plain"), "plain");
    }
}
