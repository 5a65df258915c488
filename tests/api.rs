//! The public API, end to end.

mod common;

use spinscan::{Detector, Dictionary, Error, Kind, Report};

fn assert_well_formed(text: &str, report: &Report) {
    assert!(report.score.is_finite() && (0.0..=1.0).contains(&report.score));
    let mut last_end = 0;
    for s in &report.sentences {
        assert!(s.start <= s.end && s.end <= text.len());
        assert!(s.start >= last_end, "sentences overlap or are out of order");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(s.score.is_finite() && (0.0..=1.0).contains(&s.score));
        let mut match_end = s.start;
        for m in &s.matches {
            assert!(m.start >= match_end && m.end <= s.end, "match outside its sentence");
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            assert_eq!(&text[m.start..m.end], m.artifact);
            match_end = m.end;
        }
        last_end = s.end;
    }
}

#[test]
fn detector_is_send_sync_and_cheap_to_clone() {
    fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync::<Detector>();
    assert_send_sync::<Dictionary>();
}

#[test]
fn default_dictionary_has_layers_of_every_domain() {
    let dict = Dictionary::embedded();
    assert!(dict.len() >= 500, "only {} entries", dict.len());
    let domains: std::collections::BTreeSet<&str> = dict.iter().map(|e| e.domain).collect();
    assert!(domains.contains("news") && domains.contains("science"), "{domains:?}");
    for kind in [Kind::Synonym, Kind::Filler, Kind::TorturedPhrase, Kind::AcronymExpansion] {
        assert!(dict.iter().any(|e| e.kind == kind), "no {kind} entries");
    }
}

#[test]
fn empty_and_trivial_inputs_have_defined_results() {
    let d = Detector::new();
    for text in ["", " ", "\n\n\n", ".", "\u{200B}", "!!!???...", "a"] {
        let r = d.analyze(text);
        assert_well_formed(text, &r);
        assert!(!r.spun, "{text:?} flagged");
    }
    assert!(d.analyze("").sentences.is_empty());
}

#[test]
fn spun_sentences_are_explained() {
    let d = Detector::new();
    let text = "Russia's armed force stated Tuesday that unique pressures had pushed resistance \
                boxers out of the battle- split city. The cat sat on the mat.";
    let r = d.analyze(text);
    assert_well_formed(text, &r);
    assert_eq!(r.sentences.len(), 2);
    assert!(r.sentences[0].spun);
    assert!(!r.sentences[1].spun);
    let originals: Vec<&str> = r.sentences[0].matches.iter().map(|m| m.original.as_str()).collect();
    assert!(originals.contains(&"special forces"), "{originals:?}");
    assert!(originals.contains(&"opposition fighters"), "{originals:?}");
    assert!(r.sentences[0].matches.iter().any(|m| m.kind == Kind::TornHyphen));
}

#[test]
fn honest_prose_with_legitimate_phrases_is_not_flagged() {
    let d = Detector::new();
    let r = d.analyze(common::HONEST);
    assert_well_formed(common::HONEST, &r);
    assert!(!r.spun, "document flagged: {}", r.score);
    let flagged: Vec<&str> = r.flagged().map(|s| &common::HONEST[s.start..s.end]).collect();
    assert!(flagged.is_empty(), "flagged: {flagged:#?}");
}

