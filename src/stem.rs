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

use crate::dict::Dictionary;
use crate::dict::compile::MAX_WORD_BYTES;

/// The id of a word whose stem is in no dictionary entry.
pub const NO_STEM: u32 = u32::MAX;

/// Distinct words kept per thread before the cache is cleared.
pub const CACHE_LIMIT: usize = 1 << 17;

/// Stems words and maps them to a dictionary's stem ids, caching the result.
pub struct StemCache {
    owner: u64,
    stemmer: Stemmer,
    /// Words of at most eight ASCII bytes, packed into an integer: no string compare.
    short: HashMap<u64, u32, FxBuildHasher>,
    /// Longer or non-ASCII words.
    long: HashMap<Box<str>, u32, FxBuildHasher>,
}

impl Default for StemCache {
    fn default() -> Self {
        StemCache {
            owner: 0,
            stemmer: Stemmer::create(Algorithm::English),
            short: HashMap::with_capacity_and_hasher(4096, FxBuildHasher),
            long: HashMap::with_capacity_and_hasher(1024, FxBuildHasher),
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

    /// The stem id of a folded word, or [`NO_STEM`].
    #[inline]
    pub fn id(&mut self, folded: &str, dict: &Dictionary) -> u32 {
        if let Some(key) = pack(folded) {
            if let Some(&id) = self.short.get(&key) {
                return id;
            }
            let id = self.stem(folded, dict);
            if self.short.len() >= CACHE_LIMIT {
                self.short.clear();
            }
            self.short.insert(key, id);
            return id;
        }
        if folded.len() > MAX_WORD_BYTES {
            return NO_STEM;
        }
        if let Some(&id) = self.long.get(folded) {
            return id;
        }
        let id = self.stem(folded, dict);
        if self.long.len() >= CACHE_LIMIT {
            self.long.clear();
        }
        self.long.insert(folded.into(), id);
        id
    }

    #[cold]
    fn stem(&self, folded: &str, dict: &Dictionary) -> u32 {
        dict.stem_id(&self.stemmer.stem(folded)).unwrap_or(NO_STEM)
    }
}

/// Packs a word of one to eight ASCII bytes into a `u64`. Words never contain NUL, so the
/// zero padding makes the packing unique.
#[inline]
fn pack(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 8 || !word.is_ascii() {
        return None;
    }
    let mut w = [0u8; 8];
    w[..b.len()].copy_from_slice(b);
    Some(u64::from_le_bytes(w))
}
