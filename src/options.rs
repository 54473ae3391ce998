//! What a caller asks of a map — page size, kind of page, printed size, extent, style — checked
//! once, here, so a library caller gets the same one-line errors as the command line.

use crate::error::{Error, Result};

/// Pages from 200 to 10,000 px a side.
const PAGE_PX: std::ops::RangeInclusive<u32> = 200..=10_000;
/// Print resolutions accepted for print presets.
const DPI: std::ops::RangeInclusive<u32> = 72..=1200;

/// A size, type and layout for one use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// 1920 × 1080, type for a lecture hall.
    Slide,
    /// 1600 × 1200 (4:3), type for a lecture hall.
    Slide4x3,
    /// 170 × 120 mm for print (a page-wide figure), at a given dpi.
    Article,
    /// 85 × 140 mm for print (a one-column figure), at a given dpi.
    Column,
    /// 640 × 360, no key.
    Thumbnail,
}

/// What a page is for: it sets the type sizes (see the scene's type scale).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Page {
    /// A screen figure sized in pixels (the default 1920 × 1080).
    Screen,
    /// A slide: type large enough for the back of a lecture hall.
    Slide,
    /// Print at `dpi`: type in points, never under 6 pt.
    Print {
        /// Pixels per inch.
        dpi: u32,
    },
    /// A thumbnail: main names only, no key.
    Thumbnail,
}

/// How areas are told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// Colour by power, tint by status.
    #[default]
    Colour,
    /// Black and white: grey by status, pattern and lettering by power.
    Mono,
}

/// How an SVG carries its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SvgText {
    /// `<text>` elements with the subset of the bundled font that the page uses embedded as
    /// an `@font-face` data URL: the file looks the same everywhere and its text stays text.
    #[default]
    Embedded,
    /// `<text>` elements naming the family only (smaller, for editing where Noto Sans is
    /// installed; elsewhere a fallback `sans-serif` font is used).
    System,
    /// Glyph outlines as `<path>`s with the string as their accessible name, for renderers that
    /// ignore embedded fonts: exact everywhere, but no longer editable or searchable as text.
    Paths,
}

/// The language a map is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Japanese.
    Ja,
    /// Russian.
    Ru,
    /// Chinese in simplified characters.
    Zh,
    /// Chinese in traditional characters.
    ZhHant,
    /// Korean.
    Ko,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 6] = [
        Lang::En,
        Lang::Ja,
        Lang::Ru,
        Lang::Zh,
        Lang::ZhHant,
        Lang::Ko,
    ];

    /// The BCP 47 tag: `en`, `ja`, `ru`, `zh`, `zh-Hant`, `ko`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
            Lang::Ru => "ru",
            Lang::Zh => "zh",
            Lang::ZhHant => "zh-Hant",
            Lang::Ko => "ko",
        }
    }

    /// The language of a tag, or a usage error listing the languages.
    ///
    /// ```
    /// use spheres_map::Lang;
    /// assert_eq!(Lang::parse("zh-Hant").unwrap(), Lang::ZhHant);
    /// assert!(Lang::parse("fr").unwrap_err().to_string().contains("en, ja, ru"));
    /// ```
    pub fn parse(tag: &str) -> Result<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(tag))
            .ok_or_else(|| {
                let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
                Error::Usage(format!(
                    "unknown language '{tag}': choose one of {}",
                    codes.join(", ")
                ))
            })
    }
}

