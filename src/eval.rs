//! Scoring an alignment against gold rows: the strict, text-based metric of the evaluation kit's
//! `score.py`, number for number.
//!
//! - Every text is normalised ([`normalize_for_scoring`]): one leading list marker stripped,
//!   NFC, all whitespace and zero-width characters removed.
//! - A gold row counts for a pair only if both of its cells are non-empty (normalised); a
//!   hypothesis pair with an empty side (normalised) is ignored, neither right nor wrong.
//! - A run of 1 to [`MAX_RUN`] consecutive hypothesis pairs is correct when the concatenation of
//!   its source sides is a gold row's source text and the concatenation of its target sides is
//!   that same row's target text. A pair is correct if it belongs to some correct run, so a finer
//!   segmentation than the gold is not punished, and a pair merging two gold rows is wrong.
//! - A gold text occurring n times needs n non-overlapping correct runs to be matched n times.
//! - Precision is correct pairs / pairs, recall is matched gold rows / countable gold rows,
//!   micro-averaged (counts summed) over the documents of a directory.
//!
//! ```
//! use tmalign::{GoldRow, score};
//!
//! let gold = vec![
//!     GoldRow::new([("en", "1. First sentence. It goes on."), ("ko", "1. 첫 문장. 계속된다.")]),
//!     GoldRow::new([("en", "Second."), ("ko", "둘째.")]),
//! ];
//! let pair = |s: &str, t: &str| (s.to_string(), t.to_string());
//! // The first row split in two pieces is right; the chrome pair is wrong; the second row is missed.
//! let hyp = vec![pair("First sentence.", "첫 문장."), pair("It goes on.", "계속된다."), pair("Print", "인쇄")];
//! let s = score(&gold, &hyp, "en", "ko");
//! assert_eq!((s.hyp, s.correct, s.gold, s.matched), (3, 2, 2, 1));
//! assert_eq!(s.line(), "P=0.667 R=0.500 F1=0.571");
//! ```

use crate::error::{Error, ErrorKind, Result};
use crate::tm::Variant;
use crate::tmx::TmxReader;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// The longest run of consecutive hypothesis pairs that may together make one gold row.
pub const MAX_RUN: usize = 4;

/// The suffix of gold files in directory mode: `DOC.gold.tsv`.
const GOLD_SUFFIX: &str = ".gold.tsv";

/// Whitespace as Python's `str.isspace` (and `re`'s `\s`) sees it: Unicode White_Space plus the
/// information separators U+001C to U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1C}'..='\u{1F}')
}

