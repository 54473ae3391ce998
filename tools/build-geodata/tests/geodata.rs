//! Checks on the committed `geodata/*.geojson` (not on a fresh build), so a
//! stale or hand-edited file fails here.

mod common;

#[allow(unused_imports)]
use common::*;
#[allow(unused_imports)]
use geo::{
    Area, BooleanOps, BoundingRect, Contains, Coord, Intersects, LineString, MultiPolygon, Point,
    Polygon, Rect, Validation,
};
#[allow(unused_imports)]
use serde_json::Value;

#[test]
fn region_ids_are_the_contract() {
    let ids: Vec<String> = regions().into_iter().map(|(id, _)| id).collect();
    let mut expected = vec![
        "korea",
        "kwantung",
        "south_manchuria",
        "north_manchuria",
        "barga",
        "cer_zone_barga",
        "east_inner_mongolia",
        "west_inner_mongolia",
        "outer_mongolia",
        "tannu_uriankhai",
        "karafuto",
        "japan",
        "russian_empire",
        "china_proper",
        "north_sakhalin",
        "kurils",
        "korea_north",
        "cer_zone",
        "cer_zone_south",
        "smr_zone",
        "jehol",
        "jirim",
        "ordos_hetao",
        "occupied_china_1937",
        "occupied_china_1938",
        // Beyond the 10m window only (geodata/sources/context.toml).
        "taiwan",
        "south_seas",
        "other_land",
    ];
    let mut got: Vec<&str> = ids.iter().map(String::as_str).collect();
    got.sort_unstable();
    expected.sort_unstable();
    assert_eq!(got, expected);
    for f in features("regions.geojson") {
        let p = &f["properties"];
        assert!(p["role"] == "sphere" || p["role"] == "context", "{p}");
        assert!(p["name"].is_string() && p["note"].is_string(), "{p}");
        assert_eq!(f["geometry"]["type"], "MultiPolygon");
    }
}

#[test]
fn every_region_is_valid() {
    for (id, mp) in regions() {
        if let Err(e) = mp.check_validation() {
            panic!("{id} is invalid: {e}");
        }
    }
}

#[test]
fn regions_do_not_overlap_and_leave_no_slivers() {
    let rs = regions();
    for (i, (ia, a)) in rs.iter().enumerate() {
        for (ib, b) in &rs[i + 1..] {
            if !bbox(a).intersects(&bbox(b)) {
                continue;
            }
            let (aa, ab) = (a.unsigned_area(), b.unsigned_area());
            let overlap = a.intersection(b).unsigned_area();
            assert!(
                overlap < 0.001 * aa.min(ab),
                "{ia} and {ib} overlap by {overlap} deg2"
            );
            let u = a.union(b);
            let gap = (u.unsigned_area() - (aa + ab)).abs();
            assert!(
                gap < 1e-6 * (aa + ab),
                "{ia} + {ib}: union differs by {gap}"
            );
            // A gap between neighbours shows up as a new hole in their union
            // that no other region fills (Tuva, say, legitimately fills the
            // hole in Outer Mongolia + Russia).
            let holes = |m: &MultiPolygon<f64>| -> Vec<LineString<f64>> {
                m.iter()
                    .flat_map(|p| p.interiors().iter().cloned())
                    .collect()
            };
            let known = holes(a).len() + holes(b).len();
            let found = holes(&u);
            if found.len() <= known {
                continue;
            }
            for h in found {
                let hole = Polygon::new(h, vec![]);
                let filled: f64 = rs
                    .iter()
                    .filter(|(id, _)| id != ia && id != ib)
                    .map(|(_, r)| r.intersection(&hole).unsigned_area())
                    .sum();
                let area = hole.unsigned_area();
                assert!(
                    filled > 0.999 * area,
                    "{ia} + {ib}: gap of {area} deg2 near {:?}",
                    hole.exterior().0[0]
                );
            }
        }
    }
}

