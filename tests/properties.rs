//! Property tests: invariants of every report, on arbitrary and adversarial text.
//!
//! Every property runs a whole-text analysis and checks the report's structure (sentence and
//! match spans, scores), then checks that the other entry points agree with it: a second run,
//! a fresh thread, `analyze_reader` in one piece and trickled a few bytes per read, and the
//! batch APIs. `PROPTEST_CASES=N` overrides the (debug-friendly) case counts.

use std::io::{self, Read};
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::test_runner::Config;
use spinscan::text::MAX_SENTENCE_BYTES;
use spinscan::{Detector, Kind, Report, SentenceReport, Summary};

#[path = "common/utf8_reference.rs"]
mod utf8_reference;
use utf8_reference::substitute;

/// A small dictionary with phrases of one to three words and every kind of entry. All
/// weights are positive, so a sentence holding a weight-3 match is always flagged.
const TSV: &str = "\
unique pressures\tspecial forces\tsynonym\t3
armed force stated\tmilitary said\tsynonym\t3
resistance boxers\topposition fighters\tsynonym\t3
and also\tand\tfiller\t0.5
has actually been\thas been\tfiller\t1
profound learning\tdeep learning\ttortured-phrase\t4
counterfeit consciousness\tartificial intelligence\ttortured-phrase\t4
carbon monoxide ordinating\tco-ordinating\tacronym-expansion\t4
colossal information\tbig data\ttortured-phrase\t3.5
bosom\tbreast\ttortured-phrase\t3
";

/// `(artifact, original, weight)` for every entry of [`TSV`].
const ARTIFACTS: &[(&str, &str, f64)] = &[
    ("unique pressures", "special forces", 3.0),
    ("armed force stated", "military said", 3.0),
    ("resistance boxers", "opposition fighters", 3.0),
    ("and also", "and", 0.5),
    ("has actually been", "has been", 1.0),
    ("profound learning", "deep learning", 4.0),
    ("counterfeit consciousness", "artificial intelligence", 4.0),
    ("carbon monoxide ordinating", "co-ordinating", 4.0),
    ("colossal information", "big data", 3.5),
    ("bosom", "breast", 3.0),
];

static DETECTOR: LazyLock<Detector> = LazyLock::new(|| {
    Detector::builder()
        .no_default_dictionary()
        .dictionary_tsv(TSV, "properties.tsv")
        .build()
        .expect("the test dictionary compiles")
});

/// `cases` unless `PROPTEST_CASES` asks for another number.
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(cases);
    Config { cases, ..Config::default() }
}

/// Characters the sentence trimmer removes: white space and invisible format characters.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{2060}')
}

fn check_score(what: &str, score: f64, spun: bool, threshold: f64) -> Result<(), TestCaseError> {
    prop_assert!(score.is_finite() && (0.0..=1.0).contains(&score), "{what} score {score}");
    prop_assert_eq!(spun, score >= threshold, "{} spun flag disagrees with {}", what, score);
    Ok(())
}

/// Every structural invariant of a report on `text`.
fn check_report(text: &str, report: &Report, threshold: f64) -> Result<(), TestCaseError> {
    check_score("document", report.score, report.spun, threshold)?;
    let mut last_end = 0;
    for (i, s) in report.sentences.iter().enumerate() {
        prop_assert!(s.start < s.end, "sentence {i} is empty: {}..{}", s.start, s.end);
        prop_assert!(s.end <= text.len(), "sentence {i} ends past the text");
        prop_assert!(s.start >= last_end, "sentence {i} overlaps or precedes the one before");
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        prop_assert!(s.end - s.start <= MAX_SENTENCE_BYTES, "sentence {i} is too long");
        // Nothing with a word in it is left out between sentences (sentences without words are
        // skipped as non-prose), and sentences are trimmed.
        let gap = &text[last_end..s.start];
        prop_assert!(!has_words(gap), "text lost between sentences: {gap:?}");
        prop_assert!(has_words(&text[s.start..s.end]), "sentence {i} has no words");
        let body = &text[s.start..s.end];
        let (first, last) = (body.chars().next().unwrap(), body.chars().next_back().unwrap());
        prop_assert!(!is_blank(first) && !is_blank(last), "sentence {i} untrimmed: {body:?}");
        check_score(&format!("sentence {i}"), s.score, s.spun, threshold)?;
        prop_assert!(s.context.is_finite() && s.context >= 0.0, "context {}", s.context);
        let mut match_end = s.start;
        for m in &s.matches {
            prop_assert!(m.start < m.end, "empty match {m:?}");
            prop_assert!(m.start >= match_end, "matches overlap or are unsorted: {m:?}");
            prop_assert!(m.end <= s.end, "match {m:?} leaves sentence {}..{}", s.start, s.end);
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert_eq!(&text[m.start..m.end], m.artifact.as_str());
            prop_assert!(m.weight.is_finite(), "weight {}", m.weight);
            match_end = m.end;
        }
        last_end = s.end;
    }
    let tail = &text[last_end..];
    prop_assert!(!has_words(tail), "text lost after the last sentence: {tail:?}");
    let skipped = spinscan::text::sentences(text).filter(|r| !has_words(&text[r.clone()])).count();
    prop_assert_eq!(report.skipped, skipped, "sentences skipped as non-prose");
    Ok(())
}

