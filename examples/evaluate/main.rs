//! Evaluation harness: document- and sentence-level figures on labelled and clean corpora.
//!
//! ```text
//! cargo run --release --example evaluate -- [OPTIONS]
//!   --labels NAME=FILE            labelled TSV (spun<TAB>sentence<TAB>artifact=original; ...),
//!                                 `#doc ID` lines separate documents (else the file is one document)
//!   --clean-lines NAME=FILE       clean text, one document per line
//!   --clean-paragraphs NAME=FILE  clean text, documents separated by blank lines
//!   --clean-dir NAME=DIR          clean text, every file under DIR one document
//!   --real-dev DIR                real spun and clean documents: DIR/MANIFEST.tsv, DIR/*.txt and
//!                                 DIR/spun-NN.labels.tsv (figures also per spinner type and domain,
//!                                 and one line per document)
//!   --dict PATH / --no-default-dict / --threshold P   as for the CLI
//!   --sweep                       also print recall and false flags at other sentence thresholds
//!   --dump FILE                   write one line per labelled sentence for calibration:
//!                                 corpus, doc, label, evidence, context, doc label
//! ```
//! With no corpus options it uses `../shared`: the spun example, `data/real-dev` and both clean
//! corpora.

use std::path::PathBuf;

use std::io::Write;

use spinscan::{Detector, Match, Report, SentenceReport};

struct Doc {
    text: String,
    label: bool,
    rows: Vec<Row>,
    /// For real-dev documents: file name, spinner type, domain.
    meta: Option<Meta>,
}

struct Meta {
    file: String,
    spinner: String,
    domain: String,
    /// The MANIFEST's `pair` column: a counterpart document (original, sibling), if any.
    pair: String,
}

struct Row {
    /// Byte range of the sentence in its document's text.
    span: (usize, usize),
    text: String,
    label: bool,
    /// (artifact, likely original) pairs from the labels.
    pairs: Vec<(String, String)>,
}

/// The detector options, kept so that leave-one-document-out can build a detector per document.
#[derive(Default)]
struct Options {
    dicts: Vec<String>,
    no_default: bool,
    threshold: Option<f64>,
}

impl Options {
    /// A detector with these options, and `leave_out` (artifacts) suppressed.
    fn detector(&self, leave_out: &[String]) -> Detector {
        let mut b = Detector::builder();
        if self.no_default {
            b = b.no_default_dictionary();
        }
        for d in &self.dicts {
            b = b.dictionary_path(d);
        }
        if let Some(t) = self.threshold {
            b = b.threshold(t);
        }
        if !leave_out.is_empty() {
            b = b.allow_text(&leave_out.join("\n"), "<left out>");
        }
        b.build().unwrap_or_else(|e| die(&e.to_string()))
    }
}

/// Source tag prefix of entries learned from real-dev labels: `real-dev:spun-06.txt` (several
/// files joined by `+`). Such an entry is left out when scoring those documents and their
/// pair siblings (leave-one-document-out, issue 11 item 6).
const REAL_DEV_TAG: &str = "real-dev:";

/// The artifacts learned from the labels of real-dev document `file` or of a document paired
/// with it, in any layer of `detector`.
fn learned_from(detector: &Detector, docs: &[Doc], file: &str) -> Vec<String> {
    let mut family: Vec<&str> = vec![file];
    for d in docs.iter().filter_map(|d| d.meta.as_ref()) {
        if d.file == file && !d.pair.is_empty() {
            family.push(&d.pair);
        }
        if d.pair == file {
            family.push(&d.file);
        }
    }
    let mut out = Vec::new();
    for layer in detector.layers() {
        for e in layer.iter() {
            let Some(files) = e.source.strip_prefix(REAL_DEV_TAG) else { continue };
            if files.split('+').any(|f| family.contains(&f)) {
                out.extend(e.artifact.split('\t').map(str::to_string));
            }
        }
    }
    out
}

