//! SVG made for editing and reading: a plotters backend of our own that writes one `<g>` per
//! layer (shown as layers in Inkscape), one group per region, line, railway and place with its
//! id, classes and a `<title>` (a tooltip, an accessible name), and a root `<title>`/`<desc>`.
//! plotters' own SVG backend writes a flat list of anonymous shapes, which is all its trait asks
//! for; the structure comes through [`Canvas`].

use std::collections::BTreeSet;
use std::convert::Infallible;
use std::fmt::Write as _;

use plotters::style::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle,
};

use super::glyphs::{self, OutlineSink};
use super::plotting::{draw_layers, draw_scene, xml_text, Canvas, PLOTTERS_FONT_FACTOR, SUBPIXEL};
use super::svg_fonts::UsedChars;
use super::Cores;
use crate::error::{Error, Result};
use crate::options::SvgText;
use crate::scene::{Feature, Group, Item, Layer, LayerId, Scene};

type Outcome = std::result::Result<(), DrawingErrorKind<Infallible>>;

/// Writes plotters calls as SVG elements into a string.
pub(super) struct SvgWriter {
    out: String,
    size: (u32, u32),
    /// How text is written.
    text: SvgText,
    /// The characters each face draws (for the embedded font subset).
    used: UsedChars,
    /// Ids written so far: a data id that repeats (a region on several overview panels, a
    /// region named like a layer) gets a numbered suffix, so every id stays unique.
    ids: BTreeSet<String>,
    /// The halo for the next text, as stroke attributes painted under the fill.
    halo: String,
}

