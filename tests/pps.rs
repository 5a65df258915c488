//! Importing the Problematic Paper Screener's tortured-phrase catalogue.

mod common;

use spinscan::{Catalogue, Detector, Kind};

#[test]
fn shared_catalogue_rows_all_load_or_are_reported() {
    let path = common::shared("data/pps/tortured.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let records = text.lines().count() - 1; // no quoted newlines in this snapshot
    let catalogue = Catalogue::from_path(&path).unwrap();
    assert_eq!(catalogue.rules().len() + catalogue.errors().len(), records);
    for e in catalogue.errors() {
        assert!(e.line >= 2 && !e.reason.is_empty(), "{e:?}");
    }
    // Context terms are conditions, never artifacts.
    for rule in catalogue.rules() {
        for t in rule.require.iter().chain(&rule.exclude).chain(rule.require_any.iter().flatten()) {
            assert_ne!(t.words, rule.artifact.words, "line {}", rule.line);
        }
    }
    let detector = Detector::builder().no_default_dictionary().pps(catalogue).build().unwrap();
    assert!(detector.dictionary().len() > 6_000, "{}", detector.dictionary().len());
    assert!(detector.has_document_rules());

    let r = detector.analyze("We used a neural organization trained with profound learning.");
    assert!(r.sentences[0].spun);
    assert!(r.matches().all(|m| m.kind == Kind::TorturedPhrase));
    // "machine learning" is a context term of some rows: alone it is not an artifact.
    let r =
        detector.analyze("Machine learning and neural networks are used for image recognition.");
    assert_eq!(r.matches().count(), 0, "{:?}", r.matches().collect::<Vec<_>>());
}

#[test]
fn context_exclusion_proximity_and_wildcards_have_their_semantics() {
    let csv = "tortured_phrase,expected_phrase,num_papers\n\
        \"\"\"bosom\"\" AND \"\"breast\"\"\",breast,100\n\
        \"\"\"magnetic cell separation\"\" NOT \"\"with MACS\"\"\",MACS,5\n\
        \"\"\"gatherings clustering\"\"~3\",group clustering,7\n\
        \"\"\"irregular woodland\"\" AND optimiz*\",random forest,9\n";
    let catalogue = Catalogue::parse(csv, "t.csv");
    assert!(catalogue.errors().is_empty(), "{:?}", catalogue.errors());
    let d = Detector::builder().no_default_dictionary().pps(catalogue).build().unwrap();
    let flagged = |t: &str| d.analyze(t).matches().map(|m| m.original.clone()).collect::<Vec<_>>();

    assert!(flagged("The bosom of the family.").is_empty());
    assert_eq!(flagged("Bosom tissue. Breast cancer screening."), ["breast"]);
    assert_eq!(flagged("We used magnetic cell separation."), ["MACS"]);
    assert!(flagged("We used magnetic cell separation with MACS beads.").is_empty());
    assert_eq!(flagged("Clustering of the gatherings was done."), ["group clustering"]);
    assert!(flagged("Gatherings were many and then, much later, the clustering began.").is_empty());
    assert!(flagged("An irregular woodland model.").is_empty());
    assert_eq!(flagged("An irregular woodland model was optimized."), ["random forest"]);
}

#[test]
fn cli_loads_a_catalogue() {
    let dir = std::env::temp_dir().join(format!("spinscan-pps-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("c.csv");
    std::fs::write(&csv, "tortured_phrase,expected_phrase,num_papers\n\"\"\"profound learning\"\"\",deep learning,3\n\"\"\"broken\",x,1\n").unwrap();
    let input = dir.join("in.txt");
    // Two sentences flagged on their own: one strong entry alone would flag only its sentence.
    std::fs::write(&input, "Profound learning works. We trust profound learning.").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_spinscan"))
        .args(["--no-default-dict", "--pps", csv.to_str().unwrap(), "--format", "jsonl"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the document is spun");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("c.csv:3") && stderr.contains("row skipped"), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sentences"][0]["matches"][0]["original"], "deep learning");
    std::fs::remove_dir_all(dir).ok();
}

/// The catalogue of the streaming tests: a context rule, an exclusion rule, a proximity rule.
const STREAM_CSV: &str = "tortured_phrase,expected_phrase,num_papers\n\
    \"\"\"bosom\"\" AND \"\"breast\"\"\",breast,100\n\
    \"\"\"magnetic cell separation\"\" NOT \"\"with MACS\"\"\",MACS,5\n\
    \"\"\"gatherings clustering\"\"~3\",group clustering,7\n\
    \"\"\"profound learning\"\"\",deep learning,9\n";

fn stream_detector() -> Detector {
    let catalogue = Catalogue::parse(STREAM_CSV, "t.csv");
    Detector::builder().no_default_dictionary().pps(catalogue).build().unwrap()
}

/// `analyze_reader`'s sentences (with their text) and summary.
fn streamed(d: &Detector, text: &str) -> (Vec<spinscan::SentenceReport>, spinscan::Summary) {
    let mut sentences = Vec::new();
    let summary = d
        .analyze_reader(text.as_bytes(), |t, s| {
            assert_eq!(&text[s.start..s.end], t);
            sentences.push(s.clone());
            Ok(())
        })
        .unwrap();
    (sentences, summary)
}

/// `n` filler sentences with no evidence.
fn filler(n: usize) -> String {
    (0..n).map(|i| format!("Filler sentence number {i} is here. ")).collect()
}

#[test]
fn streaming_applies_document_rules_like_analyze_in_short_documents() {
    let d = stream_detector();
    let docs = [
        "Bosom malignancy. Breast tissue was imaged.",
        "The bosom of the family.",
        "We used magnetic cell separation. Then more.",
        "We used magnetic cell separation. It was done with MACS beads.",
        "Clustering of the gatherings was done. Profound learning too.",
        "Gatherings were many and then, much later, the clustering began.",
    ];
    for text in docs {
        let whole = d.analyze(text);
        let (sentences, summary) = streamed(&d, text);
        assert_eq!(sentences, whole.sentences, "{text}");
        assert_eq!(summary.score, whole.score, "{text}");
        assert_eq!(summary.spun, whole.spun, "{text}");
        assert_eq!(summary.late_matches, 0, "{text}");
    }
}

#[test]
fn streaming_decides_rule_matches_20_sentences_later_and_holds_back_the_rest() {
    let d = stream_detector();
    let matches = |s: &[spinscan::SentenceReport]| -> Vec<String> {
        s.iter().flat_map(|s| &s.matches).map(|m| m.original.clone()).collect()
    };
    // (name, text, matches in sentence reports, late matches)
    let cases: Vec<(&str, String, Vec<&str>, usize)> = vec![
        (
            "AND term within the window: attached",
            format!("{}Bosom tissue. {}Breast cancer. {}", filler(30), filler(15), filler(60)),
            vec!["breast"],
            0,
        ),
        (
            "AND term beyond the window: late",
            format!("{}Bosom tissue. {}Breast cancer. {}", filler(30), filler(25), filler(60)),
            vec![],
            1,
        ),
        (
            "AND term never: nothing",
            format!("{}Bosom tissue. {}", filler(30), filler(60)),
            vec![],
            0,
        ),
        (
            "NOT term absent: late",
            format!("{}Magnetic cell separation. {}", filler(30), filler(60)),
            vec![],
            1,
        ),
        (
            "NOT term present far later: nothing",
            format!("{}Magnetic cell separation. {}It was with MACS.", filler(30), filler(60)),
            vec![],
            0,
        ),
        (
            "NOT rule in the last sentences: decided at the end",
            format!("{}Magnetic cell separation. Bosom. Breast.", filler(60)),
            vec!["MACS", "breast"],
            0,
        ),
        (
            "plain phrases and proximity need no wait",
            format!("{}Gatherings of clustering. {}Profound learning.", filler(30), filler(60)),
            vec!["group clustering", "deep learning"],
            0,
        ),
    ];
    for (name, text, attached, late) in cases {
        let (sentences, summary) = streamed(&d, &text);
        assert_eq!(matches(&sentences), attached, "{name}");
        assert_eq!(summary.late_matches, late, "{name}");
        let whole = d.analyze(&text);
        // A late match still counts toward the document: the verdict agrees with `analyze`.
        assert_eq!(summary.spun, whole.spun, "{name}: {} vs {}", summary.score, whole.score);
        if late == 0 {
            assert_eq!(sentences, whole.sentences, "{name}");
        }
    }
}

#[test]
fn late_matches_count_toward_the_document_score() {
    let d = stream_detector();
    // Several held-back matches, each far from its condition: the document is spun.
    let bosoms: String = (0..4).map(|_| format!("Bosom tissue. {}", filler(25))).collect();
    let text = format!("{bosoms}Breast cancer.");
    let (sentences, summary) = streamed(&d, &text);
    assert!(sentences.iter().all(|s| s.matches.is_empty()));
    assert_eq!(summary.late_matches, 4);
    assert!(summary.spun, "{}", summary.score);
    let without = streamed(&d, &text.replace("Breast", "Other")).1;
    assert_eq!(without.late_matches, 0);
    assert!(summary.score > without.score && !without.spun);
    assert!(d.analyze(&text).spun);
}
