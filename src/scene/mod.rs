//! Layout: a [`TreatyMap`] becomes a backend-free [`Scene`] of named layers in pixel units.
//! Every decision about position and colour is taken here, so the painters only paint, and the
//! layout can be tested without drawing anything.
//!
//! A scene is a stack of [`Layer`]s (background, land, regions, hatching, …, credit), each a list
//! of [`Group`]s that know what they depict (a region, a line, a place), so an SVG can carry ids,
//! classes and titles, and tests can find things by what they are.

mod anchor_grid;
mod callouts;
pub(crate) mod clip;
pub(crate) mod fonts;
pub(crate) mod frame;
mod graticule;
pub(crate) mod labels;
pub(crate) mod layout;
mod legend;
mod map;
mod map_labels;
mod overview;
mod region_labels;
mod sphere_parts;
pub(crate) mod text;
mod typescale;

use crate::color::Rgb;
use crate::model::key::Key;
use crate::model::palette;
use crate::model::TreatyMap;
use crate::options::{Lang, MapOptions};
use crate::projection::fit::PixelBox;
use clip::Px;
use text::Face;

/// Horizontal alignment of a text item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// x is the left edge.
    Left,
    /// x is the centre.
    Center,
    /// x is the right edge.
    Right,
}

/// A line of text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextItem {
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
    /// A halo of this colour around the letters, so they read over fills, hatching and lines.
    pub halo: Option<Rgb>,
}

/// One thing to paint.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
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

/// The layers of a page, in paint order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum LayerId {
    /// Paper and sea.
    Background,
    /// Territory around the spheres (China proper, the Russian Empire, Japan).
    Land,
    /// The regions the agreements assign.
    Regions,
    /// Hatching over concession zones and undefined land.
    Hatching,
    /// Lakes and rivers.
    Water,
    /// Borders between regions, and coasts.
    Borders,
    /// Parallels and meridians with their degree labels.
    Graticule,
    /// The paper casing under the railways.
    RailwayCasings,
    /// Railways open by the map's date.
    Railways,
    /// The demarcation lines of the agreement in force.
    TreatyLines,
    /// The outline of the map frame.
    Frame,
    /// The scale bar.
    ScaleBar,
    /// Place dots.
    Places,
    /// Names of regions, lines and places.
    Labels,
    /// Title block (and panel headings on an overview).
    Title,
    /// The key.
    Key,
    /// The credit line.
    Credit,
}

impl LayerId {
    /// Every layer, in paint order.
    pub const ALL: [LayerId; 17] = [
        LayerId::Background,
        LayerId::Land,
        LayerId::Regions,
        LayerId::Hatching,
        LayerId::Water,
        LayerId::Borders,
        LayerId::Graticule,
        LayerId::RailwayCasings,
        LayerId::Railways,
        LayerId::TreatyLines,
        LayerId::Frame,
        LayerId::ScaleBar,
        LayerId::Places,
        LayerId::Labels,
        LayerId::Title,
        LayerId::Key,
        LayerId::Credit,
    ];

    /// The layer's id in SVG (and its name in an editor's layer list).
    pub fn name(self) -> &'static str {
        match self {
            LayerId::Background => "background",
            LayerId::Land => "land",
            LayerId::Regions => "regions",
            LayerId::Hatching => "hatching",
            LayerId::Water => "water",
            LayerId::Borders => "borders",
            LayerId::Graticule => "graticule",
            LayerId::RailwayCasings => "railway-casings",
            LayerId::Railways => "railways",
            LayerId::TreatyLines => "treaty-lines",
            LayerId::Frame => "frame",
            LayerId::ScaleBar => "scale-bar",
            LayerId::Places => "places",
            LayerId::Labels => "labels",
            LayerId::Title => "title",
            LayerId::Key => "key",
            LayerId::Credit => "credit",
        }
    }
}

/// What a group depicts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Feature {
    /// A region, by id.
    Region(String),
    /// A demarcation line, by id.
    Line(String),
    /// A railway, by name.
    Railway(String),
    /// A place, by id.
    Place(String),
}

impl Feature {
    /// The kind, as written in SVG classes: `region`, `line`, `railway`, `place`.
    pub fn kind(&self) -> &'static str {
        match self {
            Feature::Region(_) => "region",
            Feature::Line(_) => "line",
            Feature::Railway(_) => "railway",
            Feature::Place(_) => "place",
        }
    }

    /// The id of what it depicts.
    pub fn id(&self) -> &str {
        match self {
            Feature::Region(id) | Feature::Line(id) | Feature::Railway(id) | Feature::Place(id) => {
                id
            }
        }
    }
}

