//! Dialects: which spinner's table an entry comes from, and per-document corroboration.
//!
//! A spinner rewrites a whole article with one fixed table, so what it does to one collocation
//! it does to many others: a spun document shows several *different* substitutions of the
//! same table. Honest text that happens to use one word of such a table ("quite" for
//! "pretty", "lady" for "woman") repeats that one substitution. So hits are counted per
//! dialect as distinct substitutions (the artifact's words that its original does not have:
//! "quite intense" and "quite dry" are one substitution), and a dialect is *corroborated*
//! when a document holds at least [`Calibration::dialect_substitutions`] of them, at least one
//! per [`Calibration::dialect_words`] words. A corroborated dialect adds
//! [`Calibration::dialect_lift`] to the document's log-odds and is named in the report.
//!
//! Only dictionary entries count (not torn hyphens, spintax or document rules), so a streamed
//! document and a whole one are judged alike.

use serde::{Deserialize, Serialize};

use crate::dict::Kind;
use crate::score::Calibration;

/// A spinner's dialect: the fixed table a family of spinners applies.
///
/// ```
/// use spinscan::Dialect;
/// assert_eq!(Dialect::Spinbot.as_str(), "spinbot");
/// assert_eq!(serde_json::to_string(&Dialect::WordForWord).unwrap(), "\"word-for-word\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Dialect {
    /// The Spinbot-style phrase table applied context-blind ("be that as it may" for however,
    /// "irregular backwoods" for random forest): the PPS catalogue's tortured phrases, the
    /// dialect table learned from them (`pps-dialect`), and the curated tortured phrases and
    /// spinner synonyms.
    Spinbot,
    /// Word-for-word dictionary spinners that swap function words for sense-blind WordNet
    /// senses ("helium said" for he said; source `wordnet-function-word`).
    WordForWord,
}

impl Dialect {
    /// The dialect's name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Spinbot => "spinbot",
            Dialect::WordForWord => "word-for-word",
        }
    }

    /// The dialect of an entry with this `source` tag and kind (see `data/FORMAT.md`), if any.
    /// Thesaurus neighbours (`wn`, `moby`, ...), fillers and torn hyphens belong to none:
    /// honest text has them too often for a count of them to mean one spinner.
    pub(crate) fn of(source: &str, kind: Kind) -> Option<Dialect> {
        match source {
            "pps-dialect" | "pps" => Some(Dialect::Spinbot),
            "curated" if matches!(kind, Kind::TorturedPhrase | Kind::Synonym) => {
                Some(Dialect::Spinbot)
            }
            "wordnet-function-word" => Some(Dialect::WordForWord),
            _ => None,
        }
    }

    const ALL: [Dialect; 2] = [Dialect::Spinbot, Dialect::WordForWord];
}

impl std::fmt::Display for Dialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A dialect corroborated in a document: its name and how many distinct substitutions of its
/// table the document holds.
///
/// ```
/// let text = "The irregular backwoods beat the calculated relapse. \
///     Our profound learning model uses a brain organization with consideration components.";
/// let report = spinscan::Detector::new().analyze(text);
/// let dialect = report.dialect.expect("several Spinbot-style substitutions");
/// assert_eq!(dialect.dialect, spinscan::Dialect::Spinbot);
/// assert!(dialect.substitutions >= 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DialectEvidence {
    /// The dialect.
    #[serde(rename = "name")]
    pub dialect: Dialect,
    /// Distinct substitutions of its table in the document.
    pub substitutions: usize,
}

/// The substitution an entry stands for: the artifact's words that its original lacks
/// (case-insensitive, plurals folded: "ladies" is "lady", "forces" is "force"), as an
/// order-independent hash. An artifact whose words are all in its original (a reordering)
/// stands for itself.
pub(crate) fn substitution_key(artifact: &str, original: &str) -> u64 {
    fn words(s: &str) -> impl Iterator<Item = u64> + Clone + '_ {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(word_hash)
    }
    let mut key = 0u64;
    let mut all = 0u64;
    for h in words(artifact) {
        all = all.wrapping_add(h);
        if !words(original).any(|o| o == h) {
            key = key.wrapping_add(h);
        }
    }
    if key == 0 { all } else { key }
}

/// FNV-1a of a word's lower-cased bytes, with a plural ending folded: "-ies" hashes as "-y",
/// a final "s" (not "ss") is dropped.
fn word_hash(w: &str) -> u64 {
    let b = w.as_bytes();
    let lower = |i: usize| b[i].to_ascii_lowercase();
    let n = b.len();
    let (body, tail): (usize, &[u8]) = if n > 4 && b[n - 3..].eq_ignore_ascii_case(b"ies") {
        (n - 3, b"y")
    } else if n > 3 && lower(n - 1) == b's' && lower(n - 2) != b's' {
        (n - 1, b"")
    } else {
        (n, b"")
    };
    (0..body)
        .map(lower)
        .chain(tail.iter().copied())
        .fold(0xcbf2_9ce4_8422_2325, |h, c| (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3))
}

/// Per-document tally of dialect substitutions. Kept in the per-thread scratch: it grows with
/// the document's dialect hits (deduplicated as it grows), never per word.
#[derive(Debug, Default, Clone)]
pub(crate) struct Tally {
    keys: Vec<(Dialect, u64)>,
    /// Sorted and deduplicated up to here.
    sorted: usize,
    words: usize,
}

