//! Per-sentence analysis: tokens (normalized) → stem ids → phrase hits (FST, inflection check)
//! → matches and dictionary-free signals (torn hyphens, spintax) → the sentence's evidence.
//! Also the document rules' matches ([`Detector::apply_rules`]) and rescoring with context.

use std::cell::RefCell;

use crate::detector::Detector;
use crate::dialect::{Dialect, Tally, substitution_key};
use crate::dict::Kind;
use crate::guard;
use crate::inflection;
use crate::language;
use crate::matcher::{self, Hit, Token};
use crate::pps::rules::{RuleHit, RuleScan, Rules};
use crate::report::{Match, SentenceReport};
use crate::score::{SentenceEvidence, sigmoid};
use crate::signals;
use crate::stem::Caches;
use crate::text::tokenize::for_each_token;

impl Detector {
    /// Sets a sentence's score from its own evidence and its neighbourhood's.
    pub(crate) fn rescore(&self, report: &mut SentenceReport, evidence: f64, context: f64) {
        let cal = &self.inner.calibration;
        report.context = round3(context);
        report.score = sigmoid(cal.sentence_log_odds(evidence) + context);
        report.spun = report.score >= self.inner.threshold;
    }

    /// Adds the candidate hits of document rules whose conditions hold over the whole
    /// document to their sentences (never overlapping another match; at one place the longest
    /// wins, then the first rule) and updates those sentences' evidence and scores.
    pub(crate) fn apply_rules(
        &self,
        rules: &Rules,
        text: &str,
        reports: &mut [SentenceReport],
        evidence: &mut [SentenceEvidence],
        scan: &mut RuleScan,
    ) {
        let cal = &self.inner.calibration;
        let mut hits = std::mem::take(&mut scan.hits);
        hits.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.rule));
        for &hit in hits.iter() {
            if !rules.holds(scan, hit.rule) {
                continue;
            }
            let k = reports.partition_point(|s| s.end <= hit.start);
            let Some(sentence) = reports.get_mut(k) else { continue };
            let weight = self.attach(rules, &text[sentence.start..sentence.end], sentence, hit);
            if weight != 0.0 {
                evidence[k].weight += weight;
                evidence[k].matches += 1;
                sentence.score = sigmoid(cal.sentence_log_odds(evidence[k].weight));
                sentence.spun = sentence.score >= self.inner.threshold;
            }
        }
        hits.clear();
        scan.hits = hits;
    }

    /// Adds a rule hit (offsets in the same frame as the sentence's) to the sentence's
    /// matches unless it overlaps one or leaves the sentence; `text` is the sentence's text.
    /// Returns the evidence added (0 if it was not added). The score is the caller's.
    pub(crate) fn attach(
        &self,
        rules: &Rules,
        text: &str,
        sentence: &mut SentenceReport,
        hit: RuleHit,
    ) -> f64 {
        if hit.start < sentence.start || hit.end > sentence.end {
            return 0.0;
        }
        if sentence.matches.iter().any(|m| m.start < hit.end && hit.start < m.end) {
            return 0.0;
        }
        let rule = rules.rule(hit.rule);
        let at = sentence.matches.partition_point(|m| m.start < hit.start);
        let artifact = &text[hit.start - sentence.start..hit.end - sentence.start];
        sentence.matches.insert(
            at,
            Match {
                start: hit.start,
                end: hit.end,
                artifact: artifact.to_string(),
                original: rule.original.clone(),
                weight: round3(f64::from(rule.weight)),
                kind: Kind::TorturedPhrase,
            },
        );
        f64::from(rule.weight)
    }

    /// Analyzes `text[start..end]` as one sentence. Returns its report and its evidence (with
    /// its number of words: a sentence without words is not prose, and is skipped).
    /// `braces` says whether the text may hold spintax (a `{`).
    pub(crate) fn analyze_sentence(
        &self,
        text: &str,
        start: usize,
        end: usize,
        braces: bool,
        scratch: &mut Scratch,
    ) -> (SentenceReport, SentenceEvidence) {
        let layers = &self.inner.layers;
        let cal = &self.inner.calibration;
        let Scratch {
            caches,
            word,
            words,
            hits,
            candidates,
            inflection: check,
            rules: scan,
            dialects,
        } = scratch;
        let tallied = dialects.len();
        let caches = caches.select(layers);
        if words.len() < layers.len() {
            words.resize_with(layers.len(), Vec::new);
        }
        let words = &mut words[..layers.len()];
        words.iter_mut().for_each(Vec::clear);
        hits.clear();
        let mut any_torn = false;
        // Document rules take the words in the same pass, with the stem ids of their layer.
        let rules = self.inner.rules.as_ref();
        if let Some(rules) = rules {
            rules.begin_sentence(scan);
        }
        if let ([cache], [dict], [words]) = (&mut *caches, &layers[..], &mut *words) {
            // One layer (the default path): as lean as it can be.
            for_each_token(&text[start..end], start, word, |w, t| {
                let stem = cache.get_token(t, dict);
                if let Some(rules) = rules {
                    rules.word(scan, w, t, stem.id);
                }
                let torn = signals::is_torn(w.gap, t.text());
                any_torn |= torn;
                words.push(Token {
                    start: w.start,
                    end: w.end,
                    id: stem.id,
                    single: stem.single,
                    joins: w.gap.joins(),
                    torn,
                });
            });
        } else {
            for_each_token(&text[start..end], start, word, |w, t| {
                let torn = signals::is_torn(w.gap, t.text());
                any_torn |= torn;
                for (layer, ((cache, dict), words)) in
                    caches.iter_mut().zip(layers).zip(words.iter_mut()).enumerate()
                {
                    let stem = cache.get_token(t, dict);
                    if let Some(rules) = rules.filter(|r| r.layer() == layer) {
                        rules.word(scan, w, t, stem.id);
                    }
                    words.push(Token {
                        start: w.start,
                        end: w.end,
                        id: stem.id,
                        single: stem.single,
                        joins: w.gap.joins(),
                        torn,
                    });
                }
            });
        }
        // Stems merge derived words too ("vital product" / "vitality productivity"): a phrase
        // matches only inflected forms of one of its entry's spellings.
        let tokens = &words[0];
        // Names, acronyms and capitalized words never match one- or two-word entries of the
        // generated layer (see `guard`).
        let generated_name = |hit: &Hit| {
            guard::guarded_span(text, tokens, hit.first, hit.last)
                && layers[hit.layer as usize]
                    .entry(hit.record as usize)
                    .is_some_and(|e| guard::is_generated_source(e.source))
        };
        let accept = |hit: &Hit| {
            let (s, e) = (tokens[hit.first].start, tokens[hit.last].end);
            !generated_name(hit)
                && layers[hit.layer as usize]
                    .forms(hit.record as usize)
                    .any(|form| inflection::agrees(&text[s..e], form, check))
        };
        if let [dict] = &layers[..] {
            matcher::find(dict.phrase_fst(), &dict.match_index(), tokens, hits, accept);
        } else {
            matcher::find_layers(layers, words, hits, candidates, accept);
        }
        // One-word hits skip `accept` (they need no inflection check); guard them here.
        if !hits.is_empty() {
            hits.retain(|h| h.first != h.last || !generated_name(h));
        }
        let words = tokens;
        // Most sentences have neither a match nor a torn hyphen: no pass over their words.
        let (mut matches, mut evidence) = if hits.is_empty() && !any_torn {
            (Vec::new(), 0.0)
        } else {
            self.word_matches(text, words, hits, dialects)
        };
        // A sentence in another language (French UI strings, a German quotation) carries no
        // evidence: its words only look like English ones. Checked only when there is a match.
        if !matches.is_empty()
            && !self.inner.any_language
            && language::sentence_is_foreign(&text[start..end])
        {
            matches.clear();
            evidence = 0.0;
            dialects.truncate(tallied);
        }
        dialects.end_sentence(words.len());
        let before = matches.len();
        let mut spintax = |s: usize, e: usize, first: &str| {
            let (s, e) = (start + s, start + e);
            // Never overlap a match found above.
            if matches[..before].iter().any(|m| m.start < e && s < m.end) {
                return;
            }
            evidence += cal.spintax;
            matches.push(Match {
                start: s,
                end: e,
                artifact: text[s..e].to_string(),
                original: first.to_string(),
                weight: round3(cal.spintax),
                kind: Kind::Spintax,
            });
        };
        if braces {
            signals::spintax(&text[start..end], &mut spintax);
        }
        if matches.len() > before {
            matches.sort_by_key(|m| m.start);
        }
        let score = sigmoid(cal.sentence_log_odds(evidence));
        let spun = score >= self.inner.threshold;
        // Leaked spintax cannot be an honest phrase: it counts as two pieces of evidence, so a
        // sentence flagged by it is not a lone strong entry (see `Calibration::is_lone_strong`).
        let pieces = matches.iter().filter(|m| m.weight != 0.0).count()
            + matches.iter().filter(|m| m.kind == Kind::Spintax).count();
        let e = SentenceEvidence::new(evidence, pieces, words.len());
        (SentenceReport { start, end, score, spun, matches, context: 0.0 }, e)
    }

    /// The dictionary matches and torn hyphens of a sentence's words, and their evidence. An
    /// entry repeated within the sentence ("Worcestershire Sauce sauce ... sauce sauce", "load
    /// in new ... loads in new") weighs once: a repeated term is the sentence's topic, while a
    /// spinner's substitutions are different words. Repeats are reported with weight 0.
    fn word_matches(
        &self,
        text: &str,
        words: &[Token],
        hits: &[Hit],
        dialects: &mut Tally,
    ) -> (Vec<Match>, f64) {
        let cal = &self.inner.calibration;
        let mut matches = Vec::new();
        let mut evidence = 0.0;
        // (layer, record) of the entries matched so far: few per sentence, so a linear scan.
        // Past 8 distinct entries (rare) the rest go to a vector, allocated only then.
        let mut seen: [(u32, u64); 8] = [(u32::MAX, 0); 8];
        let mut n_seen = 0;
        let mut seen_more: Vec<(u32, u64)> = Vec::new();
        let mut next_hit = hits.iter().peekable();
        let mut covered_until = 0; // words before this index are inside a dictionary match
        for (i, w) in words.iter().enumerate() {
            if let Some(&&Hit { first, last, record, layer }) = next_hit.peek() {
                if first == i {
                    next_hit.next();
                    covered_until = last + 1;
                    let entry = self
                        .inner
                        .layers
                        .get(layer as usize)
                        .and_then(|d| d.entry(record as usize));
                    // A weight-0 entry (an allow-list phrase) covers its words and reports nothing.
                    if let Some(entry) = entry.filter(|e| e.weight != 0.0) {
                        let (s, e) = (w.start, words[last].end);
                        let key = (layer, record);
                        let repeat = seen[..n_seen].contains(&key) || seen_more.contains(&key);
                        if !repeat {
                            if n_seen < seen.len() {
                                seen[n_seen] = key;
                                n_seen += 1;
                            } else {
                                seen_more.push(key);
                            }
                        }
                        let weight = if repeat { 0.0 } else { f64::from(entry.weight) };
                        evidence += weight;
                        if let Some(d) = Dialect::of(entry.source, entry.kind).filter(|_| !repeat) {
                            dialects.push(d, substitution_key(&text[s..e], entry.original));
                        }
                        matches.push(Match {
                            start: s,
                            end: e,
                            artifact: text[s..e].to_string(),
                            original: entry.original.to_string(),
                            weight: round3(weight),
                            kind: entry.kind,
                        });
                    }
                    continue;
                }
            }
            // Not when the previous word ends a dictionary match: matches never overlap.
            if w.torn && i > covered_until {
                let prev = &words[i - 1];
                let word = &text[w.start..w.end];
                // "3- year- old" is one torn word: extend the previous tear instead of overlapping it.
                if let Some(m) =
                    matches.last_mut().filter(|m| m.kind == Kind::TornHyphen && m.end == prev.end)
                {
                    m.end = w.end;
                    m.artifact = text[m.start..w.end].to_string();
                    m.original.push('-');
                    m.original.push_str(word);
                    continue;
                }
                evidence += cal.torn_hyphen;
                matches.push(Match {
                    start: prev.start,
                    end: w.end,
                    artifact: text[prev.start..w.end].to_string(),
                    original: format!("{}-{word}", &text[prev.start..prev.end]),
                    weight: round3(cal.torn_hyphen),
                    kind: Kind::TornHyphen,
                });
            }
        }
        (matches, evidence)
    }
}

pub(crate) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Per-thread buffers, reused so that the hot path allocates nothing per word (document
/// rules add a bit test per word and a vector of candidate hits per document).
#[derive(Default)]
pub(crate) struct Scratch {
    /// One stem cache per dictionary, kept across detectors.
    pub(crate) caches: Caches,
    pub(crate) word: String,
    /// The sentence's words with each layer's stem ids, one vector per layer.
    pub(crate) words: Vec<Vec<Token>>,
    pub(crate) hits: Vec<Hit>,
    pub(crate) candidates: Vec<matcher::Candidate>,
    pub(crate) inflection: inflection::Scratch,
    /// Document-rule state (see [`RuleScan`]).
    pub(crate) rules: RuleScan,
    /// The document's dialect substitutions so far.
    pub(crate) dialects: Tally,
}

thread_local! {
    pub(crate) static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}