/// Porter2 gives "vitality productivity" and "vital product" the same stems; an entry matches
/// inflected forms of its own words only, never derived ones.
#[test]
fn derived_words_do_not_match_an_entry_with_the_same_stems() {
    let tsv = "vitality productivity\tenergy efficiency\ttortured-phrase\t4.5\n\
               instructive level\teducational level\ttortured-phrase\t4.5\n";
    let d =
        Detector::builder().no_default_dictionary().dictionary_tsv(tsv, "t.tsv").build().unwrap();
    for honest in [
        "The firmware reports vital product data for each board.",
        "The compiler exploits instruction level parallelism.",
    ] {
        let r = d.analyze(honest);
        assert!(r.sentences.iter().all(|s| s.matches.is_empty()), "{honest}: {r:?}");
    }
    for spun in ["Vitality productivities rose.", "It raised the instructive levels of pupils."] {
        let r = d.analyze(spun);
        assert_eq!(r.sentences[0].matches.len(), 1, "{spun}: {r:?}");
    }
    let dict = d.dictionary();
    assert!(dict.get("vital product").is_none());
    assert_eq!(dict.get("Vitality Productivities").unwrap().original, "energy efficiency");
    // The default dictionary on technical prose whose stems collide with its entries.
    let d = Detector::new();
    for honest in [
        "The firmware reports vital product data for each board.",
        "The compiler exploits instruction level parallelism.",
        "We wrote a small virtual machine interpreter in C.",
        "The tool computes the measurement program for each sensor.",
        // Honest inflected spellings of curated keys (tools/generate/check_curated.py).
        "The strike had a direct impact on sales.",
        "The following components are required by the installer.",
        "Shoppers compare prices before making buying choices.",
        "Flying debris injured two people.",
        "Children develop basic motor skills early.",
        "When cravings strike, drink a glass of water.",
        "The atmosphere changed after the verdict.",
        "The estimate came out remarkably smooth.",
        "The following metals were measured in each sample.",
        "Heat moves from the warmer object to the cooler one.",
        "Police are battling crime in the northern suburbs.",
        "Emerging and established nations signed the accord.",
        "The grant will aid teachers in rural schools.",
        "The storm was centered east of Bermuda.",
        "It was a profound learning experience.",
        // A generated spelling must not borrow a curated entry's weight (another original).
        "Head of state elections are held every five years.",
    ] {
        let r = d.analyze(honest);
        assert!(!r.spun && r.sentences.iter().all(|s| !s.spun), "{honest}: {r:?}");
    }
}

/// Two spellings of one stemmed key ("neural organization", "neural organize"): the later line
/// wins, and hits on either spelling survive the inflection check, also after the compiled
/// bytes are reloaded and after merging with another dictionary.
#[test]
fn every_spelling_of_a_key_keeps_matching() {
    let tsv = "neural organization\tneural network\ttortured-phrase\t4.5\n\
               neural organize\tneural network\ttortured-phrase\t3.5\n";
    let dict = spinscan::Dictionary::from_tsv(tsv, "t.tsv").unwrap();
    assert_eq!(dict.len(), 1);
    let entry = dict.get("neural organizations").expect("the first spelling still matches");
    assert_eq!((entry.artifact, entry.weight), ("neural organize", 3.5));
    assert!(dict.get("neural organizes").is_some());
    assert!(dict.get("neural organ").is_none(), "derived, not inflected");
    let reloaded = spinscan::Dictionary::from_compiled(dict.as_bytes().to_vec(), "t.bin").unwrap();
    let merged = Detector::builder()
        .no_default_dictionary()
        .dictionary(reloaded)
        .dictionary_tsv("unique pressures\tspecial forces\tsynonym\t3.0\n", "u.tsv")
        .build()
        .unwrap();
    for text in ["A neural organization was trained.", "It was a neural organize."] {
        let r = merged.analyze(text);
        assert_eq!(r.matches().count(), 1, "{text}: {r:?}");
    }
}

/// A phrase rejected by the inflection check leaves room for a shorter entry at the same word
/// and for entries that start inside it.
#[test]
fn a_rejected_phrase_falls_back_to_shorter_and_later_entries() {
    let tsv = "profound learning\tdeep learning\ttortured-phrase\t4.5\n\
               profound learning organization\tdeep learning network\ttortured-phrase\t4.5\n\
               vitality productivity\tenergy efficiency\ttortured-phrase\t4.5\n\
               productivity information\tefficiency data\ttortured-phrase\t4.5\n";
    let d =
        Detector::builder().no_default_dictionary().dictionary_tsv(tsv, "t.tsv").build().unwrap();
    let originals =
        |text: &str| d.analyze(text).matches().map(|m| m.original.clone()).collect::<Vec<_>>();
    assert_eq!(originals("They trained profound learning organs on it."), ["deep learning"]);
    assert_eq!(originals("It used profound learning organizations."), ["deep learning network"]);
    assert_eq!(originals("It reports vital productivity information daily."), ["efficiency data"]);
}

