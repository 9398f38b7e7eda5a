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
//! [`TmIndex`] keeps each distinct segment ("text") once, as token ids, with the units that have
//! it, and per key the texts holding it: a key is a word, or for characters a pair of adjacent
//! characters (one character says little of a Korean text; a pair much more). To reach the
//! threshold `t` (`min`, raised to the current `limit`-th best score), a segment needs a length
//! within `t` percent of the query's `m` tokens, at least `ceil(t * L / 100)` tokens in common
//! with it (`L`: the longer one's tokens; every edit removes at most one common token), and for
//! characters at least `2 * ceil(t * L / 100) - L - 1` pairs in common (of the longer one's
//! `L - 1` pairs, every edit breaks at most two; when that is not above 0, every text of a
//! fitting length is a candidate). A lookup reads the lists of the query's rarest keys, for the
//! texts of each length until the keys left are too few to reach that count, or until taking
//! every occurrence of the keys read out of the query takes more edits than that length allows
//! (a text without any of them is that far), now and then scoring the texts with most keys in
//! common so far, which raises the threshold early; the remaining candidates are filtered by
//! length, by keys in common, by a bound on tokens in common from a 224-bit sketch of each
//! text's tokens (read a few texts at a time), and by their real count of common tokens, and
//! scored (a banded edit distance with a cut-off), best bound first, until no remaining
//! candidate can enter the top `limit`. Results are the same as scoring every unit
//! ([`TmIndex::lookup_exhaustive`]), ties broken by unit order.

use crate::tm::{TranslationMemory, lang_matches};
use crate::tmx::segment_text;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

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
    let d = full_edit_distance(query, segment);
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

/// Levenshtein distance over tokens, the whole table (the reference for [`edit_distance`]).
fn full_edit_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let cost = usize::from(x != y);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Levenshtein distance over tokens, or `None` when it is over `limit`.
///
/// Common prefix and suffix are skipped, then only the diagonal band `|i - j| <= limit` of the
/// table is computed, and the computation stops as soon as a whole row of the band is over
/// `limit` (Ukkonen's cut-off).
fn edit_distance<T: PartialEq>(a: &[T], b: &[T], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        let d = a.len().max(b.len());
        return (d <= limit).then_some(d);
    }
    let over = limit + 1;
    // `row[j]`: the distance between the first `i` tokens of `a` and the first `j` of `b`,
    // `over` for anything over the limit and outside the band.
    let mut row: Vec<usize> = (0..=b.len()).map(|j| j.min(over)).collect();
    for (i, x) in a.iter().enumerate() {
        let i = i + 1;
        let lo = i.saturating_sub(limit).max(1);
        let hi = (i + limit).min(b.len());
        if lo > hi {
            return None;
        }
        let mut diag = row[lo - 1];
        row[lo - 1] = if lo == 1 { i.min(over) } else { over };
        let mut left = row[lo - 1];
        let mut row_min = left;
        for j in lo..=hi {
            let up = row[j];
            let value = (diag + usize::from(*x != b[j - 1])).min(up + 1).min(left + 1).min(over);
            diag = up;
            row[j] = value;
            left = value;
            row_min = row_min.min(value);
        }
        if row_min > limit {
            return None;
        }
    }
    let d = row[b.len()];
    (d <= limit).then_some(d)
}

/// The index hashes millions of short strings it made itself: FxHash, not SipHash.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

fn hash_str(text: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    text.hash(&mut hasher);
    hasher.finish()
}

/// Calls `each` with every token of `lowered` (normalised and lower-cased text).
fn for_each_token<'a>(tokenization: Tokenization, lowered: &'a str, mut each: impl FnMut(&'a str)) {
    match tokenization {
        Tokenization::Characters => {
            for (i, c) in lowered.char_indices().filter(|(_, c)| !c.is_whitespace()) {
                each(&lowered[i..i + c.len_utf8()]);
            }
        }
        Tokenization::Words => {
            let mut word: Option<usize> = None;
            for (i, c) in lowered.char_indices() {
                if c.is_alphanumeric() || (is_mark(c) && word.is_some()) {
                    word.get_or_insert(i);
                    continue;
                }
                if let Some(start) = word.take() {
                    each(&lowered[start..i]);
                }
                if !c.is_whitespace() {
                    each(&lowered[i..i + c.len_utf8()]);
                }
            }
            if let Some(start) = word {
                each(&lowered[start..]);
            }
        }
    }
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

/// No text: the unit has no segment in the language, or one without tokens.
const NO_TEXT: u32 = u32::MAX;

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
    vocabulary: FastMap<String, u32>,
    /// Distinct normalised segments with at least one token ("texts"), one after the other:
    /// text `t` is `text_bytes[text_offsets[t]..text_offsets[t + 1]]`.
    text_bytes: String,
    text_offsets: Vec<usize>,
    /// Token ids of every text; `token_offsets[t]..token_offsets[t + 1]`.
    tokens: Vec<u32>,
    token_offsets: Vec<usize>,
    /// Every text's [`Sketch`] and length, for bounds on tokens in common from one memory read.
    sketches: Vec<Sketch>,
    /// Each unit's text, [`NO_TEXT`] for none.
    text_of_unit: Vec<u32>,
    /// The units of every text, ascending; `unit_offsets[t]..unit_offsets[t + 1]`.
    units: Vec<u32>,
    unit_offsets: Vec<usize>,
    /// Per key, the texts holding it, each once, by length (in tokens), then ascending. A key is
    /// a token id for words; for characters, the id in `pairs` of two adjacent tokens, far more
    /// telling than one character (see [`TmIndex::keys_needed`]).
    postings: Vec<Vec<u32>>,
    /// The keys of pairs of adjacent tokens ([`pair`]), for characters.
    pairs: FastMap<u64, u32>,
    /// Buffers for lookups, cleared after use.
    scratch: Mutex<Vec<Scratch>>,
}

