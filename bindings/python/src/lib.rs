//! The `spinscan._spinscan` extension module: PyO3 bindings of [`spinscan::Detector`].
//!
//! Python sees code point offsets (what `str` indexes), the library reports byte offsets: every
//! report is converted in one pass per document (`offsets`). Analysis runs with the GIL
//! released, so Python threads scale; Python objects for sentences are made only when
//! `Report.sentences` is first read, so a caller that reads only `score` and `spun` pays for
//! none.

use std::path::PathBuf;

use pyo3::exceptions::{PyOSError, PyUnicodeEncodeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PySlice, PyString, PyTuple};

mod offsets;

/// A `spinscan::Error` as the Python exception a caller expects: `OSError` (with `errno` and
/// `filename`, so a missing file is a `FileNotFoundError`) for a file that cannot be read,
/// `ValueError` for everything else (malformed dictionary line, empty source, bad
/// threshold). The message is the library's: it names the file, the line and the reason.
fn to_py_err(py: Python<'_>, err: spinscan::Error) -> PyErr {
    let message = err.to_string();
    match err {
        spinscan::Error::Io { path, source } => {
            let e = match source.raw_os_error() {
                Some(errno) => PyOSError::new_err((errno, message)),
                None => PyOSError::new_err(message),
            };
            // Best effort: the message already names the file.
            let _ = e.value(py).setattr("filename", path.display().to_string());
            e
        }
        _ => PyValueError::new_err(message),
    }
}

/// A document's text as the library takes it.
enum Doc {
    /// The `str` as UTF-8, borrowed from Python (no copy for most strings).
    Utf8(PyBackedStr),
    /// A `str` holding lone surrogates (which UTF-8 cannot encode): each of them replaced by
    /// U+FFFD, one code point for one, so code point offsets stay those of the `str`.
    Replaced(String),
}

impl Doc {
    fn new(text: &Bound<'_, PyString>) -> PyResult<Doc> {
        match text.extract::<PyBackedStr>() {
            Ok(s) => Ok(Doc::Utf8(s)),
            Err(e) if e.is_instance_of::<PyUnicodeEncodeError>(text.py()) => {
                let utf32 = text.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
                let utf32 = utf32.cast::<PyBytes>()?.as_bytes();
                Ok(Doc::Replaced(
                    utf32
                        .chunks_exact(4)
                        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                        .map(|u| char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER))
                        .collect(),
                ))
            }
            Err(e) => Err(e),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Doc::Utf8(s) => s,
            Doc::Replaced(s) => s,
        }
    }
}

