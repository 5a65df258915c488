"""The PySpark example (local[2]) gives the single-process results on a few hundred documents.

Run as a user runs it (a fresh process: JSON lines in, Parquet out), so the test covers the
script's own path, the shipping of the module to the workers and their per-process detector.
Needs Java and pyspark (CI installs both); a missing one fails the test.
"""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import spinscan
from conftest import abc_documents, shared

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
sys.path.insert(0, str(EXAMPLES))
import spark_score  # noqa: E402


def test_spark_job_equals_single_process(tmp_path):
    example = shared("examples/spun-news-example.txt").read_text(encoding="utf-8")
    docs = abc_documents() + [line for line in example.splitlines() if line.strip()]
    docs += ["😀 日本語. The unique pressures and also resistance boxers arrived.", None, ""]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(docs)))
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / "spark_score.py"), str(jsonl), str(out), "--master", "local[2]"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-5000:]
    table = pd.read_parquet(out)
    assert sorted(table["id"]) == list(range(len(docs)))
    detector = spinscan.Detector()
    spun = 0
    for row in table.itertuples():
        report = detector.analyze(docs[row.id] or "")
        assert row.score == report.score, row.id
        assert row.spun == report.spun, row.id
        assert row.flagged_sentences == len(report.flagged()), row.id
        assert list(row.matches) == [m.to_dict() for m in report.matches()], row.id
        spun += report.spun
    assert spun >= 3, spun  # the comparison covers spun documents, not only clean ones


def test_detector_is_built_once_per_process():
    a = spark_score.detector()
    assert spark_score.detector() is a
    assert spark_score.detector((), (), 0.9) is not a