/// A lookup's counts per text and per token, all zero between lookups.
#[derive(Default)]
struct Scratch {
    seen: Vec<u16>,
    remaining: Vec<u32>,
}

impl TmIndex {
    /// Indexes the segments of `tm` in `lang` (a locale or language code; the first variant that
    /// [`lang_matches`] it in each unit).
    pub fn new(tm: &TranslationMemory, lang: &str) -> TmIndex {
        let tokenization = Tokenization::for_lang(lang);
        let mut index = TmIndex {
            lang: lang.to_string(),
            tokenization,
            vocabulary: FastMap::default(),
            text_bytes: String::new(),
            text_offsets: vec![0],
            tokens: Vec::new(),
            token_offsets: vec![0],
            sketches: Vec::new(),
            text_of_unit: Vec::with_capacity(tm.units.len()),
            units: Vec::new(),
            unit_offsets: Vec::new(),
            postings: Vec::new(),
            pairs: FastMap::default(),
            scratch: Mutex::new(Vec::new()),
        };
        // Texts by hash; texts whose hash an earlier, different text has are in `collided`.
        let mut by_hash: FastMap<u64, u32> = FastMap::default();
        let mut collided: HashMap<String, u32> = HashMap::new();
        for unit in &tm.units {
            let Some(raw) = unit.text(lang) else {
                index.text_of_unit.push(NO_TEXT);
                continue;
            };
            let text = segment_text(raw);
            let hash = hash_str(&text);
            let known = match by_hash.get(&hash) {
                Some(&t) if index.text(t) == text => Some(t),
                Some(_) => collided.get(&text).copied(),
                None => None,
            };
            if let Some(t) = known {
                index.text_of_unit.push(t);
                continue;
            }
            let t = index.add_text(&text);
            if t != NO_TEXT {
                match by_hash.entry(hash) {
                    Entry::Vacant(e) => {
                        e.insert(t);
                    }
                    Entry::Occupied(_) => {
                        collided.insert(text, t);
                    }
                }
            }
            index.text_of_unit.push(t);
        }
        // Posting lists, texts by length then id, so that a lookup reads only the lengths that
        // can match.
        let texts = index.text_offsets.len() - 1;
        let mut order: Vec<u32> = (0..u32::try_from(texts).unwrap_or(u32::MAX)).collect();
        order.sort_by_key(|&t| (index.text_len(t), t));
        let add = |list: &mut Vec<u32>, t: u32| {
            if list.last() != Some(&t) {
                list.push(t);
            }
        };
        match tokenization {
            Tokenization::Words => {
                index.postings.resize(index.vocabulary.len(), Vec::new());
                for t in order {
                    for &id in &index.tokens[index.token_offsets[t as usize]..index.token_offsets[t as usize + 1]] {
                        add(&mut index.postings[id as usize], t);
                    }
                }
            }
            Tokenization::Characters => {
                let (pairs, postings) = (&mut index.pairs, &mut index.postings);
                for t in order {
                    let tokens = &index.tokens[index.token_offsets[t as usize]..index.token_offsets[t as usize + 1]];
                    for two in tokens.windows(2) {
                        let key = *pairs.entry(pair(two[0], two[1])).or_insert_with(|| {
                            postings.push(Vec::new());
                            u32::try_from(postings.len() - 1).unwrap_or(u32::MAX)
                        });
                        add(&mut postings[key as usize], t);
                    }
                }
            }
        }
        for list in &mut index.postings {
            list.shrink_to_fit();
        }
        // Units by text, ascending.
        let mut counts = vec![0usize; texts + 1];
        for &t in index.text_of_unit.iter().filter(|&&t| t != NO_TEXT) {
            counts[t as usize + 1] += 1;
        }
        for t in 0..texts {
            counts[t + 1] += counts[t];
        }
        index.unit_offsets.clone_from(&counts);
        index.units = vec![0; counts[texts]];
        for (u, &t) in index.text_of_unit.iter().enumerate() {
            if t != NO_TEXT {
                let at = &mut counts[t as usize];
                index.units[*at] = u32::try_from(u).unwrap_or(u32::MAX);
                *at += 1;
            }
        }
        index
    }

    /// Adds a new distinct text (normalised), tokenized; [`NO_TEXT`] when it has no tokens.
    fn add_text(&mut self, text: &str) -> u32 {
        let lowered = text.to_lowercase();
        let t = u32::try_from(self.text_offsets.len() - 1).unwrap_or(NO_TEXT);
        let start = self.tokens.len();
        let (vocabulary, tokens) = (&mut self.vocabulary, &mut self.tokens);
        for_each_token(self.tokenization, &lowered, |token| {
            let id = match vocabulary.get(token) {
                Some(&id) => id,
                None => {
                    let id = u32::try_from(vocabulary.len()).unwrap_or(u32::MAX);
                    vocabulary.insert(token.to_string(), id);
                    id
                }
            };
            tokens.push(id);
        });
        if self.tokens.len() == start {
            return NO_TEXT;
        }
        let mut sketch = Sketch::of_len(self.tokens.len() - start);
        for &id in &self.tokens[start..] {
            sketch.insert(id);
        }
        self.sketches.push(sketch);
        self.token_offsets.push(self.tokens.len());
        self.text_bytes.push_str(text);
        self.text_offsets.push(self.text_bytes.len());
        t
    }

