//! The `spinscan` command: analyze files or JSON lines and print reports.

mod document;
mod html;
mod jsonl;
mod output;
mod walk;

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use spinscan::{Detector, SentenceReport};

use output::{ColorChoice, text_width, use_colour};

use document::run_document;
use jsonl::{JsonlOptions, run_jsonl};

const USAGE: &str = "\
usage: spinscan [OPTIONS] [FILE|DIR|-]...

Scores English text for article spinning (synonym-substitution artifacts). With no FILE, or
with -, reads standard input. A DIR is searched recursively for text files (hidden files and
directories, symbolic links and binary files, with a NUL byte in their first 8 KiB, are
skipped), in sorted order.

options:
  --dict PATH          add a dictionary (TSV source or compiled); repeatable; later wins
  --no-default-dict    do not load the embedded default dictionary
  --allow FILE         never report these phrases (one per line, # comments); repeatable
  --pps FILE           add a tortured-phrase catalogue in PPS CSV query syntax; repeatable
  --threshold P        score threshold in [0,1] for `spun` (default 0.5)
  --any-language       judge text in every language (default: only English text is judged;
                       for dictionaries of another language's artifacts)
  --format FORMAT      text (default), json (one object per input), jsonl (one line per
                       document) or html (one self-contained page for all inputs)
  --input KIND         text or html (default: html for files named *.html, *.htm or *.xhtml,
                       text otherwise); html skips tags, comments, scripts and styles, decodes
                       entities, ends sentences at block tags, and reads each document whole
  --jsonl-input        each input line is {\"id\": ..., \"text\": \"...\"}; output carries the id
  --threads N          threads for --jsonl-input (default: the number of CPUs, at most 256);
                       output keeps the input order
  --max-line-bytes N   --jsonl-input: longer lines get an error record (default 16M; K/M/G)
  --sentences WHICH    sentences listed in json/jsonl output: all (default), matched (with
                       evidence) or flagged
  -q, --quiet          print nothing; only the exit status tells
  -c, --count          print `NAME:N` per input, N its flagged sentences (instead of reports)
  -l, --files-with-spun
                       print the name of each spun input (instead of reports)
  --exit-zero          exit 0 even when an input is spun (errors still exit 2)
  --color WHEN         colour the text format: auto (default: on a terminal, unless NO_COLOR
                       is set), always or never
  --width N            wrap text output to N columns (0: never; default: the terminal's
                       width, no wrapping when not a terminal)
  -h, --help           print this help
  -V, --version        print the version

exit status: 0 when no input is spun, 1 when at least one is (0 with --exit-zero), 2 on usage,
I/O or dictionary errors (other inputs still run; an error wins over a spun input)";

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
    any_language: bool,
    threshold: Option<f64>,
    format: Format,
    jsonl_input: bool,
    threads: usize,
    threads_given: bool,
    max_line_bytes: usize,
    sentences: Sentences,
    html: bool,
    input: Input,
    listing: Listing,
    exit_zero: bool,
    color: ColorChoice,
    width: Option<usize>,
    inputs: Vec<String>,
}

/// `--input`: how each input is read.
#[derive(Clone, Copy, PartialEq)]
enum Input {
    /// HTML for files named `*.html`, `*.htm` or `*.xhtml`; text otherwise (standard input too).
    Auto,
    Text,
    Html,
}

impl Input {
    /// Whether the input named `name` is read as HTML.
    fn is_html(self, name: &str) -> bool {
        match self {
            Input::Text => false,
            Input::Html => true,
            Input::Auto => Path::new(name).extension().and_then(|e| e.to_str()).is_some_and(|e| {
                ["html", "htm", "xhtml"].iter().any(|h| e.eq_ignore_ascii_case(h))
            }),
        }
    }
}

/// [`Detector::analyze_reader`], or [`Detector::analyze_html_reader`] for HTML: every output
/// format reads a document through this.
pub(crate) fn analyze_input<R: Read>(
    detector: &Detector,
    html: bool,
    reader: R,
    on_sentence: impl FnMut(&str, &SentenceReport) -> io::Result<()>,
) -> io::Result<spinscan::Summary> {
    if html {
        detector.analyze_html_reader(reader, on_sentence)
    } else {
        detector.analyze_reader(reader, on_sentence)
    }
}

/// `-q`, `-c` and `-l`: print no reports, only the exit status, counts or names.
#[derive(Clone, Copy, PartialEq)]
enum Listing {
    Reports,
    Quiet,
    Count,
    FilesWithSpun,
}

fn parse_args() -> Result<Args, lexopt::Error> {
    use lexopt::prelude::*;
    let mut args = Args {
        dicts: Vec::new(),
        allow: Vec::new(),
        pps: Vec::new(),
        no_default: false,
        any_language: false,
        threshold: None,
        format: Format::Text,
        jsonl_input: false,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        threads_given: false,
        max_line_bytes: jsonl::DEFAULT_MAX_LINE_BYTES,
        sentences: Sentences::All,
        html: false,
        input: Input::Auto,
        listing: Listing::Reports,
        exit_zero: false,
        color: ColorChoice::Auto,
        width: None,
        inputs: Vec::new(),
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("dict") => args.dicts.push(parser.value()?.into()),
            Long("allow") => args.allow.push(parser.value()?.into()),
            Long("pps") => args.pps.push(parser.value()?.into()),
            Long("no-default-dict") => args.no_default = true,
            Long("any-language") => args.any_language = true,
            Long("threshold") => args.threshold = Some(parser.value()?.parse()?),
            Long("format") => {
                let v = parser.value()?;
                args.html = v == "html";
                args.format = match v.to_str() {
                    Some("text" | "html") => Format::Text,
                    Some("json") => Format::Json,
                    Some("jsonl") => Format::Jsonl,
                    _ => {
                        return Err(format!(
                            "--format must be text, json, jsonl or html, not {v:?}"
                        )
                        .into());
                    }
                };
            }
            Long("jsonl-input") => args.jsonl_input = true,
            Long("input") => {
                let v = parser.value()?;
                args.input = match v.to_str() {
                    Some("text") => Input::Text,
                    Some("html") => Input::Html,
                    _ => return Err(format!("--input must be text or html, not {v:?}").into()),
                };
            }
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
            Short('q') | Long("quiet") => args.listing = Listing::Quiet,
            Short('c') | Long("count") => args.listing = Listing::Count,
            Short('l') | Long("files-with-spun") => args.listing = Listing::FilesWithSpun,
            Long("exit-zero") => args.exit_zero = true,
            Long("color" | "colour") => {
                let v = parser.value()?;
                args.color = match v.to_str() {
                    Some("auto") => ColorChoice::Auto,
                    Some("always") => ColorChoice::Always,
                    Some("never") => ColorChoice::Never,
                    _ => {
                        return Err(
                            format!("--color must be auto, always or never, not {v:?}").into()
                        );
                    }
                };
            }
            Long("width") => args.width = Some(parser.value()?.parse()?),
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
    if args.html && args.jsonl_input {
        return Err("--format html reports documents; it does not take --jsonl-input".into());
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
    if args.any_language {
        builder = builder.any_language();
    }
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
                for w in catalogue.warnings() {
                    eprintln!("spinscan: warning: {}:{}: {}", p.display(), w.line, w.reason);
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
    let terminal = io::stdout().is_terminal();
    output::set_style(output::Style {
        colour: use_colour(args.color, terminal, std::env::var_os("NO_COLOR").as_deref()),
        width: text_width(
            args.width,
            terminal,
            std::env::var_os("COLUMNS").as_deref(),
            terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)),
        ),
    });
    let stdout = io::stdout();
    let mut run = Run {
        detector: &detector,
        args: &args,
        out: if args.listing == Listing::Reports {
            Box::new(io::BufWriter::new(stdout.lock()))
        } else {
            Box::new(io::sink())
        },
        html: args.html.then(html::Page::default),
        terminal,
        failed: false,
    };
    let written = run.all();
    let spun = SPUN_DOCUMENTS.load(Ordering::Relaxed) > 0;
    match written {
        Ok(()) => {}
        // The reader went away (`| head`): stop quietly, with the status so far.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("spinscan: error: writing output: {e}");
            return ExitCode::from(2);
        }
    }
    if run.failed {
        ExitCode::from(2)
    } else if spun && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Documents judged spun and sentences flagged so far, for the exit status and `-c`/`-l`.
/// Every runner reports each verdict through [`found`] (`--jsonl-input` from its worker
/// threads, hence atomics).
static SPUN_DOCUMENTS: AtomicUsize = AtomicUsize::new(0);
static FLAGGED_SENTENCES: AtomicUsize = AtomicUsize::new(0);

/// Records one document's verdict (not for documents that failed: they have none).
pub(crate) fn found(spun: bool, flagged: usize) {
    SPUN_DOCUMENTS.fetch_add(usize::from(spun), Ordering::Relaxed);
    FLAGGED_SENTENCES.fetch_add(flagged, Ordering::Relaxed);
}

/// One run over every input.
struct Run<'a> {
    detector: &'a Detector,
    args: &'a Args,
    /// The reports; a sink with `-q`, `-c` and `-l`.
    out: Box<dyn Write + 'a>,
    html: Option<html::Page>,
    terminal: bool,
    failed: bool,
}

impl Run<'_> {
    fn all(&mut self) -> io::Result<()> {
        if let Some(page) = &mut self.html {
            page.begin(&mut self.out, &self.args.inputs)?;
        }
        let args = self.args;
        for input in &args.inputs {
            let path = Path::new(input);
            if input != "-" && path.is_dir() {
                let mut walk_failed = false;
                walk::walk(path, &mut |file| self.input(file), &mut walk_failed)?;
                self.failed |= walk_failed;
            } else {
                self.input(input)?;
            }
        }
        if let Some(page) = self.html.take() {
            page.end(&mut self.out)?;
        }
        self.out.flush()
    }

    /// Analyzes one input and writes its report (or its line for `-c`/`-l`).
    fn input(&mut self, input: &str) -> io::Result<()> {
        let (detector, args) = (self.detector, self.args);
        let spun_before = SPUN_DOCUMENTS.load(Ordering::Relaxed);
        let flagged_before = FLAGGED_SENTENCES.load(Ordering::Relaxed);
        let failed_before = std::mem::take(&mut self.failed);
        let out = &mut self.out;
        let failed = &mut self.failed;
        let html = args.input.is_html(input);
        let result = if let Some(page) = &mut self.html {
            page.document(detector, input, html, out, failed)
        } else if args.jsonl_input {
            let options = JsonlOptions {
                threads: args.threads,
                max_line_bytes: args.max_line_bytes,
                sentences: args.sentences,
                html,
            };
            run_jsonl(detector, input, args.format, options, out, failed)
        } else {
            run_document(detector, input, html, args.format, args.sentences, out, failed)
        };
        let this_failed = self.failed;
        self.failed |= failed_before; // kept even when writing failed: the status still says 2
        result?;
        let spun = SPUN_DOCUMENTS.load(Ordering::Relaxed) > spun_before;
        let flagged = FLAGGED_SENTENCES.load(Ordering::Relaxed) - flagged_before;
        // Names for a pipeline (`xargs`) are written as they are; on a terminal, escaped.
        let name = if self.terminal { output::printable(input) } else { input.into() };
        match args.listing {
            Listing::Count if !this_failed => writeln!(io::stdout(), "{name}:{flagged}"),
            Listing::FilesWithSpun if spun => writeln!(io::stdout(), "{name}"),
            _ => self.out.flush(),
        }
    }
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
