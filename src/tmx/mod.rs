//! TMX 1.4: writing (and reading, for round trips).

mod write;

pub use write::write_tmx;
