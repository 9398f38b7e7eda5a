//! Scoring: what each sentence offers as evidence, and the cost of a bead (a group of sentences on
//! each side that translate each other).
//!
//! Costs are in nats (negative log-likelihood, roughly): a length model in the style of Gale and
//! Church, corrected by the document pair's own length ratio, a prior per bead shape, and anchors
//! that two translations share: numbers, Latin-script tokens inside Korean, cognate stems.

use super::lexicon::{Glossary, Lexicon, fold_accents_into};
use super::numbers::number_keys;
use crate::document::{BlockKind, Document, Span, is_letter_or_digit, is_space};
use crate::lang::Lang;
use std::hash::{Hash, Hasher};

/// What one sentence brings to the comparison.
#[derive(Clone, Debug, Default)]
pub(crate) struct Profile {
    /// Characters, spaces left out.
    pub len: f64,
    /// Canonical number keys.
    pub numbers: Vec<u64>,
    /// Hashes of Latin-script words, lower-cased (all of them in Latin-script text; in Korean text,
    /// the Latin tokens such as COVID-19, ICT, 5G).
    pub latin: Vec<u64>,
    /// Hashes of acronyms and mixed tokens (ICT, COVID-19, 5G): expected on the other side too.
    pub acronyms: Vec<u64>,
    /// Hashes of cognate stems: the first four letters of longer words, accents folded.
    pub stems: Vec<u64>,
    /// Hashes of names: capitalised words in mid-sentence, accents folded (Latin script only).
    pub names: Vec<u64>,
    /// Phonetic keys of names and loanwords, comparable across Hangul and Latin script.
    pub sounds: Vec<u64>,
    /// Quotation marks in the sentence.
    pub quotes: bool,
    /// Parentheses or brackets in the sentence.
    pub parens: bool,
    /// Concepts of the built-in lexicon the sentence mentions.
    pub concepts: Vec<u32>,
    /// Index of the block the sentence belongs to.
    pub block: usize,
    /// First sentence of its block.
    pub block_start: bool,
    /// Last sentence of its block.
    pub block_end: bool,
    /// Part of the title.
    pub title: bool,
    /// In a block that cleaning could not tell from chrome.
    pub uncertain: bool,
    /// Whether `latin` and `sounds`, the evidence compared across scripts, were read: always
    /// for Korean; for Latin-script text only when asked (see [`profiles`]), since they are
    /// most of the cost of its profile.
    pub cross_script: bool,
}

impl Profile {
    /// The evidence of several sentences together (one sentence: itself, not copied).
    pub fn union(profiles: &[Profile]) -> std::borrow::Cow<'_, Profile> {
        if let [single] = profiles {
            return std::borrow::Cow::Borrowed(single);
        }
        /// The sorted, deduplicated union of sorted, deduplicated lists, merged pairwise.
        fn merged<T: Ord + Copy>(profiles: &[Profile], list: impl Fn(&Profile) -> &[T]) -> Vec<T> {
            let mut union: Vec<T> = Vec::new();
            for profile in profiles {
                let (a, b) = (std::mem::take(&mut union), list(profile));
                union.reserve(a.len() + b.len());
                let (mut i, mut j) = (0, 0);
                while i < a.len() && j < b.len() {
                    let (x, y) = (a[i], b[j]);
                    union.push(x.min(y));
                    i += usize::from(x <= y);
                    j += usize::from(y <= x);
                }
                union.extend_from_slice(&a[i..]);
                union.extend_from_slice(&b[j..]);
            }
            union
        }
        std::borrow::Cow::Owned(Profile {
            len: profiles.iter().map(|p| p.len).sum(),
            numbers: merged(profiles, |p| &p.numbers),
            latin: merged(profiles, |p| &p.latin),
            acronyms: merged(profiles, |p| &p.acronyms),
            stems: merged(profiles, |p| &p.stems),
            names: merged(profiles, |p| &p.names),
            sounds: merged(profiles, |p| &p.sounds),
            concepts: merged(profiles, |p| &p.concepts),
            quotes: profiles.iter().any(|p| p.quotes),
            parens: profiles.iter().any(|p| p.parens),
            cross_script: profiles.iter().all(|p| p.cross_script),
            ..Profile::default()
        })
    }

    /// A profile with just these key lists, in the order numbers, latin, acronyms, stems,
    /// names, sounds, concepts (sorted and deduplicated here), cross-script evidence included.
    #[cfg(test)]
    pub fn with_keys(lists: &[Vec<u64>]) -> Profile {
        let list = |k: usize| {
            let mut l = lists[k].clone();
            l.sort_unstable();
            l.dedup();
            l
        };
        Profile {
            numbers: list(0),
            latin: list(1),
            acronyms: list(2),
            stems: list(3),
            names: list(4),
            sounds: list(5),
            concepts: list(6).into_iter().map(|x| x as u32).collect(),
            cross_script: true,
            ..Profile::default()
        }
    }

    /// The evidence both `a` and `b` hold, of the kinds `model` compares (lists only); `None`
    /// when they hold none in common.
    pub fn common(a: &Profile, b: &Profile, model: &Model) -> Option<Profile> {
        fn both<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
            let (mut i, mut j, mut out) = (0, 0, Vec::new());
            while i < a.len() && j < b.len() {
                match a[i].cmp(&b[j]) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        out.push(a[i]);
                        (i, j) = (i + 1, j + 1);
                    }
                }
            }
            out
        }
        let differ = model.scripts_differ();
        let common = Profile {
            numbers: both(&a.numbers, &b.numbers),
            latin: if differ { both(&a.latin, &b.latin) } else { Vec::new() },
            acronyms: both(&a.acronyms, &b.acronyms),
            stems: if differ { Vec::new() } else { both(&a.stems, &b.stems) },
            names: if differ { Vec::new() } else { both(&a.names, &b.names) },
            sounds: if differ { both(&a.sounds, &b.sounds) } else { Vec::new() },
            concepts: both(&a.concepts, &b.concepts),
            cross_script: a.cross_script && b.cross_script,
            ..Profile::default()
        };
        let sizes = Shared::sizes(&common);
        (sizes != Shared::default()).then_some(common)
    }
}

