"""Python overhead of the spinscan package against the same measurements in Rust.

    python bench/overhead.py [--corpus ../shared/data/clean/abc-news-2001.txt] [--baseline BIN]

BIN is the Rust side (bench/baseline), built with the bindings' target directory and lock file:

    cp Cargo.lock bench/baseline/ && CARGO_TARGET_DIR=target cargo build --release \
        --manifest-path bench/baseline/Cargo.toml    # -> target/release/spinscan-python-baseline

Measures (best of 5 runs each): `analyze` on one sentence, per call (wall and thread CPU time); `analyze_batch` on the ABC
news articles repeated to about 10 MB, on 1 and 2 threads, reading only the verdicts and
reading every sentence object; 2 Python threads calling `analyze` per article.
"""

import argparse
import json
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import spinscan

SENTENCE = "Russia's armed force stated that unique pressures had arrived."
HERE = Path(__file__).resolve().parent


def best_of(runs, f):
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


def best_cpu_of(runs, f):
    """Best thread CPU time: robust to other processes on a loaded machine."""
    best = float("inf")
    for _ in range(runs):
        t = time.thread_time()
        f()
        best = min(best, time.thread_time() - t)
    return best


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", default=str(HERE.parents[3].parent / "shared/data/clean/abc-news-2001.txt"))
    p.add_argument("--baseline", help="the Rust baseline binary (bench/baseline)")
    args = p.parse_args()
    articles = [line for line in Path(args.corpus).read_text(encoding="utf-8").splitlines() if line.strip()]
    one = sum(len(a.encode()) for a in articles)
    docs = articles * max(1, 10_000_000 // one)
    mb = sum(len(d.encode()) for d in docs) / 1e6

    d = spinscan.Detector()
    d.analyze(SENTENCE)
    calls = 20_000
    out = {
        "one_sentence_ns": best_of(5, lambda: [d.analyze(SENTENCE) for _ in range(calls)]) / calls * 1e9,
        "one_sentence_cpu_ns": best_cpu_of(5, lambda: [d.analyze(SENTENCE) for _ in range(calls)]) / calls * 1e9,
        "one_sentence_to_dict_ns": best_of(5, lambda: [d.analyze(SENTENCE).to_dict() for _ in range(calls)])
        / calls * 1e9,
        "batch_bytes": int(mb * 1e6),
        "batch_docs": len(docs),
    }
    for threads in (1, 2):
        d.analyze_batch(docs[:100], threads=threads)
        secs = best_of(5, lambda: [r.spun for r in d.analyze_batch(docs, threads=threads)])
        out[f"batch_{threads}_verdicts_mb_s"] = mb / secs
    secs = best_of(5, lambda: [len(r.sentences) for r in d.analyze_batch(docs, threads=2)])
    out["batch_2_sentences_mb_s"] = mb / secs
    with ThreadPoolExecutor(max_workers=2) as pool:
        secs = best_of(5, lambda: list(pool.map(lambda t: d.analyze(t).spun, docs)))
    out["python_threads_2_mb_s"] = mb / secs

    if args.baseline:
        rust = json.loads(subprocess.run([args.baseline, args.corpus], capture_output=True, check=True).stdout)
        out["rust"] = rust
        out["overhead_per_call_ns"] = out["one_sentence_ns"] - rust["one_sentence_ns"]
        out["overhead_per_call_cpu_ns"] = out["one_sentence_cpu_ns"] - rust["one_sentence_cpu_ns"]
        for threads in (1, 2):
            out[f"batch_{threads}_ratio_to_rust"] = out[f"batch_{threads}_verdicts_mb_s"] / rust["batch_mb_s"][str(threads)]
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()}, indent=1))


if __name__ == "__main__":
    main()
