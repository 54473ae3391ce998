//! The timeline animation: one anti-aliased frame per treaty year (the same scenes as the maps,
//! painted like the PNGs), quantised to a GIF palette.

use crate::error::{Error, Result};

/// How long each year stays on screen, in hundredths of a second.
pub(crate) const FRAME_DELAY: u16 = 300;

/// Encodes one frame per scene at `width` × `height`, looping forever.
pub(crate) fn timeline(
    frames: &[&crate::scene::Scene],
    width: u32,
    height: u32,
) -> Result<Vec<u8>> {
    let err = |e: gif::EncodingError| Error::Render(format!("could not encode the GIF: {e}"));
    let pixmaps = frames
        .iter()
        .map(|scene| super::png::rasterise(scene, width, height))
        .collect::<Result<Vec<_>>>()?;
    let Some(first) = pixmaps.first() else {
        return Err(Error::Render("a timeline needs at least one frame".into()));
    };
    let (w, h) = (first.width(), first.height());
    let too_big = || Error::Render(format!("a {w} × {h} frame is too large for a GIF"));
    let (w16, h16) = (
        u16::try_from(w).map_err(|_| too_big())?,
        u16::try_from(h).map_err(|_| too_big())?,
    );
    let mut out = Vec::new();
    {
        let mut encoder = gif::Encoder::new(&mut out, w16, h16, &[]).map_err(err)?;
        encoder.set_repeat(gif::Repeat::Infinite).map_err(err)?;
        for pixmap in pixmaps {
            if (pixmap.width(), pixmap.height()) != (w, h) {
                return Err(Error::Render("timeline frames differ in size".into()));
            }
            // The page is opaque, so premultiplied and straight RGBA are the same.
            let mut rgba = pixmap.take();
            // Speed 10 of 30: NeuQuant keeps the flat map colours close enough.
            let mut frame = gif::Frame::from_rgba_speed(w16, h16, &mut rgba, 10);
            frame.delay = FRAME_DELAY;
            encoder.write_frame(&frame).map_err(err)?;
        }
    }
    Ok(out)
}
