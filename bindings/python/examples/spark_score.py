"""Score a DataFrame column with spinscan on Spark.

    python spark_score.py INPUT.jsonl OUTPUT_DIR [--master local[2]]

INPUT is JSON lines with "id" and "text"; OUTPUT_DIR receives Parquet with one row per input:
id, score, spun, flagged (sentences), and the matches of the flagged sentences as JSON.

The detector is built once per Python worker process (a module-level cache), not per row or
per batch: building is cheap (the dictionary is embedded), but reusing one detector keeps its
stem caches warm. Each Arrow batch is analyzed with `analyze_batch`, which releases the GIL.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import Iterator, Optional

import pandas as pd

_DETECTOR = None

SCHEMA = "id long, score double, spun boolean, flagged int, matches string"


def detector():
    """The worker process's detector, built on first use."""
    global _DETECTOR
    if _DETECTOR is None:
        import spinscan

        _DETECTOR = spinscan.Detector()
    return _DETECTOR


def score_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """mapInPandas function: (id, text) batches in, one scored row per input row out."""
    d = detector()
    for batch in batches:
        texts = ["" if t is None else str(t) for t in batch["text"]]
        reports = d.analyze_batch(texts)
        yield pd.DataFrame(
            {
                "id": batch["id"].astype("int64"),
                "score": [r.score for r in reports],
                "spun": [r.spun for r in reports],
                "flagged": [sum(1 for _ in r.flagged()) for r in reports],
                "matches": [
                    json.dumps([m.to_dict() for s in r.flagged() for m in s.matches]) for r in reports
                ],
            }
        )


def score(df, text_col: str = "text", id_col: str = "id"):
    """Adds the spinscan verdict to a DataFrame with an integer id column and a text column."""
    return df.select(df[id_col].alias("id"), df[text_col].alias("text")).mapInPandas(
        score_batches, schema=SCHEMA
    )


def spark_session(master: str = "local[2]"):
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(master)
        .appName("spinscan")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    # Executors import score_batches from this module: ship it with the job.
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    return spark


def main(argv: Optional[list] = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--master", default="local[2]")
    args = p.parse_args(argv)
    spark = spark_session(args.master)
    try:
        df = spark.read.json(args.input)
        score(df).write.mode("overwrite").parquet(args.output)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
