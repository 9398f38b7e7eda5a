//! Translation memory: units of equivalent segments in several languages, as TMX holds them.

use crate::align::Alignment;
use crate::document::Document;
use crate::lang::Lang;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

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
    /// The segment text: trimmed, NFC, no characters illegal in XML. This is the text used for
    /// matching, deduplication and exports: inline codes (`bpt`, `ept`, `ph`, `it`, `ut`) are
    /// left out of it, the text of `hi` and `sub` is kept.
    pub text: String,
    /// The inner XML of the TMX `seg`, exactly as read, when it holds inline elements (`bpt`,
    /// `ept`, `ph`, `it`, `hi`, `ut`, `sub`); the TMX writer writes it instead of `text`, so that
    /// inline codes survive a round trip. `None` for plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub markup: Option<String>,
}

impl Variant {
    /// A plain-text variant (no inline markup).
    pub fn new(lang: impl Into<String>, text: impl Into<String>) -> Variant {
        Variant { lang: lang.into(), text: text.into(), markup: None }
    }
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// How an alignment becomes a translation memory.
#[derive(Clone, Debug, PartialEq)]
pub struct MemoryOptions {
    /// The source language: its segment comes first in each unit and it is the header's
    /// `srclang`. `None`: the first document's language.
    pub src_lang: Option<Lang>,
    /// Locale written for each language (`xml:lang`); languages not listed use
    /// [`Lang::default_locale`].
    pub locales: Vec<(Lang, String)>,
    /// Units scored below this are left out.
    pub min_score: f64,
    /// Leave out units with no segment in the source language (true by default): CAT tools
    /// skip them (OmegaT warns and drops them). Set it to false to keep, say, the English-Spanish
    /// units of sentences the Korean version left out, for a bilingual memory.
    pub require_source: bool,
    /// Creation date, `YYYYMMDDThhmmssZ`. `None`: now, or `SOURCE_DATE_EPOCH` when set, so
    /// builds can be reproducible.
    pub creation_date: Option<String>,
}

impl Default for MemoryOptions {
    fn default() -> MemoryOptions {
        MemoryOptions { src_lang: None, locales: Vec::new(), min_score: 0.0, require_source: true, creation_date: None }
    }
}

impl MemoryOptions {
    /// The locale for `lang`.
    pub fn locale(&self, lang: Lang) -> String {
        self.locales
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or_else(|| lang.default_locale().to_string(), |(_, locale)| locale.clone())
    }
}

impl TranslationMemory {
    /// The units of an alignment with segments in at least two languages (one of them the source
    /// language, unless `options.require_source` is false) and a score of at least
    /// `options.min_score`, each with its score (`x-score`) and the documents and lines it
    /// comes from (`x-source-docs`, `x-source-lines`).
    pub fn from_alignment(docs: &[Document], alignment: &Alignment, options: &MemoryOptions) -> TranslationMemory {
        let src_lang = options.src_lang.or_else(|| docs.first().map(|d| d.lang)).unwrap_or(Lang::En);
        let date = options.creation_date.clone().unwrap_or_else(now_tmx_date);
        // The source language's segment first, then the others in input order.
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by_key(|&k| docs[k].lang != src_lang);
        let locales: Vec<String> = docs.iter().map(|d| options.locale(d.lang)).collect();
        let mut units = Vec::new();
        for unit in &alignment.units {
            if unit.languages() < 2 || unit.score < options.min_score {
                continue;
            }
            let has_source = docs.iter().zip(&unit.sentences).any(|(d, r)| d.lang == src_lang && !r.is_empty());
            if options.require_source && !has_source {
                continue;
            }
            let mut variants = Vec::new();
            // The source documents' names, " | " between them, and where each segment starts
            // ("en:12 ko:9"), written as they are read.
            let (mut sources, mut lines) = (String::new(), String::new());
            for &k in &order {
                let range = unit.sentences[k].clone();
                if range.is_empty() {
                    continue;
                }
                let doc = &docs[k];
                let mut text = String::new();
                for i in range.clone() {
                    if i > range.start {
                        text.push_str(sep(doc.lang));
                    }
                    text.push_str(&doc.sentence_text_cow(i));
                }
                if !variants.is_empty() {
                    sources.push_str(" | ");
                    lines.push(' ');
                }
                variants.push(Variant::new(locales[k].as_str(), text));
                sources.push_str(&doc.name);
                let _ = write!(lines, "{}:{}", doc.lang, doc.sentence_line(range.start));
            }
            units.push(TranslationUnit {
                variants,
                props: vec![
                    Prop { kind: "x-score".into(), value: format!("{:.3}", unit.score) },
                    Prop { kind: "x-source-docs".into(), value: sources },
                    Prop { kind: "x-source-lines".into(), value: lines },
                ],
                ..TranslationUnit::default()
            });
        }
        TranslationMemory { header: Header::tmalign(&options.locale(src_lang), date), units }
    }
}

/// Sentences of one unit are joined with a space in every language we know.
fn sep(_lang: Lang) -> &'static str {
    " "
}

