//! Document rules: catalogue fingerprints that a phrase dictionary cannot express.
//!
//! The Problematic Paper Screener's fingerprints are Boolean queries: `"bosom" AND "breast"`
//! (the artifact counts only if the context term occurs in the same document), `NOT` terms
//! (exclusions), `"a b"~N` (words within N words, any order) and `optimiz*` (word prefix).
//! Plain phrases are compiled into the FST dictionary like any other entry; the rest become
//! [`Rule`]s, evaluated here over a whole document after the dictionary pass. Context terms
//! are only ever conditions, never reported as artifacts.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use crate::dict::pps::{PpsRule, PpsTerm};
use crate::text::tokenize::{Gap, for_each_word};

/// One word of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum WordPattern {
    /// Matches words with this Snowball stem.
    Stem(String),
    /// Matches words whose folded form starts with this (a `*` wildcard).
    Prefix(String),
}

/// A phrase pattern: adjacent words, or words within a window in any order.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    words: Vec<WordPattern>,
    proximity: Option<u32>,
}

/// A fingerprint with conditions, evaluated per document.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    artifacts: Vec<Pattern>,
    require: Vec<Pattern>,
    /// Groups of which at least one term must occur: `AND ("a" OR "b")`.
    require_any: Vec<Vec<Pattern>>,
    exclude: Vec<Pattern>,
    /// The likely original.
    pub original: String,
    /// Evidence in log-odds.
    pub weight: f32,
}

/// The weight of a catalogue fingerprint from the number of papers it was found in: every
/// catalogued fingerprint was checked by people, so even a rare one flags its sentence, and
/// productive ones weigh a little more.
pub fn pps_weight(papers: u32) -> f32 {
    (3.0 + 0.4 * (1.0 + papers as f32).log10()).min(4.5)
}

/// Whether a catalogue row is a plain phrase that the FST dictionary can hold.
pub fn is_plain(rule: &PpsRule) -> bool {
    rule.require.is_empty()
        && rule.require_any.is_empty()
        && rule.exclude.is_empty()
        && rule.alternatives.is_empty()
        && is_plain_term(&rule.artifact)
}

fn is_plain_term(t: &PpsTerm) -> bool {
    t.proximity.is_none() && !t.prefix.iter().any(|&p| p)
}

impl Rule {
    /// Builds a rule from a catalogue row. Returns `None` for a row with no usable words.
    pub fn from_pps(row: &PpsRule, stemmer: &Stemmer) -> Option<Rule> {
        let artifacts: Vec<Pattern> = std::iter::once(&row.artifact)
            .chain(&row.alternatives)
            .filter_map(|t| pattern(t, stemmer))
            .collect();
        if artifacts.is_empty() {
            return None;
        }
        Some(Rule {
            artifacts,
            require: row.require.iter().filter_map(|t| pattern(t, stemmer)).collect(),
            require_any: row
                .require_any
                .iter()
                .map(|group| group.iter().filter_map(|t| pattern(t, stemmer)).collect())
                .collect(),
            exclude: row.exclude.iter().filter_map(|t| pattern(t, stemmer)).collect(),
            original: row.expected.clone(),
            weight: pps_weight(row.papers),
        })
    }
}

fn pattern(term: &PpsTerm, stemmer: &Stemmer) -> Option<Pattern> {
    let mut words = Vec::new();
    let mut buf = String::new();
    for (word, &prefix) in
        term.words.iter().zip(term.prefix.iter().chain(std::iter::repeat(&false)))
    {
        for_each_word(word, 0, &mut buf, |_, folded| {
            words.push(if prefix {
                WordPattern::Prefix(folded.to_string())
            } else {
                WordPattern::Stem(stemmer.stem(folded).into_owned())
            });
        });
    }
    (!words.is_empty()).then_some(Pattern { words, proximity: term.proximity })
}

/// A document's words for rule evaluation.
struct DocWord {
    start: usize,
    end: usize,
    folded: String,
    stem: String,
    joins: bool,
}

/// A rule occurrence: the byte span of the artifact and the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleHit {
    /// Byte offset of the first word.
    pub start: usize,
    /// Byte offset just past the last word.
    pub end: usize,
    /// Index of the rule.
    pub rule: usize,
}

/// Evaluates every rule over `text` and returns the occurrences of rules whose conditions
/// hold, in text order. Costs one stemming pass over the document (only detectors with
/// rules pay it).
pub fn evaluate(rules: &[Rule], text: &str) -> Vec<RuleHit> {
    if rules.is_empty() {
        return Vec::new();
    }
    let stemmer = Stemmer::create(Algorithm::English);
    let mut stems: HashMap<String, String> = HashMap::new();
    let mut words = Vec::new();
    let mut buf = String::new();
    for_each_word(text, 0, &mut buf, |w, folded| {
        let stem = stems
            .entry(folded.to_string())
            .or_insert_with(|| stemmer.stem(folded).into_owned())
            .clone();
        words.push(DocWord {
            start: w.start,
            end: w.end,
            folded: folded.to_string(),
            stem,
            // Sentence ends are breaks too: the tokenizer sees the period.
            joins: w.gap != Gap::Break && w.gap != Gap::Start,
        });
    });
    let mut hits = Vec::new();
    for (index, rule) in rules.iter().enumerate() {
        let mut found: Vec<(usize, usize)> = Vec::new();
        for p in &rule.artifacts {
            occurrences(p, &words, &mut found);
        }
        if found.is_empty() {
            continue;
        }
        let present = |p: &Pattern| {
            let mut v = Vec::new();
            occurrences(p, &words, &mut v);
            !v.is_empty()
        };
        if !rule.require.iter().all(present)
            || !rule.require_any.iter().all(|group| group.iter().any(present))
            || rule.exclude.iter().any(present)
        {
            continue;
        }
        for (first, last) in found {
            hits.push(RuleHit { start: words[first].start, end: words[last].end, rule: index });
        }
    }
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    hits
}

fn word_matches(p: &WordPattern, w: &DocWord) -> bool {
    match p {
        WordPattern::Stem(s) => w.stem == *s,
        WordPattern::Prefix(prefix) => w.folded.starts_with(prefix.as_str()),
    }
}

/// Appends `(first word, last word)` of every occurrence of `p`.
fn occurrences(p: &Pattern, words: &[DocWord], out: &mut Vec<(usize, usize)>) {
    let n = p.words.len();
    match p.proximity {
        None => {
            'start: for i in 0..words.len().saturating_sub(n - 1) {
                for (k, wp) in p.words.iter().enumerate() {
                    let w = &words[i + k];
                    if !word_matches(wp, w) || (k > 0 && !w.joins) {
                        continue 'start;
                    }
                }
                out.push((i, i + n - 1));
            }
        }
        Some(distance) => {
            // Every pattern word within a window of `distance` words, in any order.
            let span = n + distance as usize;
            for i in 0..words.len() {
                if !p.words.iter().any(|wp| word_matches(wp, &words[i])) {
                    continue;
                }
                let window = &words[i..words.len().min(i + span)];
                let mut last = i;
                let all = p.words.iter().all(|wp| {
                    match window.iter().position(|w| word_matches(wp, w)) {
                        Some(k) => {
                            last = last.max(i + k);
                            true
                        }
                        None => false,
                    }
                });
                if all {
                    out.push((i, last));
                }
            }
        }
    }
}
