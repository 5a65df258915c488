//! Character folding: the one place that decides which characters are the same letter.
//!
//! Spinners and spammers both hide words from filters with zero-width characters, soft
//! hyphens, full-width letters and Cyrillic or Greek look-alikes. Folding them here, one char
//! at a time, lets the tokenizer keep byte offsets into the caller's original text while
//! matching on a canonical form. This file is self-contained (`build.rs` includes it) so the
//! embedded dictionary is keyed by exactly the same rules the runtime uses.

/// What one input character contributes to a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// A letter or digit, already lowercased and folded to its canonical form.
    Word(char),
    /// A character that is invisible inside a word (zero-width space, joiners, soft hyphen,
    /// variation selectors, combining marks): skipped without ending the word.
    Ignore,
    /// A hyphen or dash of any kind. Hyphens split words for matching.
    Hyphen,
    /// Any kind of apostrophe or single quote.
    Apostrophe,
    /// Horizontal or vertical white space, including NBSP and other Unicode spaces.
    Space,
    /// Anything else: punctuation, symbols.
    Other,
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
        _ => Fold::Other,
    }
}

#[cold]
fn fold_non_ascii(c: char) -> Fold {
    match c {
        // Invisible characters used to split words past filters.
        '\u{00AD}'
        | '\u{034F}'
        | '\u{061C}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200D}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' => Fold::Ignore,
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
        // Full-width ASCII variants.
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = (c as u32 - 0xFEE0) as u8;
            match fold_ascii(ascii) {
                Fold::Hyphen => Fold::Hyphen,
                f => f,
            }
        }
        c if c.is_whitespace() => Fold::Space,
        c => match confusable(c) {
            Some(latin) => Fold::Word(latin),
            None if c.is_alphanumeric() => Fold::Word(lower(c)),
            None => Fold::Other,
        },
    }
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

/// Cyrillic and Greek letters that look like Latin ones, mapped to the Latin letter.
/// Only visually identical shapes are listed: mapping look-alikes cannot create a match in
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
        ];
        for &(c, want) in cases {
            assert_eq!(fold_char(c), want, "char {c:?} (U+{:04X})", c as u32);
        }
    }
}
