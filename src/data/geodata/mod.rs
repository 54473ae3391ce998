//! GeoJSON layers → typed geometries.
//!
//! Each layer is a FeatureCollection in lon/lat. Only `regions` is required; the context layers
//! (lines, rivers, lakes, railways, places) are drawn when present. Every coordinate is checked
//! (finite, within ±180/±90) and every geometry has the type its layer expects, so the renderer
//! never sees NaN or a point where a polygon should be.

use std::collections::{BTreeMap, BTreeSet};

use geo::{MultiLineString, MultiPolygon, Point};
use geojson::{Feature, FeatureCollection, JsonObject};
use serde_json::Value;

use crate::data::treaties::line_and_column;
use crate::data::{budget, printable};
use crate::error::{Error, Result};

/// Whether a region can be assigned by a treaty or only sets the scene.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A unit the agreements assign (Korea, South Manchuria, ...).
    Sphere,
    /// Surrounding territory (China proper, the Russian Empire, Japan).
    Context,
}

/// A region outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Stable id, e.g. `south_manchuria`.
    pub id: String,
    /// English name.
    pub name: String,
    /// Short map label, when the name is too long to print on the map.
    pub label: Option<String>,
    /// The name in other languages, by language tag (`ja`, `ru`, `zh`, `zh-Hant`, `ko`), from
    /// the properties `name_ja`, `name_ru`, `name_zh`, `name_zh_hant`, `name_ko`.
    pub names: BTreeMap<String, String>,
    /// Sphere or context.
    pub role: Role,
    /// The region it was cut out of, for boundaries drawn only in some years (`part_of`).
    pub part_of: Option<String>,
    /// Outline in lon/lat.
    pub geometry: MultiPolygon<f64>,
}

/// A demarcation line.
#[derive(Debug, Clone, PartialEq)]
pub struct TreatyLine {
    /// Stable id, e.g. `line_1907`.
    pub id: String,
    /// Name.
    pub name: String,
    /// Short tag printed beside the line on the map (property `label`, else `treaty`).
    pub tag: Option<String>,
    /// True where the course is a reconstruction (drawn differently).
    pub uncertain: bool,
    /// Course in lon/lat.
    pub geometry: MultiLineString<f64>,
}

/// A river centreline.
#[derive(Debug, Clone, PartialEq)]
pub struct River {
    /// Name, if any.
    #[allow(dead_code)] // checked on load; for exports that carry every property
    pub name: Option<String>,
    /// Natural Earth scale rank (lower = more important).
    pub scalerank: i64,
    /// Course in lon/lat.
    pub geometry: MultiLineString<f64>,
}

/// A lake.
#[derive(Debug, Clone, PartialEq)]
pub struct Lake {
    /// Name, if any.
    #[allow(dead_code)] // checked on load; for exports that carry every property
    pub name: Option<String>,
    /// Outline in lon/lat.
    pub geometry: MultiPolygon<f64>,
}

/// A railway line.
#[derive(Debug, Clone, PartialEq)]
pub struct Railway {
    /// Name.
    pub name: String,
    /// Power id of its operator, if any.
    #[allow(dead_code)] // checked on load; for exports that carry every property
    pub operator: Option<String>,
    /// Year it opened; drawn only from that year.
    pub opened: Option<i32>,
    /// Course in lon/lat.
    pub geometry: MultiLineString<f64>,
}

/// A place to label.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Stable id.
    pub id: String,
    /// Period name, e.g. "Mukden".
    pub name: String,
    /// The Japanese name used from a given year (Keijō for Seoul from 1910): properties
    /// `name_ja` and `name_ja_from`.
    pub renamed: Option<(String, i32)>,
    /// The last year the Japanese name is used (property `name_ja_until`: 1944 in Korea).
    pub renamed_until: Option<i32>,
    /// The period name in other languages, by language tag, from the properties
    /// `name_ja_script` (Japanese in Japanese script: `name_ja` is the romanised form of English
    /// maps), `name_ru`, `name_zh`, `name_zh_hant` and `name_ko`.
    pub names: BTreeMap<String, String>,
    /// Modern name, e.g. "Shenyang".
    #[allow(dead_code)] // checked on load; for exports that carry every property
    pub modern: Option<String>,
    /// 1 = always labelled, 2 = if room, 3 = minor.
    pub rank: u8,
    /// First and last year the place is shown (properties `from` and `until`), when it was
    /// founded, renamed away or abandoned within the years the data covers.
    pub years: (Option<i32>, Option<i32>),
    /// Position in lon/lat.
    pub location: Point<f64>,
}

