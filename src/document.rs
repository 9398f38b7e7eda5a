//! A document: the decoded text of one language version, and its structure as byte spans into it.

use crate::lang::Lang;
use serde::Serialize;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// A byte range into [`Document::text`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from a byte range.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The span as a range, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// The structural role of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The headline of the release.
    Title,
    /// A body paragraph, numbered or not.
    Paragraph,
    /// A sub-item under a paragraph ("o", "°", "▴", "*", "-", "•" ...).
    SubItem,
}

/// The marker that opened a block. Markers are structure: they are not part of any segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Marker {
    /// "1.", "2." ...
    Number(u32),
    /// A bullet character.
    Bullet(char),
}

/// A block of text: the title, a paragraph or a sub-item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    /// Its role.
    pub kind: BlockKind,
    /// The marker that opened it, if any.
    pub marker: Option<Marker>,
    /// The text after the marker.
    pub span: Span,
    /// 1-based line number in the decoded text where the block starts.
    pub line: usize,
    /// Cleaning could not tell whether this is text or web chrome nobody listed; the aligner
    /// keeps it only if the other versions have a counterpart.
    pub uncertain: bool,
}

/// A sentence: a span inside one block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// Where it is.
    pub span: Span,
    /// Index of its block in [`Document::blocks`].
    pub block: usize,
}

/// One language version of a release, cleaned and segmented.
///
/// The decoded text is owned here once; blocks and sentences are spans into it, so every segment
/// can be traced back to its place in the source.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// Where the text came from (a file name, or a label given through the API).
    pub name: String,
    /// The language of the text.
    pub lang: Lang,
    /// The decoded text (line ends normalised to LF, no BOM).
    pub text: String,
    /// The spans of lines that cleaning dropped as web chrome.
    pub chrome: Vec<Span>,
    /// Title, paragraphs and sub-items in document order.
    pub blocks: Vec<Block>,
    /// Sentences in document order.
    pub sentences: Vec<Sentence>,
    /// Byte offset where each line starts, for line numbers.
    #[serde(skip)]
    line_starts: Vec<usize>,
}

impl Document {
    /// The raw text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The text of sentence `i` as it is exported: NFC, whitespace folded to single spaces, trimmed.
    pub fn sentence_text(&self, i: usize) -> String {
        self.sentence_text_cow(i).into_owned()
    }

    /// [`sentence_text`](Self::sentence_text), borrowed from the document when it is already so.
    pub(crate) fn sentence_text_cow(&self, i: usize) -> std::borrow::Cow<'_, str> {
        normalize_segment_cow(self.slice(self.sentences[i].span))
    }

    /// The block that sentence `i` belongs to.
    pub fn block_of(&self, i: usize) -> &Block {
        &self.blocks[self.sentences[i].block]
    }

    /// 1-based line number of byte offset `pos` in the text (a binary search over line starts).
    pub fn line_of(&self, pos: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= pos).max(1)
    }

    /// 1-based line number where sentence `i` starts.
    pub fn sentence_line(&self, i: usize) -> usize {
        self.line_of(self.sentences[i].span.start)
    }
}

/// Byte offsets where the lines of `text` start.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1)).collect()
}

/// True for every character we treat as a space between words (including no-break and ideographic
/// spaces, and the zero-width ones that scrapers leave behind).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// A precomposed Hangul syllable (가 to 힣): a letter, caseless, and in NFC whatever surrounds it.
pub(crate) fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Calls `f` with each non-empty run of `text` whose characters all satisfy `in_run`, in
/// order. ASCII, most of the text, is read byte by byte without decoding characters.
#[inline]
pub(crate) fn for_each_run<'a>(text: &'a str, in_run: impl Fn(char) -> bool, mut f: impl FnMut(&'a str)) {
    let (bytes, mut start, mut at) = (text.as_bytes(), 0, 0);
    while at < bytes.len() {
        let (inside, len) = match bytes[at] {
            byte if byte.is_ascii() => (in_run(char::from(byte)), 1),
            _ => match hangul_syllable_at(&bytes[at..]) {
                Some(c) => (in_run(c), 3),
                None => text[at..].chars().next().map_or((true, 1), |c| (in_run(c), c.len_utf8())),
            },
        };
        if !inside {
            if start < at {
                f(&text[start..at]);
            }
            start = at + len;
        }
        at += len;
    }
    if start < text.len() {
        f(&text[start..]);
    }
}

/// Whether the UTF-8 `bytes` start with a Hangul syllable (three bytes, the first EA to ED),
/// read without the general decoding of a character.
pub(crate) fn starts_with_hangul_syllable(bytes: &[u8]) -> bool {
    hangul_syllable_at(bytes).is_some()
}

