//! Invariants shared by the fuzz targets: a violated one is a panic, which libFuzzer reports.
// Each target includes this file and uses part of it.
#![allow(dead_code)]

use std::sync::LazyLock;

use spinscan::text::MAX_SENTENCE_BYTES;
use spinscan::{Detector, Report};

/// The text targets' detector: a small dictionary with phrases of one to three words, a
/// negative weight and every kind of entry.
pub static SMALL: LazyLock<Detector> = LazyLock::new(|| {
    Detector::builder()
        .no_default_dictionary()
        .dictionary_tsv(
            "unique pressures\tspecial forces\tsynonym\t3\n\
             and also\tand\tfiller\t0.5\n\
             profound learning\tdeep learning\ttortured-phrase\t4\n\
             carbon monoxide ordinating\tco-ordinating\tacronym-expansion\t4\n\
             bosom\tbreast\ttortured-phrase\t3\n\
             a\tb\tsynonym\t-2\n",
            "fuzz.tsv",
        )
        .build()
        .expect("the fuzz dictionary compiles")
});

/// Every structural invariant of a report on `text`.
pub fn check_report(text: &str, report: &Report, threshold: f64) {
    let score_ok = |s: f64| s.is_finite() && (0.0..=1.0).contains(&s);
    assert!(score_ok(report.score), "document score {}", report.score);
    assert_eq!(report.spun, report.score >= threshold);
    let mut last_end = 0;
    for s in &report.sentences {
        assert!(last_end <= s.start && s.start < s.end && s.end <= text.len(), "{s:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(s.end - s.start <= MAX_SENTENCE_BYTES);
        assert!(score_ok(s.score) && s.spun == (s.score >= threshold), "{s:?}");
        assert!(s.context.is_finite());
        let mut match_end = s.start;
        for m in &s.matches {
            assert!(match_end <= m.start && m.start < m.end && m.end <= s.end, "{m:?} in {s:?}");
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            assert_eq!(&text[m.start..m.end], m.artifact);
            assert!(m.weight.is_finite());
            match_end = m.end;
        }
        last_end = s.end;
    }
}

/// Analyzes `text` whole and streamed and checks both, and that they agree (for detectors
/// without document rules, which streaming does not apply).
pub fn check_text(detector: &Detector, text: &str) {
    let report = detector.analyze(text);
    check_report(text, &report, detector.threshold());
    if detector.has_document_rules() {
        return;
    }
    let mut streamed = Vec::new();
    let summary = detector
        .analyze_reader(text.as_bytes(), |t, s| {
            assert_eq!(t, &text[s.start..s.end]);
            streamed.push(s.clone());
            Ok(())
        })
        .expect("reading from a slice cannot fail");
    assert!(streamed == report.sentences, "streamed sentences differ");
    assert_eq!(summary.score, report.score);
    assert_eq!(summary.skipped, report.skipped);
    // Padding with lines without words (punctuation, invisible characters) changes nothing.
    let padded = format!("{text}\n\n. . .\n\u{115F}\n\u{200E}\u{E0041}!\n* * *\n");
    let again = detector.analyze(&padded);
    assert_eq!(again.score, report.score, "padding changed the score");
    assert!(again.sentences == report.sentences, "padding changed the sentences");
    assert_eq!(summary.invalid_bytes, 0);
}
