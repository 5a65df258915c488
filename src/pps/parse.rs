//! Parser for the Problematic Paper Screener (PPS) tortured-phrase catalogue.
//!
//! The catalogue is an RFC 4180 CSV file with the columns `tortured_phrase`,
//! `expected_phrase` and `num_papers` (the last with thousands separators, e.g.
//! `"42,682"`). The `tortured_phrase` column is a small Boolean search query:
//!
//! | shape                                   | meaning                                                        |
//! |-----------------------------------------|----------------------------------------------------------------|
//! | `"profound learning"`                   | exact phrase: the artifact                                     |
//! | `"bosom" AND "breast"`                  | `"breast"` is document context that must also occur           |
//! | `"a" AND "b" AND "c"`                   | several required context terms                                 |
//! | `"supply route" AND artery`             | unquoted term: a run of bare words is one phrase               |
//! | `"x" AND ("p" OR "q")`                  | at least one of `p`, `q` must occur ([`PpsRule::require_any`]) |
//! | `"magnetic cell separation" NOT "with MACS"` | the excluded term must be absent from the document        |
//! | `"surface highlights" NOT specular`     | unquoted excluded term                                         |
//! | `"gatherings clustering"~10`            | proximity: the words within 10 words of each other, any order  |
//! | `"a b"~20 NOT c`, `"a" NOT "b c"~5`     | proximity on any term                                          |
//! | `"x" AND optimiz*`, `"x" AND "hear*"`   | trailing `*`: word-prefix wildcard                             |
//! | `"a" OR "b"`                            | alternative artifacts ([`PpsRule::alternatives`])              |
//! | `"a" OR "b" AND "c"`                    | `("a" OR "b") AND "c"`: `OR` binds tighter than `AND`/`NOT`     |
//! | `"a" ADN "b"`                           | a misspelling of `AND` found in the catalogue; read as `AND`   |
//!
//! Operators are recognised only in upper case and only outside quotes.
//! `AND NOT` is read as `NOT`. Two terms side by side without an operator are
//! joined by an implicit `AND`. The first term (or `OR` group) of a query is
//! always the artifact; terms after `AND`/`NOT` are never artifacts.
//!
//! [`parse_catalogue`] never panics: rows that cannot be interpreted are
//! returned as [`PpsError`]s with their line number and a reason.

/// One parsed catalogue row.
#[derive(Debug, Clone, PartialEq)]
pub struct PpsRule {
    /// 1-based line number in the file where the record starts.
    pub line: usize,
    /// The first phrase of the query: the tortured phrase itself.
    pub artifact: PpsTerm,
    /// Further artifacts joined with `OR` to the first (usually empty). The
    /// rule fires on the artifact or on any alternative, under the same
    /// `require`, `require_any` and `exclude` conditions.
    pub alternatives: Vec<PpsTerm>,
    /// The `expected_phrase` column (the likely original wording), trimmed.
    pub expected: String,
    /// The `num_papers` column with thousands separators removed (0 if empty
    /// or missing).
    pub papers: u32,
    /// `AND` context terms: every one must occur somewhere in the same
    /// document.
    pub require: Vec<PpsTerm>,
    /// `AND ( … OR … )` context groups: for every group, at least one of its
    /// terms must occur somewhere in the same document (usually empty).
    pub require_any: Vec<Vec<PpsTerm>>,
    /// `NOT` terms: the rule does not fire if any of them occurs in the
    /// document. `NOT ("a" OR "b")` contributes both `a` and `b`.
    pub exclude: Vec<PpsTerm>,
}

/// One phrase of a query, with its wildcard and proximity modifiers.
#[derive(Debug, Clone, PartialEq)]
pub struct PpsTerm {
    /// The phrase split on whitespace, as written (case and punctuation
    /// preserved). A trailing `*` on a word is removed and recorded in
    /// [`PpsTerm::prefix`]. Never empty in a loaded rule.
    pub words: Vec<String>,
    /// Per word (same length as `words`): true if the word had a trailing `*`
    /// wildcard, i.e. it matches any word starting with it.
    pub prefix: Vec<bool>,
    /// `Some(n)` for `"a b"~n`: the words occur within `n` words of each other,
    /// in any order. `None`: the words form an exact adjacent phrase.
    pub proximity: Option<u32>,
}

/// A row that could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct PpsError {
    /// 1-based line number in the file where the record starts.
    pub line: usize,
    /// What is wrong with the row, e.g. `unbalanced quote`.
    pub reason: String,
}

