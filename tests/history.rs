//! Treaty statuses year by year, read from the public API's GeoJSON export (one Feature per
//! region with its power, status and note). Tests are named after the issue they guard.

use spheres_map::{render_map, Dataset, Format, MapOptions};

/// The region's Feature properties at the end of `year`.
fn properties(data: &Dataset, year: i32, region: &str) -> serde_json::Value {
    let bytes = render_map(data, year, Format::GeoJson, &MapOptions::default()).expect("map");
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    json["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"].clone())
        .find(|p| p["id"] == region)
        .unwrap_or_else(|| panic!("no region {region} in {year}"))
}

/// (power id, status key) of a region at the end of `year`.
fn state(data: &Dataset, year: i32, region: &str) -> (Option<String>, Option<String>) {
    let p = properties(data, year, region);
    let text = |key: &str| p[key].as_str().map(str::to_string);
    (text("power"), text("status"))
}

fn note(data: &Dataset, year: i32, region: &str) -> String {
    properties(data, year, region)["note"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn russian(status: &str) -> (Option<String>, Option<String>) {
    (Some("russia".into()), Some(status.into()))
}

/// Issue 9, item 6: Barga is left undefined by the 1907 line, except the CER zone through it,
/// which was Russian under the 1896 contract; from 1912 all of it is in the Russian sphere, and
/// from November 1915 it is a special region under Russian influence.
#[test]
fn issue9_barga_year_by_year() {
    let data = Dataset::embedded().expect("dataset");
    for year in 1907..=1911 {
        assert_eq!(
            state(&data, year, "barga"),
            (None, Some("undefined".into())),
            "{year}"
        );
        assert_eq!(
            state(&data, year, "cer_zone_barga"),
            russian("concession_zone"),
            "{year}"
        );
    }
    // From 1912 the strip is no boundary: Barga and the zone are one unit in the Russian sphere.
    for year in 1912..=1916 {
        assert_eq!(
            state(&data, year, "barga_1912"),
            russian("sphere"),
            "{year}"
        );
    }
    // Issue 15: from the lapse (8 Nov 1917) the zone, resting on the 1896 contract, stands on its
    // own while the sphere around it lapses.
    assert_eq!(state(&data, 1917, "barga"), russian("sphere"));
    assert_eq!(
        state(&data, 1917, "cer_zone_barga"),
        russian("concession_zone")
    );
    assert!(!note(&data, 1914, "barga_1912").contains("special region"));
    assert!(note(&data, 1915, "barga_1912").contains("special region"));
}

/// Issue 9, item 7: under the Qing, Tannu Uriankhai was administered from Uliassutai with Outer
/// Mongolia, so it shares Outer Mongolia's status (Russian special interests, 1907) until the
/// Russian protectorate of 17 April 1914.
#[test]
fn issue9_tannu_uriankhai_before_1914() {
    let data = Dataset::embedded().expect("dataset");
    for year in 1907..=1913 {
        assert_eq!(
            state(&data, year, "tannu_uriankhai"),
            state(&data, year, "outer_mongolia"),
            "{year}"
        );
        assert_eq!(
            state(&data, year, "tannu_uriankhai"),
            russian("special_interests"),
            "{year}"
        );
    }
    for year in 1914..=1917 {
        assert_eq!(
            state(&data, year, "tannu_uriankhai"),
            russian("protectorate"),
            "{year}"
        );
    }
}

fn svg(data: &Dataset, year: i32) -> String {
    let bytes = render_map(data, year, Format::Svg, &MapOptions::default()).expect("map");
    String::from_utf8(bytes).unwrap()
}

/// Issue 9, item 2: a place is drawn only in the years it existed (Belotsarsk, founded 1914).
#[test]
fn issue9_places_only_within_their_dates() {
    let data = Dataset::embedded().expect("dataset");
    for year in [1907, 1910, 1913] {
        assert!(!svg(&data, year).contains("Belotsarsk"), "{year}");
    }
    assert!(svg(&data, 1914).contains("Belotsarsk"));
}

/// Issue 9, item 3: by the end of 1917 the agreements had lapsed (Decree on Peace, 8 Nov
/// 1917): the title says so, and the spheres are drawn as no longer in force; annexations and
/// leases made by other treaties stand.
#[test]
fn issue9_the_1917_map_shows_the_agreements_lapsed() {
    let data = Dataset::embedded().expect("dataset");
    let map = svg(&data, 1917);
    let doc = roxmltree::Document::parse(&map).unwrap();
    let title: String = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("title"))
        .unwrap()
        .descendants()
        .filter_map(|n| n.text())
        .collect();
    assert!(title.contains("agreements lapsed"), "{title}");
    let class = |id: &str| {
        doc.descendants()
            .find(|n| n.attribute("id") == Some(id))
            .and_then(|n| n.attribute("class"))
            .unwrap_or_default()
            .to_string()
    };
    assert!(class("south_manchuria").contains("lapsed"));
    assert!(class("outer_mongolia").contains("lapsed"));
    assert!(!class("korea").contains("lapsed"), "an annexation stands");
    assert!(!class("kwantung").contains("lapsed"), "a lease stands");
    // The year before, nothing has lapsed.
    assert!(!svg(&data, 1916).contains("lapsed"));
}
