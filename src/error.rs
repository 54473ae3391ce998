//! The library's error type. Every variant names the input at fault (file, feature, year) so the
//! binary can print it on one line.

use std::path::PathBuf;

/// Everything that can go wrong between reading the data and writing a map.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A data file could not be parsed (JSON or TOML syntax), with line and column.
    #[error("{}: {message} (line {line}, column {column})", printable(.file))]
    Syntax {
        /// The file, as the user named it.
        file: String,
        /// What the parser said.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// A data file parsed but its content is wrong.
    #[error("{}: {message}", printable(.file))]
    Invalid {
        /// The file, as the user named it.
        file: String,
        /// What is wrong and where.
        message: String,
    },
    /// A year outside the range the treaty data covers.
    #[error("no map for {year}: choose a year from {first} to {last}")]
    YearOutOfRange {
        /// The year asked for.
        year: i32,
        /// First year with an agreement in force.
        first: i32,
        /// Last year covered.
        last: i32,
    },
    /// Reading or writing a file failed.
    // The cause is printed by the caller's chain (`{:#}`), not repeated here.
    #[error("could not {action} '{}'", printable(&.path.to_string_lossy()))]
    Io {
        /// "read", "write", "create the folder" ...
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The request itself is wrong (an option out of range, options that do not go together);
    /// the command line reports these as usage errors.
    #[error("{0}")]
    Usage(String),
    /// A text has a character that no font draws (named with the text it is in).
    #[error("{0}")]
    Glyph(String),
    /// Drawing failed (a backend error).
    #[error("could not draw the map: {0}")]
    Render(String),
}

impl Error {
    /// Shorthand for [`Error::Invalid`].
    pub fn invalid(file: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            file: file.into(),
            message: message.into(),
        }
    }
}

/// Whether `c` must not appear in a name, and is escaped when echoed: control characters
/// (which break the one-line message or drive the terminal), the line and paragraph separators,
/// the bidirectional controls (which reorder what follows, so a message could read differently
/// from what it says) and the noncharacters U+FFFE/U+FFFF.
pub(crate) fn is_unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FFFE}'
                | '\u{FFFF}'
        )
}

/// Longest text quoted whole in a message; longer text is cut with "…".
const QUOTE_CHARS: usize = 200;

/// User text (a value, a file name, a path) quoted in an error message: unprintable characters
/// escaped as `\u{..}`, so the message stays on one line and reads as it is, and very long text
/// shortened.
pub(crate) fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let long = text.len() > QUOTE_CHARS && text.chars().nth(QUOTE_CHARS).is_some();
    if !long && !text.chars().any(is_unprintable) {
        return text.into();
    }
    let mut out = String::new();
    for c in text.chars().take(QUOTE_CHARS) {
        if is_unprintable(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    if long {
        out.push('…');
    }
    out.into()
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_values_are_escaped_in_messages() {
        let err = Error::Io {
            action: "write",
            path: PathBuf::from("out\nspheres-map: all good\u{202E}gvs.1912"),
            source: std::io::Error::other("x"),
        };
        assert_eq!(
            err.to_string(),
            "could not write 'out\\u{a}spheres-map: all good\\u{202e}gvs.1912'"
        );
        let err = Error::invalid("d\u{2028}/t.toml", "bad");
        assert_eq!(err.to_string(), "d\\u{2028}/t.toml: bad");
        let long = "x".repeat(100_000);
        assert_eq!(printable(&long).chars().count(), QUOTE_CHARS + 1);
        assert_eq!(printable("Kwantung – 関東州"), "Kwantung – 関東州");
    }
}
