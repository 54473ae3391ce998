//! The timeline animation: one anti-aliased frame per treaty year (the same scenes as the maps,
//! painted like the PNGs — in a batch, the very rasters of the PNGs), with one palette for all
//! frames.
//!
//! The maps share a handful of flat colours plus their anti-aliased edges, so a frame is kept as
//! runs of equal pixels until every frame is painted: a few hundred kilobytes instead of four
//! bytes a pixel. One palette then serves every frame: exact when the frames hold 256 colours or
//! fewer, otherwise the 256 commonest colours of all frames (the flat colours and their commonest
//! blends), each other colour mapped once to its nearest entry. Colours are looked up once per
//! run, and after the first frame only the rectangle that changed is written.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;

use rayon::prelude::*;

use tiny_skia::Pixmap;

use crate::error::{Error, Result};
use crate::scene::Scene;

/// How long each year stays on screen, in hundredths of a second.
pub(crate) const FRAME_DELAY: u16 = 300;

/// Hashes a `0xRRGGBB` colour by one multiplication: the palette looks up every run of every
/// frame, and the standard library's keyed hash cost more than the rest of the lookup.
#[derive(Default)]
struct ColourHasher(u64);

impl Hasher for ColourHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u32(u32::from(b) ^ (self.0 as u32).rotate_left(8));
        }
    }

    fn write_u32(&mut self, n: u32) {
        let h = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 32);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by colour.
type ByColour<V> = HashMap<u32, V, BuildHasherDefault<ColourHasher>>;

/// A painted frame as runs of equal pixels, each `(0xRRGGBB, length)`, row after row.
#[derive(Debug, Default)]
struct Runs(Vec<(u32, u32)>);

impl Runs {
    /// The runs of pixmaps stacked top to bottom (the bands of one painting).
    fn of(bands: &[Pixmap]) -> Runs {
        let mut runs: Vec<(u32, u32)> = Vec::new();
        // The pixel that began the last run, as painted: a run goes on while the pixels are
        // bit for bit the same, and only a new one is converted.
        let mut last = None;
        for band in bands {
            for &px in band.pixels() {
                if last == Some(px) {
                    if let Some((_, len)) = runs.last_mut() {
                        *len += 1;
                    }
                    continue;
                }
                last = Some(px);
                let rgb = if px.alpha() == u8::MAX {
                    u32::from_be_bytes([0, px.red(), px.green(), px.blue()])
                } else {
                    let c = px.demultiply();
                    u32::from_be_bytes([0, c.red(), c.green(), c.blue()])
                };
                match runs.last_mut() {
                    Some((colour, len)) if *colour == rgb => *len += 1,
                    _ => runs.push((rgb, 1)),
                }
            }
        }
        runs.shrink_to_fit();
        Runs(runs)
    }
}

/// The frames of a timeline, added in any order (from any thread) as the years are painted,
/// then encoded together.
#[derive(Debug)]
pub(crate) struct Timeline {
    width: u16,
    height: u16,
    frames: Mutex<Vec<Option<Runs>>>,
}

impl Timeline {
    /// A timeline of `frames` frames of `width` × `height` pixels.
    pub(crate) fn new(frames: usize, width: u32, height: u32) -> Result<Timeline> {
        let too_big =
            || Error::Render(format!("a {width} × {height} frame is too large for a GIF"));
        if frames == 0 {
            return Err(Error::Render("a timeline needs at least one frame".into()));
        }
        Ok(Timeline {
            width: u16::try_from(width).map_err(|_| too_big())?,
            height: u16::try_from(height).map_err(|_| too_big())?,
            frames: Mutex::new((0..frames).map(|_| None).collect()),
        })
    }

    /// The size of a frame, in pixels.
    pub(crate) fn size(&self) -> (u32, u32) {
        (u32::from(self.width), u32::from(self.height))
    }

