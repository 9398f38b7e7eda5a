//! Plain exports of a translation memory, TSV (for scorers and spreadsheets) and JSON, their
//! imports, and reading and writing a memory in any of the formats.

use crate::error::{Error, ErrorKind, Result};
use crate::lang::Lang;
use crate::tm::{Header, TranslationMemory, TranslationUnit, Variant, now_tmx_date};
use crate::tmx::{WriteReport, read_tmx_file, write_tmx};
use std::io::{self, BufRead, Read, Write};
use std::path::Path;

/// A file format for translation memories.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TmFormat {
    /// TMX 1.4 (read: 1.1 to 1.4).
    Tmx,
    /// Tab-separated values, one column per language ([`write_tsv`], [`read_tsv`]).
    Tsv,
    /// JSON, the memory as serde writes it ([`write_json`], [`read_json`]).
    Json,
}

impl TmFormat {
    /// The format a file name's extension names: `.tmx`, `.tsv` or `.tab`, `.json`.
    pub fn from_path(path: &Path) -> Option<TmFormat> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "tmx" => Some(TmFormat::Tmx),
            "tsv" | "tab" => Some(TmFormat::Tsv),
            "json" => Some(TmFormat::Json),
            _ => None,
        }
    }
}

impl TranslationMemory {
    /// Reads a TMX file (see [`read_tmx`](crate::read_tmx)); errors name the file.
    pub fn read(path: impl AsRef<Path>) -> Result<TranslationMemory> {
        read_tmx_file(path)
    }

    /// Reads a memory in `format`; `langs` names the TSV columns (see [`read_tsv`]) and is
    /// ignored for the other formats. Errors name the file.
    pub fn read_as(path: impl AsRef<Path>, format: TmFormat, langs: &[&str]) -> Result<TranslationMemory> {
        let path = path.as_ref();
        if format == TmFormat::Tmx {
            return read_tmx_file(path);
        }
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let input = io::BufReader::new(file);
        let tm = match format {
            TmFormat::Tsv => read_tsv(input, langs),
            _ => read_json(input),
        };
        tm.map_err(|e| e.with_path(path))
    }

    /// Writes the memory as TMX 1.4 (see [`write_tmx`]).
    ///
    /// # Errors
    ///
    /// Errors from `out`.
    pub fn write<W: Write>(&self, out: W) -> io::Result<WriteReport> {
        write_tmx(self, out)
    }

    /// Writes the memory in `format`; `langs` are the TSV columns (all the memory's locales,
    /// in order of first appearance, when empty) and are ignored for the other formats.
    ///
    /// # Errors
    ///
    /// Errors from `out`.
    pub fn write_as<W: Write>(&self, format: TmFormat, langs: &[&str], out: W) -> io::Result<()> {
        match format {
            TmFormat::Tmx => write_tmx(self, out).map(|_| ()),
            TmFormat::Json => write_json(self, out),
            TmFormat::Tsv if langs.is_empty() => {
                let all = self.locales();
                write_tsv(self, &all.iter().map(String::as_str).collect::<Vec<_>>(), out)
            }
            TmFormat::Tsv => write_tsv(self, langs, out),
        }
    }

    /// The locales of the memory's variants, in order of first appearance.
    pub fn locales(&self) -> Vec<String> {
        let mut locales: Vec<String> = Vec::new();
        for v in self.units.iter().flat_map(|u| &u.variants) {
            if !locales.iter().any(|l| l.eq_ignore_ascii_case(&v.lang)) {
                locales.push(v.lang.clone());
            }
        }
        locales
    }
}

