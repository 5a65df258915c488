//! The `spinscan` command: analyze files or JSON lines and print reports.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::{Deserialize, Serialize};
use spinscan::{Detector, Report, SentenceReport, Summary};

const USAGE: &str = "\
usage: spinscan [OPTIONS] [FILE|-]...

Scores text for article spinning (synonym-substitution artifacts). With no FILE, or with -,
reads standard input.

options:
  --dict PATH          add a dictionary (TSV source or compiled); repeatable; later wins
  --no-default-dict    do not load the embedded default dictionary
  --pps FILE           add a tortured-phrase catalogue in PPS CSV query syntax; repeatable
  --threshold P        score threshold in [0,1] for `spun` (default 0.5)
  --format FORMAT      text (default), json (one object per input) or jsonl (one line per document)
  --jsonl-input        each input line is {\"id\": ..., \"text\": \"...\"}; output carries the id
  --threads N          threads for --jsonl-input (default: the number of CPUs, at most 256);
                       output keeps the input order
  -h, --help           print this help
  -V, --version        print the version

exit status: 0 on success, 2 on usage, I/O or dictionary errors (other inputs still run)";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Json,
    Jsonl,
}

struct Args {
    dicts: Vec<PathBuf>,
    pps: Vec<PathBuf>,
    no_default: bool,
    threshold: Option<f64>,
    format: Format,
    jsonl_input: bool,
    threads: usize,
    threads_given: bool,
    inputs: Vec<String>,
}

fn parse_args() -> Result<Args, lexopt::Error> {
    use lexopt::prelude::*;
    let mut args = Args {
        dicts: Vec::new(),
        pps: Vec::new(),
        no_default: false,
        threshold: None,
        format: Format::Text,
        jsonl_input: false,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        threads_given: false,
        inputs: Vec::new(),
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("dict") => args.dicts.push(parser.value()?.into()),
            Long("pps") => args.pps.push(parser.value()?.into()),
            Long("no-default-dict") => args.no_default = true,
            Long("threshold") => args.threshold = Some(parser.value()?.parse()?),
            Long("format") => {
                let v = parser.value()?;
                args.format = match v.to_str() {
                    Some("text") => Format::Text,
                    Some("json") => Format::Json,
                    Some("jsonl") => Format::Jsonl,
                    _ => {
                        return Err(
                            format!("--format must be text, json or jsonl, not {v:?}").into()
                        );
                    }
                };
            }
            Long("jsonl-input") => args.jsonl_input = true,
            Long("threads") => {
                let n: usize = parser.value()?.parse()?;
                if n == 0 {
                    return Err("--threads must be at least 1".into());
                }
                args.threads = n;
                args.threads_given = true;
            }
            Short('h') | Long("help") => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            Short('V') | Long("version") => {
                println!("spinscan {}", env!("CARGO_PKG_VERSION"));
                std::process::exit(0);
            }
            Value(v) => args.inputs.push(v.string()?),
            _ => return Err(arg.unexpected()),
        }
    }
    if args.inputs.is_empty() {
        args.inputs.push("-".into());
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("spinscan: error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Detector::builder();
    if args.no_default {
        builder = builder.no_default_dictionary();
    }
    for d in &args.dicts {
        builder = builder.dictionary_path(d);
    }
    for p in &args.pps {
        match spinscan::Catalogue::from_path(p) {
            Ok(catalogue) => {
                for e in catalogue.errors() {
                    eprintln!(
                        "spinscan: warning: {}:{}: {} (row skipped)",
                        p.display(),
                        e.line,
                        e.reason
                    );
                }
                builder = builder.pps(catalogue);
            }
            Err(e) => {
                eprintln!("spinscan: error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(t) = args.threshold {
        builder = builder.threshold(t);
    }
    let detector = match builder.build() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("spinscan: error: {e}");
            return ExitCode::from(2);
        }
    };
    if args.threads_given && !args.jsonl_input {
        eprintln!("spinscan: warning: --threads applies only to --jsonl-input; ignored");
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for input in &args.inputs {
        let result = if args.jsonl_input {
            run_jsonl(&detector, input, args.format, args.threads, &mut out, &mut failed)
        } else if detector.has_document_rules() {
            run_whole(&detector, input, args.format, &mut out, &mut failed)
        } else {
            run_document(&detector, input, args.format, &mut out, &mut failed)
        };
        if let Err(e) = result.and_then(|_| out.flush()) {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return ExitCode::SUCCESS; // the reader went away (`| head`): stop quietly
            }
            eprintln!("spinscan: error: writing output: {e}");
            return ExitCode::from(2);
        }
    }
    if failed { ExitCode::from(2) } else { ExitCode::SUCCESS }
}

fn open(input: &str) -> io::Result<Box<dyn Read>> {
    if input == "-" {
        return Ok(Box::new(io::stdin().lock()));
    }
    let file = std::fs::File::open(input)?;
    if file.metadata()?.is_dir() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "is a directory"));
    }
    Ok(Box::new(file))
}

