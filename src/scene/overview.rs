//! The overview page: every agreement as a small map on one page, with one shared key, so an
//! article can show the sequence at a glance. All panels share the same extent and colours.

use super::labels::Occupied;
use super::layout::{sizes, Detail, Layout};
use super::legend::Legend;
use super::style;
use super::text::Face;
use super::{map, Align, Item, Scene, SceneOptions, TextItem};
use crate::model::TreatyMap;
use crate::projection::fit::PixelBox;

impl Scene {
    /// Lays out several maps as a grid of panels with one key.
    pub fn overview(maps: &[TreatyMap<'_>], options: &SceneOptions) -> Scene {
        let mut scene = Scene {
            print_size_mm: options.print_size_mm,
            width: f64::from(options.width),
            height: f64::from(options.height),
            items: vec![Item::Rect {
                rect: PixelBox {
                    left: 0.0,
                    top: 0.0,
                    width: f64::from(options.width),
                    height: f64::from(options.height),
                },
                fill: Some((style::PAPER, 1.0)),
                stroke: None,
            }],
            dropped_labels: Vec::new(),
        };
        let Some(first) = maps.first() else {
            return scene;
        };
        let legend = Legend::for_maps(maps);
        let parallels = map::projection_for_map(first).standard_parallels();
        let page = Layout::new(
            options,
            &legend,
            &super::layout::credit_text(first, parallels),
        );
        let u = page.unit;

        // Title: the series and its span.
        let treaties = &first.dataset.treaties;
        let last = maps.last().expect("not empty");
        let span = if first.year == last.year {
            first.year.to_string()
        } else {
            format!("{}–{}", first.year, last.year)
        };
        scene.text(TextItem {
            text: format!("{}, {span}", treaties.title),
            x: page.title.left,
            baseline: page.title.top + sizes::TITLE * u,
            size: sizes::TITLE * u,
            face: Face::Bold,
            color: style::INK,
            align: Align::Left,
        });
        if let Some(subtitle) = &treaties.subtitle {
            scene.text(TextItem {
                text: subtitle.clone(),
                x: page.title.left,
                baseline: page.title.top + sizes::TITLE * u + sizes::SUBTITLE * 1.45 * u,
                size: sizes::SUBTITLE * u,
                face: Face::Regular,
                color: style::INK,
                align: Align::Left,
            });
        }

        // Grid: as square as the area allows.
        let area = page.frame;
        let n = maps.len();
        let aspect = area.width / area.height;
        let cols = ((n as f64 * aspect).sqrt().round() as usize).clamp(1, n);
        let rows = n.div_ceil(cols);
        let gap = 18.0 * u;
        let heading = sizes::SUBTITLE * 1.6 * u;
        let cell_w = (area.width - gap * (cols as f64 - 1.0)) / cols as f64;
        let cell_h = (area.height - gap * (rows as f64 - 1.0)) / rows as f64;
        let panel_unit = u
            * (cell_w / area.width)
                .max(cell_h / area.height)
                .sqrt()
                .max(0.55);
        for (i, map) in maps.iter().enumerate() {
            let (col, row) = (i % cols, i / cols);
            let left = area.left + col as f64 * (cell_w + gap);
            let top = area.top + row as f64 * (cell_h + gap);
            let a = map.agreement;
            scene.text(TextItem {
                text: format!("{} · {}, {}", map.year, a.name, a.signed),
                x: left,
                baseline: top + sizes::SUBTITLE * u,
                size: sizes::SUBTITLE * 0.92 * u,
                face: Face::Bold,
                color: style::INK,
                align: Align::Left,
            });
            let panel = Layout {
                detail: Detail::Panel,
                unit: panel_unit,
                frame: PixelBox {
                    left,
                    top: top + heading,
                    width: cell_w,
                    height: cell_h - heading,
                },
                ..page.clone()
            };
            let mut occupied = Occupied::default();
            map::draw(&mut scene, map, &panel, &mut occupied);
        }
        legend.draw(&mut scene, &page);
        page.draw_credit(&mut scene);
        scene
    }
}
