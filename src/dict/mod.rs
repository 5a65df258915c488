//! Dictionaries of spinner artifacts: parsing sources, compiling, loading, auditing.
//!
//! A [`Dictionary`] is the compiled, immutable form. It is loaded zero-copy from bytes (the
//! embedded default is a `&'static [u8]`, so loading it only reads the header), and every
//! accessor is bounds-checked, so even a damaged file can produce wrong answers but never a
//! panic. Files from outside are validated on load in time linear in their size, without
//! recompiling: checksum, sections, every record, and a structural walk of both automata that
//! makes every later walk safe (see `validate`).

pub mod compile;
#[cfg(test)]
mod data_files;
mod index;
pub mod source;
mod validate;

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};

use crate::error::Error;
use compile::{HEADER_LEN, MAGIC, RECORD_LEN, VERSION};
pub use source::Kind;
use source::SourceEntry;

use index::Layout;
pub(crate) use index::{MatchIndex, NO_RECORD};

/// The compiled default dictionary, built from `data/` by `build.rs`.
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.spinscan"));

/// A compiled dictionary of artifacts.
///
/// ```
/// use spinscan::Dictionary;
/// let dict = Dictionary::from_tsv("unique pressures\tspecial forces\tsynonym\t3.0\n", "mine.tsv")?;
/// assert_eq!(dict.len(), 1);
/// let entry = dict.get("Unique Pressure").expect("inflection- and case-tolerant lookup");
/// assert_eq!(entry.original, "special forces");
/// # Ok::<(), spinscan::Error>(())
/// ```
#[derive(Clone)]
pub struct Dictionary {
    bytes: Bytes,
    vocab: fst::Map<Section>,
    phrases: fst::Map<Section>,
    labels: Arc<[Box<str>]>,
    records: Range<usize>,
    strings: Range<usize>,
    len: usize,
    /// The matcher's index section and where its parts lie.
    index: Range<usize>,
    layout: Layout,
    /// Identifies these bytes for the per-thread stem caches (clones share it).
    id: u64,
}

/// The next [`Dictionary::id`].
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary")
            .field("entries", &self.len)
            .field("stems", &self.vocab.len())
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// One dictionary entry, borrowed from its [`Dictionary`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Entry<'a> {
    /// The phrase as it appears in spun text, as written on the source line that won its
    /// stemmed key. Other lines with the same key may have spelled it differently; see
    /// [`Dictionary::iter_spellings`].
    pub artifact: &'a str,
    /// The likely original phrase.
    pub original: &'a str,
    /// What kind of substitution this is.
    pub kind: Kind,
    /// Evidence in log-odds.
    pub weight: f32,
    /// The domain label (`news`, `science`, `general`, ...).
    pub domain: &'a str,
    /// Where the entry came from.
    pub source: &'a str,
}

impl Default for Dictionary {
    /// The embedded default dictionary. See [`Dictionary::embedded`].
    fn default() -> Self {
        Dictionary::embedded()
    }
}

impl Dictionary {
    /// The embedded default dictionary (news and science layers plus the generated layer).
    /// No I/O and no parsing beyond the header and section table.
    ///
    /// ```
    /// let dict = spinscan::Dictionary::embedded();
    /// assert!(dict.len() > 500);
    /// ```
    pub fn embedded() -> Dictionary {
        // The embedded bytes are produced by build.rs in the same build and tested in
        // `embedded_dictionary_is_valid`: a failure here is a broken build, never bad input, so
        // it panics (at the first use, in every test) rather than detect nothing. One shared
        // instance: loading reads only the header and the section table, once.
        static SHARED: std::sync::LazyLock<Dictionary> =
            std::sync::LazyLock::new(Dictionary::load_embedded);
        SHARED.clone()
    }

    /// Loads the embedded bytes: reads the header and the section table, nothing else.
    pub(crate) fn load_embedded() -> Dictionary {
        Dictionary::load(Bytes::Static(EMBEDDED), false, "<embedded>").unwrap_or_else(|e| {
            panic!("the embedded default dictionary does not load ({e}): rebuild spinscan")
        })
    }

    /// A dictionary with no entries.
    pub fn empty() -> Dictionary {
        let bytes = compile::compile(&[]).unwrap_or_default();
        Dictionary::load(Bytes::Shared(bytes.into()), false, "<empty>")
            .expect("the empty dictionary always compiles and loads")
    }

