"""Reader for the CMU Sphinx "Trie Language Model" binary (en-us.lm.bin).

Layout (sphinxbase 5prealpha, ngram_model_trie.c / lm_trie.c / lm_trie_quant.c, KenLM-derived):
  "Trie Language Model" | uint8 order | uint32 counts[order]
  int32 dummy | quant tables: for each middle order: 65536 prob floats + 65536 backoff floats;
                              longest order: 65536 prob floats
  unigram_t[counts[0]+1] = {float prob, float backoff, uint32 next}
  bit-packed middle arrays (word | backoff idx(16) | prob idx(16) | next), then longest (word | prob idx(16))
  int32 nbytes | NUL-separated word strings (word-id order)
Values are log base 1.0001 ("logmath"); we convert to log10.
We only need: the vocabulary, unigram log10 probs, and every stored bigram (w1, w2, log10 P(w2|w1)).
Trigrams are enumerated as (w1, w2, w3) index triples for presence tests.
"""
import math
import struct

import numpy as np

LOG10_BASE = math.log10(1.0001)
HDR = b"Trie Language Model"


def _req_bits(v):
    return 0 if v == 0 else int(v).bit_length()


def _read_fields(mem, offsets, length):
    """Vectorised bitarr_read: little-endian 64-bit load at offset>>3, shift by offset&7, mask."""
    byte = offsets >> 3
    shift = (offsets & 7).astype(np.uint64)
    val = np.zeros(len(offsets), dtype=np.uint64)
    for k in range(8):
        val |= mem[byte + k].astype(np.uint64) << np.uint64(8 * k)
    return (val >> shift) & np.uint64((1 << length) - 1)


class TrieLM:
    def __init__(self, path):
        data = open(path, "rb").read()
        assert data[: len(HDR)] == HDR, "not a sphinx trie LM"
        pos = len(HDR)
        order = data[pos]
        pos += 1
        counts = list(struct.unpack_from("<%dI" % order, data, pos))
        pos += 4 * order
        self.order, self.counts = order, counts
        pos += 4  # dummy
        nq = (order - 2) * 2 * 65536 + 65536
        q = np.frombuffer(data, dtype="<f4", count=nq, offset=pos)
        pos += 4 * nq
        self.mid_prob_bins = q[0:65536]
        self.mid_bo_bins = q[65536:131072]
        self.long_prob_bins = q[(order - 2) * 131072:]
        nu = counts[0] + 1
        uni = np.frombuffer(data, dtype=np.dtype([("p", "<f4"), ("b", "<f4"), ("n", "<u4")]), count=nu, offset=pos)
        pos += 12 * nu
        self.uni_prob = uni["p"].astype(np.float64) * LOG10_BASE
        self.uni_next = uni["n"].astype(np.int64)
        # middle (order 2) then longest (order 3)
        vbits = _req_bits(counts[0])
        assert order == 3
        mid_total = vbits + 32 + _req_bits(counts[2])
        mid_size = ((1 + counts[1]) * mid_total + 7) // 8 + 8
        long_total = vbits + 16
        long_size = ((1 + counts[2]) * long_total + 7) // 8 + 8
        mem = np.frombuffer(data, dtype=np.uint8, count=mid_size + long_size, offset=pos)
        mid = np.concatenate([mem[:mid_size], np.zeros(8, np.uint8)])
        lng = np.concatenate([mem[mid_size:], np.zeros(8, np.uint8)])
        pos += mid_size + long_size
        (nbytes,) = struct.unpack_from("<i", data, pos)
        pos += 4
        words = data[pos: pos + nbytes].split(b"\0")
        self.words = [w.decode("utf-8", "replace") for w in words[: counts[0]]]
        self.word_id = {w: i for i, w in enumerate(self.words)}
        # decode middle
        n2 = counts[1]
        off = np.arange(n2 + 1, dtype=np.int64) * mid_total
        self.bi_w2 = _read_fields(mid, off[:-1], vbits).astype(np.int64)
        bo_idx = _read_fields(mid, off[:-1] + vbits, 16).astype(np.int64)
        p_idx = _read_fields(mid, off[:-1] + vbits + 16, 16).astype(np.int64)
        self.bi_prob = self.mid_prob_bins[p_idx].astype(np.float64) * LOG10_BASE
        self.bi_bo = self.mid_bo_bins[bo_idx].astype(np.float64) * LOG10_BASE
        self.bi_next = _read_fields(mid, off + vbits + 32, _req_bits(counts[2])).astype(np.int64)
        # parent of each bigram
        nxt = self.uni_next.copy()
        nxt[-1] = n2  # sentinel is not always updated by the writer
        lens = np.diff(nxt)
        self.bi_w1 = np.repeat(np.arange(counts[0], dtype=np.int64), lens)
        assert len(self.bi_w1) == n2, (len(self.bi_w1), n2)
        n3 = counts[2]
        off3 = np.arange(n3, dtype=np.int64) * long_total
        self.tri_w3 = _read_fields(lng, off3, vbits).astype(np.int64)
        self.tri_prob = self.long_prob_bins[_read_fields(lng, off3 + vbits, 16).astype(np.int64)].astype(np.float64) * LOG10_BASE
        bn = self.bi_next.copy()
        bn[-1] = n3
        bn = np.maximum.accumulate(bn)
        tl = np.diff(bn)
        self.tri_bi = np.repeat(np.arange(n2, dtype=np.int64), tl)
        assert len(self.tri_bi) == n3, (len(self.tri_bi), n3)

    # NOTE: sphinx stores n-grams reversed: the trie root is the LAST word.  So a middle entry
    # (parent=bi_w1, child=bi_w2) is the bigram "W[bi_w2] W[bi_w1]", and a longest entry under
    # bigram b is the trigram "W[tri_w3] W[bi_w2[b]] W[bi_w1[b]]".  Probabilities are
    # conditional on the history: log10 P(last | earlier words).

    def bigrams(self):
        """Yield (first, second, log10 P(second|first)) for every stored bigram."""
        W = self.words
        for last, first, p in zip(self.bi_w1.tolist(), self.bi_w2.tolist(), self.bi_prob.tolist()):
            yield W[first], W[last], p

    def trigrams(self):
        """Yield (w1, w2, w3, log10 P(w3|w1 w2))."""
        W = self.words
        b = self.tri_bi
        for a, m, z, p in zip(self.tri_w3.tolist(), self.bi_w2[b].tolist(), self.bi_w1[b].tolist(), self.tri_prob.tolist()):
            yield W[a], W[m], W[z], p