fn main() {
    let mut options = Options::default();
    let mut corpora: Vec<(String, Vec<Doc>)> = Vec::new();
    let mut sweep = false;
    let mut dump: Option<std::io::BufWriter<std::fs::File>> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| die(&format!("{a} needs a value")));
        match a.as_str() {
            "--dict" => options.dicts.push(value()),
            "--no-default-dict" => options.no_default = true,
            "--threshold" => {
                options.threshold = Some(value().parse().unwrap_or_else(|_| die("bad threshold")))
            }
            "--sweep" => sweep = true,
            "--dump" => {
                let path = value();
                let f =
                    std::fs::File::create(&path).unwrap_or_else(|e| die(&format!("{path}: {e}")));
                dump = Some(std::io::BufWriter::new(f));
            }
            "--labels" | "--clean-lines" | "--clean-paragraphs" => {
                let v = value();
                let (name, path) = v.split_once('=').unwrap_or((v.as_str(), v.as_str()));
                let text =
                    std::fs::read_to_string(path).unwrap_or_else(|e| die(&format!("{path}: {e}")));
                let docs = match a.as_str() {
                    "--labels" => read_labels(&text),
                    "--clean-lines" => clean_docs(text.lines().map(str::to_string)),
                    _ => clean_docs(text.split("\n\n").map(str::to_string)),
                };
                corpora.push((name.to_string(), docs));
            }
            "--clean-dir" => {
                let v = value();
                let (name, dir) = v.split_once('=').unwrap_or((v.as_str(), v.as_str()));
                corpora.push((name.to_string(), clean_docs(read_dir_docs(dir).into_iter())));
            }
            "--real-dev" => {
                corpora.push(("real-dev".into(), read_real_dev(&PathBuf::from(value()))))
            }
            _ => die(&format!("unknown argument {a}")),
        }
    }
    if corpora.is_empty() {
        let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
        let read = |p: &str| {
            std::fs::read_to_string(shared.join(p)).unwrap_or_else(|e| die(&format!("{p}: {e}")))
        };
        corpora.push((
            "spun-news-example".into(),
            read_labels(&read("examples/spun-news-example.labels.tsv")),
        ));
        corpora.push(("real-dev".into(), read_real_dev(&shared.join("data/real-dev"))));
        corpora.push((
            "abc-news-2001".into(),
            clean_docs(read("data/clean/abc-news-2001.txt").lines().map(str::to_string)),
        ));
        corpora.push((
            "wikipedia-2017".into(),
            clean_docs(
                read("data/clean/wikipedia-2017-sample.txt").split("\n\n").map(str::to_string),
            ),
        ));
    }
    let detector = options.detector(&[]);
    println!(
        "dictionary: {} entries; threshold {}",
        detector.dictionary().len(),
        detector.threshold()
    );
    // Leave-one-document-out: entries learned from real-dev labels (source `real-dev:FILE`)
    // never score their own document or its pair siblings.
    let learned = detector
        .layers()
        .iter()
        .flat_map(|l| l.iter())
        .filter(|e| e.source.starts_with(REAL_DEV_TAG))
        .count();
    if corpora.iter().any(|(_, docs)| docs.iter().any(|d| d.meta.is_some())) {
        println!(
            "real-dev protocol: leave-one-document-out. {learned} dictionary entries are learned \
             from real-dev labels (source `{REAL_DEV_TAG}FILE`); each real-dev document is scored \
             without those of its own labels and of its pair siblings{}",
            if learned == 0 {
                " (none: every document is scored by the same detector)"
            } else {
                ""
            }
        );
    }
    println!(
        "{:<27} {:>5} {:>5} {:>6} {:>6} | {:>6} {:>6} {:>6} {:>7} | {:>6} {:>6} | {:>9} | artifacts: labelled, matched, right (right/matched)",
        "corpus",
        "docs+",
        "docs-",
        "sent+",
        "sent-",
        "s.prec",
        "s.rec",
        "s.F1",
        "s.false",
        "d.rec",
        "d.false",
        "originals",
    );
    let mut all_docs: Vec<(f64, bool)> = Vec::new();
    let mut all_rows: Vec<(f64, bool)> = Vec::new();
    // Clean texts shorter than an article: runs of k consecutive sentences of every document
    // of the all-clean corpora, [k index] -> (flagged, windows).
    let mut windows = [(0usize, 0usize); WINDOWS.len()];
    // (corpus, [unflagged, flagged] sentences, [unflagged, flagged] documents)
    let mut clean_counts: Vec<(String, [usize; 2], [usize; 2])> = Vec::new();
    for (name, docs) in &corpora {
        let mut c = Counts::default();
        // Real-dev: counts per spinner type and per domain, and one line per document.
        let mut groups: std::collections::BTreeMap<String, Counts> = Default::default();
        let mut lines: Vec<String> = Vec::new();
        let mut dialects = 0;
        for (d, doc) in docs.iter().enumerate() {
            let own;
            let detector = match &doc.meta {
                Some(meta) if learned > 0 => {
                    own = options.detector(&learned_from(&detector, docs, &meta.file));
                    &own
                }
                _ => &detector,
            };
            let report = detector.analyze(&doc.text);
            dialects += usize::from(report.dialect.is_some());
            all_docs.push((report.score, doc.label));
            let mut dc = Counts::default();
            dc.doc(doc.label, report.spun);
            // Only corpora with no spun document: a spinsim corpus's few unspun articles are
            // not a clean sample.
            if docs.iter().all(|d| !d.label) {
                clean_windows(detector, &doc.text, &report, &mut windows);
            }
            // Judge each row by the sentences of the document analysis that overlap it, so
            // neighbourhood context counts.
            for row in &doc.rows {
                let (a, b) = row.span;
                let overlapping: Vec<&SentenceReport> =
                    report.sentences.iter().filter(|s| s.start < b && a < s.end).collect();
                let flagged = overlapping.iter().any(|s| s.spun);
                let score = overlapping.iter().map(|s| s.score).fold(0.0, f64::max);
                let evidence: f64 = overlapping
                    .iter()
                    .flat_map(|s| &s.matches)
                    .filter(|m| m.start < b && a < m.end)
                    .map(|m| m.weight)
                    .sum();
                let context = overlapping.iter().map(|s| s.context).fold(0.0, f64::max);
                all_rows.push((score, row.label));
                if let Some(out) = dump.as_mut() {
                    let _ = writeln!(
                        out,
                        "{name}\t{d}\t{}\t{evidence:.3}\t{context:.3}\t{}",
                        u8::from(row.label),
                        u8::from(doc.label)
                    );
                }
                dc.row(row.label, flagged);
                if row.label {
                    let matches: Vec<&Match> = overlapping
                        .iter()
                        .flat_map(|s| &s.matches)
                        .filter(|m| m.start < b && a < m.end)
                        .collect();
                    artifacts(&row.text, a, &matches, &row.pairs, &mut dc);
                }
                if row.label && flagged {
                    let matches: Vec<&Match> = overlapping
                        .iter()
                        .flat_map(|s| &s.matches)
                        .filter(|m| m.start >= a && m.end <= b)
                        .collect();
                    originals(&row.text, a, &matches, &row.pairs, &mut dc);
                }
            }
            if let Some(meta) = &doc.meta {
                let r = &dc.rows;
                let dialect = report.dialect.map_or(String::new(), |d| {
                    format!(", dialect {} ({} substitutions)", d.dialect, d.substitutions)
                });
                lines.push(format!(
                    "  {:<13} {:<5} {:<8} {:<22} score {:.2} {:<7} sentences: {} of {} spun flagged, {} of {} clean flagged{dialect}",
                    meta.file,
                    if doc.label { "spun" } else { "clean" },
                    meta.domain,
                    meta.spinner,
                    report.score,
                    if report.spun { "FLAGGED" } else { "-" },
                    r[1][1],
                    r[1][0] + r[1][1],
                    r[0][1],
                    r[0][0] + r[0][1],
                ));
                for key in [format!("type {}", meta.spinner), format!("domain {}", meta.domain)] {
                    groups.entry(key).or_default().add(&dc);
                }
            }
            c.add(&dc);
        }
        c.print(name);
        println!("  documents with a corroborated dialect: {dialects} of {}", docs.len());
        for (key, g) in &groups {
            g.print(&format!(" {key}"));
        }
        if !lines.is_empty() {
            println!("  per document ({name}):");
            for l in &lines {
                println!("{l}");
            }
        }
        if docs.iter().all(|d| !d.label) {
            clean_counts.push((name.clone(), c.rows[0], c.docs[0]));
        }
    }
    if !clean_counts.is_empty() {
        println!("\nfalse flags on the all-clean corpora, exact counts:");
        for (name, rows, docs) in &clean_counts {
            println!(
                "  {name}: {} of {} sentences, {} of {} documents",
                rows[1],
                rows[0] + rows[1],
                docs[1],
                docs[0] + docs[1]
            );
        }
    }
    let (pos, neg) =
        (all_docs.iter().filter(|d| d.1).count(), all_docs.iter().filter(|d| !d.1).count());
    println!(
        "\ndocument AUC over all corpora ({pos} spun, {neg} clean documents): {}",
        fmt_opt(auc(&all_docs))
    );
    let row_auc = auc(&all_rows);
    println!("sentence AUC over all corpora (by sentence score): {}", fmt_opt(row_auc));
    if windows.iter().any(|w| w.1 > 0) {
        println!(
            "\nall-clean corpora cut into runs of k consecutive sentences, each analyzed alone:"
        );
        for (k, (flagged, n)) in WINDOWS.iter().zip(windows) {
            println!("  k = {k:>2}: {flagged} of {n} flagged ({})", pct(ratio(flagged, n)));
        }
    }
    if sweep {
        println!("\nsentence score threshold sweep (sentence flagged when its score >= t):");
        println!("{:>6} {:>8} {:>8}", "t", "recall", "false");
        for t in [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95] {
            let rec = share(all_rows.iter().filter(|r| r.1), |r| r.0 >= t);
            let fa = share(all_rows.iter().filter(|r| !r.1), |r| r.0 >= t);
            println!("{t:>6.2} {:>8} {:>8}", pct(rec), pct(fa));
        }
    }
}