/// Items that belong together: one region's fill, one label with its backing, one key entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Group {
    /// What it depicts, if it is one feature of the map.
    pub feature: Option<Feature>,
    /// Words that classify it (`power-japan status-colony`), for styling in an editor.
    pub class: String,
    /// A one-line description (a tooltip, an accessible name).
    pub title: Option<String>,
    /// What to paint, in order.
    pub items: Vec<Item>,
}

impl Group {
    /// A group depicting `feature`.
    pub fn of(feature: Feature) -> Group {
        Group {
            feature: Some(feature),
            ..Group::default()
        }
    }
}

/// One layer of a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layer {
    /// Which layer.
    pub id: LayerId,
    /// Its groups, in paint order.
    pub groups: Vec<Group>,
}

/// A laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scene {
    /// Printed size in mm, if any.
    pub print_size_mm: Option<(f64, f64)>,
    /// Canvas width in px.
    pub width: f64,
    /// Canvas height in px.
    pub height: f64,
    /// The page's title (for document metadata).
    pub title: String,
    /// What the page shows and where it comes from (for document metadata).
    pub description: String,
    /// Every layer of [`LayerId::ALL`], in paint order.
    pub layers: Vec<Layer>,
    /// Labels that did not fit and were left out (for tests).
    pub dropped_labels: Vec<String>,
    /// Whether a name the page must show (a region's, a main town's) was among them.
    pub lost_a_main_name: bool,
    /// The language of its texts (it picks the CJK form of the fonts).
    pub lang: Lang,
    /// The room its texts took on the page (see [`layout::Room`]).
    pub room: layout::Room,
}

impl Scene {
    /// An empty page with a paper background.
    fn blank(options: &MapOptions, title: String, description: String) -> Scene {
        let (width, height) = (f64::from(options.width), f64::from(options.height));
        let mut scene = Scene {
            print_size_mm: options.print_size_mm,
            width,
            height,
            title,
            description,
            layers: LayerId::ALL
                .iter()
                .map(|&id| Layer {
                    id,
                    groups: Vec::new(),
                })
                .collect(),
            dropped_labels: Vec::new(),
            lost_a_main_name: false,
            lang: options.lang,
            room: layout::Room::default(),
        };
        scene.push(
            LayerId::Background,
            Item::Rect {
                rect: PixelBox {
                    left: 0.0,
                    top: 0.0,
                    width,
                    height,
                },
                fill: Some((palette::PAPER, 1.0)),
                stroke: None,
            },
        );
        scene
    }

    /// Lays out the map of one year with the given key (the map's own, [`TreatyMap::key`]).
    pub fn for_map(map: &TreatyMap<'_>, key: &Key, options: &MapOptions) -> Scene {
        Scene::for_map_within(map, key, options, layout::Room::default())
    }

    /// As [`Scene::for_map`], keeping at least `least` room for the texts.
    pub fn for_map_within(
        map: &TreatyMap<'_>,
        key: &Key,
        options: &MapOptions,
        least: layout::Room,
    ) -> Scene {
        let _cjk = text::set_cjk(options.lang);
        let mut page = Scene::grown(map, key, options, least);
        loop {
            let scene = Scene::laid_out(map, key, &page, least);
            // A page that may grow grows on while a main name finds no place.
            match page.grow_to {
                Some(tallest) if scene.lost_a_main_name && page.height < tallest => {
                    page = taller(page, tallest);
                }
                _ => return scene,
            }
        }
    }

    /// The page of [`Scene::for_map_within`] at the size of `options`.
    fn laid_out(
        map: &TreatyMap<'_>,
        key: &Key,
        options: &MapOptions,
        least: layout::Room,
    ) -> Scene {
        let (layout, t, credit) = Scene::frame_of(map, key, options, least);
        let mut scene = Scene::blank(options, map.texts.title.clone(), credit);
        scene.room = layout.room;
        let mut occupied = labels::Occupied::default();
        map::draw(&mut scene, map, &layout, &t, &mut occupied);
        layout.draw_title(&mut scene);
        legend::draw(&mut scene, key, &layout);
        layout.draw_credit(&mut scene);
        scene
    }

    /// The height of the page a map is laid out on, in px (a page may grow, see
    /// [`MapOptions::grow_to`]).
    pub fn page_height(map: &TreatyMap<'_>, key: &Key, options: &MapOptions) -> f64 {
        if options.grow_to.is_none() {
            return f64::from(options.height);
        }
        Scene::for_map(map, key, options).height
    }