/// Parse a whole catalogue.
///
/// Never panics on any input (including invalid UTF-8 given as lossy text,
/// empty input, binary junk, a header-less file). A leading byte-order mark is
/// ignored; the header row (first field `tortured_phrase`), if present, is
/// skipped, and so are blank lines. Every other record yields either one
/// [`PpsRule`] or one [`PpsError`].
pub fn parse_catalogue(text: &str) -> (Vec<PpsRule>, Vec<PpsError>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    let mut first = true;
    for record in read_records(text) {
        if record.fields.iter().all(|f| f.trim().is_empty()) && record.problem.is_none() {
            continue;
        }
        if first {
            first = false;
            let head = record.fields.first().map(|f| f.trim()).unwrap_or("");
            if head.eq_ignore_ascii_case("tortured_phrase") {
                continue;
            }
        }
        match parse_record(&record) {
            Ok(rule) => rules.push(rule),
            Err(reason) => errors.push(PpsError { line: record.line, reason }),
        }
    }
    (rules, errors)
}

/// One CSV record as read from the file.
struct Record {
    line: usize,
    fields: Vec<String>,
    problem: Option<String>,
}

/// Split `text` into CSV records (RFC 4180, leniently: a quote inside an
/// unquoted field, or text after a closing quote, is kept literally).
/// Accepts `\n`, `\r\n` and a lone `\r` as line breaks.
fn read_records(text: &str) -> Vec<Record> {
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    while chars.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut problem = None;
        loop {
            // At the start of a field.
            if chars.peek() == Some(&'"') {
                chars.next();
                let mut closed = false;
                while let Some(c) = chars.next() {
                    match c {
                        '"' if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\r' => {
                            if chars.peek() == Some(&'\n') {
                                chars.next();
                                field.push('\r');
                                field.push('\n');
                            } else {
                                field.push('\r');
                            }
                            line += 1;
                        }
                        '\n' => {
                            field.push('\n');
                            line += 1;
                        }
                        c => field.push(c),
                    }
                }
                if !closed {
                    problem = Some("unterminated quoted CSV field".to_string());
                }
            }
            // Unquoted field, or stray text after a closing quote.
            let mut end_of_record = true;
            while let Some(&c) = chars.peek() {
                match c {
                    ',' => {
                        chars.next();
                        end_of_record = false;
                        break;
                    }
                    '\n' => {
                        chars.next();
                        line += 1;
                        break;
                    }
                    '\r' => {
                        chars.next();
                        if chars.peek() == Some(&'\n') {
                            chars.next();
                        }
                        line += 1;
                        break;
                    }
                    c => {
                        chars.next();
                        field.push(c);
                    }
                }
            }
            fields.push(std::mem::take(&mut field));
            if end_of_record {
                break;
            }
        }
        records.push(Record { line: start, fields, problem });
    }
    records
}

/// Interpret one CSV record as a rule.
fn parse_record(record: &Record) -> Result<PpsRule, String> {
    if let Some(problem) = &record.problem {
        return Err(problem.clone());
    }
    let fields = &record.fields;
    if fields.len() > 3 && fields[3..].iter().any(|f| !f.trim().is_empty()) {
        return Err(format!(
            "too many columns: found {}, expected 3 (unquoted comma?)",
            fields.len()
        ));
    }
    let query = fields.first().map(String::as_str).unwrap_or("");
    let expected = match fields.get(1) {
        Some(e) => e.trim().to_string(),
        None => return Err("missing expected_phrase column".to_string()),
    };
    let papers = parse_papers(fields.get(2).map(String::as_str).unwrap_or(""))?;
    let q = parse_query(query)?;
    Ok(PpsRule {
        line: record.line,
        artifact: q.artifact,
        alternatives: q.alternatives,
        expected,
        papers,
        require: q.require,
        require_any: q.require_any,
        exclude: q.exclude,
    })
}

/// Parse `num_papers`: digits with optional thousands separators.
fn parse_papers(raw: &str) -> Result<u32, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(0);
    }
    let digits: String = raw
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | '\'' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("bad num_papers {raw:?}"));
    }
    digits.parse::<u32>().map_err(|_| format!("num_papers out of range {raw:?}"))
}

