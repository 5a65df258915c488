//! # spinscan
//!
//! Detects article spinning: text disguised by sense-blind synonym substitution, as produced by
//! Spinbot-style rewriters and paper mills ("unique pressures" for *special forces*,
//! "profound learning" for *deep learning*, "and also" for *and*, "battle- split" for
//! *war-torn*). A dictionary of such artifacts, compiled to an FST, is matched over the text
//! (case-, inflection- and hyphen-tolerant), and every sentence and the whole document get a
//! probability-like score. Every match is explained: byte span, artifact, likely original,
//! evidence weight.
//!
//! ```
//! use spinscan::Detector;
//!
//! let detector = Detector::new(); // embedded default dictionary, no I/O
//! let text = "Russia's armed force stated Tuesday that resistance boxers and also unique \
//!             pressures had actually been pressed out of the battle- split nation.";
//! let report = detector.analyze(text);
//! assert!(report.spun);
//! for sentence in report.flagged() {
//!     for m in &sentence.matches {
//!         assert_eq!(&text[m.start..m.end], m.artifact);
//!         println!("{:>5.2}  {} -> {}", m.weight, m.artifact, m.original);
//!     }
//! }
//! ```
//!
//! ## Pipeline
//! [`Builder`] (`builder`) loads and compiles the dictionaries once. Then, per document:
//! segment sentences ([`text::sentence`]) → per sentence (`analyze`): tokenize
//! ([`text::tokenize`], folding each character with [`text::normalize`]) → stem (`stem`, a
//! cache per detector) → match the FST (`matcher`, with the inflection check of `inflection`) →
//! dictionary-free signals (`signals`) → evidence; then `score` (sentence, passage context,
//! document) → [`Report`]. `stream` runs the same stages over a reader with bounded memory.
//! HTML input (feature `html`, on by default) adds one stage in front: `text::html` lays the
//! document's visible text over its own bytes, so [`Detector::analyze_html`] reports offsets
//! into the HTML.
//!
//! ## Performance and limits
//! A [`Detector`] is built once (loading the embedded dictionary reads only its header and
//! section table: about 0.5 µs) and is `Send + Sync`. Analysis allocates nothing per word once
//! its per-thread buffers and stem cache are warm; it allocates per sentence (the report) and
//! per match. A catalogue's document rules (see [`Catalogue`]) add one cached lookup per word
//! in the same pass and keep their candidate matches in a reused per-thread vector, so they
//! allocate per distinct word (their cache, like the stem cache) and per match, not per word;
//! [`Detector::analyze`] keeps a document's candidate matches until its end, and
//! [`Detector::analyze_reader`] decides them as the stream goes, in bounded memory. Cost is linear in the input: sentences longer than [`text::MAX_SENTENCE_BYTES`]
//! are cut, phrases are at most 16 words. Analysis never fails and never panics.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod analyze;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod bench_support;
mod builder;
mod detector;
mod dialect;
mod dict;
mod error;
mod guard;
#[cfg(feature = "html")]
mod html_input;
mod inflection;
mod language;
mod matcher;
mod pps;
mod report;
mod score;
mod signals;
mod stem;
mod stream;
pub mod text;

pub use builder::Builder;
pub use detector::{DEFAULT_THRESHOLD, Detector};
pub use dialect::{Dialect, DialectEvidence};
pub use dict::{Dictionary, Entry, Kind};
pub use error::Error;
#[cfg(feature = "html")]
pub use html_input::MAX_HTML_BYTES;
pub use pps::{Catalogue, MAX_PROXIMITY, PpsError, PpsRule, PpsTerm};
pub use report::{Match, Report, SentenceReport};
pub use score::{Calibration, DocumentPool, SentenceEvidence};
pub use stream::Summary;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