/// Characters removed by the normalisation: whitespace and the zero-width ones.
fn is_removed(c: char) -> bool {
    is_py_space(c) || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Decimal digits (Unicode category Nd, Python's `\d`), as of Unicode 14.
const DECIMAL_DIGITS: [(char, char); 62] = [
    ('\u{30}', '\u{39}'),
    ('\u{660}', '\u{669}'),
    ('\u{6F0}', '\u{6F9}'),
    ('\u{7C0}', '\u{7C9}'),
    ('\u{966}', '\u{96F}'),
    ('\u{9E6}', '\u{9EF}'),
    ('\u{A66}', '\u{A6F}'),
    ('\u{AE6}', '\u{AEF}'),
    ('\u{B66}', '\u{B6F}'),
    ('\u{BE6}', '\u{BEF}'),
    ('\u{C66}', '\u{C6F}'),
    ('\u{CE6}', '\u{CEF}'),
    ('\u{D66}', '\u{D6F}'),
    ('\u{DE6}', '\u{DEF}'),
    ('\u{E50}', '\u{E59}'),
    ('\u{ED0}', '\u{ED9}'),
    ('\u{F20}', '\u{F29}'),
    ('\u{1040}', '\u{1049}'),
    ('\u{1090}', '\u{1099}'),
    ('\u{17E0}', '\u{17E9}'),
    ('\u{1810}', '\u{1819}'),
    ('\u{1946}', '\u{194F}'),
    ('\u{19D0}', '\u{19D9}'),
    ('\u{1A80}', '\u{1A89}'),
    ('\u{1A90}', '\u{1A99}'),
    ('\u{1B50}', '\u{1B59}'),
    ('\u{1BB0}', '\u{1BB9}'),
    ('\u{1C40}', '\u{1C49}'),
    ('\u{1C50}', '\u{1C59}'),
    ('\u{A620}', '\u{A629}'),
    ('\u{A8D0}', '\u{A8D9}'),
    ('\u{A900}', '\u{A909}'),
    ('\u{A9D0}', '\u{A9D9}'),
    ('\u{A9F0}', '\u{A9F9}'),
    ('\u{AA50}', '\u{AA59}'),
    ('\u{ABF0}', '\u{ABF9}'),
    ('\u{FF10}', '\u{FF19}'),
    ('\u{104A0}', '\u{104A9}'),
    ('\u{10D30}', '\u{10D39}'),
    ('\u{11066}', '\u{1106F}'),
    ('\u{110F0}', '\u{110F9}'),
    ('\u{11136}', '\u{1113F}'),
    ('\u{111D0}', '\u{111D9}'),
    ('\u{112F0}', '\u{112F9}'),
    ('\u{11450}', '\u{11459}'),
    ('\u{114D0}', '\u{114D9}'),
    ('\u{11650}', '\u{11659}'),
    ('\u{116C0}', '\u{116C9}'),
    ('\u{11730}', '\u{11739}'),
    ('\u{118E0}', '\u{118E9}'),
    ('\u{11950}', '\u{11959}'),
    ('\u{11C50}', '\u{11C59}'),
    ('\u{11D50}', '\u{11D59}'),
    ('\u{11DA0}', '\u{11DA9}'),
    ('\u{16A60}', '\u{16A69}'),
    ('\u{16AC0}', '\u{16AC9}'),
    ('\u{16B50}', '\u{16B59}'),
    ('\u{1D7CE}', '\u{1D7FF}'),
    ('\u{1E140}', '\u{1E149}'),
    ('\u{1E2F0}', '\u{1E2F9}'),
    ('\u{1E950}', '\u{1E959}'),
    ('\u{1FBF0}', '\u{1FBF9}'),
];

fn is_decimal(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && DECIMAL_DIGITS.iter().any(|&(a, b)| (a..=b).contains(&c)))
}

/// `text` without one leading list marker: after optional whitespace, digits followed by `.`,
/// or one of `o ° ▴ - * •`, followed by whitespace (which goes too). Unchanged without a marker.
fn strip_marker(text: &str) -> &str {
    let s = text.trim_start_matches(is_py_space);
    let after = match s.chars().next() {
        Some(c) if is_decimal(c) => match s.trim_start_matches(is_decimal).strip_prefix('.') {
            Some(rest) => rest,
            None => return text,
        },
        Some(c @ ('o' | '°' | '▴' | '-' | '*' | '•')) => &s[c.len_utf8()..],
        _ => return text,
    };
    let rest = after.trim_start_matches(is_py_space);
    if rest.len() == after.len() { text } else { rest }
}

/// The comparison form of a text: one leading list marker stripped, NFC, then every whitespace
/// character (NBSP, CR, LF, U+3000 too) and U+200B-U+200D, U+2060, U+FEFF removed.
///
/// ```
/// assert_eq!(tmalign::normalize_for_scoring(" 1. Hello\u{a0} world \r\n"), "Helloworld");
/// assert_eq!(tmalign::normalize_for_scoring("1.5 million"), "1.5million");
/// ```
pub fn normalize_for_scoring(text: &str) -> String {
    strip_marker(text).nfc().filter(|&c| !is_removed(c)).collect()
}

/// One row of a gold file: a text per language (cells may be empty, a language may be missing).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldRow {
    cells: BTreeMap<String, String>,
}

impl GoldRow {
    /// A row from (language, text) cells; language codes are trimmed and lowercased, and a later
    /// cell for the same language replaces an earlier one.
    pub fn new<K: AsRef<str>, V: Into<String>>(cells: impl IntoIterator<Item = (K, V)>) -> GoldRow {
        GoldRow {
            cells: cells
                .into_iter()
                .map(|(k, v)| (k.as_ref().trim_matches(is_py_space).to_lowercase(), v.into()))
                .collect(),
        }
    }

