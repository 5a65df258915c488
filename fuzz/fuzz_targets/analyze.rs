//! Arbitrary bytes as text: the whole-text report is well formed, the streamed one equals it,
//! and invalid UTF-8 streams like its documented substitution (one U+001A per bad byte).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/utf8_reference.rs"]
mod utf8_reference;
use utf8_reference::substitute;

#[path = "common.rs"]
mod common;

/// Hands out the input a few bytes per read (the sizes come from the input itself).
struct Trickle<'a> {
    data: &'a [u8],
    step: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.step = self.step.wrapping_mul(31).wrapping_add(7);
        let n = (1 + self.step % 7).min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

fuzz_target!(|data: &[u8]| {
    let d = &*common::SMALL;
    let (text, invalid) = substitute(data);
    common::check_text(d, &text);
    let report = d.analyze(&text);
    let step = data.first().copied().unwrap_or(0) as usize;
    for trickle in [false, true] {
        let mut sentences = Vec::new();
        let mut collect = |_: &str, s: &spinscan::SentenceReport| {
            sentences.push(s.clone());
            Ok::<(), std::io::Error>(())
        };
        let summary = if trickle {
            d.analyze_reader(Trickle { data, step }, &mut collect)
        } else {
            d.analyze_reader(data, &mut collect)
        }
        .expect("reading from memory cannot fail");
        assert_eq!(summary.invalid_bytes, invalid);
        assert!(sentences == report.sentences, "streamed bytes differ from the substitution");
        assert_eq!(summary.score, report.score);
    }
});
