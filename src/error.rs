//! The one error type of the crate.

use std::path::PathBuf;

/// Everything that can go wrong while building a [`Detector`](crate::Detector) or loading a
/// [`Dictionary`](crate::Dictionary). Analysis itself never fails.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A dictionary source line is malformed.
    #[error("{origin}:{line}: {reason}")]
    Dictionary {
        /// The file or name of the source.
        origin: String,
        /// The 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A dictionary or allow-list source holds no entry (it is empty or only comments): a
    /// list that loads as nothing would silently change what is detected.
    #[error("{origin}: no entries (the source is empty or holds only comments and blank lines)")]
    Empty {
        /// The file or name of the source.
        origin: String,
    },
    /// A compiled dictionary is corrupt, truncated or of another format version.
    #[error("{origin}: invalid compiled dictionary: {reason}")]
    Compiled {
        /// The file or name of the source.
        origin: String,
        /// What is wrong.
        reason: String,
    },
    /// A file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A threshold outside `[0, 1]`.
    #[error("threshold {0} is not within [0, 1]")]
    Threshold(f64),
}
