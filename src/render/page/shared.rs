//! One drawing for many years. Each year's scene is drawn through [`SharedDrawing`], which keeps
//! every distinct element once: a polygon or line that several years draw is written one time,
//! and what differs between years — whether it shows, its fill or stroke — becomes CSS keyed on
//! a `y<YEAR>` class of the `<svg>`. Layers whose content belongs to one year (labels, title,
//! key, credit) are kept as one small group per year instead, so their paint order stays exact.

use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::fmt::Write as _;

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use super::super::plotting::{draw_scene, Canvas, SUBPIXEL};
use super::super::svg::{color, escape, id_token, points, SvgWriter};
use crate::error::{Error, Result};
use crate::options::SvgText;
use crate::scene::{Feature, Group, Layer, LayerId, Scene};

type Outcome = std::result::Result<(), DrawingErrorKind<Infallible>>;

/// Layers drawn as one group per year: their items are laid out for that year alone.
fn is_per_year(layer: LayerId) -> bool {
    matches!(
        layer,
        LayerId::Labels | LayerId::Title | LayerId::Key | LayerId::Credit
    )
}

/// An element and how each year paints it.
struct Element {
    /// The element without its paint: `<polygon points="…"` (paint and `/>` follow), or a
    /// whole element (text, circles) whose paint is part of it.
    markup: String,
    /// Whether the element is open (`markup` waits for its paint) or whole.
    open: bool,
    /// Per year: `None` where the year does not draw it, else its CSS paint (empty if whole).
    paint: Vec<Option<String>>,
}

/// A group of the shared drawing: a feature (all its years), the anonymous items of a layer,
/// or one year's share of a per-year layer.
struct SharedGroup {
    feature: Option<Feature>,
    /// The one year it belongs to, for a per-year group.
    year: Option<usize>,
    elements: Vec<Element>,
    by_markup: HashMap<String, usize>,
}

struct SharedLayer {
    id: LayerId,
    groups: Vec<SharedGroup>,
    by_key: HashMap<String, usize>,
}

/// The canvas the scenes of every year are drawn on, one year after another.
pub(super) struct SharedDrawing {
    /// Writes whole elements (text, circles, rectangles) and collects the font's characters.
    writer: SvgWriter,
    years: usize,
    year: usize,
    layers: Vec<SharedLayer>,
    /// The open layer and group.
    layer: usize,
    group: Option<usize>,
    /// For each open `<g>` of the scene: whether it is a group (else the layer).
    nesting: Vec<bool>,
}

/// Classes that switch elements on and paint them per year.
#[derive(Default)]
struct YearStyles {
    /// Distinct sets of years an element shows in → class `v<N>`.
    shown: BTreeMap<Vec<bool>, usize>,
    /// Distinct per-year paints → class `p<N>`.
    paints: BTreeMap<Vec<Option<String>>, usize>,
}

impl SharedDrawing {
    /// A drawing for `years` scenes of `size` drawing units.
    pub(super) fn new(size: (u32, u32), years: usize) -> SharedDrawing {
        SharedDrawing {
            writer: SvgWriter::new(size, SvgText::Embedded),
            years,
            year: 0,
            layers: LayerId::ALL
                .iter()
                .map(|&id| SharedLayer {
                    id,
                    groups: Vec::new(),
                    by_key: HashMap::new(),
                })
                .collect(),
            layer: 0,
            group: None,
            nesting: Vec::new(),
        }
    }

    /// Draws the scene of year number `year` (its index in the page's list of years).
    pub(super) fn add(&mut self, year: usize, scene: &Scene) -> Result<()> {
        self.year = year;
        draw_scene(self, scene).map_err(|e| Error::Render(e.to_string()))
    }

    /// Selects the group `key` of the open layer, creating it.
    fn enter(&mut self, key: String, feature: Option<Feature>, year: Option<usize>) {
        let layer = &mut self.layers[self.layer];
        let index = *layer.by_key.entry(key).or_insert_with(|| {
            layer.groups.push(SharedGroup {
                feature,
                year,
                elements: Vec::new(),
                by_markup: HashMap::new(),
            });
            layer.groups.len() - 1
        });
        self.group = Some(index);
    }

