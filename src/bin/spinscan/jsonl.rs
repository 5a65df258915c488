//! `--jsonl-input`: one JSON object per line in, exactly one record per line out, in input
//! order, on several threads.
//!
//! The contract (README, "JSON lines contract"): every non-blank input line gets one output
//! line, a report or an error record `{"line": N, "id": ..., "error": "..."}`; ids are copied
//! byte for byte; a leading BOM is skipped; the `text` is decoded as written (a lone surrogate
//! escape becomes its three WTF-8 bytes) and those bytes are analyzed like a document file, so
//! invalid UTF-8 is analyzed as U+001A and counted in `invalid_bytes`; a line over the size
//! limit is skipped without being buffered and answered with an error record.

use std::io::{self, BufRead, BufReader, Write};

use spinscan::{Detector, Report};

use crate::output::{
    TextDocument, Verdict, dialect_json, json_f64, not_judged, printable, write_sentence_json,
    write_text, write_verdict,
};
use crate::{Format, Sentences, open};

mod read;

use read::{Item, Lines, fields, repaired, unescape};

/// The default of `--max-line-bytes`.
pub(crate) const DEFAULT_MAX_LINE_BYTES: usize = 16 << 20;

/// With `--threads` above 1, how far the reader may run ahead of the output: at most this many
/// lines and, unless only one line is in flight, this many bytes of input plus finished output.
/// A line's output waits until every earlier line's is written, so without these bounds one
/// slow line would let the reader buffer the rest of the input.
const JSONL_IN_FLIGHT: usize = 256;
const JSONL_IN_FLIGHT_BYTES: usize = 64 << 20;

/// Texts from this size on are analyzed as a stream (`Detector::analyze_reader`: memory bounded
/// by the block size, whatever the number of sentences) instead of as one `Report` (which holds
/// every sentence, and reuses the thread's warm stem cache, which is faster on short texts).
/// On one thread, lines from this size on are also written as they are analyzed.
const STREAM_TEXT_BYTES: usize = 256 << 10;

/// With `--threads` above 1, lines from this size on are analyzed by the reading thread once
/// every earlier line is written, and written straight to the output: their reports are not
/// held in memory while they wait for their turn.
const INLINE_LINE_BYTES: usize = 4 << 20;

/// How `--jsonl-input` runs, from the command line.
#[derive(Clone, Copy)]
pub(crate) struct JsonlOptions {
    pub threads: usize,
    pub max_line_bytes: usize,
    pub sentences: Sentences,
    /// Each record's text is an HTML document (`--input html`).
    pub html: bool,
}

pub(crate) fn run_jsonl(
    detector: &Detector,
    input: &str,
    format: Format,
    options: JsonlOptions,
    out: &mut impl Write,
    failed: &mut bool,
) -> io::Result<()> {
    let reader = match open(input) {
        Ok(r) => BufReader::with_capacity(1 << 16, r),
        Err(e) => {
            eprintln!("spinscan: error: {}: {e}", printable(input));
            *failed = true;
            return Ok(());
        }
    };
    let job = Jsonl {
        detector,
        input,
        format,
        options,
        stream_text_bytes: STREAM_TEXT_BYTES,
        inline_line_bytes: INLINE_LINE_BYTES,
    };
    job.run(reader, out, &mut io::stderr(), failed)
}

/// Parses a size such as `16777216`, `64K`, `16M` or `1G` (binary multiples).
pub(crate) fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let t = t.strip_suffix("iB").or_else(|| t.strip_suffix('B')).unwrap_or(t);
    let (digits, shift) = match t.as_bytes().last() {
        Some(b'k' | b'K') => (&t[..t.len() - 1], 10),
        Some(b'm' | b'M') => (&t[..t.len() - 1], 20),
        Some(b'g' | b'G') => (&t[..t.len() - 1], 30),
        _ => (t, 0),
    };
    let n: usize = digits.parse().map_err(|_| format!("not a size: {s:?}"))?;
    match n.checked_mul(1 << shift) {
        Some(0) => Err("must be at least 1 byte".into()),
        Some(n) => Ok(n),
        None => Err(format!("too large: {s:?}")),
    }
}

