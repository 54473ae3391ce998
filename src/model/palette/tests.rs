use super::*;

/// Fills that touch on the bundled maps must differ in grayscale by at least 6 L*.
#[test]
fn neighbouring_fills_differ_in_grayscale() {
    let (japan, russia) = (RAMPS[0], RAMPS[1]);
    let pairs = [
        (
            "Japanese sphere / Russian sphere",
            japan.sphere,
            russia.sphere,
        ),
        ("Korea (colony) / Russian Empire", japan.held, russia.held),
        (
            "Korea (protectorate) / Russian Empire",
            japan.protectorate,
            russia.held,
        ),
        (
            "Korea (protectorate) / Japanese sphere",
            japan.protectorate,
            japan.sphere,
        ),
        ("Korea (colony) / Japanese sphere", japan.held, japan.sphere),
        (
            "Russian Empire / Russian sphere",
            russia.held,
            russia.sphere,
        ),
        (
            "Tannu Uriankhai / Russian Empire",
            russia.protectorate,
            russia.held,
        ),
        ("Japanese sphere / China", japan.sphere, UNCLAIMED),
        ("Russian sphere / China", russia.sphere, UNCLAIMED),
        ("Russian Empire / China", russia.held, UNCLAIMED),
        ("land / sea", UNCLAIMED, WATER),
        ("Japan / sea", japan.held, WATER),
        ("Japanese sphere / sea", japan.sphere, WATER),
        ("Russian sphere / sea", russia.sphere, WATER),
        ("Russian Empire / sea", russia.held, WATER),
        ("Korea (protectorate) / sea", japan.protectorate, WATER),
    ];
    for (what, a, b) in pairs {
        let gap = (a.lightness() - b.lightness()).abs();
        assert!(gap >= 6.0, "{what}: only {gap:.1} L* apart");
    }
}

/// Issue 10: a protectorate stands apart from its power's own territory (Korea before 1910 from
/// Japan, Tannu Uriankhai in 1916 from the Russian Empire), in every ramp, and Korea, held on
/// any terms, from the sea around it: at least 12 L*, twice the gap of other neighbours, since
/// these are the pairs a reader must tell apart without the key.
#[test]
fn protectorates_and_korea_stand_apart_in_grayscale() {
    const GAP: f64 = 12.0;
    for (i, ramp) in RAMPS.iter().enumerate() {
        let gap = (ramp.protectorate.lightness() - ramp.held.lightness()).abs();
        assert!(
            gap >= GAP,
            "ramp {i}: protectorate only {gap:.1} L* from territory"
        );
    }
    let japan = Some((0, RAMPS[0]));
    for look in [Look::Held, Look::Protectorate] {
        let korea = AreaStyle::of_look(&Palette::COLOUR, japan, look).fill;
        let gap = (korea.lightness() - WATER.lightness()).abs();
        assert!(gap >= GAP, "Korea ({look:?}) only {gap:.1} L* from the sea");
    }
}

