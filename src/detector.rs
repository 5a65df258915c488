//! [`Detector`] and its [`Builder`]: the pipeline
//! `segment sentences → tokenize (normalize) → stem → match (FST) → score → report`.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::catalogue::Catalogue;
use crate::dict::source::SourceEntry;
use crate::dict::{Dictionary, Kind, read_text};
use crate::error::Error;
use crate::matcher::{self, Hit, Token};
use crate::report::{Match, Report, SentenceReport};
use crate::rules::{self, Rule};
use crate::score::{Calibration, DocumentPool, sigmoid};
use crate::signals;
use crate::stem::StemCache;
use crate::stream::{Chunker, Summary};
use crate::surface;
use crate::text::sentence::{is_settled, next_boundary, sentences, trim};
use crate::text::tokenize::for_each_token;

/// The default threshold on sentence and document scores.
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// Detects spun text. Build once, share everywhere: cloning is a reference-count increment,
/// and [`Detector::analyze`] takes `&self` from any thread.
///
/// ```
/// use spinscan::Detector;
/// let detector = Detector::new();
/// let report = detector.analyze(
///     "Russia's armed force stated that unique pressures and resistance boxers fought.",
/// );
/// assert!(report.spun);
/// let m = &report.sentences[0].matches[0];
/// println!("{} -> {} ({:+.1})", m.artifact, m.original, m.weight);
/// ```
#[derive(Clone, Debug)]
pub struct Detector {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    dict: Dictionary,
    /// Catalogue fingerprints with conditions, evaluated per document.
    rules: Vec<Rule>,
    threshold: f64,
    calibration: Calibration,
    /// Identifies the dictionary for the per-thread stem cache.
    id: u64,
    /// Warm buffers and stem caches of finished batch workers, reused by the next batch so
    /// its threads do not start with cold caches.
    pool: ScratchPool,
}

#[derive(Default)]
struct ScratchPool(std::sync::Mutex<Vec<Scratch>>);

impl std::fmt::Debug for ScratchPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ScratchPool")
    }
}

impl ScratchPool {
    fn take(&self) -> Scratch {
        self.0.lock().ok().and_then(|mut v| v.pop()).unwrap_or_default()
    }

    fn give(&self, scratch: Scratch) {
        if let Ok(mut v) = self.0.lock() {
            v.push(scratch);
        }
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl Default for Detector {
    fn default() -> Self {
        Detector::new()
    }
}

impl Detector {
    /// A detector with the embedded default dictionary and threshold. No I/O.
    pub fn new() -> Detector {
        Detector::from_parts(Dictionary::embedded(), Vec::new(), DEFAULT_THRESHOLD)
    }

    /// Starts configuring a detector.
    ///
    /// ```
    /// let detector = spinscan::Detector::builder()
    ///     .no_default_dictionary()
    ///     .dictionary_tsv("profound learning\tdeep learning\ttortured-phrase\t4\n", "mine.tsv")
    ///     .threshold(0.7)
    ///     .build()?;
    /// assert_eq!(detector.dictionary().len(), 1);
    /// # Ok::<(), spinscan::Error>(())
    /// ```
    pub fn builder() -> Builder {
        Builder::default()
    }

    fn from_parts(dict: Dictionary, rules: Vec<Rule>, threshold: f64) -> Detector {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let calibration = Calibration::DEFAULT;
        Detector {
            inner: Arc::new(Inner {
                dict,
                rules,
                threshold,
                calibration,
                id,
                pool: ScratchPool::default(),
            }),
        }
    }

    /// Whether some loaded catalogue rules need a whole document (`AND`/`NOT` context,
    /// proximity, wildcards). [`Detector::analyze_reader`] does not apply them, because
    /// their conditions range over the whole document; use [`Detector::analyze`] for such
    /// detectors (the CLI does this automatically).
    pub fn has_document_rules(&self) -> bool {
        !self.inner.rules.is_empty()
    }

    /// The loaded dictionary, for auditing what is detected.
    pub fn dictionary(&self) -> &Dictionary {
        &self.inner.dict
    }

    /// The threshold applied to sentence and document scores.
    pub fn threshold(&self) -> f64 {
        self.inner.threshold
    }

    /// Analyzes a document. Never fails and never panics; the cost is linear in the length.
    pub fn analyze(&self, text: &str) -> Report {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.analyze_with(text, &mut scratch),
            Err(_) => self.analyze_with(text, &mut Scratch::default()),
        })
    }