fn run_document(
    detector: &Detector,
    input: &str,
    format: Format,
    out: &mut impl Write,
    failed: &mut bool,
) -> io::Result<()> {
    let reader = match open(input) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("spinscan: error: {input}: {e}");
            *failed = true;
            return Ok(());
        }
    };
    // Streamed, so memory stays bounded whatever the input size. The JSON object therefore
    // lists the sentences before the document score, which is known only at the end.
    let mut first = true;
    let mut weak = 0usize;
    match format {
        Format::Text => writeln!(out, "== {input}")?,
        Format::Json | Format::Jsonl => {
            write!(out, "{{\"input\":")?;
            serde_json::to_writer(&mut *out, input)?;
            write!(out, ",\"sentences\":[")?;
        }
    }
    let result = detector.analyze_reader(reader, |text, sentence| {
        match format {
            Format::Text if sentence.spun => write_sentence(out, text, sentence)?,
            Format::Text => weak += usize::from(has_evidence(sentence)),
            Format::Json | Format::Jsonl => {
                if !first {
                    out.write_all(b",")?;
                }
                if format == Format::Json {
                    out.write_all(b"\n  ")?;
                }
                serde_json::to_writer(&mut *out, sentence)?;
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
            eprintln!("spinscan: error: {input}: {e}");
            *failed = true;
            (Summary::default(), Some(e.to_string()))
        }
    };
    if summary.invalid_bytes > 0 {
        eprintln!(
            "spinscan: warning: {input}: {} bytes of invalid UTF-8 were analyzed as U+001A \
             (offsets still point into the original bytes)",
            summary.invalid_bytes
        );
    }
    match (format, error) {
        (Format::Text, Some(e)) => writeln!(out, "-- {input}: NO VERDICT, read failed: {e}"),
        (Format::Text, None) => writeln!(
            out,
            "-- {}: {} (score {:.3}); {} of {} sentences flagged{}",
            input,
            if summary.spun { "SPUN" } else { "not spun" },
            summary.score,
            summary.flagged,
            summary.sentences,
            weak_note(weak)
        ),
        (Format::Json | Format::Jsonl, error) => {
            if format == Format::Json && !first {
                out.write_all(b"\n")?;
            }
            match error {
                None => write!(
                    out,
                    "],\"score\":{},\"spun\":{}",
                    json_f64(summary.score),
                    summary.spun
                )?,
                Some(e) => {
                    write!(out, "],\"score\":null,\"spun\":null,\"error\":")?;
                    serde_json::to_writer(&mut *out, &e)?;
                }
            }
            writeln!(out, ",\"invalid_bytes\":{}}}", summary.invalid_bytes)
        }
    }
}

/// Reads a whole document before analyzing it: needed when catalogue rules have conditions
/// over the whole document (`AND`/`NOT` context). Memory grows with the document.
fn run_whole(
    detector: &Detector,
    input: &str,
    format: Format,
    out: &mut impl Write,
    failed: &mut bool,
) -> io::Result<()> {
    let mut bytes = Vec::new();
    if let Err(e) = open(input).and_then(|mut r| r.read_to_end(&mut bytes)) {
        eprintln!("spinscan: error: {input}: {e}");
        *failed = true;
        return Ok(());
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bad = e.as_bytes().iter().filter(|&&b| b >= 0x80).count();
            eprintln!(
                "spinscan: warning: {input}: invalid UTF-8; analyzed with U+FFFD replacements \
                 (offsets refer to the repaired text; {bad} non-ASCII bytes in the input)"
            );
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let report = detector.analyze(&text);
    match format {
        Format::Text => write_text(out, input, &text, &report),
        Format::Json | Format::Jsonl => {
            serde_json::to_writer(&mut *out, &Named { report: &report, input })?;
            writeln!(out)
        }
    }
}

fn json_f64(x: f64) -> String {
    serde_json::to_string(&x).unwrap_or_else(|_| "0.0".into())
}

#[derive(Serialize)]
struct Named<'a> {
    input: &'a str,
    #[serde(flatten)]
    report: &'a Report,
}

#[derive(Deserialize)]
struct Line {
    id: serde_json::Value,
    text: String,
}

#[derive(Serialize)]
struct WithId<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    report: &'a Report,
}

