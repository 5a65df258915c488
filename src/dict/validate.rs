//! Structural validation of an untrusted automaton, in time linear in its size, so that every
//! later walk is safe.
//!
//! `fst` trusts its input: it decodes a node with unchecked slice indexing and subtraction, and
//! adds outputs with `+`, so a crafted node makes a walk panic (or overflow). Recompiling the
//! entries and comparing bytes proves a file safe, but costs a full compilation (3.1 s for the
//! default's 660k entries). Instead, [`check`] walks every path from the root once, depth-first,
//! and for every node on the way checks, with checked arithmetic, each read and subtraction that
//! `fst` 0.4's decoder (`raw/node.rs`: the three node encodings, their pack sizes, the
//! transition index of nodes with more than 32 transitions, delta-coded addresses) will make;
//! and the sum of the outputs along each path. Only then does it let `fst` decode the node.
//!
//! What this guarantees: a walk that starts at the root and follows transitions (`Map::get`,
//! streams, the matcher, whose start states are checked against the automaton by the caller)
//! only ever meets nodes and output sums checked here, since decoding is a pure function of
//! the address. So no walk panics. Besides, the keys come out strictly increasing (no byte
//! string is two keys), each is at most `max_key` bytes, the `n`-th key's output is `n` (the
//! compiler numbers records and stem ids in key order), and `key_ok` accepts every key.
//!
//! What it does not guarantee: that the entries mean what their TSV said (a crafted file with a
//! repaired checksum may map a stem to the wrong id); such a file gives wrong answers, never a
//! panic. Cost: one visit per distinct key prefix, bounded by `keys * max_key`; a file whose
//! walk exceeds that bound is rejected.

use fst::raw::{CompiledAddr, Fst};

/// The `fst` format version this decoder mirrors (the one `fst` 0.4 writes).
const FST_VERSION: u64 = 3;
/// Nodes with more transitions than this carry a 256-byte input index (format version >= 2).
const TRANS_INDEX_THRESHOLD: usize = 32;
/// The address of the empty final node, which has no bytes.
const EMPTY_ADDRESS: usize = 0;

/// Checks an automaton of `keys` keys (as its footer must say), each at most `max_key` bytes
/// long, whose `n`-th key (in order) has output `n`; `key_ok` vets each key. See the module
/// documentation for what passing guarantees.
pub(crate) fn check<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    keys: usize,
    max_key: usize,
    mut key_ok: impl FnMut(&[u8]) -> bool,
) -> Result<(), String> {
    let data = fst.as_bytes();
    if data.len() < 36 || u64_le(data, 0) != Some(FST_VERSION) {
        return Err("not an fst of format version 3".into());
    }
    if fst.len() != keys {
        return Err(format!("{} keys where {keys} are expected", fst.len()));
    }
    let root = u64_le(data, data.len() - 12)
        .and_then(|a| usize::try_from(a).ok())
        .ok_or("bad root address")?;
    // Every visited transition is a distinct key prefix: at most `keys * max_key` of them in an
    // automaton without dead ends.
    let mut budget = keys.saturating_mul(max_key).saturating_add(1);
    let mut key = Vec::with_capacity(max_key);
    let mut rank = 0u64;
    // Depth-first over paths: (node address, next transition, output sum before the node).
    let mut stack: Vec<(CompiledAddr, usize, u64)> = Vec::with_capacity(max_key + 1);
    let first = checked_node(data, root)?;
    visit_final(fst, root, first, 0, &key, &mut rank, &mut key_ok)?;
    stack.push((root, 0, 0));
    while let Some(frame) = stack.last_mut() {
        let (addr, i, out) = *frame;
        let node = fst.node(addr); // safe: `checked_node(data, addr)` passed
        if i >= node.len() {
            stack.pop();
            key.pop();
            continue;
        }
        frame.1 += 1;
        if i == 0 && node.len() > TRANS_INDEX_THRESHOLD {
            // A wide node finds inputs through its 256-byte index, not its transitions: they
            // must agree, or a lookup would follow another key's transition.
            let mut present = [None; 256];
            for (k, t) in node.transitions().enumerate() {
                present[usize::from(t.inp)] = Some(k);
            }
            if (0..=255u8).any(|b| node.find_input(b) != present[usize::from(b)]) {
                return Err(format!("node {addr}: its input index disagrees with its transitions"));
            }
        }
        let t = node.transition(i);
        if i > 0 && node.transition(i - 1).inp >= t.inp {
            return Err(format!("node {addr}: transitions out of order"));
        }
        budget = budget.checked_sub(1).ok_or("more key prefixes than keys allow")?;
        if key.len() >= max_key {
            return Err(format!("a key longer than {max_key} bytes"));
        }
        let out = out.checked_add(t.out.value()).ok_or("output overflow")?;
        let target = checked_node(data, t.addr)?;
        key.push(t.inp);
        visit_final(fst, t.addr, target, out, &key, &mut rank, &mut key_ok)?;
        stack.push((t.addr, 0, out));
    }
    if rank != keys as u64 {
        return Err(format!("{rank} keys found where the footer says {keys}"));
    }
    Ok(())
}

