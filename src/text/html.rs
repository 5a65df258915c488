//! HTML input: the visible text of a document, laid over the document's own bytes.
//!
//! [`visible_text`] returns a string **exactly as long as the HTML**, in which every byte of
//! text sits at its offset in the document, so the rest of the pipeline (segmentation,
//! tokenization, matching) runs unchanged and every offset it reports is an offset into the
//! HTML. The document is tokenized by `html5gum` (the WHATWG tokenizer state machine, so
//! comments, `<script>` contents, attribute values with `>` in them and malformed markup are
//! read as a browser reads them); this module only decides what each token becomes:
//!
//! - **text** is copied as it is, except that line breaks become spaces (HTML renders them as
//!   spaces, so a hard-wrapped line does not end a sentence), but not inside `<pre>`,
//!   `<textarea>` and `<listing>`;
//! - a **character reference** (`&nbsp;`, `&amp;`, `&#8203;`, `&eacute;`) becomes the
//!   character it stands for, padded to the reference's length;
//! - a **block-level tag** (the elements the HTML standard's default style sheet renders as
//!   blocks, table cells, list items, `<br>`, `<title>`, the document's head) becomes a blank
//!   line, so the text of two blocks never joins into one sentence or one phrase;
//! - any **other tag**, comment or processing instruction (`<b>`, `<span>`, `<a href=..>`, an
//!   unknown `<x-foo>`, which browsers render inline) and the content of elements that are not
//!   rendered as text (`<script>`, `<style>`, `<template>`, `<noscript>`, `<iframe>`,
//!   `<noembed>`, `<noframes>`, `<xmp>`) become **filler**: spaces next to white space (or a
//!   block), and otherwise, between two characters a browser renders side by side
//!   (`uni<b>que</b>`, `<em>it</em>.`), invisible characters the tokenizer skips (U+2060 WORD
//!   JOINER, U+034F COMBINING GRAPHEME JOINER: default-ignorable, see
//!   [`normalize`](crate::text::normalize)), so a word stays one word and `Mr</b>.` stays an
//!   abbreviation;
//! - padding after a character reference follows the same rule.
//!
//! Attribute values (`alt`, `title` included) are not text: they are not shown as running
//! prose, and their offsets would fall inside a tag. Cost: one pass of the tokenizer and one
//! output string of the document's length; markup that cannot be tokenized never panics (the
//! tokenizer recovers as browsers do, and a truncated tag at the end is treated as markup).

use std::convert::Infallible;
use std::ops::Range;

use html5gum::{Emitter, Error as HtmlError, State, Tokenizer, naive_next_state};

/// The visible text of an HTML document, as long as the document, with text at its original
/// offsets (see the [module docs](self)).
///
/// ```
/// use spinscan::text::html::visible_text;
/// let html = "<p>The <b>unique</b>&nbsp;pressures</p><script>var x;</script>";
/// let text = visible_text(html);
/// assert_eq!(text.len(), html.len());
/// let start = html.find("unique").unwrap();
/// assert_eq!(&text[start..start + 6], "unique");
/// assert!(!text.contains("var x"));
/// assert_eq!(text.split_whitespace().collect::<Vec<_>>(), ["The", "unique", "pressures"]);
/// ```
pub fn visible_text(html: &str) -> String {
    Visible::new(html).text
}

/// The visible text of a document and where it differs from the document's bytes.
#[derive(Debug)]
pub(crate) struct Visible {
    /// Same length as the document; see [`visible_text`].
    pub(crate) text: String,
    /// The ranges inside which the text is not the document's own bytes (markup runs and
    /// character references): sorted, disjoint. An offset strictly inside one is not a place
    /// in the document a reader would point at, so [`Visible::snap_start`] and
    /// [`Visible::snap_end`] move it to the range's edge.
    regions: Vec<Range<usize>>,
}