/// Whether the tokenizer finds a word in `s`.
fn has_words(s: &str) -> bool {
    let mut any = false;
    spinscan::text::tokenize::for_each_word(s, 0, &mut String::new(), |_, _| any = true);
    any
}

/// A reader that hands out 1 to 7 bytes per call, following `sizes`, and sometimes fails
/// with `Interrupted` (which must be retried, not treated as an error or as the end).
struct Trickle<'a> {
    data: &'a [u8],
    sizes: Vec<usize>,
    calls: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let size = self.sizes[self.calls % self.sizes.len()];
        self.calls += 1;
        if size == 0 {
            return Err(io::Error::from(io::ErrorKind::Interrupted));
        }
        let n = size.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

/// Streams `reader` and collects every sentence with its text.
fn stream(
    detector: &Detector,
    reader: impl Read,
) -> io::Result<(Summary, Vec<(String, SentenceReport)>)> {
    let mut out = Vec::new();
    let summary = detector.analyze_reader(reader, |t, s| {
        out.push((t.to_string(), s.clone()));
        Ok(())
    })?;
    Ok((summary, out))
}

/// Whether a streamed result is exactly the whole-text report.
fn check_stream_equals(
    text: &str,
    report: &Report,
    summary: &Summary,
    streamed: &[(String, SentenceReport)],
    invalid_bytes: usize,
) -> Result<(), TestCaseError> {
    let sentences: Vec<&SentenceReport> = streamed.iter().map(|(_, s)| s).collect();
    let whole: Vec<&SentenceReport> = report.sentences.iter().collect();
    prop_assert_eq!(sentences, whole);
    for (t, s) in streamed {
        prop_assert_eq!(t.as_str(), &text[s.start..s.end]);
    }
    prop_assert_eq!(summary.score, report.score);
    prop_assert_eq!(summary.spun, report.spun);
    prop_assert_eq!(summary.dialect, report.dialect);
    prop_assert_eq!(summary.sentences, report.sentences.len());
    prop_assert_eq!(summary.skipped, report.skipped);
    prop_assert_eq!(summary.flagged, report.flagged().count());
    prop_assert_eq!(summary.invalid_bytes, invalid_bytes);
    Ok(())
}

/// All invariants and all equivalences for one text.
fn check_everything(text: &str, sizes: &[usize]) -> Result<(), TestCaseError> {
    let d = &*DETECTOR;
    let report = d.analyze(text);
    check_report(text, &report, d.threshold())?;

    // Deterministic: again on this thread (warm stem cache), on a fresh thread (cold cache),
    // and through a clone.
    prop_assert_eq!(&d.analyze(text), &report);
    let fresh = std::thread::scope(|s| s.spawn(|| d.clone().analyze(text)).join().unwrap());
    prop_assert_eq!(&fresh, &report);

    // Streamed in one piece, and trickled through tiny reads.
    let (summary, streamed) = stream(d, text.as_bytes()).unwrap();
    check_stream_equals(text, &report, &summary, &streamed, 0)?;
    let trickle = Trickle { data: text.as_bytes(), sizes: sizes.to_vec(), calls: 0 };
    let (summary, streamed) = stream(d, trickle).unwrap();
    check_stream_equals(text, &report, &summary, &streamed, 0)?;

    // Batches, alone and among other documents, on one and several threads.
    let docs = ["", text, "The unique pressures arrived.", text];
    let expected: Vec<Report> = docs.iter().map(|t| d.analyze(t)).collect();
    prop_assert_eq!(&expected[1], &report);
    prop_assert_eq!(d.analyze_batch(&docs), expected.clone());
    for threads in [1, 2, 3, 8] {
        prop_assert_eq!(d.analyze_batch_threads(&docs, threads), expected.clone());
    }
    Ok(())
}

