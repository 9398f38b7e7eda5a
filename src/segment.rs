//! Sentence segmentation for English, Spanish and Korean. Rule tables are data, one per language.

use crate::lang::Lang;
use std::ops::Range;

/// Splits `text` (one block) into sentences, returning byte ranges into `text`: trimmed,
/// non-empty, in order, not overlapping, and together covering every non-space character.
pub fn sentence_spans(text: &str, lang: Lang) -> Vec<Range<usize>> {
    // Placeholder until the rule-based splitter lands: one sentence per block.
    let _ = lang;
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    if start < end { vec![start..end] } else { Vec::new() }
}
