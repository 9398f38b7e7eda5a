//! Plain exports of a translation memory: TSV (for scorers and spreadsheets) and JSON.

use crate::tm::TranslationMemory;
use std::io::{self, Write};

/// Writes `tm` as tab-separated values, one column per locale of `langs`, in that order.
///
/// Format (UTF-8, no BOM, every line ends with LF):
///
/// - With one or two languages there is no header line: a two-language file is a plain
///   `source<TAB>target` file, as evaluation scorers read it.
/// - With three or more languages the first line holds the requested codes, tab-separated.
/// - Then one line per unit, in order. A column's cell is the unit's text in that language,
///   found with [`TranslationUnit::text`](crate::TranslationUnit::text) (so `ko` matches a
///   `ko-KR` variant); a unit lacking the language gets an empty cell.
/// - Inside a cell, tabs and anything a reader could take as a line break (CR, LF, VT, FF,
///   U+001C-001E, U+0085, U+2028, U+2029) are replaced by a space, so that each unit is one line
///   with exactly `langs.len()` cells.
///
/// # Errors
///
/// Errors from `out`, and [`io::ErrorKind::InvalidInput`] when `langs` is empty.
pub fn write_tsv<W: Write>(tm: &TranslationMemory, langs: &[&str], mut out: W) -> io::Result<()> {
    if langs.is_empty() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "TSV export needs at least one language"));
    }
    if langs.len() >= 3 {
        let header: Vec<String> = langs.iter().map(|lang| tsv_cell(lang)).collect();
        writeln!(out, "{}", header.join("\t"))?;
    }
    for unit in &tm.units {
        let cells: Vec<String> = langs.iter().map(|lang| tsv_cell(unit.text(lang).unwrap_or(""))).collect();
        writeln!(out, "{}", cells.join("\t"))?;
    }
    out.flush()
}

/// A TSV cell: tabs and line breaks made spaces.
pub(crate) fn tsv_cell(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' | '\u{B}' | '\u{C}' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2028}' | '\u{2029}' => ' ',
            c => c,
        })
        .collect()
}

/// Writes `tm` as pretty-printed JSON (two-space indentation, trailing LF): the
/// [`TranslationMemory`] serialised as is, with serde's field names:
///
/// ```json
/// {
///   "header": { "creation_tool": "tmalign", "src_lang": "ko-KR", "creation_date": "20250101T120000Z", ... },
///   "units": [
///     { "id": null, "creation_date": null, "change_date": null, "props": [{ "kind": "x-score", "value": "0.9" }],
///       "notes": [], "variants": [{ "lang": "ko-KR", "text": "..." }, { "lang": "en-US", "text": "..." }] }
///   ]
/// }
/// ```
///
/// Unlike [`write_tmx`](crate::write_tmx), nothing is cleaned or left out.
pub fn write_json<W: Write>(tm: &TranslationMemory, mut out: W) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, tm)?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::{Header, TranslationUnit, Variant};

    fn tm() -> TranslationMemory {
        let unit = |pairs: &[(&str, &str)]| TranslationUnit {
            variants: pairs.iter().map(|(l, t)| Variant { lang: l.to_string(), text: t.to_string() }).collect(),
            ..TranslationUnit::default()
        };
        TranslationMemory {
            header: Header::tmalign("ko-KR", "20250101T120000Z".into()),
            units: vec![
                unit(&[("ko-KR", "가\t나"), ("en-US", "a\nb\u{2028}c"), ("es-ES", "x")]),
                unit(&[("ko-KR", "다"), ("es-ES", "y")]),
            ],
        }
    }

    fn tsv(langs: &[&str]) -> String {
        let mut out = Vec::new();
        write_tsv(&tm(), langs, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn two_languages_have_no_header() {
        assert_eq!(tsv(&["ko", "en-US"]), "가 나\ta b c\n다\t\n");
    }

    #[test]
    fn three_languages_have_a_header() {
        assert_eq!(tsv(&["es-ES", "ko-KR", "en-US"]), "es-ES\tko-KR\ten-US\nx\t가 나\ta b c\ny\t다\t\n");
    }

    #[test]
    fn no_language_is_an_error() {
        let err = write_tsv(&tm(), &[], Vec::new()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }

    #[test]
    fn json_round_trips() {
        let mut out = Vec::new();
        write_json(&tm(), &mut out).unwrap();
        assert!(out.ends_with(b"}\n"));
        let back: TranslationMemory = serde_json::from_slice(&out).unwrap();
        assert_eq!(back, tm());
    }
}