/// Read sizes for [`Trickle`]: mostly 1 to 7 bytes, with an occasional `Interrupted` (0).
fn read_sizes() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(prop_oneof![9 => 1..=7usize, 1 => Just(0usize)], 1..16)
        .prop_filter("at least one read must make progress", |v| v.iter().any(|&n| n > 0))
}

/// Pieces of adversarial text: words (including dictionary words and abbreviations),
/// punctuation, every kind of white space, control characters, invisible characters,
/// emoji and combining marks, look-alike letters.
fn piece() -> impl Strategy<Value = String> {
    const WORDS: &[&str] = &[
        "unique",
        "pressures",
        "Unique",
        "pressure",
        "armed",
        "force",
        "stated",
        "resistance",
        "boxers",
        "and",
        "also",
        "has",
        "actually",
        "been",
        "profound",
        "learning",
        "colossal",
        "information",
        "bosom",
        "carbon",
        "monoxide",
        "ordinating",
        "cat",
        "the",
        "The",
        "a",
        "I",
        "x",
        "Mr.",
        "Dr.",
        "U.S.",
        "e.g.",
        "Sept.",
        "Lt.-Gen.",
        "No.",
        "et al.",
        "3.5",
        "1,000",
        "Ph.D.",
        "J.",
        "don't",
        "Russia's",
        "war-torn",
        "battle- split",
        "pre- and",
        "{big|large}",
        "{a|",
        "|b}",
        "café",
        "naïve",
        "straße",
        "İstanbul",
        "ǅ",
        "ﬁ",
    ];
    const PUNCT: &[&str] = &[
        ".", "!", "?", ",", ";", ":", "-", "–", "—", "'", "’", "\"", "“", "”", "«", "»", "(", ")",
        "[", "]", "{", "}", "|", "…", "...", "?!", "/", "\\", "*", "#", "&", "%",
    ];
    const SPACE: &[&str] = &[
        " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\u{00A0}", "\u{2003}", "\u{3000}",
        "\u{2028}", "\u{2029}", "\u{0085}", "\u{000B}", "\u{000C}",
    ];
    const ODD: &[&str] = &[
        "\u{0}",
        "\u{1}",
        "\u{1A}",
        "\u{1B}",
        "\u{7F}",
        "\u{9F}",
        "\u{200B}",
        "\u{200C}",
        "\u{200D}",
        "\u{FEFF}",
        "\u{00AD}",
        "\u{2060}",
        "\u{034F}",
        "\u{FE0F}",
        "\u{0301}",
        "e\u{0301}",
        "\u{0301}\u{0302}\u{0303}",
        "😀",
        "👍🏽",
        "👨\u{200D}👩\u{200D}👧",
        "🇫🇷",
        "Ｕｎｉｑｕｅ",
        "ｐｒｅｓｓｕｒｅｓ",
        "unіquе",
        "рrеssurеs",
        "αβγ",
        "日本語",
        "한국어",
        "\u{202E}",
        "\u{FFFD}",
        "\u{10FFFF}",
        "\u{E000}",
        "𝐀𝐁",
    ];
    prop_oneof![
        6 => prop::sample::select(WORDS).prop_map(str::to_string),
        3 => prop::sample::select(PUNCT).prop_map(str::to_string),
        4 => prop::sample::select(SPACE).prop_map(str::to_string),
        2 => prop::sample::select(ODD).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Read sizes for long texts: tiny reads mixed with larger ones, so boundaries still fall
/// everywhere but a 20 KB text does not take thousands of reads (slow in debug builds).
fn chunky_read_sizes() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(prop_oneof![1..=7usize, 500..=3000usize], 1..16)
}

fn mixed_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|v| v.concat())
}

