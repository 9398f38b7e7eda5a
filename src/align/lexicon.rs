//! A built-in trilingual lexicon of high-value terms (countries, months, organisations and their
//! acronyms, the vocabulary of diplomacy and news), kept as data in `lexicon.tsv`, plus any user
//! glossary. A sentence's concepts are the lexicon rows it mentions; translations share them.

use crate::error::{Error, ErrorKind, Result};
use crate::lang::Lang;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// The built-in table: `en<TAB>es<TAB>ko`, variants separated by `|`, `#` comments.
const BUILT_IN: &str = include_str!("lexicon.tsv");

/// Variants of at least this many letters also match words that run on a little further.
const PREFIX_MIN: usize = 5;
/// How many more letters such a word may have ("negotiat" → "negotiated").
const PREFIX_SLACK: usize = 3;

/// A word of a variant, or a key: borrowed from the built-in table where reading leaves it as
/// written (most are), so that parsing the table at start-up allocates little.
type Word = Cow<'static, str>;

/// A key → the variants (as words) it may start, with their concept.
type VariantIndex = FxHashMap<Word, Vec<(Vec<Word>, u32)>>;

/// Variants indexed for matching in one language.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Latin-script languages, English (0) and Spanish (1): first word of a variant → (all
    /// words of the variant, concept).
    words: [WordIndex; 2],
    /// Korean: the first two characters of a variant → (variant words, concept).
    korean: WordIndex,
}

impl Lexicon {
    /// Reads a table of `en<TAB>es<TAB>ko` rows (or any column order given by `columns`).
    pub fn parse(table: &str, columns: &[Lang]) -> Lexicon {
        Lexicon::parse_words(table, columns, |word| Cow::Owned(word.into_owned()))
    }

