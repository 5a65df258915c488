"""The Python package against the CLI's JSON and its own contract.

Needs ../shared beside the repository (as every test of the project does: a missing file
fails) and the `spinscan` binary: $SPINSCAN_BIN, else target/release or target/debug of the
repository (`cargo build` or `cargo test` makes it).
"""

import json
import os
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import spinscan

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared"


def shared(rel: str) -> Path:
    p = SHARED / rel
    assert p.exists(), f"{p} is missing: the tests need ../shared beside the repository"
    return p


def cli_binary() -> str:
    env = os.environ.get("SPINSCAN_BIN")
    if env:
        return env
    # The newer of the two builds: an older one may be of other sources.
    found = [p for p in (ROOT / "target" / d / "spinscan" for d in ("release", "debug")) if p.exists()]
    if not found:
        raise AssertionError("no spinscan binary: run `cargo build` or set SPINSCAN_BIN")
    return str(max(found, key=lambda p: p.stat().st_mtime))


@pytest.fixture(scope="module")
def detector():
    return spinscan.Detector()


def byte_to_char(text: str):
    """Maps a UTF-8 byte offset of `text` to its code point offset."""
    data = text.encode("utf-8")
    return lambda b: len(data[:b].decode("utf-8"))


def assert_same_as_cli(report, cli: dict, text: str):
    to_char = byte_to_char(text)
    assert report.spun == cli["spun"]
    assert report.score == pytest.approx(cli["score"], abs=1e-12)
    assert len(report.sentences) == len(cli["sentences"])
    for s, c in zip(report.sentences, cli["sentences"]):
        assert (s.start, s.end) == (to_char(c["start"]), to_char(c["end"]))
        assert s.score == pytest.approx(c["score"], abs=1e-12)
        assert s.spun == c["spun"]
        got = [(m.start, m.end, m.artifact, m.original, m.weight, m.kind) for m in s.matches]
        want = [
            (to_char(m["start"]), to_char(m["end"]), m["artifact"], m["original"], m["weight"], m["kind"])
            for m in c["matches"]
        ]
        assert got == want


def test_shared_example_equals_the_cli_json(detector):
    path = shared("examples/spun-news-example.txt")
    text = path.read_text(encoding="utf-8")
    out = subprocess.run(
        [cli_binary(), "--format", "json", str(path)], capture_output=True, check=False
    )
    assert out.returncode in (0, 1), out.stderr
    cli = json.loads(out.stdout)
    report = detector.analyze(text)
    assert report.spun and sum(s.spun for s in report.sentences) >= 10
    assert_same_as_cli(report, cli, text)
    for m in report.matches():
        assert text[m.start : m.end] == m.artifact


def test_clean_corpus_equals_the_cli_jsonl(detector):
    lines = shared("data/clean/abc-news-2001.txt").read_text(encoding="utf-8").splitlines()[:120]
    payload = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(lines))
    out = subprocess.run(
        [cli_binary(), "--jsonl-input", "--format", "jsonl", "--threads", "2"],
        input=payload.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in records] == list(range(len(lines)))
    reports = detector.analyze_batch(lines)
    for report, cli, text in zip(reports, records, lines):
        assert_same_as_cli(report, cli, text)
    assert sum(r.spun for r in reports) == 0, "clean news flagged"


NON_ASCII = [
    "Café owners said the unique pressures had arrived. The naïve plan failed.",
    "Das ist gut. Unique pressures — “profound learning” — and also 😀 emoji.",
    "東京 unique pressures 東京. Résumé: the armed force stated it.",
    "ｕｎｉｑｕｅ pressures and uniqu\u0435 pr\u0435ssures with look-alikes.",
    "a\u200bb unique\u00a0pressures \U0001F600\U0001F600 profound learning.",
]


@pytest.mark.parametrize("text", NON_ASCII)
def test_offsets_round_trip_on_non_ascii_text(detector, text):
    report = detector.analyze(text)
    assert any(True for _ in report.matches()), f"no match in {text!r}"
    for s in report.sentences:
        assert s.text == text[s.start : s.end]
        for m in s.matches:
            assert text[m.start : m.end] == m.artifact
            assert s.start <= m.start <= m.end <= s.end


def test_lone_surrogates_keep_offsets(detector):
    text = "Bad \ud800 text. The unique pressures arrived."
    report = detector.analyze(text)
    m = report.matches()[0]
    assert text[m.start : m.end] == "unique pressures"


def test_batch_equals_single_and_threads_equal_single(detector):
    texts = NON_ASCII + shared("data/clean/abc-news-2001.txt").read_text(encoding="utf-8").splitlines()[:40]
    single = [detector.analyze(t).to_dict() for t in texts]
    assert [r.to_dict() for r in detector.analyze_batch(texts)] == single
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda t: detector.analyze(t).to_dict(), texts))
    assert threaded == single


def test_to_dict_is_json_and_has_the_cli_field_names(detector):
    d = detector.analyze("The unique pressures arrived.").to_dict()
    json.dumps(d)
    assert {"score", "spun", "sentences"} <= set(d)
    assert {"start", "end", "score", "spun", "matches", "text"} <= set(d["sentences"][0])
    assert set(d["sentences"][0]["matches"][0]) == {"start", "end", "artifact", "original", "weight", "kind"}


def test_custom_dictionary_allow_list_and_threshold(tmp_path):
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("zorbly wumpus\tsmall dog\tsynonym\t4.0\n", encoding="utf-8")
    d = spinscan.Detector(dictionaries=[tsv], threshold=0.6)
    assert d.threshold == 0.6
    r = d.analyze("A zorbly wumpus barked.")
    # One strong entry flags its sentence; alone, not the document (the lone-strong rule).
    assert r.flagged() and not r.spun and r.matches()[0].original == "small dog"
    allowed = spinscan.Detector(allow=["unique pressures"])
    assert not any(True for _ in allowed.analyze("The unique pressures arrived.").matches())


def test_errors_are_python_exceptions(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("ok\tx\tsynonym\t1\nbroken line\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv.*2"):
        spinscan.Detector(dictionaries=[bad])
    with pytest.raises(OSError):
        spinscan.Detector(dictionaries=[tmp_path / "missing.tsv"])
    with pytest.raises(ValueError):
        spinscan.Detector(threshold=1.5)
    with pytest.raises(TypeError):
        spinscan.Detector().analyze(b"bytes")


def test_analysis_releases_the_gil(detector):
    """Another Python thread runs while a long analysis is under way."""
    text = " ".join(["The unique pressures arrived and the cat sat on the mat."] * 200_000)
    ticks = []
    done = threading.Event()

    def ticker():
        while not done.is_set():
            ticks.append(1)
            done.wait(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    before = len(ticks)
    detector.analyze(text)
    during = len(ticks) - before
    done.set()
    t.join()
    assert during > 5, f"the ticker ran {during} times during analysis"
