#!/usr/bin/env python3
"""Build the run-time data a "swap signal" would need, from the generator's own inputs.

Uses tools/generate (CMU Sphinx LM + wordsegment bigrams, WordNet/Moby/MyThes neighbours; never
Roget, never ../shared) and pickles:
  ustem      Porter2 stem -> honest log10 unigram probability (as generate.py)
  bi         (stem, stem) -> honest log10 joint probability of every attested bigram (LM + wordsegment)
  tri        (stem, f, stem) -> log10 joint of attested LM trigrams "X f Y" (f a function word)
  rev        spun stem -> {original stem: (log10 choice share, log10 selection choice)}: the REVERSE
             neighbour relation (b such that b is in the neighbour list of b'), single-word neighbours
             only, for every candidate original b' occurring in an honest bigram with log10 P >= --orig-min.

    python3 tools/swapstudy/model.py --out /tmp/swapstudy-model.pkl      (~5 min, one core, ~4 GB RAM)
"""
import argparse
import os
import pickle
import sys
import time
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "generate"))

import generate as G  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/swapstudy-model.pkl")
    ap.add_argument("--orig-min", type=float, default=-7.5,
                    help="candidate originals: stems occurring in an attested bigram at least this probable")
    a = ap.parse_args()
    t0 = time.time()
    sys.argv = [sys.argv[0]]
    gargs = None
    # the generator's default parameters
    import argparse as _ap
    p = _ap.ArgumentParser()
    for k, v in dict(bigram_seeds=150000, trigram_seeds=60000, k1=300, min_choice=-1.5, choice_pool=15,
                     assoc_slack=1.0, prune_level=-6.0, ws_offset=0.5, unknown_logp=-8.0).items():
        p.add_argument("--" + k, default=v, type=type(v))
    gargs = p.parse_args([])
    g = G.Generator(gargs)
    G.log("generator loaded")
    # trigrams X f Y (stems)
    mid = {G.stem(f) for f in G.MID_FUNC}
    tri = {k: v for k, v in g.honest_tri.items() if k[1] in mid}
    G.log("X-f-Y trigrams: %d" % len(tri))
    # candidate originals: stems in an attested bigram with log10 P >= orig_min
    good = set()
    for (s1, s2), v in g.honest_bi.items():
        if v >= a.orig_min:
            good.add(s1)
            good.add(s2)
    for (s1, f, s2), v in tri.items():
        if v >= a.orig_min:
            good.add(s1)
            good.add(s2)
    words = sorted(w for w in g.vocab if w.isalpha() and w == w.lower() and G.is_content(w) and G.stem(w) in good)
    G.log("candidate originals: %d surface words over %d stems" % (len(words), len(good)))
    rev = defaultdict(dict)
    for i, w in enumerate(words):
        sw = G.stem(w)
        for surf, cw, cs, src in g.neighbours(w):
            if " " in surf or "-" in surf:
                continue
            sn = G.stem(surf)
            if sn == sw:
                continue
            cur = rev[sn].get(sw)
            if cur is None or cur[1] < cs:
                rev[sn][sw] = (round(cw, 2), round(cs, 2))
        if i % 20000 == 0:
            G.log("neighbours %d/%d" % (i, len(words)))
    npairs = sum(len(v) for v in rev.values())
    G.log("reverse map: %d spun stems, %d pairs" % (len(rev), npairs))
    with open(a.out, "wb") as f:
        pickle.dump(dict(ustem=g.ustem, bi=g.honest_bi, tri=tri, rev=dict(rev), stop=G.STOP,
                         unknown=gargs.unknown_logp, slack=gargs.assoc_slack, prune=gargs.prune_level), f, protocol=4)
    G.log("wrote %s in %.0fs" % (a.out, time.time() - t0))


if __name__ == "__main__":
    main()
