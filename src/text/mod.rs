//! Text stages: character folding, sentence segmentation and tokenization.
//!
//! All of them work on the caller's `&str` and report byte offsets into it.

#[cfg(feature = "html")]
pub mod html;
pub mod normalize;
pub mod sentence;
pub mod tokenize;

pub use sentence::{MAX_SENTENCE_BYTES, Sentences, sentences};
