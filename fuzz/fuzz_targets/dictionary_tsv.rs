//! Arbitrary TSV dictionary sources: parsing and compiling give a dictionary or an error,
//! never a panic; a dictionary that compiles round-trips through its compiled bytes, finds
//! every one of its entries and spellings, and analyzes text (its own source) into a well-formed report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spinscan::{Detector, Dictionary};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(dict) = Dictionary::from_tsv(text, "fuzz.tsv") else { return };
    let again = Dictionary::from_compiled(dict.as_bytes().to_vec(), "fuzz.bin")
        .expect("a freshly compiled dictionary loads");
    assert_eq!(again.len(), dict.len());
    assert!(again.iter().eq(dict.iter()));
    assert!(again.iter_spellings().eq(dict.iter_spellings()));
    for e in dict.iter() {
        assert!(e.weight.is_finite());
        let found = dict.get(e.artifact).expect("every entry is found by its own artifact");
        assert_eq!(found, e, "an entry's key leads to another entry");
    }
    // Every stored spelling (lines that shared a stemmed key) still finds its entry.
    for s in dict.iter_spellings() {
        let found = dict.get(s.artifact).expect("every spelling is found");
        let same = (found.original, found.kind, found.weight, found.domain, found.source)
            == (s.original, s.kind, s.weight, s.domain, s.source);
        assert!(same, "a spelling leads to another entry: {s:?} -> {found:?}");
    }
    let detector = Detector::builder().no_default_dictionary().dictionary(again).build().unwrap();
    common::check_text(&detector, text);
    for e in dict.iter().take(8) {
        common::check_text(&detector, &format!("The {} came. {}!", e.artifact, e.original));
    }
});
