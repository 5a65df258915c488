//! The `--jsonl-input` contract (README, "JSON lines contract"), run through the binary: one
//! output line per non-blank input line, in order; ids byte for byte; error records; a BOM;
//! invalid text analyzed with the documented replacement; the line size limit; `--sentences`.

mod common;

use serde_json::Value;

const SPUN: &str = "Russia's armed force stated that unique pressures beat resistance boxers.";

/// Runs `--jsonl-input` with `args` and returns (exit code, stdout lines, stderr).
fn jsonl(args: &[&str], input: &[u8]) -> (Option<i32>, Vec<String>, String) {
    let out =
        common::spinscan(&[&["--jsonl-input", "--format", "jsonl"][..], args].concat(), input);
    let stdout = String::from_utf8(out.stdout).expect("output is UTF-8");
    let lines = stdout.lines().map(str::to_string).collect();
    (out.status.code(), lines, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn parse(line: &str) -> Value {
    serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"))
}

#[test]
fn a_leading_bom_is_skipped() {
    let input =
        format!("\u{FEFF}{{\"id\": 1, \"text\": \"{SPUN}\"}}\n{{\"id\": 2, \"text\": \"x\"}}\n");
    let (code, lines, stderr) = jsonl(&[], input.as_bytes());
    assert_eq!(code, Some(1), "a spun line makes the exit status 1: {stderr}");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(parse(&lines[0])["id"], 1);
    assert_eq!(parse(&lines[0])["spun"], true);
}

#[test]
fn ids_come_back_byte_for_byte() {
    let ids = [
        "12345678901234567890123",
        "1e2",
        "-0.10",
        "1.0",
        "\"caf\\u00e9 \\\"q\\\"\"",
        "\"café\"",
        "[1, 2.50, {\"a\": null}]",
        "null",
        "true",
    ];
    let mut input = String::new();
    for id in ids {
        input.push_str(&format!("{{\"text\": \"The cat sat.\", \"id\": {id}}}\n"));
    }
    let (code, lines, stderr) = jsonl(&[], input.as_bytes());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(lines.len(), ids.len());
    for (line, id) in lines.iter().zip(ids) {
        assert!(line.starts_with(&format!("{{\"id\":{id},\"sentences\":[")), "{id}: {line}");
        parse(line);
    }
    // Text output names the item by the same JSON text.
    let out = common::spinscan(&["--jsonl-input"], b"{\"id\": 1e2, \"text\": \"x\"}\n");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("== -:1 id=1e2: not spun"), "{text}");
}

#[test]
fn every_line_gets_a_record_in_order_errors_included() {
    // (input line, expected record: Ok(id) for a report, Err((id or null, error part)))
    type Expected = Result<Value, (Value, &'static str)>;
    let table: &[(&str, Expected)] = &[
        (r#"{"id": "a", "text": "The cat sat."}"#, Ok("a".into())),
        ("not json", Err((Value::Null, "expected ident at column 2"))),
        ("{oops", Err((Value::Null, "key must be a string at column 2"))),
        (r#"{"id": 7, "text": 3}"#, Err((7.into(), "`text` must be a string"))),
        (r#"{"text": "no id"}"#, Err((Value::Null, "missing field `id`"))),
        (r#"{"id": "b"}"#, Err(("b".into(), "missing field `text`"))),
        (r#"{"id": "c", "text": "unterminated"#, Err(("c".into(), "EOF while parsing"))),
        (r#"{"id": "d", "id": "e", "text": "x"}"#, Err(("d".into(), "duplicate field `id`"))),
        (r#"{"id": "f", "text": "x"} trailing"#, Err(("f".into(), "trailing characters"))),
        (r#"["id", "text"]"#, Err((Value::Null, "invalid type: sequence"))),
        ("", Ok(Value::Null)), // blank: no record
        (r#"{"id": 9, "text": "The cat sat.", "extra": {"x": [1]}}"#, Ok(9.into())),
    ];
    let input: String = table.iter().map(|(line, _)| format!("{line}\n")).collect();
    for threads in ["1", "2"] {
        let (code, lines, stderr) = jsonl(&["--threads", threads], input.as_bytes());
        assert_eq!(code, Some(2), "a bad line makes the exit status 2");
        let expected: Vec<_> =
            table.iter().enumerate().filter(|(_, (line, _))| !line.is_empty()).collect();
        assert_eq!(lines.len(), expected.len(), "{lines:#?}");
        for (line, (i, (input, want))) in lines.iter().zip(expected) {
            let v = parse(line);
            match want {
                Ok(id) => {
                    assert_eq!(&v["id"], id, "{input}");
                    assert!(v["error"].is_null() && v["spun"].is_boolean(), "{input}: {line}");
                }
                Err((id, error)) => {
                    assert_eq!(v["line"], i + 1, "{input}: {line}");
                    assert_eq!(&v["id"], id, "{input}: {line}");
                    assert!(v["error"].as_str().unwrap().contains(error), "{input}: {line}");
                    assert!(v.get("spun").is_none(), "{input}: {line}");
                    assert!(stderr.contains(&format!("-:{}: ", i + 1)), "{stderr}");
                }
            }
        }
    }
}

#[test]
fn invalid_text_is_analyzed_with_the_documented_replacement() {
    // A lone surrogate escape is its three WTF-8 bytes, and invalid bytes are analyzed as
    // U+001A each, as in document mode: offsets count them, `invalid_bytes` says how many.
    let table: &[(&[u8], usize, usize)] = &[
        // (line, invalid_bytes, start of the "unique pressures" match)
        (br#"{"id": 1, "text": "\ud800 The unique pressures arrived."}"#, 3, 8),
        (br#"{"id": 2, "text": "The \udfff\ud800 unique pressures arrived."}"#, 6, 11),
        (b"{\"id\": 3, \"text\": \"The \xFF unique pressures arrived.\"}", 1, 6),
        (b"{\"id\": 4, \"text\": \"The \xE2\x82 unique pressures arrived.\"}", 2, 7),
        (br#"{"id": 5, "text": "The \ud83d\ude00 unique pressures arrived."}"#, 0, 9),
    ];
    for (line, invalid, start) in table {
        let (code, lines, stderr) = jsonl(&[], line);
        let shown = String::from_utf8_lossy(line);
        // One strong entry flags its sentence, not the document: exit status 0.
        assert_eq!(code, Some(0), "{shown}: {stderr}");
        let v = parse(&lines[0]);
        assert_eq!(v["invalid_bytes"], *invalid, "{shown}");
        assert_eq!(v["sentences"][0]["spun"], true, "{shown}");
        assert_eq!(v["spun"], false, "{shown}");
        let m = &v["sentences"][0]["matches"][0];
        assert_eq!(m["start"], *start, "{shown}");
        assert_eq!(m["artifact"], "unique pressures", "{shown}");
    }
    // An invalid byte in a string id comes back as \u001a; outside a string it is an error.
    let (code, lines, _) =
        jsonl(&[], b"{\"id\": \"a\xFFb\", \"text\": \"x\"}\n{\"id\": 1\xFF, \"text\": \"x\"}\n");
    assert_eq!(code, Some(2));
    assert!(lines[0].starts_with(r#"{"id":"a\u001ab","#), "{}", lines[0]);
    assert_eq!(parse(&lines[1])["line"], 2);
}

#[test]
fn a_line_over_the_limit_gets_an_error_record_and_the_next_lines_run() {
    let long = format!("{{\"id\": \"long\", \"text\": \"{}\"}}", "The cat sat. ".repeat(100));
    let input = format!(
        "{{\"id\": 1, \"text\": \"{SPUN}\"}}\n{long}\n{{\"id\": 3, \"text\": \"{SPUN}\"}}\n"
    );
    for threads in ["1", "2"] {
        let (code, lines, stderr) =
            jsonl(&["--max-line-bytes", "1K", "--threads", threads], input.as_bytes());
        assert_eq!(code, Some(2));
        assert_eq!(lines.len(), 3, "{lines:?}");
        let v = parse(&lines[1]);
        assert_eq!(v["line"], 2);
        assert_eq!(v["id"], "long", "the id is read from the start of the line");
        let error = v["error"].as_str().unwrap();
        assert!(error.contains(&format!("line is {} bytes", long.len())), "{error}");
        assert!(error.contains("limit of 1024"), "{error}");
        assert!(stderr.contains("-:2: line is"), "{stderr}");
        assert_eq!(parse(&lines[2])["id"], 3);
        assert_eq!(parse(&lines[2])["spun"], true);
    }
    // Within the limit, the same line runs.
    let (code, lines, _) = jsonl(&["--max-line-bytes", "2K"], input.as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(parse(&lines[1])["spun"], false);
    for bad in ["0", "lots", "-1"] {
        let (code, _, stderr) = jsonl(&["--max-line-bytes", bad], b"");
        assert_eq!(code, Some(2), "{bad}");
        assert!(stderr.contains("--max-line-bytes"), "{stderr}");
    }
}

#[test]
fn sentences_option_keeps_output_proportional_to_the_evidence() {
    // A dictionary of our own, so the weights are known: one strong and one weak artifact.
    let dir = common::temp_dir("jsonl-sentences");
    let dict = dir.join("mine.tsv");
    std::fs::write(
        &dict,
        "zorbly wumpus\tlittle dog\tsynonym\t6\nquiet wumpus\tsmall dog\tsynonym\t1\n",
    )
    .unwrap();
    let dict_args = ["--no-default-dict", "--dict", dict.to_str().unwrap()];
    let clean = "The cat sat on the mat. ".repeat(50);
    let text = format!("{clean}A zorbly wumpus barked. {clean}A quiet wumpus slept.");
    let jsonl_input = format!("{{\"id\": 1, \"text\": \"{text}\"}}\n");
    // (option, sentences listed, the artifacts of those with matches); same verdict in all.
    let table = [("all", 102), ("matched", 2), ("flagged", 1)];
    let mut verdicts = Vec::new();
    for (which, count) in table {
        let args = [&dict_args[..], &["--sentences", which]].concat();
        let (code, lines, stderr) = jsonl(&args, jsonl_input.as_bytes());
        assert_eq!(code, Some(0), "{stderr}");
        let v = parse(&lines[0]);
        let sentences = v["sentences"].as_array().unwrap();
        assert_eq!(sentences.len(), count, "{which}: {}", lines[0]);
        let with_matches: Vec<_> = sentences
            .iter()
            .filter(|s| !s["matches"].as_array().unwrap().is_empty())
            .map(|s| s["matches"][0]["artifact"].as_str().unwrap().to_string())
            .collect();
        let expected = if which == "flagged" {
            &["zorbly wumpus"][..]
        } else {
            &["zorbly wumpus", "quiet wumpus"]
        };
        assert_eq!(with_matches, expected, "{which}");
        if which != "all" {
            assert_eq!(sentences[0]["start"], clean.len(), "{which}: offsets into the whole text");
        }
        verdicts.push((v["score"].clone(), v["spun"].clone()));
        // Document mode lists the same sentences.
        for format in ["json", "jsonl"] {
            let args = [&dict_args[..], &["--format", format, "--sentences", which]].concat();
            let out = common::spinscan(&args, text.as_bytes());
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(v["sentences"].as_array().unwrap().len(), count, "{format} {which}");
        }
    }
    assert!(verdicts.windows(2).all(|w| w[0] == w[1]), "{verdicts:?}");
    let out = common::spinscan(&["--sentences", "some"], b"x");
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn reports_have_the_fields_of_document_mode() {
    let keys = |v: &Value, drop: &str| -> Vec<String> {
        let mut k: Vec<String> =
            v.as_object().unwrap().keys().filter(|k| *k != drop).cloned().collect();
        k.sort();
        k
    };
    let (_, lines, stderr) =
        jsonl(&[], format!("{{\"id\": 1, \"text\": \"{SPUN}\"}}\n").as_bytes());
    let record = parse(lines.first().unwrap_or_else(|| panic!("no output: {stderr}")));
    let out = common::spinscan(&["--format", "jsonl"], SPUN.as_bytes());
    let document: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(keys(&record, "id"), keys(&document, "input"));
    assert_eq!(record["late_matches"], 0);
}
