#!/usr/bin/env python3
"""Swap signal study: a rare adjacent pair (a, b) that becomes a frequent honest collocation when one
word is replaced by a word whose thesaurus list contains it (the reverse neighbour relation).

    python3 tools/swapstudy/model.py --out /tmp/swapstudy-model.pkl        # once (~5 min)
    python3 tools/swapstudy/swapstudy.py fire  --model /tmp/swapstudy-model.pkl --out /tmp/swapstudy-fire.pkl
    python3 tools/swapstudy/swapstudy.py rates --fire /tmp/swapstudy-fire.pkl            # report item 1
    python3 tools/swapstudy/swapstudy.py combine --fire /tmp/swapstudy-fire.pkl \\
        --dump eval-out/dump.tsv --dump-s2 /tmp/swapstudy-dump-s2.tsv                    # report item 2
    python3 tools/swapstudy/swapstudy.py size --model /tmp/swapstudy-model.pkl --fire /tmp/swapstudy-fire.pkl

`fire` records every candidate firing under loose limits with its features; `rates`/`combine`
apply the thresholds, so a sweep is cheap.
"""
import argparse
import collections
import math
import os
import pickle
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "calibrate"))
sys.path.insert(0, os.path.join(ROOT, "tools", "generate"))

# The generator's stemmer (cached Porter2) and its function words between "X f Y".
from generate import MID_FUNC as MID, stem  # noqa: E402

TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


CORPORA = {
    "roget-medium": "eval-out/roget-medium.tsv",
    "roget-medium-s2": "eval-out/roget-medium-s2.tsv",
    "wordnet-medium": "eval-out/wordnet-medium.tsv",
    "clean": "eval-out/clean.tsv",
    "example": "../shared/examples/spun-news-example.labels.tsv",
}


def read_labels(path):
    """[(doc name, [(label, sentence, {spun stem: {original stems}})])]"""
    docs = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#doc"):
            docs.append((line[5:].strip(), []))
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[0] not in ("0", "1"):
            continue
        if not docs:
            docs.append(("doc", []))
        truth = collections.defaultdict(set)
        if len(parts) > 2 and parts[2]:
            for item in parts[2].split(";"):
                if "=" not in item:
                    continue
                sp, orig = item.strip().split("=", 1)
                sw = [stem(w) for w in TOKEN.findall(sp.lower())]
                ow = [stem(w) for w in TOKEN.findall(orig.lower())]
                for s in sw:
                    if s not in ow:
                        for o in ow:
                            if o not in sw:
                                truth[s].add(o)
        docs[-1][1].append((int(parts[0]), parts[1], dict(truth)))
    return docs


