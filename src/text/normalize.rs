//! Character folding: the one place that decides which characters are the same letter.
//!
//! Spinners and spammers both hide words from filters with invisible characters, soft
//! hyphens, "fancy text" (mathematical bold, circled letters, small capitals) and look-alike
//! letters from other scripts. Folding them here, one char at a time, lets the tokenizer keep
//! byte offsets into the caller's original text while matching on a canonical form:
//!
//! - default-ignorable code points (Unicode TR44: zero-width and bidi controls, tag characters,
//!   variation selectors, Hangul fillers) and combining marks are skipped, inside words and
//!   between them;
//! - compatibility decomposition (the NFKD half of NFKC, from `unicode-normalization`) folds
//!   full-width, mathematical, circled, superscript letters and ligatures ("ﬁ" is "fi");
//! - the confusables skeleton of Unicode TR39 (from `unicode-security`) folds letters that look
//!   like Latin ones (Cyrillic, Greek, Cherokee, Armenian), and a table of the Latin small
//!   capitals (which TR39 leaves as they are) folds those.
//!
//! ASCII never reaches the tables: it is folded by [`fold_ascii`]. This file is self-contained
//! (`build.rs` includes it, and the two crates are build-dependencies too) so the embedded
//! dictionary is keyed by exactly the same rules the runtime uses.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};
use unicode_security::confusable_detection::skeleton;

/// What one input character contributes to a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// A letter or digit, already lowercased and folded to its canonical form.
    Word(char),
    /// A character that folds to several letters: the ligature "ﬁ" is "fi".
    Letters(Letters),
    /// A character that is invisible inside a word (zero-width space, joiners, soft hyphen,
    /// variation selectors, combining marks): skipped without ending the word.
    Ignore,
    /// A hyphen or dash of any kind. Hyphens split words for matching.
    Hyphen,
    /// Any kind of apostrophe or single quote.
    Apostrophe,
    /// Horizontal or vertical white space, including NBSP and other Unicode spaces.
    Space,
    /// A Markdown emphasis marker (`*`, `_`). Between words it is punctuation, except next to
    /// white space ("unique *pressures*"), where it does not break a phrase.
    Emphasis,
    /// Anything else: punctuation, symbols.
    Other,
}

/// The letters of a character that folds to more than one ("ﬃ" is "ffi").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Letters {
    chars: [char; Letters::MAX],
    len: u8,
}

impl Letters {
    /// The most letters one character folds to; longer expansions are not folded.
    pub const MAX: usize = 4;

    /// The folded letters, in order.
    pub fn as_slice(&self) -> &[char] {
        &self.chars[..usize::from(self.len)]
    }
}

/// Classifies and folds one character.
///
/// ```ignore
/// assert_eq!(fold_char('Ａ'), Fold::Word('a'));      // full-width
/// assert_eq!(fold_char('о'), Fold::Word('o'));       // Cyrillic o
/// assert_eq!(fold_char('\u{200B}'), Fold::Ignore);   // zero-width space
/// ```
#[inline]
pub fn fold_char(c: char) -> Fold {
    if c.is_ascii() {
        return fold_ascii(c as u8);
    }
    fold_non_ascii(c)
}

/// The ASCII part of [`fold_char`], usable on raw bytes below 0x80.
#[inline]
pub fn fold_ascii(b: u8) -> Fold {
    match b {
        b'a'..=b'z' | b'0'..=b'9' => Fold::Word(b as char),
        b'A'..=b'Z' => Fold::Word((b + 32) as char),
        b'-' => Fold::Hyphen,
        b'\'' | b'`' => Fold::Apostrophe,
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => Fold::Space,
        b'*' | b'_' => Fold::Emphasis,
        _ => Fold::Other,
    }
}

/// Whether `c` is a default-ignorable code point (Unicode TR44, `DerivedCoreProperties.txt`,
/// `Default_Ignorable_Code_Point`): rendered invisibly, so it must not split or end a word.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{034F}'
        | '\u{061C}'
        | '\u{115F}'..='\u{1160}'
        | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

