//! Checks on the treaty file's text: ids in one safe alphabet, every string printable, and
//! positions for messages.

use crate::data::{budget, check_text, printable};

/// Ids end up in file names and SVG attributes: keep them to a safe alphabet.
pub(crate) fn check_id(id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(())
    } else {
        Err("ids must be 1–64 characters of a–z, 0–9, '_' or '-'".to_string())
    }
}

/// Keys whose text is prose (a summary, a note) rather than a name.
const PROSE_KEYS: [&str; 6] = [
    "summary",
    "note",
    "public_part",
    "secret_part",
    "ended",
    "credit",
];

/// Walks every string of the file; on a bad one returns its path (`agreements[1].summary`) and
/// the problem. Keys are checked as well as values. `key` is the key the value is under, which
/// sets its length limit.
pub(super) fn check_strings(
    value: &toml::Value,
    key: &str,
    at: &mut String,
) -> Result<(), (String, String)> {
    match value {
        toml::Value::String(s) => {
            let limit = if PROSE_KEYS.contains(&key) {
                budget::MAX_PROSE_CHARS
            } else {
                budget::MAX_NAME_CHARS
            };
            check_text(s, limit).map_err(|m| (at.clone(), m))
        }
        toml::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = at.len();
                at.push_str(&format!("[{i}]"));
                check_strings(item, key, at)?;
                at.truncate(len);
            }
            Ok(())
        }
        toml::Value::Table(table) => {
            for (key, item) in table {
                let len = at.len();
                if !at.is_empty() {
                    at.push('.');
                }
                at.push_str(&printable(key));
                check_text(key, budget::MAX_NAME_CHARS)
                    .map_err(|m| (at.clone(), format!("the key {m}")))?;
                check_strings(item, key, at)?;
                at.truncate(len);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// 1-based line and column of a byte offset.
pub(crate) fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count() + 1)
        .unwrap_or(1);
    (line, column)
}
