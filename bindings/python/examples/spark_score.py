"""Scores a text column of a Spark DataFrame with spinscan.

    python spark_score.py INPUT.jsonl OUTPUT_DIR [--master local[2]]

INPUT is JSON lines with "id" (an integer) and "text"; OUTPUT_DIR receives Parquet with one row
per input: id, score, spun, flagged_sentences, and the matches (code point offsets, artifact,
original, weight, kind). Needs Java 17+ and `pip install pyspark pandas pyarrow` beside spinscan.

Each Python worker process builds its Detector once (`detector()` is cached per process, and
PySpark reuses its Python workers across tasks), and analyzes the Arrow batches of its partitions
with `mapInPandas`. Spark runs one task per core, so each task analyzes on one thread.

In your own job, ship this file to the workers with `spark.sparkContext.addPyFile(path)` and call
`score(df)`; or copy `detector`, `score_batches` and `score`.
"""

import functools
import sys
from typing import Iterator, Optional, Sequence

import pandas as pd

# The output columns: the input's id, the document verdict, and the evidence.
SCHEMA = (
    "id long, score double, spun boolean, flagged_sentences int, "
    "matches array<struct<start:int,end:int,artifact:string,original:string,weight:double,kind:string>>"
)


@functools.lru_cache(maxsize=None)
def detector(dictionaries: tuple = (), allow: tuple = (), threshold: float = 0.5):
    """The detector of this Python process for this configuration, built on first use.

    The embedded default dictionary loads without I/O (microseconds); user dictionaries are
    compiled when the detector is built, so caching matters most with ``dictionaries``.
    The files must exist on every worker (ship them with ``spark.sparkContext.addFile``).
    """
    import spinscan

    return spinscan.Detector(dictionaries=list(dictionaries), allow=list(allow), threshold=threshold)


def score_batches(
    batches: Iterator[pd.DataFrame],
    text_column: str = "text",
    id_column: str = "id",
    dictionaries: tuple = (),
    allow: tuple = (),
    threshold: float = 0.5,
) -> Iterator[pd.DataFrame]:
    """The ``mapInPandas`` function: one output row per input row. Missing texts (null)
    are analyzed as empty."""
    d = detector(dictionaries, allow, threshold)
    for batch in batches:
        texts = batch[text_column].fillna("").astype(str).tolist()
        # One thread: Spark already runs one task per core.
        reports = d.analyze_batch(texts, threads=1)
        yield pd.DataFrame(
            {
                "id": batch[id_column].astype("int64"),
                "score": [r.score for r in reports],
                "spun": [r.spun for r in reports],
                "flagged_sentences": pd.Series([len(r.flagged()) for r in reports], dtype="int32"),
                "matches": [[m.to_dict() for m in r.matches()] for r in reports],
            }
        )


def score(
    df,
    text_column: str = "text",
    id_column: str = "id",
    dictionaries: Sequence[str] = (),
    allow: Sequence[str] = (),
    threshold: float = 0.5,
):
    """Scores ``df[text_column]``; returns a DataFrame with ``SCHEMA`` (offsets are code point
    offsets into the text, as in Python)."""
    fn = functools.partial(
        score_batches,
        text_column=text_column,
        id_column=id_column,
        dictionaries=tuple(dictionaries),
        allow=tuple(allow),
        threshold=threshold,
    )
    return df.select(id_column, text_column).mapInPandas(fn, SCHEMA)


def spark_session(master: str = "local[2]"):
    """A Spark session whose Python workers run this interpreter, with this file shipped to them
    (so their `detector` cache is this module's)."""
    import os

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(master)
        .appName("spinscan")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "1g")
        # Local mode needs no resolvable host name.
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    return spark


def main(argv: Optional[Sequence[str]] = None) -> None:
    import argparse

    p = argparse.ArgumentParser(description="Scores the text of JSON lines with spinscan on Spark.")
    p.add_argument("input", help='JSON lines with "id" and "text"')
    p.add_argument("output", help="output directory (Parquet)")
    p.add_argument("--master", default="local[2]")
    p.add_argument("--dict", action="append", default=[], help="a dictionary file (repeatable)")
    p.add_argument("--threshold", type=float, default=0.5)
    args = p.parse_args(argv)
    spark = spark_session(args.master)
    try:
        df = spark.read.schema("id long, text string").json(args.input)
        scored = score(df, dictionaries=args.dict, threshold=args.threshold)
        scored.write.mode("overwrite").parquet(args.output)
    finally:
        spark.stop()


if __name__ == "__main__":
    # Import this file as the module `spark_score` (the name addPyFile gives it on the workers),
    # so Spark pickles its functions by reference and the workers' cache is used.
    import spark_score

    spark_score.main()