    /// The language the index is for.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Units indexed (all units of the memory, with or without a segment in the language).
    pub fn len(&self) -> usize {
        self.text_of_unit.len()
    }

    /// Whether the memory had no units.
    pub fn is_empty(&self) -> bool {
        self.text_of_unit.is_empty()
    }

    fn text(&self, t: u32) -> &str {
        &self.text_bytes[self.text_offsets[t as usize]..self.text_offsets[t as usize + 1]]
    }

    fn text_tokens(&self, t: u32) -> &[u32] {
        &self.tokens[self.token_offsets[t as usize]..self.token_offsets[t as usize + 1]]
    }

    fn text_len(&self, t: u32) -> usize {
        self.sketches[t as usize].len()
    }

    fn text_units(&self, t: u32) -> &[u32] {
        &self.units[self.unit_offsets[t as usize]..self.unit_offsets[t as usize + 1]]
    }

    /// The normalised query and its token ids; tokens the memory never has get ids past the
    /// vocabulary.
    fn query_ids(&self, query: &str) -> (String, Vec<u32>) {
        let text = segment_text(query);
        let lowered = text.to_lowercase();
        let mut unknown: FastMap<&str, u32> = FastMap::default();
        let base = self.vocabulary.len();
        let mut ids = Vec::new();
        for_each_token(self.tokenization, &lowered, |t| {
            ids.push(match self.vocabulary.get(t) {
                Some(&id) => id,
                None => {
                    let next = u32::try_from(base + unknown.len()).unwrap_or(u32::MAX);
                    *unknown.entry(t).or_insert(next)
                }
            });
        });
        (text, ids)
    }

    /// The score of text `t` for the query, `None` under `min`.
    fn score(&self, query: &[u32], query_text: &str, t: u32, min: u32) -> Option<u32> {
        let segment = self.text_tokens(t);
        if query.is_empty() || segment.is_empty() {
            return None;
        }
        let longest = query.len().max(segment.len());
        let d = edit_distance(query, segment, max_distance(min, longest)?)?;
        let score = if d == 0 && self.text(t) != query_text { 99 } else { percent(longest - d, longest) };
        (score >= min).then_some(score)
    }

    /// The query's keys (see `postings`); keys the memory never has are `u32::MAX`.
    fn query_keys(&self, ids: &[u32]) -> Vec<u32> {
        match self.tokenization {
            Tokenization::Words => ids.to_vec(),
            Tokenization::Characters => {
                ids.windows(2).map(|two| self.pairs.get(&pair(two[0], two[1])).copied().unwrap_or(u32::MAX)).collect()
            }
        }
    }

    /// Keys in common (as multisets) a segment needs with the query to score `threshold`, when
    /// the longer of the two has `longest` tokens: as many as tokens for words (every edit
    /// removes at most one common token); for characters, of the `longest - 1` pairs of
    /// adjacent tokens of the longer, those no edit touches are in the other too, and every edit
    /// touches at most two, so `longest - 1 - 2 * max_distance`.
    fn keys_needed(&self, threshold: u32, longest: usize) -> usize {
        let tokens = needed(threshold, longest);
        match self.tokenization {
            Tokenization::Words => tokens,
            Tokenization::Characters => (2 * tokens).saturating_sub(longest + 1),
        }
    }

    /// The fewest keys in common any segment of a length that can score `threshold` with a query
    /// of `m` tokens needs ([`TmIndex::keys_needed`] is not monotone in the length for
    /// characters).
    fn least_keys_needed(&self, threshold: u32, m: usize) -> usize {
        match self.tokenization {
            Tokenization::Words => self.keys_needed(threshold, m),
            Tokenization::Characters => (m..=longest_matching(threshold, m))
                .map(|longest| self.keys_needed(threshold, longest))
                .min()
                .unwrap_or(0),
        }
    }

    /// For the lengths from `m` to `max_len`, the fewest keys in common a segment of that length
    /// or longer (up to `max_len`) needs to score `threshold` with a query of `m` tokens.
    fn keys_needed_from(&self, threshold: u32, m: usize, max_len: usize) -> Vec<usize> {
        let mut needs: Vec<usize> = (m..=max_len.max(m)).map(|l| self.keys_needed(threshold, l)).collect();
        for i in (0..needs.len().saturating_sub(1)).rev() {
            needs[i] = needs[i].min(needs[i + 1]);
        }
        needs
    }

    /// The best matches for `query`, best first (ties: unit order), at least `options.min`
    /// percent, at most `options.limit`. `options.lang` is ignored: the index has its language.
    pub fn lookup(&self, query: &str, options: &LookupOptions) -> Vec<Match> {
        let (query_text, ids) = self.query_ids(query);
        let m = ids.len();
        if m == 0 || options.limit == 0 {
            return Vec::new();
        }
        if options.min == 0 || m > usize::from(u16::MAX - 1) {
            return self.lookup_exhaustive(query, options);
        }
        let mut top = Top { best: Vec::new(), limit: options.limit, min: options.min };
        let mut scratch = self.scratch.lock().ok().and_then(|mut pool| pool.pop()).unwrap_or_default();
        scratch.remaining.resize(self.vocabulary.len(), 0);
        if self.least_keys_needed(options.min, m) == 0 {
            // A match may have no key in common (short queries, low minimums for characters):
            // every text of a length that can match is a candidate.
            let sketch = QuerySketch::new(&ids, self.vocabulary.len());
            let threshold = top.threshold();
            let kept = (0..u32::try_from(self.sketches.len()).unwrap_or(u32::MAX))
                .filter(|&t| {
                    let n = self.text_len(t);
                    lengths_can_match(m, n, threshold)
                        && sketch.bound(&self.sketches[t as usize]) >= needed(threshold, m.max(n))
                })
                .collect();
            self.verify(&ids, &query_text, kept, &mut scratch.remaining, &mut top);
        } else {
            // Query keys with their counts, rarest first (keys the memory lacks first).
            let keys = self.query_keys(&ids);
            let mut counts: FastMap<u32, usize> = FastMap::default();
            for &key in &keys {
                *counts.entry(key).or_default() += 1;
            }
            let postings = |key: u32| self.postings.get(key as usize).map_or(&[][..], Vec::as_slice);
            let mut distinct: Vec<(u32, usize)> = counts.into_iter().collect();
            distinct.sort_unstable_by_key(|&(key, _)| (postings(key).len(), key));

            scratch.seen.resize(self.sketches.len(), 0);
            let mut touched: Vec<u32> = Vec::new();
            let query = Query { ids: &ids, text: &query_text, keys: &keys };
            self.candidates(&query, &distinct, &mut scratch, &mut touched, &mut top);
            if is_dense(touched.len(), scratch.seen.len()) {
                scratch.seen.fill(0);
            } else {
                for &t in &touched {
                    scratch.seen[t as usize] = 0;
                }
            }
        }
        if let Ok(mut pool) = self.scratch.lock() {
            pool.push(scratch);
        }
        top.best
    }

