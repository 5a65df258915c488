//! [`Builder`]: loads the dictionary sources, allow-lists and catalogues of a [`Detector`] and
//! compiles them into dictionary layers.
//!
//! The embedded default is compiled once, at build time, and is never recompiled: user sources
//! become further layers (see [`Builder`] for the override rule), so adding a one-line
//! dictionary costs the compilation of that line, not of the 660k default entries.

use std::io::Read;
use std::path::PathBuf;

use crate::detector::{DEFAULT_THRESHOLD, Detector};
use crate::dict::source::SourceEntry;
use crate::dict::{Dictionary, read_text};
use crate::error::Error;
use crate::pps::Catalogue;
use crate::pps::rules::Rules;

/// Configures a [`Detector`].
///
/// # Layers and the override rule
///
/// A detector matches against dictionary *layers*, lowest first:
/// 1. the embedded default (unless [`Builder::no_default_dictionary`]), as compiled at build
///    time;
/// 2. the user sources in the order given: each run of consecutive TSV sources (and the plain
///    rows of catalogues, added after them) is compiled into one layer; each compiled
///    dictionary ([`Builder::dictionary`], or a compiled file given to
///    [`Builder::dictionary_path`]) is a layer of its own, loaded without recompiling;
/// 3. the allow-lists ([`Builder::allow_path`], [`Builder::allow_text`]), compiled into one
///    last layer.
///
/// Matching is leftmost-longest over all layers together: at each word the longest phrase of
/// any layer wins, and matches never overlap. For one span of words (one key: the same
/// stemmed word sequence) only the **latest layer that has the key** counts; it replaces the
/// earlier layers' entry (original, kind, weight and spellings). Within one layer, the later
/// line wins, as in a single file. An entry of weight 0, and every allow-list phrase, matches
/// like any entry but is never reported and adds no evidence: it *suppresses* the earlier
/// layers' entry for its key, and the words it covers cannot be part of another match. Since
/// the allow-list layer is last, an allowed phrase is never reported, whatever layer has it.
///
/// ```
/// use spinscan::Detector;
/// let detector = Detector::builder()
///     .dictionary_tsv("unique pressures\tspecial forces\tsynonym\t1.5\n", "mine.tsv")
///     .allow_text("# not spun in our domain\nresistance boxers\n", "allow.txt")
///     .build()?;
/// let report = detector.analyze("The unique pressures and the resistance boxers arrived.");
/// let found: Vec<(&str, f64)> = report.matches().map(|m| (m.artifact.as_str(), m.weight)).collect();
/// assert_eq!(found, [("unique pressures", 1.5)]);
/// # Ok::<(), spinscan::Error>(())
/// ```
#[derive(Debug)]
pub struct Builder {
    default: bool,
    sources: Vec<Source>,
    allow: Vec<AllowSource>,
    catalogues: Vec<CatalogueSource>,
    threshold: f64,
    any_language: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            default: true,
            sources: Vec::new(),
            allow: Vec::new(),
            catalogues: Vec::new(),
            threshold: DEFAULT_THRESHOLD,
            any_language: false,
        }
    }
}

/// A dictionary source, in the order given.
#[derive(Debug)]
enum Source {
    /// A TSV or compiled file, told apart by its header.
    Path(PathBuf),
    /// TSV text.
    Text { text: String, origin: String },
    /// A source that failed to read when it was added; reported by `build`.
    Failed(Error),
    /// A loaded dictionary: a layer of its own.
    Compiled(Box<Dictionary>),
    /// Entries parsed elsewhere (a catalogue's plain rows), compiled with the TSV sources
    /// around them. May be empty.
    Entries(Vec<SourceEntry>, String),
}

/// An allow-list: one phrase per line.
#[derive(Debug)]
enum AllowSource {
    Path(PathBuf),
    Text { text: String, origin: String },
}

/// A tortured-phrase catalogue.
#[derive(Debug)]
enum CatalogueSource {
    Loaded(Catalogue),
    Path(PathBuf),
}

impl Builder {
    /// Leaves out the embedded default dictionary.
    pub fn no_default_dictionary(mut self) -> Builder {
        self.default = false;
        self
    }

    /// Adds a dictionary file: TSV source, or a compiled dictionary (recognized by its header;
    /// loaded as a layer of its own, validated but not recompiled). A TSV source without any
    /// entry is an [`Error::Empty`].
    pub fn dictionary_path(mut self, path: impl Into<PathBuf>) -> Builder {
        self.sources.push(Source::Path(path.into()));
        self
    }

