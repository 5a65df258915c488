"""Minimal reader for the WordNet 3.0 database files (Debian package wordnet-base).

Parses data.{noun,verb,adj,adv} directly: synsets, their words, and pointers.
Provides morphy-style lemmatisation (exception lists + detachment rules).
"""
import os
from collections import defaultdict

WNDIR = "/usr/share/wordnet"
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}

# Pointer symbols treated as "one relation hop" (the lead's measurement: similar-to,
# hypernym/hyponym, derivationally related, pertainym); plus verb group / participle / also-see.
HOP_POINTERS = {"&", "@", "@i", "~", "~i", "+", "\\", "$", "<", "^"}

MORPH_RULES = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}


class WordNet:
    def __init__(self, wndir=WNDIR):
        self.synsets = {}  # (pos, offset) -> (words list, pointers list)
        self.cap_forms, self.low_forms = set(), set()  # lemmas seen capitalised / in lower case
        self.lemma_synsets = defaultdict(list)  # lemma -> [(pos, offset)]
        self.exc = {p: defaultdict(list) for p in POS_FILES}
        for pos, name in POS_FILES.items():
            with open(os.path.join(wndir, "data." + name), encoding="latin-1") as f:
                for line in f:
                    if line.startswith("  "):
                        continue
                    self._parse(line, pos)
            exc = os.path.join(wndir, name + ".exc")
            if os.path.exists(exc):
                with open(exc, encoding="latin-1") as f:
                    for line in f:
                        parts = line.split()
                        if len(parts) >= 2:
                            self.exc[pos][parts[0]].extend(parts[1:])
        self.lemmas = set(self.lemma_synsets)

    def _parse(self, line, filepos):
        head = line.split(" | ", 1)[0].split()
        offset = int(head[0])
        ss_type = head[2]
        pos = "a" if ss_type == "s" else ss_type
        wcnt = int(head[3], 16)
        words = []
        i = 4
        for _ in range(wcnt):
            raw = head[i]
            w = raw.lower()
            if w.endswith(")") and "(" in w:  # adjective markers like (a), (p), (ip)
                w = w[: w.index("(")]
            w = w.replace("_", " ")
            words.append(w)
            (self.cap_forms if raw[:1].isupper() else self.low_forms).add(w)
            i += 2
        pcnt = int(head[i])
        i += 1
        ptrs = []
        for _ in range(pcnt):
            sym, off, ppos, st = head[i], int(head[i + 1]), head[i + 2], head[i + 3]
            ppos = "a" if ppos == "s" else ppos
            ptrs.append((sym, off, ppos, int(st[:2], 16), int(st[2:], 16)))
            i += 4
        key = (filepos, offset)
        self.synsets[key] = (words, ptrs)
        for w in words:
            self.lemma_synsets[w].append(key)

    def pos_of(self, lemma):
        return {k[0] for k in self.lemma_synsets.get(lemma, ())}

    def morphy(self, word):
        """All base forms of `word` found in WordNet (any POS), including the word itself."""
        out = []
        if word in self.lemmas:
            out.append(word)
        for pos in POS_FILES:
            for base in self.exc[pos].get(word, ()):
                if pos in self.pos_of(base) and base not in out:
                    out.append(base)
            for suf, rep in MORPH_RULES[pos]:
                if word.endswith(suf) and len(word) > len(suf) + 1:
                    base = word[: len(word) - len(suf)] + rep
                    # the base must exist in the part of speech the rule belongs to:
                    # "commander" is not the comparative of a verb "command"
                    if pos in self.pos_of(base) and base not in out:
                        out.append(base)
        return out

    def neighbours(self, lemma):
        """Yield (neighbour lemma, relation) for `lemma` across all parts of speech.
        relation is 'syn' for synset mates, 'hop' for one pointer hop. Antonyms excluded."""
        for key in self.lemma_synsets.get(lemma, ()):
            words, ptrs = self.synsets[key]
            nsyn = len(words)
            for w in words:
                if w != lemma:
                    yield w, "syn", nsyn
            try:
                my_index = words.index(lemma) + 1
            except ValueError:
                my_index = 0
            for sym, off, ppos, src, tgt in ptrs:
                if sym not in HOP_POINTERS:
                    continue
                tkey = (ppos, off)
                if tkey not in self.synsets:
                    continue
                twords = self.synsets[tkey][0]
                if src == 0 and tgt == 0:
                    for w in twords:
                        if w != lemma:
                            yield w, "hop", len(twords)
                elif src == my_index and 0 < tgt <= len(twords):
                    w = twords[tgt - 1]
                    if w != lemma:
                        yield w, "hop", 1