impl Place {
    /// Whether the place is shown on the map of `year`.
    pub fn exists_in(&self, year: i32) -> bool {
        self.years.0.is_none_or(|from| from <= year)
            && self.years.1.is_none_or(|until| year <= until)
    }

    /// The name to print for `year`: "Keijō (Seoul)" once the Japanese name is in use.
    pub fn name_in(&self, year: i32) -> std::borrow::Cow<'_, str> {
        match &self.renamed {
            Some((name, from))
                if year >= *from && self.renamed_until.is_none_or(|until| year <= until) =>
            {
                format!("{name} ({})", self.name).into()
            }
            _ => self.name.as_str().into(),
        }
    }
}

/// All layers of one dataset.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Geodata {
    /// Region outlines (required, non-empty).
    pub regions: Vec<Region>,
    /// Demarcation lines.
    pub lines: Vec<TreatyLine>,
    /// Rivers.
    pub rivers: Vec<River>,
    /// Lakes.
    pub lakes: Vec<Lake>,
    /// Railways.
    pub railways: Vec<Railway>,
    /// Places.
    pub places: Vec<Place>,
}

impl Geodata {
    /// The region with this id.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }
}

/// One layer's text, with the name to use in messages.
#[derive(Debug, Clone, Copy)]
pub struct LayerText<'a> {
    /// File name for messages, e.g. `regions.geojson`.
    pub file: &'a str,
    /// The GeoJSON text.
    pub text: &'a str,
}

/// The text of every layer; `None` for a missing optional layer.
#[derive(Debug, Clone, Copy)]
pub struct GeodataText<'a> {
    /// Region outlines.
    pub regions: LayerText<'a>,
    /// Demarcation lines.
    pub lines: Option<LayerText<'a>>,
    /// Rivers.
    pub rivers: Option<LayerText<'a>>,
    /// Lakes.
    pub lakes: Option<LayerText<'a>>,
    /// Railways.
    pub railways: Option<LayerText<'a>>,
    /// Places.
    pub places: Option<LayerText<'a>>,
}

impl Geodata {
    /// Parses and checks every layer. `check_validity` runs the (slower) polygon validity check
    /// on the regions; the bundled data is checked by the test suite instead.
    pub fn from_text(text: &GeodataText<'_>, check_validity: bool) -> Result<Geodata> {
        let regions = load_layer(text.regions, parse_region)?;
        if check_validity {
            // Region by region on every core (the check is most of the time of loading detailed
            // outlines); the first problem in file order is the one reported.
            use rayon::prelude::*;
            let verdicts: Vec<std::result::Result<(), String>> = regions
                .par_iter()
                .map(|r| crate::data::validity::check_polygons(&r.geometry))
                .collect();
            for (r, verdict) in regions.iter().zip(verdicts) {
                verdict.map_err(|m| {
                    Error::invalid(text.regions.file, format!("region '{}': {m}", r.id))
                })?;
            }
        }
        if regions.is_empty() {
            return Err(Error::invalid(
                text.regions.file,
                "the FeatureCollection has no features: at least one region is needed",
            ));
        }
        let mut ids = BTreeSet::new();
        for r in &regions {
            if !ids.insert(r.id.as_str()) {
                return Err(Error::invalid(
                    text.regions.file,
                    format!("region id '{}' is used twice", r.id),
                ));
            }
        }
        Ok(Geodata {
            regions,
            lines: load_optional(text.lines, parse_line)?,
            rivers: load_optional(text.rivers, parse_river)?,
            lakes: load_optional(text.lakes, parse_lake)?,
            railways: load_optional(text.railways, parse_railway)?,
            places: load_optional(text.places, parse_place)?,
        })
    }
}

/// Where a problem is: "feature 3 ('korea')".
struct FeatureRef<'a> {
    file: &'a str,
    index: usize,
    id: Option<String>,
}

impl FeatureRef<'_> {
    fn error(&self, message: impl std::fmt::Display) -> Error {
        let which = match &self.id {
            Some(id) => format!("feature {} ('{}')", self.index, printable(id)),
            None => format!("feature {}", self.index),
        };
        Error::invalid(self.file, format!("{which}: {message}"))
    }
}

