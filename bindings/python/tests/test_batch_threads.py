"""analyze_batch and Python threads give exactly the single-call results, and analysis
releases the GIL."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import spinscan
from conftest import abc_documents, shared


def corpus():
    example = shared("examples/spun-news-example.txt").read_text(encoding="utf-8")
    return abc_documents() + [example, "", "😀 日本 unique pressures.", example[:500]]


def test_batch_equals_single(detector):
    docs = corpus()
    single = [detector.analyze(t).to_dict() for t in docs]
    assert any(r["spun"] for r in single)
    for threads in (None, 1, 2, 3, 64):
        batch = detector.analyze_batch(docs, threads=threads)
        assert [r.to_dict() for r in batch] == single, threads


def test_batch_takes_any_iterable(detector):
    docs = corpus()[:20]
    expected = [r.to_dict() for r in detector.analyze_batch(docs)]
    assert [r.to_dict() for r in detector.analyze_batch(iter(docs))] == expected
    assert [r.to_dict() for r in detector.analyze_batch(tuple(docs))] == expected
    assert detector.analyze_batch([]) == []
    pandas = pytest.importorskip("pandas")
    assert [r.to_dict() for r in detector.analyze_batch(pandas.Series(docs))] == expected


def test_threads_equal_single(detector):
    docs = corpus()
    single = [detector.analyze(t).to_dict() for t in docs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda t: detector.analyze(t).to_dict(), docs))
    assert threaded == single
    # Several detectors at once (distinct stem caches per dictionary on each thread).
    strict = spinscan.Detector(threshold=0.9)
    strict_single = [strict.analyze(t).to_dict() for t in docs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        pairs = list(pool.map(lambda t: (detector.analyze(t).to_dict(), strict.analyze(t).to_dict()), docs))
    assert [p[0] for p in pairs] == single
    assert [p[1] for p in pairs] == strict_single


def test_analysis_releases_the_gil(detector):
    # While one thread is inside analyze() on a large text, the main thread keeps running
    # Python code. Were the GIL held, the main thread would stall for the whole analysis.
    big = "\n".join(abc_documents()) * 40  # ~14 MB
    timing = {}
    start = threading.Event()

    def work():
        start.wait()
        t0 = time.perf_counter()
        detector.analyze(big)
        timing["analysis"] = time.perf_counter() - t0

    worker = threading.Thread(target=work)
    worker.start()
    start.set()
    longest_gap, last = 0.0, time.perf_counter()
    while worker.is_alive():
        now = time.perf_counter()
        longest_gap = max(longest_gap, now - last)
        last = now
    worker.join()
    assert timing["analysis"] > 0.05, timing
    assert longest_gap < timing["analysis"] / 2, (longest_gap, timing)


def test_report_objects(detector):
    text = "Russia's armed force stated Tuesday that resistance boxers and also unique pressures fought. The talks resume today."
    report = detector.analyze(text)
    assert report.spun and 0.5 <= report.score <= 1.0
    assert len(report) == len(report.sentences) == 2
    assert report.sentences is not None and report.sentences == report.sentences
    flagged = report.flagged()
    assert [s.start for s in flagged] == [0]
    m = report.matches()[0]
    assert (m.artifact, m.original, m.kind) == ("armed force stated", "military said", "synonym")
    assert m.weight > 0 and m == report.sentences[0].matches[0]
    assert m.to_dict() == {"start": m.start, "end": m.end, "artifact": m.artifact,
                           "original": m.original, "weight": m.weight, "kind": m.kind}
    d = report.to_dict()
    assert d["sentences"][1]["text"] == "The talks resume today."
    assert d["sentences"][1]["matches"] == []
    assert "Report(score=" in repr(report) and "Match(" in repr(m)
    with pytest.raises(AttributeError):
        m.weight = 0.0
