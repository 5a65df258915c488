//! [`Detector`]: the built, shareable detector and its whole-document and batch entry points.
//!
//! The pipeline reads top to bottom across modules: [`Builder`](crate::Builder) loads and
//! compiles the dictionaries (`builder`); each document is segmented into sentences
//! ([`text::sentence`](crate::text::sentence)), and each sentence goes through
//! `analyze` (tokenize and normalize → stem → match the FST → signals → evidence); `score`
//! turns evidence into sentence and document scores, with the passage context; `stream`
//! does the same over a reader with bounded memory.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::analyze::{SCRATCH, Scratch};
use crate::builder::Builder;
use crate::dict::Dictionary;
use crate::language;
use crate::pps::rules::Rules;
use crate::report::Report;
use crate::score::{Calibration, DocumentPool, sigmoid};
use crate::text::sentence::sentences;

/// The most threads [`Detector::analyze_batch_threads`] starts (the CLI's `--threads` limit).
pub(crate) const MAX_BATCH_THREADS: usize = 256;

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
    pub(crate) inner: Arc<Inner>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    /// The dictionary layers, lowest first (never empty): the default, then user layers.
    pub(crate) layers: Vec<Dictionary>,
    /// Catalogue fingerprints with conditions, evaluated in the same pass as the dictionary.
    pub(crate) rules: Option<Rules>,
    pub(crate) threshold: f64,
    /// Judge text in every language ([`Builder::any_language`](crate::Builder::any_language)).
    pub(crate) any_language: bool,
    pub(crate) calibration: Calibration,
    /// Warm buffers and stem caches of finished batch workers, reused by the next batch so
    /// its threads do not start with cold caches.
    pub(crate) pool: ScratchPool,
}

impl Inner {
    /// The language of a document, as [`language::detect`] tells it; always applicable when the
    /// detector judges every language.
    pub(crate) fn language(&self, text: &str) -> language::Language {
        let mut language = language::detect(text);
        language.applicable |= self.any_language;
        language
    }
}

#[derive(Default)]
pub(crate) struct ScratchPool(std::sync::Mutex<Vec<Scratch>>);

impl std::fmt::Debug for ScratchPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ScratchPool")
    }
}

impl ScratchPool {
    pub(crate) fn take(&self) -> Scratch {
        self.0.lock().ok().and_then(|mut v| v.pop()).unwrap_or_default()
    }

    pub(crate) fn give(&self, scratch: Scratch) {
        if let Ok(mut v) = self.0.lock() {
            v.push(scratch);
        }
    }
}

impl Default for Detector {
    fn default() -> Self {
        Detector::new()
    }
}

