"""The PySpark example (local[2]) gives the single-process results on a few hundred documents."""

import sys
from pathlib import Path

import pandas as pd
import spinscan
from conftest import abc_documents, shared

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
import spark_score  # noqa: E402


def test_spark_job_equals_single_process():
    example = shared("examples/spun-news-example.txt").read_text(encoding="utf-8")
    docs = abc_documents() + [line for line in example.splitlines() if line.strip()]
    docs += ["😀 日本語. The unique pressures and also resistance boxers arrived.", None, ""]
    spark = spark_score.local_session(cores=2)
    try:
        df = spark.createDataFrame(pd.DataFrame({"id": range(len(docs)), "text": docs}))
        assert df.count() == len(docs)
        rows = spark_score.score(df.repartition(4)).collect()
    finally:
        spark.stop()
    assert len(rows) == len(docs)
    detector = spinscan.Detector()
    by_id = {row["id"]: row for row in rows}
    assert sorted(by_id) == list(range(len(docs)))
    spun = 0
    for i, text in enumerate(docs):
        report = detector.analyze(text or "")
        row = by_id[i]
        assert row["score"] == report.score, i
        assert row["spun"] == report.spun, i
        assert row["flagged_sentences"] == len(report.flagged()), i
        assert [m.asDict() for m in row["matches"]] == [m.to_dict() for m in report.matches()], i
        spun += report.spun
    assert spun >= 3, spun  # the comparison covers spun documents, not only clean ones


def test_detector_is_built_once_per_process():
    a = spark_score.detector()
    assert spark_score.detector() is a
    assert spark_score.detector((), (), 0.9) is not a
