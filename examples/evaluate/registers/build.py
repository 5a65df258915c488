#!/usr/bin/env python3
"""Honest text of several registers, for false-flag measurement (issue 12, item 7).

Nothing here is written by the spinscan authors and nothing is committed: the output goes to
eval-out/registers/<register>/, one file per document, and is read by

    cargo run --release --example evaluate -- --clean-dir informal-webtext=eval-out/registers/informal-webtext ...

(`examples/evaluate/registers/run.sh` runs every register.) Sources, each optional (a missing source is
reported and skipped):

- informal-webtext, informal-movie-reviews: the `webtext` (Firefox forum posts, overheard
  conversations, wine reviews, personal ads, film scripts) and `movie_reviews` corpora of the
  nltk_data repository (packages/corpora/*.zip), from a git mirror (--nltk GITDIR). webtext is
  cut into documents of 10 lines; each movie review is a document (lower-cased, tokenized text).
- non-english: `udhr2` (the Universal Declaration of Human Rights in about 400 languages,
  nltk_data; English and Scots left out), the first 3 documents of 10 lines of each language.
- code-rust, markdown: the .rs files and README*.md of the crates under ~/.cargo/registry/src
  (MIT/Apache sources present on any machine that built the project).
- code-python: .py files of Python's installed packages (site-packages).
- html: .html/.htm files under site-packages and ~/.cargo/registry/src.
- template: Jinja templates of the flask repository (examples/**/templates), Handlebars files of
  handlebars.js (spec/artifacts, *.handlebars/*.hbs), and the MessageFormat 2 messages of the
  unicode-org/message-format-wg tests (one document per test file, one message per line),
  from git mirrors (--flask, --handlebars, --messageformat).
- non-native: Debian package descriptions (examples/evaluate/heldout/debian_descriptions.py output, passed
  as --debian FILE: documents separated by blank lines).
"""
import argparse
import glob
import io
import json
import os
import random
import site
import subprocess
import sys
import zipfile


def git_files(gitdir, pattern_ok):
    out = subprocess.run(["git", "-C", gitdir, "ls-tree", "-r", "HEAD", "--name-only"],
                         capture_output=True, text=True, check=True).stdout.split("\n")
    return [p for p in out if p and pattern_ok(p)]


def git_blob(gitdir, path):
    return subprocess.run(["git", "-C", gitdir, "show", f"HEAD:{path}"], capture_output=True,
                          check=True).stdout


def write_docs(outdir, name, docs, ext="txt"):
    d = os.path.join(outdir, name)
    os.makedirs(d, exist_ok=True)
    for f in glob.glob(os.path.join(d, "*")):
        os.remove(f)
    n = 0
    for i, text in enumerate(docs):
        if not text.strip():
            continue
        e = ext(i) if callable(ext) else ext
        with open(os.path.join(d, f"{i:05d}.{e}"), "w", encoding="utf-8") as f:
            f.write(text)
        n += 1
    print(f"{name}: {n} documents", file=sys.stderr)


def chunks(lines, size):
    for i in range(0, len(lines), size):
        yield "\n".join(lines[i:i + size]) + "\n"