/// File arguments: one path (`str` or `os.PathLike`) or an iterable of them.
fn paths(arg: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PathBuf>> {
    match arg {
        None => Ok(Vec::new()),
        Some(a) if a.is_instance_of::<PyString>() || a.hasattr("__fspath__")? => {
            Ok(vec![a.extract::<PathBuf>()?])
        }
        Some(a) => a.try_iter()?.map(|p| p?.extract::<PathBuf>()).collect(),
    }
}

/// Allow-list phrases: one `str` or an iterable of them, each on one line.
fn phrases(arg: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<String>> {
    let phrases: Vec<String> = match arg {
        None => Vec::new(),
        Some(a) if a.is_instance_of::<PyString>() => vec![a.extract()?],
        Some(a) => a.try_iter()?.map(|p| p?.extract::<String>()).collect::<PyResult<_>>()?,
    };
    if let Some(p) = phrases.iter().find(|p| p.contains(['\n', '\r'])) {
        return Err(PyValueError::new_err(format!("allow: a phrase cannot span lines: {p:?}")));
    }
    Ok(phrases)
}

/// Detects spun text: synonym-substitution artifacts matched through the dictionary, scored
/// per sentence and per document.
///
/// Build once and share: a detector is immutable, safe to use from many threads (analysis
/// releases the GIL), and picklable (it is rebuilt from its arguments, so the files must
/// exist where it is unpickled).
///
/// Args:
///     dictionaries: dictionary files (TSV source or compiled), layered over the embedded
///         default in order; for the same phrase the later file wins.
///     allow: phrases never to report (matched like dictionary artifacts: case, inflection
///         and hyphenation do not matter).
///     threshold: score in [0, 1] from which a sentence or document is `spun`.
///     allow_files: allow-list files, one phrase per line, `#` comments (the CLI's `--allow`).
///     pps: tortured-phrase catalogue files (the Problematic Paper Screener's CSV syntax).
///     default_dictionary: whether to start from the embedded default dictionary.
///     any_language: judge text in every language; by default only English text is judged
///         (a non-English document gets `applicable` False, and a foreign sentence in an
///         English document has its matches dropped). Set it for dictionaries of another
///         language's artifacts.
///
/// Raises:
///     OSError: a file cannot be read (FileNotFoundError when it does not exist).
///     ValueError: a malformed dictionary or allow-list line (the message names the file,
///         line and reason), an empty source, or a threshold outside [0, 1].
#[pyclass(module = "spinscan", frozen)]
struct Detector {
    inner: spinscan::Detector,
    dictionaries: Vec<PathBuf>,
    allow: Vec<String>,
    allow_files: Vec<PathBuf>,
    pps: Vec<PathBuf>,
    default_dictionary: bool,
    any_language: bool,
}

#[pymethods]
impl Detector {
    #[new]
    #[pyo3(signature = (dictionaries = None, allow = None, threshold = spinscan::DEFAULT_THRESHOLD, *, allow_files = None, pps = None, default_dictionary = true, any_language = false))]
    fn new(
        py: Python<'_>,
        dictionaries: Option<&Bound<'_, PyAny>>,
        allow: Option<&Bound<'_, PyAny>>,
        threshold: f64,
        allow_files: Option<&Bound<'_, PyAny>>,
        pps: Option<&Bound<'_, PyAny>>,
        default_dictionary: bool,
        any_language: bool,
    ) -> PyResult<Detector> {
        let dictionaries = paths(dictionaries)?;
        let allow = phrases(allow)?;
        let allow_files = paths(allow_files)?;
        let pps = paths(pps)?;
        let mut builder = spinscan::Detector::builder().threshold(threshold);
        if !default_dictionary {
            builder = builder.no_default_dictionary();
        }
        if any_language {
            builder = builder.any_language();
        }
        for path in &dictionaries {
            builder = builder.dictionary_path(path);
        }
        if !allow.is_empty() {
            builder = builder.allow_text(&allow.join("\n"), "allow");
        }
        for path in &allow_files {
            builder = builder.allow_path(path);
        }
        for path in &pps {
            builder = builder.pps_path(path);
        }
        // Compiling user dictionaries can take a while: let other Python threads run.
        let inner = py.detach(|| builder.build()).map_err(|e| to_py_err(py, e))?;
        Ok(Detector { inner, dictionaries, allow, allow_files, pps, default_dictionary, any_language })
    }

    /// The score from which a sentence or document is `spun`.
    #[getter]
    fn threshold(&self) -> f64 {
        self.inner.threshold()
    }

    /// Analyzes one document. Never fails on any `str`; the GIL is released meanwhile.
    ///
    /// Offsets in the report are `str` offsets: `text[m.start:m.end] == m.artifact`. With
    /// `html=True` the text is an HTML document (Rust's `Detector::analyze_html`): tags,
    /// comments, scripts and styles are skipped and entities decoded; offsets are still
    /// offsets into `text`, so `text[m.start:m.end]` is the artifact with any markup inside it,
    /// and `m.artifact` the text a reader sees there.
    #[pyo3(signature = (text, *, html = false))]
    fn analyze(&self, py: Python<'_>, text: &Bound<'_, PyString>, html: bool) -> PyResult<Report> {
        let doc = Doc::new(text)?;
        let report = py.detach(|| {
            let text = doc.as_str();
            let mut report =
                if html { self.inner.analyze_html(text) } else { self.inner.analyze(text) };
            offsets::to_code_points(text, &mut report);
            report
        });
        Ok(Report::new(text, report, matches!(doc, Doc::Replaced(_))))
    }

    /// Analyzes many documents on `threads` threads (default: all CPUs), with the GIL
    /// released. `texts` is any iterable of `str` (a list, a pandas Series...). The result is
    /// in input order and equal to `[self.analyze(t) for t in texts]`.
    #[pyo3(signature = (texts, threads = None))]
    fn analyze_batch(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Report>> {
        let threads = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let mut strs = Vec::new();
        let mut docs = Vec::new();
        for item in texts.try_iter()? {
            let item = item?;
            let text = item.cast_into::<PyString>()?;
            docs.push(Doc::new(&text)?);
            strs.push(text);
        }
        let reports = py.detach(|| {
            let texts: Vec<&str> = docs.iter().map(Doc::as_str).collect();
            let mut reports = self.inner.analyze_batch_threads(&texts, threads);
            for (text, report) in texts.iter().zip(&mut reports) {
                offsets::to_code_points(text, report);
            }
            reports
        });
        Ok(strs
            .iter()
            .zip(reports)
            .zip(&docs)
            .map(|((text, report), doc)| Report::new(text, report, matches!(doc, Doc::Replaced(_))))
            .collect())
    }

    /// Pickles as `functools.partial(Detector, **arguments)`: unpickling rebuilds it.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let this = slf.get();
        let kwargs = PyDict::new(py);
        kwargs.set_item("dictionaries", &this.dictionaries)?;
        kwargs.set_item("allow", &this.allow)?;
        kwargs.set_item("threshold", this.inner.threshold())?;
        kwargs.set_item("allow_files", &this.allow_files)?;
        kwargs.set_item("pps", &this.pps)?;
        kwargs.set_item("default_dictionary", this.default_dictionary)?;
        kwargs.set_item("any_language", this.any_language)?;
        let partial = py.import("functools")?.getattr("partial")?;
        Ok((partial.call((slf.get_type(),), Some(&kwargs))?, PyTuple::empty(py)))
    }

    fn __repr__(&self) -> String {
        let list = |v: Vec<String>| format!("[{}]", v.join(", "));
        let paths = |v: &[PathBuf]| {
            list(v.iter().map(|p| format!("{:?}", p.display().to_string())).collect())
        };
        format!(
            "Detector(dictionaries={}, allow={}, threshold={}, allow_files={}, pps={}, default_dictionary={}, any_language={})",
            paths(&self.dictionaries),
            list(self.allow.iter().map(|p| format!("{p:?}")).collect()),
            self.inner.threshold(),
            paths(&self.allow_files),
            paths(&self.pps),
            if self.default_dictionary { "True" } else { "False" },
            if self.any_language { "True" } else { "False" },
        )
    }
}

/// The analysis of one document: `score` in [0, 1], `spun` (score reaches the detector's
/// threshold) and every sentence in order.
#[pyclass(module = "spinscan", frozen)]
struct Report {
    /// The analyzed text, for sentence texts (sliced on demand).
    text: Py<PyString>,
    /// Spans already in code point offsets.
    report: spinscan::Report,
    /// The text had lone surrogates (analyzed as U+FFFD): artifacts are sliced from `text`.
    replaced: bool,
    /// The `Sentence` objects, made on first access.
    sentences: PyOnceLock<Py<PyTuple>>,
}

impl Report {
    fn new(text: &Bound<'_, PyString>, report: spinscan::Report, replaced: bool) -> Report {
        Report { text: text.clone().unbind(), report, replaced, sentences: PyOnceLock::new() }
    }

    fn sentence_tuple<'py>(&self, py: Python<'py>) -> PyResult<&Bound<'py, PyTuple>> {
        let tuple = self.sentences.get_or_try_init(py, || -> PyResult<Py<PyTuple>> {
            let text = self.text.bind(py);
            let slice = |start: usize, end: usize| -> PyResult<Bound<'py, PyString>> {
                let slice = PySlice::new(py, start as isize, end as isize, 1);
                Ok(text.as_any().get_item(slice)?.cast_into::<PyString>()?)
            };
            let mut sentences = Vec::with_capacity(self.report.sentences.len());
            for s in &self.report.sentences {
                let mut matches = Vec::with_capacity(s.matches.len());
                for m in &s.matches {
                    let artifact = if self.replaced {
                        slice(m.start, m.end)?.to_string()
                    } else {
                        m.artifact.clone()
                    };
                    matches.push(Match {
                        start: m.start,
                        end: m.end,
                        artifact,
                        original: m.original.clone(),
                        weight: m.weight,
                        kind: m.kind.as_str(),
                    });
                }
                let sentence = Sentence {
                    start: s.start,
                    end: s.end,
                    text: slice(s.start, s.end)?.unbind(),
                    score: s.score,
                    spun: s.spun,
                    context: s.context,
                    matches: PyTuple::new(py, matches)?.unbind(),
                };
                sentences.push(sentence);
            }
            Ok(PyTuple::new(py, sentences)?.unbind())
        })?;
        Ok(tuple.bind(py))
    }
}