impl Visible {
    pub(crate) fn new(html: &str) -> Visible {
        // The tokenizer folds CR LF into LF, which would make its text shorter than the
        // document; CR and NUL are white space or ignored in HTML text, so they are read as
        // spaces (same length, same offsets).
        let input: std::borrow::Cow<'_, str> =
            if memchr::memchr2(b'\r', b'\0', html.as_bytes()).is_some() {
                html.replace(['\r', '\0'], " ").into()
            } else {
                html.into()
            };
        let mut blanker = Blanker::new(&input);
        let tokenizer = Tokenizer::new_with_emitter(&*input, Emit(&mut blanker));
        // The reader over a `&str` cannot fail (its error type is `Infallible`).
        let _ = tokenizer.finish();
        blanker.finish()
    }

    /// `start` moved back to the start of the markup or reference it falls inside, if any.
    pub(crate) fn snap_start(&self, start: usize) -> usize {
        match self.inside(start) {
            Some(r) => r.start,
            None => start,
        }
    }

    /// `end` moved forward to the end of the markup or reference it falls inside, if any.
    pub(crate) fn snap_end(&self, end: usize) -> usize {
        match self.inside(end) {
            Some(r) => r.end,
            None => end,
        }
    }

    fn inside(&self, offset: usize) -> Option<&Range<usize>> {
        let k = self.regions.partition_point(|r| r.end <= offset);
        self.regions.get(k).filter(|r| r.start < offset && offset < r.end)
    }

    /// The first visible words, up to about `limit` bytes (see [`collapse`]): what a reader
    /// sees first, for telling the language.
    pub(crate) fn sample(&self, limit: usize) -> String {
        collapse(&self.text, limit)
    }

    /// The visible text of `range` (see [`collapse`]): "unique pressures" for
    /// `<b>unique</b>&nbsp;<i>pressures</i>`.
    pub(crate) fn words(&self, range: Range<usize>) -> String {
        collapse(self.text.get(range).unwrap_or_default(), usize::MAX)
    }
}

/// Visible text as a reader sees it: the filler dropped, white space runs written as one
/// space, none at the ends; stops once `limit` bytes are written.
fn collapse(text: &str, limit: usize) -> String {
    let mut out = String::with_capacity(text.len().min(limit));
    let mut space = false;
    for c in text.chars() {
        if out.len() >= limit {
            break;
        }
        if c == WORD_JOINER || c == GRAPHEME_JOINER {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Invisible filler, three bytes: default-ignorable, so the tokenizer skips it inside words.
const WORD_JOINER: char = '\u{2060}';
/// Invisible filler, two bytes (for lengths that are not a multiple of three).
const GRAPHEME_JOINER: char = '\u{034F}';

/// Elements whose content is not rendered as text.
fn is_hidden(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"template"
            | b"noscript"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"xmp"
    )
}

/// Elements rendered as blocks (or lines, cells, items) by the HTML standard's default style
/// sheet, and `<br>`: their tags end sentences. Every other element (`b`, `span`, `a`, unknown
/// ones) is inline, as browsers render it.
fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"address"
            | b"article"
            | b"aside"
            | b"base"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"caption"
            | b"center"
            | b"col"
            | b"colgroup"
            | b"dd"
            | b"details"
            | b"dialog"
            | b"dir"
            | b"div"
            | b"dl"
            | b"dt"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"frameset"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"head"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"html"
            | b"legend"
            | b"li"
            | b"link"
            | b"listing"
            | b"main"
            | b"menu"
            | b"meta"
            | b"nav"
            | b"ol"
            | b"optgroup"
            | b"option"
            | b"p"
            | b"plaintext"
            | b"pre"
            | b"search"
            | b"section"
            | b"select"
            | b"summary"
            | b"table"
            | b"tbody"
            | b"td"
            | b"textarea"
            | b"tfoot"
            | b"th"
            | b"thead"
            | b"title"
            | b"tr"
            | b"ul"
    )
}

/// Elements whose line breaks are rendered as line breaks.
fn keeps_lines(name: &[u8]) -> bool {
    matches!(name, b"pre" | b"textarea" | b"listing" | b"plaintext")
}

/// Whether markup next to this character may be invisible: markup between two characters
/// that are not white space (`uni<b>que</b>`, `<em>it</em>.`) renders as nothing between them.
fn visible(c: char) -> bool {
    !c.is_whitespace()
}

