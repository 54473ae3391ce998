//! Colours and line weights. Chosen so that every fill that can touch another stays apart in
//! grayscale (CIE L*), and so that the two powers sit on the blue–orange axis that colour-blind
//! readers separate best. Hatching, not colour alone, marks concession zones and undefined land.
//! The black-and-white style ([`mono`]) tells the powers apart by pattern instead of colour.

mod mono;

use crate::color::Rgb;
use crate::data::treaties::Status;
use crate::options::Style;

/// Paper behind the map.
pub const PAPER: Rgb = Rgb(255, 255, 255);
/// Sea and lakes.
pub const WATER: Rgb = Rgb(0xB4, 0xCB, 0xDA);
/// Rivers.
pub const RIVER: Rgb = Rgb(0x6E, 0x9C, 0xC0);
/// Land no power holds.
pub const UNCLAIMED: Rgb = Rgb(0xF6, 0xF3, 0xEC);
/// Land an agreement leaves undefined (hatched over).
pub const UNDEFINED: Rgb = Rgb(0xE4, 0xE1, 0xD9);
/// Hatching on undefined land.
pub const UNDEFINED_HATCH: Rgb = Rgb(0x8A, 0x86, 0x7E);
/// Borders between regions.
pub const BORDER: Rgb = Rgb(0x7A, 0x76, 0x70);
/// Graticule.
pub const GRATICULE: Rgb = Rgb(0xA8, 0xB8, 0xC4);
/// Demarcation lines.
pub const TREATY_LINE: Rgb = Rgb(0x14, 0x14, 0x14);
/// Body text.
pub const INK: Rgb = Rgb(0x22, 0x22, 0x22);
/// Secondary text.
pub const MUTED: Rgb = Rgb(0x5A, 0x5A, 0x5A);
/// Railways.
pub const RAILWAY: Rgb = Rgb(0x2A, 0x2A, 0x2A);

/// The colours of a style that do not belong to a power: water, borders, neutral land.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Colour or black and white.
    pub style: Style,
    /// Sea and lakes.
    pub water: Rgb,
    /// Rivers.
    pub river: Rgb,
    /// Borders between regions, and coasts.
    pub border: Rgb,
    /// Graticule.
    pub graticule: Rgb,
    /// Land no power holds.
    pub unclaimed: Rgb,
    /// Land an agreement leaves undefined.
    pub undefined: Rgb,
    /// Hatching on undefined land.
    pub undefined_hatch: Rgb,
}

impl Palette {
    /// The colour palette.
    pub const COLOUR: Palette = Palette {
        style: Style::Colour,
        water: WATER,
        river: RIVER,
        border: BORDER,
        graticule: GRATICULE,
        unclaimed: UNCLAIMED,
        undefined: UNDEFINED,
        undefined_hatch: UNDEFINED_HATCH,
    };

    /// The palette of a style.
    pub fn of(style: Style) -> Palette {
        match style {
            Style::Colour => Palette::COLOUR,
            Style::Mono => mono::PALETTE,
        }
    }

    /// The ramp of the `index`th power (see [`Ramp::for_power`]); in black and white every
    /// power has the same greys, and `color` is ignored.
    pub fn ramp(&self, index: usize, color: Option<&str>) -> Ramp {
        match self.style {
            Style::Colour => Ramp::for_power(index, color),
            Style::Mono => mono::RAMP,
        }
    }
}

impl Default for Palette {
    fn default() -> Palette {
        Palette::COLOUR
    }
}

/// The fills of one power, darkest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ramp {
    /// Territory, colony, leased territory.
    pub held: Rgb,
    /// Protectorate.
    pub protectorate: Rgb,
    /// Sphere of special interests, special interests, concession zone (hatched).
    pub sphere: Rgb,
    /// Hatching, railways and region labels.
    pub ink: Rgb,
}

