//! Corrupt and truncated compiled dictionaries: loading gives `Err`, never a panic, and a
//! dictionary that loads can be used (entries, lookups, analysis) without a panic.
//!
//! The first input byte picks the mode. Raw mode loads the input itself. Patch mode takes a
//! valid compiled dictionary, overwrites, inserts or truncates bytes as the input says, and
//! then repairs the checksum, so the validation behind the checksum is exercised too.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use spinscan::{Detector, Dictionary};

#[path = "common.rs"]
mod common;

static VALID: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let tsv = "unique pressures\tspecial forces\tsynonym\t3\tnews\tcurated\n\
               and also\tand\tfiller\t0.5\n\
               profound learning\tdeep learning\ttortured-phrase\t4\tscience\tpps\n\
               carbon monoxide ordinating\tco-ordinating\tacronym-expansion\t4\n\
               bosom\tbreast\ttortured-phrase\t3\n";
    Dictionary::from_tsv(tsv, "valid.tsv").unwrap().as_bytes().to_vec()
});

/// The format's checksum (FNV-1a, eight bytes at a time, then the length), over the body.
fn checksum(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01B3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = (h ^ u64::from_le_bytes(c.try_into().unwrap())).wrapping_mul(PRIME);
    }
    for &b in chunks.remainder() {
        h = (h ^ b as u64).wrapping_mul(PRIME);
    }
    h ^ bytes.len() as u64
}

const HEADER_LEN: usize = 64;

fn patch(data: &[u8]) -> Vec<u8> {
    let mut bytes = VALID.clone();
    // Four-byte commands: op, position (two bytes, modulo the length), value.
    for cmd in data.chunks_exact(4) {
        let at = u16::from_le_bytes([cmd[1], cmd[2]]) as usize % (bytes.len() + 1);
        match cmd[0] % 4 {
            0 if at < bytes.len() => bytes[at] = cmd[3],
            1 if at < bytes.len() => bytes[at] ^= 1 << (cmd[3] % 8),
            2 => bytes.insert(at, cmd[3]),
            _ => bytes.truncate(at),
        }
    }
    if bytes.len() >= HEADER_LEN && data.len().is_multiple_of(2) {
        let sum = checksum(&bytes[HEADER_LEN..]);
        bytes[16..24].copy_from_slice(&sum.to_le_bytes());
    }
    bytes
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let bytes = if mode % 2 == 0 { rest.to_vec() } else { patch(rest) };
    let Ok(dict) = Dictionary::from_compiled(bytes, "fuzz.bin") else { return };
    // Loaded: everything reachable must work.
    let entries: Vec<_> = dict.iter().collect();
    assert_eq!(entries.len(), dict.len());
    let mut text = String::new();
    for e in &entries {
        assert!(e.weight.is_finite());
        let _ = dict.get(e.artifact);
        text.push_str(e.artifact);
        text.push_str(". ");
    }
    text.push_str("The unique pressures and also profound learning of the bosom.");
    let again = Dictionary::from_compiled(dict.as_bytes().to_vec(), "again.bin").unwrap();
    // A loaded dictionary is a layer as it is (not recompiled), so building cannot fail.
    let detector = Detector::builder().no_default_dictionary().dictionary(again).build().unwrap();
    common::check_text(&detector, &text);
    // As a layer over another dictionary too.
    let layered = Detector::builder()
        .no_default_dictionary()
        .dictionary_tsv("unique pressures\tspecial forces\tsynonym\t3\n", "base.tsv")
        .dictionary(dict)
        .allow_text("and also\n", "allow.txt")
        .build()
        .unwrap();
    common::check_text(&layered, &text);
});