    /// Loads a compiled dictionary (as written by [`Dictionary::as_bytes`]), validating it in
    /// time linear in its size, without recompiling: a corrupt, truncated or wrong-version
    /// file is an [`Error::Compiled`]. A file that loads never makes analysis panic; that its
    /// entries still mean what their source said is protected by the checksum (against
    /// accidental damage), not proven.
    ///
    /// ```
    /// let dict = spinscan::Dictionary::from_tsv("a b\tc\tsynonym\t1\n", "x.tsv")?;
    /// let again = spinscan::Dictionary::from_compiled(dict.as_bytes().to_vec(), "x.bin")?;
    /// assert_eq!(again.len(), 1);
    /// assert!(spinscan::Dictionary::from_compiled(vec![1, 2, 3], "junk.bin").is_err());
    /// # Ok::<(), spinscan::Error>(())
    /// ```
    pub fn from_compiled(bytes: Vec<u8>, origin: &str) -> Result<Dictionary, Error> {
        Dictionary::load(Bytes::Shared(bytes.into()), true, origin)
    }

    /// Parses and compiles a TSV dictionary (format in `data/FORMAT.md`). `origin` names the
    /// source in errors.
    pub fn from_tsv(text: &str, origin: &str) -> Result<Dictionary, Error> {
        let entries = source::parse_tsv(text).map_err(|e| Error::Dictionary {
            origin: origin.to_string(),
            line: e.line,
            reason: e.reason,
        })?;
        let origins = vec![origin.to_string(); entries.len()];
        Dictionary::compile_entries(&entries, |i| origins[i].as_str())
    }

    /// Reads and compiles a TSV dictionary file.
    pub fn from_tsv_path(path: impl AsRef<Path>) -> Result<Dictionary, Error> {
        let path = path.as_ref();
        let text = read_text(path)?;
        Dictionary::from_tsv(&text, &path.display().to_string())
    }

