//! The interactive page (issue 14) as a parser sees it: one self-contained file, every year's
//! map on one shared drawing, a focusable element per region, nothing loaded from elsewhere.
//! What a browser does with it is checked by `tests/browser/page_test.py` (run by CI).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use spheres_map::batch::{self, BatchRequest, JobKind};
use spheres_map::{render_map, Dataset, Format, MapOptions, MAX_PAGE_BYTES};

/// The page of every year the bundled data covers, made once for all the tests here.
fn whole_page() -> &'static str {
    static PAGE: OnceLock<String> = OnceLock::new();
    PAGE.get_or_init(|| {
        let data = Dataset::embedded().unwrap();
        let request = BatchRequest {
            years: data.years().collect(),
            formats: vec![Format::Html],
            options: MapOptions::default(),
            overview: false,
            timeline: false,
            languages: Vec::new(),
        };
        let files = batch::render_all(&data, &request, &|_| {}).unwrap();
        assert_eq!(files.len(), 1, "one file for all the years");
        assert_eq!(files[0].0.name, "spheres.html");
        assert_eq!(files[0].0.kind, JobKind::Page);
        String::from_utf8(files[0].1.clone()).unwrap()
    })
}

/// The inline `<svg>` of a page, parsed.
fn drawing(page: &str) -> roxmltree::Document<'_> {
    let start = page.find("<svg").expect("an inline svg");
    let end = page.find("</svg>").expect("the svg ends") + "</svg>".len();
    roxmltree::Document::parse(&page[start..end]).expect("the drawing is well-formed")
}

fn page_data(page: &str) -> serde_json::Value {
    let open = "<script type=\"application/json\" id=\"page-data\">";
    let start = page.find(open).expect("page data") + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).expect("page data is JSON")
}

#[test]
fn r14_the_page_is_self_contained_and_small_enough() {
    let page = whole_page();
    assert!(page.len() < MAX_PAGE_BYTES, "{} bytes", page.len());
    assert!(page.starts_with("<!DOCTYPE html>"));
    let csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';";
    assert!(page.contains(csp), "the policy forbids remote loads");
    let lower = page.to_lowercase();
    // Addresses with a scheme or protocol-relative ones ("//host"), and the elements that load.
    let remote = [
        "http:", "https:", "ftp:", "=\"//", "='//", "(//", "<link", " src=", "@import", "<iframe",
    ];
    for remote in remote {
        assert!(
            !lower.contains(remote),
            "the page refers to something elsewhere: {remote}"
        );
    }
    // The only url() are the embedded fonts.
    assert!(lower.matches("url(").count() == lower.matches("url(data:").count());
    assert!(lower.contains("url(data:font/ttf;base64,"));
}

#[test]
fn r14_every_region_has_one_focusable_group_and_no_geometry_is_repeated() {
    let page = whole_page();
    let doc = drawing(page);
    let data = Dataset::embedded().unwrap();
    let mut ids = BTreeSet::new();
    for node in doc.descendants().filter(|n| n.attribute("id").is_some()) {
        assert!(ids.insert(node.attribute("id").unwrap()), "ids are unique");
    }
    let regions: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.attribute("data-kind") == Some("region") && n.has_attribute("data-id"))
        .collect();
    // Every region the first, a middle and the last year show, once; each takes focus and has
    // a name and a role.
    let mut shown = BTreeSet::new();
    for year in [*data.years().start(), 1912, *data.years().end()] {
        let svg = String::from_utf8(
            render_map(&data, year, Format::Svg, &MapOptions::default()).unwrap(),
        )
        .unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        shown.extend(
            doc.descendants()
                .filter(|n| {
                    n.attribute("class")
                        .is_some_and(|c| c.starts_with("region"))
                })
                .filter(|n| {
                    let layer = n.parent().and_then(|p| p.attribute("id"));
                    matches!(layer, Some("regions" | "land"))
                })
                .filter_map(|n| n.attribute("id").map(str::to_string)),
        );
    }
    let page_regions: BTreeSet<&str> = regions
        .iter()
        .map(|n| n.attribute("data-id").unwrap())
        .collect();
    assert_eq!(page_regions.len(), regions.len(), "one group per region id");
    for id in &shown {
        assert!(page_regions.contains(id.as_str()), "{id} is on the page");
    }
    for g in &regions {
        assert_eq!(g.attribute("tabindex"), Some("0"));
        assert_eq!(g.attribute("role"), Some("button"));
        assert!(!g.attribute("aria-label").unwrap_or_default().is_empty());
    }
    // The shared layers hold each outline once.
    for name in [
        "land", "regions", "hatching", "water", "borders", "railways",
    ] {
        let layer = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(name))
            .unwrap_or_else(|| panic!("layer {name}"));
        let mut seen = BTreeMap::new();
        for shape in layer.descendants().filter(|n| n.has_attribute("points")) {
            let key = (
                shape.parent().and_then(|p| p.attribute("id")),
                shape.attribute("points"),
            );
            *seen.entry(key).or_insert(0) += 1;
        }
        assert!(seen.values().all(|&n| n == 1), "{name} repeats a shape");
    }
}

#[test]
fn r14_the_geometry_is_shared_not_repeated_per_year() {
    let data = Dataset::embedded().unwrap();
    let page = whole_page();
    let years = data.years().count();
    // One year's map alone, for scale: the page of forty years must be far less than forty maps.
    let one = render_map(&data, 1912, Format::Svg, &MapOptions::default()).unwrap();
    let points = |text: &str| -> usize {
        text.split("points=\"")
            .skip(1)
            .map(|s| s.find('"').unwrap())
            .sum()
    };
    let single = points(std::str::from_utf8(&one).unwrap());
    let shared = points(page);
    assert!(
        shared < single * 4,
        "{years} years draw {shared} bytes of points; one map {single}"
    );
}

