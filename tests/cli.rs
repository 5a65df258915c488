//! The `spinscan` binary, run as a user would.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

const SPUN: &str = "Russia's armed force stated that unique pressures beat resistance boxers.";

#[test]
fn json_format_follows_the_contract() {
    let out = common::spinscan(&["--format", "json"], SPUN.as_bytes());
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["score"].as_f64().unwrap() > 0.5);
    assert_eq!(v["spun"], true);
    let s = &v["sentences"][0];
    for key in ["start", "end", "score", "spun", "matches"] {
        assert!(!s[key].is_null(), "sentence lacks {key}");
    }
    let m = &s["matches"][0];
    let (start, end) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
    assert_eq!(&SPUN[start..end], m["artifact"].as_str().unwrap());
    assert!(m["original"].is_string() && m["weight"].is_number() && m["kind"].is_string());
}

#[test]
fn text_format_marks_artifacts_with_originals() {
    let out = common::spinscan(&[], SPUN.as_bytes());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout.contains("SPUN"), "{stdout}");
    assert!(stdout.contains("[unique pressures → special forces]"), "{stdout}");
}

#[test]
fn jsonl_input_keeps_ids_reports_bad_lines_and_continues() {
    let input = format!(
        "{{\"id\": 1, \"text\": \"{SPUN}\"}}\nnot json\n\n{{\"id\": \"b\", \"text\": \"The cat sat.\"}}\n{{\"text\": \"no id\"}}\n"
    );
    let out = common::spinscan(&["--jsonl-input", "--format", "jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(2), "malformed lines make the exit status 2");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("-:2:") && stderr.contains("-:5:"), "{stderr}");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one record per non-blank line, error records included");
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["spun"], true);
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].is_string());
    assert_eq!(lines[2]["id"], "b");
    assert_eq!(lines[2]["spun"], false);
    assert_eq!(lines[3]["line"], 5);
}

#[test]
fn jsonl_input_on_several_threads_keeps_input_order_and_errors() {
    // Lines of very different lengths (so workers finish out of order), bad lines and blank
    // lines; more lines than the reader keeps in flight.
    let mut input = String::new();
    for i in 0..700 {
        match i % 7 {
            0 => input.push_str("not json\n"),
            1 => input.push('\n'),
            2 => input.push_str(&format!(
                "{{\"id\": {i}, \"text\": \"{}\"}}\n",
                format!("{SPUN} The cat sat on the mat. ").repeat(200)
            )),
            _ => input.push_str(&format!("{{\"id\": {i}, \"text\": \"{SPUN}\"}}\n")),
        }
    }
    for format in ["jsonl", "text"] {
        let run = |threads: &str| {
            common::spinscan(
                &["--jsonl-input", "--format", format, "--threads", threads],
                input.as_bytes(),
            )
        };
        let (one, many) = (run("1"), run("3"));
        assert_eq!(one.status.code(), Some(2), "bad lines make the exit status 2");
        assert_eq!(many.status.code(), Some(2));
        assert!(!one.stdout.is_empty());
        assert!(one.stdout == many.stdout, "{format}: output differs between 1 and 3 threads");
        assert_eq!(
            String::from_utf8_lossy(&one.stderr),
            String::from_utf8_lossy(&many.stderr),
            "{format}: errors differ or are out of order"
        );
    }
    let ids: Vec<u64> = String::from_utf8(run_jsonl_ids(&input))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["error"].is_null())
        .map(|v| v["id"].as_u64().unwrap())
        .collect();
    let expected: Vec<u64> = (0..700).filter(|i| i % 7 > 1).collect();
    assert_eq!(ids, expected);
    let zero = common::spinscan(&["--jsonl-input", "--threads", "0"], b"");
    assert_eq!(zero.status.code(), Some(2), "--threads 0 is a usage error");
}

fn run_jsonl_ids(input: &str) -> Vec<u8> {
    common::spinscan(&["--jsonl-input", "--format", "jsonl", "--threads", "2"], input.as_bytes())
        .stdout
}

#[test]
fn missing_files_do_not_stop_other_inputs() {
    let dir = common::temp_dir("missing");
    let good = dir.join("good.txt");
    std::fs::write(&good, SPUN).unwrap();
    let missing = dir.join("nope.txt");
    let args = [missing.to_str().unwrap(), good.to_str().unwrap()];
    let out = common::spinscan(&[&["--format", "jsonl"][..], &args[..]].concat(), b"");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nope.txt"), "{stderr}");
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn invalid_utf8_is_reported_and_analyzed() {
    let mut bytes = SPUN.as_bytes().to_vec();
    bytes.splice(4..4, [0xff, 0xfe, 0x80]);
    let out = common::spinscan(&["--format", "json"], &bytes);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("3 bytes of invalid UTF-8"), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["spun"], true);
}

