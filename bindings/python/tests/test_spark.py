"""The Spark example in local mode equals the single-process result.

Needs Java and pyspark (CI installs both); a missing one fails the test.
"""

import sys
from pathlib import Path

import spinscan

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "examples"))

import spark_score  # noqa: E402

from test_spinscan import shared  # noqa: E402


def test_spark_job_equals_single_process():
    lines = shared("data/clean/abc-news-2001.txt").read_text(encoding="utf-8").splitlines()
    spun = shared("examples/spun-news-example.txt").read_text(encoding="utf-8")
    texts = lines[:250] + [spun, "The unique pressures arrived. Profound learning works.", ""]
    rows = list(enumerate(texts))
    spark = spark_score.spark_session("local[2]")
    try:
        df = spark.createDataFrame(rows, "id long, text string").repartition(4)
        got = {r["id"]: r for r in spark_score.score(df).collect()}
    finally:
        spark.stop()
    assert sorted(got) == list(range(len(texts)))
    d = spinscan.Detector()
    for i, text in rows:
        want = d.analyze(text)
        row = got[i]
        assert row["spun"] == want.spun, i
        assert abs(row["score"] - want.score) < 1e-12, i
        assert row["flagged"] == sum(1 for _ in want.flagged()), i
    assert got[250]["spun"] and got[251]["spun"], "the spun texts are flagged on Spark"
