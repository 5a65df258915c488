"""The word-for-word class: naive dictionary spinners replace function words by a sense-blind
WordNet synset mate of the same spelling ("helium said" for he said, "beryllium able" for be able,
"arsenic well" for as well, "indium the" for in the, "information technology is" for it is).

Used by `python3 tools/generate/dialect.py generate`, which writes data/generated/function-words.tsv.
For each function word below, the replacements are the mates of its WordNet *noun* synsets (the
senses where the spelling is a symbol or an abbreviation: helium, beryllium, arsenic, indium, inch,
Oregon, Maine, americium, information technology), and the contexts are the word's most probable
CMU LM bigrams on either side. An artifact attested as an honest n-gram is dropped (same honest-text
model as generate.py); the weight is the generator's log-likelihood-ratio formula, capped.
"""
import math
import sys

import generate as G

# Closed-class words that WordNet also lists as nouns (symbols, abbreviations).
# Not "us" (its mates "united states (of america)" are honest after "the"), "who" ("world health
# organization") nor "it" ("information technology is/was/and" are honest: Wikipedia has them).
FUNCTION_WORDS = "a am an as at be can do he i in may me no or so up will".split()
# Right contexts "f X" are dropped where X may honestly follow a noun ("arsenic to", "helium is").
RIGHT_BAD = set("""to of and or in on at for with from by as is was are were has had have be been that which
into than but nor""".split())
# Left contexts "X f" are kept only after these words, which cannot precede a noun: a preposition or a
# conjunction can ("to iodine", "and arsenic", "in angstroms" are honest), a modal or a pronoun cannot
# ("could beryllium", "you tin", "i americium").
LEFT_OK = set("could would will can should must may might shall cannot not i you we they he she it".split())
CONTEXTS = 60  # most probable bigrams per side
CAP = 3.0  # a function word swapped for an element or a state is never honest, but context is one word
MIN_WEIGHT = 0.8
MAX_MATE_LOGP = -3.9  # a replacement must not be a common word ("single", "behind", "bottom", "states")


def replacements(gen, f):
    """Noun synset mates of `f` (not containing `f` as a word, 3+ letters, rare in honest text)."""
    wn = gen.wn
    out = []
    for key in wn.lemma_synsets.get(f, ()):
        members = wn.synsets[key][0]
        # numeral senses ("i" = one, single, ace, unity) are honest words: skip the synset
        if key[0] != "n" or any(m.isdigit() for m in members):
            continue
        for mate in members:
            ws = G.WORD_RE.findall(mate)
            if mate == f or f in ws or len(mate.replace(" ", "")) < 3 or "." in mate or ws[0] in G.STOP:
                continue
            k = G.key_of(mate)
            logp = gen.us(k[0]) if len(k) == 1 else gen.honest_logp(k)[0]
            if logp > MAX_MATE_LOGP:
                continue
            if mate not in out:
                out.append(mate)
    return out


def function_word_entries(gen, ga):
    reps = {f: replacements(gen, f) for f in FUNCTION_WORDS}
    reps = {f: r for f, r in reps.items() if r}
    for f in sorted(reps):
        print("function word %r -> %s" % (f, ", ".join(reps[f])), file=sys.stderr)
    ctx = {f: ([], []) for f in reps}  # f -> (bigrams f x, bigrams x f) as (joint, words)
    for w1, w2, p in gen.lm.bigrams():
        if not (w1.isalpha() and w2.isalpha()) or w1 == w2:
            continue
        j = gen.uni.get(w1, -99.0) + p
        if w1 in ctx:
            ctx[w1][0].append((j, [w1, w2]))
        if w2 in ctx:
            ctx[w2][1].append((j, [w1, w2]))
    out = {}
    for f in sorted(reps):
        choice = math.log10(1.0 / len(reps[f]))
        for side, lst in enumerate(ctx[f]):
            if side == 1:
                lst = [x for x in lst if x[1][0] in LEFT_OK]
            else:
                lst = [x for x in lst if x[1][1] not in RIGHT_BAD]
            lst.sort(key=lambda x: (-x[0], x[1]))
            for joint, words in lst[:CONTEXTS]:
                for r in reps[f]:
                    new = list(words)
                    new[side] = r
                    art = " ".join(new)
                    k = G.key_of(art)
                    if k in gen.honest_phrase or k == G.key_of(" ".join(words)):
                        continue
                    pa, stored = gen.honest_logp(k)
                    if stored and pa >= ga.stored_drop:
                        continue
                    w = round(min(CAP, ga.alpha * (joint + choice - pa) - ga.beta), 2)
                    if w >= MIN_WEIGHT and (k not in out or out[k][2] < w):
                        out[k] = (art, " ".join(words), w, "wordnet-function-word")
    return list(out.values())
