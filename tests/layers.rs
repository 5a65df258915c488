//! Dictionary layers, the override rule and allow-lists, end to end, as a table:
//! `(name, default?, layers, text, expected matches)`. Each layer is a TSV source, a compiled
//! dictionary or an allow-list, added to the builder in row order; expected matches are
//! `(artifact as written, original, weight)` in text order. See `Builder`'s documentation for
//! the rule these rows pin down.

use spinscan::{Detector, Dictionary, Error};

#[derive(Clone, Copy)]
enum Layer {
    Tsv(&'static str),
    Compiled(&'static str),
    Allow(&'static str),
}
use Layer::{Allow, Compiled, Tsv};

const BASE: &str = "\
unique pressures\tspecial forces\tsynonym\t4
armed force stated\tmilitary said\tsynonym\t3
vitality productivity\tenergy efficiency\ttortured-phrase\t4
bosom\tbreast\ttortured-phrase\t3
";

type Row = (
    &'static str,
    bool,
    &'static [Layer],
    &'static str,
    &'static [(&'static str, &'static str, f64)],
);

const ROWS: &[Row] = &[
    (
        "one layer",
        false,
        &[Tsv(BASE)],
        "Unique pressures arrived.",
        &[("Unique pressures", "special forces", 4.0)],
    ),
    (
        "a later layer overrides the same key (stemmed: pressure = pressures)",
        false,
        &[Tsv(BASE), Tsv("unique pressure\tspecial force (mine)\tsynonym\t1.5\n")],
        "Unique pressures arrived.",
        &[("Unique pressures", "special force (mine)", 1.5)],
    ),
    (
        "an earlier layer does not override a later one",
        false,
        &[Tsv("unique pressure\tspecial force (mine)\tsynonym\t1.5\n"), Tsv(BASE)],
        "Unique pressures arrived.",
        &[("Unique pressures", "special forces", 4.0)],
    ),
    (
        "a weight-0 entry suppresses the earlier layer's match",
        false,
        &[Tsv(BASE), Tsv("unique pressures\tx\tsynonym\t0\n")],
        "Unique pressures arrived.",
        &[],
    ),
    (
        "a weight-0 entry in the same layer, later line, suppresses too",
        false,
        &[Tsv("unique pressures\tspecial forces\tsynonym\t4\nunique pressures\tx\tsynonym\t0\n")],
        "Unique pressures arrived.",
        &[],
    ),
    (
        "an allowed phrase is not reported",
        false,
        &[Tsv(BASE), Allow("unique pressures\n")],
        "Unique pressures arrived.",
        &[],
    ),
    (
        "allow-lists win whatever their position",
        false,
        &[Allow("# mine\nunique pressures\n"), Tsv(BASE)],
        "A unique pressure arrived.",
        &[],
    ),
    (
        "an allowed phrase covers the matches inside it",
        false,
        &[Tsv(BASE), Allow("the armed forces stated\n")],
        "The armed forces stated it.",
        &[],
    ),
    (
        "a longer match that starts earlier beats an allowed phrase (leftmost-longest)",
        false,
        &[Tsv(BASE), Allow("force stated\n")],
        "The armed forces stated it.",
        &[("armed forces stated", "military said", 3.0)],
    ),
    (
        "the longest phrase of any layer wins",
        false,
        &[
            Tsv("armed force stated\tmilitary said\tsynonym\t3\n"),
            Tsv("armed force\tmilitary\tsynonym\t1\n"),
        ],
        "The armed forces stated it.",
        &[("armed forces stated", "military said", 3.0)],
    ),
    (
        "the longest phrase of any layer wins, either order",
        false,
        &[
            Tsv("armed force\tmilitary\tsynonym\t1\n"),
            Tsv("armed force stated\tmilitary said\tsynonym\t3\n"),
        ],
        "The armed forces stated it.",
        &[("armed forces stated", "military said", 3.0)],
    ),
    (
        "a later key rejected by the inflection check hides the earlier key (its spellings are replaced)",
        false,
        &[Tsv(BASE), Tsv("vital productivity\tX\tsynonym\t2\n")],
        "Energy use and vitality productivity.",
        &[],
    ),
    (
        "one-word entries: the later layer wins",
        false,
        &[Tsv(BASE), Tsv("bosoms\tchest\ttortured-phrase\t2\n")],
        "The bosom.",
        &[("bosom", "chest", 2.0)],
    ),
    ("one-word allow", false, &[Tsv(BASE), Allow("bosom\n")], "The bosom.", &[]),
    (
        "a phrase beats a one-word entry of a later layer",
        false,
        &[
            Tsv("bosom buddy\tclose friend\tsynonym\t2\n"),
            Tsv("bosom\tbreast\ttortured-phrase\t3\n"),
        ],
        "My bosom buddy.",
        &[("bosom buddy", "close friend", 2.0)],
    ),
    (
        "matches from several layers in one sentence",
        false,
        &[
            Tsv("unique pressures\tspecial forces\tsynonym\t4\n"),
            Compiled("bosom\tbreast\ttortured-phrase\t3\n"),
        ],
        "Unique pressures and a bosom.",
        &[("Unique pressures", "special forces", 4.0), ("bosom", "breast", 3.0)],
    ),
    (
        "a compiled layer is overridden like any other",
        false,
        &[Compiled(BASE), Tsv("unique pressures\tmine\tsynonym\t2\n")],
        "Unique pressures arrived.",
        &[("Unique pressures", "mine", 2.0)],
    ),
    (
        "a compiled layer overrides the TSV before it",
        false,
        &[Tsv("unique pressures\tmine\tsynonym\t2\n"), Compiled(BASE)],
        "Unique pressures arrived.",
        &[("Unique pressures", "special forces", 4.0)],
    ),
    (
        "the default, overridden by a user layer",
        true,
        &[Tsv("unique pressures\tspecial forces (mine)\tsynonym\t1.5\n")],
        "The unique pressures arrived.",
        &[("unique pressures", "special forces (mine)", 1.5)],
    ),
    (
        "the default, allowed",
        true,
        &[Allow("unique pressures\n")],
        "The unique pressures arrived.",
        &[],
    ),
];

fn build(default: bool, layers: &[Layer]) -> Result<Detector, Error> {
    let mut b = Detector::builder();
    if !default {
        b = b.no_default_dictionary();
    }
    for (i, layer) in layers.iter().enumerate() {
        let origin = format!("layer{i}");
        b = match *layer {
            Tsv(text) => b.dictionary_tsv(text, &origin),
            Compiled(text) => b.dictionary(Dictionary::from_tsv(text, &origin)?),
            Allow(text) => b.allow_text(text, &origin),
        };
    }
    b.build()
}

#[test]
fn layer_table() {
    let mut failures = Vec::new();
    for &(name, default, layers, text, expected) in ROWS {
        let detector = build(default, layers).unwrap_or_else(|e| panic!("{name}: {e}"));
        let report = detector.analyze(text);
        let got: Vec<(&str, &str, f64)> = report
            .matches()
            .map(|m| (m.artifact.as_str(), m.original.as_str(), m.weight))
            .collect();
        if got != expected {
            failures.push(format!("{name}:\n  expected {expected:?}\n  got      {got:?}"));
        }
        // Streaming applies the same rule.
        let mut streamed = Vec::new();
        detector
            .analyze_reader(text.as_bytes(), |_, s| {
                streamed.extend(s.matches.iter().map(|m| (m.artifact.clone(), m.original.clone())));
                Ok(())
            })
            .unwrap();
        let want: Vec<(String, String)> =
            expected.iter().map(|&(a, o, _)| (a.to_string(), o.to_string())).collect();
        if streamed != want {
            failures.push(format!("{name} (analyze_reader): got {streamed:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn layers_are_compiled_on_their_own() {
    // The default is never recompiled; consecutive TSV sources make one layer; a compiled
    // dictionary is a layer as it is; the allow-lists make the last layer.
    let compiled = Dictionary::from_tsv("bosom\tbreast\ttortured-phrase\t3\n", "c.tsv").unwrap();
    let d = Detector::builder()
        .dictionary_tsv("a b\tc\tsynonym\t1\n", "1.tsv")
        .allow_text("x y\n", "allow.txt")
        .dictionary_tsv("d e\tf\tsynonym\t1\ng h\ti\tsynonym\t1\n", "2.tsv")
        .dictionary(compiled.clone())
        .build()
        .unwrap();
    let sizes: Vec<usize> = d.layers().iter().map(Dictionary::len).collect();
    assert_eq!(sizes, [Dictionary::embedded().len(), 3, 1, 1]);
    assert_eq!(d.layers()[2].as_bytes(), compiled.as_bytes());
    assert_eq!(d.dictionary().len(), Dictionary::embedded().len());
}

#[test]
fn empty_and_malformed_sources_are_errors_that_name_them() {
    let cases: &[(&[Layer], &str)] = &[
        (&[Tsv("")], "layer0: no entries"),
        (&[Tsv("# only a comment\n\n   \n")], "layer0: no entries"),
        (&[Tsv(BASE), Allow("")], "layer1: no entries"),
        (&[Allow("# nothing to allow\n")], "layer0: no entries"),
        (&[Allow("ok\nunique\tpressures\n")], "layer0:2: an allow-list line is one phrase"),
        (&[Allow("fine phrase\ne.g. this\n")], "layer0:2: punctuation inside"),
        (&[Allow("aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo pp qq\n")], "layer0:1:"),
    ];
    for (layers, want) in cases {
        let err = build(false, layers).expect_err(want).to_string();
        assert!(err.contains(want), "{want:?} not in {err:?}");
    }
    let dir = std::env::temp_dir().join(format!("spinscan-layers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.tsv");
    std::fs::write(&empty, "# nothing yet\n").unwrap();
    let err = Detector::builder().dictionary_path(&empty).build().unwrap_err();
    assert!(matches!(err, Error::Empty { .. }) && err.to_string().contains("empty.tsv"), "{err}");
    let err = Detector::builder().allow_path(&empty).build().unwrap_err();
    assert!(err.to_string().contains("empty.tsv: no entries"), "{err}");
    let missing = dir.join("missing.txt");
    let err = Detector::builder().allow_path(&missing).build().unwrap_err();
    assert!(matches!(err, Error::Io { .. }) && err.to_string().contains("missing.txt"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_compiled_file_is_a_layer_without_recompiling() {
    let dict = Dictionary::from_tsv(BASE, "base.tsv").unwrap();
    let dir = std::env::temp_dir().join(format!("spinscan-compiled-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("base.spinscan");
    std::fs::write(&path, dict.as_bytes()).unwrap();
    let d = Detector::builder().no_default_dictionary().dictionary_path(&path).build().unwrap();
    assert_eq!(d.layers().len(), 1);
    assert_eq!(d.dictionary().as_bytes(), dict.as_bytes());
    assert_eq!(d.analyze("The bosom.").matches().count(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn alternating_detectors_give_identical_results() {
    // Each dictionary keeps its own stem cache on a thread, so detectors used in turn neither
    // reset nor confuse each other's caches.
    let a = Detector::new();
    let b = Detector::builder()
        .no_default_dictionary()
        .dictionary_tsv("the cat\tthe dog\tsynonym\t2\nunique pressures\tX\tsynonym\t1\n", "b.tsv")
        .build()
        .unwrap();
    let c = Detector::builder()
        .dictionary_tsv("cat sat\tdog lay\tsynonym\t3\n", "c.tsv")
        .build()
        .unwrap();
    let texts = [
        "The unique pressures arrived. The cat sat on the mat.",
        "Russia's armed force stated that resistance boxers fought.",
        "The cat sat. Unique pressures. Profound learning of the bosom.",
    ];
    let alone: Vec<Vec<_>> = [&a, &b, &c]
        .iter()
        .map(|d| {
            std::thread::scope(|s| {
                s.spawn(|| texts.iter().map(|t| d.analyze(t)).collect::<Vec<_>>()).join().unwrap()
            })
        })
        .collect();
    for round in 0..3 {
        for (k, d) in [&a, &b, &c].iter().enumerate() {
            for (i, t) in texts.iter().enumerate() {
                assert_eq!(d.analyze(t), alone[k][i], "round {round}, detector {k}, text {i}");
            }
        }
    }
    assert_ne!(alone[0], alone[1]);
    assert_ne!(alone[1], alone[2]);
}

#[test]
fn a_batch_asking_for_4000_threads_does_not_panic() {
    let detector = Detector::new();
    let texts: Vec<String> =
        (0..5000).map(|i| format!("Document {i}: the unique pressures arrived.")).collect();
    let reports = detector.analyze_batch_threads(&texts, 4000);
    assert_eq!(reports.len(), texts.len());
    for (r, t) in reports.iter().zip(&texts).step_by(97) {
        assert_eq!(*r, detector.analyze(t));
    }
    assert!(reports.iter().all(|r| r.flagged().count() == 1));
}

/// With disjoint keys, two layers find exactly what one merged dictionary finds: the layered
/// matcher's leftmost-longest merge is the single matcher's. Checked on the curated entries
/// (every spelling), split in two layers, over a text made of the entries and honest words.
#[test]
fn two_layers_with_disjoint_keys_match_like_one_dictionary() {
    let default = Dictionary::embedded();
    let (mut even, mut odd, mut text) = (String::new(), String::new(), String::new());
    for (i, e) in default.iter().enumerate().take(6000) {
        let half = if i % 2 == 0 { &mut even } else { &mut odd };
        half.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\n",
            e.artifact, e.original, e.kind, e.weight, e.domain, e.source
        ));
        text.push_str(["The ", "and ", "Then "][i % 3]);
        text.push_str(e.artifact);
        text.push_str([" arrived. ", " of the ", " and also "][i % 3]);
    }
    let merged = Detector::builder()
        .no_default_dictionary()
        .dictionary_tsv(&format!("{even}{odd}"), "all.tsv")
        .build()
        .unwrap();
    let layered = Detector::builder()
        .no_default_dictionary()
        .dictionary_tsv(&even, "even.tsv")
        .dictionary(Dictionary::from_tsv(&odd, "odd.tsv").unwrap())
        .build()
        .unwrap();
    assert_eq!(layered.layers().len(), 2);
    let (a, b) = (merged.analyze(&text), layered.analyze(&text));
    assert!(a.matches().count() > 1000, "{} matches", a.matches().count());
    assert_eq!(a, b);
}