#[cold]
fn fold_non_ascii(c: char) -> Fold {
    if is_default_ignorable(c) {
        return Fold::Ignore;
    }
    match c {
        // Combining diacritical marks: "e\u{301}" folds like "e".
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}' => Fold::Ignore,
        // Dashes and hyphens of every kind.
        '\u{2010}'..='\u{2015}'
        | '\u{2212}'
        | '\u{FE58}'
        | '\u{FE63}'
        | '\u{FF0D}'
        | '\u{058A}'
        | '\u{1400}'
        | '\u{2E3A}'
        | '\u{2E3B}' => Fold::Hyphen,
        // Apostrophes and single quotes.
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{02B9}' | '\u{FF07}' => Fold::Apostrophe,
        c if c.is_whitespace() => Fold::Space,
        // The rest of General Punctuation (double quotes, ellipsis, bullets): punctuation,
        // whatever its decomposition ("…" is "..."), without a table lookup.
        '\u{2016}'..='\u{2027}' | '\u{2030}'..='\u{205E}' => Fold::Other,
        c => fold_compatible(c),
    }
}

/// Compatibility decomposition, then letters through [`letter`]. A character that decomposes
/// to one ASCII character is classified as that character (full-width "＊" is emphasis).
fn fold_compatible(c: char) -> Fold {
    // Before decomposing: "ǫ" (the small capital Q of fancy text) would lose its ogonek.
    if let Some(l) = small_capital(c) {
        return Fold::Word(l);
    }
    let mut chars = ['\0'; Letters::MAX];
    let (mut len, mut overflow) = (0, false);
    decompose_compatible(c, |d| {
        if is_combining_mark(d) || is_default_ignorable(d) {
            return;
        }
        match chars.get_mut(len) {
            Some(slot) => {
                *slot = d;
                len += 1;
            }
            None => overflow = true,
        }
    });
    match (len, overflow) {
        // A combining mark outside the ranges above.
        (0, false) => Fold::Ignore,
        (1, false) => {
            let d = chars[0];
            if d.is_ascii() {
                fold_ascii(d as u8)
            } else if d.is_whitespace() {
                Fold::Space
            } else if d.is_alphanumeric() {
                Fold::Word(letter(d))
            } else {
                Fold::Other
            }
        }
        (n, false) if chars[..n].iter().all(|d| d.is_alphanumeric()) => {
            chars[..n].iter_mut().for_each(|d| *d = letter(*d));
            Fold::Letters(Letters { chars, len: n as u8 })
        }
        _ if c.is_alphanumeric() => Fold::Word(lower(c)),
        _ => Fold::Other,
    }
}

/// Whether `c` is a Latin letter written in another form: a compatibility variant of an ASCII
/// letter (mathematical alphanumerics, full-width, circled, parenthesized) or a Latin small
/// capital. Look-alikes of other scripts (Cyrillic "а") are not: Russian is not English.
pub(crate) fn is_latin_variant(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    if small_capital(c).is_some() {
        return true;
    }
    let (mut letters, mut other) = (0, 0);
    decompose_compatible(c, |d| {
        if d.is_ascii_alphabetic() {
            letters += 1;
        } else if !is_combining_mark(d) && !matches!(d, '(' | ')') {
            other += 1;
        }
    });
    letters == 1 && other == 0
}

/// Folds one letter or digit: ASCII lowercased; others by their confusables skeleton if it is
/// a Latin letter (or a small capital), else lowercased with common Latin accents folded.
fn letter(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if let Some(l) = look_alike(c) {
        return l;
    }
    let l = lower(c);
    if l != c {
        if let Some(l) = look_alike(l) {
            return l;
        }
    }
    confusable(c).unwrap_or(l)
}