/// Long runs of one punctuation or white-space string, around and past the sentence limit,
/// between a few words.
fn long_runs() -> impl Strategy<Value = String> {
    const RUNS: &[&str] = &[
        ".", "!", "?", " ", "\n", "\t", "-", ",", "\u{00A0}", "\u{200B}", "é", "😀", "a", "a ",
        ". ", ".\n", "{", "|", "\r\n", "\u{0301}",
    ];
    // Up to a little past the sentence limit, so the cuts are exercised; longer inputs are in
    // tests/robustness.rs (trickling them a few bytes per read is slow in debug builds).
    let run = (prop::sample::select(RUNS), 1..(MAX_SENTENCE_BYTES + 600));
    prop::collection::vec((run, piece()), 1..3).prop_map(|v| {
        let mut s = String::new();
        for ((unit, n), p) in v {
            s.push_str(&p);
            s.push_str(&unit.repeat(n / unit.len().max(1)));
        }
        s
    })
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn arbitrary_unicode(text in prop::collection::vec(any::<char>(), 0..200)
        .prop_map(String::from_iter), sizes in read_sizes())
    {
        check_everything(&text, &sizes)?;
    }

    #[test]
    fn arbitrary_printable_strings(text in any::<String>(), sizes in read_sizes()) {
        check_everything(&text, &sizes)?;
    }

    #[test]
    fn mixed_adversarial_text(text in mixed_text(), sizes in read_sizes()) {
        check_everything(&text, &sizes)?;
    }
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn long_runs_of_punctuation_and_space(text in long_runs(), sizes in chunky_read_sizes()) {
        check_everything(&text, &sizes)?;
    }
}

/// How an artifact is written in a generated text. None of these changes what it matches.
#[derive(Debug, Clone, Copy)]
enum Variant {
    Plain,
    Title,
    Upper,
    /// A zero-width space inside the first word.
    ZeroWidth,
    /// A soft hyphen inside the last word.
    SoftHyphen,
    /// Full-width Latin letters.
    FullWidth,
    /// Cyrillic look-alikes for a, e, o, c, p.
    Cyrillic,
    /// Words joined by NBSP.
    Nbsp,
    /// Words joined by hyphens.
    Hyphenated,
    /// Words joined by a torn hyphen ("unique- pressures").
    Torn,
    /// Words separated by several spaces and a tab.
    Spaced,
    /// Default-ignorable code points (bidi controls, tag characters, variation selectors,
    /// Hangul fillers) after every space and inside every word.
    Invisible,
    /// Mathematical bold letters.
    MathBold,
    /// Circled letters.
    Circled,
    /// Small capitals.
    SmallCaps,
    /// Every word in Markdown emphasis.
    Emphasis,
    /// Words of three letters or more spelled with single spaces, words three spaces apart.
    LetterSpaced,
}