    /// Takes frame `index` from the bands of a painting of the frame's size.
    pub(crate) fn add_painted(&self, index: usize, bands: &[Pixmap]) -> Result<()> {
        let rows: u32 = bands.iter().map(Pixmap::height).sum();
        if bands.iter().any(|b| b.width() != u32::from(self.width))
            || rows != u32::from(self.height)
        {
            return Err(Error::Render("timeline frames differ in size".into()));
        }
        let runs = Runs::of(bands);
        let mut frames = self.frames.lock().unwrap_or_else(|e| e.into_inner());
        match frames.get_mut(index) {
            Some(slot) => *slot = Some(runs),
            None => return Err(Error::Render(format!("no timeline frame {index}"))),
        }
        Ok(())
    }

    /// Paints `scene` as frame `index`.
    pub(crate) fn add_scene(&self, index: usize, scene: &Scene) -> Result<()> {
        let (w, h) = self.size();
        let mut pixmap = super::png::rasterise(scene, w, h)?;
        // Under a page shorter than the frame: paper.
        let paper = crate::model::palette::PAPER;
        for pixel in pixmap.data_mut().chunks_exact_mut(4) {
            if pixel[3] == 0 {
                pixel.copy_from_slice(&[paper.0, paper.1, paper.2, 255]);
            }
        }
        self.add_painted(index, std::slice::from_ref(&pixmap))
    }

    /// The GIF, looping forever, once every frame is added.
    pub(crate) fn encode(self) -> Result<Vec<u8>> {
        let err = |e: gif::EncodingError| Error::Render(format!("could not encode the GIF: {e}"));
        let frames = self
            .frames
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .collect::<Option<Vec<Runs>>>()
            .ok_or_else(|| Error::Render("a timeline frame was never painted".into()))?;
        let palette = Palette::for_frames(&frames);
        let (w, h) = (usize::from(self.width), usize::from(self.height));
        // Each frame compressed on its own thread; after the first, only the rectangle that
        // changed (the frames before stay underneath).
        let compressed = (0..frames.len())
            .into_par_iter()
            .map(|i| {
                let indices = palette.indices(&frames[i], w * h);
                let (x, y, cw, ch) = match i.checked_sub(1) {
                    None => (0, 0, w, h),
                    Some(p) => changed(&palette.indices(&frames[p], w * h), &indices, w, h),
                };
                let mut buffer = Vec::with_capacity(cw * ch);
                for row in indices.chunks_exact(w).skip(y).take(ch) {
                    buffer.extend_from_slice(&row[x..x + cw]);
                }
                gif::Frame {
                    left: x as u16,
                    top: y as u16,
                    width: cw as u16,
                    height: ch as u16,
                    delay: FRAME_DELAY,
                    dispose: gif::DisposalMethod::Keep,
                    buffer: super::lzw::compress(&buffer).into(),
                    ..gif::Frame::default()
                }
            })
            .collect::<Vec<_>>();
        let mut out = Vec::new();
        let mut encoder =
            gif::Encoder::new(&mut out, self.width, self.height, &palette.rgb).map_err(err)?;
        encoder.set_repeat(gif::Repeat::Infinite).map_err(err)?;
        for frame in &compressed {
            encoder.write_lzw_pre_encoded_frame(frame).map_err(err)?;
        }
        drop(encoder);
        Ok(out)
    }
}

/// The smallest rectangle `(x, y, width, height)` holding every pixel that differs (at least
/// one pixel: a GIF frame cannot be empty).
fn changed(a: &[u8], b: &[u8], w: usize, h: usize) -> (usize, usize, usize, usize) {
    let rows = |i: usize| a[i * w..(i + 1) * w] != b[i * w..(i + 1) * w];
    let Some(top) = (0..h).find(|&i| rows(i)) else {
        return (0, 0, 1, 1);
    };
    let bottom = (top..h).rev().find(|&i| rows(i)).unwrap_or(top);
    let (mut left, mut right) = (w, 0);
    for i in top..=bottom {
        let (ra, rb) = (&a[i * w..(i + 1) * w], &b[i * w..(i + 1) * w]);
        if let Some(l) = (0..left).find(|&j| ra[j] != rb[j]) {
            left = l;
        }
        if let Some(r) = (right..w).rev().find(|&j| ra[j] != rb[j]) {
            right = r;
        }
    }
    if left > right {
        return (0, top, w, bottom - top + 1);
    }
    (left, top, right - left + 1, bottom - top + 1)
}

