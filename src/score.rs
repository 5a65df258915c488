//! Turning evidence into scores.
//!
//! Every match carries a weight in log-odds. A sentence's log-odds is
//! `sentence_bias + min(Σ weights, evidence_cap) + context`, its score the logistic sigmoid
//! of that, where `context` ([`Calibration::context`]) is the pooled evidence of the passage
//! around a sentence that has evidence of its own.
//!
//! The document ([`DocumentPool`]) pools sentences as a sequential likelihood-ratio test: each
//! sentence adds its pooled evidence ([`Calibration::pooled`]) minus its cost, the evidence an
//! honest sentence is expected to show by chance: `document_cost` for a sentence of at least
//! `prose_words` words, less for a shorter one in proportion, nothing for a sentence without
//! words (punctuation, blank lines or invisible characters are not prose, so padding with them
//! changes nothing). A sentence strong enough to be flagged alone counts in full when it holds
//! two matches or more, when another sentence of the document is flagged alone too, or when
//! `lone_strong_supporters` other sentences carry evidence of at least `lone_strong_support`;
//! else it counts for nothing (neither evidence nor corroboration): one strong entry alone
//! flags its sentence, never the document (a one-sentence text included) nor its neighbours. Weaker evidence counts at
//! most `pool_cap`, and only once at least `corroboration` sentences of the document show
//! evidence: what decides is how many sentences show it, not how loud one weak hit is, and a
//! one- or two-sentence text is never flagged on weak hits alone. A long honest article with
//! one weak hit therefore drifts *down*, while spun text, which leaves evidence in most
//! sentences, climbs fast. And a document with `spun_sentences` sentences flagged on their own
//! scores at least as if those sentences were all it had: honest text around them cannot
//! dilute them. See README "Scores".

/// What the scoring model knows about one sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[non_exhaustive]
pub struct SentenceEvidence {
    /// Sum of the weights of the sentence's matches (log-odds).
    pub weight: f64,
    /// Number of matches (pieces of evidence: leaked spintax, which cannot be honest, counts
    /// as two).
    pub matches: usize,
    /// Number of words.
    pub words: usize,
}

impl SentenceEvidence {
    /// A sentence with this much evidence from this many matches, and this many words.
    pub fn new(weight: f64, matches: usize, words: usize) -> Self {
        SentenceEvidence { weight, matches, words }
    }
}

impl From<f64> for SentenceEvidence {
    /// A sentence of prose with this evidence from one match (none if it is zero).
    fn from(weight: f64) -> Self {
        SentenceEvidence { weight, matches: usize::from(weight != 0.0), words: usize::MAX }
    }
}