    /// [`Lexicon::parse`], keeping each word read from `table` as `keep` makes it.
    fn parse_words<'t>(table: &'t str, columns: &[Lang], keep: impl Fn(Cow<'t, str>) -> Word) -> Lexicon {
        let mut lexicon = Lexicon::default();
        let mut concept = 0u32;
        for line in table.lines() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            for (cell, &lang) in line.split('\t').zip(columns) {
                for variant in cell.split('|').map(str::trim).filter(|v| !v.is_empty()) {
                    let words: Vec<Word> = words_of(variant, lang).into_iter().map(&keep).collect();
                    let Some(first) = words.first() else { continue };
                    let key = match lang {
                        Lang::Ko => {
                            let end = first.char_indices().nth(2).map_or(first.len(), |(at, _)| at);
                            match first {
                                Cow::Borrowed(word) => Cow::Borrowed(&word[..end]),
                                Cow::Owned(word) => Cow::Owned(word[..end].to_owned()),
                            }
                        }
                        _ => first.clone(),
                    };
                    match lang {
                        Lang::En => lexicon.words[0].push(key, (words, concept)),
                        Lang::Es => lexicon.words[1].push(key, (words, concept)),
                        Lang::Ko => lexicon.korean.push(key, (words, concept)),
                        // A user glossary may name other languages; their terms are matched
                        // as words, like Spanish ones.
                        Lang::Other(_) => lexicon.words[1].push(key, (words, concept)),
                    }
                }
            }
            concept += 1;
        }
        lexicon
    }

    /// The built-in lexicon.
    pub fn built_in() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::parse_words(BUILT_IN, &[Lang::En, Lang::Es, Lang::Ko], |word| word))
    }

    /// The concepts mentioned in `text`, sorted and deduplicated.
    pub fn concepts(&self, text: &str, lang: Lang) -> Vec<u32> {
        let words = LazyWords::new(text, lang);
        let mut found = Vec::new();
        for start in 0..words.len() {
            let mut try_variants = |variants: Option<&Vec<(Vec<Word>, u32)>>| {
                for (variant, concept) in variants.into_iter().flatten() {
                    if matches_at(&words, start, variant, lang) {
                        found.push(*concept);
                    }
                }
            };
            match lang {
                Lang::Ko => {
                    // Hangul has no case: two syllables are the key as written.
                    let raw = words.raw(start);
                    let word = if raw.chars().take(2).filter(|&c| crate::document::is_hangul_syllable(c)).count() == 2 {
                        raw
                    } else {
                        words.get(start)
                    };
                    let key_end = word.char_indices().nth(2).map_or(word.len(), |(at, _)| at);
                    try_variants(self.korean.get(&word[..key_end]));
                }
                _ => {
                    // Spanish and any other language share the second index (see `parse`).
                    let map = &self.words[usize::from(lang != Lang::En)];
                    if !map.may_start(words.raw(start)) {
                        continue; // no lookup below could succeed: the word need not be folded
                    }
                    let word = words.get(start);
                    // Exact first word, or a longer word that runs on from a variant's prefix.
                    try_variants(map.get(word));
                    for cut in (PREFIX_MIN..word.len()).rev().take(PREFIX_SLACK) {
                        if word.is_char_boundary(cut) {
                            try_variants(map.get(&word[..cut]));
                        }
                    }
                    // Short variants take a plural ending.
                    for end in ["es", "s"] {
                        if let Some(singular) = word.strip_suffix(end) {
                            try_variants(map.get(singular));
                        }
                    }
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Variants indexed by a key (the first word, or its first two characters in Korean), and a
/// filter on the keys' heads: most words of a text start like no key, and are passed over
/// without a lookup.
#[derive(Debug)]
struct WordIndex {
    variants: VariantIndex,
    /// Bit `hash(head) mod 16384` set for the head of every key: its first `PREFIX_MIN`
    /// bytes, or all of it when shorter. Every key `concepts` looks up with is a prefix of a
    /// word at least that long or a whole short word, so a clear bit rules the lookup out.
    heads: Box<[u64; HEAD_WORDS]>,
}

/// Words of the head filter: 16,384 bits, for about a thousand keys per language.
const HEAD_WORDS: usize = 256;

impl Default for WordIndex {
    fn default() -> Self {
        WordIndex { variants: VariantIndex::default(), heads: Box::new([0; HEAD_WORDS]) }
    }
}

impl WordIndex {
    fn push(&mut self, key: Word, variant: (Vec<Word>, u32)) {
        let bit = head_bit(head(key.as_bytes()));
        self.heads[bit / 64] |= 1 << (bit % 64);
        self.variants.entry(key).or_default().push(variant);
    }

    /// False when no key has the head of `key`, so `key` is surely not one.
    fn may_hold(&self, key: &str) -> bool {
        self.may_hold_head(head(key.as_bytes()))
    }

    fn may_hold_head(&self, head: &[u8]) -> bool {
        let bit = head_bit(head);
        self.heads[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// False when none of the keys `concepts` looks up for the word `raw` (folded) can be
    /// here: the word itself, its prefixes of `PREFIX_MIN` bytes or more, and the word
    /// without a plural ending all have their heads among the folded first bytes of `raw`.
    /// Always true for a word that is not ASCII, whose folding is not byte by byte.
    fn may_start(&self, raw: &str) -> bool {
        if !raw.is_ascii() {
            return true;
        }
        let len = raw.len();
        let mut folded = [0u8; PREFIX_MIN];
        let n = len.min(PREFIX_MIN);
        folded[..n].copy_from_slice(&raw.as_bytes()[..n]);
        folded.make_ascii_lowercase();
        let ends = |end: &str| len >= end.len() && raw[len - end.len()..].eq_ignore_ascii_case(end);
        let singulars = [ends("s").then(|| len - 1), ends("es").then(|| len - 2)];
        std::iter::once(len)
            .chain(singulars.into_iter().flatten())
            .any(|key_len| self.may_hold_head(head(&folded[..key_len.min(n)])))
    }

    fn get(&self, key: &str) -> Option<&Vec<(Vec<Word>, u32)>> {
        if self.may_hold(key) { self.variants.get(key) } else { None }
    }
}

/// A key's head: its first `PREFIX_MIN` bytes, or all of it when shorter.
fn head(key: &[u8]) -> &[u8] {
    &key[..key.len().min(PREFIX_MIN)]
}

/// The filter bit of a key's head.
fn head_bit(head: &[u8]) -> usize {
    let mut hasher = rustc_hash::FxHasher::default();
    std::hash::Hasher::write(&mut hasher, head);
    (std::hash::Hasher::finish(&hasher) >> 50) as usize % (HEAD_WORDS * 64)
}

/// Concept numbers of a user glossary start here, above any built-in concept.
const GLOSSARY_BASE: u32 = 1 << 24;

/// A user glossary: terms that translate each other, as a TSV file whose header names the
/// languages (`en<TAB>ko<TAB>es`, any order, two or three of them) and whose rows hold the
/// terms, variants separated by `|`, lines starting with `#` ignored. The aligner treats each
/// row as an anchor, like the built-in lexicon of countries, months and organisations: two
/// sentences that mention the same row are more likely translations.
#[derive(Debug)]
pub struct Glossary {
    lexicon: Lexicon,
    rows: usize,
}

impl Glossary {
    /// Reads a glossary from TSV text; `name` is used in error messages.
    pub fn parse(text: &str, name: &str) -> Result<Glossary> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
        let Some((_, header)) = lines.next() else {
            return Err(Error::new(
                ErrorKind::Usage,
                "the glossary is empty; its first line names the languages, e.g. en<TAB>ko<TAB>es",
            )
            .with_path(name));
        };
        let columns = header
            .trim_end_matches('\r')
            .split('\t')
            .map(|code| Lang::from_code(code.trim()).ok_or(code.trim()))
            .collect::<std::result::Result<Vec<Lang>, &str>>()
            .map_err(|code| {
                Error::new(
                    ErrorKind::Usage,
                    format!("glossary header: {code:?} is not a language (expected en, ko, es)"),
                )
                .with_path(name)
            })?;
        if columns.len() < 2 {
            return Err(
                Error::new(ErrorKind::Usage, "the glossary header names fewer than two languages").with_path(name)
            );
        }
        let mut rows = 0;
        for (number, line) in lines {
            let cells = line.trim_end_matches('\r').split('\t').count();
            if cells != columns.len() {
                return Err(Error::new(
                    ErrorKind::Usage,
                    format!("line {}: {cells} columns, the header has {}", number + 1, columns.len()),
                )
                .with_path(name));
            }
            rows += 1;
        }
        let body: String = text
            .lines()
            .skip_while(|l| l.trim().is_empty() || l.starts_with('#'))
            .skip(1)
            .collect::<Vec<_>>()
            .join("\n");
        Ok(Glossary { lexicon: Lexicon::parse(&body, &columns), rows })
    }

    /// Reads a glossary file.
    pub fn read(path: &std::path::Path) -> Result<Glossary> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let (text, _) = crate::decode::decode(&bytes).map_err(|e| e.with_path(path))?;
        Glossary::parse(&text, &path.display().to_string())
    }

    /// How many rows (terms) it has.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// True when it has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The rows mentioned in `text`, numbered apart from the built-in lexicon's concepts.
    pub(crate) fn concepts(&self, text: &str, lang: Lang) -> Vec<u32> {
        self.lexicon.concepts(text, lang).into_iter().map(|c| GLOSSARY_BASE + c).collect()
    }
}

/// Lower-cased, accent-folded words (Korean ones only lower-cased); punctuation other than
/// inner dots and hyphens dropped.
fn words_of(text: &str, lang: Lang) -> Vec<Cow<'_, str>> {
    LazyWords::new(text, lang).into_words()
}

/// The words of a text as [`words_of`] reads them, each folded the first time it is asked
/// for: most words of a sentence start no variant, and are never folded.
struct LazyWords<'a> {
    lang: Lang,
    raw: Vec<&'a str>,
    folded: Vec<std::cell::OnceCell<Cow<'a, str>>>,
}

impl<'a> LazyWords<'a> {
    fn new(text: &'a str, lang: Lang) -> LazyWords<'a> {
        let mut raw = Vec::with_capacity(text.len() / 4);
        let in_word = |c: char| !if c.is_ascii() { ASCII_SEPARATORS[c as usize] } else { separates_words(c) };
        crate::document::for_each_run(text, in_word, |piece| {
            let word = trim_word(piece);
            if !word.is_empty() {
                raw.push(word);
            }
        });
        let folded = std::iter::repeat_with(std::cell::OnceCell::new).take(raw.len()).collect();
        LazyWords { lang, raw, folded }
    }

    fn len(&self) -> usize {
        self.raw.len()
    }

    /// Word `k` as written (trimmed).
    fn raw(&self, k: usize) -> &'a str {
        self.raw[k]
    }

    /// Word `k` folded (lower case only in Korean).
    fn get(&self, k: usize) -> &str {
        self.folded[k].get_or_init(|| self.read(k))
    }

    /// Word `k` as [`get`](Self::get) gives it.
    fn read(&self, k: usize) -> Cow<'a, str> {
        if self.lang == Lang::Ko { lower(self.raw[k]) } else { fold(self.raw[k]) }
    }

    /// Every word, read.
    fn into_words(self) -> Vec<Cow<'a, str>> {
        (0..self.raw.len()).map(|k| self.folded[k].get().cloned().unwrap_or_else(|| self.read(k))).collect()
    }
}

