//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Runs the `spinscan` binary with `args`, feeding `stdin` from a thread (so large inputs
/// cannot deadlock against a full stdout pipe).
pub fn spinscan(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_spinscan"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run spinscan");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// A fresh directory under the system temp dir, unique to this test process.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("spinscan-test-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A path under `../shared`, the evaluation material beside the repository. CI and every
/// developer have it, so a missing file fails the test that needs it (never a silent skip).
pub fn shared(rel: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared").join(rel);
    assert!(
        p.exists(),
        "{} is missing: the tests need ../shared beside the repository",
        p.display()
    );
    p
}

/// Honest prose written for these tests. It uses phrases that look like spinner output when
/// taken alone ("armed forces", "civil rights", "head of state", "federal government") in
/// their ordinary, legitimate sense, plus plain non-native-style English.
pub const HONEST: &str = "\
The armed forces of both countries held a joint exercise last week, the defence ministry said.
Civil rights groups welcomed the ruling, saying it would protect the rights of minority voters.
As head of state, the president signed the treaty on Monday and thanked the negotiators.
The federal government will provide additional funding to flood-affected communities in the north.
Officials said the military had withdrawn its troops from the border area by Sunday evening.
Reporters were told that the talks would continue in Geneva next month.
The company reported a significant increase in profits and said it would hire more staff.
Many individuals in the region depend on farming, and also on tourism during the summer.
In my opinion the new policy is very good for students because they can study more easily.
Scientists have used deep learning and artificial intelligence to improve weather forecasts.
The special forces unit was deployed after the attack, according to a government spokesman.
Opposition fighters said they had captured two villages near the west bank of the river.
The air force confirmed that a cruise missile was intercepted over the sea.
He has been working at the hospital since 2015 and will retire next year.
Human rights activists said civilians were bearing the brunt of the fighting.
";