class Swap:
    def __init__(self, model, orig_min=-7.0):
        m = pickle.load(open(model, "rb"))
        self.ustem, self.bi, self.tri, self.rev, self.stop = m["ustem"], m["bi"], m["tri"], m["rev"], m["stop"]
        self.unknown, self.slack, self.prune = m["unknown"], m["slack"], m["prune"]
        self.orig_min = orig_min

    def us(self, s):
        return self.ustem.get(s, self.unknown)

    def content(self, w):
        return w.isalpha() and len(w) >= 3 and w not in self.stop

    def est2(self, s1, s2):
        v = self.bi.get((s1, s2))
        if v is not None:
            return v, True
        return min(self.us(s1) + self.us(s2) + self.slack, self.prune), False

    def fire(self, sentence):
        """Candidate firings: (kind, i, j, swapped position, a, b, original stem, obs_attested, obs_lp,
        orig_lp, choice_w, choice_s, us(spun), us(original), both_content)."""
        toks = [(m.group(0).lower(), m.start(), m.end()) for m in TOKEN.finditer(sentence)]
        out = []
        words = [t[0] for t in toks]
        stems = [stem(w) for w in words]
        adj = [sentence[toks[i][2]:toks[i + 1][1]].strip() == "" for i in range(len(toks) - 1)]
        # capitalised inside the sentence (not its first word): a name, which spinners leave alone
        cap = [k > 0 and sentence[toks[k][1]].isupper() for k in range(len(toks))]
        for i in range(len(toks) - 1):
            if not adj[i]:
                continue
            # direct pair (i, i+1) and bridged pair (i, f, i+2)
            cands = [("bi", i + 1, None)]
            if i + 2 < len(toks) and adj[i + 1] and words[i + 1] in MID:
                cands.append(("tri", i + 2, stems[i + 1]))
            for kind, j, f in cands:
                a, b = words[i], words[j]
                if not (a.isalpha() and b.isalpha()) or a == b:
                    continue
                sa, sb = stems[i], stems[j]
                if kind == "bi":
                    obs, att = self.est2(sa, sb)
                    table, key = self.bi, (lambda x, y: (x, y))
                else:
                    v = self.tri.get((sa, f, sb))
                    if v is not None:
                        obs, att = v, True
                    else:
                        # chain estimate P(a f) P(b | f)
                        obs = self.est2(sa, f)[0] + self.est2(f, sb)[0] - self.us(f)
                        att = False
                    table, key = self.tri, (lambda x, y, f=f: (x, f, y))
                both = self.content(a) and self.content(b)
                for pos, sw, other in ((j, sb, sa), (i, sa, sb)):
                    if not self.content(words[pos]):
                        continue
                    r = self.rev.get(sw)
                    if not r:
                        continue
                    best = None
                    for so, (cw, cs) in r.items():
                        v = table.get(key(other, so) if pos == j else key(so, other))
                        if v is None or v < self.orig_min:
                            continue
                        sc = v + cw - obs
                        if best is None or sc > best[0]:
                            best = (sc, so, v, cw, cs)
                    if best is None:
                        continue
                    sc, so, v, cw, cs = best
                    out.append((kind, i, j, pos, a, b, so, att, round(obs, 3), round(v, 3), cw, cs,
                                round(self.us(sw), 3), round(self.us(so), 3), both,
                                cap[i] or cap[j] or (kind == "tri" and cap[i + 1])))
        return out


def cmd_fire(a):
    sw = Swap(a.model, a.orig_min)
    res = {}
    for name, path in CORPORA.items():
        p = os.path.join(ROOT, path)
        if not os.path.exists(p):
            print("skip", name, p, file=sys.stderr)
            continue
        docs = read_labels(p)
        res[name] = [(dn, [(lab, truth, sw.fire(s)) for lab, s, truth in rows]) for dn, rows in docs]
        n = sum(len(r) for _, r in docs)
        print("%s: %d docs, %d sentences" % (name, len(docs), n), file=sys.stderr)
    # honest text outside the spinsim corpora: none (clean.tsv *is* ABC + Wikipedia, split by doc name)
    pickle.dump(res, open(a.out, "wb"), protocol=4)


# ---- thresholds -------------------------------------------------------------------------------------
DEFAULT = dict(score=2.0, orig=-5.5, attested=False, content=True, rarer=False, tri=True, choice=-9.0, nocap=False,
               nocw=False, maxspun=0.0)


def fscore(f, t):
    """log10 ratio: P(original pair) [* choice share, unless nocw] / honest P(observed pair)."""
    return f[9] - f[8] + (0.0 if t["nocw"] else f[10])


def keep(f, t):
    kind, i, j, pos, a, b, so, att, obs, v, cw, cs, us_sp, us_or, both = f[:15]
    if t["nocap"] and f[15]:
        return False
    if us_sp > t["maxspun"]:
        return False
    if att and not t["attested"]:
        return False
    if t["content"] and not both:
        return False
    if kind == "tri" and not t["tri"]:
        return False
    if v < t["orig"]:
        return False
    if t["rarer"] and not us_sp < us_or:
        return False
    if cs < t["choice"]:
        return False
    return fscore(f, t) >= t["score"]


def split_clean(rows_by_doc):
    abc = [(dn, r) for dn, r in rows_by_doc if dn.startswith("abc")]
    wik = [(dn, r) for dn, r in rows_by_doc if not dn.startswith("abc")]
    return abc, wik