/// The profiles of every sentence of `doc`, with the evidence compared across scripts when
/// `cross_script` (Korean text has it always).
pub(crate) fn profiles(doc: &Document, glossary: Option<&Glossary>, cross_script: bool) -> Vec<Profile> {
    (0..doc.sentences.len()).map(|i| profile_of(doc, i, doc.sentences[i].span, glossary, cross_script)).collect()
}

/// The profile of sentence `i` of `doc`, or of the part `span` of it, with the sentence's
/// place in its block.
pub(crate) fn profile_of(
    doc: &Document,
    i: usize,
    span: Span,
    glossary: Option<&Glossary>,
    cross_script: bool,
) -> Profile {
    let n = doc.sentences.len();
    let block = doc.sentences[i].block;
    let mut profile = profile_text(doc.slice(span), doc.lang, glossary, cross_script);
    profile.block = block;
    profile.block_start = i == 0 || doc.sentences[i - 1].block != block;
    profile.block_end = i + 1 == n || doc.sentences[i + 1].block != block;
    profile.title = doc.blocks[block].kind == BlockKind::Title;
    profile.uncertain = doc.blocks[block].uncertain;
    profile
}

fn hash_str(s: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// Profiles compared across scripts must hold that evidence. Debug builds stop where one
/// does not; unit tests count such comparisons (`incomplete_comparisons`), in release
/// builds too.
fn check_complete(complete: bool) {
    debug_assert!(complete, "cross-script evidence left out of a profile compared across scripts");
    #[cfg(test)]
    if !complete {
        INCOMPLETE.with(|count| count.set(count.get() + 1));
    }
}

#[cfg(test)]
thread_local! {
    static INCOMPLETE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many comparisons across scripts this thread made with a profile that lacked the
/// evidence (tests only).
#[cfg(test)]
pub(crate) fn incomplete_comparisons() -> usize {
    INCOMPLETE.with(std::cell::Cell::get)
}

/// `profile` of sentence `i` of `doc` with the evidence compared across scripts, read now if
/// it was left out.
pub(crate) fn completed<'a>(
    doc: &Document,
    i: usize,
    profile: &'a Profile,
    glossary: Option<&Glossary>,
) -> std::borrow::Cow<'a, Profile> {
    if profile.cross_script {
        std::borrow::Cow::Borrowed(profile)
    } else {
        std::borrow::Cow::Owned(profile_of(doc, i, doc.sentences[i].span, glossary, true))
    }
}

