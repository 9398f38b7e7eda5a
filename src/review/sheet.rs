//! The review spreadsheet: units as rows (`id`, `score`, one column per language), written as TSV
//! or xlsx, and read back after a translator edited it.

use super::ReviewOptions;
use crate::align::Alignment;
use crate::decode::decode;
use crate::document::{Document, normalize_segment};
use crate::error::{Error, ErrorKind, Result};
use crate::lang::Lang;
use crate::tm::{Header, MemoryOptions, Prop, TranslationMemory, TranslationUnit, Variant, now_tmx_date};
use std::io::{self, Write};
use std::path::Path;

/// A review spreadsheet: a header `id`, `score`, then one column per language, and one row per
/// unit.
///
/// Made from an alignment it has a row for every unit, in order, unaligned sentences included
/// (a row with one language and no score). Read from an edited file it holds the rows the user
/// left, in file order: [`ReviewSheet::to_memory`] turns them into units.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewSheet {
    /// The language columns, in order.
    pub langs: Vec<Lang>,
    /// The rows, in order.
    pub rows: Vec<ReviewRow>,
}

/// One row of a review spreadsheet.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewRow {
    /// The unit's number (1-based, as `#` on the review page); informational, may be empty.
    pub id: String,
    /// The confidence score, if the row has one.
    pub score: Option<f64>,
    /// One text per language of [`ReviewSheet::langs`], empty where the unit has none. Read from a
    /// file, texts are normalised as segments are ([`normalize_segment`]: NFC, spaces folded,
    /// trimmed).
    pub texts: Vec<String>,
    /// Where the row is in the file it was read from (1-based line of a TSV, row of a spreadsheet);
    /// 0 for a row made from an alignment.
    pub line: usize,
}

impl ReviewSheet {
    /// The rows of an alignment: one per unit, languages in input order, the sentences of a unit
    /// joined with a space (as in the memory), a score on units with two languages or more.
    pub fn from_alignment(docs: &[Document], alignment: &Alignment) -> ReviewSheet {
        let rows = alignment
            .units
            .iter()
            .enumerate()
            .map(|(u, unit)| ReviewRow {
                id: (u + 1).to_string(),
                score: (unit.languages() >= 2).then_some(unit.score),
                texts: docs
                    .iter()
                    .zip(&unit.sentences)
                    .map(|(doc, range)| range.clone().map(|i| doc.sentence_text(i)).collect::<Vec<_>>().join(" "))
                    .collect(),
                line: 0,
            })
            .collect();
        ReviewSheet { langs: docs.iter().map(|d| d.lang).collect(), rows }
    }

    /// The translation memory the sheet describes: one unit per row with text in at least two
    /// languages, in row order, with exactly the row's texts. Rows with text in one language only
    /// (an unaligned sentence left as it was) make no unit, nor do rows without the source
    /// language when `options.require_source` is set (the default), nor rows whose score is
    /// below `options.min_score` (rows without a score are kept).
    ///
    /// The source language is `options.src_lang`, or the first language column; its segment
    /// comes first. Each unit has the props `x-reviewed` = `yes`, `x-score` (three decimals) when
    /// the row has a score, and `x-review-id` when its `id` is not empty.
    pub fn to_memory(&self, options: &MemoryOptions) -> TranslationMemory {
        let src_lang = options.src_lang.or_else(|| self.langs.first().copied()).unwrap_or(Lang::En);
        let mut order: Vec<usize> = (0..self.langs.len()).collect();
        order.sort_by_key(|&k| self.langs[k] != src_lang);
        let mut units = Vec::new();
        for row in &self.rows {
            let present: Vec<usize> =
                order.iter().copied().filter(|&k| row.texts.get(k).is_some_and(|t| !t.is_empty())).collect();
            let has_source = present.iter().any(|&k| self.langs[k] == src_lang);
            if present.len() < 2
                || (options.require_source && !has_source)
                || row.score.is_some_and(|s| s < options.min_score)
            {
                continue;
            }
            let variants =
                present.iter().map(|&k| Variant::new(options.locale(self.langs[k]), row.texts[k].clone())).collect();
            let mut props = vec![Prop { kind: "x-reviewed".into(), value: "yes".into() }];
            if let Some(score) = row.score {
                props.push(Prop { kind: "x-score".into(), value: format!("{score:.3}") });
            }
            if !row.id.is_empty() {
                props.push(Prop { kind: "x-review-id".into(), value: row.id.clone() });
            }
            units.push(TranslationUnit { variants, props, ..TranslationUnit::default() });
        }
        let date = options.creation_date.clone().unwrap_or_else(now_tmx_date);
        TranslationMemory { header: Header::tmalign(&options.locale(src_lang), date), units }
    }
}

