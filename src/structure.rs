//! Structure: the title, numbered paragraphs, sub-items and plain paragraphs of a cleaned release.

use crate::clean::{Cleaned, split_marker};
use crate::document::{Block, BlockKind, Marker, Span, is_space};

/// Builds the blocks of a release from its cleaned body lines.
///
/// Each line with a marker opens a block, and so does each line after a blank line. A line
/// without a marker continues the previous block when that block did not end like a sentence
/// and the line starts in lower case: text that was hard-wrapped.
pub fn blocks(text: &str, cleaned: &Cleaned) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut prev_line_end: Option<usize> = None;
    // Line numbers are counted as we go: counting from the start for each line is quadratic.
    let (mut counted_to, mut line_no) = (0, 1);
    for (i, &line) in cleaned.body.iter().enumerate() {
        let line_text = &text[line.range()];
        let (marker, text_at) = split_marker(line_text);
        let span = Span::new(line.start + text_at, line.end);
        line_no += text.as_bytes()[counted_to..line.start].iter().filter(|&&b| b == b'\n').count();
        counted_to = line.start;
        let is_title = cleaned.title == Some(i);
        let adjacent = prev_line_end.is_some_and(|end| !text[end..line.start].contains("\n\n"));
        if !is_title
            && marker.is_none()
            && adjacent
            && let Some(last) = blocks.last_mut()
            && last.kind != BlockKind::Title
            && continues(&text[last.span.range()], &text[span.range()])
        {
            last.span.end = span.end;
            prev_line_end = Some(line.end);
            continue;
        }
        let kind = match marker {
            _ if is_title => BlockKind::Title,
            Some(Marker::Bullet(_)) => BlockKind::SubItem,
            _ => BlockKind::Paragraph,
        };
        let marker = if is_title { None } else { marker };
        let span = if is_title { line } else { span };
        let uncertain = cleaned.uncertain.get(i).copied().unwrap_or(false);
        blocks.push(Block { kind, marker, span, line: line_no, uncertain });
        prev_line_end = Some(line.end);
    }
    blocks
}

/// True when `next` reads as the rest of a hard-wrapped `prev`.
fn continues(prev: &str, next: &str) -> bool {
    let prev_end = prev.trim_end_matches(is_space).chars().last();
    let ended = prev_end.is_some_and(|c| matches!(c, '.' | '?' | '!' | '…' | '"' | '”' | ')' | ':'));
    let next_start = next.chars().next();
    !ended && next_start.is_some_and(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean;
    use crate::lang::Lang;

    #[test]
    fn numbered_paragraphs_and_sub_items() {
        let text =
            "Title line\n\n1. First paragraph is here.\no A sub-item follows.\n\n2. Second one.\nwrapped on.\n\nPlain.";
        let cleaned = clean(text, Lang::En);
        let blocks = blocks(text, &cleaned);
        let view: Vec<(BlockKind, Option<Marker>, &str)> =
            blocks.iter().map(|b| (b.kind, b.marker, &text[b.span.range()])).collect();
        assert_eq!(
            view,
            [
                (BlockKind::Title, None, "Title line"),
                (BlockKind::Paragraph, Some(Marker::Number(1)), "First paragraph is here."),
                (BlockKind::SubItem, Some(Marker::Bullet('o')), "A sub-item follows."),
                (BlockKind::Paragraph, Some(Marker::Number(2)), "Second one."),
                (BlockKind::Paragraph, None, "wrapped on."),
                (BlockKind::Paragraph, None, "Plain."),
            ]
        );
        assert_eq!(blocks[1].line, 3);
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let text = "Title\n\nThe delegation will visit\nfour countries in June.";
        let blocks = blocks(text, &clean(text, Lang::En));
        assert_eq!(blocks.len(), 2);
        assert_eq!(&text[blocks[1].span.range()], "The delegation will visit\nfour countries in June.");
    }
}