    /// Analyzes many documents on all cores (scoped threads from `std`, no extra dependency).
    /// The result is in input order and equal to calling [`Detector::analyze`] on each.
    ///
    /// ```
    /// let detector = spinscan::Detector::new();
    /// let docs = vec!["The unique pressures arrived.", "The cat sat on the mat."];
    /// let reports = detector.analyze_batch(&docs);
    /// assert_eq!(reports[1], detector.analyze(docs[1]));
    /// ```
    pub fn analyze_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Report> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        self.analyze_batch_threads(texts, threads)
    }

    /// [`Detector::analyze_batch`] with an explicit number of threads.
    pub fn analyze_batch_threads<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
        threads: usize,
    ) -> Vec<Report> {
        let threads = threads.clamp(1, texts.len().max(1));
        if threads == 1 {
            return texts.iter().map(|t| self.analyze(t.as_ref())).collect();
        }
        // Workers take small runs of documents from a shared counter, so one long document
        // does not leave the other cores idle.
        const RUN: usize = 4;
        let next = AtomicUsize::new(0);
        let mut parts: Vec<Vec<(usize, Report)>> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    s.spawn(|| {
                        let mut scratch = self.inner.pool.take();
                        let mut done = Vec::new();
                        loop {
                            let from = next.fetch_add(RUN, Ordering::Relaxed);
                            if from >= texts.len() {
                                self.inner.pool.give(scratch);
                                return done;
                            }
                            for (i, t) in texts.iter().enumerate().skip(from).take(RUN) {
                                done.push((i, self.analyze_with(t.as_ref(), &mut scratch)));
                            }
                        }
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().unwrap_or_default()).collect()
        });
        let mut out: Vec<Option<Report>> = vec![None; texts.len()];
        for (i, r) in parts.iter_mut().flat_map(std::mem::take) {
            out[i] = Some(r);
        }
        // A worker can only be missing results if it panicked, which analysis never does;
        // recompute rather than lose a document.
        out.into_iter()
            .zip(texts)
            .map(|(r, t)| r.unwrap_or_else(|| self.analyze(t.as_ref())))
            .collect()
    }

    /// Analyzes a stream of any size in sentence-aligned chunks, with bounded memory.
    /// `on_sentence` receives each sentence's text and report (offsets are into the whole
    /// stream) as soon as it is settled; the document score comes back at the end. An error
    /// from `on_sentence` (say, a closed output pipe) stops the analysis and is returned, as
    /// is an error from the reader. Invalid UTF-8 never stops the analysis: see
    /// [`Summary::invalid_bytes`].
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
        let w = cal.context_window;
        let mut chunker = Chunker::new(reader);
        let mut scratch = Scratch::default();
        scratch.cache.bind(self.inner.id);
        let (mut pool, mut sentences, mut flagged) = (DocumentPool::new(cal), 0, 0);
        // A sentence's score depends on the `w` sentences after it, so each waits (with a copy
        // of its text, at most `MAX_SENTENCE_BYTES`) until they are seen. `evidence` holds the
        // evidence of the pending sentences and of the `w` before the first pending one.
        let mut pending: VecDeque<(String, SentenceReport)> = VecDeque::new();
        let mut evidence: VecDeque<f64> = VecDeque::new();
        let mut emit = |pending: &mut VecDeque<(String, SentenceReport)>,
                        evidence: &mut VecDeque<f64>,
                        flagged: &mut usize|
         -> io::Result<()> {
            let Some((text, mut report)) = pending.pop_front() else { return Ok(()) };
            let i = evidence.len() - pending.len() - 1;
            let own = evidence[i];
            let context = cal.context(evidence.make_contiguous(), i);
            self.rescore(&mut report, own, context);
            *flagged += usize::from(report.spun);
            while evidence.len() > pending.len() + w {
                evidence.pop_front();
            }
            on_sentence(&text, &report)
        };
        while !chunker.eof {
            chunker.fill()?;
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
                pool.push(e);
                sentences += 1;
                shift(&mut report, chunker.base);
                pending.push_back((text[r].to_string(), report));
                evidence.push_back(e);
                if pending.len() > w {
                    emit(&mut pending, &mut evidence, &mut flagged)?;
                }
            }
            chunker.consume(pos);
        }
        while !pending.is_empty() {
            emit(&mut pending, &mut evidence, &mut flagged)?;
        }
        let score = sigmoid(pool.log_odds());
        Ok(Summary {
            score,
            spun: score >= self.inner.threshold,
            sentences,
            flagged,
            invalid_bytes: chunker.invalid_bytes,
        })
    }

    /// Sets a sentence's score from its own evidence and its neighbourhood's.
    fn rescore(&self, report: &mut SentenceReport, evidence: f64, context: f64) {
        let cal = &self.inner.calibration;
        report.context = round3(context);
        report.score = sigmoid(cal.sentence_log_odds(evidence) + context);
        report.spun = report.score >= self.inner.threshold;
    }

    fn analyze_with(&self, text: &str, scratch: &mut Scratch) -> Report {
        let cal = &self.inner.calibration;
        scratch.cache.bind(self.inner.id);
        let mut reports = Vec::new();
        let mut evidence = Vec::new();
        // Spintax needs a brace; most documents have none.
        let braces = memchr::memchr(b'{', text.as_bytes()).is_some();
        for range in sentences(text) {
            let (report, e) = self.analyze_sentence(text, range.start, range.end, braces, scratch);
            reports.push(report);
            evidence.push(e);
        }
        if !self.inner.rules.is_empty() {
            self.apply_rules(text, &mut reports, &mut evidence);
        }
        for (i, report) in reports.iter_mut().enumerate() {
            let context = cal.context(&evidence, i);
            if context != 0.0 {
                self.rescore(report, evidence[i], context);
            }
        }
        let score = sigmoid(cal.document_log_odds(evidence.iter().copied()));
        Report { score, spun: score >= self.inner.threshold, sentences: reports }
    }

    /// Adds the occurrences of document rules to their sentences (never overlapping a match
    /// found by the dictionary) and rescores those sentences.
    fn apply_rules(&self, text: &str, reports: &mut [SentenceReport], evidence: &mut [f64]) {
        let cal = &self.inner.calibration;
        for hit in rules::evaluate(&self.inner.rules, text) {
            let k = reports.partition_point(|s| s.end <= hit.start);
            let Some(sentence) = reports.get_mut(k) else { continue };
            if hit.start < sentence.start || hit.end > sentence.end {
                continue; // spans a sentence boundary
            }
            if sentence.matches.iter().any(|m| m.start < hit.end && hit.start < m.end) {
                continue;
            }
            let rule = &self.inner.rules[hit.rule];
            let at = sentence.matches.partition_point(|m| m.start < hit.start);
            sentence.matches.insert(
                at,
                Match {
                    start: hit.start,
                    end: hit.end,
                    artifact: text[hit.start..hit.end].to_string(),
                    original: rule.original.clone(),
                    weight: round3(f64::from(rule.weight)),
                    kind: Kind::TorturedPhrase,
                },
            );
            evidence[k] += f64::from(rule.weight);
            sentence.score = sigmoid(cal.sentence_log_odds(evidence[k]));
            sentence.spun = sentence.score >= self.inner.threshold;
        }
    }

    /// Analyzes `text[start..end]` as one sentence. Returns its report and its evidence.
    /// `braces` says whether the text may hold spintax (a `{`).
    fn analyze_sentence(
        &self,
        text: &str,
        start: usize,
        end: usize,
        braces: bool,
        scratch: &mut Scratch,
    ) -> (SentenceReport, f64) {
        let dict = &self.inner.dict;
        let cal = &self.inner.calibration;
        let Scratch { cache, word, words, hits, surface: check } = scratch;
        words.clear();
        hits.clear();
        let mut any_torn = false;
        for_each_token(&text[start..end], start, word, |w, t| {
            let stem = cache.get_token(t, dict);
            let torn = signals::is_torn(w.gap, t.text());
            any_torn |= torn;
            words.push(Token {
                start: w.start,
                end: w.end,
                id: stem.id,
                single: stem.single,
                joins: w.gap.joins(),
                torn,
            });
        });
        // Stems merge derived words too ("vital product" / "vitality productivity"): a phrase
        // matches only inflected forms of one of its entry's spellings.
        let accept = |hit: &Hit| {
            let (s, e) = (words[hit.first].start, words[hit.last].end);
            dict.forms(hit.record as usize).any(|form| surface::agrees(&text[s..e], form, check))
        };
        matcher::find(dict.phrase_fst(), &dict.match_index(), words, hits, accept);
        // Most sentences have neither a match nor a torn hyphen: no pass over their words.
        let (mut matches, mut evidence) = if hits.is_empty() && !any_torn {
            (Vec::new(), 0.0)
        } else {
            self.word_matches(text, words, hits)
        };
        let before = matches.len();
        let mut spintax = |s: usize, e: usize, first: &str| {
            let (s, e) = (start + s, start + e);
            // Never overlap a match found above.
            if matches[..before].iter().any(|m| m.start < e && s < m.end) {
                return;
            }
            evidence += cal.spintax;
            matches.push(Match {
                start: s,
                end: e,
                artifact: text[s..e].to_string(),
                original: first.to_string(),
                weight: round3(cal.spintax),
                kind: Kind::Spintax,
            });
        };
        if braces {
            signals::spintax(&text[start..end], &mut spintax);
        }
        if matches.len() > before {
            matches.sort_by_key(|m| m.start);
        }
        let score = sigmoid(cal.sentence_log_odds(evidence));
        let spun = score >= self.inner.threshold;
        (SentenceReport { start, end, score, spun, matches, context: 0.0 }, evidence)
    }

    /// The dictionary matches and torn hyphens of a sentence's words, and their evidence.
    fn word_matches(&self, text: &str, words: &[Token], hits: &[Hit]) -> (Vec<Match>, f64) {
        let dict = &self.inner.dict;
        let cal = &self.inner.calibration;
        let mut matches = Vec::new();
        let mut evidence = 0.0;
        let mut next_hit = hits.iter().peekable();
        let mut covered_until = 0; // words before this index are inside a dictionary match
        for (i, w) in words.iter().enumerate() {
            if let Some(&&Hit { first, last, record }) = next_hit.peek() {
                if first == i {
                    next_hit.next();
                    covered_until = last + 1;
                    if let Some(entry) = dict.entry(record as usize) {
                        let (s, e) = (w.start, words[last].end);
                        evidence += f64::from(entry.weight);
                        matches.push(Match {
                            start: s,
                            end: e,
                            artifact: text[s..e].to_string(),
                            original: entry.original.to_string(),
                            weight: round3(f64::from(entry.weight)),
                            kind: entry.kind,
                        });
                    }
                    continue;
                }
            }
            // Not when the previous word ends a dictionary match: matches never overlap.
            if w.torn && i > covered_until {
                let prev = &words[i - 1];
                let word = &text[w.start..w.end];
                // "3- year- old" is one torn word: extend the previous tear instead of overlapping it.
                if let Some(m) =
                    matches.last_mut().filter(|m| m.kind == Kind::TornHyphen && m.end == prev.end)
                {
                    m.end = w.end;
                    m.artifact = text[m.start..w.end].to_string();
                    m.original.push('-');
                    m.original.push_str(word);
                    continue;
                }
                evidence += cal.torn_hyphen;
                matches.push(Match {
                    start: prev.start,
                    end: w.end,
                    artifact: text[prev.start..w.end].to_string(),
                    original: format!("{}-{word}", &text[prev.start..prev.end]),
                    weight: round3(cal.torn_hyphen),
                    kind: Kind::TornHyphen,
                });
            }
        }
        (matches, evidence)
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

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Per-thread buffers, reused so that the hot path allocates nothing per word.
#[derive(Default)]
struct Scratch {
    cache: StemCache,
    word: String,
    words: Vec<Token>,
    hits: Vec<Hit>,
    surface: surface::Scratch,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Configures a [`Detector`]. Sources are merged in the order given, after the default
/// dictionary; for the same key (stemmed word sequence) the later entry wins.
#[derive(Debug)]
pub struct Builder {
    default: bool,
    sources: Vec<Pending>,
    catalogues: Vec<Pending>,
    threshold: f64,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            default: true,
            sources: Vec::new(),
            catalogues: Vec::new(),
            threshold: DEFAULT_THRESHOLD,
        }
    }
}