/// Lines that share a stemmed key keep all their spellings, up to the record's 64 KiB; beyond
/// that compiling is an error naming the line, not a silent loss.
#[test]
fn too_many_spellings_for_one_key_is_an_error() {
    let mut tsv = String::new();
    for bits in 0..1024u32 {
        let words: Vec<&str> =
            (0..10).map(|i| if bits >> i & 1 == 1 { "organizes" } else { "organize" }).collect();
        tsv.push_str(&format!("{}\tx\tsynonym\t1.0\n", words.join(" ")));
    }
    let err = spinscan::Dictionary::from_tsv(&tsv, "many.tsv").unwrap_err().to_string();
    assert!(err.contains("many.tsv") && err.contains("65,535 bytes"), "{err}");
}

#[test]
fn shared_spun_example_is_flagged() {
    let path = common::shared("examples/spun-news-example.labels.tsv");
    let labels = std::fs::read_to_string(path).unwrap();
    let d = Detector::new();
    let (mut spun, mut caught) = (0, 0);
    for row in labels.lines().skip(1) {
        let mut cols = row.split('\t');
        let (Some(label), Some(sentence)) = (cols.next(), cols.next()) else {
            continue;
        };
        if label == "1" {
            spun += 1;
            caught += usize::from(d.analyze(sentence).sentences.iter().any(|s| s.spun));
        }
    }
    assert!(spun >= 10);
    assert!(caught * 10 >= spun * 9, "{caught} of {spun} spun sentences flagged");
    let text = std::fs::read_to_string(common::shared("examples/spun-news-example.txt")).unwrap();
    let r = d.analyze(&text);
    assert_well_formed(&text, &r);
    assert!(r.spun && r.score > 0.9, "document score {}", r.score);
}

/// The false-flag limits on the shared clean corpora (at most 1% of sentences and at
/// most 1 article in 100), so a change to the scoring model or the dictionary cannot quietly
/// trade precision for recall. Texts shorter than an article count too: every run of 1, 3, 10
/// and 20 consecutive sentences of those articles, analyzed alone, stays under 1%. The measured
/// figures are in README "Evaluation".
#[test]
fn shared_clean_corpora_stay_under_the_false_flag_limits() {
    let abc = common::shared("data/clean/abc-news-2001.txt");
    let wiki = common::shared("data/clean/wikipedia-2017-sample.txt");
    let d = Detector::new();
    let abc = std::fs::read_to_string(abc).unwrap();
    let wiki = std::fs::read_to_string(wiki).unwrap();
    // ABC: one article per line. Wikipedia: articles separated by blank lines.
    let corpora =
        [("abc", abc.lines().collect::<Vec<_>>()), ("wiki", wiki.split("\n\n").collect())];
    for (name, docs) in corpora {
        let docs: Vec<&str> = docs.into_iter().filter(|t| !t.trim().is_empty()).collect();
        let (mut sentences, mut flagged, mut docs_flagged) = (0, 0, 0);
        // [1, 3, 10, 20]-sentence runs: (flagged, runs)
        let mut runs = [(1, 0, 0), (3, 0, 0), (10, 0, 0), (20, 0, 0)];
        for text in &docs {
            let r = d.analyze(text);
            sentences += r.sentences.len();
            flagged += r.flagged().count();
            docs_flagged += usize::from(r.spun);
            for (k, run_flagged, n) in &mut runs {
                for run in r.sentences.chunks_exact(*k) {
                    let part = &text[run[0].start..run[*k - 1].end];
                    *run_flagged += usize::from(d.analyze(part).spun);
                    *n += 1;
                }
            }
        }
        assert!(docs.len() >= 100 && sentences >= 2000, "{name}: {} docs", docs.len());
        assert!(flagged * 100 <= sentences, "{name}: {flagged} of {sentences} sentences flagged");
        assert!(
            docs_flagged * 100 <= docs.len(),
            "{name}: {docs_flagged} of {} articles",
            docs.len()
        );
        for (k, run_flagged, n) in runs {
            assert!(run_flagged * 100 <= n, "{name}: {run_flagged} of {n} {k}-sentence runs");
        }
    }
}

