//! `geodata/sources/history.toml`: the historical figures the build uses.
//!
//! Every figure in that file is copied from the project's historical notes and
//! carries its method/confidence code and source tag, so the file itself is the
//! audit trail; the build never parses Markdown.

use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::sources;

/// A lon/lat pair as written in the TOML (`[lon, lat]`).
pub type LonLat = [f64; 2];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct History {
    pub line_1907: Line1907,
    pub line_1912: Line1912,
    pub manchuria_cut: Cut,
    pub kwantung: Cut,
    pub great_wall: Cut,
    pub alashan: Cut,
    pub peking_meridian: Meridian,
    pub cer_zone: CerZone,
    pub sakhalin: Sakhalin,
    pub korea_division: KoreaDivision,
    pub railway_zones: RailwayZones,
    pub jehol: Area,
    pub jirim: Area,
    pub ordos_hetao: Area,
    pub occupied_china_1937: Area,
    pub occupied_china_1938: Area,
    pub khalkha_1939: SketchLine,
    pub simplify: Simplify,
    pub regions: Vec<RegionMeta>,
    #[serde(default)]
    pub rivers: RiverLayer,
    #[serde(default)]
    pub lakes: LakeLayer,
    #[serde(default)]
    pub railways: Vec<Railway>,
    #[serde(default)]
    pub places: Vec<Place>,
}

/// How a waypoint is placed on the geometry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Snap {
    /// Used as written.
    None,
    /// Nearest point of the rivers in `snap_rivers`.
    River,
    /// Nearest river junction (a node where three or more river parts meet).
    Junction,
    /// Crossing of the rivers in `snap_rivers` with the meridian `meridian`.
    Meridian,
    /// Nearest point of the Outer Mongolia (MNG) outline.
    MongoliaOutline,
}

/// How the leg that ends at a waypoint is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Leg {
    Start,
    Straight,
    River,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waypoint {
    pub id: String,
    pub name: String,
    pub lon: f64,
    pub lat: f64,
    pub leg: Leg,
    #[serde(default = "snap_none")]
    pub snap: Snap,
    #[serde(default)]
    pub snap_rivers: Vec<i64>,
    pub meridian: Option<f64>,
    pub tolerance_km: Option<f64>,
    pub method: String,
    pub confidence: String,
    pub source: String,
}

fn snap_none() -> Snap {
    Snap::None
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line1907 {
    pub name: String,
    pub confidence: String,
    pub note: String,
    /// Natural Earth `rivernum`s whose parts form the routing graph.
    pub route_rivers: Vec<i64>,
    /// Part end points closer than this to another part are joined to it.
    pub join_km: f64,
    pub waypoints: Vec<Waypoint>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line1912 {
    pub name: String,
    pub confidence: String,
    pub note: String,
    pub waypoints: Vec<Waypoint>,
}

/// A cut of some territory along a polyline.
///
/// `line` is only used for cuts defined here (Kwantung, Great Wall); the
/// Manchurian cut uses the computed treaty line. `loop` closes the polygon and
/// must run outside the territory being cut (the build checks this).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cut {
    #[serde(default)]
    pub line: Vec<LonLat>,
    #[serde(rename = "loop")]
    pub closing_loop: Vec<LonLat>,
    /// How far the treaty line is extended past its end points (degrees).
    #[serde(default)]
    pub extend_deg: f64,
    /// Required so that every figure carries its codes; not used in the build.
    #[allow(dead_code)]
    pub method: String,
    #[allow(dead_code)]
    pub confidence: String,
    #[allow(dead_code)]
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meridian {
    pub lon: f64,
    pub name: String,
    pub note: String,
    pub method: String,
    pub confidence: String,
    pub source: String,
}

/// The Chinese Eastern Railway zone where it crosses land the treaty lines
/// leave undefined: a strip of `half_width_km` either side of `railway`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CerZone {
    /// Id of the `[[railways]]` entry the strip follows.
    pub railway: String,
    pub half_width_km: f64,
    #[allow(dead_code)]
    pub method: String,
    #[allow(dead_code)]
    pub confidence: String,
    #[allow(dead_code)]
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sakhalin {
    /// Portsmouth boundary on Sakhalin.
    pub karafuto_max_lat: f64,
    /// Parts of admin-1 `Sakhalin` east of this are the Kurils.
    pub kurils_min_lon: f64,
    #[allow(dead_code)]
    pub source: String,
}

/// Korea divided at a parallel (the 38th, August–September 1945).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KoreaDivision {
    pub lat: f64,
    pub method: String,
    pub confidence: String,
    pub source: String,
}

/// Railway zones east of 122° E: strips `half_width_km` either side of the
/// listed `[[railways]]` (the CER and the SMR lines).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RailwayZones {
    pub half_width_km: f64,
    pub cer: Vec<String>,
    pub smr: Vec<String>,
    #[allow(dead_code)]
    pub method: String,
    #[allow(dead_code)]
    pub confidence: String,
    #[allow(dead_code)]
    pub source: String,
}

