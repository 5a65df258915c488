//! Document rules: catalogue fingerprints that a phrase dictionary cannot express, evaluated
//! in the same single pass over the words as the dictionary.
//!
//! The Problematic Paper Screener's fingerprints are Boolean queries: `"bosom" AND "breast"`
//! (the artifact counts only if the context term occurs in the same document), `NOT` terms
//! (exclusions), `"a b"~N` (words within N words, any order) and `optimiz*` (word prefix).
//! Plain phrases are compiled into the FST dictionary like any other entry; the rest are
//! compiled here into one index.
//!
//! **Compiling.** Every word of every term becomes a *word pattern*: a Snowball stem (the
//! same tokenizer and stemmer as the dictionary) or a folded prefix for a `*` word. Terms are
//! interned, and each pattern lists the terms that use it: an exact phrase under its last
//! word, a proximity term under every word.
//!
//! **Scanning.** The rules take each word in the same pass as the dictionary, with the stem
//! id the dictionary's stem cache already found for it. A stem pattern is found by that id (a
//! bit set over the dictionary's stems, then a small map), so a word costs a bit test, not a
//! second cache lookup. Only rule stems that are in no dictionary entry (few with the default
//! dictionary) need the words without a stem id to be stemmed, through a per-thread cache.
//! Prefixes are compared with the word itself when its first letter can start one. Almost
//! every word matches no pattern and costs nothing more. A word with patterns looks up only
//! the terms that use them: an exact phrase checks the few words before it in a ring of
//! recent pattern words; a proximity term keeps the latest position of each of its words and
//! completes when all of them lie within the window, so a proximity term costs a constant per
//! matching word whatever `~N` is (and `~N` is capped at [`MAX_PROXIMITY`] anyway). An
//! occurrence marks its term as seen in the document and, if the term is a rule's artifact,
//! records a candidate hit. Whether a rule's conditions hold is read from the seen terms,
//! once per candidate, by the caller: at the end of the document for
//! [`Detector::analyze`](crate::Detector::analyze), as the stream goes for
//! [`Detector::analyze_reader`](crate::Detector::analyze_reader).
//!
//! Nothing is allocated per word once the caches are warm: the cache grows per distinct word
//! (and is cleared at a bound, like the dictionary's stem cache), and hits are pushed to a
//! reused vector.
//!
//! With the shared catalogue (7,644 rows, 955 of them rules) the default detector keeps its
//! throughput (`cargo bench --bench throughput -- analyze-pps`: README, "PPS catalogue").

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxBuildHasher;

use crate::dict::Dictionary;
use crate::dict::compile::MAX_WORD_BYTES;
use crate::error::Error;
use crate::pps::parse::{PpsRule, PpsTerm};
use crate::stem::{NO_STEM, pack, pack_ascii};
use crate::text::tokenize::{Word, WordText, for_each_word};

/// The largest proximity `~N` a catalogue row may ask for, in words. Larger values are
/// clamped to it when the catalogue loads, and reported in
/// [`Catalogue::warnings`](crate::Catalogue::warnings): a window wider than a paragraph is no
/// longer a phrase, and it keeps the state a proximity term needs small.
pub const MAX_PROXIMITY: u32 = 50;

/// Distinct words kept in a scan's cache before it is cleared.
const CACHE_LIMIT: usize = 1 << 17;

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The most distinct wildcard words (`optimiz*`) the rules of one detector may use: a word's
/// prefix matches are kept as a bit set. The shared catalogue has 4.
pub const MAX_PREFIXES: usize = 64;

/// Marks a prefix pattern; other patterns are stem patterns.
const PREFIX: u32 = 1 << 31;
/// No stem pattern.
const NONE: u32 = u32::MAX;

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
        && rule.artifact.proximity.is_none()
        && !rule.artifact.prefix.iter().any(|&p| p)
}

/// A term that uses a word pattern: the term and the pattern's place in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Use {
    term: u32,
    at: u32,
}