#[test]
fn builder_merges_later_wins_and_drops_default() {
    let d = Detector::builder()
        .no_default_dictionary()
        .dictionary_tsv("unique pressures\tspecial forces\tsynonym\t1.0\n", "a.tsv")
        .dictionary_tsv("Unique pressure\tspecial force (override)\tsynonym\t4.0\n", "b.tsv")
        .build()
        .unwrap();
    assert_eq!(d.dictionary().len(), 1);
    let r = d.analyze("Unique pressures arrived.");
    assert_eq!(r.sentences[0].matches[0].original, "special force (override)");
    assert_eq!(r.sentences[0].matches[0].weight, 4.0);
    assert!(r.sentences[0].spun);

    let merged = Detector::builder()
        .dictionary_tsv("zorbly wumpus\tfoo\tsynonym\t4\n", "mine.tsv")
        .build()
        .unwrap();
    // The default is not recompiled: the user source is a layer of its own.
    let sizes: Vec<usize> = merged.layers().iter().map(Dictionary::len).collect();
    assert_eq!(sizes, [Dictionary::embedded().len(), 1]);
}

#[test]
fn longest_match_wins_and_matches_do_not_overlap() {
    let tsv = "armed force\tmilitary\tsynonym\t1\narmed force stated\tmilitary said\tsynonym\t3\nstated tuesday\tsaid tuesday\tsynonym\t2\n";
    let d = Detector::builder().no_default_dictionary().dictionary_tsv(tsv, "t").build().unwrap();
    let r = d.analyze("The armed forces stated Tuesday that it was over.");
    let m: Vec<(&str, &str)> =
        r.matches().map(|m| (m.artifact.as_str(), m.original.as_str())).collect();
    assert_eq!(m, [("armed forces stated", "military said")]);
}

#[test]
fn matching_tolerates_case_inflection_hyphens_and_evasion_characters() {
    let tsv = "carbon monoxide ordinating\tco-ordinating\tacronym-expansion\t4\nneural organization\tneural network\ttortured-phrase\t4\n";
    let d = Detector::builder().no_default_dictionary().dictionary_tsv(tsv, "t").build().unwrap();
    for text in [
        "They were Carbon Monoxide- ordinating the effort.",
        "They were carbon monoxide-ordinating the effort.",
        "They were carbon\u{00A0}monoxide–ordinating the effort.",
        "We trained Neural Organizations on it.",
        "We trained neu\u{200B}ral orga\u{00AD}nizations on it.",
        "We trained ｎｅｕｒａｌ organizations on it.",
        "We trained nеurаl organizations on it.", // Cyrillic е and а
    ] {
        let r = d.analyze(text);
        assert_well_formed(text, &r);
        assert_eq!(r.matches().count(), 1, "{text:?}");
        assert!(r.sentences[0].spun, "{text:?}");
    }
    // Punctuation between words breaks a phrase.
    assert_eq!(d.analyze("The neural, organization met.").matches().count(), 0);
}

#[test]
fn spintax_and_suspended_hyphens() {
    let d = Detector::builder().no_default_dictionary().build().unwrap();
    let r = d.analyze("This {great|wonderful|amazing} product works.");
    assert_eq!(r.matches().next().map(|m| m.kind), Some(Kind::Spintax));
    let r = d.analyze("Both pre- and post-war policies, and two- or three-year terms.");
    assert_eq!(r.matches().count(), 0);
}

