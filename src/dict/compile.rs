//! Compiling dictionary entries to the binary form that is embedded and loaded zero-copy.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! header   magic "SPINSCAN" | version u32 | entries u32 | checksum u64
//!          | vocab_len u64 | phrases_len u64 | labels_len u64 | strings_len u64 | index_len u64
//! vocab    fst::Map: word stem -> stem id
//! phrases  fst::Map: stem ids (3 bytes little-endian each) -> record index
//! labels   u16 count, then (u8 length, bytes)*: the domain and source names
//! records  RECORD_LEN bytes per entry, in key order
//! strings  artifact and original text of every record, back to back; the artifact text
//!          holds every spelling of the record's key, the winner's first, tab-separated
//! index    the matcher's index (start states, pair and triple filters): see `dict::index`
//! ```
//!
//! Keying phrases by stem ids rather than stem text keeps every word to three FST
//! transitions, and lets the matcher look up each distinct surface word only once.
//! Self-contained: `build.rs` includes this file to build the embedded default.

use std::collections::{BTreeMap, HashMap};

use rust_stemmers::{Algorithm, Stemmer};

use crate::dict::source::{MAX_PHRASE_WORDS, SourceEntry};
use crate::text::tokenize::{Gap, for_each_word};

/// The first bytes of every compiled dictionary.
pub const MAGIC: &[u8; 8] = b"SPINSCAN";
/// The version of the compiled layout. Loading any other version is an error.
/// Version 4: a record's artifact text holds all its spellings (version 3 kept one).
pub const VERSION: u32 = 4;
/// Bytes in the header.
pub const HEADER_LEN: usize = 8 + 4 + 4 + 8 + 5 * 8;
/// Bytes in one record: string offset u32, artifact length u16 (all spellings, with their
/// separators), original length u16, weight f32, kind u8, padding u8, domain label u16,
/// source label u16, padding u16.
pub const RECORD_LEN: usize = 20;
/// Stem ids are written as three bytes, so a vocabulary holds at most this many stems.
pub const MAX_STEMS: usize = 1 << 24;
/// Words longer than this (in bytes, after folding) are never dictionary words.
pub const MAX_WORD_BYTES: usize = 48;

/// Why an entry could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// Index of the offending entry in the slice given to [`compile`].
    pub index: usize,
    /// What is wrong with it.
    pub reason: String,
}

/// Splits a phrase into words exactly as the runtime tokenizer does and stems each word.
pub fn phrase_stems(
    phrase: &str,
    stemmer: &Stemmer,
    buf: &mut String,
) -> Result<Vec<String>, String> {
    let mut stems = Vec::new();
    let mut error = None;
    for_each_word(phrase, 0, buf, |word, folded| {
        if error.is_some() {
            return;
        }
        if word.gap == Gap::Break {
            error = Some(format!(
                "punctuation inside {phrase:?}: phrases never match across punctuation"
            ));
        } else if folded.len() > MAX_WORD_BYTES {
            error = Some(format!("a word of {phrase:?} is longer than {MAX_WORD_BYTES} bytes"));
        } else {
            stems.push(stemmer.stem(folded).into_owned());
        }
    });
    if let Some(e) = error {
        return Err(e);
    }
    if stems.is_empty() {
        return Err(format!("{phrase:?} has no words"));
    }
    if stems.len() > MAX_PHRASE_WORDS {
        return Err(format!("{phrase:?} has more than {MAX_PHRASE_WORDS} words"));
    }
    Ok(stems)
}

/// Separates the artifact forms stored in one record's artifact string (see [`compile`]).
pub const FORM_SEPARATOR: char = '\t';