/// An interned term: its word patterns, and for a proximity term its window and where its
/// per-word state starts in [`RuleScan::near`].
#[derive(Debug)]
struct Term {
    words: Box<[u32]>,
    proximity: Option<u32>,
    slots: usize,
}

/// A fingerprint's conditions, over terms.
#[derive(Debug)]
pub(crate) struct Rule {
    require: Box<[u32]>,
    require_any: Box<[Box<[u32]>]>,
    exclude: Box<[u32]>,
    /// The likely original.
    pub original: String,
    /// Evidence in log-odds.
    pub weight: f32,
}

impl Rule {
    /// Whether the rule has `NOT` terms, so that only the end of the document can confirm it.
    pub(crate) fn has_exclusions(&self) -> bool {
        !self.exclude.is_empty()
    }
}

/// A candidate occurrence of a rule's artifact, inside one sentence: byte offsets as the
/// tokenizer gave them, and the rule's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RuleHit {
    pub start: usize,
    pub end: usize,
    pub rule: u32,
}

/// The compiled document rules of a detector, bound to its dictionary's stem ids.
#[derive(Debug)]
pub(crate) struct Rules {
    /// Identifies these rules for the per-thread [`RuleScan`].
    id: u64,
    /// The dictionary layer whose stem ids the words carry.
    layer: usize,
    /// One bit per dictionary stem id: whether some stem pattern has that stem.
    known: Box<[u64]>,
    /// Dictionary stem id → stem pattern.
    by_stem_id: HashMap<u32, u32, FxBuildHasher>,
    /// Stem patterns whose stem is in no dictionary entry, by stem.
    missing: HashMap<Box<str>, u32, FxBuildHasher>,
    /// Folded prefixes; prefix pattern `PREFIX | i` is `prefixes[i]`.
    prefixes: Vec<Box<str>>,
    /// Whether a word whose folded form starts with this byte may match a prefix.
    prefix_first: Box<[bool; 256]>,
    /// Per stem pattern, then per prefix pattern: the terms that use it.
    stem_uses: Vec<Box<[Use]>>,
    prefix_uses: Vec<Box<[Use]>>,
    terms: Vec<Term>,
    /// Per term: the rules of which it is an artifact.
    artifact_of: Vec<Box<[u32]>>,
    rules: Vec<Rule>,
    /// The longest exact phrase, in words: how many recent words a scan remembers.
    ring: usize,
    /// Total words of the proximity terms.
    near_slots: usize,
}

#[derive(Default)]
struct Compiler {
    stems: HashMap<Box<str>, u32>,
    prefixes: Vec<Box<str>>,
    terms: Vec<Term>,
    term_ids: HashMap<(Box<[u32]>, Option<u32>), u32>,
    near_slots: usize,
    buf: String,
}

impl Compiler {
    fn pattern(&mut self, folded: &str, prefix: bool, stemmer: &Stemmer) -> u32 {
        if prefix {
            let i = match self.prefixes.iter().position(|p| **p == *folded) {
                Some(i) => i,
                None => {
                    self.prefixes.push(folded.into());
                    self.prefixes.len() - 1
                }
            };
            PREFIX | i as u32
        } else {
            let next = self.stems.len() as u32;
            *self.stems.entry(stemmer.stem(folded).into()).or_insert(next)
        }
    }

