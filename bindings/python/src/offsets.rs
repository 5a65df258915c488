//! Byte offsets (what the Rust library reports) to code point offsets (what Python's `str`
//! indexes), in one forward pass over the document.

use spinscan::Report;

/// Maps byte offsets of one text to code point offsets. Asking in ascending order (the order
/// of a report's spans) costs one pass over the text in total; an offset below the previous
/// one restarts the count from the beginning, so any order is correct.
pub(crate) struct CodePoints<'a> {
    bytes: &'a [u8],
    /// ASCII text: byte and code point offsets are the same.
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CodePoints<'a> {
    pub(crate) fn new(text: &'a str) -> CodePoints<'a> {
        CodePoints { bytes: text.as_bytes(), ascii: text.is_ascii(), byte: 0, chars: 0 }
    }

    /// The code point offset of byte offset `byte` (clamped to the text's length).
    pub(crate) fn get(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        // Every code point has exactly one byte that is not a continuation byte (10xxxxxx).
        self.chars += self.bytes[self.byte..byte].iter().filter(|&&b| (b as i8) >= -0x40).count();
        self.byte = byte;
        self.chars
    }
}

/// Rewrites every span of `report` (sentences and matches, computed over `text`) from byte
/// offsets to code point offsets.
pub(crate) fn to_code_points(text: &str, report: &mut Report) {
    let mut map = CodePoints::new(text);
    for sentence in &mut report.sentences {
        sentence.start = map.get(sentence.start);
        for m in &mut sentence.matches {
            m.start = map.get(m.start);
            m.end = map.get(m.end);
        }
        sentence.end = map.get(sentence.end);
    }
}