/// Constants of the scoring model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    /// Log-odds of a sentence with no evidence.
    pub sentence_bias: f64,
    /// Log-odds of a document before any sentence is seen.
    pub document_bias: f64,
    /// Evidence an honest sentence shows by chance: subtracted per neighbouring sentence when
    /// pooling a passage for [`Calibration::context`].
    pub sentence_cost: f64,
    /// The same, per sentence when pooling a document. Higher than `sentence_cost`: a document
    /// verdict must hold for texts of every length, a passage only lifts sentences that have
    /// evidence of their own.
    pub document_cost: f64,
    /// How many sentences of a document must show evidence before weak evidence (below
    /// `-sentence_bias`) counts toward the document. Sentences flagged on their own always count.
    pub corroboration: usize,
    /// Most evidence one sentence can contribute, so one garbled sentence cannot decide a
    /// whole document.
    pub evidence_cap: f64,
    /// Most evidence a sentence that is not flagged on its own (evidence below
    /// `-sentence_bias`) contributes when pooled into its passage or document. Weak hits
    /// (single-word synonyms, generated collocations) occur in honest text too; pooling counts
    /// how many sentences have them rather than how loud one of them is.
    pub pool_cap: f64,
    /// Weight of one torn hyphen ("battle- split").
    pub torn_hyphen: f64,
    /// Weight of leaked spintax (`{a|b|c}`).
    pub spintax: f64,
    /// How many sentences on each side form a sentence's passage.
    pub context_window: usize,
    /// Log-odds a sentence with evidence of its own gains per unit of its passage's pooled
    /// evidence (the other sentences' [`pooled`](Calibration::pooled) evidence minus
    /// `sentence_cost` each). Spinners rewrite whole passages, so a weak hit inside a spun
    /// passage is likely spun too. Zero turns context off.
    pub context_weight: f64,
    /// Most log-odds the passage can add to one sentence.
    pub context_cap: f64,
    /// Least evidence of its own a sentence needs for the passage to lift it: weak single-word
    /// synonyms (weights 0.1 to 0.3) occur in honest text too, and are never lifted.
    pub context_min_own: f64,
    /// How many *other* sentences of the passage must have evidence of their own before it
    /// lifts a sentence: one honest hit nearby is not a spun passage.
    pub context_corroboration: usize,
    /// Words from which a sentence costs the whole `document_cost`; shorter sentences cost in
    /// proportion, sentences without words nothing.
    pub prose_words: usize,
    /// How many sentences flagged on their own make a document spun however much honest text
    /// surrounds them (see [`DocumentPool::log_odds`]).
    pub spun_sentences: usize,
    /// Whether a sentence flagged alone by a single match counts for nothing until a second
    /// sentence is flagged alone or the document supports it ([`Calibration::is_lone_strong`],
    /// `lone_strong_support`). On by default: one honest strong phrase flags its sentence, not
    /// its document (a one-sentence text with one strong entry is not spun). Off gives the
    /// model before issue 12, where one strong entry made any short text spun.
    pub discount_lone_strong: bool,
    /// Least evidence another sentence (not flagged on its own) needs to support a lone strong
    /// entry: with `lone_strong_supporters` such sentences in the document (or passage), or a
    /// second sentence flagged alone, the lone entry counts in full. Weak hits (single-word
    /// synonyms at 0.1-0.5, fillers) never support it.
    pub lone_strong_support: f64,
    /// How many such sentences make a lone strong entry count.
    pub lone_strong_supporters: usize,
    /// How many distinct substitutions of one dialect's table a document must hold for the
    /// dialect to be corroborated (see [`Dialect`](crate::Dialect)): a spinner applies its
    /// table to the whole article, honest text repeats the odd synonym.
    pub dialect_substitutions: usize,
    /// ... at least one per this many words of the document.
    pub dialect_words: usize,
    /// Log-odds a corroborated dialect adds to the document (zero turns it off).
    pub dialect_lift: f64,
}

impl Calibration {
    /// The default model. How these numbers were chosen is in README "Scores".
    pub const DEFAULT: Calibration = Calibration {
        sentence_bias: -3.0,
        document_bias: -0.75,
        sentence_cost: 0.1,
        document_cost: 0.125,
        corroboration: 3,
        evidence_cap: 8.0,
        pool_cap: 0.75,
        torn_hyphen: 1.5,
        spintax: 4.0,
        context_window: 20,
        context_weight: 3.0,
        context_cap: 3.0,
        context_min_own: 0.5,
        context_corroboration: 2,
        prose_words: 8,
        spun_sentences: 3,
        discount_lone_strong: true,
        lone_strong_support: 1.5,
        lone_strong_supporters: 2,
        dialect_substitutions: 4,
        dialect_words: 200,
        dialect_lift: 3.0,
    };

    /// Log-odds a document gains from its corroborated dialect, if any.
    #[inline]
    pub(crate) fn dialect_lift_of(&self, dialect: Option<crate::DialectEvidence>) -> f64 {
        if dialect.is_some() { self.dialect_lift } else { 0.0 }
    }

    /// Log-odds of a sentence with this much evidence.
    #[inline]
    pub fn sentence_log_odds(&self, evidence: f64) -> f64 {
        self.sentence_bias + evidence.min(self.evidence_cap)
    }

