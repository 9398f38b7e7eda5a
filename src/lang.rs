//! The languages tmalign knows, and how they are named in file names and TMX.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A language of a document. English, Korean and Spanish have their own rule tables (chrome,
/// abbreviations, sentence ends, numbers, a lexicon); any other language written in Latin
/// script is read with a generic rule set ([`Lang::Other`]), so that tmalign can be compared on
/// other public benchmarks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// English.
    En,
    /// Korean.
    Ko,
    /// Spanish.
    Es,
    /// Another language in Latin script, by its ISO 639 code (`de`, `fr`, `pt`...).
    Other(OtherCode),
}

/// The ISO 639-1 or 639-2 code of a language without its own tables: two or three lowercase
/// ASCII letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OtherCode([u8; 3]);

impl OtherCode {
    /// The code, when `code` is two or three ASCII letters (any case).
    pub fn new(code: &str) -> Option<OtherCode> {
        if !(2..=3).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        let mut bytes = [0; 3];
        for (slot, b) in bytes.iter_mut().zip(code.bytes()) {
            *slot = b.to_ascii_lowercase();
        }
        Some(OtherCode(bytes))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        let len = self.0.iter().position(|&b| b == 0).unwrap_or(3);
        std::str::from_utf8(&self.0[..len]).unwrap_or_default()
    }
}

impl Lang {
    /// The languages with their own rule tables, in a fixed order.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ko, Lang::Es];

    /// The ISO 639 code: `en`, `ko`, `es`, or another language's.
    pub fn code(&self) -> &str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
            Lang::Es => "es",
            Lang::Other(code) => code.as_str(),
        }
    }

    /// The locale written to TMX `xml:lang` unless the user configures another one.
    /// TMX readers (OmegaT) want a hyphen and a region; for a language without tables, whose
    /// region tmalign cannot know, the bare code (`--locale` sets one).
    pub fn default_locale(&self) -> &str {
        match self {
            Lang::En => "en-US",
            Lang::Ko => "ko-KR",
            Lang::Es => "es-ES",
            Lang::Other(code) => code.as_str(),
        }
    }

    /// True for the languages written in Latin script (all but Korean).
    pub fn is_latin(&self) -> bool {
        *self != Lang::Ko
    }

    /// Reads a code or a locale (`ko`, `KO`, `ko-KR`, `ko_KR`, `de`, `pt-BR`); `None` when it is
    /// not two or three letters.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "ko" => Some(Lang::Ko),
            "es" => Some(Lang::Es),
            other => OtherCode::new(other).map(Lang::Other),
        }
    }

    /// Takes the language from a file name of the form `NAME.LANG.txt` (or `NAME.LANG`).
    pub fn from_file_name(name: &str) -> Option<Lang> {
        let stem = name.strip_suffix(".txt").unwrap_or(name);
        let (_, code) = stem.rsplit_once('.')?;
        Lang::from_code(code)
    }
}

/// English month names, January first, in lower case: the one table that numbers ("March 17"),
/// date lines and name spotting read.
pub(crate) const EN_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Spanish month names, enero first (written in lower case in Spanish).
pub(crate) const ES_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// The month (1 to 12) that `word`, in lower case, names in English or Spanish.
pub(crate) fn month_number(word: &str) -> Option<usize> {
    [EN_MONTHS, ES_MONTHS].iter().find_map(|months| months.iter().position(|m| *m == word)).map(|at| at + 1)
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Lang, String> {
        Lang::from_code(s).ok_or_else(|| format!("unsupported language {s:?} (expected a code such as en, ko, es, de)"))
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Lang, D::Error> {
        let code = String::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_by_name_in_english_and_spanish() {
        assert_eq!(month_number("january"), Some(1));
        assert_eq!(month_number("march"), Some(3));
        assert_eq!(month_number("marzo"), Some(3));
        assert_eq!(month_number("diciembre"), Some(12));
        assert_eq!(month_number("March"), None, "the table is in lower case");
        assert_eq!(month_number("mar"), None);
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(Lang::from_code(lang.default_locale()), Some(lang));
        }
        assert_eq!(Lang::from_code("KO_kr"), Some(Lang::Ko));
        assert_eq!(Lang::from_code("de-AT").map(|l| l.code().to_string()), Some("de".into()));
        assert_eq!(Lang::from_code("german"), None);
        assert_eq!(Lang::from_code("d3"), None);
    }

    #[test]
    fn language_from_file_name() {
        assert_eq!(Lang::from_file_name("release.ko.txt"), Some(Lang::Ko));
        assert_eq!(Lang::from_file_name("a.b.es.txt"), Some(Lang::Es));
        assert_eq!(Lang::from_file_name("release.txt"), None);
        assert_eq!(Lang::from_file_name("release.de.txt"), Lang::from_code("de"));
        assert_eq!(Lang::from_file_name("release.notes.txt"), None);
    }
}