#[pymethods]
impl Report {
    /// Probability-like document score in [0, 1]: evidence pooled over all sentences.
    #[getter]
    fn score(&self) -> f64 {
        self.report.score
    }

    /// Whether `score` reaches the detector's threshold.
    #[getter]
    fn spun(&self) -> bool {
        self.report.spun
    }

    /// The spinner dialect corroborated in the document, as a dict
    /// (`{"name": "spinbot", "substitutions": 4}`), or None: several distinct substitutions
    /// of one spinner's table. It adds to `score`.
    #[getter]
    fn dialect<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let Some(d) = self.report.dialect else { return Ok(None) };
        let dict = PyDict::new(py);
        dict.set_item("name", d.dialect.as_str())?;
        dict.set_item("substitutions", d.substitutions)?;
        Ok(Some(dict))
    }

    /// Every sentence of the document, in order (a tuple of `Sentence`).
    #[getter]
    fn sentences<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        Ok(self.sentence_tuple(py)?.clone())
    }

    /// The sentences whose score reaches the threshold.
    fn flagged<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let mut out = Vec::new();
        for s in self.sentence_tuple(py)?.iter() {
            if s.cast::<Sentence>()?.get().spun {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// All matches of all sentences, in text order.
    fn matches<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let mut out = Vec::new();
        for s in self.sentence_tuple(py)?.iter() {
            out.extend(s.cast::<Sentence>()?.get().matches.bind(py).iter());
        }
        Ok(out)
    }

    /// The report as plain dicts and lists (the CLI's JSON fields; offsets are `str` offsets,
    /// and each sentence has its `text`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("score", self.report.score)?;
        d.set_item("spun", self.report.spun)?;
        // As in the CLI's JSON: present only when a dialect is corroborated.
        if let Some(dialect) = self.dialect(py)? {
            d.set_item("dialect", dialect)?;
        }
        let sentences = PyList::empty(py);
        for s in self.sentence_tuple(py)?.iter() {
            sentences.append(s.cast::<Sentence>()?.get().to_dict(py)?)?;
        }
        d.set_item("sentences", sentences)?;
        Ok(d)
    }

    fn __len__(&self) -> usize {
        self.report.sentences.len()
    }

    /// Equal when `to_dict()` is equal (same text, spans, scores and matches).
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, Report>) -> PyResult<bool> {
        self.to_dict(py)?.eq(other.get().to_dict(py)?)
    }

    fn __repr__(&self) -> String {
        let matches: usize = self.report.sentences.iter().map(|s| s.matches.len()).sum();
        format!(
            "Report(score={:.4}, spun={}, sentences={}, matches={})",
            self.report.score,
            if self.report.spun { "True" } else { "False" },
            self.report.sentences.len(),
            matches
        )
    }
}

