//! Sentence segmentation over the original text.
//!
//! Rule-based and linear: a sentence ends at `.`, `!` or `?` (plus any closing quotes or
//! brackets) followed by white space and a character that can start a sentence, unless the
//! word before the period is a known abbreviation (`Lt.-Gen.`, `Sept.`, `et al.`, `e.g.`),
//! an initial (`J.`) or a dotted acronym (`U.S.`). A blank line always ends a sentence; a
//! single newline does too unless the next line starts in lowercase (hard-wrapped prose), so
//! headlines without a final period stand alone. Runs longer than [`MAX_SENTENCE_BYTES`] are
//! cut at white space so a 100 MB line costs linear time and bounded memory.

use std::ops::Range;

use crate::text::normalize::{Fold, fold_char};

/// The longest span reported as one sentence. Longer runs without a boundary are cut at the
/// last white space before this length (or at a char boundary if there is none).
pub const MAX_SENTENCE_BYTES: usize = 8 * 1024;

/// How far past a terminator or newline the segmenter looks for the next character. A run of
/// white space this long ends the sentence whatever follows, so a decision never waits on
/// unbounded input (streaming keeps at most this much look-ahead in memory).
const LOOKAHEAD_BYTES: usize = MAX_SENTENCE_BYTES;

/// Words that end with a period without ending the sentence (compared lowercase).
const ABBREVIATIONS: &[&str] = &[
    "adm", "al", "approx", "apr", "assn", "aug", "ave", "blvd", "brig", "capt", "cf", "cmdr", "co",
    "col", "corp", "cpl", "dec", "dept", "det", "dr", "ed", "eds", "eq", "esp", "est", "feb",
    "fig", "figs", "fri", "ft", "gen", "gov", "hon", "inc", "insp", "jan", "jr", "jul", "jun",
    "lt", "ltd", "maj", "mar", "messrs", "mon", "mr", "mrs", "ms", "mt", "nov", "oct", "op", "pp",
    "pres", "prof", "pvt", "rd", "rep", "rev", "sat", "sen", "sep", "sept", "sgt", "sr", "st",
    "sun", "supt", "thu", "thurs", "tue", "tues", "univ", "viz", "vol", "vs", "wed",
];

/// Abbreviations that only hold before a number (`No. 5`, `Art. 3`).
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos", "art", "ch", "p", "para", "sec"];

/// Iterator over the sentences of a text, as trimmed, non-empty byte ranges.
///
/// ```
/// use spinscan::text::sentences;
/// let text = "Lt.-Gen. Lapin spoke on Sept. 5 in the U.S. capital. He left.";
/// let spans: Vec<&str> = sentences(text).map(|r| &text[r]).collect();
/// assert_eq!(spans, ["Lt.-Gen. Lapin spoke on Sept. 5 in the U.S. capital.", "He left."]);
/// ```
pub fn sentences(text: &str) -> Sentences<'_> {
    Sentences { text, pos: 0 }
}

/// See [`sentences`].
#[derive(Debug, Clone)]
pub struct Sentences<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Sentences<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        loop {
            if self.pos >= self.text.len() {
                return None;
            }
            let start = self.pos;
            let end = next_boundary(self.text, start);
            self.pos = end;
            let trimmed = trim(self.text, start..end);
            if !trimmed.is_empty() {
                return Some(trimmed);
            }
        }
    }
}

impl std::iter::FusedIterator for Sentences<'_> {}

