//! Loading GeoJSON layers: what is accepted and what is refused, with the message.

use super::*;

fn regions(text: &str) -> Result<Geodata> {
    Geodata::from_text(
        &GeodataText {
            regions: LayerText {
                file: "regions.geojson",
                text,
            },
            lines: None,
            rivers: None,
            lakes: None,
            railways: None,
            places: None,
        },
        true,
    )
}

const SQUARE: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a","name":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}]}"#;

#[test]
fn reads_a_region() {
    let g = regions(SQUARE).unwrap();
    assert_eq!(g.regions[0].id, "a");
    assert_eq!(g.regions[0].role, Role::Sphere);
}

#[test]
fn names_file_and_feature_in_errors() {
    let text = SQUARE.replace("[1,1]", "[1,100]");
    let err = regions(&text).unwrap_err().to_string();
    assert!(
        err.starts_with("regions.geojson: feature 0 ('a'): coordinate (1, 100)"),
        "{err}"
    );
    let text = SQUARE.replace(
        r#""type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]"#,
        r#""type":"Point","coordinates":[0,0]"#,
    );
    let err = regions(&text).unwrap_err().to_string();
    assert!(
        err.contains("must be a Polygon or MultiPolygon, not a Point"),
        "{err}"
    );
}

#[test]
fn rings_are_checked_as_written() {
    let ring = |coords: &str| SQUARE.replace("[[0,0],[1,0],[1,1],[0,1],[0,0]]", coords);
    let cases = [
        ("[[0,0],[1,0],[1,1],[0,1]]", "the outer ring is not closed"),
        (
            "[[0,0],[1,0],[0,0]]",
            "the outer ring has 3 positions; a ring needs at least 4",
        ),
        ("[[0,0],[1,1],[2,2],[0,0]]", "the outer ring has zero area"),
        ("[[0,0],[0,0],[0,0],[0,0]]", "the outer ring has zero area"),
        (
            "[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,1],[2,2],[1,1]],[[1,1],[1,2],[1,1]]",
            "hole 2 has 3 positions",
        ),
    ];
    for (coords, words) in cases {
        let err = regions(&ring(coords)).unwrap_err().to_string();
        assert!(
            err.starts_with("regions.geojson: feature 0 ('a'): "),
            "{err}"
        );
        assert!(err.contains(words), "{coords}: {err}");
    }
    let twice = SQUARE.replace(
        r#""type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]"#,
        r#""type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],[[[1,0],[0,0],[0,1],[1,1],[1,0]]]]"#,
    );
    let err = regions(&twice).unwrap_err().to_string();
    assert!(
        err.contains("region 'a': polygons 0 and 1 overlap"),
        "{err}"
    );
}

#[test]
fn budgets_name_the_feature() {
    let long = SQUARE.replace(r#""name":"A""#, &format!(r#""name":"{}""#, "é".repeat(201)));
    let err = regions(&long).unwrap_err().to_string();
    assert_eq!(
        err,
        "regions.geojson: feature 0 ('a'): property 'name' is 201 characters long; the limit is 200"
    );
}

#[test]
fn syntax_error_has_position() {
    let err = regions("{\"type\":\n  \"FeatureCollection\",,}")
        .unwrap_err()
        .to_string();
    assert!(err.contains("(line 2, column"), "{err}");
}

#[test]
fn empty_collection_is_an_error() {
    let err = regions(r#"{"type":"FeatureCollection","features":[]}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("no features"), "{err}");
}
