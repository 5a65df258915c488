"""Offsets are Python str (code point) offsets: text[m.start:m.end] == m.artifact and
text[s.start:s.end] == s.text for every match and sentence, whatever the script."""

import pytest
import spinscan

# (name, text, artifacts that must be found), one row per case.
CASES = [
    ("ascii", "Russia's armed force stated that resistance boxers fought.", ["armed force stated", "resistance boxers"]),
    ("accents before", "Le café était fermé. The unique pressures and also resistance boxers arrived.", ["unique pressures", "and also", "resistance boxers"]),
    ("accents inside", "Naïve réfugiés said unique pressures had actually been there.", ["unique pressures"]),
    ("emoji", "😀😀 The unique pressures 🚀 and also resistance boxers 👍 arrived. 🎉", ["unique pressures", "resistance boxers"]),
    ("cjk", "日本語の文章です。The unique pressures arrived in 東京. 中文 resistance boxers 中文.", ["unique pressures", "resistance boxers"]),
    ("combining marks", "Cafe\u0301 owners said the unique pressures had actually been pressed out of the battle- split city.", ["unique pressures", "battle- split"]),
    ("astral and bmp mix", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐍈 — the resistance boxers and also unique pressures — «quoted».", ["resistance boxers", "unique pressures"]),
    ("look-alikes", "Cyrillic раз. The unique pressures arrived; then Greek ο and the resistance boxers.", ["unique pressures", "resistance boxers"]),
    ("lone surrogate", "Broken \ud800 text: the unique pressures and the resistance boxers \udfff arrived.", ["unique pressures", "resistance boxers"]),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_offsets_round_trip(detector, name, text, expected):
    report = detector.analyze(text)
    found = []
    for s in report.sentences:
        assert text[s.start:s.end] == s.text
        for m in s.matches:
            assert text[m.start:m.end] == m.artifact, (name, m)
            assert s.start <= m.start < m.end <= s.end
            found.append(m.artifact.lower())
    for artifact in expected:
        assert artifact in found, (name, artifact, found)
    # The sentences cover the text in order.
    starts = [s.start for s in report.sentences]
    assert starts == sorted(starts)
    assert all(0 <= s.start <= s.end <= len(text) for s in report.sentences)


def test_batch_offsets_are_per_document(detector):
    texts = [c[1] for c in CASES]
    for text, report in zip(texts, detector.analyze_batch(texts, threads=2)):
        for m in report.matches():
            assert text[m.start:m.end] == m.artifact


def test_non_ascii_user_dictionary(tmp_path):
    # Matches whose artifact itself is non-ASCII, after non-ASCII text.
    tsv = tmp_path / "fr.tsv"
    tsv.write_text("réfugiés heureux\tréfugiés\tsynonym\t4.0\n", encoding="utf-8")
    detector = spinscan.Detector(dictionaries=[tsv], default_dictionary=False, any_language=True)
    text = "😀 日本 «Les réfugiés heureux» sont arrivés. Puis les réfugiés heureux encore."
    report = detector.analyze(text)
    matches = report.matches()
    assert len(matches) == 2, report.to_dict()
    for m in matches:
        assert text[m.start:m.end] == m.artifact == "réfugiés heureux"
        assert m.original == "réfugiés"
    # Without any_language, the sentence that reads as French has its match dropped.
    english_only = spinscan.Detector(dictionaries=[tsv], default_dictionary=False)
    assert [m.start for m in english_only.analyze(text).matches()] == [matches[1].start]
    # The option survives pickling.
    import pickle
    assert len(pickle.loads(pickle.dumps(detector)).analyze(text).matches()) == 2


def test_empty_and_whitespace(detector):
    for text in ["", " ", "\n\n", "😀"]:
        report = detector.analyze(text)
        assert not report.spun
        assert report.matches() == []
