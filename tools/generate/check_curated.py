#!/usr/bin/env python3
"""Lists curated entries whose stemmed key is also an honest n-gram, with its honest spelling.

The matcher finds phrases by Porter2 stems and keeps a hit if its words are inflected forms of
the entry's words (src/surface.rs). So a curated artifact whose stems also form a frequent honest
phrase in an inflected spelling ("directing impact" for moderating effect: honest "direct
impact") flags honest text. The generated layer drops every such key (generate.py, --cap-stored);
curated entries are checked by hand with this list.

    bash tools/generate/setup.sh                          # once
    python3 tools/generate/check_curated.py               # ~2 min, ~4 GB RAM

For each curated entry of two or three words whose stemmed key is an attested honest bigram or
trigram (CMU Sphinx LM, wordsegment bigrams; the generator's honest model), it prints the honest
log10 probability, the most probable honest spelling, the entry and its weight, and RISK when
the key is at least as probable as --risk (default -6.5), the weight is over 1.5 (a hit alone
would nearly flag a sentence) and the honest spelling is an inflected form of the artifact (the
matcher's rule, ported below), so the entry would match it. Lower the weight of a RISK entry to
1.5 or less, or drop it. A derived honest spelling ("measurement techniques" for "measurable
techniques") is rejected by the matcher and needs nothing.
"""
import argparse
import glob
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate as G  # noqa: E402


PLAIN = {"", "s", "es", "ed", "d", "ing", "ings"}
Y_TO_I = {"y", "ies", "ied", "ying", "ie"}


def same_word(a, b):
    """src/surface.rs `same_word`: inflected forms of one word, not derived ones."""
    if a == b:
        return True
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    last = a[n - 1] if n else None

    def paradigm(rest):
        if rest in PLAIN:
            return 0
        if rest in Y_TO_I:
            return 1
        if rest and rest[0] == last and rest[0] not in "aeiou" and rest[1:] in ("ed", "ing", "ings"):
            return 0
        return None

    if a[n:] == "e" or b[n:] == "e":
        return (b[n:] if a[n:] == "e" else a[n:]) in ("ing", "ings")
    x, y = paradigm(a[n:]), paradigm(b[n:])
    return x is not None and x == y


def inflected(honest, artifact):
    h = honest.lower().replace("-", " ").split()
    t = artifact.lower().replace("-", " ").split()
    return len(h) == len(t) and all(same_word(x, y) for x, y in zip(h, t))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--risk", type=float, default=-6.5)
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    files = a.files or sorted(glob.glob(os.path.join(HERE, "..", "..", "data", "curated", "*.tsv")))
    wanted = {}
    for path in files:
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            k = G.key_of(cols[0])
            if len(k) in (2, 3):
                wanted.setdefault(k, []).append((os.path.basename(path), n, cols[0], cols[1], float(cols[3])))
    p = argparse.ArgumentParser()
    for k, v in dict(bigram_seeds=150000, trigram_seeds=60000, k1=300, min_choice=-1.5, choice_pool=15,
                     assoc_slack=1.0, prune_level=-6.0, ws_offset=0.5, unknown_logp=-8.0).items():
        p.add_argument("--" + k, default=v, type=type(v))
    g = G.Generator(p.parse_args([]))
    best = {}

    def seen(text, j):
        k = G.key_of(text)
        if k in wanted and best.get(k, (-99.0,))[0] < j:
            best[k] = (j, text)

    joint = {}
    for w1, w2, lp in g.lm.bigrams():
        if "<s>" in (w1, w2) or "</s>" in (w1, w2):
            continue
        joint[(w1, w2)] = g.uni.get(w1, -99.0) + lp
        seen(w1 + " " + w2, joint[(w1, w2)])
    for w1, w2, w3, lp in g.lm.trigrams():
        if "<s>" not in (w1, w2, w3) and "</s>" not in (w1, w2, w3):
            seen("%s %s %s" % (w1, w2, w3), joint.get((w1, w2), -99.0) + lp)
    import wordsegment
    wordsegment.load()
    total = float(wordsegment.Segmenter.TOTAL)
    for bg, c in sorted(wordsegment.BIGRAMS.items()):
        seen(bg, math.log10(c / total) + 0.5)
    rows = sorted(((j, text, e) for k, (j, text) in best.items() for e in wanted[k]), reverse=True)
    for j, text, (f, n, art, orig, w) in rows:
        risk = "RISK" if j >= a.risk and w > 1.5 and inflected(text, art) else ""
        print("%6.2f\t%s:%d\t%-28s\t%-28s\t%s\t%.1f\t%s" % (j, f, n, art, "honest: " + text, orig, w, risk))


if __name__ == "__main__":
    main()