    /// Adds a TSV dictionary read from `reader`; `origin` names it in errors.
    pub fn dictionary_reader(mut self, mut reader: impl Read, origin: &str) -> Builder {
        let mut text = String::new();
        self.sources.push(match reader.read_to_string(&mut text) {
            Ok(_) => Source::Text { text, origin: origin.to_string() },
            Err(e) => Source::Failed(Error::Io { path: origin.into(), source: e }),
        });
        self
    }

    /// Adds a TSV dictionary given as text; `origin` names it in errors.
    pub fn dictionary_tsv(mut self, text: &str, origin: &str) -> Builder {
        self.sources.push(Source::Text { text: text.to_string(), origin: origin.to_string() });
        self
    }

    /// Adds an already loaded dictionary, as a layer of its own (not recompiled).
    pub fn dictionary(mut self, dict: Dictionary) -> Builder {
        self.sources.push(Source::Compiled(Box::new(dict)));
        self
    }

    /// Adds an allow-list file: UTF-8 text, one phrase per line, `#` comments and blank lines
    /// ignored. An allowed phrase is never reported, whatever layer would match it; it is
    /// matched like a dictionary artifact (case, inflection and hyphenation do not matter;
    /// see [`Builder`] for the rule). A line that cannot be a phrase (punctuation inside, a
    /// tab, more than 16 words) is an [`Error::Dictionary`] naming the file and line; a list
    /// without any phrase is an [`Error::Empty`].
    pub fn allow_path(mut self, path: impl Into<PathBuf>) -> Builder {
        self.allow.push(AllowSource::Path(path.into()));
        self
    }

    /// [`Builder::allow_path`] for a list given as text; `origin` names it in errors.
    ///
    /// ```
    /// let detector = spinscan::Detector::builder().allow_text("unique pressures\n", "a.txt").build()?;
    /// assert!(detector.analyze("The unique pressures arrived.").matches().next().is_none());
    /// let err = spinscan::Detector::builder().allow_text("# nothing\n", "a.txt").build().unwrap_err();
    /// assert!(err.to_string().contains("a.txt"), "{err}");
    /// # Ok::<(), spinscan::Error>(())
    /// ```
    pub fn allow_text(mut self, text: &str, origin: &str) -> Builder {
        self.allow.push(AllowSource::Text { text: text.to_string(), origin: origin.to_string() });
        self
    }

    /// Adds a tortured-phrase catalogue (see [`Catalogue`]). Plain phrases join the
    /// dictionary; fingerprints with `AND`/`NOT` context, proximity or wildcards become
    /// document rules. Rows the catalogue could not parse are in [`Catalogue::errors`].
    pub fn pps(mut self, catalogue: Catalogue) -> Builder {
        self.catalogues.push(CatalogueSource::Loaded(catalogue));
        self
    }

    /// Adds a tortured-phrase catalogue file. Unparseable rows are skipped: to list them,
    /// load it with [`Catalogue::from_path`] and pass it to [`Builder::pps`].
    pub fn pps_path(mut self, path: impl Into<PathBuf>) -> Builder {
        self.catalogues.push(CatalogueSource::Path(path.into()));
        self
    }

    /// Sets the score threshold for `spun` (default 0.5) on sentences and documents.
    pub fn threshold(mut self, threshold: f64) -> Builder {
        self.threshold = threshold;
        self
    }

    /// Judges text in every language. By default a document that language detection tells is
    /// not English is not judged ([`Report::applicable`](crate::Report::applicable) is false),
    /// and a sentence in another language inside an English document (a quotation, a UI
    /// string) has its matches dropped, since the embedded dictionary is English. Set this when
    /// your own dictionaries list artifacts of another language.
    ///
    /// ```
    /// use spinscan::Detector;
    /// let tsv = "réfugiés heureux\tréfugiés\tsynonym\t4.0\n";
    /// let text = "Les réfugiés heureux sont arrivés hier soir dans la ville.";
    /// let strict = Detector::builder().no_default_dictionary().dictionary_tsv(tsv, "fr.tsv").build()?;
    /// assert!(!strict.analyze(text).applicable);
    /// let any = Detector::builder().no_default_dictionary().dictionary_tsv(tsv, "fr.tsv").any_language().build()?;
    /// let report = any.analyze(text);
    /// assert_eq!((report.language.as_str(), report.matches().count()), ("fr", 1));
    /// # Ok::<(), spinscan::Error>(())
    /// ```
    pub fn any_language(mut self) -> Builder {
        self.any_language = true;
        self
    }

