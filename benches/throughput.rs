//! Throughput of spinscan against an aho-corasick baseline over the same artifact strings.
//!
//! Corpus: the clean English of `../shared/data/clean/` (2001 ABC news, a 2017 Wikipedia
//! sample) repeated to at least 10 MB, with the shared spun news example mixed in every 20
//! documents. Without `../shared` a synthetic corpus is generated (and the bench says so).
//!
//! Group `analyze-clean-news` runs the same comparison on the ABC news alone (skipped
//! without `../shared`). Group `analyze-pps` runs the default detector and the default plus
//! the shared PPS catalogue (`../shared/data/pps/tortured.csv`: its plain phrases in the
//! dictionary, its rows with conditions as document rules) on the same corpus, so their ratio
//! is the catalogue's cost.
//!
//! `cargo bench --bench throughput` (add a group name to run one group, e.g. `-- analyze`).

use std::hint::black_box;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use spinscan::bench_support as stage;
use spinscan::{Detector, Dictionary};

const TARGET_BYTES: usize = 10 * 1024 * 1024;

/// Documents of the bench corpus (one per news article or Wikipedia article).
fn corpus() -> Vec<String> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let read = |p: &str| std::fs::read_to_string(shared.join(p)).ok();
    let mut base: Vec<String> = Vec::new();
    if let (Some(news), Some(wiki), Some(spun)) = (
        read("data/clean/abc-news-2001.txt"),
        read("data/clean/wikipedia-2017-sample.txt"),
        read("examples/spun-news-example.txt"),
    ) {
        for (i, doc) in news.lines().chain(wiki.split("\n\n")).enumerate() {
            base.push(doc.to_string());
            if i % 20 == 0 {
                base.push(spun.clone());
            }
        }
        eprintln!("corpus: ../shared clean news + Wikipedia + spun example, repeated to >= 10 MB");
    } else {
        eprintln!("corpus: ../shared not found; using generated text (figures not comparable)");
        base = synthetic();
    }
    let mut docs = Vec::new();
    let mut bytes = 0;
    while bytes < TARGET_BYTES {
        for d in &base {
            bytes += d.len();
            docs.push(d.clone());
        }
    }
    docs
}

/// Clean news alone (the 2001 ABC articles repeated to at least 10 MB), the corpus the
/// throughput target names; `None` without `../shared`.
fn clean_news() -> Option<Vec<String>> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let news = std::fs::read_to_string(shared.join("data/clean/abc-news-2001.txt")).ok()?;
    let base: Vec<&str> = news.lines().filter(|l| !l.trim().is_empty()).collect();
    let (mut docs, mut bytes) = (Vec::new(), 0);
    while bytes < TARGET_BYTES {
        for d in &base {
            bytes += d.len();
            docs.push(d.to_string());
        }
    }
    Some(docs)
}

fn synthetic() -> Vec<String> {
    let words = [
        "the",
        "government",
        "said",
        "on",
        "Tuesday",
        "that",
        "its",
        "forces",
        "had",
        "moved",
        "into",
        "the",
        "northern",
        "region",
        "after",
        "heavy",
        "fighting",
        "with",
        "rebels",
        "unique",
        "pressures",
        "and",
        "also",
        "armed",
        "force",
        "stated",
        "reporters",
        "were",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..2000)
        .map(|_| {
            let mut doc = String::new();
            for s in 0..12 {
                for w in 0..18 {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    if w > 0 {
                        doc.push(' ');
                    }
                    doc.push_str(words[(x % words.len() as u64) as usize]);
                }
                doc.push_str(if s % 5 == 4 { ".\n" } else { ". " });
            }
            doc
        })
        .collect()
}

