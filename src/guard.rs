//! Precision guards: where a dictionary hit is not evidence although its stems match.
//!
//! Names, acronyms and capitalized words inside a sentence are proper nouns far more often than
//! spun common words: "Naive Bayes" is not a spun "green bay", "Latakia" not a spun "city". The
//! generated layer (thesaurus neighbours, `data/generated`) was built from lower-case words, so
//! its one- and two-word entries never match such words. Curated and catalogue entries were
//! written by hand and keep matching them.

use crate::matcher::Token;

/// The `source` tags of the generated layer (`data/generated/README.md`): `wn`, `wnh`, `moby`,
/// `mythes`, several joined by `+`, and `pps-dialect` (the catalogue's word table applied to
/// lower-case collocations: "United Nations report" is not a spun "country reports").
const GENERATED_TAGS: &[&str] = &["wn", "wnh", "moby", "mythes", "pps-dialect"];

/// Whether an entry's `source` label names the generated layer.
pub(crate) fn is_generated_source(source: &str) -> bool {
    !source.is_empty() && source.split('+').all(|t| GENERATED_TAGS.contains(&t))
}

/// The case shape of a word as written in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// No upper-case letter.
    Lower,
    /// Only its first letter is upper case: "Bayes".
    Capitalized,
    /// An upper-case letter after the first: "NASA", "iOS", "McDonald".
    Acronym,
}

fn shape(word: &str) -> Shape {
    let bytes = word.as_bytes();
    if bytes.is_ascii() {
        // Fast path: most words.
        let first = bytes.first().is_some_and(u8::is_ascii_uppercase);
        let later = bytes.iter().skip(1).any(u8::is_ascii_uppercase);
        return match (first, later) {
            (_, true) => Shape::Acronym,
            (true, false) => Shape::Capitalized,
            (false, false) => Shape::Lower,
        };
    }
    let mut chars = word.chars().filter(|c| c.is_alphanumeric());
    let first = chars.next().is_some_and(char::is_uppercase);
    let later = chars.any(char::is_uppercase);
    match (first, later) {
        (_, true) => Shape::Acronym,
        (true, false) => Shape::Capitalized,
        (false, false) => Shape::Lower,
    }
}

/// Whether word `i` of a sentence reads as part of a name: an acronym or mixed-case word, a
/// capitalized word that does not begin the sentence, or a sentence-initial capitalized word
/// followed by another capitalized word ("Naive Bayes ...").
pub(crate) fn name_like(text: &str, words: &[Token], i: usize) -> bool {
    let word = |k: usize| &text[words[k].start..words[k].end];
    match shape(word(i)) {
        Shape::Lower => false,
        Shape::Acronym => true,
        Shape::Capitalized => {
            i > 0 || words.get(1).is_some_and(|w| shape(&text[w.start..w.end]) != Shape::Lower)
        }
    }
}

/// Whether words `first..=last` (at most two) hold a name-like word: the words a generated
/// entry must not match. Longer hits are never guarded.
pub(crate) fn guarded_span(text: &str, words: &[Token], first: usize, last: usize) -> bool {
    last <= first + 1 && (first..=last).any(|i| name_like(text, words, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut buf = String::new();
        crate::text::tokenize::for_each_token(text, 0, &mut buf, |w, _| {
            out.push(Token {
                start: w.start,
                end: w.end,
                id: 0,
                single: 0,
                joins: true,
                torn: false,
            })
        });
        out
    }

    #[test]
    fn name_like_table() {
        // (sentence, word index, name-like?)
        let cases: &[(&str, usize, bool)] = &[
            ("Naive Bayes works well.", 0, true),
            ("Naive Bayes works well.", 1, true),
            ("Naive methods work well.", 0, false),
            ("We visited Latakia in May.", 2, true),
            ("We visited the city in May.", 3, false),
            ("The iOS app crashed.", 1, true),
            ("NASA said so.", 0, true),
            ("It runs on Linux.", 3, true),
            ("the northwestern peninsula", 1, false),
            ("Édouard Lapin arrived.", 1, true),
            ("Édouard arrived.", 0, false),
            ("a ÉCOLE", 1, true),
        ];
        for &(text, i, want) in cases {
            let words = tokens(text);
            assert_eq!(name_like(text, &words, i), want, "{text:?} word {i}");
        }
    }

    #[test]
    fn generated_sources() {
        for (source, want) in [
            ("moby", true),
            ("wn+wnh", true),
            ("moby+mythes", true),
            ("pps-dialect", true),
            ("wordnet-function-word", false),
            ("curated", false),
            ("pps", false),
            ("", false),
            ("moby+curated", false),
            ("mine", false),
        ] {
            assert_eq!(is_generated_source(source), want, "{source}");
        }
    }
}
