//! Treaty statuses year by year, through the minimal public API (`Dataset::embedded`,
//! `map_for_year`, `TreatyMap::regions`). Tests are named after the issue they guard.

use spheres_map::Dataset;

/// (power id, status) of a region at the end of `year`, the status in its `Debug` form.
fn state(data: &Dataset, year: i32, region: &str) -> (Option<String>, Option<String>) {
    let map = data.map_for_year(year).expect("map");
    let r = map
        .regions
        .iter()
        .find(|r| r.region.id == region)
        .unwrap_or_else(|| panic!("no region {region}"));
    (
        r.power.map(|p| p.id.clone()),
        r.status.map(|s| format!("{s:?}")),
    )
}

fn note(data: &Dataset, year: i32, region: &str) -> String {
    let map = data.map_for_year(year).expect("map");
    let r = map
        .regions
        .iter()
        .find(|r| r.region.id == region)
        .expect("region");
    r.note.unwrap_or_default().to_string()
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
            (None, Some("Undefined".into())),
            "{year}"
        );
        assert_eq!(
            state(&data, year, "cer_zone_barga"),
            russian("ConcessionZone"),
            "{year}"
        );
    }
    for year in 1912..=1917 {
        assert_eq!(state(&data, year, "barga"), russian("Sphere"), "{year}");
        assert_eq!(
            state(&data, year, "cer_zone_barga"),
            russian("Sphere"),
            "{year}"
        );
    }
    assert!(!note(&data, 1914, "barga").contains("special region"));
    assert!(note(&data, 1915, "barga").contains("special region"));
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
            russian("SpecialInterests"),
            "{year}"
        );
    }
    for year in 1914..=1917 {
        assert_eq!(
            state(&data, year, "tannu_uriankhai"),
            russian("Protectorate"),
            "{year}"
        );
    }
}
