//! Checks on the context land beyond the 10m window (lon 85..150, lat 30..60),
//! on the committed `geodata/regions.geojson`.

use std::path::PathBuf;

use geo::{BoundingRect, Contains, Coord, LineString, MultiPolygon, Point, Polygon, Rect};
use serde_json::Value;

const WINDOW: [f64; 4] = [85.0, 30.0, 150.0, 60.0];

fn geodata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../geodata")
}

fn features(file: &str) -> Vec<Value> {
    let path = geodata().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).expect("valid JSON");
    doc["features"].as_array().expect("features").clone()
}

fn line(v: &Value) -> LineString<f64> {
    LineString(
        v.as_array()
            .expect("line")
            .iter()
            .map(|c| Coord {
                x: c[0].as_f64().expect("x"),
                y: c[1].as_f64().expect("y"),
            })
            .collect(),
    )
}

fn multipolygon(g: &Value) -> MultiPolygon<f64> {
    let polys = match g["type"].as_str() {
        Some("MultiPolygon") => g["coordinates"].as_array().expect("polys").clone(),
        Some("Polygon") => vec![g["coordinates"].clone()],
        other => panic!("not a polygon: {other:?}"),
    };
    MultiPolygon(
        polys
            .iter()
            .map(|p| {
                let rings = p.as_array().expect("rings");
                Polygon::new(line(&rings[0]), rings[1..].iter().map(line).collect())
            })
            .collect(),
    )
}

/// A shape with its bounding box, for quick point tests.
struct Shape {
    id: String,
    bbox: Rect<f64>,
    geometry: MultiPolygon<f64>,
}

impl Shape {
    fn contains(&self, x: f64, y: f64) -> bool {
        let c = Coord { x, y };
        self.bbox.min().x <= x
            && x <= self.bbox.max().x
            && self.bbox.min().y <= y
            && y <= self.bbox.max().y
            && self.geometry.contains(&Point(c))
    }
}

fn shapes(file: &str, key: &str) -> Vec<Shape> {
    features(file)
        .iter()
        .map(|f| {
            let geometry = multipolygon(&f["geometry"]);
            Shape {
                id: f["properties"][key].as_str().unwrap_or("-").to_owned(),
                bbox: geometry.bounding_rect().expect("non-empty"),
                geometry,
            }
        })
        .collect()
}

fn regions() -> Vec<Shape> {
    shapes("regions.geojson", "id")
}

fn within(rs: &[Shape], x: f64, y: f64) -> Vec<&str> {
    rs.iter()
        .filter(|r| r.contains(x, y))
        .map(|r| r.id.as_str())
        .collect()
}

#[test]
fn places_beyond_the_window_fall_in_the_right_region() {
    let rs = regions();
    let cases = [
        ("Almaty", 76.95, 43.24, "russian_empire"),
        ("Tashkent", 69.24, 41.31, "russian_empire"),
        ("Novosibirsk", 82.92, 55.03, "russian_empire"),
        ("Yakutsk", 129.73, 62.03, "russian_empire"),
        ("Magadan", 150.80, 59.60, "russian_empire"),
        ("Petropavlovsk-Kamchatsky", 158.65, 53.05, "russian_empire"),
        ("Bilibino", 166.44, 68.06, "russian_empire"),
        ("Chengdu", 104.07, 30.57, "china_proper"),
        ("Chungking", 106.55, 29.56, "china_proper"),
        ("Kunming", 102.71, 25.04, "china_proper"),
        ("Canton", 113.26, 23.13, "china_proper"),
        ("Kashgar", 75.99, 39.47, "china_proper"),
        ("Lhasa", 91.13, 29.65, "china_proper"),
        ("Kinmen", 118.38, 24.45, "china_proper"),
        ("Taipei", 121.56, 25.04, "taiwan"),
        ("Tainan", 120.21, 23.00, "taiwan"),
        ("Naha", 127.70, 26.22, "japan"),
        ("Paramushir", 155.85, 50.45, "japan"),
        ("Saipan", 145.75, 15.19, "south_seas"),
        ("Kathmandu", 85.32, 27.72, "other_land"),
        ("Hanoi", 105.85, 21.03, "other_land"),
        ("Mandalay", 96.08, 21.97, "other_land"),
        ("Manila", 120.98, 14.60, "other_land"),
        ("Kabul", 69.17, 34.53, "other_land"),
        ("Hong Kong New Territories", 114.10, 22.42, "other_land"),
    ];
    for (name, lon, lat, want) in cases {
        assert_eq!(within(&rs, lon, lat), vec![want], "{name}");
    }
}