def rate(docs, t, spun_label):
    n = hit = right = fired = 0
    for _, rows in docs:
        for lab, truth, fs in rows:
            if lab != spun_label:
                continue
            n += 1
            kept = [f for f in fs if keep(f, t)]
            if kept:
                hit += 1
            for f in kept:
                fired += 1
                sp = stem(f[4] if f[3] == f[1] else f[5])
                if f[6] in truth.get(sp, ()):
                    right += 1
    return n, hit, fired, right


def cmd_rates(a):
    res = pickle.load(open(a.fire, "rb"))
    clean_abc, clean_wiki = split_clean(res["clean"])
    grid = []
    for content in (True, False):
        for nocap in (False, True):
            for orig in (-6.0, -5.0):
                for score in (1.0, 2.0, 3.0, 4.0):
                    grid.append(dict(DEFAULT, content=content, nocap=nocap, orig=orig, score=score))
    if a.setting:
        grid = [dict(DEFAULT, **{k: float(v) for k, v in (kv.split("=") for kv in st.split(","))}) for st in a.setting]
    print("setting | " + " | ".join(
        ["%s spun-hit fired right%%" % c for c in ("roget-medium", "roget-medium-s2", "wordnet-medium")]
        + ["%s clean-hit" % c for c in ("spinsim-clean", "abc", "wikipedia", "unspun-in-roget-med")]))
    for t in grid:
        cells = []
        for c in ("roget-medium", "roget-medium-s2", "wordnet-medium"):
            if c not in res:
                cells.append("-")
                continue
            n, hit, fired, right = rate(res[c], t, 1)
            cells.append("%.1f%% %d %.0f%%" % (100.0 * hit / n, fired, 100.0 * right / max(fired, 1)))
        for docs in (res["clean"], clean_abc, clean_wiki):
            n, hit, _, _ = rate(docs, t, 0)
            cells.append("%.2f%%" % (100.0 * hit / n))
        n, hit, _, _ = rate(res["roget-medium"], t, 0)
        cells.append("%.2f%%" % (100.0 * hit / n))
        print("content=%d nocap=%d maxspun=%g orig=%.1f score=%.1f | %s" % (
            t["content"], t["nocap"], t["maxspun"], t["orig"], t["score"], " | ".join(cells)))


# ---- combination with the dump ----------------------------------------------------------------------
def load_dump(path):
    docs = collections.OrderedDict()
    for line in open(path):
        c, d, label, e, _ctx, _dl = line.rstrip("\n").split("\t")
        docs.setdefault((c, int(d)), []).append((int(label), float(e)))
    return docs


def align(dump, name, fdocs):
    """[(rows of (label, dict evidence), firings per row)] for one corpus; checks the 1:1 row match."""
    out = []
    for d, (dn, rows) in enumerate(fdocs):
        drows = dump.get((name, d))
        if drows is None or len(drows) != len(rows):
            raise SystemExit("dump/tsv mismatch: %s doc %d (%s): dump %s rows, tsv %d" % (
                name, d, dn, None if drows is None else len(drows), len(rows)))
        for (l1, _), (l2, _, _) in zip(drows, rows):
            if l1 != l2:
                raise SystemExit("label mismatch %s doc %d" % (name, d))
        out.append((dn, drows, [fs for _, _, fs in rows]))
    return out


def pair_scores(fss, t):
    """Per sentence: the kept firings' scores (best per token pair)."""
    out = []
    for fs in fss:
        best = {}
        for f in fs:
            if keep(f, t):
                sc = fscore(f, t)
                k = (f[1], f[2])
                best[k] = max(best.get(k, -1e9), sc)
        out.append(list(best.values()))
    return out


