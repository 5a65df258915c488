//! Evasion: every cheap trick a spammer can apply to spun text with one `sed`, applied to the
//! shared spun example (`../shared/examples/spun-news-example.txt`). Each must leave the text
//! scoring within 0.05 of the plain text, flagging the same sentences, and SPUN with at least 10
//! sentences flagged. Padding with any amount of punctuation, blank lines or invisible
//! characters must not change a document's verdict.

mod common;

use spinscan::{Detector, Report};

/// A named rewrite of a text.
type Trick = (&'static str, fn(&str) -> String);

/// Puts `s` after every space.
fn after_spaces(text: &str, s: &str) -> String {
    text.replace(' ', &format!(" {s}"))
}

/// Puts `s` between every two letters of a word.
fn inside_words(text: &str, s: &str) -> String {
    let mut out = String::new();
    let mut prev_letter = false;
    for c in text.chars() {
        if prev_letter && c.is_alphabetic() {
            out.push_str(s);
        }
        out.push(c);
        prev_letter = c.is_alphabetic();
    }
    out
}

/// Maps ASCII letters through `f` (None keeps the letter).
fn letters(text: &str, f: impl Fn(char) -> Option<char>) -> String {
    text.chars().map(|c| if c.is_ascii_alphabetic() { f(c).unwrap_or(c) } else { c }).collect()
}

/// A mathematical alphanumeric alphabet starting at `upper` (A) and `lower` (a).
fn math(text: &str, upper: u32, lower: u32) -> String {
    letters(text, |c| {
        let (base, from) = if c.is_ascii_uppercase() { (upper, b'A') } else { (lower, b'a') };
        char::from_u32(base + u32::from(c as u8 - from))
    })
}

fn small_caps(c: char) -> Option<char> {
    let caps = "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡxʏᴢ";
    c.is_ascii_lowercase().then(|| caps.chars().nth(usize::from(c as u8 - b'a'))).flatten()
}

/// Cherokee letters that fancy-text generators use for Latin ones (capital and small).
fn cherokee(c: char) -> Option<char> {
    let upper = [
        ('A', 'Ꭺ'),
        ('B', 'Ᏼ'),
        ('C', 'Ꮯ'),
        ('D', 'Ꭰ'),
        ('E', 'Ꭼ'),
        ('G', 'Ꮐ'),
        ('H', 'Ꮋ'),
        ('J', 'Ꭻ'),
        ('K', 'Ꮶ'),
        ('L', 'Ꮮ'),
        ('M', 'Ꮇ'),
        ('P', 'Ꮲ'),
        ('R', 'Ꮢ'),
        ('S', 'Ꮪ'),
        ('T', 'Ꭲ'),
        ('V', 'Ꮩ'),
        ('W', 'Ꮃ'),
        ('Z', 'Ꮓ'),
    ];
    let up = c.to_ascii_uppercase();
    let (_, cap) = upper.iter().find(|(l, _)| *l == up)?;
    if c.is_ascii_uppercase() {
        Some(*cap)
    } else {
        // The small Cherokee letters (U+AB70..U+ABBF, U+13F8..U+13FD).
        cap.to_lowercase().next()
    }
}

fn armenian(c: char) -> Option<char> {
    Some(match c {
        'o' => 'օ',
        'u' => 'ս',
        'g' => 'ց',
        'h' => 'հ',
        'n' => 'ո',
        'q' => 'զ',
        _ => return None,
    })
}

/// Wraps words of letters (and apostrophes) in Markdown emphasis, cycling through the markers.
fn emphasis(text: &str) -> String {
    let markers = ["*", "**", "_"];
    let mut k = 0;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let words: Vec<String> = line
                .split(' ')
                .map(|w| {
                    let core = w.trim_end_matches([',', '.', ';', ':']);
                    if core.len() > 1 && core.chars().all(|c| c.is_alphabetic() || c == '’') {
                        k += 1;
                        if k % 2 == 0 {
                            let m = markers[(k / 2) % markers.len()];
                            return format!("{m}{core}{m}{}", &w[core.len()..]);
                        }
                    }
                    w.to_string()
                })
                .collect();
            words.join(" ")
        })
        .collect();
    lines.join("\n")
}