/// Points just either side of the window's edge, well inside the land of the
/// sources (10m inside, 50m outside), each fall in exactly one region: the
/// 10m part inside and the 50m part outside meet without gaps or overlaps.
#[test]
fn the_seam_has_no_gaps_or_overlaps() {
    let rs = regions();
    let inside = shapes("sources/ne_10m_admin_0_countries_nea.geojson", "adm0_a3");
    let outside = shapes("sources/ne_50m_context.geojson", "name");
    let [w, s, e, n] = WINDOW;
    // (along the edge, across it): an edge point and its outward normal.
    let mut probes: Vec<(Coord<f64>, Coord<f64>)> = Vec::new();
    let step = 0.1;
    let mut t = 0.05;
    while t < 65.0 {
        probes.push((Coord { x: w + t, y: s }, Coord { x: 0.0, y: -1.0 }));
        probes.push((Coord { x: w + t, y: n }, Coord { x: 0.0, y: 1.0 }));
        t += step;
    }
    let mut t = 0.05;
    while t < 30.0 {
        probes.push((Coord { x: w, y: s + t }, Coord { x: -1.0, y: 0.0 }));
        probes.push((Coord { x: e, y: s + t }, Coord { x: 1.0, y: 0.0 }));
        t += step;
    }
    let (near, margin) = (0.01, 0.03);
    let mut checked = [0usize; 2];
    for (edge, out) in probes {
        for (side, (sign, land)) in [(-1.0, &inside), (1.0, &outside)].into_iter().enumerate() {
            let at = |d: f64, along: f64| Coord {
                x: edge.x + out.x * d * sign + out.y.abs() * along,
                y: edge.y + out.y * d * sign + out.x.abs() * along,
            };
            let p = at(near, 0.0);
            let found = within(&rs, p.x, p.y);
            assert!(found.len() <= 1, "{p:?} is in {found:?}");
            // Land well away from any coast: the point and its neighbours along
            // and away from the edge are all on the source's land.
            let solid = [
                at(near, 0.0),
                at(near + margin, 0.0),
                at(near, margin),
                at(near, -margin),
            ]
            .iter()
            .all(|c| land.iter().any(|l| l.contains(c.x, c.y)));
            if solid {
                checked[side] += 1;
                assert_eq!(found.len(), 1, "land at {p:?} is in no region");
            }
        }
    }
    // The edges cross a lot of land on both sides (Siberia, Xinjiang, China).
    assert!(checked[0] > 500 && checked[1] > 500, "{checked:?}");
}

/// The regions reach the whole bbox of the 50m extract, so the map's coverage
/// box is the wider one.
#[test]
fn regions_reach_beyond_the_window() {
    let rs = regions();
    let mut lo: Coord<f64> = Coord { x: 180.0, y: 90.0 };
    let mut hi: Coord<f64> = Coord {
        x: -180.0,
        y: -90.0,
    };
    for r in &rs {
        lo.x = lo.x.min(r.bbox.min().x);
        lo.y = lo.y.min(r.bbox.min().y);
        hi.x = hi.x.max(r.bbox.max().x);
        hi.y = hi.y.max(r.bbox.max().y);
    }
    assert!(
        lo.x <= 60.0 && lo.y <= 10.5 && hi.x >= 179.5 && hi.y >= 79.9,
        "{lo:?} {hi:?}"
    );
    // Every region built from the 10m extracts alone stays inside the window.
    for r in &rs {
        if [
            "russian_empire",
            "china_proper",
            "japan",
            "taiwan",
            "south_seas",
            "other_land",
        ]
        .contains(&r.id.as_str())
        {
            continue;
        }
        let b = r.bbox;
        assert!(
            b.min().x >= WINDOW[0]
                && b.min().y >= WINDOW[1]
                && b.max().x <= WINDOW[2]
                && b.max().y <= WINDOW[3],
            "{} reaches beyond the window: {b:?}",
            r.id
        );
    }
}