    /// The texts of length `n` with `min_len <= n <= max_len` among `list` (by length).
    fn by_length<'a>(&self, list: &'a [u32], min_len: usize, max_len: usize) -> &'a [u32] {
        let from = list.partition_point(|&t| self.text_len(t) < min_len);
        let to = from + list[from..].partition_point(|&t| self.text_len(t) <= max_len);
        &list[from..to]
    }

    /// Finds and scores the texts that can enter `top`, from the lists of the query's keys
    /// (`distinct`, rarest first, with their counts); `touched`: the texts whose count in
    /// `scratch.seen` it set.
    fn candidates(
        &self,
        query: &Query,
        distinct: &[(u32, usize)],
        scratch: &mut Scratch,
        touched: &mut Vec<u32>,
        top: &mut Top,
    ) {
        let (ids, query_text) = (query.ids, query.text);
        let m = ids.len();
        let postings = |key: u32| self.postings.get(key as usize).map_or(&[][..], Vec::as_slice);
        let lengths = |threshold: u32| (needed(threshold, m), longest_matching(threshold, m));
        // The lists of the rarest query keys, for the texts of each length until the lists read
        // hold every text of that length that can reach the threshold (`min`, raised to the
        // current `limit`-th score), then for no more lengths. `seen[t]`: keys in common
        // counted so far (an upper bound: a query key counts as many times as it is in the
        // query), `SCORED` once scored.
        let seen = &mut scratch.seen;
        let total: usize = distinct.iter().map(|&(_, count)| count).sum();
        let (first_len, last_len) = lengths(top.threshold());
        // Key occurrences read for the texts of each length from `first_len` on.
        let mut read_for = vec![0usize; last_len + 1 - first_len];
        let mut read_all = 0;
        let mut errors = Errors::new(query.keys, distinct, self.tokenization);
        let mut read = 0;
        let mut next_probe = 1;
        let mut lists = distinct.iter();
        for &(key, count) in lists.by_ref() {
            let threshold = top.threshold();
            let (min_len, max_len) = lengths(threshold);
            // The lists read so far hold every text of length `n` that can match when the query
            // keys left are too few for it, or when no more than the distance it allows can
            // take from the query every occurrence of the keys read (keys as telling as
            // `least_keys_needed`, the fewest for any length from `n` on, so that the lengths
            // still to read are one range).
            let left = total - read_all;
            let needs = self.keys_needed_from(threshold, m, max_len);
            let done = |n: usize| {
                let longest = m.max(n);
                max_distance(threshold, longest).is_none_or(|most| errors.destroying() > most)
                    || left < needs[longest.min(max_len).saturating_sub(m)]
            };
            let from = (min_len..=max_len).find(|&n| !done(n));
            let to = (min_len..=max_len).rev().find(|&n| !done(n));
            let (Some(from), Some(to)) = (from, to) else {
                // Then the next lists while short: only counted, for the texts already seen.
                let list = self.by_length(postings(key), min_len, max_len);
                if 4 * list.len() > touched.len() {
                    break;
                }
                let add = u16::try_from(count).unwrap_or(SCORED - 1);
                for &t in list {
                    let s = &mut seen[t as usize];
                    if *s != 0 && *s != SCORED {
                        *s += add;
                    }
                }
                for r in &mut read_for[min_len - first_len..=max_len - first_len] {
                    *r += count;
                }
                continue;
            };
            let add = u16::try_from(count).unwrap_or(SCORED - 1);
            for &t in self.by_length(postings(key), from, to) {
                let s = &mut seen[t as usize];
                if *s == SCORED {
                    continue;
                }
                if *s == 0 {
                    touched.push(t);
                }
                *s += add;
            }
            for r in &mut read_for[from - first_len..=to - first_len] {
                *r += count;
            }
            read_all += count;
            errors.read();
            if !postings(key).is_empty() {
                read += 1;
            }
            // Now and then, score the texts with the most keys in common so far: good matches
            // found early raise the threshold, and fewer lists are read.
            if read == next_probe {
                next_probe *= 2;
                self.probe(ids, query_text, seen, touched, top);
            }
        }

        // The texts still in the running, with bounds from length and keys and tokens in common.
        let threshold = top.threshold();
        let least = self.least_keys_needed(threshold, m);
        let (min_len, max_len) = lengths(threshold);
        let most_left = total - read_for[min_len - first_len..=max_len - first_len].iter().min().copied().unwrap_or(0);
        // First by the count alone, which needs no other memory read.
        let counted = |s: u16| s != 0 && s != SCORED && usize::from(s) + most_left >= least;
        let running: Vec<u32> = if is_dense(touched.len(), seen.len()) {
            // In text order, as the counts lie in memory.
            (0..seen.len()).filter(|&t| counted(seen[t])).map(|t| t as u32).collect()
        } else {
            touched.iter().copied().filter(|&t| counted(seen[t as usize])).collect()
        };
        // Then by length and sketch: read a few texts' at a time with no branch in between, so
        // that the reads (far apart in memory) overlap.
        let sketch = QuerySketch::new(ids, self.vocabulary.len());
        let mut kept: Vec<u32> = Vec::new();
        for chunk in running.chunks(16) {
            let mut sketches = [Sketch::default(); 16];
            for (into, &t) in sketches.iter_mut().zip(chunk) {
                *into = self.sketches[t as usize];
            }
            for (text, &t) in sketches.iter().zip(chunk) {
                let n = text.len();
                let keys = usize::from(seen[t as usize]) + total;
                if lengths_can_match(m, n, threshold)
                    && keys - read_for[n - first_len] >= self.keys_needed(threshold, m.max(n))
                    && sketch.bound(text) >= needed(threshold, m.max(n))
                {
                    kept.push(t);
                }
            }
        }
        self.verify(ids, query_text, kept, &mut scratch.remaining, top);
    }

    /// Scores the texts `kept` that can still enter `top` after a bound from their real count of
    /// tokens in common, best bound first. `remaining`: zeros, one per token id, left so.
    fn verify(&self, ids: &[u32], query_text: &str, kept: Vec<u32>, remaining: &mut [u32], top: &mut Top) {
        let m = ids.len();
        let threshold = top.threshold();
        for &id in ids {
            if let Some(r) = remaining.get_mut(id as usize) {
                *r += 1;
            }
        }
        let mut used: Vec<u32> = Vec::new();
        let mut bounded: Vec<(u32, u32, u32)> = Vec::new();
        for t in kept {
            let n = self.text_len(t);
            let mut common = 0;
            for &token in self.text_tokens(t) {
                let r = &mut remaining[token as usize];
                if *r > 0 {
                    *r -= 1;
                    common += 1;
                    used.push(token);
                }
            }
            for token in used.drain(..) {
                remaining[token as usize] += 1;
            }
            let bound = percent(common.min(m.min(n)), m.max(n));
            if bound >= threshold {
                bounded.push((bound, self.text_units(t)[0], t));
            }
        }
        for &id in ids {
            if let Some(r) = remaining.get_mut(id as usize) {
                *r = 0;
            }
        }
        bounded.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (bound, first, t) in bounded {
            if !top.can_enter(bound, first) {
                // The rest are bounded lower, or as low with later units.
                break;
            }
            if let Some(score) = self.score(ids, query_text, t, top.threshold()) {
                top.offer(score, self.text_units(t));
            }
        }
    }

    /// Scores up to [`PROBES`] texts of those with the most query tokens seen so far, and marks
    /// them scored.
    fn probe(&self, ids: &[u32], query_text: &str, seen: &mut [u16], touched: &[u32], top: &mut Top) {
        let mut histogram = [0usize; 65];
        for &t in touched {
            let s = seen[t as usize];
            if s != SCORED {
                histogram[usize::from(s).min(64)] += 1;
            }
        }
        // The lowest count such that the texts with as many or more are few enough (or the
        // highest count there is).
        let mut cutoff = 64;
        let mut taken = histogram[64];
        while cutoff > 1 && (taken == 0 || taken + histogram[cutoff - 1] <= PROBES) {
            cutoff -= 1;
            taken += histogram[cutoff];
        }
        let mut budget = PROBES;
        for &t in touched {
            let s = &mut seen[t as usize];
            if *s != SCORED && usize::from(*s) >= cutoff {
                *s = SCORED;
                if let Some(score) = self.score(ids, query_text, t, top.threshold()) {
                    top.offer(score, self.text_units(t));
                }
                budget -= 1;
                if budget == 0 {
                    return;
                }
            }
        }
    }

    /// The same results as [`TmIndex::lookup`], found by scoring every unit.
    pub fn lookup_exhaustive(&self, query: &str, options: &LookupOptions) -> Vec<Match> {
        let (query_text, ids) = self.query_ids(query);
        let mut all: Vec<Match> = (0..self.len())
            .filter_map(|u| {
                let t = self.text_of_unit[u];
                if t == NO_TEXT {
                    return None;
                }
                self.score(&ids, &query_text, t, options.min).map(|score| Match { unit: u, score })
            })
            .collect();
        all.sort_by(|a, b| b.score.cmp(&a.score).then(a.unit.cmp(&b.unit)));
        all.truncate(options.limit);
        all
    }
}