/// Writes a review sheet as TSV: UTF-8, LF line ends, the header `id<TAB>score<TAB>ko<TAB>en<TAB>es`
/// (the sheet's languages, in order), then one line per row. Scores have three decimals; rows
/// without one have an empty cell. Tabs and line breaks inside a text become spaces, and a text
/// that starts with `"` is quoted as spreadsheets quote (`"` around it, inner `"` doubled), so
/// [`parse_review_tsv`] gives back the same rows.
///
/// # Errors
///
/// Only errors from `out`.
pub fn write_review_tsv<W: Write>(sheet: &ReviewSheet, mut out: W) -> io::Result<()> {
    let header: Vec<&str> = ["id", "score"].into_iter().chain(sheet.langs.iter().map(|l| l.code())).collect();
    writeln!(out, "{}", header.join("\t"))?;
    for row in &sheet.rows {
        let mut cells = vec![tsv_cell(&row.id), row.score.map_or_else(String::new, |s| format!("{s:.3}"))];
        cells.extend(row.texts.iter().map(|t| tsv_cell(t)));
        writeln!(out, "{}", cells.join("\t"))?;
    }
    out.flush()
}

fn tsv_cell(text: &str) -> String {
    let flat = crate::export::tsv_cell(text);
    if flat.starts_with('"') { format!("\"{}\"", flat.replace('"', "\"\"")) } else { flat }
}

/// Writes a review sheet as an Excel workbook (`.xlsx`) with one worksheet, `review`: the same
/// columns as [`write_review_tsv`], a bold frozen header with filters, texts wrapped and top
/// aligned in wide columns, scores as numbers shown with two decimals (stored with three), and
/// each row coloured by its score as on the review page: green at least `options.good`, amber at
/// least `options.threshold`, red below, grey for a row without a score (an unaligned sentence).
/// The colours are conditional formats, so they follow the scores the user edits.
///
/// # Errors
///
/// Errors from `out`, and [`io::ErrorKind::Other`] when the workbook cannot be made (a text longer
/// than Excel's 32,767 characters per cell, more than 1,048,575 rows).
pub fn write_review_xlsx<W: Write>(sheet: &ReviewSheet, options: &ReviewOptions, mut out: W) -> io::Result<()> {
    let bytes = xlsx_bytes(sheet, options).map_err(|e| io::Error::other(format!("cannot make the workbook: {e}")))?;
    out.write_all(&bytes)?;
    out.flush()
}

