#!/usr/bin/env python3
"""Split-half check of the document constants (README "Scores").

Splits the clean spinsim articles of the evaluation dump into even- and odd-numbered halves A and
B. Picks constants on A with grid.py's document rule (no article flagged, at most 1% of the runs of
every length flagged, then the highest Roget-medium document recall) and measures them on B; also
measures the default on both halves. Last, the rule the default was chosen by: corroboration 3,
a one-sentence text with no evidence scoring under 0.3, at most 1 clean article flagged, and at
most 1% of the runs of every length flagged on *each* half; the highest recall first.

    python3 examples/evaluate/calibrate/holdout.py eval-out/dump.tsv
"""
import collections
import itertools
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grid  # noqa: E402

DEFAULT = (0.75, 0.125, -0.75, 3)  # pool_cap, document_cost, bias, corroboration (src/score.rs)


def main():
    docs = grid.load(sys.argv[1] if len(sys.argv) > 1 else "eval-out/dump.tsv")
    clean = [(k, v) for k, v in docs.items() if k[0] == "spinsim-clean"]
    spun = [(k, v) for k, v in docs.items() if k[0] == "roget-medium"]
    halves = {
        name: [((name,) + k[1:], v) for i, (k, v) in enumerate(clean) if i % 2 == parity]
        for name, parity in (("half-A", 0), ("half-B", 1))
    }

    def measure(half, constants):
        d = collections.OrderedDict(halves[half] + spun)
        res = grid.documents(d, *constants)
        runs = grid.clean_runs(d, half, *constants)
        tp, _, fn, _ = res["roget-medium"]
        return res[half][1], runs, tp / (tp + fn)

    def show(runs):
        return " ".join("%.4f" % x for x in runs)

    picked = []
    for constants in itertools.product(
        (0.5, 0.75, 1.0, 1.5),
        (0.05, 0.075, 0.1, 0.125, 0.15, 0.175),
        (-2.0, -1.5, -1.0, -0.75, -0.5, -0.25),
        (0, 2, 3),
    ):
        flagged, runs, recall = measure("half-A", constants)
        if flagged == 0 and max(runs) <= 0.01:
            picked.append((recall, constants))
    print("runs of k =", " ".join(str(k) for k in grid.RUNS), "sentences")
    for recall, constants in sorted(picked, reverse=True)[:3]:
        flagged, runs, _ = measure("half-B", constants)
        print("picked on A", constants, "recall %.3f | on B: articles %d, runs %s"
              % (recall, flagged, show(runs)))
    for half in halves:
        flagged, runs, _ = measure(half, DEFAULT)
        print("default on %s: articles %d, runs %s" % (half, flagged, show(runs)))

    print("# corroboration 3, empty one-sentence text < 0.3, runs <= 1% on each half")
    every = collections.OrderedDict(clean + spun)
    chosen = []
    for cap, cost, bias in itertools.product(
        (0.5, 0.75, 1.0, 1.5),
        (0.05, 0.075, 0.1, 0.125, 0.15, 0.175),
        (-2.0, -1.5, -1.25, -1.0, -0.75, -0.5, -0.25),
    ):
        constants = (cap, cost, bias, 3)
        if 1 / (1 + math.exp(cost - bias)) >= 0.3:
            continue
        res = grid.documents(every, *constants)
        if res["spinsim-clean"][1] > 1:
            continue
        if any(max(measure(half, constants)[1]) > 0.01 for half in halves):
            continue
        tp, _, fn, _ = res["roget-medium"]
        chosen.append((tp / (tp + fn), constants))
    for recall, constants in sorted(chosen, reverse=True)[:3]:
        print(constants, "Roget-medium document recall %.3f" % recall)


if __name__ == "__main__":
    main()