fn profile_text(text: &str, lang: Lang, glossary: Option<&Glossary>, cross_script: bool) -> Profile {
    let cross_script = cross_script || lang == Lang::Ko;
    // One pass for the length and the marks. Letters and digits, most of the text, are
    // neither spaces nor marks: only other characters are looked up.
    let (mut len, mut quotes, mut parens) = (0usize, false, false);
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        // ASCII letters and digits, then Hangul syllables (three bytes from EA to ED): most of
        // the text, counted without decoding characters.
        if byte.is_ascii_alphanumeric() {
            len += 1;
            at += 1;
            continue;
        }
        if crate::document::starts_with_hangul_syllable(&bytes[at..]) {
            len += 1;
            at += 3;
            continue;
        }
        let Some(c) = text[at..].chars().next() else { break };
        at += c.len_utf8();
        if !is_space(c) {
            len += 1;
            quotes |= QUOTES.contains(&c);
            parens |= PARENS.contains(&c);
        }
    }
    let mut p = Profile { len: len as f64, quotes, parens, cross_script, ..Profile::default() };
    p.numbers = number_keys(text, lang);
    p.concepts = Lexicon::built_in().concepts(text, lang);
    if let Some(glossary) = glossary {
        p.concepts.extend(glossary.concepts(text, lang));
    }
    p.sounds = match lang {
        Lang::Ko => super::romanize::hangul_keys(text),
        Lang::En | Lang::Es | Lang::Other(_) if cross_script => super::romanize::latin_keys(text),
        Lang::En | Lang::Es | Lang::Other(_) => Vec::new(),
    };
    let mut folded = String::new();
    let mut position = 0;
    let in_token = |c: char| is_letter_or_digit(c) || c == '-' || c == '\'';
    crate::document::for_each_run(text, in_token, |raw| {
        let first = position == 0;
        position += 1;
        let token = match raw.starts_with(['-', '\'']) || raw.ends_with(['-', '\'']) {
            true => raw.trim_matches(|c: char| c == '-' || c == '\''),
            false => raw,
        };
        if token.is_empty() {
            return;
        }
        if lang != Lang::Ko && !first && is_name(token) {
            fold_accents_into(token, &mut folded);
            p.names.push(hash_str(&folded));
        }
        // Latin part of the token: Korean often glues particles to Latin words ("ICT를").
        let latin = latin_part(token);
        if latin.is_ascii() {
            // The same reading as below, byte by byte.
            if !latin.bytes().any(|b| b.is_ascii_alphabetic()) {
                return;
            }
            fold_accents_into(latin, &mut folded);
            if lang == Lang::Ko || latin.len() >= 2 && cross_script {
                p.latin.push(hash_str(&folded));
            }
            let upper_case = latin.bytes().filter(u8::is_ascii_uppercase).count();
            if upper_case >= 2 || latin.bytes().any(|b| b.is_ascii_digit()) {
                p.acronyms.push(hash_str(&folded));
            }
            if lang != Lang::Ko && latin.len() >= 4 && latin.bytes().all(|b| b.is_ascii_alphabetic()) {
                p.stems.push(hash_str(&folded[..4]));
            }
            return;
        }
        if latin.chars().any(|c| c.is_ascii_alphabetic() || is_latin_letter(c)) {
            fold_accents_into(latin, &mut folded);
            let letters = latin.chars().count();
            if lang == Lang::Ko || letters >= 2 && cross_script {
                p.latin.push(hash_str(&folded));
            }
            let is_acronym = latin.chars().filter(|c| c.is_uppercase()).count() >= 2
                || latin.chars().any(|c| c.is_ascii_digit()) && latin.chars().any(char::is_alphabetic);
            if is_acronym {
                p.acronyms.push(hash_str(&latin.to_lowercase()));
            }
            if lang != Lang::Ko && letters >= 4 && latin.chars().all(char::is_alphabetic) {
                let stem_end = folded.char_indices().nth(4).map_or(folded.len(), |(at, _)| at);
                p.stems.push(hash_str(&folded[..stem_end]));
            }
        }
    });
    for list in [&mut p.latin, &mut p.acronyms, &mut p.stems, &mut p.names] {
        list.sort_unstable();
        list.dedup();
    }
    p
}

/// The start of `token` made of Latin letters, ASCII digits and hyphens.
fn latin_part(token: &str) -> &str {
    let end = match token.is_ascii() {
        true => token.bytes().position(|b| !(b.is_ascii_alphanumeric() || b == b'-')),
        false => token
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-' || is_latin_letter(c)))
            .map(|(at, _)| at),
    };
    &token[..end.unwrap_or(token.len())]
}

/// Capitalised words that are not names: articles, pronouns, titles and days (months: see
/// `is_english_month`; Spanish writes both in lower case).
const NOT_NAMES: &[&str] = &[
    "I",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "Sr",
    "Sra",
    "Srta",
    "Dra",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "He",
    "She",
    "It",
    "They",
    "We",
    "El",
    "La",
    "Los",
    "Las",
    "En",
    "Un",
    "Una",
    "Pero",
    "Y",
];