    /// The text in `lang` (a code such as `en`, case-insensitive), `""` when there is none.
    pub fn text(&self, lang: &str) -> &str {
        self.cells.get(&lang.to_lowercase()).map_or("", String::as_str)
    }
}

/// Text of a file decoded as UTF-8, without one leading BOM; errors name the file.
fn read_utf8(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::new(ErrorKind::Decode, format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to())).with_path(path)
    })?;
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Lines split at LF, without one trailing empty line and each without a final CR.
fn lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.last() == Some(&"") {
        lines.pop();
    }
    lines.into_iter().map(|l| l.strip_suffix('\r').unwrap_or(l)).collect()
}

/// Reads a gold TSV (UTF-8, optional BOM): a header line naming the languages (`en ko es`),
/// then one row per line; missing cells are empty, extra cells ignored.
///
/// # Errors
///
/// Naming the file: it cannot be read, is not UTF-8, or is empty.
pub fn read_gold(path: impl AsRef<Path>) -> Result<Vec<GoldRow>> {
    let path = path.as_ref();
    parse_gold(&read_utf8(path)?).map_err(|e| e.with_path(path))
}

/// [`read_gold`] on text already read.
///
/// # Errors
///
/// [`ErrorKind::Format`] when there is no header line.
pub fn parse_gold(text: &str) -> Result<Vec<GoldRow>> {
    let lines = lines(text);
    let Some((header, rows)) = lines.split_first() else {
        return Err(Error::new(ErrorKind::Format, "empty gold file"));
    };
    let header: Vec<&str> = header.split('\t').collect();
    Ok(rows
        .iter()
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            GoldRow::new(header.iter().enumerate().map(|(i, h)| (*h, cells.get(i).copied().unwrap_or(""))))
        })
        .collect())
}

/// Whether a hypothesis is TMX: from its name (`.tmx`, `.xml`; `.tsv` and `.txt` are TSV),
/// else from its first bytes (a UTF-16 BOM, or `<` after any BOM and whitespace).
fn is_tmx(path: &Path) -> Result<bool> {
    let name = path.to_string_lossy().to_lowercase();
    if name.ends_with(".tmx") || name.ends_with(".xml") {
        return Ok(true);
    }
    if name.ends_with(".tsv") || name.ends_with(".txt") {
        return Ok(false);
    }
    let mut head = Vec::with_capacity(512);
    std::fs::File::open(path).and_then(|f| f.take(512).read_to_end(&mut head)).map_err(|e| Error::io(path, e))?;
    if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
        return Ok(true);
    }
    let start = head.iter().position(|b| !b"\xef\xbb\xbf \t\r\n".contains(b)).unwrap_or(head.len());
    Ok(head[start..].starts_with(b"<"))
}

/// Reads the (source, target) pairs of a hypothesis, in file order (see [`read_hypothesis`]);
/// lines of a TSV without a tab are skipped and reported in `warnings`.
fn read_hypothesis_warning(
    path: &Path,
    src: &str,
    tgt: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<(String, String)>> {
    if is_tmx(path)? {
        return read_tmx_pairs(path, &src.to_lowercase(), &tgt.to_lowercase());
    }
    let text = read_utf8(path)?;
    let mut pairs = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim_matches(is_py_space).is_empty() {
            continue;
        }
        let mut cells = line.split('\t');
        match (cells.next(), cells.next()) {
            (Some(s), Some(t)) => pairs.push((s.to_string(), t.to_string())),
            _ => warnings.push(format!("{}:{} has no tab, ignored", path.display(), n + 1)),
        }
    }
    Ok(pairs)
}