/// The page of one map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapOptions {
    /// Canvas width in px.
    pub width: u32,
    /// Canvas height in px.
    pub height: u32,
    /// What the page is for (sets the type sizes).
    pub page: Page,
    /// Multiplies every text size and line weight (1 = sized for the page).
    pub text_scale: f64,
    /// Printed size in millimetres, written into vector output so print layouts place it at
    /// that size; `None` for screen output sized in pixels.
    pub print_size_mm: Option<(f64, f64)>,
    /// PNG pixels per canvas pixel (2 gives a 3840 × 2160 PNG of a 1920 × 1080 page).
    pub png_scale: f64,
    /// The lon/lat box to show (west, south, east, north) for a detail map; `None` shows every
    /// region the agreements assign.
    pub extent: Option<[f64; 4]>,
    /// Colour or black and white.
    pub style: Style,
    /// How SVG output carries its text.
    pub svg_text: SvgText,
    /// PDF colours in DeviceCMYK, greys (black included) as K only, for print shops; RGB
    /// otherwise.
    pub cmyk: bool,
    /// The language of every text on the page.
    pub lang: Lang,
    /// The tallest the page may grow to, in px, where its key would otherwise leave the map
    /// narrower than the page (the one-column print preset: a journal fixes a figure's width,
    /// not its height, and a longer language needs a taller key); `None` keeps the height.
    pub grow_to: Option<u32>,
}

impl Default for MapOptions {
    /// A 1920 × 1080 screen figure.
    fn default() -> Self {
        MapOptions {
            width: 1920,
            height: 1080,
            page: Page::Screen,
            text_scale: 1.0,
            print_size_mm: None,
            png_scale: 1.0,
            extent: None,
            style: Style::Colour,
            svg_text: SvgText::Embedded,
            cmyk: false,
            lang: Lang::En,
            grow_to: None,
        }
    }
}

impl MapOptions {
    /// The page of a preset (the default page for `None`); `dpi` sets the pixels of print
    /// presets (300 if `None`) and is refused for the others.
    ///
    /// ```
    /// use spheres_map::{MapOptions, Preset};
    /// let article = MapOptions::for_preset(Some(Preset::Article), Some(300)).unwrap();
    /// assert_eq!((article.width, article.height), (2008, 1417));
    /// assert!(MapOptions::for_preset(Some(Preset::Slide), Some(300)).is_err());
    /// assert!(MapOptions::for_preset(None, Some(300)).is_err());
    /// ```
    pub fn for_preset(preset: Option<Preset>, dpi: Option<u32>) -> Result<MapOptions> {
        let print = matches!(preset, Some(Preset::Article | Preset::Column));
        if dpi.is_some() && !print {
            return Err(Error::Usage(
                "--dpi applies to the print presets (article, column) only; use --width, \
                 --height or --scale"
                    .into(),
            ));
        }
        let screen = |width, height, page| MapOptions {
            width,
            height,
            page,
            ..MapOptions::default()
        };
        let printed = |(w_mm, h_mm): (f64, f64)| -> Result<MapOptions> {
            let dpi = dpi.unwrap_or(300);
            if !DPI.contains(&dpi) {
                return Err(Error::Usage(format!(
                    "--dpi must be between {} and {}",
                    DPI.start(),
                    DPI.end()
                )));
            }
            let px = |mm: f64| (mm / 25.4 * f64::from(dpi)).round() as u32;
            Ok(MapOptions {
                print_size_mm: Some((w_mm, h_mm)),
                ..screen(px(w_mm), px(h_mm), Page::Print { dpi })
            })
        };
        Ok(match preset {
            None => MapOptions::default(),
            Some(Preset::Slide) => screen(1920, 1080, Page::Slide),
            Some(Preset::Slide4x3) => screen(1600, 1200, Page::Slide),
            Some(Preset::Thumbnail) => screen(640, 360, Page::Thumbnail),
            Some(Preset::Article) => printed((170.0, 120.0))?,
            // As tall as a journal's page at most.
            Some(Preset::Column) => MapOptions {
                grow_to: Some(printed((85.0, 230.0))?.height),
                ..printed((85.0, 140.0))?
            },
        })
    }