/// One palette for every frame, and the way from a colour to its entry.
struct Palette {
    /// Up to 256 entries, `[r, g, b]` each.
    rgb: Vec<u8>,
    /// The entry of every colour of every frame.
    exact: ByColour<u8>,
}

impl Palette {
    fn for_frames(frames: &[Runs]) -> Palette {
        let mut counts: ByColour<u64> = ByColour::default();
        for runs in frames {
            for &(colour, len) in &runs.0 {
                *counts.entry(colour).or_default() += u64::from(len);
            }
        }
        if counts.len() <= 256 {
            let mut colours: Vec<u32> = counts.into_keys().collect();
            colours.sort_unstable();
            return Palette {
                rgb: colours.iter().flat_map(|c| rgb_of(*c)).collect(),
                exact: colours
                    .iter()
                    .zip(0..=u8::MAX)
                    .map(|(&c, i)| (c, i))
                    .collect(),
            };
        }
        // The 256 most frequent colours: the flat colours of the maps and their commonest
        // blends. Every other colour goes to its nearest entry, found once for all frames.
        let mut colours: Vec<(u32, u64)> = counts.into_iter().collect();
        colours.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let rest = colours.split_off(256);
        colours.sort_unstable();
        let rgb: Vec<u8> = colours.iter().flat_map(|(c, _)| rgb_of(*c)).collect();
        let mut exact: ByColour<u8> = colours
            .iter()
            .zip(0..=u8::MAX)
            .map(|(&(c, _), i)| (c, i))
            .collect();
        let entries = Entries::of(&rgb);
        let nearest: Vec<(u32, u8)> = rest
            .par_iter()
            .map(|&(c, _)| (c, entries.nearest(c)))
            .collect();
        exact.extend(nearest);
        Palette { rgb, exact }
    }

    /// The palette entry of each pixel of a frame of `pixels` pixels.
    fn indices(&self, runs: &Runs, pixels: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(pixels);
        for &(colour, len) in &runs.0 {
            let index = self.exact.get(&colour).copied().unwrap_or(0);
            out.resize(out.len() + len as usize, index);
        }
        out.resize(pixels, 0);
        out
    }
}

/// A palette's entries channel by channel, so that the distances of a colour to all of them are
/// computed side by side: thousands of blends are matched to 256 entries each.
struct Entries {
    red: Vec<i32>,
    green: Vec<i32>,
    blue: Vec<i32>,
}

impl Entries {
    /// The entries of `rgb` (`[r, g, b]` each).
    fn of(rgb: &[u8]) -> Entries {
        let channel = |k: usize| {
            rgb.iter()
                .skip(k)
                .step_by(3)
                .map(|&v| i32::from(v))
                .collect()
        };
        Entries {
            red: channel(0),
            green: channel(1),
            blue: channel(2),
        }
    }

    /// The entry closest to `colour` (squared distance, weighted roughly as the eye weighs
    /// red, green and blue; the first of equals).
    fn nearest(&self, colour: u32) -> u8 {
        let [r, g, b] = rgb_of(colour).map(i32::from);
        let distances: Vec<i32> = (self.red.iter().zip(&self.green).zip(&self.blue))
            .map(|((&er, &eg), &eb)| {
                let (dr, dg, db) = (er - r, eg - g, eb - b);
                2 * dr * dr + 4 * dg * dg + 3 * db * db
            })
            .collect();
        let least = distances.iter().copied().min().unwrap_or(0);
        distances.iter().position(|&d| d == least).unwrap_or(0) as u8
    }
}

