//! PNG: the SVG rasterised with resvg (anti-aliased, with the bundled font), so the slide
//! version matches the print version exactly.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::error::{Error, Result};
use crate::scene::text::{BOLD_TTF, FAMILY, ITALIC_TTF, REGULAR_TTF};

fn options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut fonts = usvg::fontdb::Database::new();
        for face in [REGULAR_TTF, BOLD_TTF, ITALIC_TTF] {
            fonts.load_font_data(face.to_vec());
        }
        // Only the bundled font is known, so output never depends on the machine's fonts.
        fonts.set_sans_serif_family(FAMILY);
        usvg::Options {
            font_family: FAMILY.to_string(),
            fontdb: Arc::new(fonts),
            ..usvg::Options::default()
        }
    })
}

/// Rasterises SVG text to a PNG of `width` × `height` pixels.
pub fn svg_to_png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>> {
    encode_rgb(&render_bands(svg, width, height)?, width, height)
}

/// Rasterises SVG text (anti-aliased) to one `width` × `height` pixmap.
pub fn rasterise(svg: &str, width: u32, height: u32) -> Result<tiny_skia::Pixmap> {
    let bands = render_bands(svg, width, height)?;
    let mut pixmap = new_pixmap(width, height)?;
    let mut offset = 0;
    for band in &bands {
        let data = band.data();
        pixmap.data_mut()[offset..offset + data.len()].copy_from_slice(data);
        offset += data.len();
    }
    Ok(pixmap)
}

fn new_pixmap(width: u32, height: u32) -> Result<tiny_skia::Pixmap> {
    tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| Error::Render(format!("cannot make a {width} × {height} image")))
}

/// Paints the SVG in two horizontal bands on two threads from one parsed tree (top band
/// first). The size is given rather than read from the SVG, whose root may be in millimetres.
fn render_bands(svg: &str, width: u32, height: u32) -> Result<Vec<tiny_skia::Pixmap>> {
    let tree = usvg::Tree::from_str(svg, options())
        .map_err(|e| Error::Render(format!("could not read the SVG for rasterising: {e}")))?;
    let size = tree.size();
    let (sx, sy) = (width as f32 / size.width(), height as f32 / size.height());
    let transform = tiny_skia::Transform::from_scale(sx, sy);
    let band = |y0: u32, rows: u32| -> Result<Option<tiny_skia::Pixmap>> {
        if rows == 0 {
            return Ok(None);
        }
        let mut band = new_pixmap(width, rows)?;
        resvg::render(
            &tree,
            transform.post_translate(0.0, -(y0 as f32)),
            &mut band.as_mut(),
        );
        Ok(Some(band))
    };
    let top = height / 2;
    let (upper, lower) = rayon::join(|| band(0, top), || band(top, height - top));
    Ok([upper?, lower?].into_iter().flatten().collect())
}

/// Encodes bands of rows as one 8-bit RGB PNG, a row at a time. The page is opaque (the scene
/// starts with a paper rectangle), so alpha is dropped; fdeflate's fast mode compresses flat
/// map colours well at a fraction of the default encoder's time.
fn encode_rgb(bands: &[tiny_skia::Pixmap], width: u32, height: u32) -> Result<Vec<u8>> {
    use std::io::Write;
    let err = |e: png::EncodingError| Error::Render(format!("could not encode the PNG: {e}"));
    let io = |e: std::io::Error| Error::Render(format!("could not encode the PNG: {e}"));
    let mut out = Vec::with_capacity(width as usize * height as usize / 2);
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder.write_header().map_err(err)?;
        let mut stream = writer.stream_writer().map_err(err)?;
        let mut row = Vec::with_capacity(width as usize * 3);
        for band in bands {
            for pixels in band.pixels().chunks(width as usize) {
                row.clear();
                for px in pixels {
                    let c = px.demultiply();
                    row.extend_from_slice(&[c.red(), c.green(), c.blue()]);
                }
                stream.write_all(&row).map_err(io)?;
            }
        }
        stream.finish().map_err(err)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Painting in two bands must match one full render up to anti-aliasing noise: tiny-skia
    /// subdivides curves a little differently under a band's clip, which moves a few edge
    /// pixels by a few levels, but nothing more (no seam, no shifted shapes).
    #[test]
    fn banded_render_matches_single_render() {
        let svg = r##"<svg width="101" height="77" viewBox="0 0 101 77" xmlns="http://www.w3.org/2000/svg">
<rect width="101" height="77" fill="#fff"/>
<polygon points="3,5 97,38.5 12,71" fill="#a63a1e"/>
<polyline points="0,38 101,39.3" fill="none" stroke="#222" stroke-width="1.7"/>
<circle cx="50" cy="38.5" r="9.3" fill="#5a83ae"/>
</svg>"##;
        let banded = rasterise(svg, 101, 77).unwrap();
        let tree = usvg::Tree::from_str(svg, options()).unwrap();
        let mut single = tiny_skia::Pixmap::new(101, 77).unwrap();
        resvg::render(
            &tree,
            tiny_skia::Transform::identity(),
            &mut single.as_mut(),
        );
        let diffs: Vec<(usize, u8, u8)> = banded
            .data()
            .iter()
            .zip(single.data())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| (i / 4 / 101, *a, *b))
            .collect();
        let worst = diffs
            .iter()
            .map(|(_, a, b)| a.abs_diff(*b))
            .max()
            .unwrap_or(0);
        assert!(worst <= 16, "a channel differs by {worst}: {diffs:?}");
        assert!(diffs.len() <= 24, "{} bytes differ: {diffs:?}", diffs.len());
    }

    #[test]
    fn png_has_requested_size() {
        let svg = r#"<svg width="10" height="10" xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10" fill="red"/></svg>"#;
        let png = svg_to_png(svg, 40, 30).unwrap();
        assert_eq!(&png[16..24], &[0, 0, 0, 40, 0, 0, 0, 30]);
    }
}