/// One `--jsonl-input` run: where the lines come from and where messages go are parameters,
/// so tests can check both streams; so are the size thresholds, so tests can take every path.
struct Jsonl<'a> {
    detector: &'a Detector,
    input: &'a str,
    format: Format,
    options: JsonlOptions,
    stream_text_bytes: usize,
    inline_line_bytes: usize,
}

/// A line's output, and the message for stderr when the line failed.
struct Done {
    out: Vec<u8>,
    message: Option<String>,
}

impl Jsonl<'_> {
    fn run(
        &self,
        reader: impl BufRead,
        out: &mut dyn Write,
        err: &mut dyn Write,
        failed: &mut bool,
    ) -> io::Result<()> {
        let mut lines = Lines::new(reader, self.options.max_line_bytes);
        let mut note = |err: &mut dyn Write, message: Option<String>| match message {
            Some(m) => {
                *failed = true;
                writeln!(err, "spinscan: error: {}:{}", printable(self.input), printable(&m))
            }
            None => Ok(()),
        };
        let threads = self.options.threads.min(JSONL_IN_FLIGHT);
        if threads <= 1 {
            // A line's record is written whole, or, for a long line, as it is analyzed.
            let mut buf = Vec::new();
            while let Some(item) = lines.next() {
                let message = if self.is_long(&item, threads) {
                    self.item(item, out)?
                } else {
                    buf.clear();
                    let message = self.item(item, &mut buf)?;
                    out.write_all(&buf)?;
                    message
                };
                note(err, message)?;
            }
            return Ok(());
        }
        // Workers live for the whole input (their per-thread stem caches stay warm). They take
        // (sequence, item) jobs and send back (sequence, output); this thread reads, and writes
        // the outputs in sequence order. A long line is held until every earlier line is
        // written, then analyzed here straight into the output.
        let (job_tx, job_rx) = std::sync::mpsc::channel::<(usize, Item)>();
        let job_rx = std::sync::Mutex::new(job_rx);
        let (result_tx, result_rx) = std::sync::mpsc::channel::<(usize, Done)>();
        std::thread::scope(|s| {
            let mut workers = 0;
            for _ in 0..threads {
                let (job_rx, result_tx) = (&job_rx, result_tx.clone());
                let worker = move || {
                    loop {
                        let job = match job_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        let Ok((seq, item)) = job else { return };
                        if result_tx.send((seq, self.buffered(item))).is_err() {
                            return;
                        }
                    }
                };
                // A thread the system refuses to start is simply not used.
                workers += usize::from(std::thread::Builder::new().spawn_scoped(s, worker).is_ok());
            }
            drop(result_tx);
            let mut pending: std::collections::BTreeMap<usize, Done> = Default::default();
            let mut sizes = std::collections::VecDeque::new(); // input bytes of each line in flight
            let (mut sent, mut written, mut bytes) = (0usize, 0usize, 0usize);
            let mut reading = true;
            let mut held: Option<Item> = None; // a long line waiting for the output to catch up
            let outcome = loop {
                // Read ahead while there is room.
                while reading
                    && held.is_none()
                    && sent - written < JSONL_IN_FLIGHT
                    && (sent == written || bytes < JSONL_IN_FLIGHT_BYTES)
                {
                    let Some(item) = lines.next() else {
                        reading = false;
                        break;
                    };
                    if self.is_long(&item, threads) {
                        held = Some(item);
                        break;
                    }
                    let size = match &item {
                        Item::Line(_, line) => line.len(),
                        _ => 0,
                    };
                    // Analyzed here only if no worker could start: the receiver lives in
                    // `job_rx` until the scope ends, so a send to the workers cannot fail.
                    let here = if workers > 0 {
                        job_tx.send((sent, item)).err().map(|e| e.0)
                    } else {
                        Some((sent, item))
                    };
                    if let Some((seq, item)) = here {
                        let done = self.buffered(item);
                        bytes += done.out.len();
                        pending.insert(seq, done);
                    }
                    sizes.push_back(size);
                    bytes += size;
                    sent += 1;
                }
                // Write every output that is next in order, then wait for more.
                let mut error = None;
                while let Some(done) = pending.remove(&written) {
                    written += 1;
                    bytes -= sizes.pop_front().unwrap_or(0) + done.out.len();
                    if let Err(e) = out.write_all(&done.out).and_then(|()| note(err, done.message))
                    {
                        error = Some(e);
                        break;
                    }
                }
                if let Some(e) = error {
                    break Err(e);
                }
                if written == sent {
                    if let Some(item) = held.take() {
                        match self.item(item, out).and_then(|m| note(err, m)) {
                            Ok(()) => continue,
                            Err(e) => break Err(e),
                        }
                    }
                    if !reading {
                        break Ok(());
                    }
                    continue;
                }
                match result_rx.recv() {
                    Ok((seq, done)) => {
                        bytes += done.out.len();
                        pending.insert(seq, done);
                    }
                    Err(_) => {
                        // Every worker is gone with lines outstanding (cannot happen: workers catch
                        // panics). Their lines cannot be recovered: report each one as an error.
                        for seq in written..sent {
                            pending.entry(seq).or_insert_with(|| Done {
                                out: Vec::new(),
                                message: Some(" a worker thread stopped; line lost".into()),
                            });
                        }
                    }
                }
            };
            // Workers see the closed job channel (or, after a write error, the closed result
            // channel) and return.
            drop(job_tx);
            drop(result_rx);
            outcome
        })
    }

    /// Whether an item is a line long enough to be written as it is analyzed, rather than
    /// held as a whole record.
    fn is_long(&self, item: &Item, threads: usize) -> bool {
        // On one thread nothing is lost by writing long texts as they are analyzed; on
        // several, a line written as it is analyzed holds up the others.
        let long = if threads <= 1 { self.stream_text_bytes } else { self.inline_line_bytes };
        matches!(item, Item::Line(_, line) if line.len() >= long)
    }

    /// One item's output, in a buffer (on a worker).
    fn buffered(&self, item: Item) -> Done {
        let mut out = Vec::with_capacity(256);
        match self.item(item, &mut out) {
            Ok(message) => Done { out, message },
            // Only the output can fail, and writing into a Vec does not.
            Err(e) => Done { out: Vec::new(), message: Some(format!(" {e}")) },
        }
    }

    /// Writes one item's record. Returns the message for stderr when the item failed, which
    /// its record also says; an error only when writing fails.
    fn item<W: Write + ?Sized>(&self, item: Item, out: &mut W) -> io::Result<Option<String>> {
        let (n, id, error) = match item {
            Item::Failed(n, e) => (n, None, format!("read error: {e}")),
            Item::TooLong(n, len, prefix) => {
                let mut id = None;
                let _ = fields(&prefix, &mut id, &mut None);
                let limit = self.options.max_line_bytes;
                (
                    n,
                    id,
                    format!("line is {len} bytes, over the limit of {limit} (--max-line-bytes)"),
                )
            }
            Item::Line(n, line) => {
                // Analysis never panics (tests, fuzzing); if it did, the line gets an error
                // record in its place, on every thread count alike.
                let mut counted = Counted { out, bytes: 0 };
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    self.line(n, line, &mut counted)
                }));
                match result {
                    Ok(Ok(None)) => return Ok(None),
                    Ok(Ok(Some((id, error)))) => (n, id, error),
                    Ok(Err(e)) => return Err(e),
                    Err(_) => {
                        if counted.bytes > 0 {
                            counted.out.write_all(b"\n")?;
                        }
                        (n, None, "internal error (panic)".to_string())
                    }
                }
            }
        };
        self.error_record(out, n, id.as_deref(), &error)?;
        Ok(Some(format!("{n}: {error}")))
    }

    fn error_record<W: Write + ?Sized>(
        &self,
        out: &mut W,
        n: usize,
        id: Option<&str>,
        error: &str,
    ) -> io::Result<()> {
        match self.format {
            Format::Text => {
                let id = id.map(|id| format!(" id={id}")).unwrap_or_default();
                let (input, error) = (printable(self.input), printable(error));
                writeln!(out, "== {input}:{n}{id}: NO VERDICT: {error}")
            }
            Format::Json | Format::Jsonl => {
                write!(out, "{{\"line\":{n},")?;
                if let Some(id) = id {
                    write!(out, "\"id\":{id},")?;
                }
                out.write_all(b"\"error\":")?;
                serde_json::to_writer(&mut *out, error)?;
                out.write_all(b"}\n")
            }
        }
    }

    /// Parses and analyzes one line, writing its report. A line that cannot be analyzed gives
    /// back its id (when one was read, as JSON text) and the reason, and writes nothing.
    fn line<W: Write + ?Sized>(
        &self,
        n: usize,
        mut line: Vec<u8>,
        out: &mut W,
    ) -> io::Result<Option<(Option<String>, String)>> {
        let mut id = None;
        let mut text = None;
        if let Err(e) = fields(&line, &mut id, &mut text) {
            return Ok(Some((id, e)));
        }
        let (Some(id), Some((from, to))) = (id, text) else {
            return Ok(Some((None, "missing field `id`".into())));
        };
        let Some(len) = unescape(&mut line[from..to]) else {
            return Ok(Some((Some(id), "bad escape in `text`".into())));
        };
        let text = &line[from..from + len];
        let detector = self.detector;
        let keep = self.options.sentences;
        // Both paths apply a catalogue's document rules (`analyze_reader` decides them as the
        // stream goes; a match confirmed only at the end counts in `late_matches`).
        if text.len() < self.stream_text_bytes {
            let (text, invalid_bytes) = repaired(text);
            if self.options.html {
                // Reported over the visible text, which has the document's offsets.
                let report = detector.analyze_html(&text);
                let visible = spinscan::text::html::visible_text(&text);
                self.whole(out, n, &id, &visible, &report, invalid_bytes, keep)?;
            } else {
                let report = detector.analyze(&text);
                self.whole(out, n, &id, &text, &report, invalid_bytes, keep)?;
            }
        } else {
            self.streamed(out, n, &id, text, keep)?;
        }
        Ok(None)
    }

    /// Writes the record of a text analyzed whole.
    #[allow(clippy::too_many_arguments)]
    fn whole<W: Write + ?Sized>(
        &self,
        out: &mut W,
        n: usize,
        id: &str,
        text: &str,
        report: &Report,
        invalid_bytes: usize,
        keep: Sentences,
    ) -> io::Result<()> {
        crate::found(report.spun, report.flagged().count());
        match self.format {
            Format::Text => {
                write_text(&mut &mut *out, &format!("{}:{n} id={id}", self.input), text, report)
            }
            Format::Json | Format::Jsonl => {
                write!(out, "{{\"id\":{id},\"sentences\":[")?;
                let mut first = true;
                for s in report.sentences.iter().filter(|s| keep.keeps(s)) {
                    if !first {
                        out.write_all(b",")?;
                    }
                    first = false;
                    write_sentence_json(out, &text[s.start..s.end], s)?;
                }
                end_record(
                    out,
                    report.score,
                    report.spun,
                    invalid_bytes,
                    0,
                    &report.language,
                    report.applicable,
                    report.skipped,
                    report.dialect,
                )
            }
        }
    }

    /// Analyzes a long text as a stream and writes its record as the sentences come.
    fn streamed<W: Write + ?Sized>(
        &self,
        out: &mut W,
        n: usize,
        id: &str,
        text: &[u8],
        keep: Sentences,
    ) -> io::Result<()> {
        let mut first = true;
        // Text: the verdict comes first, so the flagged sentences wait in `flagged_text`.
        let (mut flagged_text, mut doc) = (Vec::new(), TextDocument::default());
        let mut sentence = Vec::new(); // one sentence's JSON, written at once
        let json = self.format != Format::Text;
        if json {
            write!(out, "{{\"id\":{id},\"sentences\":[")?;
        }
        let summary = crate::analyze_input(self.detector, self.options.html, text, |t, s| {
            if !json {
                doc.sentence(&mut flagged_text, t, s)?;
            } else if keep.keeps(s) {
                sentence.clear();
                if !first {
                    sentence.push(b',');
                }
                first = false;
                write_sentence_json(&mut sentence, t, s)?;
                out.write_all(&sentence)?;
            }
            Ok(())
        })?;
        crate::found(summary.spun, summary.flagged);
        if json {
            return end_record(
                out,
                summary.score,
                summary.spun,
                summary.invalid_bytes,
                summary.late_matches,
                &summary.language,
                summary.applicable,
                summary.skipped,
                summary.dialect,
            );
        }
        if !summary.applicable {
            let name = format!("{}:{n} id={id}", self.input);
            return writeln!(out, "{}", not_judged(&name, &summary.language));
        }
        let verdict = Verdict {
            spun: summary.spun,
            score: summary.score,
            flagged: summary.flagged,
            sentences: summary.sentences,
            weak: doc.weak,
            dialect: summary.dialect,
        };
        let name = format!("{}:{n} id={id}", self.input);
        write_verdict(&mut &mut *out, "==", &name, &verdict)?;
        out.write_all(&flagged_text)?;
        doc.finish(&mut &mut *out, summary.spun, summary.flagged)
    }
}

