//! TSV and JSON export (temporary minimal version; replaced by the tmx branch).

use crate::tm::TranslationMemory;
use std::io::Write;

/// Writes one line per unit with the given languages' segments, tab-separated.
pub fn write_tsv<W: Write>(tm: &TranslationMemory, langs: &[&str], mut out: W) -> std::io::Result<()> {
    for unit in &tm.units {
        let cells: Vec<&str> = langs.iter().map(|l| unit.text(l).unwrap_or("")).collect();
        writeln!(out, "{}", cells.join("\t"))?;
    }
    Ok(())
}

/// Writes the memory as JSON.
pub fn write_json<W: Write>(tm: &TranslationMemory, out: W) -> std::io::Result<()> {
    serde_json::to_writer_pretty(out, tm).map_err(std::io::Error::other)
}