/// [`separates_words`] for each ASCII character.
const ASCII_SEPARATORS: [bool; 128] = {
    let mut table = [false; 128];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = separates_words(byte as u8 as char);
        byte += 1;
    }
    table
};

/// What separates the words `words_of` reads.
const fn separates_words(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '«' | '»' | '「' | '」' | '\'' | '’' | '·')
}

/// `piece` without what surrounds a word: marks other than periods, then trailing periods.
fn trim_word(piece: &str) -> &str {
    if let (Some(first), Some(last)) = (piece.as_bytes().first(), piece.as_bytes().last())
        && first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
    {
        return piece;
    }
    let keeps = |c: Option<char>| c.is_some_and(crate::document::is_letter_or_digit);
    // A letter or digit at both ends: nothing to trim, the usual case.
    if keeps(piece.chars().next()) && keeps(piece.chars().next_back()) {
        return piece;
    }
    piece.trim_matches(|c: char| !crate::document::is_letter_or_digit(c) && c != '.').trim_end_matches('.')
}

fn lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        let upper = word.bytes().any(|b| b.is_ascii_uppercase());
        return if upper { Cow::Owned(word.to_ascii_lowercase()) } else { Cow::Borrowed(word) };
    }
    // Hangul syllables have no case: no need to ask the Unicode tables about them. Capitals
    // are not the only letters that lower case changes: titlecase ones ("ǅ") too.
    let changes = |c: char| !crate::document::is_hangul_syllable(c) && c.to_lowercase().ne([c]);
    if word.chars().any(changes) { Cow::Owned(word.to_lowercase()) } else { Cow::Borrowed(word) }
}

