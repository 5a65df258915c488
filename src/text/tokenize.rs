//! Tokenization: words with byte offsets into the original text, plus what separates them.
//!
//! A word is a maximal run of letters and digits after [`fold_char`]; invisible characters
//! inside a run are skipped without splitting it. Hyphens and apostrophes split words, so
//! "co-ordinating", "co- ordinating" and "co ordinating" produce the same words: that is what
//! makes matching hyphen-tolerant. The [`Gap`] before each word records how it was joined to
//! the previous one, which is how torn hyphens ("battle- split") are detected and why a
//! phrase never matches across punctuation. Markdown emphasis markers next to white space
//! ("unique *pressures*") do not break a phrase.
//!
//! Letter spacing ("a r m e d  f o r c e") is undone: a run of three or more single letters,
//! each separated from the next by exactly one white-space character, is one word (spanning
//! the letters and the spaces between them); a wider gap separates such words. A letter joined
//! to the next word by a hyphen or apostrophe ("a b c-d") is not part of the run. Honest text
//! has no runs of three single letters spelling a word, so this cannot create matches in it.
//! Self-contained: `build.rs` includes this file.

use crate::text::normalize::{Fold, fold_ascii, fold_char};

/// How a word is separated from the word before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// The first word of the text.
    Start,
    /// Only white space.
    Space,
    /// A single hyphen with no space: "war-torn".
    Hyphen,
    /// A hyphen attached to the previous word, then white space: "battle- split".
    TornHyphen,
    /// A single apostrophe: "Russia's".
    Apostrophe,
    /// Punctuation, symbols or a spaced dash. Phrases never match across it.
    Break,
}

impl Gap {
    /// Whether a dictionary phrase may continue across this gap.
    #[inline]
    pub fn joins(self) -> bool {
        !matches!(self, Gap::Break | Gap::Start)
    }
}

/// One word of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the first character of the word in the original text.
    pub start: usize,
    /// Byte offset just past the last character of the word.
    pub end: usize,
    /// What separates this word from the previous one.
    pub gap: Gap,
}

/// A word's text as the tokenizer hands it over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordText<'a> {
    /// ASCII letters and digits straight from the input, in any case: folding it is only
    /// lowercasing, left to the caller (the stem cache does it while packing the word).
    Ascii(&'a str),
    /// The folded, lowercased form: every word from [`for_each_word`], and from
    /// [`for_each_token`] the words with characters outside ASCII or followed by one (such a
    /// character may continue the word, so the slower folding reader takes over).
    Folded(&'a str),
}

impl<'a> WordText<'a> {
    /// The text: raw ASCII in any case, or folded.
    #[inline]
    pub fn text(self) -> &'a str {
        match self {
            WordText::Ascii(t) | WordText::Folded(t) => t,
        }
    }
}

/// Calls `on_word` for every word of `text`, in order, with the word and its folded, lowercased
/// form. Offsets are relative to `text` plus `base`. `buf` is reused for the folded form, so
/// the loop allocates nothing once `buf` has grown to the longest word.
pub fn for_each_word(
    text: &str,
    base: usize,
    buf: &mut String,
    mut on_word: impl FnMut(Word, &str),
) {
    tokens::<false>(text, base, buf, |w, t| match t {
        WordText::Ascii(f) | WordText::Folded(f) => on_word(w, f),
    });
}