    /// Interns a term. `None` for a term with no words the tokenizer keeps (punctuation).
    fn term(&mut self, term: &PpsTerm, stemmer: &Stemmer) -> Option<u32> {
        let mut words = Vec::new();
        let mut buf = std::mem::take(&mut self.buf);
        for (word, &prefix) in
            term.words.iter().zip(term.prefix.iter().chain(std::iter::repeat(&false)))
        {
            for_each_word(word, 0, &mut buf, |_, folded| {
                words.push(self.pattern(folded, prefix, stemmer));
            });
        }
        self.buf = buf;
        if words.is_empty() {
            return None;
        }
        let proximity = term.proximity.map(|n| n.min(MAX_PROXIMITY));
        let key = (words.into_boxed_slice(), proximity);
        if let Some(&id) = self.term_ids.get(&key) {
            return Some(id);
        }
        let id = self.terms.len() as u32;
        let slots = self.near_slots;
        if proximity.is_some() {
            self.near_slots += key.0.len();
        }
        self.terms.push(Term { words: key.0.clone(), proximity, slots });
        self.term_ids.insert(key, id);
        Some(id)
    }
}

impl Rules {
    /// Compiles catalogue rows with conditions against one of the detector's dictionary
    /// layers, `dict` at index `layer` (whose stem ids the words will carry). `Ok(None)` if no row has an artifact with words; an error
    /// if the rows use more than [`MAX_PREFIXES`] distinct wildcard words.
    pub(crate) fn compile(
        rows: &[PpsRule],
        dict: &Dictionary,
        layer: usize,
    ) -> Result<Option<Rules>, Error> {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut c = Compiler::default();
        let mut rules = Vec::new();
        let mut artifact_of: Vec<Vec<u32>> = Vec::new();
        for row in rows {
            let artifacts: Vec<u32> = std::iter::once(&row.artifact)
                .chain(&row.alternatives)
                .filter_map(|t| c.term(t, &stemmer))
                .collect();
            if artifacts.is_empty() {
                continue;
            }
            let mut terms = |list: &[PpsTerm]| -> Box<[u32]> {
                list.iter().filter_map(|t| c.term(t, &stemmer)).collect()
            };
            let require = terms(&row.require);
            let exclude = terms(&row.exclude);
            // A group whose terms all lack words can never be met, as before.
            let require_any = row.require_any.iter().map(|g| terms(g)).collect();
            if c.prefixes.len() > MAX_PREFIXES {
                return Err(Error::Dictionary {
                    origin: "<pps>".into(),
                    line: row.line,
                    reason: format!(
                        "more than {MAX_PREFIXES} distinct wildcard words (like optimiz*) in the \
                         catalogues of one detector"
                    ),
                });
            }
            let index = rules.len() as u32;
            artifact_of.resize_with(c.terms.len(), Vec::new);
            for &t in &artifacts {
                if !artifact_of[t as usize].contains(&index) {
                    artifact_of[t as usize].push(index);
                }
            }
            rules.push(Rule {
                require,
                require_any,
                exclude,
                original: row.expected.clone(),
                weight: pps_weight(row.papers),
            });
        }
        if rules.is_empty() {
            return Ok(None);
        }
        artifact_of.resize_with(c.terms.len(), Vec::new);
        let mut stem_uses: Vec<Vec<Use>> = vec![Vec::new(); c.stems.len()];
        let mut prefix_uses: Vec<Vec<Use>> = vec![Vec::new(); c.prefixes.len()];
        let mut uses = |pattern: u32, u: Use| {
            let list = if pattern & PREFIX != 0 {
                &mut prefix_uses[(pattern & !PREFIX) as usize]
            } else {
                &mut stem_uses[pattern as usize]
            };
            if !list.contains(&u) {
                list.push(u);
            }
        };
        let mut ring = 1;
        for (term, t) in c.terms.iter().enumerate() {
            let term = term as u32;
            match t.proximity {
                // An exact phrase is found at its last word, looking back.
                None => {
                    ring = ring.max(t.words.len());
                    let at = t.words.len() - 1;
                    uses(t.words[at], Use { term, at: at as u32 });
                }
                Some(_) => {
                    for (at, &p) in t.words.iter().enumerate() {
                        uses(p, Use { term, at: at as u32 });
                    }
                }
            }
        }
        let mut known = vec![0u64; dict.stem_count().div_ceil(64)].into_boxed_slice();
        let mut by_stem_id = HashMap::default();
        let mut missing = HashMap::default();
        for (stem, pattern) in c.stems {
            match dict.stem_id(&stem) {
                Some(id) => {
                    if let Some(bits) = known.get_mut(id as usize / 64) {
                        *bits |= 1 << (id % 64);
                        by_stem_id.insert(id, pattern);
                    } else {
                        missing.insert(stem, pattern);
                    }
                }
                None => {
                    missing.insert(stem, pattern);
                }
            }
        }
        let mut prefix_first = Box::new([false; 256]);
        for p in &c.prefixes {
            if let Some(&b) = p.as_bytes().first() {
                prefix_first[b as usize] = true;
            }
        }
        Ok(Some(Rules {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            layer,
            known,
            by_stem_id,
            missing,
            prefixes: c.prefixes,
            prefix_first,
            stem_uses: stem_uses.into_iter().map(Vec::into_boxed_slice).collect(),
            prefix_uses: prefix_uses.into_iter().map(Vec::into_boxed_slice).collect(),
            terms: c.terms,
            artifact_of: artifact_of.into_iter().map(Vec::into_boxed_slice).collect(),
            rules,
            ring,
            near_slots: c.near_slots,
        }))
    }

