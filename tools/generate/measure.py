#!/usr/bin/env python3
"""Reference matcher + measurement for the generated dictionaries.

Mirrors the crate's matching semantics: lowercase; words are runs of letters/digits (hyphens and
apostrophes split); phrases never match across other punctuation or a spaced dash; each word is
Snowball English (Porter2) stemmed; leftmost longest non-overlapping match; later files override
earlier ones for the same stemmed key.  A sentence is flagged when the sum of matched weights
is >= --threshold (3.0).

Reports:
 (a) share of spun=1 sentences of the labelled example that are flagged, and how often a matched
     entry's original equals a labelled likely original;
 (b) share of clean sentences flagged (ABC news 2001, Wikipedia 2017 sample; sentences split
     crudely on ". " and newlines) and document-level figures for ABC articles (one per line);
 (c) entry counts and file sizes (raw, gzip).
The example and clean texts are used for MEASURING only; nothing from them goes into the dictionaries.

Usage: python3 tools/generate/measure.py [--dict-glob 'data/generated/*.tsv'] [--shared ../shared]
"""
import argparse
import glob
import gzip
import os
import re
import sys
from collections import Counter

import snowballstemmer

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
_st = snowballstemmer.stemmer("english")
_cache = {}
TOKEN_RE = re.compile(r"[^\W_]+")
# separators across which a phrase may continue: spaces, one hyphen / apostrophe, torn hyphen
JOIN_RE = re.compile(r"^(\s+|[-\u2010\u2011'\u2019]|[-\u2010\u2011]\s+)$")


def stem(w):
    s = _cache.get(w)
    if s is None:
        s = _cache[w] = _st.stemWord(w)
    return s


def segments(text):
    """Lists of stemmed words; a new list starts at every break (punctuation, spaced dash)."""
    text = text.lower()
    segs, cur, last_end = [], [], None
    for m in TOKEN_RE.finditer(text):
        if last_end is not None and not JOIN_RE.match(text[last_end:m.start()]):
            if cur:
                segs.append(cur)
            cur = []
        cur.append(stem(m.group()))
        last_end = m.end()
    if cur:
        segs.append(cur)
    return segs


def key_of(phrase):
    return tuple(stem(w) for w in TOKEN_RE.findall(phrase.lower()))


class Dictionary:
    def __init__(self, paths):
        self.d = {}
        self.maxlen = 1
        self.per_file = {}
        for p in paths:
            n = 0
            with open(p, encoding="utf-8") as f:
                for line in f:
                    if not line.strip() or line.startswith("#"):
                        continue
                    cols = line.rstrip("\n").split("\t")
                    if len(cols) < 4:
                        continue
                    k = key_of(cols[0])
                    if not k:
                        continue
                    self.d[k] = (float(cols[3]), cols[0], cols[1], os.path.basename(p))
                    self.maxlen = max(self.maxlen, len(k))
                    n += 1
            self.per_file[p] = n

    def matches(self, text):
        out = []
        for seg in segments(text):
            i = 0
            while i < len(seg):
                for L in range(min(self.maxlen, len(seg) - i), 0, -1):
                    e = self.d.get(tuple(seg[i:i + L]))
                    if e is not None:
                        out.append(e)
                        i += L
                        break
                else:
                    i += 1
        return out

    def score(self, text):
        return sum(e[0] for e in self.matches(text))