/// A capitalised word in mid-sentence, in lower case after: a name, most likely, which a
/// translation into another Latin-script language keeps.
fn is_name(token: &str) -> bool {
    let mut chars = token.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let rest_lower = chars.clone().any(char::is_lowercase);
    first_upper && rest_lower && token.chars().count() >= 3 && !NOT_NAMES.contains(&token) && !is_english_month(token)
}

/// "January" to "December" as written in English mid-sentence: capitalised, and no name.
fn is_english_month(token: &str) -> bool {
    let mut chars = token.chars();
    let first = chars.next().filter(char::is_ascii_uppercase).map(|c| c.to_ascii_lowercase());
    first.is_some_and(|first| crate::lang::EN_MONTHS.iter().any(|m| m.strip_prefix(first) == Some(chars.as_str())))
}

fn is_latin_letter(c: char) -> bool {
    (c as u32) < 0x250 && c.is_alphabetic()
}

/// Size of the intersection of two sorted, deduplicated lists. Branch-free steps: which list
/// moves on is data the processor cannot predict.
pub(crate) fn shared<T: Ord + Copy>(a: &[T], b: &[T]) -> u32 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += u32::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// What two sentences share, per kind of evidence. Also used for the sizes of one profile's
/// lists, and for sums and differences of such counts (inclusion–exclusion over a bead's
/// sentences).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Shared {
    pub numbers: u32,
    pub latin: u32,
    pub acronyms: u32,
    pub stems: u32,
    pub concepts: u32,
    pub names: u32,
    pub sounds: u32,
}

impl std::ops::AddAssign for Shared {
    fn add_assign(&mut self, o: Shared) {
        self.numbers += o.numbers;
        self.latin += o.latin;
        self.acronyms += o.acronyms;
        self.stems += o.stems;
        self.concepts += o.concepts;
        self.names += o.names;
        self.sounds += o.sounds;
    }
}

impl std::ops::SubAssign for Shared {
    fn sub_assign(&mut self, o: Shared) {
        self.numbers -= o.numbers;
        self.latin -= o.latin;
        self.acronyms -= o.acronyms;
        self.stems -= o.stems;
        self.concepts -= o.concepts;
        self.names -= o.names;
        self.sounds -= o.sounds;
    }
}

impl Shared {
    /// The length of each of `p`'s lists.
    pub fn sizes(p: &Profile) -> Shared {
        let len = |n: usize| n as u32;
        Shared {
            numbers: len(p.numbers.len()),
            latin: len(p.latin.len()),
            acronyms: len(p.acronyms.len()),
            stems: len(p.stems.len()),
            concepts: len(p.concepts.len()),
            names: len(p.names.len()),
            sounds: len(p.sounds.len()),
        }
    }

    /// These counts with the kinds of evidence `model` does not compare set to zero.
    pub fn compared_by(self, model: &Model) -> Shared {
        let differ = model.scripts_differ();
        let keep = |count: u32, compared: bool| if compared { count } else { 0 };
        Shared {
            latin: keep(self.latin, differ),
            stems: keep(self.stems, !differ),
            names: keep(self.names, !differ),
            sounds: keep(self.sounds, differ),
            ..self
        }
    }

    /// What `a` and `b` share, of the kinds of evidence `model` compares.
    pub fn between(a: &Profile, b: &Profile, model: &Model) -> Shared {
        let scripts_differ = model.scripts_differ();
        check_complete(!scripts_differ || a.cross_script && b.cross_script);
        Shared {
            numbers: shared(&a.numbers, &b.numbers),
            latin: if scripts_differ { shared(&a.latin, &b.latin) } else { 0 },
            acronyms: shared(&a.acronyms, &b.acronyms),
            stems: if scripts_differ { 0 } else { shared(&a.stems, &b.stems) },
            concepts: shared(&a.concepts, &b.concepts),
            names: if scripts_differ { 0 } else { shared(&a.names, &b.names) },
            sounds: if scripts_differ { shared(&a.sounds, &b.sounds) } else { 0 },
        }
    }
}

/// A 256-bit summary of the keys of a profile that a model compares: one bit per key, chosen
/// by hash. Profiles whose summaries have no bit in common share no key, so their lists need
/// no comparing; three in four sentence pairs of a document pair share nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct KeyBits([u64; 4]);