/// Builds the visible text as the tokenizer reports tokens. Everything before `done` is
/// written to `out`; `[out.len(), last_end)` is markup whose filler waits for the next text (it
/// is invisible only between two characters that are not white space).
struct Blanker<'a> {
    input: &'a str,
    out: Vec<u8>,
    regions: Vec<Range<usize>>,
    /// The tokenizer's position in `input` (bytes consumed).
    position: usize,
    /// The end of the last token: the next token's source starts here.
    last_end: usize,
    /// Whether the last character written is not white space.
    prev_visible: bool,
    tag: Vec<u8>,
    tag_is_end: bool,
    last_start_tag: Vec<u8>,
    /// Inside a raw-text element whose content is hidden (`<script>`, `<style>`...).
    hidden_raw: bool,
    /// Depth of `<template>` elements (their content is parsed as HTML but not rendered).
    template_depth: usize,
    /// Depth of elements that keep line breaks.
    pre_depth: usize,
}

impl<'a> Blanker<'a> {
    fn new(input: &'a str) -> Blanker<'a> {
        Blanker {
            input,
            out: Vec::with_capacity(input.len()),
            regions: Vec::new(),
            position: 0,
            last_end: 0,
            prev_visible: false,
            tag: Vec::new(),
            tag_is_end: false,
            last_start_tag: Vec::new(),
            hidden_raw: false,
            template_depth: 0,
            pre_depth: 0,
        }
    }

    /// The source range of the token the tokenizer just finished, if it is a sane one. The
    /// caller moves `last_end` to its end once it has written what comes before.
    fn source(&self) -> Option<Range<usize>> {
        let end = self.position.min(self.input.len());
        let start = self.last_end;
        if end <= start || !self.input.is_char_boundary(end) {
            return None;
        }
        Some(start..end)
    }

    fn mark(&mut self, range: Range<usize>) {
        match self.regions.last_mut() {
            Some(last) if range.start < last.end => last.end = last.end.max(range.end),
            _ => self.regions.push(range),
        }
    }

    /// Writes the pending markup as filler: invisible between two characters that are not
    /// white space, else spaces.
    fn flush(&mut self, next_visible: bool) {
        let n = self.last_end.saturating_sub(self.out.len());
        if n == 0 {
            return;
        }
        if self.prev_visible && next_visible && n >= 2 {
            let (mut threes, twos) = match n % 3 {
                0 => (n / 3, 0),
                2 => (n / 3, 1),
                _ => (n / 3 - 1, 2),
            };
            let mut buf = [0u8; 4];
            for _ in 0..twos {
                self.out.extend_from_slice(GRAPHEME_JOINER.encode_utf8(&mut buf).as_bytes());
            }
            while threes > 0 {
                self.out.extend_from_slice(WORD_JOINER.encode_utf8(&mut buf).as_bytes());
                threes -= 1;
            }
        } else {
            self.out.resize(self.out.len() + n, b' ');
            self.prev_visible = false;
        }
    }

    /// Markup that does not end a sentence (inline tags, comments, hidden content).
    fn inline(&mut self) {
        if let Some(r) = self.source() {
            self.last_end = r.end;
            self.mark(r);
        }
    }

    /// Markup that ends a sentence: a blank line.
    fn block(&mut self) {
        if let Some(r) = self.source() {
            // The markup before this tag ends its text: spaces.
            self.flush(false);
            self.last_end = r.end;
            let n = r.end - r.start;
            self.out.extend(std::iter::repeat_n(b'\n', n.min(2)));
            self.out.resize(self.out.len() + n.saturating_sub(2), b' ');
            self.prev_visible = false;
            self.mark(r);
        }
    }

    fn text(&mut self, s: &[u8]) {
        if self.hidden_raw || self.template_depth > 0 {
            return self.inline();
        }
        let Some(r) = self.source() else { return };
        let source = &self.input.as_bytes()[r.clone()];
        if source == s {
            let Some(first) = self.input[r.clone()].chars().next() else { return };
            self.flush(visible(first));
            self.last_end = r.end;
            let keep_lines = self.pre_depth > 0;
            self.out.extend(s.iter().map(|&b| if b == b'\n' && !keep_lines { b' ' } else { b }));
            self.prev_visible = self.input[r].chars().next_back().is_some_and(visible);
            return;
        }
        // A character reference (or a run the tokenizer changed): its characters, as many as
        // fit in the reference, then filler up to its end (decided with the next text).
        let decoded = std::str::from_utf8(s).unwrap_or_default();
        let Some(first) = decoded.chars().next() else { return self.inline() };
        self.flush(visible(first));
        self.last_end = r.end;
        let mut written = 0;
        for c in decoded.chars() {
            if written + c.len_utf8() > r.len() {
                break;
            }
            let mut buf = [0u8; 4];
            // White space from a reference (`&nbsp;`, `&#10;`) renders as a space: written as
            // ASCII, it keeps the tokenizer on its fast path.
            let c = if c.is_whitespace() && (self.pre_depth == 0 || c != '\n') { ' ' } else { c };
            self.out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            written += c.len_utf8();
            self.prev_visible = visible(c);
        }
        self.mark(r);
    }

    fn tag(&mut self) -> Option<State> {
        let name = std::mem::take(&mut self.tag);
        let hidden_before = self.hidden_raw || self.template_depth > 0;
        if self.tag_is_end {
            self.hidden_raw = false;
            if name == b"template" {
                self.template_depth = self.template_depth.saturating_sub(1);
            }
            if keeps_lines(&name) {
                self.pre_depth = self.pre_depth.saturating_sub(1);
            }
        }
        if is_block(&name) && !hidden_before {
            self.block();
        } else {
            self.inline();
        }
        let next = if self.tag_is_end {
            None
        } else {
            if name == b"template" {
                self.template_depth += 1;
            } else if is_hidden(&name) {
                self.hidden_raw = naive_next_state(&name).is_some();
            }
            if keeps_lines(&name) && !hidden_before {
                self.pre_depth += 1;
            }
            self.last_start_tag.clone_from(&name);
            naive_next_state(&name)
        };
        self.tag = name;
        self.tag.clear();
        next
    }

    fn finish(mut self) -> Visible {
        // A tag cut off by the end of the document is not text.
        self.position = self.input.len();
        self.inline();
        self.flush(false);
        let len = self.input.len();
        // Unreachable (every token's source is accounted for), but never a wrong length.
        if self.out.len() != len {
            self.out.truncate(len.min(self.out.len()));
            while !self.out.is_empty() && std::str::from_utf8(&self.out).is_err() {
                self.out.pop();
            }
            self.out.resize(len, b' ');
        }
        let text = String::from_utf8(self.out).unwrap_or_else(|_| " ".repeat(len));
        Visible { text, regions: self.regions }
    }
}

/// The tokenizer's emitter: forwards what matters to the [`Blanker`].
struct Emit<'a, 'b>(&'b mut Blanker<'a>);

impl Emitter for Emit<'_, '_> {
    type Token = Infallible;

