//! tmalign turns the language versions of one published release (Korean, English, Spanish) into a
//! sentence-aligned translation memory.
//!
//! The pipeline, one module per stage:
//! decode → clean → structure → segment → align → translation memory → TMX / TSV / JSON.

mod document;
mod error;
mod export;
mod lang;
mod segment;
mod tm;
mod tmx;

pub use document::{Block, BlockKind, Document, Marker, Sentence, Span, is_xml_char, normalize_segment};
pub use error::{Error, ErrorKind, Result};
pub use lang::Lang;
pub use segment::sentence_spans;
pub use tm::{Header, Prop, TranslationMemory, TranslationUnit, Variant, lang_matches};
pub use export::{write_json, write_tsv};
pub use tmx::{LongSegment, MAX_SEGMENT_CHARS, WriteReport, read_tmx, read_tmx_file, write_tmx};
