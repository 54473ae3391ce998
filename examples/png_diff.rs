//! Compares two PNGs of the same size: prints the mean channel difference (0–255 levels) and the
//! share of pixels that differ by more than 48 levels, and exits 1 if the mean exceeds a limit.
//! Used by `tools/compare-renders.sh` to show that a change does not move pixels.
//!
//! Usage: `cargo run --release --example png_diff -- A.png B.png [MAX_MEAN]`

use std::process::ExitCode;

fn decode(path: &str) -> Result<(u32, u32, Vec<u8>), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| format!("{path}: {e}"))?;
    let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader
        .next_frame(&mut buf)
        .map_err(|e| format!("{path}: {e}"))?;
    let channels = info.color_type.samples();
    // Keep RGB only.
    let rgb = buf[..info.buffer_size()]
        .chunks(channels)
        .flat_map(|px| [px[0], px[1 % channels], px[2 % channels]])
        .collect();
    Ok((info.width, info.height, rgb))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: png_diff A.png B.png [MAX_MEAN]");
        return ExitCode::from(2);
    }
    let limit: f64 = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(0.5);
    let (a, b) = match (decode(&args[0]), decode(&args[1])) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("png_diff: {e}");
            return ExitCode::from(2);
        }
    };
    if (a.0, a.1) != (b.0, b.1) {
        println!("size differs: {}×{} against {}×{}", a.0, a.1, b.0, b.1);
        return ExitCode::FAILURE;
    }
    let (mut total, mut differ) = (0u64, 0usize);
    for (p, q) in a.2.chunks(3).zip(b.2.chunks(3)) {
        let d = (0..3).map(|i| p[i].abs_diff(q[i])).max().unwrap_or(0);
        total += u64::from(d);
        if d > 48 {
            differ += 1;
        }
    }
    let n = f64::from(a.0) * f64::from(a.1);
    let mean = total as f64 / n;
    println!(
        "mean {mean:.3} levels, {:.3} % of pixels off by more than 48",
        differ as f64 / n * 100.0
    );
    if mean <= limit {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
