//! The owned, serializable result of an analysis. Field names are a contract: pipelines parse
//! the JSON.

use serde::{Deserialize, Serialize};

use crate::dialect::DialectEvidence;
use crate::dict::Kind;

/// The analysis of one document.
///
/// ```
/// let report = spinscan::Detector::new().analyze("The cat sat on the mat.");
/// assert!(!report.spun);
/// assert_eq!(report.sentences.len(), 1);
/// let json = serde_json::to_string(&report).unwrap();
/// assert!(json.starts_with("{\"score\":"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// Probability-like document score in `[0, 1]`: evidence pooled over all sentences.
    pub score: f64,
    /// Whether `score` reaches the detector's threshold.
    pub spun: bool,
    /// Every sentence of prose in the document, in order (none when the document is not
    /// `applicable`).
    pub sentences: Vec<SentenceReport>,
    /// The document's language: ISO 639-1 code (`"en"`, `"fr"`, ...; ISO 639-3 for languages
    /// without one). Told from its first 4 KiB; short or languageless text (code, lists of
    /// names) counts as `"en"`.
    #[serde(default = "english")]
    pub language: String,
    /// Whether the document was judged. spinscan's dictionary is English: a document in another
    /// language is not analyzed (`score` 0, `spun` false, no sentences). In an English document,
    /// sentences in another language are analyzed but their matches are dropped.
    #[serde(default = "applicable")]
    pub applicable: bool,
    /// Sentences skipped as non-prose: spans without a word (punctuation, blank or invisible
    /// characters only). They are not in `sentences` and do not count toward `score`.
    #[serde(default)]
    pub skipped: usize,
    /// The spinner dialect corroborated in the document, if any: several distinct
    /// substitutions of one spinner's table (see [`Dialect`](crate::Dialect)). It adds to
    /// `score`. Absent from JSON when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dialect: Option<DialectEvidence>,
}

fn english() -> String {
    "en".to_string()
}

fn applicable() -> bool {
    true
}

impl Report {
    /// The report of a document in another language than English: not judged.
    pub(crate) fn not_applicable(language: &str) -> Report {
        Report {
            score: 0.0,
            spun: false,
            sentences: Vec::new(),
            language: language.to_string(),
            applicable: false,
            skipped: 0,
            dialect: None,
        }
    }

    /// The sentences whose score reaches the threshold.
    pub fn flagged(&self) -> impl Iterator<Item = &SentenceReport> {
        self.sentences.iter().filter(|s| s.spun)
    }

    /// All matches of all sentences, in text order.
    pub fn matches(&self) -> impl Iterator<Item = &Match> {
        self.sentences.iter().flat_map(|s| s.matches.iter())
    }
}

/// The analysis of one sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SentenceReport {
    /// Byte offset of the sentence in the analyzed text (on a char boundary).
    pub start: usize,
    /// Byte offset just past the sentence (on a char boundary).
    pub end: usize,
    /// Probability-like score in `[0, 1]`.
    pub score: f64,
    /// Whether `score` reaches the detector's threshold.
    pub spun: bool,
    /// The artifacts and signals found in the sentence, in text order, never overlapping.
    pub matches: Vec<Match>,
    /// Log-odds added by the evidence of the surrounding passage (see
    /// [`Calibration::context`](crate::Calibration::context); zero when the sentence has no
    /// match of its own). The sentence's log-odds is the bias, plus the capped sum of its
    /// match weights, plus this.
    #[serde(default)]
    pub context: f64,
}

/// One piece of evidence: a dictionary artifact or a dictionary-free signal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Match {
    /// Byte offset of the match in the analyzed text (on a char boundary).
    pub start: usize,
    /// Byte offset just past the match (on a char boundary).
    pub end: usize,
    /// The matched text, exactly as it appears in the analyzed text.
    pub artifact: String,
    /// The likely original phrase.
    pub original: String,
    /// Evidence in log-odds that this sentence was spun.
    pub weight: f64,
    /// What kind of substitution this is.
    pub kind: Kind,
}
