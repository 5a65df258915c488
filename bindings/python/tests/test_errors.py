"""Errors are Python exceptions with the library's message (file, line, reason); a detector
pickles; arguments are checked."""

import pickle

import pytest
import spinscan


def test_missing_file_is_file_not_found(tmp_path):
    missing = tmp_path / "nope.tsv"
    for kwargs in ({"dictionaries": [missing]}, {"allow_files": [missing]}, {"pps": [missing]}, {"dictionaries": missing}):
        with pytest.raises(FileNotFoundError) as e:
            spinscan.Detector(**kwargs)
        assert "nope.tsv" in str(e.value), kwargs
        assert isinstance(e.value, OSError)


# (name, file content, what the message must contain), one row per malformed source.
MALFORMED = [
    ("too few columns", "good one\tgood\tsynonym\t1.0\nonly an artifact\n", ":2:"),
    ("bad weight", "a phrase\tan original\tsynonym\tnot-a-number\n", ":1:"),
    ("unknown kind", "a phrase\tan original\tnonsense-kind\t1.0\n", ":1:"),
    ("empty", "# only a comment\n\n", "no entries"),
]


@pytest.mark.parametrize("name,content,needle", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_dictionary_is_value_error(tmp_path, name, content, needle):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as e:
        spinscan.Detector(dictionaries=[path])
    message = str(e.value)
    assert str(path) in message and needle in message, message


def test_bad_allow_list_and_threshold(tmp_path):
    empty = tmp_path / "allow.txt"
    empty.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(ValueError, match="allow.txt"):
        spinscan.Detector(allow_files=[empty])
    with pytest.raises(ValueError, match="cannot span lines"):
        spinscan.Detector(allow=["two\nlines"])
    for threshold in (-0.1, 1.5, float("nan")):
        with pytest.raises(ValueError, match="threshold"):
            spinscan.Detector(threshold=threshold)


def test_wrong_types():
    detector = spinscan.Detector()
    with pytest.raises(TypeError):
        detector.analyze(b"bytes are not text")
    with pytest.raises(TypeError):
        detector.analyze(None)
    with pytest.raises(TypeError):
        detector.analyze_batch(["fine", 3])
    with pytest.raises(TypeError):
        detector.analyze_batch(5)
    with pytest.raises(ValueError):
        detector.analyze_batch(["x"], threads=0)


def test_pickle_rebuilds_the_same_detector(tmp_path):
    tsv = tmp_path / "user.tsv"
    tsv.write_text("zorbly wumpus\tsmall dog\tsynonym\t4.0\n", encoding="utf-8")
    allow = tmp_path / "allow.txt"
    allow.write_text("resistance boxers\n", encoding="utf-8")
    detector = spinscan.Detector([tsv], ["armed force stated"], 0.7, allow_files=allow)
    clone = pickle.loads(pickle.dumps(detector))
    assert clone.threshold == 0.7
    text = "A zorbly wumpus barked at the unique pressures."
    assert clone.analyze(text).to_dict() == detector.analyze(text).to_dict()
    assert clone.analyze(text).spun
    # The allow-lists (phrases and files) came along.
    spun = "The armed force stated that resistance boxers and unique pressures fought."
    assert [m.artifact for m in clone.analyze(spun).matches()] == ["unique pressures"]
    assert repr(clone) == repr(detector)
