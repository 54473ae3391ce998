//! Limits on what a data folder may hold, checked while it is loaded. Each is far above what
//! real historical data needs (the bundled dataset uses a few percent of each), and keeps a
//! hostile or mistaken file from costing minutes or gigabytes: over a limit, loading stops with
//! one line naming the file and the feature. `docs/data-format.md` lists them for users.

/// Features in one GeoJSON layer (the bundled regions have 13, lakes 128).
pub const MAX_FEATURES: usize = 20_000;
/// Positions in one feature's geometry (the largest bundled region has a few thousand).
pub const MAX_FEATURE_POSITIONS: usize = 1_000_000;
/// Positions in one layer (the bundled regions have about 14,000).
pub const MAX_LAYER_POSITIONS: usize = 4_000_000;
/// Rings or lines in one feature (parts and holes together).
pub const MAX_FEATURE_PARTS: usize = 10_000;
/// Characters in a name, label, title or other short text (the bundled longest is 72).
pub const MAX_NAME_CHARS: usize = 200;
/// Characters in a summary, note, credit or other prose (the bundled longest is 235).
pub const MAX_PROSE_CHARS: usize = 2_000;
/// Years from `first_year` to `last_year`.
pub const MAX_YEAR_SPAN: i32 = 500;
/// Agreements in the treaty file.
pub const MAX_AGREEMENTS: usize = 1_000;
/// Dated events in the treaty file.
pub const MAX_EVENTS: usize = 10_000;
/// Powers in the treaty file.
pub const MAX_POWERS: usize = 100;
/// Region assignments in the whole treaty file (baseline, agreements and events).
pub const MAX_ASSIGNMENTS: usize = 50_000;

/// Refuses text longer than `max_chars` characters.
pub(crate) fn check_chars(text: &str, max_chars: usize) -> Result<(), String> {
    // Bytes bound characters from above: most text needs no count.
    if text.len() > max_chars {
        let count = text.chars().count();
        if count > max_chars {
            return Err(format!(
                "is {count} characters long; the limit is {max_chars}"
            ));
        }
    }
    Ok(())
}

/// Refuses a count over its limit; `what` names the thing counted ("features").
pub(crate) fn check_count(count: usize, limit: usize, what: &str) -> Result<(), String> {
    if count > limit {
        Err(format!("has {count} {what}; the limit is {limit}"))
    } else {
        Ok(())
    }
}
