//! Evidence that needs no dictionary: torn hyphens and leaked spintax.

use crate::text::tokenize::Gap;

/// Words after which "word- " is a suspended compound ("pre- and post-war"), not a tear: English,
/// and the conjunctions of other languages that write them ("Groß- und Kleinschreibung",
/// "micro- et nano-", "pre- y post-", "in- e output", "lees- en schrijf-", "in- och utdata").
const SUSPENSION_WORDS: &[&str] = &[
    "and", "or", "to", "nor", "through", "vs", "versus", "and/or", "und", "oder", "bzw", "sowie",
    "bis", "et", "ou", "y", "o", "e", "ed", "en", "och", "eller", "og", "i", "lub", "oraz",
];

/// Whether the word after a hyphen-space gap makes it a suspended compound. `word` is folded
/// or raw ASCII in any case.
#[inline]
pub fn is_suspension_word(word: &str) -> bool {
    word.len() <= 7 && SUSPENSION_WORDS.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// Words that start a clause: after "word- " they show a dash typed as a hyphen ("the pond-
/// there was", "the war- he said", "jane- who"), not a compound torn apart. Spinners tear
/// compounds ("battle- split", "Britain- based", "3- year- old"), whose second part is a
/// content word.
const DASH_WORDS: &[&str] = &[
    "the", "an", "he", "she", "it", "they", "we", "you", "there", "who", "which", "this", "these",
    "those", "his", "her", "their", "its", "my", "our", "your", "but", "until", "when", "while",
    "because", "if", "though", "although", "should", "would", "could", "will", "is", "are", "was",
    "were", "not", "then", "where", "why", "how",
];

/// Suffixes that a line-break hyphenation leaves on the next line ("bicker- ing", "govern-
/// ment"): a word split into syllables, not two words of a compound torn apart.
const SUFFIXES: &[&str] = &[
    "ing", "ings", "ed", "er", "ers", "tion", "tions", "sion", "sions", "ment", "ments", "ness",
    "ly", "able", "ible", "ity", "ities", "ous", "ive", "ance", "ence", "al", "ism", "ist", "ists",
];

/// Whether the word after a hyphen-space gap starts a clause (see [`DASH_WORDS`]) or is a
/// bare suffix (see [`SUFFIXES`]).
#[inline]
fn is_dash_word(word: &str) -> bool {
    word.len() <= 8 && (DASH_WORDS.iter().chain(SUFFIXES).any(|s| s.eq_ignore_ascii_case(word)))
}

/// Whether a word whose gap is `gap` is joined to the previous word by a torn hyphen that
/// counts as evidence. `word` is the word itself, folded or raw ASCII in any case.
#[inline]
pub fn is_torn(gap: Gap, word: &str) -> bool {
    gap == Gap::TornHyphen && !is_suspension_word(word) && !is_dash_word(word)
}

/// Finds leaked spintax `{a|b}` in `text` (one sentence): a brace group on one line, at most 300
/// bytes, with at least one `|` and no nested braces, whose alternatives are prose (see
/// [`prose_alternatives`]), in a sentence of prose (see [`prose_sentence`]). Code, templates and
/// set notation (`{{ x | upper }}`, `{ A | B => 1 }`, `{x | x > 0}`, `docker {start|stop}`,
/// `{-d|-D}`) are not spintax. Returns byte ranges relative to `text`.
pub fn spintax(text: &str, mut on_match: impl FnMut(usize, usize, &str)) {
    let mut groups: [(usize, usize); 8] = [(0, 0); 8];
    let mut n = 0;
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
        let end = open + close + 2;
        // Template delimiters: `{{ x | y }}`, `{% ... %}`, `${a|b}`, `#{...}`.
        let doubled =
            bytes.get(open.wrapping_sub(1)).is_some_and(|b| matches!(b, b'{' | b'$' | b'#'))
                || bytes.get(end) == Some(&b'}');
        let inner = &text[open + 1..open + 1 + close];
        if !doubled && inner.contains('|') && prose_alternatives(inner) {
            if n == groups.len() {
                break;
            }
            groups[n] = (open, end);
            n += 1;
            from = end;
        }
    }
    if n == 0 || !prose_sentence(text, &groups[..n]) {
        return;
    }
    for &(open, end) in &groups[..n] {
        let first = text[open + 1..end - 1].split('|').next().unwrap_or("").trim();
        on_match(open, end, first);
    }
}

