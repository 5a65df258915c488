//! Turning evidence into scores.
//!
//! Every match carries a weight in log-odds. A sentence's log-odds is
//! `sentence_bias + min(Σ weights, evidence_cap) + context`, its score the logistic sigmoid
//! of that, where `context` ([`Calibration::context`]) is the pooled evidence of the passage
//! around a sentence that has evidence of its own.
//!
//! The document ([`DocumentPool`]) pools sentences as a sequential likelihood-ratio test: each
//! sentence adds its pooled evidence ([`Calibration::pooled`]) minus `document_cost`, the
//! evidence an honest sentence is expected to show by chance. A sentence strong enough to be
//! flagged alone counts in full. Weaker evidence counts at most `pool_cap`, and only once at
//! least `corroboration` sentences of the document show evidence: what decides is how many
//! sentences show it, not how loud one weak hit is, and a one- or two-sentence text is never
//! flagged on weak hits alone. A long honest article with one weak hit therefore drifts *down*,
//! while spun text, which leaves evidence in most sentences, climbs fast. See README "Scores".

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
    };

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

    /// Log-odds that the passage around sentence `i` adds to it, given the evidence of every
    /// sentence in `evidence` (at least the `context_window` sentences on each side of `i`):
    /// `context_weight` times the passage's pooled evidence, clamped to `[0, context_cap]`.
    /// Only a sentence with evidence of its own receives any: context lifts weak hits, it never
    /// flags a sentence with nothing in it.
    pub fn context(&self, evidence: &[f64], i: usize) -> f64 {
        let own = evidence.get(i).copied().unwrap_or(0.0);
        if self.context_weight <= 0.0 || own <= 0.0 {
            return 0.0;
        }
        let lo = i.saturating_sub(self.context_window);
        let hi = i.saturating_add(self.context_window).saturating_add(1).min(evidence.len());
        let pooled: f64 = (lo..hi)
            .filter(|&j| j != i)
            .map(|j| self.pooled(evidence[j]) - self.sentence_cost)
            .sum::<f64>()
            + 0.0; // an empty sum is -0.0, which would print as a context of -0.0
        (self.context_weight * pooled).clamp(0.0, self.context_cap)
    }

    /// Log-odds of a document whose sentences have this evidence (see [`DocumentPool`]).
    ///
    /// ```
    /// use spinscan::Calibration;
    /// let c = Calibration::DEFAULT;
    /// assert!(c.document_log_odds([0.0; 30]) < 0.0);
    /// assert!(c.document_log_odds([2.0]) < 0.0); // one weak hit alone: never
    /// assert!(c.document_log_odds([0.75, 0.0, 0.75, 0.5, 0.0]) > 0.0); // three sentences
    /// assert!(c.document_log_odds([4.0, 0.0, 0.0]) > 0.0); // one sentence flagged alone
    /// ```
    pub fn document_log_odds(&self, evidence: impl IntoIterator<Item = f64>) -> f64 {
        let mut pool = DocumentPool::new(self);
        evidence.into_iter().for_each(|e| pool.push(e));
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
/// Every sentence costs `document_cost`. A sentence flagged on its own adds its evidence (up
/// to `evidence_cap`) at once; weaker evidence adds at most `pool_cap` per sentence, counted
/// only if at least `corroboration` sentences show evidence; negative evidence (a dictionary
/// may give negative weights) counts in full, as in [`Calibration::context`].
#[derive(Debug, Clone, Copy)]
pub struct DocumentPool {
    calibration: Calibration,
    strong: f64,
    weak: f64,
    with_evidence: usize,
}

impl DocumentPool {
    /// An empty document: its log-odds is `document_bias`.
    pub fn new(calibration: &Calibration) -> Self {
        DocumentPool {
            calibration: *calibration,
            strong: calibration.document_bias,
            weak: 0.0,
            with_evidence: 0,
        }
    }

    /// Adds the next sentence's evidence.
    #[inline]
    pub fn push(&mut self, evidence: f64) {
        let c = &self.calibration;
        self.strong -= c.document_cost;
        if evidence > 0.0 {
            self.with_evidence += 1;
            if c.is_strong(evidence) {
                self.strong += c.pooled(evidence);
            } else {
                self.weak += c.pooled(evidence);
            }
        } else if evidence < 0.0 {
            // Negative weights (phrases that argue against spinning) count in full.
            self.strong += evidence;
        }
    }

    /// The document's log-odds so far.
    #[inline]
    pub fn log_odds(&self) -> f64 {
        if self.with_evidence >= self.calibration.corroboration {
            self.strong + self.weak
        } else {
            self.strong
        }
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

    #[test]
    fn context_lifts_only_sentences_with_evidence() {
        let c = Calibration { context_window: 2, ..Calibration::DEFAULT };
        let e = [6.0, 0.0, 0.5, 6.0, 0.4, 0.0, 0.0, 0.0, 0.3, 0.0];
        assert_eq!(c.context(&e, 1), 0.0, "no evidence of its own");
        assert_eq!(c.context(&e, 2), c.context_cap, "strong passage: capped");
        assert_eq!(c.context(&e, 8), 0.0, "only empty sentences within the window");
        assert_eq!(c.context(&e, 99), 0.0, "out of range");
        let off = Calibration { context_weight: 0.0, ..c };
        assert_eq!(off.context(&e, 2), 0.0);
        // Pooling: each neighbour costs `sentence_cost`, so a long honest passage with one
        // weak hit gives nothing.
        let honest = [0.0, 0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0];
        assert_eq!(Calibration::DEFAULT.context(&honest, 3), 0.0);
    }

    #[test]
    fn one_weak_hit_does_not_flag_a_long_document() {
        let c = Calibration::DEFAULT;
        let mut e = vec![0.0; 41];
        e[7] = 2.0;
        let z = c.document_log_odds(e);
        assert!(sigmoid(z) < 0.05, "{}", sigmoid(z));
    }

    #[test]
    fn weak_hits_pool_by_count_not_loudness() {
        let c = Calibration::DEFAULT;
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
        // A sentence that flags on its own keeps its full weight, corroborated or not.
        let mut strong = [0.0; 10];
        strong[0] = 4.0;
        assert!(doc(&strong) > 0.0, "{}", doc(&strong));
        assert!((doc(&strong) - (c.document_bias + 4.0 - 10.0 * c.document_cost)).abs() < 1e-12);
        // Negative evidence (phrases that argue against spinning) counts in full.
        let z = doc(&[4.0, -2.0, 0.0]);
        assert!((z - (c.document_bias + 2.0 - 3.0 * c.document_cost)).abs() < 1e-12, "{z}");
        assert!(doc(&[0.75, 0.75, -0.5, 0.75]) < doc(&[0.75, 0.75, 0.0, 0.75]));
        // A passage of weak-only neighbours is bounded by the pool cap per neighbour.
        let e = [2.9, 2.9, 0.2, 0.0, 0.0];
        let cw = Calibration { context_window: 2, context_weight: 1.0, ..c };
        let expected = 2.0 * (c.pool_cap - c.sentence_cost) - 2.0 * c.sentence_cost;
        assert!((cw.context(&e, 2) - expected).abs() < 1e-12, "{}", cw.context(&e, 2));
    }
}