/// The current time (or `SOURCE_DATE_EPOCH`) as a TMX date, `YYYYMMDDThhmmssZ`.
pub fn now_tmx_date() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()));
    tmx_date(seconds)
}

/// Seconds since the Unix epoch as a TMX date (UTC), `YYYYMMDDThhmmssZ`.
pub fn tmx_date(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rem = seconds % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

impl TranslationMemory {
    /// A bilingual memory for one language pair, as Trados's import and memoQ want it.
    ///
    /// Each unit keeps only its `src` variant then its `tgt` variant (found with [`lang_matches`],
    /// so `ko` finds `ko-KR`); units lacking either are left out. The header is kept, with
    /// `srclang` set to the locale of the first kept source variant (or `src` when none is kept).
    pub fn language_pair(&self, src: &str, tgt: &str) -> TranslationMemory {
        self.select_languages(&[src, tgt])
    }

    /// The memory restricted to `langs`: each unit keeps its first variant in each of `langs`,
    /// in that order (found with [`lang_matches`]); units lacking any of them are left out. The
    /// header is kept, with `srclang` set to the locale of the first kept variant of the first
    /// language (or `langs[0]` when no unit is kept). [`TranslationMemory::language_pair`] is
    /// this with two languages.
    pub fn select_languages(&self, langs: &[&str]) -> TranslationMemory {
        let units: Vec<TranslationUnit> = self
            .units
            .iter()
            .filter_map(|unit| {
                let variants = langs
                    .iter()
                    .map(|lang| unit.variants.iter().find(|v| lang_matches(&v.lang, lang)).cloned())
                    .collect::<Option<Vec<Variant>>>()?;
                Some(TranslationUnit { variants, ..unit.clone() })
            })
            .collect();
        let mut header = self.header.clone();
        header.src_lang = units
            .first()
            .and_then(|u| u.variants.first())
            .map_or_else(|| langs.first().map_or_else(String::new, |l| l.to_string()), |v| v.lang.clone());
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
    fn tmx_dates() {
        assert_eq!(tmx_date(0), "19700101T000000Z");
        assert_eq!(tmx_date(1_700_000_000), "20231114T221320Z");
        assert_eq!(tmx_date(951_782_400), "20000229T000000Z");
    }

    #[test]
    fn locales_match_by_language() {
        assert!(lang_matches("ko-KR", "ko"));
        assert!(lang_matches("KO_kr", "ko-KR"));
        assert!(!lang_matches("es-MX", "es-ES"));
        assert!(!lang_matches("en-US", "es"));
    }

    #[test]
    fn language_pair_keeps_two_variants_in_order() {
        let v = |lang: &str, text: &str| Variant::new(lang, text);
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
