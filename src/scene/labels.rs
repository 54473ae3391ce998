//! Label placement: every text box is checked against everything already placed, so no two
//! labels overlap. Candidates are tried in a cartographic order of preference (right of the
//! point first); a label that fits nowhere is left out rather than drawn over another.

use super::clip::Px;
use crate::projection::fit::PixelBox;

/// An axis-aligned box in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

impl Bounds {
    /// Whether two boxes overlap (touching edges do not count).
    pub fn overlaps(&self, other: &Bounds) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    /// Grown by `d` on every side.
    pub fn grown(&self, d: f64) -> Bounds {
        Bounds {
            x0: self.x0 - d,
            y0: self.y0 - d,
            x1: self.x1 + d,
            y1: self.y1 + d,
        }
    }

    /// Whether the box lies inside a frame.
    pub fn inside(&self, frame: &PixelBox) -> bool {
        self.x0 >= frame.left
            && self.x1 <= frame.right()
            && self.y0 >= frame.top
            && self.y1 <= frame.bottom()
    }

    /// Whether a segment crosses or lies in the box.
    pub fn touches_segment(&self, a: Px, b: Px) -> bool {
        let frame = PixelBox {
            left: self.x0,
            top: self.y0,
            width: self.x1 - self.x0,
            height: self.y1 - self.y0,
        };
        !super::clip::clip_polyline(&[a, b], &frame).is_empty()
    }
}

/// What is already on the map.
#[derive(Debug, Default, Clone)]
pub struct Occupied {
    boxes: Vec<Bounds>,
    /// Lines a label should rather not sit on (treaty lines), as pixel polylines with their
    /// boxes (most labels are far from most lines).
    avoid_lines: Vec<(Bounds, Vec<Px>)>,
    /// Places held for labels still to come (a region's name inside it), taken until released.
    reserved: Vec<Bounds>,
}

impl Occupied {
    /// Marks a box as taken.
    pub fn add(&mut self, b: Bounds) {
        self.boxes.push(b);
    }

    /// Holds a place for a label still to come.
    pub fn reserve(&mut self, b: Bounds) {
        self.reserved.push(b);
    }

    /// Gives back every held place, before the labels they were held for are placed.
    pub fn release(&mut self) {
        self.reserved.clear();
    }

    /// Registers a line labels should avoid when they can.
    pub fn avoid_line(&mut self, path: Vec<Px>) {
        let bounds = path.iter().fold(
            Bounds {
                x0: f64::INFINITY,
                y0: f64::INFINITY,
                x1: f64::NEG_INFINITY,
                y1: f64::NEG_INFINITY,
            },
            |b, &(x, y)| Bounds {
                x0: b.x0.min(x),
                y0: b.y0.min(y),
                x1: b.x1.max(x),
                y1: b.y1.max(y),
            },
        );
        self.avoid_lines.push((bounds, path));
    }

    /// Whether a box is free of other boxes and of held places.
    pub fn is_free(&self, b: &Bounds) -> bool {
        !self
            .boxes
            .iter()
            .chain(&self.reserved)
            .any(|o| o.overlaps(b))
    }

    /// The boxes and held places a box overlaps.
    pub fn blocking<'a>(&'a self, b: &'a Bounds) -> impl Iterator<Item = &'a Bounds> + 'a {
        self.boxes
            .iter()
            .chain(&self.reserved)
            .filter(move |o| o.overlaps(b))
    }

    /// Whether a box sits on one of the lines to avoid.
    pub fn crosses_line(&self, b: &Bounds) -> bool {
        let near = |(x0, x1): (f64, f64), (y0, y1): (f64, f64)| {
            x0.min(x1) <= b.x1 && x0.max(x1) >= b.x0 && y0.min(y1) <= b.y1 && y0.max(y1) >= b.y0
        };
        self.avoid_lines.iter().any(|(bounds, path)| {
            near((bounds.x0, bounds.x1), (bounds.y0, bounds.y1))
                && path.windows(2).any(|s| {
                    near((s[0].0, s[1].0), (s[0].1, s[1].1)) && b.touches_segment(s[0], s[1])
                })
        })
    }
}

/// Where a label goes relative to its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Right, vertically centred.
    Right,
    /// Left, vertically centred.
    Left,
    /// Above right.
    AboveRight,
    /// Below right.
    BelowRight,
    /// Above left.
    AboveLeft,
    /// Below left.
    BelowLeft,
    /// Centred above.
    Above,
    /// Centred below.
    Below,
}

