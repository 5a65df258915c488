//! The command-line conventions (README, "Command line"): exit status, `-q`/`-c`/`-l`, colour,
//! escaping, wrapping, directories, the JSON sentence text, and the HTML report's escaping and
//! structure. Each runs the binary as a user would.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

const SPUN: &str = "Russia's armed force stated that unique pressures beat resistance boxers.";
const CLEAN: &str = "The cat sat on the mat. It was a sunny day.";

fn run_env(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    use std::io::Write;
    let mut command = Command::new(env!("CARGO_BIN_EXE_spinscan"));
    command.env_remove("NO_COLOR").env_remove("COLUMNS");
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// A directory holding `spun.txt` and `clean.txt`.
fn two_files(name: &str) -> std::path::PathBuf {
    let dir = common::temp_dir(name);
    std::fs::write(dir.join("spun.txt"), SPUN).unwrap();
    std::fs::write(dir.join("clean.txt"), CLEAN).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn exit_status_is_0_clean_1_spun_2_error() {
    let dir = two_files("exit");
    let (spun, clean, missing) = (dir.join("spun.txt"), dir.join("clean.txt"), dir.join("none"));
    let jsonl_spun =
        format!("{{\"id\":1,\"text\":\"{SPUN}\"}}\n{{\"id\":2,\"text\":\"{CLEAN}\"}}\n");
    let jsonl_clean = format!("{{\"id\":1,\"text\":\"{CLEAN}\"}}\n");
    // (arguments, stdin, expected status)
    let cases: &[(&[&str], &str, i32)] = &[
        (&[s(&clean)], "", 0),
        (&[s(&spun)], "", 1),
        (&[s(&clean), s(&spun)], "", 1),
        (&[s(&spun), s(&missing)], "", 2), // an error wins over a spun input
        (&["--exit-zero", s(&spun)], "", 0),
        (&["--exit-zero", s(&clean), s(&missing)], "", 2),
        (&["--format", "json", s(&spun)], "", 1),
        (&["--format", "html", s(&spun)], "", 1),
        (&["--format", "html", s(&clean)], "", 0),
        (&[], SPUN, 1),
        (&["--jsonl-input"], &jsonl_spun, 1),
        (&["--jsonl-input", "--threads", "2", "--format", "jsonl"], &jsonl_spun, 1),
        (&["--jsonl-input"], &jsonl_clean, 0),
        (&["--jsonl-input", "--exit-zero"], &jsonl_spun, 0),
        (&["--color", "sometimes"], "", 2),
    ];
    for (args, stdin, expected) in cases {
        let out = run_env(args, stdin.as_bytes(), &[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(*expected), "{args:?}: {stderr}");
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn quiet_count_and_files_with_spun() {
    let dir = two_files("listing");
    let (spun, clean) = (dir.join("spun.txt"), dir.join("clean.txt"));
    for flag in ["-q", "--quiet"] {
        let out = run_env(&[flag, s(&clean), s(&spun)], b"", &[]);
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty(), "{flag}: {}", stdout(&out));
    }
    for flag in ["-c", "--count"] {
        let out = run_env(&[flag, s(&clean), s(&spun)], b"", &[]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(stdout(&out), format!("{}:0\n{}:1\n", s(&clean), s(&spun)), "{flag}");
    }
    for flag in ["-l", "--files-with-spun"] {
        let out = run_env(&[flag, s(&clean), s(&spun)], b"", &[]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(stdout(&out), format!("{}\n", s(&spun)), "{flag}");
        let out = run_env(&[flag, s(&clean)], b"", &[]);
        assert_eq!((out.status.code(), stdout(&out)), (Some(0), String::new()));
    }
    // With --jsonl-input an input is the file: -c counts the flagged sentences of all its lines.
    let jsonl =
        format!("{{\"id\":1,\"text\":\"{SPUN} {SPUN}\"}}\n{{\"id\":2,\"text\":\"{SPUN}\"}}\n");
    let out = run_env(&["--jsonl-input", "-c", "--threads", "2"], jsonl.as_bytes(), &[]);
    assert_eq!(stdout(&out), "-:3\n");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn colour_only_when_asked_or_on_a_terminal_and_never_with_no_color() {
    let has_sgr = |out: &Output| out.stdout.windows(2).any(|w| w == b"\x1b[");
    // (arguments, environment, coloured?) — stdout is a pipe here, so `auto` means no colour.
    type Env<'a> = &'a [(&'a str, &'a str)];
    let cases: &[(&[&str], Env, bool)] = &[
        (&[], &[], false),
        (&["--color", "auto"], &[], false),
        (&["--color", "always"], &[], true),
        (&["--color=always"], &[("NO_COLOR", "1")], true), // an explicit flag wins
        (&["--color", "never"], &[], false),
    ];
    for (args, env, coloured) in cases {
        let out = run_env(args, SPUN.as_bytes(), env);
        assert_eq!(has_sgr(&out), *coloured, "{args:?} {env:?}: {}", stdout(&out));
    }
    let out = run_env(&["--color", "always"], SPUN.as_bytes(), &[]);
    let text = stdout(&out);
    assert!(text.contains("\x1b[1;31munique pressures\x1b[0m"), "artifact coloured: {text:?}");
    assert!(text.contains("\x1b[32mspecial forces\x1b[0m"), "original coloured: {text:?}");
}

/// A real terminal (a pseudo-terminal from util-linux `script`): `auto` colours it unless
/// `NO_COLOR` is set, and wraps to `COLUMNS`.
#[test]
#[cfg(target_os = "linux")]
fn on_a_terminal_auto_colours_and_wraps_unless_no_color() {
    let dir = common::temp_dir("tty");
    let input = dir.join("spun.txt");
    std::fs::write(&input, SPUN).unwrap();
    let command = format!("{} {}", env!("CARGO_BIN_EXE_spinscan"), input.display());
    let tty = |env: &[(&str, &str)]| {
        let mut c = Command::new("script");
        c.args(["-qec", &command, "/dev/null"]).env_remove("NO_COLOR").env("COLUMNS", "50");
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c.output().expect("util-linux `script` runs the binary on a pseudo-terminal");
        String::from_utf8(out.stdout).unwrap()
    };
    let coloured = tty(&[]);
    assert!(coloured.contains("\x1b[1;31m"), "{coloured:?}");
    for line in
        coloured.replace("\x1b[1;31m", "").replace("\x1b[32m", "").replace("\x1b[0m", "").lines()
    {
        assert!(line.trim_end().chars().count() <= 50, "wrapped to COLUMNS=50: {line:?}");
    }
    let plain = tty(&[("NO_COLOR", "1")]);
    assert!(!plain.contains("\x1b["), "{plain:?}");
    assert!(plain.contains("unique pressures"), "{plain:?}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn control_characters_from_the_input_are_escaped() {
    let dir = common::temp_dir("escape");
    let name = dir.join("evil\x1b]0;title\x07.txt");
    let text = "Russia's armed force stated that \x1b[8m unique pressures beat \u{202e}reversed\u{202c} \
                resistance boxers \u{9b}31m.";
    std::fs::write(&name, text).unwrap();
    for args in [&[][..], &["--color", "always"], &["--width", "30"]] {
        let out = run_env(&[args, &[s(&name)]].concat(), b"", &[]);
        let shown = stdout(&out);
        let raw = shown.replace("\x1b[1;31m", "").replace("\x1b[32m", "").replace("\x1b[0m", "");
        let raw = raw.replace("\x1b[1;32m", "").replace("\x1b[2m", "").replace("\x1b[33m", "");
        for bad in ['\x1b', '\x07', '\u{202e}', '\u{9b}'] {
            assert!(!raw.contains(bad), "{args:?}: {bad:?} reached the output: {shown:?}");
        }
        assert!(raw.contains("\\x1b]0;title\\x07"), "{args:?}: file name escaped: {raw}");
        assert!(raw.contains("\\u{202e}reversed") || args == ["--width", "30"], "{raw}");
    }
    // Messages on stderr name the file escaped too.
    let out = run_env(&[s(&dir.join("gone\x1b[8m.txt"))], b"", &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains('\x1b') && stderr.contains("gone\\x1b[8m.txt"), "{stderr}");
    // The weak-evidence and plain verdict paths too: a clean input with an escape in it.
    let out = run_env(&["-"], b"\x1b[2J\x1b[H cleared.", &[]);
    assert!(!out.stdout.contains(&0x1b), "{}", stdout(&out));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn wraps_to_the_given_width_with_a_hanging_indent() {
    let long = format!("{SPUN} {}", "The committee met again on Tuesday to discuss it. ".repeat(2));
    let out = run_env(&["--width", "40"], long.as_bytes(), &[]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 4, "{text}");
    for line in &lines {
        assert!(line.chars().count() <= 40, "{line:?}");
    }
    assert!(lines.iter().any(|l| l.starts_with("         ") && l.contains("→")), "{text}");
    // Not a terminal and no --width: one line per sentence (for grep).
    let out = run_env(&[], long.as_bytes(), &[("COLUMNS", "40")]);
    assert!(stdout(&out).lines().any(|l| l.chars().count() > 100), "{}", stdout(&out));
}

#[test]
fn text_explains_context_and_shows_weak_evidence_behind_a_spun_verdict() {
    let dir = common::temp_dir("weak");
    let dict = dir.join("weak.tsv");
    std::fs::write(&dict, "zorbly wumpus\tlittle dog\tsynonym\t0.5\n").unwrap();
    let input = "A zorbly wumpus barked. A zorbly wumpus ran. A zorbly wumpus slept.";
    let out = run_env(&["--no-default-dict", "--dict", s(&dict)], input.as_bytes(), &[]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("SPUN") && text.contains("0 of 3 sentences flagged"), "{text}");
    assert!(text.contains("weak evidence of 3 sentences"), "{text}");
    assert_eq!(text.matches("[zorbly wumpus → little dog]").count(), 3, "{text}");
    assert!(text.contains("raised by the evidence in the sentences around it"), "{text}");
    assert!(!text.contains("neighbour"), "{text}");
    // The same through --jsonl-input (its streamed path for long texts writes the same text:
    // the jsonl unit test `streamed_and_inline_lines_write_what_whole_lines_write`).
    {
        let text = input;
        let line = format!("{{\"id\":7,\"text\":\"{text}\"}}\n");
        let base = ["--no-default-dict", "--dict", s(&dict), "--jsonl-input"];
        let out = run_env(&base, line.as_bytes(), &[]);
        let shown = stdout(&out);
        assert!(shown.contains("weak evidence of 3 sentences"), "{shown}");
        assert_eq!(shown.matches("[zorbly wumpus → little dog]").count(), 3);
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn directories_are_walked_in_order_skipping_hidden_and_binary_files() {
    let dir = common::temp_dir("walk");
    std::fs::create_dir_all(dir.join("b/nested")).unwrap();
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(dir.join("b/nested/z.txt"), SPUN).unwrap();
    std::fs::write(dir.join("b/a.md"), CLEAN).unwrap();
    std::fs::write(dir.join("c.txt"), SPUN).unwrap();
    std::fs::write(dir.join(".hidden.txt"), SPUN).unwrap();
    std::fs::write(dir.join(".git/config"), SPUN).unwrap();
    let mut binary = SPUN.as_bytes().to_vec();
    binary.extend_from_slice(b"\0\x01\x02");
    std::fs::write(dir.join("a.bin"), &binary).unwrap();
    let out = run_env(&["-c", s(&dir)], b"", &[]);
    let d = s(&dir);
    let expected = format!("{d}/b/a.md:0\n{d}/b/nested/z.txt:1\n{d}/c.txt:1\n");
    assert_eq!(stdout(&out), expected, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1));
    let out = run_env(&["--format", "jsonl", s(&dir)], b"", &[]);
    assert_eq!(stdout(&out).lines().count(), 3);
    // A file named on the command line is analyzed even when it looks binary.
    let out = run_env(&["-c", s(&dir.join("a.bin"))], b"", &[]);
    assert_eq!(stdout(&out), format!("{d}/a.bin:1\n"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn json_sentences_carry_their_text_and_no_negative_zero() {
    let dir = common::temp_dir("jsontext");
    let dict = dir.join("neg.tsv");
    std::fs::write(
        &dict,
        "plain words\tplain words\tsynonym\t-2\nzorbly wumpus\tlittle dog\tsynonym\t-0.0\n",
    )
    .unwrap();
    let input = format!("Über café. {SPUN}\nSome plain words. A zorbly wumpus.");
    let jsonl = format!("{{\"id\":1,\"text\":{}}}\n", serde_json::to_string(&input).unwrap());
    let runs = [
        run_env(&["--format", "json"], input.as_bytes(), &[]),
        run_env(&["--dict", s(&dict), "--format", "jsonl"], input.as_bytes(), &[]),
        run_env(&["--dict", s(&dict), "--jsonl-input", "--format", "jsonl"], jsonl.as_bytes(), &[]),
    ];
    for out in &runs {
        let text = stdout(out);
        assert!(
            !text.contains("-0.0") && !text.contains(":-0,") && !text.contains(":-0}"),
            "{text}"
        );
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let sentences = v["sentences"].as_array().unwrap();
        assert_eq!(sentences.len(), 4, "{text}");
        for s in sentences {
            let (start, end) =
                (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
            assert_eq!(s["text"].as_str(), Some(&input[start..end]), "{text}");
        }
    }
    std::fs::remove_dir_all(dir).ok();
}

const INJECTION: &str = "Evil <script>alert('x')</script> \"><img src=x onerror=alert(1)> text. \
    The armed force stated </title><b>bold</b> that unique pressures & co won. \x1b[8m gone.";

#[test]
fn html_escapes_everything_from_the_input_and_file_names() {
    let dir = common::temp_dir("htmlesc");
    let name = dir.join("<script>alert(1)<\\script>\"q'.txt");
    std::fs::write(&name, INJECTION).unwrap();
    let dict = dir.join("d.tsv");
    std::fs::write(
        &dict,
        "unique pressures\t<script>x</script>\" onmouseover=\"alert(2)\tsynonym\t5\n",
    )
    .unwrap();
    let out = run_env(
        &["--format", "html", "--dict", s(&dict), s(&name), "-"],
        INJECTION.as_bytes(),
        &[],
    );
    let html = stdout(&out);
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "{html}");
    assert!(!lower.contains("<img"), "{html}");
    assert!(!lower.contains("<b>"), "{html}");
    assert_eq!(lower.matches("</title>").count(), 1, "{html}");
    assert!(!html.contains("onmouseover=\"alert"), "{html}");
    assert!(!html.contains('\x1b'), "{html}");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "text escaped");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;\\script&gt;&quot;q&#39;.txt"),
        "name escaped"
    );
    assert!(html.contains("likely original: &lt;script&gt;x&lt;/script&gt;&quot; onmouseover="));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn html_report_structure() {
    let dir = common::temp_dir("htmlstruct");
    let long = dir.join("long.txt");
    let mut text = String::new();
    for i in 0..30 {
        if i == 3 || i == 4 || i == 20 {
            text.push_str(SPUN);
            text.push(' ');
        } else {
            text.push_str(&format!("The council met on day {i} to discuss the budget. "));
        }
    }
    std::fs::write(&long, &text).unwrap();
    let clean = dir.join("clean.txt");
    std::fs::write(&clean, CLEAN).unwrap();
    let out = run_env(&["--format", "html", s(&long), s(&clean)], b"", &[]);
    assert_eq!(out.status.code(), Some(1));
    let html = stdout(&out);
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    // Self-contained: no scripts, no external assets.
    for bad in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!html.contains(bad), "{bad}");
    }
    assert_eq!(html.matches("<article class=\"doc\"").count(), 2);
    // Every sentence in reading order: 30 + 2.
    assert_eq!(html.matches("<span class=\"s").count(), 32);
    assert_eq!(html.matches("<span class=\"s flagged\"").count(), 3);
    assert!(html.contains("<span class=\"badge spun\">SPUN</span> score"));
    assert!(html.contains("<span class=\"badge clean\">not spun</span> score"));
    // Artifacts highlighted, strong in flagged sentences, original and weight on hover.
    assert_eq!(
        html.matches(
            "<mark class=\"strong\" title=\"likely original: special forces&#10;weight +4.5"
        )
        .count(),
        3
    );
    // A legend row per distinct artifact, and a table of contents of the two passages.
    assert!(html.contains(
        "<td><mark class=\"strong\">unique pressures</mark></td><td>special forces</td>"
    ));
    assert!(html.contains("<a href=\"#d1-s4\">sentences 4–5</a>"), "{html}");
    assert!(html.contains("<a href=\"#d1-s21\">sentence 21</a>"), "{html}");
    assert!(html.contains("id=\"d1-s21\""));
    // The summary table of several inputs, linking to each document.
    assert!(html.contains("1 of 2 inputs spun"));
    assert!(html.contains(&format!("<a href=\"#doc-2\">{}</a>", s(&clean))));
    // Paragraphs survive streaming: a blank line starts a new one, a single newline breaks.
    let paragraphs = format!("Title\nFirst one. First two.\n\n{SPUN}\n\n\nLast.\n");
    let page = stdout(&run_env(&["--format", "html"], paragraphs.as_bytes(), &[]));
    assert_eq!(page.matches("<p><span class=\"s").count(), 3, "{page}");
    assert!(page.contains("id=\"d1-s1\">Title</span> <br>"), "{page}");
    // One input: no summary table, no contents for a short document.
    let one = stdout(&run_env(&["--format", "html"], SPUN.as_bytes(), &[]));
    assert!(!one.contains("inputs spun") && !one.contains("class=\"toc\""));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn html_shows_weak_evidence_apart_from_strong() {
    // Far enough (beyond the context window) from the spun sentence not to be lifted by it.
    let filler = "The council met again to discuss the budget. ".repeat(25);
    let input = format!("{SPUN} {filler}The leaders met in the city. ");
    let dir = common::temp_dir("htmlweak");
    let dict = dir.join("weak.tsv");
    std::fs::write(&dict, "the city\tthe town\tsynonym\t0.5\n").unwrap();
    let html = stdout(&run_env(&["--format", "html", "--dict", s(&dict)], input.as_bytes(), &[]));
    assert!(html.contains("<span class=\"s weak\""), "{html}");
    assert!(html.contains("<mark class=\"weak\" title=\"likely original: the town"), "{html}");
    assert!(html.contains("1 more with weak evidence"), "{html}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_closed_stdout_keeps_the_status_so_far() {
    use std::io::Write;
    let dir = common::temp_dir("pipe");
    let missing = dir.join("missing.txt");
    let input = format!("{SPUN}\n").repeat(20_000);
    // (arguments before `-`, accepted statuses): no verdict may have been reached when the
    // write fails (0), or the input may be judged first (1); an earlier error still makes it 2.
    for (args, expected) in [(vec![], &[0, 1][..]), (vec![s(&missing)], &[2])] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_spinscan"))
            .args(&args)
            .arg("-")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let data = input.clone();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(data.as_bytes());
        });
        drop(child.stdout.take()); // the reader goes away, like `| head -0`
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        let code = out.status.code().unwrap();
        assert!(expected.contains(&code), "{args:?}: status {code}: {stderr}");
    }
    std::fs::remove_dir_all(dir).ok();
}