/// The analysis of one sentence: its span `text[start:end]` (also as `text`), `score`,
/// `spun`, the `matches` found in it, and `context` (log-odds added by flagged sentences
/// around it; zero when it has no match of its own).
#[pyclass(module = "spinscan", frozen, get_all)]
struct Sentence {
    /// Code point offset of the sentence in the analyzed `str`.
    start: usize,
    /// Code point offset just past the sentence.
    end: usize,
    /// The sentence's text: `text[start:end]` of the analyzed `str`.
    text: Py<PyString>,
    /// Probability-like score in [0, 1].
    score: f64,
    /// Whether `score` reaches the detector's threshold.
    spun: bool,
    /// Log-odds added by the evidence of the surrounding passage.
    context: f64,
    /// The artifacts and signals found in the sentence, in text order, never overlapping.
    matches: Py<PyTuple>,
}

#[pymethods]
impl Sentence {
    /// The sentence as a plain dict (the CLI's JSON fields, offsets in code points, and `text`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("text", self.text.bind(py))?;
        d.set_item("score", self.score)?;
        d.set_item("spun", self.spun)?;
        let matches = PyList::empty(py);
        for m in self.matches.bind(py).iter() {
            matches.append(m.cast::<Match>()?.get().to_dict(py)?)?;
        }
        d.set_item("matches", matches)?;
        d.set_item("context", self.context)?;
        Ok(d)
    }

    /// Equal when `to_dict()` is equal.
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, Sentence>) -> PyResult<bool> {
        self.to_dict(py)?.eq(other.get().to_dict(py)?)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Sentence(start={}, end={}, score={:.4}, spun={}, matches={})",
            self.start,
            self.end,
            self.score,
            if self.spun { "True" } else { "False" },
            self.matches.bind(py).len()
        )
    }
}

/// One piece of evidence: `text[start:end] == artifact`, the likely `original`, its `weight`
/// (log-odds that the sentence was spun) and its `kind` ("synonym", "acronym-expansion",
/// "filler", "tortured-phrase", "torn-hyphen" or "spintax").
#[pyclass(module = "spinscan", frozen, get_all, eq)]
#[derive(PartialEq)]
struct Match {
    /// Code point offset of the match in the analyzed `str`.
    start: usize,
    /// Code point offset just past the match.
    end: usize,
    /// The matched text, exactly as in the analyzed `str`.
    artifact: String,
    /// The likely original phrase.
    original: String,
    /// Evidence in log-odds that the sentence was spun.
    weight: f64,
    /// What kind of substitution this is.
    kind: &'static str,
}

#[pymethods]
impl Match {
    /// The match as a plain dict (the CLI's JSON fields, offsets in code points).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("artifact", &self.artifact)?;
        d.set_item("original", &self.original)?;
        d.set_item("weight", self.weight)?;
        d.set_item("kind", self.kind)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Match(start={}, end={}, artifact={:?}, original={:?}, weight={}, kind={:?})",
            self.start, self.end, self.artifact, self.original, self.weight, self.kind
        )
    }
}

/// Detects article spinning: text disguised by sense-blind synonym substitution.
#[pymodule]
fn _spinscan(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Detector>()?;
    m.add_class::<Report>()?;
    m.add_class::<Sentence>()?;
    m.add_class::<Match>()?;
    m.add("DEFAULT_THRESHOLD", spinscan::DEFAULT_THRESHOLD)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
