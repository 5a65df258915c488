//! The Rust side of bench/overhead.py: the same measurements without Python.
//!
//! usage: spinscan-python-baseline ABC_NEWS_TXT
//! prints: one-sentence `analyze` per call (ns of wall and of thread CPU time, best of 5 runs of
//! 20,000 calls), and
//! `analyze_batch_threads` on the ABC news articles repeated to about 10 MB, 1 and 2 threads
//! (MB/s, best of 5), as JSON.

use std::time::Instant;

use spinscan::Detector;

const SENTENCE: &str = "Russia's armed force stated that unique pressures had arrived.";

/// CPU time of this thread in seconds (Linux): robust to other processes on a loaded machine.
fn thread_cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e9)
}

fn best_cpu_of<F: FnMut() -> usize>(runs: usize, mut f: F) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let t = thread_cpu();
        std::hint::black_box(f());
        best = best.min(thread_cpu() - t);
    }
    best
}

fn best_of<F: FnMut() -> usize>(runs: usize, mut f: F) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut out = 0;
    for _ in 0..runs {
        let t = Instant::now();
        out = std::hint::black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, out)
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: spinscan-python-baseline ABC_NEWS_TXT");
    let text = std::fs::read_to_string(&path).expect("read the corpus");
    let articles: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let one: usize = articles.iter().map(|a| a.len()).sum();
    let repeats = (10_000_000 / one).max(1);
    let docs: Vec<&str> = (0..repeats).flat_map(|_| articles.iter().copied()).collect();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();

    let detector = Detector::new();
    detector.analyze(SENTENCE);
    let calls = 20_000;
    let (secs, _) = best_of(5, || (0..calls).map(|_| detector.analyze(SENTENCE).sentences.len()).sum());
    let per_call_ns = secs / calls as f64 * 1e9;
    let cpu = best_cpu_of(5, || (0..calls).map(|_| detector.analyze(SENTENCE).sentences.len()).sum());
    let per_call_cpu_ns = cpu / calls as f64 * 1e9;

    let mut batch = Vec::new();
    for threads in [1, 2] {
        detector.analyze_batch_threads(&docs, threads);
        let (secs, _) = best_of(5, || detector.analyze_batch_threads(&docs, threads).len());
        batch.push(format!("\"{threads}\": {:.1}", bytes as f64 / secs / 1e6));
    }
    println!(
        "{{\"one_sentence_ns\": {per_call_ns:.0}, \"one_sentence_cpu_ns\": {per_call_cpu_ns:.0}, \"batch_bytes\": {bytes}, \"batch_docs\": {}, \"batch_mb_s\": {{{}}}}}",
        docs.len(),
        batch.join(", ")
    );
}
