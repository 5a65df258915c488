//! Evidence that needs no dictionary: torn hyphens and leaked spintax.

use crate::text::tokenize::Gap;

/// Words after which "word- " is a suspended compound ("pre- and post-war"), not a tear.
const SUSPENSION_WORDS: &[&str] = &["and", "or", "to", "nor", "through", "vs", "versus", "and/or"];

/// Whether the word after a hyphen-space gap makes it a suspended compound. `word` is folded
/// or raw ASCII in any case.
#[inline]
pub fn is_suspension_word(word: &str) -> bool {
    word.len() <= 7 && SUSPENSION_WORDS.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// Whether a word whose gap is `gap` is joined to the previous word by a torn hyphen that
/// counts as evidence. `word` is the word itself, folded or raw ASCII in any case.
#[inline]
pub fn is_torn(gap: Gap, word: &str) -> bool {
    gap == Gap::TornHyphen && !is_suspension_word(word)
}

/// Finds leaked spintax `{a|b}` in `text`: a brace group on one line, at most 300 bytes, with at
/// least one `|` and no nested braces. Returns byte ranges relative to `text`.
pub fn spintax(text: &str, mut on_match: impl FnMut(usize, usize, &str)) {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(open) = memchr::memchr(b'{', &bytes[from..]).map(|o| from + o) {
        from = open + 1;
        let window = &bytes[open + 1..bytes.len().min(open + 300)];
        let Some(close) = window.iter().position(|&b| matches!(b, b'}' | b'{' | b'\n')) else {
            continue;
        };
        if window[close] != b'}' {
            continue;
        }
        let inner = &text[open + 1..open + 1 + close];
        if let Some(first) = inner.split('|').next().filter(|_| inner.contains('|')) {
            let first = first.trim();
            if !first.is_empty() && inner.split('|').all(|a| !a.trim().is_empty()) {
                on_match(open, open + close + 2, first);
                from = open + close + 2;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spintax_table() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("a {big|large|huge} dog", &[("{big|large|huge}", "big")]),
            ("{a|b} and {c|d}", &[("{a|b}", "a"), ("{c|d}", "c")]),
            ("fn main() { x | y }", &[("{ x | y }", "x")]),
            ("json {\"a\": 1}", &[]),
            ("{|}", &[]),
            ("{a|}", &[]),
            ("{a|b\n}", &[]),
            ("{{a|b}", &[("{a|b}", "a")]),
            ("unclosed {a|b", &[]),
        ];
        for (text, want) in cases {
            let mut got = Vec::new();
            spintax(text, |s, e, first| got.push((&text[s..e], first.to_string())));
            let want: Vec<(&str, String)> = want.iter().map(|(a, b)| (*a, b.to_string())).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
