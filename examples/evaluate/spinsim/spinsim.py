#!/usr/bin/env python3
"""spinsim: a crude article-spinner simulator that writes labelled spun text.

It imitates Spinbot/WordAI-style tools: content words are swapped for a
thesaurus entry chosen sense-blind (random sense, random synonym, part of
speech ignored), fillers are inserted ("and" -> "and also", "has been" ->
"has actually been", ...), and hyphenated compounds are sometimes torn
("war-torn" -> "battle- split").  Output is the labelled TSV described in
examples/evaluate/spinsim/README.md.

Substitution sources:
  roget    Roget's Thesaurus (1911, public domain) as shipped by the PyPI
           package PyRoget (pip install pyroget).  Independent of the
           detector's WordNet/Moby/mythes dictionary.
  wordnet  Princeton WordNet 3.0 data files from Debian's wordnet-base
           (/usr/share/wordnet), parsed here directly.

Only the Python standard library is used (plus PyRoget's data files).
"""

import argparse
import hashlib
import os
import pickle
import random
import re
import sys

RATE_PRESETS = {"low": 0.15, "medium": 0.35, "high": 0.60}
# probability that a filler site gets its filler, per preset
FILLER_PRESETS = {"low": 0.10, "medium": 0.25, "high": 0.40}

STOP_WORDS = set("""
a about above across after afterwards again against all almost alone along
already also although always am among amongst an and another any anyhow
anyone anything anyway anywhere are around as at back be became because
become becomes becoming been before beforehand behind being below beside
besides between beyond both but by can cannot could did do does doing done
down during each either else elsewhere enough etc even ever every everyone
everything everywhere except few for former formerly from further had has
have having he hence her here hereafter hereby herein hers herself him
himself his how however i ie if in indeed into is it its itself just last
latter least less many may me meanwhile might mine more moreover most
mostly much must my myself namely neither never nevertheless next no nobody
none noone nor not nothing now nowhere of off often on once one only onto
or other others otherwise our ours ourselves out over own per perhaps
please put rather same several she should since so some somehow someone
something sometime sometimes somewhere still such than that the their
theirs them themselves then thence there thereafter thereby therefore
therein thereupon these they this those though through throughout thru
thus to together too toward towards under until up upon us very via was we
well were what whatever when whence whenever where whereafter whereas
whereby wherein whereupon wherever whether which while whither who whoever
whole whom whose why will with within without would yet you your yours
yourself yourselves mr mrs ms dr st get got gets let lets say says said
also shall two three four five six seven eight nine ten first second third
new old
""".split())
# Spinners do replace "said", "new", "first" ... but we keep the most
# frequent function-like words fixed; "said"/"says" are re-enabled below.
STOP_WORDS -= {"said", "says", "say"}

ABBREVIATIONS = set("""
mr mrs ms dr st prof sr jr lt gen col capt sgt maj gov sen rep rev hon
mt ft vs etc brig bvt adm cmdr supt insp cpl pte pvt e.g i.e cf al approx no nos vol fig jan feb mar apr jun jul
aug sep sept oct nov dec inc ltd co corp dept est u.s u.k u.n a.m p.m
""".split())

WORD_RE = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*(?:-[A-Za-z]+)*")
TOKEN_RE = re.compile(
    r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*(?:-[A-Za-z]+)*"  # words, hyphenated
    r"|\d[\d,.:/]*"                                     # numbers
    r"|\s+"                                             # whitespace
    r"|.", re.S)                                        # anything else
PLAIN_ENTRY_RE = re.compile(r"^[a-z]+(?:[ -][a-z]+){0,2}$")
VOWELS = set("aeiou")
PARTICLES = set("up down out off in on away over back to with for of into "
                "upon about through by along aside around".split())


# ---------------------------------------------------------------------------
# sentence splitting
# ---------------------------------------------------------------------------

