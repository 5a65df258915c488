//! The human text format (escaping, colour, wrapping) and the sentence JSON shared by the
//! output paths.

use std::borrow::Cow;
use std::ffi::OsStr;
use std::io::{self, Write};
use std::sync::OnceLock;

use serde::{Serialize, Serializer};
use spinscan::{Kind, Match, Report, SentenceReport};

/// How the text format looks on this run. `main` sets it once (from `--color`, `--width`,
/// `NO_COLOR` and the terminal); every text writer reads it, some on `--jsonl-input` worker
/// threads, which is why it is a process-wide setting rather than a parameter.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Style {
    /// Colour artifacts, originals and verdicts with ANSI escapes.
    pub colour: bool,
    /// Wrap sentences to this many columns; 0 does not wrap.
    pub width: usize,
}

static STYLE: OnceLock<Style> = OnceLock::new();

pub(crate) fn set_style(style: Style) {
    let _ = STYLE.set(style);
}

fn style() -> Style {
    STYLE.get().copied().unwrap_or_default()
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Whether to colour: `always` and `never` are what the user asked for; `auto` colours a
/// terminal unless `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
pub(crate) fn use_colour(choice: ColorChoice, terminal: bool, no_color: Option<&OsStr>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && no_color.is_none_or(OsStr::is_empty),
    }
}

/// The width to wrap to: `--width` if given (0 turns wrapping off); no wrapping when the output
/// is not a terminal (a file or a pipe keeps one sentence a line, for grep); else `COLUMNS`,
/// the terminal's size, or 80.
pub(crate) fn text_width(
    given: Option<usize>,
    terminal: bool,
    columns: Option<&OsStr>,
    terminal_columns: Option<usize>,
) -> usize {
    if let Some(w) = given {
        return w;
    }
    if !terminal {
        return 0;
    }
    let columns = columns.and_then(OsStr::to_str).and_then(|c| c.trim().parse::<usize>().ok());
    columns.filter(|&c| c > 0).or(terminal_columns).unwrap_or(80)
}

/// Whether `c` must not reach a terminal as it is: C0 and C1 control characters (ESC starts
/// escape sequences: `\x1b[8m` hides the text after it, others move the cursor or retitle
/// the window) and the bidirectional marks, embeddings, overrides and isolates, which reorder
/// what is shown ("Trojan Source").
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}')
        || matches!(c, '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// Text from the input, a file name or a dictionary, safe to show: line breaks and tabs become
/// spaces, and every other unsafe character (see `is_unsafe`) is written as a visible escape,
/// `\x1b` or `\u{202e}`. Used by the text format always, not only on a terminal: its output
/// is often read later with `cat` or `less -R`.
pub(crate) fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if is_unsafe(c) && (c as u32) < 0x100 => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// What a piece of text output is, for its colour.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Paint {
    Plain,
    /// An artifact in a flagged sentence.
    Artifact,
    /// An artifact in an unflagged sentence: weak evidence.
    Weak,
    Original,
    Spun,
    Clean,
    Note,
}

impl Paint {
    fn sgr(self) -> &'static str {
        match self {
            Paint::Plain => "\x1b[0m",
            Paint::Artifact => "\x1b[1;31m",
            Paint::Weak => "\x1b[33m",
            Paint::Original => "\x1b[32m",
            Paint::Spun => "\x1b[1;31m",
            Paint::Clean => "\x1b[1;32m",
            Paint::Note => "\x1b[2m",
        }
    }
}

/// One line of output laid out before it is written: each character with its paint, already
/// escaped, so that wrapping counts what the terminal shows.
#[derive(Default)]
struct Layout {
    chars: Vec<(char, Paint)>,
}

impl Layout {
    fn push(&mut self, s: &str, paint: Paint) {
        self.chars.extend(printable(s).chars().map(|c| (c, paint)));
    }

