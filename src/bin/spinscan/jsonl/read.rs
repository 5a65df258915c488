//! Reading `--jsonl-input`: lines with a size limit (a longer line is read past, not held) and
//! a leading BOM skipped; then each line's `id` as written and its `text` decoded as bytes.

use std::io::{self, BufRead};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

/// What the line reader yields.
pub(super) enum Item {
    /// A non-blank line within the limit: its number and bytes (without the newline).
    Line(usize, Vec<u8>),
    /// A line over the limit: its number, its length, and its first bytes (at most the limit
    /// plus one), read for the id.
    TooLong(usize, usize, Vec<u8>),
    /// A read error while reading the line with this number.
    Failed(usize, io::Error),
}

/// Splits the input into lines, skipping a leading BOM and blank lines, and never holding
/// more than `limit + 1` bytes of one line.
pub(super) struct Lines<R> {
    reader: R,
    limit: usize,
    number: usize,
    ended: bool,
}

impl<R: BufRead> Lines<R> {
    pub(super) fn new(reader: R, limit: usize) -> Self {
        Lines { reader, limit, number: 0, ended: false }
    }

    pub(super) fn next(&mut self) -> Option<Item> {
        loop {
            if self.ended {
                return None;
            }
            let n = self.number + 1;
            let mut buf = Vec::new();
            let mut len = 0usize; // line bytes seen, newline excluded
            let mut any = false;
            loop {
                let available = match self.reader.fill_buf() {
                    Ok(b) => b,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        self.ended = true;
                        return Some(Item::Failed(n, e));
                    }
                };
                if available.is_empty() {
                    self.ended = true;
                    break;
                }
                any = true;
                let newline = memchr::memchr(b'\n', available);
                let part = &available[..newline.unwrap_or(available.len())];
                let room = (self.limit + 1).saturating_sub(buf.len());
                buf.extend_from_slice(&part[..part.len().min(room)]);
                len += part.len();
                let used = part.len() + usize::from(newline.is_some());
                self.reader.consume(used);
                if newline.is_some() {
                    break;
                }
            }
            if !any {
                return None;
            }
            self.number = n;
            if n == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
                len -= 3;
            }
            if len > self.limit {
                return Some(Item::TooLong(n, len, buf));
            }
            if !buf.iter().all(u8::is_ascii_whitespace) {
                return Some(Item::Line(n, buf));
            }
        }
    }
}

/// Reads the object on one line: its `id` as JSON text, exactly as written, and the range of
/// its `text` string's contents (between the quotes, escapes not yet decoded). The id is set
/// as soon as it is read, so it is known even when something later on the line is wrong.
///
/// serde_json needs valid UTF-8, but invalid bytes inside strings are analyzed, not refused:
/// such a line is parsed as a copy with each invalid byte replaced by `?` (same length, so
/// ranges hold), and an id's invalid bytes come back as `\u001a`.
pub(super) fn fields(
    line: &[u8],
    id: &mut Option<String>,
    text: &mut Option<(usize, usize)>,
) -> Result<(), String> {
    let repaired;
    let valid = match std::str::from_utf8(line) {
        Ok(_) => line,
        Err(_) => {
            repaired = questioned(line);
            &repaired
        }
    };
    let mut found = Found { id: None, text: None };
    let mut de = serde_json::Deserializer::from_slice(valid);
    let result = Fields(&mut found).deserialize(&mut de).and_then(|()| de.end());
    let base = valid.as_ptr() as usize;
    let range = |raw: &RawValue| {
        let at = raw.get().as_ptr() as usize - base;
        at..at + raw.get().len()
    };
    if let Some(raw) = found.id {
        let r = range(raw);
        *id = Some(if valid.as_ptr() == line.as_ptr() {
            raw.get().to_string()
        } else {
            escaped_invalid(&line[r])
        });
    }
    if let Err(e) = result {
        // serde_json says "at line 1 column C"; the line number is ours.
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(i) => format!("{} at column {}", &message[..i], e.column()),
            None => message,
        };
        return Err(message);
    }
    match found.text {
        None => Err("missing field `text`".into()),
        Some(raw) if !raw.get().starts_with('"') => Err("`text` must be a string".into()),
        Some(raw) => {
            let r = range(raw);
            *text = Some((r.start + 1, r.end - 1));
            if id.is_none() { Err("missing field `id`".into()) } else { Ok(()) }
        }
    }
}

