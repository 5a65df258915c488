//! Turning evidence into scores.
//!
//! Every match carries a weight in log-odds. A sentence's log-odds is
//! `sentence_bias + min(Σ weights, evidence_cap) + context`, its score the logistic sigmoid
//! of that, where `context` ([`Calibration::context`]) is the pooled evidence of the passage
//! around a sentence that has evidence of its own. The document pools sentences as a
//! sequential likelihood-ratio test: each sentence adds its capped evidence minus
//! `sentence_cost`, the evidence an honest sentence is expected to show by chance. A long honest article with one weak hit therefore drifts *down*, while spun
//! text, which leaves evidence in most sentences, climbs fast. See README "Scores".

/// Constants of the scoring model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    /// Log-odds of a sentence with no evidence.
    pub sentence_bias: f64,
    /// Log-odds of a document before any sentence is seen.
    pub document_bias: f64,
    /// Evidence an honest sentence shows by chance; subtracted per sentence when pooling.
    pub sentence_cost: f64,
    /// Most evidence one sentence can contribute, so one garbled sentence cannot decide a
    /// whole document.
    pub evidence_cap: f64,
    /// Weight of one torn hyphen ("battle- split").
    pub torn_hyphen: f64,
    /// Weight of leaked spintax (`{a|b|c}`).
    pub spintax: f64,
    /// How many sentences on each side form a sentence's passage.
    pub context_window: usize,
    /// Log-odds a sentence with evidence of its own gains per unit of its passage's pooled
    /// evidence (the other sentences' capped evidence minus `sentence_cost` each, as for the
    /// document). Spinners rewrite whole passages, so a weak hit inside a spun passage is
    /// likely spun too. Zero turns context off.
    pub context_weight: f64,
    /// Most log-odds the passage can add to one sentence.
    pub context_cap: f64,
}

impl Calibration {
    /// The default model. How these numbers were chosen is in README "Scores".
    pub const DEFAULT: Calibration = Calibration {
        sentence_bias: -3.0,
        document_bias: -2.0,
        sentence_cost: 0.1,
        evidence_cap: 8.0,
        torn_hyphen: 1.5,
        spintax: 4.0,
        context_window: 12,
        context_weight: 1.0,
        context_cap: 3.0,
    };

    /// Log-odds of a sentence with this much evidence.
    #[inline]
    pub fn sentence_log_odds(&self, evidence: f64) -> f64 {
        self.sentence_bias + evidence.min(self.evidence_cap)
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
        let pooled: f64 =
            (lo..hi).filter(|&j| j != i).map(|j| self.document_increment(evidence[j])).sum();
        (self.context_weight * pooled).clamp(0.0, self.context_cap)
    }

    /// What one sentence adds to the document's log-odds.
    #[inline]
    pub fn document_increment(&self, evidence: f64) -> f64 {
        evidence.min(self.evidence_cap) - self.sentence_cost
    }
}

impl Default for Calibration {
    fn default() -> Self {
        Calibration::DEFAULT
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
        let mut z = c.document_bias + c.document_increment(2.0);
        for _ in 0..40 {
            z += c.document_increment(0.0);
        }
        assert!(sigmoid(z) < 0.05, "{}", sigmoid(z));
    }
}
