//! Streaming analysis of a reader in sentence-aligned chunks, with bounded memory.
//!
//! The reader is consumed in blocks. Sentences whose end is settled (some non-space text
//! follows them in the buffer, so more input cannot change the boundary) are analyzed and
//! handed to the caller; the unfinished tail is kept for the next block. Because sentences
//! are at most [`MAX_SENTENCE_BYTES`](crate::text::MAX_SENTENCE_BYTES) long, the buffer never
//! holds much more than one block, whatever the input size. Segmentation is the same as for
//! [`Detector::analyze`](crate::Detector::analyze), so results are identical.

use std::collections::VecDeque;
use std::io::{self, Read};

use serde::{Deserialize, Serialize};

use crate::analyze::Scratch;
use crate::detector::Detector;
use crate::dialect::DialectEvidence;
use crate::language;
use crate::pps::rules::RuleHit;
use crate::report::SentenceReport;
use crate::score::{DocumentPool, SentenceEvidence, sigmoid};
use crate::text::sentence::{is_settled, next_boundary, trim};

/// How much is read from the reader at a time.
pub const BLOCK_BYTES: usize = 256 * 1024;

/// The document-level result of a streamed analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Summary {
    /// Probability-like document score, as [`Report::score`](crate::Report::score).
    pub score: f64,
    /// Whether `score` reaches the threshold.
    pub spun: bool,
    /// Number of sentences analyzed (sentences of prose).
    pub sentences: usize,
    /// Number of sentences skipped as non-prose (no words): not handed to the caller and not
    /// counted toward `score`.
    #[serde(default)]
    pub skipped: usize,
    /// Number of sentences flagged.
    pub flagged: usize,
    /// Bytes that were not valid UTF-8. Each was analyzed as U+001A (SUBSTITUTE), a one-byte
    /// character that separates words, so offsets still point into the original bytes.
    pub invalid_bytes: usize,
    /// Document-rule matches confirmed only at the end of the stream, after their sentence
    /// was handed over: they count toward `score` but are in no sentence report. Always 0
    /// without document rules; see [`Detector::analyze_reader`] for the rule.
    #[serde(default)]
    pub late_matches: usize,
    /// The language, as [`Report::language`](crate::Report::language).
    pub language: String,
    /// Whether the stream was judged, as [`Report::applicable`](crate::Report::applicable):
    /// a stream in another language is read to its end but not analyzed.
    pub applicable: bool,
    /// The corroborated dialect, as [`Report::dialect`](crate::Report::dialect).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dialect: Option<DialectEvidence>,
}

