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
mod document;
mod error;
mod export;
mod lang;
mod segment;
mod structure;
mod tm;
mod tmx;

pub use align::{AlignedUnit, Alignment, align, number_keys, romanize};
pub use batch::{
    BatchFormat, BatchReport, BatchWriter, DOCUMENT_ORDER, JsonRelease, JsonResult, JsonUnit, LOW_CONFIDENCE,
    LOW_RELEASE_MEAN, Release, ReleaseResult, Rendered, align_json_line, align_release, find_releases, map_ordered,
    now_tmx_date,
};
pub use decode::{Encoding, decode};
pub use document::{Block, BlockKind, Document, Marker, Sentence, Span, is_xml_char, normalize_segment};
pub use error::{Error, ErrorKind, Result};
pub use export::{write_json, write_tsv};
pub use lang::Lang;
pub use segment::sentence_spans;
pub use tm::{Header, MemoryOptions, Prop, TranslationMemory, TranslationUnit, Variant, lang_matches};
pub use tmx::{LongSegment, MAX_SEGMENT_CHARS, WriteReport, read_tmx, read_tmx_file, write_tmx};

use std::path::Path;

/// Reads, decodes and parses one language version of a release.
///
/// Errors name the file: it cannot be read, it is not text we can decode, or it holds nothing
/// but web chrome.
pub fn read_document(path: &Path, lang: Lang) -> Result<Document> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (text, _) = decode(&bytes).map_err(|e| e.with_path(path))?;
    let doc = Document::parse(path.display().to_string(), lang, text);
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
