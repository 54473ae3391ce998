//! The SVG as an editor, a browser and a screen reader see it: layers, one element per region
//! with its id, classes and title, and text from data escaped.

use spheres_map::{render_map, DataFiles, Dataset, Format, MapOptions};

fn svg_of(data: &Dataset, year: i32) -> String {
    String::from_utf8(render_map(data, year, Format::Svg, &MapOptions::default()).unwrap()).unwrap()
}

/// The ids of the 1907–1916 regions: the parts cut out for 1905–1945 (`part_of`) are joined
/// back to them on those maps (issue 15).
fn bundled_region_ids() -> Vec<String> {
    let text = include_str!("../geodata/regions.geojson");
    let json: serde_json::Value = serde_json::from_str(text).unwrap();
    json["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["properties"].get("part_of").is_none())
        .map(|f| f["properties"]["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_1912_svg_has_layers_regions_with_ids_and_titles() {
    let data = Dataset::embedded().unwrap();
    let svg = svg_of(&data, 1912);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    let child_text = |name: &str| {
        root.children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        child_text("title"),
        "Spheres of influence in North-East Asia, 1912"
    );
    assert!(child_text("desc").contains("Natural Earth"));

    let layers: Vec<&str> = root
        .children()
        .filter(|n| n.has_tag_name("g"))
        .filter_map(|n| n.attribute("id"))
        .collect();
    for layer in [
        "background",
        "land",
        "regions",
        "water",
        "borders",
        "graticule",
        "railways",
        "treaty-lines",
        "scale-bar",
        "places",
        "labels",
        "title",
        "key",
        "credit",
    ] {
        assert!(layers.contains(&layer), "layer {layer} in {layers:?}");
    }

    let by_id = |id: &str| {
        doc.descendants()
            .filter(|n| n.attribute("id") == Some(id))
            .collect::<Vec<_>>()
    };
    // From 1912 Barga and the CER zone through it are one unit (a union in the treaty file).
    let mut ids: Vec<String> = bundled_region_ids()
        .into_iter()
        .filter(|id| id != "barga" && id != "cer_zone_barga")
        .collect();
    ids.push("barga_1912".into());
    for id in ids {
        let found = by_id(&id);
        assert_eq!(found.len(), 1, "one element with id {id}");
        let region = found[0];
        let layer = region.parent().and_then(|p| p.attribute("id"));
        assert!(
            matches!(layer, Some("regions" | "land")),
            "{id} in {layer:?}"
        );
        let class = region.attribute("class").unwrap_or_default();
        assert!(class.starts_with("region power-"), "{id}: class {class}");
        let title = region
            .children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text())
            .unwrap_or_default();
        assert!(!title.is_empty(), "{id} has a title");
    }
    let korea = by_id("korea")[0];
    assert_eq!(
        korea.attribute("class"),
        Some("region power-japan status-colony")
    );
    let line = by_id("line_1907");
    assert_eq!(line.len(), 1, "the 1907 line is one group");
    assert_eq!(
        line[0].parent().and_then(|p| p.attribute("id")),
        Some("treaty-lines")
    );
    // Ids are unique across the whole document.
    let mut ids: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids");
}

#[test]
fn markup_in_a_region_name_is_escaped_in_its_title() {
    const NAME: &str = "<b>A & B</b>";
    let base = |file: &str| {
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/invalid_data/valid_base")
                .join(file),
        )
        .unwrap()
    };
    // JSON needs no escaping for these characters.
    let regions =
        base("regions.geojson").replace("\"name\":\"North\"", &format!("\"name\":\"{NAME}\""));
    assert!(regions.contains(NAME));
    let (treaties, lines, places) = (
        base("treaties.toml"),
        base("lines.geojson"),
        base("places.geojson"),
    );
    let data = Dataset::from_files(&DataFiles {
        treaties: &treaties,
        regions: &regions,
        lines: Some(&lines),
        places: Some(&places),
        ..DataFiles::default()
    })
    .unwrap();
    let year = *data.years().start();
    let svg = svg_of(&data, year);
    assert!(!svg.contains(NAME), "raw markup in the SVG");
    assert!(svg.contains("&lt;b&gt;A &amp; B&lt;/b&gt;"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let region = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("north"))
        .unwrap();
    let title = region
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(title.starts_with(NAME), "{title}");
}
