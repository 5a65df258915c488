#!/usr/bin/env python3
"""Held-out honest prose for false-flag measurement: docstrings of installed Python modules.

Docstrings are technical English by many authors, many not native English speakers, and none
of the tuning looked at them. One document per module: the prose paragraphs of its module,
class and function docstrings, in source order.

    python3 examples/evaluate/heldout/docstrings.py > eval-out/docstrings.txt      # every *.py on sys.path
    python3 examples/evaluate/spinsim/spinsim.py --clean eval-out/docstrings.txt -o eval-out/docstrings.tsv

A paragraph (lines between blank lines, joined with spaces) is kept only if it reads as prose:
at least 6 words, ends in ".", "!" or "?", has no line indented deeper than its first (code,
lists of parameters) and none of ">>>", "::", "=", "{", "`", "|", "http", "-->", and no line
that looks like a list item or a parameter ("x : int"). Identical paragraphs are kept once.
The output is derived from third-party code (various licences) and is never committed.
"""
import ast
import os
import re
import sys

BAD = (">>>", "::", "=", "{", "`", "|", "http", "-->", "...")
ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)]|[A-Za-z_][\w, ]*\s:\s|[A-Za-z_]\w*\s*--)")


def prose(doc):
    for block in re.split(r"\n\s*\n", doc):
        lines = [l.rstrip() for l in block.split("\n") if l.strip()]
        if not lines:
            continue
        indent = len(lines[0]) - len(lines[0].lstrip())
        if any(len(l) - len(l.lstrip()) > indent for l in lines[1:]):
            continue
        if any(ITEM.match(l) for l in lines):
            continue
        text = " ".join(l.strip() for l in lines)
        if any(b in text for b in BAD) or text[-1] not in ".!?" or len(text.split()) < 6:
            continue
        yield text


def module_docs(path):
    try:
        tree = ast.parse(open(path, encoding="utf-8").read(), filename=path)
    except (SyntaxError, UnicodeDecodeError, ValueError, OSError):
        return
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield from prose(doc)


def main():
    roots = sorted({os.path.realpath(p) for p in sys.path if os.path.isdir(p)})
    seen_files = set()
    seen = set()
    docs = 0
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            if "test" in os.path.basename(dirpath).lower():
                dirnames[:] = []
                continue
            for name in sorted(filenames):
                path = os.path.realpath(os.path.join(dirpath, name))
                if not name.endswith(".py") or path in seen_files:
                    continue
                seen_files.add(path)
                keep = []
                for p in module_docs(path):
                    if p not in seen:
                        seen.add(p)
                        keep.append(p)
                if keep:
                    if docs:
                        sys.stdout.write("\n")
                    sys.stdout.write("\n".join(keep) + "\n")
                    docs += 1
    print("%d documents, %d paragraphs" % (docs, len(seen)), file=sys.stderr)


if __name__ == "__main__":
    main()
