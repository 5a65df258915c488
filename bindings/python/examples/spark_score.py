"""Scores a text column of a Spark DataFrame with spinscan.

Each Python worker process builds its Detector once (``detector()`` is cached per process, and
PySpark reuses its Python workers across tasks), and analyzes the Arrow batches of its partitions
with ``mapInPandas``. Spark runs one task per core, so each task analyzes on one thread.

Run it in local mode (needs Java 17+, and ``pip install pyspark pandas pyarrow`` beside spinscan)::

    python examples/spark_score.py INPUT.txt [more.txt ...]      # one document per line

In your own job, ship this file to the workers with ``spark.sparkContext.addPyFile(path)`` and
call ``score(df)``; or copy ``detector``/``score_batches``/``score``.
"""

import functools
import json
import sys
from typing import Iterator, Sequence

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


def local_session(cores: int = 2):
    """A local Spark session (``local[cores]``) whose Python workers run this interpreter,
    with this file shipped to them (so their ``detector`` cache is this module's)."""
    import os

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("spinscan")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.shuffle.partitions", str(cores * 2))
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    return spark


def main(paths: Sequence[str]) -> None:
    spark = local_session()
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            rows.extend(line.rstrip("\n") for line in f if line.strip())
    df = spark.createDataFrame(pd.DataFrame({"id": range(len(rows)), "text": rows}))
    scored = score(df.repartition(4)).orderBy("id")
    for row in scored.collect():
        record = {"id": row["id"], "score": row["score"], "spun": row["spun"],
                  "flagged_sentences": row["flagged_sentences"],
                  "matches": [m.asDict() for m in row["matches"]]}
        print(json.dumps(record, ensure_ascii=False))
    spark.stop()


if __name__ == "__main__":
    # Import this file as the module `spark_score` (the name addPyFile gives it on the
    # workers), so Spark pickles its functions by reference and the workers' cache is used.
    import spark_score

    spark_score.main(sys.argv[1:])