impl Default for Summary {
    /// An empty English stream.
    fn default() -> Summary {
        Summary {
            score: 0.0,
            spun: false,
            sentences: 0,
            skipped: 0,
            flagged: 0,
            invalid_bytes: 0,
            language: "en".to_string(),
            applicable: true,
            late_matches: 0,
            dialect: None,
        }
    }
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

/// A sentence waiting for its neighbours: its text, its report (stream offsets) and the
/// candidate hits of document rules in it not yet decided.
struct Waiting {
    text: String,
    report: SentenceReport,
    hits: Vec<RuleHit>,
}

impl Detector {
    /// Analyzes a stream of any size in sentence-aligned chunks, with bounded memory.
    /// `on_sentence` receives each sentence's text and report (offsets are into the whole
    /// stream) as soon as it is settled; the document score comes back at the end. An error
    /// from `on_sentence` (say, a closed output pipe) stops the analysis and is returned, as
    /// is an error from the reader. Invalid UTF-8 never stops the analysis: see
    /// [`Summary::invalid_bytes`].
    ///
    /// **Document rules** (catalogue rows with `AND`/`NOT` conditions) are applied in the
    /// same pass. Their conditions range over the whole document, which a stream only knows
    /// at its end, so a sentence is handed over only once the `context_window` (20) sentences
    /// after it have been read, and its rule matches are decided then:
    ///
    /// - a match whose `AND` conditions have all occurred in the text read so far, of a rule
    ///   without `NOT` terms, is added to its sentence, exactly as [`Detector::analyze`] would;
    /// - any other match (an `AND` term first seen further on, or a rule with `NOT` terms,
    ///   whose absence only the end can confirm) is held back as a count per rule; at the end
    ///   of the stream, the held matches of rules whose conditions hold over the whole
    ///   document are added to the document score, each pooled like one more sentence whose
    ///   only evidence is that match, and counted in [`Summary::late_matches`];
    /// - the sentences still waiting at the end (all of them, in a document of up to about
    ///   40 sentences) are decided over the whole document, as by [`Detector::analyze`].
    ///
    /// So the sentences and the verdict equal [`Detector::analyze`]'s, except for matches
    /// whose conditions are resolved more than 20 sentences after them: those appear only in
    /// the document score. Memory stays bounded: at most about 40 waiting sentences (each at
    /// most [`MAX_SENTENCE_BYTES`](crate::text::MAX_SENTENCE_BYTES)) and one counter per rule.
    ///
    /// ```
    /// let detector = spinscan::Detector::new();
    /// let input = "The unique pressures arrived. The cat sat.".as_bytes();
    /// let mut flagged = Vec::new();
    /// let summary = detector.analyze_reader(input, |text, s| {
    ///     if s.spun {
    ///         flagged.push(text.to_string());
    ///     }
    ///     Ok(())
    /// })?;
    /// assert_eq!(summary.sentences, 2);
    /// assert_eq!(flagged, ["The unique pressures arrived."]);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn analyze_reader<R: Read>(
        &self,
        reader: R,
        mut on_sentence: impl FnMut(&str, &SentenceReport) -> io::Result<()>,
    ) -> io::Result<Summary> {
        let cal = &self.inner.calibration;
        let rules = self.inner.rules.as_ref();
        let w = cal.context_window;
        // Without rules a sentence is decided at once; with rules, once `w` sentences follow.
        let lag = if rules.is_some() { w } else { 0 };
        let mut chunker = Chunker::new(reader);
        // The language is told from the first `SAMPLE_BYTES`, as for a whole document.
        while !chunker.eof && chunker.text.len() < language::SAMPLE_BYTES {
            chunker.fill()?;
        }
        let language = self.inner.language(&chunker.text);
        if !language.applicable {
            while !chunker.eof {
                chunker.consume(chunker.text.len());
                chunker.fill()?;
            }
            return Ok(Summary {
                score: 0.0,
                spun: false,
                sentences: 0,
                skipped: 0,
                flagged: 0,
                invalid_bytes: chunker.invalid_bytes,
                language: language.code.to_string(),
                applicable: false,
                late_matches: 0,
                dialect: None,
            });
        }
        let mut scratch = self.inner.pool.take();
        scratch.dialects.clear();
        if let Some(rules) = rules {
            rules.begin_document(&mut scratch.rules);
        }
        let (mut pool, mut sentences, mut flagged) = (DocumentPool::new(cal), 0, 0);
        // Held-back rule matches, per rule.
        let mut held: Vec<usize> = vec![0; rules.map_or(0, |r| r.len())];
        // A sentence's score depends on the `w` sentences after it, so each waits (with a copy
        // of its text) until they are seen and decided. `evidence` holds the evidence of the
        // waiting sentences and of the `w` before the first waiting one.
        let mut waiting: VecDeque<Waiting> = VecDeque::new();
        let mut evidence: VecDeque<SentenceEvidence> = VecDeque::new();
        // Decides the rule matches of the waiting sentence `k` and pools its evidence.
        let decide = |k: usize,
                      at_end: bool,
                      waiting: &mut VecDeque<Waiting>,
                      evidence: &mut VecDeque<SentenceEvidence>,
                      scratch: &mut Scratch,
                      held: &mut [usize],
                      pool: &mut DocumentPool| {
            let i = evidence.len() - waiting.len() + k;
            if let (Some(rules), Some(s)) = (rules, waiting.get_mut(k)) {
                let mut hits = std::mem::take(&mut s.hits);
                hits.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.rule));
                for &hit in &hits {
                    let certain = rules.holds(&scratch.rules, hit.rule)
                        && (at_end || !rules.rule(hit.rule).has_exclusions());
                    if certain {
                        let weight = self.attach(rules, &s.text, &mut s.report, hit);
                        if weight != 0.0 {
                            evidence[i].weight += weight;
                            evidence[i].matches += 1;
                        }
                    } else if !at_end
                        && !s.report.matches.iter().any(|m| m.start < hit.end && hit.start < m.end)
                    {
                        held[hit.rule as usize] += 1;
                    }
                }
            }
            pool.push_sentence(evidence[i]);
        };
        let mut emit = |waiting: &mut VecDeque<Waiting>,
                        evidence: &mut VecDeque<SentenceEvidence>,
                        flagged: &mut usize|
         -> io::Result<()> {
            let Some(Waiting { text, mut report, .. }) = waiting.pop_front() else {
                return Ok(());
            };
            let i = evidence.len() - waiting.len() - 1;
            let own = evidence[i].weight;
            let context = cal.context(evidence.make_contiguous(), i);
            self.rescore(&mut report, own, context);
            *flagged += usize::from(report.spun);
            while evidence.len() > waiting.len() + w {
                evidence.pop_front();
            }
            on_sentence(&text, &report)
        };
        // The first text was read above; each round analyzes what is settled, then reads on.
        loop {
            let text = chunker.text.as_str();
            let braces = memchr::memchr(b'{', text.as_bytes()).is_some();
            let mut pos = 0;
            while pos < text.len() {
                let end = next_boundary(text, pos);
                let settled = chunker.eof || end < text.len() && is_settled(text, end);
                if !settled {
                    break;
                }
                let r = trim(text, pos..end);
                pos = end;
                if r.is_empty() {
                    continue;
                }
                let (mut report, e) =
                    self.analyze_sentence(text, r.start, r.end, braces, &mut scratch);
                if e.words == 0 {
                    pool.push_sentence(e); // not prose: skipped, as by `analyze`
                    scratch.rules.hits.clear();
                    continue;
                }
                sentences += 1;
                shift(&mut report, chunker.base);
                let base = chunker.base;
                let hits = scratch
                    .rules
                    .hits
                    .drain(..)
                    .map(|h| RuleHit { start: h.start + base, end: h.end + base, ..h })
                    .collect();
                waiting.push_back(Waiting { text: text[r].to_string(), report, hits });
                evidence.push_back(e);
                if waiting.len() > lag {
                    let k = waiting.len() - 1 - lag;
                    let s = &mut scratch;
                    decide(k, false, &mut waiting, &mut evidence, s, &mut held, &mut pool);
                }
                if waiting.len() > lag + w {
                    emit(&mut waiting, &mut evidence, &mut flagged)?;
                }
            }
            chunker.consume(pos);
            if chunker.eof {
                break;
            }
            chunker.fill()?;
        }
        // The end: the undecided sentences and the held matches, over the whole document.
        for k in waiting.len().saturating_sub(lag)..waiting.len() {
            decide(k, true, &mut waiting, &mut evidence, &mut scratch, &mut held, &mut pool);
        }
        let mut late_matches = 0;
        if let Some(rules) = rules {
            for (rule, &n) in held.iter().enumerate() {
                if n > 0 && rules.holds(&scratch.rules, rule as u32) {
                    late_matches += n;
                    for _ in 0..n {
                        pool.push(f64::from(rules.rule(rule as u32).weight));
                    }
                }
            }
        }
        while !waiting.is_empty() {
            emit(&mut waiting, &mut evidence, &mut flagged)?;
        }
        let dialect = scratch.dialects.corroborated(cal);
        self.inner.pool.give(scratch);
        let score = sigmoid(pool.log_odds() + cal.dialect_lift_of(dialect));
        Ok(Summary {
            score,
            spun: score >= self.inner.threshold,
            sentences,
            skipped: pool.skipped(),
            flagged,
            invalid_bytes: chunker.invalid_bytes,
            late_matches,
            language: language.code.to_string(),
            applicable: true,
            dialect,
        })
    }
}

/// Moves a sentence report's offsets from buffer-relative to stream-relative.
fn shift(report: &mut SentenceReport, base: usize) {
    report.start += base;
    report.end += base;
    for m in &mut report.matches {
        m.start += base;
        m.end += base;
    }
}
