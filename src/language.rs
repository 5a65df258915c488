//! Language: spinscan's dictionary is English, so text in another language is not judged.
//!
//! A document is English when function words of English ("the", "of", "and", ...) make up a
//! good share of the words of its first [`SAMPLE_BYTES`]: one pass over at most that many bytes,
//! a few microseconds, and the answer for nearly all input. Otherwise `whatlang` (trigram
//! profiles of 69 languages) names the language of the sample; the document is reported as
//! not English only when whatlang calls its answer reliable, the sample is prose (letters
//! make up 90% of its non-space characters) and, in the Latin script, it holds at least three
//! function words of French, German, Spanish, Italian, Portuguese or Dutch, more than twice its
//! English ones. So code, tables, lists of phrases and short fragments, for which whatlang also
//! names a language, stay applicable; Latin-script languages without a function-word list here
//! (Tagalog, Zulu, ...) are judged as English.
//!
//! Words are read as the tokenizer folds them (look-alike letters of other scripts are Latin).
//!
//! In an English document, a sentence that has matches is judged only if it is not in another
//! language ([`sentence_is_foreign`]): French UI strings or a German quotation inside English
//! text carry no evidence.

use crate::text::normalize::is_latin_variant;
use crate::text::tokenize::for_each_word;

/// How much of a document the language test reads.
pub const SAMPLE_BYTES: usize = 4096;

/// Share of English function words among the sample's words above which a document is
/// English without asking whatlang (running English prose: 35-55%).
const ENGLISH_SHARE: f64 = 0.12;

/// Share of letters among the sample's other non-space characters below which it is not prose
/// (measured: 0.9 and above for 587 of 630 UDHR samples whatlang tells reliably, below 0.9
/// for all 12 code files it gave a language other than English).
const PROSE_LETTERS: f64 = 0.9;

/// Fewer words than this: too little to say; the document counts as English.
const MIN_WORDS: usize = 8;

/// The language of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Language {
    /// ISO 639-1 code where the language has one ("en", "fr"), else ISO 639-3.
    pub code: &'static str,
    /// Whether spinscan judges the document (English, or no language could be told).
    pub applicable: bool,
}

impl Language {
    pub const ENGLISH: Language = Language { code: "en", applicable: true };
}

#[derive(Default, Clone, Copy)]
struct Counts {
    words: usize,
    english: usize,
    foreign: usize,
    /// Letters outside the Latin script (as written, not folded).
    other_script: usize,
    letters: usize,
}

fn count(text: &str, max_words: usize) -> Counts {
    let mut c = Counts::default();
    let mut buf = String::new();
    // The tokenizer's folded words: look-alike letters of other scripts, full-width and fancy
    // letters read as the Latin ones they imitate (an evasion is not another language), and
    // accents are folded ("été" is "ete").
    for_each_word(text, 0, &mut buf, |_, word| {
        if c.words >= max_words {
            return;
        }
        c.words += 1;
        match class(word) {
            Class::English => c.english += 1,
            Class::Foreign => c.foreign += 1,
            Class::Neither => {}
        }
    });
    // The script is that of the letters as written: Russian is Cyrillic although many of its
    // letters fold to Latin look-alikes. Fancy Latin (mathematical bold, full-width, circled,
    // small capitals) is Latin: an evasion is not another script.
    for ch in text.chars().filter(|ch| ch.is_alphabetic()) {
        c.letters += 1;
        if !is_latin(ch) && !is_latin_variant(ch) {
            c.other_script += 1;
        }
    }
    c
}

fn is_latin(ch: char) -> bool {
    ch.is_ascii_alphabetic()
        || ('\u{00C0}'..='\u{024F}').contains(&ch)
        || ('\u{1E00}'..='\u{1EFF}').contains(&ch)
}

enum Class {
    English,
    Foreign,
    Neither,
}

