//! What the binary is made of, called as a library: the maps of each year, the presets, the
//! overview and the timeline. The binary's own behaviour (files written, messages, exit codes)
//! is tested once per behaviour in `cli` and `batch`; here nothing is spawned and the bundled
//! data is loaded once.

use std::sync::OnceLock;

use spheres_map::batch::{self, BatchRequest, JobKind};
use spheres_map::{render_map, Dataset, Format, Lang, MapOptions, Preset};

use crate::util::png_size;

const YEARS: [i32; 4] = [1907, 1910, 1912, 1916];

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::embedded().unwrap())
}

#[test]
fn each_treaty_year_renders_svg_and_png() {
    let options = MapOptions::default();
    for year in YEARS {
        let svg =
            String::from_utf8(render_map(data(), year, Format::Svg, &options).unwrap()).unwrap();
        assert!(
            svg.starts_with("<svg width=\"1920\" height=\"1080\""),
            "{year}"
        );
        assert!(
            svg.contains(&format!("North-East Asia, {year}")),
            "{year}: title"
        );
    }
    // One PNG is enough to check the raster path; the batch test draws the others.
    let png = render_map(data(), 1912, Format::Png, &options).unwrap();
    assert_eq!(png_size(&png), (1920, 1080));
}

#[test]
fn presets_set_the_pixel_size() {
    for (preset, size) in [
        (Preset::Slide, (1920, 1080)),
        (Preset::Slide4x3, (1600, 1200)),
        (Preset::Article, (2008, 1417)),
        (Preset::Thumbnail, (640, 360)),
    ] {
        let options = MapOptions::for_preset(Some(preset), None).unwrap();
        assert_eq!(options.png_size(), size, "{preset:?}");
    }
    // The size reaches the PNG.
    let options = MapOptions::for_preset(Some(Preset::Thumbnail), None).unwrap();
    let png = render_map(data(), 1910, Format::Png, &options).unwrap();
    assert_eq!(png_size(&png), (640, 360));
}

#[test]
fn overview_and_timeline_when_asked() {
    let request = BatchRequest {
        years: YEARS.to_vec(),
        formats: vec![Format::Svg, Format::Png],
        options: MapOptions::default()
            .with_size(Some(960), Some(540))
            .unwrap(),
        overview: true,
        timeline: true,
        languages: Vec::new(),
    };
    let files = batch::render_all(data(), &request, &|_| {}).unwrap();
    let names: Vec<&str> = files.iter().map(|(job, _)| job.name.as_str()).collect();
    assert_eq!(names.len(), 11, "{names:?}");
    let file = |kind: JobKind| &files.iter().find(|(job, _)| job.kind == kind).unwrap().1;
    let svg = String::from_utf8(file(JobKind::Overview(Format::Svg)).clone()).unwrap();
    for year in YEARS {
        assert!(
            svg.contains(&format!("{year} · ")),
            "overview panel for {year}"
        );
    }
    assert_eq!(png_size(file(JobKind::Overview(Format::Png))), (960, 540));

    // One frame per treaty year, each the year's PNG up to the palette.
    let gif = file(JobKind::Timeline);
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options.read_info(&gif[..]).unwrap();
    assert_eq!((decoder.width(), decoder.height()), (960, 540));
    let mut canvas = vec![0u8; 960 * 540 * 4];
    for year in YEARS {
        let frame = decoder.read_next_frame().unwrap().expect("a frame a year");
        let (left, top, width) = (
            usize::from(frame.left),
            usize::from(frame.top),
            usize::from(frame.width),
        );
        for (i, px) in frame.buffer.chunks_exact(4).enumerate() {
            let at = ((top + i / width) * 960 + left + i % width) * 4;
            canvas[at..at + 4].copy_from_slice(px);
        }
        let png = file(JobKind::Year(year, Format::Png));
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .unwrap();
        let mut rgb = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut rgb).unwrap();
        let total: u64 = canvas
            .chunks_exact(4)
            .zip(rgb.chunks_exact(3))
            .map(|(a, b)| (0..3).map(|k| u64::from(a[k].abs_diff(b[k]))).sum::<u64>())
            .sum();
        let mean = total as f64 / (960.0 * 540.0 * 3.0);
        assert!(
            mean < 0.5,
            "{year}: frame differs from its PNG by {mean:.2} levels"
        );
    }
    assert!(decoder.read_next_frame().unwrap().is_none());
}

#[test]
fn two_renders_give_identical_svg() {
    let options = MapOptions::default();
    let once = render_map(data(), 1912, Format::Svg, &options).unwrap();
    assert_eq!(
        once,
        render_map(data(), 1912, Format::Svg, &options).unwrap()
    );
}

#[test]
fn issue13_a_batch_in_several_languages_names_each_file_by_its_language() {
    let request = BatchRequest {
        years: vec![1912],
        formats: vec![Format::Png, Format::Svg],
        options: MapOptions::default()
            .with_size(Some(960), Some(540))
            .unwrap(),
        overview: false,
        timeline: false,
        languages: vec![Lang::En, Lang::Ja, Lang::ZhHant, Lang::Ko],
    };
    let files = batch::render_all(data(), &request, &|_| {}).unwrap();
    let names: Vec<&str> = files.iter().map(|(job, _)| job.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "1912.svg",
            "1912.en.png",
            "1912.ja.png",
            "1912.zh-Hant.png",
            "1912.ko.png",
        ]
    );
    // One SVG for all of them, its texts switching on the reader's language.
    let svg = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(svg.contains("奉天") && svg.contains("Noto Sans CJK JP"));
    assert!(svg.contains("北滿") && svg.contains("Noto Sans CJK TC"));
    assert!(svg.contains("봉천") && svg.contains("Noto Sans CJK KR"));
    assert!(svg.contains("Mukden") && svg.contains("systemLanguage=\"ja\""));
    assert_ne!(
        files[1].1, files[2].1,
        "the Japanese PNG differs from the English"
    );
}
