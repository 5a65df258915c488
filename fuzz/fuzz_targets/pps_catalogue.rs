//! Arbitrary tortured-phrase catalogues (CSV with Boolean queries): parsing never panics,
//! every row becomes a rule or an error, and a detector built from the rules analyzes text
//! (the catalogue itself, and its phrases in sentences) into well-formed reports.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spinscan::{Catalogue, Detector};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let catalogue = Catalogue::parse(&text, "fuzz.csv");
    for e in catalogue.errors() {
        assert!(e.line >= 1 && !e.reason.is_empty(), "{e:?}");
    }
    let mut sample = String::new();
    for r in catalogue.rules().iter().take(16) {
        assert!(!r.artifact.words.is_empty());
        assert_eq!(r.artifact.words.len(), r.artifact.prefix.len());
        sample.push_str(&r.artifact.words.join(" "));
        sample.push_str(" and ");
        for t in &r.require {
            sample.push_str(&t.words.join(" "));
            sample.push(' ');
        }
        sample.push_str(". ");
    }
    let Ok(detector) = Detector::builder().no_default_dictionary().pps(catalogue).build() else {
        return;
    };
    common::check_text(&detector, &text);
    common::check_text(&detector, &sample);
});