struct Found<'de> {
    id: Option<&'de RawValue>,
    text: Option<&'de RawValue>,
}

/// Reads the line's object into a `Found` that outlives a failed parse.
struct Fields<'a, 'de>(&'a mut Found<'de>);

impl<'de> DeserializeSeed<'de> for Fields<'_, 'de> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Fields<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object with `id` and `text`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Id if self.0.id.is_some() => return Err(de::Error::duplicate_field("id")),
                Key::Text if self.0.text.is_some() => {
                    return Err(de::Error::duplicate_field("text"));
                }
                Key::Id => self.0.id = Some(map.next_value()?),
                Key::Text => self.0.text = Some(map.next_value()?),
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

enum Key {
    Id,
    Text,
    Other,
}

impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, k: &str) -> Result<Key, E> {
                Ok(match k {
                    "id" => Key::Id,
                    "text" => Key::Text,
                    _ => Key::Other,
                })
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// `line` with each byte that is not part of valid UTF-8 replaced by `?`.
fn questioned(line: &[u8]) -> Vec<u8> {
    let mut out = line.to_vec();
    let mut at = 0;
    while let Err(e) = std::str::from_utf8(&out[at..]) {
        let bad = at + e.valid_up_to();
        let len = e.error_len().unwrap_or(out.len() - bad);
        out[bad..bad + len].fill(b'?');
        at = bad + len;
    }
    out
}

/// JSON text with each invalid UTF-8 byte written as `\u001a` (it is inside a string).
fn escaped_invalid(bytes: &[u8]) -> String {
    let (text, _) = repaired(bytes);
    text.replace('\u{1A}', "\\u001a")
}

/// `bytes` as text, each invalid byte analyzed as U+001A like document mode, so offsets still
/// count the bytes as written; and how many bytes were invalid.
pub(super) fn repaired(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, usize) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.into(), 0);
    }
    let (mut text, mut invalid, mut rest) = (String::with_capacity(bytes.len()), 0, bytes);
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                text.push_str(s);
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let bad = e.error_len().unwrap_or(after.len());
                invalid += bad;
                text.extend(std::iter::repeat_n('\u{1A}', bad));
                rest = &after[bad..];
            }
        }
    }
    (text.into(), invalid)
}

