#!/usr/bin/env python3
"""Grid search behind the scoring constants in src/score.rs (README "Scores").

Input: the per-sentence dump of the evaluation harness,
    cargo run --release --example evaluate -- --labels NAME=FILE ... --dump eval-out/dump.tsv
(columns: corpus, document, sentence label, sentence evidence, context, document label).
It replays the scoring model on that evidence for other constants and prints, per corpus, the
document recall / false-flag rate (document cost and bias) and the sentence F1, recall and
false-flag rate (passage context: window, weight, cap).

    python3 tools/calibrate/grid.py eval-out/dump.tsv
"""
import collections
import math
import sys


def load(path):
    docs = collections.OrderedDict()
    for line in open(path):
        c, d, label, e, _ctx, _dl = line.rstrip("\n").split("\t")
        docs.setdefault((c, d), []).append((int(label), float(e)))
    return docs


def documents(docs, cost, bias, cap=8.0):
    res = collections.defaultdict(lambda: [0, 0, 0, 0])
    for (c, _), rows in docs.items():
        z = bias + sum(min(e, cap) - cost for _, e in rows)
        spun, flagged = any(l for l, _ in rows), z >= 0
        res[c][0 if spun and flagged else 1 if flagged else 2 if spun else 3] += 1
    return res


def sentences(docs, window, weight, ctx_cap, cost=0.1, bias=-3.0, cap=8.0):
    res = collections.defaultdict(lambda: [0, 0, 0, 0])
    for (c, _), rows in docs.items():
        ev = [min(e, cap) for _, e in rows]
        for i, (label, e) in enumerate(rows):
            lo, hi = max(0, i - window), min(len(ev), i + window + 1)
            pooled = sum(ev[j] - cost for j in range(lo, hi) if j != i)
            ctx = min(max(weight * pooled, 0.0), ctx_cap) if e > 0 else 0.0
            flagged = bias + ev[i] + ctx >= 0
            res[c][0 if label and flagged else 1 if flagged else 2 if label else 3] += 1
    return res


def fmt(res, sentence_level):
    out = []
    for c, (tp, fp, fn, tn) in res.items():
        rec = tp / (tp + fn) if tp + fn else float("nan")
        false = fp / (fp + tn) if fp + tn else float("nan")
        if sentence_level:
            prec = tp / (tp + fp) if tp + fp else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec and not math.isnan(rec) else 0.0
            out.append("%s F1 %.3f rec %.3f false %.4f" % (c, f1, rec, false))
        else:
            out.append("%s rec %.3f false %.3f" % (c, rec, false))
    return " | ".join(out)


def main():
    docs = load(sys.argv[1] if len(sys.argv) > 1 else "eval-out/dump.tsv")
    print("# documents: cost per sentence, bias")
    for cost in (0.05, 0.1, 0.15, 0.2, 0.3, 1.0):
        for bias in (-1.0, -2.0, -3.0):
            print(cost, bias, fmt(documents(docs, cost, bias), False))
    print("# sentences: window, weight, cap of the passage context (document cost 0.1)")
    for window in (0, 4, 8, 12):
        for weight in (1.0, 2.0):
            print(window, weight, 3.0, fmt(sentences(docs, window, weight, 3.0), True))


if __name__ == "__main__":
    main()
