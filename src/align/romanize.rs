//! Cross-script name and loanword keys: "정의용" = "Chung Eui-yong", "코스타리카" = "Costa Rica".
//!
//! Korean writes foreign names and loanwords by sound, and romanises Korean names in several
//! competing systems, so string similarity between the scripts is useless. This module gives the
//! aligner a cheap signal anyway: both sides are reduced to a *phonetic skeleton* over a small
//! consonant alphabet (b/p/v/f and ㅂ/ㅍ are one class, l/r and ㄹ one class, vowels vanish but a
//! leading vowel is kept as a symbol, ...) and the first few skeleton symbols are hashed into a
//! key. A transliteration and its original then share a key with high probability, while the
//! scorer only has to intersect two short sorted lists of `u64` per sentence pair.
//!
//! The skeleton absorbs the systematic differences: Korean's epenthetic 으 ("브리스톨" for
//! "Bristol") and all other vowels are dropped, f/v/th/z collapse into the classes Korean renders
//! them with (ㅍ/ㅂ/ㅅ/ㅈ), doubled consonants collapse, a silent initial ㅇ and an English initial
//! vowel (or y/w/h) both become the leading-vowel symbol. What the skeleton cannot absorb is
//! handled by a few alternative keys: soft g/c, th as s, ch as k, Spanish j as h, and the
//! conventional spellings of Korean family names (이 Lee/Rhee, 박 Park, 노 Roh, ...).
//!
//! [`romanize`] is the human-readable layer (Revised Romanization plus the usual variants used in
//! names); the keys are computed from the same jamo tables directly, which avoids the ambiguity of
//! romanised syllable boundaries ("한국" hanguk is not han-guk's ng).

use super::memo::Memo;
use std::hash::{Hash, Hasher};

/// Phonetic classes of the skeleton. `V` marks a word that starts with a vowel sound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Sym {
    V,
    P,
    T,
    K,
    S,
    R,
    M,
    N,
    G,
}

/// Lowercase words need a skeleton this long to be keyed: short common words match too much.
const LOWERCASE_MIN_LEN: usize = 4;
/// How many leading skeleton symbols (including a leading `V`) make a key.
const PREFIX: usize = 4;
/// Skeletons shorter than this make no key: they match too much.
const MIN_LEN: usize = 2;
/// At most this many romanisation candidates per word.
const MAX_CANDIDATES: usize = 8;

const SYLLABLE_FIRST: u32 = 0xAC00;
const SYLLABLE_LAST: u32 = 0xD7A3;
const VOWELS_COUNT: u32 = 21;
const FINALS_COUNT: u32 = 28;

/// Initial consonants in Unicode order: Revised Romanization first, then variants used in names
/// and loanwords; and the skeleton class (None: silent ㅇ, dropped ㅎ).
const INITIALS: [(&[&str], Option<Sym>); 19] = [
    (&["g", "k"], Some(Sym::K)),      // ㄱ
    (&["kk", "gg"], Some(Sym::K)),    // ㄲ
    (&["n"], Some(Sym::N)),           // ㄴ
    (&["d", "t"], Some(Sym::T)),      // ㄷ
    (&["tt", "dd"], Some(Sym::T)),    // ㄸ
    (&["r", "l"], Some(Sym::R)),      // ㄹ
    (&["m"], Some(Sym::M)),           // ㅁ
    (&["b", "p", "v"], Some(Sym::P)), // ㅂ
    (&["pp", "bb"], Some(Sym::P)),    // ㅃ
    (&["s", "sh"], Some(Sym::S)),     // ㅅ
    (&["ss"], Some(Sym::S)),          // ㅆ
    (&[""], None),                    // ㅇ
    (&["j", "ch"], Some(Sym::S)),     // ㅈ
    (&["jj"], Some(Sym::S)),          // ㅉ
    (&["ch", "j"], Some(Sym::S)),     // ㅊ
    (&["k"], Some(Sym::K)),           // ㅋ
    (&["t"], Some(Sym::T)),           // ㅌ
    (&["p", "f"], Some(Sym::P)),      // ㅍ
    (&["h"], None),                   // ㅎ
];

/// Vowels in Unicode order: Revised Romanization first, then common variants.
const VOWELS: [&[&str]; 21] = [
    &["a"],              // ㅏ
    &["ae", "a", "e"],   // ㅐ
    &["ya"],             // ㅑ
    &["yae", "ye"],      // ㅒ
    &["eo", "u", "o"],   // ㅓ
    &["e"],              // ㅔ
    &["yeo", "you"],     // ㅕ
    &["ye"],             // ㅖ
    &["o"],              // ㅗ
    &["wa"],             // ㅘ
    &["wae", "we"],      // ㅙ
    &["oe", "oi", "we"], // ㅚ
    &["yo"],             // ㅛ
    &["u", "oo"],        // ㅜ
    &["wo"],             // ㅝ
    &["we"],             // ㅞ
    &["wi"],             // ㅟ
    &["yu", "yoo"],      // ㅠ
    &["eu", "u"],        // ㅡ
    &["ui", "ei"],       // ㅢ
    &["i"],              // ㅣ
];

