//! Issue 11, publishing formats: the PDF as a journal receives it (print size, fonts embedded,
//! text that can be found, the same bytes every run), the PNG with its resolution, the SVG that
//! carries its own font (or its text as outlines), and every layer as GeoJSON.

use std::sync::OnceLock;

use spheres_map::{render_map, Dataset, Format, MapOptions, Preset, SvgText};

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::embedded().unwrap())
}

fn article() -> MapOptions {
    MapOptions::for_preset(Some(Preset::Article), None).unwrap()
}

fn article_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| render_map(data(), 1912, Format::Pdf, &article()).unwrap())
}

fn number(o: &lopdf::Object) -> f64 {
    o.as_float()
        .map(f64::from)
        .or_else(|_| o.as_i64().map(|i| i as f64))
        .unwrap()
}

fn page_size(doc: &lopdf::Document) -> (f64, f64) {
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1, "one page");
    let page = doc.get_dictionary(pages[&1]).unwrap();
    let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
    let v: Vec<f64> = media.iter().map(number).collect();
    (v[2] - v[0], v[3] - v[1])
}

#[test]
fn i11_article_pdf_is_17_by_12_cm() {
    let doc = lopdf::Document::load_mem(article_pdf()).unwrap();
    let (w, h) = page_size(&doc);
    let mm = |pt: f64| pt / 72.0 * 25.4;
    assert!((mm(w) - 170.0).abs() < 0.05, "{} mm wide", mm(w));
    assert!((mm(h) - 120.0).abs() < 0.05, "{} mm high", mm(h));
}

#[test]
fn i11_screen_pdf_is_sized_at_96_px_to_the_inch() {
    let options = MapOptions::default();
    let pdf = render_map(data(), 1912, Format::Pdf, &options).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let (w, h) = page_size(&doc);
    assert!(
        (w - 1440.0).abs() < 0.01 && (h - 810.0).abs() < 0.01,
        "{w} × {h} pt"
    );
}

#[test]
fn i11_pdf_fonts_are_subset_and_embedded() {
    let doc = lopdf::Document::load_mem(article_pdf()).unwrap();
    let page = doc.get_pages()[&1];
    let fonts = doc.get_page_fonts(page).unwrap();
    assert!(!fonts.is_empty(), "the page uses fonts");
    let mut names = Vec::new();
    for font in fonts.values() {
        let base = font.get(b"BaseFont").unwrap().as_name().unwrap();
        let base = String::from_utf8_lossy(base).into_owned();
        // A subset is named with a six-letter tag: ABCDEF+NotoSans-Regular.
        assert_eq!(base.find('+'), Some(6), "{base} is a subset");
        assert!(font.has(b"ToUnicode"), "{base} maps glyphs back to text");
        let descendant = font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]
            .as_reference()
            .unwrap();
        let cid = doc.get_dictionary(descendant).unwrap();
        let descriptor = doc
            .get_dictionary(cid.get(b"FontDescriptor").unwrap().as_reference().unwrap())
            .unwrap();
        assert!(
            descriptor.has(b"FontFile2") || descriptor.has(b"FontFile3"),
            "{base} is embedded"
        );
        names.push(base);
    }
    assert!(names.iter().any(|n| n.ends_with("NotoSans-Regular")));
    assert!(names.iter().any(|n| n.ends_with("NotoSans-Bold")));
}

#[test]
fn i11_pdf_text_can_be_extracted_and_metadata_is_set() {
    let doc = lopdf::Document::load_mem(article_pdf()).unwrap();
    let text = doc.extract_text(&[1]).unwrap();
    for word in [
        "North-East Asia, 1912",
        "Mukden",
        "Keijō (Seoul)",
        "116° 27′ E",
    ] {
        assert!(text.contains(word), "{word:?} in the extracted text");
    }
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let string = |key: &[u8]| lopdf::decode_text_string(info.get(key).unwrap()).unwrap();
    assert_eq!(
        string(b"Title"),
        "Spheres of influence in North-East Asia, 1912"
    );
    assert!(string(b"Subject").contains("Natural Earth"));
    assert!(string(b"Keywords").contains("1912"));
    assert!(string(b"Creator").starts_with("spheres-map "));
    assert!(!info.has(b"CreationDate"), "no clock in the file");
}

#[test]
fn i11_pdf_is_byte_identical_from_run_to_run() {
    let again = render_map(data(), 1912, Format::Pdf, &article()).unwrap();
    assert!(again == article_pdf(), "two renderings differ");
}