/// Reads the (source, target) pairs of a hypothesis, in file order.
///
/// - TMX (any version; a file named `.tmx` or `.xml`, or one starting with `<` or a UTF-16 BOM),
///   read with [`TmxReader`]: from every `tu`, the first `tuv` whose `xml:lang` (or `lang`) starts
///   with the code, case-insensitive (`ko` matches `ko-KR` and `KO`); units missing either side
///   are skipped, so a three-language unit serves every pair. The text of a `seg` and of its `hi`
///   elements counts; the native code in `bpt`, `ept`, `it`, `ph` and `ut` (and their `sub`s) does
///   not.
/// - Otherwise a TSV in UTF-8 (optional BOM): one `src<TAB>tgt` line per pair, no header; blank
///   lines and lines without a tab are skipped, cells after the second ignored.
///
/// Segments with inline markup are read from their markup, as `score.py` reads them. Segments
/// without come as the reader gives them ([`Variant::text`]: NFC, whitespace folded, trimmed,
/// zero-width characters removed). For the segments tmalign writes (already in that form) this
/// is the text itself; for other TMX the scores differ from `score.py` only where the scoring
/// normalisation does not undo the reader's: a segment that is a list marker and whitespace
/// (`- ` is empty to `score.py`, `-` here), a zero-width character around a leading marker
/// (`\u{200B}1. Text`), or NFC composing across a removed character. The texts listed as
/// errors show the folded whitespace.
///
/// # Errors
///
/// Naming the file: it cannot be read, is not UTF-8 (TSV), or is malformed TMX.
pub fn read_hypothesis(path: impl AsRef<Path>, src: &str, tgt: &str) -> Result<Vec<(String, String)>> {
    read_hypothesis_warning(path.as_ref(), src, tgt, &mut Vec::new())
}

fn read_tmx_pairs(path: &Path, src: &str, tgt: &str) -> Result<Vec<(String, String)>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let reader = TmxReader::new(io::BufReader::with_capacity(1 << 16, file)).map_err(|e| e.with_path(path))?;
    let mut pairs = Vec::new();
    for unit in reader {
        let unit = unit.map_err(|e| e.with_path(path))?;
        let (mut s, mut t) = (None, None);
        for variant in &unit.variants {
            let lang = variant.lang.trim_matches(is_py_space).to_lowercase();
            if s.is_none() && lang.starts_with(src) {
                s = Some(seg_text(variant));
            }
            if t.is_none() && lang.starts_with(tgt) {
                t = Some(seg_text(variant));
            }
        }
        if let (Some(s), Some(t)) = (s, t) {
            pairs.push((s, t));
        }
    }
    Ok(pairs)
}

/// The text of a variant's segment as `score.py` takes it: with inline markup, the segment's
/// own text and the content of `hi` elements (nested `hi` too), nothing inside other elements.
fn seg_text(variant: &Variant) -> String {
    variant.markup.as_deref().and_then(markup_text).unwrap_or_else(|| variant.text.clone())
}

/// Text of the inner XML of a `seg` (see [`seg_text`]), with XML's line-end normalisation;
/// `None` if it does not parse (it did when it was read, so it will).
fn markup_text(markup: &str) -> Option<String> {
    use quick_xml::escape::unescape;
    use quick_xml::events::Event;
    let xml = format!("<seg>{markup}</seg>");
    let mut reader = quick_xml::Reader::from_str(&xml);
    // Whether the text directly inside each open element counts.
    let mut keep: Vec<bool> = Vec::new();
    let mut out = String::new();
    let line_ends = |s: &str| s.replace("\r\n", "\n").replace('\r', "\n");
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => {
                let counts = keep.last().is_none_or(|&k| k && e.local_name().as_ref() == b"hi");
                keep.push(counts);
            }
            Event::End(_) => {
                keep.pop();
            }
            Event::Text(t) if keep.last() == Some(&true) => {
                let raw = line_ends(std::str::from_utf8(&t).ok()?);
                out.push_str(&unescape(&raw).ok()?);
            }
            Event::CData(c) if keep.last() == Some(&true) => out.push_str(&line_ends(std::str::from_utf8(&c).ok()?)),
            Event::Eof => return Some(out),
            _ => {}
        }
    }
}