/// Finds the end (exclusive) of the sentence starting at `start`.
pub(crate) fn next_boundary(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let limit = (start + MAX_SENTENCE_BYTES).min(bytes.len());
    // Candidates come from memchr: the next terminator and the next newline, searched in
    // blocks that double in size, so finding a boundary costs time in proportion to its
    // distance rather than to the whole window (a run of empty lines or of short sentences
    // would otherwise scan up to `MAX_SENTENCE_BYTES` per sentence).
    let mut from = start;
    let mut block = 64;
    while from < limit {
        let to = limit.min(from + block);
        let terminator = |a: usize| memchr::memchr3(b'.', b'!', b'?', &bytes[a..to]).map(|o| a + o);
        let newline = |a: usize| memchr::memchr(b'\n', &bytes[a..to]).map(|o| a + o);
        let (mut next_terminator, mut next_newline) = (terminator(from), newline(from));
        loop {
            let at = match (next_terminator, next_newline) {
                (Some(t), Some(n)) => t.min(n),
                (Some(t), None) => t,
                (None, Some(n)) => n,
                (None, None) => break,
            };
            if bytes[at] == b'\n' {
                if newline_ends_sentence(bytes, at) {
                    return at + 1;
                }
                next_newline = newline(at + 1);
            } else {
                if let Some(end) = terminator_end(text, start, at) {
                    return end;
                }
                next_terminator = terminator(at + 1);
            }
        }
        from = to;
        block *= 2;
    }
    if limit == bytes.len() {
        return limit;
    }
    forced_cut(text, start, limit)
}

/// If the terminator at `i` ends a sentence, returns the sentence end (after closing quotes).
fn terminator_end(text: &str, start: usize, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut j = i + 1;
    // Further terminators and closing quotes or brackets belong to this sentence, up to the
    // sentence length limit: a longer run ("......") is cut there like any other run.
    let cap = start + MAX_SENTENCE_BYTES;
    loop {
        let step = match bytes.get(j) {
            Some(b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']') => 1,
            Some(0xE2) if matches!(bytes.get(j + 1..j + 3), Some([0x80, 0x9D | 0x99])) => 3,
            Some(0xC2) if bytes.get(j + 1) == Some(&0xBB) => 2,
            _ => break,
        };
        if j + step > cap {
            return Some(j);
        }
        j += step;
    }
    // The sentence must be followed by white space or the end of the text. White space
    // running past the look-ahead counts as the end of the text.
    let mut k = j;
    loop {
        if k - j >= LOOKAHEAD_BYTES {
            return Some(j);
        }
        match bytes.get(k) {
            None => return Some(j),
            Some(b' ' | b'\t' | b'\r' | b'\n') => k += 1,
            Some(0xC2) if bytes.get(k + 1) == Some(&0xA0) => k += 2,
            _ => break,
        }
    }
    if k == j {
        return None; // "3.5", "U.S.A", "e.g.,"
    }
    let next = text[k..].chars().next()?;
    // A terminator standing alone between white space (" . ", tokenized or lower-cased
    // text such as "drive . they got") is no abbreviation and ends the sentence whatever
    // follows; an attached one before lowercase does not ("e.g. the", "approx. five").
    let detached = i > start
        && matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r')
        && matches!(bytes.get(i + 1), Some(b' ' | b'\t' | b'\n' | b'\r'));
    if next.is_lowercase() && !detached {
        return None;
    }
    if bytes[i] == b'.' && is_abbreviation(text, start, i, next) {
        return None;
    }
    Some(j)
}

