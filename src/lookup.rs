//! Fuzzy lookup in a translation memory, the way CAT tools score matches, and concordance.
//!
//! # Match percentage
//!
//! A segment and the query are normalised (NFC, whitespace folded, trimmed, lower-cased; inline
//! codes are not part of the text) and cut into tokens:
//!
//! - **English, Spanish and other space-separated languages: words.** A token is a run of
//!   letters, digits and combining marks, or a single other character (punctuation, symbol).
//! - **Korean (and Japanese, Chinese): characters.** Every character but whitespace is a token,
//!   so that particles attached to words (`정부는`, `정부가`) count as small differences.
//!
//! The match percentage is `floor(100 * (1 - d / max(m, n)))`, where `d` is the edit distance
//! (Levenshtein: insertions, deletions, substitutions of whole tokens) between the query's `m`
//! tokens and the segment's `n` tokens. Tokens equal but texts different (case, spacing,
//! punctuation width) score 99, so that 100 means an exact match. The language of a query is the
//! locale it is looked up in ([`LookupOptions::lang`]).
//!
//! # Index
//!
//! [`TmIndex`] keeps each segment's tokens and, per token, the units holding it. A lookup
//! needs at least `ceil(min * m / 100)` tokens in common with a segment for it to reach `min`
//! (every edit removes at most one common token), so it reads the lists of the query's rarest
//! tokens only, until the query tokens left are too few to reach that count; candidates are then
//! filtered by length and by their real count of common tokens, and scored, best bound first,
//! until no remaining candidate can enter the top `limit`. Results are the same as scoring every
//! unit ([`TmIndex::lookup_exhaustive`]), ties broken by unit order.

use crate::tm::{TranslationMemory, lang_matches};
use crate::tmx::segment_text;
use std::collections::HashMap;

/// How a language's text is cut into tokens for matching.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tokenization {
    /// Words and single punctuation characters (English, Spanish...).
    Words,
    /// Characters other than whitespace (Korean, Japanese, Chinese).
    Characters,
}

impl Tokenization {
    /// The tokenization for a locale or language code: characters for `ko`, `ja`, `zh`, words
    /// otherwise.
    pub fn for_lang(lang: &str) -> Tokenization {
        if ["ko", "ja", "zh"].iter().any(|l| lang_matches(lang, l)) {
            Tokenization::Characters
        } else {
            Tokenization::Words
        }
    }

    /// The normalised tokens of `text`.
    pub fn tokens(self, text: &str) -> Vec<String> {
        let text = segment_text(text).to_lowercase();
        match self {
            Tokenization::Characters => text.chars().filter(|c| !c.is_whitespace()).map(String::from).collect(),
            Tokenization::Words => {
                let mut tokens = Vec::new();
                let mut word = String::new();
                for c in text.chars() {
                    if c.is_alphanumeric() || (is_mark(c) && !word.is_empty()) {
                        word.push(c);
                        continue;
                    }
                    if !word.is_empty() {
                        tokens.push(std::mem::take(&mut word));
                    }
                    if !c.is_whitespace() {
                        tokens.push(c.to_string());
                    }
                }
                if !word.is_empty() {
                    tokens.push(word);
                }
                tokens
            }
        }
    }
}

/// Combining marks (NFC leaves some, e.g. after letters with no precomposed form).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

/// The match percentage of a segment for a query, from their token sequences (see the
/// module documentation); 0 when either is empty.
pub fn match_percent<T: PartialEq>(query: &[T], segment: &[T]) -> u32 {
    let longest = query.len().max(segment.len());
    if query.is_empty() || segment.is_empty() {
        return 0;
    }
    let d = edit_distance(query, segment, longest).unwrap_or(longest);
    percent(longest - d, longest)
}

/// `floor(100 * same / longest)`.
fn percent(same: usize, longest: usize) -> u32 {
    u32::try_from(100 * same / longest.max(1)).unwrap_or(0)
}

/// The largest edit distance that still scores `min` for sequences of which the longest has
/// `longest` tokens: `longest - ceil(min * longest / 100)`, or `None` when none does.
fn max_distance(min: u32, longest: usize) -> Option<usize> {
    let needed = (min as usize * longest).div_ceil(100);
    longest.checked_sub(needed)
}

/// Levenshtein distance over tokens, or `None` when it is over `limit`.
fn edit_distance<T: PartialEq>(a: &[T], b: &[T], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, y) in b.iter().enumerate() {
            let cost = usize::from(x != y);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= limit).then_some(d)
}

/// What a lookup looks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupOptions {
    /// The locale or language of the query, whose segments are compared (`en`, `ko-KR`).
    /// `None`: the memory's `srclang`.
    pub lang: Option<String>,
    /// The lowest match percentage returned (CAT tools default to 70).
    pub min: u32,
    /// The most matches returned.
    pub limit: usize,
}

impl Default for LookupOptions {
    fn default() -> LookupOptions {
        LookupOptions { lang: None, min: 70, limit: 10 }
    }
}

/// A fuzzy match: a unit and its match percentage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    /// Index of the unit in [`TranslationMemory::units`].
    pub unit: usize,
    /// The match percentage, 0 to 100 (see the module documentation).
    pub score: u32,
}