/// Which token ids a text has, hashed to 224 bits, for a bound on the tokens it has in common
/// with a query from one read rather than its tokens ([`QuerySketch::bound`]); and its length,
/// in the top 32 bits, so that one read gives both.
#[derive(Clone, Copy, Default)]
#[repr(align(32))]
struct Sketch([u64; 4]);

impl Sketch {
    /// Bits for token ids.
    const BITS: u64 = 224;

    /// An empty sketch for a text of `len` tokens (at most `u32::MAX`, counted as that).
    fn of_len(len: usize) -> Sketch {
        Sketch([0, 0, 0, u64::from(u32::try_from(len).unwrap_or(u32::MAX)) << 32])
    }

    fn len(&self) -> usize {
        (self.0[3] >> 32) as usize
    }

    fn bit(id: u32) -> usize {
        // Fibonacci hashing, then the product's high bits scaled to the bits there are.
        ((u64::from(id.wrapping_mul(0x9E37_79B9)) * Self::BITS) >> 32) as usize
    }

    fn insert(&mut self, id: u32) {
        let b = Self::bit(id);
        self.0[b / 64] |= 1 << (b % 64);
    }
}

/// A query's tokens by [`Sketch`] bit, for bounds on the tokens in common with texts.
struct QuerySketch {
    /// `layers[k]`: the bits of which the query has more than `k` tokens.
    layers: Vec<[u64; 4]>,
    /// Bits with more tokens than there are layers, and how many more.
    heavy: Vec<(usize, usize)>,
}