    /// The same page with another pixel size. A print page is refused: its pixels follow from
    /// its printed size and `--dpi`, and another size would silently drop the printed size.
    ///
    /// ```
    /// use spheres_map::{MapOptions, Preset};
    /// let slide = MapOptions::default().with_size(Some(1280), None).unwrap();
    /// assert_eq!((slide.width, slide.height), (1280, 1080));
    /// let article = MapOptions::for_preset(Some(Preset::Article), None).unwrap();
    /// assert!(article.with_size(Some(3000), None).is_err());
    /// ```
    pub fn with_size(self, width: Option<u32>, height: Option<u32>) -> Result<MapOptions> {
        if width.is_none() && height.is_none() {
            return Ok(self);
        }
        if let Some((w, h)) = self.print_size_mm {
            return Err(Error::Usage(format!(
                "--width and --height do not go with a print preset ({w} × {h} mm): \
                 set its resolution with --dpi, or leave out --preset"
            )));
        }
        Ok(MapOptions {
            width: width.unwrap_or(self.width),
            height: height.unwrap_or(self.height),
            ..self
        })
    }

    /// Resolution of the PNG in dots per inch, for a page with a printed size.
    ///
    /// ```
    /// use spheres_map::{MapOptions, Preset};
    /// let article = MapOptions::for_preset(Some(Preset::Article), Some(300)).unwrap();
    /// assert_eq!(article.png_dpi().map(f64::round), Some(300.0));
    /// assert_eq!(MapOptions::default().png_dpi(), None);
    /// ```
    pub fn png_dpi(&self) -> Option<f64> {
        let (mm, _) = self.print_size_mm?;
        Some(f64::from(self.png_size().0) / (mm / 25.4))
    }

    /// Pixel size of the PNG.
    pub fn png_size(&self) -> (u32, u32) {
        self.png_size_of(f64::from(self.width), f64::from(self.height))
    }

    /// Pixel size of the PNG of a page of `width` × `height` canvas px (a page that grew, see
    /// [`MapOptions::grow_to`]).
    pub fn png_size_of(&self, width: f64, height: f64) -> (u32, u32) {
        let px = |v: f64| (v * self.png_scale).round().max(1.0) as u32;
        (px(width), px(height))
    }

    /// Checks the page size, type scale, PNG size and extent.
    pub fn check(&self) -> Result<()> {
        if !PAGE_PX.contains(&self.width) || !PAGE_PX.contains(&self.height) {
            return Err(Error::Usage(format!(
                "--width and --height must be between {} and {} pixels",
                PAGE_PX.start(),
                PAGE_PX.end()
            )));
        }
        if !(self.text_scale.is_finite() && (0.1..=10.0).contains(&self.text_scale)) {
            return Err(Error::Usage(
                "the text scale must be between 0.1 and 10".into(),
            ));
        }
        if !(self.png_scale.is_finite() && (0.25..=8.0).contains(&self.png_scale)) {
            return Err(Error::Usage(format!(
                "--scale must be between 0.25 and 8 (it multiplies the PNG's pixels), not {}",
                self.png_scale
            )));
        }
        let (w, h) = self.png_size();
        let pixels = f64::from(w) * f64::from(h);
        if pixels > 1.0e8 {
            return Err(Error::Usage(format!(
                "the PNG would have {:.0} million pixels; the limit is 100 million",
                pixels / 1e6
            )));
        }
        if let Some([west, south, east, north]) = self.extent {
            let finite = [west, south, east, north].iter().all(|v| v.is_finite());
            if !finite || !(-180.0..=180.0).contains(&west) || !(-180.0..=180.0).contains(&east) {
                return Err(Error::Usage(
                    "--extent takes WEST,SOUTH,EAST,NORTH in degrees".into(),
                ));
            }
            if !(-85.0..=85.0).contains(&south) || !(-85.0..=85.0).contains(&north) {
                return Err(Error::Usage(
                    "--extent: latitudes must lie between 85° S and 85° N".into(),
                ));
            }
            if east - west < 0.5 || north - south < 0.5 {
                return Err(Error::Usage(
                    "--extent must be at least half a degree each way, west before east and \
                     south before north"
                        .into(),
                ));
            }
        }
        Ok(())
    }
}