#[test]
fn i11_cmyk_pdf_has_no_rgb_colours() {
    let options = MapOptions {
        cmyk: true,
        ..article()
    };
    let pdf = render_map(data(), 1912, Format::Pdf, &options).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let content = doc.get_page_content(doc.get_pages()[&1]);
    let content = String::from_utf8_lossy(&content);
    let ops: Vec<&str> = content.split_whitespace().collect();
    assert!(
        ops.contains(&"k") && ops.contains(&"K"),
        "CMYK fills and strokes"
    );
    assert!(
        !ops.contains(&"rg") && !ops.contains(&"RG"),
        "no RGB colour"
    );
}

/// The chunks of a PNG, as (type, data).
fn chunks(png: &[u8]) -> Vec<([u8; 4], Vec<u8>)> {
    let mut out = Vec::new();
    let mut at = 8;
    while at + 8 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let kind: [u8; 4] = png[at + 4..at + 8].try_into().unwrap();
        out.push((kind, png[at + 8..at + 8 + len].to_vec()));
        at += 12 + len;
    }
    out
}

fn dpi(png: &[u8]) -> Option<f64> {
    let (_, data) = chunks(png).into_iter().find(|(k, _)| k == b"pHYs")?;
    assert_eq!(data[8], 1, "unit: metre");
    let x = u32::from_be_bytes(data[0..4].try_into().unwrap());
    let y = u32::from_be_bytes(data[4..8].try_into().unwrap());
    assert_eq!(x, y, "square pixels");
    Some(f64::from(x) * 0.0254)
}

#[test]
fn i11_png_says_its_dpi_and_title() {
    let png = render_map(data(), 1912, Format::Png, &article()).unwrap();
    assert_eq!(dpi(&png).map(f64::round), Some(300.0));
    let text: Vec<String> = chunks(&png)
        .into_iter()
        .filter(|(k, _)| k == b"tEXt" || k == b"iTXt")
        .map(|(_, d)| String::from_utf8_lossy(&d).into_owned())
        .collect();
    assert!(text
        .iter()
        .any(|t| t.starts_with("Title\0") && t.contains("North-East Asia, 1912")));
    assert!(text.iter().any(|t| t.starts_with("Description\0")));
    assert!(text.iter().any(|t| t.starts_with("Software\0spheres-map")));

    // --dpi 150 and --scale 2: the PNG has twice the pixels of a 150 dpi page.
    let options = MapOptions {
        png_scale: 2.0,
        ..MapOptions::for_preset(Some(Preset::Article), Some(150)).unwrap()
    };
    let png = render_map(data(), 1912, Format::Png, &options).unwrap();
    assert_eq!(dpi(&png).map(f64::round), Some(300.0));
    // Screen pages have pixels, not a printed size.
    let small = MapOptions {
        width: 400,
        height: 300,
        ..MapOptions::default()
    };
    let png = render_map(data(), 1912, Format::Png, &small).unwrap();
    assert_eq!(dpi(&png), None);
}

fn svg(text: SvgText) -> String {
    let options = MapOptions {
        svg_text: text,
        ..MapOptions::default()
    };
    String::from_utf8(render_map(data(), 1912, Format::Svg, &options).unwrap()).unwrap()
}

#[test]
fn i11_svg_embeds_its_font_subset_with_a_generic_fallback() {
    use ab_glyph::Font as _;
    use base64::Engine as _;
    let svg = svg(SvgText::Embedded);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let style = doc
        .descendants()
        .find(|n| n.has_tag_name("style"))
        .and_then(|n| n.text())
        .expect("a <style> element");
    let faces: Vec<&str> = style.matches("@font-face").collect();
    assert_eq!(faces.len(), 2, "regular and bold are used: {style:.200}");
    assert!(style.contains("font-weight:bold"));
    let mut texts = String::new();
    for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let family = node.attribute("font-family").unwrap();
        assert!(
            family.starts_with("Noto Sans") && family.ends_with(", sans-serif"),
            "{family}"
        );
        if node.attribute("font-weight").is_none() && node.attribute("font-style").is_none() {
            texts.push_str(node.text().unwrap_or_default());
        }
    }
    let regular = style
        .split("base64,")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(regular)
        .unwrap();
    assert!(bytes.len() < 100_000, "a subset: {} bytes", bytes.len());
    let font = ab_glyph::FontRef::try_from_slice(&bytes).unwrap();
    for c in texts.chars().filter(|c| !c.is_whitespace()) {
        assert_ne!(font.glyph_id(c).0, 0, "{c:?} in the embedded regular face");
    }
    // The plain mode leaves the font to the system.
    assert!(!self::svg(SvgText::System).contains("@font-face"));
}

