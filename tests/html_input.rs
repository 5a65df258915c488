//! HTML input (`Detector::analyze_html`): artifacts split by entities or inline tags are found,
//! with offsets into the original HTML; script, style, comment and attribute text is never
//! flagged; block elements end sentences; a real-ish page of the shared spun example scores
//! like its plain text and flags the same sentences; honest pages flag nothing new.

mod common;

use spinscan::{Detector, Report};

/// The text a reader sees in `text` (visible text or plain text): words joined by one space,
/// the filler of the HTML mode dropped.
fn words(text: &str) -> String {
    text.replace(['\u{2060}', '\u{34F}'], "").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every offset in a report is a char boundary of `html`, in order, and every match lies in its
/// sentence.
fn check_offsets(html: &str, report: &Report) {
    let mut last_end = 0;
    for s in &report.sentences {
        assert!(s.start <= s.end && s.end <= html.len(), "{s:?}");
        assert!(html.is_char_boundary(s.start) && html.is_char_boundary(s.end), "{s:?}");
        assert!(s.start >= last_end.min(s.start), "sentences out of order");
        last_end = s.end;
        for m in &s.matches {
            assert!(s.start <= m.start && m.start < m.end && m.end <= s.end, "{m:?} in {s:?}");
            assert!(html.is_char_boundary(m.start) && html.is_char_boundary(m.end), "{m:?}");
        }
    }
}

/// An artifact as a reader sees it, and the HTML it covers.
type Found = (&'static str, &'static str);

/// (name, html, the artifacts found).
const FOUND: &[(&str, &str, &[Found])] = &[
    (
        "entity between words",
        "<p>The unique&nbsp;pressures arrived.</p>",
        &[("unique pressures", "unique&nbsp;pressures")],
    ),
    (
        "inline tags around words",
        "<p>The <b>unique</b> <i>pressures</i> arrived.</p>",
        &[("unique pressures", "unique</b> <i>pressures")],
    ),
    (
        "inline tag inside a word",
        "<p>The uni<b>que</b> pres<span class=x>sures</span> arrived.</p>",
        &[("unique pressures", "uni<b>que</b> pres<span class=x>sures")],
    ),
    (
        "zero-width reference",
        "<p>The unique&#8203; pressures arrived.</p>",
        &[("unique\u{200B} pressures", "unique&#8203; pressures")],
    ),
    (
        "numeric references for letters",
        "<p>The &#117;nique pr&#x65;ssures arrived.</p>",
        &[("unique pressures", "&#117;nique pr&#x65;ssures")],
    ),
    (
        "comment between words",
        "<p>The unique <!-- note --> pressures arrived.</p>",
        &[("unique pressures", "unique <!-- note --> pressures")],
    ),
    (
        "link around a phrase, line break inside",
        "<p>They met <a href=\"/x?a=1&amp;b=2\">resistance\nboxers</a> there.</p>",
        &[("resistance boxers", "resistance\nboxers")],
    ),
    (
        "torn hyphen across a tag",
        "<p>The <em>battle-</em> split nation.</p>",
        &[("battle- split", "battle-</em> split")],
    ),
    (
        "inline elements do not break a phrase",
        "<div><span>The unique</span><span> pressures</span> arrived.</div>",
        &[("unique pressures", "unique</span><span> pressures")],
    ),
];

#[test]
fn split_artifacts_are_found_with_offsets_into_the_html() {
    let detector = Detector::new();
    for &(name, html, want) in FOUND {
        let report = detector.analyze_html(html);
        check_offsets(html, &report);
        let found: Vec<(&str, &str)> =
            report.matches().map(|m| (m.artifact.as_str(), &html[m.start..m.end])).collect();
        assert_eq!(found, want, "{name}: {html:?}");
    }
}

/// (name, html): text that is not rendered as prose, or phrases cut by a block boundary.
const NOT_FOUND: &[(&str, &str)] = &[
    (
        "script",
        "<p>Hello.</p><script>var s = 'the unique pressures and resistance boxers';</script>",
    ),
    (
        "script with markup",
        "<script>if (a < b) { x = '<p>unique pressures</p>'; }</script><p>Hi.</p>",
    ),
    ("style", "<style>/* unique pressures */ p { color: red }</style><p>Hello.</p>"),
    ("comment", "<p>Hello.</p><!-- the unique pressures and resistance boxers -->"),
    ("template", "<template><p>The unique pressures arrived.</p></template><p>Hello.</p>"),
    ("noscript", "<noscript>The unique pressures arrived.</noscript><p>Hello.</p>"),
    ("attributes", "<p title=\"unique pressures\" data-x='resistance boxers'>Hello.</p>"),
    ("alt text", "<img alt=\"the unique pressures arrived\" src=x.png><p>Hello.</p>"),
    ("paragraphs", "<p>They trained the unique</p><p>pressures of the army.</p>"),
    ("list items", "<ul><li>unique</li><li>pressures</li></ul>"),
    ("line break", "They trained the unique<br>pressures of the army."),
    ("table cells", "<table><tr><td>unique</td><td>pressures</td></tr></table>"),
    ("headings", "<h1>The unique</h1><h2>pressures</h2>"),
    ("words joined by markup", "<p>The unique<!-- -->pressures arrived.</p>"),
];

#[test]
fn hidden_text_and_block_boundaries_never_match() {
    let detector = Detector::new();
    for &(name, html) in NOT_FOUND {
        let report = detector.analyze_html(html);
        check_offsets(html, &report);
        let found: Vec<&str> = report.matches().map(|m| m.artifact.as_str()).collect();
        assert!(found.is_empty(), "{name}: {html:?} found {found:?}");
    }
    // The same phrases as plain prose are found: the rows above test the markup, not the
    // dictionary.
    for text in ["The unique pressures arrived.", "They met resistance boxers there."] {
        assert_eq!(detector.analyze_html(&format!("<p>{text}</p>")).matches().count(), 1, "{text}");
    }
}

#[test]
fn blocks_end_sentences_and_inline_markup_does_not() {
    let detector = Detector::new();
    let cases: &[(&str, &[&str])] = &[
        ("<p>One here</p><p>Two here</p>", &["One here", "Two here"]),
        ("<li>one</li><li>two</li>", &["one", "two"]),
        (
            "<h1>Title</h1>Body text follows. <b>And</b> more.",
            &["Title", "Body text follows.", "And more."],
        ),
        (
            "<p>He said <em>it</em>.</p> <p>Then <a href=x>left</a>.</p>",
            &["He said it.", "Then left."],
        ),
        ("<p>It ended.</b> Then more.</p>", &["It ended.", "Then more."]),
        ("<p>Ask <b>Mr</b>. Smith.</p>", &["Ask Mr. Smith."]),
        (
            "<p>&ldquo;Go.&rdquo; Then&hellip; &amp; more.</p>",
            &["\u{201C}Go.\u{201D}", "Then\u{2026} & more."],
        ),
        ("<p>A wrapped\nLine of text.</p>", &["A wrapped Line of text."]),
        ("<pre>kept\nLines</pre>", &["kept", "Lines"]),
        ("<td>cell</td><td>cell two</td>", &["cell", "cell two"]),
    ];
    for &(html, want) in cases {
        let report = detector.analyze_html(html);
        check_offsets(html, &report);
        let visible = spinscan::text::html::visible_text(html);
        let got: Vec<String> =
            report.sentences.iter().map(|s| words(&visible[s.start..s.end])).collect();
        assert_eq!(got, want, "{html:?}");
    }
}

#[test]
fn malformed_markup_never_panics_and_offsets_stay_in_the_html() {
    let detector = Detector::new();
    let cases = [
        "<",
        "&",
        "<<<>>>",
        "<p",
        "<p attr=\"unterminated unique pressures",
        "<!-- unterminated comment unique pressures",
        "<script>unterminated unique pressures",
        "</p></div></b>unique pressures",
        "<b><i>unique</b></i> pressures",
        "&#; &#x; &#xFFFFFFFF; &#0; &#55296; &nGt; &NotEqualTilde; &acE;",
        "&amp;amp;&ampamp &unique; pressures",
        "<p>é<b>é</b>&eacute;é</p>",
        "\u{FEFF}<!DOCTYPE html><p>x</p>",
        "<?xml version=\"1.0\"?><p>unique pressures</p>",
        "<![CDATA[unique pressures]]>",
        "<svg><text>unique pressures</text></svg>",
        "<textarea><p>unique pressures</p></textarea>",
        "<title>unique pressures</title>",
        "a\r\nb\r<p>\0unique\0 pressures</p>",
        "<plaintext><b>unique pressures",
    ];
    for html in cases {
        let report = detector.analyze_html(html);
        check_offsets(html, &report);
        assert_eq!(spinscan::text::html::visible_text(html).len(), html.len(), "{html:?}");
    }
    // A long run of nested tags and references stays linear (no quadratic rescans).
    let deep = "<b><i>x</i></b>&amp;".repeat(50_000);
    let report = detector.analyze_html(&deep);
    check_offsets(&deep, &report);
}

#[test]
fn the_reader_equals_the_whole_document() {
    let detector = Detector::new();
    let html = "<h1>News</h1><p>The <b>unique</b>&nbsp;pressures arrived.</p>\
                <p>The cat sat on the mat.</p><p>Resistance boxers fought &amp; won.</p>";
    let report = detector.analyze_html(html);
    let mut seen = Vec::new();
    let summary = detector
        .analyze_html_reader(html.as_bytes(), |text, s| {
            assert_eq!(text.len(), s.end - s.start);
            seen.push(s.clone());
            Ok(())
        })
        .unwrap();
    assert_eq!(seen, report.sentences);
    assert_eq!((summary.score, summary.spun), (report.score, report.spun));
    assert_eq!(summary.flagged, report.flagged().count());
}

/// The plain example wrapped in page markup: a head with style and script, navigation, each
/// line a paragraph with inline markup, apostrophes and spaces written as references.
fn page(text: &str) -> String {
    let mut html = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=utf-8><title>News</title>\
         <style>body { font: 12px serif } .unique-pressures { color: red }</style>\
         <script>var armedForce = 'the unique pressures and resistance boxers';</script>\
         </head><body><nav><ul><li><a href=/>Home</a></li><li><a href=/world>World</a></li></ul></nav>\n\
         <article>\n",
    );
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        html.push_str("<p>");
        for (i, word) in line.split(' ').enumerate() {
            if i > 0 {
                html.push_str(if i % 9 == 0 { "&nbsp;" } else { " " });
            }
            let escaped = word
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('\u{2019}', "&rsquo;");
            match i % 7 {
                3 => html.push_str(&format!("<b>{escaped}</b>")),
                5 => html.push_str(&format!("<a href=\"/t?q={i}&amp;x=1\">{escaped}</a>")),
                _ => html.push_str(&escaped),
            }
        }
        html.push_str("</p>\n<!-- ad slot -->\n");
    }
    html.push_str("</article><footer><p>Copyright</p></footer></body></html>\n");
    html
}