fn load_optional<T>(
    layer: Option<LayerText<'_>>,
    parse: fn(&FeatureRef<'_>, &Feature) -> Result<T>,
) -> Result<Vec<T>> {
    layer.map_or(Ok(Vec::new()), |layer| load_layer(layer, parse))
}

fn load_layer<T>(
    layer: LayerText<'_>,
    parse: fn(&FeatureRef<'_>, &Feature) -> Result<T>,
) -> Result<Vec<T>> {
    let collection: FeatureCollection = serde_json::from_str(layer.text).map_err(|err| {
        let (line, column) = if err.line() > 0 {
            (err.line(), err.column())
        } else {
            line_and_column(layer.text, 0)
        };
        let mut message = printable(&strip_position(&err.to_string())).into_owned();
        // JSON has no NaN or infinity; serde_json refuses numbers like 1e999 with this message.
        if message == "number out of range" {
            message.push_str(": coordinates and numbers must be finite");
        }
        Error::Syntax {
            file: layer.file.to_string(),
            message,
            line,
            column,
        }
    })?;
    budget::check_count(collection.features.len(), budget::MAX_FEATURES, "features")
        .map_err(|m| Error::invalid(layer.file, m))?;
    let mut layer_positions = 0;
    collection
        .features
        .iter()
        .enumerate()
        .map(|(index, feature)| {
            let at = FeatureRef {
                file: layer.file,
                index,
                id: feature
                    .properties
                    .as_ref()
                    .and_then(|p| p.get("id").or_else(|| p.get("name")))
                    .and_then(Value::as_str)
                    .map(str::to_string),
            };
            if let Some(geometry) = &feature.geometry {
                let (positions, parts) = size_of(&geometry.value);
                budget::check_count(positions, budget::MAX_FEATURE_POSITIONS, "positions")
                    .and_then(|()| {
                        budget::check_count(parts, budget::MAX_FEATURE_PARTS, "rings or lines")
                    })
                    .map_err(|m| at.error(m))?;
                layer_positions += positions;
                if layer_positions > budget::MAX_LAYER_POSITIONS {
                    return Err(at.error(format!(
                        "brings the layer to more than {} positions, the limit for one file",
                        budget::MAX_LAYER_POSITIONS
                    )));
                }
            }
            parse(&at, feature)
        })
        .collect()
}

/// Positions and rings (or lines) of a geometry, as written.
fn size_of(value: &geojson::GeometryValue) -> (usize, usize) {
    use geojson::GeometryValue as V;
    match value {
        V::Point { .. } => (1, 0),
        V::MultiPoint { coordinates } => (coordinates.len(), 0),
        V::LineString { coordinates } => (coordinates.len(), 1),
        V::MultiLineString { coordinates } | V::Polygon { coordinates } => {
            (coordinates.iter().map(Vec::len).sum(), coordinates.len())
        }
        V::MultiPolygon { coordinates } => (
            coordinates.iter().flatten().map(Vec::len).sum(),
            coordinates.iter().map(Vec::len).sum(),
        ),
        V::GeometryCollection { geometries } => geometries.iter().fold((0, 0), |(p, r), g| {
            let (gp, gr) = size_of(&g.value);
            (p + gp, r + gr)
        }),
    }
}

/// serde_json appends " at line L column C"; we print those separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn parse_region(at: &FeatureRef<'_>, feature: &impl LayerFeature) -> Result<Region> {
    let props = properties(at, feature)?;
    let role = match string_property(at, props, "role")?.as_deref() {
        None | Some("sphere") => Role::Sphere,
        Some("context") => Role::Context,
        Some(other) => {
            return Err(at.error(format!(
                "role must be \"sphere\" or \"context\", not \"{}\"",
                printable(other)
            )))
        }
    };
    let geometry = areal(at, geometry(at, feature)?)?;
    Ok(Region {
        id: id_property(at, props)?,
        name: required_string(at, props, "name")?,
        label: string_property(at, props, "label")?,
        names: local_names(at, props, REGION_NAMES)?,
        role,
        part_of: string_property(at, props, "part_of")?,
        geometry,
    })
}

fn parse_line(at: &FeatureRef<'_>, feature: &impl LayerFeature) -> Result<TreatyLine> {
    let props = properties(at, feature)?;
    let uncertain = match props.get("uncertain") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(at.error("property 'uncertain' must be true or false")),
    };
    Ok(TreatyLine {
        id: id_property(at, props)?,
        name: required_string(at, props, "name")?,
        tag: match string_property(at, props, "label")? {
            Some(label) => Some(label),
            None => string_property(at, props, "treaty")?,
        },
        uncertain,
        geometry: linear(at, geometry(at, feature)?)?,
    })
}