    /// Whether this much evidence flags a sentence on its own, without context, at the default
    /// threshold (sentence log-odds ≥ 0).
    #[inline]
    pub fn is_strong(&self, evidence: f64) -> bool {
        evidence >= -self.sentence_bias
    }

    /// How much of a sentence's evidence counts when pooled into its passage or document:
    /// all of it up to `evidence_cap` if it flags the sentence on its own, else at most
    /// `pool_cap`.
    ///
    /// ```
    /// use spinscan::Calibration;
    /// let c = Calibration::DEFAULT;
    /// assert_eq!(c.pooled(0.0), 0.0);
    /// assert_eq!(c.pooled(2.0), c.pool_cap); // weak: capped
    /// assert_eq!(c.pooled(5.0), 5.0); // flags alone: in full
    /// ```
    #[inline]
    pub fn pooled(&self, evidence: f64) -> f64 {
        let cap = if self.is_strong(evidence) { self.evidence_cap } else { self.pool_cap };
        evidence.min(cap)
    }

    /// Whether a sentence is flagged on its own by a single match: a *lone* strong entry, which
    /// counts only when another sentence is flagged on its own too (one honest strong phrase is
    /// not a spun passage).
    #[inline]
    pub fn is_lone_strong(&self, s: SentenceEvidence) -> bool {
        self.discount_lone_strong && s.matches < 2 && self.is_strong(s.weight)
    }

    /// Whether a sentence not flagged on its own has enough evidence to support a lone strong
    /// entry elsewhere (at least `lone_strong_support`).
    #[inline]
    pub fn supports(&self, evidence: f64) -> bool {
        evidence >= self.lone_strong_support && !self.is_strong(evidence)
    }

    /// How much a sentence counts when pooled with others among which `strong` sentences
    /// (counting this one) are flagged on their own: [`Calibration::pooled`], or nothing for a
    /// lone strong entry without another strong sentence.
    #[inline]
    pub fn pooled_with(&self, s: SentenceEvidence, strong: usize) -> f64 {
        if strong < 2 && self.is_lone_strong(s) { 0.0 } else { self.pooled(s.weight) }
    }

    /// What a sentence costs the document: `document_cost` times the share of `prose_words`
    /// it has (at most all of it).
    #[inline]
    pub fn sentence_document_cost(&self, words: usize) -> f64 {
        if words >= self.prose_words {
            self.document_cost
        } else {
            self.document_cost * words as f64 / self.prose_words.max(1) as f64
        }
    }

    /// Log-odds that the passage around sentence `i` adds to it, given the evidence of every
    /// sentence in `evidence` (at least the `context_window` sentences on each side of `i`):
    /// `context_weight` times the passage's pooled evidence
    /// ([`pooled_with`](Calibration::pooled_with) of each other sentence minus `sentence_cost`
    /// each), clamped to `[0, context_cap]`. Only a sentence with at least `context_min_own`
    /// evidence of its own, in a passage where at least `context_corroboration` other sentences
    /// have evidence that counts, receives any: context lifts weak hits in spun passages, it
    /// never flags a sentence with nothing (or almost nothing) in it, and one honest hit nearby,
    /// however strong, lifts nothing.
    ///
    /// ```
    /// use spinscan::Calibration;
    /// let c = Calibration::DEFAULT;
    /// let spun = [2.0, 1.5, 6.0, 0.8, 2.5].map(Into::into);
    /// assert_eq!(c.context(&spun, 3), c.context_cap);
    /// // One strong honest phrase next door lifts nothing.
    /// let honest = [0.0, 4.5, 0.0, 0.8, 0.0].map(Into::into);
    /// assert_eq!(c.context(&honest, 3), 0.0);
    /// ```
    pub fn context(&self, evidence: &[SentenceEvidence], i: usize) -> f64 {
        let own = evidence.get(i).map_or(0.0, |s| s.weight);
        if self.context_weight <= 0.0 || own <= 0.0 || own < self.context_min_own {
            return 0.0;
        }
        let lo = i.saturating_sub(self.context_window);
        let hi = i.saturating_add(self.context_window).saturating_add(1).min(evidence.len());
        let others = (lo..hi).filter(|&j| j != i);
        let strong = others.clone().filter(|&j| self.is_strong(evidence[j].weight)).count();
        // A lone strong entry counts once the passage supports it, as in the document.
        let support = (lo..hi).filter(|&j| self.supports(evidence[j].weight)).count();
        let strong = if support >= self.lone_strong_supporters { strong.max(2) } else { strong };
        let counts = |j: usize| self.pooled_with(evidence[j], strong) > 0.0;
        if others.clone().filter(|&j| counts(j)).count() < self.context_corroboration {
            return 0.0;
        }
        let pooled: f64 =
            others.map(|j| self.pooled_with(evidence[j], strong) - self.sentence_cost).sum::<f64>()
                + 0.0; // an empty sum is -0.0, which would print as a context of -0.0
        (self.context_weight * pooled).clamp(0.0, self.context_cap)
    }