/// Run lengths (in sentences) for the clean-window false-flag figures.
const WINDOWS: [usize; 7] = [1, 2, 3, 5, 10, 20, 40];

/// Analyzes every run of `k` consecutive sentences (non-overlapping, from the document
/// analysis's own sentence ranges) of a clean document as a document of its own.
fn clean_windows(detector: &Detector, text: &str, report: &Report, out: &mut [(usize, usize)]) {
    let s = &report.sentences;
    for (w, &k) in out.iter_mut().zip(WINDOWS.iter()) {
        for run in s.chunks_exact(k) {
            let (a, b) = (run[0].start, run[k - 1].end);
            w.0 += usize::from(detector.analyze(&text[a..b]).spun);
            w.1 += 1;
        }
    }
}

#[derive(Default)]
struct Counts {
    docs: [[usize; 2]; 2], // [label][predicted]
    rows: [[usize; 2]; 2],
    originals_checked: usize,
    originals_right: usize,
    /// Labelled artifacts: all, overlapped by a match, with a match whose original is right.
    artifacts: [usize; 3],
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        for i in 0..2 {
            for j in 0..2 {
                self.docs[i][j] += o.docs[i][j];
                self.rows[i][j] += o.rows[i][j];
            }
        }
        self.originals_checked += o.originals_checked;
        self.originals_right += o.originals_right;
        for i in 0..3 {
            self.artifacts[i] += o.artifacts[i];
        }
    }
    fn doc(&mut self, label: bool, predicted: bool) {
        self.docs[label as usize][predicted as usize] += 1;
    }
    fn row(&mut self, label: bool, predicted: bool) {
        self.rows[label as usize][predicted as usize] += 1;
    }
    fn print(&self, name: &str) {
        let r = &self.rows;
        let d = &self.docs;
        let prec = ratio(r[1][1], r[1][1] + r[0][1]);
        let rec = ratio(r[1][1], r[1][1] + r[1][0]);
        let f1 = match (prec, rec) {
            (Some(p), Some(q)) if p + q > 0.0 => Some(2.0 * p * q / (p + q)),
            _ => None,
        };
        println!(
            "{:<27} {:>5} {:>5} {:>6} {:>6} | {:>6} {:>6} {:>6} {:>7} | {:>6} {:>6} | {:>9} | {}",
            name,
            d[1][0] + d[1][1],
            d[0][0] + d[0][1],
            r[1][0] + r[1][1],
            r[0][0] + r[0][1],
            pct(prec),
            pct(rec),
            f1.map_or("-".into(), |f| format!("{f:.3}")),
            pct(ratio(r[0][1], r[0][0] + r[0][1])),
            pct(ratio(d[1][1], d[1][0] + d[1][1])),
            pct(ratio(d[0][1], d[0][0] + d[0][1])),
            match ratio(self.originals_right, self.originals_checked) {
                Some(x) => format!("{:.0}% of {}", x * 100.0, self.originals_checked),
                None => "-".into(),
            },
            match self.artifacts {
                [0, _, _] => "-".into(),
                [n, m, r] => format!("{n} {m} {r} ({})", pct(ratio(r, m))),
            }
        );
    }
}

