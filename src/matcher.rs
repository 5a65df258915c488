//! Leftmost-longest phrase matching over stem ids, walking the FST node by node.
//!
//! At each word the [`MatchIndex`] says, without touching the automaton, whether the word is a
//! one-word entry (the stem cache carries that record), whether it and the next word may be a
//! two-word phrase, and whether it and the next two may begin a longer one. Only then does the
//! walk follow the phrase automaton three bytes (one stem id) per word, remembering the last
//! final state; it stops at a word with no stem id, at a gap that phrases never cross
//! (punctuation), or when the automaton has no transition. The cost is bounded by words ×
//! [`MAX_PHRASE_WORDS`] and, in practice, is two Bloom-filter probes a word.
//!
//! Every final state passed on the way is a candidate. The caller's `accept` vets phrase
//! candidates (two or more words; the detector checks that the words are inflected, not derived,
//! forms of the entry's spelling), longest first, so a rejected long phrase leaves room for a
//! shorter one at the same word, and the scan goes on at the next word.
//!
//! A detector with several dictionary layers (the default, then user layers) runs
//! [`find_layers`]: each layer has its own stem ids, automaton and index, and the candidates
//! of all layers at a word are merged with the same leftmost-longest rule; for one span (the
//! same stemmed key) only the latest layer that has it counts. One layer is [`find`], the
//! default path, unchanged.

use fst::raw::{Fst, Output};

use crate::dict::compile::encode_id;
use crate::dict::source::MAX_PHRASE_WORDS;
use crate::dict::{Dictionary, MatchIndex, NO_RECORD};
use crate::stem::NO_STEM;

/// A word as the matcher sees it.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// Byte offset of the word in the analyzed text.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
    /// The word's stem id, or [`NO_STEM`].
    pub id: u32,
    /// The record of the one-word entry for this word's stem, or `u32::MAX`.
    pub single: u32,
    /// Whether a phrase may continue from the previous word into this one.
    pub joins: bool,
    /// Whether a torn hyphen joins this word to the previous one (a signal, not for matching).
    pub torn: bool,
}

/// A dictionary match over words `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the first word.
    pub first: usize,
    /// Index of the last word (inclusive).
    pub last: usize,
    /// Record index of the matched entry.
    pub record: u64,
    /// The dictionary layer the record is in (0 with [`find`]).
    pub layer: u32,
}

/// A phrase candidate at one word: its last word, record and layer.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    last: usize,
    record: u64,
    layer: u32,
}

/// Finds non-overlapping leftmost-longest matches over `tokens`: at each word, the longest
/// candidate that is a one-word entry or that `accept(hit)` accepts.
/// `index` is the dictionary's [`MatchIndex`] (see `Dictionary::match_index`).
pub fn find<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    index: &MatchIndex<'_>,
    tokens: &[Token],
    hits: &mut Vec<Hit>,
    mut accept: impl FnMut(&Hit) -> bool,
) {
    // Phrase candidates at one word, shortest first: at most one per phrase length.
    let mut phrases = [(0usize, 0u64); MAX_PHRASE_WORDS];
    let mut i = 0;
    while i < tokens.len() {
        let n = phrases_at(fst, index, tokens, i, &mut phrases);
        let phrase = phrases[..n]
            .iter()
            .rev()
            .map(|&(last, record)| Hit { first: i, last, record, layer: 0 })
            .find(|hit| accept(hit));
        let single = tokens[i].single;
        match phrase.or((single != NO_RECORD).then_some(Hit {
            first: i,
            last: i,
            record: u64::from(single),
            layer: 0,
        })) {
            Some(hit) => {
                hits.push(hit);
                i = hit.last + 1;
            }
            None => i += 1,
        }
    }
}

/// [`find`] over several layers, later layers overriding earlier ones. `tokens[l]` are the
/// words with layer `l`'s stem ids (the same words in every layer). At each word the longest
/// candidate of any layer wins, as with one dictionary; for a span that several layers have
/// (the same stemmed key), only the latest of them is tried: `accept` rejecting it leaves room
/// for shorter spans, not for the same key of an earlier layer. One-word entries follow the
/// same rule. `candidates` is a reused buffer.
pub fn find_layers(
    layers: &[Dictionary],
    tokens: &[Vec<Token>],
    hits: &mut Vec<Hit>,
    candidates: &mut Vec<Candidate>,
    mut accept: impl FnMut(&Hit) -> bool,
) {
    let Some(words) = tokens.first() else { return };
    let mut phrases = [(0usize, 0u64); MAX_PHRASE_WORDS];
    let mut i = 0;
    while i < words.len() {
        candidates.clear();
        for (l, (layer, tokens)) in layers.iter().zip(tokens).enumerate() {
            let n = phrases_at(layer.phrase_fst(), &layer.match_index(), tokens, i, &mut phrases);
            candidates.extend(phrases[..n].iter().map(|&(last, record)| Candidate {
                last,
                record,
                layer: l as u32,
            }));
        }
        // Longest first; for one span, the latest layer first.
        candidates.sort_unstable_by_key(|c| std::cmp::Reverse((c.last, c.layer)));
        let mut tried = usize::MAX;
        let mut chosen = None;
        for c in candidates.iter() {
            if c.last == tried {
                continue; // the same key in an earlier layer: overridden
            }
            tried = c.last;
            let hit = Hit { first: i, last: c.last, record: c.record, layer: c.layer };
            if accept(&hit) {
                chosen = Some(hit);
                break;
            }
        }
        let chosen = chosen.or_else(|| {
            let l = tokens.iter().rposition(|t| t.get(i).is_some_and(|t| t.single != NO_RECORD))?;
            Some(Hit { first: i, last: i, record: u64::from(tokens[l][i].single), layer: l as u32 })
        });
        match chosen {
            Some(hit) => {
                hits.push(hit);
                i = hit.last + 1;
            }
            None => i += 1,
        }
    }
}

/// Writes the phrase candidates (two or more words) starting at `start` into `out`, shortest
/// first, as (last word, record), and returns how many there are.
#[inline]
fn phrases_at<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    index: &MatchIndex<'_>,
    tokens: &[Token],
    start: usize,
    out: &mut [(usize, u64); MAX_PHRASE_WORDS],
) -> usize {
    let first = &tokens[start];
    let end = tokens.len().min(start + MAX_PHRASE_WORDS);
    let joined = |j: usize| j < end && tokens[j].id != NO_STEM && tokens[j].joins;
    if first.id == NO_STEM || !joined(start + 1) {
        return 0;
    }
    let (a, b) = (first.id, tokens[start + 1].id);
    let end = if joined(start + 2) && index.may_begin_long(a, b, tokens[start + 2].id) {
        end
    } else if index.may_be_pair(a, b) {
        start + 2
    } else {
        return 0;
    };
    let Some(first) = index.start(a) else {
        return 0;
    };
    let mut node = fst.node(first.addr);
    let mut output = Output::new(first.out);
    let mut n = 0;
    let mut j = start + 1;
    'words: while j < end {
        if tokens[j].id == NO_STEM || !tokens[j].joins {
            break;
        }
        for b in encode_id(tokens[j].id) {
            let Some(index) = node.find_input(b) else {
                break 'words;
            };
            let t = node.transition(index);
            output = output.cat(t.out);
            node = fst.node(t.addr);
        }
        if node.is_final() && n < out.len() {
            out[n] = (j, output.cat(node.final_output()).value());
            n += 1;
        }
        j += 1;
    }
    n
}
