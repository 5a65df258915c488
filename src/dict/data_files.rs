//! Finds the TSV files of the default dictionary's layers under `data/`. Self-contained:
//! `build.rs` includes this file, and the library's tests call it, so that a checkout without
//! its data fails to build with a message instead of embedding an empty dictionary.

use std::path::{Path, PathBuf};

/// The layers of the default dictionary, lowest first: later layers override earlier ones.
/// The first is the generated layer, embedded only with the `generated-dictionary` feature.
pub const LAYERS: &[&str] = &["data/generated", "data/curated"];

/// The `.tsv` files of each layer under `root` (the crate's directory), lowest layer first and
/// sorted by name within a layer; the generated layer only if `generated`. A missing or
/// unreadable layer folder, or one without any `.tsv` file, is an error that names it.
pub fn layer_files(root: &Path, generated: bool) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for (i, layer) in LAYERS.iter().enumerate() {
        if i == 0 && !generated {
            continue;
        }
        let dir = root.join(layer);
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            format!(
                "cannot read the dictionary folder {}: {e}. The default dictionary is compiled \
                 from data/ at build time; restore it (git checkout -- data) or build from a \
                 complete checkout",
                dir.display()
            )
        })?;
        let mut in_layer = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?.path();
            if path.extension().is_some_and(|e| e == "tsv") {
                in_layer.push(path);
            }
        }
        if in_layer.is_empty() {
            return Err(format!(
                "the dictionary folder {} holds no .tsv file: the default dictionary would be \
                 missing a layer",
                dir.display()
            ));
        }
        in_layer.sort();
        files.extend(in_layer);
    }
    Ok(files)
}
