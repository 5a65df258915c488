//! `--format html`: one self-contained page (inline CSS, no scripts, no external assets) for a
//! moderator: each document's verdict, a table of contents of its flagged passages, every
//! sentence in reading order with the artifacts highlighted (the likely original and weight on
//! hover and in a legend), and a summary table when there are several inputs.
//!
//! Documents stream like the text format: each sentence is written as soon as it is settled,
//! so memory stays bounded by the legend and the table of contents, not by the document. What
//! is known only at the end (the verdict, the contents, the summary) is written after the text
//! and shown above it with CSS `order` in a flex column.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::io::{self, Read, Write};
use std::rc::Rc;

use spinscan::{Detector, Kind, SentenceReport};

use crate::open;
use crate::output::{has_evidence, printable};

/// Documents with at least this many sentences get a table of contents of flagged passages.
const CONTENTS_FROM_SENTENCES: usize = 20;
/// At most this many distinct artifacts are listed in a document's legend.
const LEGEND_ENTRIES: usize = 500;
/// Characters of a passage's first sentence shown in the table of contents.
const SNIPPET_CHARS: usize = 90;

/// Text from the input (or a file name, or a dictionary) as HTML text or attribute value:
/// unsafe characters escaped visibly (see `printable`), then `& < > " '` as entities.
pub(crate) fn escape(s: &str) -> Cow<'_, str> {
    let s = printable(s);
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

