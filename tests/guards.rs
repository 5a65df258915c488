//! Precision guards (issue 12): names and acronyms versus generated entries, spintax needs
//! prose. Each row was a false flag measured on main before the guard.

use spinscan::Detector;

/// Generated-layer lines (source tags of `data/generated`) and curated lines.
const DICT: &str = "\
naive bay\tgreen bay\tsynonym\t1.97\t\tmythes
latakia\tcity\tsynonym\t0.26\t\twnh
lapin\tdoe\tsynonym\t0.1\t\tmoby
apple pie\tfruit tart\tsynonym\t3.5\t\tmoby+wn
unique pressures\tspecial forces\tsynonym\t4.5\tnews\tcurated
";

fn detector() -> Detector {
    Detector::builder().no_default_dictionary().dictionary_tsv(DICT, "guards.tsv").build().unwrap()
}

fn artifacts(d: &Detector, text: &str) -> Vec<String> {
    d.analyze(text).matches().map(|m| m.artifact.clone()).collect()
}

#[test]
fn names_and_acronyms_never_match_generated_entries() {
    let d = detector();
    // (text, artifacts expected)
    let cases: &[(&str, &[&str])] = &[
        ("We trained a Naive Bayes classifier on the data.", &[]),
        ("Naive Bayes is a classifier.", &[]),
        ("The ship docked at Latakia on Monday.", &[]),
        ("Le Lapin Agile is a cabaret.", &[]),
        ("The new APPLE PIE release is out.", &[]),
        ("She baked an Apple Pie for us.", &[]),
        // Lower case, or only capitalized as the first word of a sentence: still matched.
        ("the naive bays were calm.", &["naive bays"]),
        ("Naive bays were calm.", &["Naive bays"]),
        ("Lapin is on the menu.", &["Lapin"]),
        ("we ate apple pie.", &["apple pie"]),
        // Curated entries match capitalized words.
        ("Then Unique Pressures arrived.", &["Unique Pressures"]),
        ("UNIQUE PRESSURES arrived.", &["UNIQUE PRESSURES"]),
    ];
    for (text, want) in cases {
        assert_eq!(artifacts(&d, text), *want, "{text:?}");
    }
}

#[test]
fn spintax_needs_prose() {
    let d = Detector::builder().no_default_dictionary().build().unwrap();
    // (one-sentence text, spun?)
    let cases: &[(&str, bool)] = &[
        ("This is a {great|wonderful|fantastic} way to earn money online.", true),
        ("{Hello|Hi} there, we {love|adore} our new house.", true),
        ("Hello {{ x | upper }} and welcome.", false),
        ("let f = { A | B => 1 };", false),
        ("The set {x | x > 0} is open.", false),
        ("The set {n \u{2208} N | n is prime} is infinite.", false),
        ("docker {start|stop|restart}", false),
        ("Use {-d|-D} to delete.", false),
        ("{{#if admin}}{{name | capitalize}}{{/if}} is logged in as admin.", false),
        ("You have {count, plural, one {# message} other {# messages}} in your inbox.", false),
    ];
    for &(text, spun) in cases {
        let report = d.analyze(text);
        assert_eq!(report.spun, spun, "{text:?}: {report:?}");
    }
}

const FRENCH: &str = "Le gouvernement a annoncé mardi que les forces spéciales avaient été \
    déployées dans la région. Les données recueillies par les chercheurs montrent une hausse \
    des températures, et les habitants sont inquiets pour leurs récoltes cette année.";

#[test]
fn documents_in_another_language_are_not_judged() {
    let d = Detector::new();
    let report = d.analyze(FRENCH);
    assert_eq!((report.language.as_str(), report.applicable), ("fr", false));
    assert!(!report.spun && report.sentences.is_empty() && report.score == 0.0);
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains("\"language\":\"fr\",\"applicable\":false"), "{json}");
    // The same through the streaming reader.
    let summary = d.analyze_reader(FRENCH.as_bytes(), |_, _| Ok(())).unwrap();
    assert_eq!((summary.language.as_str(), summary.applicable, summary.spun), ("fr", false, false));
    // English is judged and says so.
    let report = d.analyze("The unique pressures arrived in the town on Monday.");
    assert_eq!((report.language.as_str(), report.applicable), ("en", true));
    assert!(report.sentences[0].spun);
}

#[test]
fn foreign_sentences_of_an_english_document_carry_no_evidence() {
    let d = Detector::builder()
        .no_default_dictionary()
        .dictionary_tsv("donnees\tspecifications\tsynonym\t4\n", "t.tsv")
        .build()
        .unwrap();
    let text = "The report was published on Monday by the city council. Les données sont \
                enregistrées dans la base avec les autres. The council met again on Friday.";
    let report = d.analyze(text);
    assert_eq!(report.language, "en");
    assert_eq!(report.matches().count(), 0, "{report:?}");
    // The same word in an English sentence is evidence.
    let report = d.analyze("The donnees arrived in the town on Monday.");
    assert_eq!(report.matches().count(), 1);
    // German suspended compounds are not torn hyphens.
    let d = Detector::builder().no_default_dictionary().build().unwrap();
    for text in [
        "Groß- und Kleinschreibung wird nicht beachtet.",
        "Use the Groß- und Kleinschreibung option in the settings dialog.",
        "Les micro- et nano-entreprises sont nombreuses.",
    ] {
        assert_eq!(d.analyze(text).matches().count(), 0, "{text}");
    }
}

/// An entry repeated within one sentence weighs once (a repeated term is the sentence's topic);
/// its repeats are still reported, with weight 0. In another sentence it weighs again.
#[test]
fn an_entry_repeated_within_a_sentence_weighs_once() {
    let d = Detector::builder()
        .no_default_dictionary()
        .dictionary_tsv("sauce sauce\tworcestershire sauce\tsynonym\t1.8\n", "t.tsv")
        .build()
        .unwrap();
    let r = d.analyze("Sauce sauce on the left, sauce sauce on the right. Sauce sauce again.");
    let weights: Vec<Vec<f64>> =
        r.sentences.iter().map(|s| s.matches.iter().map(|m| m.weight).collect()).collect();
    assert_eq!(weights, [vec![1.8, 0.0], vec![1.8]]);
    assert!((r.sentences[0].score - r.sentences[1].score).abs() < 1e-12);
}

/// Found by tests/properties.rs: past 8 distinct entries in one sentence, repeats still weigh 0.
#[test]
fn repeats_weigh_zero_after_many_distinct_entries() {
    let tsv: String = (0..12).map(|i| format!("zorb{i} wump\tx{i}\tsynonym\t1\n")).collect();
    let d =
        Detector::builder().no_default_dictionary().dictionary_tsv(&tsv, "t.tsv").build().unwrap();
    let text: String =
        (0..12).map(|i| format!("zorb{i} wump, ")).collect::<String>() + "zorb11 wump.";
    let r = d.analyze(&text);
    let weights: Vec<f64> = r.matches().map(|m| m.weight).collect();
    assert_eq!(weights.len(), 13);
    assert_eq!(weights[12], 0.0, "{weights:?}");
    assert!(weights[..12].iter().all(|&w| w == 1.0), "{weights:?}");
}
