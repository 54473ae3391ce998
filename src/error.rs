//! The library's error type. Every variant names the input at fault (file, feature, year) so the
//! binary can print it on one line.

use std::path::PathBuf;

/// Everything that can go wrong between reading the data and writing a map.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A data file could not be parsed (JSON or TOML syntax), with line and column.
    #[error("{file}: {message} (line {line}, column {column})")]
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
    #[error("{file}: {message}")]
    Invalid {
        /// The file, as the user named it.
        file: String,
        /// What is wrong and where.
        message: String,
    },
    /// A year outside the range the treaty data covers.
    #[error("no agreement is in force in {year}: choose a year from {first} to {last}")]
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
    #[error("could not {action} '{path}'")]
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

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