fn parse_river(at: &FeatureRef<'_>, feature: &impl LayerFeature) -> Result<River> {
    let props = properties(at, feature)?;
    Ok(River {
        name: string_property(at, props, "name")?,
        scalerank: integer_property(at, props, "scalerank")?.unwrap_or(10),
        geometry: linear(at, geometry(at, feature)?)?,
    })
}

fn parse_lake(at: &FeatureRef<'_>, feature: &impl LayerFeature) -> Result<Lake> {
    let props = properties(at, feature)?;
    Ok(Lake {
        name: string_property(at, props, "name")?,
        geometry: areal(at, geometry(at, feature)?)?,
    })
}

fn parse_railway(at: &FeatureRef<'_>, feature: &impl LayerFeature) -> Result<Railway> {
    let props = properties(at, feature)?;
    let opened = integer_property(at, props, "opened")?
        .map(|y| i32::try_from(y).map_err(|_| at.error("property 'opened' is not a year")))
        .transpose()?;
    Ok(Railway {
        name: required_string(at, props, "name")?,
        operator: string_property(at, props, "operator")?,
        opened,
        geometry: linear(at, geometry(at, feature)?)?,
    })
}

/// Properties naming a region in other languages, with their language tags.
const REGION_NAMES: &[(&str, &str)] = &[
    ("name_ja", "ja"),
    ("name_ru", "ru"),
    ("name_zh", "zh"),
    ("name_zh_hant", "zh-Hant"),
    ("name_ko", "ko"),
];
/// Properties naming a place in other languages (`name_ja` is taken: it is romanised).
const PLACE_NAMES: &[(&str, &str)] = &[
    ("name_ja_script", "ja"),
    ("name_ru", "ru"),
    ("name_zh", "zh"),
    ("name_zh_hant", "zh-Hant"),
    ("name_ko", "ko"),
];

fn local_names(
    at: &FeatureRef<'_>,
    props: &JsonObject,
    keys: &[(&str, &str)],
) -> Result<BTreeMap<String, String>> {
    let mut names = BTreeMap::new();
    for (key, lang) in keys {
        if let Some(name) = string_property(at, props, key)? {
            names.insert((*lang).to_string(), name);
        }
    }
    Ok(names)
}

fn parse_place(at: &FeatureRef<'_>, feature: &impl LayerFeature) -> Result<Place> {
    let props = properties(at, feature)?;
    let location = match geometry(at, feature)? {
        geo::Geometry::Point(p) => p,
        other => return Err(at.error(format!("geometry must be a Point, not a {}", kind(&other)))),
    };
    let rank = integer_property(at, props, "rank")?.unwrap_or(2);
    let rank = u8::try_from(rank)
        .ok()
        .filter(|r| (1..=3).contains(r))
        .ok_or_else(|| at.error("property 'rank' must be 1, 2 or 3"))?;
    let renamed = match (
        string_property(at, props, "name_ja")?,
        integer_property(at, props, "name_ja_from")?,
    ) {
        (Some(name), Some(from)) => Some((
            name,
            i32::try_from(from).map_err(|_| at.error("'name_ja_from' is not a year"))?,
        )),
        (None, None) => None,
        _ => {
            return Err(at.error("'name_ja' and 'name_ja_from' must be given together"));
        }
    };
    let year = |key: &str| -> Result<Option<i32>> {
        integer_property(at, props, key)?
            .map(|y| i32::try_from(y).map_err(|_| at.error(format!("'{key}' is not a year"))))
            .transpose()
    };
    let renamed_until = year("name_ja_until")?;
    if renamed_until.is_some() && renamed.is_none() {
        return Err(at.error("'name_ja_until' needs 'name_ja' and 'name_ja_from'"));
    }
    let years = (year("from")?, year("until")?);
    if let (Some(from), Some(until)) = years {
        if from > until {
            return Err(at.error(format!("'from' {from} is after 'until' {until}")));
        }
    }
    Ok(Place {
        id: id_property(at, props)?,
        name: required_string(at, props, "name")?,
        renamed,
        renamed_until,
        names: local_names(at, props, PLACE_NAMES)?,
        modern: string_property(at, props, "modern")?,
        rank,
        years,
        location,
    })
}

mod bundle;
pub(crate) use bundle::{union_outlines, BundledUnion};
mod properties;
mod rings;

use properties::{
    areal, geometry, id_property, integer_property, kind, linear, properties, required_string,
    string_property, LayerFeature,
};

#[cfg(test)]
mod tests;