def score_docs(aligned, t, alpha, cap, beta=0.0, window=12, cost=0.1, ctx_cap=3.0, ecap=8.0, cache=None):
    """Replay of tools/calibrate/grid.py (weight 1) on e + swap evidence. Returns sentence tp, fp, fn, tn
    and document tp, fp, fn, tn."""
    s = [0, 0, 0, 0]
    dc = [0, 0, 0, 0]
    for di, (_, drows, fss) in enumerate(aligned):
        if alpha > 0:
            key = (id(aligned), di, tuple(sorted(t.items())))
            ps = cache.get(key) if cache is not None else None
            if ps is None:
                ps = pair_scores(fss, t)
                if cache is not None:
                    cache[key] = ps
            ev = [min(e + sum(min(cap, alpha * (x - t["score"]) + beta) for x in p), ecap)
                  for (_, e), p in zip(drows, ps)]
        else:
            ev = [min(e, ecap) for _, e in drows]
        pre = [0.0]
        for x in ev:
            pre.append(pre[-1] + x - cost)
        n = len(ev)
        for i, (label, _) in enumerate(drows):
            if ev[i] > 0:
                lo, hi = max(0, i - window), min(n, i + window + 1)
                pooled = pre[hi] - pre[lo] - (ev[i] - cost)
                ctx = min(max(pooled, 0.0), ctx_cap)
            else:
                ctx = 0.0
            flagged = -3.0 + ev[i] + ctx >= 0
            s[0 if label and flagged else 1 if flagged else 2 if label else 3] += 1
        z = -2.0 + pre[-1]
        spun, flagged = any(l for l, _ in drows), z >= 0
        dc[0 if spun and flagged else 1 if flagged else 2 if spun else 3] += 1
    return s, dc


def prf(s):
    tp, fp, fn, tn = s
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, fp / (fp + tn) if fp + tn else 0.0


# (alpha, cap, beta): evidence per firing = min(cap, alpha * (score - threshold) + beta); alpha 0 = constant beta
WEIGHTS = [(1e-9, 9.0, 0.3), (1e-9, 9.0, 0.6), (1e-9, 9.0, 1.0), (0.5, 3.0, 0.3), (1.0, 4.0, 0.5)]


def cmd_combine(a):
    res = pickle.load(open(a.fire, "rb"))
    dump = load_dump(a.dump)
    med = align(dump, "roget-medium", res["roget-medium"])
    clean = align(dump, "clean", res["clean"])
    abc = [x for x in clean if x[0].startswith("abc")]
    wiki = [x for x in clean if not x[0].startswith("abc")]
    s2 = None
    if a.dump_s2:
        d2 = load_dump(a.dump_s2)
        s2 = align(d2, "roget-medium-s2", res["roget-medium-s2"])

    cache = {}

    def line(t, alpha, cap, beta=0.0):
        s, dc = score_docs(med, t, alpha, cap, beta=beta, cache=cache)
        p, r, f, fa = prf(s)
        ws, wd = score_docs(wiki, t, alpha, cap, beta=beta, cache=cache)
        as_, ad = score_docs(abc, t, alpha, cap, beta=beta, cache=cache)
        cs = [x + y for x, y in zip(ws, as_)]
        cd = [x + y for x, y in zip(wd, ad)]
        out = dict(f1=f, p=p, r=r, drec=dc[0] / (dc[0] + dc[2]), cfs=prf(cs)[3], cfd=cd[1] / (cd[1] + cd[3]),
                   wfs=prf(ws)[3], afs=prf(as_)[3], wfd=wd[1], afd=ad[1])
        if s2 is not None:
            s, dc = score_docs(s2, t, alpha, cap, beta=beta, cache=cache)
            p, r, f, _ = prf(s)
            out.update(s2f1=f, s2p=p, s2r=r, s2drec=dc[0] / (dc[0] + dc[2]))
        return out

    def show(tag, o):
        txt = ("%s | med F1 %.3f P %.3f R %.3f docR %.3f | clean sent %.2f%% (abc %.2f%% wiki %.2f%%) docs %.2f%% "
               "(abc %d wiki %d)" % (tag, o["f1"], o["p"], o["r"], o["drec"], 100 * o["cfs"], 100 * o["afs"],
                                     100 * o["wfs"], 100 * o["cfd"], o["afd"], o["wfd"]))
        if "s2f1" in o:
            txt += " | s2 F1 %.3f P %.3f R %.3f docR %.3f" % (o["s2f1"], o["s2p"], o["s2r"], o["s2drec"])
        print(txt, flush=True)

    show("baseline (dump only)", line(DEFAULT, 0.0, 0.0))
    best = None
    if a.grid == "broad":
        settings = [dict(content=content, nocap=nocap, nocw=nocw, orig=orig, score=score)
                    for content in (False, True) for nocap in (True, False) for nocw in (False, True)
                    for orig in (-6.0, -5.0) for score in ((1.5, 2.0, 2.5, 3.0) if not nocw else (3.0, 3.5, 4.0, 4.5))
                    if not (content and score < 2.0)]
    else:  # "rare": the spun word itself must be rare in honest text
        settings = [dict(content=False, nocap=True, maxspun=maxspun, orig=orig, score=score)
                    for maxspun in (-4.5, -5.0, -5.5) for orig in (-6.0, -5.5) for score in (1.0, 1.5, 2.0)]
    for st in settings:
        for alpha, cap, beta in WEIGHTS:
            t = dict(DEFAULT, **st)
            o = line(t, alpha, cap, beta)
            tag = " ".join("%s=%g" % kv for kv in sorted(st.items())) + " alpha=%g cap=%g beta=%g" % (alpha, cap, beta)
            ok = o["cfs"] <= 0.005 and o["cfd"] <= 0.01
            if a.verbose or ok:
                show(("OK   " if ok else "over ") + tag, o)
            if ok and (best is None or o["f1"] > best[0]["f1"]):
                best = (o, tag)
    if best:
        show("BEST " + best[1], best[0])