fn fold(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return lower(word);
    }
    let mut folded = String::with_capacity(word.len());
    fold_accents_into(word, &mut folded);
    Cow::Owned(folded)
}

/// `word` without accents, in lower case, into `out` (cleared first): one buffer serves every
/// word of a sentence.
pub(crate) fn fold_accents_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else if word.chars().all(|c| c < FOLD_BY_CHAR) {
        // Latin letters: folded one by one. Canonical reordering only moves marks, all
        // dropped here, so this is the whole-word fold.
        let table = latin_folds();
        for c in word.chars() {
            match table[c as usize] {
                '\0' => fold_char_into(c, out),
                folded => out.push(folded),
            }
        }
    } else {
        let bare: String = word.nfd().filter(|c| !COMBINING_ACCENTS.contains(c)).collect();
        out.push_str(&bare.to_lowercase());
    }
}

/// `c` decomposed, its accents dropped, in lower case.
fn fold_char_into(c: char, out: &mut String) {
    unicode_normalization::char::decompose_canonical(c, |d| {
        if !COMBINING_ACCENTS.contains(&d) {
            out.extend(d.to_lowercase());
        }
    });
}

/// The fold of each character below [`FOLD_BY_CHAR`] when it is one character, else `'\0'`:
/// computed once from the Unicode tables rather than once per word.
fn latin_folds() -> &'static [char; FOLD_BY_CHAR as usize] {
    static TABLE: OnceLock<[char; FOLD_BY_CHAR as usize]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = ['\0'; FOLD_BY_CHAR as usize];
        let mut folded = String::new();
        for (code, entry) in table.iter_mut().enumerate().skip(1) {
            folded.clear();
            fold_char_into(char::from_u32(code as u32).unwrap_or('\0'), &mut folded);
            let mut chars = folded.chars();
            if let (Some(only), None) = (chars.next(), chars.next()) {
                *entry = only;
            }
        }
        table
    })
}

/// The accents folding drops.
const COMBINING_ACCENTS: std::ops::RangeInclusive<char> = '\u{300}'..='\u{36f}';