fn xlsx_bytes(
    sheet: &ReviewSheet,
    options: &ReviewOptions,
) -> std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{ConditionalFormatFormula, Format, FormatAlign, FormatBorder, Workbook};
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    ws.set_name("review")?;
    let header = Format::new().set_bold().set_background_color("D9D9D9").set_border_bottom(FormatBorder::Thin);
    let top = Format::new().set_align(FormatAlign::Top);
    let score = Format::new().set_align(FormatAlign::Top).set_num_format("0.00");
    let text = Format::new().set_align(FormatAlign::Top).set_text_wrap();
    let last_col = u16::try_from(sheet.langs.len() + 1).unwrap_or(u16::MAX);
    let names = ["id", "score"].into_iter().chain(sheet.langs.iter().map(|l| l.code()));
    for (c, name) in (0u16..).zip(names) {
        ws.write_string_with_format(0, c, name, &header)?;
        ws.set_column_width(
            c,
            if c == 0 {
                6.0
            } else if c == 1 {
                7.0
            } else {
                55.0
            },
        )?;
    }
    let mut last_row = 0;
    for (r, row) in (1u32..).zip(&sheet.rows) {
        last_row = r;
        ws.write_string_with_format(r, 0, &row.id, &top)?;
        match row.score {
            Some(s) => ws.write_number_with_format(r, 1, (s * 1000.0).round() / 1000.0, &score)?,
            None => ws.write_blank(r, 1, &top)?,
        };
        for (c, t) in (2u16..).zip(&row.texts) {
            ws.write_string_with_format(r, c, t, &text)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_row, last_col)?;
    if last_row > 0 {
        let good = options.good.max(options.threshold);
        let threshold = options.threshold;
        let rules = [
            ("=NOT(ISNUMBER($B2))", "ECECEC"),
            (&*format!("=AND(ISNUMBER($B2),$B2<{threshold})"), "FDE0DE"),
            (&*format!("=AND(ISNUMBER($B2),$B2>={threshold},$B2<{good})"), "FFF1CC"),
            (&*format!("=AND(ISNUMBER($B2),$B2>={good})"), "E3F4E8"),
        ];
        for (rule, colour) in rules {
            let format = Format::new().set_background_color(colour);
            let cf = ConditionalFormatFormula::new().set_rule(rule).set_format(format);
            ws.add_conditional_format(1, 0, last_row, last_col, &cf)?;
        }
    }
    workbook.save_to_buffer()
}

/// Reads an edited review spreadsheet: TSV (`.tsv`, `.txt`, `.tab`; UTF-8 or UTF-16 with a BOM,
/// as spreadsheets save "Unicode text") or a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`; the first
/// worksheet), by the file's extension. See [`parse_review_tsv`] for what the rows must be.
///
/// # Errors
///
/// Errors name the file, and the row where there is one: it cannot be read, its extension is
/// none of the above, it is not a workbook, or its rows are not a review sheet.
pub fn read_review_file(path: &Path) -> Result<ReviewSheet> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let records = match ext.as_str() {
        "tsv" | "txt" | "tab" => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let (text, _) = decode(&bytes).map_err(|e| e.with_path(path))?;
            tsv_records(&text)
        }
        "xlsx" | "xlsm" | "xls" | "ods" => workbook_records(path)?,
        _ => {
            return Err(Error::new(
                ErrorKind::Usage,
                "cannot tell the kind of review file: name it .tsv or .xlsx (also .xlsm, .xls, .ods)",
            )
            .with_path(path));
        }
    };
    sheet_of_records(records).map_err(|e| e.with_path(path))
}

/// Parses the text of an edited review TSV.
///
/// The first non-empty line is the header: `id`, `score` and language codes or locales (`ko`,
/// `en-US` …) in any order, each at most once, at least two languages (`id` and `score` may be
/// missing). A locale in the header names the language only: the locale written to the memory is
/// [`MemoryOptions::locale`]'s. Every other non-empty line is a row; lines whose language cells are all empty (a
/// row the user cleared) are skipped. A line may have fewer cells than the header (the missing
/// ones are empty), not more. A cell quoted as spreadsheets quote it (`"…"`, with `""` for a
/// quote) may hold tabs and line breaks. Texts are normalised ([`normalize_segment`]), the `id` is
/// trimmed, and the score must be empty or a number from 0 to 1 (a decimal comma is accepted).
///
/// # Errors
///
/// [`ErrorKind::Review`] naming the line: no header, an unknown or repeated column, fewer than two
/// languages, a line with more cells than the header, or a score that is not a number from 0 to 1.
pub fn parse_review_tsv(text: &str) -> Result<ReviewSheet> {
    sheet_of_records(tsv_records(text))
}