def nltk_zip(gitdir, name):
    return zipfile.ZipFile(io.BytesIO(git_blob(gitdir, f"packages/corpora/{name}.zip")))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="eval-out/registers")
    ap.add_argument("--nltk", default="/work/.mirror/nltk+nltk_data/repo")
    ap.add_argument("--flask", default="/work/.mirror/pallets+flask/repo")
    ap.add_argument("--handlebars", default="/work/.mirror/handlebars-lang+handlebars.js/repo")
    ap.add_argument("--messageformat", default="/work/.mirror/unicode-org+message-format-wg/repo")
    ap.add_argument("--debian", default="eval-out/debian.txt")
    ap.add_argument("--cargo", default=os.path.expanduser("~/.cargo/registry/src"))
    ap.add_argument("--max-files", type=int, default=1500, help="per code/markup register")
    ap.add_argument("--per-language", type=int, default=100)
    args = ap.parse_args()
    rng = random.Random(12)

    def sample(paths):
        paths = sorted(paths)
        rng.shuffle(paths)
        return sorted(paths[:args.max_files])

    def read(path):
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()

    if os.path.isdir(args.nltk):
        z = nltk_zip(args.nltk, "webtext")
        docs = []
        for n in sorted(z.namelist()):
            if n.endswith(".txt"):
                lines = [l for l in z.read(n).decode("utf-8", "replace").splitlines() if l.strip()]
                docs.extend(chunks(lines, 10))
        write_docs(args.out, "informal-webtext", docs)
        z = nltk_zip(args.nltk, "movie_reviews")
        docs = [z.read(n).decode("utf-8", "replace") for n in sorted(z.namelist())
                if n.endswith(".txt") and "/pos/" in n or "/neg/" in n and n.endswith(".txt")]
        write_docs(args.out, "informal-movie-reviews", docs)
        # europarl_raw is too large for the mirror; the Universal Declaration of Human Rights
        # (udhr2: UTF-8, about 400 languages) gives non-English prose of every script.
        z = nltk_zip(args.nltk, "udhr2")
        docs = []
        for n in sorted(z.namelist()):
            base = os.path.basename(n)
            if not base.endswith(".txt") or base.startswith("eng") or base.startswith("sco"):
                continue
            lines = [l for l in z.read(n).decode("utf-8", "replace").splitlines() if l.strip()]
            docs.extend(list(chunks(lines, 10))[:3])
        write_docs(args.out, "non-english", docs)
    else:
        print(f"skipped nltk registers: no {args.nltk}", file=sys.stderr)

    if os.path.isdir(args.cargo):
        rs = glob.glob(os.path.join(args.cargo, "*", "*", "**", "*.rs"), recursive=True)
        write_docs(args.out, "code-rust", [read(p) for p in sample(rs)])
        md = glob.glob(os.path.join(args.cargo, "*", "*", "README*.md"))
        write_docs(args.out, "markdown", [read(p) for p in sample(md)], "md")
    py_roots = [p for p in site.getsitepackages() if os.path.isdir(p)]
    py = [p for r in py_roots for p in glob.glob(os.path.join(r, "**", "*.py"), recursive=True)]
    write_docs(args.out, "code-python", [read(p) for p in sample(py)])
    html = [p for r in py_roots + [args.cargo] for ext in ("html", "htm")
            for p in glob.glob(os.path.join(r, "**", f"*.{ext}"), recursive=True)]
    write_docs(args.out, "html", [read(p) for p in sample(html)], "html")

    templates = []
    if os.path.isdir(args.flask):
        for p in git_files(args.flask, lambda p: "/templates/" in p and p.endswith(".html")):
            templates.append(git_blob(args.flask, p).decode("utf-8", "replace"))
    if os.path.isdir(args.handlebars):
        for p in git_files(args.handlebars, lambda p: p.endswith((".handlebars", ".hbs"))):
            templates.append(git_blob(args.handlebars, p).decode("utf-8", "replace"))
    if os.path.isdir(args.messageformat):
        for p in git_files(args.messageformat, lambda p: p.startswith("test/tests/") and p.endswith(".json")):
            try:
                data = json.loads(git_blob(args.messageformat, p))
            except ValueError:
                continue
            msgs = [t.get("src", "") for t in data.get("tests", []) if isinstance(t, dict)]
            msgs = [m if isinstance(m, str) else "".join(m) for m in msgs]
            templates.append("\n".join(m.replace("\n", " ") for m in msgs if m) + "\n")
    write_docs(args.out, "template", templates)

    if os.path.isfile(args.debian):
        docs = read(args.debian).split("\n\n")
        write_docs(args.out, "non-native-debian", docs)
    else:
        print(f"skipped non-native-debian: no {args.debian} (see examples/evaluate/heldout/debian_descriptions.py)",
              file=sys.stderr)


if __name__ == "__main__":
    main()
