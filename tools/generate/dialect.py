#!/usr/bin/env python3
"""Dialect tables: word- and phrase-level substitutions that real spinners make, learned from
aligned (spun, original) pairs, and the generated entries they predict.

Spinbot-style spinners apply one fixed table context-blind: what they do to one collocation they do
to every other ("profound learning" for deep learning, so "profound water" for deep water).  This
script learns that table from aligned real pairs and applies it to frequent honest collocations.

  python3 tools/generate/dialect.py align [--pps CSV] [--out tools/generate/tables/pps-substitutions.tsv]
      Aligns each row of the Problematic Paper Screener catalogue (first quoted phrase of
      `tortured_phrase` against `expected_phrase`, parenthesised acronyms dropped) word by word
      where the two have the same length, and by difflib opcodes (identical words as anchors,
      unequal replaced spans kept as phrase pairs) where they differ.  Writes the table with counts
      (catalogue rows and papers).  The table is derived facts (word mappings with counts), not
      catalogue text; source and licence are in its header.

  python3 tools/generate/dialect.py generate [--table ...] [--out data/generated/dialect.tsv]
      Applies the table to the generator's seeds (frequent honest bigrams and "X f Y" trigrams of
      the CMU LM and wordsegment, same honest-text model as generate.py) and writes the artifacts
      that are rare in honest text.  Needs the inputs of tools/generate/setup.sh.

Deterministic.  Never reads ../shared except the PPS catalogue given to `align`.
"""
import argparse
import csv
import difflib
import math
import os
import re
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
TABLE = os.path.join(HERE, "tables", "pps-substitutions.tsv")
PPS = os.path.join(ROOT, "..", "shared", "data", "pps", "tortured.csv")


def first_phrase(fingerprint):
    """The first quoted phrase of a catalogue fingerprint (AND/NOT/proximity terms are context)."""
    m = re.match(r'\s*"([^"]+)"', fingerprint)
    if m:
        return m.group(1)
    if any(op in fingerprint for op in ('"', "*", " AND ", " OR ", " NOT ")):
        return None
    return fingerprint


def clean_expected(expected):
    e = re.sub(r"\([^)]*\)", " ", expected)  # acronyms and asides: "(PCA)", "(neural)"
    if "/" in e or ";" in e:
        return None
    return e


def words(s):
    return [w.lower() for w in WORD_RE.findall(s)]


def align_pair(spun, orig):
    """[(original words, spun words)] substitutions of one aligned pair (identical words skipped)."""
    sw, ow = words(spun), words(orig)
    if not sw or not ow:
        return []
    out = []
    if len(sw) == len(ow):
        for o, s in zip(ow, sw):
            if o != s:
                out.append(((o,), (s,)))
        return out
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=ow, b=sw, autojunk=False).get_opcodes():
        if tag == "replace":
            o, s = tuple(ow[i1:i2]), tuple(sw[j1:j2])
            if len(o) == len(s):
                out.extend(((a,), (b,)) for a, b in zip(o, s) if a != b)
            else:
                out.append((o, s))
    return out


