//! The matcher's shortcuts (stem cache carrying one-word records, Bloom filters over pairs
//! and triples) never change what is found: it agrees with a plain `Map::get` of every
//! window, longest first, on text dense with dictionary phrases and on honest text.

mod common;

use spinscan::Detector;
use spinscan::bench_support::{hits, hits_accepted};

#[test]
fn matcher_agrees_with_map_get_on_every_window() {
    let detector = Detector::new();
    let text = dense_text(&detector, 97, None);
    let found = hits(&detector, &text, false);
    let reference = hits(&detector, &text, true);
    assert!(found.len() > 5_000, "only {} matches: the test text is not dense", found.len());
    assert_eq!(found, reference);
}

/// With an accept rule that turns down about a third of the phrase candidates (as the
/// inflection check turns down derived spellings), the matcher still agrees with the plain
/// reference: the longest accepted candidate at each word, else its one-word entry.
#[test]
fn matcher_agrees_with_map_get_when_candidates_are_rejected() {
    let detector = Detector::new();
    let text = dense_text(&detector, 41, Some(3));
    for seed in 0..4u64 {
        let accept = |first: usize, last: usize, record: u64| {
            let mut h = seed
                ^ (first as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                ^ (last as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
                ^ record.wrapping_mul(0x1656_67B1_9E37_79F9);
            h ^= h >> 29;
            h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
            h ^= h >> 32;
            h % 3 != 0
        };
        let found = hits_accepted(&detector, &text, false, accept);
        let reference = hits_accepted(&detector, &text, true, accept);
        assert!(found.len() > 5_000, "only {} matches", found.len());
        assert_eq!(found, reference, "seed {seed}");
        assert_ne!(found, hits(&detector, &text, false), "the rule rejected nothing");
    }
}

/// Every `step`-th artifact, each followed by a common word (except every `bare`-th, if given,
/// which runs into the next artifact), so that phrases overlap, nest and run into each other;
/// then honest prose.
fn dense_text(detector: &Detector, step: usize, bare: Option<usize>) -> String {
    let fillers = ["the", "of", "and also", "said", "forces", "in the", "government"];
    let mut text = String::new();
    for (i, e) in detector.dictionary().iter().step_by(step).enumerate() {
        text.push_str(e.artifact);
        text.push(' ');
        if bare.is_none_or(|b| i % b != 0) {
            text.push_str(fillers[i % fillers.len()]);
        }
        text.push(if i % 13 == 0 { '.' } else { ' ' });
    }
    text.push_str(common::HONEST);
    text
}