/// The Latin letter whose TR39 skeleton `c` shares, if any.
fn look_alike(c: char) -> Option<char> {
    let mut utf8 = [0u8; 4];
    let mut skel = skeleton(c.encode_utf8(&mut utf8));
    let first = skel.next()?;
    match (first, skel.next(), skel.next()) {
        // "m" has the skeleton "rn".
        ('r', Some('n'), None) => Some('m'),
        (s, None, None) if s.is_ascii_alphabetic() => Some(s.to_ascii_lowercase()),
        (s, None, None) => small_capital(s),
        _ => None,
    }
}

/// The Latin small capitals (and the skeletons TR39 gives some of them), which TR39 does not
/// fold to Latin letters but "fancy text" generators use as letters.
fn small_capital(c: char) -> Option<char> {
    Some(match c {
        'ᴀ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ꜰ' => 'f',
        'ɢ' => 'g',
        'ʜ' => 'h',
        'ɪ' => 'i',
        'ᴊ' => 'j',
        'ᴋ' | 'ĸ' => 'k',
        'ʟ' => 'l',
        'ᴍ' | 'ʍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ǫ' => 'q',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        _ => return None,
    })
}

/// Lowercases a char that lowercases to a single char, and folds common Latin accents,
/// so "café" and "cafe" are one word.
fn lower(c: char) -> char {
    let mut lowered = c.to_lowercase();
    let l = match (lowered.next(), lowered.next()) {
        (Some(l), None) => l,
        _ => c,
    };
    match l {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// Cyrillic and Greek letters that look like Latin ones, mapped to the Latin letter: the ones
/// TR39 does not map to a Latin skeleton (lowercase Cyrillic "н", "т", "к"...). Only
/// visually identical shapes are listed: mapping look-alikes cannot create a match in
/// genuine Russian or Greek text, because whole words would have to spell English artifacts.
fn confusable(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic
        'а' | 'А' => 'a',
        'В' | 'в' => 'b',
        'е' | 'Е' | 'ё' | 'Ё' => 'e',
        'К' | 'к' => 'k',
        'М' | 'м' => 'm',
        'Н' | 'н' => 'h',
        'о' | 'О' => 'o',
        'р' | 'Р' => 'p',
        'с' | 'С' => 'c',
        'Т' | 'т' => 't',
        'у' | 'У' => 'y',
        'х' | 'Х' => 'x',
        'і' | 'І' => 'i',
        'ј' | 'Ј' => 'j',
        'ѕ' | 'Ѕ' => 's',
        'ԁ' => 'd',
        'ӏ' | 'Ӏ' => 'l',
        'ԛ' => 'q',
        'ԝ' => 'w',
        // Greek
        'α' | 'Α' => 'a',
        'Β' | 'β' => 'b',
        'ε' | 'Ε' => 'e',
        'Ζ' => 'z',
        'Η' => 'h',
        'ι' | 'Ι' => 'i',
        'κ' | 'Κ' => 'k',
        'Μ' => 'm',
        'ν' | 'Ν' => 'n',
        'ο' | 'Ο' => 'o',
        'ρ' | 'Ρ' => 'p',
        'τ' | 'Τ' => 't',
        'υ' | 'Υ' => 'y',
        'χ' | 'Χ' => 'x',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_table() {
        let cases: &[(char, Fold)] = &[
            ('a', Fold::Word('a')),
            ('Q', Fold::Word('q')),
            ('7', Fold::Word('7')),
            ('Ａ', Fold::Word('a')),
            ('ｚ', Fold::Word('z')),
            ('о', Fold::Word('o')),
            ('Α', Fold::Word('a')),
            ('é', Fold::Word('e')),
            ('ß', Fold::Word('ß')),
            ('\u{200B}', Fold::Ignore),
            ('\u{00AD}', Fold::Ignore),
            ('\u{FEFF}', Fold::Ignore),
            ('\u{0301}', Fold::Ignore),
            ('–', Fold::Hyphen),
            ('—', Fold::Hyphen),
            ('‐', Fold::Hyphen),
            ('’', Fold::Apostrophe),
            ('\u{00A0}', Fold::Space),
            ('\u{3000}', Fold::Space),
            ('.', Fold::Other),
            ('“', Fold::Other),
            ('😀', Fold::Other),
            ('*', Fold::Emphasis),
            ('_', Fold::Emphasis),
            ('＊', Fold::Emphasis),
            // Default-ignorable code points (TR44).
            ('\u{200E}', Fold::Ignore),
            ('\u{200F}', Fold::Ignore),
            ('\u{202A}', Fold::Ignore),
            ('\u{202E}', Fold::Ignore),
            ('\u{2066}', Fold::Ignore),
            ('\u{2069}', Fold::Ignore),
            ('\u{E0041}', Fold::Ignore),
            ('\u{E007F}', Fold::Ignore),
            ('\u{E0100}', Fold::Ignore),
            ('\u{E01EF}', Fold::Ignore),
            ('\u{3164}', Fold::Ignore),
            ('\u{115F}', Fold::Ignore),
            ('\u{FFA0}', Fold::Ignore),
            ('\u{180E}', Fold::Ignore),
            // Compatibility decomposition: mathematical, circled, superscript letters.
            ('𝐚', Fold::Word('a')),
            ('𝐌', Fold::Word('m')),
            ('𝗺', Fold::Word('m')),
            ('𝚖', Fold::Word('m')),
            ('𝒶', Fold::Word('a')),
            ('𝔞', Fold::Word('a')),
            ('ⓐ', Fold::Word('a')),
            ('Ⓜ', Fold::Word('m')),
            ('ᵃ', Fold::Word('a')),
            ('ſ', Fold::Word('s')),
            ('𝟕', Fold::Word('7')),
            // Small capitals.
            ('ᴀ', Fold::Word('a')),
            ('ʀ', Fold::Word('r')),
            ('ᴍ', Fold::Word('m')),
            ('ǫ', Fold::Word('q')),
            ('ɪ', Fold::Word('i')),
            // TR39 look-alikes: Cherokee (capital and small), Armenian, Cyrillic, Greek.
            ('Ꭺ', Fold::Word('a')),
            ('Ꮇ', Fold::Word('m')),
            ('Ꭼ', Fold::Word('e')),
            ('ꭺ', Fold::Word('a')),
            ('ꮇ', Fold::Word('m')),
            ('օ', Fold::Word('o')),
            ('ս', Fold::Word('u')),
            ('ց', Fold::Word('g')),
            ('հ', Fold::Word('h')),
            ('ո', Fold::Word('n')),
            ('н', Fold::Word('h')),
            ('м', Fold::Word('m')),
            ('ο', Fold::Word('o')),
            // Letters of other scripts without a Latin look-alike stay themselves.
            ('ж', Fold::Word('ж')),
            ('λ', Fold::Word('λ')),
            ('中', Fold::Word('中')),
            ('½', Fold::Word('½')),
            ('⑴', Fold::Word('⑴')), // "(1)": not letters, kept as a numeric character
        ];
        for &(c, want) in cases {
            assert_eq!(fold_char(c), want, "char {c:?} (U+{:04X})", c as u32);
        }
    }

    #[test]
    fn ligatures_fold_to_several_letters() {
        let cases: &[(char, &str)] =
            &[('ﬁ', "fi"), ('ﬂ', "fl"), ('ﬀ', "ff"), ('ﬃ', "ffi"), ('ﬄ', "ffl"), ('ǆ', "dz")];
        for &(c, want) in cases {
            match fold_char(c) {
                Fold::Letters(l) => {
                    assert_eq!(l.as_slice().iter().collect::<String>(), want, "U+{:04X}", c as u32)
                }
                other => panic!("U+{:04X}: {other:?}", c as u32),
            }
        }
    }
}