def align(args):
    rows = defaultdict(lambda: [0, 0])  # (orig, spun) -> [rows, papers]
    n_rows = n_used = 0
    with open(args.pps, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            n_rows += 1
            spun = first_phrase(r["tortured_phrase"])
            orig = clean_expected(r["expected_phrase"])
            if not spun or not orig:
                continue
            papers = int(r["num_papers"].replace(",", "") or 0)
            subs = align_pair(spun, orig)
            if subs:
                n_used += 1
            for o, s in subs:
                # letters and digits only; one-letter "words" are acronym debris
                if any(len(w) < 2 or not w.isalpha() for w in o + s):
                    continue
                rows[(" ".join(o), " ".join(s))][0] += 1
                rows[(" ".join(o), " ".join(s))][1] += papers
    recs = sorted(rows.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Substitutions of the Spinbot-style dialect, learned from aligned pairs (regenerate:\n")
        f.write("#   python3 tools/generate/dialect.py align).\n")
        f.write("# Source: the tortured-phrase catalogue of the Problematic Paper Screener (Cabanac, Labbe,\n")
        f.write("#   Magazinov 2021; snapshot of hahuyhoang411/tortured-phrase data/tortured.csv, commit d096655;\n")
        f.write("#   catalogue content CC BY 4.0). Each row is a derived fact: the spinner replaced `original`\n")
        f.write("#   by `spun` in `rows` catalogue rows, found in `papers` papers in total.\n")
        f.write("# %d catalogue rows read, %d aligned with at least one substitution.\n" % (n_rows, n_used))
        f.write("# Columns: original, spun, level (word|phrase), rows, papers.\n")
        for (o, s), (n, p) in recs:
            level = "word" if " " not in o and " " not in s else "phrase"
            f.write("%s\t%s\t%s\t%d\t%d\n" % (o, s, level, n, p))
    nw = sum(1 for (o, s) in rows if " " not in o and " " not in s)
    print("%d rows, %d aligned; %d word mappings, %d phrase mappings -> %s" % (
        n_rows, n_used, nw, len(rows) - nw, args.out), file=sys.stderr)


def read_table(path):
    t = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            o, s, level, n, p = line.rstrip("\n").split("\t")
            t.append((o, s, level, int(n), int(p)))
    return t


def load_generated_weights(paths):
    """Stemmed key -> weight of the entries already generated (dialect.tsv loads after them and
    would override them: only a higher weight is written)."""
    import generate as G
    best = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.split("\t")
                k = G.key_of(cols[0])
                w = float(cols[3])
                if best.get(k, -1.0) < w:
                    best[k] = w
    return best


def dialect_entries(gen, ga, table, args):
    """Apply the word table to the generator's seed collocations."""
    import generate as G
    maps, total = defaultdict(list), defaultdict(int)
    for o, s, level, n, p in table:
        if " " in o or n < args.min_rows or (" " in s and n < args.min_rows_phrase):
            continue
        maps[o].append((s, n))
        total[o] += n
    by_stem = defaultdict(list)
    for o in sorted(maps):
        by_stem[G.stem(o)].append(o)

    def options(w):
        """[(spun, log10 choice)] for a seed word: the table's mappings of that word (or of another
        spelling with its stem), each with its share of the word's mappings, less when the mapping
        was seen in one catalogue row only."""
        origs = [w] if w in maps else by_stem.get(G.stem(w), [])
        out = {}
        for o in origs:
            for s, n in maps[o]:
                c = math.log10(n / total[o]) + math.log10(min(1.0, (n + 1) / 3.0))
                if out.get(s, -99.0) < c:
                    out[s] = c
        return sorted(out.items(), key=lambda x: (-x[1], x[0]))[: args.per_word]

    out = {}
    stats = defaultdict(int)

    def consider(words, new, joint, choice, nsubs, multi):
        art = " ".join(new)
        k = G.key_of(art)
        if len(k) < 2 or k in gen.honest_phrase or k == G.key_of(" ".join(words)):
            stats["honest-phrase"] += 1
            return
        pa, stored = gen.honest_logp(k)
        if stored and pa >= ga.stored_drop:
            stats["attested"] += 1
            return
        llr = joint + choice - pa
        cap = args.cap_phrase if multi else (args.cap2 if nsubs >= 2 else args.cap1)
        w = round(min(cap, ga.alpha * llr - ga.beta), 2)
        if w < args.min_weight:
            stats["low-weight"] += 1
            return
        sel = joint + choice
        cur = out.get(k)
        if cur is None or (w, sel) > (cur[0], cur[1]):
            out[k] = (w, sel, art, " ".join(words))

    seeds = [(j, [w1, w2]) for j, w1, w2 in gen.seeds2] + [(j, [w1, f, w3]) for j, w1, f, w3 in gen.seeds3]
    for joint, words in seeds:
        pos = [i for i, w in enumerate(words) if G.is_content(w)]
        opts = {i: options(words[i]) for i in pos}
        for i in pos:
            for s, c in opts[i]:
                new = list(words)
                new[i] = s
                consider(words, new, joint, c, 1, " " in s)
        mapped = [i for i in pos if opts[i]]
        if len(mapped) >= 2:
            i, j = mapped[0], mapped[-1]
            for si, ci in opts[i][:3]:
                for sj, cj in opts[j][:3]:
                    new = list(words)
                    new[i], new[j] = si, sj
                    consider(words, new, joint, ci + cj, 2, " " in si or " " in sj)
    print("dialect: %d artifacts kept; rejected %s" % (len(out), dict(stats)), file=sys.stderr)
    recs = sorted(out.values(), key=lambda r: (-r[1], r[2]))[: args.max_entries]
    return [(art, orig, w, "pps-dialect") for w, sel, art, orig in recs]


def write_tsv(path, rows, header):
    import generate as G
    rows = sorted(rows, key=lambda r: (G.key_of(r[0]), r[0], r[1]))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write(h + "\n")
        for art, orig, w, src in rows:
            art = " ".join(G.WORD_RE.findall(art))
            orig = " ".join(G.WORD_RE.findall(orig))
            f.write("%s\t%s\tsynonym\t%.2f\t\t%s\n" % (art, orig, w, src))
    print("wrote %d entries to %s" % (len(rows), path), file=sys.stderr)


def generate(args):
    import generate as G
    from function_words import function_word_entries
    ga = G.parser().parse_args([])  # the generator's honest-text model, with its defaults
    gen = G.Generator(ga)
    table = read_table(args.table)
    existing = load_generated_weights(
        [os.path.join(args.outdir, n) for n in ("collocations-2.tsv", "collocations-3plus.tsv", "words.tsv")])
    params = "min_rows=%d/%d per_word=%d caps=%g/%g/%g min_w=%g max=%d" % (
        args.min_rows, args.min_rows_phrase, args.per_word, args.cap1, args.cap2, args.cap_phrase, args.min_weight, args.max_entries)
    common = [
        "# GENERATED FILE, do not edit: made by tools/generate/dialect.py generate (params: %s)" % params,
        "# Regenerate: bash tools/generate/setup.sh && python3 tools/generate/dialect.py generate",
        "# Honest-text model: the one of tools/generate/generate.py (CMU Sphinx en-us LM, BSD-2-Clause;",
        "#   wordsegment counts, Apache-2.0; WordNet 3.0 / Moby / MyThes headwords as honest phrases).",
        "# Columns: artifact, original, kind, weight, domain (empty = general), source (see data/FORMAT.md).",
    ]
    rows = dialect_entries(gen, ga, table, args)
    rows = [r for r in rows if existing.get(G.key_of(r[0]), -1.0) < r[2]]
    write_tsv(os.path.join(args.outdir, "dialect.tsv"), rows, [
        "# spinscan generated dictionary: dialect.tsv (Spinbot-style dialect applied to honest collocations)",
        "# Substitution table: tools/generate/tables/pps-substitutions.tsv, learned from the Problematic Paper",
        "#   Screener tortured-phrase catalogue (CC BY 4.0; see that file's header).",
    ] + common)
    fw = function_word_entries(gen, ga)
    fw = [r for r in fw if existing.get(G.key_of(r[0]), -1.0) < r[2]]
    write_tsv(os.path.join(args.outdir, "function-words.tsv"), fw, [
        "# spinscan generated dictionary: function-words.tsv (word-for-word dictionary spinners: a function word",
        "#   replaced by a sense-blind WordNet synset mate, in the contexts where the word is most frequent)",
        "# Sources: WordNet 3.0 (Princeton WordNet 3.0 licence, see data/generated/README.md) for the senses,",
        "#   the CMU LM for the contexts.",
    ] + common)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a1 = sub.add_parser("align")
    a1.add_argument("--pps", default=PPS)
    a1.add_argument("--out", default=TABLE)
    a2 = sub.add_parser("generate")
    a2.add_argument("--table", default=TABLE)
    a2.add_argument("--outdir", default=os.path.join(ROOT, "data", "generated"))
    a2.add_argument("--min-rows", type=int, default=2,
                    help="use mappings seen in at least this many catalogue rows (one-row mappings such as"
                         " new->modern or different->various are mostly honest synonyms: with them the"
                         " Wikipedia sample had 1.2%% of its sentences flagged)")
    a2.add_argument("--min-rows-phrase", type=int, default=2,
                    help="use a mapping to a multi-word phrase only if seen in this many rows (unequal-length"
                         " alignments are noisy)")
    a2.add_argument("--per-word", type=int, default=6, help="mappings per seed word at most")
    a2.add_argument("--cap1", type=float, default=2.5, help="weight cap, one word replaced")
    a2.add_argument("--cap2", type=float, default=2.5,
                    help="weight cap, two words replaced (3.5 as in generate.py, or 3.0, flags honest double"
                         " swaps of common synonyms alone: 'clinical examination', 'reach of ordinary' in the"
                         " Wikipedia sample)")
    a2.add_argument("--cap-phrase", type=float, default=1.5, help="weight cap when a multi-word spun phrase is inserted")
    a2.add_argument("--min-weight", type=float, default=0.8)
    a2.add_argument("--max-entries", type=int, default=200000)
    a = ap.parse_args()
    if a.cmd == "align":
        align(a)
    else:
        generate(a)


if __name__ == "__main__":
    main()
