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
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| Error::Render(format!("cannot make a {width} × {height} image")))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(sx, sy),
        &mut pixmap.as_mut(),
    );
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
