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
    encode_rgb(&rasterise(svg, width, height)?)
}

/// Rasterises SVG text (anti-aliased) to `width` × `height` pixels. The size is given rather
/// than read from the SVG, whose root may be in millimetres (print figures).
pub fn rasterise(svg: &str, width: u32, height: u32) -> Result<tiny_skia::Pixmap> {
    let tree = usvg::Tree::from_str(svg, options())
        .map_err(|e| Error::Render(format!("could not read the SVG for rasterising: {e}")))?;
    let size = tree.size();
    let (sx, sy) = (width as f32 / size.width(), height as f32 / size.height());
    let transform = tiny_skia::Transform::from_scale(sx, sy);
    // Two cores, two halves: each thread paints its band of rows from the same tree.
    let top = height / 2;
    let band = |y0: u32, rows: u32| -> Result<tiny_skia::Pixmap> {
        let mut band = tiny_skia::Pixmap::new(width, rows.max(1))
            .ok_or_else(|| Error::Render(format!("cannot make a {width} × {height} image")))?;
        resvg::render(
            &tree,
            transform.post_translate(0.0, -(y0 as f32)),
            &mut band.as_mut(),
        );
        Ok(band)
    };
    let (upper, lower) = rayon::join(|| band(0, top), || band(top, height - top));
    let (upper, lower) = (upper?, lower?);
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| Error::Render(format!("cannot make a {width} × {height} image")))?;
    let row_bytes = width as usize * 4;
    let split = top as usize * row_bytes;
    pixmap.data_mut()[..split].copy_from_slice(&upper.data()[..split]);
    if height > top {
        pixmap.data_mut()[split..]
            .copy_from_slice(&lower.data()[..(height - top) as usize * row_bytes]);
    }
    Ok(pixmap)
}

/// Encodes the pixmap as an 8-bit RGB PNG. The page is opaque (the scene starts with a paper
/// rectangle), so alpha is dropped; fdeflate's fast mode compresses flat map colours well at a
/// fraction of the default encoder's time.
fn encode_rgb(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>> {
    let mut rgb = Vec::with_capacity(pixmap.width() as usize * pixmap.height() as usize * 3);
    for px in pixmap.pixels() {
        let c = px.demultiply();
        rgb.extend_from_slice(&[c.red(), c.green(), c.blue()]);
    }
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let err = |e: png::EncodingError| Error::Render(format!("could not encode the PNG: {e}"));
    {
        let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder.write_header().map_err(err)?;
        writer.write_image_data(&rgb).map_err(err)?;
        writer.finish().map_err(err)?;
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