/// [`for_each_word`] without the copy: a word of ASCII letters and digits (most words) comes
/// as a slice of `text`, not yet lowercased. `buf` holds the folded form of other words.
pub fn for_each_token(
    text: &str,
    base: usize,
    buf: &mut String,
    on_word: impl FnMut(Word, WordText<'_>),
) {
    tokens::<true>(text, base, buf, on_word);
}

/// The tokenizer. With `RAW`, ASCII words come as [`WordText::Ascii`]; without, every word
/// is folded into `buf` and comes as [`WordText::Folded`].
#[inline]
fn tokens<const RAW: bool>(
    text: &str,
    base: usize,
    buf: &mut String,
    mut on_word: impl FnMut(Word, WordText<'_>),
) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut gap = GapReader::default();
    let mut have_prev = false;
    let mut spaced = Spaced::default();
    while i < bytes.len() {
        let b = bytes[i];
        // Fast path: a word of ASCII letters and digits not followed by a non-ASCII character
        // (which might continue it, as in "naïve"), handed over raw.
        if RAW && ASCII_CLASS[b as usize] == ALNUM {
            let end = ascii_word_end(bytes, i + 1);
            if bytes.get(end).is_none_or(|&b| b < 0x80) {
                let (g, single) = gap.before(have_prev);
                have_prev = true;
                let w = Word { start: base + i, end: base + end, gap: g };
                let t = WordText::Ascii(&text[i..end]);
                if spaced.count == 0 && end - i > 1 {
                    on_word(w, t); // the common case: no letter spacing to consider
                } else {
                    spaced.word::<RAW>(text, base, w, t, single, &mut on_word);
                }
                i = end;
                // The commonest gap, one space before an ASCII word, needs no classifying.
                gap = if bytes.get(i) == Some(&b' ')
                    && bytes.get(i + 1).is_some_and(|&c| ASCII_CLASS[c as usize] == ALNUM)
                {
                    i += 1;
                    GapReader::ONE_SPACE
                } else {
                    GapReader::default()
                };
                continue;
            }
        }
        let (fold, len) = if b < 0x80 {
            (fold_ascii(b), 1)
        } else {
            // `i` is always on a char boundary: we only ever step by whole chars.
            match text[i..].chars().next() {
                Some(c) => (fold_char(c), c.len_utf8()),
                None => break,
            }
        };
        match fold {
            Fold::Word(_) | Fold::Letters(_) => {
                let (end, next) = read_word(text, i, buf);
                let (g, single) = gap.before(have_prev);
                let w = Word { start: base + i, end: base + end, gap: g };
                spaced.word::<RAW>(text, base, w, WordText::Folded(buf), single, &mut on_word);
                have_prev = true;
                gap = GapReader::default();
                i = next;
            }
            Fold::Ignore => i += len, // invisible between words: neither word nor gap
            other => {
                gap.push(other, b == b'\n');
                i += len;
            }
        }
    }
    spaced.flush::<RAW>(text, base, &mut on_word);
}

/// Joins letter-spaced words ("a r m e d") as the module docs say. Most words pass straight
/// through; single letters wait until the next word shows whether they start a run.
struct Spaced {
    /// Letters in the current run.
    count: usize,
    /// The first two letters, replayed as words if the run stays shorter than three.
    held: [(Word, char); 2],
    /// The last letter, and the end of the one before it.
    last: (Word, char),
    before_last_end: usize,
    /// The folded letters of a run of three or more.
    letters: String,
}

impl Default for Spaced {
    fn default() -> Self {
        const NONE: (Word, char) = (Word { start: 0, end: 0, gap: Gap::Start }, '\0');
        Spaced { count: 0, held: [NONE; 2], last: NONE, before_last_end: 0, letters: String::new() }
    }
}

impl Spaced {
    /// Takes the next word. `single` says whether exactly one white-space character separates
    /// it from the previous word.
    fn word<const RAW: bool>(
        &mut self,
        text: &str,
        base: usize,
        w: Word,
        t: WordText<'_>,
        single: bool,
        on_word: &mut impl FnMut(Word, WordText<'_>),
    ) {
        let letter = single_letter(t);
        if self.count == 0 && letter.is_none() {
            on_word(w, t);
            return;
        }
        if self.count > 0 {
            if let (Some(ch), true) = (letter, single) {
                self.push(w, ch);
                return;
            }
            if matches!(w.gap, Gap::Hyphen | Gap::Apostrophe | Gap::TornHyphen) {
                // The last letter belongs with this word ("a b c-d").
                let last = self.pop();
                self.flush::<RAW>(text, base, on_word);
                emit_letter::<RAW>(text, base, last, on_word);
            } else {
                self.flush::<RAW>(text, base, on_word);
            }
        }
        match letter {
            Some(ch) if matches!(w.gap, Gap::Start | Gap::Space | Gap::Break) => self.push(w, ch),
            _ => on_word(w, t),
        }
    }

    fn push(&mut self, w: Word, ch: char) {
        if let Some(slot) = self.held.get_mut(self.count) {
            *slot = (w, ch);
        }
        self.before_last_end = self.last.0.end;
        self.last = (w, ch);
        self.count += 1;
        // Only a run of three or more needs its letters copied.
        if self.count == 3 {
            self.letters.clear();
            self.letters.push(self.held[0].1);
            self.letters.push(self.held[1].1);
        }
        if self.count >= 3 {
            self.letters.push(ch);
        }
    }

    /// Takes back the last letter of the run.
    fn pop(&mut self) -> (Word, char) {
        let last = self.last;
        self.count -= 1;
        if self.count >= 3 {
            self.letters.pop();
            self.last.0.end = self.before_last_end;
        }
        last
    }

    /// Hands over the run: one word if it has three letters or more, else its letters.
    fn flush<const RAW: bool>(
        &mut self,
        text: &str,
        base: usize,
        on_word: &mut impl FnMut(Word, WordText<'_>),
    ) {
        match self.count {
            0 => {}
            1 | 2 => {
                let held = self.held;
                for &letter in &held[..self.count] {
                    emit_letter::<RAW>(text, base, letter, on_word);
                }
            }
            _ => {
                let first = self.held[0].0;
                let w = Word { start: first.start, end: self.last.0.end, gap: first.gap };
                on_word(w, WordText::Folded(&self.letters));
            }
        }
        self.count = 0;
    }
}

/// The letter of a one-letter word.
#[inline]
fn single_letter(t: WordText<'_>) -> Option<char> {
    match t {
        WordText::Ascii(s) => match s.as_bytes() {
            &[b] if b.is_ascii_alphabetic() => Some(char::from(b.to_ascii_lowercase())),
            _ => None,
        },
        WordText::Folded(s) if s.len() <= 4 => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_alphabetic() => Some(c),
                _ => None,
            }
        }
        WordText::Folded(_) => None,
    }
}

/// Hands over a held one-letter word as the tokenizer would have.
fn emit_letter<const RAW: bool>(
    text: &str,
    base: usize,
    (w, ch): (Word, char),
    on_word: &mut impl FnMut(Word, WordText<'_>),
) {
    let raw = &text[w.start - base..w.end - base];
    if RAW && raw.len() == 1 {
        on_word(w, WordText::Ascii(raw));
    } else {
        let mut utf8 = [0u8; 4];
        on_word(w, WordText::Folded(ch.encode_utf8(&mut utf8)));
    }
}

/// Reads the word that starts at `start` (a word character) into `buf`, folded. Returns the
/// end of the word (after its last word or invisible character) and where scanning resumes.
#[inline]
fn read_word(text: &str, start: usize, buf: &mut String) -> (usize, usize) {
    let bytes = text.as_bytes();
    buf.clear();
    let mut i = start;
    loop {
        // Fast path: a run of ASCII letters and digits, copied and lowercased in one go.
        let run = i;
        while let Some(&b) = bytes.get(i) {
            if ASCII_CLASS[b as usize] != ALNUM {
                break;
            }
            i += 1;
        }
        if i > run {
            let from = buf.len();
            buf.push_str(&text[run..i]);
            buf.as_mut_str()[from..].make_ascii_lowercase();
        }
        match bytes.get(i) {
            Some(&b) if b >= 0x80 => {
                let Some(c) = text[i..].chars().next() else {
                    return (i, i);
                };
                match fold_char(c) {
                    Fold::Word(f) => buf.push(f),
                    Fold::Letters(l) => buf.extend(l.as_slice()),
                    Fold::Ignore => {}
                    _ => return (i, i),
                }
                i += c.len_utf8();
            }
            _ => return (i, i),
        }
    }
}

/// The end of the run of ASCII letters and digits starting at `i`: eight bytes at a time,
/// without a branch per byte (word lengths are unpredictable, so a byte loop mispredicts
/// its exit about once a word).
#[inline]
fn ascii_word_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let stop = not_alnum(u64::from_le_bytes(w));
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && ASCII_CLASS[bytes[i] as usize] == ALNUM {
        i += 1;
    }
    i
}

/// For eight bytes, the high bit of every byte that is not an ASCII letter or digit.
#[inline]
fn not_alnum(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Per-byte range tests on 7-bit values: adding (128 - lo) sets the high bit when the
    // byte is at least lo; adding (127 - hi) sets it when the byte is above hi. No carry
    // crosses a byte because every byte is below 128.
    let t = x & !HIGH;
    let within =
        |t: u64, lo: u64, hi: u64| (t + (128 - lo) * ONES) & !(t + (127 - hi) * ONES) & HIGH;
    let digit = within(t, b'0' as u64, b'9' as u64);
    let letter = within(t | (0x20 * ONES), b'a' as u64, b'z' as u64);
    !(digit | letter) & HIGH | x & HIGH
}

const OTHER: u8 = 0;
const ALNUM: u8 = 1;

/// ASCII letters and digits, the bytes the fast path reads without decoding.
static ASCII_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = ALNUM;
        }
        b += 1;
    }
    t
};

