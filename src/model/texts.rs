//! The words of one map: title, what is in force, what changed that year.

use super::MapTexts;
use crate::data::treaties::{Agreement, Lapse, Treaties};

/// The texts of the map of `year`. `lapse` is the lapse if it has happened by the end of the
/// year; `lapsed` is it again if the agreement in force is one of those that lapsed.
pub(super) fn for_year(
    treaties: &Treaties,
    agreement: &Agreement,
    year: i32,
    lapse: Option<&Lapse>,
    lapsed: Option<&Lapse>,
) -> MapTexts {
    let caption = treaties.year_note(year).map(|n| n.caption.as_str());
    let signed_this_year = agreement.signed.year == year;
    let short = agreement.short_name.as_deref().unwrap_or(&agreement.name);
    // A year after the lapse with no new agreement says what held instead.
    let lapsed = lapsed.filter(|l| l.date.year < year);
    let (subtitle, detail) = match lapsed {
        Some(l) => (
            l.holds.clone().unwrap_or_else(|| {
                format!(
                    "No agreement in force: {} lapsed on {}",
                    agreement.name, l.date
                )
            }),
            format!(
                "Situation at the end of {year}{}.",
                caption.map(|c| format!(": {c}")).unwrap_or_default()
            ),
        ),
        None => {
            let old_style = agreement
                .signed_old_style
                .as_deref()
                .map(|d| format!(" ({d} O.S.)"))
                .unwrap_or_default();
            let what = match (caption, lapse) {
                (Some(c), _) => format!(": {c}"),
                (None, Some(l)) if l.date.year == year => format!(": {}", l.title),
                _ => String::new(),
            };
            (
                format!(
                    "{}, signed at {} on {}{old_style}",
                    agreement.name, agreement.place, agreement.signed
                ),
                format!(
                    "Signatories: {} · Situation at the end of {year}{what}.",
                    join_names(&agreement.signatories)
                ),
            )
        }
    };
    let (panel_heading, panel_date) = match caption {
        Some(c) if !signed_this_year => (
            format!("{year} · {c}"),
            match lapsed {
                Some(_) => "No agreement in force".to_string(),
                None => format!("{short} in force"),
            },
        ),
        _ => (
            format!("{year} · {short}"),
            format!("Signed {}", agreement.signed),
        ),
    };
    MapTexts {
        title: format!("{}, {year}", treaties.title),
        subtitle,
        detail,
        panel_heading,
        panel_date,
        series_title: treaties.title.clone(),
        // The file's subtitle describes its series; other years are not part of it.
        series_subtitle: treaties
            .subtitle
            .clone()
            .filter(|_| treaties.series().any(|a| a.signed.year == year)),
        credit: treaties.credit.clone().unwrap_or_default(),
    }
}

/// "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// The words of the interactive page around the maps (its controls and the headings of its
/// panels), by key, so the page's script prints no words of its own.
pub(crate) const PAGE_WORDS: [(&str, &str); 25] = [
    ("year", "Year"),
    ("play", "Play"),
    ("pause", "Pause"),
    ("previous", "Previous year"),
    ("next", "Next year"),
    ("agreement", "Agreement in force"),
    ("signed", "Signed"),
    ("place", "Place"),
    ("signatories", "Signatories"),
    ("public_part", "Public part"),
    ("secret_part", "Secret part"),
    ("summary", "In short"),
    ("sources", "Sources"),
    ("source_list", "source tags refer to the list in the data's README"),
    ("power", "Power"),
    ("status", "Status"),
    ("lapsed", "the agreement has lapsed"),
    ("since", "Since"),
    ("baseline", "before 1905 (the starting state of the data)"),
    ("set_by", "Put there by"),
    ("basis", "Basis"),
    ("treaty", "Treaty"),
    ("confidence", "Confidence"),
    ("opened", "Opened"),
    (
        "hint",
        "Point at, tap or tab to a region, line or railway to read about it. Arrow keys step the years.",
    ),
];

/// How sure the course of a line is, as the page says it.
pub(crate) fn line_confidence(uncertain: bool) -> &'static str {
    if uncertain {
        "reconstructed: its course is not known with certainty"
    } else {
        "as the text describes it"
    }
}