/// The four Manchurian regions together equal Heilongjiang + Jilin + Liaoning
/// plus the part of Nei Mongol north of the committed line, rebuilt here from
/// the sources and the closing loop in history.toml.
#[test]
fn manchuria_matches_its_source_units() {
    let src: Value = serde_json::from_str(
        &std::fs::read_to_string(
            geodata().join("sources/ne_10m_admin_1_states_provinces_nea.geojson"),
        )
        .expect("admin-1 source"),
    )
    .expect("json");
    let unit = |name: &str| {
        let f = src["features"]
            .as_array()
            .expect("features")
            .iter()
            .find(|f| f["properties"]["name"] == name && f["properties"]["adm0_a3"] == "CHN")
            .unwrap_or_else(|| panic!("no {name}"));
        multipolygon(&f["geometry"])
    };
    let hist: toml::Value = toml::from_str(
        &std::fs::read_to_string(geodata().join("sources/history.toml")).expect("history.toml"),
    )
    .expect("toml");
    let mut ring: Vec<Coord<f64>> = line_feature("line_1907").0;
    ring.extend(line_feature("line_1912_extension").0.into_iter().skip(1));
    // Extend both ends a little, as the build does, so the cut is clean.
    let ext = |from: Coord<f64>, to: Coord<f64>| {
        let d = to - from;
        let len = (d.x * d.x + d.y * d.y).sqrt();
        to + d / len * 0.05
    };
    let n = ring.len();
    let (head, tail) = (ext(ring[1], ring[0]), ext(ring[n - 2], ring[n - 1]));
    ring.insert(0, head);
    ring.push(tail);
    for p in hist["manchuria_cut"]["loop"].as_array().expect("loop") {
        let p = p.as_array().expect("point");
        ring.push(Coord {
            x: p[0].as_float().expect("x"),
            y: p[1].as_float().expect("y"),
        });
    }
    let cutter = Polygon::new(LineString(ring), vec![]);
    let reference = unit("Heilongjiang")
        .union(&unit("Jilin"))
        .union(&unit("Liaoning"))
        .union(&unit("Nei Mongol").intersection(&cutter));
    let manchuria = region("north_manchuria")
        .union(&region("barga"))
        .union(&region("cer_zone_barga"))
        .union(&region("south_manchuria"))
        .union(&region("kwantung"))
        .union(&region("cer_zone"))
        .union(&region("cer_zone_south"))
        .union(&region("smr_zone"));
    let diff = manchuria.xor(&reference).unsigned_area();
    let rel = diff / reference.unsigned_area();
    assert!(
        rel < 0.001,
        "Manchuria differs from its sources by {:.4}%",
        rel * 100.0
    );
}

#[test]
fn line_1907_runs_via_hunchun_and_ends_on_122_east() {
    let l = line_feature("line_1907");
    let hunchun = Coord {
        x: 130.37,
        y: 42.87,
    };
    let nearest =
        l.0.iter()
            .map(|&c| km(c, hunchun))
            .fold(f64::INFINITY, f64::min);
    assert!(
        nearest < 5.0,
        "line_1907 passes {nearest:.1} km from Hunchun"
    );
    assert_eq!(l.0.last().map(|c| c.x), Some(122.0));
    let props = &features("lines.geojson")[0]["properties"];
    assert_eq!(props["id"], "line_1907");
    assert_eq!(props["treaty"], "1907");
    let ext = line_feature("line_1912_extension");
    assert_eq!(ext.0.first(), l.0.last(), "the 1912 extension starts at P7");
}

#[test]
fn places_fall_in_the_right_region() {
    let rs = regions();
    let within = |lon: f64, lat: f64| -> Vec<&str> {
        rs.iter()
            .filter(|(_, mp)| mp.contains(&Point::new(lon, lat)))
            .map(|(id, _)| id.as_str())
            .collect()
    };
    let cases = [
        ("Harbin", 126.54, 45.80, "cer_zone"),
        ("Tsitsihar", 123.92, 47.35, "north_manchuria"),
        ("Hailar", 119.77, 49.21, "cer_zone_barga"),
        ("Manchouli", 117.38, 49.60, "cer_zone_barga"),
        ("Mukden", 123.43, 41.81, "smr_zone"),
        ("Changchun", 125.32, 43.82, "smr_zone"),
        ("Kirin", 126.55, 43.84, "south_manchuria"),
        ("Taonan", 122.79, 45.33, "south_manchuria"),
        ("Dairen", 121.62, 38.91, "kwantung"),
        ("Port Arthur", 121.25, 38.81, "kwantung"),
        ("Kalgan", 114.89, 40.82, "west_inner_mongolia"),
        ("Kweihwa", 111.70, 40.82, "west_inner_mongolia"),
        ("Chengde", 117.96, 40.95, "jehol"),
        ("Urga", 106.91, 47.89, "outer_mongolia"),
        ("Seoul", 126.98, 37.57, "korea"),
        ("Peking", 116.41, 39.90, "occupied_china_1937"),
        ("Tientsin", 117.20, 39.08, "occupied_china_1937"),
        ("Vladivostok", 131.89, 43.12, "russian_empire"),
        ("Toyohara", 142.73, 46.96, "karafuto"),
        ("Belotsarsk", 94.45, 51.72, "tannu_uriankhai"),
    ];
    for (name, lon, lat, want) in cases {
        assert_eq!(within(lon, lat), vec![want], "{name}");
    }
}