    /// Log-odds of a document whose sentences have this evidence (see [`DocumentPool`]). Plain
    /// numbers are sentences of prose with one match each (none if zero).
    ///
    /// ```
    /// use spinscan::{Calibration, SentenceEvidence};
    /// let c = Calibration::DEFAULT;
    /// assert!(c.document_log_odds([0.0; 30]) < 0.0);
    /// assert!(c.document_log_odds([2.0]) < 0.0); // one weak hit alone: never
    /// assert!(c.document_log_odds([0.75, 0.0, 0.75, 0.5, 0.0]) > 0.0); // three sentences
    /// assert!(c.document_log_odds([4.0, 0.0, 0.0]) < 0.0); // one strong entry alone: never
    /// assert!(c.document_log_odds([4.0, 1.5, 2.0]) > 0.0); // ... supported by two others
    /// let old = Calibration { discount_lone_strong: false, ..c };
    /// assert!(old.document_log_odds([4.0, 0.0, 0.0]) > 0.0);
    /// assert!(c.document_log_odds([SentenceEvidence::new(8.0, 2, 20), 0.0.into()]) > 0.0);
    /// assert!(c.document_log_odds([4.0, 0.0, 4.0]) > 0.0); // two sentences flagged alone
    /// ```
    pub fn document_log_odds<E: Into<SentenceEvidence>>(
        &self,
        evidence: impl IntoIterator<Item = E>,
    ) -> f64 {
        let mut pool = DocumentPool::new(self);
        evidence.into_iter().for_each(|e| pool.push_sentence(e.into()));
        pool.log_odds()
    }
}

impl Default for Calibration {
    fn default() -> Self {
        Calibration::DEFAULT
    }
}

/// A document's log-odds, pooled one sentence at a time (so streaming needs no buffer).
///
/// Every sentence costs [`Calibration::sentence_document_cost`] (nothing without words). A
/// sentence flagged on its own adds its evidence (up to `evidence_cap`) in full if it has two
/// matches or more, once a second sentence is flagged on its own, or once
/// `lone_strong_supporters` sentences have evidence of at least `lone_strong_support`; a lone
/// sentence flagged by one match counts for nothing until then. Weaker evidence adds at most `pool_cap` per sentence,
/// counted only if at least `corroboration` sentences show evidence; negative evidence (a
/// dictionary may give negative weights) counts in full, as in [`Calibration::context`].
#[derive(Debug, Clone, Copy)]
pub struct DocumentPool {
    calibration: Calibration,
    /// Bias, costs, negative evidence and the sentences flagged alone by two matches or more.
    base: f64,
    /// Weak evidence, capped per sentence.
    weak: f64,
    with_evidence: usize,
    /// Sentences flagged on their own by a single match: how many, and their evidence.
    lone: usize,
    lone_full: f64,
    /// Sentences not flagged on their own whose evidence reaches `lone_strong_support`.
    support: usize,
    /// Sentences flagged on their own, and what they would score without the rest.
    strong: usize,
    strong_alone: f64,
    /// Sentences with words, and sentences without.
    prose: usize,
    skipped: usize,
}

