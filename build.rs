//! Compiles the dictionaries in `data/` into the embedded default, with the same parser,
//! tokenizer and stemmer the library uses at run time (the files are shared with `src/`).
#![allow(dead_code)]

#[path = "src/dict/compile.rs"]
mod compile;
#[path = "src/dict/index.rs"]
mod index;
#[path = "src/text/normalize.rs"]
mod normalize;
#[path = "src/dict/source.rs"]
mod source;
#[path = "src/text/tokenize.rs"]
mod tokenize;

mod text {
    pub(crate) use super::{normalize, tokenize};
}
mod dict {
    pub(crate) use super::{index, source};
}

use std::path::{Path, PathBuf};

/// The layers of the default dictionary, lowest first: later layers override earlier ones.
const LAYERS: &[&str] = &["data/generated", "data/curated"];

fn main() {
    println!("cargo::rerun-if-changed=data");
    let mut files: Vec<PathBuf> = Vec::new();
    // The generated layer is most of the size (about 39 MB compiled); the
    // `generated-dictionary` feature (on by default) embeds it.
    let generated = std::env::var_os("CARGO_FEATURE_GENERATED_DICTIONARY").is_some();
    for layer in LAYERS {
        if *layer == "data/generated" && !generated {
            continue;
        }
        println!("cargo::rerun-if-changed={layer}");
        let mut in_layer: Vec<PathBuf> = std::fs::read_dir(layer)
            .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        in_layer.retain(|p| p.extension().is_some_and(|e| e == "tsv"));
        in_layer.sort();
        files.extend(in_layer);
    }
    let mut entries = Vec::new();
    let mut origins: Vec<(usize, PathBuf)> = Vec::new();
    for file in &files {
        println!("cargo::rerun-if-changed={}", file.display());
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let parsed = source::parse_tsv(&text)
            .unwrap_or_else(|e| panic!("{}:{}: {}", file.display(), e.line, e.reason));
        origins.push((entries.len(), file.clone()));
        entries.extend(parsed);
    }
    let bytes = compile::compile(&entries).unwrap_or_else(|e| {
        let k = origins.partition_point(|(first, _)| *first <= e.index).saturating_sub(1);
        let file = origins.get(k).map_or(Path::new("?"), |(_, p)| p.as_path());
        let line = entries.get(e.index).map_or(0, |x| x.line);
        panic!("{}:{line}: {}", file.display(), e.reason)
    });
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("default.spinscan"), bytes).expect("write the compiled dictionary");
}
