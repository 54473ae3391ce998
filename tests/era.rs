//! Issue 15: the whole story, 1905–1945. Every year renders; checkpoints read the GeoJSON export
//! by point-in-polygon, so a wrong date moves a place into the wrong hands and fails.

use spheres_map::batch::BatchRequest;
use spheres_map::{render_map, Dataset, Format, MapOptions};

use crate::export::Exported;

const ALEXANDROVSK: (f64, f64) = (142.16, 50.90);
const HARBIN: (f64, f64) = (126.54, 45.80);
const PORT_ARTHUR: (f64, f64) = (121.25, 38.81);
const DAIREN: (f64, f64) = (121.62, 38.91);
const PYONGYANG: (f64, f64) = (125.74, 39.02);
const SEOUL: (f64, f64) = (126.98, 37.57);
const CHENGDE: (f64, f64) = (117.96, 40.95);
const NANKING: (f64, f64) = (118.78, 32.06);
const URGA: (f64, f64) = (106.92, 47.92);

/// (power, status) at a point at the end of `year`.
fn held(year: i32, (lon, lat): (f64, f64)) -> (Option<String>, Option<String>) {
    let map = Exported::for_year(year);
    let region = map.at(lon, lat);
    (region.power.clone(), region.status.clone())
}

fn by(power: &str, status: &str) -> (Option<String>, Option<String>) {
    (Some(power.to_string()), Some(status.to_string()))
}

const NOBODY: (Option<String>, Option<String>) = (None, None);

#[test]
fn issue15_every_year_renders_in_every_format() {
    let data = Dataset::embedded().unwrap();
    let small = MapOptions::default()
        .with_size(Some(640), Some(360))
        .unwrap();
    for year in 1905..=1945 {
        for format in [Format::Svg, Format::Png, Format::GeoJson] {
            let bytes = render_map(&data, year, format, &small)
                .unwrap_or_else(|e| panic!("{year} {format:?}: {e}"));
            assert!(bytes.len() > 1000, "{year} {format:?}");
        }
    }
}

#[test]
fn issue15_years_outside_1905_to_1945_are_refused_with_the_range() {
    let data = Dataset::embedded().unwrap();
    for year in [1904, 1946] {
        let err = render_map(&data, year, Format::Svg, &MapOptions::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("no map for {year}: choose a year from 1905 to 1945")
        );
    }
    assert_eq!(data.years(), 1905..=1945);
    // The series is still the four agreements.
    assert_eq!(data.agreement_years(), [1907, 1910, 1912, 1916]);
}

#[test]
fn issue15_northern_sakhalin_occupied_1920_to_1925() {
    assert_eq!(held(1919, ALEXANDROVSK), by("russia", "territory"));
    assert_eq!(held(1920, ALEXANDROVSK), by("japan", "occupied"));
    assert_eq!(held(1921, ALEXANDROVSK), by("japan", "occupied"));
    assert_eq!(held(1924, ALEXANDROVSK), by("japan", "occupied"));
    assert_eq!(held(1925, ALEXANDROVSK), by("russia", "territory"));
}

/// Manchukuo is drawn and named as one state from 1 Mar 1932 to the Soviet invasion of 9 Aug
/// 1945, Jehol (Chengde) in it from 4 Mar 1933; the South Manchuria Railway zone stays apart.
/// Mengjiang likewise from its union (1 Sept 1939) to its end (19 Aug 1945).
#[test]
fn issue15_manchukuo_and_mengjiang_are_named_states() {
    const CHENGDE: (f64, f64) = (117.93, 40.97);
    let id = |year: i32, (lon, lat): (f64, f64)| Exported::for_year(year).at(lon, lat).id.clone();
    assert_eq!(id(1931, HARBIN), "cer_zone");
    for year in [1932, 1935, 1944] {
        assert_eq!(id(year, HARBIN), "manchukuo", "{year}");
    }
    assert_eq!(id(1945, HARBIN), "manchuria_1945");
    assert_eq!(id(1932, CHENGDE), "jehol");
    assert_eq!(id(1933, CHENGDE), "manchukuo");
    assert_eq!(held(1933, CHENGDE), by("japan", "puppet_state"));
    // Mengjiang, one puppet state from 1 Sept 1939 until 19 Aug 1945 (Kalgan its capital).
    const KALGAN: (f64, f64) = (114.88, 40.82);
    assert_eq!(id(1938, KALGAN), "west_inner_mongolia");
    assert_eq!(id(1940, KALGAN), "mengjiang");
    assert_eq!(held(1940, KALGAN), by("japan", "puppet_state"));
    assert_ne!(id(1945, KALGAN), "mengjiang");
}