/// An index over one language's segments of a memory, for fast fuzzy lookups.
///
/// ```
/// use tmalign::{Header, LookupOptions, TmIndex, TranslationMemory, TranslationUnit, Variant};
///
/// let unit = |en: &str, es: &str| TranslationUnit {
///     variants: vec![Variant::new("en-US", en), Variant::new("es-ES", es)],
///     ..Default::default()
/// };
/// let tm = TranslationMemory {
///     header: Header::tmalign("en-US", "20250101T000000Z".into()),
///     units: vec![unit("Save the file.", "Guarde el archivo."), unit("Open the file.", "Abra el archivo.")],
/// };
/// let index = TmIndex::new(&tm, "en");
/// let matches = index.lookup("Save the file now.", &LookupOptions::default());
/// assert_eq!((matches[0].unit, matches[0].score), (0, 80));
/// ```
pub struct TmIndex {
    lang: String,
    tokenization: Tokenization,
    vocabulary: HashMap<String, u32>,
    /// Token ids of every unit's segment, unit after unit; `offsets[u]..offsets[u + 1]`.
    tokens: Vec<u32>,
    offsets: Vec<usize>,
    /// Each unit's normalised segment text (empty when the unit has none in the language).
    texts: Vec<String>,
    /// Per token id, the units holding it, ascending, each once.
    postings: Vec<Vec<u32>>,
}

impl TmIndex {
    /// Indexes the segments of `tm` in `lang` (a locale or language code; the first variant that
    /// [`lang_matches`] it in each unit).
    pub fn new(tm: &TranslationMemory, lang: &str) -> TmIndex {
        let tokenization = Tokenization::for_lang(lang);
        let mut index = TmIndex {
            lang: lang.to_string(),
            tokenization,
            vocabulary: HashMap::new(),
            tokens: Vec::new(),
            offsets: vec![0],
            texts: Vec::with_capacity(tm.units.len()),
            postings: Vec::new(),
        };
        for (u, unit) in tm.units.iter().enumerate() {
            let text = unit.text(lang).map(segment_text).unwrap_or_default();
            let unit_id = u32::try_from(u).unwrap_or(u32::MAX);
            for token in tokenization.tokens(&text) {
                let next = u32::try_from(index.postings.len()).unwrap_or(u32::MAX);
                let id = *index.vocabulary.entry(token).or_insert(next);
                if id == next {
                    index.postings.push(Vec::new());
                }
                index.tokens.push(id);
                // Units are indexed in order: this unit, if listed already, is last.
                let list = &mut index.postings[id as usize];
                if list.last() != Some(&unit_id) {
                    list.push(unit_id);
                }
            }
            index.offsets.push(index.tokens.len());
            index.texts.push(text);
        }
        index
    }

    /// The language the index is for.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Units indexed (all units of the memory, with or without a segment in the language).
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether the memory had no units.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    fn unit_tokens(&self, u: usize) -> &[u32] {
        &self.tokens[self.offsets[u]..self.offsets[u + 1]]
    }

    /// The query's token ids; tokens the memory never has get ids past the vocabulary.
    fn query_ids(&self, query: &str) -> Vec<u32> {
        let mut unknown: HashMap<String, u32> = HashMap::new();
        let base = self.postings.len();
        self.tokenization
            .tokens(query)
            .into_iter()
            .map(|t| match self.vocabulary.get(&t) {
                Some(&id) => id,
                None => {
                    let next = u32::try_from(base + unknown.len()).unwrap_or(u32::MAX);
                    *unknown.entry(t).or_insert(next)
                }
            })
            .collect()
    }

    /// The score of unit `u` for the query, `None` under `min`.
    fn score(&self, query: &[u32], query_text: &str, u: usize, min: u32) -> Option<u32> {
        let segment = self.unit_tokens(u);
        if query.is_empty() || segment.is_empty() {
            return None;
        }
        let longest = query.len().max(segment.len());
        let d = edit_distance(query, segment, max_distance(min, longest)?)?;
        let score = if d == 0 && self.texts[u] != query_text { 99 } else { percent(longest - d, longest) };
        (score >= min).then_some(score)
    }