    /// The dictionary layer whose stem ids [`Rules::word`] expects.
    pub(crate) fn layer(&self) -> usize {
        self.layer
    }

    /// The number of rules.
    pub(crate) fn len(&self) -> usize {
        self.rules.len()
    }

    /// Rule `i`.
    pub(crate) fn rule(&self, i: u32) -> &Rule {
        &self.rules[i as usize]
    }

    /// Starts a document: terms seen before no longer count, and `scan.hits` is emptied.
    pub(crate) fn begin_document(&self, scan: &mut RuleScan) {
        if scan.owner != self.id {
            scan.owner = self.id;
            scan.short.clear();
            scan.long.clear();
            scan.ring = vec![Recent::NONE; self.ring];
            scan.seen = vec![0; self.terms.len()];
            scan.near = vec![(0, 0); self.near_slots];
        }
        scan.document = scan.position;
        scan.hits.clear();
    }

    /// Starts a sentence: an artifact occurrence that began before it is not a hit (it may
    /// still satisfy another rule's condition).
    #[inline]
    pub(crate) fn begin_sentence(&self, scan: &mut RuleScan) {
        scan.sentence = scan.position;
    }

    /// Takes the next word of the document, in order, with the stem id the dictionary's stem
    /// cache gave it ([`NO_STEM`] if its stem is in no entry).
    #[inline]
    pub(crate) fn word(&self, scan: &mut RuleScan, w: Word, t: WordText<'_>, stem_id: u32) {
        let position = scan.position;
        scan.position += 1;
        let stem = if stem_id != NO_STEM {
            let bit = self.known.get(stem_id as usize / 64).map_or(0, |b| b >> (stem_id % 64) & 1);
            if bit == 0 { NONE } else { self.by_stem_id.get(&stem_id).copied().unwrap_or(NONE) }
        } else if !self.missing.is_empty() {
            self.missing_stem(scan, t)
        } else {
            NONE
        };
        let prefixes = if self.prefixes.is_empty() { 0 } else { self.prefix_mask(t) };
        if stem != NONE || prefixes != 0 {
            self.matched(scan, position, w, stem, prefixes);
        }
    }

    /// Whether rule `i`'s conditions hold over the document so far: every `AND` term and one
    /// term of every `AND (… OR …)` group seen, no `NOT` term seen.
    pub(crate) fn holds(&self, scan: &RuleScan, i: u32) -> bool {
        let rule = &self.rules[i as usize];
        let seen = |t: &u32| scan.seen.get(*t as usize).is_some_and(|&p| p > scan.document);
        rule.require.iter().all(seen)
            && rule.require_any.iter().all(|g| g.iter().any(seen))
            && !rule.exclude.iter().any(seen)
    }

