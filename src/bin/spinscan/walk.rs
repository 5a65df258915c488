//! `spinscan DIR`: the text files under a directory, in a stable order.
//!
//! Written on `std::fs` rather than with a crate such as `ignore` (ripgrep's walker): what is
//! needed here (sorted recursion, skipping hidden entries, symbolic links and binary files) is a
//! few dozen lines, and `ignore` would bring in globset, regex and a thread pool for
//! `.gitignore` support that spinscan does not offer.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use crate::output::printable;

/// How much of a file is read to decide whether it is binary (as ripgrep and git do: a NUL byte
/// there means binary).
const BINARY_PROBE_BYTES: usize = 8 << 10;

/// Calls `visit` with the path of each text file under `dir`, depth first, the entries of each
/// directory in byte order of their names (so runs are reproducible whatever the file system's
/// order). Hidden files and directories (names starting with `.`, such as `.git`) and symbolic
/// links (which could loop) are skipped, and so are binary files. A directory or file that
/// cannot be read is reported on stderr and sets `failed`; the walk goes on. An error from
/// `visit` (writing the output) stops it.
pub(crate) fn walk(
    dir: &Path,
    visit: &mut dyn FnMut(&str) -> io::Result<()>,
    failed: &mut bool,
) -> io::Result<()> {
    let entries = match fs::read_dir(dir).and_then(|d| d.collect::<io::Result<Vec<_>>>()) {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("spinscan: error: {}: {e}", printable(&dir.to_string_lossy()));
            *failed = true;
            return Ok(());
        }
    };
    let mut entries: Vec<_> = entries
        .into_iter()
        .filter(|e| !e.file_name().as_encoded_bytes().starts_with(b"."))
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(e) => {
                eprintln!("spinscan: error: {}: {e}", printable(&path.to_string_lossy()));
                *failed = true;
                continue;
            }
        };
        if kind.is_dir() {
            walk(&path, visit, failed)?;
            continue;
        }
        if !kind.is_file() {
            continue; // symbolic links, sockets, devices
        }
        let Some(name) = path.to_str() else {
            let shown = path.to_string_lossy();
            eprintln!("spinscan: error: {}: the file name is not UTF-8", printable(&shown));
            *failed = true;
            continue;
        };
        match is_binary(&path) {
            Ok(true) => {}
            Ok(false) => visit(name)?,
            Err(e) => {
                eprintln!("spinscan: error: {}: {e}", printable(name));
                *failed = true;
            }
        }
    }
    Ok(())
}

/// Whether the file has a NUL byte in its first `BINARY_PROBE_BYTES`.
fn is_binary(path: &Path) -> io::Result<bool> {
    let mut head = Vec::with_capacity(BINARY_PROBE_BYTES);
    fs::File::open(path)?.take(BINARY_PROBE_BYTES as u64).read_to_end(&mut head)?;
    Ok(memchr::memchr(0, &head).is_some())
}