#[allow(clippy::too_many_arguments)]
fn end_record<W: Write + ?Sized>(
    out: &mut W,
    score: f64,
    spun: bool,
    invalid_bytes: usize,
    late_matches: usize,
    language: &str,
    applicable: bool,
    skipped: usize,
    dialect: Option<spinscan::DialectEvidence>,
) -> io::Result<()> {
    writeln!(
        out,
        "],\"score\":{},\"spun\":{spun},\"language\":{},\"applicable\":{applicable}{},\
         \"skipped\":{skipped},\"invalid_bytes\":{invalid_bytes},\"late_matches\":{late_matches}}}",
        json_f64(score),
        serde_json::to_string(language)?,
        dialect_json(dialect)?
    )
}

/// Counts what goes through, to know whether a record was started.
struct Counted<'a, W: ?Sized> {
    out: &'a mut W,
    bytes: usize,
}

impl<W: Write + ?Sized> Write for Counted<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.bytes += n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// Serves `data`, then fails every read: a disk or pipe error part-way through the input.
    struct FailsAfter<'a> {
        data: &'a [u8],
    }

    impl Read for FailsAfter<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.data.is_empty() {
                return Err(io::Error::other("disk on fire"));
            }
            let n = buf.len().min(self.data.len()).min(100);
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn options(threads: usize) -> JsonlOptions {
        JsonlOptions {
            threads,
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
            sentences: Sentences::All,
            html: false,
        }
    }

    /// Runs `input` and returns (stdout, stderr, failed).
    fn run(job: &Jsonl, input: &[u8], fail_at_end: bool) -> (String, String, bool) {
        let (mut out, mut err, mut failed) = (Vec::new(), Vec::new(), false);
        if fail_at_end {
            let reader = BufReader::with_capacity(64, FailsAfter { data: input });
            job.run(reader, &mut out, &mut err, &mut failed).unwrap();
        } else {
            job.run(BufReader::with_capacity(64, input), &mut out, &mut err, &mut failed).unwrap();
        }
        (String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap(), failed)
    }

    fn job(detector: &Detector, format: Format, options: JsonlOptions) -> Jsonl<'_> {
        Jsonl {
            detector,
            input: "in",
            format,
            options,
            stream_text_bytes: STREAM_TEXT_BYTES,
            inline_line_bytes: INLINE_LINE_BYTES,
        }
    }

    #[test]
    fn jsonl_threads_keep_output_and_every_message_in_input_order() {
        let detector = Detector::new();
        let mut input = String::new();
        for i in 0..300 {
            match i % 5 {
                0 => input.push_str("{broken\n"),
                1 => input.push_str(&format!(
                    "{{\"id\": {i}, \"text\": \"{}\"}}\n",
                    "The unique pressures arrived. The cat sat. ".repeat(300)
                )),
                _ => input.push_str(&format!("{{\"id\": {i}, \"text\": \"The cat sat.\"}}\n")),
            }
        }
        for format in [Format::Jsonl, Format::Text] {
            let (out1, err1, failed1) =
                run(&job(&detector, format, options(1)), input.as_bytes(), true);
            assert!(failed1);
            assert_eq!(out1.lines().filter(|l| l.starts_with(['{', '='])).count(), 301);
            assert_eq!(err1.lines().count(), 61, "60 bad lines, then the read error:\n{err1}");
            assert!(err1.lines().last().unwrap().contains("in:301: read error: disk on fire"));
            for threads in [2, 3, 8] {
                let (out, err, failed) =
                    run(&job(&detector, format, options(threads)), input.as_bytes(), true);
                assert!(out == out1, "{threads} threads: output differs");
                assert_eq!(err, err1, "{threads} threads: messages differ or are out of order");
                assert!(failed);
            }
        }
    }

    /// The streamed path (long texts, and with threads long lines analyzed by the reader)
    /// writes exactly what the whole-text path writes.
    #[test]
    fn streamed_and_inline_lines_write_what_whole_lines_write() {
        let detector = Detector::new();
        let mut input = String::new();
        for i in 0..40 {
            let body = "The unique pressures arrived. The cat sat.\\n\\u00e9t\\u00e9 \\ud800 x. "
                .repeat(1 + i % 7);
            input.push_str(&format!("{{\"id\": {i}, \"text\": \"{body}\"}}\n"));
            if i % 9 == 0 {
                input.push_str("{\"id\": \"bad\", \"text\": 3}\n");
            }
        }
        let mut bytes = input.into_bytes();
        bytes.extend_from_slice(b"{\"id\": \"raw\", \"text\": \"caf\xE9 unique pressures.\"}\n");
        for format in [Format::Jsonl, Format::Text] {
            for sentences in [Sentences::All, Sentences::Matched, Sentences::Flagged] {
                let whole = job(&detector, format, JsonlOptions { sentences, ..options(1) });
                let expected = run(&whole, &bytes, false);
                assert!(expected.0.contains("unique pressures") || format != Format::Text);
                for threads in [1, 2] {
                    let streamed = Jsonl {
                        stream_text_bytes: 0,
                        inline_line_bytes: 200,
                        ..job(&detector, format, JsonlOptions { threads, sentences, ..options(1) })
                    };
                    let got = run(&streamed, &bytes, false);
                    for (a, b) in got.0.lines().zip(expected.0.lines()) {
                        assert_eq!(a, b, "{threads} threads, {sentences:?}");
                    }
                    assert_eq!(got, expected, "{threads} threads, {sentences:?}");
                }
            }
        }
    }

    #[test]
    fn sizes_parse_with_binary_suffixes() {
        for (s, n) in
            [("1", 1), ("64K", 65536), ("16M", 16 << 20), ("16MiB", 16 << 20), ("1G", 1 << 30)]
        {
            assert_eq!(parse_size(s), Ok(n), "{s}");
        }
        for s in ["0", "", "M", "-1", "1T", "99999999999999999999G"] {
            assert!(parse_size(s).is_err(), "{s}");
        }
    }
}
