//! [`Builder`]: loads, merges and compiles the dictionary sources and catalogues of a
//! [`Detector`].

use std::io::Read;
use std::path::PathBuf;

use crate::catalogue::Catalogue;
use crate::detector::{DEFAULT_THRESHOLD, Detector};
use crate::dict::source::SourceEntry;
use crate::dict::{Dictionary, Kind, read_text};
use crate::error::Error;
use crate::rules::{self, Rule};

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