impl DocumentPool {
    /// An empty document: its log-odds is `document_bias`.
    pub fn new(calibration: &Calibration) -> Self {
        DocumentPool {
            calibration: *calibration,
            base: calibration.document_bias,
            weak: 0.0,
            with_evidence: 0,
            lone: 0,
            lone_full: 0.0,
            support: 0,
            strong: 0,
            strong_alone: calibration.document_bias,
            prose: 0,
            skipped: 0,
        }
    }

    /// Adds the next sentence's evidence, as a sentence of prose with one match.
    #[inline]
    pub fn push(&mut self, evidence: f64) {
        self.push_sentence(evidence.into());
    }

    /// Adds the next sentence.
    #[inline]
    pub fn push_sentence(&mut self, s: SentenceEvidence) {
        let c = &self.calibration;
        if s.words == 0 {
            self.skipped += 1;
            return;
        }
        self.prose += 1;
        let cost = c.sentence_document_cost(s.words);
        self.base -= cost;
        let e = s.weight;
        if e > 0.0 {
            if c.is_strong(e) {
                self.strong += 1;
                self.strong_alone += c.pooled(e) - cost;
                if c.is_lone_strong(s) {
                    self.lone += 1;
                    self.lone_full += c.pooled(e);
                } else {
                    self.with_evidence += 1;
                    self.base += c.pooled(e);
                }
            } else {
                self.with_evidence += 1;
                self.support += usize::from(c.supports(e));
                self.weak += c.pooled(e);
            }
        } else if e < 0.0 {
            // Negative weights (phrases that argue against spinning) count in full.
            self.base += e;
            self.strong_alone += e;
        }
    }

    /// The document's log-odds so far. With at least `spun_sentences` sentences flagged on
    /// their own, never less than those sentences would score alone.
    #[inline]
    pub fn log_odds(&self) -> f64 {
        let c = &self.calibration;
        let supported = self.strong >= 2 || self.support >= c.lone_strong_supporters;
        let (lone, with_evidence) = if supported {
            (self.lone_full, self.with_evidence + self.lone)
        } else {
            (0.0, self.with_evidence)
        };
        let weak = if with_evidence >= c.corroboration { self.weak } else { 0.0 };
        let z = self.base + lone + weak;
        if self.strong >= c.spun_sentences.max(1) { z.max(self.strong_alone) } else { z }
    }

    /// Sentences with words so far (analyzed as prose).
    pub fn prose(&self) -> usize {
        self.prose
    }

    /// Sentences without words so far (skipped: they cost nothing).
    pub fn skipped(&self) -> usize {
        self.skipped
    }
}