/// Colour-blind-safe ramps, in the order powers appear in the treaty file. The first two are
/// staggered in lightness so that Japan's and Russia's fills differ in grayscale too. The full
/// colours of any two stay at least 15 ΔE apart for normal, protan and deutan vision (tested);
/// the later four take their lighter fills as plain tints.
pub const RAMPS: [Ramp; 8] = [
    // Vermilion (Japan in the bundled data).
    Ramp {
        held: Rgb(0xA6, 0x3A, 0x1E),
        protectorate: Rgb(0xE3, 0x84, 0x5C),
        sphere: Rgb(0xF9, 0xD7, 0xBF),
        ink: Rgb(0x7A, 0x26, 0x10),
    },
    // Blue (Russia).
    Ramp {
        held: Rgb(0x40, 0x78, 0xAE),
        protectorate: Rgb(0x73, 0x98, 0xC2),
        sphere: Rgb(0x93, 0xB5, 0xD8),
        ink: Rgb(0x1F, 0x45, 0x70),
    },
    // Bluish green.
    Ramp {
        held: Rgb(0x00, 0x7A, 0x5E),
        protectorate: Rgb(0x4C, 0xA6, 0x8C),
        sphere: Rgb(0xB4, 0xDE, 0xCF),
        ink: Rgb(0x00, 0x4D, 0x3B),
    },
    // Reddish purple.
    Ramp {
        held: Rgb(0x8E, 0x4A, 0x7C),
        protectorate: Rgb(0xB9, 0x7E, 0xA8),
        sphere: Rgb(0xE6, 0xC6, 0xDC),
        ink: Rgb(0x5C, 0x26, 0x4E),
    },
    // Ochre.
    Ramp {
        held: Rgb(0xD2, 0xA9, 0x2E),
        protectorate: Rgb(0xE7, 0xCF, 0x88),
        sphere: Rgb(0xED, 0xDD, 0xAB),
        ink: Rgb(0x7E, 0x65, 0x1B),
    },
    // Indigo.
    Ramp {
        held: Rgb(0x2E, 0x2A, 0x6B),
        protectorate: Rgb(0x77, 0x75, 0x9F),
        sphere: Rgb(0xAB, 0xAA, 0xC4),
        ink: Rgb(0x1B, 0x19, 0x40),
    },
    // Rose.
    Ramp {
        held: Rgb(0xE0, 0x8B, 0xAA),
        protectorate: Rgb(0xEE, 0xBA, 0xCD),
        sphere: Rgb(0xF3, 0xD1, 0xDD),
        ink: Rgb(0x86, 0x53, 0x66),
    },
    // Olive.
    Ramp {
        held: Rgb(0x8F, 0x9C, 0x4B),
        protectorate: Rgb(0xB6, 0xBF, 0x8A),
        sphere: Rgb(0xD2, 0xD7, 0xB7),
        ink: Rgb(0x55, 0x5D, 0x2D),
    },
];

impl Ramp {
    /// The ramp for the `index`th power, or one derived from a colour the data file sets.
    ///
    /// Past the eighth power the palette starts again, each round darker than the last, so every
    /// power still gets its own colours; no palette keeps that many apart for every reader, so
    /// files with more powers should set `color`.
    pub fn for_power(index: usize, color: Option<&str>) -> Ramp {
        match color.and_then(Rgb::parse_hex) {
            Some(base) => Ramp::from_base(base),
            None => {
                let ramp = RAMPS[index % RAMPS.len()];
                match index / RAMPS.len() {
                    0 => ramp,
                    // Darker each round, approaching but never reaching 60 % black.
                    round => {
                        let round = i32::try_from(round).unwrap_or(i32::MAX);
                        Ramp::from_base(ramp.held.shade(0.6 * (1.0 - 0.6f64.powi(round))))
                    }
                }
            }
        }
    }

    /// Lighter fills and a darker ink from one full colour.
    fn from_base(base: Rgb) -> Ramp {
        Ramp {
            held: base,
            protectorate: base.tint(0.35),
            sphere: base.tint(0.65),
            ink: base.shade(0.4),
        }
    }
}

/// Direction of hatching strokes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hatch {
    /// Strokes rising to the right ("/").
    Rising,
    /// Strokes falling to the right ("\").
    Falling,
    /// Both directions.
    Cross,
    /// Horizontal strokes ("="): areas of agreements no longer in force.
    Horizontal,
    /// Vertical strokes ("|"): a second power's pattern in black and white.
    Vertical,
    /// Vertical and horizontal strokes ("#").
    Grid,
}

impl Hatch {
    /// Distance between strokes in multiples of the layout unit; the map and the key's swatches
    /// use the same, so a swatch looks like the area it stands for.
    pub const SPACING: f64 = 7.0;
    /// Stroke width in multiples of the layout unit.
    pub const WIDTH: f64 = 0.9;
}

/// How a demarcation line is stroked, so every kind of line on a map has its own symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LineSymbol {
    /// A continuous line.
    Solid,
    /// Long dashes: a course that is a reconstruction.
    Dashed,
    /// Dash and dot: a second kind of line.
    DashDot,
    /// Dots: a third kind.
    Dotted,
}

impl LineSymbol {
    /// The symbol of the `index`th line of the lines layer whose course is certain (0-based);
    /// uncertain courses are always dashed.
    pub fn of(index: usize, uncertain: bool) -> LineSymbol {
        match (uncertain, index % 3) {
            (true, _) => LineSymbol::Dashed,
            (false, 0) => LineSymbol::Solid,
            (false, 1) => LineSymbol::DashDot,
            (false, _) => LineSymbol::Dotted,
        }
    }