/// Compiles entries. For entries with the same key (the same stem sequence), the later one
/// wins: that is how several dictionaries merge. The record keeps every distinct artifact
/// spelling of its key that has the winner's original and kind, the winner's first, separated
/// by [`FORM_SEPARATOR`]: the matcher accepts inflected forms of any of them ("neural
/// organization" and "neural organize" share a key, and a hit on either spelling must survive
/// whichever line came last).
pub fn compile(entries: &[SourceEntry]) -> Result<Vec<u8>, CompileError> {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut buf = String::new();
    // Stems -> the winning (last) entry, and every entry with that key in order.
    let mut keyed: HashMap<Vec<String>, usize> = HashMap::with_capacity(entries.len());
    let mut spellings: HashMap<usize, Vec<usize>> = HashMap::new();
    for (index, e) in entries.iter().enumerate() {
        let stems = phrase_stems(&e.artifact, &stemmer, &mut buf)
            .map_err(|reason| CompileError { index, reason })?;
        if let Some(previous) = keyed.insert(stems, index) {
            let mut all = spellings.remove(&previous).unwrap_or_else(|| vec![previous]);
            all.push(index);
            spellings.insert(index, all);
        }
    }

    // Stem ids in sorted stem order, so the output is deterministic.
    let mut vocab: BTreeMap<&str, u32> = BTreeMap::new();
    for stems in keyed.keys() {
        for s in stems {
            vocab.insert(s.as_str(), 0);
        }
    }
    if vocab.len() > MAX_STEMS {
        return Err(CompileError { index: 0, reason: "more than 2^24 distinct stems".into() });
    }
    for (id, v) in vocab.values_mut().enumerate() {
        *v = id as u32;
    }
    let vocab_fst = fst::Map::from_iter(vocab.iter().map(|(s, &id)| (s.as_bytes(), id as u64)))
        .map_err(|e| CompileError { index: 0, reason: format!("vocabulary: {e}") })?;

    let mut keys: Vec<(Vec<u8>, usize)> = keyed
        .iter()
        .map(|(stems, &i)| {
            let mut key = Vec::with_capacity(stems.len() * 3);
            for s in stems {
                key.extend_from_slice(&encode_id(vocab[s.as_str()]));
            }
            (key, i)
        })
        .collect();
    keys.sort_unstable();
    let phrase_fst =
        fst::Map::from_iter(keys.iter().enumerate().map(|(r, (k, _))| (k.as_slice(), r as u64)))
            .map_err(|e| CompileError { index: 0, reason: format!("phrases: {e}") })?;

    let mut labels = Labels::default();

    let mut records = Vec::with_capacity(keys.len() * RECORD_LEN);
    let mut strings = Vec::new();
    for (_, i) in &keys {
        let e = &entries[*i];
        let offset = u32::try_from(strings.len())
            .map_err(|_| CompileError { index: *i, reason: "string table over 4 GiB".into() })?;
        let artifact = forms(entries, *i, spellings.get(i), &mut buf);
        let (alen, olen) = (artifact.len(), e.original.len());
        if alen > u16::MAX as usize || olen > u16::MAX as usize {
            let reason = if e.artifact.len() < alen {
                "the spellings of this stemmed key total more than 65,535 bytes"
            } else {
                "artifact or original too long"
            };
            return Err(CompileError { index: *i, reason: reason.into() });
        }
        strings.extend_from_slice(artifact.as_bytes());
        strings.extend_from_slice(e.original.as_bytes());
        records.extend_from_slice(&offset.to_le_bytes());
        records.extend_from_slice(&(alen as u16).to_le_bytes());
        records.extend_from_slice(&(olen as u16).to_le_bytes());
        records.extend_from_slice(&e.weight.to_le_bytes());
        records.push(e.kind.code());
        records.push(0);
        records.extend_from_slice(&labels.intern(&e.domain, *i)?.to_le_bytes());
        records.extend_from_slice(&labels.intern(&e.source, *i)?.to_le_bytes());
        records.extend_from_slice(&[0, 0]);
    }
    let mut label_bytes = Vec::new();
    label_bytes.extend_from_slice(&(labels.names.len() as u16).to_le_bytes());
    for l in &labels.names {
        // Labels are at most 64 bytes (checked by the TSV parser); clamp for other callers.
        let b = &l.as_bytes()[..l.len().min(255)];
        label_bytes.push(b.len() as u8);
        label_bytes.extend_from_slice(b);
    }

    let vocab_bytes = vocab_fst.into_fst().into_inner();
    let phrase_bytes = phrase_fst.into_fst().into_inner();
    let index_bytes = fst::Map::new(phrase_bytes.as_slice())
        .map(|m| crate::dict::index::build(&m, vocab.len() as u32))
        .map_err(|e| CompileError { index: 0, reason: format!("phrases: {e}") })?;
    let body_len = vocab_bytes.len()
        + phrase_bytes.len()
        + label_bytes.len()
        + records.len()
        + strings.len()
        + index_bytes.len();
    let mut out = Vec::with_capacity(HEADER_LEN + body_len);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
    out.extend_from_slice(&0u64.to_le_bytes()); // checksum, filled below
    let lens = [
        vocab_bytes.len(),
        phrase_bytes.len(),
        label_bytes.len(),
        strings.len(),
        index_bytes.len(),
    ];
    for len in lens {
        out.extend_from_slice(&(len as u64).to_le_bytes());
    }
    debug_assert_eq!(out.len(), HEADER_LEN);
    out.extend_from_slice(&vocab_bytes);
    out.extend_from_slice(&phrase_bytes);
    out.extend_from_slice(&label_bytes);
    out.extend_from_slice(&records);
    out.extend_from_slice(&strings);
    out.extend_from_slice(&index_bytes);
    let sum = checksum(&out[HEADER_LEN..]);
    out[16..24].copy_from_slice(&sum.to_le_bytes());
    Ok(out)
}