/// Checks a node's final output, if it is final: the key's output must be its rank.
fn visit_final<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    addr: CompiledAddr,
    checked: Checked,
    out: u64,
    key: &[u8],
    rank: &mut u64,
    key_ok: &mut impl FnMut(&[u8]) -> bool,
) -> Result<(), String> {
    if !checked.is_final {
        return Ok(());
    }
    let node = fst.node(addr);
    let value = out.checked_add(node.final_output().value()).ok_or("output overflow")?;
    if value != *rank {
        return Err(format!("key {rank} has output {value}"));
    }
    if !key_ok(key) {
        return Err(format!("key {rank} is malformed"));
    }
    *rank += 1;
    Ok(())
}

#[derive(Clone, Copy)]
struct Checked {
    is_final: bool,
}

/// Checks that `fst`'s decoder can read the node at `addr` and each of its transitions
/// without an out-of-bounds read, an underflow or a failed assertion: the same arithmetic as
/// `fst::raw::node`, checked.
fn checked_node(data: &[u8], addr: CompiledAddr) -> Result<Checked, String> {
    let bad = |what: &str| format!("node {addr}: {what}");
    if addr == EMPTY_ADDRESS {
        return Ok(Checked { is_final: true });
    }
    let &state = data.get(addr).ok_or_else(|| bad("address past the end"))?;
    // The input byte is stored before the state byte unless it is one of the common inputs.
    let input_len = usize::from(state & 0b0011_1111 == 0);
    match state >> 6 {
        0b11 => {
            // One transition to the node just before this one, no output.
            let end = addr.checked_sub(input_len).ok_or_else(|| bad("truncated"))?;
            if end == 0 {
                return Err(bad("no room for the next node"));
            }
            Ok(Checked { is_final: false })
        }
        0b10 => {
            // One transition with an output and a delta-coded address.
            let sizes_at = addr.checked_sub(input_len + 1).ok_or_else(|| bad("truncated"))?;
            let (tsize, osize) = pack_sizes(data[sizes_at]);
            if !(1..=8).contains(&tsize) || osize > 8 {
                return Err(bad("bad pack sizes"));
            }
            let end = sizes_at.checked_sub(tsize + osize).ok_or_else(|| bad("truncated"))?;
            check_delta(data, sizes_at - tsize, tsize, end).map_err(bad)?;
            Ok(Checked { is_final: false })
        }
        _ => {
            let is_final = state & 0b0100_0000 != 0;
            let ntrans_len = usize::from(state & 0b0011_1111 == 0);
            let ntrans = match state & 0b0011_1111 {
                0 => match data[addr - 1] {
                    // `addr >= 1` here; 1 stands for 256 (1 is always stored in the state byte).
                    1 => 256,
                    n => usize::from(n),
                },
                n => usize::from(n),
            };
            let sizes_at = addr.checked_sub(ntrans_len + 1).ok_or_else(|| bad("truncated"))?;
            let (tsize, osize) = pack_sizes(data[sizes_at]);
            if (ntrans > 0 && !(1..=8).contains(&tsize)) || osize > 8 {
                return Err(bad("bad pack sizes"));
            }
            let index = if ntrans > TRANS_INDEX_THRESHOLD { 256 } else { 0 };
            let trans_size = ntrans + ntrans * tsize + index;
            let final_osize = if is_final { osize } else { 0 };
            let end = sizes_at
                .checked_sub(trans_size + ntrans * osize + final_osize)
                .ok_or_else(|| bad("truncated"))?;
            // Transition addresses lie after the inputs and index, last transition first.
            let addrs_end = sizes_at - index - ntrans;
            for i in 0..ntrans {
                check_delta(data, addrs_end - (i + 1) * tsize, tsize, end).map_err(bad)?;
            }
            Ok(Checked { is_final })
        }
    }
}