    /// Dash lengths (on, off, …) in multiples of the line's width; empty for a solid line.
    pub fn pattern(self) -> &'static [f64] {
        match self {
            LineSymbol::Solid => &[],
            LineSymbol::Dashed => &[3.5, 2.0],
            LineSymbol::DashDot => &[5.0, 1.6, 0.9, 1.6],
            LineSymbol::Dotted => &[0.9, 1.4],
        }
    }
}

/// How an area is painted: a fill, and hatching over it for concession zones and undefined land.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaStyle {
    /// Fill colour.
    pub fill: Rgb,
    /// Hatch colour and direction.
    pub hatch: Option<(Rgb, Hatch)>,
}

impl AreaStyle {
    /// The style of an area held on `status` by the power with this (index, ramp); no status
    /// means outside the spheres.
    pub fn of(palette: &Palette, ramp: Option<(usize, Ramp)>, status: Option<Status>) -> AreaStyle {
        match status {
            Some(status) => AreaStyle::of_look(palette, ramp, Look::of(status)),
            None => AreaStyle {
                fill: palette.unclaimed,
                hatch: None,
            },
        }
    }

    /// The style of a look in the ramp of the power with this (index, ramp).
    pub fn of_look(palette: &Palette, ramp: Option<(usize, Ramp)>, look: Look) -> AreaStyle {
        match palette.style {
            Style::Colour => AreaStyle::in_colour(ramp, look),
            Style::Mono => mono::area(palette, ramp, look),
        }
    }

    fn in_colour(ramp: Option<(usize, Ramp)>, look: Look) -> AreaStyle {
        if look == Look::Lapsed {
            // Washed out, and striped so it reads as "no longer" in grayscale too.
            let (fill, ink) = ramp.map_or((UNDEFINED, UNDEFINED_HATCH), |(_, r)| {
                (r.sphere.tint(0.35), r.ink.tint(0.3))
            });
            return AreaStyle {
                fill,
                hatch: Some((ink, Hatch::Horizontal)),
            };
        }
        let hatch = match (look, ramp) {
            (Look::Undefined, _) => Some((UNDEFINED_HATCH, Hatch::Cross)),
            (Look::Occupied, Some((_, r))) => Some((r.ink, Hatch::Cross)),
            // Alternate directions so two powers' concession zones can be told apart.
            (Look::Concession, Some((i, r))) => Some((
                r.ink,
                if i % 2 == 0 {
                    Hatch::Rising
                } else {
                    Hatch::Falling
                },
            )),
            _ => None,
        };
        AreaStyle {
            fill: look.fill(ramp.as_ref().map(|(_, r)| r)),
            hatch,
        }
    }
}

/// How a status is drawn, independent of the power.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Look {
    /// Full colour.
    Held,
    /// Middle tint.
    Protectorate,
    /// Light tint.
    Sphere,
    /// Light tint with hatching.
    Concession,
    /// Neutral with hatching.
    Undefined,
    /// A sphere whose agreement has lapsed: washed out, striped.
    Lapsed,
    /// A puppet state: a lighter tint than a protectorate.
    Puppet,
    /// Military occupation: light tint, cross-hatched in the power's ink.
    Occupied,
}

impl Look {
    /// The look of a status.
    pub fn of(status: Status) -> Look {
        match status {
            Status::Territory | Status::Colony | Status::LeasedTerritory | Status::Annexed => {
                Look::Held
            }
            // A satellite is drawn like the protectorate it often grew out of (Tuva).
            Status::Protectorate | Status::Satellite => Look::Protectorate,
            Status::PuppetState => Look::Puppet,
            Status::Occupied => Look::Occupied,
            Status::Sphere | Status::SpecialInterests => Look::Sphere,
            Status::ConcessionZone => Look::Concession,
            // The model draws land outside every hold as unclaimed before asking for a look.
            Status::Undefined | Status::Outside => Look::Undefined,
        }
    }

    /// Fill colour for this look in a ramp (or the neutral fill).
    pub fn fill(self, ramp: Option<&Ramp>) -> Rgb {
        match (self, ramp) {
            (Look::Undefined, _) | (_, None) => UNDEFINED,
            (Look::Held, Some(r)) => r.held,
            (Look::Protectorate, Some(r)) => r.protectorate,
            (Look::Sphere | Look::Concession | Look::Occupied, Some(r)) => r.sphere,
            (Look::Lapsed, Some(r)) => r.sphere.tint(0.35),
            (Look::Puppet, Some(r)) => r.protectorate.tint(0.2),
        }
    }
}

#[cfg(test)]
mod tests;
