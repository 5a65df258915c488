#!/usr/bin/env python3
"""Writes the CLI benchmark input of README "Measured figures" to stdout: the clean articles of
../shared/data/clean (300 ABC news articles, one per line; 103 Wikipedia articles, separated by
blank lines) as {"id", "text"} JSON lines, repeated 32 times (94 MB). Nothing is written to the
repository.

    python3 benches/news_jsonl.py > news.jsonl
"""
import json
import os

d = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "clean")
docs = open(os.path.join(d, "abc-news-2001.txt"), encoding="utf-8").read().splitlines()
docs += open(os.path.join(d, "wikipedia-2017-sample.txt"), encoding="utf-8").read().split("\n\n")
for _ in range(32):
    for i, text in enumerate(docs):
        print(json.dumps({"id": i, "text": text}))