/// Final consonants in Unicode order (index 0: none): romanisation and skeleton classes. A final
/// ㅅ is t, as in loanwords ("인터넷" internet).
const FINALS: [(&[&str], &[Sym]); 28] = [
    (&[""], &[]),                // none
    (&["k", "g"], &[Sym::K]),    // ㄱ
    (&["k"], &[Sym::K]),         // ㄲ
    (&["k"], &[Sym::K, Sym::S]), // ㄳ
    (&["n"], &[Sym::N]),         // ㄴ
    (&["n"], &[Sym::N, Sym::S]), // ㄵ
    (&["n"], &[Sym::N]),         // ㄶ
    (&["t"], &[Sym::T]),         // ㄷ
    (&["l", "r"], &[Sym::R]),    // ㄹ
    (&["k"], &[Sym::R, Sym::K]), // ㄺ
    (&["m"], &[Sym::R, Sym::M]), // ㄻ
    (&["l"], &[Sym::R, Sym::P]), // ㄼ
    (&["l"], &[Sym::R, Sym::S]), // ㄽ
    (&["l"], &[Sym::R, Sym::T]), // ㄾ
    (&["p"], &[Sym::R, Sym::P]), // ㄿ
    (&["l"], &[Sym::R]),         // ㅀ
    (&["m"], &[Sym::M]),         // ㅁ
    (&["p", "b"], &[Sym::P]),    // ㅂ
    (&["p"], &[Sym::P, Sym::S]), // ㅄ
    (&["t"], &[Sym::T]),         // ㅅ
    (&["t"], &[Sym::T]),         // ㅆ
    (&["ng"], &[Sym::G]),        // ㅇ
    (&["t"], &[Sym::T]),         // ㅈ
    (&["t"], &[Sym::T]),         // ㅊ
    (&["k"], &[Sym::K]),         // ㅋ
    (&["t"], &[Sym::T]),         // ㅌ
    (&["p"], &[Sym::P]),         // ㅍ
    (&["t"], &[]),               // ㅎ
];

/// Conventional spellings of syllables in Korean personal names, where they differ from the
/// jamo-by-jamo reading: used as whole-syllable alternatives (mostly family names).
const NAME_SYLLABLES: &[(char, &[&str])] = &[
    ('정', &["jeong", "chung", "jung"]),
    ('최', &["choe", "choi"]),
    ('이', &["lee", "yi", "i", "rhee"]),
    ('리', &["ri", "lee"]),
    ('박', &["bak", "park"]),
    ('김', &["gim", "kim"]),
    ('노', &["no", "roh", "noh"]),
    ('류', &["ryu", "yoo", "yu"]),
    ('유', &["yu", "yoo"]),
    ('임', &["im", "lim"]),
    ('림', &["rim", "lim"]),
    ('라', &["ra", "la"]),
    ('나', &["na", "ra"]),
    ('양', &["yang", "lyang"]),
    ('여', &["yeo", "yuh"]),
    ('오', &["o", "oh"]),
    ('우', &["u", "woo"]),
    ('신', &["sin", "shin"]),
    ('심', &["sim", "shim"]),
    ('조', &["jo", "cho"]),
    ('문', &["mun", "moon"]),
    ('윤', &["yun", "yoon"]),
    ('강', &["gang", "kang"]),
    ('권', &["gwon", "kwon"]),
    ('곽', &["gwak", "kwak"]),
    ('구', &["gu", "koo"]),
    ('국', &["guk", "kook"]),
    ('길', &["gil", "kil"]),
    ('반', &["ban"]),
    ('배', &["bae", "pae"]),
    ('변', &["byeon", "byun"]),
    ('성', &["seong", "sung"]),
    ('손', &["son", "sohn"]),
    ('송', &["song"]),
    ('안', &["an", "ahn"]),
    ('엄', &["eom", "um"]),
    ('원', &["won"]),
    ('은', &["eun"]),
    ('장', &["jang", "chang"]),
    ('전', &["jeon", "chun", "jun"]),
    ('주', &["ju", "joo"]),
    ('지', &["ji", "chi"]),
    ('진', &["jin", "chin"]),
    ('차', &["cha"]),
    ('한', &["han"]),
    ('허', &["heo", "huh"]),
    ('현', &["hyeon", "hyun"]),
    ('홍', &["hong"]),
    ('황', &["hwang"]),
    ('고', &["go", "ko"]),
    ('남', &["nam"]),
    ('민', &["min"]),
    ('백', &["baek", "paik"]),
    ('서', &["seo", "suh"]),
    ('석', &["seok", "suk"]),
    ('설', &["seol", "sul"]),
    ('소', &["so"]),
    ('염', &["yeom", "yum"]),
    ('왕', &["wang"]),
    ('하', &["ha"]),
    ('함', &["ham"]),
    ('표', &["pyo"]),
    ('채', &["chae"]),
    ('천', &["cheon", "chun"]),
    ('추', &["chu", "choo"]),
    ('도', &["do", "doh"]),
    ('명', &["myeong", "myung"]),
    ('방', &["bang"]),
    ('선', &["seon", "sun"]),
    ('연', &["yeon"]),
    ('인', &["in"]),
    ('태', &["tae"]),
    ('경', &["gyeong", "kyung"]),
];

