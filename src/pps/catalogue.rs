//! Loading tortured-phrase catalogues in the Problematic Paper Screener's query syntax.

use std::path::Path;

use rust_stemmers::{Algorithm, Stemmer};

use crate::dict::Kind;
use crate::dict::compile::phrase_stems;
use crate::dict::read_text;
use crate::dict::source::SourceEntry;
use crate::error::Error;
use crate::pps::parse::{PpsError, PpsRule, parse_catalogue};
use crate::pps::rules::{MAX_PROXIMITY, is_plain, pps_weight};

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
/// assert!(detector.analyze("We apply profound learning.").sentences[0].spun);
/// // "bosom" counts only where "breast" occurs in the same document.
/// assert!(!detector.analyze("The bosom of the family.").spun);
/// assert!(detector.analyze("Bosom malignancy. Breast tissue was imaged.").sentences[0].spun);
/// # Ok::<(), spinscan::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    rules: Vec<PpsRule>,
    errors: Vec<PpsError>,
    warnings: Vec<PpsError>,
}

impl Catalogue {
    /// Parses catalogue text (CSV with columns `tortured_phrase`, `expected_phrase`,
    /// `num_papers`). Never fails: rows that cannot be read are listed in
    /// [`Catalogue::errors`]. A proximity `~N` above [`MAX_PROXIMITY`] words is clamped to it
    /// and listed in [`Catalogue::warnings`].
    ///
    /// ```
    /// let csv = "\"\"\"alpha omega\"\"~4000000000\",x,1\n";
    /// let catalogue = spinscan::Catalogue::parse(csv, "c.csv");
    /// assert_eq!(catalogue.rules()[0].artifact.proximity, Some(spinscan::MAX_PROXIMITY));
    /// assert_eq!(catalogue.warnings()[0].line, 1);
    /// ```
    pub fn parse(text: &str, origin: &str) -> Catalogue {
        let _ = origin;
        let (mut rules, errors) = parse_catalogue(text);
        let mut warnings = Vec::new();
        for rule in &mut rules {
            let line = rule.line;
            let terms = std::iter::once(&mut rule.artifact)
                .chain(&mut rule.alternatives)
                .chain(&mut rule.require)
                .chain(rule.require_any.iter_mut().flatten())
                .chain(&mut rule.exclude);
            for term in terms {
                if let Some(n) = term.proximity.filter(|&n| n > MAX_PROXIMITY) {
                    term.proximity = Some(MAX_PROXIMITY);
                    warnings.push(PpsError {
                        line,
                        reason: format!(
                            "proximity ~{n} on {:?} clamped to ~{MAX_PROXIMITY}",
                            term.words.join(" ")
                        ),
                    });
                }
            }
        }
        Catalogue { rules, errors, warnings }
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

    /// Rows that loaded with a change, with their line and what changed (a proximity above
    /// [`MAX_PROXIMITY`] clamped to it).
    pub fn warnings(&self) -> &[PpsError] {
        &self.warnings
    }

    /// Splits the catalogue into plain phrases, which the FST dictionary holds like any other
    /// entry, and rows with conditions (`AND`/`NOT` context, `OR` alternatives, proximity,
    /// wildcards), which become document rules. A plain row the dictionary cannot key (say,
    /// punctuation alone) is left out, as it could never match.
    pub(crate) fn split(self) -> (Vec<SourceEntry>, Vec<PpsRule>) {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut buf = String::new();
        let mut plain = Vec::new();
        let mut rules = Vec::new();
        for row in self.rules {
            if !is_plain(&row) {
                rules.push(row);
                continue;
            }
            let artifact = row.artifact.words.join(" ");
            if phrase_stems(&artifact, &stemmer, &mut buf).is_err() {
                continue;
            }
            plain.push(SourceEntry {
                artifact,
                original: row.expected,
                kind: Kind::TorturedPhrase,
                weight: pps_weight(row.papers),
                domain: "science".into(),
                source: "pps".into(),
                line: row.line,
            });
        }
        (plain, rules)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_separates_plain_phrases_from_rules() {
        let csv = "tortured_phrase,expected_phrase,num_papers\n\
            \"\"\"profound learning\"\"\",deep learning,9\n\
            \"\"\"bosom\"\" AND \"\"breast\"\"\",breast,17\n\
            \"\"\"a b\"\"~3\",ab,1\n\
            \"\"\"optimiz*\"\"\",opt,1\n\
            \"\"\"x\"\" OR \"\"y\"\"\",xy,1\n\
            \"\"\"...\"\"\",dots,1\n";
        let (plain, rules) = Catalogue::parse(csv, "t.csv").split();
        let plain: Vec<(&str, usize)> =
            plain.iter().map(|e| (e.artifact.as_str(), e.line)).collect();
        assert_eq!(plain, [("profound learning", 2)]);
        let lines: Vec<usize> = rules.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 4, 5, 6]);
    }

    #[test]
    fn proximity_above_the_cap_is_clamped_and_reported() {
        let csv = "\"\"\"a b\"\"~50\",x,1\n\
            \"\"\"a b\"\"~51 AND \"\"c d\"\"~4000000000\",x,1\n";
        let c = Catalogue::parse(csv, "t.csv");
        assert_eq!(c.rules()[0].artifact.proximity, Some(50));
        assert_eq!(c.rules()[1].artifact.proximity, Some(50));
        assert_eq!(c.rules()[1].require[0].proximity, Some(50));
        let got: Vec<(usize, &str)> =
            c.warnings().iter().map(|w| (w.line, w.reason.as_str())).collect();
        assert_eq!(
            got,
            [
                (2, "proximity ~51 on \"a b\" clamped to ~50"),
                (2, "proximity ~4000000000 on \"c d\" clamped to ~50"),
            ]
        );
    }
}
