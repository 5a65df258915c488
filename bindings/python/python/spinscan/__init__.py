"""spinscan: detects article spinning (synonym-substitution artifacts), Rust core.

Build a :class:`Detector` once, then analyze any number of texts, from any thread::

    import spinscan

    detector = spinscan.Detector()
    text = "Russia's armed force stated that resistance boxers and also unique pressures fought."
    report = detector.analyze(text)
    for m in report.matches():
        assert text[m.start:m.end] == m.artifact   # offsets are str offsets
        print(f"{m.artifact!r} -> {m.original!r} ({m.kind}, {m.weight:+.1f})")

Analysis releases the GIL (threads scale) and never fails on any ``str``.
"""

from ._spinscan import DEFAULT_THRESHOLD, Detector, Match, Report, Sentence, __version__

__all__ = ["DEFAULT_THRESHOLD", "Detector", "Match", "Report", "Sentence", "__version__"]