/// Counts the labelled artifacts of a spun sentence: matched (a match overlaps it, flagged
/// sentence or not) and right (an overlapping match's original agrees with the label, as in
/// [`originals`]).
fn artifacts(
    text: &str,
    base: usize,
    matches: &[&Match],
    pairs: &[(String, String)],
    c: &mut Counts,
) {
    let lower = text.to_lowercase();
    for (artifact, original) in pairs {
        let a = artifact.to_lowercase();
        let theirs = words(original);
        let over: Vec<&&Match> = matches
            .iter()
            .filter(|m| {
                let (start, end) = (m.start.saturating_sub(base), m.end.saturating_sub(base));
                lower.match_indices(&a).any(|(i, _)| i < end && start < i + a.len())
            })
            .collect();
        c.artifacts[0] += 1;
        c.artifacts[1] += usize::from(!over.is_empty());
        c.artifacts[2] += usize::from(over.iter().any(|m| {
            let mine = words(&m.original);
            contains(&mine, &theirs) || contains(&theirs, &mine)
        }));
    }
}

/// Checks each match that overlaps a labelled artifact: is its original the labelled one?
/// Lenient on extent: "armed force stated → military said" is right for "armed force=military".
fn originals(
    text: &str,
    base: usize,
    matches: &[&Match],
    pairs: &[(String, String)],
    c: &mut Counts,
) {
    let lower = text.to_lowercase();
    for m in matches {
        let (start, end) = (m.start - base, m.end - base);
        let spans: Vec<&(String, String)> = pairs
            .iter()
            .filter(|(a, _)| {
                let a = a.to_lowercase();
                lower.match_indices(&a).any(|(i, _)| i < end && start < i + a.len())
            })
            .collect();
        if spans.is_empty() {
            continue;
        }
        c.originals_checked += 1;
        let mine = words(&m.original);
        if spans.iter().any(|(_, o)| {
            let theirs = words(o);
            contains(&mine, &theirs) || contains(&theirs, &mine)
        }) {
            c.originals_right += 1;
        }
    }
}

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn contains(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn read_labels(text: &str) -> Vec<Doc> {
    let mut docs: Vec<Doc> = Vec::new();
    let mut current: Vec<Row> = Vec::new();
    let flush = |rows: &mut Vec<Row>, docs: &mut Vec<Doc>| {
        if !rows.is_empty() {
            let text = rows.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join("\n");
            let label = rows.iter().any(|r| r.label);
            docs.push(Doc { text, label, rows: std::mem::take(rows), meta: None });
        }
    };
    for line in text.lines() {
        if line.starts_with("#doc") {
            flush(&mut current, &mut docs);
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(label @ ("0" | "1")), Some(sentence)) = (cols.next(), cols.next()) else {
            continue; // header, comments
        };
        let pairs = cols
            .next()
            .unwrap_or("")
            .split(';')
            .filter_map(|p| p.split_once('='))
            .map(|(a, o)| (a.trim().to_string(), o.trim().to_string()))
            .filter(|(a, _)| !a.is_empty())
            .collect();
        let start = current.last().map_or(0, |r: &Row| r.span.1 + 1);
        let span = (start, start + sentence.len());
        current.push(Row { span, text: sentence.to_string(), label: label == "1", pairs });
    }
    flush(&mut current, &mut docs);
    docs
}

/// Reads a real-dev folder: `MANIFEST.tsv` (file, label, domain, source, pair, notes), each
/// document's text and, for spun documents, `spun-NN.labels.tsv` (sentence_index, sentence_text,
/// spun, artifacts as `spun=original` pairs separated by commas; written by Python's csv module,
/// so fields may be quoted). Labelled sentences are located in the text by their
/// non-whitespace characters, in order; clean documents are cut by our own sentence splitter.
fn read_real_dev(dir: &std::path::Path) -> Vec<Doc> {
    let read = |name: &str| {
        let p = dir.join(name);
        std::fs::read_to_string(&p).unwrap_or_else(|e| die(&format!("{}: {e}", p.display())))
    };
    let mut docs = Vec::new();
    for rec in tsv_records(&read("MANIFEST.tsv")).into_iter().skip(1) {
        let [file, label, domain, _source, pair, notes] = &rec[..] else {
            die(&format!("MANIFEST.tsv: expected 6 columns, got {rec:?}"))
        };
        let text = read(file);
        let meta = Some(Meta {
            file: file.clone(),
            spinner: spinner_type(notes),
            domain: domain.clone(),
            pair: pair.clone(),
        });
        if label == "clean" {
            let mut d = clean_docs(std::iter::once(text)).pop().unwrap_or_else(|| {
                die(&format!("{file}: empty document"));
            });
            d.meta = meta;
            docs.push(d);
            continue;
        }
        let labels = file.replace(".txt", ".labels.tsv");
        // Byte offsets of the text's non-whitespace characters, and those characters.
        let (offsets, compact): (Vec<usize>, String) =
            text.char_indices().filter(|(_, ch)| !ch.is_whitespace()).unzip();
        let mut rows = Vec::new();
        let mut at = 0; // byte offset in `compact`
        for rec in tsv_records(&read(&labels)).into_iter().skip(1) {
            let [_, sentence, spun, artifacts] = &rec[..] else {
                die(&format!("{labels}: expected 4 columns, got {rec:?}"))
            };
            let needle: String = sentence.chars().filter(|ch| !ch.is_whitespace()).collect();
            let Some(i) = compact[at..].find(&needle).map(|i| i + at) else {
                die(&format!("{labels}: sentence not found in {file}: {sentence}"))
            };
            at = i + needle.len();
            // compact byte index -> char index -> text byte offset
            let first = compact[..i].chars().count();
            let last = first + needle.chars().count() - 1;
            let (start, end) = (offsets[first], offsets[last]);
            let end = end + text[end..].chars().next().map_or(0, char::len_utf8);
            rows.push(Row {
                span: (start, end),
                text: text[start..end].to_string(),
                label: spun == "1",
                pairs: artifact_pairs(artifacts),
            });
        }
        docs.push(Doc { text, label: true, rows, meta });
    }
    docs
}

/// The spinner type from a MANIFEST note ("... Spinner: Spinbot/QuillBot-style. ...").
fn spinner_type(notes: &str) -> String {
    let Some((_, after)) = notes.split_once("Spinner:") else {
        return "clean".into();
    };
    let t = after.to_lowercase();
    let t = t.split(". ").next().unwrap_or("");
    let kind = if t.contains("paraphrase") {
        "paraphrase tool"
    } else if t.contains("spintax") || t.contains("seo") {
        "spintax/SEO"
    } else if t.contains("thesaurus") || t.contains("wordnet") {
        "thesaurus word swaps"
    } else if t.contains("wordai") || t.contains("chief") {
        "WordAI-style phrases"
    } else if t.contains("spinbot") {
        "Spinbot-style"
    } else {
        "other"
    };
    kind.into()
}

/// `spun=original, spun=original (uncertain)` -> pairs; a part without `=` continues the
/// previous original (an original with a comma).
fn artifact_pairs(s: &str) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for part in s.split(", ") {
        match part.split_once('=') {
            Some((a, o)) if !a.trim().is_empty() => {
                let o = o.replace("(uncertain)", "").replace("(inferred)", "");
                pairs.push((a.trim().to_string(), o.trim().to_string()));
            }
            _ => {
                if let Some(last) = pairs.last_mut() {
                    last.1.push_str(", ");
                    last.1.push_str(part.trim());
                }
            }
        }
    }
    pairs
}

