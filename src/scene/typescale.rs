//! Type sizes for each kind of page, in pixels. Print pages are set in points at their dpi and
//! never go under 6 pt; slides are set for the back of a lecture hall; region names are always
//! larger than town names, so the hierarchy reads at a glance.

use crate::options::{MapOptions, Page};

/// Every text size of a page, in px. A size of 0 leaves that text out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TypeScale {
    /// Map title.
    pub title: f64,
    /// Agreement line under the title.
    pub subtitle: f64,
    /// Signatories and date line (0: left out).
    pub detail: f64,
    /// Key entries (0: no key).
    pub legend: f64,
    /// Key headings.
    pub legend_heading: f64,
    /// Region names (bold capitals).
    pub region: f64,
    /// Town names by rank 1, 2, 3 (0: towns of that rank left out).
    pub place: [f64; 3],
    /// Line tags on the map.
    pub tag: f64,
    /// Graticule, scale bar and credit.
    pub small: f64,
    /// No text may be set smaller than this (labels shrink to it, never below).
    pub min: f64,
    /// Line weights, dot sizes and spacings, as a multiple of a 1920 × 1080 screen figure's.
    pub weight: f64,
}

impl TypeScale {
    /// The type of a page.
    pub fn for_page(options: &MapOptions) -> TypeScale {
        let (w, h) = (f64::from(options.width), f64::from(options.height));
        let s = options.text_scale;
        let scaled = |t: TypeScale, k: f64| TypeScale {
            title: t.title * k,
            subtitle: t.subtitle * k,
            detail: t.detail * k,
            legend: t.legend * k,
            legend_heading: t.legend_heading * k,
            region: t.region * k,
            place: t.place.map(|p| p * k),
            tag: t.tag * k,
            small: t.small * k,
            min: t.min * k,
            weight: t.weight * s,
        };
        match options.page {
            // A screen figure: sized to a 1920 × 1080 canvas.
            Page::Screen => scaled(
                TypeScale {
                    title: 34.0,
                    subtitle: 18.0,
                    detail: 15.0,
                    legend: 14.5,
                    legend_heading: 16.0,
                    region: 16.0,
                    place: [14.0, 13.0, 12.0],
                    tag: 14.0,
                    small: 12.0,
                    min: 9.0,
                    weight: (w / 1920.0).min(h / 1080.0),
                },
                // Small screen figures keep type that can be read.
                (w / 1920.0).min(h / 1080.0).max(0.65) * s,
            ),
            // Regions at least 28 px and towns 20 px on a 1080-line projector; minor towns out.
            Page::Slide => scaled(
                TypeScale {
                    title: 44.0,
                    subtitle: 26.0,
                    detail: 21.0,
                    legend: 21.0,
                    legend_heading: 23.0,
                    region: 28.0,
                    place: [22.0, 20.0, 0.0],
                    tag: 20.0,
                    small: 18.0,
                    min: 18.0,
                    weight: (h / 1080.0).min(w / 1440.0) * 1.25,
                },
                (h / 1080.0).min(w / 1440.0) * s,
            ),
            // In points: 6 pt at the least, as journals ask.
            Page::Print { dpi } => {
                let narrow = options.print_size_mm.is_some_and(|(w_mm, _)| w_mm < 120.0);
                let t = if narrow {
                    TypeScale {
                        title: 9.0,
                        subtitle: 7.0,
                        detail: 6.0,
                        legend: 6.5,
                        legend_heading: 7.0,
                        region: 7.0,
                        place: [6.5, 0.0, 0.0],
                        tag: 6.5,
                        small: 6.0,
                        min: 6.0,
                        weight: f64::from(dpi) / 72.0 * 6.5 / 14.0,
                    }
                } else {
                    TypeScale {
                        title: 12.0,
                        subtitle: 8.5,
                        detail: 7.0,
                        legend: 7.0,
                        legend_heading: 7.5,
                        region: 7.5,
                        place: [7.0, 6.5, 6.0],
                        tag: 7.0,
                        small: 6.0,
                        min: 6.0,
                        weight: f64::from(dpi) / 72.0 * 6.5 / 14.0,
                    }
                };
                scaled(t, f64::from(dpi) / 72.0 * s)
            }
            // Main names only; no key, no detail line.
            Page::Thumbnail => scaled(
                TypeScale {
                    title: 19.0,
                    subtitle: 11.0,
                    detail: 0.0,
                    legend: 0.0,
                    legend_heading: 0.0,
                    region: 11.0,
                    place: [10.0, 0.0, 0.0],
                    tag: 10.0,
                    small: 9.0,
                    min: 9.0,
                    weight: (h / 360.0).min(w / 640.0) * 0.6,
                },
                (h / 360.0).min(w / 640.0) * s,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Preset;

    #[test]
    fn print_type_is_at_least_six_points_and_regions_outrank_towns() {
        for preset in [Preset::Article, Preset::Column] {
            let options = MapOptions::for_preset(Some(preset), Some(300)).unwrap();
            let t = TypeScale::for_page(&options);
            let pt = |px: f64| px / 300.0 * 72.0;
            for size in [t.title, t.subtitle, t.legend, t.region, t.place[0], t.small] {
                assert!(pt(size) >= 6.0 - 1e-9, "{preset:?}: {:.2} pt", pt(size));
            }
            assert!(t.region > t.place[0], "{preset:?}");
        }
    }

    #[test]
    fn slides_are_readable_from_the_back() {
        let t = TypeScale::for_page(&MapOptions::for_preset(Some(Preset::Slide), None).unwrap());
        assert!(t.region >= 28.0 && t.place[0] >= 20.0 && t.place[1] >= 20.0);
    }
}