const STYLE: &str = "
:root{color-scheme:light;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d1d1f;background:#f6f6f4}
body{margin:0}
.page{display:flex;flex-direction:column;max-width:60rem;margin:0 auto;padding:1rem 1.5rem 3rem}
.page>header{order:-3}.summary{order:-2}.key{order:-1}
h1{font-size:1.4rem;margin:.5rem 0}
h2{font-size:1.15rem;margin:0;word-break:break-all}
.doc{display:flex;flex-direction:column;background:#fff;border:1px solid #ddd;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
.doc>.verdict{order:-2}.doc>.toc{order:-1}.doc>.legend{order:1}
.verdict{display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem 1rem;border-bottom:1px solid #eee;padding-bottom:.6rem;margin-bottom:.6rem}
.badge{display:inline-block;white-space:nowrap;font-weight:700;padding:.1rem .55rem;border-radius:1rem;font-size:.95rem}
.badge.spun{background:#b3261e;color:#fff}.badge.clean{background:#1e7b34;color:#fff}.badge.none{background:#777;color:#fff}
.text{line-height:1.75;font-size:1.02rem;font-family:Georgia,'Times New Roman',serif}
.s.flagged{background:#fde4e1;border-bottom:2px solid #b3261e;padding:.1rem 0}
.score{font:700 .72rem system-ui,sans-serif;color:#fff;background:#b3261e;border-radius:.3rem;padding:0 .3rem;margin-right:.25rem;text-decoration:none;vertical-align:.1rem}
mark{padding:0 .1rem;border-radius:.2rem;cursor:help}
mark.strong{background:#b3261e;color:#fff}
mark.weak{background:none;color:inherit;border-bottom:2px dashed #c77c02}
.toc{background:#fafafa;border:1px solid #eee;border-radius:6px;padding:.4rem 1rem;margin-bottom:.8rem}
.toc ol{margin:.3rem 0;padding-left:1.4rem}.toc li{margin:.15rem 0}
table{border-collapse:collapse;font-size:.9rem;margin:.5rem 0}
th,td{border-bottom:1px solid #e5e5e5;padding:.25rem .6rem;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.legend{margin-top:1rem}.legend h3,.toc h3{font-size:.95rem;margin:.3rem 0}
.error{color:#b3261e;font-weight:600}
.muted{color:#666;font-size:.9rem}
";

/// One input's line in the summary table.
struct Row {
    name: String,
    /// `(spun, score)`; None when the input could not be analyzed.
    verdict: Option<(bool, f64)>,
    flagged: usize,
    sentences: usize,
    weak: usize,
}

/// The page: its head is written first, one article per input, the summary at the end.
#[derive(Default)]
pub(crate) struct Page {
    rows: Vec<Row>,
}

impl Page {
    pub(crate) fn begin(&mut self, out: &mut impl Write, inputs: &[String]) -> io::Result<()> {
        let names = inputs.join(", ");
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"spinscan {version}\">\n\
             <title>spinscan report: {title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
             <div class=\"page\">\n<header><h1>spinscan report</h1>\
             <p class=\"muted\">{inputs}</p></header>\n\
             <section class=\"key muted\"><p>How to read this page: sentences with a red \
             background are <strong>flagged</strong> (their score, in the red tab, reaches the \
             threshold). <mark class=\"strong\">Artifacts</mark> in flagged sentences are strong \
             evidence; <mark class=\"weak\">dashed artifacts</mark> in unflagged sentences are \
             weak evidence, which still counts in the document score. Hover an artifact for its \
             likely original wording and weight; each document's legend lists them all.</p>\
             </section>\n",
            version = env!("CARGO_PKG_VERSION"),
            title = escape(&names),
            inputs = escape(&names),
        )
    }

    /// Analyzes one input and writes its article.
    pub(crate) fn document(
        &mut self,
        detector: &Detector,
        input: &str,
        html: bool,
        out: &mut impl Write,
        failed: &mut bool,
    ) -> io::Result<()> {
        let id = self.rows.len() + 1;
        let mut doc = Document::new(id);
        write!(out, "<article class=\"doc\" id=\"doc-{id}\">\n<div class=\"text\"><p>")?;
        // Catalogue rules with document conditions stream too: a match their conditions
        // confirm only later counts in the score as a late match, in no sentence.
        let result = open(input).and_then(|reader| {
            let breaks = LineBreaks::new(reader);
            let newlines = breaks.runs.clone();
            let mut at = 0;
            crate::analyze_input(detector, html, breaks, |text, s| {
                doc.gap(out, newlines.borrow_mut().between(at, s.start))?;
                at = s.end;
                doc.sentence(out, text, s)
            })
        });
        out.write_all(b"</p></div>\n")?;
        let verdict = match result {
            Ok(summary) => {
                let (spun, score, invalid_bytes) =
                    (summary.spun, summary.score, summary.invalid_bytes);
                doc.late_matches = summary.late_matches;
                if !summary.applicable {
                    writeln!(
                        out,
                        "<p class=\"muted\">Not judged: language {} (spinscan judges English \
                         text).</p>",
                        escape(&summary.language)
                    )?;
                }
                if invalid_bytes > 0 {
                    eprintln!(
                        "spinscan: warning: {}: {invalid_bytes} bytes of invalid UTF-8 \
                         were analyzed as U+001A",
                        printable(input)
                    );
                }
                crate::found(spun, doc.flagged);
                Some((spun, score))
            }
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Err(e),
            Err(e) => {
                eprintln!("spinscan: error: {}: {e}", printable(input));
                *failed = true;
                writeln!(
                    out,
                    "<p class=\"error\">Could not analyze: {}</p>",
                    escape(&e.to_string())
                )?;
                None
            }
        };
        self.rows.push(Row {
            name: input.to_string(),
            verdict,
            flagged: doc.flagged,
            sentences: doc.sentences,
            weak: doc.weak,
        });
        doc.finish(out, input, verdict)
    }

    /// The summary table (when there are several inputs) and the end of the page.
    pub(crate) fn end(self, out: &mut impl Write) -> io::Result<()> {
        if self.rows.len() > 1 {
            let spun = self.rows.iter().filter(|r| matches!(r.verdict, Some((true, _)))).count();
            write!(
                out,
                "<section class=\"summary\"><h2>{spun} of {} inputs spun</h2>\n<table>\n\
                 <tr><th>input</th><th>verdict</th><th>score</th><th>flagged sentences</th>\
                 <th>weak evidence</th></tr>\n",
                self.rows.len()
            )?;
            for (i, row) in self.rows.iter().enumerate() {
                let (verdict, score) = match row.verdict {
                    Some((true, score)) => ("<span class=\"badge spun\">SPUN</span>", score),
                    Some((false, score)) => ("<span class=\"badge clean\">not spun</span>", score),
                    None => ("<span class=\"badge none\">no verdict</span>", f64::NAN),
                };
                let score = if score.is_nan() { "–".to_string() } else { format!("{score:.3}") };
                writeln!(
                    out,
                    "<tr><td><a href=\"#doc-{}\">{}</a></td><td>{verdict}</td>\
                     <td class=\"num\">{score}</td><td class=\"num\">{} of {}</td>\
                     <td class=\"num\">{}</td></tr>",
                    i + 1,
                    escape(&row.name),
                    row.flagged,
                    row.sentences,
                    row.weak
                )?;
            }
            out.write_all(b"</table></section>\n")?;
        }
        out.write_all(b"</div>\n</body>\n</html>\n")
    }
}

/// A run of consecutive flagged sentences, for the table of contents.
struct Passage {
    first: usize,
    last: usize,
    score: f64,
    snippet: String,
}

/// One legend line: a distinct (artifact, original) pair.
struct LegendEntry {
    artifact: String,
    weight: f64,
    kind: Kind,
    count: usize,
    strong: bool,
}

/// The article of one document being written.
struct Document {
    id: usize,
    sentences: usize,
    flagged: usize,
    weak: usize,
    passages: Vec<Passage>,
    legend: BTreeMap<(String, String), LegendEntry>,
    legend_dropped: usize,
    /// Catalogue matches confirmed only at the end: in the score, in no sentence.
    late_matches: usize,
}

impl Document {
    fn new(id: usize) -> Self {
        Document {
            id,
            sentences: 0,
            flagged: 0,
            weak: 0,
            passages: Vec::new(),
            legend: BTreeMap::new(),
            legend_dropped: 0,
            late_matches: 0,
        }
    }

    /// Between two sentences: a new paragraph for a blank line, a line break for one newline.
    fn gap(&mut self, out: &mut impl Write, newlines: usize) -> io::Result<()> {
        match newlines {
            _ if self.sentences == 0 => Ok(()),
            0 => Ok(()),
            1 => out.write_all(b"<br>\n"),
            _ => out.write_all(b"</p>\n<p>"),
        }
    }

    /// Writes one sentence, its artifacts highlighted.
    fn sentence(&mut self, out: &mut impl Write, text: &str, s: &SentenceReport) -> io::Result<()> {
        self.sentences += 1;
        let n = self.sentences;
        let weak = !s.spun && has_evidence(s);
        self.weak += usize::from(weak);
        let class = if s.spun {
            "s flagged"
        } else if weak {
            "s weak"
        } else {
            "s"
        };
        write!(out, "<span class=\"{class}\" id=\"d{}-s{n}\">", self.id)?;
        if s.spun {
            self.flagged += 1;
            write!(
                out,
                "<a class=\"score\" href=\"#d{}-s{n}\" title=\"sentence {n}: score {:.2}{}\">{:.2}</a>",
                self.id,
                s.score,
                if s.context > 0.0 {
                    ", raised by the evidence in the sentences around it"
                } else {
                    ""
                },
                s.score
            )?;
            match self.passages.last_mut() {
                Some(p) if p.last + 1 == n => {
                    p.last = n;
                    p.score = p.score.max(s.score);
                }
                _ => self.passages.push(Passage {
                    first: n,
                    last: n,
                    score: s.score,
                    snippet: snippet(text),
                }),
            }
        }
        let mut at = 0;
        for m in &s.matches {
            let (start, end) = (m.start - s.start, m.end - s.start);
            let strength = if s.spun { "strong" } else { "weak" };
            write!(
                out,
                "{}<mark class=\"{strength}\" title=\"likely original: {}&#10;weight {:+.1} ({}, {strength} evidence)\">{}</mark>",
                escape(&text[at..start]),
                escape(&m.original),
                m.weight,
                m.kind.as_str(),
                escape(&text[start..end]),
            )?;
            at = end;
            self.note(&m.artifact, &m.original, m.weight, m.kind, s.spun);
        }
        write!(out, "{}</span> ", escape(&text[at..]))
    }

    fn note(&mut self, artifact: &str, original: &str, weight: f64, kind: Kind, strong: bool) {
        let key = (artifact.to_lowercase(), original.to_string());
        if let Some(e) = self.legend.get_mut(&key) {
            e.count += 1;
            e.strong |= strong;
        } else if self.legend.len() < LEGEND_ENTRIES {
            let entry =
                LegendEntry { artifact: artifact.to_string(), weight, kind, count: 1, strong };
            self.legend.insert(key, entry);
        } else {
            self.legend_dropped += 1;
        }
    }

    /// The verdict, the table of contents and the legend (shown above and below the text).
    fn finish(
        self,
        out: &mut impl Write,
        name: &str,
        verdict: Option<(bool, f64)>,
    ) -> io::Result<()> {
        let badge = match verdict {
            Some((true, score)) => {
                format!("<span class=\"badge spun\">SPUN</span> score {score:.3}")
            }
            Some((false, score)) => {
                format!("<span class=\"badge clean\">not spun</span> score {score:.3}")
            }
            None => "<span class=\"badge none\">no verdict</span>".to_string(),
        };
        let mut weak = match self.weak {
            0 => String::new(),
            1 => "; 1 more with weak evidence".to_string(),
            n => format!("; {n} more with weak evidence"),
        };
        match self.late_matches {
            0 => {}
            1 => weak.push_str("; 1 catalogue match confirmed only at the end (in the score)"),
            n => weak.push_str(&format!(
                "; {n} catalogue matches confirmed only at the end (in the score)"
            )),
        }
        writeln!(
            out,
            "<header class=\"verdict\"><h2>{}</h2><span>{badge}</span>\
             <span class=\"muted\">{} of {} sentences flagged{weak}</span></header>",
            escape(name),
            self.flagged,
            self.sentences,
        )?;
        if self.sentences >= CONTENTS_FROM_SENTENCES && !self.passages.is_empty() {
            write!(out, "<nav class=\"toc\"><h3>Flagged passages</h3><ol>")?;
            for p in &self.passages {
                let span = if p.first == p.last {
                    format!("sentence {}", p.first)
                } else {
                    format!("sentences {}–{}", p.first, p.last)
                };
                write!(
                    out,
                    "<li><a href=\"#d{}-s{}\">{span}</a> <span class=\"muted\">(score {:.2})</span> \
                     “{}”</li>",
                    self.id,
                    p.first,
                    p.score,
                    escape(&p.snippet)
                )?;
            }
            out.write_all(b"</ol></nav>\n")?;
        }
        if !self.legend.is_empty() {
            write!(
                out,
                "<section class=\"legend\"><h3>Legend: artifacts in this document</h3><table>\n\
                 <tr><th>artifact</th><th>likely original</th><th>weight</th><th>kind</th>\
                 <th>found</th><th>evidence</th></tr>\n"
            )?;
            for ((_, original), e) in &self.legend {
                let strength = if e.strong { "strong" } else { "weak" };
                writeln!(
                    out,
                    "<tr><td><mark class=\"{strength}\">{}</mark></td><td>{}</td>\
                     <td class=\"num\">{:+.1}</td><td>{}</td><td class=\"num\">{}</td>\
                     <td>{strength}</td></tr>",
                    escape(&e.artifact),
                    escape(original),
                    e.weight,
                    e.kind.as_str(),
                    e.count
                )?;
            }
            out.write_all(b"</table>")?;
            if self.legend_dropped > 0 {
                write!(
                    out,
                    "<p class=\"muted\">and {} more matches not listed</p>",
                    self.legend_dropped
                )?;
            }
            out.write_all(b"</section>\n")?;
        }
        out.write_all(b"</article>\n")
    }
}

/// The first `SNIPPET_CHARS` characters of a sentence, with an ellipsis when cut.
fn snippet(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(SNIPPET_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Runs of newlines in a stream: (offset of the first, how many), runs separated by other
/// whitespace merged. Kept only until the sentences around them are written, and at most
/// `MAX_RUNS` (beyond that, paragraph breaks are lost, never sentences).
#[derive(Default)]
struct NewlineRuns {
    runs: VecDeque<(usize, usize)>,
    /// Whether only whitespace came since the last newline.
    blank: bool,
}

const MAX_RUNS: usize = 1 << 16;

impl NewlineRuns {
    /// The most newlines in one run between `from` and `to` (stream offsets), dropping every
    /// run before `to`.
    fn between(&mut self, from: usize, to: usize) -> usize {
        let mut most = 0;
        while let Some(&(at, count)) = self.runs.front() {
            if at >= to {
                break;
            }
            if at >= from {
                most = most.max(count);
            }
            self.runs.pop_front();
        }
        most
    }
}

/// Passes a document through while noting its line breaks: the sentences `analyze_reader`
/// hands out leave out the whitespace between them, and the page keeps the paragraphs.
struct LineBreaks<R> {
    inner: R,
    offset: usize,
    runs: Rc<RefCell<NewlineRuns>>,
}

impl<R: Read> LineBreaks<R> {
    fn new(inner: R) -> Self {
        LineBreaks { inner, offset: 0, runs: Rc::default() }
    }
}

impl<R: Read> Read for LineBreaks<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut runs = self.runs.borrow_mut();
        for (i, &b) in buf[..n].iter().enumerate() {
            match b {
                b'\n' => {
                    if runs.blank {
                        if let Some(last) = runs.runs.back_mut() {
                            last.1 += 1;
                        }
                    } else if runs.runs.len() < MAX_RUNS {
                        runs.runs.push_back((self.offset + i, 1));
                        runs.blank = true;
                    }
                }
                b' ' | b'\t' | b'\r' => {}
                _ => runs.blank = false,
            }
        }
        self.offset += n;
        Ok(n)
    }
}
