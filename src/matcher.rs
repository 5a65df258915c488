//! Leftmost-longest phrase matching over stem ids, walking the FST node by node.
//!
//! From each start word the walk follows the phrase automaton three bytes (one stem id) per
//! word and remembers the last final state; it stops at a word with no stem id, at a gap that
//! phrases never cross (punctuation), or when the automaton has no transition. The cost is
//! bounded by words × [`MAX_PHRASE_WORDS`] and, in practice, by one or two transitions a word.

use fst::raw::{Fst, Output};

use crate::dict::compile::encode_id;
use crate::dict::source::MAX_PHRASE_WORDS;
use crate::dict::{MatchIndex, Start};
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
}

/// Finds non-overlapping leftmost-longest matches over `tokens`.
/// `index` is the dictionary's [`MatchIndex`] (see `Dictionary::match_index`).
pub fn find<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    index: &MatchIndex,
    tokens: &[Token],
    hits: &mut Vec<Hit>,
) {
    let mut i = 0;
    while i < tokens.len() {
        match longest_at(fst, index, tokens, i) {
            Some((last, record)) => {
                hits.push(Hit { first: i, last, record });
                i = last + 1;
            }
            None => i += 1,
        }
    }
}

#[inline]
fn longest_at<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    index: &MatchIndex,
    tokens: &[Token],
    start: usize,
) -> Option<(usize, u64)> {
    let id = tokens[start].id;
    let first = index.starts.get(id as usize)?;
    if first.addr == Start::NONE.addr {
        return None;
    }
    let single = (first.single != u64::MAX).then_some((start, first.single));
    let end = tokens.len().min(start + MAX_PHRASE_WORDS);
    match tokens.get(start + 1) {
        Some(next)
            if start + 1 < end
                && next.id != NO_STEM
                && next.joins
                && index.may_continue(id, next.id) => {}
        _ => return single,
    }
    let mut node = fst.node(first.addr);
    let mut out = Output::new(first.out);
    let mut best = single;
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
            out = out.cat(t.out);
            node = fst.node(t.addr);
        }
        if node.is_final() {
            best = Some((j, out.cat(node.final_output()).value()));
        }
        j += 1;
    }
    best
}