/// Whether the word that ends at the period `dot` is an abbreviation.
fn is_abbreviation(text: &str, start: usize, dot: usize, next: char) -> bool {
    let bytes = text.as_bytes();
    let mut w = dot;
    while w > start && (bytes[w - 1].is_ascii_alphabetic() || bytes[w - 1] == b'.') {
        w -= 1;
    }
    if w > start && bytes[w - 1] >= 0x80 {
        return is_folded_abbreviation(text, start, dot, next);
    }
    let word = &text[w..dot];
    if word.is_empty() {
        return false;
    }
    // Initials ("J. Smith") and dotted acronyms ("U.S.", "e.g.", "Ph.D.").
    if word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase() || word.contains('.') {
        return true;
    }
    if word.len() > 8 {
        return false;
    }
    let mut lower = [0u8; 8];
    for (l, b) in lower.iter_mut().zip(word.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    let lower = &lower[..word.len()];
    let is = |list: &[&str]| list.iter().any(|a| a.as_bytes() == lower);
    is(ABBREVIATIONS) || next.is_ascii_digit() && is(NUMBER_ABBREVIATIONS)
}

/// [`is_abbreviation`] for a word written with letters outside ASCII or invisible characters
/// ("𝐋𝐭.", "L\u{200E}t."): folded as the tokenizer folds it, then compared. Looks at most 32
/// characters back, so the cost stays bounded.
fn is_folded_abbreviation(text: &str, start: usize, dot: usize, next: char) -> bool {
    let mut folded = [0u8; 8];
    let (mut n, mut dotted, mut first_upper) = (0, false, false);
    for c in text[start..dot].chars().rev().take(32) {
        match fold_char(c) {
            Fold::Ignore => continue,
            Fold::Word(l) if l.is_ascii_alphabetic() => {
                if let Some(slot) = folded.get_mut(n) {
                    *slot = l as u8;
                }
                n += 1;
                first_upper = c.is_uppercase();
            }
            _ if c == '.' => dotted = true,
            _ => break,
        }
    }
    if n == 0 {
        return false;
    }
    if n == 1 && first_upper || dotted {
        return true;
    }
    if n > folded.len() {
        return false;
    }
    let word = &mut folded[..n];
    word.reverse();
    let is = |list: &[&str]| list.iter().any(|a| a.as_bytes() == &word[..]);
    is(ABBREVIATIONS) || next.is_ascii_digit() && is(NUMBER_ABBREVIATIONS)
}

/// A newline ends a sentence unless the next line continues it in lowercase.
fn newline_ends_sentence(bytes: &[u8], i: usize) -> bool {
    let mut k = i + 1;
    while let Some(b' ' | b'\t' | b'\r') = bytes.get(k) {
        k += 1;
        if k - (i + 1) >= LOOKAHEAD_BYTES {
            return true;
        }
    }
    !matches!(bytes.get(k), Some(b'a'..=b'z'))
}

/// Whether a boundary at `end` is final even if more text were appended: its look-ahead
/// (the white space after a terminator or newline, then the next character) ended inside
/// `text`, either at a character that is not white space or at the look-ahead limit.
pub(crate) fn is_settled(text: &str, end: usize) -> bool {
    text.get(end..).is_some_and(|rest| {
        rest.len() > LOOKAHEAD_BYTES + 4 || rest.chars().any(|c| !c.is_whitespace())
    })
}

/// Cuts an over-long run at the last white space before `limit`, or at a char boundary.
fn forced_cut(text: &str, start: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let floor = start + MAX_SENTENCE_BYTES / 2;
    if let Some(ws) = bytes[floor..limit].iter().rposition(|b| b.is_ascii_whitespace()) {
        return floor + ws + 1;
    }
    let mut cut = limit;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    if cut <= start {
        // Unreachable for valid UTF-8 (a char is at most 4 bytes), but never loop forever.
        return limit.max(start + 1).min(text.len());
    }
    cut
}

/// Trims white space (including Unicode spaces and invisible format characters) off a range.
pub(crate) fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let blank = |c: char| {
        c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{2060}')
    };
    let left = s.len() - s.trim_start_matches(blank).len();
    let right = s.trim_end_matches(blank).len();
    if right <= left {
        return range.start..range.start;
    }
    range.start + left..range.start + right
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).map(|r| &text[r]).collect()
    }

    #[test]
    fn segmentation_table() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("   \n\n ", &[]),
            ("One. Two.", &["One.", "Two."]),
            ("Is it? Yes! No.", &["Is it?", "Yes!", "No."]),
            ("Lt.-Gen. Alexander Lapin said so.", &["Lt.-Gen. Alexander Lapin said so."]),
            // Abbreviations in fancy text or with invisible characters are still abbreviations.
            ("L\u{200E}t.-G\u{200E}e\u{200E}n. Lapin", &["L\u{200E}t.-G\u{200E}e\u{200E}n. Lapin"]),
            ("𝐋𝐭.-𝐆𝐞𝐧. 𝐀lexander", &["𝐋𝐭.-𝐆𝐞𝐧. 𝐀lexander"]),
            ("Ꮇr. Smith. Ꭺnd", &["Ꮇr. Smith.", "Ꭺnd"]),
            ("in 𝐉. Smith", &["in 𝐉. Smith"]),
            ("It rose 3.5 percent. Then fell.", &["It rose 3.5 percent.", "Then fell."]),
            ("The U.S. Army left. Then.", &["The U.S. Army left.", "Then."]),
            ("Smith et al. Showed it.", &["Smith et al. Showed it."]),
            ("Fruits, e.g. apples, are good.", &["Fruits, e.g. apples, are good."]),
            ("On Sept. 5 it ended.", &["On Sept. 5 it ended."]),
            ("Mr. J. Smith arrived.", &["Mr. J. Smith arrived."]),
            ("See No. 5 here. Done.", &["See No. 5 here.", "Done."]),
            ("Headline here\nBody starts. More.", &["Headline here", "Body starts.", "More."]),
            ("wrapped line\ncontinues here.", &["wrapped line\ncontinues here."]),
            ("Para one\n\nPara two", &["Para one", "Para two"]),
            ("He said “Go.” Then left.", &["He said “Go.”", "Then left."]),
            ("He said \"Go.\" Then left.", &["He said \"Go.\"", "Then left."]),
            ("(Really.) Yes.", &["(Really.)", "Yes."]),
            ("Wait... What?", &["Wait...", "What?"]),
            // Tokenized, lower-cased text: a detached terminator ends the sentence.
            ("they drive . \nthey crash ? so", &["they drive .", "they crash ?", "so"]),
            ("it waits ... and waits", &["it waits ... and waits"]),
            ("odd .5 value", &["odd .5 value"]),
            ("no terminator", &["no terminator"]),
            ("Trailing space.   ", &["Trailing space."]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "text {text:?}");
        }
    }

    #[test]
    fn long_runs_are_cut_on_char_boundaries() {
        let text = "é".repeat(MAX_SENTENCE_BYTES * 2);
        let spans: Vec<_> = sentences(&text).collect();
        assert!(spans.len() >= 2);
        for r in &spans {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            assert!(r.end - r.start <= MAX_SENTENCE_BYTES);
        }
        assert_eq!(spans.first().map(|r| r.start), Some(0));
        assert_eq!(spans.last().map(|r| r.end), Some(text.len()));
    }

    #[test]
    fn long_runs_of_terminators_and_closing_quotes_are_cut() {
        for unit in [".", "?!", "\u{201D}.", ".)", "\u{BB}!"] {
            let text = format!("Word{}", unit.repeat(3 * MAX_SENTENCE_BYTES / unit.len()));
            let spans: Vec<_> = sentences(&text).collect();
            assert!(spans.len() >= 3, "{unit:?}: {} spans", spans.len());
            for r in &spans {
                assert!(r.end - r.start <= MAX_SENTENCE_BYTES, "{unit:?}: {r:?}");
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
            assert_eq!(spans.last().map(|r| r.end), Some(text.len()));
        }
    }

    #[test]
    fn look_ahead_over_white_space_is_bounded() {
        // Past the look-ahead, white space ends the sentence even before a lowercase word.
        let long = format!("It ended.{}then more.", " ".repeat(LOOKAHEAD_BYTES + 10));
        assert_eq!(split(&long), ["It ended.", "then more."]);
        let long = format!("Headline\n{}then more.", " ".repeat(LOOKAHEAD_BYTES));
        assert_eq!(split(&long), ["Headline", "then more."]);
        // Within it, the usual rules hold.
        let short = format!("It ended.{}then more.", " ".repeat(100));
        assert_eq!(split(&short).len(), 1);
        // A boundary followed by white space only is settled once the look-ahead is in.
        let text = format!("It ended.{}", " ".repeat(LOOKAHEAD_BYTES + 5));
        assert_eq!(next_boundary(&text, 0), 9);
        assert!(is_settled(&text, 9));
        assert!(!is_settled(&text[..9 + LOOKAHEAD_BYTES], 9));
        assert!(is_settled("It ended. X", 9));
        assert!(!is_settled("It ended.", 9));
    }

    #[test]
    fn long_runs_prefer_white_space() {
        let text = "word ".repeat(MAX_SENTENCE_BYTES);
        for r in sentences(&text) {
            assert!(text[r.clone()].ends_with("word"), "{:?}", &text[r.end - 5..r.end]);
        }
    }
}
