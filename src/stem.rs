//! Stemming with a per-thread cache from folded surface word to stem id.
//!
//! Snowball stemming costs about 130 ns a word, more than the rest of the pipeline together,
//! while running text has only a few thousand distinct words. So each thread keeps a map from
//! folded word to the dictionary's stem id (or [`NO_STEM`]): after warm-up a token costs one
//! hash lookup and no allocation. The cache belongs to one dictionary at a time (checked by
//! id) and is cleared when it grows past [`CACHE_LIMIT`], which bounds memory on adversarial
//! input full of distinct words.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxBuildHasher;

use crate::dict::compile::MAX_WORD_BYTES;
use crate::dict::{Dictionary, NO_RECORD};

/// The id of a word whose stem is in no dictionary entry.
pub const NO_STEM: u32 = u32::MAX;

/// Distinct words kept per thread before the cache is cleared.
pub const CACHE_LIMIT: usize = 1 << 17;

/// What the matcher needs to know about a word: its stem id and the dictionary's one-word
/// entry for that stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stem {
    /// The stem id, or [`NO_STEM`].
    pub id: u32,
    /// The record of the one-word entry for this stem, or `u32::MAX`.
    pub single: u32,
}

impl Stem {
    /// A word in no dictionary entry.
    pub const NONE: Stem = Stem { id: NO_STEM, single: NO_RECORD };
}

/// Stems words and maps them to a dictionary's stem ids, caching the result.
pub struct StemCache {
    owner: u64,
    stemmer: Stemmer,
    /// Words of at most sixteen ASCII bytes (nearly all words), in an open-addressing table
    /// whose slots hold the key and the value together: one cache line per lookup.
    short: ShortTable,
    /// Longer or non-ASCII words.
    long: HashMap<Box<str>, Stem, FxBuildHasher>,
}

impl Default for StemCache {
    fn default() -> Self {
        StemCache {
            owner: 0,
            stemmer: Stemmer::create(Algorithm::English),
            short: ShortTable::default(),
            long: HashMap::with_capacity_and_hasher(256, FxBuildHasher),
        }
    }
}

impl StemCache {
    /// Prepares the cache for the dictionary identified by `owner`.
    #[inline]
    pub fn bind(&mut self, owner: u64) {
        if self.owner != owner {
            self.short.clear();
            self.long.clear();
            self.owner = owner;
        }
    }

    /// The stem of a folded word.
    #[inline]
    pub fn get(&mut self, folded: &str, dict: &Dictionary) -> Stem {
        if let Some(key) = pack(folded) {
            if let Some(stem) = self.short.get(key) {
                return stem;
            }
            let stem = self.stem(folded, dict);
            self.short.insert(key, stem);
            return stem;
        }
        if folded.len() > MAX_WORD_BYTES {
            return Stem::NONE;
        }
        if let Some(&stem) = self.long.get(folded) {
            return stem;
        }
        let stem = self.stem(folded, dict);
        if self.long.len() >= CACHE_LIMIT {
            self.long.clear();
        }
        self.long.insert(folded.into(), stem);
        stem
    }

    /// The stem id of a folded word, or [`NO_STEM`].
    #[inline]
    pub fn id(&mut self, folded: &str, dict: &Dictionary) -> u32 {
        self.get(folded, dict).id
    }

    #[cold]
    fn stem(&self, folded: &str, dict: &Dictionary) -> Stem {
        match dict.stem_id(&self.stemmer.stem(folded)) {
            Some(id) => Stem { id, single: dict.match_index().single(id) },
            None => Stem::NONE,
        }
    }
}

/// Packs a word of one to sixteen ASCII bytes into two `u64`s. Words never contain NUL, so
/// the zero padding makes the packing unique, and a packed word is never all zero.
#[inline]
fn pack(word: &str) -> Option<[u64; 2]> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 16 || !word.is_ascii() {
        return None;
    }
    let mut w = [0u8; 16];
    w[..b.len()].copy_from_slice(b);
    let [a0, a1, a2, a3, a4, a5, a6, a7, b0, b1, b2, b3, b4, b5, b6, b7] = w;
    Some([
        u64::from_le_bytes([a0, a1, a2, a3, a4, a5, a6, a7]),
        u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]),
    ])
}

#[derive(Clone, Copy)]
struct Slot {
    key: [u64; 2],
    stem: Stem,
}

const EMPTY: Slot = Slot { key: [0, 0], stem: Stem::NONE };

/// Linear probing, at most half full; cleared when it would pass [`CACHE_LIMIT`] words.
struct ShortTable {
    slots: Box<[Slot]>,
    len: usize,
    shift: u32,
}

impl Default for ShortTable {
    fn default() -> Self {
        ShortTable::with_slots(1 << 13)
    }
}

impl ShortTable {
    fn with_slots(n: usize) -> ShortTable {
        ShortTable {
            slots: vec![EMPTY; n].into_boxed_slice(),
            len: 0,
            shift: 64 - n.trailing_zeros(),
        }
    }

    #[inline]
    fn home(&self, key: [u64; 2]) -> usize {
        let h = (key[0] ^ key[1].wrapping_mul(0xD6E8_FEB8_6659_FD93))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> self.shift) as usize
    }

    #[inline]
    fn get(&self, key: [u64; 2]) -> Option<Stem> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let slot = &self.slots[i];
            if slot.key == key {
                return Some(slot.stem);
            }
            if slot.key[0] == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    fn insert(&mut self, key: [u64; 2], stem: Stem) {
        if 2 * (self.len + 1) > self.slots.len() {
            if self.len >= CACHE_LIMIT {
                self.clear();
            } else {
                let old = std::mem::replace(self, ShortTable::with_slots(2 * self.slots.len()));
                for slot in old.slots.iter().filter(|s| s.key[0] != 0) {
                    self.put(slot.key, slot.stem);
                }
            }
        }
        self.put(key, stem);
    }

    fn put(&mut self, key: [u64; 2], stem: Stem) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        while self.slots[i].key[0] != 0 {
            if self.slots[i].key == key {
                self.slots[i].stem = stem;
                return;
            }
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot { key, stem };
        self.len += 1;
    }

    fn clear(&mut self) {
        self.slots.fill(EMPTY);
        self.len = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_table_grows_and_clears_at_the_limit() {
        let mut t = ShortTable::with_slots(8);
        let last = CACHE_LIMIT as u64 + 10;
        for i in 1..=last {
            t.insert([i, 0], Stem { id: i as u32, single: 0 });
            assert!(2 * t.len <= t.slots.len());
        }
        assert!(t.len <= CACHE_LIMIT);
        assert_eq!(t.get([last, 0]), Some(Stem { id: last as u32, single: 0 }));
        assert_eq!(t.get([last + 1, 0]), None);
    }

    #[test]
    fn pack_is_unique_per_word() {
        assert_eq!(pack(""), None);
        assert_eq!(pack("abcdefghijklmnopq"), None);
        assert_eq!(pack("é"), None);
        assert_ne!(pack("ab"), pack("ab\u{1}"));
        assert_ne!(pack("abcdefgh"), pack("abcdefghi"));
        assert!(pack("a").is_some_and(|k| k[0] != 0));
    }
}
