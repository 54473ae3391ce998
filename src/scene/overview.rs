//! The overview page: every map of a series as a panel on one page, with one shared key, so an
//! article can show the sequence at a glance. The grid (2 × 2, 4 × 1, 1 × 4, …) is the one that
//! gives the panels the largest map for the page's shape; all panels share extent and colours.

use super::labels::Occupied;
use super::layout::{credit_text, fit_text, Detail, Layout, Room};
use super::text::Face;
use super::{frame, legend, map, Align, LayerId, Scene, TextItem};
use crate::model::key::Key;
use crate::model::{palette, TreatyMap};
use crate::options::MapOptions;
use crate::projection::fit::PixelBox;

/// The grid (columns, rows) whose cells hold the largest map of `aspect` (width over height)
/// in `area`, each cell losing `heading` px to its title and `gap` px to its neighbours.
fn grid(n: usize, area: &PixelBox, aspect: f64, heading: f64, gap: f64) -> (usize, usize) {
    (1..=n.max(1))
        .map(|cols| (cols, n.div_ceil(cols)))
        .max_by(|&(c1, r1), &(c2, r2)| {
            let scale = |c: usize, r: usize| {
                let w = (area.width - gap * (c as f64 - 1.0)) / c as f64;
                let h = (area.height - gap * (r as f64 - 1.0)) / r as f64 - heading;
                w.min(h * aspect).max(0.0)
            };
            // Equal scales: fewer empty cells.
            scale(c1, r1)
                .total_cmp(&scale(c2, r2))
                .then((c2 * r2).cmp(&(c1 * r1)))
        })
        .unwrap_or((1, 1))
}

impl Scene {
    /// Lays out several maps as a grid of panels with one key.
    pub fn overview(maps: &[TreatyMap<'_>], options: &MapOptions) -> Scene {
        Scene::overview_within(maps, options, Room::default())
    }

    /// As [`Scene::overview`], keeping at least `least` room for the texts.
    pub fn overview_within(maps: &[TreatyMap<'_>], options: &MapOptions, least: Room) -> Scene {
        let _cjk = super::text::set_cjk(options.lang);
        let Some(first) = maps.first() else {
            return Scene::blank(options, String::new(), String::new());
        };
        let key = Key::for_maps(maps);
        let view = frame::view_points(&first.extent, options.extent);
        let projection = frame::projection_for(&view);
        let aspect = frame::aspect(&projection, &view).unwrap_or(1.5);
        // How tall a panel may grow over land north and south of the view (see the single map).
        let tallest = frame::aspect_range(&projection, &view, first.coverage)
            .map_or(aspect, |a| a.tallest.min(aspect));
        let credit = credit_text(
            &first.texts.credit,
            projection.standard_parallels(),
            options.lang,
        );
        let last = maps.last().expect("not empty");
        let span = if first.year == last.year {
            first.year.to_string()
        } else {
            format!("{}–{}", first.year, last.year)
        };
        let title = first.strings.fill(
            "title_year",
            &[("title", &first.texts.series_title), ("year", &span)],
        );
        let subtitle = first.texts.series_subtitle.clone().unwrap_or_default();
        let mut scene = Scene::blank(options, title.clone(), credit.clone());
        let page = Layout::within(options, [&title, &subtitle, ""], &key, &credit, None, least);
        scene.room = page.room;
        page.draw_title(&mut scene);
        let t = page.type_scale;
        let u = page.unit;

        let area = page.frame;
        let (head, date) = (t.legend_heading.max(t.min), t.legend.max(t.min));
        let heading = head * 1.3 + date * 1.35;
        let gap = 18.0 * u;
        let (cols, rows) = grid(maps.len(), &area, aspect, heading, gap);
        let cell_w = (area.width - gap * (cols as f64 - 1.0)) / cols as f64;
        let cell_h = (area.height - gap * (rows as f64 - 1.0)) / rows as f64;
        let panel_unit = u
            * (cell_w / area.width)
                .max(cell_h / area.height)
                .sqrt()
                .max(0.55);
        // Panels are small: main towns only, at the page's smallest size; region names a step up.
        let town = t.min.max(t.place[0] * 0.75);
        let panel_type = super::typescale::TypeScale {
            // No towns where a panel is too narrow to name them.
            place: [if cell_w > 40.0 * town { town } else { 0.0 }, 0.0, 0.0],
            region: t.min.max(t.region * 0.8),
            tag: t.min.max(t.tag * 0.8),
            ..t
        };
        for (i, map) in maps.iter().enumerate() {
            let (col, row) = (i % cols, i / cols);
            let left = area.left + col as f64 * (cell_w + gap);
            let top = area.top + row as f64 * (cell_h + gap);
            for (text, size, face, baseline) in [
                (&map.texts.panel_heading, head, Face::Bold, top + head),
                (
                    &map.texts.panel_date,
                    date,
                    Face::Regular,
                    top + head * 1.3 + date,
                ),
            ] {
                scene.text(
                    LayerId::Title,
                    TextItem {
                        text: fit_text(text, size, face, cell_w),
                        x: left,
                        baseline,
                        size,
                        face,
                        color: palette::INK,
                        align: Align::Left,
                        halo: None,
                    },
                );
            }
            let mut panel = Layout {
                detail: Detail::Panel,
                unit: panel_unit,
                type_scale: panel_type,
                frame: PixelBox {
                    left,
                    top: top + heading,
                    width: cell_w,
                    height: cell_h - heading,
                },
                ..page.clone()
            };
            // The panel's map is never wider than the view; in a taller cell it shows more land
            // north and south, as far as the data goes, and the rest of the cell stays paper.
            if panel.frame.width > panel.frame.height * aspect {
                panel.frame.width = panel.frame.height * aspect;
            } else if panel.frame.width < panel.frame.height * tallest {
                panel.frame.height = panel.frame.width / tallest;
            }
            let t = frame::MapTransform::fitted(
                &projection,
                &view,
                &panel.frame,
                6.0 * panel_unit,
                Some(map.coverage),
            );
            let mut occupied = Occupied::default();
            map::draw(&mut scene, map, &panel, &t, &mut occupied);
        }
        legend::draw(&mut scene, &key, &page);
        page.draw_credit(&mut scene);
        scene
    }
}