/// A hand-drawn area (one `polygon` or several `polygons`), intersected with
/// the region it is cut from, so only its edges inside that region matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    #[serde(default)]
    pub polygon: Vec<LonLat>,
    #[serde(default)]
    pub polygons: Vec<Vec<LonLat>>,
    #[allow(dead_code)]
    pub method: String,
    #[allow(dead_code)]
    pub confidence: String,
    #[allow(dead_code)]
    pub source: String,
}

impl Area {
    /// All rings of the area, `polygon` first.
    pub fn rings(&self) -> impl Iterator<Item = &Vec<LonLat>> {
        (!self.polygon.is_empty())
            .then_some(&self.polygon)
            .into_iter()
            .chain(&self.polygons)
    }
}

/// A line sketched from general knowledge (no Natural Earth feature to follow).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SketchLine {
    pub name: String,
    pub note: String,
    pub line: Vec<LonLat>,
    pub method: String,
    pub confidence: String,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Simplify {
    /// Douglas–Peucker tolerance for region borders (degrees).
    pub epsilon_deg: f64,
    /// Tolerance for rivers (degrees).
    pub river_epsilon_deg: f64,
    /// Islands and holes smaller than this are dropped (square degrees).
    pub min_island_deg2: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionMeta {
    pub id: String,
    pub name: String,
    /// Short label for the map where the name is too long to print.
    pub label: Option<String>,
    pub role: String,
    pub name_ja: Option<String>,
    pub name_ru: Option<String>,
    /// Chinese in simplified characters.
    pub name_zh: Option<String>,
    /// Chinese in traditional characters.
    pub name_zh_hant: Option<String>,
    pub name_ko: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiverLayer {
    pub keep: Vec<RiverPick>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiverPick {
    pub rivernum: i64,
    /// English name written to the output (fixes NE names where needed).
    pub name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LakeLayer {
    /// Lakes dropped by name because they are post-1916 reservoirs not flagged as such.
    pub drop_names: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Railway {
    pub id: String,
    pub name: String,
    pub operator: String,
    pub opened: i64,
    pub note: String,
    /// `[lon, lat, "station"]` in running order.
    pub stations: Vec<(f64, f64, String)>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub name_alt: Option<String>,
    pub name_ja: Option<String>,
    pub name_ja_from: Option<i64>,
    pub name_ja_until: Option<i64>,
    /// The Japanese period name in Japanese script (`name_ja` is romanised, for English maps).
    pub name_ja_script: Option<String>,
    pub name_ru: Option<String>,
    /// Chinese in simplified characters.
    pub name_zh: Option<String>,
    /// Chinese in traditional characters.
    pub name_zh_hant: Option<String>,
    pub name_ko: Option<String>,
    pub modern: String,
    pub lon: f64,
    pub lat: f64,
    pub rank: i64,
    pub from: Option<i64>,
    pub until: Option<i64>,
    pub method: String,
    pub confidence: String,
}

impl History {
    pub fn load(dir: &Path) -> Result<Self> {
        let text = sources::read_text(dir, sources::HISTORY)?;
        toml::from_str(&text)
            .with_context(|| format!("{} is not valid", dir.join(sources::HISTORY).display()))
    }

    pub fn region(&self, id: &str) -> Option<&RegionMeta> {
        self.regions.iter().find(|r| r.id == id)
    }
}