/// English function words, and function words (folded: no accents) of French, German, Spanish, Italian,
/// Portuguese and Dutch that are not English words.
fn class(w: &str) -> Class {
    match w {
        "the" | "of" | "and" | "to" | "a" | "in" | "is" | "that" | "for" | "it" | "with" | "as"
        | "was" | "on" | "be" | "by" | "this" | "are" | "or" | "from" | "at" | "an" | "have"
        | "has" | "not" | "but" | "they" | "which" | "you" | "we" | "were" | "their" | "will"
        | "been" | "can" | "would" | "there" | "what" | "if" | "when" | "who" | "all" | "its"
        | "into" | "more" | "than" | "also" | "i" | "he" | "she" | "his" | "her" | "our"
        | "your" | "my" | "these" | "those" | "had" | "do" | "does" | "did" | "should" | "could"
        | "about" | "after" | "other" | "some" | "such" | "only" | "so" | "no" | "then"
        | "them" | "how" | "any" | "each" | "may" | "because" | "over" | "between" => {
            Class::English
        }
        // French
        "le" | "la" | "les" | "de" | "des" | "du" | "et" | "est" | "une" | "pour" | "dans" | "que"
        | "qui" | "sur" | "pas" | "avec" | "ce" | "sont" | "au" | "aux" | "par" | "nous"
        | "vous" | "il" | "elle" | "etre" | "ete" | "cette" | "mais" | "ou" | "leur" | "ont"
        | "sa" | "ses" | "aussi" | "tres"
        // German
        | "der" | "das" | "und" | "ist" | "nicht" | "mit" | "dem" | "ein" | "eine" | "zu"
        | "von" | "auf" | "fur" | "sich" | "auch" | "ich" | "wir" | "sie" | "werden" | "wird"
        | "den" | "im" | "dass" | "oder" | "wie" | "aus" | "bei" | "nach" | "sind"
        | "einen" | "einer" | "noch" | "kann" | "uber"
        // Spanish
        | "el" | "los" | "las" | "del" | "y" | "es" | "por" | "con" | "para" | "una" | "se"
        | "lo" | "como" | "mas" | "pero" | "su" | "sus" | "este" | "esta" | "muy"
        | "tambien" | "ha" | "han"
        // Italian
        | "di" | "che" | "sono" | "della" | "gli" | "delle"
        | "degli" | "nel" | "alla" | "questo" | "anche" | "ed" | "ci"
        // Portuguese
        | "os" | "da" | "dos" | "em" | "nao" | "uma" | "com" | "na"
        | "ao" | "pelo" | "pela" | "sao"
        // Dutch
        | "het" | "een" | "van" | "en" | "niet" | "zijn" | "voor" | "op" | "met" | "dat"
        | "ook" | "maar" | "wordt" | "bij" | "naar" | "deze" | "heeft" => Class::Foreign,
        _ => Class::Neither,
    }
}

/// The language of a document, from its first [`SAMPLE_BYTES`].
pub(crate) fn detect(text: &str) -> Language {
    let mut cut = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let sample = &text[..cut];
    let c = count(sample, usize::MAX);
    if c.words < MIN_WORDS || c.english as f64 >= ENGLISH_SHARE * c.words as f64 {
        return Language::ENGLISH;
    }
    // Code, tables and identifiers are not prose in any language (whatlang names a language
    // for them too, with confidence): prose is nearly all letters between its spaces.
    let nonspace = sample.chars().filter(|ch| !ch.is_whitespace()).count();
    if (c.letters as f64) < PROSE_LETTERS * nonspace as f64 {
        return Language::ENGLISH;
    }
    // Latin-script text must also show function words of another language: a list of noun
    // phrases ("resistance boxers. unique pressures.") has none of any language, and whatlang
    // would still name one.
    let latin = c.other_script * 2 < c.letters;
    if latin && (c.foreign < 3 || c.foreign <= 2 * c.english) {
        return Language::ENGLISH;
    }
    match whatlang::detect(sample) {
        Some(info) if info.lang() != whatlang::Lang::Eng && info.is_reliable() => {
            Language { code: iso639_1(info.lang()), applicable: false }
        }
        _ => Language::ENGLISH,
    }
}

/// Whether a sentence of an English document is in another language: more function words of
/// other languages than of English (at least two). Not the script: words of another script
/// match English entries only through look-alike letters, which are an evasion.
pub(crate) fn sentence_is_foreign(sentence: &str) -> bool {
    let c = count(sentence, 200);
    c.foreign >= 2 && c.foreign > c.english
}

