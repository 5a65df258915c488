//! The matcher's per-dictionary index: a section of the compiled dictionary, written by the
//! compiler and read in place (no work at load time).
//!
//! Measured on clean news, about 85% of words begin some phrase, but almost none begins one
//! that is actually there: a walk of the automaton per word costs several cache misses in a
//! tens-of-megabytes FST for nothing. So the index answers the common questions without the
//! automaton:
//! - [`Start`]: where the automaton stands after each stem, and the record of the one-word
//!   entry if there is one (the stem cache copies that record next to the stem id);
//! - two blocked Bloom filters: the (first, second) stem pairs that are whole two-word
//!   phrases, and the (first, second, third) triples that begin a phrase of three or more
//!   words. A walk happens only when one of them says yes.
//!
//! Layout (little-endian): per stem id, [`START_LEN`] bytes (node address u64, output u64,
//! one-word record u32); then each filter as its length in 64-bit words (u64, a power of
//! two) followed by the words. Self-contained: `build.rs` includes this file.

use fst::Streamer;
use fst::raw::{CompiledAddr, Fst, Output};

use super::compile::encode_id;

/// The stored node address of a stem that begins no phrase.
const NO_ADDR: u64 = u64::MAX;

/// Bytes per stem in the start table.
pub const START_LEN: usize = 20;

/// No entry (records are `u32`: the compiled format counts entries in a `u32`).
pub const NO_RECORD: u32 = u32::MAX;

/// The phrase automaton's state after the first word of a phrase: the node address, the
/// output so far, and the record of the one-word entry, if the word is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Start {
    /// Node address in the phrase automaton; [`Start::NONE`]'s if no phrase starts here.
    pub addr: CompiledAddr,
    /// The automaton's output so far.
    pub out: u64,
    /// Record index of the one-word entry, or [`NO_RECORD`].
    pub single: u32,
}

impl Start {
    /// No phrase starts with this stem.
    pub const NONE: Start = Start { addr: usize::MAX, out: 0, single: NO_RECORD };
}

/// Builds the index section for `phrases`, whose keys are sequences of 3-byte stem ids
/// drawn from a vocabulary of `stems` ids.
pub fn build<D: AsRef<[u8]>>(phrases: &fst::Map<D>, stems: u32) -> Vec<u8> {
    let fst = phrases.as_fst();
    let mut out = Vec::new();
    for id in 0..stems {
        let s = start(fst, id);
        // Written as u64::MAX for "none" whatever the pointer width, so that the bytes are
        // the same on every platform.
        let addr = if s.addr == Start::NONE.addr { NO_ADDR } else { s.addr as u64 };
        out.extend_from_slice(&addr.to_le_bytes());
        out.extend_from_slice(&s.out.to_le_bytes());
        out.extend_from_slice(&s.single.to_le_bytes());
    }
    let (mut two, mut long) = (Vec::new(), Vec::new());
    let mut stream = phrases.stream();
    while let Some((key, _)) = stream.next() {
        let id = |k: usize| u32::from_le_bytes([key[3 * k], key[3 * k + 1], key[3 * k + 2], 0]);
        match key.len() {
            6 => two.push(pair_hash(id(0), id(1))),
            n if n >= 9 => long.push(triple_hash(id(0), id(1), id(2))),
            _ => {}
        }
    }
    for hashes in [two, long] {
        // 16 to 32 bits per item (a power-of-two word count), three bits set per item, all in
        // one 64-bit word.
        let len = (hashes.len().max(64) / 4).next_power_of_two();
        let shift = 64 - len.trailing_zeros();
        let mut words = vec![0u64; len];
        for h in hashes {
            let (w, mask) = bloom_parts(h, shift);
            words[w] |= mask;
        }
        out.extend_from_slice(&(len as u64).to_le_bytes());
        words.iter().for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
    }
    out
}