/// The logistic function, finite for every finite or infinite input.
#[inline]
pub fn sigmoid(z: f64) -> f64 {
    if z.is_nan() {
        return 0.5;
    }
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_is_bounded() {
        for z in [f64::NEG_INFINITY, -1e308, -3.0, 0.0, 3.0, 1e308, f64::INFINITY, f64::NAN] {
            let s = sigmoid(z);
            assert!(s.is_finite() && (0.0..=1.0).contains(&s), "{z} -> {s}");
        }
        assert_eq!(sigmoid(0.0), 0.5);
    }

    const LONE: Calibration = Calibration { discount_lone_strong: true, ..Calibration::DEFAULT };

    fn ev(e: &[f64]) -> Vec<SentenceEvidence> {
        e.iter().map(|&w| w.into()).collect()
    }

    #[test]
    fn context_lifts_only_corroborated_sentences_with_evidence() {
        let c = Calibration { context_window: 2, ..LONE };
        let two = |w| SentenceEvidence::new(w, 2, 20);
        let e = [two(6.0), 0.0.into(), 0.5.into(), two(6.0), 0.4.into(), 0.0.into(), 0.0.into()];
        assert_eq!(c.context(&e, 1), 0.0, "no evidence of its own");
        assert_eq!(c.context(&e, 2), c.context_cap, "strong passage: capped");
        assert_eq!(c.context(&e, 4), 0.0, "too little evidence of its own to be lifted");
        assert_eq!(c.context(&e, 99), 0.0, "out of range");
        let off = Calibration { context_weight: 0.0, ..c };
        assert_eq!(off.context(&e, 2), 0.0);
        // Only one other sentence with evidence in the passage: nothing.
        let lone = [two(8.0), 0.0.into(), 1.0.into(), 0.0.into(), 0.0.into()];
        assert_eq!(c.context(&lone, 2), 0.0);
        // Two others, but the strong one holds a single match: it does not count.
        let one_entry = ev(&[4.5, 0.0, 1.0, 0.0, 0.3]);
        assert_eq!(c.context(&one_entry, 2), 0.0);
        let one_entry = ev(&[4.5, 0.6, 1.0, 0.0, 0.3]);
        let want = c.context_weight * (0.6 + 0.3 - 4.0 * c.sentence_cost);
        assert!((c.context(&one_entry, 2) - want).abs() < 1e-12, "{}", c.context(&one_entry, 2));
        // Two strong entries in the passage count in full.
        let two = ev(&[4.5, 0.0, 1.0, 0.0, 4.5]);
        assert_eq!(c.context(&two, 2), c.context_cap);
        // Pooling: each neighbour costs `sentence_cost`, so a long honest passage with a few
        // weak hits gives nothing.
        let honest = ev(&[0.0, 0.3, 0.0, 0.5, 0.0, 0.0, 0.4, 0.0]);
        assert_eq!(Calibration::DEFAULT.context(&honest, 3), 0.0);
    }

    #[test]
    fn one_weak_hit_does_not_flag_a_long_document() {
        let c = LONE;
        let mut e = vec![0.0; 41];
        e[7] = 2.0;
        let z = c.document_log_odds(e);
        assert!(sigmoid(z) < 0.05, "{}", sigmoid(z));
    }

    #[test]
    fn one_strong_entry_does_not_flag_a_document() {
        let c = LONE;
        for n in [1, 2, 5, 20] {
            let mut e = vec![0.0; n];
            e[0] = 4.5;
            assert!(c.document_log_odds(e.clone()) < 0.0, "{n} sentences");
            // Nor with two weak hits elsewhere, whose document it leaves as it was.
            if n >= 5 {
                e[2] = 0.8;
                e[4] = 0.8;
                let without = c.document_log_odds(e[1..].to_vec());
                let with = c.document_log_odds(e.clone());
                assert!(with < 0.0, "{n} sentences with weak hits");
                assert!((with - (without - c.document_cost)).abs() < 1e-12);
            }
        }
        // Two strong entries in one sentence, or two sentences flagged alone: spun.
        assert!(c.document_log_odds([SentenceEvidence::new(9.0, 2, 20)]) > 0.0);
        assert!(c.document_log_odds([4.5, 0.0, 0.0, 4.5]) > 0.0);
    }

    #[test]
    fn a_lone_strong_entry_counts_once_two_other_sentences_support_it() {
        let c = Calibration::DEFAULT;
        let mut e = vec![0.0; 10];
        e[0] = 4.5;
        e[3] = 1.6;
        assert!(c.document_log_odds(e.clone()) < 0.0, "one supporter is not enough");
        // Weak hits (below lone_strong_support) corroborate each other, not the lone entry.
        let mut weak = vec![0.0; 20];
        weak[..10].copy_from_slice(&e);
        weak[6] = 1.0;
        weak[8] = 0.8;
        assert!(c.document_log_odds(weak.clone()) < 0.0, "weak hits do not support it");
        let old = Calibration { discount_lone_strong: false, ..c };
        assert!(old.document_log_odds(weak) > 0.0);
        e[6] = 2.0;
        let z = c.document_log_odds(e.clone());
        let want = c.document_bias - 10.0 * c.document_cost + 4.5 + 2.0 * c.pool_cap;
        assert!((z - want).abs() < 1e-12, "{z} != {want}");
        // The passage context follows the same rule.
        let cw = Calibration { context_window: 3, ..c };
        let passage = ev(&[4.5, 0.0, 1.6, 0.6, 0.0]);
        assert_eq!(cw.context(&passage, 3), 0.0);
        let passage = ev(&[4.5, 2.0, 1.6, 0.6, 0.0]);
        assert_eq!(cw.context(&passage, 3), cw.context_cap);
    }

    #[test]
    fn sentences_without_words_cost_nothing() {
        let c = LONE;
        let doc = [0.75, 0.0, 0.75, 0.5, 0.0, 0.8];
        let z = c.document_log_odds(doc);
        let mut padded: Vec<SentenceEvidence> = ev(&doc);
        padded.extend(std::iter::repeat_n(SentenceEvidence::new(0.0, 0, 0), 10_000));
        assert_eq!(c.document_log_odds(padded), z);
        // Short fragments cost in proportion to their words.
        let one_word = c.document_log_odds([SentenceEvidence::new(0.0, 0, 1)]);
        assert!((one_word - (c.document_bias - c.document_cost / 8.0)).abs() < 1e-12);
    }

    #[test]
    fn several_sentences_flagged_alone_cannot_be_diluted() {
        let c = LONE;
        let mut e = vec![0.0; 100_000];
        for k in [10, 500, 9_000] {
            e[k] = 3.5;
        }
        let z = c.document_log_odds(e.clone());
        assert!((z - (c.document_bias + 3.0 * (3.5 - c.document_cost))).abs() < 1e-9, "{z}");
        // Two are diluted by enough honest text.
        e[9_000] = 0.0;
        assert!(c.document_log_odds(e) < 0.0);
    }

    #[test]
    fn weak_hits_pool_by_count_not_loudness() {
        let c = LONE;
        let doc = |e: &[f64]| c.document_log_odds(e.iter().copied());
        // One weak hit just short of flagging its sentence, in a ten-sentence article: no.
        let mut one = [0.0; 10];
        one[4] = 2.9;
        assert!(doc(&one) < 0.0, "{}", doc(&one));
        // Short texts are never flagged on weak hits alone, however loud.
        for short in [&[2.9][..], &[2.9, 2.9], &[0.75, 2.9]] {
            assert!(doc(short) < 0.0, "{short:?}: {}", doc(short));
        }
        // Four modest hits in four different sentences of the same article: yes.
        let mut four = [0.0; 10];
        four[..4].fill(0.75);
        assert!(doc(&four) > 0.0, "{}", doc(&four));
        // Weak evidence is capped per sentence: four loud weak hits count as four modest ones.
        let mut loud = four;
        loud[..4].fill(2.9);
        assert_eq!(doc(&loud), doc(&four));
        // A sentence that flags on its own with two matches keeps its full weight,
        // corroborated or not.
        let mut strong = ev(&[0.0; 10]);
        strong[0] = SentenceEvidence::new(4.0, 2, 20);
        let z = c.document_log_odds(strong);
        assert!(z > 0.0, "{z}");
        assert!((z - (c.document_bias + 4.0 - 10.0 * c.document_cost)).abs() < 1e-12);
        // Negative evidence (phrases that argue against spinning) counts in full.
        let z = c.document_log_odds([SentenceEvidence::new(4.0, 2, 9), (-2.0).into(), 0.0.into()]);
        assert!((z - (c.document_bias + 2.0 - 3.0 * c.document_cost)).abs() < 1e-12, "{z}");
        assert!(doc(&[0.75, 0.75, -0.5, 0.75]) < doc(&[0.75, 0.75, 0.0, 0.75]));
        // A passage of weak-only neighbours is bounded by the pool cap per neighbour.
        let e = ev(&[2.9, 2.9, 0.6, 0.0, 0.0]);
        let cw = Calibration { context_window: 2, context_weight: 1.0, ..c };
        let expected = 2.0 * (c.pool_cap - c.sentence_cost) - 2.0 * c.sentence_cost;
        assert!((cw.context(&e, 2) - expected).abs() < 1e-12, "{}", cw.context(&e, 2));
    }
}
