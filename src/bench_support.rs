//! Single pipeline stages, exposed for the criterion benches and the allocation test so each
//! design decision (stem cache, FST walk) can be measured against its alternative. Not part
//! of the stable API.

use rust_stemmers::{Algorithm, Stemmer};

use crate::Detector;
use crate::dict::compile::encode_id;
use crate::dict::source::MAX_PHRASE_WORDS;
use crate::matcher::{self, Hit, Token};
use crate::stem::{NO_STEM, StemCache};
use crate::text::sentence::sentences;
use crate::text::tokenize::{for_each_token, for_each_word};

/// Loads the embedded dictionary from its bytes, as the first [`crate::Dictionary::embedded`]
/// call in a process does (later calls share that instance): returns the entry count.
pub fn load_embedded() -> usize {
    crate::Dictionary::load_embedded().len()
}

/// Sentence segmentation alone: returns the number of sentences.
pub fn segment(text: &str) -> usize {
    sentences(text).count()
}

/// Segmentation and tokenization with normalization, as the detector runs it (words of ASCII
/// letters and digits are handed over raw; the stem cache lowercases them while packing its
/// key): returns the number of words.
pub fn tokenize(text: &str) -> usize {
    let mut buf = String::new();
    let mut n = 0;
    for r in sentences(text) {
        for_each_token(&text[r.clone()], r.start, &mut buf, |_, _| n += 1);
    }
    n
}

/// Tokenization plus Snowball stemming of every word, without a cache: the alternative to
/// the stem cache. Returns the total stem length.
pub fn stem_uncached(text: &str) -> usize {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut buf = String::new();
    let mut n = 0;
    for r in sentences(text) {
        for_each_word(&text[r.clone()], r.start, &mut buf, |_, w| n += stemmer.stem(w).len());
    }
    n
}

/// Tokenization plus cached stem-id lookup, as the detector does it: returns the number of
/// words with a stem id.
pub fn stem_cached(detector: &Detector, text: &str, cache: &mut Cache) -> usize {
    let dict = detector.dictionary();
    cache.0.bind(u64::MAX - 1);
    let mut buf = String::new();
    let mut n = 0;
    for r in sentences(text) {
        for_each_token(&text[r.clone()], r.start, &mut buf, |_, t| {
            n += usize::from(cache.0.get_token(t, dict).id != NO_STEM)
        });
    }
    n
}

/// A stem cache kept across bench iterations, as the detector's per-thread one is.
#[derive(Default)]
pub struct Cache(StemCache);

fn tokens(detector: &Detector, text: &str, cache: &mut Cache, f: &mut impl FnMut(&[Token])) {
    let dict = detector.dictionary();
    cache.0.bind(u64::MAX - 1);
    let mut buf = String::new();
    let mut words = Vec::new();
    for r in sentences(text) {
        words.clear();
        for_each_token(&text[r.clone()], r.start, &mut buf, |w, t| {
            let stem = cache.0.get_token(t, dict);
            words.push(Token {
                start: w.start,
                end: w.end,
                id: stem.id,
                single: stem.single,
                joins: w.gap.joins(),
                torn: false,
            })
        });
        f(&words);
    }
}

/// Tokenization, stem ids and the FST walk (no scoring, no reports): returns the number of
/// dictionary matches.
pub fn match_walk(detector: &Detector, text: &str, cache: &mut Cache) -> usize {
    let fst = detector.dictionary().phrase_fst();
    let index = detector.dictionary().match_index();
    let mut hits: Vec<Hit> = Vec::new();
    let mut n = 0;
    tokens(detector, text, cache, &mut |words| {
        hits.clear();
        matcher::find(fst, &index, words, &mut hits, |_| true);
        n += hits.len();
    });
    n
}

/// The alternative to the node-by-node walk: a `Map::get` for every window of up to
/// 16 words at every position (longest first). Returns the number of matches.
pub fn match_map_get(detector: &Detector, text: &str, cache: &mut Cache) -> usize {
    let fst = detector.dictionary().phrase_fst();
    let mut key = Vec::with_capacity(3 * MAX_PHRASE_WORDS);
    let mut n = 0;
    tokens(detector, text, cache, &mut |words| {
        map_get_each_window(fst, words, &mut key, &|_, _, _| true, |_, _, _| n += 1);
    });
    n
}

/// Leftmost-longest matching by `Map::get` of every window of up to 16 words, longest first:
/// calls `on_hit(first, last, record)` for each match.
fn map_get_each_window<D: AsRef<[u8]>>(
    fst: &fst::raw::Fst<D>,
    words: &[Token],
    key: &mut Vec<u8>,
    accept: &impl Fn(usize, usize, u64) -> bool,
    mut on_hit: impl FnMut(usize, usize, u64),
) {
    let mut i = 0;
    'pos: while i < words.len() {
        let mut len = 0;
        while len < MAX_PHRASE_WORDS && i + len < words.len() {
            let w = &words[i + len];
            if w.id == NO_STEM || (len > 0 && !w.joins) {
                break;
            }
            len += 1;
        }
        for l in (1..=len).rev() {
            key.clear();
            for w in &words[i..i + l] {
                key.extend_from_slice(&encode_id(w.id));
            }
            if let Some(record) = fst.get(&*key) {
                if l == 1 || accept(i, i + l - 1, record.value()) {
                    on_hit(i, i + l - 1, record.value());
                    i += l;
                    continue 'pos;
                }
            }
        }
        i += 1;
    }
}

/// The surface strings of every dictionary artifact (for the aho-corasick baseline).
pub fn artifact_strings(detector: &Detector) -> Vec<String> {
    detector.dictionary().iter().map(|e| e.artifact.to_string()).collect()
}

/// The matches as `(start byte, end byte, record)`, from the detector's matcher (Bloom
/// filters, then the node-by-node walk) or, with `reference`, from `Map::get` on every window
/// (longest first), before the inflection check. The two must agree; the test suite checks
/// that they do.
pub fn hits(detector: &Detector, text: &str, reference: bool) -> Vec<(usize, usize, u64)> {
    hits_accepted(detector, text, reference, |_, _, _| true)
}

/// [`hits`] where a phrase candidate (first word, last word, record) counts only if `accept`
/// says so, as the detector's inflection check does; one-word entries always count.
pub fn hits_accepted(
    detector: &Detector,
    text: &str,
    reference: bool,
    accept: impl Fn(usize, usize, u64) -> bool,
) -> Vec<(usize, usize, u64)> {
    let fst = detector.dictionary().phrase_fst();
    let index = detector.dictionary().match_index();
    let mut cache = Cache::default();
    let mut out = Vec::new();
    let mut key = Vec::new();
    tokens(detector, text, &mut cache, &mut |words| {
        if !reference {
            let mut hits: Vec<Hit> = Vec::new();
            matcher::find(fst, &index, words, &mut hits, |h| accept(h.first, h.last, h.record));
            out.extend(hits.iter().map(|h| (words[h.first].start, words[h.last].end, h.record)));
            return;
        }
        map_get_each_window(fst, words, &mut key, &accept, |first, last, record| {
            out.push((words[first].start, words[last].end, record));
        });
    });
    out
}
