//! TMX 1.4: writing, and reading TMX 1.1-1.4 (for round trips and for importing memories).

mod read;
mod write;

pub use read::{TmxReader, read_tmx, read_tmx_file};
pub use write::{LongSegment, MAX_SEGMENT_CHARS, TmxWriter, WriteReport, write_tmx};
pub(crate) use write::{hash128, render_units, segment_text};