    /// Compiles entries gathered from several sources; `origin_of(i)` names the source of
    /// entry `i` for error messages. Later entries override earlier ones with the same key.
    pub(crate) fn compile_entries<'a>(
        entries: &'a [SourceEntry],
        origin_of: impl Fn(usize) -> &'a str,
    ) -> Result<Dictionary, Error> {
        let bytes = compile::compile(entries).map_err(|e| Error::Dictionary {
            origin: origin_of(e.index).to_string(),
            line: entries.get(e.index).map_or(0, |x| x.line),
            reason: e.reason,
        })?;
        Dictionary::load(Bytes::Shared(bytes.into()), false, "<compiled>")
    }

    /// The number of entries (distinct keys).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of distinct word stems in the entries.
    pub fn stem_count(&self) -> usize {
        self.vocab.len()
    }

    /// The compiled form, to save and later load with [`Dictionary::from_compiled`].
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Iterates over all entries, in key order.
    ///
    /// ```
    /// let dict = spinscan::Dictionary::embedded();
    /// let fillers = dict.iter().filter(|e| e.kind == spinscan::Kind::Filler).count();
    /// assert!(fillers > 0);
    /// ```
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Entry<'_>> + '_ {
        (0..self.len).map(move |i| self.entry(i).unwrap_or(Entry::BROKEN))
    }

    /// Looks up the entry an artifact phrase would match, with the matcher's rules: case,
    /// inflection and hyphenation do not matter. For phrases of two or more words derivation
    /// does ("vital product" does not find "vitality productivity", though Porter2 gives both
    /// the same stems); one word is looked up by its stem alone.
    pub fn get(&self, artifact: &str) -> Option<Entry<'_>> {
        let stemmer = Stemmer::create(Algorithm::English);
        let stems = compile::phrase_stems(artifact, &stemmer, &mut String::new()).ok()?;
        let mut key = Vec::with_capacity(stems.len() * 3);
        for s in &stems {
            key.extend_from_slice(&compile::encode_id(self.stem_id(s)?));
        }
        let record = self.phrases.get(&key)? as usize;
        let entry = self.entry(record)?;
        let scratch = &mut crate::inflection::Scratch::default();
        self.forms(record)
            .any(|form| crate::inflection::agrees(artifact, form, scratch))
            .then_some(entry)
    }

    /// Identifies this dictionary's bytes (clones share it): the key of the stem caches.
    #[inline]
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// The id of a word stem, if any entry uses it.
    #[inline]
    pub(crate) fn stem_id(&self, stem: &str) -> Option<u32> {
        self.vocab.get(stem).map(|id| id as u32)
    }

    /// The matcher's index (see [`MatchIndex`]), read in place: the compiler writes it, so
    /// neither loading nor the first analysis builds anything.
    #[inline]
    pub(crate) fn match_index(&self) -> MatchIndex<'_> {
        let bytes: &[u8] = &self.bytes;
        self.layout.view(bytes.get(self.index.clone()).unwrap_or_default())
    }

    /// The phrase automaton, for the matcher's node-by-node walk.
    #[inline]
    pub(crate) fn phrase_fst(&self) -> &fst::raw::Fst<Section> {
        self.phrases.as_fst()
    }

    /// The entry behind a record index (the phrase automaton's output).
    pub(crate) fn entry(&self, index: usize) -> Option<Entry<'_>> {
        let r = self.record(index)?;
        let u16_at = |o: usize| u16::from_le_bytes([r[o], r[o + 1]]) as usize;
        let offset = u32::from_le_bytes([r[0], r[1], r[2], r[3]]) as usize;
        let (alen, olen) = (u16_at(4), u16_at(6));
        let weight = f32::from_le_bytes([r[8], r[9], r[10], r[11]]);
        let kind = Kind::from_code(r[12])?;
        let forms = self.text(offset, alen)?;
        Some(Entry {
            artifact: forms.split(compile::FORM_SEPARATOR).next().unwrap_or(forms),
            original: self.text(offset + alen, olen)?,
            kind,
            weight,
            domain: self.labels.get(u16_at(14))?,
            source: self.labels.get(u16_at(16))?,
        })
    }

    /// Every artifact spelling stored for an entry, the entry's own (`Entry::artifact`) first.
    /// The matcher keeps a hit only if it is an inflected form of one of them.
    pub(crate) fn forms(&self, index: usize) -> impl Iterator<Item = &str> {
        let forms = self.record(index).and_then(|r| {
            let offset = u32::from_le_bytes([r[0], r[1], r[2], r[3]]) as usize;
            self.text(offset, u16::from_le_bytes([r[4], r[5]]) as usize)
        });
        forms.unwrap_or_default().split(compile::FORM_SEPARATOR)
    }

    /// The `RECORD_LEN` bytes of a record.
    fn record(&self, index: usize) -> Option<&[u8]> {
        let bytes: &[u8] = &self.bytes;
        let records = bytes.get(self.records.clone())?;
        records.get(index.checked_mul(RECORD_LEN)?..)?.get(..RECORD_LEN)
    }

    /// `len` bytes of the string table from `start`, if they are in it and are UTF-8.
    fn text(&self, start: usize, len: usize) -> Option<&str> {
        let bytes: &[u8] = &self.bytes;
        let strings = bytes.get(self.strings.clone())?;
        std::str::from_utf8(strings.get(start..start.checked_add(len)?)?).ok()
    }

    /// Every entry once per stored spelling of its artifact, in key order, the entry's own
    /// spelling ([`Entry::artifact`]) last. Written out as TSV lines and compiled again, these
    /// give the same dictionary: this is the lossless export, where [`Dictionary::iter`]
    /// gives each entry once.
    ///
    /// ```
    /// let tsv = "neural organization\tneural network\ttortured-phrase\t4.5\n\
    ///            neural organize\tneural network\ttortured-phrase\t3.5\n";
    /// let dict = spinscan::Dictionary::from_tsv(tsv, "mine.tsv")?;
    /// assert_eq!(dict.len(), 1);
    /// let spellings: Vec<&str> = dict.iter_spellings().map(|e| e.artifact).collect();
    /// assert_eq!(spellings, ["neural organization", "neural organize"]);
    /// # Ok::<(), spinscan::Error>(())
    /// ```
    pub fn iter_spellings(&self) -> impl Iterator<Item = Entry<'_>> + '_ {
        (0..self.len).flat_map(move |i| {
            let e = self.entry(i).unwrap_or(Entry::BROKEN);
            let others = self.forms(i).skip(1).map(move |artifact| Entry { artifact, ..e });
            others.chain(std::iter::once(e))
        })
    }

    fn load(bytes: Bytes, untrusted: bool, origin: &str) -> Result<Dictionary, Error> {
        let bad = |reason: String| Error::Compiled { origin: origin.to_string(), reason };
        let b: &[u8] = &bytes;
        if b.len() < HEADER_LEN {
            return Err(bad(format!("{} bytes is shorter than the header", b.len())));
        }
        if &b[..8] != MAGIC {
            return Err(bad("not a spinscan dictionary (bad magic bytes)".into()));
        }
        let u32_at = |o: usize| u32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]]);
        let u64_at = |o: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[o..o + 8]);
            u64::from_le_bytes(w)
        };
        let version = u32_at(8);
        if version != VERSION {
            return Err(bad(format!("format version {version}, this build reads {VERSION}")));
        }
        let len = u32_at(12) as usize;
        let sum = u64_at(16);
        let records_len = (len as u64).checked_mul(RECORD_LEN as u64);
        let lens = [
            Some(u64_at(24)),
            Some(u64_at(32)),
            Some(u64_at(40)),
            records_len,
            Some(u64_at(48)),
            Some(u64_at(56)),
        ];
        let mut ranges = Vec::with_capacity(lens.len());
        let mut at = HEADER_LEN;
        for n in lens {
            let end = n
                .and_then(|n| usize::try_from(n).ok())
                .and_then(|n| at.checked_add(n))
                .filter(|&e| e <= b.len())
                .ok_or_else(|| bad("truncated: a section runs past the end".into()))?;
            ranges.push(at..end);
            at = end;
        }
        if at != b.len() {
            return Err(bad(format!("{} trailing bytes after the last section", b.len() - at)));
        }
        let [vocab_r, phrase_r, labels_r, records, strings, index]: [Range<usize>; 6] =
            ranges.try_into().map_err(|_| bad("sections".into()))?;
        if untrusted && compile::checksum(&b[HEADER_LEN..]) != sum {
            return Err(bad("checksum mismatch: the file is corrupt".into()));
        }
        let labels =
            parse_labels(&b[labels_r]).ok_or_else(|| bad("malformed label table".into()))?;
        let fst_map = |r: Range<usize>, what: &str| {
            fst::Map::new(Section { bytes: bytes.clone(), range: r })
                .map_err(|e| bad(format!("{what} automaton: {e}")))
        };
        let vocab = fst_map(vocab_r, "vocabulary")?;
        let layout = Layout::parse(&b[index.clone()], vocab.len())
            .ok_or_else(|| bad("malformed matcher index".into()))?;
        let dict = Dictionary {
            vocab,
            phrases: fst_map(phrase_r, "phrase")?,
            labels: labels.into(),
            records,
            strings,
            len,
            bytes: bytes.clone(),
            index,
            layout,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        if untrusted {
            dict.validate().map_err(bad)?;
        }
        Ok(dict)
    }

    /// Checks an untrusted file in time linear in its size, without recompiling it: every
    /// record must be readable with a finite weight; both automata must pass
    /// [`validate::check`] (every walk from the root is safe; keys are well formed: a phrase
    /// key is 1 to 16 stem ids, each below the vocabulary size; the `n`-th key's output is `n`);
    /// and the matcher's index must be the one these automata give (so its start states are
    /// nodes of the automaton). What is *not* checked is that the records, automata and
    /// strings still say what one TSV source said: only the checksum protects that, against
    /// accidental damage. A crafted file with a repaired checksum can give wrong answers,
    /// never a panic.
    fn validate(&self) -> Result<(), String> {
        for i in 0..self.len {
            let e = self.entry(i).ok_or_else(|| format!("record {i} is malformed"))?;
            if !e.weight.is_finite() {
                return Err(format!("record {i} has a non-finite weight"));
            }
        }
        let stems = self.vocab.len();
        // Stems are at most as long as their folded word; twice that only bounds the work.
        validate::check(self.vocab.as_fst(), stems, 2 * compile::MAX_WORD_BYTES, |_| true)
            .map_err(|e| format!("vocabulary automaton: {e}"))?;
        let phrase_key = |k: &[u8]| {
            !k.is_empty()
                && k.len() % 3 == 0
                && k.chunks_exact(3)
                    .all(|c| (u32::from_le_bytes([c[0], c[1], c[2], 0]) as usize) < stems)
        };
        validate::check(self.phrases.as_fst(), self.len, 3 * source::MAX_PHRASE_WORDS, phrase_key)
            .map_err(|e| format!("phrase automaton: {e}"))?;
        let index = index::build(&self.phrases, stems as u32);
        if self.bytes.get(self.index.clone()) != Some(&index[..]) {
            return Err("the matcher index does not match the phrase automaton".into());
        }
        Ok(())
    }
}