/// The rows of TSV text, each with the 1-based line it starts on.
fn tsv_records(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut records = Vec::new();
    let mut cells = Vec::new();
    let (mut pos, mut line, mut start_line) = (0, 1, 1);
    loop {
        let rest = &text[pos..];
        let (cell, len) = quoted_cell(rest).unwrap_or_else(|| {
            let len = rest.find(['\t', '\n']).unwrap_or(rest.len());
            (rest[..len].trim_end_matches('\r').to_string(), len)
        });
        line += rest[..len].matches('\n').count();
        cells.push(cell);
        pos += len;
        match text.as_bytes().get(pos) {
            Some(b'\t') => pos += 1,
            Some(_) => {
                records.push((start_line, std::mem::take(&mut cells)));
                pos += 1;
                line += 1;
                start_line = line;
                if pos >= text.len() {
                    break;
                }
            }
            None => {
                records.push((start_line, std::mem::take(&mut cells)));
                break;
            }
        }
    }
    records
}

/// A cell quoted as spreadsheets quote it, at the start of `s`: its text and its length in `s`.
/// `None` when `s` does not start with a quote, or the quote does not end right before a tab, a
/// line end or the end of the text (then the cell is plain text that starts with a quote).
fn quoted_cell(s: &str) -> Option<(String, usize)> {
    let body = s.strip_prefix('"')?;
    let mut cell = String::new();
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '"' {
            cell.push(c);
        } else if chars.peek().is_some_and(|&(_, next)| next == '"') {
            chars.next();
            cell.push('"');
        } else {
            let after = &body[i + 1..];
            let after = after.strip_prefix('\r').unwrap_or(after);
            return (after.is_empty() || after.starts_with(['\t', '\n'])).then(|| (cell, s.len() - after.len()));
        }
    }
    None
}

/// The rows of the first worksheet of a workbook, each with its 1-based row number.
fn workbook_records(path: &Path) -> Result<Vec<(usize, Vec<String>)>> {
    use calamine::{Data, Reader};
    let not_a_workbook = |e: &dyn std::fmt::Display| {
        Error::new(ErrorKind::Review, format!("not a readable workbook: {e}")).with_path(path)
    };
    std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| match e {
        calamine::Error::Io(e) => Error::io(path, e),
        e => not_a_workbook(&e),
    })?;
    let range = match workbook.worksheet_range_at(0) {
        Some(range) => range.map_err(|e| not_a_workbook(&e))?,
        None => return Err(Error::new(ErrorKind::Review, "the workbook has no worksheet").with_path(path)),
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut records = Vec::new();
    for (r, cells) in range.rows().enumerate() {
        let number = first_row as usize + r + 1;
        let mut row = vec![String::new(); first_col as usize];
        for cell in cells {
            if let Data::Error(e) = cell {
                return Err(
                    Error::new(ErrorKind::Review, format!("row {number}: a cell holds the error {e}")).with_path(path)
                );
            }
            row.push(cell.to_string());
        }
        records.push((number, row));
    }
    Ok(records)
}

#[derive(Clone, Copy, PartialEq)]
enum Column {
    Id,
    Score,
    Text(usize),
    /// An empty header cell: its column must be empty.
    None,
}