/// The score of one hypothesis against one gold file (or, summed, of a directory).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Hypothesis pairs with both sides non-empty (normalised).
    pub hyp: usize,
    /// Of them, those in some correct run.
    pub correct: usize,
    /// Gold rows with both languages non-empty (normalised).
    pub gold: usize,
    /// Of them, those matched by a correct run.
    pub matched: usize,
    /// The hypothesis pairs not correct, as read, in file order.
    pub wrong: Vec<(String, String)>,
    /// The gold rows not matched, as read: grouped by text, in order of first occurrence.
    pub missed: Vec<(String, String)>,
}

impl Score {
    /// correct / hyp; 0 without hypothesis pairs.
    pub fn precision(&self) -> f64 {
        if self.hyp == 0 { 0.0 } else { self.correct as f64 / self.hyp as f64 }
    }

    /// matched / gold; 0 without countable gold rows.
    pub fn recall(&self) -> f64 {
        if self.gold == 0 { 0.0 } else { self.matched as f64 / self.gold as f64 }
    }

    /// The harmonic mean of precision and recall; 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    /// Adds another score's counts and errors (micro-averaging).
    pub fn add(&mut self, other: &Score) {
        self.hyp += other.hyp;
        self.correct += other.correct;
        self.gold += other.gold;
        self.matched += other.matched;
        self.wrong.extend(other.wrong.iter().cloned());
        self.missed.extend(other.missed.iter().cloned());
    }

    /// `P=0.xxx R=0.xxx F1=0.xxx`.
    pub fn line(&self) -> String {
        format!("P={:.3} R={:.3} F1={:.3}", self.precision(), self.recall(), self.f1())
    }

    /// One line per wrong pair (`  WRONG   src<TAB>tgt`), then per missed row (`  MISSED  ...`).
    pub fn write_errors(&self, out: &mut dyn Write) -> io::Result<()> {
        for (s, t) in &self.wrong {
            writeln!(out, "  WRONG   {s}\t{t}")?;
        }
        for (s, t) in &self.missed {
            writeln!(out, "  MISSED  {s}\t{t}")?;
        }
        Ok(())
    }
}

/// Scores hypothesis pairs (in file order) against gold rows for the pair `src`-`tgt` (language
/// codes, case-insensitive), with the strict metric of the evaluation kit's `score.py`: a run of
/// consecutive pairs is correct when its joined sides are a gold row's texts (normalised).
pub fn score(gold: &[GoldRow], hyp: &[(String, String)], src: &str, tgt: &str) -> Score {
    let (src, tgt) = (src.to_lowercase(), tgt.to_lowercase());
    // Distinct gold texts in order of first occurrence, with their rows; looked up by source
    // then target text.
    let mut keys: Vec<Vec<usize>> = Vec::new();
    let mut index: HashMap<String, HashMap<String, usize>> = HashMap::new();
    for (i, row) in gold.iter().enumerate() {
        let (s, t) = (normalize_for_scoring(row.text(&src)), normalize_for_scoring(row.text(&tgt)));
        if s.is_empty() || t.is_empty() {
            continue;
        }
        let next = keys.len();
        let k = *index.entry(s).or_default().entry(t).or_insert(next);
        if k == next {
            keys.push(Vec::new());
        }
        keys[k].push(i);
    }
    let pairs: Vec<(String, String, &(String, String))> = hyp
        .iter()
        .map(|pair| (normalize_for_scoring(&pair.0), normalize_for_scoring(&pair.1), pair))
        .filter(|(s, t, _)| !s.is_empty() && !t.is_empty())
        .collect();
    let mut correct = vec![false; pairs.len()];
    let mut runs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); keys.len()];
    for i in 0..pairs.len() {
        let (mut s, mut t) = (String::new(), String::new());
        for j in i..(i + MAX_RUN).min(pairs.len()) {
            s.push_str(&pairs[j].0);
            t.push_str(&pairs[j].1);
            if let Some(&k) = index.get(&s).and_then(|by_target| by_target.get(&t)) {
                correct[i..=j].fill(true);
                runs[k].push((i, j));
            }
        }
    }
    let mut matched = HashSet::new();
    for (rows, spans) in keys.iter().zip(&mut runs) {
        // A gold text occurring n times needs n non-overlapping runs: count them greedily,
        // earliest end first.
        spans.sort_by_key(|&(a, b)| (b, a));
        let (mut n, mut last) = (0, None);
        for &(a, b) in spans.iter() {
            if last.is_none_or(|l| a > l) {
                n += 1;
                last = Some(b);
            }
        }
        matched.extend(rows.iter().take(n).copied());
    }
    let cells = |i: usize| (gold[i].text(&src).to_string(), gold[i].text(&tgt).to_string());
    Score {
        hyp: pairs.len(),
        correct: correct.iter().filter(|&&c| c).count(),
        gold: keys.iter().map(Vec::len).sum(),
        matched: matched.len(),
        wrong: pairs.iter().zip(&correct).filter(|(_, c)| !**c).map(|(p, _)| p.2.clone()).collect(),
        missed: keys.iter().flatten().filter(|i| !matched.contains(*i)).map(|&i| cells(i)).collect(),
    }
}

