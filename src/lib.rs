//! tmalign turns the language versions of one published release (Korean, English, Spanish) into a
//! sentence-aligned translation memory.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`decode()`]: bytes to text (UTF-8, UTF-16, EUC-KR/CP949, Windows-1252, detected or forced;
//!    binary refused; line ends to LF).
//! 2. clean: drop web chrome (menus, share lines, licence footers), find the title.
//! 3. structure: title, numbered paragraphs, sub-items ([`Block`]).
//! 4. segment: sentences per language rules ([`sentence_spans`]).
//!    Steps 2-4 are [`Document::parse`]; every block and sentence is a [`Span`] into the text.
//! 5. [`align()`]: structure first, then sentences by dynamic programming ([`Alignment`]).
//!    [`align_resegmenting`] first cuts sentences that one version leaves unpunctuated where
//!    the others mark a boundary (what the command line does, unless `--segmented`).
//! 6. [`TranslationMemory::from_alignment`]: units with scores, ready for [`write_tmx`].
//!
//! Translation memories from anywhere (TMX 1.1-1.4, TSV, JSON) are read, merged, looked up and
//! written: [`TranslationMemory::read`], [`TranslationMemory::merge`], [`TranslationMemory::lookup`]
//! and [`TmIndex`] (fuzzy matches, see [`lookup`]), [`TranslationMemory::write`], [`Stats`]. Large
//! TMX files stream: [`TmxReader`], [`TmxWriter`], [`merge_tmx_files`], [`Stats::of_tmx_file`].
//!
//! ```
//! use tmalign::{Document, Lang, MemoryOptions, TranslationMemory, align, write_tmx};
//!
//! let en = Document::parse("note.en.txt", Lang::En, "Skip to main content\n\
//!     Korea and Peru Sign Agreement\n\n\
//!     1. Korea and Peru signed a $12.2 billion agreement on March 17. It covers 5G networks.\n"
//!     .to_string());
//! let ko = Document::parse("note.ko.txt", Lang::Ko, "본문 바로가기\n\
//!     한-페루 협정 서명\n\n\
//!     1. 한국과 페루는 3월 17일 122억 달러 규모의 협정에 서명했다. 협정은 5G 네트워크를 포함한다.\n"
//!     .to_string());
//! let docs = [ko, en];
//! let alignment = align(&docs);
//! let memory = TranslationMemory::from_alignment(&docs, &alignment, &MemoryOptions::default());
//! assert_eq!(memory.units.len(), 3);
//! assert_eq!(memory.units[1].text("en"), Some("Korea and Peru signed a $12.2 billion agreement on March 17."));
//! assert_eq!(memory.units[1].text("ko"), Some("한국과 페루는 3월 17일 122억 달러 규모의 협정에 서명했다."));
//!
//! let mut tmx = Vec::new();
//! write_tmx(&memory, &mut tmx).unwrap();
//! assert!(String::from_utf8(tmx).unwrap().contains(r#"<tuv xml:lang="ko-KR">"#));
//! ```

mod align;
mod batch;
mod clean;
mod decode;
mod detect;
mod document;
mod error;
mod eval;
mod export;
mod lang;
pub mod lookup;
mod merge;
mod review;
mod segment;
mod stats;
mod structure;
mod tm;
mod tmx;

pub use align::{
    AlignOptions, AlignedUnit, Alignment, Glossary, align, align_resegmenting, align_with, number_keys, romanize,
};
pub use batch::{
    BatchFormat, BatchReport, BatchWriter, DOCUMENT_ORDER, JsonRelease, JsonResult, JsonUnit, LOW_CONFIDENCE,
    LOW_RELEASE_MEAN, Release, ReleaseResult, Rendered, align_json_line, align_release, find_releases, map_ordered,
    now_tmx_date,
};
pub use decode::{Encoding, decode, decode_with};
pub use document::{Block, BlockKind, Document, Marker, Sentence, Span, is_xml_char, normalize_segment};
pub use error::{Error, ErrorKind, Result};
pub use eval::{
    DirectoryScore, DocumentScore, GoldRow, MAX_RUN, Score, normalize_for_scoring, parse_gold, parse_language_pair,
    read_gold, read_hypothesis, score, score_directory, score_document, write_document_report,
};
pub use export::{TmFormat, read_json, read_tsv, write_json, write_tsv};
pub use lang::Lang;
pub use lookup::{LookupOptions, Match, TmIndex};
pub use merge::{DuplicatePolicy, MergeOptions, MergeReport, merge_tmx_files};
pub use review::{
    Band, DEFAULT_THRESHOLD, ReviewIndexEntry, ReviewOptions, ReviewRow, ReviewSheet, ReviewSummary, parse_review_tsv,
    read_review_file, write_review_html, write_review_index, write_review_tsv, write_review_xlsx,
};
pub use segment::sentence_spans;
pub use stats::Stats;
pub use tm::{Header, MemoryOptions, Prop, TranslationMemory, TranslationUnit, Variant, lang_matches};
pub use tmx::{LongSegment, MAX_SEGMENT_CHARS, TmxReader, TmxWriter, WriteReport, read_tmx, read_tmx_file, write_tmx};

