//! Parsing the human-reviewable TSV dictionary format (see `data/FORMAT.md`).
//!
//! Self-contained (`build.rs` includes it): errors carry the line and the reason, and the
//! caller adds the name of the source.

use serde::{Deserialize, Serialize};

/// The most words an artifact may have. Longer phrases are never spinner artifacts, and the
/// bound keeps the matcher's walk from any start position short.
pub const MAX_PHRASE_WORDS: usize = 16;

/// The kind of substitution an artifact (or a dictionary-free signal) represents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Kind {
    /// Sense-blind synonym substitution: "unique pressures" for "special forces".
    Synonym,
    /// An acronym read as a word and expanded: "carbon monoxide- ordinating" for "co-ordinating".
    AcronymExpansion,
    /// An inserted filler: "and also" for "and", "has actually been" for "has been".
    Filler,
    /// A tortured phrase in scientific text: "profound learning" for "deep learning".
    TorturedPhrase,
    /// A hyphenated word torn apart: "battle- split" for "war-torn".
    TornHyphen,
    /// Leaked spinner template syntax: `{big|large|huge}`.
    Spintax,
}

impl Kind {
    /// Every kind, in the order of their numeric codes.
    pub const ALL: [Kind; 6] = [
        Kind::Synonym,
        Kind::AcronymExpansion,
        Kind::Filler,
        Kind::TorturedPhrase,
        Kind::TornHyphen,
        Kind::Spintax,
    ];

    /// The name used in dictionary files and JSON reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Synonym => "synonym",
            Kind::AcronymExpansion => "acronym-expansion",
            Kind::Filler => "filler",
            Kind::TorturedPhrase => "tortured-phrase",
            Kind::TornHyphen => "torn-hyphen",
            Kind::Spintax => "spintax",
        }
    }

    /// Parses a name as written in dictionary files.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// A stable one-byte code for the compiled format.
    pub(crate) fn code(self) -> u8 {
        Kind::ALL.iter().position(|&k| k == self).unwrap_or(0) as u8
    }

    /// The inverse of [`Kind::code`].
    pub(crate) fn from_code(code: u8) -> Option<Kind> {
        Kind::ALL.get(code as usize).copied()
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One dictionary line, parsed but not yet keyed.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceEntry {
    /// The phrase as it appears in spun text.
    pub artifact: String,
    /// The likely original phrase.
    pub original: String,
    /// What kind of substitution this is.
    pub kind: Kind,
    /// Evidence in log-odds.
    pub weight: f32,
    /// `news`, `science`, `general`, or another label.
    pub domain: String,
    /// Where the entry came from.
    pub source: String,
    /// The 1-based line it was read from (0 when it did not come from a file).
    pub line: usize,
}

/// Why a line could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

/// Parses a whole TSV dictionary. The first bad line is an error: a dictionary that loads
/// partly would silently change what is detected.
pub fn parse_tsv(text: &str) -> Result<Vec<SourceEntry>, SourceError> {
    let mut entries = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let line = index + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let raw = if line == 1 { raw.strip_prefix('\u{FEFF}').unwrap_or(raw) } else { raw };
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        let entry = parse_line(raw, line).map_err(|reason| SourceError { line, reason })?;
        entries.push(entry);
    }
    Ok(entries)
}

/// Parses an allow-list: one phrase per line, `#` comments and blank lines ignored, into
/// entries of weight 0 (which suppress a match and report nothing). The phrase itself is
/// checked when it is compiled (punctuation inside, too many words).
pub fn parse_allow(text: &str) -> Result<Vec<SourceEntry>, SourceError> {
    let mut entries = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let line = index + 1;
        let raw = if line == 1 { raw.strip_prefix('\u{FEFF}').unwrap_or(raw) } else { raw };
        let phrase = raw.trim();
        if phrase.is_empty() || phrase.starts_with('#') {
            continue;
        }
        let reason = if phrase.contains('\t') {
            Some("an allow-list line is one phrase, without tabs (a TSV dictionary goes to --dict)")
        } else if phrase.len() > 400 {
            Some("phrase longer than 400 bytes")
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(SourceError { line, reason: reason.into() });
        }
        entries.push(SourceEntry {
            artifact: phrase.to_string(),
            original: phrase.to_string(),
            kind: Kind::Synonym,
            weight: 0.0,
            domain: "allow".into(),
            source: "allow".into(),
            line,
        });
    }
    Ok(entries)
}

fn parse_line(raw: &str, line: usize) -> Result<SourceEntry, String> {
    let cols: Vec<&str> = raw.split('\t').map(str::trim).collect();
    if cols.len() < 4 {
        return Err(format!(
            "expected at least 4 tab-separated columns (artifact, original, kind, weight), found {}",
            cols.len()
        ));
    }
    if cols.len() > 6 {
        return Err(format!("expected at most 6 columns, found {}", cols.len()));
    }
    let (artifact, original, kind, weight) = (cols[0], cols[1], cols[2], cols[3]);
    if artifact.is_empty() {
        return Err("empty artifact".into());
    }
    if original.is_empty() {
        return Err("empty original".into());
    }
    if artifact.len() > 400 || original.len() > 400 {
        return Err("artifact or original longer than 400 bytes".into());
    }
    let kind = Kind::parse(kind).ok_or_else(|| {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown kind {kind:?}; expected one of {}", names.join(", "))
    })?;
    let weight: f32 = weight.parse().map_err(|_| format!("weight {weight:?} is not a number"))?;
    if !weight.is_finite() || !(-20.0..=20.0).contains(&weight) {
        return Err(format!("weight {weight} is outside -20..=20"));
    }
    let label = |i: usize, default: &str| -> Result<String, String> {
        let v = cols.get(i).copied().unwrap_or("");
        let v = if v.is_empty() { default } else { v };
        if v.len() > 64 {
            return Err(format!("column {} is longer than 64 bytes", i + 1));
        }
        Ok(v.to_string())
    };
    Ok(SourceEntry {
        artifact: artifact.to_string(),
        original: original.to_string(),
        kind,
        weight,
        domain: label(4, "general")?,
        source: label(5, "")?,
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_comments_and_defaults() {
        let text = "\u{FEFF}# comment\n\nunique pressures\tspecial forces\tsynonym\t3.0\tnews\tcurated\r\nand also\tand\tfiller\t0.5\n";
        let entries = parse_tsv(text).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].artifact, "unique pressures");
        assert_eq!(entries[0].kind, Kind::Synonym);
        assert_eq!(entries[0].line, 3);
        assert_eq!(entries[1].domain, "general");
        assert_eq!(entries[1].weight, 0.5);
    }

    #[test]
    fn errors_name_line_and_reason() {
        let cases: &[(&str, usize, &str)] = &[
            ("a\tb\tsynonym", 1, "at least 4"),
            ("# ok\na\tb\tsynonymz\t1", 2, "unknown kind"),
            ("a\tb\tsynonym\tx", 1, "not a number"),
            ("a\tb\tsynonym\tNaN", 1, "outside"),
            ("a\tb\tsynonym\t1e9", 1, "outside"),
            ("\tb\tsynonym\t1", 1, "empty artifact"),
            ("a\t\tsynonym\t1", 1, "empty original"),
            ("a\tb\tsynonym\t1\tx\ty\tz", 1, "at most 6"),
        ];
        for (text, line, reason) in cases {
            let err = parse_tsv(text).unwrap_err();
            assert_eq!(err.line, *line, "{text:?}");
            assert!(err.reason.contains(reason), "{text:?}: {}", err.reason);
        }
    }

    #[test]
    fn kind_codes_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(k));
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
    }
}