#[test]
fn bad_dictionary_and_bad_usage_exit_2_with_a_message() {
    let dir = common::temp_dir("baddict");
    let dict = dir.join("bad.tsv");
    std::fs::write(&dict, "a\tb\tsynonym\tlots\n").unwrap();
    let out = common::spinscan(&["--dict", dict.to_str().unwrap()], b"x");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.tsv:1") && stderr.contains("not a number"), "{stderr}");
    for args in [&["--format", "xml"][..], &["--threshold", "2"], &["--bogus"]] {
        let out = common::spinscan(args, b"x");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn custom_dictionary_without_default() {
    let dir = common::temp_dir("custom");
    let dict = dir.join("mine.tsv");
    std::fs::write(&dict, "zorbly wumpus\tlittle dog\tsynonym\t4\n").unwrap();
    let out = common::spinscan(
        &["--no-default-dict", "--dict", dict.to_str().unwrap(), "--format", "json"],
        b"A zorbly wumpus barked. Unique pressures left.",
    );
    // One strong entry alone flags its sentence, not the document (README "Scores").
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sentences"][0]["matches"][0]["original"], "little dog");
    assert_eq!(
        (v["sentences"][0]["spun"].as_bool(), v["spun"].as_bool()),
        (Some(true), Some(false))
    );
    assert_eq!(v["sentences"][1]["matches"].as_array().unwrap().len(), 0);
    // A second sentence flagged on its own makes it spun.
    let out = common::spinscan(
        &["--no-default-dict", "--dict", dict.to_str().unwrap(), "-q"],
        b"A zorbly wumpus barked. Unique pressures left. Another zorbly wumpus howled.",
    );
    assert_eq!(out.status.code(), Some(1));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn any_language_judges_a_user_dictionary_of_another_language() {
    let dir = common::temp_dir("any-language");
    let dict = dir.join("fr.tsv");
    std::fs::write(&dict, "réfugiés heureux\tréfugiés\tsynonym\t4\n").unwrap();
    let text = "Les réfugiés heureux sont arrivés hier soir dans la ville avec leurs familles. \
                Les réfugiés heureux ont trouvé un logement chez les habitants.";
    let args = ["--no-default-dict", "--dict", dict.to_str().unwrap(), "--format", "json"];
    // By default French text is not judged.
    let out = common::spinscan(&args, text.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["language"].as_str(), v["applicable"].as_bool()), (Some("fr"), Some(false)));
    let out = common::spinscan(&[&args[..], &["--any-language"]].concat(), text.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["language"].as_str(), v["applicable"].as_bool()), (Some("fr"), Some(true)));
    assert_eq!(v["sentences"][0]["matches"][0]["artifact"], "réfugiés heureux");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn closed_stdout_ends_quietly() {
    let input = format!("{SPUN}\n").repeat(20_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_spinscan"))
        .args(["--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    drop(child.stdout.take()); // the reader goes away, like `| head -0`
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(matches!(out.status.code(), Some(0 | 1)), "status {:?}: {stderr}", out.status);
}

#[test]
fn shared_example_is_flagged_with_originals() {
    let path = common::shared("examples/spun-news-example.txt");
    let out = common::spinscan(&[path.to_str().unwrap()], b"");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout.contains(": SPUN"), "{stdout}");
    assert!(stdout.matches(" → ").count() >= 10, "{stdout}");
}

#[test]
fn allow_list_and_empty_sources() {
    let dir = common::temp_dir("allow");
    let allow = dir.join("allow.txt");
    std::fs::write(&allow, "# fine in our domain\nunique pressures\n").unwrap();
    let out = common::spinscan(
        &["--allow", allow.to_str().unwrap(), "--format", "json"],
        SPUN.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let artifacts: Vec<&str> = v["sentences"][0]["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["artifact"].as_str().unwrap())
        .collect();
    assert!(!artifacts.is_empty() && !artifacts.contains(&"unique pressures"), "{artifacts:?}");
    // An empty allow-list or dictionary is an error that names the file.
    let empty = dir.join("empty.tsv");
    std::fs::write(&empty, "# nothing\n").unwrap();
    for flag in ["--allow", "--dict"] {
        let out = common::spinscan(&[flag, empty.to_str().unwrap()], b"x");
        assert_eq!(out.status.code(), Some(2), "{flag}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("empty.tsv: no entries"), "{flag}: {stderr}");
    }
    std::fs::remove_dir_all(dir).ok();
}

/// The keys of a JSON object, sorted.
fn keys(v: &serde_json::Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
    k.sort();
    k
}

#[test]
fn pps_keeps_the_output_contract_and_offsets_into_the_input_bytes() {
    let dir = common::temp_dir("pps-contract");
    let csv = dir.join("c.csv");
    std::fs::write(
        &csv,
        "tortured_phrase,expected_phrase,num_papers\n\
         \"\"\"profound learning\"\"\",deep learning,3\n\
         \"\"\"glorbed\"\" AND \"\"breast\"\"\",breast,17\n",
    )
    .unwrap();
    let csv = csv.to_str().unwrap();
    // Invalid bytes before, between and inside sentences with matches of both kinds.
    let mut input = b"\xffGlorbed \xfe\x80tissue. ".to_vec();
    input.extend_from_slice(SPUN.as_bytes());
    input.extend_from_slice(b" We used profound learning\xc3 on breast \xe2\x82 scans.");
    let plain = common::spinscan(&["--format", "json"], &input);
    let pps = common::spinscan(&["--format", "json", "--pps", csv], &input);
    let mut reports = Vec::new();
    for out in [&plain, &pps] {
        // Spun: status 1.
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("6 bytes of invalid UTF-8"), "{stderr}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["invalid_bytes"], 6);
        for s in v["sentences"].as_array().unwrap() {
            for m in s["matches"].as_array().unwrap() {
                let (a, b) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
                let artifact = m["artifact"].as_str().unwrap();
                assert_eq!(&input[a as usize..b as usize], artifact.as_bytes(), "{m}");
            }
        }
        reports.push(v);
    }
    let (plain, pps) = (&reports[0], &reports[1]);
    assert_eq!(keys(plain), keys(pps));
    let sentences = |v: &serde_json::Value| -> Vec<(u64, u64)> {
        let s = v["sentences"].as_array().unwrap();
        s.iter().map(|s| (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap())).collect()
    };
    assert_eq!(sentences(plain), sentences(pps));
    for (a, b) in
        plain["sentences"].as_array().unwrap().iter().zip(pps["sentences"].as_array().unwrap())
    {
        assert_eq!(keys(a), keys(b));
        for (m, n) in a["matches"].as_array().unwrap().iter().zip(b["matches"].as_array().unwrap())
        {
            assert_eq!(keys(m), keys(n));
        }
    }
    // The catalogue's matches, the plain phrase and the rule, at their byte offsets.
    let originals: Vec<(&str, u64)> = pps["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["matches"].as_array().unwrap())
        .filter(|m| m["original"] == "breast" || m["original"] == "deep learning")
        .map(|m| (m["original"].as_str().unwrap(), m["start"].as_u64().unwrap()))
        .collect();
    let at = |needle: &[u8]| input.windows(needle.len()).position(|w| w == needle).unwrap() as u64;
    assert_eq!(originals, [("breast", at(b"Glorbed")), ("deep learning", at(b"profound"))]);

    // The text format: the verdict is the last line, in the same shape.
    let plain = common::spinscan(&[], &input);
    let pps = common::spinscan(&["--pps", csv], &input);
    let last = |o: &std::process::Output| {
        String::from_utf8_lossy(&o.stdout).lines().last().unwrap_or("").to_string()
    };
    for line in [last(&plain), last(&pps)] {
        assert!(line.starts_with("-- -: SPUN (score "), "{line}");
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn documents_in_another_language_are_reported_not_judged_in_every_format() {
    let french = "Le gouvernement a annoncé mardi que les forces spéciales avaient été déployées \
                  dans la région, et les habitants sont inquiets pour leurs récoltes cette année.";
    let out = common::spinscan(&[], french.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("not judged: language fr"), "{stdout}");
    for format in ["json", "jsonl"] {
        let out = common::spinscan(&["--format", format], french.as_bytes());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            (&v["language"], &v["applicable"], &v["spun"]),
            (&"fr".into(), &false.into(), &false.into())
        );
    }
    let out = common::spinscan(&["--format", "html"], french.as_bytes());
    assert!(String::from_utf8(out.stdout).unwrap().contains("Not judged: language fr"));
    let out = common::spinscan(
        &["--jsonl-input", "--format", "jsonl"],
        format!("{{\"id\":1,\"text\":\"{french}\"}}\n").as_bytes(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((&v["language"], &v["applicable"]), (&"fr".into(), &false.into()));
    // English says so.
    let out = common::spinscan(&["--format", "json"], SPUN.as_bytes());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((&v["language"], &v["applicable"]), (&"en".into(), &true.into()));
}

/// A document with several distinct substitutions of one spinner's table names the dialect in
/// every format (whole file, stream from stdin, JSON lines); a text with one substitution
/// repeated, or none, has no `dialect` member.
#[test]
fn corroborated_dialect_is_named_in_every_format() {
    const DIALECT: &str = "The irregular backwoods beat the calculated relapse. Our profound \
        learning model has consideration components.";
    const REPEATED: &str = "The irregular backwoods beat the irregular backwoods again.";
    for (text, want) in [(DIALECT, Some(4)), (REPEATED, None), ("The cat sat on the mat.", None)] {
        let json = common::spinscan(&["--format", "json", "-"], text.as_bytes());
        let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let line = format!("{}\n", serde_json::json!({"id": 1, "text": text}));
        let jsonl = common::spinscan(&["--jsonl-input", "--format", "jsonl"], line.as_bytes());
        let l: serde_json::Value = serde_json::from_slice(&jsonl.stdout).unwrap();
        let out = common::spinscan(&[], text.as_bytes());
        let stdout = String::from_utf8(out.stdout).unwrap();
        for v in [&v, &l] {
            match want {
                Some(n) => {
                    assert_eq!(
                        v["dialect"],
                        serde_json::json!({"name": "spinbot", "substitutions": n})
                    )
                }
                None => assert!(v.get("dialect").is_none(), "{text}: {v}"),
            }
        }
        let note = "spinbot dialect (4 distinct substitutions)";
        assert_eq!(stdout.contains(note), want.is_some(), "{text}: {stdout}");
    }
}