    /// The group items go to when no feature group is open.
    fn enter_default(&mut self) {
        if is_per_year(self.layers[self.layer].id) {
            self.enter(format!("year {}", self.year), None, Some(self.year));
        } else {
            self.enter(String::new(), None, None);
        }
    }

    fn record(&mut self, markup: String, open: bool, paint: String) {
        if self.group.is_none() {
            self.enter_default();
        }
        let (years, year) = (self.years, self.year);
        let Some(group) = self
            .group
            .and_then(|g| self.layers[self.layer].groups.get_mut(g))
        else {
            return;
        };
        let index = *group.by_markup.entry(markup.clone()).or_insert_with(|| {
            group.elements.push(Element {
                markup,
                open,
                paint: vec![None; years],
            });
            group.elements.len() - 1
        });
        group.elements[index].paint[year] = Some(paint);
    }

    /// Records whatever the SVG writer wrote as whole elements.
    fn record_written(&mut self) {
        let written = self.writer.take_markup();
        let written = written.trim_end();
        if !written.is_empty() {
            self.record(written.to_string(), false, String::new());
        }
    }

    /// The drawing as an inline `<svg>` for the page, showing the first of `classes` until the
    /// script chooses a year, and the CSS that shows each year (`classes[i]` is year i's class).
    /// An empty `highlight` group on top takes the outline of what the reader chose.
    pub(super) fn finish(
        self,
        title: &str,
        interactive: &dyn Fn(&Feature) -> Option<String>,
        classes: &[String],
    ) -> Result<(String, String)> {
        let (width, height) = self.writer_size();
        let mut styles = YearStyles::default();
        let mut body = String::with_capacity(1 << 20);
        for layer in self.layers.iter().filter(|l| !l.groups.is_empty()) {
            let _ = writeln!(body, "<g id=\"{}\">", layer.id.name());
            for group in &layer.groups {
                write_group(&mut body, &mut styles, layer.id, group, interactive);
            }
            body.push_str("</g>\n");
        }
        let fonts = self.writer.font_style()?;
        let svg = format!(
            "<svg id=\"map\" class=\"{}\" viewBox=\"0 0 {width} {height}\" role=\"group\" \
             aria-labelledby=\"map-title\">\n<title id=\"map-title\">{}</title>\n{fonts}{body}\
             <g id=\"highlight\" aria-hidden=\"true\"></g>\n</svg>\n",
            classes.first().map_or("", String::as_str),
            escape(title)
        );
        Ok((svg, styles.css(classes)))
    }

    fn writer_size(&self) -> (u32, u32) {
        self.writer.get_size()
    }
}