fn rgb_of(colour: u32) -> [u8; 3] {
    let [_, r, g, b] = colour.to_be_bytes();
    [r, g, b]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pixmap(w: u32, h: u32, colour: [u8; 3], square: Option<(u32, [u8; 3])>) -> Pixmap {
        let mut p = Pixmap::new(w, h).unwrap();
        p.fill(tiny_skia::Color::from_rgba8(
            colour[0], colour[1], colour[2], 255,
        ));
        if let Some((at, c)) = square {
            let rect = tiny_skia::Rect::from_xywh(at as f32, at as f32, 2.0, 2.0).unwrap();
            let mut paint = tiny_skia::Paint::default();
            paint.set_color_rgba8(c[0], c[1], c[2], 255);
            p.fill_rect(rect, &paint, tiny_skia::Transform::identity(), None);
        }
        p
    }

    #[test]
    fn frames_share_one_exact_palette_and_later_frames_hold_only_the_change() {
        let timeline = Timeline::new(2, 8, 6).unwrap();
        // Added out of order, as a parallel batch does.
        timeline
            .add_painted(1, &[pixmap(8, 6, [250, 240, 220], Some((3, [200, 0, 0])))])
            .unwrap();
        let top = pixmap(8, 3, [250, 240, 220], None);
        let bottom = pixmap(8, 3, [250, 240, 220], None);
        timeline.add_painted(0, &[top, bottom]).unwrap();
        let gif = timeline.encode().unwrap();

        let mut decoder = gif::DecodeOptions::new().read_info(&gif[..]).unwrap();
        assert_eq!(
            decoder.global_palette().unwrap(),
            &[200, 0, 0, 250, 240, 220][..]
        );
        let first = decoder.read_next_frame().unwrap().unwrap();
        assert_eq!(
            (first.width, first.height, first.palette.is_none()),
            (8, 6, true)
        );
        assert!(first.buffer.iter().all(|&i| i == 1));
        let second = decoder.read_next_frame().unwrap().unwrap();
        assert_eq!(
            (second.left, second.top, second.width, second.height),
            (3, 3, 2, 2)
        );
        assert!(second.buffer.iter().all(|&i| i == 0));
        assert!(decoder.read_next_frame().unwrap().is_none());
    }

    /// The nearest entry is the first of the closest, as a plain search over the entries finds.
    #[test]
    fn each_colour_goes_to_the_first_closest_entry() {
        let mut state = 17u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as u32
        };
        // Coarse levels, so that ties are common.
        let rgb: Vec<u8> = (0..3 * 256).map(|_| (next() % 6 * 51) as u8).collect();
        let entries = Entries::of(&rgb);
        for _ in 0..2_000 {
            let colour = next() & 0xFF_FFFF;
            let [r, g, b] = rgb_of(colour).map(i32::from);
            let distance = |e: &[u8]| {
                let d = [
                    i32::from(e[0]) - r,
                    i32::from(e[1]) - g,
                    i32::from(e[2]) - b,
                ];
                2 * d[0] * d[0] + 4 * d[1] * d[1] + 3 * d[2] * d[2]
            };
            let expected = rgb
                .chunks_exact(3)
                .enumerate()
                .min_by_key(|(_, e)| distance(e))
                .map(|(i, _)| i as u8);
            assert_eq!(Some(entries.nearest(colour)), expected, "{colour:06x}");
        }
    }

    #[test]
    fn a_missing_or_misfit_frame_is_an_error() {
        let timeline = Timeline::new(2, 8, 6).unwrap();
        assert!(timeline
            .add_painted(0, &[pixmap(8, 5, [0, 0, 0], None)])
            .is_err());
        timeline
            .add_painted(0, &[pixmap(8, 6, [0, 0, 0], None)])
            .unwrap();
        assert!(timeline.encode().is_err());
    }
}