#[derive(Debug)]
enum Pending {
    Path(PathBuf),
    Text { text: String, origin: String },
    Failed(Error),
    Compiled(Box<Dictionary>),
    Catalogue(Catalogue),
    Entries(Vec<SourceEntry>, String),
}

impl Builder {
    /// Leaves out the embedded default dictionary.
    pub fn no_default_dictionary(mut self) -> Builder {
        self.default = false;
        self
    }

    /// Adds a dictionary file: TSV source, or a compiled dictionary (recognized by its header).
    pub fn dictionary_path(mut self, path: impl Into<PathBuf>) -> Builder {
        self.sources.push(Pending::Path(path.into()));
        self
    }

    /// Adds a TSV dictionary read from `reader`; `origin` names it in errors.
    pub fn dictionary_reader(mut self, mut reader: impl Read, origin: &str) -> Builder {
        let mut text = String::new();
        self.sources.push(match reader.read_to_string(&mut text) {
            Ok(_) => Pending::Text { text, origin: origin.to_string() },
            Err(e) => Pending::Failed(Error::Io { path: origin.into(), source: e }),
        });
        self
    }

    /// Adds a TSV dictionary given as text; `origin` names it in errors.
    pub fn dictionary_tsv(mut self, text: &str, origin: &str) -> Builder {
        self.sources.push(Pending::Text { text: text.to_string(), origin: origin.to_string() });
        self
    }

