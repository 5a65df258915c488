#!/usr/bin/env python3
"""Held-out honest prose for false-flag measurement: Debian package long descriptions.

Debian's package descriptions are short technical texts written by thousands of maintainers,
many of them not native English speakers. No scoring constant was chosen on them (but four
curated entries were changed after reading their false flags: README "Evaluation"), so they
measure the false-flag rate on text the constants were not chosen on, in a genre (technical, terse, often
non-native) unlike the news and Wikipedia corpora.

    apt-get update -o Acquire::Languages=en        # fetches the Translation-en index (~13 MB)
    python3 examples/evaluate/heldout/debian_descriptions.py > eval-out/debian.txt
    python3 examples/evaluate/spinsim/spinsim.py --clean eval-out/debian.txt -o eval-out/debian.tsv

Output: one document per package description that has prose left after filtering, one
paragraph per line, documents separated by blank lines (the layout examples/evaluate/spinsim reads).
Wrapped lines are joined with a space, except after a hyphen that follows a letter (Debian
wraps "Kolmogorov-Smirnov" at its hyphen; joining with a space would make a torn hyphen the
source never had). Filtering: verbatim lines (two leading spaces), list items (" * ", " - ", " o ", " + "), and
paragraphs already seen in an earlier package (the "-data" / "-dev" / "-doc" packages repeat
their source's text) are dropped; a paragraph must hold a letter and end in ".", "!" or "?".
The output is derived from Debian's archive (per-package licences) and is never committed.
"""
import argparse
import glob
import subprocess
import sys


def read_index(paths):
    for path in paths:
        if path.endswith(".lz4"):
            data = subprocess.run(["/usr/lib/apt/apt-helper", "cat-file", path],
                                  check=True, capture_output=True).stdout
        else:
            data = open(path, "rb").read()
        yield from data.decode("utf-8", "replace").split("\n")


def descriptions(lines):
    """Yield the long-description lines (without the leading space) of each package."""
    body = None
    for line in lines:
        if line.startswith("Description-en:"):
            body = []
        elif body is not None and line.startswith(" "):
            body.append(line[1:])
        else:
            if body:
                yield body
            body = None
    if body:
        yield body


def paragraphs(body):
    para = []
    for line in body + ["."]:
        if line.strip() == ".":
            if para:
                yield " ".join(para)
            para = []
        elif line.startswith(" ") or line[:2] in ("* ", "- ", "o ", "+ "):
            if para:
                yield " ".join(para)
            para = []
        elif para and para[-1][-1:] == "-" and para[-1][-2:-1].isalpha():
            # a word wrapped at its hyphen ("Kolmogorov-" / "Smirnov"): rejoin without a space
            para[-1] += line.strip()
        else:
            para.append(line.strip())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("index", nargs="*", help="Translation-en files (default: apt's lists)")
    ap.add_argument("--max-docs", type=int, default=0, help="stop after N documents (0: all)")
    a = ap.parse_args()
    paths = a.index or sorted(glob.glob("/var/lib/apt/lists/*_main_i18n_Translation-en*"))
    if not paths:
        sys.exit("no Translation-en index: run apt-get update -o Acquire::Languages=en")
    seen = set()
    docs = 0
    out = sys.stdout
    for body in descriptions(read_index(paths)):
        keep = []
        for p in paragraphs(body):
            if p in seen or not any(c.isalpha() for c in p) or p[-1] not in ".!?":
                continue
            seen.add(p)
            keep.append(p)
        if not keep:
            continue
        if docs:
            out.write("\n")
        out.write("\n".join(keep) + "\n")
        docs += 1
        if a.max_docs and docs >= a.max_docs:
            break
    print("%d documents, %d paragraphs" % (docs, len(seen)), file=sys.stderr)


if __name__ == "__main__":
    main()