    /// The page made taller, in steps of 4 % up to [`MapOptions::grow_to`], until its map
    /// takes four fifths of its width (a long key under the map leaves it narrower).
    fn grown(
        map: &TreatyMap<'_>,
        key: &Key,
        options: &MapOptions,
        least: layout::Room,
    ) -> MapOptions {
        let mut page = *options;
        let Some(tallest) = options.grow_to else {
            return page;
        };
        while page.height < tallest {
            let (layout, _, _) = Scene::frame_of(map, key, &page, least);
            if layout.frame.width >= 0.8 * f64::from(page.width) {
                break;
            }
            page = taller(page, tallest);
        }
        page
    }

    /// Where [`Scene::for_map_within`] puts the map: the page's layout, the lon/lat → pixel
    /// transform of its frame and the credit line (which names the projection).
    pub(crate) fn frame_of(
        map: &TreatyMap<'_>,
        key: &Key,
        options: &MapOptions,
        least: layout::Room,
    ) -> (layout::Layout, frame::MapTransform, String) {
        let _cjk = text::set_cjk(options.lang);
        let view = frame::view_points(&map.extent, options.extent);
        let projection = frame::projection_for(&view);
        let view = frame::extreme_points(&projection, &view);
        let credit = layout::credit_text(
            &map.texts.credit,
            projection.standard_parallels(),
            options.lang,
        );
        let texts = &map.texts;
        let layout = layout::Layout::within(
            options,
            [&texts.title, &texts.subtitle, &texts.detail],
            key,
            &credit,
            frame::aspect_range(&projection, &view, map.coverage),
            least,
        );
        let t = frame::MapTransform::fitted(
            &projection,
            &view,
            &layout.frame,
            6.0 * layout.unit,
            Some(map.coverage),
        );
        (layout, t, credit)
    }

    /// One page per language, laid out with the room the most demanding of them needs, so that
    /// everything but the texts is the same on all of them (for a switching SVG). `page` lays
    /// out one language's page within a room.
    pub fn in_languages(langs: &[Lang], page: impl Fn(Lang, layout::Room) -> Scene) -> Vec<Scene> {
        let mut room = layout::Room::default();
        let mut scenes: Vec<Scene> = Vec::new();
        // Growing one block can change what another needs (a key under the map gets less
        // height); a few rounds settle it.
        for _ in 0..4 {
            scenes = langs.iter().map(|&lang| page(lang, room)).collect();
            let needed = scenes.iter().fold(room, |r, s| r.max(s.room));
            if scenes.iter().all(|s| s.room == needed) {
                break;
            }
            room = needed;
        }
        scenes
    }

    /// An error if a text of the page has a character that no font draws (rather than a box).
    pub fn check_glyphs(&self) -> crate::error::Result<()> {
        let _cjk = text::set_cjk(self.lang);
        self.texts()
            .try_for_each(|t| text::check_glyphs(&t.text, t.face, "the text"))
    }

    /// The layer with this id.
    #[cfg(test)]
    pub fn layer(&self, id: LayerId) -> &Layer {
        &self.layers[id as usize]
    }

    /// Starts a new group in a layer and returns it for filling.
    pub(crate) fn group(&mut self, layer: LayerId, group: Group) -> &mut Group {
        let groups = &mut self.layers[layer as usize].groups;
        groups.push(group);
        groups.last_mut().expect("just pushed")
    }

    /// Adds an item to a layer, in its last group if that one is anonymous.
    pub(crate) fn push(&mut self, layer: LayerId, item: Item) {
        let groups = &mut self.layers[layer as usize].groups;
        match groups.last_mut() {
            Some(g) if g.feature.is_none() && g.title.is_none() && g.class.is_empty() => {
                g.items.push(item)
            }
            _ => groups.push(Group {
                items: vec![item],
                ..Group::default()
            }),
        }
    }

    /// Adds a text item to a layer.
    pub(crate) fn text(&mut self, layer: LayerId, item: TextItem) {
        self.push(layer, Item::Text(item));
    }

    /// Every item, in paint order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.layers
            .iter()
            .flat_map(|l| &l.groups)
            .flat_map(|g| &g.items)
    }

    /// Every text item, in paint order.
    pub fn texts(&self) -> impl Iterator<Item = &TextItem> {
        self.items().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }
}

/// The box a text item covers.
pub(crate) fn text_bounds(t: &TextItem) -> labels::Bounds {
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

#[cfg(test)]
mod lang_tests;
#[cfg(test)]
mod placement_tests;
#[cfg(test)]
pub(crate) mod tests;

/// The page 4 % taller, at most `tallest` px, its printed height with it.
fn taller(page: MapOptions, tallest: u32) -> MapOptions {
    let height = ((f64::from(page.height) * 1.04).round() as u32).min(tallest);
    MapOptions {
        height,
        print_size_mm: page
            .print_size_mm
            .map(|(w, _)| (w, w * f64::from(height) / f64::from(page.width))),
        ..page
    }
}