/// Issue 15: the fills of 1905–1945 that touch (Japan first, Russia second and the United
/// States with its own colour, as in the bundled data).
#[test]
fn neighbouring_fills_of_1905_to_1945_differ_in_grayscale() {
    let (japan, russia) = (Some((0, RAMPS[0])), Some((1, RAMPS[1])));
    let usa = Some((2, Ramp::for_power(2, Some("#E08BAA"))));
    let fill =
        |ramp: Option<(usize, Ramp)>, look| AreaStyle::of_look(&Palette::COLOUR, ramp, look).fill;
    let puppet = fill(japan, Look::Puppet);
    let japan_occupied = fill(japan, Look::Occupied);
    let soviet_occupied = fill(russia, Look::Occupied);
    let satellite = fill(russia, Look::Protectorate);
    let soviet = fill(russia, Look::Held);
    let russian_lapsed = fill(russia, Look::Lapsed);
    let pairs = [
        ("Manchukuo / Mongolian People's Republic", puppet, satellite),
        ("Manchukuo / Soviet Union", puppet, soviet),
        ("Manchukuo / Korea", puppet, fill(japan, Look::Held)),
        ("Manchukuo / occupied China", puppet, japan_occupied),
        (
            "Manchukuo / SMR zone",
            puppet,
            fill(japan, Look::Concession),
        ),
        ("Manchukuo / lapsed Russian sphere", puppet, russian_lapsed),
        (
            "Manchukuo / lapsed Japanese sphere",
            puppet,
            fill(japan, Look::Lapsed),
        ),
        ("Manchukuo / China", puppet, UNCLAIMED),
        ("Manchukuo / sea", puppet, WATER),
        (
            "Mongolian People's Republic / Soviet Union",
            satellite,
            soviet,
        ),
        (
            "Mongolian People's Republic / lapsed Russian sphere",
            satellite,
            russian_lapsed,
        ),
        ("Mongolian People's Republic / China", satellite, UNCLAIMED),
        ("occupied China / China", japan_occupied, UNCLAIMED),
        (
            "occupied China / Ordos (lapsed Russian sphere)",
            japan_occupied,
            russian_lapsed,
        ),
        ("occupied China / sea", japan_occupied, WATER),
        (
            "occupied northern Sakhalin / Karafuto",
            japan_occupied,
            fill(japan, Look::Held),
        ),
        ("Soviet occupation / Soviet Union", soviet_occupied, soviet),
        (
            "Soviet occupation / Mongolian People's Republic",
            soviet_occupied,
            satellite,
        ),
        ("Soviet occupation / China", soviet_occupied, UNCLAIMED),
        ("Soviet occupation / sea", soviet_occupied, WATER),
        (
            "Soviet occupation / American occupation",
            soviet_occupied,
            fill(usa, Look::Occupied),
        ),
        (
            "American occupation / sea",
            fill(usa, Look::Occupied),
            WATER,
        ),
        (
            "joint CER zone / lapsed Russian sphere",
            fill(russia, Look::Concession),
            russian_lapsed,
        ),
        (
            "joint CER zone / Japanese occupation",
            fill(russia, Look::Concession),
            japan_occupied,
        ),
    ];
    for (what, a, b) in pairs {
        let gap = (a.lightness() - b.lightness()).abs();
        assert!(gap >= 6.0, "{what}: only {gap:.1} L* apart");
    }
    // One pair, on the 1931 map only, is told apart by its hatching rather than its fill:
    // Japan's occupation (cross-hatched) beside its own lapsed sphere (striped).
    let (occupied, lapsed) = (
        AreaStyle::of_look(&Palette::COLOUR, japan, Look::Occupied),
        AreaStyle::of_look(&Palette::COLOUR, japan, Look::Lapsed),
    );
    assert_eq!(occupied.hatch.map(|h| h.1), Some(Hatch::Cross));
    assert_eq!(lapsed.hatch.map(|h| h.1), Some(Hatch::Horizontal));
}

/// Viénot, Brettel & Mollon (1999) dichromat simulation, in linear RGB.
fn simulate(c: Rgb, m: [[f64; 3]; 3]) -> Rgb {
    let lin = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let enc = |v: f64| {
        let v = v.clamp(0.0, 1.0);
        let v = if v <= 0.003_130_8 {
            12.92 * v
        } else {
            1.055 * v.powf(1.0 / 2.4) - 0.055
        };
        (v * 255.0).round() as u8
    };
    let l = [lin(c.0), lin(c.1), lin(c.2)];
    let row = |r: [f64; 3]| enc(r[0] * l[0] + r[1] * l[1] + r[2] * l[2]);
    Rgb(row(m[0]), row(m[1]), row(m[2]))
}

/// CIE 1976 ΔE between two sRGB colours (D65).
fn delta_e(a: Rgb, b: Rgb) -> f64 {
    let lab = |c: Rgb| {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = (lin(c.0), lin(c.1), lin(c.2));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    };
    let (p, q) = (lab(a), lab(b));
    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
}

#[test]
fn full_colours_stay_apart_for_colour_blind_readers() {
    const PROTAN: [[f64; 3]; 3] = [
        [0.11238, 0.88762, 0.0],
        [0.11238, 0.88762, 0.0],
        [0.00401, -0.00401, 1.0],
    ];
    const DEUTAN: [[f64; 3]; 3] = [
        [0.29275, 0.70725, 0.0],
        [0.29275, 0.70725, 0.0],
        [-0.02234, 0.02234, 1.0],
    ];
    for (i, a) in RAMPS.iter().enumerate() {
        for (j, b) in RAMPS.iter().enumerate().skip(i + 1) {
            let (a, b) = (a.held, b.held);
            let gaps = [
                delta_e(a, b),
                delta_e(simulate(a, PROTAN), simulate(b, PROTAN)),
                delta_e(simulate(a, DEUTAN), simulate(b, DEUTAN)),
            ];
            let gap = gaps.into_iter().fold(f64::INFINITY, f64::min);
            assert!(gap >= 15.0, "ramps {i} and {j}: only {gap:.1} ΔE apart");
        }
    }
}

#[test]
fn every_power_gets_its_own_colours() {
    let ramps: Vec<Ramp> = (0..64).map(|i| Ramp::for_power(i, None)).collect();
    assert_eq!(
        ramps[..RAMPS.len()],
        RAMPS,
        "the palette comes first, unchanged"
    );
    for (i, a) in ramps.iter().enumerate() {
        for (j, b) in ramps.iter().enumerate().skip(i + 1) {
            assert_ne!(a.held, b.held, "powers {i} and {j}");
        }
    }
    // A colour set in the file wins.
    assert_eq!(
        Ramp::for_power(3, Some("#102030")).held,
        Rgb(0x10, 0x20, 0x30)
    );
}
