//! The HTML report in a real browser: headless Chromium parses the page (its DOM must hold the
//! highlighted spans, and nothing injected through the input) and renders it to a PNG.
//!
//! Ignored by default, so `cargo test` needs only Rust; CI runs it with
//! `cargo test --test html_browser -- --ignored` after installing Chromium (Debian `chromium`).
//! It fails, rather than skips, when no browser is found. Set `SPINSCAN_SCREENSHOT=path.png` to
//! keep the screenshot.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const SPUN: &str = "Russia's armed force stated that unique pressures beat resistance boxers.";

/// The browser: `$CHROMIUM`, or the first of the usual names on `PATH`.
fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return p.into();
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!("no Chromium found (install Debian's `chromium`, or set CHROMIUM=/path/to/browser)");
}

fn headless(profile: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("run chromium");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n") && &bytes[12..16] == b"IHDR", "not a PNG");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

#[test]
#[ignore = "needs Chromium; CI runs it with --ignored"]
fn report_renders_in_headless_chromium_with_its_highlights() {
    let dir = common::temp_dir("browser");
    let mut long = String::new();
    for i in 0..24 {
        if [2, 3, 15].contains(&i) {
            long.push_str(SPUN);
            long.push(' ');
        } else {
            long.push_str(&format!("The council met on day {i} to discuss the new budget. "));
        }
    }
    let article = dir.join("article.txt");
    std::fs::write(&article, long).unwrap();
    let evil = dir.join("<img src=x onerror=alert(1)>.txt");
    std::fs::write(
        &evil,
        format!("Hello <script>document.title='pwned'</script>. {SPUN} \"><b>x</b>"),
    )
    .unwrap();
    let clean = dir.join("clean.txt");
    std::fs::write(&clean, "The cat sat on the mat. It was a sunny day.").unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_spinscan"))
        .args(["--format", "html"])
        .args([&article, &evil, &clean])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let page = dir.join("report.html");
    std::fs::write(&page, &out.stdout).unwrap();
    let url = format!("file://{}", page.display());

    let profile = dir.join("profile");
    let dom = headless(&profile, &["--dump-dom", &url]);
    let dom = String::from_utf8(dom.stdout).unwrap();
    // Three articles; 24 + 3 + 2 sentences; 3 + 1 flagged; every artifact highlighted.
    assert_eq!(dom.matches("<article class=\"doc\"").count(), 3, "{dom}");
    assert_eq!(dom.matches("<span class=\"s").count(), 29, "{dom}");
    assert_eq!(dom.matches("<span class=\"s flagged\"").count(), 4, "{dom}");
    assert_eq!(
        dom.matches("<mark class=\"strong\" title=\"likely original: special forces").count(),
        4
    );
    assert!(dom.contains(">unique pressures</mark>"), "{dom}");
    assert!(dom.contains("<nav class=\"toc\">"), "{dom}");
    assert!(dom.contains("2 of 3 inputs spun"), "{dom}");
    // Nothing from the input became an element.
    for bad in ["<script", "<img", "<b>x"] {
        assert!(!dom.to_lowercase().contains(bad), "{bad} in the DOM: {dom}");
    }
    assert!(dom.contains("&lt;script&gt;document.title"), "{dom}");
    assert!(!dom.contains("pwned</title>"), "{dom}");

    let png = match std::env::var_os("SPINSCAN_SCREENSHOT") {
        Some(p) => PathBuf::from(p),
        None => dir.join("report.png"),
    };
    let screenshot = format!("--screenshot={}", png.display());
    headless(&profile, &[&screenshot, "--window-size=1200,1600", "--hide-scrollbars", &url]);
    let bytes = std::fs::read(&png).expect("chromium wrote the screenshot");
    assert_eq!(png_size(&bytes), (1200, 1600));
    // A blank page compresses to a few KB; this one has text, tables and highlights.
    assert!(bytes.len() > 50_000, "screenshot is {} bytes: blank?", bytes.len());
    std::fs::remove_dir_all(dir).ok();
}
