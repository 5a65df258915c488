//! The human text format and small helpers shared by the output paths.

use std::io::{self, Write};

use spinscan::{Report, SentenceReport};

/// A finite or non-finite float as JSON (serde_json writes non-finite ones as null).
pub(crate) fn json_f64(x: f64) -> String {
    serde_json::to_string(&x).unwrap_or_else(|_| "0.0".into())
}

/// The human format: the verdict, then each flagged sentence with its artifacts marked.
pub(crate) fn write_text(
    out: &mut impl Write,
    name: &str,
    text: &str,
    report: &Report,
) -> io::Result<()> {
    writeln!(
        out,
        "== {name}: {} (score {:.3}); {} of {} sentences flagged{}",
        if report.spun { "SPUN" } else { "not spun" },
        report.score,
        report.flagged().count(),
        report.sentences.len(),
        weak_note(report.sentences.iter().filter(|s| !s.spun && has_evidence(s)).count())
    )?;
    for s in report.flagged() {
        write_sentence(out, &text[s.start..s.end], s)?;
    }
    Ok(())
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

/// One flagged sentence with each artifact marked `[artifact → original]`.
pub(crate) fn write_sentence(
    out: &mut impl Write,
    text: &str,
    s: &SentenceReport,
) -> io::Result<()> {
    write!(out, "  [{:.2}] ", s.score)?;
    let mut at = 0;
    for m in &s.matches {
        let (start, end) = (m.start - s.start, m.end - s.start);
        write!(out, "{}[{} → {}]", oneline(&text[at..start]), oneline(&m.artifact), m.original)?;
        at = end;
    }
    write!(out, "{}", oneline(&text[at..]))?;
    if s.context > 0.0 {
        write!(out, "  (+{:.1} from spun neighbours)", s.context)?;
    }
    writeln!(out)
}

pub(crate) fn oneline(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}