/// The Hangul syllable the UTF-8 `bytes` start with, if they do.
fn hangul_syllable_at(bytes: &[u8]) -> Option<char> {
    match bytes {
        // Valid UTF-8: a lead byte of three-byte characters, then two continuation bytes.
        &[lead @ 0xEA..=0xED, second, third, ..] => {
            let code = u32::from(lead & 0x0F) << 12 | u32::from(second & 0x3F) << 6 | u32::from(third & 0x3F);
            char::from_u32(code).filter(|&c| is_hangul_syllable(c))
        }
        _ => None,
    }
}

/// Hangul syllables and jamo.
pub(crate) fn is_hangul(c: char) -> bool {
    is_hangul_syllable(c) || matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// `char::is_alphabetic`, answered quickly for the letters our text is mostly made of: ASCII
/// and precomposed Hangul (the standard library looks Hangul up in a table, character by
/// character, at a cost that shows in profiles).
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphabetic() } else { is_hangul_syllable(c) || c.is_alphabetic() }
}

/// `char::is_alphanumeric`, quick in the same way as [`is_letter`].
pub(crate) fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { is_letter(c) || c.is_numeric() }
}

/// Segment text as exported: NFC, runs of any whitespace folded to one space, trimmed,
/// characters illegal in XML 1.0 removed.
pub fn normalize_segment(raw: &str) -> String {
    normalize_segment_cow(raw).into_owned()
}

/// [`normalize_segment`], borrowing `raw` when it is already so, as most text is.
pub(crate) fn normalize_segment_cow(raw: &str) -> std::borrow::Cow<'_, str> {
    if is_normalized_segment(raw) {
        return std::borrow::Cow::Borrowed(raw);
    }
    std::borrow::Cow::Owned(rebuild_segment(raw))
}

