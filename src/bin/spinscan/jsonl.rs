//! `--jsonl-input`: one JSON object per line in, one report per line out, on several threads
//! with the output in input order.

use std::io::{self, BufRead, BufReader, Write};

use serde::{Deserialize, Serialize};
use spinscan::{Detector, Report};

use crate::Format;
use crate::open;
use crate::output::write_text;

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

pub(crate) fn run_jsonl(
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
                        Some(Ok((n, line))) => {
                            let size = line.len();
                            // Analyzed here only if no worker could start: the receiver lives in
                            // `job_rx` until the scope ends, so a send to the workers cannot fail.
                            let here = if workers > 0 {
                                job_tx.send((sent, n, line)).err().map(|e| e.0)
                            } else {
                                Some((sent, n, line))
                            };
                            if let Some((seq, n, line)) = here {
                                pending.insert(seq, analyze(n, &line));
                            }
                            size
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