/// The score of one document.
#[derive(Debug)]
pub struct DocumentScore {
    /// The document's name: `DOC` of `DOC.gold.tsv`, or the gold file's path.
    pub name: String,
    /// Its score.
    pub score: Score,
    /// Why its hypothesis could not be read (directory mode scores it as empty), if it could not.
    pub unreadable: Option<Error>,
    /// Lines of a TSV hypothesis ignored for want of a tab, and the unreadable hypothesis.
    pub warnings: Vec<String>,
}

/// Scores the hypothesis `hyp` (TMX or TSV, see [`read_hypothesis`]) against the gold file `gold`.
///
/// # Errors
///
/// Naming the file: the hypothesis or the gold file cannot be read.
pub fn score_document(gold: &Path, hyp: &Path, src: &str, tgt: &str) -> Result<DocumentScore> {
    let mut warnings = Vec::new();
    let pairs = read_hypothesis_warning(hyp, src, tgt, &mut warnings)?;
    let score = score(&read_gold(gold)?, &pairs, src, tgt);
    Ok(DocumentScore { name: gold.display().to_string(), score, unreadable: None, warnings })
}

/// Writes the report of one document as `score.py` does: `SRC-TGT: hyp= correct= gold= matched=`,
/// the errors if `errors`, and `P=0.xxx R=0.xxx F1=0.xxx`; with `quiet`, the last line only.
pub fn write_document_report(
    out: &mut dyn Write,
    score: &Score,
    src: &str,
    tgt: &str,
    errors: bool,
    quiet: bool,
) -> io::Result<()> {
    if !quiet {
        let Score { hyp, correct, gold, matched, .. } = score;
        writeln!(out, "{src}-{tgt}: hyp={hyp} correct={correct} gold={gold} matched={matched}")?;
        if errors {
            score.write_errors(out)?;
        }
    }
    writeln!(out, "{}", score.line())
}

/// The scores of the documents of a directory, and their micro average.
#[derive(Debug)]
pub struct DirectoryScore {
    /// The source language code.
    pub src: String,
    /// The target language code.
    pub tgt: String,
    /// One per gold file, by name.
    pub docs: Vec<DocumentScore>,
    /// The sum of the documents' scores.
    pub total: Score,
}

impl DirectoryScore {
    /// Documents whose hypothesis is missing or unreadable.
    pub fn unreadable(&self) -> usize {
        self.docs.iter().filter(|d| d.unreadable.is_some()).count()
    }

    /// Writes the report as `score.py` does: a line per document (`DOC<TAB>hyp=..<TAB>P=..`, with
    /// its errors if `errors`), a `micro SRC-TGT: docs=..` line, and the micro-averaged
    /// `P=0.xxx R=0.xxx F1=0.xxx`; with `quiet`, the last line only.
    pub fn write_report(&self, out: &mut dyn Write, errors: bool, quiet: bool) -> io::Result<()> {
        if !quiet {
            for doc in &self.docs {
                let Score { hyp, correct, gold, matched, .. } = &doc.score;
                let line = doc.score.line().replace(' ', "\t");
                writeln!(out, "{}\thyp={hyp}\tcorrect={correct}\tgold={gold}\tmatched={matched}\t{line}", doc.name)?;
                if errors {
                    doc.score.write_errors(out)?;
                }
            }
            let Score { hyp, correct, gold, matched, .. } = &self.total;
            writeln!(
                out,
                "micro {}-{}: docs={} unreadable_or_missing={} hyp={hyp} correct={correct} gold={gold} matched={matched}",
                self.src,
                self.tgt,
                self.docs.len(),
                self.unreadable()
            )?;
        }
        writeln!(out, "{}", self.total.line())
    }
}