/// Tab-separated records as Python's csv module writes them: a field that starts with `"` is
/// quoted (may hold tabs and newlines, `""` is a quote).
fn tsv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(ch) = chars.next() {
        if quoted {
            if ch == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(ch);
            }
            continue;
        }
        match ch {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            '\t' => {
                fields.push(std::mem::take(&mut field));
                at_start = true;
            }
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut fields));
                at_start = true;
            }
            _ => {
                field.push(ch);
                at_start = false;
            }
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push(fields);
    }
    records
}

/// Every file under `dir` (sorted by path) as one clean document; invalid UTF-8 is replaced.
fn read_dir_docs(dir: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut stack = vec![PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).unwrap_or_else(|e| die(&format!("{}: {e}", d.display())));
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() { stack.push(p) } else { paths.push(p) }
        }
    }
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap_or_else(|e| die(&format!("{}: {e}", p.display())));
            String::from_utf8_lossy(&bytes).into_owned()
        })
        .collect()
}

fn clean_docs(docs: impl Iterator<Item = String>) -> Vec<Doc> {
    docs.filter(|d| !d.trim().is_empty())
        .map(|text| {
            let rows = spinscan::text::sentences(&text)
                .map(|r| Row {
                    span: (r.start, r.end),
                    text: text[r].to_string(),
                    label: false,
                    pairs: Vec::new(),
                })
                .collect();
            Doc { text, label: false, rows, meta: None }
        })
        .collect()
}

