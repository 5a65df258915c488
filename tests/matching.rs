//! Matching end to end, as a table: `(name, dictionary, text, expected matches)`. A new case is
//! one row. Each row builds a detector on its own dictionary (no default layers) and compares
//! every reported match, in text order, as `(artifact as written, original, kind)`.

use spinscan::{Detector, Kind};

/// A small dictionary shared by most rows.
const DICT: &str = "\
unique pressures\tspecial forces\tsynonym\t4
armed force stated\tmilitary said\tsynonym\t3
profound learning\tdeep learning\ttortured-phrase\t4
counterfeit consciousness\tartificial intelligence\ttortured-phrase\t4.5
vitality productivity\tenergy efficiency\ttortured-phrase\t4
and also\tand\tfiller\t0.5
head of state\tpresident\tsynonym\t1
head of state bashar\tpresident bashar\tsynonym\t3
recidivation\tdeterioration\tsynonym\t0.5
";

type Row<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, &'a str, Kind)]);

const S: Kind = Kind::Synonym;
const T: Kind = Kind::TorturedPhrase;
const F: Kind = Kind::Filler;
const H: Kind = Kind::TornHyphen;

const ROWS: &[Row] = &[
    (
        "plain phrase",
        DICT,
        "Unique pressures arrived.",
        &[("Unique pressures", "special forces", S)],
    ),
    ("case-blind", DICT, "UNIQUE PRESSURES arrived.", &[("UNIQUE PRESSURES", "special forces", S)]),
    (
        "inflected form of a word",
        DICT,
        "A unique pressure arrived.",
        &[("unique pressure", "special forces", S)],
    ),
    (
        "inflected forms in a longer phrase",
        DICT,
        "The armed forces stated nothing.",
        &[("armed forces stated", "military said", S)],
    ),
    (
        "hyphen between the words",
        DICT,
        "Unique-pressures units.",
        &[("Unique-pressures", "special forces", S)],
    ),
    ("punctuation breaks a phrase", DICT, "Unique, pressures arrived.", &[]),
    ("a sentence end breaks a phrase", DICT, "It is unique. Pressures rose.", &[]),
    ("derived forms do not match (Porter2 merges them)", DICT, "Read the vital product data.", &[]),
    (
        "the tortured phrase itself",
        DICT,
        "Energy use and vitality productivity.",
        &[("vitality productivity", "energy efficiency", T)],
    ),
    (
        "leftmost-longest: the longer entry wins",
        DICT,
        "The head of state Bashar spoke.",
        &[("head of state Bashar", "president bashar", S)],
    ),
    (
        "a shorter entry where the longer one does not continue",
        DICT,
        "The head of state spoke.",
        &[("head of state", "president", S)],
    ),
    ("one-word entry", DICT, "Recidivation set in.", &[("Recidivation", "deterioration", S)]),
    ("filler", DICT, "Cats and also dogs.", &[("and also", "and", F)]),
    (
        "two entries in one sentence",
        DICT,
        "Profound learning and counterfeit consciousness.",
        &[
            ("Profound learning", "deep learning", T),
            ("counterfeit consciousness", "artificial intelligence", T),
        ],
    ),
    (
        "zero-width space inside a word",
        DICT,
        "Uni\u{200B}que pressures arrived.",
        &[("Uni\u{200B}que pressures", "special forces", S)],
    ),
    (
        "soft hyphen inside a word",
        DICT,
        "Profound lear\u{00AD}ning works.",
        &[("Profound lear\u{00AD}ning", "deep learning", T)],
    ),
    (
        "full-width letters",
        DICT,
        "ｕｎｉｑｕｅ pressures.",
        &[("ｕｎｉｑｕｅ pressures", "special forces", S)],
    ),
    (
        "Cyrillic look-alike letters",
        DICT,
        "uniqu\u{0435} pr\u{0435}ssures.",
        &[("uniqu\u{0435} pr\u{0435}ssures", "special forces", S)],
    ),
    (
        "curly apostrophe and accents are folded",
        "caf\u{e9} owner\u{2019}s\tdiner owner\tsynonym\t2\n",
        "The cafe owner's dog.",
        &[("cafe owner's", "diner owner", S)],
    ),
    (
        "torn hyphen (no dictionary needed)",
        "",
        "The battle- split city.",
        &[("battle- split", "battle-split", H)],
    ),
    ("a suspended compound is not torn", "", "Pre- and post-war years.", &[]),
    ("a dash typed as a hyphen is not torn", "", "It sank in the pond- there was no wind.", &[]),
    ("nor before a pronoun", "", "After the war- he said- they left.", &[]),
    (
        "nor before a bare suffix (line-break hyphenation)",
        "",
        "They kept bicker- ing all day.",
        &[],
    ),
    ("a line-wrapped hyphen is not torn", "", "A self-\ncontrolled man.", &[]),
    (
        "later line wins for the same stemmed key",
        "big dog\tlarge dog\tsynonym\t1\nbig dogs\thuge hound\tsynonym\t2\n",
        "A big dog barked.",
        &[("big dog", "huge hound", S)],
    ),
];

#[test]
fn matching_table() {
    let mut failures = Vec::new();
    for (name, dict, text, want) in ROWS {
        let mut builder = Detector::builder().no_default_dictionary();
        if !dict.is_empty() {
            builder = builder.dictionary_tsv(dict, "table.tsv");
        }
        let detector = builder.build().unwrap_or_else(|e| panic!("{name}: {e}"));
        let report = detector.analyze(text);
        let got: Vec<(&str, &str, Kind)> = report
            .matches()
            .map(|m| {
                assert_eq!(&text[m.start..m.end], m.artifact, "{name}: offsets slice the text");
                (m.artifact.as_str(), m.original.as_str(), m.kind)
            })
            .collect();
        if got != *want {
            failures.push(format!("{name}: text {text:?}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} rows failed:\n{}", failures.len(), ROWS.len(), {
        failures.join("\n")
    });
}