impl QuerySketch {
    /// How many layers at most; more tokens on one bit are counted one by one.
    const LAYERS: usize = 8;

    /// The sketch of the query tokens `ids`; ids past the vocabulary are in no text and left out.
    fn new(ids: &[u32], vocabulary: usize) -> QuerySketch {
        let mut counts = [0usize; Sketch::BITS as usize];
        for &id in ids.iter().filter(|&&id| (id as usize) < vocabulary) {
            counts[Sketch::bit(id)] += 1;
        }
        let most = counts.iter().copied().max().unwrap_or(0);
        let mut layers = vec![[0u64; 4]; most.min(Self::LAYERS)];
        let mut heavy = Vec::new();
        for (b, &count) in counts.iter().enumerate() {
            for layer in &mut layers[..count.min(Self::LAYERS)] {
                layer[b / 64] |= 1 << (b % 64);
            }
            if count > Self::LAYERS {
                heavy.push((b, count - Self::LAYERS));
            }
        }
        QuerySketch { layers, heavy }
    }

    /// At least the number of tokens the query has in common with a text of sketch `text` (as
    /// multisets): every common token is on a bit the text has, and the query has at most
    /// `count` tokens on a bit.
    fn bound(&self, text: &Sketch) -> usize {
        let mut bound = 0;
        for layer in &self.layers {
            bound += layer.iter().zip(&text.0).map(|(a, b)| (a & b).count_ones() as usize).sum::<usize>();
        }
        for &(b, more) in &self.heavy {
            if text.0[b / 64] & (1 << (b % 64)) != 0 {
                bound += more;
            }
        }
        bound
    }
}

/// Whether `touched` texts of `texts` are better gone through in text order, reading all the
/// counts, than one by one.
fn is_dense(touched: usize, texts: usize) -> bool {
    16 * touched > texts
}

/// A query: its token ids, normalised text, and keys (see `TmIndex::postings`), one per
/// position.
struct Query<'a> {
    ids: &'a [u32],
    text: &'a str,
    keys: &'a [u32],
}

/// The fewest edits that take from the query every occurrence of the keys read so far: a
/// segment with none of those keys is at least that far from the query.
struct Errors {
    /// Per key position, the rank of its key among the lists (rarest first).
    rank: Vec<usize>,
    /// Lists read.
    read: usize,
    /// Tokens a key spans: an edit of a token takes the keys that hold it (one word; the two
    /// pairs of characters around a character; an insertion, one pair).
    span: usize,
    destroying: usize,
}

impl Errors {
    fn new(keys: &[u32], distinct: &[(u32, usize)], tokenization: Tokenization) -> Errors {
        let ranks: FastMap<u32, usize> = distinct.iter().enumerate().map(|(r, &(key, _))| (key, r)).collect();
        let rank = keys.iter().map(|key| ranks.get(key).copied().unwrap_or(usize::MAX)).collect();
        let span = match tokenization {
            Tokenization::Words => 1,
            Tokenization::Characters => 2,
        };
        Errors { rank, read: 0, span, destroying: 0 }
    }

    /// Query keys past which the edits are not counted (`destroying` stays 0, which bounds
    /// nothing): counting goes through all the keys for every list read.
    const MOST_KEYS: usize = 4096;

    /// Counts the next list as read.
    fn read(&mut self) {
        self.read += 1;
        if self.rank.len() > Self::MOST_KEYS {
            return;
        }
        // Greedy, left to right: the first key position left is taken by an edit of its last
        // token, which takes the positions up to there too; the fewest edits for intervals.
        let (mut edits, mut p) = (0, 0);
        while p < self.rank.len() {
            if self.rank[p] < self.read {
                edits += 1;
                p += self.span;
            } else {
                p += 1;
            }
        }
        self.destroying = edits;
    }

    /// The fewest edits that take every occurrence of the keys read from the query.
    fn destroying(&self) -> usize {
        self.destroying
    }
}

/// The mark of a scored text among the counts of tokens seen.
const SCORED: u16 = u16::MAX;

/// How many texts a probe scores at most.
const PROBES: usize = 64;

/// Tokens in common a segment needs with a query of `m` tokens to score `threshold`:
/// `ceil(threshold * m / 100)` (every edit removes at most one common token).
fn needed(threshold: u32, m: usize) -> usize {
    (threshold as usize * m).div_ceil(100)
}

/// The most tokens a segment can have to score `threshold` with a query of `m` tokens.
fn longest_matching(threshold: u32, m: usize) -> usize {
    100 * m / threshold.max(1) as usize
}

/// The key of two adjacent tokens.
fn pair(a: u32, b: u32) -> u64 {
    u64::from(a) << 32 | u64::from(b)
}

/// Whether segments of `m` and `n` tokens can score `threshold`: at least `max - min` edits.
fn lengths_can_match(m: usize, n: usize, threshold: u32) -> bool {
    100 * m.min(n) >= threshold as usize * m.max(n)
}

