//! Counts over a translation memory: units, languages, duplicates, empty and suspicious segments.

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::merge::{DuplicatePolicy, duplicate_key, locale_key};
use crate::tm::{Header, TranslationMemory, TranslationUnit, lang_matches};
use crate::tmx::{MAX_SEGMENT_CHARS, TmxReader, segment_text};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::io::BufReader;
use std::path::Path;

/// Counts over a memory, as `tmalign stats` prints them. Built unit by unit
/// ([`Stats::add`]), so a TMX file of any size can be counted ([`Stats::of_tmx_file`]).
///
/// "Suspicious" counts are heuristics that point at units worth a look; none is an error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// The source locale the duplicate and suspicious checks compare against (the header's
    /// `srclang`).
    pub src_lang: String,
    /// Units.
    pub units: usize,
    /// Segments (variants) per locale, locales lower-cased with `-`, sorted.
    pub languages: BTreeMap<String, usize>,
    /// Units whose source segment and target locales repeat an earlier unit's (what
    /// `merge --duplicates newest|first` would drop).
    pub duplicates: usize,
    /// Units with exactly the same segments as an earlier unit (what `merge --duplicates all`
    /// and the TMX writer drop).
    pub exact_duplicates: usize,
    /// Segments that are empty or whitespace-only.
    pub empty_segments: usize,
    /// Units with fewer than two non-empty segments (not a translation).
    pub single_language_units: usize,
    /// Target segments identical to their source segment although it has letters
    /// (untranslated?).
    pub same_as_source: usize,
    /// Target segments whose length is off: more than three times or less than a third of the
    /// source length, counting a Korean character as two and a half (Korean needs about 40% of
    /// the characters of English or Spanish), for segments of at least 10 characters.
    pub length_mismatch: usize,
    /// Target segments whose numbers (as the aligner reads them) differ from the source's;
    /// Korean, English and Spanish only.
    pub number_mismatch: usize,
    /// Segments over [`MAX_SEGMENT_CHARS`] characters.
    pub long_segments: usize,
    /// Segments holding inline markup.
    pub markup_segments: usize,
    #[serde(skip)]
    seen: HashSet<u128>,
    #[serde(skip)]
    seen_exact: HashSet<u128>,
}

impl Stats {
    /// Empty counts, for units whose source language is the header's `srclang`.
    pub fn new(header: &Header) -> Stats {
        Stats { src_lang: header.src_lang.clone(), ..Stats::default() }
    }

    /// The counts of a memory.
    pub fn of(tm: &TranslationMemory) -> Stats {
        let mut stats = Stats::new(&tm.header);
        for unit in &tm.units {
            stats.add(unit);
        }
        stats
    }

    /// The counts of a TMX file, read as a stream.
    ///
    /// # Errors
    ///
    /// Errors of [`read_tmx_file`](crate::read_tmx_file), naming the file.
    pub fn of_tmx_file(path: impl AsRef<Path>) -> Result<Stats> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let reader = TmxReader::new(BufReader::with_capacity(1 << 16, file)).map_err(|e| e.with_path(path))?;
        let mut stats = Stats::new(reader.header());
        for unit in reader {
            stats.add(&unit.map_err(|e| e.with_path(path))?);
        }
        Ok(stats)
    }

    /// Counts one more unit.
    pub fn add(&mut self, unit: &TranslationUnit) {
        self.units += 1;
        let texts: Vec<(String, String)> =
            unit.variants.iter().map(|v| (locale_key(&v.lang), segment_text(&v.text))).collect();
        let mut filled = 0;
        for (variant, (lang, text)) in unit.variants.iter().zip(&texts) {
            *self.languages.entry(lang.clone()).or_default() += 1;
            if text.is_empty() {
                self.empty_segments += 1;
            } else {
                filled += 1;
            }
            if text.chars().count() > MAX_SEGMENT_CHARS {
                self.long_segments += 1;
            }
            if variant.markup.is_some() {
                self.markup_segments += 1;
            }
        }
        if filled < 2 {
            self.single_language_units += 1;
        }
        if !self.seen.insert(duplicate_key(unit, &self.src_lang, DuplicatePolicy::Newest)) {
            self.duplicates += 1;
        }
        if !self.seen_exact.insert(duplicate_key(unit, &self.src_lang, DuplicatePolicy::All)) {
            self.exact_duplicates += 1;
        }
        let Some(source) = texts
            .iter()
            .position(|(lang, text)| !text.is_empty() && lang_matches(lang, &self.src_lang))
            .or_else(|| texts.iter().position(|(_, text)| !text.is_empty()))
        else {
            return;
        };
        let (src_lang, src) = &texts[source];
        let src_language = Lang::from_code(src_lang);
        for (i, (lang, text)) in texts.iter().enumerate() {
            if i == source || text.is_empty() {
                continue;
            }
            if text == src && src.chars().any(char::is_alphabetic) {
                self.same_as_source += 1;
            }
            let language = Lang::from_code(lang);
            let (a, b) = (weighted_len(src), weighted_len(text));
            if a.max(b) >= 20 && (a > 3 * b || b > 3 * a) {
                self.length_mismatch += 1;
            }
            if let (Some(sl), Some(tl)) = (src_language, language) {
                let mut x = crate::align::number_keys(src, sl);
                let mut y = crate::align::number_keys(text, tl);
                x.sort_unstable();
                y.sort_unstable();
                if x != y {
                    self.number_mismatch += 1;
                }
            }
        }
    }
}

/// Length in half-characters: a Hangul syllable counts 5 (two and a half characters), any
/// other character 2.
fn weighted_len(text: &str) -> usize {
    text.chars().map(|c| if ('\u{AC00}'..='\u{D7A3}').contains(&c) { 5 } else { 2 }).sum()
}