#[test]
fn dictionary_errors_name_file_line_and_reason() {
    let dir = std::env::temp_dir().join(format!("spinscan-api-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.tsv");
    std::fs::write(&path, "# header\nok\tfine\tsynonym\t1\nbroken line\tx\tnot-a-kind\t1\n")
        .unwrap();
    let err = Detector::builder().dictionary_path(&path).build().unwrap_err();
    assert!(matches!(err, Error::Dictionary { line: 3, .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("bad.tsv:3") && msg.contains("unknown kind"), "{msg}");

    let err = Detector::builder().dictionary_path(dir.join("missing.tsv")).build().unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");

    std::fs::write(&path, b"ok\tfine\tsynonym\t1\nbad \xff\tx\tsynonym\t1\n").unwrap();
    let err = Detector::builder().dictionary_path(&path).build().unwrap_err();
    assert!(err.to_string().contains("bad.tsv:2") && err.to_string().contains("UTF-8"), "{err}");

    let compiled = dir.join("d.spinscan");
    let dict = Dictionary::from_tsv("a b\tc\tsynonym\t2\n", "x").unwrap();
    std::fs::write(&compiled, dict.as_bytes()).unwrap();
    let d = Detector::builder().no_default_dictionary().dictionary_path(&compiled).build().unwrap();
    assert_eq!(d.dictionary().len(), 1);
    let mut broken = dict.as_bytes().to_vec();
    broken.truncate(broken.len() - 3);
    std::fs::write(&compiled, &broken).unwrap();
    let err = Detector::builder().dictionary_path(&compiled).build().unwrap_err();
    assert!(matches!(err, Error::Compiled { .. }), "{err:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn threshold_is_validated_and_applied() {
    assert!(matches!(Detector::builder().threshold(1.5).build(), Err(Error::Threshold(_))));
    assert!(Detector::builder().threshold(f64::NAN).build().is_err());
    let strict = Detector::builder().threshold(1.0).build().unwrap();
    let r = strict.analyze("Unique pressures and resistance boxers and also armed force stated.");
    assert!(!r.spun && r.flagged().count() == 0);
}

#[test]
fn reports_round_trip_through_json() {
    let d = Detector::new();
    let r = d.analyze("The unique pressures arrived. Then resistance boxers left.");
    let json = serde_json::to_string(&r).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(r, back);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let m = &v["sentences"][0]["matches"][0];
    for key in ["start", "end", "artifact", "original", "weight", "kind"] {
        assert!(!m[key].is_null(), "missing {key} in {m}");
    }
}

#[test]
fn one_detector_shared_across_threads_gives_single_threaded_results() {
    let d = Detector::new();
    let texts: Vec<String> = (0..8)
        .map(|i| {
            format!("Text {i}: unique pressures and resistance boxers and also {i} cats. Fine.")
        })
        .collect();
    let expected: Vec<Report> = texts.iter().map(|t| d.analyze(t)).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| texts.iter().map(|t| d.analyze(t)).collect::<Vec<_>>()))
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), expected);
        }
    });
}

/// The shared spun example is written in the Spinbot-style dialect: the report names it, and
/// streaming the same text names it too, with the same score.
#[test]
fn shared_example_names_its_dialect_whole_and_streamed() {
    let text = std::fs::read_to_string(common::shared("examples/spun-news-example.txt")).unwrap();
    let d = Detector::new();
    let report = d.analyze(&text);
    let dialect = report.dialect.expect("the shared example's dialect");
    assert_eq!(dialect.dialect, spinscan::Dialect::Spinbot);
    assert!(dialect.substitutions >= 8, "{dialect:?}");
    let summary = d.analyze_reader(text.as_bytes(), |_, _| Ok(())).unwrap();
    assert_eq!((summary.dialect, summary.score), (report.dialect, report.score));
    // One sentence of it is too little text to corroborate anything.
    let first = &report.sentences[0];
    assert_eq!(d.analyze(&text[first.start..first.end]).dialect, None);
}
