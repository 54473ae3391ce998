//! Black and white, for journals that print without colour: the status sets the grey, the power
//! sets the pattern (Japan rising diagonals, Russia verticals, a third power falling diagonals),
//! and a crossed pattern marks concession zones and occupations. Only pure greys are used, so a
//! printer's grayscale conversion changes nothing.

use super::{AreaStyle, Hatch, Look, Palette, Ramp};
use crate::color::Rgb;
use crate::options::Style;

const fn grey(level: u8) -> Rgb {
    Rgb(level, level, level)
}

/// Water, borders and neutral land in greys. The sea sits between the protectorate and sphere
/// greys, at least 6 L* from both, and lighter land outside the spheres is almost paper.
pub(super) const PALETTE: Palette = Palette {
    style: Style::Mono,
    water: grey(0xD2),
    river: grey(0x8A),
    border: grey(0x60),
    graticule: grey(0xB0),
    unclaimed: grey(0xFA),
    undefined: grey(0xEC),
    undefined_hatch: grey(0x80),
};

/// One ramp for every power: the grey says the status, the pattern says the power.
pub(super) const RAMP: Ramp = Ramp {
    held: grey(0x9C),
    protectorate: grey(0xC0),
    sphere: grey(0xE4),
    ink: grey(0x26),
};

/// The pattern over held land: lighter than the other patterns, so large territories do not
/// turn the page black.
const HELD_INK: Rgb = grey(0x50);
/// A puppet state: between held land and a protectorate.
const PUPPET: Rgb = grey(0xAE);
/// Military occupation (cross-patterned).
const OCCUPIED: Rgb = grey(0xC8);
/// An area of a lapsed agreement: almost paper, its power's pattern faint.
const LAPSED: Rgb = grey(0xF2);
/// The pattern of a lapsed area.
const LAPSED_INK: Rgb = grey(0x8A);

/// The pattern of the `index`th power in treaty order.
pub(crate) fn pattern(index: usize) -> Hatch {
    [Hatch::Rising, Hatch::Vertical, Hatch::Falling][index % 3]
}

/// The pattern crossed by its perpendicular.
fn crossed(pattern: Hatch) -> Hatch {
    match pattern {
        Hatch::Vertical | Hatch::Horizontal | Hatch::Grid => Hatch::Grid,
        Hatch::Rising | Hatch::Falling | Hatch::Cross => Hatch::Cross,
    }
}

/// The style of a look held by the power with this (index, ramp).
pub(super) fn area(palette: &Palette, ramp: Option<(usize, Ramp)>, look: Look) -> AreaStyle {
    let (index, ramp) = match (look, ramp) {
        // Undefined land: a neutral grey striped across, unlike any power's pattern.
        (Look::Undefined, _) => {
            return AreaStyle {
                fill: palette.undefined,
                hatch: Some((palette.undefined_hatch, Hatch::Horizontal)),
            }
        }
        (_, None) => {
            return AreaStyle {
                fill: palette.undefined,
                hatch: None,
            }
        }
        (_, Some(held_by)) => held_by,
    };
    let own = pattern(index);
    let (fill, ink, hatch) = match look {
        Look::Held => (ramp.held, HELD_INK, own),
        Look::Protectorate => (ramp.protectorate, ramp.ink, own),
        Look::Puppet => (PUPPET, ramp.ink, own),
        // (Undefined land has returned above.)
        Look::Sphere | Look::Undefined => (ramp.sphere, ramp.ink, own),
        Look::Concession => (ramp.sphere, ramp.ink, crossed(own)),
        Look::Occupied => (OCCUPIED, ramp.ink, crossed(own)),
        Look::Lapsed => (LAPSED, LAPSED_INK, own),
    };
    AreaStyle {
        fill,
        hatch: Some((ink, hatch)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two areas with the same pattern (or none, as the sea) differ by at least 6 L* in grey,
    /// for every look of the first three powers, neutral land and the sea; and every power's
    /// pattern is its own.
    #[test]
    fn areas_differ_by_pattern_or_grey() {
        let looks = [
            Look::Held,
            Look::Protectorate,
            Look::Sphere,
            Look::Concession,
            Look::Undefined,
            Look::Lapsed,
            Look::Puppet,
            Look::Occupied,
        ];
        let mut styles: Vec<(String, AreaStyle)> = Vec::new();
        for index in 0..3 {
            for look in looks {
                let style = area(&PALETTE, Some((index, RAMP)), look);
                styles.push((format!("power {index} {look:?}"), style));
            }
        }
        styles.push(("outside".into(), AreaStyle::of(&PALETTE, None, None)));
        let sea = AreaStyle {
            fill: PALETTE.water,
            hatch: None,
        };
        styles.push(("sea".into(), sea));
        for (i, (a, sa)) in styles.iter().enumerate() {
            for (b, sb) in &styles[i + 1..] {
                if sa.hatch == sb.hatch {
                    let gap = (sa.fill.lightness() - sb.fill.lightness()).abs();
                    assert!(
                        gap >= 6.0 || sa == sb,
                        "{a} / {b}: same pattern, {gap:.1} L* apart"
                    );
                }
            }
        }
        let patterns: Vec<Hatch> = (0..3).map(pattern).collect();
        assert!(patterns[0] != patterns[1] && patterns[1] != patterns[2]);
        assert!(
            !patterns.contains(&Hatch::Horizontal),
            "that is undefined land's"
        );
    }
}