impl Entry<'static> {
    /// Stands in for a record that cannot be read (only reachable with a damaged file).
    const BROKEN: Entry<'static> = Entry {
        artifact: "",
        original: "",
        kind: Kind::Synonym,
        weight: 0.0,
        domain: "",
        source: "",
    };
}

fn parse_labels(b: &[u8]) -> Option<Vec<Box<str>>> {
    let count = u16::from_le_bytes([*b.first()?, *b.get(1)?]) as usize;
    let mut labels = Vec::with_capacity(count);
    let mut at = 2;
    for _ in 0..count {
        let n = *b.get(at)? as usize;
        let s = std::str::from_utf8(b.get(at + 1..at + 1 + n)?).ok()?;
        labels.push(s.into());
        at += 1 + n;
    }
    (at == b.len()).then_some(labels)
}

/// Reads a file as text; invalid UTF-8 in a dictionary is an error naming the line.
pub(crate) fn read_text(path: &Path) -> Result<String, Error> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::Io { path: path.to_path_buf(), source: e })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        Error::Dictionary {
            origin: path.display().to_string(),
            line: valid.iter().filter(|&&b| b == b'\n').count() + 1,
            reason: "invalid UTF-8".into(),
        }
    })
}

/// The bytes behind a dictionary: the embedded static slice, or a shared buffer.
#[derive(Clone)]
pub(crate) enum Bytes {
    Static(&'static [u8]),
    Shared(Arc<[u8]>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Static(b) => b,
            Bytes::Shared(b) => b,
        }
    }
}