/// Preference order, as in most atlases.
pub const SLOTS: [Slot; 8] = [
    Slot::Right,
    Slot::AboveRight,
    Slot::BelowRight,
    Slot::Left,
    Slot::AboveLeft,
    Slot::BelowLeft,
    Slot::Above,
    Slot::Below,
];

/// A placed label: its text box and the text's left x and baseline y.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// The box the text occupies.
    pub bounds: Bounds,
    /// x of the text's left edge.
    pub x: f64,
    /// y of the baseline.
    pub baseline: f64,
}

/// The text box for a label of `width` × (`ascent` + `descent`) in a slot around `point`.
pub fn candidate(
    point: Px,
    slot: Slot,
    width: f64,
    ascent: f64,
    descent: f64,
    gap: f64,
) -> Placement {
    let h = ascent + descent;
    let (x, top) = match slot {
        Slot::Right => (point.0 + gap, point.1 - h / 2.0),
        Slot::Left => (point.0 - gap - width, point.1 - h / 2.0),
        Slot::AboveRight => (point.0 + gap * 0.7, point.1 - gap * 0.7 - h),
        Slot::BelowRight => (point.0 + gap * 0.7, point.1 + gap * 0.7),
        Slot::AboveLeft => (point.0 - gap * 0.7 - width, point.1 - gap * 0.7 - h),
        Slot::BelowLeft => (point.0 - gap * 0.7 - width, point.1 + gap * 0.7),
        Slot::Above => (point.0 - width / 2.0, point.1 - gap - h),
        Slot::Below => (point.0 - width / 2.0, point.1 + gap),
    };
    Placement {
        bounds: Bounds {
            x0: x,
            y0: top,
            x1: x + width,
            y1: top + h,
        },
        x,
        baseline: top + ascent,
    }
}

/// Tries the slots in order; prefers a slot clear of the lines to avoid, accepts one that only
/// touches a line, and gives up if every slot overlaps a placed box or leaves the frame.
pub fn place(
    occupied: &Occupied,
    frame: &PixelBox,
    candidates: impl IntoIterator<Item = Placement>,
) -> Option<Placement> {
    let mut fallback = None;
    for c in candidates {
        if !c.bounds.inside(frame) || !occupied.is_free(&c.bounds) {
            continue;
        }
        if !occupied.crosses_line(&c.bounds) {
            return Some(c);
        }
        fallback.get_or_insert(c);
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAME: PixelBox = PixelBox {
        left: 0.0,
        top: 0.0,
        width: 100.0,
        height: 100.0,
    };

    fn all(point: Px) -> Vec<Placement> {
        SLOTS
            .iter()
            .map(|&s| candidate(point, s, 20.0, 8.0, 2.0, 3.0))
            .collect()
    }

    #[test]
    fn prefers_right_then_moves_when_taken() {
        let mut occ = Occupied::default();
        let first = place(&occ, &FRAME, all((50.0, 50.0))).unwrap();
        assert!(first.x > 50.0);
        occ.add(first.bounds);
        let second = place(&occ, &FRAME, all((50.0, 50.0))).unwrap();
        assert!(!second.bounds.overlaps(&first.bounds));
    }

    #[test]
    fn never_leaves_the_frame() {
        let occ = Occupied::default();
        let p = place(&occ, &FRAME, all((98.0, 50.0))).unwrap();
        assert!(p.bounds.x1 <= 100.0);
    }

    #[test]
    fn avoids_lines_when_it_can() {
        let mut occ = Occupied::default();
        // A line through where the preferred (right-hand) labels would go.
        occ.avoid_line(vec![(60.0, 0.0), (60.0, 100.0)]);
        let p = place(&occ, &FRAME, all((50.0, 50.0))).unwrap();
        assert!(!occ.crosses_line(&p.bounds), "{p:?}");
        assert!(p.bounds.x1 < 60.0, "{p:?}");
    }

    #[test]
    fn gives_up_when_boxed_in() {
        let mut occ = Occupied::default();
        occ.add(Bounds {
            x0: 0.0,
            y0: 0.0,
            x1: 100.0,
            y1: 100.0,
        });
        assert!(place(&occ, &FRAME, all((50.0, 50.0))).is_none());
    }

    #[test]
    fn a_held_place_is_taken_until_released() {
        let mut occ = Occupied::default();
        let first = place(&occ, &FRAME, all((50.0, 50.0))).unwrap();
        occ.reserve(first.bounds);
        let second = place(&occ, &FRAME, all((50.0, 50.0))).unwrap();
        assert!(!second.bounds.overlaps(&first.bounds));
        occ.release();
        assert_eq!(place(&occ, &FRAME, all((50.0, 50.0))), Some(first));
    }
}
