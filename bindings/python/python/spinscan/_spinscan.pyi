from typing import List

DEFAULT_THRESHOLD: float

class NativeDetector:
    def __init__(
        self,
        dictionaries: List[str],
        allow: List[str],
        pps: List[str],
        threshold: float,
        default_dictionary: bool,
    ) -> None: ...
    @property
    def threshold(self) -> float: ...
    def analyze_json(self, text: str) -> str: ...
    def analyze_batch_json(self, texts: List[str]) -> List[str]: ...
    def dictionary_len(self) -> int: ...