/// [`normalize_segment`] the long way, character by character.
fn rebuild_segment(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    // Invisible and illegal characters go before composition, or they would block it; any
    // whitespace (a vertical tab from a word processor too) is a space.
    let visible = raw.chars().filter_map(|c| match c {
        c if c.is_whitespace() => Some(' '),
        c if is_space(c) || !is_xml_char(c) => None,
        c => Some(c),
    });
    // Most text is NFC already (precomposed Hangul, Latin with precomposed accents): the quick
    // check says so without the cost of decomposing and composing every character.
    let composed: Box<dyn Iterator<Item = char>> =
        if is_nfc_quick(visible.clone()) { Box::new(visible) } else { Box::new(visible.nfc()) };
    for c in composed {
        if is_space(c) {
            // Zero-width characters vanish; real spaces fold into one.
            if c.is_whitespace() {
                pending_space = !out.is_empty();
            }
            continue;
        }
        if !is_xml_char(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// True when [`normalize_segment`] would return `text` unchanged, as it does for most
/// sentences: one pass that only reads.
pub(crate) fn is_normalized_segment(text: &str) -> bool {
    let mut after_space = true; // no leading space
    let mut plainly_nfc = true; // see `is_nfc_quick`
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        // Eight bytes at a time while they are printable ASCII or spaces: most English and
        // Spanish text. Only spaces matter there, and only where two meet.
        if let Some(&chunk) = bytes.get(at..at + 8).and_then(|b| <&[u8; 8]>::try_from(b).ok()) {
            let x = u64::from_le_bytes(chunk);
            if x & HIGH_BITS == 0 && !has_byte_below(x, 0x20) {
                let spaces = zero_bytes(x ^ (ONE_BYTES * u64::from(b' ')));
                if spaces & (spaces << 8) != 0 || after_space && spaces & 0x80 != 0 {
                    return false;
                }
                after_space = spaces >> 63 != 0;
                at += 8;
                continue;
            }
        }
        // Printable ASCII other than the space, then the space, then Hangul syllables (three
        // bytes from EA to ED): nearly all text, read without decoding characters.
        if (0x21..0x80).contains(&byte) {
            after_space = false;
            at += 1;
            continue;
        }
        if byte == b' ' {
            if after_space {
                return false;
            }
            after_space = true;
            at += 1;
            continue;
        }
        if byte < 0x20 {
            return false; // whitespace, or illegal in XML
        }
        if starts_with_hangul_syllable(&bytes[at..]) {
            after_space = false;
            at += 3;
            continue;
        }
        let Some(c) = text[at..].chars().next() else { break };
        at += c.len_utf8();
        if is_hangul_syllable(c) {
            after_space = false;
            continue;
        }
        plainly_nfc &= c < '\u{300}' || is_plainly_nfc(c);
        if is_space(c) || !is_xml_char(c) {
            return false;
        }
        after_space = false;
    }
    (text.is_empty() || !after_space)
        && (plainly_nfc
            || unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes)
}

/// `0x0101…01`: a byte of 1 in each of a word's eight bytes.
pub(crate) const ONE_BYTES: u64 = u64::from_le_bytes([1; 8]);
/// The high bit of each byte.
pub(crate) const HIGH_BITS: u64 = ONE_BYTES * 0x80;

/// Whether some byte of `x` is below `n` (at most 0x80). A byte of 0x80 or more never reads as
/// below: only a byte below `n` can borrow, and then the answer is yes anyway.
pub(crate) fn has_byte_below(x: u64, n: u8) -> bool {
    x.wrapping_sub(ONE_BYTES * u64::from(n)) & !x & HIGH_BITS != 0
}

/// The high bit of exactly the bytes of `x` that are zero.
pub(crate) fn zero_bytes(x: u64) -> u64 {
    let low_bits = !HIGH_BITS;
    !(((x & low_bits) + low_bits) | x | low_bits)
}

/// Unicode's quick check that text is in NFC. Characters below U+0300 (ASCII, Latin-1, Latin
/// Extended) and precomposed Hangul syllables are NFC whatever surrounds them (no decomposition,
/// combining class 0), and they are nearly all of our text: only other text pays for the
/// table lookups.
pub(crate) fn is_nfc_quick(chars: impl Iterator<Item = char> + Clone) -> bool {
    chars.clone().all(|c| c < '\u{300}' || is_hangul_syllable(c) || is_plainly_nfc(c))
        || unicode_normalization::is_nfc_quick(chars) == unicode_normalization::IsNormalized::Yes
}

/// A character that is NFC whatever surrounds it, as quotes and most symbols are: a starter
/// (combining class 0) that the quick check calls NFC. Text made only of such characters is
/// NFC; a character that could compose with a neighbour is not one of them.
fn is_plainly_nfc(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) == 0
        && unicode_normalization::is_nfc_quick(std::iter::once(c)) == unicode_normalization::IsNormalized::Yes
}

/// Characters allowed in XML 1.0 documents.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

impl Document {
    /// A document that is already one segment per line, as hunalign and LF Aligner users have
    /// it: no cleaning, no sentence splitting; each non-empty line is a sentence and its own block.
    pub fn parse_segmented(name: impl Into<String>, lang: Lang, text: String) -> Document {
        let mut blocks = Vec::new();
        let mut sentences = Vec::new();
        let mut start = 0;
        for (number, line) in text.split('\n').enumerate() {
            let lead = line.len() - line.trim_start_matches(is_space).len();
            let end = line.trim_end_matches(is_space).len();
            if end > lead {
                let span = Span::new(start + lead, start + end);
                sentences.push(Sentence { span, block: blocks.len() });
                blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    marker: None,
                    span,
                    line: number + 1,
                    uncertain: false,
                });
            }
            start += line.len() + 1;
        }
        let line_starts = line_starts(&text);
        Document { name: name.into(), lang, text, chrome: Vec::new(), blocks, sentences, line_starts }
    }

    /// Cleans, structures and segments decoded `text`: the whole pipeline before alignment.
    /// It cannot fail: text with no body gives a document without sentences.
    pub fn parse(name: impl Into<String>, lang: Lang, text: String) -> Document {
        let cleaned = crate::clean::clean(&text, lang);
        let blocks = crate::structure::blocks(&text, &cleaned);
        let mut sentences = Vec::new();
        for (index, block) in blocks.iter().enumerate() {
            let block_text = &text[block.span.range()];
            let spans = if block.kind == BlockKind::Title {
                // A headline is one segment: it is translated as a whole.
                let trimmed = block_text.trim_matches(is_space);
                if trimmed.is_empty() { Vec::new() } else { std::iter::once(0..block_text.len()).collect() }
            } else {
                crate::segment::sentence_spans(block_text, lang)
            };
            sentences.extend(spans.into_iter().map(|r| Sentence {
                span: Span::new(block.span.start + r.start, block.span.start + r.end),
                block: index,
            }));
        }
        let line_starts = line_starts(&text);
        Document { name: name.into(), lang, text, chrome: cleaned.chrome, blocks, sentences, line_starts }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plainly_nfc_characters_are_nfc_beside_each_other() {
        use unicode_normalization::UnicodeNormalization;
        let plain: Vec<char> = ('\u{0}'..='\u{FFFF}').filter(|&c| is_plainly_nfc(c)).collect();
        assert!(plain.contains(&'“') && !plain.contains(&'\u{301}') && !plain.contains(&'\u{1161}'));
        for &c in &plain {
            for d in ['a', 'é', '가', '“', c] {
                let text = format!("{c}{d}{c}");
                assert!(text.nfc().eq(text.chars()), "U+{:04X} beside U+{:04X}", c as u32, d as u32);
            }
        }
    }

    #[test]
    fn hangul_syllables_are_told_from_their_bytes() {
        let chars = ('\u{0}'..='\u{FFFF}').chain(['\u{10000}', '\u{1F642}']);
        for c in chars {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(starts_with_hangul_syllable(bytes), is_hangul_syllable(c), "U+{:04X}", c as u32);
        }
        assert!(!starts_with_hangul_syllable(&"가".as_bytes()[..2]), "a cut character is none");
    }

    proptest::proptest! {
        /// Mostly ASCII, where the check reads eight bytes at a time.
        #[test]
        fn an_ascii_segment_is_normalized_exactly_when_rebuilding_leaves_it(
            text in "([a-c!\u{7f}]{1,9}| {1,2}){0,8}( |\t|\u{1f}|é|){0,1}([a-c!\u{7f}]{1,9}| {1,2}){0,8}",
        ) {
            proptest::prop_assert_eq!(is_normalized_segment(&text), rebuild_segment(&text) == text);
        }

        /// The quick check says "unchanged" only when normalising leaves the text as it is, and
        /// always does for such text that needs no composition tables.
        #[test]
        fn a_segment_is_normalized_when_rebuilding_leaves_it(
            text in "([a-z.]{1,4}|[ \t\n\u{a0}\u{200b}\u{1}\u{7f}]{1,2}|[가-힣]{1,3}|[\u{1100}-\u{1112}\u{1161}-\u{1175}]|[é\u{301}\u{ac00}\u{d7a3}\u{d7a4}\u{ab00}\u{e000}\u{fffe}]){0,10}",
        ) {
            let unchanged = rebuild_segment(&text) == text;
            if is_normalized_segment(&text) {
                proptest::prop_assert!(unchanged);
            }
            if unchanged && text.chars().all(|c| c < '\u{300}' || is_hangul_syllable(c)) {
                proptest::prop_assert!(is_normalized_segment(&text));
            }
        }
    }

    proptest::proptest! {
        /// The fast path of the NFC quick check answers as the full check does, on text mixing
        /// the characters it passes (ASCII, Latin, Hangul syllables) with combining marks, jamo
        /// and others.
        #[test]
        fn nfc_quick_check_agrees_with_unicode_normalization(
            text in "[a-zA-Z éñü가-힣\u{300}-\u{36f}\u{1100}-\u{11ff}\u{2000}-\u{2001}\u{340}\u{f900}-\u{f90f}“”]{0,12}"
        ) {
            let full = unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes;
            proptest::prop_assert_eq!(is_nfc_quick(text.chars()), full);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// The fast path of `normalize_segment` gives what the long way gives (many cases: a
        /// mark that composes with the letter before it is the case that matters).
        #[test]
        fn normalizing_fast_or_the_long_way_agrees(
            text in "[a-e é가각힣\u{d7a4}\u{300}-\u{304}\u{1100}-\u{1102}\u{1161}-\u{1163}\u{a0}\u{200b}\u{1}\u{1f}\u{7f}\u{fffe}\t\n\u{2000}]{0,16}"
        ) {
            proptest::prop_assert_eq!(normalize_segment(&text), rebuild_segment(&text));
        }
    }

    #[test]
    fn segmented_input_keeps_its_lines() {
        let doc = Document::parse_segmented("a.en.txt", Lang::En, "First one. Still one.\n\n  Second\n".to_string());
        let texts: Vec<String> = (0..doc.sentences.len()).map(|i| doc.sentence_text(i)).collect();
        assert_eq!(texts, ["First one. Still one.", "Second"]);
        assert_eq!(doc.sentence_line(1), 3);
    }

    #[test]
    fn normalize_folds_spaces_and_composes() {
        assert_eq!(normalize_segment("  a\u{00A0}\u{00A0}b\t c \n"), "a b c");
        // Decomposed Hangul (NFD) composes.
        let nfd: String = "한국".nfd().collect();
        assert_eq!(normalize_segment(&nfd), "한국");
        assert_eq!(normalize_segment("a\u{200B}b"), "ab");
        assert_eq!(normalize_segment("a\u{1}b\u{FFFF}"), "ab");
    }

    #[test]
    fn the_quick_check_agrees_with_the_long_way() {
        let samples = [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            // Around the eight-byte steps of the check.
            "abcdefg  h",
            "abcdefg ",
            "abcdefgh  ",
            " abcdefghij",
            "abcdefghijklmno  p",
            "abcdefgh\tijklmnop",
            " a",
            "a ",
            "a\tb",
            "a\u{00A0}b",
            "a\u{200B}b",
            "e\u{301}",
            "\u{E9}",
            "\u{1100}\u{1161}",
            "한국 외교부",
            "a\u{1}",
            "\u{FFFE}",
            "C\u{FFFE}\u{301}",
        ];
        for sample in samples {
            assert_eq!(normalize_segment(sample), rebuild_segment(sample), "{sample:?}");
            if is_normalized_segment(sample) {
                assert_eq!(rebuild_segment(sample), sample, "{sample:?}");
            }
        }
    }
}