fn start<D: AsRef<[u8]>>(fst: &Fst<D>, id: u32) -> Start {
    let mut node = fst.root();
    let mut out = Output::zero();
    for b in encode_id(id) {
        let Some(i) = node.find_input(b) else { return Start::NONE };
        let t = node.transition(i);
        out = out.cat(t.out);
        node = fst.node(t.addr);
    }
    let single = if node.is_final() {
        u32::try_from(out.cat(node.final_output()).value()).unwrap_or(NO_RECORD)
    } else {
        NO_RECORD
    };
    Start { addr: node.addr(), out: out.value(), single }
}

/// Where the parts of an index section lie, found once at load time.
#[derive(Debug, Clone)]
pub struct Layout {
    starts: std::ops::Range<usize>,
    pairs: BloomLayout,
    triples: BloomLayout,
}

#[derive(Debug, Clone)]
struct BloomLayout {
    words: std::ops::Range<usize>,
    /// The number of 64-bit words (a power of two) minus one.
    mask: usize,
    shift: u32,
}

impl Layout {
    /// Checks the shape of an index section of `stems` stems (its contents are checked by
    /// the caller's checksum and, for untrusted files, by rebuilding the index from the validated
    /// automaton and comparing). Offsets are relative
    /// to `section`.
    pub fn parse(section: &[u8], stems: usize) -> Option<Layout> {
        let starts = 0..stems.checked_mul(START_LEN)?;
        let mut at = starts.end;
        let mut bloom = || -> Option<BloomLayout> {
            let len = usize::try_from(u64_at(section, at)?).ok()?;
            if !len.is_power_of_two() || len < 2 {
                return None;
            }
            let words = at + 8..(at + 8).checked_add(len.checked_mul(8)?)?;
            at = words.end;
            Some(BloomLayout { words, mask: len - 1, shift: 64 - len.trailing_zeros() })
        };
        let (pairs, triples) = (bloom()?, bloom()?);
        (at == section.len()).then_some(Layout { starts, pairs, triples })
    }

    /// The index over `section`, the bytes this layout was parsed from.
    #[inline]
    pub fn view<'a>(&'a self, section: &'a [u8]) -> MatchIndex<'a> {
        MatchIndex { section, layout: self }
    }
}

/// The index, read in place from a dictionary's bytes. See the module documentation.
#[derive(Clone, Copy)]
pub struct MatchIndex<'a> {
    section: &'a [u8],
    layout: &'a Layout,
}

impl MatchIndex<'_> {
    /// Where the automaton stands after stem `id`, or `None` if no phrase starts with it.
    #[inline]
    pub fn start(&self, id: u32) -> Option<Start> {
        let at = self.layout.starts.start + (id as usize).checked_mul(START_LEN)?;
        if at + START_LEN > self.layout.starts.end {
            return None;
        }
        let addr = u64_at(self.section, at)?;
        if addr == NO_ADDR {
            return None;
        }
        Some(Start {
            addr: usize::try_from(addr).ok()?,
            out: u64_at(self.section, at + 8)?,
            single: u32_at(self.section, at + 16)?,
        })
    }

    /// The record of the one-word entry for stem `id`, or [`NO_RECORD`].
    #[inline]
    pub fn single(&self, id: u32) -> u32 {
        let at = self.layout.starts.start + (id as usize).saturating_mul(START_LEN) + 16;
        if at + 4 > self.layout.starts.end {
            return NO_RECORD;
        }
        u32_at(self.section, at).unwrap_or(NO_RECORD)
    }

    /// Whether `a b` may be a two-word phrase (false positives possible, no false negatives).
    #[inline]
    pub fn may_be_pair(&self, a: u32, b: u32) -> bool {
        self.contains(&self.layout.pairs, pair_hash(a, b))
    }

    /// Whether some phrase of three or more words may begin `a b c` (false positives
    /// possible, no false negatives).
    #[inline]
    pub fn may_begin_long(&self, a: u32, b: u32, c: u32) -> bool {
        self.contains(&self.layout.triples, triple_hash(a, b, c))
    }

    #[inline]
    fn contains(&self, bloom: &BloomLayout, h: u64) -> bool {
        let (w, mask) = bloom_parts(h, bloom.shift);
        // Never outside this filter's words; a damaged section answers yes (a wasted walk).
        u64_at(self.section, bloom.words.start + 8 * (w & bloom.mask))
            .is_none_or(|word| word & mask == mask)
    }
}

