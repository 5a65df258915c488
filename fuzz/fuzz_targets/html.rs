//! Arbitrary bytes as HTML: the visible text is as long as the document, every offset of the
//! report is a char boundary of the document, in order, matches inside their sentence and
//! reading their visible text, and `analyze_html_reader` equals `analyze_html`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spinscan::text::html::visible_text;

#[path = "../../tests/common/utf8_reference.rs"]
mod utf8_reference;
use utf8_reference::substitute;

#[path = "common.rs"]
mod common;

/// The visible words of a span: white space runs as one space, the filler dropped.
fn words(text: &str) -> String {
    let text = text.replace(['\u{2060}', '\u{34F}'], "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fuzz_target!(|data: &[u8]| {
    let d = &*common::SMALL;
    let (html, _) = substitute(data);
    let visible = visible_text(&html);
    assert_eq!(visible.len(), html.len());
    let report = d.analyze_html(&html);
    let score_ok = |s: f64| s.is_finite() && (0.0..=1.0).contains(&s);
    assert!(score_ok(report.score) && report.spun == (report.score >= d.threshold()));
    let mut last_end = 0;
    for s in &report.sentences {
        assert!(last_end <= s.start && s.start < s.end && s.end <= html.len(), "{s:?}");
        assert!(html.is_char_boundary(s.start) && html.is_char_boundary(s.end), "{s:?}");
        assert!(score_ok(s.score), "{s:?}");
        let mut match_end = s.start;
        for m in &s.matches {
            assert!(match_end <= m.start && m.start < m.end && m.end <= s.end, "{m:?} in {s:?}");
            assert!(html.is_char_boundary(m.start) && html.is_char_boundary(m.end), "{m:?}");
            assert_eq!(words(&visible[m.start..m.end]), words(&m.artifact), "{m:?}");
            match_end = m.end;
        }
        last_end = s.end;
    }
    let mut streamed = Vec::new();
    let summary = d
        .analyze_html_reader(data, |t, s| {
            assert_eq!(t.len(), s.end - s.start);
            streamed.push(s.clone());
            Ok(())
        })
        .expect("reading from memory cannot fail");
    assert!(streamed == report.sentences, "the reader differs from the whole document");
    assert_eq!(summary.score, report.score);
});