/// Whether every `|`-separated alternative of a brace group is prose: words of letters (with
/// inner apostrophes or hyphens, spaces between words, an optional final comma or period), and
/// at least one alternative has a word of two letters or more. Operators, digits, symbols and
/// flags (`-d`) are not prose.
fn prose_alternatives(inner: &str) -> bool {
    let mut long_word = false;
    for alt in inner.split('|') {
        let alt = alt.trim().trim_end_matches([',', '.', '!', '?']);
        if alt.is_empty() {
            return false;
        }
        for word in alt.split(' ').filter(|w| !w.is_empty()) {
            let first_ok = word.chars().next().is_some_and(char::is_alphabetic);
            let last_ok = word.chars().next_back().is_some_and(char::is_alphabetic);
            if !first_ok
                || !last_ok
                || !word
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '-' || c == '\u{2019}')
            {
                return false;
            }
            long_word |= word.chars().filter(|c| c.is_alphabetic()).nth(1).is_some();
        }
    }
    long_word
}

/// Whether the text around the brace groups reads as prose: at least three words of letters
/// outside the groups, and none of the symbols of code or markup (`=`, `<`, `>`, `$`, `` ` ``,
/// `;`, `::`, `&&`, `||`, `()`).
fn prose_sentence(text: &str, groups: &[(usize, usize)]) -> bool {
    let mut words = 0;
    let mut pos = 0;
    let mut outside = |part: &str| -> bool {
        if part.contains(['=', '<', '>', '$', '`', ';', '\\'])
            || part.contains("::")
            || part.contains("&&")
            || part.contains("()")
        {
            return false;
        }
        words += part
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| {
                w.chars().any(char::is_alphabetic) && w.chars().all(|c| !c.is_ascii_digit())
            })
            .count();
        true
    };
    for &(open, end) in groups {
        if !outside(&text[pos..open]) {
            return false;
        }
        pos = end;
    }
    if !outside(&text[pos..]) {
        return false;
    }
    words >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spintax_table() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("it is a {big|large|huge} dog", &[("{big|large|huge}", "big")]),
            (
                "{Hello|Hi} there, we {love|adore} our new dog.",
                &[("{Hello|Hi}", "Hello"), ("{love|adore}", "love")],
            ),
            ("We {don't|do not} know what to do.", &[("{don't|do not}", "don't")]),
            ("the {well-known|famous} writer came home", &[("{well-known|famous}", "well-known")]),
            ("This is {a|b} and {c|d} in a set.", &[]),
            ("fn main() { x | y }", &[]),
            ("json {\"a\": 1}", &[]),
            ("{|}", &[]),
            ("{a|}", &[]),
            ("in the text {a|b\n}", &[]),
            ("the old {{a|b} house stood", &[]),
            ("unclosed {a|b", &[]),
            // Code, templates and set notation (issue 12): never spintax.
            ("Hello {{ x | upper }} and welcome to the site", &[]),
            ("let f = match v { A | B => 1 }", &[]),
            ("The set {x | x > 0} is open.", &[]),
            ("The set {n \u{2208} N | n is prime} is infinite.", &[]),
            ("docker {start|stop|restart}", &[]),
            ("Use {-d|-D} to delete the branch.", &[]),
            ("Run `git {add|rm}` on the file.", &[]),
            ("{% if a %}{a|b}{% endif %} is the text", &[]),
            ("Hello ${name|upper} and welcome here", &[]),
            ("{count, plural, one {# item} other {# items}} in your cart", &[]),
            ("The file {x|y}.txt holds the data", &[]),
        ];
        for (text, want) in cases {
            let mut got = Vec::new();
            spintax(text, |s, e, first| got.push((&text[s..e], first.to_string())));
            let want: Vec<(&str, String)> = want.iter().map(|(a, b)| (*a, b.to_string())).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