/// The artifact string of a record: the winner's spelling, then every other spelling of the
/// key in entry order with the winner's original and kind whose folded words differ from
/// those before it ("Neural organization",
/// "neural-organization" and "neural organization" are one spelling for the matcher). A
/// separator inside a spelling (not possible from TSV) becomes a space.
fn forms(
    entries: &[SourceEntry],
    winner: usize,
    all: Option<&Vec<usize>>,
    buf: &mut String,
) -> String {
    let clean = |s: &str| s.replace(FORM_SEPARATOR, " ");
    let Some(all) = all else {
        // Most keys have one line: no spelling to compare.
        return clean(&entries[winner].artifact);
    };
    let mut words = |s: &str| {
        let mut key = String::new();
        for_each_word(s, 0, buf, |_, w| {
            key.push_str(w);
            key.push(' ');
        });
        key
    };
    let w = &entries[winner];
    let mut out = clean(&w.artifact);
    let mut seen = vec![words(&out)];
    for &j in all {
        // Only spellings of the same artifact: a line with another original or kind (a
        // generated "head of state election" under a curated entry) is another substitution,
        // and must not borrow the winner's weight.
        let e = &entries[j];
        if e.kind != w.kind || !e.original.eq_ignore_ascii_case(&w.original) {
            continue;
        }
        let form = clean(&e.artifact);
        let key = words(&form);
        if !seen.contains(&key) {
            seen.push(key);
            out.push(FORM_SEPARATOR);
            out.push_str(&form);
        }
    }
    out
}

/// Interned domain and source names.
#[derive(Default)]
struct Labels<'a> {
    names: Vec<&'a str>,
    ids: HashMap<&'a str, u16>,
}

impl<'a> Labels<'a> {
    fn intern(&mut self, s: &'a str, index: usize) -> Result<u16, CompileError> {
        if let Some(&id) = self.ids.get(s) {
            return Ok(id);
        }
        let id = u16::try_from(self.names.len())
            .map_err(|_| CompileError { index, reason: "more than 65535 labels".into() })?;
        self.names.push(s);
        self.ids.insert(s, id);
        Ok(id)
    }
}

/// Encodes a stem id as the three bytes used in phrase keys, least significant first: the
/// first byte then spreads over 256 values, so the matcher's walk fails at the first
/// transition when the next word continues no phrase (with big-endian ids the top byte is
/// nearly always zero and every check costs two node decodes).
#[inline]
pub fn encode_id(id: u32) -> [u8; 3] {
    [id as u8, (id >> 8) as u8, (id >> 16) as u8]
}

/// FNV-1a over the body, eight bytes at a time: detects truncation and corruption of a
/// compiled file before any of it is trusted.
pub fn checksum(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01B3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(PRIME);
    }
    for &b in chunks.remainder() {
        h = (h ^ b as u64).wrapping_mul(PRIME);
    }
    h ^ bytes.len() as u64
}