/// A section of a dictionary's bytes, handed to `fst` without copying.
#[derive(Clone)]
pub(crate) struct Section {
    bytes: Bytes,
    range: Range<usize>,
}

impl AsRef<[u8]> for Section {
    fn as_ref(&self) -> &[u8] {
        self.bytes.get(self.range.clone()).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_dictionary_is_valid() {
        let d = Dictionary::load(Bytes::Static(EMBEDDED), true, "<embedded>").unwrap();
        assert!(!d.is_empty());
        assert_eq!(d.iter().count(), d.len());
    }

    #[test]
    fn the_build_script_fails_without_its_data() {
        // build.rs panics with these messages: a checkout without data/ does not build.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let files = data_files::layer_files(root, true).unwrap();
        for name in ["words.tsv", "news.tsv", "science.tsv"] {
            assert!(files.iter().any(|f| f.ends_with(name)), "{name} in {files:?}");
        }
        let dir = std::env::temp_dir().join(format!("spinscan-nodata-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let err = data_files::layer_files(&dir, false).unwrap_err();
        assert!(err.contains("data/curated") && err.contains("restore"), "{err}");
        let err = data_files::layer_files(&dir, true).unwrap_err();
        assert!(err.contains("data/generated"), "{err}");
        std::fs::create_dir_all(dir.join("data/curated")).unwrap();
        std::fs::write(dir.join("data/curated/README.md"), "no tables here").unwrap();
        let err = data_files::layer_files(&dir, false).unwrap_err();
        assert!(err.contains("data/curated") && err.contains("no .tsv"), "{err}");
        std::fs::write(dir.join("data/curated/a.tsv"), "x\ty\tsynonym\t1\n").unwrap();
        assert_eq!(data_files::layer_files(&dir, false).unwrap().len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn compiled_round_trip_and_override() {
        let text = "Armed force stated\tmilitary said\tsynonym\t3\nunique pressures\tspecial forces\tsynonym\t2\nunique pressure\tspecial force\tsynonym\t2.5\tnews\tmine\n";
        let d = Dictionary::from_tsv(text, "t.tsv").unwrap();
        assert_eq!(d.len(), 2, "the two pressure lines share a key; the later wins");
        let e = d.get("UNIQUE-PRESSURES").unwrap();
        assert_eq!(
            (e.original, e.weight, e.domain, e.source),
            ("special force", 2.5, "news", "mine")
        );
        let again = Dictionary::from_compiled(d.as_bytes().to_vec(), "t.bin").unwrap();
        assert_eq!(again.iter().collect::<Vec<_>>(), d.iter().collect::<Vec<_>>());
        assert!(d.get("armed forces").is_none());
    }

    #[test]
    fn corrupt_compiled_bytes_are_errors() {
        let d = Dictionary::from_tsv("a b\tc\tsynonym\t1\n", "t.tsv").unwrap();
        let good = d.as_bytes().to_vec();
        for cut in 0..good.len() {
            assert!(Dictionary::from_compiled(good[..cut].to_vec(), "t").is_err(), "cut {cut}");
        }
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x55;
            assert!(Dictionary::from_compiled(bad, "t").is_err(), "flip at {i}");
        }
        let mut wrong_version = good.clone();
        wrong_version[8] = 9;
        let err = Dictionary::from_compiled(wrong_version, "v.bin").unwrap_err().to_string();
        assert!(err.contains("v.bin") && err.contains("version 9"), "{err}");
    }

    #[test]
    fn corrupt_bytes_behind_a_correct_checksum_are_errors() {
        // Found by fuzz/compiled_dictionary: a damaged automaton with a repaired checksum made
        // the validating walk panic inside `fst`. Validation is structural (no recompiling):
        // a single-byte change may still load (a changed input byte is another valid key, a
        // changed string another artifact), and must then be fully usable without a panic:
        // iteration, lookups, analysis. Most changes to the header and automata are errors.
        let tsv = "unique pressures\tspecial forces\tsynonym\t3\tnews\tcurated\n\
                   and also\tand\tfiller\t0.5\nbosom\tbreast\ttortured-phrase\t3\n";
        let good = Dictionary::from_tsv(tsv, "t.tsv").unwrap().as_bytes().to_vec();
        let with_checksum = |mut b: Vec<u8>| {
            let sum = compile::checksum(&b[HEADER_LEN..]);
            b[16..24].copy_from_slice(&sum.to_le_bytes());
            b
        };
        assert!(Dictionary::from_compiled(with_checksum(good.clone()), "t").is_ok());
        let u64_at = |o: usize| u64::from_le_bytes(good[o..o + 8].try_into().unwrap()) as usize;
        let automata_end = HEADER_LEN + u64_at(24) + u64_at(32);
        let (mut loaded, mut rejected) = (0, 0);
        for i in (0..good.len()).filter(|i| !(16..24).contains(i)) {
            for flip in [0x01, 0x80, 0xFF] {
                let mut bad = good.clone();
                bad[i] ^= flip;
                let Ok(d) = Dictionary::from_compiled(with_checksum(bad), "t") else {
                    rejected += usize::from(i < automata_end);
                    continue;
                };
                loaded += usize::from(i < automata_end);
                assert_eq!(d.iter().count(), 3);
                let mut text = String::new();
                for e in d.iter() {
                    let _ = d.get(e.artifact);
                    text.push_str(e.artifact);
                    text.push_str(". The unique pressures and also a bosom. ");
                }
                let detector = crate::Detector::builder()
                    .no_default_dictionary()
                    .dictionary(d)
                    .build()
                    .unwrap();
                let report = detector.analyze(&text);
                assert!(report.sentences.iter().all(|s| s.end <= text.len()));
            }
        }
        assert!(rejected > 4 * loaded, "{rejected} rejected, {loaded} loaded");
    }

    #[test]
    fn tsv_errors_name_origin_and_line() {
        let err =
            Dictionary::from_tsv("ok\tx\tsynonym\t1\nbad\tx\tsynonym\n", "my.tsv").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("my.tsv") && msg.contains(":2") && msg.contains("columns"), "{msg}");
        let err = Dictionary::from_tsv("e.g. this\tx\tsynonym\t1\n", "p.tsv").unwrap_err();
        assert!(err.to_string().contains("p.tsv:1"), "{err}");
    }
}