/// The best matches so far: score descending, then unit ascending; at most `limit`.
struct Top {
    best: Vec<Match>,
    limit: usize,
    min: u32,
}

impl Top {
    /// The lowest score that can still enter.
    fn threshold(&self) -> u32 {
        match self.best.last() {
            Some(last) if self.best.len() == self.limit => last.score.max(self.min),
            _ => self.min,
        }
    }

    /// Whether a unit `first` scoring at most `bound` could enter.
    fn can_enter(&self, bound: u32, first: u32) -> bool {
        match self.best.last() {
            Some(last) if self.best.len() == self.limit => {
                bound > last.score || bound == last.score && (first as usize) < last.unit
            }
            _ => bound >= self.min,
        }
    }

    /// Offers the units (ascending) of a text scoring `score`.
    fn offer(&mut self, score: u32, units: &[u32]) {
        for &u in units {
            let m = Match { unit: u as usize, score };
            let at = self.best.partition_point(|b| b.score > score || b.score == score && b.unit < m.unit);
            if at >= self.limit {
                return;
            }
            self.best.insert(at, m);
            self.best.truncate(self.limit);
        }
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
        assert_eq!(edit_distance(&[1, 2, 3, 4, 5], &[2, 3, 4, 5, 6], 2), Some(2));
        assert_eq!(edit_distance(&[1, 2, 3, 4, 5], &[2, 3, 4, 5, 6], 1), None);
        assert_eq!(edit_distance::<u8>(&[], &[1, 2], 2), Some(2));
    }

    fn memory(lang: &str, texts: &[&str]) -> TranslationMemory {
        use crate::tm::{Header, TranslationUnit, Variant};
        let units = texts
            .iter()
            .map(|t| TranslationUnit { variants: vec![Variant::new(lang, *t)], ..Default::default() })
            .collect();
        TranslationMemory { header: Header::tmalign(lang, "20250101T000000Z".into()), units }
    }

    fn found(index: &TmIndex, query: &str, min: u32) -> Vec<(usize, u32)> {
        let options = LookupOptions { lang: None, min, limit: 10 };
        let found: Vec<(usize, u32)> = index.lookup(query, &options).iter().map(|m| (m.unit, m.score)).collect();
        let brute: Vec<(usize, u32)> =
            index.lookup_exhaustive(query, &options).iter().map(|m| (m.unit, m.score)).collect();
        assert_eq!(found, brute, "{query} at {min}");
        found
    }

    #[test]
    fn character_pairs_at_the_bound() {
        // Ten characters, three substituted so that each breaks two pairs: 3 of 9 pairs left,
        // exactly the 2 * 7 - 10 - 1 the score 70 needs.
        let index = TmIndex::new(&memory("ko", &["가나다라마바사아자차", "가X다라Y바사Z자차", "X"]), "ko");
        assert_eq!(index.keys_needed(70, 10), 3);
        assert_eq!(found(&index, "가나다라마바사아자차", 70), [(0, 100), (1, 70)]);
        assert_eq!(found(&index, "가나다라마바사아자차", 71), [(0, 100)]);
        // One more: 80 needs 2 * 8 - 11 = 5 pairs, with two substitutions that break four.
        let index = TmIndex::new(&memory("ko", &["가나다라마바사아자차", "가X다라마바Y아자차"]), "ko");
        assert_eq!(found(&index, "가나다라마바사아자차", 80), [(0, 100), (1, 80)]);
        // A longer segment: 13 tokens, three insertions (76), each breaking two of its 12 pairs:
        // 6 left, exactly the 2 * 10 - 14 that 70 to 76 need.
        let index = TmIndex::new(&memory("ko", &["가나다라마바사아자차", "가X나다라마Y바사Z아자차"]), "ko");
        assert_eq!(index.keys_needed(70, 13), 6);
        assert_eq!(found(&index, "가나다라마바사아자차", 70), [(0, 100), (1, 76)]);
        assert_eq!(found(&index, "가나다라마바사아자차", 76), [(0, 100), (1, 76)]);
        assert_eq!(found(&index, "가나다라마바사아자차", 77), [(0, 100)]);
    }

    #[test]
    fn queries_needing_no_pair_in_common() {
        // One character, or a low minimum: no pair is needed, every text is a candidate.
        let index = TmIndex::new(&memory("ko", &["가", "나", "가나", "다가라", "나가다라"]), "ko");
        assert_eq!(index.least_keys_needed(70, 1), 0);
        assert_eq!(found(&index, "가", 70), [(0, 100)]);
        assert_eq!(found(&index, "가", 50), [(0, 100), (2, 50)]);
        assert_eq!(index.least_keys_needed(50, 4), 0);
        assert_eq!(found(&index, "가다나라", 50), [(2, 50), (3, 50), (4, 50)]);
    }

    #[test]
    fn long_queries_count_no_edits() {
        let long = "가나다라".repeat(1100);
        let longer = format!("{long}마");
        let index = TmIndex::new(&memory("ko", &[&long, &longer, "가나"]), "ko");
        assert_eq!(found(&index, &longer, 90), [(1, 100), (0, 99)]);
    }