/// Accumulates the non-word characters between two words.
#[derive(Default)]
struct GapReader {
    chars: u32,
    hyphens: u32,
    apostrophes: u32,
    spaces: u32,
    emphasis: u32,
    other: bool,
    /// A hyphen came first, attached to the previous word.
    hyphen_first: bool,
    /// The white space includes a line break ("self-\ncontrol" is wrapped, not torn).
    newline: bool,
}

impl GapReader {
    /// The gap of one ASCII space.
    const ONE_SPACE: GapReader = GapReader {
        chars: 1,
        hyphens: 0,
        apostrophes: 0,
        spaces: 1,
        emphasis: 0,
        other: false,
        hyphen_first: false,
        newline: false,
    };

    fn push(&mut self, f: Fold, newline: bool) {
        self.newline |= newline;
        match f {
            Fold::Hyphen => {
                if self.chars == 0 {
                    self.hyphen_first = true;
                }
                self.hyphens += 1;
            }
            Fold::Apostrophe => self.apostrophes += 1,
            Fold::Space => self.spaces += 1,
            Fold::Emphasis => self.emphasis += 1,
            _ => self.other = true,
        }
        self.chars += 1;
    }

    /// The gap before a word (`Start` for the first), and whether it is exactly one
    /// white-space character.
    #[inline]
    fn before(&self, have_prev: bool) -> (Gap, bool) {
        if !have_prev {
            return (Gap::Start, false);
        }
        let single = self.chars == 1 && self.spaces == 1 && !self.newline;
        (self.finish(), single)
    }

