"""spinscan: detects article spinning and tortured phrases, with explanations.

The detector is the Rust crate ``spinscan`` with its embedded default dictionary; this
package is a thin layer over it. Build a :class:`Detector` once and reuse it (it is
thread-safe; analysis releases the GIL, so Python threads run in parallel)::

    import spinscan

    detector = spinscan.Detector()
    report = detector.analyze("Russia's armed force stated that unique pressures fought.")
    report.spun                      # True
    for s in report.flagged():
        for m in s.matches:
            print(m.artifact, "->", m.original, m.weight)

Offsets (``start``, ``end``) are Python string indices: ``text[m.start:m.end] == m.artifact``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union

from ._spinscan import DEFAULT_THRESHOLD, NativeDetector

__all__ = ["Detector", "Report", "Sentence", "Match", "DEFAULT_THRESHOLD"]

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Match:
    """One piece of evidence: a dictionary artifact or a dictionary-free signal."""

    start: int
    """Index of the first character of the artifact in the analyzed text."""
    end: int
    """Index just past the artifact."""
    artifact: str
    """The matched text, exactly as it appears in the analyzed text."""
    original: str
    """The likely original phrase."""
    weight: float
    """Evidence in log-odds that the sentence was spun."""
    kind: str
    """``synonym``, ``acronym-expansion``, ``filler``, ``tortured-phrase``, ``torn-hyphen`` or ``spintax``."""

    def to_dict(self) -> Dict[str, Any]:
        """The match as a plain dict (JSON-ready)."""
        return {
            "start": self.start,
            "end": self.end,
            "artifact": self.artifact,
            "original": self.original,
            "weight": self.weight,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class Sentence:
    """The analysis of one sentence."""

    start: int
    """Index of the sentence's first character in the analyzed text."""
    end: int
    """Index just past the sentence."""
    text: str
    """The sentence's text (``analyzed_text[start:end]``)."""
    score: float
    """Probability-like score in [0, 1]."""
    spun: bool
    """Whether the score reaches the detector's threshold."""
    matches: List[Match]
    """The artifacts and signals found in the sentence, in text order."""
    context: float = 0.0
    """Log-odds added by the flagged sentences around this one."""

    def to_dict(self) -> Dict[str, Any]:
        """The sentence as a plain dict (JSON-ready)."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": self.score,
            "spun": self.spun,
            "matches": [m.to_dict() for m in self.matches],
            "context": self.context,
        }


@dataclass(frozen=True)
class Report:
    """The analysis of one document."""

    score: float
    """Probability-like document score in [0, 1]."""
    spun: bool
    """Whether the score reaches the detector's threshold."""
    sentences: List[Sentence]
    """Every sentence of the document, in order."""
    extra: Dict[str, Any] = field(default_factory=dict)
    """Further document fields of the Rust report (for example ``language``), by name."""

    def flagged(self) -> Iterator[Sentence]:
        """The sentences whose score reaches the threshold."""
        return (s for s in self.sentences if s.spun)

    def matches(self) -> Iterator[Match]:
        """All matches of all sentences, in text order."""
        return (m for s in self.sentences for m in s.matches)

    def __getattr__(self, name: str) -> Any:
        extra = self.__dict__.get("extra", {})
        if name in extra:
            return extra[name]
        raise AttributeError(name)

    def to_dict(self) -> Dict[str, Any]:
        """The report as a plain dict (JSON-ready), with the same field names as the CLI's JSON."""
        out: Dict[str, Any] = {
            "score": self.score,
            "spun": self.spun,
            "sentences": [s.to_dict() for s in self.sentences],
        }
        out.update(self.extra)
        return out


def _report(raw: str, text: str) -> Report:
    data = json.loads(raw)
    if "error" in data and "sentences" not in data:
        raise RuntimeError(data["error"])
    sentences = [
        Sentence(
            start=s["start"],
            end=s["end"],
            text=text[s["start"] : s["end"]],
            score=s["score"],
            spun=s["spun"],
            matches=[Match(**m) for m in s["matches"]],
            context=s.get("context", 0.0),
        )
        for s in data.pop("sentences")
    ]
    score, spun = data.pop("score"), data.pop("spun")
    return Report(score=score, spun=spun, sentences=sentences, extra=data)


def _encodable(text: str) -> str:
    """The text with lone surrogates (not encodable as UTF-8) replaced one for one by "?", so
    code point offsets stay those of ``text``."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


class Detector:
    """Detects spun text. Build once, reuse from any thread.

    :param dictionaries: dictionary files (TSV sources or compiled) added as layers after the
        embedded default; later layers win for the same phrase.
    :param allow: phrases never to report (an allow-list), matched like dictionary artifacts
        (case, inflection and hyphenation do not matter).
    :param pps: tortured-phrase catalogue files in the Problematic Paper Screener's CSV syntax.
    :param threshold: score threshold in [0, 1] for ``spun`` on sentences and documents.
    :param default_dictionary: whether to load the embedded default dictionary.
    :raises ValueError: a bad dictionary, allow-list or threshold (the message names the file,
        line and reason).
    :raises OSError: a file that cannot be read.
    """

    def __init__(
        self,
        dictionaries: Sequence[PathLike] = (),
        allow: Iterable[str] = (),
        threshold: float = DEFAULT_THRESHOLD,
        *,
        pps: Sequence[PathLike] = (),
        default_dictionary: bool = True,
    ) -> None:
        if isinstance(dictionaries, (str, os.PathLike)):
            dictionaries = [dictionaries]
        if isinstance(allow, str):
            allow = [allow]
        if isinstance(pps, (str, os.PathLike)):
            pps = [pps]
        phrases = [str(a) for a in allow]
        for a in phrases:
            if "\n" in a or "\r" in a:
                raise ValueError(f"allow: a phrase cannot span lines: {a!r}")
        self._native = NativeDetector(
            [os.fspath(d) for d in dictionaries],
            phrases,
            [os.fspath(p) for p in pps],
            float(threshold),
            bool(default_dictionary),
        )

    @property
    def threshold(self) -> float:
        """The score threshold applied to sentences and documents."""
        return self._native.threshold

    def analyze(self, text: str) -> Report:
        """Analyzes one document. Never fails on any string; the GIL is released meanwhile."""
        if not isinstance(text, str):
            raise TypeError(f"analyze() takes a str, not {type(text).__name__}")
        return _report(self._native.analyze_json(_encodable(text)), text)

    def analyze_batch(self, texts: Sequence[str]) -> List[Report]:
        """Analyzes many documents on all cores; equal to ``[analyze(t) for t in texts]``."""
        texts = list(texts)
        for t in texts:
            if not isinstance(t, str):
                raise TypeError(f"analyze_batch() takes strs, not {type(t).__name__}")
        raws = self._native.analyze_batch_json([_encodable(t) for t in texts])
        return [_report(raw, t) for raw, t in zip(raws, texts)]

    def __repr__(self) -> str:
        return f"spinscan.Detector(threshold={self.threshold}, entries={self._native.dictionary_len()})"