/// Reads a memory from tab-separated values, as [`write_tsv`] writes them.
///
/// With one or two `langs`, there is no header line: each line holds one cell per language.
/// With none or three or more, the first line names the languages (and must name `langs`, when
/// given). Each further line is a unit; an empty cell is a missing segment; blank lines are
/// skipped; a CR before the LF is dropped. A bare language code (`ko`) is read as its default
/// locale (`ko-KR`). The header is tmalign's, with the first language as `srclang`.
///
/// # Errors
///
/// [`ErrorKind::Format`] for a line with the wrong number of cells (with its number) or a
/// header line naming other languages; [`ErrorKind::Io`] when `input` cannot be read.
pub fn read_tsv<R: BufRead>(input: R, langs: &[&str]) -> Result<TranslationMemory> {
    let mut lines = input.lines().enumerate();
    let mut next_line = || -> Result<Option<(usize, String)>> {
        match lines.next() {
            None => Ok(None),
            Some((i, line)) => {
                let mut line = line.map_err(|e| Error::new(ErrorKind::Io, format!("cannot read TSV: {e}")))?;
                if line.ends_with('\r') {
                    line.pop();
                }
                Ok(Some((i + 1, line)))
            }
        }
    };
    let columns: Vec<String> = if langs.len() == 1 || langs.len() == 2 {
        langs.iter().map(|l| l.to_string()).collect()
    } else {
        let (_, header) = next_line()?
            .ok_or_else(|| Error::new(ErrorKind::Format, "TSV without a header line naming its languages"))?;
        let named: Vec<String> = header.split('\t').map(|c| c.trim().to_string()).collect();
        let same = named.len() == langs.len() && named.iter().zip(langs).all(|(a, b)| a.eq_ignore_ascii_case(b));
        if !langs.is_empty() && !same {
            return Err(Error::new(
                ErrorKind::Format,
                format!("line 1 names the languages {}, not {}", named.join(","), langs.join(",")),
            ));
        }
        named
    };
    let locales: Vec<String> = columns
        .iter()
        .map(|c| match Lang::from_code(c) {
            Some(lang) if !c.contains(['-', '_']) => lang.default_locale().to_string(),
            _ => c.clone(),
        })
        .collect();
    let mut units = Vec::new();
    while let Some((number, line)) = next_line()? {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != locales.len() {
            return Err(Error::new(
                ErrorKind::Format,
                format!("TSV line {number} has {} cells, expected {}", cells.len(), locales.len()),
            ));
        }
        let variants = locales
            .iter()
            .zip(cells)
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(lang, text)| Variant::new(lang.clone(), text))
            .collect();
        units.push(TranslationUnit { variants, ..TranslationUnit::default() });
    }
    let src = locales.first().cloned().unwrap_or_default();
    Ok(TranslationMemory { header: Header::tmalign(&src, now_tmx_date()), units })
}

/// Reads a memory from JSON, as [`write_json`] writes it.
///
/// # Errors
///
/// [`ErrorKind::Format`] with the line and column of the first problem; [`ErrorKind::Io`]
/// when `input` cannot be read.
pub fn read_json<R: Read>(input: R) -> Result<TranslationMemory> {
    serde_json::from_reader(input).map_err(|e| {
        let kind = if e.is_io() { ErrorKind::Io } else { ErrorKind::Format };
        // serde_json's message ends with "at line L column C".
        Error::new(kind, format!("malformed JSON memory: {e}"))
    })
}

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
/// Unlike [`write_tmx`], nothing is cleaned or left out.
pub fn write_json<W: Write>(tm: &TranslationMemory, mut out: W) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, tm)?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tm() -> TranslationMemory {
        let unit = |pairs: &[(&str, &str)]| TranslationUnit {
            variants: pairs.iter().map(|(l, t)| Variant::new(*l, *t)).collect(),
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
    fn tsv_round_trips() {
        let mut out = Vec::new();
        write_tsv(&tm(), &["ko-KR", "en-US", "es-ES"], &mut out).unwrap();
        let back = read_tsv(&out[..], &[]).unwrap();
        assert_eq!(back.units[1].variants, vec![Variant::new("ko-KR", "다"), Variant::new("es-ES", "y")]);
        assert_eq!(back.units[0].text("en"), Some("a b c"));
        let two = read_tsv("가\ta\r\n\n나\tb\n".as_bytes(), &["ko", "en"]).unwrap();
        assert_eq!(two.units.len(), 2);
        assert_eq!(two.units[0].variants, vec![Variant::new("ko-KR", "가"), Variant::new("en-US", "a")]);
        let err = read_tsv("a\tb\nc\n".as_bytes(), &["ko", "en"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Format);
        assert!(err.message().contains("line 2"), "{err}");
    }

    #[test]
    fn json_errors_have_a_position() {
        let err = read_json("{\n  \"header\": }\n".as_bytes()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Format);
        assert!(err.message().contains("line 2"), "{err}");
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