/// Writes one shared group: its element, then its elements with their year classes.
fn write_group(
    out: &mut String,
    styles: &mut YearStyles,
    layer: LayerId,
    group: &SharedGroup,
    interactive: &dyn Fn(&Feature) -> Option<String>,
) {
    let years = group.elements.first().map_or(0, |e| e.paint.len());
    let shown: Vec<bool> = (0..years)
        .map(|y| group.elements.iter().any(|e| e.paint[y].is_some()))
        .collect();
    let mut attributes = String::new();
    if let Some(feature) = &group.feature {
        let home = matches!(
            (feature, layer),
            (Feature::Region(_), LayerId::Regions | LayerId::Land)
                | (Feature::Line(_), LayerId::TreatyLines)
                | (Feature::Railway(_), LayerId::Railways)
                | (Feature::Place(_), LayerId::Places)
        );
        let token = id_token(feature.id());
        let id = if home {
            format!("{}-{token}", feature.kind())
        } else {
            format!("{}-{}-{token}", layer.name(), feature.kind())
        };
        let _ = write!(attributes, " id=\"{id}\" data-kind=\"{}\"", feature.kind());
        if let Some(label) = interactive(feature).filter(|_| home) {
            let _ = write!(
                attributes,
                " data-id=\"{}\" tabindex=\"0\" role=\"button\" aria-label=\"{}\" \
                 aria-describedby=\"details\"",
                escape(feature.id()),
                escape(&label)
            );
        }
    }
    let all = shown.iter().all(|s| *s);
    let mut class = String::new();
    if group.year.is_some() || !all {
        class = styles.shown_class(&shown);
    }
    if let Some(feature) = &group.feature {
        class = format!("{} {class}", feature.kind()).trim().to_string();
    }
    if !class.is_empty() {
        let _ = write!(attributes, " class=\"{class}\"");
    }
    let _ = writeln!(out, "<g{attributes}>");
    for element in &group.elements {
        let element_shown: Vec<bool> = element.paint.iter().map(Option::is_some).collect();
        let mut classes = Vec::new();
        if element_shown != shown {
            classes.push(styles.shown_class(&element_shown));
        }
        let drawn: Vec<&String> = element.paint.iter().flatten().collect();
        let uniform = drawn.windows(2).all(|w| w[0] == w[1]);
        if !element.open {
            // Whole elements: an extra class goes in front of their own attributes.
            match classes.first() {
                Some(c) => {
                    let (tag, rest) = element
                        .markup
                        .split_once(' ')
                        .unwrap_or((&element.markup, ""));
                    let _ = writeln!(out, "{tag} class=\"{c}\" {rest}");
                }
                None => {
                    let _ = writeln!(out, "{}", element.markup);
                }
            }
            continue;
        }
        let mut paint = String::new();
        if uniform {
            if let Some(p) = drawn.first() {
                let _ = write!(paint, " style=\"{p}\"");
            }
        } else {
            classes.push(styles.paint_class(&element.paint));
        }
        let class = if classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", classes.join(" "))
        };
        let _ = writeln!(out, "{}{class}{paint}/>", element.markup);
    }
    out.push_str("</g>\n");
}

impl YearStyles {
    fn shown_class(&mut self, shown: &[bool]) -> String {
        let next = self.shown.len();
        format!("v{}", *self.shown.entry(shown.to_vec()).or_insert(next))
    }

    fn paint_class(&mut self, paint: &[Option<String>]) -> String {
        let next = self.paints.len();
        format!("p{}", *self.paints.entry(paint.to_vec()).or_insert(next))
    }

    /// The rules: every `v` class hidden, then shown in its years; each `p` class painted per
    /// year. Written year by year, so a year's rules sit together.
    fn css(&self, classes: &[String]) -> String {
        let mut css = String::new();
        let mut hidden: Vec<usize> = self.shown.values().copied().collect();
        hidden.sort_unstable();
        if !hidden.is_empty() {
            let list: Vec<String> = hidden.iter().map(|n| format!(".v{n}")).collect();
            let _ = writeln!(css, "#map :is({}){{display:none}}", list.join(","));
        }
        for (y, class) in classes.iter().enumerate() {
            let mut on: Vec<usize> = self
                .shown
                .iter()
                .filter(|(set, _)| set.get(y).copied().unwrap_or(false))
                .map(|(_, n)| *n)
                .collect();
            on.sort_unstable();
            if !on.is_empty() {
                let list: Vec<String> = on.iter().map(|n| format!(".v{n}")).collect();
                let _ = writeln!(
                    css,
                    "#map.{class} :is({}){{display:inline}}",
                    list.join(",")
                );
            }
            for (paints, n) in &self.paints {
                if let Some(Some(p)) = paints.get(y) {
                    let _ = writeln!(css, "#map.{class} .p{n}{{{p}}}");
                }
            }
        }
        css
    }
}

/// CSS paint of a colour: `fill:#rrggbb` with its opacity if any.
fn css_paint(property: &str, c: BackendColor) -> String {
    let mut s = format!("{property}:{}", color(c));
    if c.alpha < 1.0 {
        let _ = write!(s, ";{property}-opacity:{:.3}", c.alpha);
    }
    s
}

impl Canvas for SharedDrawing {
    fn set_halo(&mut self, halo: Option<(BackendColor, f32)>) {
        self.writer.set_halo(halo);
    }

    fn open_layer(&mut self, layer: &Layer) {
        self.layer = LayerId::ALL
            .iter()
            .position(|l| *l == layer.id)
            .unwrap_or(0);
        self.group = None;
        self.nesting.push(false);
    }