    /// Writes the layout after `prefix`, breaking lines at spaces so that none is longer than
    /// the style's width (a word longer than the width gets a line of its own), continuation
    /// lines indented by `indent` columns. Runs of spaces print as one. Columns are counted
    /// in characters: wide (CJK) characters and combining marks make lines a little off.
    fn write(&self, out: &mut impl Write, prefix: &str, indent: usize) -> io::Result<()> {
        let Style { colour, width } = style();
        let mut line = String::with_capacity(self.chars.len() + prefix.len() + 16);
        line.push_str(prefix);
        let mut col = prefix.chars().count();
        let mut at_start = true;
        let mut current = Paint::Plain;
        let mut words = self.chars.split(|&(c, _)| c == ' ').filter(|w| !w.is_empty()).peekable();
        while let Some(word) = words.next() {
            if !at_start {
                if width > 0 && col + 1 + word.len() > width {
                    if colour && current != Paint::Plain {
                        line.push_str(Paint::Plain.sgr());
                        current = Paint::Plain;
                    }
                    line.push('\n');
                    line.extend(std::iter::repeat_n(' ', indent));
                    col = indent;
                } else {
                    // The space takes the paint of the words around it only inside one span.
                    let next = word[0].1;
                    if colour && current != next && current != Paint::Plain {
                        line.push_str(Paint::Plain.sgr());
                        current = Paint::Plain;
                    }
                    line.push(' ');
                    col += 1;
                }
            }
            for &(c, paint) in word {
                if colour && paint != current {
                    line.push_str(paint.sgr());
                    current = paint;
                }
                line.push(c);
            }
            col += word.len();
            at_start = false;
            if words.peek().is_none() && colour && current != Paint::Plain {
                line.push_str(Paint::Plain.sgr());
            }
        }
        line.push('\n');
        out.write_all(line.as_bytes())
    }
}

/// A document's verdict and counts, for its verdict line.
pub(crate) struct Verdict {
    pub spun: bool,
    pub score: f64,
    pub flagged: usize,
    pub sentences: usize,
    /// Unflagged sentences with evidence.
    pub weak: usize,
    /// The corroborated spinner dialect, if any.
    pub dialect: Option<spinscan::DialectEvidence>,
}

/// The verdict line of a document: `== name: SPUN (score 0.973); 2 of 9 sentences flagged`.
pub(crate) fn write_verdict(
    out: &mut impl Write,
    mark: &str,
    name: &str,
    v: &Verdict,
) -> io::Result<()> {
    let mut layout = Layout::default();
    layout.push(name, Paint::Plain);
    layout.push(": ", Paint::Plain);
    if v.spun {
        layout.push("SPUN", Paint::Spun);
    } else {
        layout.push("not spun", Paint::Clean);
    }
    let counts = format!(
        " (score {:.3}); {} of {} sentences flagged{}{}",
        v.score,
        v.flagged,
        v.sentences,
        weak_note(v.weak),
        dialect_note(v.dialect)
    );
    layout.push(&counts, Paint::Plain);
    layout.write(out, &format!("{mark} "), 3)
}

/// The human format of a document analyzed whole: the verdict, then each flagged sentence with
/// its artifacts marked, then (when the verdict rests on weak evidence alone) that evidence.
pub(crate) fn write_text(
    out: &mut impl Write,
    name: &str,
    text: &str,
    report: &Report,
) -> io::Result<()> {
    if !report.applicable {
        return writeln!(out, "{}", not_judged(&printable(name), &report.language));
    }
    let mut doc = TextDocument::default();
    for s in &report.sentences {
        if !s.spun && has_evidence(s) {
            doc.weak += 1;
        }
    }
    let flagged = report.flagged().count();
    let verdict = Verdict {
        spun: report.spun,
        score: report.score,
        flagged,
        sentences: report.sentences.len(),
        weak: doc.weak,
        dialect: report.dialect,
    };
    write_verdict(out, "==", name, &verdict)?;
    for s in report.flagged() {
        write_sentence(out, &text[s.start..s.end], s)?;
    }
    if report.spun && flagged == 0 && doc.weak > 0 {
        let weak = report.sentences.iter().filter(|s| has_evidence(s));
        write_weak_evidence(
            out,
            doc.weak,
            weak.take(WEAK_SHOWN).map(|s| (&text[s.start..s.end], s)),
        )?;
    }
    Ok(())
}

/// At most this many weak sentences are shown (and held while a document streams).
const WEAK_SHOWN: usize = 20;