fn write_variant(artifact: &str, v: Variant) -> String {
    let words: Vec<&str> = artifact.split(' ').collect();
    let map = |f: &dyn Fn(char) -> String| artifact.chars().map(f).collect::<String>();
    match v {
        Variant::Plain => artifact.to_string(),
        Variant::Title => {
            words.iter().map(|w| w[..1].to_uppercase() + &w[1..]).collect::<Vec<_>>().join(" ")
        }
        Variant::Upper => artifact.to_uppercase(),
        Variant::ZeroWidth => {
            let (a, b) = words[0].split_at(1);
            std::iter::once(format!("{a}\u{200B}{b}"))
                .chain(words[1..].iter().map(|w| w.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        }
        Variant::SoftHyphen => {
            let last = words[words.len() - 1];
            let (a, b) = last.split_at(last.len() / 2);
            let mut w: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            *w.last_mut().unwrap() = format!("{a}\u{00AD}{b}");
            w.join(" ")
        }
        Variant::FullWidth => map(&|c| match c {
            'a'..='z' => char::from_u32(c as u32 - 'a' as u32 + 0xFF41).unwrap().to_string(),
            c => c.to_string(),
        }),
        Variant::Cyrillic => map(&|c| match c {
            'a' => "а".into(),
            'e' => "е".into(),
            'o' => "о".into(),
            'c' => "с".into(),
            'p' => "р".into(),
            c => c.to_string(),
        }),
        Variant::Nbsp => words.join("\u{00A0}"),
        Variant::Hyphenated => words.join("-"),
        Variant::Torn => words.join("- "),
        Variant::Spaced => words.join("  \t "),
        Variant::Invisible => {
            const INVISIBLE: &[&str] = &[
                "\u{200E}",
                "\u{202E}",
                "\u{2066}",
                "\u{E0041}",
                "\u{E0100}",
                "\u{3164}",
                "\u{115F}",
            ];
            let k = artifact.len() % INVISIBLE.len();
            let (x, y) = (INVISIBLE[k], INVISIBLE[(k + 3) % INVISIBLE.len()]);
            let inside = |w: &&str| {
                let cut = w.char_indices().nth(1).map_or(w.len(), |(i, _)| i);
                format!("{}{y}{}", &w[..cut], &w[cut..])
            };
            words.iter().map(inside).collect::<Vec<_>>().join(&format!(" {x}"))
        }
        Variant::MathBold => map(&|c| match c {
            'a'..='z' => char::from_u32(c as u32 - 'a' as u32 + 0x1D41A).unwrap().to_string(),
            c => c.to_string(),
        }),
        Variant::Circled => map(&|c| match c {
            'a'..='z' => char::from_u32(c as u32 - 'a' as u32 + 0x24D0).unwrap().to_string(),
            c => c.to_string(),
        }),
        Variant::SmallCaps => map(&|c| match c {
            'a'..='z' => "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡxʏᴢ"
                .chars()
                .nth(c as usize - 'a' as usize)
                .unwrap()
                .to_string(),
            c => c.to_string(),
        }),
        Variant::Emphasis => words.iter().map(|w| format!("*{w}*")).collect::<Vec<_>>().join(" "),
        Variant::LetterSpaced => words
            .iter()
            .map(|w| {
                if w.len() >= 3 && w.bytes().all(|b| b.is_ascii_alphabetic()) {
                    w.chars().map(String::from).collect::<Vec<_>>().join(" ")
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("   "),
    }
}

/// Every variant, fancy text included: language detection counts fancy Latin letters as Latin,
/// so a short text made mostly of them is judged like its plain form.
fn variant() -> impl Strategy<Value = Variant> {
    prop::sample::select(vec![
        Variant::Plain,
        Variant::Title,
        Variant::Upper,
        Variant::ZeroWidth,
        Variant::SoftHyphen,
        Variant::FullWidth,
        Variant::Cyrillic,
        Variant::Nbsp,
        Variant::Hyphenated,
        Variant::Torn,
        Variant::Spaced,
        Variant::Invisible,
        Variant::MathBold,
        Variant::Circled,
        Variant::SmallCaps,
        Variant::Emphasis,
        Variant::LetterSpaced,
    ])
}

proptest! {
    #![proptest_config(config(128))]

    /// Texts made of dictionary artifacts, each written in some evasive way and separated by
    /// punctuation or blank lines (which phrases never cross): every artifact is found exactly
    /// once, in order, with the right original; strong ones flag their sentence.
    #[test]
    fn texts_built_from_artifacts(
        parts in prop::collection::vec(
            (0..ARTIFACTS.len(), variant(),
             prop::sample::select(vec![". ", "! ", "? ", ", ", "; ", ": ", "\n\n", " (", ") ", ". \u{200B}"])),
            1..24),
        sizes in read_sizes(),
    ) {
        let mut text = String::new();
        for &(i, v, sep) in &parts {
            text.push_str(&write_variant(ARTIFACTS[i].0, v));
            text.push_str(sep);
        }
        check_everything(&text, &sizes)?;
        let report = DETECTOR.analyze(&text);
        let sentence_of =
            |at: usize| report.sentences.iter().position(|s| s.start <= at && at < s.end);
        let found: Vec<(&str, f64, Option<usize>)> = report
            .matches()
            .filter(|m| !matches!(m.kind, Kind::TornHyphen | Kind::Spintax))
            .map(|m| (m.original.as_str(), m.weight, sentence_of(m.start)))
            .collect();
        prop_assert_eq!(found.len(), parts.len(), "in {:?}: {:?}", text, found);
        // An entry repeated within one sentence weighs once: its repeats are reported with 0.
        let expected: Vec<(&str, f64, Option<usize>)> = parts
            .iter()
            .enumerate()
            .map(|(k, &(i, _, _))| {
                let sentence = found[k].2;
                let repeat = (0..k).any(|j| parts[j].0 == i && found[j].2 == sentence);
                (ARTIFACTS[i].1, if repeat { 0.0 } else { ARTIFACTS[i].2 }, sentence)
            })
            .collect();
        prop_assert_eq!(found, expected, "in {:?}", text);
        prop_assert!(report.matches().all(|m| m.kind != Kind::TornHyphen),
            "a torn hyphen inside an artifact is part of the artifact");
        for s in &report.sentences {
            if s.matches.iter().any(|m| m.weight >= 3.0) {
                prop_assert!(s.spun, "sentence {:?} not flagged", &text[s.start..s.end]);
            }
        }
    }

    /// Padding between sentences with lines of punctuation, invisible characters or nothing
    /// (blank lines), any amount of it, changes neither the score nor the flagged sentences.
    #[test]
    fn padding_changes_nothing(
        parts in prop::collection::vec((0..ARTIFACTS.len(), variant(), any::<bool>()), 1..12),
        pad in prop::sample::select(vec![
            ".", ". . .", "!!! ???", "\u{115F}", "\u{3164}\u{200B}", "* * *", "---", "",
            "\u{E0020}\u{E007F}", "\u{200E}\u{202A}\u{2066}", "\u{FE0F}\u{E0100}", "…", "|",
        ]),
        n in 1..300usize,
    ) {
        let mut plain = String::new();
        let mut padded = String::new();
        for &(i, v, honest) in &parts {
            let sentence = if honest {
                "The committee met on Tuesday to discuss the budget.".to_string()
            } else {
                format!("We saw {} there.", write_variant(ARTIFACTS[i].0, v))
            };
            plain.push_str(&sentence);
            plain.push_str("\n\n");
            padded.push_str(&sentence);
            padded.push_str("\n\n");
            padded.push_str(&format!("{pad}\n").repeat(n));
            padded.push('\n');
        }
        let (a, b) = (DETECTOR.analyze(&plain), DETECTOR.analyze(&padded));
        prop_assert_eq!(a.score, b.score);
        prop_assert_eq!(a.spun, b.spun);
        let flagged = |r: &Report| r.sentences.iter().map(|s| s.spun).collect::<Vec<_>>();
        prop_assert_eq!(flagged(&a), flagged(&b));
    }

    /// Arbitrary bytes through `analyze_reader`: invalid UTF-8 is counted and analyzed as one
    /// U+001A per bad byte, so the result equals the whole-text analysis of that substitution
    /// (whose offsets are the original byte offsets), whatever the read sizes.
    #[test]
    fn invalid_utf8_streams_like_its_substitution(
        chunks in prop::collection::vec(prop_oneof![
            3 => prop::collection::vec(any::<u8>(), 0..12),
            2 => mixed_text().prop_map(String::into_bytes),
            1 => prop::sample::select(vec![
                "é".as_bytes()[..1].to_vec(), "😀".as_bytes()[..2].to_vec(),
                "😀".as_bytes()[..3].to_vec(), vec![0xC0, 0x80], vec![0xED, 0xA0, 0x80],
                vec![0xF4, 0x90, 0x80, 0x80], vec![0xFF], vec![0x80, 0x80],
            ]),
        ], 0..30),
        sizes in read_sizes(),
    ) {
        let bytes = chunks.concat();
        let (substituted, invalid) = substitute(&bytes);
        prop_assert_eq!(substituted.len(), bytes.len());
        let report = DETECTOR.analyze(&substituted);
        check_report(&substituted, &report, DETECTOR.threshold())?;
        let (summary, streamed) = stream(&DETECTOR, &bytes[..]).unwrap();
        check_stream_equals(&substituted, &report, &summary, &streamed, invalid)?;
        let trickle = Trickle { data: &bytes, sizes, calls: 0 };
        let (summary, streamed) = stream(&DETECTOR, trickle).unwrap();
        check_stream_equals(&substituted, &report, &summary, &streamed, invalid)?;
    }
}

#[test]
fn reference_substitution_is_what_the_chunker_documents() {
    // Guards the reference itself: an invalid byte, a truncated sequence at the end.
    assert_eq!(substitute(b"a\xffb\xe2\x82"), ("a\u{1A}b\u{1A}\u{1A}".to_string(), 3));
    assert_eq!(substitute("é".as_bytes()), ("é".to_string(), 0));
}