/// A lexical token of the query language.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A quoted phrase (quotes removed).
    Quoted(String),
    /// A bare word.
    Word(String),
    And,
    Or,
    Not,
    Open,
    Close,
    /// `~` and the text right after it.
    Tilde(String),
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{201d}')
}

/// Characters that end a bare word.
fn is_delim(c: char) -> bool {
    c.is_whitespace() || is_quote(c) || matches!(c, '(' | ')' | '~')
}

fn lex(query: &str) -> Result<Vec<Tok>, String> {
    let mut toks = Vec::new();
    let mut chars = query.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if is_quote(c) {
            chars.next();
            let mut phrase = String::new();
            let mut closed = false;
            for c in chars.by_ref() {
                if is_quote(c) {
                    closed = true;
                    break;
                }
                phrase.push(c);
            }
            if !closed {
                return Err("unbalanced quote".to_string());
            }
            toks.push(Tok::Quoted(phrase));
        } else if c == '(' {
            chars.next();
            toks.push(Tok::Open);
        } else if c == ')' {
            chars.next();
            toks.push(Tok::Close);
        } else if c == '~' {
            chars.next();
            let mut arg = String::new();
            while let Some(&c) = chars.peek() {
                if is_delim(c) {
                    break;
                }
                arg.push(c);
                chars.next();
            }
            toks.push(Tok::Tilde(arg));
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if is_delim(c) {
                    break;
                }
                word.push(c);
                chars.next();
            }
            toks.push(match word.as_str() {
                "AND" | "ADN" | "&&" => Tok::And,
                "OR" | "||" => Tok::Or,
                "NOT" => Tok::Not,
                _ => Tok::Word(word),
            });
        }
    }
    Ok(toks)
}

/// The parts of a parsed query.
struct Query {
    artifact: PpsTerm,
    alternatives: Vec<PpsTerm>,
    require: Vec<PpsTerm>,
    require_any: Vec<Vec<PpsTerm>>,
    exclude: Vec<PpsTerm>,
}

fn op_name(tok: &Tok) -> &'static str {
    match tok {
        Tok::And => "AND",
        Tok::Or => "OR",
        Tok::Not => "NOT",
        Tok::Open => "(",
        Tok::Close => ")",
        Tok::Tilde(_) => "~",
        Tok::Quoted(_) | Tok::Word(_) => "term",
    }
}

