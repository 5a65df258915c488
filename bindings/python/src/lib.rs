//! `spinscan._spinscan`: the native half of the Python package. It builds a
//! [`spinscan::Detector`] and returns each report as JSON text whose offsets are already
//! Python string (code point) offsets; `spinscan/__init__.py` turns it into objects. Analysis
//! runs with the GIL released, so Python threads scale.

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;

/// A built detector (see `spinscan.Detector` for the documented Python API).
#[pyclass(frozen, module = "spinscan._spinscan")]
struct NativeDetector {
    inner: spinscan::Detector,
}

#[pymethods]
impl NativeDetector {
    #[new]
    #[pyo3(signature = (dictionaries, allow, pps, threshold, default_dictionary))]
    fn new(
        py: Python<'_>,
        dictionaries: Vec<String>,
        allow: Vec<String>,
        pps: Vec<String>,
        threshold: f64,
        default_dictionary: bool,
    ) -> PyResult<Self> {
        let build = move || {
            let mut b = spinscan::Detector::builder().threshold(threshold);
            if !default_dictionary {
                b = b.no_default_dictionary();
            }
            for d in dictionaries {
                b = b.dictionary_path(d);
            }
            for p in pps {
                b = b.pps_path(p);
            }
            if !allow.is_empty() {
                b = b.allow_text(&allow.join("\n"), "<allow>");
            }
            b.build()
        };
        let inner = py.detach(build).map_err(to_py_err)?;
        Ok(NativeDetector { inner })
    }

    /// The report of one text, as JSON with code point offsets.
    fn analyze_json(&self, py: Python<'_>, text: String) -> String {
        py.detach(|| report_json(&self.inner, &text))
    }

    /// The reports of many texts (analyzed on all cores), as JSON with code point offsets.
    fn analyze_batch_json(&self, py: Python<'_>, texts: Vec<String>) -> Vec<String> {
        py.detach(|| {
            let reports = self.inner.analyze_batch(&texts);
            reports.into_iter().zip(&texts).map(|(r, t)| to_json(r, t)).collect()
        })
    }

    /// The score threshold.
    #[getter]
    fn threshold(&self) -> f64 {
        self.inner.threshold()
    }

    /// Entries in the dictionary layers.
    fn dictionary_len(&self) -> usize {
        self.inner.layers().iter().map(|d| d.len()).sum()
    }
}

fn to_py_err(e: spinscan::Error) -> PyErr {
    match e {
        spinscan::Error::Io { .. } => PyOSError::new_err(e.to_string()),
        _ => PyValueError::new_err(e.to_string()),
    }
}

fn report_json(detector: &spinscan::Detector, text: &str) -> String {
    to_json(detector.analyze(text), text)
}

fn to_json(mut report: spinscan::Report, text: &str) -> String {
    to_code_points(&mut report, text);
    serde_json::to_string(&report).unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
}

/// Rewrites every byte offset of a report as a code point offset, in one pass over the text:
/// offsets come in non-decreasing order (a sentence's start, its matches in text order, its
/// end, then the next sentence), so a cursor only moves forward.
fn to_code_points(report: &mut spinscan::Report, text: &str) {
    if text.is_ascii() {
        return;
    }
    let mut cursor = Cursor { text, byte: 0, chars: 0 };
    for s in &mut report.sentences {
        s.start = cursor.at(s.start);
        for m in &mut s.matches {
            m.start = cursor.at(m.start);
            m.end = cursor.at(m.end);
        }
        s.end = cursor.at(s.end);
    }
}

struct Cursor<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl Cursor<'_> {
    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            // Not expected (offsets are ordered); count from the start rather than be wrong.
            return self.text.get(..byte).map_or(0, |s| s.chars().count());
        }
        self.chars += self.text.get(self.byte..byte).map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.chars
    }
}

#[pymodule]
fn _spinscan(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeDetector>()?;
    m.add("DEFAULT_THRESHOLD", spinscan::DEFAULT_THRESHOLD)?;
    Ok(())
}