use std::io::Read;
use std::path::Path;

/// The largest input file tmalign reads, in bytes. A press release is a few tens of kilobytes;
/// anything near this is not one, and is refused rather than aligned for minutes.
pub const MAX_INPUT_BYTES: u64 = 32 * 1024 * 1024;

/// The most sentences a document may have. A press release has a few dozen, a long report a few
/// thousand. The aligner's time and memory grow linearly with length (its band is capped), so
/// this is far above any release while keeping a runaway input to seconds and a few hundred MB.
pub const MAX_SENTENCES: usize = 20_000;

/// How [`read_document_with`] reads a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// Read the file in this encoding instead of detecting one.
    pub encoding: Option<Encoding>,
    /// Refuse a file whose text looks like another language than the one it is given as.
    pub check_language: bool,
    /// The file is already one segment per line ([`Document::parse_segmented`]).
    pub segmented: bool,
}

impl Default for ReadOptions {
    /// Detect the encoding; check the language.
    fn default() -> ReadOptions {
        ReadOptions { encoding: None, check_language: true, segmented: false }
    }
}

/// A document's text must look like another language with this confidence to be refused.
const WRONG_LANGUAGE_CONFIDENCE: f64 = 0.75;

/// Reads, decodes and parses one language version of a release, with the default
/// [`ReadOptions`]: see [`read_document_with`].
///
/// ```no_run
/// let doc = tmalign::read_document(std::path::Path::new("release.ko.txt"), tmalign::Lang::Ko)?;
/// println!("{} sentences", doc.sentences.len());
/// # Ok::<(), tmalign::Error>(())
/// ```
pub fn read_document(path: &Path, lang: Lang) -> Result<Document> {
    read_document_with(path, lang, &ReadOptions::default()).map(|(doc, _)| doc)
}

/// Reads, decodes and parses one language version of a release; returns it with the encoding it
/// was read in.
///
/// Errors name the file: it cannot be read ([`ErrorKind::Io`]), it is larger than
/// [`MAX_INPUT_BYTES`] or has more than [`MAX_SENTENCES`] sentences ([`ErrorKind::TooLarge`]), it is not text we can decode or looks binary
/// ([`ErrorKind::Decode`]), it holds nothing but web chrome ([`ErrorKind::EmptyDocument`]), or,
/// when `options.check_language` is set, its text looks like another language than `lang`
/// ([`ErrorKind::WrongLanguage`]).
pub fn read_document_with(path: &Path, lang: Lang, options: &ReadOptions) -> Result<(Document, Encoding)> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // Sized from the file's length when it has one, so the text comes in one read, not in
    // reads that double from a few bytes; a device or pipe has none and grows as it goes.
    let size_hint = file.metadata().map_or(0, |m| m.len().min(MAX_INPUT_BYTES + 1));
    let mut bytes = Vec::with_capacity(usize::try_from(size_hint).unwrap_or(0));
    // Read one byte past the limit, so that neither a huge file nor an endless device is read whole.
    file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "is larger than {} MB, the most tmalign reads: a press release is far smaller",
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        )
        .with_path(path));
    }
    let (text, encoding) = decode_with(&bytes, options.encoding).map_err(|e| e.with_path(path))?;
    drop(bytes);
    let name = path.display().to_string();
    let doc =
        if options.segmented { Document::parse_segmented(name, lang, text) } else { Document::parse(name, lang, text) };
    if doc.sentences.is_empty() {
        let what = if doc.chrome.is_empty() {
            "is empty"
        } else {
            "holds only web chrome (menus, links, footers), no text to align"
        };
        return Err(Error::new(ErrorKind::EmptyDocument, what).with_path(path));
    }
    if doc.sentences.len() > MAX_SENTENCES {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "has {} sentences; tmalign aligns documents of up to {MAX_SENTENCES} (a press release has a few dozen)",
                doc.sentences.len()
            ),
        )
        .with_path(path));
    }
    if options.check_language
        && let Some((found, confidence)) = Lang::detect(&body_sample(&doc))
        && found != lang
        // Detection knows English, Korean and Spanish; for another language only the script
        // can be checked.
        && (matches!(lang, Lang::En | Lang::Ko | Lang::Es) || found == Lang::Ko)
        && confidence >= WRONG_LANGUAGE_CONFIDENCE
    {
        return Err(Error::new(
            ErrorKind::WrongLanguage,
            format!(
                "looks like {}, not {}; rename it or pass --langs, or --force-langs to read it as {} anyway",
                found.name(),
                lang.name(),
                lang.name()
            ),
        )
        .with_path(path));
    }
    Ok((doc, encoding))
}

/// The sentences of a document, one per line, up to a size that is evidence enough for
/// [`Lang::detect`].
fn body_sample(doc: &Document) -> String {
    let mut sample = String::new();
    for sentence in &doc.sentences {
        if sample.len() > 256 * 1024 {
            break;
        }
        sample.push_str(doc.slice(sentence.span));
        sample.push('\n');
    }
    sample
}