/// The flagged sentences of a report, as the words a reader sees.
fn flagged(text: &str, report: &Report) -> Vec<String> {
    report.flagged().map(|s| words(&text[s.start..s.end])).collect()
}

#[test]
fn a_page_of_the_shared_example_scores_like_its_text() {
    let text = std::fs::read_to_string(common::shared("examples/spun-news-example.txt")).unwrap();
    let detector = Detector::new();
    let plain = detector.analyze(&text);
    let html = page(&text);
    let report = detector.analyze_html(&html);
    check_offsets(&html, &report);
    let visible = spinscan::text::html::visible_text(&html);
    assert!(plain.spun && report.spun);
    assert!((plain.score - report.score).abs() <= 0.05, "{} vs {}", plain.score, report.score);
    assert_eq!(flagged(&visible, &report), flagged(&text, &plain));
    // The same artifacts, each covering its markup in the HTML.
    let artifacts = |r: &Report| r.matches().map(|m| words(&m.artifact)).collect::<Vec<_>>();
    assert_eq!(artifacts(&report), artifacts(&plain));
    for m in report.matches() {
        assert_eq!(words(&visible[m.start..m.end]), words(&m.artifact));
    }
    // Some artifacts do cover markup: the test exercises the mapping.
    assert!(report.matches().any(|m| html[m.start..m.end].contains('<')));
    assert!(report.matches().any(|m| html[m.start..m.end].contains('&')));
}