impl Detector {
    /// A detector with the embedded default dictionary and threshold. No I/O.
    pub fn new() -> Detector {
        Detector::from_parts(vec![Dictionary::embedded()], None, DEFAULT_THRESHOLD, false)
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

    /// A detector over `layers` (lowest first; an empty list means one empty dictionary).
    pub(crate) fn from_parts(
        mut layers: Vec<Dictionary>,
        rules: Option<Rules>,
        threshold: f64,
        any_language: bool,
    ) -> Detector {
        if layers.is_empty() {
            layers.push(Dictionary::empty());
        }
        let calibration = Calibration::DEFAULT;
        Detector {
            inner: Arc::new(Inner {
                layers,
                rules,
                threshold,
                any_language,
                calibration,
                pool: ScratchPool::default(),
            }),
        }
    }

    /// Whether some loaded catalogue rows are document rules (`AND`/`NOT` context, `OR`
    /// alternatives, proximity, wildcards) rather than plain dictionary phrases. Both
    /// [`Detector::analyze`] and [`Detector::analyze_reader`] apply them; see
    /// [`Detector::analyze_reader`] for when a streamed rule match is reported.
    pub fn has_document_rules(&self) -> bool {
        self.inner.rules.is_some()
    }

    /// The first dictionary layer (the embedded default, unless it was left out), for auditing
    /// what is detected. With user sources, see [`Detector::layers`].
    pub fn dictionary(&self) -> &Dictionary {
        &self.inner.layers[0]
    }

    /// Every dictionary layer, lowest first: the embedded default (unless left out), then the
    /// user layers in the order the [`Builder`] made them, then the allow-list layer, if any.
    /// For the same key (stemmed word sequence) a later layer overrides earlier ones: see
    /// [`Builder`] for the rule.
    ///
    /// ```
    /// let detector = spinscan::Detector::builder()
    ///     .dictionary_tsv("profound learning\tdeep learning\ttortured-phrase\t4\n", "mine.tsv")
    ///     .allow_text("unique pressures\n", "allow.txt")
    ///     .build()?;
    /// assert_eq!(detector.layers().len(), 3);
    /// assert_eq!(detector.layers()[1].len(), 1);
    /// # Ok::<(), spinscan::Error>(())
    /// ```
    pub fn layers(&self) -> &[Dictionary] {
        &self.inner.layers
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

    /// [`Detector::analyze_batch`] with an explicit number of threads, clamped to the number
    /// of documents and to 256. The calling thread is one of them; a thread the operating
    /// system refuses to start is left out (its share goes to the others), never a panic.
    pub fn analyze_batch_threads<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
        threads: usize,
    ) -> Vec<Report> {
        // At most one thread per document and MAX_BATCH_THREADS, like the CLI's --threads.
        let threads = threads.clamp(1, texts.len().clamp(1, MAX_BATCH_THREADS));
        if threads == 1 {
            return texts.iter().map(|t| self.analyze(t.as_ref())).collect();
        }
        // Workers take small runs of documents from a shared counter, so one long document
        // does not leave the other cores idle.
        const RUN: usize = 4;
        let next = AtomicUsize::new(0);
        let work = || {
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
        };
        let mut parts: Vec<Vec<(usize, Report)>> = std::thread::scope(|s| {
            // The calling thread is one of the workers. A thread the OS refuses (too many
            // threads, no memory for a stack) is not an error: the others share its work.
            let mut workers = Vec::with_capacity(threads - 1);
            for _ in 1..threads {
                match std::thread::Builder::new().spawn_scoped(s, work) {
                    Ok(w) => workers.push(w),
                    Err(_) => break,
                }
            }
            let mut parts = vec![work()];
            parts.extend(workers.into_iter().map(|w| w.join().unwrap_or_default()));
            parts
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

    pub(crate) fn analyze_with(&self, text: &str, scratch: &mut Scratch) -> Report {
        self.analyze_in(text, self.inner.language(text), scratch)
    }

    /// [`Detector::analyze`] for a document whose language is already told (HTML input tells
    /// it from the visible words, not from the first bytes, which may be a long `<head>`).
    #[cfg(feature = "html")]
    pub(crate) fn analyze_language(&self, text: &str, language: language::Language) -> Report {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.analyze_in(text, language, &mut scratch),
            Err(_) => self.analyze_in(text, language, &mut Scratch::default()),
        })
    }

    fn analyze_in(
        &self,
        text: &str,
        language: language::Language,
        scratch: &mut Scratch,
    ) -> Report {
        let cal = &self.inner.calibration;
        if !language.applicable {
            return Report::not_applicable(language.code);
        }
        let mut reports = Vec::new();
        let mut evidence = Vec::new();
        scratch.dialects.clear();
        if let Some(rules) = &self.inner.rules {
            rules.begin_document(&mut scratch.rules);
        }
        // Spintax needs a brace; most documents have none.
        let braces = memchr::memchr(b'{', text.as_bytes()).is_some();
        let mut pool = DocumentPool::new(cal);
        for range in sentences(text) {
            let (report, e) = self.analyze_sentence(text, range.start, range.end, braces, scratch);
            // A sentence without words (punctuation, invisible characters) is not prose: it is
            // counted as skipped, and neither reported nor pooled.
            if e.words == 0 {
                pool.push_sentence(e);
                continue;
            }
            reports.push(report);
            evidence.push(e);
        }
        if let Some(rules) = &self.inner.rules {
            self.apply_rules(rules, text, &mut reports, &mut evidence, &mut scratch.rules);
        }
        for (i, report) in reports.iter_mut().enumerate() {
            let context = cal.context(&evidence, i);
            if context != 0.0 {
                self.rescore(report, evidence[i].weight, context);
            }
        }
        evidence.iter().for_each(|&e| pool.push_sentence(e));
        let dialect = scratch.dialects.corroborated(cal);
        let score = sigmoid(pool.log_odds() + cal.dialect_lift_of(dialect));
        Report {
            score,
            spun: score >= self.inner.threshold,
            sentences: reports,
            language: language.code.to_string(),
            applicable: true,
            skipped: pool.skipped(),
            dialect,
        }
    }
}