    #[test]
    fn edits_that_take_the_keys_read() {
        // Keys (by rank) at each position; pairs of characters: an edit takes two neighbours.
        let keys = [10, 11, 15, 12, 15, 15, 13];
        let distinct: Vec<(u32, usize)> = [10, 11, 12, 13, 15].iter().map(|&k| (k, 1)).collect();
        // The edits needed after each key read in turn.
        let destroying = |tokenization| {
            let mut errors = Errors::new(&keys, &distinct, tokenization);
            (0..distinct.len())
                .map(|_| {
                    errors.read();
                    errors.destroying()
                })
                .collect::<Vec<_>>()
        };
        // {0}; {0, 1} one edit of the token they share; {0, 1, 3}; {0, 1, 3, 6}; all seven.
        assert_eq!(destroying(Tokenization::Characters), [1, 1, 2, 3, 4]);
        // Words: one edit per occurrence.
        assert_eq!(destroying(Tokenization::Words), [1, 2, 3, 4, 7]);
    }

    /// Pairs of adjacent tokens in common, as multisets.
    fn common_pairs(a: &[u8], b: &[u8]) -> usize {
        let pairs = |x: &[u8]| x.windows(2).map(|w| pair(u32::from(w[0]), u32::from(w[1])) as u32).collect::<Vec<_>>();
        common(&pairs(a), &pairs(b))
    }

    /// Tokens in common, as multisets.
    fn common(a: &[u32], b: &[u32]) -> usize {
        let mut b = b.to_vec();
        a.iter()
            .filter(|x| match b.iter().position(|y| y == *x) {
                Some(i) => {
                    b.swap_remove(i);
                    true
                }
                None => false,
            })
            .count()
    }

    #[test]
    fn sketch_bounds_with_repeated_and_unknown_tokens() {
        // 20 times the same token: past the layers, counted as heavy.
        let query: Vec<u32> = [vec![7; 20], vec![1, 2, 3, 1000]].concat();
        let sketch = QuerySketch::new(&query, 1000);
        let mut text = Sketch::default();
        for id in [7, 7, 7, 2, 1000] {
            text.insert(id);
        }
        // Three 7s in common, but the query has 20 on that bit; and the 2.
        assert!(sketch.bound(&text) >= 21);
        // Tokens past the vocabulary are in no text.
        assert_eq!(QuerySketch::new(&[1000, 5000], 1000).bound(&text), 0);
    }

    proptest::proptest! {
        #[test]
        fn sketch_bound_is_at_least_the_tokens_in_common(
            query in proptest::collection::vec(0u32..600, 0..40),
            text in proptest::collection::vec(0u32..600, 1..40),
        ) {
            let mut sketch = Sketch::default();
            for &id in &text {
                sketch.insert(id);
            }
            proptest::prop_assert!(QuerySketch::new(&query, 600).bound(&sketch) >= common(&query, &text));
        }

        /// Korean texts a few edits from one another, from many characters: near matches with
        /// few pairs in common by chance, where the bounds on pairs decide.
        #[test]
        fn korean_lookup_equals_brute_force(
            base in proptest::collection::vec(0usize..24, 4..18),
            variants in proptest::collection::vec(
                proptest::collection::vec((0usize..20, 0usize..24, 0u8..3), 0..6), 1..30),
            query_edits in proptest::collection::vec((0usize..20, 0usize..24, 0u8..3), 0..4),
            min in 40u32..=100,
            limit in 1usize..5,
        ) {
            const SYLLABLES: &str = "가나다라마바사아자차카타파하거너더러머버서어저처";
            let syllables: Vec<char> = SYLLABLES.chars().collect();
            let edited = |edits: &[(usize, usize, u8)]| {
                let mut text: Vec<char> = base.iter().map(|&i| syllables[i]).collect();
                for &(at, c, kind) in edits {
                    let at = at % (text.len() + 1);
                    match kind {
                        0 => text.insert(at, syllables[c]),
                        1 if at < text.len() && text.len() > 1 => {
                            text.remove(at);
                        }
                        _ if at < text.len() => text[at] = syllables[c],
                        _ => text.push(syllables[c]),
                    }
                }
                text.into_iter().collect::<String>()
            };
            let texts: Vec<String> = variants.iter().map(|edits| edited(edits)).collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let index = TmIndex::new(&memory("ko", &refs), "ko");
            let query = edited(&query_edits);
            let options = LookupOptions { lang: None, min, limit };
            proptest::prop_assert_eq!(index.lookup(&query, &options), index.lookup_exhaustive(&query, &options));
        }

        /// The bound on pairs in common holds for any two sequences at any threshold.
        #[test]
        fn matches_have_the_pairs_in_common_they_need(
            // Enough tokens that pairs seldom repeat by chance, and bounds are met exactly.
            a in proptest::collection::vec(0u8..32, 1..20),
            edits in proptest::collection::vec((0usize..20, 0u8..32, 0u8..3), 0..6),
            threshold in 1u32..=100,
        ) {
            let mut b = a.clone();
            for (at, token, kind) in edits {
                let at = at % (b.len() + 1);
                match kind {
                    0 => b.insert(at, token),
                    1 if at < b.len() && b.len() > 1 => {
                        b.remove(at);
                    }
                    _ if at < b.len() => b[at] = token,
                    _ => b.push(token),
                }
            }
            let index = TmIndex::new(&memory("ko", &[]), "ko");
            if match_percent(&a, &b) >= threshold {
                let longest = a.len().max(b.len());
                proptest::prop_assert!(common_pairs(&a, &b) >= index.keys_needed(threshold, longest));
                proptest::prop_assert!(
                    common_pairs(&a, &b) >= index.least_keys_needed(threshold, a.len())
                );
            }
        }

        #[test]
        fn banded_distance_is_the_full_distance(
            a in proptest::collection::vec(0u8..4, 0..14),
            b in proptest::collection::vec(0u8..4, 0..14),
            limit in 0usize..16,
        ) {
            let d = full_edit_distance(&a, &b);
            proptest::prop_assert_eq!(edit_distance(&a, &b, limit), (d <= limit).then_some(d));
        }
    }
}
