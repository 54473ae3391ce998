//! The overview page: every agreement as a small map on one page, with one shared key, so an
//! article can show the sequence at a glance. All panels share the same extent and colours.

use super::labels::Occupied;
use super::layout::{credit_text, sizes, Detail, Layout};
use super::text::Face;
use super::{frame, legend, map, Align, LayerId, Scene, TextItem};
use crate::model::key::Key;
use crate::model::{palette, TreatyMap};
use crate::options::MapOptions;
use crate::projection::fit::PixelBox;

impl Scene {
    /// Lays out several maps as a grid of panels with one key.
    pub fn overview(maps: &[TreatyMap<'_>], options: &MapOptions) -> Scene {
        let Some(first) = maps.first() else {
            return Scene::blank(options, String::new(), String::new());
        };
        let key = Key::for_maps(maps);
        let projection = frame::projection_for(&first.extent);
        let credit = credit_text(&first.texts.credit, projection.standard_parallels());
        let last = maps.last().expect("not empty");
        let span = if first.year == last.year {
            first.year.to_string()
        } else {
            format!("{}–{}", first.year, last.year)
        };
        let title = format!("{}, {span}", first.texts.series_title);
        let mut scene = Scene::blank(options, title.clone(), credit.clone());
        let page = Layout::new(options, &key, &credit);
        let u = page.unit;

        // Title: the series and its span.
        let heading = |scene: &mut Scene, text: String, baseline: f64, size: f64, face| {
            scene.text(
                LayerId::Title,
                TextItem {
                    text,
                    x: page.title.left,
                    baseline,
                    size,
                    face,
                    color: palette::INK,
                    align: Align::Left,
                },
            );
        };
        let top = page.title.top + sizes::TITLE * u;
        heading(&mut scene, title, top, sizes::TITLE * u, Face::Bold);
        if let Some(subtitle) = &first.texts.series_subtitle {
            let baseline = top + sizes::SUBTITLE * 1.45 * u;
            heading(
                &mut scene,
                subtitle.clone(),
                baseline,
                sizes::SUBTITLE * u,
                Face::Regular,
            );
        }

        // Grid: as square as the area allows.
        let area = page.frame;
        let n = maps.len();
        let aspect = area.width / area.height;
        let cols = ((n as f64 * aspect).sqrt().round() as usize).clamp(1, n);
        let rows = n.div_ceil(cols);
        let gap = 18.0 * u;
        let heading_height = sizes::SUBTITLE * 1.6 * u;
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
            scene.text(
                LayerId::Title,
                TextItem {
                    text: map.texts.panel_heading.clone(),
                    x: left,
                    baseline: top + sizes::SUBTITLE * u,
                    size: sizes::SUBTITLE * 0.92 * u,
                    face: Face::Bold,
                    color: palette::INK,
                    align: Align::Left,
                },
            );
            let panel = Layout {
                detail: Detail::Panel,
                unit: panel_unit,
                frame: PixelBox {
                    left,
                    top: top + heading_height,
                    width: cell_w,
                    height: cell_h - heading_height,
                },
                ..page.clone()
            };
            let mut occupied = Occupied::default();
            map::draw(&mut scene, map, &panel, &projection, &mut occupied);
        }
        legend::draw(&mut scene, &key, &page);
        page.draw_credit(&mut scene);
        scene
    }
}