/// Escapes text for XML content and attribute values.
pub(super) fn escape(text: &str) -> String {
    let text = xml_text(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// A number as short as it can be written: "12", "12.5".
pub(super) fn num(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

pub(super) fn color(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// ` fill="#rrggbb"` plus an opacity when the colour is not opaque.
fn paint(attribute: &str, c: BackendColor) -> String {
    let mut s = format!(" {attribute}=\"{}\"", color(c));
    if c.alpha < 1.0 {
        let _ = write!(s, " {attribute}-opacity=\"{}\"", num_fine(c.alpha));
    }
    s
}

fn num_fine(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub(super) fn points(path: impl IntoIterator<Item = BackendCoord>) -> String {
    let path = path.into_iter();
    // Bytes first, checked as text once: digits, commas and spaces are ASCII.
    let mut s = Vec::with_capacity(path.size_hint().0 * 10);
    for (i, (x, y)) in path.enumerate() {
        if i > 0 {
            s.push(b' ');
        }
        push_integer(&mut s, x);
        s.push(b',');
        push_integer(&mut s, y);
    }
    String::from_utf8(s).unwrap_or_default()
}

/// Appends `v` in decimal. A map writes tens of thousands of coordinates, and the general
/// formatting machinery took several times as long per number.
fn push_integer(s: &mut Vec<u8>, v: i32) {
    let mut digits = [0u8; 10];
    let mut rest = v.unsigned_abs();
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if v < 0 {
        s.push(b'-');
    }
    s.extend_from_slice(&digits[start..]);
}

/// An id from data, reduced to characters every SVG tool accepts in an id.
pub(super) fn id_token(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

impl SvgWriter {
    /// A writer for a drawing of `size` drawing units, its text as `text` says.
    pub(super) fn new(size: (u32, u32), text: SvgText) -> SvgWriter {
        SvgWriter {
            out: String::new(),
            size,
            text,
            used: UsedChars::default(),
            ids: BTreeSet::new(),
            halo: String::new(),
        }
    }

    /// The elements written since the last call.
    pub(super) fn take_markup(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    /// The `<style>` embedding the subset of each face the text written so far uses.
    pub(super) fn font_style(&self) -> Result<String> {
        self.used.style_element()
    }

    fn unique_id(&mut self, wanted: String) -> String {
        let mut id = wanted.clone();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{wanted}-{n}");
            n += 1;
        }
        id
    }

    fn stroke(&mut self, element: &str, geometry: &str, style: &impl BackendStyle) {
        let _ = writeln!(
            self.out,
            "<{element} {geometry} fill=\"none\"{} stroke-width=\"{}\"/>",
            paint("stroke", style.color()),
            style.stroke_width()
        );
    }

    fn fill(&mut self, element: &str, geometry: &str, c: BackendColor) {
        let _ = writeln!(self.out, "<{element} {geometry}{}/>", paint("fill", c));
    }
}

impl Canvas for SvgWriter {
    fn set_halo(&mut self, halo: Option<(BackendColor, f32)>) {
        self.halo = halo.map_or_else(String::new, |(c, width)| {
            format!(
                "{} stroke-width=\"{}\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
                paint("stroke", c),
                num(width.into())
            )
        });
    }

    fn open_layer(&mut self, layer: &Layer) {
        let name = layer.id.name();
        let id = self.unique_id(name.to_string());
        let _ = writeln!(
            self.out,
            "<g id=\"{id}\" inkscape:groupmode=\"layer\" inkscape:label=\"{name}\">"
        );
    }

    fn open_group(&mut self, layer: LayerId, group: &Group) {
        let mut attributes = String::new();
        if let Some(feature) = &group.feature {
            // A feature's own layer gives it its plain id; its label, hatching or casing
            // elsewhere are named after the layer.
            let home = matches!(
                (feature, layer),
                (Feature::Region(_), LayerId::Regions | LayerId::Land)
                    | (Feature::Line(_), LayerId::TreatyLines)
                    | (Feature::Railway(_), LayerId::Railways)
                    | (Feature::Place(_), LayerId::Places)
            );
            let token = id_token(feature.id());
            let wanted = if home {
                token
            } else {
                format!("{}-{token}", layer.name())
            };
            let id = self.unique_id(wanted);
            let _ = write!(attributes, " id=\"{id}\"");
        }
        let classes: Vec<&str> = group
            .feature
            .as_ref()
            .map(Feature::kind)
            .into_iter()
            .chain(group.class.split_whitespace())
            .collect();
        if !classes.is_empty() {
            let _ = write!(attributes, " class=\"{}\"", escape(&classes.join(" ")));
        }
        let _ = writeln!(self.out, "<g{attributes}>");
        if let Some(title) = &group.title {
            let _ = writeln!(self.out, "<title>{}</title>", escape(title));
        }
    }

    fn close_group(&mut self) {
        self.out.push_str("</g>\n");
    }
}

impl DrawingBackend for SvgWriter {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Outcome {
        Ok(())
    }

    fn present(&mut self) -> Outcome {
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, c: BackendColor) -> Outcome {
        self.fill(
            "rect",
            &format!("x=\"{x}\" y=\"{y}\" width=\"1\" height=\"1\""),
            c,
        );
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
    ) -> Outcome {
        let geometry = format!("x1=\"{x0}\" y1=\"{y0}\" x2=\"{x1}\" y2=\"{y1}\"");
        self.stroke("line", &geometry, style);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Outcome {
        let geometry = format!(
            "x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
            x0.min(x1),
            y0.min(y1),
            (x1 - x0).abs(),
            (y1 - y0).abs()
        );
        if fill {
            self.fill("rect", &geometry, style.color());
        } else {
            self.stroke("rect", &geometry, style);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Outcome {
        let geometry = format!("points=\"{}\"", points(path));
        self.stroke("polyline", &geometry, style);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Outcome {
        let geometry = format!("points=\"{}\"", points(vert));
        self.fill("polygon", &geometry, style.color());
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Outcome {
        let geometry = format!("cx=\"{x}\" cy=\"{y}\" r=\"{radius}\"");
        if fill {
            self.fill("circle", &geometry, style.color());
        } else {
            self.stroke("circle", &geometry, style);
        }
        Ok(())
    }

    /// Text with the bundled family, placed as the PNG places it: plotters' size over 1.24 is
    /// the font size, and `VPos::Top` puts the baseline 0.76 em below `pos`. With
    /// [`SvgText::Paths`], the glyph outlines instead, named by the text.
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        (x, y): BackendCoord,
    ) -> Outcome {
        if self.text == SvgText::Paths {
            let mut d = PathData(String::new());
            glyphs::outline(text, &glyphs::place(text, style, (x, y)), &mut d);
            let label = escape(text);
            let _ = writeln!(
                self.out,
                "<path role=\"img\" aria-label=\"{label}\" d=\"{}\"{}{}><title>{label}</title></path>",
                d.0.trim_end(),
                paint("fill", style.color()),
                self.halo
            );
            return Ok(());
        }
        let size = style.size() / PLOTTERS_FONT_FACTOR;
        let anchor = style.anchor();
        let baseline = f64::from(y)
            + match anchor.v_pos {
                VPos::Top => 0.76 * size,
                VPos::Center => 0.25 * size,
                VPos::Bottom => -0.25 * size,
            };
        self.used.add(glyphs::face_of(style.style()), text);
        let mut attributes = format!(
            "x=\"{x}\" y=\"{}\" font-family=\"{}, sans-serif\" font-size=\"{}\"",
            num(baseline),
            crate::scene::text::css_families(),
            num(size)
        );
        match style.style() {
            FontStyle::Bold => attributes.push_str(" font-weight=\"bold\""),
            FontStyle::Italic | FontStyle::Oblique => attributes.push_str(" font-style=\"italic\""),
            FontStyle::Normal => {}
        }
        match anchor.h_pos {
            HPos::Left => {}
            HPos::Center => attributes.push_str(" text-anchor=\"middle\""),
            HPos::Right => attributes.push_str(" text-anchor=\"end\""),
        }
        let _ = writeln!(
            self.out,
            "<text {attributes}{}{}>{}</text>",
            paint("fill", style.color()),
            self.halo,
            escape(text)
        );
        Ok(())
    }
}

/// Glyph outlines as SVG path data, in drawing units to a tenth.
struct PathData(String);

impl OutlineSink for PathData {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{} {}", num(x.into()), num(y.into()));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{} {}", num(x.into()), num(y.into()));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let [x1, y1, x, y] = [x1, y1, x, y].map(|v| num(v.into()));
        let _ = write!(self.0, "Q{x1} {y1} {x} {y}");
    }
    fn cubic_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let [x1, y1, x2, y2, x, y] = [x1, y1, x2, y2, x, y].map(|v| num(v.into()));
        let _ = write!(self.0, "C{x1} {y1} {x2} {y2} {x} {y}");
    }
    fn close(&mut self) {
        self.0.push_str("Z ");
    }
}

/// Renders a scene to SVG text, its text as `text` says. The same scene always gives the same
/// bytes.
/// With all `cores`, the embedded fonts are cut on another thread while the drawing is written.
pub(crate) fn to_svg(scene: &Scene, text: SvgText, cores: Cores) -> Result<String> {
    if text == SvgText::Embedded && cores == Cores::All {
        if let Some(svg) = in_parts(scene)? {
            return Ok(svg);
        }
    }
    let _cjk = crate::scene::text::set_cjk(scene.lang);
    let mut writer = SvgWriter::begin(scene, text);
    let head = writer.out.len();
    draw_scene(&mut writer, scene).map_err(|e| Error::Render(e.to_string()))?;
    writer.finish(head)
}

/// The page with embedded fonts, its layers written in two parts on two threads while the
/// fonts are cut on a third (the scene's texts say which characters the drawing will use).
/// `None` where the parts would not join into the page one writer makes: an id in both parts
/// (each made its ids unique only within itself), or characters other than those foreseen.
fn in_parts(scene: &Scene) -> Result<Option<String>> {
    let _cjk = crate::scene::text::set_cjk(scene.lang);
    let mut writer = SvgWriter::begin(scene, SvgText::Embedded);
    let head = writer.out.len();
    let expected = UsedChars::of_scene(scene);
    let (first_layers, last_layers) = scene.layers.split_at(balanced_split(&scene.layers));
    let draw = |writer: &mut SvgWriter, layers| {
        // A part may be written on a pool thread: set the page's CJK form there.
        let _cjk = crate::scene::text::set_cjk(scene.lang);
        draw_layers(writer, layers).map_err(|e| Error::Render(e.to_string()))
    };
    let mut rest = SvgWriter::new(writer.size, SvgText::Embedded);
    // As the first writer's: growing by doubling would copy (and first touch) the text again.
    rest.out.reserve(1 << 20);
    let (first, (last, style)) = rayon::join(
        || draw(&mut writer, first_layers),
        || rayon::join(|| draw(&mut rest, last_layers), || expected.style_element()),
    );
    first?;
    last?;
    let mut used = writer.used.clone();
    used.merge(&rest.used);
    if used != expected || !writer.ids.is_disjoint(&rest.ids) {
        return Ok(None);
    }
    writer.out.push_str(&rest.out);
    writer.out.push_str("</svg>\n");
    writer.out.insert_str(head, &style?);
    Ok(Some(writer.out))
}

/// Where to split the layers so that both parts have about as many points and texts to write.
fn balanced_split(layers: &[Layer]) -> usize {
    let weight = |layer: &Layer| -> usize {
        let items = layer.groups.iter().flat_map(|g| &g.items);
        items
            .map(|item| match item {
                Item::Fill { points, .. } | Item::Line { points, .. } => points.len(),
                // A text costs its escaping and attributes: about as much as a short path.
                _ => 20,
            })
            .sum()
    };
    let weights: Vec<usize> = layers.iter().map(weight).collect();
    let total: usize = weights.iter().sum();
    let mut before = 0;
    for (i, w) in weights.iter().enumerate() {
        if 2 * (before + w) > total {
            // Split before or after this layer, whichever is nearer the half.
            return if total - 2 * before < 2 * (before + w) - total {
                i
            } else {
                i + 1
            };
        }
        before += w;
    }
    layers.len()
}

impl SvgWriter {
    /// A writer that has written the root element and the page's title and description.
    pub(super) fn begin(scene: &Scene, text: SvgText) -> SvgWriter {
        let (width, height) = (scene.width.round() as u32, scene.height.round() as u32);
        let units = (
            (f64::from(width) * SUBPIXEL) as u32,
            (f64::from(height) * SUBPIXEL) as u32,
        );
        // Print figures carry their physical size; screen ones their pixel size. The viewBox
        // keeps the fine drawing units.
        let size = match scene.print_size_mm {
            Some((w, h)) => format!("width=\"{w}mm\" height=\"{h}mm\""),
            None => format!("width=\"{width}\" height=\"{height}\""),
        };
        let mut writer = SvgWriter::new(units, text);
        writer.out.reserve(1 << 20);
        let _ = writeln!(
            writer.out,
            "<svg {size} viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\" \
             xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" \
             role=\"img\" aria-labelledby=\"map-title map-desc\">",
            units.0, units.1
        );
        writer
            .ids
            .extend(["map-title".to_string(), "map-desc".to_string()]);
        let _ = writeln!(
            writer.out,
            "<title id=\"map-title\">{}</title>\n<desc id=\"map-desc\">{}</desc>",
            escape(&scene.title),
            escape(&scene.description)
        );
        writer
    }

    /// The length of what is written so far (where the fonts go).
    pub(super) fn written(&self) -> usize {
        self.out.len()
    }

    /// Writes raw markup.
    pub(super) fn markup(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// Closes the drawing and, with embedded text, puts the fonts at `head`: before the
    /// drawing, once it is known which characters it uses.
    pub(super) fn finish(mut self, head: usize) -> Result<String> {
        self.out.push_str("</svg>\n");
        if self.text == SvgText::Embedded {
            let style = self.used.style_element()?;
            self.out.insert_str(head, &style);
        }
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TreatyMap;
    use crate::options::{Lang, MapOptions};

    /// The fonts cut beside the drawing are the ones drawing it asks for, in a Latin and a CJK
    /// language, and the page written in two parts is the page one writer makes.
    #[test]
    fn fonts_cut_in_parallel_are_the_fonts_drawn() {
        let data = crate::Dataset::embedded().unwrap();
        for lang in [Lang::En, Lang::Ja] {
            let map = TreatyMap::for_year_in(&data, 1912, lang, Default::default()).unwrap();
            let options = MapOptions {
                lang,
                ..MapOptions::default()
            };
            let scene = Scene::for_map(&map, &map.key, &options);
            let _cjk = crate::scene::text::set_cjk(lang);
            let mut writer = SvgWriter::begin(&scene, SvgText::Embedded);
            draw_scene(&mut writer, &scene).unwrap();
            assert_eq!(writer.used, UsedChars::of_scene(&scene), "{lang:?}");
            let one = to_svg(&scene, SvgText::Embedded, Cores::One).unwrap();
            let parts = in_parts(&scene).unwrap();
            assert!(parts == Some(one), "{lang:?}: the pages differ");
        }
    }

    #[test]
    fn points_are_written_as_the_formatter_writes_them() {
        let values = [0, 7, -7, 10, -10, 1080, -1920, 99_999, i32::MAX, i32::MIN];
        let path: Vec<BackendCoord> = values
            .iter()
            .zip(values.iter().rev())
            .map(|(&x, &y)| (x, y))
            .collect();
        let expected: Vec<String> = path.iter().map(|(x, y)| format!("{x},{y}")).collect();
        assert_eq!(points(path), expected.join(" "));
    }
}