def cmd_size(a):
    """Run-time data after pruning to what can fire, and a compact encoding's size (zlib -9 of
    sorted stem list + delta/varint-coded id pairs + 1-byte quantised log10 probabilities)."""
    import zlib
    m = pickle.load(open(a.model, "rb"))
    us = lambda s_: m["ustem"].get(s_, m["unknown"])  # noqa: E731
    # 1. honest originals: attested bigrams / X-f-Y trigrams with log10 P >= --orig
    bi = {k: v for k, v in m["bi"].items() if v >= a.orig}
    tri = {k: v for k, v in m["tri"].items() if v >= a.orig}
    orig_stems = {x for k in bi for x in k} | {k[0] for k in tri} | {k[2] for k in tri}
    # 2. reverse pairs (spun s -> original o): s rare enough (--maxspun), o in some kept n-gram
    rev = {s_: {o for o in d if o in orig_stems} for s_, d in m["rev"].items() if us(s_) <= a.maxspun}
    rev = {s_: d for s_, d in rev.items() if d}
    pairs = [(s_, o) for s_, d in rev.items() for o in d]
    # 3. attested pairs that would otherwise fire (they block a firing): (x, s) attested, s spun stem,
    #    (x, o) kept for some o in rev[s]; and mirrored
    left = collections.defaultdict(set)   # o -> {x : (x, o) kept}
    right = collections.defaultdict(set)  # o -> {y : (o, y) kept}
    for (x, y) in bi:
        left[y].add(x)
        right[x].add(y)
    block = set()
    for (x, y) in m["bi"]:
        if y in rev and any(x in left[o] for o in rev[y]):
            block.add((x, y))
        elif x in rev and any(y in right[o] for o in rev[x]):
            block.add((x, y))
    tleft = collections.defaultdict(set)
    tright = collections.defaultdict(set)
    for (x, f, y) in tri:
        tleft[y].add((x, f))
        tright[x].add((f, y))
    tblock = set()
    for (x, f, y) in m["tri"]:
        if y in rev and any((x, f) in tleft[o] for o in rev[y]):
            tblock.add((x, f, y))
        elif x in rev and any((f, y) in tright[o] for o in rev[x]):
            tblock.add((x, f, y))
    vocab = sorted(orig_stems | set(rev) | {x for k in block for x in k} | {k[0] for k in tblock} | {k[2] for k in tblock})
    ids = {s_: i for i, s_ in enumerate(vocab)}
    print("maxspun %.1f orig %.1f: kept bigrams %d, X-f-Y trigrams %d, reverse pairs %d over %d spun stems, "
          "blocking attested bigrams %d, blocking trigrams %d, stem vocabulary %d (unigram log10 P needed for it)" % (
              a.maxspun, a.orig, len(bi), len(tri), len(pairs), len(rev), len(block), len(tblock), len(vocab)))

    def varint(n):
        b = bytearray()
        while True:
            x = n & 0x7F
            n >>= 7
            if n:
                b.append(x | 0x80)
            else:
                b.append(x)
                return bytes(b)

    def enc_pairs(keys, vals=None):
        out = bytearray()
        prev = (0, 0)
        for k in sorted(keys):
            if k[0] != prev[0]:
                out += varint(k[0] - prev[0]) + varint(k[1])
            else:
                out += varint(0) + varint(k[1] - prev[1])
            if vals is not None:
                out.append(vals[k])
            prev = k
        return bytes(out)

    q = lambda v: max(0, min(255, int(round((v + 12.0) * 20))))  # noqa: E731  0.05 log10 steps
    fids = {f: i for i, f in enumerate(sorted({k[1] for k in m["tri"]}))}
    parts = {
        "stem vocabulary (sorted, newline-joined)": "\n".join(vocab).encode(),
        "unigram log10 P per stem (q8)": bytes(q(us(s_)) for s_ in vocab),
        "kept bigrams + q8": enc_pairs({(ids[x], ids[y]): q(v) for (x, y), v in bi.items()},
                                       {(ids[x], ids[y]): q(v) for (x, y), v in bi.items()}),
        "X-f-Y trigrams + q8": enc_pairs({(ids[x] * 16 + fids[f], ids[y]): q(v) for (x, f, y), v in tri.items()},
                                         {(ids[x] * 16 + fids[f], ids[y]): q(v) for (x, f, y), v in tri.items()}),
        "reverse pairs": enc_pairs({(ids[s_], ids[o]) for s_, o in pairs}),
        "blocking attested bigrams": enc_pairs({(ids[x], ids[y]) for x, y in block}),
        "blocking attested trigrams": enc_pairs({(ids[x] * 16 + fids[f], ids[y]) for x, f, y in tblock}),
    }
    tot_raw = tot_z = 0
    for k, v in parts.items():
        z = len(zlib.compress(v, 9))
        tot_raw += len(v)
        tot_z += z
        print("  %-42s raw %9d  zlib %9d" % (k, len(v), z))
    print("  %-42s raw %9d  zlib %9d" % ("total", tot_raw, tot_z))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("fire")
    p.add_argument("--model", default="/tmp/swapstudy-model.pkl")
    p.add_argument("--out", default="/tmp/swapstudy-fire.pkl")
    p.add_argument("--orig-min", type=float, default=-7.0)
    p = sub.add_parser("rates")
    p.add_argument("--fire", default="/tmp/swapstudy-fire.pkl")
    p.add_argument("--setting", action="append", help="e.g. content=0,nocap=1,orig=-6,score=1.5 (repeatable)")
    p = sub.add_parser("combine")
    p.add_argument("--fire", default="/tmp/swapstudy-fire.pkl")
    p.add_argument("--dump", default=os.path.join(ROOT, "eval-out/dump.tsv"))
    p.add_argument("--dump-s2", default=None)
    p.add_argument("--verbose", action="store_true")
    p.add_argument("--grid", choices=("broad", "rare"), default="rare")
    p = sub.add_parser("size")
    p.add_argument("--model", default="/tmp/swapstudy-model.pkl")
    p.add_argument("--orig", type=float, default=-6.0)
    p.add_argument("--maxspun", type=float, default=0.0, help="spun stems with honest log10 P at most this")
    a = ap.parse_args()
    os.chdir(ROOT)
    {"fire": cmd_fire, "rates": cmd_rates, "combine": cmd_combine, "size": cmd_size}[a.cmd](a)


if __name__ == "__main__":
    main()