/// Particles and endings that attach to Korean nouns, longest first within each shared suffix.
/// A word is keyed both whole and with each matching ending removed.
const PARTICLES: &[&str] = &[
    "으로부터",
    "이라고",
    "에서는",
    "으로는",
    "으로서",
    "으로써",
    "에게서",
    "로부터",
    "에게는",
    "이라는",
    "이었다",
    "였다",
    "에서",
    "으로",
    "께서",
    "에게",
    "라고",
    "라는",
    "에는",
    "에도",
    "로는",
    "로서",
    "로써",
    "과의",
    "와의",
    "과는",
    "와는",
    "까지",
    "부터",
    "보다",
    "처럼",
    "한테",
    "이나",
    "이며",
    "이고",
    "이다",
    "이가",
    "들은",
    "들이",
    "들의",
    "들을",
    "측은",
    "측이",
    "씨는",
    "씨가",
    "씨의",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "로",
    "와",
    "과",
    "도",
    "만",
    "등",
    "나",
    "며",
    "측",
    "씨",
    "들",
];

/// Capitalised words that are not names (sentence-initial function words, English and Spanish).
const LATIN_STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "as", "at", "but", "by", "for", "from", "he", "her", "his", "i",
    "if", "in", "is", "it", "its", "mr", "mrs", "ms", "dr", "no", "not", "of", "on", "or", "our", "she", "so", "that",
    "the", "their", "there", "these", "they", "this", "those", "to", "we", "what", "when", "where", "which", "while",
    "who", "with", "you", "el", "la", "los", "las", "lo", "en", "un", "una", "unos", "unas", "por", "para", "con",
    "de", "del", "al", "y", "o", "pero", "que", "se", "su", "sus", "es", "como", "sin", "sobre", "este", "esta",
    "estos", "estas", "ese", "esa", "ya", "si", "le", "les", "sr", "sra",
];

/// True for the words of [`LATIN_STOPWORDS`]; asked for every word, so a set, not a scan.
fn is_stopword(word: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| LATIN_STOPWORDS.iter().copied().collect()).contains(word)
}

/// Capitalised function words that begin two-word names written as one in Korean ("El Salvador"
/// 엘살바도르, "Los Angeles" 로스앤젤레스, "La Paz" 라파스).
const NAME_ARTICLES: &[&str] = &["el", "la", "las", "los", "le", "de", "san", "santa", "new"];

/// Lowercase words of at least this many letters are keyed too (loanwords: "forum", "digital").
const MIN_LOWERCASE_LEN: usize = 4;

/// Romanisation candidates of a Hangul word (other characters are kept as they are), Revised
/// Romanization first, then name and loanword variants; at most a few.
pub fn romanize(word: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in word.chars() {
        let options: Vec<String> = match NAME_SYLLABLES.iter().find(|(s, _)| *s == c) {
            Some((_, spellings)) => spellings.iter().map(|s| s.to_string()).collect(),
            None => match decompose(c) {
                Some((i, v, f)) => syllable_spellings(i, v, f),
                None => vec![c.to_lowercase().collect()],
            },
        };
        let mut next = Vec::with_capacity(MAX_CANDIDATES);
        // Breadth-first over the options, so the first candidate stays the standard reading.
        for (k, option) in options.iter().enumerate() {
            for prefix in &out {
                if next.len() < MAX_CANDIDATES || k == 0 {
                    next.push(format!("{prefix}{option}"));
                }
            }
        }
        next.truncate(MAX_CANDIDATES);
        out = next;
    }
    out
}

/// Spellings of one syllable: every initial variant with the standard vowel and final, then the
/// vowel and final variants with the standard initial.
fn syllable_spellings(i: usize, v: usize, f: usize) -> Vec<String> {
    let (ini, _) = INITIALS[i];
    let vow = VOWELS[v];
    let (fin, _) = FINALS[f];
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for a in ini {
        push(format!("{a}{}{}", vow[0], fin[0]));
    }
    for b in vow {
        push(format!("{}{b}{}", ini[0], fin[0]));
    }
    for c in fin {
        push(format!("{}{}{c}", ini[0], vow[0]));
    }
    out
}

