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
    std::fs::write(&input, "Profound learning works.").unwrap();
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