#[test]
fn honest_pages_flag_nothing_new() {
    let detector = Detector::new();
    for rel in ["data/clean/abc-news-2001.txt", "data/clean/wikipedia-2017-sample.txt"] {
        let full = std::fs::read_to_string(common::shared(rel)).unwrap();
        // The first ~400 KB, cut at a line end: enough text, a test that stays quick.
        let cut = full[..full.len().min(400_000)].rfind('\n').unwrap_or(full.len());
        let text = &full[..cut];
        let plain = detector.analyze(text);
        let html = page(text);
        let report = detector.analyze_html(&html);
        check_offsets(&html, &report);
        let visible = spinscan::text::html::visible_text(&html);
        let before = flagged(text, &plain);
        let new: Vec<String> =
            flagged(&visible, &report).into_iter().filter(|s| !before.contains(s)).collect();
        assert!(new.is_empty(), "{rel}: newly flagged in HTML: {new:#?}");
        assert!(!report.spun || plain.spun, "{rel}: the page is spun, the text is not");
        assert!(report.sentences.len() * 10 >= plain.sentences.len() * 9, "{rel}: sentences lost");
    }
}

/// Markdown emphasis markers (plain text mode) do not split phrases either.
#[test]
fn markdown_emphasis_does_not_split_phrases() {
    let detector = Detector::new();
    for text in [
        "The *unique* pressures arrived.",
        "The unique *pressures* arrived.",
        "The **unique pressures** arrived.",
        "The _unique_ pressures arrived.",
    ] {
        let found: Vec<String> =
            detector.analyze(text).matches().map(|m| words(&m.artifact)).collect();
        assert_eq!(found.len(), 1, "{text}: {found:?}");
    }
}