#[test]
fn i11_svg_text_as_paths_has_no_text_elements_but_names_them() {
    let svg = svg(SvgText::Paths);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("text")).count(),
        0
    );
    assert!(!svg.contains("@font-face"));
    let labels: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path"))
        .filter_map(|n| n.attribute("aria-label"))
        .collect();
    assert!(labels.contains(&"Mukden"), "{labels:?}");
    let mukden = doc
        .descendants()
        .find(|n| n.attribute("aria-label") == Some("Mukden"))
        .unwrap();
    let d = mukden.attribute("d").unwrap();
    assert!(
        d.starts_with('M') && d.matches('Z').count() >= 6,
        "outlines: {d:.80}"
    );
    assert_eq!(
        mukden
            .children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text()),
        Some("Mukden")
    );
}

#[test]
fn i11_geojson_has_every_layer() {
    let bytes = render_map(data(), 1912, Format::GeoJson, &MapOptions::default()).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["type"], "FeatureCollection");
    assert_eq!(json["year"], 1912);
    let features = json["features"].as_array().unwrap();
    let of = |layer: &str| -> Vec<&serde_json::Value> {
        features
            .iter()
            .filter(|f| f["properties"]["layer"] == layer)
            .map(|f| &f["properties"])
            .collect()
    };
    for layer in ["region", "line", "railway", "place", "river", "lake"] {
        assert!(!of(layer).is_empty(), "features in layer {layer}");
    }
    assert!(features
        .iter()
        .all(|f| f["properties"]["layer"].is_string()));
    let korea = of("region")
        .into_iter()
        .find(|p| p["id"] == "korea")
        .unwrap();
    assert_eq!(
        (&korea["power"], &korea["status"]),
        (&"japan".into(), &"colony".into())
    );
    let lines = of("line");
    assert!(lines.iter().all(|p| p["treaty"] == "1912"));
    assert!(lines
        .iter()
        .any(|p| p["uncertain"] == true && p["confidence"] == "reconstructed"));
    assert!(of("railway").iter().any(|p| p["opened"].is_i64()));
    let mukden = of("place")
        .into_iter()
        .find(|p| p["id"] == "mukden")
        .unwrap();
    assert_eq!(mukden["name"], "Mukden");
    assert_eq!(mukden["modern_name"], "Shenyang");
    assert!(mukden["rank"].is_u64());
    // RFC 7946: positions are longitude, latitude.
    let place = features
        .iter()
        .find(|f| f["properties"]["id"] == "mukden")
        .unwrap();
    let lon = place["geometry"]["coordinates"][0].as_f64().unwrap();
    assert!((120.0..126.0).contains(&lon), "{lon}");
}

/// GDAL reads the file as one layer with every feature, when it is installed.
#[test]
fn i11_geojson_opens_in_gdal_when_present() {
    let Ok(version) = std::process::Command::new("ogrinfo")
        .arg("--version")
        .output()
    else {
        eprintln!("skipped: ogrinfo (GDAL) is not installed");
        return;
    };
    assert!(version.status.success());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1912.geojson");
    let bytes = render_map(data(), 1912, Format::GeoJson, &MapOptions::default()).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let count = json["features"].as_array().unwrap().len();
    let out = std::process::Command::new("ogrinfo")
        .args(["-ro", "-so", "-al"])
        .arg(&path)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        report.contains(&format!("Feature Count: {count}")),
        "{report}"
    );
    assert!(report.contains("layer: String"), "{report}");
}

/// Issue 10: names over fills carry a halo in the PDF as in PNG and SVG: their outlines
/// stroked with round joins in paper colour under the letters, as paths, so each name is still
/// found once in the text.
#[test]
fn i10_pdf_names_have_halos_and_are_found_once() {
    let doc = lopdf::Document::load_mem(article_pdf()).unwrap();
    let content = doc.get_page_content(doc.get_pages()[&1]);
    let content = String::from_utf8_lossy(&content);
    let ops: Vec<&str> = content.split_whitespace().collect();
    let round_joins = ops.windows(2).filter(|w| w == &["1", "j"]).count();
    assert!(round_joins > 0, "no halo strokes (round joins) on the page");
    // A name set in two lines is found across the line break.
    let text = doc.extract_text(&[1]).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for name in ["SOUTH MANCHURIA", "KOREA", "OUTER MONGOLIA"] {
        let found = text.matches(name).count();
        assert_eq!(found, 1, "{name:?} found {found} times");
    }
}