/// Indexes (initial, vowel, final) of a precomposed Hangul syllable.
fn decompose(c: char) -> Option<(usize, usize, usize)> {
    let code = c as u32;
    if !(SYLLABLE_FIRST..=SYLLABLE_LAST).contains(&code) {
        return None;
    }
    let s = code - SYLLABLE_FIRST;
    let i = s / (VOWELS_COUNT * FINALS_COUNT);
    let v = (s % (VOWELS_COUNT * FINALS_COUNT)) / FINALS_COUNT;
    let f = s % FINALS_COUNT;
    Some((i as usize, v as usize, f as usize))
}

fn is_hangul(c: char) -> bool {
    decompose(c).is_some()
}

/// Keys of the names and loanwords in a Korean word (or any text: only Hangul runs count). Sorted,
/// deduplicated.
pub(crate) fn hangul_keys(word: &str) -> Vec<u64> {
    let mut keys = Vec::new();
    for run in word.split(|c| !is_hangul(c)).filter(|r| !r.is_empty()) {
        HANGUL_RUN_KEYS.with_borrow_mut(|memo| {
            keys.extend_from_slice(memo.get_or_insert(run, || {
                let mut run_keys = Vec::new();
                for stem in stems(run) {
                    hangul_stem_keys(&stem.chars().collect::<Vec<char>>(), &mut run_keys);
                }
                run_keys
            }))
        });
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

thread_local! {
    /// Keys of each Hangul run.
    static HANGUL_RUN_KEYS: std::cell::RefCell<Memo<Vec<u64>>> = std::cell::RefCell::default();
    /// What each Latin-script token (as written) gives.
    static LATIN_TOKENS: std::cell::RefCell<Memo<Option<LatinToken>>> = std::cell::RefCell::default();
}

/// What `latin_keys` takes from one token as written: all of it a function of the token alone.
struct LatinToken {
    /// Folded parts (hyphens split), the letters of each.
    folded_parts: Vec<String>,
    capitalised: bool,
    stop: bool,
    /// The keys of the token alone.
    keys: Vec<u64>,
    /// Whether it can start a two-word name.
    starts_name: bool,
}

impl LatinToken {
    /// `None` for a token without letters.
    fn read(token: &str) -> Option<LatinToken> {
        let parts: Vec<&str> = token.split('-').filter(|p| p.chars().any(char::is_alphabetic)).collect();
        let first = parts.first()?;
        let capitalised = first.chars().next().is_some_and(char::is_uppercase);
        let folded_parts: Vec<String> = parts.iter().map(|p| fold(p)).collect();
        let folded = folded_parts.concat();
        let stop = is_stopword(&folded);
        let mut keys = Vec::new();
        if !stop && (capitalised || folded.len() >= MIN_LOWERCASE_LEN) {
            let min = if capitalised { MIN_LEN } else { LOWERCASE_MIN_LEN };
            word_keys(&folded_parts, min, &mut keys);
            if folded_parts.len() > 1 {
                for part in &folded_parts {
                    word_keys(std::slice::from_ref(part), min, &mut keys);
                }
            }
        }
        let starts_name = capitalised && (!stop || NAME_ARTICLES.contains(&folded.as_str()));
        Some(LatinToken { folded_parts, capitalised, stop, keys, starts_name })
    }
}

/// The word and the word without each particle that ends it.
fn stems(run: &str) -> Vec<&str> {
    let mut out = vec![run];
    // Only the particles that end in the word's last character can end the word.
    let Some(last) = run.chars().next_back() else { return out };
    let ending_in = particles_by_last_char().get(&last).map_or(&[][..], Vec::as_slice);
    out.extend(ending_in.iter().filter_map(|particle| run.strip_suffix(particle)).filter(|stem| !stem.is_empty()));
    out
}

/// [`PARTICLES`] by their last character, in the table's order.
fn particles_by_last_char() -> &'static rustc_hash::FxHashMap<char, Vec<&'static str>> {
    static BY_LAST: std::sync::OnceLock<rustc_hash::FxHashMap<char, Vec<&'static str>>> = std::sync::OnceLock::new();
    BY_LAST.get_or_init(|| {
        let mut by_last = rustc_hash::FxHashMap::<char, Vec<&'static str>>::default();
        for particle in PARTICLES {
            if let Some(last) = particle.chars().next_back() {
                by_last.entry(last).or_default().push(particle);
            }
        }
        by_last
    })
}

fn hangul_stem_keys(stem: &[char], keys: &mut Vec<u64>) {
    let name_alts = NAME_SYLLABLES.iter().find(|(s, _)| Some(s) == stem.first()).map(|(_, a)| *a);
    match stem.len() {
        0 => {}
        // One syllable: only family names (written apart: "정 실장").
        1 => {
            if let Some(alts) = name_alts {
                push_key(&hangul_skeleton(stem), keys);
                for alt in alts {
                    push_key(&latin_skeleton(alt, Reading::Plain), keys);
                }
            }
        }
        n => {
            push_key(&hangul_skeleton(stem), keys);
            if let (3, Some(alts)) = (n, name_alts) {
                // Family name + given name: as one Latin word group, or as two.
                let given = hangul_skeleton(&stem[1..]);
                push_key(&given, keys);
                push_key(&hangul_skeleton(&stem[..1]), keys);
                for alt in alts {
                    let family = latin_skeleton(alt, Reading::Plain);
                    push_key(&family, keys);
                    let mut whole = family;
                    whole.extend(given.iter().filter(|s| **s != Sym::V));
                    push_key(&normalize(whole), keys);
                }
            }
        }
    }
}

/// The skeleton of a run of Hangul syllables.
fn hangul_skeleton(syllables: &[char]) -> Vec<Sym> {
    let mut out = Vec::new();
    for (n, c) in syllables.iter().enumerate() {
        let Some((i, _, f)) = decompose(*c) else { continue };
        match INITIALS[i].1 {
            Some(sym) => out.push(sym),
            None if n == 0 => out.push(Sym::V),
            None => {}
        }
        out.extend_from_slice(FINALS[f].1);
    }
    normalize(out)
}

/// Keys of a Latin-script word (or text: words are split at anything but letters and
/// apostrophes). Only words likely to be names or loanwords are keyed; hyphenated parts are keyed
/// alone and joined, and two adjacent capitalised words are also keyed together ("New Deal" =
/// "뉴딜"). Sorted, deduplicated.
pub(crate) fn latin_keys(word: &str) -> Vec<u64> {
    let mut keys = Vec::new();
    LATIN_TOKENS.with_borrow_mut(|memo| {
        // The previous word's parts, if it can start a two-word name.
        let mut previous: Option<Vec<String>> = None;
        for token in word.split(|c: char| !(crate::document::is_letter(c) || c == '-' || c == '\'' || c == '’')) {
            // Short lower-case words ("of", "la", and the empty pieces between separators) have
            // no key and start no name: what reading them would say, without the memo.
            let short_lower_case =
                token.len() < MIN_LOWERCASE_LEN && token.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase());
            if short_lower_case {
                previous = None;
                continue;
            }
            let Some(read) = memo.get_or_insert(token, || LatinToken::read(token)) else {
                previous = None;
                continue;
            };
            keys.extend_from_slice(&read.keys);
            if let Some(prev) = &previous
                && read.capitalised
                && !read.stop
            {
                let both: Vec<String> = prev.iter().chain(&read.folded_parts).cloned().collect();
                word_keys(&both, MIN_LEN, &mut keys);
            }
            previous = read.starts_name.then(|| read.folded_parts.clone());
        }
    });
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Keys of the word made of `parts` (hyphenated parts, or two words of a name; each folded), in
/// each reading.
fn word_keys(parts: &[String], min: usize, keys: &mut Vec<u64>) {
    let (mut letters, mut skeleton) = (Vec::new(), Vec::new());
    for reading in [Reading::Plain, Reading::English, Reading::Spanish] {
        // Each part is read on its own ("Ban Ki-moon": the n of Ban is not the ng of "bank").
        skeleton.clear();
        for (n, part) in parts.iter().enumerate() {
            let start = skeleton.len();
            read_skeleton(part.as_bytes(), reading, &mut letters, &mut skeleton);
            if n > 0 {
                // Only the first part's leading vowel counts.
                let mut position = 0;
                skeleton.retain(|sym| {
                    position += 1;
                    position <= start || *sym != Sym::V
                });
            }
        }
        normalize_in_place(&mut skeleton);
        if skeleton.len() >= min {
            push_key(&skeleton, keys);
        }
    }
}

/// How to read the ambiguous Latin spellings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    /// Hard g and c before e/i too, th as t, ch as in "church", r everywhere.
    Plain,
    /// Soft g as j ("digital"), th as s ("Smith"), ch as k ("Michael"), gh as f, and a
    /// non-rhotic r: dropped after a vowel before a consonant or at the end ("Carter" 카터).
    English,
    /// j and soft g as h (silent: "José" 호세, "Argentina" 아르헨티나), ll as y ("Sevilla" 세비야).
    Spanish,
}

/// Lowercase ASCII letters of a word, accents removed ("José" → "jose", "Ñ" → "n").
fn fold(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if word.is_ascii() {
        return word.bytes().filter(u8::is_ascii_alphabetic).map(|b| char::from(b.to_ascii_lowercase())).collect();
    }
    word.nfd().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect()
}

/// The skeleton of a Latin word, reading its ambiguous spellings one way.
fn latin_skeleton(word: &str, reading: Reading) -> Vec<Sym> {
    folded_skeleton(fold(word).as_bytes(), reading)
}

/// The skeleton of a word already folded to lowercase ASCII letters (see `fold`).
fn folded_skeleton(folded: &[u8], reading: Reading) -> Vec<Sym> {
    let mut out = Vec::new();
    read_skeleton(folded, reading, &mut Vec::new(), &mut out);
    normalize(out)
}

/// Appends the symbols of a folded word, not yet normalised, to `out`; `letters` is scratch
/// space, so that reading word after word allocates nothing.
fn read_skeleton(folded: &[u8], reading: Reading, letters: &mut Vec<u8>, out: &mut Vec<Sym>) {
    let english = reading == Reading::English;
    let spanish = reading == Reading::Spanish;
    // Doubled letters are one sound (Massachusetts), except Spanish ll.
    letters.clear();
    letters.extend_from_slice(folded);
    letters.dedup_by(|b, a| a == b && *a != b'l');
    let w = &*letters;
    let at = |i: usize| w.get(i).copied().unwrap_or(b' ');
    let vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w');
    let front = |b: u8| matches!(b, b'e' | b'i' | b'y');
    let mut i = 0;
    // Silent initial letters: knight, wright, psalm, gnome, pneumonia.
    if matches!((at(0), at(1)), (b'k', b'n') | (b'w', b'r') | (b'p', b's') | (b'g', b'n') | (b'p', b'n')) {
        i = 1;
    }
    // A leading vowel sound (h is silent both here and as ㅎ).
    let mut j = i;
    while at(j) == b'h' {
        j += 1;
    }
    if j < w.len() && vowel(at(j)) {
        out.push(Sym::V);
    }
    while i < w.len() {
        let (c, n1, n2) = (at(i), at(i + 1), at(i + 2));
        let mut step = 1;
        match c {
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w' | b'h' => {}
            b'b' | b'v' | b'f' => out.push(Sym::P),
            b'p' => {
                out.push(Sym::P);
                if n1 == b'h' {
                    step = 2;
                }
            }
            b'd' | b't' => {
                if c == b't' && n1 == b'h' {
                    out.push(if english { Sym::S } else { Sym::T });
                    step = 2;
                } else if (c == b'd' && n1 == b'g') || (c == b't' && n1 == b'c' && n2 == b'h') {
                    // Cambridge, Mitchell: the affricate alone.
                } else if c == b't' && matches!(n1, b's' | b'z') {
                    out.push(Sym::S);
                    step = 2;
                } else if c == b't' && n1 == b'i' && matches!(n2, b'a' | b'o') && i > 0 {
                    // -tion, -tian: 션, 션.
                    out.push(Sym::S);
                    step = 2;
                } else {
                    out.push(Sym::T);
                }
            }
            b'c' => {
                if n1 == b'h' {
                    let hard = matches!(n2, b'r' | b'l') || english;
                    out.push(if hard { Sym::K } else { Sym::S });
                    step = 2;
                } else if n1 == b'k' {
                    out.push(Sym::K);
                    step = 2;
                } else if front(n1) {
                    out.push(Sym::S);
                } else {
                    out.push(Sym::K);
                }
            }
            b'g' => {
                if n1 == b'h' {
                    if english && i > 0 {
                        out.push(Sym::P);
                    }
                    step = 2;
                } else if front(n1) && english {
                    out.push(Sym::S);
                } else if front(n1) && spanish {
                    // Silent, like h.
                } else {
                    out.push(Sym::K);
                }
            }
            b'k' | b'q' => out.push(Sym::K),
            b'x' => {
                if i > 0 {
                    out.push(Sym::K);
                }
                out.push(Sym::S);
            }
            b's' => {
                out.push(Sym::S);
                if n1 == b'h' {
                    step = 2;
                } else if n1 == b'c' && n2 == b'h' {
                    step = 3;
                }
            }
            // Spanish j is h, silent here as ㅎ is.
            b'j' if spanish => {}
            b'j' | b'z' => out.push(Sym::S),
            b'l' if spanish && n1 == b'l' => step = 2,
            b'r' if english && i > 0 && vowel(at(i - 1)) && !vowel(n1) => {}
            b'l' | b'r' => out.push(Sym::R),
            b'm' => {
                out.push(Sym::M);
                if n1 == b'b' && i + 2 == w.len() {
                    step = 2;
                }
            }
            b'n' => {
                if n1 == b'g' {
                    out.push(Sym::G);
                    step = 2;
                } else if matches!(n1, b'k' | b'q') || (n1 == b'c' && !front(n2)) {
                    out.push(Sym::G);
                } else {
                    out.push(Sym::N);
                }
            }
            _ => {}
        }
        i += step;
    }
}

/// Drops a k after ng (England = 잉글랜드 either way) and collapses repeated symbols.
fn normalize_in_place(s: &mut Vec<Sym>) {
    s.dedup_by(|sym, last| sym == last || (*last == Sym::G && *sym == Sym::K));
}

/// [`normalize_in_place`], by value.
fn normalize(mut s: Vec<Sym>) -> Vec<Sym> {
    normalize_in_place(&mut s);
    s
}

fn push_key(skeleton: &[Sym], keys: &mut Vec<u64>) {
    if skeleton.len() < MIN_LEN {
        return;
    }
    let mut h = rustc_hash::FxHasher::default();
    "romanize".hash(&mut h);
    skeleton[..skeleton.len().min(PREFIX)].hash(&mut h);
    keys.push(h.finish());
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// `latin_keys` passes over short lower-case words unread: reading them gives no key
        /// and nothing that starts a name.
        #[test]
        fn short_lower_case_words_read_as_nothing(token in "[a-z0-9'-]{0,3}") {
            if let Some(read) = LatinToken::read(&token) {
                proptest::prop_assert!(read.keys.is_empty() && !read.starts_name && !read.capitalised, "{token}");
            }
        }
    }

    fn share(ko: &str, latin: &str) -> bool {
        let a = hangul_keys(ko);
        let b = latin_keys(latin);
        a.iter().any(|k| b.contains(k))
    }

    /// Real names, places, organisations and loanwords from the news, Korean and Latin.
    const PAIRS: &[(&str, &str)] = &[
        ("정의용", "Chung Eui-yong"),
        ("코스타리카", "Costa Rica"),
        ("디지털", "Digital"),
        ("뉴딜", "New Deal"),
        ("포럼", "Forum"),
        ("캐버노", "Kavanaugh"),
        ("브리스톨", "Bristol"),
        ("문재인", "Moon Jae-in"),
        ("이재명", "Lee Jae-myung"),
        ("박근혜", "Park Geun-hye"),
        ("김정은", "Kim Jong-un"),
        ("최순실", "Choi Soon-sil"),
        ("노무현", "Roh Moo-hyun"),
        ("이명박", "Lee Myung-bak"),
        ("반기문", "Ban Ki-moon"),
        ("강경화", "Kang Kyung-wha"),
        ("윤석열", "Yoon Suk-yeol"),
        ("트럼프", "Trump"),
        ("워런", "Warren"),
        ("엘리자베스", "Elizabeth"),
        ("보스턴", "Boston"),
        ("매사추세츠", "Massachusetts"),
        ("멕시코", "Mexico"),
        ("워싱턴", "Washington"),
        ("런던", "London"),
        ("파리", "Paris"),
        ("베를린", "Berlin"),
        ("브뤼셀", "Brussels"),
        ("캘리포니아", "California"),
        ("스페인", "Spain"),
        ("아르헨티나", "Argentina"),
        ("베네수엘라", "Venezuela"),
        ("브라질", "Brazil"),
        ("잉글랜드", "England"),
        ("홍콩", "Hong Kong"),
        ("삼성", "Samsung"),
        ("현대", "Hyundai"),
        ("구글", "Google"),
        ("페이스북", "Facebook"),
        ("아마존", "Amazon"),
        ("마이크로소프트", "Microsoft"),
        ("인터넷", "internet"),
        ("스마트폰", "smartphone"),
        ("프로그램", "program"),
        ("바이러스", "virus"),
        ("유튜브", "YouTube"),
        ("오바마", "Obama"),
        ("클린턴", "Clinton"),
        ("푸틴", "Putin"),
        ("메르켈", "Merkel"),
        ("마크롱", "Macron"),
        ("시진핑", "Xi Jinping"),
        ("존슨", "Johnson"),
        ("스미스", "Smith"),
        ("마이클", "Michael"),
        ("조지", "George"),
        ("미시시피", "Mississippi"),
        ("제시카", "Jessica"),
        ("유엔", "UN"),
        ("나토", "NATO"),
    ];

    /// Korean words and Latin capitalised words that have nothing to do with each other.
    const UNRELATED: &[(&str, &str)] = &[
        ("대통령", "Warren"),
        ("선거", "Boston"),
        ("경제", "Trump"),
        ("정부", "Mexico"),
        ("국회", "London"),
        ("회의", "Berlin"),
        ("발표", "Samsung"),
        ("기자", "Google"),
        ("시민", "Amazon"),
        ("경찰", "Obama"),
        ("학교", "Clinton"),
        ("병원", "Putin"),
        ("사건", "Merkel"),
        ("조사", "Macron"),
        ("외교부", "Johnson"),
        ("장관", "Smith"),
        ("법원", "Michael"),
        ("검찰", "George"),
        ("투자", "Jessica"),
        ("시장", "Brazil"),
        ("기업", "Spain"),
        ("산업", "Paris"),
        ("문화", "Argentina"),
        ("교육", "California"),
        ("환경", "Facebook"),
        ("에너지", "Microsoft"),
        ("안보", "Venezuela"),
        ("협력", "Massachusetts"),
        ("지원", "Elizabeth"),
        ("계획", "Washington"),
        ("보고서", "Kavanaugh"),
        ("민주당", "Bristol"),
        ("공화당", "Forum"),
        ("북한", "Digital"),
        ("일본", "Costa Rica"),
        ("중국", "Hong Kong"),
        ("러시아", "England"),
        ("미국", "Brussels"),
        ("한국", "YouTube"),
        ("세계", "Hyundai"),
        ("사람들", "Chung Eui-yong"),
        ("오늘", "Moon Jae-in"),
    ];

    #[test]
    fn romanizes_syllables() {
        assert_eq!(romanize("한국")[0], "hanguk");
        assert_eq!(romanize("서울")[0], "seoul");
        let jeong = romanize("정의용");
        assert!(jeong.contains(&"jeonguiyong".to_string()), "{jeong:?}");
        assert!(jeong.contains(&"chunguiyong".to_string()), "{jeong:?}");
        assert!(romanize("박").contains(&"park".to_string()));
        assert!(romanize("최").contains(&"choi".to_string()));
        assert!(romanize("포럼").len() <= MAX_CANDIDATES);
        assert!(romanize("포럼").iter().any(|r| r == "forum" || r == "poreom"));
        assert_eq!(romanize("a1"), vec!["a1".to_string()]);
    }

    #[test]
    fn pairs_share_a_key() {
        let misses: Vec<_> = PAIRS.iter().filter(|(ko, la)| !share(ko, la)).collect();
        let rate = 1.0 - misses.len() as f64 / PAIRS.len() as f64;
        eprintln!("hit rate {rate:.3} over {} pairs; misses: {misses:?}", PAIRS.len());
        assert!(rate >= 0.9, "misses: {misses:?}");
    }

    #[test]
    fn unrelated_words_rarely_share_a_key() {
        let hits: Vec<_> = UNRELATED.iter().filter(|(ko, la)| share(ko, la)).collect();
        let rate = hits.len() as f64 / UNRELATED.len() as f64;
        eprintln!("false-positive rate {rate:.3} over {} pairs; hits: {hits:?}", UNRELATED.len());
        assert!(rate <= 0.1, "hits: {hits:?}");
    }

    #[test]
    fn few_keys_per_word() {
        let (mut words, mut keys) = (0, 0);
        for (ko, la) in PAIRS.iter().chain(UNRELATED) {
            words += 2;
            keys += hangul_keys(ko).len() + latin_keys(la).len();
        }
        let average = keys as f64 / words as f64;
        eprintln!("average keys per word {average:.2}");
        assert!(average <= 6.0);
    }

    #[test]
    fn stems_are_the_word_without_each_particle_that_ends_it() {
        let by_definition = |run: &str| -> Vec<String> {
            let stripped = PARTICLES.iter().filter_map(|p| run.strip_suffix(p)).filter(|stem| !stem.is_empty());
            std::iter::once(run).chain(stripped).map(str::to_owned).collect()
        };
        for particle in PARTICLES {
            for run in [format!("트럼프{particle}"), particle.to_string(), format!("{particle}x")] {
                assert_eq!(stems(&run), by_definition(&run), "{run}");
            }
        }
        assert_eq!(stems(""), vec![""]);
    }

    #[test]
    fn particles_are_stripped() {
        assert!(share("워런이", "Warren"));
        assert!(share("코스타리카에서", "Costa Rica"));
        assert!(share("트럼프는", "Trump"));
        assert!(share("정", "Chung"));
    }

    #[test]
    fn only_names_and_long_words_are_keyed_in_latin() {
        assert!(latin_keys("The").is_empty());
        assert!(latin_keys("a an in of").is_empty());
        assert!(latin_keys("El").is_empty());
        assert!(!latin_keys("Kim").is_empty());
    }

    #[test]
    fn no_panics_on_odd_input() {
        for s in ["", " ", "-", "'", "--a--", "\u{0}", "ㄱㄴ", "\u{AC00}\u{D7A3}", "ﬁ", "Ⅻ", "🙂한", "İstanbul", "ß"]
        {
            let _ = latin_keys(s);
            let _ = hangul_keys(s);
            let _ = romanize(s);
        }
    }
}