impl KeyBits {
    /// The summary of `p`'s lists of the kinds `model` compares.
    pub fn of(p: &Profile, model: &Model) -> KeyBits {
        // Multiplicative hashing: the top eight bits of key × 2⁶⁴/φ pick the bit. Each kind
        // gets its own offset, so equal keys of different kinds mostly land apart.
        fn set<T: Copy + Into<u64>>(bits: &mut [u64; 4], keys: &[T], kind: u64) {
            for &key in keys {
                let bit = (key.into() ^ kind).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56;
                bits[(bit >> 6) as usize] |= 1 << (bit & 63);
            }
        }
        let mut bits = [0; 4];
        set(&mut bits, &p.numbers, 1);
        set(&mut bits, &p.acronyms, 2);
        set(&mut bits, &p.concepts, 3);
        if model.scripts_differ() {
            check_complete(p.cross_script);
            set(&mut bits, &p.latin, 4);
            set(&mut bits, &p.sounds, 5);
        } else {
            set(&mut bits, &p.stems, 6);
            set(&mut bits, &p.names, 7);
        }
        KeyBits(bits)
    }

    /// False when the profiles summarised share no key for sure.
    pub fn may_share(self, other: KeyBits) -> bool {
        self.0.iter().zip(other.0).any(|(a, b)| a & b != 0)
    }

    /// The summary of the union of the profiles summarised.
    pub fn or(self, other: KeyBits) -> KeyBits {
        KeyBits(std::array::from_fn(|w| self.0[w] | other.0[w]))
    }
}

/// The parameters of the cost model for one language pair.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Model {
    /// Expected length of side B per character of side A (the document pair's own ratio).
    pub ratio: f64,
    /// Variance of B's length per character, as in Gale and Church.
    pub variance: f64,
    /// Which side is written in Hangul when the other is in Latin script: 0 for A, 1 for B.
    pub korean_side: Option<usize>,
}

impl Model {
    /// The model for a document pair, with lengths summed over each side's sentences.
    pub fn new(a_lang: Lang, b_lang: Lang, a_len: f64, b_len: f64) -> Model {
        let ratio = if a_len > 0.0 && b_len > 0.0 { b_len / a_len } else { 1.0 };
        let korean_side = match (a_lang == Lang::Ko, b_lang == Lang::Ko) {
            (true, false) => Some(0),
            (false, true) => Some(1),
            _ => None,
        };
        Model { ratio, variance: LENGTH_SLACK * length_variance(a_lang, b_lang, ratio), korean_side }
    }

    fn scripts_differ(&self) -> bool {
        self.korean_side.is_some()
    }
}

/// The sums over the sentences of one side of a bead.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Side {
    pub len: f64,
    pub numbers: u32,
    pub latin: u32,
    pub acronyms: u32,
    pub stems: u32,
    pub concepts: u32,
    pub names: u32,
    pub quotes: bool,
    pub parens: bool,
    pub count: usize,
    pub title: bool,
    pub crosses_block: bool,
    pub ends_block: bool,
    pub starts_block: bool,
    pub uncertain: bool,
}

impl Side {
    /// The side made of `profiles`, whose evidence united has lists of `union_sizes`.
    pub fn of(profiles: &[Profile], union_sizes: &Shared) -> Side {
        let mut side = Side {
            count: profiles.len(),
            numbers: union_sizes.numbers,
            latin: union_sizes.latin,
            acronyms: union_sizes.acronyms,
            stems: union_sizes.stems,
            concepts: union_sizes.concepts,
            names: union_sizes.names,
            ..Side::default()
        };
        for p in profiles {
            side.len += p.len;
            side.title |= p.title;
            side.uncertain |= p.uncertain;
            side.quotes |= p.quotes;
            side.parens |= p.parens;
        }
        if let (Some(first), Some(last)) = (profiles.first(), profiles.last()) {
            side.crosses_block = first.block != last.block;
            side.ends_block = last.block_end;
            side.starts_block = first.block_start;
        }
        side
    }
}

/// Variance of a translation's length around the document's ratio, per character of the mean
/// length, in the second language's characters: E[(b - ratio·a)² / mean]. Fitted on the gold
/// alignments of corpus/ (`length_variances_match_the_corpus` re-derives them).
const LENGTH_VARIANCE: &[(Lang, Lang, f64)] =
    &[(Lang::En, Lang::Ko, 1.39), (Lang::En, Lang::Es, 0.90), (Lang::Ko, Lang::Es, 3.85)];

/// The fitted variance measures sentences that are translations; the search also weighs
/// sentences that are not, and a length model this sharp outvotes the anchors. Widening it
/// by this factor keeps length one voice among several (chosen on the dev set).
const LENGTH_SLACK: f64 = 8.0;