    /// Loads and compiles the user sources into layers over the default. Errors name the
    /// source, line and reason.
    pub fn build(self) -> Result<Detector, Error> {
        if !(0.0..=1.0).contains(&self.threshold) {
            return Err(Error::Threshold(self.threshold));
        }
        let mut sources = self.sources;
        let mut rows = Vec::new();
        if !self.catalogues.is_empty() {
            let mut plain = Vec::new();
            for c in self.catalogues {
                let catalogue = match c {
                    CatalogueSource::Loaded(c) => c,
                    CatalogueSource::Path(p) => Catalogue::from_path(p)?,
                };
                let (entries, with_conditions) = catalogue.split();
                plain.extend(entries);
                rows.extend(with_conditions);
            }
            sources.push(Source::Entries(plain, "<pps>".into()));
        }
        let mut layers = Vec::new();
        if self.default {
            layers.push(Dictionary::embedded());
        }
        let mut group = Group::default();
        for source in sources {
            match source {
                Source::Failed(e) => return Err(e),
                Source::Compiled(d) => {
                    group.compile_into(&mut layers)?;
                    layers.push(*d);
                }
                Source::Entries(entries, origin) => group.add(entries, origin),
                Source::Text { text, origin } => group.add(parse(&text, &origin)?, origin),
                Source::Path(path) => {
                    let origin = path.display().to_string();
                    let bytes = std::fs::read(&path)
                        .map_err(|e| Error::Io { path: path.clone(), source: e })?;
                    if bytes.starts_with(crate::dict::compile::MAGIC) {
                        group.compile_into(&mut layers)?;
                        layers.push(Dictionary::from_compiled(bytes, &origin)?);
                    } else {
                        drop(bytes);
                        group.add(parse(&read_text(&path)?, &origin)?, origin);
                    }
                }
            }
        }
        group.compile_into(&mut layers)?;
        for source in self.allow {
            let (text, origin) = match source {
                AllowSource::Text { text, origin } => (text, origin),
                AllowSource::Path(path) => (read_text(&path)?, path.display().to_string()),
            };
            group.add(parse_allow(&text, &origin)?, origin);
        }
        group.compile_into(&mut layers)?;
        // The rules find their words by the stem ids of one layer: the one with the most
        // stems (the default, when present), so that few rule stems lack an id.
        let layer = (0..layers.len()).max_by_key(|&i| (layers[i].stem_count(), usize::MAX - i));
        let rules = match layer {
            Some(i) => Rules::compile(&rows, &layers[i], i)?,
            None => Rules::compile(&rows, &Dictionary::empty(), 0)?,
        };
        Ok(Detector::from_parts(layers, rules, self.threshold, self.any_language))
    }
}

/// Consecutive text sources, compiled together into one layer.
#[derive(Default)]
struct Group {
    entries: Vec<SourceEntry>,
    /// (index of the first entry, origin) of each source.
    origins: Vec<(usize, String)>,
}

impl Group {
    fn add(&mut self, entries: Vec<SourceEntry>, origin: String) {
        self.origins.push((self.entries.len(), origin));
        self.entries.extend(entries);
    }

    /// Compiles the group into a new layer, if it holds any entry, and empties it.
    fn compile_into(&mut self, layers: &mut Vec<Dictionary>) -> Result<(), Error> {
        let Group { entries, origins } = std::mem::take(self);
        if entries.is_empty() {
            return Ok(());
        }
        let origin_of = |i: usize| {
            let k = origins.partition_point(|(first, _)| *first <= i);
            origins.get(k.saturating_sub(1)).map_or("<unknown>", |(_, o)| o.as_str())
        };
        layers.push(Dictionary::compile_entries(&entries, origin_of)?);
        Ok(())
    }
}

/// Parses a TSV source; one without entries is an error.
fn parse(text: &str, origin: &str) -> Result<Vec<SourceEntry>, Error> {
    let entries = crate::dict::source::parse_tsv(text).map_err(|e| Error::Dictionary {
        origin: origin.to_string(),
        line: e.line,
        reason: e.reason,
    })?;
    if entries.is_empty() {
        return Err(Error::Empty { origin: origin.to_string() });
    }
    Ok(entries)
}

/// Parses an allow-list (see [`Builder::allow_path`]) into weight-0 entries.
fn parse_allow(text: &str, origin: &str) -> Result<Vec<SourceEntry>, Error> {
    let entries = crate::dict::source::parse_allow(text).map_err(|e| Error::Dictionary {
        origin: origin.to_string(),
        line: e.line,
        reason: e.reason,
    })?;
    if entries.is_empty() {
        return Err(Error::Empty { origin: origin.to_string() });
    }
    Ok(entries)
}
