//! SVG through plotters' SVG backend. The root element's width and height are set back from
//! drawing units to the canvas size (or to the printed size in mm), keeping the fine viewBox.

use plotters::prelude::SVGBackend;
use plotters_backend::DrawingBackend;

use super::plotting::{draw_scene, SUBPIXEL};
use crate::error::{Error, Result};
use crate::scene::Scene;

fn draw_err<E: std::error::Error + Send + Sync>(e: plotters_backend::DrawingErrorKind<E>) -> Error {
    Error::Render(e.to_string())
}

/// Renders a scene to SVG text. The same scene always gives the same bytes.
pub fn to_svg(scene: &Scene) -> Result<String> {
    let (width, height) = (scene.width.round() as u32, scene.height.round() as u32);
    let mut out = String::with_capacity(1 << 20);
    {
        let size = (
            (width as f64 * SUBPIXEL) as u32,
            (height as f64 * SUBPIXEL) as u32,
        );
        let mut backend = SVGBackend::with_string(&mut out, size);
        draw_scene(&mut backend, scene).map_err(draw_err)?;
        // Flush explicitly so an error is reported, not lost in Drop.
        backend.present().map_err(draw_err)?;
    }
    // Report the canvas size in px; the viewBox keeps the fine drawing units.
    let header = format!(
        "<svg width=\"{}\" height=\"{}\" ",
        (width as f64 * SUBPIXEL) as u32,
        (height as f64 * SUBPIXEL) as u32
    );
    if !out.starts_with(&header) {
        return Err(Error::Render(
            "unexpected SVG header from the backend".into(),
        ));
    }
    // Print figures carry their physical size; screen ones their pixel size.
    let size = match scene.print_size_mm {
        Some((w, h)) => format!("width=\"{w}mm\" height=\"{h}mm\""),
        None => format!("width=\"{width}\" height=\"{height}\""),
    };
    Ok(format!("<svg {size} {}", &out[header.len()..]))
}
