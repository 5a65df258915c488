//! The matcher's shortcuts (stem cache carrying one-word records, Bloom filters over pairs
//! and triples) never change what is found: it agrees with a plain `Map::get` of every
//! window, longest first, on text dense with dictionary phrases and on honest text.

mod common;

use spinscan::Detector;
use spinscan::bench_support::hits;

#[test]
fn matcher_agrees_with_map_get_on_every_window() {
    let detector = Detector::new();
    // Artifacts back to back and interleaved with common words, so that phrases overlap,
    // nest and run into each other.
    let fillers = ["the", "of", "and also", "said", "forces", "in the", "government"];
    let mut text = String::new();
    for (i, e) in detector.dictionary().iter().step_by(97).enumerate() {
        text.push_str(e.artifact);
        text.push(' ');
        text.push_str(fillers[i % fillers.len()]);
        text.push(if i % 13 == 0 { '.' } else { ' ' });
    }
    text.push_str(common::HONEST);
    let found = hits(&detector, &text, false);
    let reference = hits(&detector, &text, true);
    assert!(found.len() > 5_000, "only {} matches: the test text is not dense", found.len());
    assert_eq!(found, reference);
}