impl Tally {
    pub(crate) fn clear(&mut self) {
        self.keys.clear();
        self.sorted = 0;
        self.words = 0;
    }

    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// Forgets the hits pushed since the tally had `len` of them (a sentence whose matches
    /// were dropped; `len` is from the same sentence: the tally is only deduplicated between
    /// sentences).
    pub(crate) fn truncate(&mut self, len: usize) {
        self.keys.truncate(len.max(self.sorted));
    }

    pub(crate) fn push(&mut self, dialect: Dialect, key: u64) {
        self.keys.push((dialect, key));
    }

    /// Ends a sentence of `words` words.
    pub(crate) fn end_sentence(&mut self, words: usize) {
        self.words = self.words.saturating_add(words);
        // Bounded memory on long streams: deduplicate when the unsorted tail doubles.
        if self.keys.len() >= 64 && self.keys.len() >= 2 * self.sorted {
            self.dedup();
        }
    }

    fn dedup(&mut self) {
        self.keys.sort_unstable();
        self.keys.dedup();
        self.sorted = self.keys.len();
    }

    /// The corroborated dialect with the most distinct substitutions, if any.
    pub(crate) fn corroborated(&mut self, cal: &Calibration) -> Option<DialectEvidence> {
        self.dedup();
        let mut best: Option<DialectEvidence> = None;
        for dialect in Dialect::ALL {
            let n = self.keys.iter().filter(|k| k.0 == dialect).count();
            let dense = n.saturating_mul(cal.dialect_words.max(1)) >= self.words;
            if n >= cal.dialect_substitutions.max(1)
                && dense
                && best.is_none_or(|b| n > b.substitutions)
            {
                best = Some(DialectEvidence { dialect, substitutions: n });
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitutions_are_the_artifact_words_the_original_lacks() {
        let k = substitution_key;
        // (artifact, original) pairs that are the same substitution, and different ones.
        let same = [
            (("quite intense", "pretty intense"), ("Quite dry", "pretty dry")),
            (("cancer in ladies", "cancer in women"), ("lady in uniform", "women in uniform")),
            (("chest torment", "chest pains"), ("abdominal torment", "abdominal pain")),
        ];
        for ((a, b), (c, d)) in same {
            assert_eq!(k(a, b), k(c, d), "{a} / {c}");
        }
        let different = [
            (("quite intense", "pretty intense"), ("lady in uniform", "women in uniform")),
            (("irregular backwoods", "random forest"), ("irregular esteem", "random value")),
            (("chest torment", "chest pain"), ("chest agony", "chest pain")),
        ];
        for ((a, b), (c, d)) in different {
            assert_ne!(k(a, b), k(c, d), "{a} / {c}");
        }
        // A reordering stands for itself.
        assert_ne!(k("data big", "big data"), 0);
    }

    #[test]
    fn a_dialect_needs_distinct_dense_substitutions() {
        let cal =
            Calibration { dialect_substitutions: 3, dialect_words: 200, ..Calibration::DEFAULT };
        let tally = |keys: &[u64], words: usize| {
            let mut t = Tally::default();
            keys.iter().for_each(|&k| t.push(Dialect::Spinbot, k));
            t.end_sentence(words);
            t.corroborated(&cal).map(|d| d.substitutions)
        };
        assert_eq!(tally(&[1, 2, 3], 100), Some(3));
        assert_eq!(tally(&[1, 1, 2, 2, 1], 100), None, "repeated substitutions");
        assert_eq!(tally(&[1, 2, 3], 3 * cal.dialect_words + 1), None, "too sparse");
        assert_eq!(tally(&[1, 2], 10), None);
        // Dropped hits are forgotten; long streams stay deduplicated.
        let mut t = Tally::default();
        t.push(Dialect::Spinbot, 1);
        let n = t.len();
        t.push(Dialect::Spinbot, 2);
        t.push(Dialect::Spinbot, 3);
        t.truncate(n);
        assert_eq!(t.corroborated(&cal), None);
        for i in 0..100_000u64 {
            t.push(Dialect::WordForWord, i % 5);
            t.end_sentence(0);
        }
        assert!(t.keys.len() < 200);
        let d = t.corroborated(&cal).unwrap();
        assert_eq!((d.dialect, d.substitutions), (Dialect::WordForWord, 5));
    }

    #[test]
    fn dialects_of_sources() {
        let rows = [
            ("pps-dialect", Kind::Synonym, Some(Dialect::Spinbot)),
            ("pps", Kind::TorturedPhrase, Some(Dialect::Spinbot)),
            ("curated", Kind::TorturedPhrase, Some(Dialect::Spinbot)),
            ("curated", Kind::Filler, None),
            ("wordnet-function-word", Kind::Synonym, Some(Dialect::WordForWord)),
            ("moby", Kind::Synonym, None),
            ("wn+wnh", Kind::Synonym, None),
            ("", Kind::TorturedPhrase, None),
        ];
        for (source, kind, want) in rows {
            assert_eq!(Dialect::of(source, kind), want, "{source} {kind:?}");
        }
    }
}
