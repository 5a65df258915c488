//! Stemming with a per-thread cache from folded surface word to stem id.
//!
//! Snowball stemming costs about 130 ns a word, more than the rest of the pipeline together,
//! while running text has only a few thousand distinct words. So each thread keeps a map from
//! folded word to the dictionary's stem id (or [`NO_STEM`]) and one-word record: after warm-up
//! a token costs one hash lookup and no allocation. Words of up to sixteen ASCII letters and
//! digits (nearly all) are packed into two integers and live in an open-addressing table with
//! key and value in one 24-byte slot; others go to a `HashMap`. A cache belongs to one
//! dictionary (checked by id) and each table is cleared when it would pass [`CACHE_LIMIT`]
//! words, which bounds memory on adversarial input full of distinct words: at most 6.3 MB for
//! the packed table and about as much for the other.
//!
//! A thread keeps one cache per dictionary ([`Caches`]), not one per thread: two detectors
//! used in turn on one thread (or two layers of one detector) each keep their warm cache.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxBuildHasher;

use crate::dict::compile::MAX_WORD_BYTES;
use crate::dict::{Dictionary, NO_RECORD};
use crate::text::tokenize::WordText;
#[cfg(doc)]
use crate::text::tokenize::for_each_token;

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

/// Caches kept per thread beyond those of the detector in use, least recently used dropped.
pub const CACHES_KEPT: usize = 4;

/// A thread's stem caches, one per dictionary (by [`Dictionary::id`]), most recently used
/// first.
#[derive(Default)]
pub struct Caches(Vec<StemCache>);

impl Caches {
    /// The caches of `layers`, in layer order, warm if they were used before on this thread.
    /// Allocates only to create a cache for a dictionary this thread has not seen lately.
    pub fn select(&mut self, layers: &[Dictionary]) -> &mut [StemCache] {
        let caches = &mut self.0;
        for (k, dict) in layers.iter().enumerate() {
            let id = dict.id();
            match caches.iter().skip(k).position(|c| c.owner == id) {
                // Move it to place `k`, keeping the others in recency order.
                Some(p) => caches[k..=k + p].rotate_right(1),
                None => {
                    let mut cache = StemCache::default();
                    cache.bind(id);
                    caches.insert(k, cache);
                }
            }
        }
        caches.truncate(layers.len() + CACHES_KEPT);
        &mut caches[..layers.len()]
    }
}

/// Stems words and maps them to a dictionary's stem ids, caching the result.
pub struct StemCache {
    owner: u64,
    stemmer: Stemmer,
    /// Words of at most sixteen ASCII bytes (nearly all words), in an open-addressing table
    /// whose slots hold the key and the value together (no separate control bytes).
    short: ShortTable,
    /// Longer or non-ASCII words.
    long: HashMap<Box<str>, Stem, FxBuildHasher>,
    /// Reused for lowercasing an ASCII word on a cache miss.
    lower: String,
}

impl Default for StemCache {
    fn default() -> Self {
        StemCache {
            owner: 0,
            stemmer: Stemmer::create(Algorithm::English),
            short: ShortTable::default(),
            long: HashMap::with_capacity_and_hasher(256, FxBuildHasher),
            lower: String::new(),
        }
    }
}

impl StemCache {
    /// Prepares the cache for the dictionary identified by `owner`.
    #[inline]
    pub fn bind(&mut self, owner: u64) {
        if self.owner != owner {
            // A fresh small table rather than clearing a grown one (up to megabytes).
            self.short = ShortTable::default();
            self.long.clear();
            self.owner = owner;
        }
    }

