//! HTML input: [`Detector::analyze_html`] and [`Detector::analyze_html_reader`] run the usual
//! pipeline over the document's visible text ([`text::html`](crate::text::html)), which is laid
//! over the document's own bytes, then move every offset that falls inside markup or a
//! character reference to its edge, so that all offsets are offsets into the HTML.

use std::io::{self, Read};

use crate::detector::Detector;
use crate::language;
use crate::report::Report;
use crate::stream::{Chunker, Summary};
use crate::text::html::Visible;

/// The largest document [`Detector::analyze_html_reader`] reads: HTML is analyzed whole, and
/// takes about three times its size in memory while it is (the document, its visible text and
/// the report).
pub const MAX_HTML_BYTES: usize = 256 * 1024 * 1024;

impl Detector {
    /// Analyzes an HTML document: tags, comments and the content of `<script>`, `<style>`,
    /// `<template>` and `<noscript>` are skipped, character references are decoded, block-level
    /// elements (`<p>`, `<div>`, `<li>`, `<td>`, headings, `<br>`...) end sentences, and inline
    /// markup (`<b>`, `<a>`, `<span>`...) does not break a phrase, even inside a word. See
    /// [`text::html`](crate::text::html) for the exact rules.
    ///
    /// Every offset in the report is a byte offset into `html`: a match's `html[start..end]`
    /// covers the artifact with any markup inside it, and its
    /// [`artifact`](crate::Match::artifact) is the text a reader sees there (markup dropped,
    /// references decoded, white space as single spaces). Never fails and never panics,
    /// whatever the markup; the cost is linear in the length.
    ///
    /// ```
    /// let detector = spinscan::Detector::new();
    /// let html = "<p>The <b>unique</b> pressures met <i>resistance</i>&nbsp;boxers.</p>\
    ///             <script>var unique = 'special forces'; var pressures;</script>";
    /// let report = detector.analyze_html(html);
    /// let found: Vec<(&str, &str)> =
    ///     report.matches().map(|m| (m.artifact.as_str(), &html[m.start..m.end])).collect();
    /// assert!(found.contains(&("resistance boxers", "resistance</i>&nbsp;boxers")));
    /// assert!(found.contains(&("unique pressures", "unique</b> pressures")));
    /// assert_eq!(found.len(), 2);
    /// ```
    pub fn analyze_html(&self, html: &str) -> Report {
        self.analyze_visible(&Visible::new(html))
    }

    /// [`Detector::analyze_reader`] for an HTML document. The document is read whole (HTML
    /// cannot be cut into sentences before it is tokenized), up to [`MAX_HTML_BYTES`]: a longer
    /// one is an error of kind [`io::ErrorKind::InvalidData`], before any sentence is handed
    /// over. Then each sentence is handed to `on_sentence` with its *visible* text (see
    /// [`text::html::visible_text`](crate::text::html::visible_text)), which is exactly as long
    /// as the sentence's bytes in the document, so offsets relative to the sentence hold in
    /// both. The result equals [`Detector::analyze_html`]'s. Invalid UTF-8 is read as
    /// [`Detector::analyze_reader`] reads it.
    ///
    /// ```
    /// let detector = spinscan::Detector::new();
    /// let html = "<li>The <b>unique</b> pressures arrived.</li><li>The cat sat.</li>";
    /// let mut flagged = Vec::new();
    /// let summary = detector.analyze_html_reader(html.as_bytes(), |text, s| {
    ///     if s.spun {
    ///         flagged.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
    ///     }
    ///     Ok(())
    /// })?;
    /// assert_eq!((summary.sentences, summary.flagged), (2, 1));
    /// assert_eq!(flagged, ["The unique pressures arrived."]);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn analyze_html_reader<R: Read>(
        &self,
        reader: R,
        mut on_sentence: impl FnMut(&str, &crate::SentenceReport) -> io::Result<()>,
    ) -> io::Result<Summary> {
        let mut chunker = Chunker::new(reader);
        while !chunker.eof {
            chunker.fill()?;
            if chunker.text.len() > MAX_HTML_BYTES {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "HTML input is read whole, and this document is larger than {} MiB",
                        MAX_HTML_BYTES >> 20
                    ),
                ));
            }
        }
        let visible = Visible::new(&chunker.text);
        let report = self.analyze_visible(&visible);
        for s in &report.sentences {
            on_sentence(visible.text.get(s.start..s.end).unwrap_or_default(), s)?;
        }
        Ok(Summary {
            score: report.score,
            spun: report.spun,
            sentences: report.sentences.len(),
            skipped: report.skipped,
            flagged: report.flagged().count(),
            invalid_bytes: chunker.invalid_bytes,
            late_matches: 0,
            language: report.language,
            applicable: report.applicable,
            dialect: report.dialect,
        })
    }

    fn analyze_visible(&self, visible: &Visible) -> Report {
        // The language is told from the first visible words: the first bytes of a page are
        // often a `<head>` of styles and scripts, blank in the visible text.
        let language = self.inner.language(&visible.sample(language::SAMPLE_BYTES));
        let mut report = self.analyze_language(&visible.text, language);
        // Snapping moves starts back and ends forward, so a sentence cut inside markup (a
        // forced cut of an over-long run) could overlap the next: each starts where the last
        // ended at the earliest.
        let mut last_end = 0;
        for s in &mut report.sentences {
            s.start = visible.snap_start(s.start).max(last_end);
            s.end = visible.snap_end(s.end).max(s.start);
            last_end = s.end;
            for m in &mut s.matches {
                m.start = visible.snap_start(m.start).max(s.start);
                m.end = visible.snap_end(m.end).min(s.end);
                m.artifact = visible.words(m.start..m.end);
            }
            s.matches.retain(|m| m.start < m.end);
        }
        report
    }
}