/// Letter spacing: words of ASCII letters spelled with single spaces, words three spaces apart.
/// A word after a torn hyphen ("battle- split") keeps its form, so the tear stays visible.
fn letter_spacing(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let mut prev_torn = false;
            let words: Vec<String> = line
                .split(' ')
                .map(|w| {
                    let core = w.trim_end_matches([',', '.', ';', ':']);
                    let spaced = !prev_torn
                        && core.len() > 1
                        && core.bytes().all(|b| b.is_ascii_alphabetic());
                    prev_torn = w.ends_with(['-', '–']);
                    if spaced {
                        let letters: Vec<String> = core.chars().map(String::from).collect();
                        format!("{}{}", letters.join(" "), &w[core.len()..])
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            words.join("   ")
        })
        .collect();
    lines.join("\n")
}

/// Padding: the same text with empty or invisible "sentences" around and between its lines.
fn pad_dots(text: &str) -> String {
    format!("{text}\n{}", ". ".repeat(512))
}
fn pad_blank_lines(text: &str) -> String {
    text.replace('\n', &"\n".repeat(40)) + &"\n".repeat(1000)
}
fn pad_invisible_lines(text: &str) -> String {
    format!("{text}\n{}", "\u{115F}\n".repeat(1000))
}
fn pad_between_sentences(text: &str) -> String {
    text.replace('\n', "\n. . . !!! ??? ---\n\u{3164}\u{200B}\n* * *\n")
}

const TRICKS: &[Trick] = &[
    // Invisible characters after every space (the classes of TR44 default-ignorables).
    ("U+200E after spaces", |t| after_spaces(t, "\u{200E}")),
    ("U+200F after spaces", |t| after_spaces(t, "\u{200F}")),
    ("bidi embedding after spaces", |t| after_spaces(t, "\u{202A}\u{202C}")),
    ("bidi override after spaces", |t| after_spaces(t, "\u{202E}\u{202D}")),
    ("bidi isolates after spaces", |t| after_spaces(t, "\u{2066}\u{2069}\u{2067}\u{2068}")),
    ("tag characters after spaces", |t| after_spaces(t, "\u{E0020}\u{E0041}\u{E007F}")),
    ("variation selectors after spaces", |t| after_spaces(t, "\u{E0100}\u{FE0F}")),
    ("U+3164 after spaces", |t| after_spaces(t, "\u{3164}")),
    ("U+115F after spaces", |t| after_spaces(t, "\u{115F}")),
    ("U+FFA0 after spaces", |t| after_spaces(t, "\u{FFA0}")),
    ("zero-width space after spaces", |t| after_spaces(t, "\u{200B}")),
    // Invisible characters inside words.
    ("U+200E inside words", |t| inside_words(t, "\u{200E}")),
    ("tag characters inside words", |t| inside_words(t, "\u{E0061}")),
    ("variation selector inside words", |t| inside_words(t, "\u{E0100}")),
    ("U+3164 inside words", |t| inside_words(t, "\u{3164}")),
    ("soft hyphen inside words", |t| inside_words(t, "\u{00AD}")),
    // Fancy text.
    ("mathematical bold", |t| math(t, 0x1D400, 0x1D41A)),
    ("mathematical sans-serif bold", |t| math(t, 0x1D5D4, 0x1D5EE)),
    ("mathematical monospace", |t| math(t, 0x1D670, 0x1D68A)),
    ("full-width", |t| math(t, 0xFF21, 0xFF41)),
    ("circled", |t| math(t, 0x24B6, 0x24D0)),
    ("small capitals", |t| letters(t, small_caps)),
    ("Cherokee look-alikes", |t| letters(t, cherokee)),
    ("Armenian look-alikes", |t| letters(t, armenian)),
    ("ligatures", |t| t.replace("fi", "ﬁ").replace("fl", "ﬂ").replace("ff", "ﬀ")),
    // Markup and spacing.
    ("Markdown emphasis", emphasis),
    ("letter spacing", letter_spacing),
    // Padding.
    ("padding with '. '", pad_dots),
    ("padding with blank lines", pad_blank_lines),
    ("padding with invisible lines", pad_invisible_lines),
    ("padding between sentences", pad_between_sentences),
];

fn flagged(r: &Report) -> Vec<usize> {
    r.sentences.iter().enumerate().filter(|(_, s)| s.spun).map(|(i, _)| i).collect()
}

#[test]
fn every_trick_leaves_the_shared_example_spun_with_the_same_sentences() {
    let text = std::fs::read_to_string(common::shared("examples/spun-news-example.txt")).unwrap();
    let d = Detector::new();
    let plain = d.analyze(&text);
    assert!(plain.spun && flagged(&plain).len() >= 10, "plain: {}", plain.score);
    let mut failures = Vec::new();
    for (name, trick) in TRICKS {
        let evasive = trick(&text);
        assert_ne!(evasive, text, "{name} changed nothing");
        let r = d.analyze(&evasive);
        let ok = r.spun
            && (r.score - plain.score).abs() <= 0.05
            && flagged(&r) == flagged(&plain)
            && flagged(&r).len() >= 10
            && r.sentences.len() == plain.sentences.len();
        if !ok {
            failures.push(format!(
                "{name}: score {:.3} (plain {:.3}), {} sentences, flagged {:?} (plain {:?})",
                r.score,
                plain.score,
                r.sentences.len(),
                flagged(&r),
                flagged(&plain)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The fancy alphabets above really are what they claim: every letter they produce is outside
/// ASCII (so the test exercises folding, not a no-op).
#[test]
fn fancy_alphabets_leave_ascii() {
    for (name, f) in [
        ("small caps", small_caps as fn(char) -> Option<char>),
        ("cherokee", cherokee),
        ("armenian", armenian),
    ] {
        for c in ('a'..='z').chain('A'..='Z') {
            if let Some(x) = f(c).filter(|&x| x != 'x') {
                assert!(!x.is_ascii(), "{name}: {c} -> {x}");
            }
        }
    }
}

/// Padding changes no verdict, whatever the document: the shared example, an honest article,
/// and a short text with weak hits only.
#[test]
fn padding_does_not_change_the_verdict() {
    let spun = std::fs::read_to_string(common::shared("examples/spun-news-example.txt")).unwrap();
    let abc = std::fs::read_to_string(common::shared("data/clean/abc-news-2001.txt")).unwrap();
    let d = Detector::new();
    let docs: Vec<&str> = std::iter::once(spun.as_str()).chain(abc.lines().take(40)).collect();
    let pads: &[fn(&str) -> String] = &[
        pad_dots,
        pad_blank_lines,
        pad_invisible_lines,
        pad_between_sentences,
        |t| format!("{}{t}", "...\n!!!\n".repeat(3000)),
        |t| format!("{t}{}", "\u{200B}\u{2060}\u{FEFF}\n\n".repeat(3000)),
    ];
    for doc in docs {
        let plain = d.analyze(doc);
        for pad in pads {
            let padded = pad(doc);
            let r = d.analyze(&padded);
            assert_eq!(r.spun, plain.spun, "{:.60}", doc);
            assert!((r.score - plain.score).abs() < 1e-9, "{} vs {}", r.score, plain.score);
            assert_eq!(flagged(&r), flagged(&plain));
            assert!(r.skipped >= plain.skipped);
        }
    }
    // The padding is counted as skipped, not analyzed.
    let r = d.analyze(&pad_invisible_lines(&spun));
    assert_eq!(r.skipped, 1000);
    assert_eq!(r.sentences.len(), d.analyze(&spun).sentences.len());
}