    /// The prefix patterns a word matches, as a bit set.
    #[inline]
    fn prefix_mask(&self, t: WordText<'_>) -> u64 {
        let text = t.text().as_bytes();
        let Some(&first) = text.first() else { return 0 };
        if !self.prefix_first[first.to_ascii_lowercase() as usize] {
            return 0;
        }
        let mut mask = 0;
        for (i, p) in self.prefixes.iter().enumerate() {
            let p = p.as_bytes();
            let hit = match t {
                WordText::Ascii(_) => {
                    text.get(..p.len()).is_some_and(|b| b.eq_ignore_ascii_case(p))
                }
                WordText::Folded(_) => text.starts_with(p),
            };
            if hit {
                mask |= 1 << i;
            }
        }
        mask
    }

    /// The stem pattern of a word without a dictionary stem id, among the stems in no
    /// dictionary entry: cached per word.
    fn missing_stem(&self, scan: &mut RuleScan, t: WordText<'_>) -> u32 {
        let key = match t {
            WordText::Ascii(raw) => pack_ascii(raw.as_bytes()),
            WordText::Folded(folded) => pack(folded),
        };
        if let Some(key) = key {
            if let Some(&p) = scan.short.get(&key) {
                return p;
            }
        } else if t.text().len() > MAX_WORD_BYTES {
            return NONE;
        }
        let mut lower = std::mem::take(&mut scan.lower);
        lower.clear();
        lower.push_str(t.text());
        lower.make_ascii_lowercase();
        let p = match key {
            Some(key) => {
                let p = self.stem_pattern(&scan.stemmer, &lower);
                if scan.short.len() >= CACHE_LIMIT {
                    scan.short.clear();
                }
                scan.short.insert(key, p);
                p
            }
            None => match scan.long.get(lower.as_str()) {
                Some(&p) => p,
                None => {
                    let p = self.stem_pattern(&scan.stemmer, &lower);
                    if scan.long.len() >= CACHE_LIMIT {
                        scan.long.clear();
                    }
                    scan.long.insert(lower.as_str().into(), p);
                    p
                }
            },
        };
        scan.lower = lower;
        p
    }

    #[cold]
    fn stem_pattern(&self, stemmer: &Stemmer, folded: &str) -> u32 {
        self.missing.get(&*stemmer.stem(folded)).copied().unwrap_or(NONE)
    }

    /// A word that matches some pattern: finds the terms it completes.
    #[inline(never)]
    fn matched(&self, scan: &mut RuleScan, position: u64, w: Word, stem: u32, prefixes: u64) {
        let RuleScan { ring, seen, near, hits, document, sentence, .. } = scan;
        let len = ring.len() as u64;
        ring[(position % len) as usize] =
            Recent { position, stem, prefixes, start: w.start, joins: w.gap.joins() };
        let stem_uses = self.stem_uses.get(stem as usize).map_or(&[][..], |u| &u[..]);
        let prefix_uses = (0..self.prefix_uses.len())
            .filter(|&i| prefixes >> i & 1 == 1)
            .flat_map(|i| self.prefix_uses[i].iter());
        for &Use { term, at } in stem_uses.iter().chain(prefix_uses) {
            let t = &self.terms[term as usize];
            let n = t.words.len() as u64;
            let (first, start) = match t.proximity {
                None => {
                    let Some(first) = (position + 1).checked_sub(n) else { continue };
                    let whole = t.words.iter().enumerate().all(|(k, &p)| {
                        let q = first + k as u64;
                        let r = &ring[(q % len) as usize];
                        r.position == q && (k == 0 || r.joins) && r.has(p)
                    });
                    if !whole {
                        continue;
                    }
                    (first, ring[(first % len) as usize].start)
                }
                Some(distance) => {
                    let slots = &mut near[t.slots..t.slots + t.words.len()];
                    slots[at as usize] = (position + 1, w.start);
                    // The earliest of each word's latest occurrence in this document.
                    let mut first = (position, w.start);
                    let mut all = true;
                    for &(seen_at, start) in slots.iter() {
                        if seen_at <= *document {
                            all = false;
                            break;
                        }
                        if seen_at - 1 < first.0 {
                            first = (seen_at - 1, start);
                        }
                    }
                    if !all || position - first.0 >= n + u64::from(distance) {
                        continue;
                    }
                    first
                }
            };
            seen[term as usize] = position + 1;
            if first >= *sentence {
                for &rule in self.artifact_of[term as usize].iter() {
                    hits.push(RuleHit { start, end: w.end, rule });
                }
            }
        }
    }
}

