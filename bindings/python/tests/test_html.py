"""HTML input (`Detector.analyze(text, html=True)`, Rust's `Detector::analyze_html`): markup is
skipped, entities decoded, and offsets are `str` offsets into the HTML itself."""

import pytest

# (name, html, (visible artifact, the HTML it covers) for each match), one row per case.
CASES = [
    ("entity", "<p>The unique&nbsp;pressures arrived.</p>", [("unique pressures", "unique&nbsp;pressures")]),
    ("tags", "<p>The <b>unique</b> <i>pressures</i> arrived.</p>", [("unique pressures", "unique</b> <i>pressures")]),
    ("inside a word", "<p>Caf&eacute; 😀 uni<b>que</b> pressures.</p>", [("unique pressures", "uni<b>que</b> pressures")]),
    ("script", "<p>Hello.</p><script>var s = 'unique pressures';</script>", []),
    ("comment", "<p>Hello.</p><!-- unique pressures -->", []),
    ("blocks", "<p>The unique</p><p>pressures arrived.</p>", []),
]


@pytest.mark.parametrize("name,html,expected", CASES, ids=[c[0] for c in CASES])
def test_html_matches_and_offsets(detector, name, html, expected):
    report = detector.analyze(html, html=True)
    found = []
    for s in report.sentences:
        assert html[s.start:s.end] == s.text
        for m in s.matches:
            assert s.start <= m.start < m.end <= s.end
            found.append((m.artifact, html[m.start:m.end]))
    assert found == expected, name


def test_html_is_keyword_only_and_off_by_default(detector):
    html = "<p>The unique&nbsp;pressures arrived.</p>"
    assert detector.analyze(html).matches() == []
    assert len(detector.analyze(html, html=True).matches()) == 1
    with pytest.raises(TypeError):
        detector.analyze(html, True)