BOUNDARY_RE = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(\s+)(?=[\"'\u201c\u2018(\[]*[A-Z])")


def split_sentences(text):
    """Split after . ! ? followed by whitespace + capital, except after
    common abbreviations (Mr. Dr. U.S. e.g. ...) and single initials."""
    out = []
    start = 0
    for m in BOUNDARY_RE.finditer(text):
        end_punct = m.start(1)
        before = text[start:m.start()]
        # the "word" immediately before the terminal punctuation
        wm = re.search(r"([A-Za-z.]+)$", before)
        if text[m.start()] == "." and wm:
            w = wm.group(1).lower().rstrip(".")
            if w in ABBREVIATIONS or (len(w) == 1 and wm.group(1)[0].isupper()):
                continue
            # dotted acronyms like U.S or A.B.C
            if re.fullmatch(r"(?:[a-z]\.)+[a-z]", w):
                continue
        sent = text[start:end_punct].strip()
        if sent:
            out.append(sent)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


# ---------------------------------------------------------------------------
# crude morphology (no dictionary: shared by both sources)
# ---------------------------------------------------------------------------

def base_candidates(word):
    """Yield (base, suffix) guesses for an inflected lowercase word."""
    yield word, ""
    n = len(word)
    if n > 4 and word.endswith("ies"):
        yield word[:-3] + "y", "s"
    if n > 3 and word.endswith("es") and word[-3] in "sxzh":
        yield word[:-2], "s"
    if n > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        yield word[:-1], "s"
    if n > 4 and word.endswith("ied"):
        yield word[:-3] + "y", "ed"
    if n > 4 and word.endswith("ed"):
        yield word[:-2], "ed"
        yield word[:-1], "ed"          # moved -> move
        if word[-3] == word[-4]:
            yield word[:-3], "ed"      # stopped -> stop
    if n > 5 and word.endswith("ing"):
        yield word[:-3], "ing"
        yield word[:-3] + "e", "ing"   # making -> make
        if word[-4] == word[-5]:
            yield word[:-4], "ing"     # running -> run


def inflect_word(w, suffix):
    if not suffix:
        return w
    if suffix == "s":
        if w.endswith(("s", "x", "z", "ch", "sh")):
            return w + "es"
        if len(w) > 1 and w.endswith("y") and w[-2] not in VOWELS:
            return w[:-1] + "ies"
        return w + "s"
    if suffix == "ed":
        if w.endswith("e"):
            return w + "d"
        if len(w) > 1 and w.endswith("y") and w[-2] not in VOWELS:
            return w[:-1] + "ied"
        return w + "ed"
    if suffix == "ing":
        if w.endswith("e") and not w.endswith(("ee", "ye", "oe")) and len(w) > 2:
            return w[:-1] + "ing"
        return w + "ing"
    return w


def inflect_phrase(p, suffix):
    """Crude agreement: verbs-ish suffixes on the first word, plural on the
    last word ("get rid of" -> "getting rid of", "armed force" -> "armed forces")."""
    if not suffix:
        return p
    parts = p.split(" ")
    x = -1 if suffix == "s" else 0
    w = parts[x]
    if suffix != "s" and len(parts) > 1 and parts[1] not in PARTICLES:
        return p      # "good behavior" must not become "gooded behavior"
    # leave alone words that already look inflected or are function words
    if w in STOP_WORDS or w.endswith(("ing", "ed", "ly")) or \
            (suffix == "s" and w.endswith("s")):
        return p
    parts[x] = inflect_word(w, suffix)
    return " ".join(parts)


def match_case(repl, orig):
    if orig[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl


def same_stem(a, b):
    k = min(5, len(a), len(b))
    return a[:k] == b[:k]


# ---------------------------------------------------------------------------
# thesaurus sources
# ---------------------------------------------------------------------------

class Source:
    """word/phrase (lowercase) -> list of senses, each a sorted list of
    candidate replacements.  Sense-blind choice: random sense, then random
    candidate."""

    name = "?"

    def __init__(self):
        self.senses = {}

    def has(self, key):
        return key in self.senses

    single_word_prob = 0.75

    def pick(self, key, cands, rng):
        """Random candidate; a one-word original gets a one-word candidate
        most of the time (spinners mostly swap word for word)."""
        if " " not in key and rng.random() < self.single_word_prob:
            one = [c for c in cands if " " not in c]
            if one:
                cands = one
        return cands[rng.randrange(len(cands))]

    def choose(self, key, rng):
        senses = self.senses.get(key)
        if not senses:
            return None
        sense = senses[rng.randrange(len(senses))]
        return self.pick(key, sense, rng)


class RogetSource(Source):
    """Roget 1911 via PyRoget: every entry belongs to one or more of ~1,000
    flat categories (PyRoget lost the finer paragraph/semicolon groups), so
    a "sense" is a category.  Categories are broad (median ~70 entries), so
    to stay closer to synonym lists we also build a tight pool of entries
    sharing >= 2 categories with the word; the choice is sense-blind either
    way."""

    name = "roget"

    def __init__(self, tight_prob=0.8):
        super().__init__()
        try:
            import PyRoget  # noqa: F401  (only to locate the data files)
        except ImportError:
            sys.exit("spinsim: PyRoget is not installed; run examples/evaluate/spinsim/setup.sh")
        d = os.path.join(os.path.dirname(PyRoget.__file__), "roget")
        with open(os.path.join(d, "thes_dict.txt"), "rb") as f:
            word_cats = pickle.load(f, encoding="utf-8")
        with open(os.path.join(d, "thes_cat.txt"), "rb") as f:
            cat_words = pickle.load(f, encoding="utf-8")
        self.tight_prob = tight_prob
        # keep only plain lowercase entries (no proper nouns, no "&c", no "!")
        plain = {w: sorted(set(c)) for w, c in word_cats.items()
                 if PLAIN_ENTRY_RE.match(w)}
        cat_members = {}
        for c, ws in cat_words.items():
            cat_members[c] = sorted({w for w in ws if w in plain})
        self.word_cats = plain
        self.cat_members = cat_members
        self.tight = {}
        for w, cats in plain.items():
            senses = []
            for c in cats:
                cands = [x for x in cat_members.get(c, ())
                         if x != w and not same_stem(x, w)]
                if cands:
                    senses.append(cands)
            if senses:
                self.senses[w] = senses

    def _tight(self, w):
        t = self.tight.get(w)
        if t is None:
            cats = self.word_cats[w]
            t = []
            if len(cats) >= 2:
                count = {}
                for c in cats:
                    for x in self.cat_members.get(c, ()):
                        count[x] = count.get(x, 0) + 1
                t = sorted(x for x, k in count.items()
                           if k >= 2 and x != w and not same_stem(x, w))
            self.tight[w] = t
        return t

    def choose(self, key, rng):
        if key not in self.senses:
            return None
        if rng.random() < self.tight_prob:
            t = self._tight(key)
            if t:
                return self.pick(key, t, rng)
        return super().choose(key, rng)


class WordNetSource(Source):
    """Princeton WordNet 3.0 (Debian wordnet-base).  A sense is a synset of
    any part of speech; candidates are its other lemmas."""

    name = "wordnet"

    def __init__(self, wndir="/usr/share/wordnet"):
        super().__init__()
        if not os.path.exists(os.path.join(wndir, "data.noun")):
            sys.exit("spinsim: WordNet data not found in %s; run examples/evaluate/spinsim/setup.sh" % wndir)
        for pos in ("noun", "verb", "adj", "adv"):
            with open(os.path.join(wndir, "data." + pos), encoding="utf-8",
                      errors="replace") as f:
                for line in f:
                    if line.startswith("  "):
                        continue  # licence header
                    fields = line.split(" ")
                    n = int(fields[3], 16)
                    lemmas = []
                    for i in range(n):
                        lem = fields[4 + 2 * i]
                        lem = re.sub(r"\([a-z]+\)$", "", lem)  # adj markers (a) (p) (ip)
                        lem = lem.replace("_", " ")
                        if PLAIN_ENTRY_RE.match(lem) and lem not in lemmas:
                            lemmas.append(lem)
                    if len(lemmas) < 2:
                        continue
                    for lem in lemmas:
                        cands = sorted(x for x in lemmas
                                       if x != lem and not same_stem(x, lem))
                        if cands:
                            self.senses.setdefault(lem, []).append(cands)


# ---------------------------------------------------------------------------
# the spinner
# ---------------------------------------------------------------------------

def tokenize(s):
    return TOKEN_RE.findall(s)


def is_word(t):
    return bool(WORD_RE.fullmatch(t))


class Spinner:
    def __init__(self, source, rate, filler_rate, inflect_prob=0.7):
        self.src = source
        self.rate = rate
        self.filler_rate = filler_rate
        self.inflect_prob = inflect_prob

    # -- lookup ------------------------------------------------------------
    def lookup(self, text):
        """(key, suffix) for a lowercase word or phrase, or None."""
        if self.src.has(text):
            return text, ""
        if " " in text:
            head, _, rest = text.rpartition(" ")
            for base, suf in base_candidates(rest):
                if suf and self.src.has(head + " " + base):
                    return head + " " + base, suf
            first, _, tail = text.partition(" ")
            for base, suf in base_candidates(first):
                if suf in ("ed", "ing") and self.src.has(base + " " + tail):
                    return base + " " + tail, suf
            return None
        for base, suf in base_candidates(text):
            if suf and len(base) >= 3 and self.src.has(base):
                return base, suf
        return None

    def replacement(self, orig, rng):
        """Sense-blind replacement for an original word/phrase, or None."""
        low = orig.lower()
        hit = self.lookup(low)
        if not hit:
            return None
        key, suf = hit
        cand = self.src.choose(key, rng)
        if cand is None:
            return None
        if suf and rng.random() < self.inflect_prob:
            cand = inflect_phrase(cand, suf)
        if cand.lower() == low:
            return None
        return match_case(cand, orig)

    # -- eligibility ---------------------------------------------------------
    @staticmethod
    def content_word(tok, sent_initial):
        if not is_word(tok) or "'" in tok or "\u2019" in tok:
            return False
        if len(tok) < 3 or tok.lower() in STOP_WORDS:
            return False
        if tok.isupper() and len(tok) > 1:
            return False          # acronyms
        if tok[0].isupper() and not sent_initial:
            return False          # proper nouns / capitalised mid-sentence
        if any(c.isupper() for c in tok[1:]):
            return False          # McDonald, iPhone
        return True

    # -- one sentence ----------------------------------------------------------
    def spin(self, sentence, rng):
        """Return (spun_sentence, artifacts, n_events)."""
        toks = tokenize(sentence)
        first_word = next((i for i, t in enumerate(toks) if is_word(t)), -1)
        out = []       # list of (text, original or None[, "filler"])
        events = 0
        self.eligible = 0
        self.substituted = 0
        i = 0
        n = len(toks)

        def nxt(j, k=1):
            """index of the k-th word token after j if separated by single spaces"""
            for _ in range(k):
                if j + 2 < n and toks[j + 1] == " " and is_word(toks[j + 2]):
                    j += 2
                else:
                    return -1
            return j

        while i < n:
            t = toks[i]
            low = t.lower()
            if not is_word(t):
                out.append((t, None))
                i += 1
                continue
            # ---- fillers ----------------------------------------------------
            if self.filler_rate > 0:
                j = nxt(i)
                nword = toks[j].lower() if j > 0 else ""
                if low in ("has", "have", "had") and nword == "been" \
                        and rng.random() < self.filler_rate:
                    out.append((t + " actually been", t + " been", "filler"))
                    events += 1
                    i = j + 1
                    continue
                if low in ("has", "have", "had") and j > 0 \
                        and re.fullmatch(r"[a-z]+(ed|en)", toks[j]) \
                        and rng.random() < self.filler_rate:
                    out.append((t + " actually", t, "filler"))
                    events += 1
                    i += 1
                    continue
                if low == "and" and nword != "also" and rng.random() < self.filler_rate:
                    out.append((t + " also", t, "filler"))
                    events += 1
                    i += 1
                    continue
                if low == "will" and j > 0 and toks[j].islower() \
                        and nword not in ("be", "not", "also") \
                        and rng.random() < self.filler_rate:
                    out.append((t + " certainly", t, "filler"))
                    events += 1
                    i += 1
                    continue
                if low == "since" and j > 0 and rng.random() < self.filler_rate:
                    out.append((match_case("considering that", t), t, "filler"))
                    events += 1
                    i += 1
                    continue
                if low == "other" and (i < 2 or toks[i - 2].lower() not in ("each", "the", "one", "no")) \
                        and j > 0 and rng.random() < self.filler_rate:
                    out.append((match_case("various other", t), t, "filler"))
                    events += 1
                    i += 1
                    continue
            sent_initial = (i == first_word)
            # ---- multi-word phrases (3, then 2 words) -------------------------
            done = False
            for k in (2, 1):
                j = nxt(i, k)
                if j < 0:
                    continue
                words = [toks[x] for x in range(i, j + 1, 2)]
                if not all(self.content_word(w, sent_initial and x == 0) or
                           (0 < x < len(words) - 1 and w.islower())
                           for x, w in enumerate(words)):
                    continue
                if any("-" in w for w in words):
                    continue
                phrase = " ".join(words)
                if self.lookup(phrase.lower()) is None:
                    continue
                done = True
                self.eligible += 1
                if rng.random() < self.rate:
                    r = self.replacement(phrase, rng)
                    if r:
                        out.append((r, phrase))
                        events += 1
                        self.substituted += 1
                    else:
                        out.append((phrase, None))
                else:
                    out.append((phrase, None))
                i = j + 1
                break
            if done:
                continue
            # ---- hyphenated compounds: tear the hyphen ------------------------
            if "-" in t:
                parts = t.split("-")
                if len(parts) == 2 and all(len(p) >= 3 for p in parts) \
                        and self.content_word(parts[0], sent_initial) \
                        and (parts[1].islower()) \
                        and (self.lookup(parts[0].lower()) or self.lookup(parts[1].lower())) \
                        and rng.random() < self.rate:
                    new = []
                    for x, p in enumerate(parts):
                        r = None
                        if p.lower() not in STOP_WORDS and rng.random() < 0.7:
                            r = self.replacement(p, rng)
                        new.append(r or p)
                    if new == parts:  # make sure at least one part changes
                        for x in rng.sample(range(2), 2):
                            r = self.replacement(parts[x], rng)
                            if r:
                                new[x] = r
                                break
                    if new != parts:
                        out.append(("- ".join(new), t))
                        events += 1
                        self.eligible += 1
                        self.substituted += 1
                        i += 1
                        continue
                out.append((t, None))
                i += 1
                continue
            # ---- single content word -----------------------------------------
            if self.content_word(t, sent_initial) and self.lookup(low):
                self.eligible += 1
                if rng.random() < self.rate:
                    r = self.replacement(t, rng)
                    if r:
                        out.append((r, t))
                        events += 1
                        self.substituted += 1
                        i += 1
                        continue
            out.append((t, None))
            i += 1

        spun = "".join(o[0] for o in out)
        # artifacts: merge replacements separated only by single spaces, like
        # "resistance boxers=opposition fighters"; dedupe within the sentence
        arts = []
        k = 0
        while k < len(out):
            if out[k][1] is None:
                k += 1
                continue
            sp, og = [out[k][0]], [out[k][1]]
            filler = len(out[k]) > 2
            k += 1
            while not filler and k + 1 < len(out) and out[k] == (" ", None) \
                    and out[k + 1][1] is not None and len(out[k + 1]) == 2:
                sp.append(out[k + 1][0])
                og.append(out[k + 1][1])
                k += 2
            pair = " ".join(sp) + "=" + " ".join(og)
            if pair not in arts:
                arts.append(pair)
        return spun, arts, events


# ---------------------------------------------------------------------------
# input documents
# ---------------------------------------------------------------------------

def read_documents(path):
    """Yield (doc_id, text).  A file with blank lines is read as articles
    separated by blank lines (paragraph per line); otherwise one article
    per line.  doc_id = <file stem>:<n>, n = 1-based line number for
    one-article-per-line files, 1-based article index otherwise."""
    stem = os.path.splitext(os.path.basename(path))[0]
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    blank_sep = any(not l.strip() for l in lines)
    if not blank_sep:
        for n, l in enumerate(lines, 1):
            yield "%s:%d" % (stem, n), [l]
        return
    doc, n = [], 0
    for l in lines + [""]:
        if l.strip():
            doc.append(l)
        elif doc:
            n += 1
            yield "%s:%d" % (stem, n), doc
            doc = []


def doc_rng(seed, doc_id):
    h = hashlib.sha256(("%s\0%s" % (seed, doc_id)).encode()).digest()
    return random.Random(int.from_bytes(h[:8], "big"))


def clean_field(s):
    return re.sub(r"[\t\r\n]+", " ", s)


def parse_rate(s):
    if s in RATE_PRESETS:
        return RATE_PRESETS[s], FILLER_PRESETS[s]
    try:
        r = float(s)
    except ValueError:
        raise argparse.ArgumentTypeError("rate must be low, medium, high or a float in [0,1]")
    if not 0.0 <= r <= 1.0:
        raise argparse.ArgumentTypeError("rate must be in [0,1]")
    return r, min(0.5, r * 0.7)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+", help="text files (one article per line, "
                    "or paragraphs with blank lines between articles)")
    ap.add_argument("--source", choices=("roget", "wordnet"), default="roget")
    ap.add_argument("--rate", type=parse_rate, default="medium",
                    help="low (0.15), medium (0.35), high (0.60) or a float: "
                         "share of eligible content words replaced")
    ap.add_argument("--filler-rate", type=float, default=None,
                    help="probability of inserting a filler at each filler site "
                         "(default: 0.10/0.25/0.40 for low/medium/high, 0.7*rate for a float)")
    ap.add_argument("--inflect-prob", type=float, default=0.7,
                    help="probability of re-applying -s/-ed/-ing to a replacement (default 0.7)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--clean", action="store_true",
                    help="no spinning: all sentences labelled 0 (false-positive set)")
    ap.add_argument("--max-docs", type=int, default=0,
                    help="stop after this many documents per input file (0 = all)")
    ap.add_argument("-o", "--output", default="-", help="output path (default stdout)")
    ap.add_argument("--wordnet-dir", default="/usr/share/wordnet")
    ap.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    args = ap.parse_args(argv)

    rate, filler = args.rate
    if args.filler_rate is not None:
        filler = args.filler_rate
    spinner = None
    if not args.clean:
        src = RogetSource() if args.source == "roget" else WordNetSource(args.wordnet_dir)
        spinner = Spinner(src, rate, filler, args.inflect_prob)

    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    n_sent = n_spun = n_events = n_docs = n_elig = n_subst = 0
    out.write("spun\tsentence\tartifacts (spun=likely original)\n")
    for path in args.inputs:
        for d, (doc_id, paras) in enumerate(read_documents(path)):
            if args.max_docs and d >= args.max_docs:
                break
            rng = doc_rng(args.seed, doc_id)
            n_docs += 1
            out.write("#doc %s\n" % doc_id)
            for para in paras:
                for s in split_sentences(clean_field(para)):
                    if not re.search(r"[A-Za-z]", s):
                        continue      # stray "." lines in the corpus
                    n_sent += 1
                    if spinner is None:
                        out.write("0\t%s\t\n" % s)
                        continue
                    spun, arts, ev = spinner.spin(s, rng)
                    label = 1 if ev else 0
                    n_spun += label
                    n_events += ev
                    n_elig += spinner.eligible
                    n_subst += spinner.substituted
                    out.write("%d\t%s\t%s\n" % (label, clean_field(spun),
                                                clean_field("; ".join(arts))))
    if out is not sys.stdout:
        out.close()
    if not args.quiet:
        mode = "clean" if args.clean else "%s rate=%.2f filler=%.2f" % (args.source, rate, filler)
        print("spinsim: %s seed=%d docs=%d sentences=%d spun=%d (%.1f%%) "
              "edits/spun-sentence=%.2f substitutions/spun-sentence=%.2f "
              "eligible-replaced=%.1f%% fillers=%d" % (
                  mode, args.seed, n_docs, n_sent, n_spun,
                  100.0 * n_spun / max(1, n_sent), n_events / max(1, n_spun),
                  n_subst / max(1, n_spun), 100.0 * n_subst / max(1, n_elig),
                  n_events - n_subst),
              file=sys.stderr)


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:      # e.g. piped into head
        sys.stderr.close()
        sys.exit(0)