/// A page whose only artifact is split by an entity and a tag.
const PAGE: &str = "<!DOCTYPE html><html><head><title>News</title>\
    <script>var s = 'resistance boxers';</script></head>\
    <body><p>The <b>unique</b>&nbsp;pressures arrived on Tuesday.</p>\
    <p>The cat sat on the mat.</p></body></html>\n";

/// `--format json` on `args`: (the matches' artifacts, the HTML each covers in `PAGE`).
fn cli_matches(args: &[&str], stdin: &str) -> Vec<(String, String)> {
    let mut all = vec!["--format", "json", "--exit-zero"];
    all.extend_from_slice(args);
    let out = common::spinscan(&all, stdin.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found = Vec::new();
    for s in v["sentences"].as_array().unwrap() {
        let (start, end) =
            (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
        assert_eq!(s["text"].as_str().unwrap().len(), end - start);
        for m in s["matches"].as_array().unwrap() {
            let (a, b) =
                (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            found.push((m["artifact"].as_str().unwrap().to_string(), PAGE[a..b].to_string()));
        }
    }
    found
}

#[test]
fn cli_input_html_is_chosen_by_flag_or_file_name() {
    let dir = common::temp_dir("html-input");
    let want = vec![("unique pressures".to_string(), "unique</b>&nbsp;pressures".to_string())];
    for name in ["page.html", "page.HTM", "page.xhtml", "page.txt"] {
        let path = dir.join(name);
        std::fs::write(&path, PAGE).unwrap();
        let path = path.to_str().unwrap();
        // As text, the split phrase is missed and the script's phrase is found.
        let as_text = cli_matches(&["--input", "text", path], "");
        assert!(!as_text.is_empty() && as_text != want, "{name}: {as_text:?}");
        let auto = cli_matches(&[path], "");
        assert_eq!(auto, if name == "page.txt" { as_text } else { want.clone() }, "{name}");
        assert_eq!(cli_matches(&["--input", "html", path], ""), want, "{name}");
    }
    assert_eq!(cli_matches(&["--input", "html"], PAGE), want);
    assert_ne!(cli_matches(&[], PAGE), want, "standard input is text unless told");
    let out = common::spinscan(&["--input", "xml"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--input must be text or html"));
}

#[test]
fn cli_html_input_in_every_format() {
    // Text: the artifact as a reader sees it; the HTML report page; JSON lines records.
    let out = common::spinscan(&["--input", "html", "--color", "never"], PAGE.as_bytes());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[unique pressures →"), "{text}");
    assert!(!text.contains("<b>") && !text.contains("resistance"), "{text}");
    let out = common::spinscan(&["--input", "html", "--format", "html"], PAGE.as_bytes());
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.contains("unique") && page.contains("special forces"), "{page}");
    assert!(!page.contains("resistance boxers"), "script text in the report");
    let line = serde_json::json!({"id": 7, "text": PAGE}).to_string();
    let out = common::spinscan(
        &["--jsonl-input", "--input", "html", "--format", "jsonl"],
        line.as_bytes(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let m = &v["sentences"].as_array().unwrap().iter().find(|s| s["spun"] == true).unwrap()["matches"]
        [0];
    let (a, b) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
    assert_eq!(&PAGE[a..b], "unique</b>&nbsp;pressures");
}

/// Property tests: arbitrary markup soup keeps every invariant, and inline markup or entities
/// written into a plain sentence change nothing that is found.
mod properties {
    use proptest::prelude::*;
    use spinscan::Detector;
    use spinscan::text::html::visible_text;

    use super::{check_offsets, words};

    const PIECES: &[&str] = &[
        "<b>",
        "</b>",
        "<p>",
        "</p>",
        "<br>",
        "<td>",
        "<a href=\"x&amp;y\">",
        "</a>",
        "&nbsp;",
        "&amp;",
        "&#8203;",
        "&eacute;",
        "&#x",
        "&",
        "<",
        ">",
        "\"",
        "'",
        "<script>",
        "</script>",
        "<style>",
        "<!--",
        "-->",
        "<!DOCTYPE",
        "<template>",
        "</template>",
        "unique",
        "pressures",
        "resistance",
        "boxers",
        "and",
        "also",
        " ",
        " ",
        ".",
        "\n",
        "\r\n",
        "é",
        "\u{200B}",
        "Mr",
        ";",
        "=",
        "<pre>",
        "<textarea>",
        "<plaintext>",
    ];

    fn soup() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
    }

    /// Inline markup a spammer (or an editor) puts around or inside words.
    const INLINE: &[(&str, &str)] =
        &[("<b>", "</b>"), ("<i>", "</i>"), ("<span class=\"x\">", "</span>"), ("<!-- -->", "")];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn markup_soup_keeps_the_invariants(html in soup()) {
            let detector = Detector::new();
            prop_assert_eq!(visible_text(&html).len(), html.len());
            let report = detector.analyze_html(&html);
            check_offsets(&html, &report);
            let visible = visible_text(&html);
            for m in report.matches() {
                prop_assert_eq!(words(&visible[m.start..m.end]), words(&m.artifact));
            }
        }

        #[test]
        fn inline_markup_and_entities_change_no_match(
            edits in prop::collection::vec((0usize..4, 0usize..4, any::<bool>()), 12),
        ) {
            let text = "Russia's armed force stated that unique pressures met resistance boxers and also others.";
            let detector = Detector::new();
            let plain: Vec<String> = detector.analyze(text).matches().map(|m| words(&m.artifact)).collect();
            prop_assert!(plain.len() >= 3, "{:?}", plain);
            // Each word gets some markup: around it, inside it, or its space as `&nbsp;`.
            let mut html = String::from("<p>");
            for (i, word) in text.split(' ').enumerate() {
                let (how, which, nbsp) = edits[i % edits.len()];
                let (open, close) = INLINE[which];
                if i > 0 {
                    html.push_str(if nbsp { "&nbsp;" } else { " " });
                }
                let word = word.replace('\'', "&#39;");
                match how {
                    0 => html.push_str(&format!("{open}{word}{close}")),
                    1 if word.len() > 2 => {
                        html.push_str(&format!("{}{open}{}{close}", &word[..1], &word[1..]))
                    }
                    _ => html.push_str(&word),
                }
            }
            html.push_str("</p>");
            let report = detector.analyze_html(&html);
            check_offsets(&html, &report);
            let found: Vec<String> = report.matches().map(|m| words(&m.artifact)).collect();
            prop_assert_eq!(found, plain, "{}", html);
        }
    }
}

/// The language is told from the visible words, not from the first bytes (a long `<head>` of
/// styles and scripts would leave nothing to tell it from).
#[test]
fn the_language_comes_from_the_visible_text() {
    let detector = Detector::new();
    let head = format!("<head><style>{}</style></head>", "p { margin: 0 } ".repeat(400));
    let french = "Les données de la ville sont arrivées hier soir, et les habitants ont \
                  été informés par la mairie que les travaux commenceront la semaine prochaine.";
    let english = "The unique pressures arrived in the city last night, and residents were \
                   told by the council that the work would begin next week.";
    let fr = detector.analyze_html(&format!("<html>{head}<body><p>{french}</p></body></html>"));
    assert_eq!((fr.language.as_str(), fr.applicable), ("fr", false));
    let en = detector.analyze_html(&format!("<html>{head}<body><p>{english}</p></body></html>"));
    assert_eq!((en.language.as_str(), en.applicable), ("en", true));
    assert_eq!(en.matches().count(), 1);
}