/// With `--threads` above 1, how far the reader may run ahead of the output: at most this many
/// lines and, unless only one line is in flight, this many bytes. A line's output waits until
/// every earlier line's is written, so without these bounds one slow line would let the reader
/// buffer the rest of the input.
const JSONL_IN_FLIGHT: usize = 256;
const JSONL_IN_FLIGHT_BYTES: usize = 64 << 20;

/// What one input line becomes: its output bytes, or an error message for stderr.
type LineResult = Result<Vec<u8>, String>;

fn run_jsonl(
    detector: &Detector,
    input: &str,
    format: Format,
    threads: usize,
    out: &mut impl Write,
    failed: &mut bool,
) -> io::Result<()> {
    let reader = match open(input) {
        Ok(r) => BufReader::with_capacity(1 << 16, r),
        Err(e) => {
            eprintln!("spinscan: error: {input}: {e}");
            *failed = true;
            return Ok(());
        }
    };
    let job = Jsonl { detector, input, format, threads };
    job.run(reader, out, &mut io::stderr(), failed)
}

/// One `--jsonl-input` run: where the lines come from and where messages go are parameters,
/// so tests can check both streams.
struct Jsonl<'a> {
    detector: &'a Detector,
    input: &'a str,
    format: Format,
    threads: usize,
}