    fn move_position(&mut self, offset: isize) {
        self.0.position = self.0.position.saturating_add_signed(offset);
    }
    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.0.last_start_tag.clear();
        self.0.last_start_tag.extend_from_slice(last_start_tag.unwrap_or_default());
    }
    fn emit_eof(&mut self) {}
    fn emit_error(&mut self, _: HtmlError) {}
    fn should_emit_errors(&mut self) -> bool {
        false
    }
    fn pop_token(&mut self) -> Option<Infallible> {
        None
    }
    fn emit_string(&mut self, s: &[u8]) {
        self.0.text(s);
    }
    fn init_start_tag(&mut self) {
        self.0.tag.clear();
        self.0.tag_is_end = false;
    }
    fn init_end_tag(&mut self) {
        self.0.tag.clear();
        self.0.tag_is_end = true;
    }
    fn init_comment(&mut self) {}
    fn emit_current_tag(&mut self) -> Option<State> {
        self.0.tag()
    }
    fn emit_current_comment(&mut self) {
        self.0.inline();
    }
    fn emit_current_doctype(&mut self) {
        self.0.block();
    }
    fn set_self_closing(&mut self) {}
    fn set_force_quirks(&mut self) {}
    fn push_tag_name(&mut self, s: &[u8]) {
        // Names are short; a pathological one is cut, which only makes it unknown (inline).
        if self.0.tag.len() < 32 {
            self.0.tag.extend_from_slice(s);
        }
    }
    fn push_comment(&mut self, _: &[u8]) {}
    fn push_doctype_name(&mut self, _: &[u8]) {}
    fn init_doctype(&mut self) {}
    fn init_attribute(&mut self) {}
    fn push_attribute_name(&mut self, _: &[u8]) {}
    fn push_attribute_value(&mut self, _: &[u8]) {}
    fn set_doctype_public_identifier(&mut self, _: &[u8]) {}
    fn set_doctype_system_identifier(&mut self, _: &[u8]) {}
    fn push_doctype_public_identifier(&mut self, _: &[u8]) {}
    fn push_doctype_system_identifier(&mut self, _: &[u8]) {}
    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.0.tag_is_end
            && !self.0.last_start_tag.is_empty()
            && self.0.tag == self.0.last_start_tag
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The visible words of each document (white space runs as one space, filler dropped).
    #[test]
    fn visible_text_table() {
        let cases: &[(&str, &str)] = &[
            ("plain text", "plain text"),
            ("<p>unique&nbsp;pressures</p>", "unique pressures"),
            ("<b>unique</b> <i>pressures</i>", "unique pressures"),
            ("uni<b>que</b> pres<!-- x -->sures", "unique pressures"),
            ("caf&eacute; &amp; bar", "café & bar"),
            ("a&#8203;b &#x41;", "a\u{200B}b A"),
            ("x<script>if (a < b) { unique pressures }</script>y", "xy"),
            ("x <script>unique pressures</script>y", "x y"),
            ("<style>p { unique: pressures }</style>ok", "ok"),
            ("<template><p>unique pressures</p></template>ok", "ok"),
            ("<noscript>enable js</noscript>ok", "ok"),
            ("<p title=\"unique pressures\" alt='x'>body</p>", "body"),
            ("a < b and c > d", "a < b and c > d"),
            ("broken <b attr=\"unterminated", "broken"),
            ("<!DOCTYPE html><html><body>hi</body></html>", "hi"),
            ("line one\nline two", "line one line two"),
            // Legacy references without a semicolon, as the standard reads them.
            ("&notanentity; &amp", "¬anentity; &"),
            ("", ""),
        ];
        for &(html, want) in cases {
            let v = Visible::new(html);
            assert_eq!(v.text.len(), html.len(), "{html:?}");
            assert_eq!(v.words(0..html.len()), want, "{html:?} -> {:?}", v.text);
        }
    }

