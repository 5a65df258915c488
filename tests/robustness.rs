//! Robustness: evasion characters, resource bounds, invalid UTF-8, threads, CLI failure modes.
//!
//! The sizes here are CI-friendly. The `#[ignore]`d `full_size_*` tests repeat the resource
//! checks at full size: `cargo test --release --test robustness -- --ignored`. No test here
//! asserts on time; memory bounds are measured with a per-thread counting allocator.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use spinscan::text::MAX_SENTENCE_BYTES;
use spinscan::{Detector, Dictionary, Kind, Report, SentenceReport, Summary};

// ---------------------------------------------------------------------------------------------
// A counting allocator: live and peak bytes per thread, so tests running in parallel on other
// threads do not disturb a measurement.

struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn track(delta: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        track(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            track(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Runs `f` and returns its result and the most bytes it had allocated (net) at any moment
/// on this thread.
fn peak_bytes<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let out = f();
    (out, (PEAK.with(Cell::get) - base).max(0) as usize)
}

// ---------------------------------------------------------------------------------------------
// Shared helpers.

const TSV: &str = "\
unique pressures\tspecial forces\tsynonym\t3
resistance boxers\topposition fighters\tsynonym\t3
and also\tand\tfiller\t0.5
neural organization\tneural network\ttortured-phrase\t4
profound learning\tdeep learning\ttortured-phrase\t4
counterfeit consciousness\tartificial intelligence\ttortured-phrase\t4
";

static DETECTOR: LazyLock<Detector> = LazyLock::new(|| {
    Detector::builder()
        .no_default_dictionary()
        .dictionary_tsv(TSV, "robustness.tsv")
        .build()
        .unwrap()
});

fn assert_well_formed(text: &str, report: &Report) {
    assert!(report.score.is_finite() && (0.0..=1.0).contains(&report.score), "{}", report.score);
    let mut last_end = 0;
    for s in &report.sentences {
        assert!(s.start < s.end && s.end <= text.len(), "{}..{}", s.start, s.end);
        assert!(s.start >= last_end, "sentences overlap or are out of order");
        assert!(s.end - s.start <= MAX_SENTENCE_BYTES, "sentence of {} bytes", s.end - s.start);
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(s.score.is_finite() && (0.0..=1.0).contains(&s.score));
        let mut match_end = s.start;
        for m in &s.matches {
            assert!(m.start >= match_end && m.end <= s.end, "match {m:?} outside its sentence");
            assert_eq!(&text[m.start..m.end], m.artifact);
            match_end = m.end;
        }
        last_end = s.end;
    }
}

/// Streams `reader`, keeping every sentence report (and only the reports).
fn stream_reports(d: &Detector, reader: impl Read) -> (Summary, Vec<SentenceReport>) {
    let mut out = Vec::new();
    let summary = d
        .analyze_reader(reader, |_, s| {
            out.push(s.clone());
            Ok(())
        })
        .unwrap();
    (summary, out)
}

fn assert_stream_equals(d: &Detector, text: &str, report: &Report) {
    let (summary, sentences) = stream_reports(d, text.as_bytes());
    assert!(sentences == report.sentences, "streamed sentences differ from the whole-text report");
    assert_eq!(summary.score, report.score);
    assert_eq!(summary.sentences, report.sentences.len());
    assert_eq!(summary.flagged, report.flagged().count());
    assert_eq!(summary.invalid_bytes, 0);
}

/// A reader of `len` bytes repeating `unit`, generated on the fly (nothing held in memory).
struct Repeat {
    unit: &'static [u8],
    len: usize,
    pos: usize,
}

fn repeat(unit: &'static str, len: usize) -> Repeat {
    Repeat { unit: unit.as_bytes(), len, pos: 0 }
}

impl Read for Repeat {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(self.len - self.pos);
        for (i, b) in buf[..n].iter_mut().enumerate() {
            *b = self.unit[(self.pos + i) % self.unit.len()];
        }
        self.pos += n;
        Ok(n)
    }
}

// ---------------------------------------------------------------------------------------------
// Evasion.

#[test]
fn evasion_characters_score_like_plain_text_and_offsets_slice_the_evasive_text() {
    let plain = "We trained a neural organization with profound learning. The unique pressures \
                 and also resistance boxers left. Nothing else happened here.";
    let d = &*DETECTOR;
    let base = d.analyze(plain);
    assert_eq!(base.sentences.len(), 3);
    assert_eq!(base.matches().count(), 5, "{:?}", base.matches().collect::<Vec<_>>());
    assert!(base.sentences[0].spun && base.sentences[1].spun && !base.sentences[2].spun);

    type Evasion = (&'static str, fn(&str) -> String);
    let evasions: &[Evasion] = &[
        ("zero-width space", |t| {
            t.replace("ural", "u\u{200B}ral").replace("sures", "su\u{200B}res")
        }),
        ("zero-width joiners", |t| t.replace("found", "fo\u{200C}u\u{200D}nd")),
        ("word joiner and BOM", |t| t.replace("unique", "un\u{2060}iq\u{FEFF}ue")),
        ("soft hyphens", |t| t.replace("organization", "orga\u{AD}ni\u{AD}zation")),
        ("combining marks", |t| {
            t.replace("learning", "le\u{301}arning").replace("boxers", "bo\u{308}xers")
        }),
        ("NBSP between words", |t| t.replace("unique pressures", "unique\u{A0}pressures")),
        ("ideographic space", |t| t.replace("and also", "and\u{3000}also")),
        ("full-width letters", |t| {
            t.replace("profound", "ｐｒｏｆｏｕｎｄ").replace("resistance", "ＲＥＳＩＳＴＡＮＣＥ")
        }),
        ("Cyrillic look-alikes", |t| {
            t.replace("neural", "nеurаl").replace("pressures", "рrеssurеs").replace("also", "аlsо")
        }),
        ("Greek look-alikes", |t| {
            t.replace("organization", "οrgαnizαtiοn").replace("boxers", "bοxεrs")
        }),
        ("everything at once", |t| {
            t.replace("neural organization", "ｎе\u{200B}ural\u{A0}οrga\u{AD}nization")
                .replace("unique pressures", "UNIQ\u{301}UE\u{2060} рrеssures")
        }),
    ];
    for (name, evade) in evasions {
        let text = evade(plain);
        assert_ne!(text, plain, "{name}: the evasion changed nothing");
        let r = d.analyze(&text);
        assert_well_formed(&text, &r);
        assert_eq!(r.score, base.score, "{name}: document score");
        assert_eq!(r.sentences.len(), base.sentences.len(), "{name}");
        for (s, b) in r.sentences.iter().zip(&base.sentences) {
            assert_eq!((s.score, s.spun), (b.score, b.spun), "{name}: sentence score");
            let got: Vec<(&str, f64, Kind)> =
                s.matches.iter().map(|m| (m.original.as_str(), m.weight, m.kind)).collect();
            let want: Vec<(&str, f64, Kind)> =
                b.matches.iter().map(|m| (m.original.as_str(), m.weight, m.kind)).collect();
            assert_eq!(got, want, "{name}: matches");
        }
        // Every evasive character inside an artifact is inside the reported span.
        let spans: String = r.matches().map(|m| m.artifact.as_str()).collect();
        let extra: Vec<char> = text.chars().filter(|c| !plain.contains(*c)).collect();
        let extra_in_spans: Vec<char> = spans.chars().filter(|c| !plain.contains(*c)).collect();
        assert_eq!(extra_in_spans, extra, "{name}: evasive characters outside the reported spans");
        assert_stream_equals(d, &text, &r);
    }
}

/// Found by tests/properties.rs: a torn hyphen right after a dictionary match ("unique
/// pressures- split") was reported from the match's last word, overlapping the match.
#[test]
fn torn_hyphen_after_an_artifact_does_not_overlap_it() {
    for text in [
        "The unique pressures- split up.",
        "The unique pressures-\rsplit",
        "A unique pressures–\tboxers",
    ] {
        let r = DETECTOR.analyze(text);
        assert_well_formed(text, &r);
        assert_eq!(
            r.matches().next().map(|m| m.original.as_str()),
            Some("special forces"),
            "{text}"
        );
    }
    // A tear that does not touch a match is still evidence.
    let r = DETECTOR.analyze("The battle- split nation.");
    assert_eq!(r.matches().map(|m| m.kind).collect::<Vec<_>>(), [Kind::TornHyphen]);
}

// ---------------------------------------------------------------------------------------------
// Resource bounds at CI-friendly sizes. No timing assertions: a quadratic regression shows up
// as a hung test, memory growth as a failed bound.

/// A long text with no newline and no sentence terminator: cut into bounded sentences, all
/// of it covered, the phrases found (except those a cut happens to split).
fn check_no_newline(len: usize) {
    let unit = "the unique pressures and also some cats ";
    let text = unit.repeat(len / unit.len());
    let d = &*DETECTOR;
    let r = d.analyze(&text);
    assert_well_formed(&text, &r);
    assert!(r.sentences.len() >= text.len() / MAX_SENTENCE_BYTES, "{}", r.sentences.len());
    let covered: usize = r.sentences.iter().map(|s| s.end - s.start).sum();
    assert!(covered + r.sentences.len() >= text.len() - 1, "only {covered} bytes in sentences");
    let repeats = text.len() / unit.len();
    let found = r.matches().filter(|m| m.original == "special forces").count();
    assert!(found <= repeats && found + r.sentences.len() >= repeats, "{found} of {repeats}");
    assert_stream_equals(d, &text, &r);
}

#[test]
fn four_megabytes_without_a_newline() {
    check_no_newline(4 << 20);
}

/// One run of a single character with no white space at all: cut at char boundaries.
fn check_single_run(unit: &'static str, len: usize) {
    let text = unit.repeat(len / unit.len());
    let d = &*DETECTOR;
    let r = d.analyze(&text);
    assert_well_formed(&text, &r);
    // Runs without words ("....", "😀😀") are skipped as non-prose, not reported.
    assert!(r.sentences.len() + r.skipped >= text.len() / MAX_SENTENCE_BYTES);
    if r.skipped == 0 {
        assert_eq!(r.sentences.first().map(|s| s.start), Some(0), "{unit:?}");
        assert_eq!(r.sentences.last().map(|s| s.end), Some(text.len()), "{unit:?}");
    } else {
        assert!(r.sentences.is_empty(), "{unit:?}");
    }
    assert!(r.matches().next().is_none());
    assert_stream_equals(d, &text, &r);
}

#[test]
fn one_megabyte_single_sentence() {
    for unit in ["a", "é", "😀", "x\u{301}", ".", "?!", "\u{201D}", ")."] {
        check_single_run(unit, 1 << 20);
    }
}

#[test]
fn one_megabyte_of_white_space_has_no_sentences() {
    for unit in [" ", "\n", "\t\r\n", "\u{A0}", "\u{3000}", "\u{200B}"] {
        let text = unit.repeat((1 << 20) / unit.len());
        let r = DETECTOR.analyze(&text);
        assert!(r.sentences.is_empty(), "{unit:?}: {} sentences", r.sentences.len());
        let (summary, sentences) = stream_reports(&DETECTOR, text.as_bytes());
        assert!(sentences.is_empty() && summary.sentences == 0, "{unit:?}");
        assert_eq!(summary.score, r.score);
    }
}

fn check_tiny_lines(lines: usize) {
    let mut text = String::with_capacity(lines * 12);
    for i in 0..lines {
        text.push_str(if i % 2 == 0 { "Unique pressures\n" } else { "B\n" });
    }
    let d = &*DETECTOR;
    let r = d.analyze(&text);
    assert_well_formed(&text, &r);
    assert_eq!(r.sentences.len(), lines);
    assert_eq!(r.matches().count(), lines.div_ceil(2));
    assert!(r.spun);
    assert_stream_equals(d, &text, &r);
}

#[test]
fn two_hundred_thousand_tiny_lines() {
    check_tiny_lines(200_000);
}

/// A generated dictionary of `n` two-word entries with distinct made-up words. The words have
/// no vowels, so no stemming rule applies and every entry keeps its own key.
fn generated_tsv(n: usize) -> String {
    const LETTERS: &[u8] = b"bcdfghjklmnpqrtvwxz";
    let word = |mut i: usize, salt: &str| {
        let mut w = String::from(salt);
        loop {
            w.push(LETTERS[i % LETTERS.len()] as char);
            i /= LETTERS.len();
            if i == 0 {
                return w;
            }
        }
    };
    let mut tsv = String::with_capacity(n * 40);
    for i in 0..n {
        let kind = Kind::ALL[i % Kind::ALL.len()];
        let weight = (i % 40) as f64 / 2.0 - 10.0;
        tsv.push_str(&format!("{} {}\torig {i}\t{kind}\t{weight}\n", word(i, "zq"), word(i, "xv")));
    }
    tsv
}

fn check_generated_dictionary(n: usize) {
    let tsv = generated_tsv(n);
    let dict = Dictionary::from_tsv(&tsv, "generated.tsv").unwrap();
    assert_eq!(dict.len(), n);
    assert_eq!(dict.iter().count(), n);
    let again = Dictionary::from_compiled(dict.as_bytes().to_vec(), "generated.bin").unwrap();
    assert_eq!(again.len(), n);
    let lines: Vec<&str> = tsv.lines().collect();
    let d = Detector::builder().no_default_dictionary().dictionary(again).build().unwrap();
    let mut text = String::new();
    let picks: Vec<usize> = (0..50).map(|k| (k * 7919 + 13) % n).collect();
    for &i in &picks {
        let artifact = lines[i].split('\t').next().unwrap();
        assert_eq!(
            d.dictionary().get(artifact).map(|e| e.original.to_string()),
            Some(format!("orig {i}"))
        );
        text.push_str(&format!("Then {artifact} came. "));
    }
    let r = d.analyze(&text);
    assert_well_formed(&text, &r);
    let found: Vec<String> = r.matches().map(|m| m.original.clone()).collect();
    // Weight-0 entries (i % 40 == 20) cover their words and are not reported.
    let want: Vec<String> =
        picks.iter().filter(|&i| i % 40 != 20).map(|i| format!("orig {i}")).collect();
    assert_eq!(found, want);
}

#[test]
fn hundred_thousand_entry_dictionary() {
    check_generated_dictionary(100_000);
}

/// Streaming memory stays bounded whatever the input: measured, not assumed.
fn check_stream_memory(reader: impl Read, limit: usize) -> Summary {
    let d = &*DETECTOR;
    d.analyze("warm up"); // per-thread buffers are not what is measured
    let (summary, peak) = peak_bytes(|| {
        let mut sentences = 0usize;
        let summary = d
            .analyze_reader(reader, |text, s| {
                assert!(text.len() <= MAX_SENTENCE_BYTES && s.end - s.start == text.len());
                sentences += 1;
                Ok(())
            })
            .unwrap();
        assert_eq!(summary.sentences, sentences);
        summary
    });
    assert!(peak <= limit, "streaming held {peak} bytes at once (limit {limit})");
    summary
}

/// The reader's block (256 KiB) and the text it decodes into, plus at most one sentence and
/// the look-ahead after it: about 1.3 MB in practice.
const STREAM_LIMIT: usize = 2 << 20;

/// As [`STREAM_LIMIT`], when the one sentence held is as long as a sentence can be and dense
/// with matches: its report (a `Match` with two strings per artifact) adds about 0.9 MB.
const DENSE_STREAM_LIMIT: usize = 3 << 20;

#[test]
fn streaming_memory_is_bounded_on_degenerate_input() {
    let len = 3 << 20; // more than the limit: holding the input would fail
    let s = check_stream_memory(repeat("word ", len), STREAM_LIMIT);
    assert!(s.sentences >= len / MAX_SENTENCE_BYTES);
    let dense = 4 << 20; // more than the dense limit
    let s = check_stream_memory(
        repeat("the unique pressures and also cats ", dense),
        DENSE_STREAM_LIMIT,
    );
    assert!(s.spun && s.sentences >= dense / MAX_SENTENCE_BYTES);
    for unit in [" ", "\n", ".", "\u{201D}"] {
        check_stream_memory(repeat(unit, len), STREAM_LIMIT);
    }
    // A terminator followed by a very long run of white space, then text.
    for (fill, tail) in [(" ", "Then unique pressures came."), ("\n", "then more.")] {
        let make = || (&b"It ended."[..]).chain(repeat(fill, len)).chain(tail.as_bytes());
        let s = check_stream_memory(make(), STREAM_LIMIT);
        let mut whole = String::new();
        make().read_to_string(&mut whole).unwrap();
        let r = DETECTOR.analyze(&whole);
        assert_eq!((s.sentences, s.score), (r.sentences.len(), r.score), "{fill:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Full-size variants: `cargo test --release --test robustness -- --ignored`.

#[test]
#[ignore = "full size: run with --release -- --ignored"]
fn full_size_hundred_megabytes_without_a_newline() {
    check_no_newline(100 << 20);
    let len = 100 << 20;
    let s =
        check_stream_memory(repeat("the unique pressures and also cats ", len), DENSE_STREAM_LIMIT);
    assert!(s.spun && s.sentences >= len / MAX_SENTENCE_BYTES);
    for unit in [" ", ".", "a", "\n", "\u{A0}", "!?", ". ", ".\n", "\u{201D}", "\u{200B}"] {
        check_stream_memory(repeat(unit, len), STREAM_LIMIT);
    }
}

#[test]
#[ignore = "full size: run with --release -- --ignored"]
fn full_size_million_entry_dictionary() {
    check_generated_dictionary(1_000_000);
}

#[test]
#[ignore = "full size: run with --release -- --ignored"]
fn full_size_million_lines() {
    check_tiny_lines(1_000_000);
    check_single_run("é", 64 << 20);
}

// ---------------------------------------------------------------------------------------------
// Invalid UTF-8 through `analyze_reader`.

#[test]
fn invalid_utf8_is_counted_and_offsets_point_into_the_original_bytes() {
    let block = 256 * 1024; // the reader's block size: put damage on both sides of a boundary
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"\xff\xfeThe unique pressures\xc0 came. ");
    while bytes.len() < block - 2 {
        bytes.extend_from_slice(b"Filler words here. ");
    }
    bytes.truncate(block - 2);
    bytes.extend_from_slice("😀".as_bytes()); // straddles the block boundary
    bytes.extend_from_slice(b" Resistance \xed\xa0\x80boxers left. ");
    bytes.extend_from_slice(b"profound learning \xf0\x9f\x98"); // truncated at the very end
    let (summary, sentences) = stream_reports(&DETECTOR, &bytes[..]);
    assert_eq!(summary.invalid_bytes, 2 + 1 + 3 + 3);
    let matches: Vec<_> = sentences.iter().flat_map(|s| &s.matches).collect();
    let originals: Vec<&str> = matches.iter().map(|m| m.original.as_str()).collect();
    // An invalid byte separates words like punctuation: "resistance boxers" is broken.
    assert_eq!(originals, ["special forces", "deep learning"]);
    for m in &matches {
        assert_eq!(&bytes[m.start..m.end], m.artifact.as_bytes(), "offsets into the original");
    }
    for s in &sentences {
        assert!(s.end <= bytes.len());
    }
    // The sentence holding the emoji across the block boundary is intact.
    let emoji_at = block - 2;
    assert!(sentences.iter().any(|s| s.start <= emoji_at && emoji_at + 4 <= s.end));
    // Whole input invalid: counted, nothing found, no sentence of text lost.
    let junk: Vec<u8> = (0..100_000u32).map(|i| 0x80 | (i % 64) as u8).collect();
    let (summary, _) = stream_reports(&DETECTOR, &junk[..]);
    assert_eq!(summary.invalid_bytes, junk.len());
}

// ---------------------------------------------------------------------------------------------
// Thread safety.

#[test]
fn one_detector_shared_across_threads_equals_single_threaded_results() {
    let d = Arc::new(DETECTOR.clone());
    let texts: Arc<Vec<String>> = Arc::new(
        (0..64)
            .map(|i| match i % 4 {
                0 => format!("Doc {i}: the unique pressures and also resistance boxers. Fine."),
                1 => format!("Doc {i}: we used profound learning on a neural organization."),
                2 => format!("Doc {i}: nothing to see. {}", "word ".repeat(i * 50)),
                _ => format!("Doc {i}: ｕｎｉｑｕｅ рrеssurеs\u{200B}! {}", "é ".repeat(i)),
            })
            .collect(),
    );
    let expected: Vec<Report> = texts.iter().map(|t| d.analyze(t)).collect();
    assert!(expected.iter().filter(|r| r.spun).count() >= 32);
    let handles: Vec<_> = (0..8)
        .map(|k| {
            let (d, texts) = (Arc::clone(&d), Arc::clone(&texts));
            std::thread::spawn(move || {
                // Each thread walks the documents in its own order, through every entry point.
                let mut out: Vec<(usize, Report)> = Vec::new();
                for j in 0..texts.len() {
                    let i = (j * (2 * k + 1) + k) % texts.len();
                    out.push((i, d.analyze(&texts[i])));
                    let (summary, _) = stream_reports(&d, texts[i].as_bytes());
                    assert_eq!(summary.score, out.last().unwrap().1.score);
                }
                let batch = d.analyze_batch_threads(&texts[..], 3);
                (out, batch)
            })
        })
        .collect();
    for h in handles {
        let (out, batch) = h.join().expect("no thread panicked");
        for (i, r) in out {
            assert_eq!(r, expected[i], "document {i}");
        }
        assert_eq!(batch, expected);
    }
}

// ---------------------------------------------------------------------------------------------
// CLI failure modes not covered by tests/cli.rs.

fn write_dict(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("dict.tsv");
    std::fs::write(&path, TSV).unwrap();
    path
}

const SPUN: &str = "The unique pressures and also resistance boxers arrived.";

#[cfg(unix)]
#[test]
fn unreadable_file_is_reported_and_other_inputs_still_run() {
    use std::os::unix::fs::PermissionsExt;
    let dir = common::temp_dir("unreadable");
    let dict = write_dict(&dir);
    let (locked, good) = (dir.join("locked.txt"), dir.join("good.txt"));
    std::fs::write(&locked, SPUN).unwrap();
    std::fs::write(&good, SPUN).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // Running as root (or with CAP_DAC_OVERRIDE): permissions do not stop reads, so
        // mode 000 cannot make a file unreadable here. The read-error path is covered by
        // `read_error_mid_input_is_reported` instead; say so rather than pass silently.
        eprintln!(
            "note: mode 000 does not block reads for this user; unreadable-file case skipped"
        );
    } else {
        let args = ["--no-default-dict", "--dict", dict.to_str().unwrap(), "--format", "jsonl"];
        let out = common::spinscan(
            &[&args[..], &[locked.to_str().unwrap(), good.to_str().unwrap()]].concat(),
            b"",
        );
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("locked.txt") && stderr.contains("ermission denied"), "{stderr}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(stdout.lines().count(), 1, "{stdout}");
        assert!(stdout.contains("good.txt") && stdout.contains("\"spun\":true"), "{stdout}");
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::remove_dir_all(dir).ok();
}

/// `/proc/self/mem` opens but fails on read (EIO at offset 0) even for root: a real read
/// error, reported, with the exit status 2 and the other inputs still analyzed.
#[cfg(target_os = "linux")]
#[test]
fn read_error_mid_input_is_reported() {
    let dir = common::temp_dir("eio");
    let dict = write_dict(&dir);
    let good = dir.join("good.txt");
    std::fs::write(&good, SPUN).unwrap();
    for format in ["jsonl", "text"] {
        let args = ["--no-default-dict", "--dict", dict.to_str().unwrap(), "--format", format];
        let out = common::spinscan(
            &[&args[..], &["/proc/self/mem", good.to_str().unwrap()]].concat(),
            b"",
        );
        assert_eq!(out.status.code(), Some(2), "{format}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("/proc/self/mem") && !stderr.contains("panicked"), "{stderr}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        if format == "jsonl" {
            for line in stdout.lines() {
                serde_json::from_str::<serde_json::Value>(line).expect("every line is valid JSON");
            }
            assert!(stdout.lines().any(|l| l.contains("good.txt") && l.contains("\"spun\":true")));
            // The failed input gets no verdict, not a "not spun" one.
            let failed: serde_json::Value = stdout
                .lines()
                .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
                .find(|v| v["input"] == "/proc/self/mem")
                .expect("an object for the failed input");
            assert!(failed["spun"].is_null() && failed["score"].is_null(), "{failed}");
            assert!(failed["error"].is_string(), "{failed}");
        } else {
            assert!(stdout.contains("good.txt") && stdout.contains("SPUN"), "{stdout}");
            assert!(stdout.contains("/proc/self/mem: NO VERDICT"), "{stdout}");
        }
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn invalid_utf8_in_files_and_json_lines() {
    let dir = common::temp_dir("utf8");
    let dict = write_dict(&dir);
    let bad = dir.join("bad.txt");
    let mut bytes = b"\xffThe unique pressures\xfe arrived. ".to_vec();
    bytes.extend_from_slice(b"Resistance boxers left.\xc3");
    std::fs::write(&bad, &bytes).unwrap();
    let base = ["--no-default-dict", "--dict", dict.to_str().unwrap()];
    let out =
        common::spinscan(&[&base[..], &["--format", "json", bad.to_str().unwrap()]].concat(), b"");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("3 bytes of invalid UTF-8"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["invalid_bytes"], 3);
    for m in
        v["sentences"].as_array().unwrap().iter().flat_map(|s| s["matches"].as_array().unwrap())
    {
        let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
        assert_eq!(&bytes[s..e], m["artifact"].as_str().unwrap().as_bytes());
    }

    // A JSON line with invalid UTF-8 or a lone surrogate is analyzed like a file: each invalid
    // byte as U+001A, a lone surrogate as its three WTF-8 bytes (README, JSON lines contract).
    let mut input = b"{\"id\":1,\"text\":\"bad \xff byte\"}\n".to_vec();
    input.extend_from_slice(format!("{{\"id\":2,\"text\":\"{SPUN}\"}}\n").as_bytes());
    input.extend_from_slice(b"{\"id\":3,\"text\":\"\\ud800 lone surrogate\"}\n");
    input.extend_from_slice(b"{\"id\":4,\"text\":\"\\u0000\\u200b\\u00ad\"}\n");
    let out =
        common::spinscan(&[&base[..], &["--jsonl-input", "--format", "jsonl"]].concat(), &input);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "line 2 is spun: {stderr}");
    let reports: Vec<(serde_json::Value, serde_json::Value)> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| (v["id"].clone(), v["invalid_bytes"].clone()))
        .collect();
    let expected: Vec<(serde_json::Value, serde_json::Value)> =
        [(1, 1), (2, 0), (3, 3), (4, 0)].iter().map(|&(i, n)| (i.into(), n.into())).collect();
    assert_eq!(reports, expected);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn dictionary_that_is_a_directory_or_empty_input() {
    let dir = common::temp_dir("dictdir");
    let out = common::spinscan(&["--dict", dir.to_str().unwrap()], b"x");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(dir.to_str().unwrap()) && !stderr.contains("panicked"), "{stderr}");

    let dict = write_dict(&dir);
    let out = common::spinscan(
        &["--no-default-dict", "--dict", dict.to_str().unwrap(), "--format", "json"],
        b"",
    );
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sentences"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["spun"], false);
    std::fs::remove_dir_all(dir).ok();
}
