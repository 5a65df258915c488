//! Honest text of several registers stays under the false-flag limits of issue 12: at most
//! 0.5% of documents and 0.2% of sentences flagged per register.
//!
//! The sample is what every machine that builds spinscan has: `../shared` (ABC news, Wikipedia
//! and the clean real-dev documents, pooled as one register) and, as code and Markdown, the
//! Rust sources and READMEs of the exact crate versions in `Cargo.lock`, read from Cargo's
//! registry (`$CARGO_HOME/registry/src`). A missing source fails the test. The full
//! per-register figures (informal, non-native, templates, non-English, ...) come from
//! `examples/evaluate/registers/build.py` and `examples/evaluate` (README "Honest registers").

use std::path::{Path, PathBuf};

use spinscan::Detector;

/// (documents flagged, documents, sentences flagged, sentences)
fn measure(d: &Detector, docs: &[String]) -> (usize, usize, usize, usize) {
    let (mut df, mut sf, mut s) = (0, 0, 0);
    for text in docs {
        let r = d.analyze(text);
        df += usize::from(r.spun);
        sf += r.flagged().count();
        s += r.sentences.len();
    }
    (df, docs.len(), sf, s)
}

fn check(name: &str, (df, dn, sf, sn): (usize, usize, usize, usize), min_docs: usize) {
    eprintln!("{name}: {df} of {dn} documents, {sf} of {sn} sentences flagged");
    assert!(dn >= min_docs, "{name}: only {dn} documents: the sample is missing");
    assert!(df * 200 <= dn, "{name}: {df} of {dn} documents flagged (limit 0.5%)");
    assert!(sf * 500 <= sn, "{name}: {sf} of {sn} sentences flagged (limit 0.2%)");
}

fn read(path: &Path) -> String {
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("{}: {e} (this test needs ../shared)", path.display()));
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn shared_clean_documents_stay_under_the_limits() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let mut docs: Vec<String> =
        read(&shared.join("clean/abc-news-2001.txt")).lines().map(str::to_string).collect();
    docs.extend(
        read(&shared.join("clean/wikipedia-2017-sample.txt")).split("\n\n").map(str::to_string),
    );
    let real_dev = shared.join("real-dev");
    let mut clean: Vec<PathBuf> = std::fs::read_dir(&real_dev)
        .unwrap_or_else(|e| panic!("{}: {e}", real_dev.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("clean-")))
        .collect();
    clean.sort();
    assert!(clean.len() >= 5, "real-dev: {} clean documents", clean.len());
    docs.extend(clean.iter().map(|p| read(p)));
    docs.retain(|t| !t.trim().is_empty());
    check("shared clean (ABC, Wikipedia, real-dev clean)", measure(&Detector::new(), &docs), 400);
}

/// The registry directories of the crates.io packages in `Cargo.lock` (name-version).
fn dependency_sources() -> Vec<PathBuf> {
    let lock = read(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"));
    let mut wanted = Vec::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = Some(n.trim_matches('"').to_string());
        } else if let (Some(v), Some(n)) = (line.strip_prefix("version = "), name.take()) {
            if n != "spinscan" {
                wanted.push(format!("{n}-{}", v.trim_matches('"')));
            }
        }
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .expect("neither CARGO_HOME nor HOME is set");
    let src = home.join("registry/src");
    let indexes: Vec<PathBuf> = std::fs::read_dir(&src)
        .unwrap_or_else(|e| {
            panic!("{}: {e} (this test reads the dependencies' sources)", src.display())
        })
        .flatten()
        .map(|e| e.path())
        .collect();
    let mut found = Vec::new();
    for crate_dir in &wanted {
        if let Some(dir) = indexes.iter().map(|i| i.join(crate_dir)).find(|d| d.is_dir()) {
            found.push(dir);
        }
    }
    // Every crate this project depends on was downloaded to build it.
    for required in ["fst-", "memchr-", "serde_json-", "whatlang-", "rust-stemmers-"] {
        assert!(
            found
                .iter()
                .any(|d| d.file_name().is_some_and(|n| n.to_string_lossy().starts_with(required))),
            "no {required}* under {}",
            src.display()
        );
    }
    found
}

fn files_under(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            files_under(&p, keep, out);
        } else if keep(&p) {
            out.push(p);
        }
    }
}

#[test]
fn dependency_code_and_readmes_stay_under_the_limits() {
    let crates = dependency_sources();
    let (mut rust, mut markdown) = (Vec::new(), Vec::new());
    for dir in &crates {
        files_under(dir, &|p| p.extension().is_some_and(|e| e == "rs"), &mut rust);
        files_under(
            dir,
            &|p| p.extension().is_some_and(|e| e == "md") && p.parent() == Some(dir.as_path()),
            &mut markdown,
        );
    }
    rust.sort();
    markdown.sort();
    let d = Detector::new();
    let docs = |paths: &[PathBuf]| -> Vec<String> { paths.iter().map(|p| read(p)).collect() };
    check("code (Rust sources of the dependencies)", measure(&d, &docs(&rust)), 200);
    check("Markdown (READMEs and docs of the dependencies)", measure(&d, &docs(&markdown)), 20);
}

/// Issue 12's inserted-phrase experiment: one honest strong phrase ("unique pressures" is a
/// curated artifact) put into each clean ABC article, at its start, middle and end, flags its
/// own sentence at most: it turns no document spun and flags no other sentence through the
/// passage context. (An article already flagged without the phrase, a false flag of its own
/// counted by `shared_clean_documents_stay_under_the_limits`, is left out of the first check.)
#[test]
fn one_honest_strong_phrase_flags_no_document_and_no_other_sentence() {
    const PHRASE: &str = "Small family farms face unique pressures from drought.";
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let abc = read(&shared.join("clean/abc-news-2001.txt"));
    let d = Detector::new();
    let alone = d.analyze(PHRASE);
    assert!(alone.sentences[0].spun, "the phrase must flag its sentence on its own");
    let articles: Vec<&str> = abc.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(articles.len() >= 300, "{} articles", articles.len());
    let (mut docs, mut others, mut runs) = (Vec::new(), Vec::new(), 0);
    for (k, article) in articles.iter().enumerate() {
        let bounds: Vec<usize> = spinscan::text::sentences(article).map(|r| r.end).collect();
        let middle = bounds.get(bounds.len() / 2).copied().unwrap_or(0);
        let plain = d.analyze(article);
        let before = plain.flagged().count();
        for at in [0, middle, article.len()] {
            let text = format!("{} {PHRASE} {}", &article[..at], &article[at..]);
            let r = d.analyze(&text);
            runs += 1;
            if r.spun && !plain.spun {
                docs.push(format!("article {k} at {at}: {:.3}", r.score));
            }
            let other: Vec<&str> = r
                .flagged()
                .map(|s| &text[s.start..s.end])
                .filter(|s| !s.contains("unique pressures"))
                .collect();
            if other.len() > before {
                others.push(format!("article {k} at {at}: {other:?}"));
            }
        }
    }
    eprintln!(
        "inserted phrase: {} of {runs} documents, {} with more sentences flagged",
        docs.len(),
        others.len()
    );
    assert!(docs.is_empty(), "{} documents flagged:\n{}", docs.len(), docs.join("\n"));
    assert!(
        others.is_empty(),
        "{} with other sentences flagged:\n{}",
        others.len(),
        others.join("\n")
    );
}