    fn finish(&self) -> Gap {
        if self.other {
            return Gap::Break;
        }
        if self.emphasis > 0 {
            // "unique *pressures*": emphasis next to white space; "snake_case" or "2*3": not.
            let emphasis = self.spaces > 0 && self.hyphens == 0 && self.apostrophes == 0;
            return if emphasis { Gap::Space } else { Gap::Break };
        }
        match (self.hyphens, self.apostrophes, self.spaces) {
            (0, 0, _) => Gap::Space,
            (1, 0, 0) => Gap::Hyphen,
            (1, 0, _) if self.hyphen_first && self.newline => Gap::Hyphen,
            (1, 0, _) if self.hyphen_first => Gap::TornHyphen,
            (0, 1, 0) => Gap::Apostrophe,
            _ => Gap::Break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, &str, Gap)> {
        let mut out = Vec::new();
        let mut buf = String::new();
        for_each_word(text, 0, &mut buf, |w, folded| {
            out.push((folded.to_string(), &text[w.start..w.end], w.gap))
        });
        out
    }

    #[test]
    fn words_table() {
        use Gap::*;
        type Case<'a> = (&'a str, &'a [(&'a str, &'a str, Gap)]);
        let cases: &[Case] = &[
            ("", &[]),
            ("  ", &[]),
            ("Armed force", &[("armed", "Armed", Start), ("force", "force", Space)]),
            ("war-torn", &[("war", "war", Start), ("torn", "torn", Hyphen)]),
            ("battle- split", &[("battle", "battle", Start), ("split", "split", TornHyphen)]),
            ("al– Assad", &[("al", "al", Start), ("assad", "Assad", TornHyphen)]),
            ("killed – World", &[("killed", "killed", Start), ("world", "World", Break)]),
            (
                "Russia’s army",
                &[("russia", "Russia", Start), ("s", "s", Apostrophe), ("army", "army", Space)],
            ),
            ("end. Next", &[("end", "end", Start), ("next", "Next", Break)]),
            ("ar\u{200B}med", &[("armed", "ar\u{200B}med", Start)]),
            ("ar\u{00AD}med", &[("armed", "ar\u{00AD}med", Start)]),
            ("\u{200B}x", &[("x", "x", Start)]),
            ("ＡＲＭＥＤ", &[("armed", "ＡＲＭＥＤ", Start)]),
            ("аrmеd fоrcе", &[("armed", "аrmеd", Start), ("force", "fоrcе", Space)]),
            ("a\u{00A0}b", &[("a", "a", Start), ("b", "b", Space)]),
            ("3.5", &[("3", "3", Start), ("5", "5", Break)]),
            ("self-\ncontrol", &[("self", "self", Start), ("control", "control", Hyphen)]),
            ("naïve café", &[("naive", "naïve", Start), ("cafe", "café", Space)]),
            ("x\u{200B} y", &[("x", "x\u{200B}", Start), ("y", "y", Space)]),
            ("a \u{200B} b", &[("a", "a", Start), ("b", "b", Space)]),
            // Default-ignorable code points inside and between words.
            ("ar\u{200E}med", &[("armed", "ar\u{200E}med", Start)]),
            ("a \u{200E}b", &[("a", "a", Start), ("b", "b", Space)]),
            ("x\u{202E}y\u{E0041}z\u{E0100}", &[("xyz", "x\u{202E}y\u{E0041}z\u{E0100}", Start)]),
            // Fancy text and ligatures.
            ("𝐚𝐫𝐦𝐞𝐝 ⓕⓞⓡⓒⓔ", &[("armed", "𝐚𝐫𝐦𝐞𝐝", Start), ("force", "ⓕⓞⓡⓒⓔ", Space)]),
            ("ᴜɴɪǫᴜᴇ", &[("unique", "ᴜɴɪǫᴜᴇ", Start)]),
            ("ﬁnal", &[("final", "ﬁnal", Start)]),
            // Markdown emphasis next to white space joins; inside a word or before punctuation not.
            (
                "unique *pressures*",
                &[("unique", "unique", Start), ("pressures", "pressures", Space)],
            ),
            (
                "**unique** _pressures_",
                &[("unique", "unique", Start), ("pressures", "pressures", Space)],
            ),
            ("snake_case", &[("snake", "snake", Start), ("case", "case", Break)]),
            ("2*3", &[("2", "2", Start), ("3", "3", Break)]),
            // Letter spacing: runs of three or more single letters joined by single spaces.
            (
                "a r m e d  f o r c e",
                &[("armed", "a r m e d", Start), ("force", "f o r c e", Space)],
            ),
            (
                "I am a b",
                &[("i", "I", Start), ("am", "am", Space), ("a", "a", Space), ("b", "b", Space)],
            ),
            (
                "x y z-w",
                &[("x", "x", Start), ("y", "y", Space), ("z", "z", Space), ("w", "w", Hyphen)],
            ),
            ("v x y z-w", &[("vxy", "v x y", Start), ("z", "z", Space), ("w", "w", Hyphen)]),
            ("1 2 3", &[("1", "1", Start), ("2", "2", Space), ("3", "3", Space)]),
            ("a\nb\nc", &[("a", "a", Start), ("b", "b", Space), ("c", "c", Space)]),
        ];
        for (text, want) in cases {
            let got = words(text);
            let want: Vec<(String, &str, Gap)> =
                want.iter().map(|(f, s, g)| (f.to_string(), *s, *g)).collect();
            assert_eq!(got, want, "text {text:?}");
        }
    }

    #[test]
    fn eight_byte_scan_agrees_with_the_class_table() {
        for b in 0..=255u8 {
            let stop = not_alnum(u64::from(b)) & 0x80 != 0;
            assert_eq!(stop, ASCII_CLASS[b as usize] != ALNUM, "byte {b:#x}");
        }
        let text = b"abc9Z def_ghijklmnopQRSTUVWX12345678-x\xc3\xa9yz";
        for start in 0..text.len() {
            let mut slow = start;
            while slow < text.len() && ASCII_CLASS[text[slow] as usize] == ALNUM {
                slow += 1;
            }
            assert_eq!(ascii_word_end(text, start), slow, "from {start}");
        }
    }

    /// The tokenizer's documented semantics, one char at a time, without its fast paths
    /// (eight-byte scans, the one-space gap, raw ASCII words), and letter spacing undone over
    /// the whole list of words afterwards.
    fn reference(text: &str) -> Vec<(usize, usize, String, Gap)> {
        let mut out: Vec<(usize, usize, String, Gap, bool)> = Vec::new();
        let mut word: Option<(usize, usize, String)> = None;
        let mut gap = GapReader::default();
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            let letters: Option<Vec<char>> = match fold_char(c) {
                Fold::Word(f) => Some(vec![f]),
                Fold::Letters(l) => Some(l.as_slice().to_vec()),
                _ => None,
            };
            match fold_char(c) {
                Fold::Word(_) | Fold::Letters(_) => match word.as_mut() {
                    Some(w) => {
                        w.1 = end;
                        w.2.extend(letters.unwrap_or_default());
                    }
                    None => {
                        word = Some((i, end, letters.unwrap_or_default().into_iter().collect()))
                    }
                },
                Fold::Ignore => {
                    if let Some(w) = word.as_mut() {
                        w.1 = end;
                    }
                }
                other => {
                    if let Some((s, e, f)) = word.take() {
                        let (g, single) = gap.before(!out.is_empty());
                        out.push((s, e, f, g, single));
                        gap = GapReader::default();
                    }
                    gap.push(other, c == '\n');
                }
            }
        }
        if let Some((s, e, f)) = word {
            let (g, single) = gap.before(!out.is_empty());
            out.push((s, e, f, g, single));
        }
        unspace(out)
    }

