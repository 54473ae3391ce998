//! The GeoJSON export: who holds what, checked by point-in-polygon as a GIS user would.

use geo::{Contains, MultiPolygon, Point};
use serde_json::Value;

use spheres_map::{render_map, Dataset, Format, MapOptions};

/// One exported region.
pub(crate) struct Region {
    pub id: String,
    pub power: Option<String>,
    pub status: Option<String>,
    outline: MultiPolygon<f64>,
}

/// One year's GeoJSON export, read back.
pub(crate) struct Exported {
    features: Vec<Region>,
}

impl Exported {
    pub fn for_year(year: i32) -> Exported {
        let data = Dataset::embedded().unwrap();
        let bytes = render_map(&data, year, Format::GeoJson, &MapOptions::default()).unwrap();
        let fc: geojson::FeatureCollection = serde_json::from_slice(&bytes).unwrap();
        let features = fc
            .features
            .iter()
            // The export has every layer; these checks are about the regions.
            .filter(|f| {
                f.properties.as_ref().and_then(|p| p.get("layer")) == Some(&Value::from("region"))
            })
            .map(|f| {
                let p = f.properties.as_ref().unwrap();
                let s = |k: &str| p.get(k).and_then(Value::as_str).map(str::to_string);
                let geometry: geo::Geometry<f64> = f.geometry.as_ref().unwrap().try_into().unwrap();
                let mp = match geometry {
                    geo::Geometry::MultiPolygon(mp) => mp,
                    geo::Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
                    other => panic!("unexpected geometry {other:?}"),
                };
                Region {
                    id: s("id").unwrap(),
                    power: s("power"),
                    status: s("status"),
                    outline: mp,
                }
            })
            .collect();
        Exported { features }
    }

    pub fn at(&self, lon: f64, lat: f64) -> &Region {
        let p = Point::new(lon, lat);
        let hits: Vec<_> = self
            .features
            .iter()
            .filter(|f| f.outline.contains(&p))
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "({lon}, {lat}) lies in {} regions",
            hits.len()
        );
        hits[0]
    }

    fn power_at(&self, lon: f64, lat: f64) -> Option<&str> {
        self.at(lon, lat).power.as_deref()
    }

    fn by_id(&self, id: &str) -> &Region {
        self.features.iter().find(|f| f.id == id).unwrap()
    }
}

const HARBIN: (f64, f64) = (126.54, 45.80);
const MUKDEN: (f64, f64) = (123.43, 41.81);

#[test]
fn harbin_is_russian_and_mukden_japanese_in_1907() {
    let map = Exported::for_year(1907);
    assert_eq!(map.power_at(HARBIN.0, HARBIN.1), Some("russia"));
    assert_eq!(
        map.at(HARBIN.0, HARBIN.1).status.as_deref(),
        Some("concession_zone")
    );
    assert_eq!(map.power_at(MUKDEN.0, MUKDEN.1), Some("japan"));
}

#[test]
fn inner_mongolia_has_no_power_before_1912() {
    for year in [1907, 1909, 1910, 1911] {
        let f = Exported::for_year(year);
        let f = f.by_id("inner_mongolia");
        assert_eq!(f.power, None, "{year}");
        assert_eq!(f.status, None, "{year}");
    }
    let map = Exported::for_year(1912);
    assert_eq!(
        map.by_id("east_inner_mongolia").power.as_deref(),
        Some("japan")
    );
    assert_eq!(
        map.by_id("west_inner_mongolia").power.as_deref(),
        Some("russia")
    );
    // Kalgan west of the Peking meridian, Jehol east of it.
    assert_eq!(map.power_at(114.89, 40.82), Some("russia"));
    assert_eq!(map.power_at(117.96, 40.95), Some("japan"));
}

#[test]
fn korea_is_a_protectorate_until_the_annexation() {
    let seoul = (126.98, 37.57);
    let status = |year| Exported::for_year(year).at(seoul.0, seoul.1).status.clone();
    assert_eq!(status(1909).as_deref(), Some("protectorate"));
    assert_eq!(status(1910).as_deref(), Some("colony"));
}

/// Issue 9, item 1: Inner Mongolia was first divided on 8 July 1912. Before, east and west are
/// one Feature, with no Peking meridian; from 1912 they are two.
#[test]
fn issue9_inner_mongolia_is_one_unit_before_1912() {
    const EAST: (f64, f64) = (119.0, 43.5);
    const WEST: (f64, f64) = (111.5, 41.5);
    for year in [1907, 1910, 1911] {
        let map = Exported::for_year(year);
        let (east, west) = (map.at(EAST.0, EAST.1), map.at(WEST.0, WEST.1));
        assert_eq!(east.id, "inner_mongolia", "{year}");
        assert_eq!(west.id, east.id, "{year}");
        assert_eq!(east.power, None, "{year}");
    }
    let map = Exported::for_year(1912);
    assert_eq!(map.at(EAST.0, EAST.1).id, "east_inner_mongolia");
    assert_eq!(map.at(WEST.0, WEST.1).id, "west_inner_mongolia");
}