/// Decodes the escapes of a JSON string's contents in place and returns the decoded length
/// (never longer: every escape is longer than what it stands for). Bytes are copied as they
/// are, valid or not; `\uXXXX` becomes UTF-8, and a lone surrogate its three WTF-8 bytes
/// (which, not being valid UTF-8, are then analyzed as U+001A and counted as invalid).
/// None on a malformed escape (serde_json has already refused those).
pub(super) fn unescape(s: &mut [u8]) -> Option<usize> {
    let (mut r, mut w) = (0, 0);
    let hex = |s: &[u8], at: usize| -> Option<u32> {
        let digits = std::str::from_utf8(s.get(at..at + 4)?).ok()?;
        u32::from_str_radix(digits, 16).ok()
    };
    while let Some(k) = memchr::memchr(b'\\', &s[r..]) {
        s.copy_within(r..r + k, w);
        (r, w) = (r + k, w + k);
        let c = *s.get(r + 1)?;
        let simple = match c {
            b'"' | b'\\' | b'/' => Some(c),
            b'b' => Some(8),
            b'f' => Some(12),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'u' => None,
            _ => return None,
        };
        if let Some(b) = simple {
            s[w] = b;
            (r, w) = (r + 2, w + 1);
            continue;
        }
        let mut cp = hex(s, r + 2)?;
        r += 6;
        if (0xD800..0xDC00).contains(&cp) && s.get(r..r + 2) == Some(b"\\u") {
            if let Some(low @ 0xDC00..0xE000) = hex(s, r + 2) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                r += 6;
            }
        }
        let mut buf = [0u8; 4];
        let bytes: &[u8] = match char::from_u32(cp) {
            Some(ch) => ch.encode_utf8(&mut buf).as_bytes(),
            // A lone surrogate: the generalized UTF-8 encoding of its code point.
            None => {
                buf[..3].copy_from_slice(&[
                    0xE0 | (cp >> 12) as u8,
                    0x80 | ((cp >> 6) & 0x3F) as u8,
                    0x80 | (cp & 0x3F) as u8,
                ]);
                &buf[..3]
            }
        };
        let len = bytes.len();
        s[w..w + len].copy_from_slice(&buf[..len]);
        w += len;
    }
    let end = s.len();
    s.copy_within(r..end, w);
    Some(w + end - r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Read};

    /// `len` bytes of `{"id": 1, "text": "xxx...`, then a newline and a short line; generated
    /// as read, so only what the line reader keeps is ever in memory.
    struct Huge {
        len: usize,
        at: usize,
    }

    impl Read for Huge {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            const HEAD: &[u8] = b"{\"id\": 1, \"text\": \"";
            const TAIL: &[u8] = b"\n{\"id\": 2, \"text\": \"x\"}\n";
            let mut n = 0;
            while n < buf.len() && self.at < self.len + TAIL.len() {
                buf[n] = match self.at {
                    i if i < HEAD.len() => HEAD[i],
                    i if i < self.len => b'x',
                    i => TAIL[i - self.len],
                };
                (n, self.at) = (n + 1, self.at + 1);
            }
            Ok(n)
        }
    }

    #[test]
    fn an_oversized_line_is_skipped_without_being_held() {
        let len = 64 << 20;
        let mut lines = Lines::new(BufReader::new(Huge { len, at: 0 }), 1000);
        let Some(Item::TooLong(1, seen, prefix)) = lines.next() else { panic!("not too long") };
        assert_eq!(seen, len);
        assert_eq!(prefix.len(), 1001, "only the limit and one byte are kept");
        assert!(prefix.capacity() < 1 << 20);
        let mut id = None;
        assert!(fields(&prefix, &mut id, &mut None).is_err());
        assert_eq!(id.as_deref(), Some("1"));
        assert!(
            matches!(lines.next(), Some(Item::Line(2, l)) if l == b"{\"id\": 2, \"text\": \"x\"}")
        );
        assert!(lines.next().is_none());
    }

    #[test]
    fn unescape_decodes_in_place_and_keeps_lone_surrogates_as_wtf8() {
        let table: &[(&[u8], &[u8])] = &[
            (b"plain", b"plain"),
            (br#"a\"b\\c\/d\b\f\n\r\t"#, b"a\"b\\c/d\x08\x0c\n\r\t"),
            (br"\u00e9\u20ac", "é€".as_bytes()),
            (br"\ud83d\ude00!", "😀!".as_bytes()),
            (br"x\ud800y", b"x\xED\xA0\x80y"),
            (br"\udc00\ud800", b"\xED\xB0\x80\xED\xA0\x80"),
            (br"\ud800\u0041", b"\xED\xA0\x80A"),
            (b"caf\xE9", b"caf\xE9"),
        ];
        for (input, expected) in table {
            let mut s = input.to_vec();
            let n = unescape(&mut s).unwrap();
            assert_eq!(&s[..n], *expected, "{:?}", String::from_utf8_lossy(input));
        }
        assert_eq!(unescape(&mut br"\x".to_vec()), None);
    }
}