#[test]
fn issue15_harbin_from_the_railway_zone_to_manchukuo() {
    assert_eq!(held(1905, HARBIN), by("russia", "concession_zone"));
    assert_eq!(held(1920, HARBIN), NOBODY, "Chinese administration");
    assert_eq!(held(1924, HARBIN), by("russia", "concession_zone"));
    assert_eq!(held(1931, HARBIN), by("russia", "concession_zone"));
    assert_eq!(held(1932, HARBIN), by("japan", "puppet_state"));
    assert_eq!(held(1933, HARBIN), by("japan", "puppet_state"));
    assert_eq!(held(1945, HARBIN), by("russia", "occupied"));
}

#[test]
fn issue15_kwantung_from_portsmouth_to_the_soviet_occupation() {
    for point in [PORT_ARTHUR, DAIREN] {
        assert_eq!(held(1905, point), by("japan", "leased_territory"));
        assert_eq!(held(1944, point), by("japan", "leased_territory"));
        assert_eq!(held(1945, point), by("russia", "occupied"));
    }
}

#[test]
fn issue15_korea_divided_at_the_38th_parallel_in_1945() {
    assert_eq!(held(1905, SEOUL), by("japan", "protectorate"));
    assert_eq!(held(1944, PYONGYANG), by("japan", "colony"));
    assert_eq!(held(1945, PYONGYANG), by("russia", "occupied"));
    assert_eq!(held(1945, SEOUL), by("usa", "occupied"));
    // Before 1945 Korea is one unit.
    assert_eq!(Exported::for_year(1944).at(SEOUL.0, SEOUL.1).id, "korea");
    assert_eq!(
        Exported::for_year(1944).at(PYONGYANG.0, PYONGYANG.1).id,
        "korea"
    );
}

#[test]
fn issue15_jehol_mongolia_and_china() {
    assert_eq!(held(1932, CHENGDE).0.as_deref(), Some("japan"));
    assert_ne!(held(1932, CHENGDE).1.as_deref(), Some("puppet_state"));
    assert_eq!(held(1933, CHENGDE), by("japan", "puppet_state"));
    assert_eq!(held(1936, NANKING), NOBODY);
    assert_eq!(held(1937, NANKING), by("japan", "occupied"));
    assert_eq!(held(1945, NANKING), NOBODY);
    assert_eq!(held(1920, URGA), NOBODY, "autonomy revoked, 1919");
    assert_eq!(held(1921, URGA), by("russia", "satellite"));
    assert_eq!(held(1945, URGA), by("russia", "satellite"));
}

fn svg(year: i32) -> String {
    let data = Dataset::embedded().unwrap();
    let bytes = render_map(&data, year, Format::Svg, &MapOptions::default()).unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn issue15_titles_say_what_holds_and_what_changed() {
    let y1920 = svg(1920);
    assert!(y1920.contains("No Russo-Japanese agreement in force since 1917"));
    assert!(y1920.contains("Japan occupies northern Sakhalin"));
    assert!(y1920.contains("SOVIET RUSSIA"));
    assert!(
        y1920.contains(">Soviet territory<"),
        "the key names the period"
    );
    assert!(
        y1920.contains("Russian sphere of special interests, agreement"),
        "a lapsed sphere keeps the name it was made under"
    );
    let y1932 = svg(1932);
    assert!(y1932.contains("Soviet–Japanese Basic Convention"));
    assert!(y1932.contains("Manchukuo proclaimed (1 March)"));
    assert!(y1932.contains("SOVIET UNION"));
    assert!(y1932.contains("Japanese puppet state"));
    // A disagreement between historians goes on the note.
    assert!(y1932.contains("[S17]"), "the note cites Elleman");
    assert!(svg(1941).contains("Neutrality Pact"));
    assert!(svg(1945).contains("Yalta"));
}

#[test]
fn issue15_places_follow_their_dates() {
    assert!(svg(1925).contains("Changchun"));
    assert!(!svg(1925).contains("Hsinking"));
    assert!(svg(1933).contains("Hsinking"));
    assert!(!svg(1919).contains("Alexandrovsk"));
    assert!(svg(1921).contains("Alexandrovsk"));
    assert!(svg(1930).contains("Kyzyl"));
}

#[test]
fn issue15_an_overview_holds_twelve_maps_and_no_more() {
    let data = Dataset::embedded().unwrap();
    let request = |years: Vec<i32>| BatchRequest {
        years,
        formats: vec![Format::Svg],
        options: MapOptions::default()
            .with_size(Some(640), Some(360))
            .unwrap(),
        overview: true,
        timeline: false,
        languages: Vec::new(),
    };
    let twelve: Vec<i32> = (1905..=1945).step_by(3).take(12).collect();
    assert_eq!(twelve.len(), 12);
    let files = spheres_map::batch::render_all(&data, &request(twelve), &|_| {}).unwrap();
    let overview = files
        .iter()
        .find(|(job, _)| job.name == "overview.svg")
        .expect("an overview");
    let text = String::from_utf8_lossy(&overview.1);
    assert!(text.contains("1905–1938"), "the title spans the years");
    let err = request((1905..=1917).collect()).check(&data).unwrap_err();
    assert!(err.to_string().contains("at most 12"), "{err}");
}
