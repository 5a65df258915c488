//! The `spinscan` command: analyze files or JSON lines and print reports.

mod document;
mod jsonl;
mod output;

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use spinscan::{Detector, SentenceReport};

use document::{run_document, run_whole};
use jsonl::{JsonlOptions, run_jsonl};

const USAGE: &str = "\
usage: spinscan [OPTIONS] [FILE|-]...

Scores text for article spinning (synonym-substitution artifacts). With no FILE, or with -,
reads standard input.

options:
  --dict PATH          add a dictionary (TSV source or compiled); repeatable; later wins
  --no-default-dict    do not load the embedded default dictionary
  --allow FILE         never report these phrases (one per line, # comments); repeatable
  --pps FILE           add a tortured-phrase catalogue in PPS CSV query syntax; repeatable
  --threshold P        score threshold in [0,1] for `spun` (default 0.5)
  --format FORMAT      text (default), json (one object per input) or jsonl (one line per document)
  --jsonl-input        each input line is {\"id\": ..., \"text\": \"...\"}; output carries the id
  --threads N          threads for --jsonl-input (default: the number of CPUs, at most 256);
                       output keeps the input order
  --max-line-bytes N   --jsonl-input: longer lines get an error record (default 16M; K/M/G)
  --sentences WHICH    sentences listed in json/jsonl output: all (default), matched (with
                       evidence) or flagged
  -h, --help           print this help
  -V, --version        print the version

exit status: 0 on success, 2 on usage, I/O or dictionary errors (other inputs still run)";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Json,
    Jsonl,
}

/// Which sentences the JSON formats list (`--sentences`): all, or only those with evidence, so
/// that the output grows with the evidence rather than with the input.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Sentences {
    All,
    /// Sentences with at least one match: every sentence whose evidence counts in the score.
    Matched,
    /// Sentences whose score reaches the threshold.
    Flagged,
}

impl Sentences {
    fn keeps(self, s: &SentenceReport) -> bool {
        match self {
            Sentences::All => true,
            Sentences::Matched => !s.matches.is_empty(),
            Sentences::Flagged => s.spun,
        }
    }
}

struct Args {
    dicts: Vec<PathBuf>,
    allow: Vec<PathBuf>,
    pps: Vec<PathBuf>,
    no_default: bool,
    threshold: Option<f64>,
    format: Format,
    jsonl_input: bool,
    threads: usize,
    threads_given: bool,
    max_line_bytes: usize,
    sentences: Sentences,
    inputs: Vec<String>,
}

fn parse_args() -> Result<Args, lexopt::Error> {
    use lexopt::prelude::*;
    let mut args = Args {
        dicts: Vec::new(),
        allow: Vec::new(),
        pps: Vec::new(),
        no_default: false,
        threshold: None,
        format: Format::Text,
        jsonl_input: false,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        threads_given: false,
        max_line_bytes: jsonl::DEFAULT_MAX_LINE_BYTES,
        sentences: Sentences::All,
        inputs: Vec::new(),
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("dict") => args.dicts.push(parser.value()?.into()),
            Long("allow") => args.allow.push(parser.value()?.into()),
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
            Long("max-line-bytes") => {
                let v = parser.value()?;
                let v = v.to_str().unwrap_or_default();
                args.max_line_bytes =
                    jsonl::parse_size(v).map_err(|e| format!("--max-line-bytes: {e}"))?;
            }
            Long("sentences") => {
                let v = parser.value()?;
                args.sentences = match v.to_str() {
                    Some("all") => Sentences::All,
                    Some("matched") => Sentences::Matched,
                    Some("flagged") => Sentences::Flagged,
                    _ => {
                        let e = format!("--sentences must be all, matched or flagged, not {v:?}");
                        return Err(e.into());
                    }
                };
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
    for a in &args.allow {
        builder = builder.allow_path(a);
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
            let options = JsonlOptions {
                threads: args.threads,
                max_line_bytes: args.max_line_bytes,
                sentences: args.sentences,
            };
            run_jsonl(&detector, input, args.format, options, &mut out, &mut failed)
        } else if detector.has_document_rules() {
            run_whole(&detector, input, args.format, args.sentences, &mut out, &mut failed)
        } else {
            run_document(&detector, input, args.format, args.sentences, &mut out, &mut failed)
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

/// Opens an input: a path, or `-` for standard input. A directory is an error.
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