impl Jsonl<'_> {
    fn run(
        &self,
        mut reader: impl BufRead,
        out: &mut dyn Write,
        err: &mut dyn Write,
        failed: &mut bool,
    ) -> io::Result<()> {
        let Jsonl { detector, input, format, threads } = *self;
        let mut number = 0usize;
        // The next non-blank line as (line number, bytes); None at the end; Err on a read error
        // (after which there are no more lines).
        let mut ended = false;
        let mut next_line = || loop {
            if ended {
                return None;
            }
            let mut buf = Vec::new();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) => return None,
                Ok(_) => number += 1,
                Err(e) => {
                    ended = true;
                    return Some(Err(format!("spinscan: error: {input}:{}: {e}", number + 1)));
                }
            }
            if !buf.iter().all(u8::is_ascii_whitespace) {
                return Some(Ok((number, buf)));
            }
        };
        let analyze = |n: usize, line: &[u8]| -> LineResult {
            // Analysis never panics (tests, fuzzing); if it did, the line gets an error message
            // in its place, on every thread count alike.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                jsonl_line(detector, input, format, n, line)
            }))
            .unwrap_or_else(|_| {
                Err(format!("spinscan: error: {input}:{n}: internal error (panic)"))
            })
        };
        let mut emit = |out: &mut dyn Write, failed: &mut bool, result: LineResult| match result {
            Ok(bytes) => out.write_all(&bytes),
            Err(message) => {
                *failed = true;
                writeln!(err, "{message}")
            }
        };
        let threads = threads.min(JSONL_IN_FLIGHT);
        if threads <= 1 {
            while let Some(line) = next_line() {
                let result = line.and_then(|(n, bytes)| analyze(n, &bytes));
                emit(out, failed, result)?;
            }
            return Ok(());
        }
        // Workers live for the whole input (their per-thread stem caches stay warm). They take
        // (sequence, line number, bytes) jobs and send back (sequence, result); this thread reads,
        // and writes the results in sequence order, read errors included.
        let (job_tx, job_rx) = std::sync::mpsc::channel::<(usize, usize, Vec<u8>)>();
        let job_rx = std::sync::Mutex::new(job_rx);
        let (result_tx, result_rx) = std::sync::mpsc::channel::<(usize, LineResult)>();
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
                        let Ok((seq, n, line)) = job else { return };
                        if result_tx.send((seq, analyze(n, &line))).is_err() {
                            return;
                        }
                    }
                };
                // A thread the system refuses to start is simply not used.
                workers += usize::from(std::thread::Builder::new().spawn_scoped(s, worker).is_ok());
            }
            drop(result_tx);
            let mut pending: std::collections::BTreeMap<usize, LineResult> = Default::default();
            let mut sizes = std::collections::VecDeque::new(); // bytes of each line in flight
            let (mut sent, mut written, mut bytes) = (0usize, 0usize, 0usize);
            let mut reading = true;
            let outcome = loop {
                // Read ahead while there is room.
                while reading
                    && sent - written < JSONL_IN_FLIGHT
                    && (sent == written || bytes < JSONL_IN_FLIGHT_BYTES)
                {
                    let size = match next_line() {
                        None => {
                            reading = false;
                            break;
                        }
                        Some(Err(message)) => {
                            reading = false;
                            pending.insert(sent, Err(message)); // written in its place
                            0
                        }
                        Some(Ok((n, line))) if workers > 0 => {
                            let size = line.len();
                            if let Err(std::sync::mpsc::SendError((_, n, line))) =
                                job_tx.send((sent, n, line))
                            {
                                pending.insert(sent, analyze(n, &line)); // no worker left
                            }
                            size
                        }
                        Some(Ok((n, line))) => {
                            pending.insert(sent, analyze(n, &line)); // no worker could start
                            line.len()
                        }
                    };
                    sizes.push_back(size);
                    bytes += size;
                    sent += 1;
                }
                // Write every result that is next in order, then wait for more.
                let mut error = None;
                while let Some(result) = pending.remove(&written) {
                    written += 1;
                    bytes -= sizes.pop_front().unwrap_or(0);
                    if let Err(e) = emit(out, failed, result) {
                        error = Some(e);
                        break;
                    }
                }
                if let Some(e) = error {
                    break Err(e);
                }
                if written == sent && !reading {
                    break Ok(());
                }
                if written == sent {
                    continue;
                }
                match result_rx.recv() {
                    Ok((seq, result)) => {
                        pending.insert(seq, result);
                    }
                    Err(_) => {
                        // Every worker is gone with lines outstanding (cannot happen: workers catch
                        // panics). Their lines cannot be recovered: report each one as an error.
                        for seq in written..sent {
                            pending.entry(seq).or_insert_with(|| {
                                Err(format!(
                                    "spinscan: error: {input}: a worker thread stopped; line lost"
                                ))
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
}

/// One input line of `--jsonl-input`: its output bytes, or the error message for stderr.
fn jsonl_line(
    detector: &Detector,
    input: &str,
    format: Format,
    number: usize,
    bytes: &[u8],
) -> Result<Vec<u8>, String> {
    let line: Line = serde_json::from_slice(bytes)
        .map_err(|e| format!("spinscan: error: {input}:{number}: {e}"))?;
    let report = detector.analyze(&line.text);
    let mut out = Vec::with_capacity(256);
    let written = match format {
        Format::Text => {
            let name = format!("{input}:{number} id={}", line.id);
            write_text(&mut out, &name, &line.text, &report)
        }
        Format::Json | Format::Jsonl => {
            serde_json::to_writer(&mut out, &WithId { id: &line.id, report: &report })
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
    };
    // Writing into a Vec cannot fail; keep the error path anyway rather than unwrap.
    written.map_err(|e| format!("spinscan: error: {input}:{number}: {e}"))?;
    Ok(out)
}

/// The human format: the verdict, then each flagged sentence with its artifacts marked.
fn write_text(out: &mut impl Write, name: &str, text: &str, report: &Report) -> io::Result<()> {
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
fn has_evidence(s: &SentenceReport) -> bool {
    s.matches.iter().map(|m| m.weight).sum::<f64>() > 0.0
}

/// The verdict line's count of unflagged sentences that still have matches: the weak evidence
/// the document score pools (`--format json` lists it).
fn weak_note(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => ", 1 more with weak evidence".to_string(),
        n => format!(", {n} more with weak evidence"),
    }
}

/// One flagged sentence with each artifact marked `[artifact → original]`.
fn write_sentence(out: &mut impl Write, text: &str, s: &SentenceReport) -> io::Result<()> {
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

fn oneline(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let run = |threads: usize| {
            let (mut out, mut err, mut failed) = (Vec::new(), Vec::new(), false);
            let job = Jsonl { detector: &detector, input: "in", format: Format::Jsonl, threads };
            let reader = BufReader::with_capacity(64, FailsAfter { data: input.as_bytes() });
            job.run(reader, &mut out, &mut err, &mut failed).unwrap();
            (String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap(), failed)
        };
        let (out1, err1, failed1) = run(1);
        assert!(failed1);
        assert_eq!(out1.lines().count(), 240);
        assert_eq!(err1.lines().count(), 61, "60 bad lines, then the read error:\n{err1}");
        assert!(err1.lines().last().unwrap().contains("in:301: disk on fire"), "{err1}");
        for threads in [2, 3, 8] {
            let (out, err, failed) = run(threads);
            assert!(out == out1, "{threads} threads: output differs");
            assert_eq!(err, err1, "{threads} threads: messages differ or are out of order");
            assert!(failed);
        }
    }
}