/// A review sheet from its rows: the header, then the data rows.
fn sheet_of_records(records: Vec<(usize, Vec<String>)>) -> Result<ReviewSheet> {
    let review = |line: usize, message: String| Error::new(ErrorKind::Review, format!("row {line}: {message}"));
    let blank = |cells: &[String]| cells.iter().all(|c| c.trim().is_empty());
    let mut records = records.into_iter().skip_while(|(_, cells)| blank(cells));
    let Some((header_line, header)) = records.next() else {
        return Err(Error::new(ErrorKind::Review, "no header: the file is empty (expected id, score, ko, en, es)"));
    };
    let mut columns = Vec::new();
    let mut langs: Vec<Lang> = Vec::new();
    for cell in &header {
        let name = cell.trim();
        let column = match name.to_ascii_lowercase().as_str() {
            "" => Column::None,
            "id" => Column::Id,
            "score" => Column::Score,
            code => match Lang::from_code(code) {
                Some(lang) if langs.contains(&lang) => {
                    return Err(review(header_line, format!("two columns for {lang}")));
                }
                Some(lang) => {
                    langs.push(lang);
                    Column::Text(langs.len() - 1)
                }
                None => {
                    return Err(review(
                        header_line,
                        format!(
                            "unknown column {name:?}: the header must be id, score and language codes (ko, en, es)"
                        ),
                    ));
                }
            },
        };
        if matches!(column, Column::Id | Column::Score) && columns.contains(&column) {
            return Err(review(header_line, format!("two {name:?} columns")));
        }
        columns.push(column);
    }
    if langs.len() < 2 {
        return Err(review(
            header_line,
            format!(
                "not a review header ({:?}): expected id, score and at least two languages (ko, en, es)",
                header.join(" ")
            ),
        ));
    }
    let mut rows = Vec::new();
    for (line, cells) in records {
        if blank(&cells) {
            continue;
        }
        if cells.len() > columns.len() && !blank(&cells[columns.len()..]) {
            return Err(review(line, format!("{} cells, but the header has {}", cells.len(), columns.len())));
        }
        let mut row = ReviewRow { id: String::new(), score: None, texts: vec![String::new(); langs.len()], line };
        for (column, cell) in columns.iter().zip(&cells) {
            match *column {
                Column::Id => row.id = cell.trim().to_string(),
                Column::Score => row.score = parse_score(cell).map_err(|m| review(line, m))?,
                Column::Text(k) => row.texts[k] = normalize_segment(cell),
                Column::None if !cell.trim().is_empty() => {
                    return Err(review(line, format!("text {:?} in a column without a header", cell.trim())));
                }
                Column::None => {}
            }
        }
        if row.texts.iter().any(|t| !t.is_empty()) {
            rows.push(row);
        }
    }
    Ok(ReviewSheet { langs, rows })
}

fn parse_score(cell: &str) -> std::result::Result<Option<f64>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    match cell.replace(',', ".").parse::<f64>() {
        Ok(score) if (0.0..=1.0).contains(&score) => Ok(Some(score)),
        _ => Err(format!("score {cell:?} is not a number from 0 to 1 (or empty)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_records_split_cells_and_quotes() {
        let records = tsv_records("a\tb\n\"x\ty\"\"\nz\"\tc\r\n\"plain\" quote\td\n");
        assert_eq!(
            records,
            vec![
                (1, vec!["a".to_string(), "b".to_string()]),
                (2, vec!["x\ty\"\nz".to_string(), "c".to_string()]),
                (4, vec!["\"plain\" quote".to_string(), "d".to_string()]),
            ]
        );
        assert_eq!(tsv_records("a"), vec![(1, vec!["a".to_string()])]);
        assert_eq!(tsv_records("\"open"), vec![(1, vec!["\"open".to_string()])]);
    }

    #[test]
    fn scores() {
        assert_eq!(parse_score(" 0,85 "), Ok(Some(0.85)));
        assert_eq!(parse_score(""), Ok(None));
        assert!(parse_score("1.5").is_err());
        assert!(parse_score("NaN").is_err());
        assert!(parse_score("high").is_err());
    }

    #[test]
    fn header_errors_name_the_row() {
        let err = parse_review_tsv("\nid\tscore\tko\tfrench\n").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Review);
        assert!(err.message().starts_with("row 2: unknown column \"french\""), "{err}");
        let err = parse_review_tsv("id\tscore\tko\n1\t\t가\n").unwrap_err();
        assert!(err.message().contains("at least two languages"), "{err}");
        let err = parse_review_tsv("ko\ten\tko-KR\n").unwrap_err();
        assert!(err.message().contains("two columns for ko"), "{err}");
        let err = parse_review_tsv("ko\ten\na\tb\tc\n").unwrap_err();
        assert_eq!(err.message(), "row 2: 3 cells, but the header has 2");
        let err = parse_review_tsv("").unwrap_err();
        assert!(err.message().starts_with("no header"), "{err}");
    }
}
