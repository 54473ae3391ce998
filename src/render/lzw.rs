//! GIF's LZW compression of a frame's palette indices. A general encoder looks each pixel up
//! in a tree and cost more than painting the frame; the maps are long runs of a few colours,
//! so here the dictionary is a small open-addressing table that stays in the cache, and a
//! pixel costs one hash and (nearly always) one probe.

/// The largest code GIF allows (12 bits).
const MAX_CODE: u32 = 4095;

/// Slots of the dictionary: a power of two, at least twice the codes it can hold.
const SLOTS: usize = 8192;

/// A free slot. A used one packs `prefix << 20 | pixel << 12 | code`, and never equals this:
/// an entry's prefix is always a smaller code than the entry's own.
const FREE: u32 = u32::MAX;

/// The image data of a GIF frame: the minimum code size, then the LZW codes of `indices`,
/// least significant bit first, as `gif::Encoder::write_lzw_pre_encoded_frame` takes it.
pub(crate) fn compress(indices: &[u8]) -> Vec<u8> {
    // The code size the `gif` crate would choose: enough bits for the largest index, at least 2.
    let largest = indices.iter().copied().max().unwrap_or(0);
    let min_code_size = (u32::from(largest) + 1)
        .max(4)
        .next_power_of_two()
        .trailing_zeros();
    let clear = 1u32 << min_code_size;
    let mut out = Codes::new(min_code_size, indices.len() / 4 + 16);
    out.push(clear);
    let Some((&first, rest)) = indices.split_first() else {
        out.push(clear + 1);
        return out.finish();
    };
    let mut table = vec![FREE; SLOTS];
    // The child each code gained or was last left by (`pixel << 12 | code`): along a run of
    // one colour, each step is found here without hashing.
    let mut last_child = vec![FREE; MAX_CODE as usize + 1];
    let mut next = clear + 2;
    let mut prefix = u32::from(first);
    for &pixel in rest {
        let pixel = u32::from(pixel);
        let hint = last_child[prefix as usize];
        if hint >> 12 == pixel {
            prefix = hint & 0xFFF;
            continue;
        }
        let key = prefix << 8 | pixel;
        let mut slot = slot_of(key);
        while table[slot] != FREE && table[slot] >> 12 != key {
            slot = (slot + 1) & (SLOTS - 1);
        }
        if table[slot] != FREE {
            let code = table[slot] & 0xFFF;
            last_child[prefix as usize] = pixel << 12 | code;
            prefix = code;
            continue;
        }
        out.push(prefix);
        table[slot] = key << 12 | next;
        last_child[prefix as usize] = pixel << 12 | next;
        next += 1;
        if next > MAX_CODE {
            // The table is full: start afresh.
            out.push(clear);
            table.fill(FREE);
            last_child.fill(FREE);
            next = clear + 2;
        }
        prefix = pixel;
    }
    out.push(prefix);
    out.push(clear + 1);
    out.finish()
}

/// Where the search for `key` (a prefix code and a pixel) starts.
fn slot_of(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - SLOTS.trailing_zeros())) as usize
}

/// Codes packed into bytes, least significant bit first, each as wide as the decoder will
/// read it.
struct Codes {
    bytes: Vec<u8>,
    pending: u64,
    pending_bits: u32,
    min_code_size: u32,
    width: u32,
    /// The entry the decoder creates on reading the next code (`clear + 1 + codes since the
    /// clear`): it reads each code with the bits that entry needs.
    decoder_next: u32,
}

impl Codes {
    fn new(min_code_size: u32, capacity: usize) -> Codes {
        let mut bytes = Vec::with_capacity(capacity);
        bytes.push(min_code_size as u8);
        Codes {
            bytes,
            pending: 0,
            pending_bits: 0,
            min_code_size,
            width: min_code_size + 1,
            decoder_next: (1 << min_code_size) + 1,
        }
    }

    fn push(&mut self, code: u32) {
        if self.decoder_next >= 1 << self.width && self.width < 12 {
            self.width += 1;
        }
        self.pending |= u64::from(code) << self.pending_bits;
        self.pending_bits += self.width;
        if self.pending_bits >= 32 {
            self.bytes
                .extend_from_slice(&(self.pending as u32).to_le_bytes());
            self.pending >>= 32;
            self.pending_bits -= 32;
        }
        self.decoder_next += 1;
        if code == 1 << self.min_code_size {
            // A clear code: the decoder starts afresh too.
            self.width = self.min_code_size + 1;
            self.decoder_next = (1 << self.min_code_size) + 1;
        }
    }

    fn finish(mut self) -> Vec<u8> {
        let bytes = self.pending_bits.div_ceil(8) as usize;
        self.bytes
            .extend_from_slice(&self.pending.to_le_bytes()[..bytes]);
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The indices back from a one-frame GIF holding `data` as `width` columns.
    fn round_trip(data: &[u8], width: u16) -> Vec<u8> {
        let height = (data.len() / usize::from(width)) as u16;
        let palette: Vec<u8> = (0..=255u8).flat_map(|i| [i, i, i]).collect();
        let mut gif = Vec::new();
        let mut encoder = gif::Encoder::new(&mut gif, width, height, &palette).unwrap();
        let frame = gif::Frame {
            width,
            height,
            buffer: compress(data).into(),
            ..gif::Frame::default()
        };
        encoder.write_lzw_pre_encoded_frame(&frame).unwrap();
        drop(encoder);
        let mut options = gif::DecodeOptions::new();
        options.set_color_output(gif::ColorOutput::Indexed);
        let mut decoder = options.read_info(&gif[..]).unwrap();
        decoder.read_next_frame().unwrap().unwrap().buffer.to_vec()
    }

    /// A tiny pseudo-random generator, so the test needs no dependency.
    fn noise(seed: u64, len: usize, below: u64) -> Vec<u8> {
        let mut state = seed;
        (0..len)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((state >> 33) % below) as u8
            })
            .collect()
    }

    #[test]
    fn frames_decode_to_their_indices() {
        // Noise fills the table again and again (each code size); runs make long codes.
        for below in [2, 4, 5, 16, 100, 256] {
            let data = noise(below, 64 * 700, below);
            assert_eq!(round_trip(&data, 64), data, "{below} colours");
        }
        let runs: Vec<u8> = noise(9, 3_000, 7)
            .into_iter()
            .flat_map(|c| std::iter::repeat_n(c, 1 + usize::from(c) * 37))
            .collect();
        let cut = runs.len() - runs.len() % 50;
        assert_eq!(round_trip(&runs[..cut], 50), &runs[..cut]);
        assert_eq!(round_trip(&[200], 1), [200]);
        assert_eq!(round_trip(&[0; 10_000], 100), [0; 10_000]);
    }
}