    /// Adds an already loaded dictionary.
    pub fn dictionary(mut self, dict: Dictionary) -> Builder {
        self.sources.push(Pending::Compiled(Box::new(dict)));
        self
    }

    /// Adds a tortured-phrase catalogue (see [`Catalogue`]). Plain phrases join the
    /// dictionary; fingerprints with `AND`/`NOT` context, proximity or wildcards become
    /// document rules. Rows the catalogue could not parse are in [`Catalogue::errors`].
    pub fn pps(mut self, catalogue: Catalogue) -> Builder {
        self.catalogues.push(Pending::Catalogue(catalogue));
        self
    }

    /// Adds a tortured-phrase catalogue file. Unparseable rows are skipped: to list them,
    /// load it with [`Catalogue::from_path`] and pass it to [`Builder::pps`].
    pub fn pps_path(mut self, path: impl Into<PathBuf>) -> Builder {
        self.catalogues.push(Pending::Path(path.into()));
        self
    }

    /// Sets the score threshold for `spun` (default 0.5) on sentences and documents.
    pub fn threshold(mut self, threshold: f64) -> Builder {
        self.threshold = threshold;
        self
    }

    /// Loads, merges and compiles everything. Errors name the source, line and reason.
    pub fn build(self) -> Result<Detector, Error> {
        if !(0.0..=1.0).contains(&self.threshold) {
            return Err(Error::Threshold(self.threshold));
        }
        let mut rules = Vec::new();
        let mut sources = self.sources;
        if !self.catalogues.is_empty() {
            let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
            let mut plain = Vec::new();
            for c in self.catalogues {
                let catalogue = match c {
                    Pending::Catalogue(c) => c,
                    Pending::Path(p) => Catalogue::from_path(p)?,
                    _ => continue,
                };
                for row in catalogue.rules() {
                    if rules::is_plain(row) {
                        plain.push(SourceEntry {
                            artifact: row.artifact.words.join(" "),
                            original: row.expected.clone(),
                            kind: Kind::TorturedPhrase,
                            weight: rules::pps_weight(row.papers),
                            domain: "science".into(),
                            source: "pps".into(),
                            line: row.line,
                        });
                    } else if let Some(rule) = Rule::from_pps(row, &stemmer) {
                        rules.push(rule);
                    }
                }
            }
            // Keep only rows the dictionary can key (a row of punctuation alone cannot be).
            let mut buf = String::new();
            plain.retain(|e| {
                crate::dict::compile::phrase_stems(&e.artifact, &stemmer, &mut buf).is_ok()
            });
            sources.push(Pending::Entries(plain, "<pps>".into()));
        }
        if sources.is_empty() {
            let dict = if self.default { Dictionary::embedded() } else { Dictionary::empty() };
            return Ok(Detector::from_parts(dict, rules, self.threshold));
        }
        let mut entries: Vec<SourceEntry> = Vec::new();
        let mut origins: Vec<(usize, String)> = Vec::new(); // (first entry index, origin)
        if self.default {
            entries = Dictionary::embedded().source_entries();
            origins.push((0, "<embedded>".to_string()));
        }
        for source in sources {
            let (parsed, origin) = match source {
                Pending::Failed(e) => return Err(e),
                Pending::Catalogue(_) => continue,
                Pending::Entries(entries, origin) => (entries, origin),
                Pending::Compiled(d) => (d.source_entries(), "<dictionary>".to_string()),
                Pending::Text { text, origin } => (parse(&text, &origin)?, origin),
                Pending::Path(path) => {
                    let origin = path.display().to_string();
                    let bytes = std::fs::read(&path)
                        .map_err(|e| Error::Io { path: path.clone(), source: e })?;
                    if bytes.starts_with(crate::dict::compile::MAGIC) {
                        (Dictionary::from_compiled(bytes, &origin)?.source_entries(), origin)
                    } else {
                        drop(bytes);
                        (parse(&read_text(&path)?, &origin)?, origin)
                    }
                }
            };
            origins.push((entries.len(), origin));
            entries.extend(parsed);
        }
        let origin_of = |i: usize| {
            let k = origins.partition_point(|(first, _)| *first <= i);
            origins.get(k.saturating_sub(1)).map_or("<unknown>", |(_, o)| o.as_str())
        };
        let dict = Dictionary::compile_entries(&entries, origin_of)?;
        Ok(Detector::from_parts(dict, rules, self.threshold))
    }
}

fn parse(text: &str, origin: &str) -> Result<Vec<SourceEntry>, Error> {
    crate::dict::source::parse_tsv(text).map_err(|e| Error::Dictionary {
        origin: origin.to_string(),
        line: e.line,
        reason: e.reason,
    })
}