/// Characters below this (Latin letters) decompose into a letter and accents only.
const FOLD_BY_CHAR: char = '\u{250}';

/// True when `variant` (its words) matches the words at the start of `words`.
fn matches_at(words: &LazyWords<'_>, start: usize, variant: &[Word], lang: Lang) -> bool {
    variant.len() <= words.len() - start
        && variant.iter().enumerate().all(|(k, v)| {
            let w = words.get(start + k);
            let last = k + 1 == variant.len();
            match lang {
                // Particles follow a Korean stem; only the last word of a phrase takes them.
                Lang::Ko => {
                    if last {
                        w.starts_with(v.as_ref())
                    } else {
                        w == v.as_ref()
                    }
                }
                _ => word_matches(w, v),
            }
        })
}

fn word_matches(word: &str, variant: &str) -> bool {
    if word == variant {
        return true;
    }
    let letters = variant.chars().count();
    if letters >= PREFIX_MIN {
        word.starts_with(variant) && word.chars().count() - letters <= PREFIX_SLACK
    } else {
        word.strip_prefix(variant).is_some_and(|rest| rest == "s" || rest == "es")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "# test\ngovernment|governments\tgobierno|gobiernos\t정부\n\
        united states|u.s.\testados unidos|ee. uu.\t미국\n\
        negotiation\tnegociación\t협상\n\
        war\tguerra\t전쟁\n";

    fn lexicon() -> Lexicon {
        Lexicon::parse(TABLE, &[Lang::En, Lang::Es, Lang::Ko])
    }

    /// What `words_of` means: split at separators, trimmed, folded (Korean lower-cased).
    fn words_by_definition(text: &str, lang: Lang) -> Vec<String> {
        text.split(separates_words)
            .map(|w| {
                w.trim_matches(|c: char| !crate::document::is_letter_or_digit(c) && c != '.').trim_end_matches('.')
            })
            .filter(|w| !w.is_empty())
            .map(|w| if lang == Lang::Ko { w.to_lowercase() } else { fold_by_definition(w) })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn words_are_read_as_their_definition_says(
            text in "([a-zA-Z0-9À-ɏ가-힣.\\-']{1,6}|[ ,;:()\"“”«»「」’·\u{a0}\u{3000}\t]{1,2}|[.!?…%$/]){0,16}",
            korean in proptest::bool::ANY,
        ) {
            let lang = if korean { Lang::Ko } else { Lang::Es };
            let words: Vec<String> = words_of(&text, lang).into_iter().map(Cow::into_owned).collect();
            proptest::prop_assert_eq!(words, words_by_definition(&text, lang));
        }
    }

    #[test]
    fn no_word_that_a_key_starts_is_passed_over() {
        let lexicon = Lexicon::built_in();
        for index in &lexicon.words {
            for key in index.variants.keys().filter(|k| k.is_ascii()) {
                let capitalised = format!("{}{}", key[..1].to_ascii_uppercase(), &key[1..]);
                // The key as written in any case, with a plural ending, or running on (keys
                // long enough to be prefixes).
                let run_on = (key.len() >= PREFIX_MIN).then(|| format!("{key}ing"));
                let words =
                    [key.to_string(), key.to_ascii_uppercase(), capitalised, format!("{key}s"), format!("{key}ES")];
                for word in words.into_iter().chain(run_on) {
                    assert!(index.may_start(&word), "{word:?} (key {key:?})");
                }
            }
        }
        // And it does pass over words that start no key.
        let english = &lexicon.words[0];
        assert!(["zzzzzz", "qqq", "xylograph"].iter().any(|w| !english.may_start(w)));
    }

    /// What folding means: decomposed, accents dropped, lower case.
    fn fold_by_definition(word: &str) -> String {
        word.nfd().filter(|c| !COMBINING_ACCENTS.contains(c)).collect::<String>().to_lowercase()
    }

    fn folded(word: &str) -> String {
        let mut out = String::from("left over");
        fold_accents_into(word, &mut out);
        out
    }

    #[test]
    fn every_latin_letter_folds_one_by_one_as_the_whole_word_would() {
        for c in ('\0'..FOLD_BY_CHAR).filter(|c| c.is_alphanumeric()) {
            let word = format!("a{c}{c}b");
            assert_eq!(folded(&word), fold_by_definition(&word), "{c:?} U+{:04X}", c as u32);
        }
        assert_eq!(folded("Ñandú-ÉLITE"), "nandu-elite");
        assert_eq!(folded("Ǖ"), "u");
    }

    proptest::proptest! {
        #[test]
        fn folding_matches_its_definition(word in "[a-zA-Z0-9À-ɏ\\-\u{300}-\u{36f}Ωσς가-힣]{0,12}") {
            proptest::prop_assert_eq!(folded(&word), fold_by_definition(&word));
        }
    }

    #[test]
    fn concepts_meet_across_languages() {
        let lx = lexicon();
        let en = lx.concepts("The U.S. government opened negotiations.", Lang::En);
        let es = lx.concepts("El gobierno de EE. UU. abrió negociaciones.", Lang::Es);
        let ko = lx.concepts("미국 정부는 협상을 시작했다.", Lang::Ko);
        assert_eq!(en, vec![0, 1, 2]);
        assert_eq!(es, en);
        assert_eq!(ko, en);
    }

    #[test]
    fn short_variants_match_only_whole_words() {
        let lx = lexicon();
        assert!(lx.concepts("The ward was warm.", Lang::En).is_empty());
        assert_eq!(lx.concepts("Two wars.", Lang::En), vec![3]);
    }

    #[test]
    fn glossary_rows_are_concepts() {
        let glossary = Glossary::parse("# my terms\nko\ten\n디지털 뉴딜|뉴딜\tdigital new deal\n", "g.tsv").unwrap();
        assert_eq!(glossary.len(), 1);
        let ko = glossary.concepts("정부는 디지털 뉴딜을 추진한다.", Lang::Ko);
        let en = glossary.concepts("The Digital New Deal goes on.", Lang::En);
        assert_eq!(ko, en);
        assert_eq!(ko, vec![GLOSSARY_BASE]);
        // A language other than en, ko and es is matched like Spanish.
        let french = Glossary::parse("ko\tfr\n평화\tpaix\n", "g.tsv").unwrap();
        let fr = Lang::from_code("fr").unwrap();
        assert_eq!(french.concepts("Pour la paix.", fr), vec![GLOSSARY_BASE]);
        assert_eq!(french.concepts("평화를 위하여.", Lang::Ko), vec![GLOSSARY_BASE]);
        let err = Glossary::parse("ko\tdeutsch\nx\ty\n", "g.tsv").unwrap_err();
        assert!(err.to_string().contains("g.tsv") && err.to_string().contains("\"deutsch\""), "{err}");
        let err = Glossary::parse("ko\ten\nx\n", "g.tsv").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn keys_are_found_through_the_head_filter_and_most_other_words_are_not_looked_up() {
        let lx = lexicon();
        let english = &lx.words[0];
        for key in english.variants.keys() {
            assert!(english.may_hold(key) && english.get(key).is_some(), "{key}");
        }
        // Words that run on from a key share its head ("governmental" from "government"); a
        // short key is looked up whole ("wars" as "war").
        assert!(english.may_hold("governmental") && english.may_hold("war"));
        assert_eq!(lx.concepts("wars", Lang::En), lx.concepts("war", Lang::En));
        let words = ["peace", "talks", "summit", "bread", "yellow", "quietly", "zebra", "noon"];
        let passed = words.iter().filter(|w| english.may_hold(w)).count();
        assert!(passed <= 1, "{passed} of {} unrelated words passed the filter", words.len());
        assert_eq!(lx.concepts("The governments met.", Lang::En), lx.concepts("Governments", Lang::En));
        // Short keys are whole heads: a one-letter key is found, and the filter still works.
        let short = Lexicon::parse("x\tx\t엑스\n", &[Lang::En, Lang::Es, Lang::Ko]);
        assert_eq!(short.concepts("x", Lang::En), vec![0]);
        assert_eq!(short.concepts("엑스를", Lang::Ko), vec![0]);
        assert!(!short.words[0].may_hold("peace"));
    }

    #[test]
    fn built_in_table_loads() {
        let lx = Lexicon::built_in();
        assert!(!lx.words[0].variants.is_empty() && !lx.words[1].variants.is_empty() && !lx.korean.variants.is_empty());
    }
}
