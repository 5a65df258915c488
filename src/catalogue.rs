//! Loading tortured-phrase catalogues in the Problematic Paper Screener's query syntax.

use std::path::Path;

use crate::dict::pps::{PpsError, PpsRule, parse_catalogue};
use crate::dict::read_text;
use crate::error::Error;

/// A parsed catalogue: the rows that loaded and, for every row that did not, its line and
/// the reason. Nothing is dropped silently.
///
/// ```
/// use spinscan::{Catalogue, Detector};
/// let csv = "tortured_phrase,expected_phrase,num_papers\n\
///            \"\"\"profound learning\"\"\",deep learning,\"1,234\"\n\
///            \"\"\"bosom\"\" AND \"\"breast\"\"\",breast,17\n";
/// let catalogue = Catalogue::parse(csv, "pps.csv");
/// assert_eq!(catalogue.rules().len(), 2);
/// assert!(catalogue.errors().is_empty());
/// let detector = Detector::builder().no_default_dictionary().pps(catalogue).build()?;
/// assert!(detector.analyze("We apply profound learning.").spun);
/// // "bosom" counts only where "breast" occurs in the same document.
/// assert!(!detector.analyze("The bosom of the family.").spun);
/// assert!(detector.analyze("Bosom malignancy. Breast tissue was imaged.").sentences[0].spun);
/// # Ok::<(), spinscan::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    rules: Vec<PpsRule>,
    errors: Vec<PpsError>,
}

impl Catalogue {
    /// Parses catalogue text (CSV with columns `tortured_phrase`, `expected_phrase`,
    /// `num_papers`). Never fails: rows that cannot be read are listed in [`Catalogue::errors`].
    pub fn parse(text: &str, origin: &str) -> Catalogue {
        let _ = origin;
        let (rules, errors) = parse_catalogue(text);
        Catalogue { rules, errors }
    }

    /// Reads and parses a catalogue file. Unreadable files and invalid UTF-8 are errors.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Catalogue, Error> {
        let path = path.as_ref();
        let text = read_text(path)?;
        Ok(Catalogue::parse(&text, &path.display().to_string()))
    }

    /// The rows that loaded.
    pub fn rules(&self) -> &[PpsRule] {
        &self.rules
    }

    /// The rows that did not load, with their line and reason.
    pub fn errors(&self) -> &[PpsError] {
        &self.errors
    }
}