/// A recent word that matched some pattern.
#[derive(Debug, Clone, Copy)]
struct Recent {
    position: u64,
    stem: u32,
    prefixes: u64,
    start: usize,
    joins: bool,
}

impl Recent {
    const NONE: Recent =
        Recent { position: u64::MAX, stem: NONE, prefixes: 0, start: 0, joins: false };

    /// Whether the word matches pattern `p`.
    #[inline]
    fn has(&self, p: u32) -> bool {
        if p & PREFIX != 0 { self.prefixes >> (p & !PREFIX) & 1 == 1 } else { self.stem == p }
    }
}

/// Per-thread state for scanning documents with [`Rules`]: what has been seen in the current
/// document, and the cache for words without a dictionary stem id. Positions count every word
/// the scan has ever taken, so nothing needs clearing between documents: state from before
/// `document` is simply stale.
pub(crate) struct RuleScan {
    owner: u64,
    stemmer: Stemmer,
    short: HashMap<[u64; 2], u32, FxBuildHasher>,
    long: HashMap<Box<str>, u32, FxBuildHasher>,
    lower: String,
    position: u64,
    document: u64,
    sentence: u64,
    ring: Vec<Recent>,
    /// Per term: one past the position of its last occurrence (0: never).
    seen: Vec<u64>,
    /// Per word of a proximity term: one past the position of its last occurrence, and its
    /// byte offset.
    near: Vec<(u64, usize)>,
    /// Candidate hits found since [`Rules::begin_document`], in the order their last word
    /// was read.
    pub hits: Vec<RuleHit>,
}

