"""Type stubs of the compiled extension (see src/lib.rs for the implementation)."""

import os
from collections.abc import Iterable
from typing import Any, Optional, Union

_Path = Union[str, "os.PathLike[str]"]

DEFAULT_THRESHOLD: float
__version__: str

class Detector:
    """Detects spun text; build once, share across threads (analysis releases the GIL).

    Picklable: it is rebuilt from its arguments where it is unpickled.

    Raises:
        OSError: a file cannot be read (FileNotFoundError when it does not exist).
        ValueError: a malformed dictionary line (message names file, line and reason), an
            empty source, or a threshold outside [0, 1].
    """

    def __init__(
        self,
        dictionaries: Union[_Path, Iterable[_Path], None] = None,
        allow: Union[str, Iterable[str], None] = None,
        threshold: float = 0.5,
        *,
        allow_files: Union[_Path, Iterable[_Path], None] = None,
        pps: Union[_Path, Iterable[_Path], None] = None,
        default_dictionary: bool = True,
        any_language: bool = False,
    ) -> None:
        """Args: `dictionaries` files layered over the default (later wins); `allow` phrases
        never reported; `threshold` for `spun`; `allow_files` allow-list files (one phrase a
        line); `pps` tortured-phrase catalogues; `default_dictionary` to keep the embedded one;
        `any_language` to judge text in every language (by default only English is judged)."""
    @property
    def threshold(self) -> float:
        """The score from which a sentence or document is `spun`."""
    def analyze(self, text: str, *, html: bool = False) -> Report:
        """Analyzes one document; offsets are `str` offsets. Never fails on any `str`.

        With `html=True`, `text` is an HTML document: tags, comments, scripts and styles are
        skipped, entities decoded, block elements end sentences; offsets still index `text`
        (`text[m.start:m.end]` is the artifact with its markup, `m.artifact` the visible text).
        """
    def analyze_batch(self, texts: Iterable[str], threads: Optional[int] = None) -> list[Report]:
        """Analyzes many documents on `threads` threads (default: all CPUs), in input order."""

class Report:
    """The analysis of one document."""

    @property
    def score(self) -> float:
        """Probability-like document score in [0, 1]."""
    @property
    def spun(self) -> bool:
        """Whether `score` reaches the detector's threshold."""
    @property
    def dialect(self) -> dict[str, Any] | None:
        """The corroborated spinner dialect, `{"name": "spinbot", "substitutions": 4}`, or None."""
    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence, in order."""
    def flagged(self) -> list[Sentence]:
        """The sentences whose score reaches the threshold."""
    def matches(self) -> list[Match]:
        """All matches of all sentences, in text order."""
    def to_dict(self) -> dict[str, Any]:
        """`{"score", "spun", "sentences": [...]}` (and `"dialect"` when one is corroborated) with
        plain dicts, lists and numbers."""
    def __len__(self) -> int:
        """The number of sentences."""
    def __eq__(self, other: object) -> bool:
        """Equal when `to_dict()` is equal."""

class Sentence:
    """The analysis of one sentence: `text[start:end]` of the analyzed `str`."""

    start: int
    end: int
    text: str
    score: float
    spun: bool
    context: float
    matches: tuple[Match, ...]
    def to_dict(self) -> dict[str, Any]:
        """`{"start", "end", "text", "score", "spun", "matches": [...], "context"}`."""
    def __eq__(self, other: object) -> bool:
        """Equal when `to_dict()` is equal."""

class Match:
    """One piece of evidence: `text[start:end] == artifact`."""

    start: int
    end: int
    artifact: str
    original: str
    weight: float
    kind: str
    def to_dict(self) -> dict[str, Any]:
        """`{"start", "end", "artifact", "original", "weight", "kind"}`."""