/// The text format of a streamed document: flagged sentences as they come, and the first
/// weak-evidence sentences kept in case the verdict rests on them alone.
#[derive(Default)]
pub(crate) struct TextDocument {
    /// Unflagged sentences with evidence.
    pub weak: usize,
    kept: Vec<(String, SentenceReport)>,
}

impl TextDocument {
    pub(crate) fn sentence(
        &mut self,
        out: &mut impl Write,
        text: &str,
        s: &SentenceReport,
    ) -> io::Result<()> {
        if s.spun {
            return write_sentence(out, text, s);
        }
        if has_evidence(s) {
            self.weak += 1;
            if self.kept.len() < WEAK_SHOWN {
                self.kept.push((text.to_owned(), s.clone()));
            }
        }
        Ok(())
    }

    /// After the verdict line: the weak evidence, when it alone made the document spun.
    pub(crate) fn finish(self, out: &mut impl Write, spun: bool, flagged: usize) -> io::Result<()> {
        if spun && flagged == 0 && self.weak > 0 {
            write_weak_evidence(out, self.weak, self.kept.iter().map(|(t, s)| (t.as_str(), s)))?;
        }
        Ok(())
    }
}

fn write_weak_evidence<'a>(
    out: &mut impl Write,
    total: usize,
    shown: impl Iterator<Item = (&'a str, &'a SentenceReport)>,
) -> io::Result<()> {
    let mut note = Layout::default();
    let head = format!(
        "No sentence is flagged on its own: the verdict adds up the weak evidence of {total} \
         sentence{}:",
        if total == 1 { "" } else { "s" }
    );
    note.push(&head, Paint::Note);
    note.write(out, "   ", 3)?;
    let mut count = 0;
    for (text, s) in shown {
        write_sentence(out, text, s)?;
        count += 1;
    }
    if total > count {
        writeln!(out, "  ... and {} more", total - count)?;
    }
    Ok(())
}

/// The verdict line's dialect note: `; spinbot dialect (4 distinct substitutions)`.
pub(crate) fn dialect_note(d: Option<spinscan::DialectEvidence>) -> String {
    d.map_or(String::new(), |d| {
        format!("; {} dialect ({} distinct substitutions)", d.dialect, d.substitutions)
    })
}

/// The JSON member of a corroborated dialect, with its leading comma
/// (`,"dialect":{"name":"spinbot","substitutions":4}`), or nothing: the member is absent
/// without one, as in the library's serialization.
pub(crate) fn dialect_json(d: Option<spinscan::DialectEvidence>) -> io::Result<String> {
    match d {
        None => Ok(String::new()),
        Some(d) => Ok(format!(",\"dialect\":{}", serde_json::to_string(&d)?)),
    }
}

/// The text line for a document in another language than English.
pub(crate) fn not_judged(name: &str, language: &str) -> String {
    format!("== {name}: not judged: language {language} (spinscan judges English text)")
}

/// Whether a sentence's matches add up to evidence of spinning (a dictionary may also hold
/// negative weights, for phrases that argue against it).
pub(crate) fn has_evidence(s: &SentenceReport) -> bool {
    s.matches.iter().map(|m| m.weight).sum::<f64>() > 0.0
}

/// The verdict line's count of unflagged sentences that still have matches: the weak evidence
/// the document score pools (`--format json` lists it).
pub(crate) fn weak_note(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => ", 1 more with weak evidence".to_string(),
        n => format!(", {n} more with weak evidence"),
    }
}

/// One sentence with its score and each artifact marked `[artifact → original]`, wrapped to
/// the terminal, and a note when the passage around it raised its score.
pub(crate) fn write_sentence(
    out: &mut impl Write,
    text: &str,
    s: &SentenceReport,
) -> io::Result<()> {
    let mut layout = Layout::default();
    let artifact = if s.spun { Paint::Artifact } else { Paint::Weak };
    let mut at = 0;
    for m in &s.matches {
        let (start, end) = (m.start - s.start, m.end - s.start);
        layout.push(&text[at..start], Paint::Plain);
        layout.push("[", Paint::Plain);
        layout.push(&m.artifact, artifact);
        layout.push(" → ", Paint::Plain);
        layout.push(&m.original, Paint::Original);
        layout.push("]", Paint::Plain);
        at = end;
    }
    layout.push(&text[at..], Paint::Plain);
    if s.context > 0.0 {
        // The sentence's log-odds include `context` from its neighbours (see
        // `Calibration::context`): its own matches alone may not have flagged it.
        layout.push(" ", Paint::Plain);
        layout.push("(raised by the evidence in the sentences around it)", Paint::Note);
    }
    let prefix = format!("  [{:.2}] ", s.score);
    let indent = prefix.chars().count();
    layout.write(out, &prefix, indent)
}