#[inline]
fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let mut w = [0u8; 8];
    w.copy_from_slice(b.get(at..at.checked_add(8)?)?);
    Some(u64::from_le_bytes(w))
}

#[inline]
fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let mut w = [0u8; 4];
    w.copy_from_slice(b.get(at..at.checked_add(4)?)?);
    Some(u32::from_le_bytes(w))
}

#[inline]
fn pair_hash(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[inline]
fn triple_hash(a: u32, b: u32, c: u32) -> u64 {
    (pair_hash(a, b) ^ u64::from(c)).wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// A blocked Bloom filter's word (from the top bits of the hash, `shift` = 64 − log2 of the
/// word count) and the mask of its three bits (from bits 28 to 45: the low bits of a
/// multiplicative hash depend only on the low bits of its input, here the last stem id).
#[inline]
fn bloom_parts(h: u64, shift: u32) -> (usize, u64) {
    let word = (h >> shift) as usize;
    let m = h >> 28;
    let mask = 1 << (m & 63) | 1 << (m >> 6 & 63) | 1 << (m >> 12 & 63);
    (word, mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_of(keys: &[&[u32]]) -> (Vec<u8>, u32) {
        let mut keys: Vec<Vec<u8>> =
            keys.iter().map(|k| k.iter().flat_map(|&id| encode_id(id)).collect()).collect();
        keys.sort();
        keys.dedup();
        let map = fst::Map::from_iter(keys.iter().enumerate().map(|(i, k)| (k, i as u64)))
            .expect("sorted keys");
        let stems = 20_000;
        (build(&map, stems), stems)
    }

    #[test]
    fn filters_have_no_false_negatives_and_few_false_positives() {
        let pairs: Vec<[u32; 2]> = (0..10_000).map(|i| [i, i + 1]).collect();
        let keys: Vec<&[u32]> = pairs.iter().map(|p| &p[..]).collect();
        let (section, stems) = index_of(&keys);
        let layout = Layout::parse(&section, stems as usize).expect("well formed");
        let index = layout.view(&section);
        assert!(pairs.iter().all(|p| index.may_be_pair(p[0], p[1])));
        let false_pos = pairs.iter().filter(|p| index.may_be_pair(p[1], p[0])).count();
        assert!(false_pos < pairs.len() / 20, "{false_pos} false positives");
        assert!(index.start(0).is_some() && index.start(19_999).is_none());
        // "No phrase" is stored as u64::MAX on every platform.
        let none = 19_999 * START_LEN;
        assert_eq!(section[none..none + 8], [0xFF; 8]);
        assert_eq!(index.single(0), NO_RECORD);
    }

    #[test]
    fn damaged_sections_are_rejected_or_harmless() {
        let (section, stems) = index_of(&[&[1], &[1, 2], &[1, 2, 3]]);
        let layout = Layout::parse(&section, stems as usize).expect("well formed");
        let index = layout.view(&section);
        assert_ne!(index.single(1), NO_RECORD);
        assert!(index.may_be_pair(1, 2) && index.may_begin_long(1, 2, 3));
        for cut in [0, 1, section.len() / 2, section.len() - 1] {
            assert!(Layout::parse(&section[..cut], stems as usize).is_none(), "cut at {cut}");
        }
        assert!(Layout::parse(&section, stems as usize + 1).is_none());
        // A view over the wrong bytes answers, without panicking.
        let short = layout.view(&section[..10]);
        assert_eq!(short.single(1), NO_RECORD);
        assert!(short.start(1).is_none() && short.may_be_pair(1, 2));
    }
}
