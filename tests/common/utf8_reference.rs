//! The reference for invalid UTF-8, shared by the property tests and the `analyze` fuzz
//! target (which includes this file by path).

/// Every byte of every maximal invalid subpart (as `std::str::from_utf8` reports them)
/// becomes one U+001A. Returns the text and the count of invalid bytes.
pub fn substitute(mut bytes: &[u8]) -> (String, usize) {
    let mut out = String::new();
    let mut invalid = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(s);
                return (out, invalid);
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap());
                let bad = e.error_len().unwrap_or(rest.len());
                invalid += bad;
                out.extend(std::iter::repeat_n('\u{1A}', bad));
                bytes = &rest[bad..];
            }
        }
    }
}