/// Checks a delta-coded transition address of `size` bytes at `at`: zero (the empty final
/// node) or at most the node's end address, from which it is subtracted.
fn check_delta(data: &[u8], at: usize, size: usize, node_end: usize) -> Result<(), &'static str> {
    let bytes = data.get(at..at + size).ok_or("address bytes out of range")?;
    let delta = bytes.iter().rev().fold(0u64, |n, &b| n << 8 | u64::from(b));
    match usize::try_from(delta) {
        Ok(d) if d <= node_end => Ok(()),
        _ => Err("transition address out of range"),
    }
}

/// The transition-address and output pack sizes of a node's pack-size byte.
fn pack_sizes(b: u8) -> (usize, usize) {
    (usize::from(b >> 4), usize::from(b & 0x0F))
}

fn u64_le(data: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(data.get(at..at.checked_add(8)?)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fst_of(keys: &[&[u8]]) -> Fst<Vec<u8>> {
        let mut b = fst::MapBuilder::memory();
        for (i, k) in keys.iter().enumerate() {
            b.insert(k, i as u64).unwrap();
        }
        b.into_map().into_fst()
    }

    #[test]
    fn valid_automata_pass_and_wrong_shapes_fail() {
        // Wide nodes (more than 32 transitions: the indexed encoding), long keys, shared suffixes.
        let mut keys: Vec<Vec<u8>> = (0u8..=255).map(|b| vec![b]).collect();
        keys.extend((0u8..200).map(|b| vec![7, b, b, 9]));
        keys.push(vec![200; 40]);
        keys.sort();
        keys.dedup();
        let refs: Vec<&[u8]> = keys.iter().map(|k| k.as_slice()).collect();
        let f = fst_of(&refs);
        assert_eq!(check(&f, keys.len(), 40, |_| true), Ok(()));
        assert!(check(&f, keys.len() + 1, 40, |_| true).is_err(), "key count");
        assert!(check(&f, keys.len(), 39, |_| true).is_err(), "key length");
        assert!(check(&f, keys.len(), 40, |k| k.len() < 40).is_err(), "key check");
        assert_eq!(check(&fst_of(&[]), 0, 3, |_| true), Ok(()));
    }

    #[test]
    fn outputs_must_be_ranks() {
        let mut b = fst::MapBuilder::memory();
        b.insert(b"a", 0).unwrap();
        b.insert(b"b", 5).unwrap();
        let f = b.into_map().into_fst();
        assert!(check(&f, 2, 3, |_| true).unwrap_err().contains("output"));
    }

    #[test]
    fn every_damaged_byte_is_rejected_or_harmless() {
        let keys: Vec<Vec<u8>> = (0u32..300)
            .map(|i| vec![(i % 7) as u8, (i * 13 % 251) as u8, (i / 7) as u8])
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let refs: Vec<&[u8]> = keys.iter().map(|k| k.as_slice()).collect();
        let good = fst_of(&refs).into_inner();
        for i in 0..good.len() {
            for flip in [0x01, 0x10, 0x80, 0xFF] {
                let mut bytes = good.clone();
                bytes[i] ^= flip;
                let Ok(f) = Fst::new(bytes) else { continue };
                if check(&f, keys.len(), 3, |_| true).is_ok() {
                    // Passed: every walk must work. (A panic here fails the test.)
                    let map = fst::Map::from(f);
                    let mut stream = map.stream();
                    while let Some((k, _)) = fst::Streamer::next(&mut stream) {
                        assert!(map.get(k).is_some());
                    }
                    for k in &keys {
                        let _ = map.get(k);
                    }
                }
            }
        }
    }
}
