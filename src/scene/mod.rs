//! Layout: a [`TreatyMap`] becomes a backend-free [`Scene`] of fills, lines, dots and text in
//! pixel units. Every decision about position and colour is taken here, so the SVG and PNG
//! renderers only paint, and the layout can be tested without drawing anything.

pub mod clip;
pub mod labels;
pub mod layout;
pub mod legend;
pub mod map;
pub mod overview;
pub mod style;
pub mod text;

use crate::model::TreatyMap;
use crate::projection::fit::PixelBox;
use clip::Px;
use style::Rgb;
use text::Face;

/// Horizontal alignment of a text item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// x is the left edge.
    Left,
    /// x is the centre.
    Center,
    /// x is the right edge.
    Right,
}

/// A line of text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextItem {
    /// The text (drawn literally; the SVG writer escapes it).
    pub text: String,
    /// Anchor x (see `align`).
    pub x: f64,
    /// Baseline y.
    pub baseline: f64,
    /// Font size in px.
    pub size: f64,
    /// Face.
    pub face: Face,
    /// Colour.
    pub color: Rgb,
    /// Alignment.
    pub align: Align,
}

/// One thing to paint. Items are painted in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A filled ring (no outline).
    Fill {
        /// Ring in px.
        points: Vec<Px>,
        /// Colour.
        color: Rgb,
    },
    /// A stroked open path.
    Line {
        /// Path in px.
        points: Vec<Px>,
        /// Colour.
        color: Rgb,
        /// Width in px.
        width: f64,
    },
    /// A rectangle.
    Rect {
        /// Where.
        rect: PixelBox,
        /// Fill colour and opacity.
        fill: Option<(Rgb, f64)>,
        /// Stroke colour and width.
        stroke: Option<(Rgb, f64)>,
    },
    /// A filled circle with an optional outline.
    Dot {
        /// Centre.
        center: Px,
        /// Radius in px.
        radius: f64,
        /// Fill colour.
        fill: Rgb,
        /// Outline colour and width.
        stroke: Option<(Rgb, f64)>,
    },
    /// Text.
    Text(TextItem),
}

/// How big to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SceneOptions {
    /// Canvas width in px.
    pub width: u32,
    /// Canvas height in px.
    pub height: u32,
    /// Multiplies every text size and line weight (1 = sized for the canvas).
    pub text_scale: f64,
    /// Printed size in millimetres, written into the SVG so print layouts place it at that
    /// size; `None` for screen output sized in pixels.
    pub print_size_mm: Option<(f64, f64)>,
}

impl Default for SceneOptions {
    fn default() -> Self {
        SceneOptions {
            width: 1920,
            height: 1080,
            text_scale: 1.0,
            print_size_mm: None,
        }
    }
}

/// A laid-out map.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Printed size in mm, if any.
    pub print_size_mm: Option<(f64, f64)>,
    /// Canvas width in px.
    pub width: f64,
    /// Canvas height in px.
    pub height: f64,
    /// What to paint, in order.
    pub items: Vec<Item>,
    /// Labels that did not fit and were left out (for tests and `--verbose`).
    pub dropped_labels: Vec<String>,
}

impl Scene {
    /// Lays out the map of one year.
    pub fn from_map(map: &TreatyMap<'_>, options: &SceneOptions) -> Scene {
        Scene::with_legend(map, options, legend::Legend::for_map(map))
    }

    /// Lays out one map of a series with the series' key, so that every map of the series has
    /// the same layout and key (see [`legend::Legend::for_series`]).
    pub fn from_map_in_series(
        map: &TreatyMap<'_>,
        series: &[TreatyMap<'_>],
        options: &SceneOptions,
    ) -> Scene {
        Scene::with_legend(map, options, legend::Legend::for_series(map, series))
    }

    fn with_legend(map: &TreatyMap<'_>, options: &SceneOptions, legend: legend::Legend) -> Scene {
        let mut scene = Scene {
            print_size_mm: options.print_size_mm,
            width: f64::from(options.width),
            height: f64::from(options.height),
            items: Vec::new(),
            dropped_labels: Vec::new(),
        };
        let parallels = map::projection_for_map(map).standard_parallels();
        let credit = layout::credit_text(map, parallels);
        let layout = layout::Layout::new(options, &legend, &credit);
        scene.items.push(Item::Rect {
            rect: PixelBox {
                left: 0.0,
                top: 0.0,
                width: scene.width,
                height: scene.height,
            },
            fill: Some((style::PAPER, 1.0)),
            stroke: None,
        });
        let mut occupied = labels::Occupied::default();
        map::draw(&mut scene, map, &layout, &mut occupied);
        layout.draw_title(&mut scene, map);
        legend.draw(&mut scene, &layout);
        layout.draw_credit(&mut scene);
        scene
    }

    /// Adds a text item.
    pub(crate) fn text(&mut self, item: TextItem) {
        self.items.push(Item::Text(item));
    }

    /// Every text item, in paint order.
    pub fn texts(&self) -> impl Iterator<Item = &TextItem> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }
}

/// The box a text item covers.
pub fn text_bounds(t: &TextItem) -> labels::Bounds {
    let w = text::width(&t.text, t.size, t.face);
    let x0 = match t.align {
        Align::Left => t.x,
        Align::Center => t.x - w / 2.0,
        Align::Right => t.x - w,
    };
    labels::Bounds {
        x0,
        y0: t.baseline - t.size * text::CAP_HEIGHT,
        x1: x0 + w,
        y1: t.baseline + t.size * text::DESCENT,
    }
}