/// The fitted variance for the pair (a, b), in b's characters: a table entry for (a, b), or
/// for (b, a) converted to b's units (b's characters per a's: `ratio`).
pub(crate) fn length_variance(a: Lang, b: Lang, ratio: f64) -> f64 {
    LENGTH_VARIANCE
        .iter()
        .find_map(|&(x, y, v)| {
            if (x, y) == (a, b) {
                Some(v)
            } else if (x, y) == (b, a) {
                Some(v * ratio)
            } else {
                None
            }
        })
        .unwrap_or(1.0 * ratio.max(1.0))
}

/// Prior cost of a bead shape (a sentences, b sentences).
fn shape_cost(a: usize, b: usize) -> f64 {
    match (a, b) {
        (1, 1) => 0.0,
        (1, 2) | (2, 1) => 2.3,
        (2, 2) => 4.5,
        (1, 3) | (3, 1) => 4.5,
        _ => 6.0,
    }
}

/// Cost of leaving one sentence unaligned (a 1-0 or 0-1 bead).
pub(crate) const SKIP_COST: f64 = 4.0;

/// Quotation marks in any of our languages; a quote is kept as a quote in translation.
const QUOTES: &[char] = &['"', '“', '”', '«', '»', '「', '」', '『', '』'];
/// Parentheses and brackets, halfwidth and fullwidth.
const PARENS: &[char] = &['(', ')', '[', ']', '（', '）'];
/// Reward when both sides quote (or both use parentheses); cost when only one does.
const PUNCT_WEIGHT: f64 = 0.8;

/// Reward per name both Latin-script sides mention; cost per name one side has alone.
const NAME_WEIGHT: f64 = 1.0;
const NAME_MISS_WEIGHT: f64 = 0.4;

/// Reward per phonetic key a Hangul and a Latin-script side share.
const SOUND_WEIGHT: f64 = 0.5;

/// Reward per lexicon concept both sides mention.
const CONCEPT_WEIGHT: f64 = 1.2;
/// Cost per concept only one side mentions (translations paraphrase: mild).
const CONCEPT_MISS_WEIGHT: f64 = 0.3;

/// Cost of leaving unaligned a sentence that may be chrome: cheap, it probably is.
const UNCERTAIN_SKIP_COST: f64 = 3.0;

/// Extra cost of pairing a sentence that may be chrome: evidence must outweigh it.
const UNCERTAIN_PAIR_COST: f64 = 3.5;

/// Cost of leaving sentence `p` unaligned.
pub(crate) fn skip_cost(p: &Profile) -> f64 {
    if p.uncertain { UNCERTAIN_SKIP_COST } else { SKIP_COST }
}

/// Cost of a bead with sides `a` and `b` and what they share.
pub(crate) fn bead_cost(model: &Model, a: &Side, b: &Side, sh: &Shared) -> f64 {
    let mut cost = shape_cost(a.count, b.count);

    // Length: how far B's length is from what A's predicts, in standard deviations.
    let expected = a.len * model.ratio;
    let mean = (expected + b.len) / 2.0;
    let delta = (b.len - expected) / (model.variance * mean.max(1.0)).sqrt();
    cost += delta * delta / 2.0;

    // Numbers: shared ones are strong anchors; one side's alone speaks against the pair.
    let unmatched_numbers = (a.numbers + b.numbers).saturating_sub(2 * sh.numbers);
    cost -= 2.5 * f64::from(sh.numbers.min(6));
    cost += 1.2 * f64::from(unmatched_numbers.min(5));

    if let Some(korean_side) = model.korean_side {
        // Latin tokens in the Korean text: found on the other side, or not.
        let ko = if korean_side == 0 { a } else { b };
        let found = sh.latin.min(ko.latin);
        cost -= 2.0 * f64::from(found.min(5));
        cost += 1.0 * f64::from((ko.latin - found).min(4));
        let unmatched_acronyms = (a.acronyms + b.acronyms).saturating_sub(2 * sh.acronyms);
        cost += 0.8 * f64::from(unmatched_acronyms.min(4));
        // Names and loanwords that sound alike ("정의용" and "Chung Eui-yong").
        cost -= SOUND_WEIGHT * f64::from(sh.sounds.min(4));
    } else {
        let total = f64::from(a.stems + b.stems);
        if total > 0.0 {
            let dice = 2.0 * f64::from(sh.stems) / total;
            cost += 10.0 * (0.15 - dice);
        }
        let unmatched_acronyms = (a.acronyms + b.acronyms).saturating_sub(2 * sh.acronyms);
        cost += 0.5 * f64::from(unmatched_acronyms.min(4));
        // Names stay names between English and Spanish.
        let unmatched_names = (a.names + b.names).saturating_sub(2 * sh.names);
        cost -= NAME_WEIGHT * f64::from(sh.names.min(5));
        cost += NAME_MISS_WEIGHT * f64::from(unmatched_names.min(5));
    }

    for side in [a, b] {
        if side.uncertain {
            cost += UNCERTAIN_PAIR_COST;
        }
    }

    // Lexicon concepts: shared ones are anchors; one side's alone speak mildly against.
    let unmatched_concepts = (a.concepts + b.concepts).saturating_sub(2 * sh.concepts);
    cost -= CONCEPT_WEIGHT * f64::from(sh.concepts.min(8));
    cost += CONCEPT_MISS_WEIGHT * f64::from(unmatched_concepts.min(8));

    // Quotes and parentheses survive translation.
    for (x, y) in [(a.quotes, b.quotes), (a.parens, b.parens)] {
        cost += match (x, y) {
            (true, true) => -PUNCT_WEIGHT,
            (false, false) => 0.0,
            _ => PUNCT_WEIGHT,
        };
    }

    // Structure: titles pair with titles; beads keep to paragraphs.
    if a.title && b.title {
        cost -= 2.0;
    } else if a.title != b.title {
        cost += 1.5;
    }
    if a.crosses_block || b.crosses_block {
        cost += 2.0;
    }
    if a.ends_block != b.ends_block {
        cost += 0.7;
    }
    if a.starts_block != b.starts_block {
        cost += 0.7;
    }
    cost
}