    /// The stem of a folded word (lowercase: the cache key is case-blind, the stemmer is not).
    #[inline]
    pub fn get(&mut self, folded: &str, dict: &Dictionary) -> Stem {
        debug_assert!(!folded.bytes().any(|b| b.is_ascii_uppercase()), "{folded:?} is not folded");
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

    /// The stem of a word as the tokenizer hands it over (see [`for_each_token`]).
    #[inline]
    pub fn get_token(&mut self, word: WordText<'_>, dict: &Dictionary) -> Stem {
        match word {
            WordText::Folded(folded) => self.get(folded, dict),
            WordText::Ascii(raw) => {
                if let Some(key) = pack_ascii(raw.as_bytes()) {
                    if let Some(stem) = self.short.get(key) {
                        return stem;
                    }
                }
                let mut lower = std::mem::take(&mut self.lower);
                lower.clear();
                lower.push_str(raw);
                lower.make_ascii_lowercase();
                let stem = self.get(&lower, dict);
                self.lower = lower;
                stem
            }
        }
    }

    #[cold]
    fn stem(&self, folded: &str, dict: &Dictionary) -> Stem {
        match dict.stem_id(&self.stemmer.stem(folded)) {
            Some(id) => Stem { id, single: dict.match_index().single(id) },
            None => Stem::NONE,
        }
    }
}

/// Packs a word of one to sixteen ASCII letters and digits into two `u64`s, lowercased (for
/// these bytes, setting bit 5 lowercases letters and keeps digits). Words never contain NUL,
/// so the zero padding makes the packing unique, and a packed word is never all zero. Loads
/// are whole words that overlap rather than a byte copy into a buffer, which would stall on
/// store forwarding.
#[inline]
pub(crate) fn pack(word: &str) -> Option<[u64; 2]> {
    if !word.is_ascii() {
        return None;
    }
    pack_ascii(word.as_bytes())
}

/// [`pack`] for bytes known to be ASCII letters and digits.
#[inline]
pub(crate) fn pack_ascii(b: &[u8]) -> Option<[u64; 2]> {
    debug_assert!(b.iter().all(u8::is_ascii_alphanumeric), "{b:?} is not letters and digits");
    let n = b.len();
    if n == 0 || n > 16 {
        return None;
    }
    let u64_at = |i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        u64::from_le_bytes(w)
    };
    let u32_at = |i: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&b[i..i + 4]);
        u64::from(u32::from_le_bytes(w))
    };
    let low = |len: usize| if len >= 8 { !0 } else { (1u64 << (8 * len)) - 1 };
    const CASE: u64 = 0x2020_2020_2020_2020;
    let key = if n >= 8 {
        let hi = if n == 8 { 0 } else { u64_at(n - 8) >> (8 * (16 - n)) };
        [u64_at(0) | CASE, hi | (CASE & low(n - 8))]
    } else if n >= 4 {
        [(u32_at(0) | u32_at(n - 4) << (8 * (n - 4))) | (CASE & low(n)), 0]
    } else {
        let byte = |i: usize| u64::from(b[i]) << (8 * i);
        [(byte(0) | byte(n / 2) | byte(n - 1)) | (CASE & low(n)), 0]
    };
    Some(key)
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
        // Small, so that a fresh cache (a new stream, another dictionary) costs little; it
        // doubles as words arrive.
        ShortTable::with_slots(1 << 8)
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
    fn pack_lowercases_and_matches_a_byte_copy() {
        let words = [
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "a1b2c3d4e5f6g7h8",
        ];
        for w in words {
            let mut bytes = [0u8; 16];
            bytes[..w.len()].copy_from_slice(w.as_bytes());
            let want = [
                u64::from_le_bytes(bytes[..8].try_into().unwrap()),
                u64::from_le_bytes(bytes[8..].try_into().unwrap()),
            ];
            assert_eq!(pack(w), Some(want), "{w}");
            assert_eq!(pack(&w.to_ascii_uppercase()), Some(want), "{w}");
        }
    }

    #[test]
    fn pack_agrees_with_a_byte_copy_on_every_length_and_never_collides() {
        let mut seen = std::collections::HashMap::new();
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for i in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = 1 + i % 16;
            const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            let word: String = (0..len)
                .map(|k| CHARS[(x >> (4 * k) & 0x3F) as usize % CHARS.len()] as char)
                .collect();
            let lower = word.to_ascii_lowercase();
            let mut bytes = [0u8; 16];
            bytes[..len].copy_from_slice(lower.as_bytes());
            let want = [
                u64::from_le_bytes(bytes[..8].try_into().unwrap()),
                u64::from_le_bytes(bytes[8..].try_into().unwrap()),
            ];
            let key = pack(&word).expect("packable");
            assert_eq!(key, want, "{word}");
            if let Some(other) = seen.insert(key, lower.clone()) {
                assert_eq!(other, lower, "two words share a key");
            }
        }
    }

    #[test]
    fn cached_stems_equal_uncached_ones_for_raw_and_folded_words() {
        let dict = Dictionary::embedded();
        let stemmer = Stemmer::create(Algorithm::English);
        let mut cache = StemCache::default();
        cache.bind(1);
        let words = [
            "Forces",
            "forces",
            "FORCE",
            "unique",
            "Pressures",
            "said",
            "the",
            "a",
            "Internationalization",
            "internationalisations",
            "x1",
            "co",
            "ordinating",
            "naive",
            "cafe",
            "zzzzqqq",
        ];
        for _round in 0..2 {
            for w in words {
                let lower = w.to_ascii_lowercase();
                let want = match dict.stem_id(&stemmer.stem(&lower)) {
                    Some(id) => (id, dict.match_index().single(id)),
                    None => (NO_STEM, NO_RECORD),
                };
                let raw = cache.get_token(WordText::Ascii(w), &dict);
                let folded = cache.get_token(WordText::Folded(&lower), &dict);
                assert_eq!((raw.id, raw.single), want, "{w}");
                assert_eq!(raw, folded, "{w}");
            }
        }
        assert!(words.iter().any(|w| cache.get(&w.to_ascii_lowercase(), &dict).id != NO_STEM));
    }

    #[test]
    fn pack_is_unique_per_word() {
        assert_eq!(pack(""), None);
        assert_eq!(pack("abcdefghijklmnopq"), None);
        assert_eq!(pack("é"), None);
        assert_ne!(pack("ab"), pack("ab0"));
        assert_ne!(pack("abcdefgh"), pack("abcdefghi"));
        assert!(pack("a").is_some_and(|k| k[0] != 0));
    }
}