/// `x` for JSON output: negative zero becomes zero (it printed as `-0.0`).
fn unsigned_zero(x: f64) -> f64 {
    if x == 0.0 { 0.0 } else { x }
}

/// A finite or non-finite float as JSON (serde_json writes non-finite ones as null), never
/// `-0.0`.
pub(crate) fn json_f64(x: f64) -> String {
    serde_json::to_string(&unsigned_zero(x)).unwrap_or_else(|_| "0.0".into())
}

/// A sentence as the CLI's JSON formats give it: the library's `SentenceReport` fields plus
/// `text`, the sentence itself (so `jq` users need not slice the input by byte offsets), with
/// no negative zeros.
#[derive(Serialize)]
struct SentenceJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(serialize_with = "float")]
    score: f64,
    spun: bool,
    #[serde(serialize_with = "matches")]
    matches: &'a [Match],
    #[serde(serialize_with = "float")]
    context: f64,
}

#[derive(Serialize)]
struct MatchJson<'a> {
    start: usize,
    end: usize,
    artifact: &'a str,
    original: &'a str,
    #[serde(serialize_with = "float")]
    weight: f64,
    kind: Kind,
}

fn float<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(unsigned_zero(*x))
}

fn matches<S: Serializer>(ms: &&[Match], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(ms.iter().map(|m| MatchJson {
        start: m.start,
        end: m.end,
        artifact: &m.artifact,
        original: &m.original,
        weight: m.weight,
        kind: m.kind,
    }))
}

/// Writes one sentence's JSON object; `text` is the sentence's own text.
pub(crate) fn write_sentence_json<W: Write + ?Sized>(
    out: &mut W,
    text: &str,
    s: &SentenceReport,
) -> io::Result<()> {
    let json = SentenceJson {
        start: s.start,
        end: s.end,
        text,
        score: s.score,
        spun: s.spun,
        matches: &s.matches,
        context: s.context,
    };
    serde_json::to_writer(out, &json).map_err(io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_visibly() {
        let cases = [
            ("plain text", "plain text"),
            ("a\x1b[8mhidden", "a\\x1b[8mhidden"),
            ("line\nbreak\r\ttab", "line break  tab"),
            ("bell\x07 del\x7f c1\u{9b}", "bell\\x07 del\\x7f c1\\x9b"),
            ("abc\u{202e}fed", "abc\\u{202e}fed"),
            ("iso\u{2066}late\u{2069}", "iso\\u{2066}late\\u{2069}"),
            ("café → naïve", "café → naïve"),
        ];
        for (input, expected) in cases {
            assert_eq!(printable(input), expected, "{input:?}");
        }
    }

    #[test]
    fn colour_follows_the_flag_the_terminal_and_no_color() {
        use ColorChoice::*;
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        let cases = [
            (Auto, true, None, true),
            (Auto, false, None, false),
            (Auto, true, set, false),
            (Auto, true, empty, true), // NO_COLOR set but empty does not count
            (Always, false, set, true),
            (Never, true, None, false),
        ];
        for (choice, terminal, no_color, expected) in cases {
            assert_eq!(
                use_colour(choice, terminal, no_color),
                expected,
                "{choice:?} terminal={terminal} NO_COLOR={no_color:?}"
            );
        }
    }

    #[test]
    fn width_comes_from_the_flag_columns_or_the_terminal() {
        let c = |s| Some(OsStr::new(s));
        let cases = [
            (Some(50), false, None, None, 50),
            (Some(0), true, c("100"), Some(120), 0),
            (None, false, c("100"), Some(120), 0),
            (None, true, c("100"), Some(120), 100),
            (None, true, c("junk"), Some(120), 120),
            (None, true, None, None, 80),
        ];
        for (given, terminal, columns, size, expected) in cases {
            assert_eq!(text_width(given, terminal, columns, size), expected);
        }
    }
}
