"""The Python package gives the CLI's results: same scores, spans (converted from bytes to
code points), artifacts, originals, weights and kinds."""

import json

import pytest
import spinscan
from conftest import abc_documents, code_points, run_cli, shared

USER_DICT = "zorbly wumpus\tsmall dog\tsynonym\t4.0\nprofound learning\tdeep learning\ttortured-phrase\t3.0\n"
ALLOW = "# not spun here\nunique pressures\n"


def cli_report_in_code_points(text: str, cli: dict) -> dict:
    """The CLI's JSON report with byte offsets turned into code point offsets."""
    cp = code_points(text)
    dialect = {"dialect": cli["dialect"]} if "dialect" in cli else {}
    return {
        **dialect,
        "score": cli["score"],
        "spun": cli["spun"],
        "sentences": [
            {
                "start": cp(s["start"]),
                "end": cp(s["end"]),
                "score": s["score"],
                "spun": s["spun"],
                "context": s["context"],
                "matches": [
                    {**{k: m[k] for k in ("artifact", "original", "weight", "kind")},
                     "start": cp(m["start"]), "end": cp(m["end"])}
                    for m in s["matches"]
                ],
            }
            for s in cli["sentences"]
        ],
    }


def python_report(report: spinscan.Report) -> dict:
    d = report.to_dict()
    for s in d["sentences"]:
        del s["text"]
    return d


def configurations(tmp_path):
    """(name, CLI arguments, Detector keyword arguments), one row per configuration."""
    user = tmp_path / "user.tsv"
    user.write_text(USER_DICT, encoding="utf-8")
    allow = tmp_path / "allow.txt"
    allow.write_text(ALLOW, encoding="utf-8")
    return [
        ("default", [], {}),
        ("threshold 0.9", ["--threshold", "0.9"], {"threshold": 0.9}),
        ("user dictionary and allow-list", ["--dict", str(user), "--allow", str(allow)],
         {"dictionaries": [user], "allow_files": [str(allow)]}),
        ("allow-list as phrases", ["--allow", str(allow)], {"allow": ["unique pressures"]}),
        ("user dictionary alone", ["--no-default-dict", "--dict", str(user)],
         {"dictionaries": [str(user)], "default_dictionary": False}),
    ]


def test_shared_example_equals_cli_json(tmp_path):
    path = shared("examples/spun-news-example.txt")
    text = path.read_text(encoding="utf-8")
    for name, args, kwargs in configurations(tmp_path):
        cli = json.loads(run_cli(["--format", "json", *args, str(path)]))
        report = spinscan.Detector(**kwargs).analyze(text)
        assert python_report(report) == cli_report_in_code_points(text, cli), name
        if name == "default":
            # The comparison is not vacuous: the example is spun, with many matches.
            assert report.spun and len(report.matches()) >= 10, report
        if name == "user dictionary and allow-list":
            assert "unique pressures" not in [m.artifact.lower() for m in report.matches()]


def test_clean_corpus_lines_equal_cli_jsonl():
    docs = abc_documents()
    stdin = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(docs)).encode()
    lines = run_cli(["--jsonl-input", "--format", "jsonl", "--sentences", "all"], stdin).splitlines()
    assert len(lines) == len(docs)
    reports = spinscan.Detector().analyze_batch(docs)
    sentences = matches = 0
    for line, text, report in zip(lines, docs, reports):
        cli = json.loads(line)
        assert python_report(report) == cli_report_in_code_points(text, cli), cli["id"]
        sentences += len(report.sentences)
        matches += len(report.matches())
    assert sentences > 2000, sentences
    # A clean corpus still has some (weak) matches: the spans are compared too.
    assert matches > 0


@pytest.mark.parametrize("text", ["café unique pressures", "日本語。The unique pressures 😀 and also resistance boxers fought."])
def test_non_ascii_text_equals_cli(text):
    cli = json.loads(run_cli(["--format", "json", "-"], text.encode("utf-8")))
    report = spinscan.Detector().analyze(text)
    assert python_report(report) == cli_report_in_code_points(text, cli)
    assert report.matches()
