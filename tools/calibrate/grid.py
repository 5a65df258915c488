#!/usr/bin/env python3
"""Grid search behind the scoring constants in src/score.rs (README "Scores").

Input: the per-sentence dump of the evaluation harness,
    cargo run --release --example evaluate -- --labels NAME=FILE ... --dump eval-out/dump.tsv
(columns: corpus, document, sentence label, sentence evidence, context, document label).
It replays the scoring model on that evidence for other constants and prints, per corpus, the
document recall / false-flag rate and the sentence F1, recall and false-flag rate.

The model replayed (src/score.rs, `Calibration`):
  increment(e) = min(e, EVIDENCE_CAP if e >= -SENTENCE_BIAS else pool_cap) - cost
  document:  bias + sum of increment over its sentences >= 0
  sentence:  SENTENCE_BIAS + min(e, EVIDENCE_CAP) + context >= 0, where context (only when e > 0)
             is clamp(weight * sum of increment over the `window` sentences on each side, 0, ctx_cap)

    python3 tools/calibrate/grid.py eval-out/dump.tsv [TARGET_CORPUS] [CLEAN_CORPUS]

TARGET_CORPUS (default roget-medium) is the corpus whose figures are maximised, CLEAN_CORPUS
(default spinsim-clean) the clean one whose false flags are bounded: at most 1 article in 403 and
0.3% of sentences (a precision-first margin under the issue's 1% limits).
"""
import collections
import itertools
import math
import sys

SENTENCE_BIAS = -3.0
EVIDENCE_CAP = 8.0


def load(path):
    docs = collections.OrderedDict()
    for line in open(path):
        c, d, label, e, _ctx, _dl = line.rstrip("\n").split("\t")
        docs.setdefault((c, d), []).append((int(label), float(e)))
    return docs


def increment(e, pool_cap, cost):
    return min(e, EVIDENCE_CAP if e >= -SENTENCE_BIAS else pool_cap) - cost


def documents(docs, pool_cap, cost, bias):
    """Per corpus: [tp, fp, fn, tn] over documents."""
    res = collections.defaultdict(lambda: [0, 0, 0, 0])
    for (c, _), rows in docs.items():
        z = bias + sum(increment(e, pool_cap, cost) for _, e in rows)
        spun, flagged = any(l for l, _ in rows), z >= 0
        res[c][0 if spun and flagged else 1 if flagged else 2 if spun else 3] += 1
    return res


def sentences(docs, pool_cap, cost, window, weight, ctx_cap=-SENTENCE_BIAS):
    """Per corpus: [tp, fp, fn, tn] over sentences."""
    res = collections.defaultdict(lambda: [0, 0, 0, 0])
    for (c, _), rows in docs.items():
        inc = [increment(e, pool_cap, cost) for _, e in rows]
        prefix = [0.0]
        for x in inc:
            prefix.append(prefix[-1] + x)
        n = len(rows)
        for i, (label, e) in enumerate(rows):
            ctx = 0.0
            if e > 0:
                lo, hi = max(0, i - window), min(n, i + window + 1)
                pooled = prefix[hi] - prefix[lo] - inc[i]
                ctx = min(max(weight * pooled, 0.0), ctx_cap)
            flagged = SENTENCE_BIAS + min(e, EVIDENCE_CAP) + ctx >= 0
            res[c][0 if label and flagged else 1 if flagged else 2 if label else 3] += 1
    return res


def f1(tp, fp, fn, _tn):
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def fmt(res, sentence_level):
    out = []
    for c, (tp, fp, fn, tn) in res.items():
        rec = tp / (tp + fn) if tp + fn else float("nan")
        false = fp / (fp + tn) if fp + tn else float("nan")
        if sentence_level:
            out.append("%s F1 %.3f rec %.3f false %.4f" % (c, f1(tp, fp, fn, tn), rec, false))
        else:
            out.append("%s rec %.3f false %.4f" % (c, rec, false))
    return " | ".join(out)


def main():
    docs = load(sys.argv[1] if len(sys.argv) > 1 else "eval-out/dump.tsv")
    target = sys.argv[2] if len(sys.argv) > 2 else "roget-medium"
    clean = sys.argv[3] if len(sys.argv) > 3 else "spinsim-clean"
    caps = (0.5, 0.75, 1.0, 1.5, EVIDENCE_CAP)
    costs = (0.05, 0.075, 0.1, 0.125, 0.15)

    print("# documents: pool_cap, cost, bias -> %s recall (%s false flags <= 1 article)" % (target, clean))
    best = []
    for cap, cost, bias in itertools.product(caps, costs, (-2.0, -1.0, -0.75, -0.5)):
        r = documents(docs, cap, cost, bias)
        if r[clean][1] <= 1:
            tp, _, fn, _ = r[target]
            best.append((tp / (tp + fn), cap, cost, bias))
    for rec, cap, cost, bias in sorted(best, reverse=True)[:10]:
        print(cap, cost, bias, fmt(documents(docs, cap, cost, bias), False))

    print("# sentences: pool_cap, cost, window, weight -> %s F1 (%s false flags <= 0.3%%)" % (target, clean))
    best = []
    for cap, cost, window, weight in itertools.product(caps, costs, (4, 8, 12, 16, 20, 24), (1.0, 2.0, 3.0)):
        r = sentences(docs, cap, cost, window, weight)
        tp, fp, fn, tn = r[clean]
        if fp <= 0.003 * (fp + tn):
            best.append((f1(*r[target]), cap, cost, window, weight))
    for score, cap, cost, window, weight in sorted(best, reverse=True)[:10]:
        print(cap, cost, window, weight, fmt(sentences(docs, cap, cost, window, weight), True))


if __name__ == "__main__":
    main()
