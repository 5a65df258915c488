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
    map: HashMap<Box<str>, u32, FxBuildHasher>,
}

impl Default for StemCache {
    fn default() -> Self {
        StemCache {
            owner: 0,
            stemmer: Stemmer::create(Algorithm::English),
            map: HashMap::with_capacity_and_hasher(4096, FxBuildHasher),
        }
    }
}

impl StemCache {
    /// Prepares the cache for the dictionary identified by `owner`.
    #[inline]
    pub fn bind(&mut self, owner: u64) {
        if self.owner != owner {
            self.map.clear();
            self.owner = owner;
        }
    }

    /// The stem id of a folded word, or [`NO_STEM`].
    #[inline]
    pub fn id(&mut self, folded: &str, dict: &Dictionary) -> u32 {
        if folded.len() > MAX_WORD_BYTES {
            return NO_STEM;
        }
        if let Some(&id) = self.map.get(folded) {
            return id;
        }
        self.miss(folded, dict)
    }

    #[cold]
    fn miss(&mut self, folded: &str, dict: &Dictionary) -> u32 {
        let id = dict.stem_id(&self.stemmer.stem(folded)).unwrap_or(NO_STEM);
        if self.map.len() >= CACHE_LIMIT {
            self.map.clear();
        }
        self.map.insert(folded.into(), id);
        id
    }
}
