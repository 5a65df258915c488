//! Compiles the dictionaries in `data/` into the embedded default, with the same parser,
//! tokenizer and stemmer the library uses at run time (the files are shared with `src/`).
#![allow(dead_code)]

#[path = "src/dict/compile.rs"]
mod compile;
#[path = "src/dict/data_files.rs"]
mod data_files;
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

fn main() {
    println!("cargo::rerun-if-changed=data");
    // The generated layer is most of the size (about 39 MB compiled); the
    // `generated-dictionary` feature (on by default) embeds it.
    let generated = std::env::var_os("CARGO_FEATURE_GENERATED_DICTIONARY").is_some();
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    for (i, layer) in data_files::LAYERS.iter().enumerate() {
        if i > 0 || generated {
            println!("cargo::rerun-if-changed={layer}");
        }
    }
    // Fail loudly: a build without its data must not embed an empty dictionary.
    let files =
        data_files::layer_files(&root, generated).unwrap_or_else(|e| panic!("spinscan build: {e}"));
    let mut entries = Vec::new();
    let mut origins: Vec<(usize, PathBuf)> = Vec::new();
    for file in &files {
        println!("cargo::rerun-if-changed={}", file.display());
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let parsed = source::parse_tsv(&text)
            .unwrap_or_else(|e| panic!("{}:{}: {}", file.display(), e.line, e.reason));
        if parsed.is_empty() {
            panic!("spinscan build: {} holds no dictionary entry", file.display());
        }
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