/// Recursive-descent parser over the token list.
struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn starts_term(&self) -> bool {
        matches!(self.peek(), Some(Tok::Quoted(_) | Tok::Word(_) | Tok::Open))
    }

    /// `group := primary (OR primary)*`; a parenthesised primary may itself
    /// be an `OR` list and is flattened.
    fn group(&mut self, after: &str, depth: usize) -> Result<Vec<PpsTerm>, String> {
        let mut terms = self.primary(after, depth)?;
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            terms.extend(self.primary("OR", depth)?);
        }
        Ok(terms)
    }

    fn primary(&mut self, after: &str, depth: usize) -> Result<Vec<PpsTerm>, String> {
        let tok = self.peek().cloned();
        match tok {
            Some(Tok::Quoted(phrase)) => {
                self.pos += 1;
                let proximity = self.proximity()?;
                Ok(vec![make_term(&phrase, proximity)?])
            }
            Some(Tok::Word(_)) => {
                let mut words = Vec::new();
                while let Some(Tok::Word(w)) = self.peek() {
                    words.push(w.clone());
                    self.pos += 1;
                }
                let phrase = words.join(" ");
                if let Some(Tok::Tilde(arg)) = self.peek() {
                    return Err(format!(
                        "bad proximity ~{arg} after unquoted term {phrase:?} (fuzzy search unsupported)"
                    ));
                }
                Ok(vec![make_term(&phrase, None)?])
            }
            Some(Tok::Open) => {
                if depth >= 32 {
                    return Err("parentheses nested too deeply".to_string());
                }
                self.pos += 1;
                let terms = self.group("(", depth + 1)?;
                match self.peek() {
                    Some(Tok::Close) => {
                        self.pos += 1;
                        Ok(terms)
                    }
                    Some(Tok::And | Tok::Not) => Err(format!(
                        "unsupported operator {} inside parentheses",
                        self.peek().map(op_name).unwrap_or("?")
                    )),
                    Some(Tok::Tilde(arg)) => Err(format!("bad proximity ~{arg}")),
                    Some(Tok::Quoted(_) | Tok::Word(_) | Tok::Open) => {
                        Err("missing OR between terms inside parentheses".to_string())
                    }
                    Some(Tok::Or) | None => Err("unbalanced parenthesis".to_string()),
                }
            }
            Some(Tok::Tilde(arg)) => Err(format!("bad proximity ~{arg} (no phrase before it)")),
            Some(Tok::Close) => Err("unbalanced parenthesis".to_string()),
            Some(op @ (Tok::And | Tok::Or | Tok::Not)) => {
                if after.is_empty() {
                    Err(format!("no artifact phrase (query starts with operator {})", op_name(&op)))
                } else {
                    Err(format!("dangling operator {after} (followed by {})", op_name(&op)))
                }
            }
            None => {
                if after.is_empty() {
                    Err("no artifact phrase (empty query)".to_string())
                } else {
                    Err(format!("dangling operator {after}"))
                }
            }
        }
    }

    /// An optional `~n` after a quoted phrase.
    fn proximity(&mut self) -> Result<Option<u32>, String> {
        let Some(Tok::Tilde(arg)) = self.peek() else {
            return Ok(None);
        };
        let arg = arg.clone();
        self.pos += 1;
        if arg.is_empty() || !arg.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("bad proximity ~{arg}"));
        }
        let n = arg.parse::<u32>().map_err(|_| format!("bad proximity ~{arg}"))?;
        if let Some(Tok::Tilde(more)) = self.peek() {
            return Err(format!("bad proximity ~{arg}~{more}"));
        }
        Ok(Some(n))
    }

    fn query(&mut self) -> Result<Query, String> {
        let mut first = self.group("", 0)?.into_iter();
        let Some(artifact) = first.next() else {
            return Err("no artifact phrase".to_string());
        };
        let mut q = Query {
            artifact,
            alternatives: first.collect(),
            require: Vec::new(),
            require_any: Vec::new(),
            exclude: Vec::new(),
        };
        while let Some(tok) = self.peek().cloned() {
            let negate = match tok {
                Tok::And => {
                    self.pos += 1;
                    if self.peek() == Some(&Tok::Not) {
                        self.pos += 1;
                        true
                    } else {
                        false
                    }
                }
                Tok::Not => {
                    self.pos += 1;
                    true
                }
                // Implicit AND between juxtaposed terms.
                Tok::Quoted(_) | Tok::Word(_) | Tok::Open => false,
                Tok::Or => return Err("dangling operator OR".to_string()),
                Tok::Close => return Err("unbalanced parenthesis".to_string()),
                Tok::Tilde(arg) => return Err(format!("bad proximity ~{arg}")),
            };
            let name = if negate { "NOT" } else { "AND" };
            if !self.starts_term() {
                return Err(match self.peek() {
                    Some(t) => format!("dangling operator {name} (followed by {})", op_name(t)),
                    None => format!("dangling operator {name}"),
                });
            }
            let mut group = self.group(name, 0)?;
            if negate {
                q.exclude.append(&mut group);
            } else if group.len() == 1 {
                q.require.append(&mut group);
            } else {
                q.require_any.push(group);
            }
        }
        Ok(q)
    }
}

fn parse_query(query: &str) -> Result<Query, String> {
    let toks = lex(query)?;
    Parser { toks, pos: 0 }.query()
}