/// Scores every `DOC.gold.tsv` of `gold_dir` (in name order) against `hyp_dir/DOC<hyp_suffix>`,
/// micro-averaged. A missing or unreadable hypothesis is scored as empty and counted in
/// [`DirectoryScore::unreadable`].
///
/// # Errors
///
/// Naming the file or directory: `gold_dir` cannot be listed, a gold file cannot be read;
/// [`ErrorKind::Usage`] when `gold_dir` holds no gold file.
pub fn score_directory(
    gold_dir: &Path,
    hyp_dir: &Path,
    hyp_suffix: &str,
    src: &str,
    tgt: &str,
) -> Result<DirectoryScore> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(gold_dir).map_err(|e| Error::io(gold_dir, e))? {
        let entry = entry.map_err(|e| Error::io(gold_dir, e))?;
        if let Some(doc) = entry.file_name().to_str().and_then(|n| n.strip_suffix(GOLD_SUFFIX)) {
            names.push(doc.to_string());
        }
    }
    if names.is_empty() {
        return Err(Error::new(ErrorKind::Usage, format!("no *{GOLD_SUFFIX} in it")).with_path(gold_dir));
    }
    names.sort();
    let mut dir =
        DirectoryScore { src: src.to_string(), tgt: tgt.to_string(), docs: Vec::new(), total: Score::default() };
    for name in names {
        let gold = read_gold(gold_dir.join(format!("{name}{GOLD_SUFFIX}")))?;
        let hyp_path: PathBuf = hyp_dir.join(format!("{name}{hyp_suffix}"));
        let mut warnings = Vec::new();
        let (pairs, unreadable) = match read_hypothesis_warning(&hyp_path, src, tgt, &mut warnings) {
            Ok(pairs) => (pairs, None),
            Err(e) => {
                warnings.push(format!("cannot read hypothesis ({e}); scored as empty"));
                (Vec::new(), Some(e))
            }
        };
        let score = score(&gold, &pairs, src, tgt);
        dir.total.add(&score);
        dir.docs.push(DocumentScore { name, score, unreadable, warnings });
    }
    Ok(dir)
}

/// Parses a language pair `SRC-TGT` (letters only, e.g. `en-ko`) into lowercase codes.
///
/// # Errors
///
/// A message saying what a pair looks like.
pub fn parse_language_pair(text: &str) -> std::result::Result<(String, String), String> {
    let letters = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic());
    match text.trim_matches(is_py_space).split_once('-') {
        Some((s, t)) if letters(s) && letters(t) => Ok((s.to_ascii_lowercase(), t.to_ascii_lowercase())),
        _ => Err("a pair looks like en-ko".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(strip_marker("12. - x"), "- x");
        assert_eq!(strip_marker("  ▴ x y"), "x y");
        assert_eq!(strip_marker("o"), "o");
        assert_eq!(strip_marker("1."), "1.");
        assert_eq!(strip_marker("\u{1C}\u{0661}.\u{1F}x"), "x");
        assert_eq!(strip_marker("\u{200B}1. x"), "\u{200B}1. x");
    }

    #[test]
    fn markup_text_keeps_hi_only() {
        let m = "a <bpt i=\"1\">&lt;b&gt;<sub>s</sub></bpt>b<hi>c<ph>d</ph>e<hi>f</hi></hi>g&amp;<![CDATA[<h>]]>";
        assert_eq!(markup_text(m).as_deref(), Some("a bcefg&<h>"));
    }
}