impl Default for RuleScan {
    fn default() -> Self {
        RuleScan {
            owner: 0,
            stemmer: Stemmer::create(Algorithm::English),
            short: HashMap::default(),
            long: HashMap::default(),
            lower: String::new(),
            position: 0,
            document: 0,
            sentence: 0,
            ring: Vec::new(),
            seen: Vec::new(),
            near: Vec::new(),
            hits: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pps::Catalogue;
    use crate::stem::StemCache;
    use crate::text::sentences;
    use crate::text::tokenize::for_each_token;

    /// Whole-document evaluation as [`Detector::analyze`](crate::Detector::analyze) does it:
    /// the hits of the rules that hold at the end, as `(artifact text, rule index)`.
    fn evaluate<'a>(
        rules: &Rules,
        dict: &Dictionary,
        scan: &mut RuleScan,
        text: &'a str,
    ) -> Vec<(&'a str, u32)> {
        let mut cache = StemCache::default();
        cache.bind(u64::MAX);
        rules.begin_document(scan);
        let mut buf = String::new();
        for r in sentences(text) {
            rules.begin_sentence(scan);
            for_each_token(&text[r.clone()], r.start, &mut buf, |w, t| {
                let id = cache.get_token(t, dict).id;
                rules.word(scan, w, t, id)
            });
        }
        let hits = std::mem::take(&mut scan.hits);
        hits.iter()
            .filter(|h| rules.holds(scan, h.rule))
            .map(|h| (&text[h.start..h.end], h.rule))
            .collect()
    }

    fn compile(rows: &str, dict: &Dictionary) -> Rules {
        let c = Catalogue::parse(rows, "t.csv");
        assert!(c.errors().is_empty(), "{:?}", c.errors());
        Rules::compile(c.rules(), dict, 0).expect("compiles").expect("rules")
    }

    /// Two dictionaries to compile the rules against: one with no entries (every rule stem is
    /// looked up through the scan's own cache) and one whose entries hold every stem of
    /// `query` (found by the stem ids the dictionary's cache gives).
    fn dictionaries(query: &str) -> [Dictionary; 2] {
        let words: String = query
            .split(|c: char| !c.is_alphanumeric() && c != '*')
            .filter(|w| !w.is_empty() && !w.ends_with('*') && !["AND", "OR", "NOT"].contains(w))
            .map(|w| format!("{w}\tx\ttortured-phrase\t1\n"))
            .collect();
        [Dictionary::empty(), Dictionary::from_tsv(&words, "t.tsv").expect("dictionary")]
    }

    #[test]
    fn rule_semantics() {
        // (catalogue row (query column), text, expected artifact texts)
        let cases: &[(&str, &str, &[&str])] = &[
            (r#""bosom" AND "breast""#, "The bosom of the family.", &[]),
            (r#""bosom" AND "breast""#, "Bosom tissue. Breast cancer.", &["Bosom"]),
            (r#""bosom" AND "breast""#, "Breasts first. Then bosoms.", &["bosoms"]),
            (r#""bosom" AND "breast""#, "Breast bosom breast bosom.", &["bosom", "bosom"]),
            (r#""a b" AND ("c" OR "d")"#, "A b. D.", &["A b"]),
            (r#""a b" AND ("c" OR "d")"#, "A b. E.", &[]),
            (r#""a b" AND "c" AND "d e""#, "A b c. E d.", &[]),
            (r#""a b" AND "c" AND "d e""#, "A b, c. D e.", &["A b"]),
            (
                r#""magnetic cell separation" NOT "with MACS""#,
                "Magnetic cell separation.",
                &["Magnetic cell separation"],
            ),
            (
                r#""magnetic cell separation" NOT "with MACS""#,
                "Magnetic cell separation. With MACS.",
                &[],
            ),
            // A phrase never matches across punctuation or sentences.
            (r#""x y" NOT "q""#, "A x, y b.", &[]),
            (r#""x y" NOT "q""#, "A x. Y b.", &[]),
            (r#""x y" NOT "q""#, "A x-y b.", &["x-y"]),
            (r#""a" OR "b c" AND "d""#, "B c and d.", &["B c"]),
            (r#""a" OR "b c" AND "d""#, "A and d.", &["A"]),
            // Proximity: any order, within N words (n + N word positions).
            (
                r#""gatherings clustering"~3"#,
                "Clustering of the gatherings.",
                &["Clustering of the gatherings"],
            ),
            (
                r#""gatherings clustering"~3"#,
                "Gatherings a b c clustering.",
                &["Gatherings a b c clustering"],
            ),
            (r#""gatherings clustering"~3"#, "Gatherings ab cd ef gh clustering.", &[]),
            // The nearest occurrences are reported, not the first.
            (r#""alpha omega"~2"#, "Alpha alpha x omega.", &["alpha x omega"]),
            // A proximity artifact spanning two sentences is no hit; as a condition it counts.
            (r#""alpha omega"~5"#, "Alpha x. Omega.", &[]),
            (r#""zeta" AND "alpha omega"~5"#, "Zeta. Alpha x. Omega.", &["Zeta"]),
            // Prefix wildcards match folded words, not stems.
            (
                r#""irregular woodland" AND optimiz*"#,
                "Irregular woodland. Optimized.",
                &["Irregular woodland"],
            ),
            (r#""irregular woodland" AND optimiz*"#, "Irregular woodland. Optimal.", &[]),
            (r#""hear* rate""#, "Hearing rate and heart rate.", &["Hearing rate", "heart rate"]),
            (r#""ultra* sound""#, "Ultrasound. Ultra sound.", &["Ultra sound"]),
            // Case and diacritics are folded as everywhere else.
            (
                r#""ultra* sound""#,
                "ULTRAVIOLET sound. Ültra sound.",
                &["ULTRAVIOLET sound", "Ültra sound"],
            ),
            (r#""x" AND "naïve*""#, "X. Naïvety.", &["X"]),
        ];
        for &(query, text, expected) in cases {
            let csv = format!("\"{}\",x,1\n", query.replace('"', "\"\""));
            for dict in dictionaries(query) {
                let rules = compile(&csv, &dict);
                let mut scan = RuleScan::default();
                let got: Vec<&str> =
                    evaluate(&rules, &dict, &mut scan, text).iter().map(|h| h.0).collect();
                assert_eq!(got, expected, "{query} on {text:?} ({} entries)", dict.len());
            }
        }
    }

    #[test]
    fn proximity_is_capped_at_load() {
        let dict = Dictionary::empty();
        let rules = compile("\"\"\"alpha omega\"\"~4000000000\",x,1\n", &dict);
        let mut scan = RuleScan::default();
        let gap = |n: usize| format!("Alpha {}omega.", "wx ".repeat(n));
        // ~50 on two words: the two may be 51 positions apart, not 52.
        let at_cap = gap(MAX_PROXIMITY as usize);
        assert_eq!(evaluate(&rules, &dict, &mut scan, &at_cap).len(), 1);
        let past_cap = gap(MAX_PROXIMITY as usize + 1);
        assert!(evaluate(&rules, &dict, &mut scan, &past_cap).is_empty());
    }

    #[test]
    fn state_does_not_leak_between_documents_or_rule_sets() {
        let dict = Dictionary::empty();
        let bosom = compile("\"\"\"bosom\"\" AND \"\"breast\"\"\",breast,1\n", &dict);
        let other = compile("\"\"\"breast\"\" AND \"\"bosom\"\"\",bosom,1\n", &dict);
        let mut scan = RuleScan::default();
        let mut run = |rules: &Rules, text: &str| evaluate(rules, &dict, &mut scan, text).len();
        assert_eq!(run(&bosom, "Breast."), 0);
        assert_eq!(run(&bosom, "Bosom."), 0);
        assert_eq!(run(&other, "Bosom. Breast."), 1);
        assert_eq!(run(&bosom, "Bosom."), 0);
        assert_eq!(run(&bosom, "Bosom. Breast."), 1);
        // Two-word proximity state from the previous document is stale.
        let near = compile("\"\"\"alpha omega\"\"~3\",x,1\n", &dict);
        assert_eq!(run(&near, "Alpha."), 0);
        assert_eq!(run(&near, "Omega."), 0);
    }

    #[test]
    fn rows_without_words_compile_to_nothing() {
        let c = Catalogue::parse("\"\"\"...\"\" AND \"\"x\"\"\",x,1\n", "t.csv");
        assert!(Rules::compile(c.rules(), &Dictionary::empty(), 0).unwrap().is_none());
    }

    #[test]
    fn too_many_wildcard_words_is_an_error_naming_the_row() {
        let rows: String =
            (0..=MAX_PREFIXES).map(|i| format!("\"\"\"x\"\" AND w{i}x*\",x,1\n")).collect();
        let c = Catalogue::parse(&rows, "t.csv");
        let e = Rules::compile(&c.rules()[..MAX_PREFIXES], &Dictionary::empty(), 0);
        assert!(e.is_ok());
        match Rules::compile(c.rules(), &Dictionary::empty(), 0) {
            Err(Error::Dictionary { line, reason, .. }) => {
                assert_eq!(line, MAX_PREFIXES + 1);
                assert!(reason.contains("wildcard"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }
}
