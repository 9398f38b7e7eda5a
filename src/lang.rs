//! The languages tmalign knows, and how they are named in file names and TMX.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language of a document. Each has its own rule tables (chrome, abbreviations, sentence ends).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// Korean.
    Ko,
    /// Spanish.
    Es,
}

impl Lang {
    /// Every supported language, in a fixed order.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ko, Lang::Es];

    /// The ISO 639-1 code: `en`, `ko`, `es`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
            Lang::Es => "es",
        }
    }

    /// The locale written to TMX `xml:lang` unless the user configures another one.
    /// TMX readers (OmegaT) want a hyphen and a region.
    pub fn default_locale(self) -> &'static str {
        match self {
            Lang::En => "en-US",
            Lang::Ko => "ko-KR",
            Lang::Es => "es-ES",
        }
    }

    /// Reads a code or a locale (`ko`, `KO`, `ko-KR`, `ko_KR`); `None` when not supported.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "ko" => Some(Lang::Ko),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    /// Takes the language from a file name of the form `NAME.LANG.txt` (or `NAME.LANG`).
    pub fn from_file_name(name: &str) -> Option<Lang> {
        let stem = name.strip_suffix(".txt").unwrap_or(name);
        let (_, code) = stem.rsplit_once('.')?;
        Lang::from_code(code)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Lang, String> {
        Lang::from_code(s).ok_or_else(|| format!("unsupported language {s:?} (expected en, ko or es)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(Lang::from_code(lang.default_locale()), Some(lang));
        }
        assert_eq!(Lang::from_code("KO_kr"), Some(Lang::Ko));
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn language_from_file_name() {
        assert_eq!(Lang::from_file_name("release.ko.txt"), Some(Lang::Ko));
        assert_eq!(Lang::from_file_name("a.b.es.txt"), Some(Lang::Es));
        assert_eq!(Lang::from_file_name("release.txt"), None);
        assert_eq!(Lang::from_file_name("release.de.txt"), None);
    }
}