/// Area under the ROC curve (Mann-Whitney, ties count half).
fn auc(scored: &[(f64, bool)]) -> Option<f64> {
    let mut v: Vec<(f64, bool)> = scored.to_vec();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let pos = v.iter().filter(|x| x.1).count() as f64;
    let neg = v.len() as f64 - pos;
    if pos == 0.0 || neg == 0.0 {
        return None;
    }
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j < v.len() && v[j].0 == v[i].0 {
            j += 1;
        }
        let avg_rank = (i + j + 1) as f64 / 2.0;
        rank_sum += avg_rank * v[i..j].iter().filter(|x| x.1).count() as f64;
        i = j;
    }
    Some((rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg))
}

fn share<'a>(
    it: impl Iterator<Item = &'a (f64, bool)>,
    pred: impl Fn(&(f64, bool)) -> bool,
) -> Option<f64> {
    let (mut n, mut k) = (0, 0);
    for x in it {
        n += 1;
        k += usize::from(pred(x));
    }
    ratio(k, n)
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

fn pct(x: Option<f64>) -> String {
    x.map_or("-".into(), |x| format!("{:.1}%", x * 100.0))
}

fn fmt_opt(x: Option<f64>) -> String {
    x.map_or("-".into(), |x| format!("{x:.4}"))
}

fn die(msg: &str) -> ! {
    eprintln!("evaluate: {msg}");
    std::process::exit(2)
}