/// Build a term from a phrase, splitting words and trailing `*` wildcards.
fn make_term(phrase: &str, proximity: Option<u32>) -> Result<PpsTerm, String> {
    let mut words = Vec::new();
    let mut prefix = Vec::new();
    for raw in phrase.split_whitespace() {
        let (word, is_prefix) = match raw.strip_suffix('*') {
            Some(stem) => (stem, true),
            None => (raw, false),
        };
        if word.is_empty() || word.contains('*') {
            return Err(format!("unsupported wildcard {raw:?} (only a trailing * is allowed)"));
        }
        words.push(word.to_string());
        prefix.push(is_prefix);
    }
    if words.is_empty() {
        return Err("empty phrase \"\"".to_string());
    }
    Ok(PpsTerm { words, prefix, proximity })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(phrase: &str) -> PpsTerm {
        make_term(phrase, None).expect("test term")
    }

    fn tp(phrase: &str, n: u32) -> PpsTerm {
        make_term(phrase, Some(n)).expect("test term")
    }

    /// Parse one query through a full CSV record.
    fn rule(query: &str) -> Result<PpsRule, String> {
        let csv = format!("\"{}\",exp,\"1,234\"\n", query.replace('"', "\"\""));
        let (rules, errors) = parse_catalogue(&csv);
        assert_eq!(rules.len() + errors.len(), 1, "{query}");
        match (rules.into_iter().next(), errors.into_iter().next()) {
            (Some(r), _) => Ok(r),
            (None, Some(e)) => Err(e.reason),
            (None, None) => Err("nothing".to_string()),
        }
    }

    struct Want {
        artifact: PpsTerm,
        alternatives: Vec<PpsTerm>,
        require: Vec<PpsTerm>,
        require_any: Vec<Vec<PpsTerm>>,
        exclude: Vec<PpsTerm>,
    }

    fn want(artifact: PpsTerm) -> Want {
        Want {
            artifact,
            alternatives: vec![],
            require: vec![],
            require_any: vec![],
            exclude: vec![],
        }
    }

    #[test]
    fn query_shapes() {
        let prefix_term =
            PpsTerm { words: vec!["optimiz".into()], prefix: vec![true], proximity: None };
        let cases: Vec<(&str, Want)> = vec![
            (r#""profound learning""#, want(t("profound learning"))),
            (r#""bosom" AND "breast""#, Want { require: vec![t("breast")], ..want(t("bosom")) }),
            (
                r#""brilliant" AND "keen" AND "savvy" AND "shrewd""#,
                Want { require: vec![t("keen"), t("savvy"), t("shrewd")], ..want(t("brilliant")) },
            ),
            (
                r#""business knowledge" AND business intelligence"#,
                Want { require: vec![t("business intelligence")], ..want(t("business knowledge")) },
            ),
            (
                r#""enhancement calculation" AND optimiz*"#,
                Want { require: vec![prefix_term.clone()], ..want(t("enhancement calculation")) },
            ),
            (
                r#""Hey Greetings" AND "hear*""#,
                Want {
                    require: vec![PpsTerm {
                        words: vec!["hear".into()],
                        prefix: vec![true],
                        proximity: None,
                    }],
                    ..want(t("Hey Greetings"))
                },
            ),
            (
                r#""magnetic cell separation" NOT "with MACS""#,
                Want { exclude: vec![t("with MACS")], ..want(t("magnetic cell separation")) },
            ),
            (
                r#""surface highlights" NOT specular"#,
                Want { exclude: vec![t("specular")], ..want(t("surface highlights")) },
            ),
            (r#""gatherings clustering"~10"#, want(tp("gatherings clustering", 10))),
            (
                r#""extricating highlights"~20 NOT specular"#,
                Want { exclude: vec![t("specular")], ..want(tp("extricating highlights", 20)) },
            ),
            (
                r#""Chime labs" NOT "CHIMe labs Stanford"~5"#,
                Want { exclude: vec![tp("CHIMe labs Stanford", 5)], ..want(t("Chime labs")) },
            ),
            (
                r#""created nations" AND "developed countries" AND "created nations developed countries"~100"#,
                Want {
                    require: vec![
                        t("developed countries"),
                        tp("created nations developed countries", 100),
                    ],
                    ..want(t("created nations"))
                },
            ),
            (
                r#""PC helped" AND ("be that as it" OR "on the off chance")"#,
                Want {
                    require_any: vec![vec![t("be that as it"), t("on the off chance")]],
                    ..want(t("PC helped"))
                },
            ),
            (
                r#""preformation" AND ("rat" OR "mouse" OR "mice") AND ("final destiny" OR "ultimate destiny")"#,
                Want {
                    require_any: vec![
                        vec![t("rat"), t("mouse"), t("mice")],
                        vec![t("final destiny"), t("ultimate destiny")],
                    ],
                    ..want(t("preformation"))
                },
            ),
            (
                r#""affirmed recuperated demise" OR "affirmed recuperated passing""#,
                Want {
                    alternatives: vec![t("affirmed recuperated passing")],
                    ..want(t("affirmed recuperated demise"))
                },
            ),
            (
                r#""fit record" OR "fit file" AND "fit index""#,
                Want {
                    alternatives: vec![t("fit file")],
                    require: vec![t("fit index")],
                    ..want(t("fit record"))
                },
            ),
            (
                r#""total national production" ADN "GDP""#,
                Want { require: vec![t("GDP")], ..want(t("total national production")) },
            ),
            (r#""hazard ratio (RR)""#, want(t("hazard ratio (RR)"))),
            (r#""actual-time statistic analysis ""#, want(t("actual-time statistic analysis"))),
            // Not in the catalogue, but accepted.
            (r#"profound learning"#, want(t("profound learning"))),
            (r#""a" AND NOT "b""#, Want { exclude: vec![t("b")], ..want(t("a")) }),
            (r#""a" "b""#, Want { require: vec![t("b")], ..want(t("a")) }),
            (
                r#"("a" OR "b") AND "c""#,
                Want { alternatives: vec![t("b")], require: vec![t("c")], ..want(t("a")) },
            ),
            (r#""a" NOT ("b" OR "c")"#, Want { exclude: vec![t("b"), t("c")], ..want(t("a")) }),
            (
                r#""a" AND "b" OR "c""#,
                Want { require_any: vec![vec![t("b"), t("c")]], ..want(t("a")) },
            ),
            (
                r#""a" AND (("b" OR "c") OR "d")"#,
                Want { require_any: vec![vec![t("b"), t("c"), t("d")]], ..want(t("a")) },
            ),
            (r#""a" AND ("b")"#, Want { require: vec![t("b")], ..want(t("a")) }),
            ("\u{201c}smart quotes\u{201d}", want(t("smart quotes"))),
            (
                r#""x* y""#,
                want(PpsTerm {
                    words: vec!["x".into(), "y".into()],
                    prefix: vec![true, false],
                    proximity: None,
                }),
            ),
            ("  \"spaced   out\"~3   ", want(tp("spaced out", 3))),
        ];
        for (query, w) in cases {
            let r = rule(query).unwrap_or_else(|e| panic!("{query}: {e}"));
            assert_eq!(r.artifact, w.artifact, "{query}");
            assert_eq!(r.alternatives, w.alternatives, "{query}");
            assert_eq!(r.require, w.require, "{query}");
            assert_eq!(r.require_any, w.require_any, "{query}");
            assert_eq!(r.exclude, w.exclude, "{query}");
            assert_eq!(r.expected, "exp");
            assert_eq!(r.papers, 1234);
        }
    }

    #[test]
    fn query_errors() {
        let cases = [
            (r#""unbalanced"#, "unbalanced quote"),
            (r#""a" AND "b"#, "unbalanced quote"),
            ("", "no artifact phrase"),
            ("   ", "no artifact phrase"),
            (r#"AND "a""#, "no artifact phrase"),
            (r#"NOT "a""#, "no artifact phrase"),
            (r#"OR "a""#, "no artifact phrase"),
            (r#""a" AND"#, "dangling operator AND"),
            (r#""a" NOT"#, "dangling operator NOT"),
            (r#""a" OR"#, "dangling operator OR"),
            (r#""a" AND OR "b""#, "dangling operator AND"),
            (r#""a" OR AND "b""#, "dangling operator OR"),
            (r#""a" NOT NOT "b""#, "dangling operator NOT"),
            (r#""a"~x"#, "bad proximity ~x"),
            (r#""a"~"#, "bad proximity ~"),
            (r#""a"~-3"#, "bad proximity ~-3"),
            (r#""a"~99999999999"#, "bad proximity ~99999999999"),
            (r#""a"~3~4"#, "bad proximity ~3~4"),
            (r#"~3 "a""#, "bad proximity ~3"),
            (r#"a~2"#, "bad proximity ~2"),
            (r#""a" AND ("b" OR "c""#, "unbalanced parenthesis"),
            (r#""a" AND "b")"#, "unbalanced parenthesis"),
            (r#"()"#, "unbalanced parenthesis"),
            (r#""a" AND ("b" AND "c")"#, "unsupported operator AND"),
            (r#""a" AND ("b" "c")"#, "missing OR"),
            (r#""""#, "empty phrase"),
            (r#""a" AND "  ""#, "empty phrase"),
            (r#""*""#, "unsupported wildcard"),
            (r#""a" AND *x"#, "unsupported wildcard"),
            (r#""o*t""#, "unsupported wildcard"),
        ];
        for (query, reason) in cases {
            match rule(query) {
                Ok(r) => panic!("{query}: expected error {reason:?}, got {r:?}"),
                Err(e) => assert!(e.contains(reason), "{query}: {e:?} lacks {reason:?}"),
            }
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let query = format!("\"a\" AND {}\"b\"{}", "(".repeat(10_000), ")".repeat(10_000));
        let e = rule(&query).expect_err("too deep");
        assert!(e.contains("nested too deeply"), "{e}");
        let query = format!("\"a\" AND {}\"b\"{}", "(".repeat(5), ")".repeat(5));
        assert_eq!(rule(&query).map(|r| r.require), Ok(vec![t("b")]));
    }

    #[test]
    fn csv_quoting() {
        // Doubled quotes, embedded commas, embedded newlines, CRLF, missing
        // final newline, unquoted fields with quotes inside.
        let text = "tortured_phrase,expected_phrase,num_papers\r\n\
            \"\"\"a, b\"\" AND \"\"c\"\"\",\"x, y\",\"42,682\"\r\n\
            \"\"\"multi\nline\"\"\",\"exp\nected\",7\n\
            plain words,plain,\n\
            \n\
            \"\"\"q\"\" NOT r\",e,1 000\n\
            \"\"\"s\"\"\"tray,e,3\n\
            \"\"\"last\"\"\",e,9";
        let (rules, errors) = parse_catalogue(text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rules.len(), 6);
        assert_eq!(rules[0].line, 2);
        assert_eq!(rules[0].artifact, t("a, b"));
        assert_eq!(rules[0].require, vec![t("c")]);
        assert_eq!(rules[0].expected, "x, y");
        assert_eq!(rules[0].papers, 42682);
        assert_eq!(rules[1].line, 3);
        assert_eq!(rules[1].artifact, t("multi line"));
        assert_eq!(rules[1].expected, "exp\nected");
        assert_eq!(rules[2].line, 6);
        assert_eq!(rules[2].artifact, t("plain words"));
        assert_eq!(rules[2].papers, 0);
        assert_eq!(rules[3].line, 8);
        assert_eq!(rules[3].exclude, vec![t("r")]);
        assert_eq!(rules[3].papers, 1000);
        // `"""s"""tray`: quoted `"s"` followed by stray text kept literally.
        assert_eq!(rules[4].line, 9);
        assert_eq!(rules[4].artifact, t("s"));
        assert_eq!(rules[4].require, vec![t("tray")]);
        assert_eq!(rules[5].line, 10);
        assert_eq!(rules[5].papers, 9);
    }

    #[test]
    fn csv_and_column_errors() {
        let text = "\u{feff}tortured_phrase,expected_phrase,num_papers\n\
            \"\"\"only\"\"\"\n\
            \"\"\"a\"\"\",b,lots\n\
            \"\"\"a\"\"\",b,99999999999\n\
            \"\"\"a\"\"\",b,1,2\n\
            \"\"\"a\"\"\",b,1,,\n\
            \"\"\"a\"\"\",b,\",\"\n\
            \"\"\"open,b,\n1\n";
        let (rules, errors) = parse_catalogue(text);
        let got: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.reason.as_str())).collect();
        assert_eq!(rules.len(), 1, "{rules:?}");
        assert_eq!(rules[0].line, 6);
        let expect = [
            (2, "missing expected_phrase column"),
            (3, "bad num_papers"),
            (4, "num_papers out of range"),
            (5, "too many columns"),
            (7, "bad num_papers"),
            (8, "unterminated quoted CSV field"),
        ];
        assert_eq!(got.len(), expect.len(), "{got:?}");
        for ((line, reason), (wl, wr)) in got.iter().zip(expect) {
            assert_eq!(*line, wl, "{got:?}");
            assert!(reason.contains(wr), "{reason} lacks {wr}");
        }
    }

    #[test]
    fn headerless_and_empty() {
        assert_eq!(parse_catalogue(""), (vec![], vec![]));
        assert_eq!(parse_catalogue("\n\r\n\n"), (vec![], vec![]));
        assert_eq!(parse_catalogue("\u{feff}"), (vec![], vec![]));
        let (rules, errors) = parse_catalogue("tortured_phrase,expected_phrase,num_papers\n");
        assert!(rules.is_empty() && errors.is_empty());
        let (rules, errors) = parse_catalogue("\"\"\"x y\"\"\",z,5\r\"\"\"u\"\"\",v,6");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].line, 1);
        assert_eq!(rules[1].line, 2);
        assert_eq!(rules[1].artifact, t("u"));
    }

    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }
    }

    #[test]
    fn no_panic_on_junk() {
        const PIECES: &[&str] = &[
            "\"",
            "\"\"",
            ",",
            "\n",
            "\r",
            "\r\n",
            " ",
            "(",
            ")",
            "~",
            "~5",
            "*",
            "AND",
            "OR",
            "NOT",
            "ADN",
            "word",
            "é",
            "\u{201c}",
            "\u{fffd}",
            "42,682",
            "tortured_phrase",
        ];
        let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
        for round in 0..600 {
            let len = (rng.next() % 80) as usize;
            let text = if round % 2 == 0 {
                let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
                String::from_utf8_lossy(&bytes).into_owned()
            } else {
                (0..len)
                    .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
                    .collect::<String>()
            };
            let (rules, errors) = parse_catalogue(&text);
            for r in &rules {
                for term in std::iter::once(&r.artifact)
                    .chain(&r.alternatives)
                    .chain(&r.require)
                    .chain(r.require_any.iter().flatten())
                    .chain(&r.exclude)
                {
                    assert!(!term.words.is_empty(), "{text:?}");
                    assert_eq!(term.words.len(), term.prefix.len(), "{text:?}");
                    assert!(term.words.iter().all(|w| !w.is_empty()), "{text:?}");
                }
            }
            for e in &errors {
                assert!(e.line >= 1 && !e.reason.is_empty(), "{text:?}");
            }
        }
    }

    const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/pps/tortured.csv");

    #[test]
    fn shared_catalogue() {
        let bytes = std::fs::read(SHARED)
            .unwrap_or_else(|e| panic!("{SHARED}: {e} (the tests need ../shared)"));
        let text = String::from_utf8_lossy(&bytes);
        let (rules, errors) = parse_catalogue(&text);
        for e in &errors {
            eprintln!("line {}: {}", e.line, e.reason);
        }
        // Data records: every non-blank line after the header (the file has
        // no newlines inside quoted fields).
        let records = text.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
        assert_eq!(rules.len() + errors.len(), records);
        assert!(errors.is_empty(), "{errors:?}");
        for r in &rules {
            assert!(!r.require.contains(&r.artifact), "line {}", r.line);
            assert!(!r.exclude.contains(&r.artifact), "line {}", r.line);
            assert!(!r.artifact.words.is_empty());
        }
        let find = |words: &[&str]| {
            rules
                .iter()
                .find(|r| r.artifact.words == words)
                .unwrap_or_else(|| panic!("no rule for {words:?}"))
        };
        let bosom = find(&["bosom"]);
        assert_eq!(bosom.require, vec![t("breast")]);
        let surface = find(&["surface", "region"]);
        assert_eq!(surface.line, 2);
        assert_eq!(surface.require, vec![t("surface area")]);
        assert_eq!(surface.expected, "surface area");
        assert_eq!(surface.papers, 42682);
        let grouping = find(&["grouping", "methods"]);
        assert_eq!(grouping.line, 3);
        assert!(grouping.require.is_empty() && grouping.exclude.is_empty());
        assert_eq!(grouping.expected, "classification methods");
        let profound = find(&["profound", "learning"]);
        assert_eq!(profound.expected, "deep learning");
        let macs = find(&["magnetic", "cell", "separation"]);
        assert_eq!(macs.exclude, vec![t("with MACS")]);
        let gatherings = find(&["gatherings", "clustering"]);
        assert_eq!(gatherings.artifact.proximity, Some(10));
        let fit = find(&["fit", "record"]);
        assert_eq!(fit.alternatives, vec![t("fit file")]);
        assert_eq!(fit.require, vec![t("fit index")]);
        let gdp = find(&["total", "national", "production"]);
        assert_eq!(gdp.require, vec![t("GDP")]);
        let pre = find(&["preformation"]);
        assert_eq!(pre.require_any.len(), 2);
        // Shape counts documented in the data README.
        let count = |f: &dyn Fn(&PpsRule) -> bool| rules.iter().filter(|r| f(r)).count();
        assert_eq!(
            count(&|r| !r.require.is_empty() || !r.require_any.is_empty()),
            556 // the README's 555 rows spelling AND, plus one spelling it ADN
        );
        assert_eq!(count(&|r| !r.exclude.is_empty()), 22);
        assert_eq!(count(&|r| !r.alternatives.is_empty() || !r.require_any.is_empty()), 12);
        let proximity = |r: &PpsRule| {
            std::iter::once(&r.artifact)
                .chain(&r.require)
                .chain(&r.exclude)
                .any(|t| t.proximity.is_some())
        };
        assert_eq!(count(&proximity), 61);
        assert_eq!(rules.len(), 7644);
    }
}