#[test]
fn r14_each_year_has_its_rules_its_agreement_and_its_facts() {
    let data = Dataset::embedded().unwrap();
    let page = whole_page();
    let json = page_data(page);
    let years: Vec<i64> = json["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, data.years().map(i64::from).collect::<Vec<_>>());
    for year in &years {
        assert!(page.contains(&format!("#map.y{year} ")), "CSS for {year}");
    }
    for word in [
        "play", "pause", "year", "power", "status", "since", "set_by", "hint",
    ] {
        assert!(json["words"][word].is_string(), "the word for {word}");
    }
    let of = |year: i64| &json["years"][usize::try_from(year - years[0]).unwrap()];
    let agreement = &of(1912)["agreement"];
    assert_eq!(agreement["place"], "St Petersburg");
    assert!(agreement["signed"]
        .as_str()
        .unwrap()
        .starts_with("8 July 1912"));
    assert!(agreement["secret_part"]
        .as_str()
        .unwrap()
        .contains("Peking"));
    assert_eq!(agreement["signatories"].as_array().unwrap().len(), 2);
    let korea = &of(1912)["regions"]["korea"];
    assert_eq!(korea["status"], "Japanese colony");
    assert_eq!(korea["since"], "29 August 1910");
    let mongolia = &of(1907)["regions"]["outer_mongolia"];
    assert!(mongolia["set_by"]
        .as_str()
        .unwrap()
        .contains("30 July 1907"));
    assert!(mongolia["basis"].as_str().unwrap().contains("Art. 3"));
    assert!(of(1912)["lines"]["line_1912_extension"]["confidence"]
        .as_str()
        .unwrap()
        .contains("reconstructed"));
    assert!(of(1912)["railways"]
        .as_object()
        .unwrap()
        .values()
        .all(|r| r["opened"].as_i64().is_none_or(|y| y <= 1912)));
}

#[test]
fn r14_the_library_makes_a_page_of_one_year() {
    let data = Dataset::embedded().unwrap();
    let page = render_map(&data, 1917, Format::Html, &MapOptions::default()).unwrap();
    let page = String::from_utf8(page).unwrap();
    let json = page_data(&page);
    assert_eq!(json["years"].as_array().unwrap().len(), 1);
    // 1917: the Decree on Peace has ended the agreements; the page says so of their spheres.
    let mongolia = &json["years"][0]["regions"]["outer_mongolia"];
    assert_eq!(mongolia["lapsed"], true);
    assert!(json["words"]["lapsed"].is_string());
}

#[test]
fn r14_data_text_cannot_end_the_script() {
    let page = whole_page();
    let start = page.find("id=\"page-data\">").unwrap();
    let end = start + page[start..].find("</script>").unwrap();
    assert!(!page[start + 16..end].contains('<'));
}

#[test]
fn r14_the_command_writes_one_page_beside_the_maps() {
    let dir = tempfile::tempdir().unwrap();
    crate::util::spheres_map(dir.path())
        .args([
            "--years",
            "1907,1912",
            "--format",
            "html,svg",
            "--out",
            "out",
        ])
        .assert()
        .success();
    let out = dir.path().join("out");
    assert_eq!(
        crate::util::entries(&out),
        ["1907.svg", "1912.svg", "spheres.html"]
    );
    let page = std::fs::read_to_string(out.join("spheres.html")).unwrap();
    let years: Vec<i64> = page_data(&page)["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [1907, 1912]);
    assert!(page.contains("<svg id=\"map\" class=\"y1907\""));
}

#[test]
fn r14_a_page_in_each_language_links_to_the_others() {
    let data = Dataset::embedded().unwrap();
    let request = BatchRequest {
        years: vec![1907, 1912],
        formats: vec![Format::Html],
        options: MapOptions::default(),
        overview: false,
        timeline: false,
        languages: spheres_map::Lang::ALL.to_vec(),
    };
    let files = batch::render_all(&data, &request, &|_| {}).unwrap();
    let names: Vec<&str> = files.iter().map(|(job, _)| job.name.as_str()).collect();
    assert_eq!(names.len(), 6, "{names:?}");
    let page = |code: &str| {
        let (_, bytes) = files
            .iter()
            .find(|(job, _)| job.name == format!("spheres.{code}.html"))
            .unwrap();
        String::from_utf8(bytes.clone()).unwrap()
    };
    let ja = page("ja");
    assert!(ja.contains("<html lang=\"ja\">"));
    // The controls, the panel's headings and the signing date in Japanese.
    let json = page_data(&ja);
    assert_eq!(json["words"]["play"], "再生");
    assert_eq!(
        json["years"][0]["agreement"]["signed"],
        "1907年（明治40年）7月30日"
    );
    assert!(ja.contains("<h1>東北アジアにおける勢力範囲（1907–1912年）</h1>"));
    // A menu of the five other languages, each named in its own.
    for (code, name) in [("en", "English"), ("ru", "Русский"), ("ko", "한국어")] {
        assert!(
            ja.contains(&format!(
                "<a href=\"spheres.{code}.html\" hreflang=\"{code}\" lang=\"{code}\">{name}</a>"
            )),
            "{code}"
        );
    }
    assert!(!ja.contains("href=\"spheres.ja.html\""));
    let ru = page("ru");
    assert_eq!(
        page_data(&ru)["words"]["agreement"],
        "Действующее соглашение"
    );
    // A page written alone has no menu.
    assert!(!whole_page().contains("id=\"languages\""));
}