/// Turns a bead's cost into a confidence in [0, 1]: low cost, high confidence.
pub(crate) fn confidence(cost: f64) -> f64 {
    1.0 / (1.0 + (1.2 * (cost - 3.0)).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalised_months_and_articles_are_no_names() {
        for word in ["January", "May", "December", "The", "Pero", "Monday"] {
            assert!(!is_name(word), "{word}");
        }
        for word in ["Janet", "Mayo", "Decembers", "Chung", "Bogotá"] {
            assert!(is_name(word), "{word}");
        }
    }

    /// The length variances in LENGTH_VARIANCE are fitted on corpus/: derive them again from
    /// the gold alignments there (whitespace-free lengths, each document's own ratio).
    #[test]
    fn length_variances_match_the_corpus() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut golds: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".gold.tsv"))
            .collect();
        golds.sort();
        assert!(golds.len() >= 4);
        let len = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count() as f64;
        let column = |lang: Lang| match lang {
            Lang::En => 0,
            Lang::Ko => 1,
            Lang::Es => 2,
            Lang::Other(_) => unreachable!("the table fits the corpus' three languages"),
        };
        for &(a, b, fitted) in LENGTH_VARIANCE {
            let (mut sum, mut rows) = (0.0, 0);
            for gold in &golds {
                let text = std::fs::read_to_string(gold).unwrap();
                let pairs: Vec<(f64, f64)> = text
                    .lines()
                    .skip(1)
                    .map(|l| l.split('\t').collect::<Vec<_>>())
                    .filter(|cells| !cells[column(a)].is_empty() && !cells[column(b)].is_empty())
                    .map(|cells| (len(cells[column(a)]), len(cells[column(b)])))
                    .collect();
                let ratio = pairs.iter().map(|p| p.1).sum::<f64>() / pairs.iter().map(|p| p.0).sum::<f64>();
                for (la, lb) in pairs {
                    let expected = ratio * la;
                    sum += (lb - expected).powi(2) / ((expected + lb) / 2.0).max(1.0);
                    rows += 1;
                }
            }
            let measured = sum / f64::from(rows);
            assert!((measured - fitted).abs() < 0.01, "{a}-{b}: corpus gives {measured:.3}, table has {fitted}");
        }
    }

    #[test]
    fn variance_converts_between_directions() {
        // Korean to English: English characters per Korean one (about 2.2) scale the table's
        // English-to-Korean variance into English units.
        assert!((length_variance(Lang::Ko, Lang::En, 2.2) - 1.39 * 2.2).abs() < 1e-9);
        assert!((length_variance(Lang::En, Lang::Ko, 0.45) - 1.39).abs() < 1e-9);
    }

    proptest::proptest! {
        /// A summary never says "nothing shared" of profiles that share a compared key, and
        /// does say it of some that share none (it is not all ones).
        #[test]
        fn key_bits_never_hide_a_shared_key(
            a in proptest::collection::vec(proptest::collection::vec(0u64..40, 0..6), 7),
            b in proptest::collection::vec(proptest::collection::vec(0u64..40, 0..6), 7),
            korean in proptest::bool::ANY,
        ) {
            let model = Model::new(Lang::En, if korean { Lang::Ko } else { Lang::Es }, 100.0, 100.0);
            let (a, b) = (Profile::with_keys(&a), Profile::with_keys(&b));
            if Shared::between(&a, &b, &model) != Shared::default() {
                proptest::prop_assert!(KeyBits::of(&a, &model).may_share(KeyBits::of(&b, &model)));
            }
        }
    }

    #[test]
    fn length_quotes_and_parentheses_are_read_in_one_pass_as_their_definitions_say() {
        for text in
            ["Él dijo «sí» (ayer).", "그는 「예」라고 말했다（어제）.", "No\u{a0}marks\there, 12 3", "\"Q\" [x]", ""]
        {
            let p = profile_text(text, Lang::Es, None, true);
            assert_eq!(p.len, text.chars().filter(|c| !is_space(*c)).count() as f64, "{text}");
            assert_eq!(p.quotes, text.contains(QUOTES), "{text}");
            assert_eq!(p.parens, text.contains(PARENS), "{text}");
        }
    }

    /// The token keys of a profile as first written: character by character, one pass per
    /// question.
    fn token_keys_by_definition(text: &str, lang: Lang, cross_script: bool) -> [Vec<u64>; 4] {
        let fold = |w: &str| {
            let mut out = String::new();
            fold_accents_into(w, &mut out);
            out
        };
        let (mut latin, mut acronyms, mut stems, mut names) = (vec![], vec![], vec![], vec![]);
        let tokens = text.split(|c: char| !(is_letter_or_digit(c) || c == '-' || c == '\''));
        for (position, token) in tokens.filter(|t| !t.is_empty()).enumerate() {
            let token = token.trim_matches(|c: char| c == '-' || c == '\'');
            if token.is_empty() {
                continue;
            }
            if lang != Lang::Ko && position > 0 && is_name(token) {
                names.push(hash_str(&fold(token)));
            }
            let latin_end = token
                .char_indices()
                .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-' || is_latin_letter(c)))
                .map_or(token.len(), |(at, _)| at);
            let part = &token[..latin_end];
            if part.chars().any(|c| c.is_ascii_alphabetic() || is_latin_letter(c)) {
                let folded = fold(part);
                let letters = part.chars().count();
                if lang == Lang::Ko || letters >= 2 && cross_script {
                    latin.push(hash_str(&folded));
                }
                if part.chars().filter(|c| c.is_uppercase()).count() >= 2
                    || part.chars().any(|c| c.is_ascii_digit()) && part.chars().any(char::is_alphabetic)
                {
                    acronyms.push(hash_str(&part.to_lowercase()));
                }
                if lang != Lang::Ko && letters >= 4 && part.chars().all(char::is_alphabetic) {
                    let stem_end = folded.char_indices().nth(4).map_or(folded.len(), |(at, _)| at);
                    stems.push(hash_str(&folded[..stem_end]));
                }
            }
        }
        let mut lists = [latin, acronyms, stems, names];
        for list in &mut lists {
            list.sort_unstable();
            list.dedup();
        }
        lists
    }

    proptest::proptest! {
        #[test]
        fn token_keys_are_read_as_first_defined(
            text in "([a-zA-Z0-9À-ɏ가-힣\\-']{1,7}|[ ,.;()\"“”\u{a0}]{1,2}|[Ωσ٣\u{300}]){0,12}",
            lang in proptest::sample::select(vec![Lang::En, Lang::Es, Lang::Ko]),
            cross_script in proptest::bool::ANY,
        ) {
            let p = profile_text(&text, lang, None, cross_script);
            let [latin, acronyms, stems, names] = token_keys_by_definition(&text, lang, cross_script || lang == Lang::Ko);
            proptest::prop_assert_eq!(&p.latin, &latin);
            proptest::prop_assert_eq!(&p.acronyms, &acronyms);
            proptest::prop_assert_eq!(&p.stems, &stems);
            proptest::prop_assert_eq!(&p.names, &names);
        }
    }

    #[test]
    fn key_bits_tell_apart_profiles_with_nothing_in_common() {
        let model = Model::new(Lang::En, Lang::Es, 100.0, 100.0);
        let with_stems = |stems: Vec<u64>| Profile { stems, ..Profile::default() };
        let (a, b) = (with_stems(vec![1, 2, 3]), with_stems(vec![4, 5, 6]));
        assert!(!KeyBits::of(&a, &model).may_share(KeyBits::of(&b, &model)));
        assert!(KeyBits::of(&a, &model).may_share(KeyBits::of(&with_stems(vec![3, 9]), &model)));
        assert!(!KeyBits::of(&a, &model).may_share(KeyBits::default()));
    }
}