    /// The best matches for `query`, best first (ties: unit order), at least `options.min`
    /// percent, at most `options.limit`. `options.lang` is ignored: the index has its language.
    pub fn lookup(&self, query: &str, options: &LookupOptions) -> Vec<Match> {
        let ids = self.query_ids(query);
        let query_text = segment_text(query);
        let needed = (options.min as usize * ids.len()).div_ceil(100);
        if ids.is_empty() || options.limit == 0 {
            return Vec::new();
        }
        if needed == 0 {
            return self.lookup_exhaustive(query, options);
        }
        // Query tokens with their counts, rarest first.
        let mut counts: HashMap<u32, usize> = HashMap::new();
        for &id in &ids {
            *counts.entry(id).or_default() += 1;
        }
        let mut distinct: Vec<(u32, usize)> = counts.into_iter().collect();
        let df = |id: u32| self.postings.get(id as usize).map_or(0, Vec::len);
        distinct.sort_unstable_by_key(|&(id, _)| (df(id), id));
        let mut candidates: Vec<u32> = Vec::new();
        let mut listed = vec![false; self.len()];
        let mut left = ids.len();
        for &(id, count) in &distinct {
            if left < needed {
                break;
            }
            for &u in self.postings.get(id as usize).map_or(&[][..], Vec::as_slice) {
                if !std::mem::replace(&mut listed[u as usize], true) {
                    candidates.push(u);
                }
            }
            left -= count;
        }

        // Bound each candidate by its tokens in common with the query.
        let mut remaining = vec![0u32; self.postings.len()];
        for &id in &ids {
            if let Some(r) = remaining.get_mut(id as usize) {
                *r += 1;
            }
        }
        let mut touched: Vec<u32> = Vec::new();
        let mut bounded: Vec<(u32, u32)> = Vec::new();
        for &u in &candidates {
            let segment = self.unit_tokens(u as usize);
            let longest = ids.len().max(segment.len());
            let Some(limit) = max_distance(options.min, longest) else { continue };
            if ids.len().abs_diff(segment.len()) > limit {
                continue;
            }
            let mut common = 0;
            for &t in segment {
                let r = &mut remaining[t as usize];
                if *r > 0 {
                    *r -= 1;
                    common += 1;
                    touched.push(t);
                }
            }
            for t in touched.drain(..) {
                remaining[t as usize] += 1;
            }
            let same = common.min(longest - ids.len().abs_diff(segment.len()));
            let bound = percent(same, longest);
            if bound >= options.min {
                bounded.push((bound, u));
            }
        }
        bounded.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));

        let mut best: Vec<Match> = Vec::new();
        for (bound, u) in bounded {
            if best.len() == options.limit && best.last().is_some_and(|m| bound < m.score) {
                break;
            }
            if let Some(score) = self.score(&ids, &query_text, u as usize, options.min) {
                let m = Match { unit: u as usize, score };
                let at = best.partition_point(|b| b.score > score || b.score == score && b.unit < m.unit);
                if at < options.limit {
                    best.insert(at, m);
                    best.truncate(options.limit);
                }
            }
        }
        best
    }

    /// The same results as [`TmIndex::lookup`], found by scoring every unit.
    pub fn lookup_exhaustive(&self, query: &str, options: &LookupOptions) -> Vec<Match> {
        let ids = self.query_ids(query);
        let query_text = segment_text(query);
        let mut all: Vec<Match> = (0..self.len())
            .filter_map(|u| self.score(&ids, &query_text, u, options.min).map(|score| Match { unit: u, score }))
            .collect();
        all.sort_by(|a, b| b.score.cmp(&a.score).then(a.unit.cmp(&b.unit)));
        all.truncate(options.limit);
        all
    }
}

impl TranslationMemory {
    /// Fuzzy matches for `query` among the segments in `options.lang` (default: the header's
    /// `srclang`), best first; see [`lookup`](crate::lookup) for how they are scored. Every unit
    /// is scored: for many queries on one memory, build a [`TmIndex`] once.
    pub fn lookup(&self, query: &str, options: &LookupOptions) -> Vec<Match> {
        let lang = options.lang.clone().unwrap_or_else(|| self.header.src_lang.clone());
        TmIndex::new(self, &lang).lookup_exhaustive(query, options)
    }

    /// The units, in order, with a segment (in any language) containing `term`, compared
    /// after normalisation and lower-casing (inline codes are not part of the text).
    pub fn concordance(&self, term: &str) -> Vec<usize> {
        let term = segment_text(term).to_lowercase();
        if term.is_empty() {
            return Vec::new();
        }
        self.units
            .iter()
            .enumerate()
            .filter(|(_, unit)| unit.variants.iter().any(|v| segment_text(&v.text).to_lowercase().contains(&term)))
            .map(|(i, _)| i)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_characters() {
        assert_eq!(
            Tokenization::Words.tokens("The  3.5% rate, up."),
            ["the", "3", ".", "5", "%", "rate", ",", "up", "."]
        );
        assert_eq!(Tokenization::for_lang("ko-KR").tokens("정부 는!"), ["정", "부", "는", "!"]);
        assert_eq!(Tokenization::for_lang("es"), Tokenization::Words);
    }

    #[test]
    fn percentages() {
        assert_eq!(match_percent(&[1, 2, 3, 4], &[1, 2, 3, 4]), 100);
        assert_eq!(match_percent(&[1, 2, 3, 4], &[1, 2, 9, 4]), 75);
        assert_eq!(match_percent(&[1, 2, 3], &[1, 2, 3, 4, 5, 6]), 50);
        assert_eq!(match_percent::<u8>(&[], &[1]), 0);
        assert_eq!(max_distance(70, 10), Some(3));
        assert_eq!(max_distance(70, 3), Some(0));
        assert_eq!(edit_distance(&[1, 2, 3], &[3, 2, 1], 1), None);
        assert_eq!(edit_distance(&[1, 2, 3], &[3, 2, 1], 2), Some(2));
    }
}