/// ISO 639-1 codes of whatlang's languages (ISO 639-3 where there is none).
fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Fra => "fr",
        Deu => "de",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Nld => "nl",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Ces => "cs",
        Slk => "sk",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Bul => "bg",
        Ron => "ro",
        Hun => "hu",
        Fin => "fi",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Est => "et",
        Lav => "lv",
        Lit => "lt",
        Ell => "el",
        Tur => "tr",
        Ara => "ar",
        Heb => "he",
        Pes => "fa",
        Hin => "hi",
        Ben => "bn",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Vie => "vi",
        Tha => "th",
        Ind => "id",
        Epo => "eo",
        Lat => "la",
        Cat => "ca",
        Afr => "af",
        Bel => "be",
        Mkd => "mk",
        Aze => "az",
        Kat => "ka",
        Hye => "hy",
        Urd => "ur",
        Tam => "ta",
        Tel => "te",
        Mar => "mr",
        Guj => "gu",
        Kan => "kn",
        Mal => "ml",
        Pan => "pa",
        Ori => "or",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Mya => "my",
        Amh => "am",
        Yid => "yi",
        Zul => "zu",
        Sna => "sn",
        Aka => "ak",
        Jav => "jv",
        Tgl => "tl",
        Uzb => "uz",
        Tuk => "tk",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents() {
        // (text, code, applicable)
        let cases: &[(&str, &str, bool)] = &[
            ("The cat sat on the mat and looked at the dog for a while.", "en", true),
            (
                "Le chat est assis sur le tapis et regarde le chien pendant un long moment, \
                 puis il s'endort dans la cuisine avec les enfants.",
                "fr",
                false,
            ),
            (
                "Die Katze sitzt auf der Matte und schaut den Hund an, weil sie nicht \
                 schlafen kann und der Hund zu laut ist.",
                "de",
                false,
            ),
            (
                "El gato está sentado en la alfombra y mira al perro durante un rato, \
                 pero no quiere jugar con los niños.",
                "es",
                false,
            ),
            (
                "Кошка сидит на коврике и смотрит на собаку, потому что она не может \
                 уснуть в такой шумный вечер.",
                "ru",
                false,
            ),
            ("Bonjour", "en", true),
            // Look-alike and full-width letters are an evasion, not another language.
            (
                "Тhе саt sаt оn thе mаt аnd lооkеd аt thе dоg fоr а whilе, аnd thеn it slерt.",
                "en",
                true,
            ),
            (
                "ｔｈｅ ｃａｔ ｓａｔ ｏｎ ｔｈｅ ｍａｔ ａｎｄ ｌｏｏｋｅｄ ａｔ ｔｈｅ ｄｏｇ",
                "en",
                true,
            ),
            ("fn main() { let x = vec![1, 2, 3]; println!(\"{x:?}\"); }", "en", true),
            // Fancy Latin without function words (a list of artifacts) is Latin, so no language
            // is named for it: mathematical bold, circled letters, small capitals.
            (
                "unique pressures. 𝐩𝐫𝐨𝐟𝐨𝐮𝐧𝐝 𝐥𝐞𝐚𝐫𝐧𝐢𝐧𝐠. 𝐩𝐫𝐨𝐟𝐨𝐮𝐧𝐝 𝐥𝐞𝐚𝐫𝐧𝐢𝐧𝐠. ｐｒｏｆｏｕｎｄ ｌｅａｒｎｉｎｇ.",
                "en",
                true,
            ),
            (
                "𝐮𝐧𝐢𝐪𝐮𝐞 𝐩𝐫𝐞𝐬𝐬𝐮𝐫𝐞𝐬. 𝐫𝐞𝐬𝐢𝐬𝐭𝐚𝐧𝐜𝐞 𝐛𝐨𝐱𝐞𝐫𝐬. 𝐚𝐫𝐦𝐞𝐝 𝐟𝐨𝐫𝐜𝐞 𝐬𝐭𝐚𝐭𝐞𝐝. 𝐜𝐨𝐮𝐧𝐭𝐞𝐫𝐟𝐞𝐢𝐭 𝐜𝐨𝐧𝐬𝐜𝐢𝐨𝐮𝐬𝐧𝐞𝐬𝐬. 𝐛𝐚𝐭𝐭𝐥𝐞 𝐬𝐩𝐥𝐢𝐭 𝐜𝐢𝐭𝐲.",
                "en",
                true,
            ),
            (
                "ⓤⓝⓘⓠⓤⓔ ⓟⓡⓔⓢⓢⓤⓡⓔⓢ. ⓡⓔⓢⓘⓢⓣⓐⓝⓒⓔ ⓑⓞⓧⓔⓡⓢ. ⓐⓡⓜⓔⓓ ⓕⓞⓡⓒⓔ ⓢⓣⓐⓣⓔⓓ. ⓒⓞⓤⓝⓣⓔⓡⓕⓔⓘⓣ ⓒⓞⓝⓢⓒⓘⓞⓤⓢⓝⓔⓢⓢ. ⓑⓐⓣⓣⓛⓔ ⓢⓟⓛⓘⓣ ⓒⓘⓣⓨ.",
                "en",
                true,
            ),
            (
                "ᴜɴɪǫᴜᴇ ᴘʀᴇssᴜʀᴇs. ʀᴇsɪsᴛᴀɴᴄᴇ ʙᴏxᴇʀs. ᴀʀᴍᴇᴅ ꜰᴏʀᴄᴇ sᴛᴀᴛᴇᴅ. ᴄᴏᴜɴᴛᴇʀꜰᴇɪᴛ ᴄᴏɴsᴄɪᴏᴜsɴᴇss. ʙᴀᴛᴛʟᴇ sᴘʟɪᴛ ᴄɪᴛʏ.",
                "en",
                true,
            ),
        ];
        for &(text, code, applicable) in cases {
            let got = detect(text);
            assert_eq!((got.code, got.applicable), (code, applicable), "{text:?}");
        }
    }

    #[test]
    fn sentences() {
        let cases: &[(&str, bool)] = &[
            ("The unique pressures arrived in the town.", false),
            ("Les données sont enregistrées dans la base.", true),
            ("Groß- und Kleinschreibung wird nicht beachtet.", true),
            ("Virgule", false),
            ("ｕｎｉｑｕｅ ｐｒｅｓｓｕｒｅｓ", false),
            ("Тhе uniquе рrеssurеs аrrivеd.", false),
            ("He said it was a coup d'état in the capital.", false),
        ];
        for &(text, foreign) in cases {
            assert_eq!(sentence_is_foreign(text), foreign, "{text:?}");
        }
    }
}
