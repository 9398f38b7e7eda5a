//! Translation memory: units of equivalent segments in several languages, as TMX holds them.

use serde::{Deserialize, Serialize};

/// A `prop` element: a typed property. Custom types start with `x-`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prop {
    /// The `type` attribute.
    pub kind: String,
    /// The text content.
    pub value: String,
}

/// One language's segment of a unit (a TMX `tuv`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    /// The locale, as written to `xml:lang` (`ko-KR`, `en-US`, `es-ES`).
    pub lang: String,
    /// The segment text: trimmed, NFC, no characters illegal in XML.
    pub text: String,
}

/// A translation unit (a TMX `tu`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationUnit {
    /// Optional unit id (`tuid`).
    pub id: Option<String>,
    /// Creation date, `YYYYMMDDThhmmssZ`.
    pub creation_date: Option<String>,
    /// Change date, `YYYYMMDDThhmmssZ`.
    pub change_date: Option<String>,
    /// Properties, such as `x-score` and `x-source-docs`.
    pub props: Vec<Prop>,
    /// Free notes.
    pub notes: Vec<String>,
    /// The segments, one per language.
    pub variants: Vec<Variant>,
}

impl TranslationUnit {
    /// The segment text for a locale or language code (`ko` matches `ko-KR`), case-insensitive.
    pub fn text(&self, lang: &str) -> Option<&str> {
        self.variants.iter().find(|v| lang_matches(&v.lang, lang)).map(|v| v.text.as_str())
    }

    /// The value of the first property of type `kind`.
    pub fn prop(&self, kind: &str) -> Option<&str> {
        self.props.iter().find(|p| p.kind == kind).map(|p| p.value.as_str())
    }
}

/// The TMX header fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// `creationtool`.
    pub creation_tool: String,
    /// `creationtoolversion`.
    pub creation_tool_version: String,
    /// `segtype`: `sentence` for aligned text.
    pub seg_type: String,
    /// `o-tmf`: the original TM format.
    pub o_tmf: String,
    /// `adminlang`.
    pub admin_lang: String,
    /// `srclang`: the source locale.
    pub src_lang: String,
    /// `datatype`: `plaintext`.
    pub data_type: String,
    /// `creationdate`, `YYYYMMDDThhmmssZ`.
    pub creation_date: Option<String>,
    /// Header properties.
    pub props: Vec<Prop>,
    /// Header notes.
    pub notes: Vec<String>,
}

impl Header {
    /// A header as tmalign writes it, with `src_lang` as the source locale and the given creation date.
    pub fn tmalign(src_lang: &str, creation_date: String) -> Header {
        Header {
            creation_tool: "tmalign".to_string(),
            creation_tool_version: env!("CARGO_PKG_VERSION").to_string(),
            seg_type: "sentence".to_string(),
            o_tmf: "tmalign".to_string(),
            admin_lang: "en-US".to_string(),
            src_lang: src_lang.to_string(),
            data_type: "plaintext".to_string(),
            creation_date: Some(creation_date),
            props: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// A translation memory: a header and its units in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationMemory {
    /// The header.
    pub header: Header,
    /// The units, in file order.
    pub units: Vec<TranslationUnit>,
}

impl TranslationMemory {
    /// A bilingual memory for one language pair, as Trados's import and memoQ want it.
    ///
    /// Each unit keeps only its `src` variant then its `tgt` variant (found with [`lang_matches`],
    /// so `ko` finds `ko-KR`); units lacking either are left out. The header is kept, with
    /// `srclang` set to the locale of the first kept source variant (or `src` when none is kept).
    pub fn language_pair(&self, src: &str, tgt: &str) -> TranslationMemory {
        let find =
            |unit: &TranslationUnit, lang: &str| unit.variants.iter().find(|v| lang_matches(&v.lang, lang)).cloned();
        let units: Vec<TranslationUnit> = self
            .units
            .iter()
            .filter_map(|unit| {
                let (s, t) = (find(unit, src)?, find(unit, tgt)?);
                Some(TranslationUnit { variants: vec![s, t], ..unit.clone() })
            })
            .collect();
        let mut header = self.header.clone();
        header.src_lang =
            units.first().and_then(|u| u.variants.first()).map_or_else(|| src.to_string(), |v| v.lang.clone());
        TranslationMemory { header, units }
    }
}

/// True when locale `a` is of language `b` (`ko-KR` and `ko`, case-insensitive, `_` or `-`).
pub fn lang_matches(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.to_ascii_lowercase().replace('_', "-");
    let (a, b) = (norm(a), norm(b));
    a == b || a.split('-').next() == b.split('-').next() && (!a.contains('-') || !b.contains('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_match_by_language() {
        assert!(lang_matches("ko-KR", "ko"));
        assert!(lang_matches("KO_kr", "ko-KR"));
        assert!(!lang_matches("es-MX", "es-ES"));
        assert!(!lang_matches("en-US", "es"));
    }

    #[test]
    fn language_pair_keeps_two_variants_in_order() {
        let v = |lang: &str, text: &str| Variant { lang: lang.into(), text: text.into() };
        let tm = TranslationMemory {
            header: Header::tmalign("en-US", "20250101T120000Z".into()),
            units: vec![
                TranslationUnit {
                    variants: vec![v("en-US", "a"), v("ko-KR", "가"), v("es-ES", "á")],
                    ..Default::default()
                },
                TranslationUnit { variants: vec![v("en-US", "b"), v("es-ES", "b")], ..Default::default() },
            ],
        };
        let pair = tm.language_pair("ko", "es-ES");
        assert_eq!(pair.header.src_lang, "ko-KR");
        assert_eq!(pair.units.len(), 1);
        assert_eq!(pair.units[0].variants, vec![v("ko-KR", "가"), v("es-ES", "á")]);
    }
}
