//! The colour type, shared by the data (colours set in the treaty file), the model (the palette)
//! and the painters. A leaf: it depends on nothing else in the crate.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rrggbb`.
    pub fn parse_hex(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// Mixes with white: `amount` 0 keeps the colour, 1 gives white.
    pub fn tint(self, amount: f64) -> Rgb {
        let mix = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * amount).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }

    /// Mixes with black: `amount` 0 keeps the colour, 1 gives black.
    pub fn shade(self, amount: f64) -> Rgb {
        let mix = |c: u8| (f64::from(c) * (1.0 - amount)).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }

    /// CIE L* (0 black … 100 white): what a grayscale print shows.
    pub fn lightness(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let y = 0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2);
        if y > 0.008856 {
            116.0 * y.cbrt() - 16.0
        } else {
            903.3 * y
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lightness_of_black_and_white() {
        assert!(Rgb(0, 0, 0).lightness().abs() < 1e-6);
        assert!((Rgb(255, 255, 255).lightness() - 100.0).abs() < 1e-3);
    }

    #[test]
    fn parses_hex() {
        assert_eq!(Rgb::parse_hex("#a63a1e"), Some(Rgb(0xA6, 0x3A, 0x1E)));
        assert_eq!(Rgb::parse_hex("a63a1e"), None);
        assert_eq!(Rgb::parse_hex("#a63a1"), None);
    }
}
