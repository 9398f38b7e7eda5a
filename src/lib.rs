//! tmalign turns the language versions of one published release (Korean, English, Spanish) into a
//! sentence-aligned translation memory.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`decode`]: bytes to text (UTF-8, UTF-16 with BOM; line ends to LF).
//! 2. clean: drop web chrome (menus, share lines, licence footers), find the title.
//! 3. structure: title, numbered paragraphs, sub-items ([`Block`]).
//! 4. segment: sentences per language rules ([`sentence_spans`]).
//!    Steps 2-4 are [`Document::parse`]; every block and sentence is a [`Span`] into the text.
//! 5. [`align()`]: structure first, then sentences by dynamic programming ([`Alignment`]).
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
mod clean;
mod decode;
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

pub use align::{AlignOptions, AlignedUnit, Alignment, Glossary, align, align_with, number_keys, romanize};
pub use decode::{Encoding, decode};
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

use std::path::Path;

/// Reads, decodes and parses one language version of a release.
///
/// ```no_run
/// let doc = tmalign::read_document(std::path::Path::new("release.ko.txt"), tmalign::Lang::Ko)?;
/// println!("{} sentences", doc.sentences.len());
/// # Ok::<(), tmalign::Error>(())
/// ```
///
/// Errors name the file: it cannot be read, it is not text we can decode, or it holds nothing
/// but web chrome.
pub fn read_document(path: &Path, lang: Lang) -> Result<Document> {
    read_document_as(path, lang, false)
}

/// [`read_document`], for a file that is already one segment per line when `segmented`
/// ([`Document::parse_segmented`]).
pub fn read_document_as(path: &Path, lang: Lang, segmented: bool) -> Result<Document> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (text, _) = decode(&bytes).map_err(|e| e.with_path(path))?;
    let name = path.display().to_string();
    let doc = if segmented { Document::parse_segmented(name, lang, text) } else { Document::parse(name, lang, text) };
    if doc.sentences.is_empty() {
        let what = if doc.chrome.is_empty() {
            "is empty"
        } else {
            "holds only web chrome (menus, links, footers), no text to align"
        };
        return Err(Error::new(ErrorKind::EmptyDocument, what).with_path(path));
    }
    Ok(doc)
}
