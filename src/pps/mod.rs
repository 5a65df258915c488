//! The Problematic Paper Screener's tortured-phrase catalogue, from CSV to document rules.
//!
//! The data flow reads top to bottom:
//!
//! - [`parse`]: the CSV reader and the query parser (`"bosom" AND "breast"`, `NOT`, `~N`,
//!   `optimiz*`), one [`PpsRule`] or one [`PpsError`] per row;
//! - [`Catalogue`]: a parsed file, its errors and warnings (a `~N` above
//!   [`MAX_PROXIMITY`] is clamped and reported), and [`Catalogue::split`] into plain phrases
//!   (compiled into the FST dictionary like any other entry) and rows with conditions;
//! - [`rules`]: the rows with conditions compiled to one index from stems to the terms that
//!   use them, so a document is scanned once whatever the number of rules.

mod catalogue;
pub mod parse;
pub(crate) mod rules;

pub use catalogue::Catalogue;
pub use parse::{PpsError, PpsRule, PpsTerm};
pub use rules::MAX_PROXIMITY;