    /// Letter spacing undone on a whole list of words: maximal runs of one-letter words,
    /// each after the first separated by one white-space character, the first starting a word
    /// of its own, less a last letter hyphenated or apostrophized to the next word.
    fn unspace(words: Vec<(usize, usize, String, Gap, bool)>) -> Vec<(usize, usize, String, Gap)> {
        let letter = |f: &str| f.chars().count() == 1 && f.chars().all(char::is_alphabetic);
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let (s, _, f, g, _) = &words[i];
            if !(letter(f) && matches!(g, Gap::Start | Gap::Space | Gap::Break)) {
                let (s, e, f, g, _) = words[i].clone();
                out.push((s, e, f, g));
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < words.len() && words[j].4 && letter(&words[j].2) {
                j += 1;
            }
            if words
                .get(j)
                .is_some_and(|w| matches!(w.3, Gap::Hyphen | Gap::Apostrophe | Gap::TornHyphen))
            {
                j -= 1;
            }
            if j - i >= 3 {
                let f: String = words[i..j].iter().map(|w| w.2.as_str()).collect();
                out.push((*s, words[j - 1].1, f, *g));
                i = j;
            } else {
                // Too short a run: its first letter is an ordinary word; rescan from the next.
                let (s, e, f, g, _) = words[i].clone();
                out.push((s, e, f, g));
                i += 1;
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(512))]

        #[test]
        fn fast_paths_agree_with_the_reference(parts in proptest::collection::vec(
            proptest::sample::select(&[
                "a", "Word", "THE", "abcdefgh", "abcdefghijklmnopqrstuvwxyz0123456789", "x1",
                " ", "  ", "\n", "\t", "-", "- ", " -", "'", "’", ".", ", ", "é", "naïve", "Ａ",
                "а", "\u{200B}", "\u{00AD}", "\u{00A0}", "—", "😀", "\u{0301}", "ß",
                "b", "c ", " d", "e-", "I", "𝐚", "ⓜ", "ﬁ", "*", "_", " *", "\u{200E}", "\u{E0100}",
            ][..]),
            0..40,
        )) {
            let text = parts.concat();
            let want = reference(&text);
            let mut buf = String::new();
            let mut folded = Vec::new();
            for_each_word(&text, 0, &mut buf, |w, f| folded.push((w.start, w.end, f.to_string(), w.gap)));
            proptest::prop_assert_eq!(&folded, &want);
            let mut raw = Vec::new();
            for_each_token(&text, 0, &mut buf, |w, t| {
                let f = match t {
                    WordText::Ascii(r) => {
                        assert!(r.bytes().all(|b| b.is_ascii_alphanumeric()));
                        r.to_ascii_lowercase()
                    }
                    WordText::Folded(f) => f.to_string(),
                };
                raw.push((w.start, w.end, f, w.gap));
            });
            proptest::prop_assert_eq!(&raw, &want);
        }
    }

    #[test]
    fn offsets_use_base() {
        let mut buf = String::new();
        let mut seen = Vec::new();
        for_each_word("ab cd", 10, &mut buf, |w, _| seen.push((w.start, w.end)));
        assert_eq!(seen, vec![(10, 12), (13, 15)]);
    }
}