    fn open_group(&mut self, layer: LayerId, group: &Group) {
        self.nesting.push(true);
        match &group.feature {
            Some(feature) if !is_per_year(layer) => {
                let key = format!("{}:{}", feature.kind(), feature.id());
                self.enter(key, Some(feature.clone()), None);
            }
            _ => self.enter_default(),
        }
    }

    fn close_group(&mut self) {
        if self.nesting.pop() == Some(true) {
            self.group = None;
        }
    }
}

impl DrawingBackend for SharedDrawing {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.writer.get_size()
    }

    fn ensure_prepared(&mut self) -> Outcome {
        Ok(())
    }

    fn present(&mut self) -> Outcome {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, c: BackendColor) -> Outcome {
        self.writer.draw_pixel(point, c)?;
        self.record_written();
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Outcome {
        self.writer.draw_line(from, to, style)?;
        self.record_written();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Outcome {
        self.writer
            .draw_rect(upper_left, bottom_right, style, fill)?;
        self.record_written();
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Outcome {
        let markup = format!("<polyline fill=\"none\" points=\"{}\"", points(path));
        let paint = format!(
            "{};stroke-width:{}",
            css_paint("stroke", style.color()),
            style.stroke_width()
        );
        self.record(markup, true, paint);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Outcome {
        let markup = format!("<polygon points=\"{}\"", points(vert));
        self.record(markup, true, css_paint("fill", style.color()));
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Outcome {
        self.writer.draw_circle(center, radius, style, fill)?;
        self.record_written();
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Outcome {
        self.writer.draw_text(text, style, pos)?;
        self.record_written();
        Ok(())
    }
}

/// The drawing size of a scene in drawing units (as the SVG backend uses them).
pub(super) fn units(scene: &Scene) -> (u32, u32) {
    let (w, h) = (scene.width.round(), scene.height.round());
    ((w * SUBPIXEL) as u32, (h * SUBPIXEL) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::Rgb;
    use crate::scene::Item;

    /// A page with one region square in `color`, and in the second year a second square.
    fn scene(color: Rgb, second: bool) -> Scene {
        let square = |x: f64| vec![(x, 0.0), (x + 10.0, 0.0), (x + 10.0, 10.0), (x, 10.0)];
        let mut group = Group::of(Feature::Region("a".into()));
        group.items.push(Item::Fill {
            points: square(0.0),
            color,
        });
        if second {
            group.items.push(Item::Fill {
                points: square(20.0),
                color,
            });
        }
        let layers = LayerId::ALL
            .iter()
            .map(|&id| Layer {
                id,
                groups: if id == LayerId::Regions {
                    vec![group.clone()]
                } else {
                    Vec::new()
                },
            })
            .collect();
        Scene {
            print_size_mm: None,
            width: 40.0,
            height: 20.0,
            title: "t".into(),
            description: String::new(),
            layers,
            dropped_labels: Vec::new(),
            lost_a_main_name: false,
            lang: crate::options::Lang::En,
            room: Default::default(),
        }
    }

    #[test]
    fn a_shape_several_years_draw_is_written_once_and_painted_per_year() {
        let years = [scene(Rgb(200, 0, 0), false), scene(Rgb(0, 0, 200), true)];
        let mut drawing = SharedDrawing::new(units(&years[0]), 2);
        for (i, s) in years.iter().enumerate() {
            drawing.add(i, s).unwrap();
        }
        let classes = ["y1".to_string(), "y2".to_string()];
        let (svg, css) = drawing
            .finish("t", &|_| Some("A".into()), &classes)
            .unwrap();
        assert_eq!(svg.matches("<polygon").count(), 2, "{svg}");
        assert_eq!(svg.matches("data-id=\"a\"").count(), 1, "{svg}");
        // The square both years draw changes colour; the second shows only in the second year.
        assert!(css.contains("#map.y1 .p0{fill:#c80000}"), "{css}");
        assert!(css.contains("#map.y2 .p0{fill:#0000c8}"), "{css}");
        assert!(css.contains("#map :is(.v0){display:none}"), "{css}");
        assert!(css.contains("#map.y2 :is(.v0){display:inline}"), "{css}");
        assert!(!css.contains("#map.y1 :is(.v0)"), "{css}");
    }
}
