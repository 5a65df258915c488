//! Streaming analysis of a reader in sentence-aligned chunks, with bounded memory.
//!
//! The reader is consumed in blocks. Sentences whose end is settled (some non-space text
//! follows them in the buffer, so more input cannot change the boundary) are analyzed and
//! handed to the caller; the unfinished tail is kept for the next block. Because sentences
//! are at most [`MAX_SENTENCE_BYTES`](crate::text::MAX_SENTENCE_BYTES) long, the buffer never
//! holds much more than one block, whatever the input size. Segmentation is the same as for
//! [`Detector::analyze`](crate::Detector::analyze), so results are identical.

use std::io::{self, Read};

use serde::{Deserialize, Serialize};

/// How much is read from the reader at a time.
pub const BLOCK_BYTES: usize = 256 * 1024;

/// The document-level result of a streamed analysis.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Probability-like document score, as [`Report::score`](crate::Report::score).
    pub score: f64,
    /// Whether `score` reaches the threshold.
    pub spun: bool,
    /// Number of sentences analyzed.
    pub sentences: usize,
    /// Number of sentences flagged.
    pub flagged: usize,
    /// Bytes that were not valid UTF-8. Each was analyzed as U+001A (SUBSTITUTE), a one-byte
    /// character that separates words, so offsets still point into the original bytes.
    pub invalid_bytes: usize,
}

/// Reads blocks and keeps the valid-UTF-8 text that has not been analyzed yet.
pub(crate) struct Chunker<R> {
    reader: R,
    /// Unanalyzed text; `base` is the stream offset of its first byte.
    pub text: String,
    pub base: usize,
    /// Bytes of an incomplete UTF-8 sequence at the end of the last block.
    pending: Vec<u8>,
    block: Vec<u8>,
    pub eof: bool,
    pub invalid_bytes: usize,
}

impl<R: Read> Chunker<R> {
    pub fn new(reader: R) -> Self {
        Chunker {
            reader,
            text: String::new(),
            base: 0,
            pending: Vec::new(),
            block: vec![0; BLOCK_BYTES],
            eof: false,
            invalid_bytes: 0,
        }
    }

    /// Drops the first `n` bytes of the buffered text (already analyzed).
    pub fn consume(&mut self, n: usize) {
        self.text.drain(..n);
        self.base += n;
    }

    /// Reads one more block into `text`. Sets `eof` at the end of the input.
    pub fn fill(&mut self) -> io::Result<()> {
        let n = loop {
            match self.reader.read(&mut self.block) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        if n == 0 {
            self.eof = true;
            // A truncated sequence at the very end is invalid.
            self.invalid_bytes += self.pending.len();
            for _ in 0..self.pending.len() {
                self.text.push('\u{1A}');
            }
            self.pending.clear();
            return Ok(());
        }
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(&self.block[..n]);
        let mut rest: &[u8] = &bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    self.text.push_str(s);
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    // from_utf8 already validated this prefix.
                    self.text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                    match e.error_len() {
                        Some(bad) => {
                            self.invalid_bytes += bad;
                            for _ in 0..bad {
                                self.text.push('\u{1A}');
                            }
                            rest = &after[bad..];
                        }
                        None => {
                            // Incomplete sequence at the block end: wait for the next block.
                            self.pending.extend_from_slice(after);
                            break;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}
