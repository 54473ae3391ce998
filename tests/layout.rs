//! The laid-out scene: no overlapping text, every important label placed, and a snapshot that
//! catches a moved line or label.

use spheres_map::scene::{text_bounds, Item, Scene, SceneOptions};
use spheres_map::Dataset;

fn scene(year: i32, options: &SceneOptions) -> Scene {
    let data = Dataset::embedded().unwrap();
    let map = data.map_for_year(year).unwrap();
    Scene::from_map(&map, options)
}

#[test]
fn no_two_labels_overlap() {
    for (w, h) in [(1920, 1080), (1600, 1200), (1200, 1500)] {
        let options = SceneOptions {
            width: w,
            height: h,
            text_scale: 1.0,
            print_size_mm: None,
        };
        for year in [1907, 1910, 1912, 1916] {
            let s = scene(year, &options);
            let boxes: Vec<_> = s
                .texts()
                .map(|t| (t.text.clone(), text_bounds(t)))
                .collect();
            for (i, (a, ba)) in boxes.iter().enumerate() {
                for (b, bb) in &boxes[i + 1..] {
                    assert!(
                        !ba.grown(-0.5).overlaps(&bb.grown(-0.5)),
                        "{w}x{h} {year}: '{a}' overlaps '{b}'"
                    );
                }
                assert!(
                    ba.x0 >= 0.0 && ba.x1 <= f64::from(w) && ba.y1 <= f64::from(h),
                    "{year}: '{a}' leaves the page"
                );
            }
        }
    }
}

#[test]
fn main_places_and_regions_are_labelled_on_slides() {
    for year in [1907, 1910, 1912, 1916] {
        let s = scene(year, &SceneOptions::default());
        let texts: Vec<&str> = s.texts().map(|t| t.text.as_str()).collect();
        for name in [
            "Harbin",
            "Mukden",
            "Dairen",
            "Port Arthur",
            "Urga",
            "Vladivostok",
        ] {
            assert!(
                texts.contains(&name),
                "{year}: '{name}' not labelled (dropped: {:?})",
                s.dropped_labels
            );
        }
        for region in ["KOREA", "OUTER MONGOLIA"] {
            assert!(
                texts.iter().any(|t| t.contains(region)),
                "{year}: no '{region}' label"
            );
        }
    }
}

/// Text positions and treaty-line geometry of the 1912 slide, rounded to 0.1 px.
#[test]
fn snapshot_1912_slide() {
    let s = scene(1912, &SceneOptions::default());
    let mut digest = String::new();
    for item in &s.items {
        match item {
            Item::Text(t) => digest.push_str(&format!(
                "text {:.1},{:.1} {:.1} {}\n",
                t.x, t.baseline, t.size, t.text
            )),
            // Treaty lines are the only 2.6-unit strokes; print every 8th vertex.
            Item::Line { points, width, .. } if (*width - 2.6).abs() < 1e-9 => {
                let pts: Vec<String> = points
                    .iter()
                    .step_by(8)
                    .map(|p| format!("{:.1},{:.1}", p.0, p.1))
                    .collect();
                digest.push_str(&format!("line {}\n", pts.join(" ")));
            }
            _ => {}
        }
    }
    insta::assert_snapshot!("scene_1912_slide", digest);
}
