//! Files and standard input, streamed sentence by sentence (with or without a catalogue's
//! document rules: the library decides their matches as the stream goes).

use std::io::{self, Write};

use spinscan::{Detector, Summary};

use crate::output::{
    TextDocument, Verdict, dialect_json, json_f64, not_judged, printable, write_sentence_json,
    write_verdict,
};
use crate::{Format, Sentences, open};

/// Streams one input sentence by sentence: memory stays bounded whatever its size.
pub(crate) fn run_document(
    detector: &Detector,
    input: &str,
    html: bool,
    format: Format,
    keep: Sentences,
    out: &mut impl Write,
    failed: &mut bool,
) -> io::Result<()> {
    let name = printable(input); // for messages: a file name may hold control characters
    let reader = match open(input) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("spinscan: error: {name}: {e}");
            *failed = true;
            return Ok(());
        }
    };
    // Streamed, so memory stays bounded whatever the input size. The JSON object therefore
    // lists the sentences before the document score, which is known only at the end.
    let mut first = true;
    let mut doc = TextDocument::default();
    match format {
        Format::Text => writeln!(out, "== {}", printable(input))?,
        Format::Json | Format::Jsonl => {
            write!(out, "{{\"input\":")?;
            serde_json::to_writer(&mut *out, input)?;
            write!(out, ",\"sentences\":[")?;
        }
    }
    let result = crate::analyze_input(detector, html, reader, |text, sentence| {
        match format {
            Format::Text => doc.sentence(out, text, sentence)?,
            Format::Json | Format::Jsonl if !keep.keeps(sentence) => return Ok(()),
            Format::Json | Format::Jsonl => {
                if !first {
                    out.write_all(b",")?;
                }
                if format == Format::Json {
                    out.write_all(b"\n  ")?;
                }
                write_sentence_json(out, text, sentence)?;
            }
        }
        first = false;
        Ok(())
    });
    let (summary, error) = match result {
        Ok(s) => (s, None),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Err(e),
        Err(e) => {
            // A read error mid-stream: the sentences written so far stay valid output, but
            // there is no verdict for the document (a pipeline must not read "not spun").
            eprintln!("spinscan: error: {name}: {e}");
            *failed = true;
            (Summary::default(), Some(e.to_string()))
        }
    };
    if summary.invalid_bytes > 0 {
        eprintln!(
            "spinscan: warning: {name}: {} bytes of invalid UTF-8 were analyzed as U+001A \
             (offsets still point into the original bytes)",
            summary.invalid_bytes
        );
    }
    if error.is_none() {
        crate::found(summary.spun, summary.flagged);
    }
    match (format, error) {
        (Format::Text, None) if !summary.applicable => {
            writeln!(out, "{}", not_judged(&printable(input), &summary.language))
        }
        (Format::Text, Some(e)) => {
            writeln!(out, "-- {}: NO VERDICT, read failed: {e}", printable(input))
        }
        (Format::Text, None) => {
            let Summary { spun, score, flagged, sentences, dialect, .. } = summary;
            let verdict = Verdict { spun, score, flagged, sentences, weak: doc.weak, dialect };
            write_verdict(out, "--", input, &verdict)?;
            match summary.late_matches {
                0 => {}
                1 => {
                    writeln!(out, "   1 catalogue match confirmed only at the end (in the score)")?
                }
                n => writeln!(
                    out,
                    "   {n} catalogue matches confirmed only at the end (in the score)"
                )?,
            }
            doc.finish(out, spun, flagged)
        }
        (Format::Json | Format::Jsonl, error) => {
            if format == Format::Json && !first {
                out.write_all(b"\n")?;
            }
            match error {
                None => write!(
                    out,
                    "],\"score\":{},\"spun\":{},\"language\":{},\"applicable\":{}{}",
                    json_f64(summary.score),
                    summary.spun,
                    serde_json::to_string(&summary.language)?,
                    summary.applicable,
                    dialect_json(summary.dialect)?
                )?,
                Some(e) => {
                    write!(out, "],\"score\":null,\"spun\":null,\"error\":")?;
                    serde_json::to_writer(&mut *out, &e)?;
                }
            }
            writeln!(
                out,
                ",\"skipped\":{},\"invalid_bytes\":{},\"late_matches\":{}}}",
                summary.skipped, summary.invalid_bytes, summary.late_matches
            )
        }
    }
}
