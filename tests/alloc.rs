//! The hot path allocates nothing per word: counted with a global allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// One test function: the allocation counter is global, and tests run on parallel threads.
#[test]
fn warm_analysis_allocates_per_sentence_and_match_not_per_word() {
    let paragraph = "The government said on Tuesday that its troops had moved into the northern \
        region after heavy fighting. Officials told reporters the situation was calm, and \
        residents returned to their homes. Reporters saw damaged buildings near the market.\n";
    check(&paragraph.repeat(300));
    // Phrase candidates that the inflection check rejects ("vital product" against the entry
    // "vitality productivity") are checked with per-thread buffers, not per candidate.
    let paragraph = "The firmware reports vital product data for each board and the compiler \
        exploits instruction level parallelism. The measurement program ran on the machine \
        interpreter while we kept the vital product list.\n";
    let report = spinscan::Detector::new().analyze(paragraph);
    assert_eq!(report.matches().count(), 0, "{report:?}");
    check(&paragraph.repeat(300));
    // Document rules take the words in the same pass: their candidate hits go to a reused
    // vector, and only the matches whose conditions hold allocate (their strings).
    let csv = "tortured_phrase,expected_phrase,num_papers\n\
        \"\"\"bosom\"\" AND \"\"breast\"\"\",breast,100\n\
        \"\"\"irregular woodland\"\" AND optimiz*\",random forest,9\n\
        \"\"\"gatherings clustering\"\"~5 NOT \"\"pancake\"\"\",group clustering,7\n";
    let catalogue = spinscan::Catalogue::parse(csv, "t.csv");
    let with_rules = spinscan::Detector::builder().pps(catalogue).build().unwrap();
    let paragraph = "The bosom scan was optimized for breast tissue in the irregular woodland \
        model. Clustering of the gatherings was slow, and the optimizer optimizes optimally.\n";
    let report = with_rules.analyze(paragraph);
    assert_eq!(report.matches().count(), 3, "{report:?}");
    // Mostly words the rules look at (terms' words, prefix matches) without a match.
    let near_misses = "Breast imaging was optimized and the woodland gatherings were counted \
        again by the optimizer. The clustering of words in the woodland was irregular.\n";
    check_with(&with_rules, &(paragraph.repeat(10) + &near_misses.repeat(300)));
}

fn check(text: &str) {
    check_with(&spinscan::Detector::new(), text);
}

fn check_with(detector: &spinscan::Detector, text: &str) {
    let text = text.to_string();
    let warm = detector.analyze(&text); // fills the per-thread buffers and stem cache
    let words = spinscan::bench_support::tokenize(&text);

    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let report = detector.analyze(&text);
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
    assert_eq!(report, warm);

    let sentences = report.sentences.len();
    let matches = report.matches().count();
    // Per match: its two strings and, per sentence with matches, the match vector's growth.
    // The sentence vector grows by doubling. Nothing scales with the number of words.
    let budget = 4 * matches + 2 * (usize::BITS - sentences.leading_zeros()) as usize + 8;
    eprintln!("{words} words, {sentences} sentences, {matches} matches: {allocations} allocations");
    assert!(allocations <= budget, "{allocations} allocations for {words} words (budget {budget})");
    assert!(words > 20 * allocations.max(1));
}