#[test]
fn peking_meridian_is_the_inner_mongolian_border() {
    let m = line_feature("peking_meridian");
    assert!(m.0.len() >= 2);
    assert!(m.0.iter().all(|c| c.x == 116.45), "{m:?}");
    let has_vertex = |mp: &MultiPolygon<f64>, c: Coord<f64>| {
        mp.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .any(|r| r.0.contains(&c))
    };
    // Jehol (issue 15) is cut out of Eastern Inner Mongolia and holds the southern end.
    let (east, jehol) = (region("east_inner_mongolia"), region("jehol"));
    let west = region("west_inner_mongolia");
    for c in [m.0[0], m.0[m.0.len() - 1]] {
        let east_side = has_vertex(&east, c) || has_vertex(&jehol, c);
        assert!(east_side && has_vertex(&west, c), "{c:?}");
    }
    // The frontier with Outer Mongolia is near 46.2 N and the wall near 40.4 N.
    let (lo, hi) = (
        m.0[0].y.min(m.0[m.0.len() - 1].y),
        m.0[0].y.max(m.0[m.0.len() - 1].y),
    );
    assert!(
        (40.0..41.0).contains(&lo) && (45.5..47.0).contains(&hi),
        "{lo}..{hi}"
    );
}

#[test]
fn outputs_are_small_and_rounded() {
    let mut total = 0;
    for f in [
        "regions.geojson",
        "lines.geojson",
        "rivers.geojson",
        "lakes.geojson",
        "railways.geojson",
        "places.geojson",
    ] {
        let text = std::fs::read_to_string(geodata().join(f)).expect("output file");
        total += text.len();
        // No coordinate has more than 4 decimals.
        let long = text
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter_map(|t| t.split_once('.'))
            .any(|(_, frac)| frac.len() > 4);
        assert!(!long, "{f} has coordinates with more than 4 decimals");
    }
    assert!(total < 3_000_000, "geodata is {total} bytes");
}

#[test]
fn places_and_railways_follow_the_contract() {
    let places = features("places.geojson");
    for id in [
        "harbin",
        "mukden",
        "dairen",
        "port_arthur",
        "urga",
        "kalgan",
        "seoul",
        "otomari",
    ] {
        assert!(
            places.iter().any(|f| f["properties"]["id"] == id),
            "no place {id}"
        );
    }
    for f in &places {
        let p = &f["properties"];
        assert_eq!(f["geometry"]["type"], "Point");
        assert!(p["name"].is_string() && p["modern"].is_string(), "{p}");
        assert!(matches!(p["rank"].as_i64(), Some(1..=3)), "{p}");
    }
    let seoul = places
        .iter()
        .find(|f| f["properties"]["id"] == "seoul")
        .expect("seoul");
    assert_eq!(seoul["properties"]["name_ja"], "Keijō");
    assert_eq!(seoul["properties"]["name_ja_from"], 1910);

    let railways = features("railways.geojson");
    for id in [
        "cer_western",
        "cer_eastern",
        "cer_southern",
        "smr_main",
        "antung_mukden",
        "gyeongbu",
        "amur_kuenga_uryum",
        "amur_deya_khabarovsk",
        "ussuri",
    ] {
        assert!(
            railways.iter().any(|f| f["properties"]["id"] == id),
            "no railway {id}"
        );
    }
    for f in &railways {
        let p = &f["properties"];
        assert!(
            ["russia", "japan", "china"].contains(&p["operator"].as_str().unwrap_or("")),
            "{p}"
        );
        assert!(matches!(p["opened"].as_i64(), Some(1890..=1917)), "{p}");
        assert_eq!(f["geometry"]["type"], "LineString");
    }
}

#[test]
fn rivers_and_lakes_are_period_clean() {
    let rivers = features("rivers.geojson");
    let nen = rivers
        .iter()
        .find(|f| f["properties"]["rivernum"] == 967)
        .expect("river 967");
    assert_eq!(nen["properties"]["name"], "Nen");
    let lakes = features("lakes.geojson");
    for f in &lakes {
        let name = f["properties"]["name"].as_str().unwrap_or("");
        assert!(
            !name.contains("Reservoir") && !name.contains("Shuiku") && name != "Songhua Hu",
            "{name}"
        );
    }
}

// ---------------------------------------------------------------------------
// Issue 9, "Nothing on a map before it existed".