fn analyze(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let text = docs.join("\n\n");
    let sentences = stage::segment(&text);
    let detector = Detector::new();
    let patterns = stage::artifact_strings(&detector);
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&patterns)
        .expect("aho-corasick builds");
    eprintln!(
        "{} documents, {bytes} bytes, {sentences} sentences; dictionary {} entries",
        docs.len(),
        detector.dictionary().len()
    );

    let mut g = c.benchmark_group("analyze");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("spinscan", |b| {
        b.iter(|| docs.iter().map(|d| detector.analyze(d).sentences.len()).sum::<usize>())
    });
    g.bench_function("aho-corasick-baseline", |b| {
        b.iter(|| docs.iter().map(|d| ac.find_iter(d.as_str()).count()).sum::<usize>())
    });
    g.finish();

    let catalogue = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/pps/tortured.csv");
    match spinscan::Catalogue::from_path(&catalogue) {
        Ok(catalogue) => {
            let with_pps = Detector::builder().pps(catalogue).build().expect("catalogue builds");
            let mut g = c.benchmark_group("analyze-pps");
            g.sample_size(10);
            g.throughput(Throughput::Bytes(bytes as u64));
            g.bench_function("default", |b| {
                b.iter(|| docs.iter().map(|d| detector.analyze(d).sentences.len()).sum::<usize>())
            });
            g.bench_function("default+pps", |b| {
                b.iter(|| docs.iter().map(|d| with_pps.analyze(d).sentences.len()).sum::<usize>())
            });
            g.finish();
        }
        Err(e) => eprintln!("analyze-pps skipped: {e}"),
    }

    match clean_news() {
        Some(news) => {
            let mut g = c.benchmark_group("analyze-clean-news");
            g.sample_size(10);
            g.throughput(Throughput::Bytes(news.iter().map(String::len).sum::<usize>() as u64));
            g.bench_function("spinscan", |b| {
                b.iter(|| news.iter().map(|d| detector.analyze(d).sentences.len()).sum::<usize>())
            });
            g.bench_function("aho-corasick-baseline", |b| {
                b.iter(|| news.iter().map(|d| ac.find_iter(d.as_str()).count()).sum::<usize>())
            });
            g.finish();
        }
        None => eprintln!("analyze-clean-news skipped: ../shared not found"),
    }

    let mut g = c.benchmark_group("analyze-sentences");
    g.sample_size(10);
    g.throughput(Throughput::Elements(sentences as u64));
    g.bench_function("spinscan", |b| {
        b.iter(|| docs.iter().map(|d| detector.analyze(d).sentences.len()).sum::<usize>())
    });
    g.finish();

    let mut g = c.benchmark_group("batch");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    for threads in [1, 2] {
        g.bench_with_input(BenchmarkId::new("threads", threads), &threads, |b, &t| {
            b.iter(|| detector.analyze_batch_threads(&docs, t).len())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("stages");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("segment", |b| b.iter(|| stage::segment(black_box(&text))));
    g.bench_function("tokenize", |b| b.iter(|| stage::tokenize(black_box(&text))));
    g.bench_function("stem-uncached", |b| b.iter(|| stage::stem_uncached(black_box(&text))));
    let mut cache = stage::Cache::default();
    g.bench_function("stem-cached", |b| {
        b.iter(|| stage::stem_cached(&detector, black_box(&text), &mut cache))
    });
    g.bench_function("match-fst-walk", |b| {
        b.iter(|| stage::match_walk(&detector, black_box(&text), &mut cache))
    });
    g.bench_function("match-map-get", |b| {
        b.iter(|| stage::match_map_get(&detector, black_box(&text), &mut cache))
    });
    g.finish();
}

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.bench_function("embedded-from-bytes", |b| b.iter(stage::load_embedded));
    g.bench_function("embedded-shared", |b| b.iter(|| Dictionary::embedded().len()));
    g.bench_function("detector-new", |b| b.iter(|| Detector::new().threshold()));
    // The compiler writes the matcher index into the dictionary, so a first analysis builds
    // nothing. The embedded dictionary is shared and already warm here, so this measures the
    // first analysis with a fresh 100k-entry user dictionary.
    let tsv_first: String = Dictionary::embedded()
        .iter()
        .take(100_000)
        .map(|e| format!("{}\t{}\t{}\t{}\n", e.artifact, e.original, e.kind, e.weight))
        .collect();
    let user = Dictionary::from_tsv(&tsv_first, "user.tsv").expect("embedded entries parse");
    g.sample_size(10);
    g.bench_function("first-analysis-100k-entries", |b| {
        b.iter_batched(
            || {
                let d = Dictionary::from_compiled(user.as_bytes().to_vec(), "user.bin")
                    .expect("round trip");
                Detector::builder().no_default_dictionary().dictionary(d).build().expect("builds")
            },
            |d| d.analyze("The unique pressures arrived.").sentences.len(),
            criterion::BatchSize::PerIteration,
        )
    });
    let tsv: String = Dictionary::embedded()
        .iter()
        .take(10_000)
        .map(|e| format!("{}\t{}\t{}\t{}\n", e.artifact, e.original, e.kind, e.weight))
        .collect();
    g.sample_size(10);
    g.bench_function("user-tsv-10k-entries", |b| {
        b.iter(|| Dictionary::from_tsv(black_box(&tsv), "user.tsv").map(|d| d.len()))
    });
    g.finish();
}

/// Layered dictionaries: what a user source costs on top of the embedded default (built once
/// at build time, never recompiled), loading a compiled file, and analysis with two layers or
/// two detectors used in turn on one thread.
fn layers(c: &mut Criterion) {
    let one_line = "zorbly wumpus\tlittle dog\tsynonym\t4\n";
    let entries = |n: usize| -> String {
        Dictionary::embedded()
            .iter()
            .take(n)
            .map(|e| format!("{}\t{}\t{}\t{}\n", e.artifact, e.original, e.kind, e.weight))
            .collect()
    };
    let (tsv_10k, tsv_100k) = (entries(10_000), entries(100_000));
    let compiled_100k = Dictionary::from_tsv(&tsv_100k, "user.tsv").expect("compiles");
    let mut g = c.benchmark_group("layers-build");
    g.sample_size(10);
    g.bench_function("default-alone", |b| {
        b.iter(|| Detector::builder().build().map(|d| d.layers().len()))
    });
    g.bench_function("compile-1-line", |b| {
        b.iter(|| Dictionary::from_tsv(black_box(one_line), "one.tsv").map(|d| d.len()))
    });
    g.bench_function("default-plus-1-line-tsv", |b| {
        b.iter(|| {
            Detector::builder()
                .dictionary_tsv(black_box(one_line), "one.tsv")
                .build()
                .map(|d| d.layers().len())
        })
    });
    g.bench_function("default-plus-10k-line-tsv", |b| {
        b.iter(|| {
            Detector::builder()
                .dictionary_tsv(black_box(&tsv_10k), "10k.tsv")
                .build()
                .map(|d| d.layers().len())
        })
    });
    g.bench_function("default-plus-allow-list-1-line", |b| {
        b.iter(|| {
            Detector::builder()
                .allow_text(black_box("unique pressures\n"), "allow.txt")
                .build()
                .map(|d| d.layers().len())
        })
    });
    // Loading validates structurally (linear), not by recompiling; compiling the same
    // entries from TSV is the cost that loading used to pay.
    g.bench_function("load-compiled-100k-entries", |b| {
        b.iter(|| {
            Dictionary::from_compiled(compiled_100k.as_bytes().to_vec(), "user.bin")
                .map(|d| d.len())
        })
    });
    g.bench_function("compile-100k-entries-from-tsv", |b| {
        b.iter(|| Dictionary::from_tsv(black_box(&tsv_100k), "user.tsv").map(|d| d.len()))
    });
    g.finish();

    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let default = Detector::new();
    let two_layers =
        Detector::builder().dictionary_tsv(&tsv_10k, "10k.tsv").build().expect("builds");
    let other = Detector::builder()
        .no_default_dictionary()
        .dictionary(compiled_100k.clone())
        .build()
        .expect("builds");
    let mut g = c.benchmark_group("layers-analyze");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("default", |b| {
        b.iter(|| docs.iter().map(|d| default.analyze(d).sentences.len()).sum::<usize>())
    });
    g.bench_function("default-plus-10k-layer", |b| {
        b.iter(|| docs.iter().map(|d| two_layers.analyze(d).sentences.len()).sum::<usize>())
    });
    g.bench_function("user-100k-alone", |b| {
        b.iter(|| docs.iter().map(|d| other.analyze(d).sentences.len()).sum::<usize>())
    });
    // Two detectors with different dictionaries, alternating document by document on one
    // thread: each keeps its own warm stem cache.
    g.bench_function("default-and-user-100k-alternating", |b| {
        b.iter(|| {
            docs.iter()
                .enumerate()
                .map(|(i, d)| if i % 2 == 0 { &default } else { &other }.analyze(d).sentences.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

/// HTML input against plain text in the same run: the clean news as text, and the same
/// articles as HTML pages (a head with style and script, each article a paragraph with a tag
/// every 7 words, `&rsquo;` for apostrophes, `&nbsp;` every 9 spaces). Throughput is counted in
/// bytes of plain text for all three, so the ratio of their times is the cost of the markup
/// handling per unit of content.
#[cfg(feature = "html")]
fn html(c: &mut Criterion) {
    let Some(news) = clean_news() else {
        return eprintln!("analyze-html skipped: ../shared not found");
    };
    let page = |text: &str| {
        let mut html = String::from(
            "<!DOCTYPE html><html><head><title>News</title><style>p { margin: 0 }</style>\
             <script>var x = 1;</script></head><body><article><p>",
        );
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                html.push_str(if i % 9 == 0 { "&nbsp;" } else { " " });
            }
            let word = word.replace('&', "&amp;").replace('<', "&lt;").replace('\'', "&rsquo;");
            if i % 7 == 3 {
                html.push_str(&format!("<b>{word}</b>"));
            } else {
                html.push_str(&word);
            }
        }
        html.push_str("</p></article></body></html>");
        html
    };
    let pages: Vec<String> = news.iter().map(|d| page(d)).collect();
    let text_bytes: usize = news.iter().map(String::len).sum();
    let html_bytes: usize = pages.iter().map(String::len).sum();
    eprintln!("analyze-html: {text_bytes} bytes of text, {html_bytes} bytes as HTML pages");
    let detector = Detector::new();
    let mut g = c.benchmark_group("analyze-html");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text_bytes as u64));
    g.bench_function("text", |b| {
        b.iter(|| news.iter().map(|d| detector.analyze(d).sentences.len()).sum::<usize>())
    });
    g.bench_function("html", |b| {
        b.iter(|| pages.iter().map(|d| detector.analyze_html(d).sentences.len()).sum::<usize>())
    });
    g.bench_function("visible-text-only", |b| {
        b.iter(|| pages.iter().map(|d| spinscan::text::html::visible_text(d).len()).sum::<usize>())
    });
    g.finish();
}

#[cfg(not(feature = "html"))]
fn html(_: &mut Criterion) {}

criterion_group!(benches, analyze, load, layers, html);
criterion_main!(benches);
