//! Reading the data: GeoJSON outlines and context layers, and the treaty file. The bundled
//! dataset is compiled in; `--data DIR` reads a folder laid out the same way.

pub mod embedded;
pub mod geodata;
pub mod treaties;
pub mod validity;

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::Dataset;
use geodata::{Geodata, GeodataText, LayerText};
use treaties::Treaties;

/// Largest data file accepted, so a huge or endless input fails cleanly instead of exhausting
/// memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

fn read_limited(path: &Path) -> Result<Option<String>> {
    let io = |source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e)),
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::invalid(
            path.display().to_string(),
            format!(
                "is {} MB; data files over {} MB are refused",
                meta.len() / 1_000_000,
                MAX_FILE_BYTES / 1_000_000
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| Error::invalid(path.display().to_string(), "is not UTF-8 text"))
}

fn layer<'a>(file: &'a str, text: &'a Option<String>) -> Option<LayerText<'a>> {
    text.as_deref().map(|text| LayerText { file, text })
}

/// Loads a data folder: `treaties.toml` and `regions.geojson` are required; `lines`, `rivers`,
/// `lakes`, `railways` and `places` (`.geojson`) are drawn when present.
pub fn load_dir(dir: &Path) -> Result<Dataset> {
    if !dir.is_dir() {
        return Err(Error::Io {
            action: "open the data folder",
            path: dir.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "not a folder"),
        });
    }
    let required = |name: &str| -> Result<String> {
        let path = dir.join(name);
        read_limited(&path)?.ok_or_else(|| Error::Io {
            action: "read",
            path,
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "required file is missing"),
        })
    };
    let treaty_text = required("treaties.toml")?;
    let regions = required("regions.geojson")?;
    let optional = |name: &str| read_limited(&dir.join(name));
    let (lines, rivers, lakes, railways, places) = (
        optional("lines.geojson")?,
        optional("rivers.geojson")?,
        optional("lakes.geojson")?,
        optional("railways.geojson")?,
        optional("places.geojson")?,
    );
    // Messages name the file as the user would find it.
    let file_name = |name: &str| dir.join(name).display().to_string();
    let regions_name = file_name("regions.geojson");
    let text = GeodataText {
        regions: LayerText {
            file: &regions_name,
            text: &regions,
        },
        lines: layer("lines.geojson", &lines),
        rivers: layer("rivers.geojson", &rivers),
        lakes: layer("lakes.geojson", &lakes),
        railways: layer("railways.geojson", &railways),
        places: layer("places.geojson", &places),
    };
    let geodata = Geodata::from_text(&text, true)?;
    let treaty_name = file_name("treaties.toml");
    let treaties = Treaties::from_toml_str(&treaty_text, &treaty_name)?;
    Dataset::new(geodata, treaties, &treaty_name)
}