def split_sentences(text):
    out = []
    for line in text.split("\n"):
        for s in re.split(r"(?<=\.)\s+", line):
            if len(TOKEN_RE.findall(s)) >= 3:
                out.append(s)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dict-glob", action="append", default=None,
                    help="dictionary files (default: data/generated/*.tsv then data/curated/*.tsv)")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--threshold", type=float, default=3.0)
    ap.add_argument("--doc-threshold", type=float, default=1.0,
                    help="an ABC article 'looks spun' when its mean weight per sentence is >= this")
    ap.add_argument("--show", type=int, default=15, help="print this many flagged clean sentences")
    a = ap.parse_args()
    globs = a.dict_glob or [os.path.join(ROOT, "data/generated/*.tsv"), os.path.join(ROOT, "data/curated/*.tsv")]
    paths = []
    for g in globs:
        paths += sorted(glob.glob(g))
    D = Dictionary(paths)
    T = a.threshold

    print("== (c) dictionaries")
    tot_raw = tot_gz = 0
    for p in paths:
        raw = os.path.getsize(p)
        gz = len(gzip.compress(open(p, "rb").read(), 9))
        tot_raw += raw
        tot_gz += gz
        print("  %-60s %8d entries %7.2f MB raw %6.2f MB gzip" % (os.path.relpath(p, ROOT), D.per_file[p], raw / 1e6, gz / 1e6))
    print("  total: %d distinct keys, %.2f MB raw, %.2f MB gzip" % (len(D.d), tot_raw / 1e6, tot_gz / 1e6))

    print("== (a) labelled spun example (threshold %.1f)" % T)
    lab = os.path.join(a.shared, "examples", "spun-news-example.labels.tsv")
    n_spun = n_flag = n_match = n_orig_ok = 0
    spun_scores = []
    with open(lab, encoding="utf-8") as f:
        f.readline()
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2 or cols[0] != "1":
                continue
            sent = cols[1]
            originals = set()
            for pair in (cols[2].split(";") if len(cols) > 2 else []):
                if "=" in pair:
                    originals.add(key_of(pair.split("=", 1)[1]))
            ms = D.matches(sent)
            s = sum(e[0] for e in ms)
            spun_scores.append(s)
            n_spun += 1
            n_flag += s >= T
            for e in ms:
                n_match += 1
                n_orig_ok += key_of(e[2]) in originals
            print("  %5.2f %s | %s" % (s, "FLAG" if s >= T else "    ", "; ".join("%s=%s(%.1f)" % (e[1], e[2], e[0]) for e in ms)[:300]))
    print("  (a) flagged %d/%d = %.1f%% of spun sentences; matched entries whose original equals a labelled original: %d/%d = %.1f%%" % (
        n_flag, n_spun, 100.0 * n_flag / max(n_spun, 1), n_orig_ok, n_match, 100.0 * n_orig_ok / max(n_match, 1)))
    if spun_scores:
        print("  example document: mean weight per spun sentence %.2f" % (sum(spun_scores) / len(spun_scores)))

    print("== (b) clean text (threshold %.1f)" % T)
    shown = 0
    hit_counter = Counter()
    for name in ("abc-news-2001.txt", "wikipedia-2017-sample.txt"):
        text = open(os.path.join(a.shared, "data", "clean", name), encoding="utf-8").read()
        sents = split_sentences(text)
        flagged = 0
        for s in sents:
            ms = D.matches(s)
            sc = sum(e[0] for e in ms)
            for e in ms:
                hit_counter[(e[1], e[2], e[0])] += 1
            if sc >= T:
                flagged += 1
                if shown < a.show:
                    shown += 1
                    print("  FP %.2f [%s] %s" % (sc, "; ".join("%s=%s(%.1f)" % (e[1], e[2], e[0]) for e in ms), s[:160]))
        print("  (b) %-28s %d/%d sentences flagged = %.2f%%" % (name, flagged, len(sents), 100.0 * flagged / max(len(sents), 1)))
        if name.startswith("abc"):
            docs = [l for l in text.split("\n") if l.strip()]
            means = []
            for d in docs:
                ss = split_sentences(d)
                means.append(sum(D.score(s) for s in ss) / max(len(ss), 1))
            bad = sum(m >= a.doc_threshold for m in means)
            means.sort()
            print("  (b) ABC articles: %d/%d with mean weight per sentence >= %.2f (= %.1f%%); median %.2f, p90 %.2f, max %.2f" % (
                bad, len(docs), a.doc_threshold, 100.0 * bad / max(len(docs), 1), means[len(means) // 2],
                means[int(len(means) * 0.9)], means[-1]))
    print("  most frequent clean-text hits (candidates for false positives):")
    for (art, orig, w), c in hit_counter.most_common(25):
        print("    %4d x %s=%s (%.2f)" % (c, art, orig, w))


if __name__ == "__main__":
    main()