    #[test]
    fn blocks_are_blank_lines_and_inline_markup_is_not() {
        let html = "<p>One</p><p>Two</p>";
        let text = visible_text(html);
        assert!(text.contains("One") && text.contains("\n\n"), "{text:?}");
        let inline = visible_text("<span>One</span><span>Two</span>");
        assert!(!inline.contains('\n'), "{inline:?}");
        // Inside a word, inline markup is invisible filler: the word stays one word.
        let joined = visible_text("uni<b>que</b>");
        assert_eq!(joined.replace([WORD_JOINER, GRAPHEME_JOINER], "").trim(), "unique");
    }

    #[test]
    fn offsets_keep_their_place() {
        let html = "<div>The <em>unique</em>&nbsp;pressures&hellip;</div>";
        let v = Visible::new(html);
        for word in ["The", "unique", "pressures"] {
            let at = html.find(word).unwrap();
            assert_eq!(&v.text[at..at + word.len()], word);
        }
        let hellip = html.find("&hellip;").unwrap();
        assert_eq!(v.snap_end(hellip + 1), hellip + "&hellip;".len());
        assert_eq!(v.snap_start(hellip + 2), hellip);
        assert_eq!(v.snap_start(hellip), hellip);
    }

    #[test]
    fn carriage_returns_and_nul_keep_the_length() {
        for html in ["a\r\nb", "<p>x\r</p>\ry", "\0<b>\0</b>", "&amp;\r\n&lt;"] {
            assert_eq!(visible_text(html).len(), html.len(), "{html:?}");
        }
    }
}
