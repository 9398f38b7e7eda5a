//! Sentence segmentation for English, Spanish and Korean. Rule tables are data, one per language.
//!
//! The splitter looks at every run of sentence-final punctuation (`.`, `?`, `!`, `…`), takes any
//! closing quotes or brackets after it, and decides from the language's [`Rules`] whether the
//! sentence ends there. The decision only ever looks at whole characters, so any input is safe.

use crate::document::{is_hangul, is_space};
use crate::lang::Lang;
use std::ops::Range;

/// The rules of one language, as plain tables. All language knowledge lives here.
#[derive(Debug)]
struct Rules {
    /// Characters that can end a sentence.
    terminators: &'static [char],
    /// Characters that may follow the end of a sentence and still belong to it.
    closers: &'static [char],
    /// Characters that may open a sentence before its first letter.
    openers: &'static [char],
    /// Words before a period that never end a sentence (titles, `e.g`). Compared without the
    /// final period, ignoring case.
    never_end: WordTable,
    /// Words before a period that do not end a sentence when a number follows (`No. 3`, `Mar. 17`).
    before_number: WordTable,
    /// Abbreviations that may also end a sentence (`U.S.`, `etc.`): a boundary only before one of
    /// [`Rules::starters`]. Dotted initials (`J.`, `U.N.`, `a.m.`) are treated the same way.
    may_end: WordTable,
    /// Common sentence-opening words, used to decide after a [`Rules::may_end`] abbreviation.
    starters: &'static [&'static str],
    /// Particles that attach to a closing quote and continue the sentence (Korean `”라고`).
    quote_particles: &'static [&'static str],
    /// Quote particles that continue the sentence even after a space (`했다.” 라고`); only
    /// those that cannot begin a word of their own.
    spaced_quote_particles: &'static [&'static str],
    /// Speech verbs (stems) of a short attribution after a quotation: `“…했다.” 그가 말했다.`
    /// is one sentence, like the English `"…," he said.`
    attribution_verbs: &'static [&'static str],
    /// Endings of the word before an attribution verb that make it a reported clause of its
    /// own (`늦었다고 말했다`): then the quotation before it stays a separate sentence.
    quotative_endings: &'static [&'static str],
    /// Words that make a speech verb introduce the next quotation (`이렇게 말했다.`), so it is
    /// no attribution of the one before.
    forward_words: &'static [&'static str],
    /// Whether a stop after a native letter ends a sentence even without a following space
    /// (Korean `발표했다.그는`).
    split_without_space: bool,
    /// Whether a period right after a digit never ends a sentence. Korean sentences end in
    /// Hangul, while its dates and numbering put periods after digits (`2019. 3. 15. 개최`).
    number_period_continues: bool,
    /// Whether a period after a number of one or two digits never ends a sentence: an ordinal,
    /// as German and Scandinavian write dates (`am 17. März`).
    ordinal_period_continues: bool,
}

const TERMINATORS: &[char] = &['.', '?', '!', '…'];
const KO_TERMINATORS: &[char] = &['.', '?', '!', '…', '。', '？', '！'];
const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '}', '」', '』', '»', '›', '）', '〉', '》'];
const OPENERS: &[char] = &['"', '“', '‘', '\'', '(', '[', '{', '「', '『', '«', '‹', '¿', '¡', '（', '〈', '《'];

/// Opening quotation marks (a subset of the openers: no brackets).
const QUOTES: &[char] = &['"', '“', '‘', '«', '「', '『'];

/// Closing quotation marks.
const QUOTES_CLOSING: &[char] = &['"', '”', '’', '\'', '»', '」', '』'];

const EN_NEVER_END: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "St", "Gen", "Gens", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Det",
    "Insp", "Cpl", "Pvt", "Lt", "Col", "Capt", "Sgt", "Maj", "Adm", "Cmdr", "Rev", "Hon", "Amb", "Pres", "Supt", "Mt",
    "Ft", "vs", "e.g", "i.e", "cf", "approx", "Dept", "Ph",
];
const EN_BEFORE_NUMBER: &[&str] = &[
    "No", "Nos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "p", "pp", "Fig",
    "Art", "Vol", "Ch", "Sec", "Para",
];
const EN_MAY_END: &[&str] =
    &["U.S", "U.K", "U.N", "E.U", "D.C", "etc", "a.m", "p.m", "Inc", "Ltd", "Co", "Corp", "Jr", "Sr", "Bros", "Ph.D"];
const EN_STARTERS: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "There",
    "In",
    "On",
    "At",
    "For",
    "By",
    "With",
    "But",
    "And",
    "However",
    "Meanwhile",
    "Also",
    "After",
    "Before",
    "When",
    "While",
    "As",
    "If",
    "According",
    "Since",
    "Some",
    "Many",
    "Most",
    "Both",
    "Such",
    "What",
    "Why",
    "How",
    "Who",
    "Now",
    "Yet",
    "Still",
    "Then",
    "So",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Officials",
];

const ES_NEVER_END: &[&str] = &[
    "Sr", "Sra", "Srta", "Sres", "Sras", "Dr", "Dra", "Dres", "Lic", "Ing", "Prof", "Profa", "Excmo", "Excma", "Ilmo",
    "Ilma", "Gral", "Cnel", "Pdte", "Ud", "Uds", "Vd", "Vds", "Dña", "Av", "Avda", "St", "Sto", "Sta", "aprox", "ej",
    "EE", "Mr", "Mrs", "Ms", "vs", "Ph",
];
const ES_BEFORE_NUMBER: &[&str] = &[
    "No", "Nº", "Nro", "núm", "pág", "págs", "art", "arts", "vol", "cap", "fig", "p", "pp", "ene", "feb", "mar", "abr",
    "may", "jun", "jul", "ago", "sep", "sept", "set", "oct", "nov", "dic",
];
const ES_MAY_END: &[&str] = &["EE.UU", "UU", "etc", "a.m", "p.m", "S.A", "Inc", "Ltd", "Ltda", "Cía", "Corp", "Jr"];
const ES_STARTERS: &[&str] = &[
    "El", "La", "Los", "Las", "Lo", "Un", "Una", "Unos", "Unas", "En", "Pero", "Sin", "Este", "Esta", "Estos", "Estas",
    "Esto", "Eso", "Ese", "Esa", "Él", "Ella", "Ellos", "Ellas", "Su", "Sus", "Según", "Además", "También", "Por",
    "Para", "Con", "Al", "Aunque", "Cuando", "Mientras", "Tras", "Desde", "Hoy", "Ayer", "Ya", "No", "Si", "Asimismo",
    "Luego",
];

/// Korean sentence openers, for a Latin abbreviation (`U.S.`) at the end of a Korean sentence.
const KO_STARTERS: &[&str] = &[
    "그는",
    "그녀는",
    "그들은",
    "이는",
    "이에",
    "이번",
    "이날",
    "한편",
    "또한",
    "또",
    "그러나",
    "하지만",
    "그러면서",
    "특히",
    "아울러",
    "이와",
];
/// Quote particles: `“…했다.”라고 말했다` continues after the closing quote.
const KO_QUOTE_PARTICLES: &[&str] =
    &["라고", "라며", "라는", "라면서", "이라고", "이라며", "하고", "고", "며", "는", "란", "면서"];
/// Quote particles that cannot start a word, so they continue the sentence even after a space.
const KO_SPACED_QUOTE_PARTICLES: &[&str] = &["라고", "라며", "라는", "라면서", "이라고", "이라며"];
/// Stems of speech verbs that end a short attribution after a quotation.
const KO_ATTRIBUTION_VERBS: &[&str] =
    &["말했", "말한", "밝혔", "전했", "덧붙였", "설명했", "강조했", "물었", "답했", "보도했"];
/// A word ending like this before the speech verb reports its own clause (`…다고 말했다`).
const KO_QUOTATIVE_ENDINGS: &[&str] = &["고", "며"];
/// Words with which a speech verb announces the quotation that follows.
const KO_FORWARD_WORDS: &[&str] = &["이렇게", "다음과", "다음같이", "아래와"];
/// The longest attribution (in words) merged into the quotation before it.
const MAX_ATTRIBUTION_WORDS: usize = 8;

/// English.
static EN: Rules = Rules {
    terminators: TERMINATORS,
    closers: CLOSERS,
    openers: OPENERS,
    never_end: WordTable::new(EN_NEVER_END),
    before_number: WordTable::new(EN_BEFORE_NUMBER),
    may_end: WordTable::new(EN_MAY_END),
    starters: EN_STARTERS,
    quote_particles: &[],
    spaced_quote_particles: &[],
    attribution_verbs: &[],
    quotative_endings: &[],
    forward_words: &[],
    split_without_space: false,
    number_period_continues: false,
    ordinal_period_continues: false,
};

/// Spanish.
static ES: Rules = Rules {
    terminators: TERMINATORS,
    closers: CLOSERS,
    openers: OPENERS,
    never_end: WordTable::new(ES_NEVER_END),
    before_number: WordTable::new(ES_BEFORE_NUMBER),
    may_end: WordTable::new(ES_MAY_END),
    starters: ES_STARTERS,
    quote_particles: &[],
    spaced_quote_particles: &[],
    attribution_verbs: &[],
    quotative_endings: &[],
    forward_words: &[],
    split_without_space: false,
    number_period_continues: false,
    ordinal_period_continues: false,
};

/// Korean. Latin words inside Korean text (`U.S.`) follow the English abbreviation tables.
static KO: Rules = Rules {
    terminators: KO_TERMINATORS,
    closers: CLOSERS,
    openers: OPENERS,
    never_end: WordTable::new(EN_NEVER_END),
    before_number: WordTable::new(EN_BEFORE_NUMBER),
    may_end: WordTable::new(EN_MAY_END),
    starters: KO_STARTERS,
    quote_particles: KO_QUOTE_PARTICLES,
    spaced_quote_particles: KO_SPACED_QUOTE_PARTICLES,
    attribution_verbs: KO_ATTRIBUTION_VERBS,
    quotative_endings: KO_QUOTATIVE_ENDINGS,
    forward_words: KO_FORWARD_WORDS,
    split_without_space: true,
    number_period_continues: true,
    ordinal_period_continues: true,
};

/// Titles and abbreviations that many Latin-script languages share, for the generic rule set.
const OTHER_NEVER_END: &[&str] = &[
    "Dr", "Prof", "Mr", "Mrs", "Ms", "St", "Sr", "Sra", "Hr", "Fr", "Mme", "Mlle", "Nr", "No", "Art", "Abs", "vs",
    "ca", "bzw", "z.B", "d.h", "u.a", "p.ex", "cf", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Okt", "Nov", "Dec", "Dez",
];
const OTHER_MAY_END: &[&str] = &["etc", "usw", "Inc", "Ltd", "Co"];

/// Any other language in Latin script: the common terminators and a few abbreviations most
/// European languages share. A period after a one- or two-digit number continues the sentence,
/// as German and Scandinavian ordinals ("am 17. März") want: a missed boundary costs the aligner
/// a 2-1 bead, a false one a wrong unit.
static OTHER: Rules = Rules {
    terminators: TERMINATORS,
    closers: CLOSERS,
    openers: OPENERS,
    never_end: WordTable::new(OTHER_NEVER_END),
    before_number: WordTable::new(&[]),
    may_end: WordTable::new(OTHER_MAY_END),
    starters: &[],
    quote_particles: &[],
    spaced_quote_particles: &[],
    attribution_verbs: &[],
    quotative_endings: &[],
    forward_words: &[],
    split_without_space: false,
    number_period_continues: false,
    ordinal_period_continues: true,
};

impl Rules {
    /// The rule table of `lang`.
    fn for_lang(lang: Lang) -> &'static Rules {
        match lang {
            Lang::En => &EN,
            Lang::Es => &ES,
            Lang::Ko => &KO,
            Lang::Other(_) => &OTHER,
        }
    }
}

/// CJK ideographs (Hanja in Korean text).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Latin letters (Basic Latin to Latin Extended-B), where initials and abbreviations live.
fn is_latin(c: char) -> bool {
    (c as u32) < 0x250 && c.is_alphabetic()
}

/// Case-insensitive membership in a word table.
/// Words compared ignoring case: written as a list, looked up in a set made once.
#[derive(Debug)]
struct WordTable {
    words: &'static [&'static str],
    lower_case: std::sync::OnceLock<rustc_hash::FxHashSet<String>>,
}

impl WordTable {
    const fn new(words: &'static [&'static str]) -> WordTable {
        WordTable { words, lower_case: std::sync::OnceLock::new() }
    }

    /// Whether `word` is in the table, ignoring case.
    fn contains(&self, word: &str) -> bool {
        let lower = |s: &str| s.chars().flat_map(char::to_lowercase).collect::<String>();
        let set = self.lower_case.get_or_init(|| self.words.iter().map(|w| lower(w)).collect());
        if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return set.contains(word); // already lower case: no copy
        }
        set.contains(&lower(word))
    }
}

/// Splits `text` (one block) into sentences, returning byte ranges into `text`: trimmed,
/// non-empty, in order, not overlapping, and together covering every non-space character.
///
/// English and Spanish end a sentence at `.`, `?`, `!` or an ellipsis (with any closing quotes
/// or brackets), followed by whitespace and something that can start a sentence, unless the
/// period belongs to an abbreviation, an initial or a number. Korean also ends a sentence at a
/// stop after Hangul with no space (`했다.그는`), but not before a quote particle (`했다.”라고`).
pub fn sentence_spans(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let rules = Rules::for_lang(lang);
    let cuts = sentence_cuts(text, rules);
    let mut spans: Vec<Range<usize>> = Vec::with_capacity(cuts.len());
    let mut from = 0;
    for cut in cuts {
        if let Some(span) = trimmed(text, from..cut) {
            match spans.last_mut() {
                Some(last) if is_attribution(&text[last.clone()], &text[span.clone()], rules) => {
                    last.end = span.end;
                }
                _ => spans.push(span),
            }
        }
        from = cut;
    }
    spans
}

/// Where the sentences of `text` end, in bytes, the last at its end: the places
/// [`sentence_spans`] splits at, before trimming and joining attributions.
fn sentence_cuts(text: &str, rules: &Rules) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut sentence_start = 0;
    let mut i = 0;
    while i < text.len() {
        // Most characters are ASCII letters, digits and spaces, which end no sentence: only
        // the others are decoded and looked up in the table.
        let byte = text.as_bytes()[i];
        if byte.is_ascii_alphanumeric() || byte == b' ' {
            i += 1;
            continue;
        }
        let c = char_at(text, i);
        if !rules.terminators.contains(&c) {
            i += c.len_utf8();
            continue;
        }
        let stop = Stop::scan(text, i, rules);
        if stop.next < text.len() && is_boundary(text, &stop, sentence_start, rules) {
            cuts.push(stop.end);
            sentence_start = stop.next;
        }
        i = stop.end;
    }
    cuts.push(text.len());
    cuts
}

/// The end of the run of characters from byte `from` of `text` that `belongs` accepts.
fn run_end(text: &str, from: usize, mut belongs: impl FnMut(char) -> bool) -> usize {
    text[from..].char_indices().find(|&(_, c)| !belongs(c)).map_or(text.len(), |(at, _)| from + at)
}

/// The character starting at byte `at` of `text` (a character boundary before its end).
fn char_at(text: &str, at: usize) -> char {
    text[at..].chars().next().unwrap_or_default()
}

/// Whether `sentence` only attributes the quotation `before` it (`“…했다.” 그가 말했다.`), so
/// the two form one sentence.
fn is_attribution(before: &str, sentence: &str, rules: &Rules) -> bool {
    if rules.attribution_verbs.is_empty() {
        return false;
    }
    // Only a quotation that ends in a stop and a closing quote: `…했다.”`.
    let stopped = before.trim_end_matches(|c| rules.closers.contains(&c)).ends_with(|c| rules.terminators.contains(&c));
    if !stopped || !before.ends_with(|c| QUOTES_CLOSING.contains(&c)) {
        return false;
    }
    let words: Vec<&str> = sentence
        .trim_end_matches(|c| rules.terminators.contains(&c))
        .split(is_space)
        .filter(|w| !w.is_empty())
        .collect();
    let Some((verb, rest)) = words.split_last() else {
        return false;
    };
    let reported = rest.last().is_some_and(|w| rules.quotative_endings.iter().any(|e| w.ends_with(e)));
    let forward = rest.iter().any(|w| rules.forward_words.contains(w));
    words.len() <= MAX_ATTRIBUTION_WORDS
        && !reported
        && !forward
        && rules.attribution_verbs.iter().any(|v| verb.starts_with(v))
}

/// The byte range `range` of `text` without leading and trailing whitespace, or `None` if empty.
fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let piece = &text[range.clone()];
    let body = piece.trim_start_matches(is_space);
    let start = range.start + (piece.len() - body.len());
    let end = start + body.trim_end_matches(is_space).len();
    (start < end).then_some(start..end)
}

/// A run of sentence-final punctuation and what surrounds it, as byte offsets.
struct Stop {
    /// First terminator.
    first: usize,
    /// Past the last terminator of the first run.
    last: usize,
    /// Past the closing quotes and brackets: where the sentence would end.
    end: usize,
    /// Whether closing quotes or brackets follow the terminators.
    closed: bool,
    /// The first non-space character after `end` (or the length when there is none).
    next: usize,
}

impl Stop {
    /// Reads the stop whose first terminator is at byte `first`.
    fn scan(text: &str, first: usize, rules: &Rules) -> Stop {
        let last = run_end(text, first, |c| rules.terminators.contains(&c));
        // Closers and further stops stay with the sentence: `?”` , `!").`
        let mut closed = false;
        let end = run_end(text, last, |c| {
            closed |= rules.closers.contains(&c);
            rules.closers.contains(&c) || rules.terminators.contains(&c)
        });
        let next = run_end(text, end, is_space);
        Stop { first, last, end, closed, next }
    }

    /// `...`, `…` and longer runs of dots: a pause as often as an end.
    fn is_ellipsis(&self, text: &str) -> bool {
        let run = &text[self.first..self.last];
        run.contains('…') || run.matches('.').count() > 1
    }

    /// A lone period, the only stop that abbreviations and numbers make ambiguous.
    fn is_single_period(&self, text: &str) -> bool {
        matches!(&text[self.first..self.last], "." | "。")
    }
}

/// Decides whether the sentence ends after `stop`. `next` is known to be in range.
fn is_boundary(text: &str, stop: &Stop, sentence_start: usize, rules: &Rules) -> bool {
    // Nothing before the stop, or an omission mark like `(...)`: not the end of a sentence.
    let Some(before) = text[..stop.first].chars().next_back() else {
        return false;
    };
    let opens_only = rules.openers.contains(&before) && !rules.closers.contains(&before);
    if stop.first <= sentence_start || opens_only {
        return false;
    }
    let spaced = stop.next > stop.end;
    if !spaced {
        // Only Korean runs sentences together (`했다.그는`), and only after Hangul; Latin
        // (`U.S.-led`), numbers (`2.5%`) and ellipses continue.
        if !rules.split_without_space || !is_hangul(before) || stop.is_ellipsis(text) {
            return false;
        }
        if stop.closed && starts_with_any(text, stop.next, rules.quote_particles) {
            return false;
        }
        return is_plausible_start(text, stop.next, rules);
    }
    if stop.closed && starts_with_any(text, stop.next, rules.spaced_quote_particles) {
        return false;
    }
    if !is_plausible_start(text, stop.next, rules) {
        return false;
    }
    // `?`, `!` and ellipses carry no abbreviation doubt; neither does `다.”` after Hangul. A
    // period after a Latin word may be an abbreviation, even inside brackets: `(U.S.) 국무부`.
    if !stop.is_single_period(text) || (stop.closed && !is_latin(before)) {
        return true;
    }
    period_ends_sentence(text, stop, sentence_start, rules)
}

/// Whether a lone period (followed by space and a plausible start) ends the sentence, judging
/// by the word before it: abbreviations, initials, numbers.
fn period_ends_sentence(text: &str, stop: &Stop, sentence_start: usize, rules: &Rules) -> bool {
    // The word before the period, with inner periods (`U.S`, `a.m`), as a byte range.
    let mut from = stop.first;
    while from > sentence_start
        && let Some(c) = text[..from].chars().next_back()
        && (c.is_alphanumeric() || c == '.')
    {
        from -= c.len_utf8();
    }
    from += text[from..stop.first].bytes().take_while(|&b| b == b'.').count();
    if from == stop.first {
        return true;
    }
    let word = &text[from..stop.first];
    let next_char = first_after_openers(text, stop.next, rules);
    let next_is_digit = next_char.is_some_and(|c| c.is_ascii_digit());
    let word_is_number = word.chars().all(|c| c.is_ascii_digit());

    if rules.never_end.contains(word) {
        return false;
    }
    if next_is_digit && rules.before_number.contains(word) {
        return false;
    }
    if word_is_number {
        if rules.number_period_continues || rules.ordinal_period_continues && word.len() <= 2 {
            return false;
        }
        // An enumerator opening the sentence or following a colon: `steps: 1. Call…`.
        let lead = text[sentence_start..from].chars().rev().find(|&c| !is_space(c));
        if word.len() <= 2 && matches!(lead, None | Some(':') | Some(';')) {
            return false;
        }
        return true;
    }
    let initials = word.split('.').all(|part| part.chars().count() == 1 && part.chars().all(is_latin));
    if initials || rules.may_end.contains(word) {
        // `in the U.S. The next day` ends; `the U.S. Department` and `J. Smith` do not. A
        // quotation opening after the abbreviation starts a new sentence.
        let quoted = QUOTES.contains(&char_at(text, stop.next));
        return quoted || next_word(text, stop.next, rules).is_some_and(|w| rules.starters.contains(&w));
    }
    true
}

/// The first character at or after byte `at` that is not an opening quote or bracket.
fn first_after_openers(text: &str, at: usize, rules: &Rules) -> Option<char> {
    text[at..].chars().find(|c| !rules.openers.contains(c))
}

/// Whether the text at `at` can begin a sentence: after any opening quotes or brackets, an
/// uppercase letter, a digit, Hangul or Hanja, or a currency sign.
fn is_plausible_start(text: &str, at: usize, rules: &Rules) -> bool {
    match first_after_openers(text, at, rules) {
        None => true,
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || is_hangul(c)
                || is_cjk(c)
                || matches!(c, '$' | '€' | '£' | '¥' | '₩')
        }
    }
}

/// The word (letters only) starting at byte `at` after any opening quotes or brackets.
fn next_word<'t>(text: &'t str, at: usize, rules: &Rules) -> Option<&'t str> {
    let rest = text[at..].trim_start_matches(|c| rules.openers.contains(&c));
    let word = &rest[..rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len())];
    (!word.is_empty()).then_some(word)
}

/// Whether the text at byte `at` starts with one of `prefixes`.
fn starts_with_any(text: &str, at: usize, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| text[at..].starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tables_ignore_case_and_nothing_else() {
        for rules in [&EN, &ES, &KO, &OTHER] {
            for table in [&rules.never_end, &rules.before_number, &rules.may_end] {
                for word in table.words {
                    assert!(table.contains(word) && table.contains(&word.to_uppercase()), "{word}");
                    assert!(!table.contains(&format!("{word}x")), "{word}x");
                }
            }
        }
        assert!(ES.never_end.contains("SRA") && !EN.never_end.contains("sra"));
    }

    #[test]
    fn no_terminator_is_a_letter_digit_or_space() {
        // `sentence_spans` passes over those without looking them up.
        for lang in [Lang::En, Lang::Ko, Lang::Es, Lang::from_code("fr").unwrap()] {
            let rules = Rules::for_lang(lang);
            assert!(rules.terminators.iter().all(|&c| !c.is_ascii_alphanumeric() && c != ' '), "{lang}");
        }
    }
    use proptest::prelude::*;

    /// The sentences of `text` as strings.
    fn split(text: &str, lang: Lang) -> Vec<&str> {
        sentence_spans(text, lang).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn empty_and_blank_blocks_have_no_sentences() {
        for lang in Lang::ALL {
            assert!(sentence_spans("", lang).is_empty());
            assert!(sentence_spans(" \n\u{a0}\u{3000} ", lang).is_empty());
        }
    }

    #[test]
    fn only_punctuation_is_one_sentence() {
        for lang in Lang::ALL {
            assert_eq!(split(" ...?! ", lang), vec!["...?!"]);
            assert_eq!(split(". . .", lang), vec![". . ."]);
        }
    }

    #[test]
    fn english_periods_questions_and_exclamations() {
        let text = "The Minister met the delegation on Monday. Both sides agreed to expand \
                    cooperation. Is this the right path? The Minister believes so! He said more.";
        assert_eq!(
            split(text, Lang::En),
            vec![
                "The Minister met the delegation on Monday.",
                "Both sides agreed to expand cooperation.",
                "Is this the right path?",
                "The Minister believes so!",
                "He said more.",
            ]
        );
    }

    #[test]
    fn whitespace_between_sentences_is_trimmed() {
        let text = "  First sentence.\nSecond sentence.\u{a0}Third  sentence.\u{3000}Fourth one. ";
        assert_eq!(
            split(text, Lang::En),
            vec!["First sentence.", "Second sentence.", "Third  sentence.", "Fourth one."]
        );
    }

    #[test]
    fn lowercase_after_a_stop_continues() {
        assert_eq!(split("It costs 5 p. and more.", Lang::En).len(), 1);
        assert_eq!(split("\"Why now?\" he asked the envoy.", Lang::En).len(), 1);
        assert_eq!(split("Talks continued... and ended late.", Lang::En).len(), 1);
    }

    #[test]
    fn ellipsis_ends_a_sentence_before_a_capital() {
        assert_eq!(
            split("The talks continued... The parties will meet again.", Lang::En),
            vec!["The talks continued...", "The parties will meet again."]
        );
        assert_eq!(
            split("Las conversaciones siguen… El lunes habrá otra ronda.", Lang::Es),
            vec!["Las conversaciones siguen…", "El lunes habrá otra ronda."]
        );
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_the_sentence() {
        assert_eq!(
            split("\"We will cooperate closely.\" The Minister added that talks went well.", Lang::En),
            vec!["\"We will cooperate closely.\"", "The Minister added that talks went well."]
        );
        assert_eq!(
            split("He said: “Peace is possible!” (The statement was welcomed.) Talks resume today.", Lang::En),
            vec!["He said: “Peace is possible!”", "(The statement was welcomed.)", "Talks resume today."]
        );
        assert_eq!(
            split("The term is \"hard look\". It was repeated.", Lang::En),
            vec!["The term is \"hard look\".", "It was repeated."]
        );
    }

    #[test]
    fn english_titles_and_initials_do_not_end_sentences() {
        let text = "Mr. Kim met Dr. Lee, Prof. Park, Gen. Smith and Sens. Jones and Brown at \
                    St. Mary's, with J. R. Smith and U.N. officials.";
        assert_eq!(split(text, Lang::En).len(), 1);
        assert_eq!(split("Mrs. Choi and Ms. Han met Gov. Ahn and Rep. Yoon.", Lang::En).len(), 1);
    }

    #[test]
    fn abbreviations_before_numbers_do_not_end_sentences() {
        let text = "Resolution No. 3 was adopted on Mar. 17 in Seoul, see p. 12 of the report.";
        assert_eq!(split(text, Lang::En).len(), 1);
        assert_eq!(
            split("The vote was held in Mar. The result was clear.", Lang::En),
            vec!["The vote was held in Mar.", "The result was clear."]
        );
    }

    #[test]
    fn abbreviation_that_may_end_splits_only_before_a_sentence_starter() {
        assert_eq!(split("He met officials of the U.S. Department of State.", Lang::En).len(), 1);
        assert_eq!(
            split("The envoy arrived in the U.S. The next day he met officials.", Lang::En),
            vec!["The envoy arrived in the U.S.", "The next day he met officials."]
        );
        assert_eq!(split("The meeting starts at 10 a.m. and ends at 5 p.m. on Friday.", Lang::En).len(), 1);
        assert_eq!(
            split("The meeting ended at 5 p.m. They will meet again.", Lang::En),
            vec!["The meeting ended at 5 p.m.", "They will meet again."]
        );
        assert_eq!(split("It covers trade, energy, etc. and other areas.", Lang::En).len(), 1);
        assert_eq!(split("It covers trade, energy, etc. However, it excludes fisheries.", Lang::En).len(), 2);
        assert_eq!(split("Partners, e.g. Chile, and observers, i.e. Korea, attended.", Lang::En).len(), 1);
        assert_eq!(split("Samsung Co. Ltd. Chairman Lee spoke.", Lang::En).len(), 1);
    }

    #[test]
    fn decimals_and_amounts_do_not_split() {
        assert_eq!(
            split("Exports reached $12.2 billion in 2019. Imports fell 3.5 percent to 1.000 units.", Lang::En),
            vec!["Exports reached $12.2 billion in 2019.", "Imports fell 3.5 percent to 1.000 units."]
        );
        assert_eq!(split("La inversión alcanzó 6,9 millones de dólares y 1.000 empleos.", Lang::Es).len(), 1);
    }

    #[test]
    fn enumerator_after_a_colon_is_not_a_sentence() {
        assert_eq!(
            split("The plan has two steps: 1. Review the data. 2. Publish it.", Lang::En),
            vec!["The plan has two steps: 1. Review the data.", "2. Publish it."]
        );
    }

    #[test]
    fn spanish_sentences_and_inverted_marks() {
        let text = "El Ministro se reunió con la delegación. ¿Cuál es el próximo paso? El \
                    Gobierno lo anunciará mañana. ¡Es una gran noticia! Todos celebraron.";
        assert_eq!(
            split(text, Lang::Es),
            vec![
                "El Ministro se reunió con la delegación.",
                "¿Cuál es el próximo paso?",
                "El Gobierno lo anunciará mañana.",
                "¡Es una gran noticia!",
                "Todos celebraron.",
            ]
        );
    }

    #[test]
    fn spanish_question_followed_by_lowercase_continues() {
        assert_eq!(split("¿Qué dijo? preguntó el periodista.", Lang::Es).len(), 1);
        assert_eq!(split("¡Qué noticia! exclamó la ministra.", Lang::Es).len(), 1);
        assert_eq!(
            split("Es clave. ¿Qué haremos? ¿Cuándo? Pronto.", Lang::Es),
            vec!["Es clave.", "¿Qué haremos?", "¿Cuándo?", "Pronto."]
        );
    }

    #[test]
    fn spanish_abbreviations() {
        let text = "El Sr. García, la Sra. Pérez, la Srta. Ruiz, la Dra. López, el Lic. Soto y el \
                    Ing. Vega leyeron la pág. 5 y la resolución núm. 12 en St. Louis.";
        assert_eq!(split(text, Lang::Es).len(), 1);
        assert_eq!(split("Se reunirán a las 10 a. m. en Santiago, p. ej. en la sede.", Lang::Es).len(), 1);
        assert_eq!(split("La reunión terminó a las 5 p. m. El lunes seguirá.", Lang::Es).len(), 2);
    }

    #[test]
    fn spanish_ee_uu_has_an_inner_space() {
        assert_eq!(split("El acuerdo con EE. UU. fue firmado ayer.", Lang::Es).len(), 1);
        assert_eq!(split("El Departamento de Estado de EE. UU. Anunció nada.", Lang::Es).len(), 1);
        assert_eq!(
            split("El embajador viajó a EE. UU. El lunes se reunió con el canciller.", Lang::Es),
            vec!["El embajador viajó a EE. UU.", "El lunes se reunió con el canciller."]
        );
        assert_eq!(split("Viajó a EE.UU. Sin embargo, no hubo acuerdo.", Lang::Es).len(), 2);
    }

    #[test]
    fn korean_sentence_endings() {
        let text = "외교부는 17일 회의를 개최했다. 양측은 협력을 확대하기로 합의했어요. \
                    무엇이 문제인가? 정부는 대책을 마련하죠! 회의는 계속된다.";
        assert_eq!(
            split(text, Lang::Ko),
            vec![
                "외교부는 17일 회의를 개최했다.",
                "양측은 협력을 확대하기로 합의했어요.",
                "무엇이 문제인가?",
                "정부는 대책을 마련하죠!",
                "회의는 계속된다.",
            ]
        );
    }

    #[test]
    fn korean_splits_without_a_space() {
        assert_eq!(
            split("외교부는 성명을 발표했다.그는 회의가 중요하다고 말했다.", Lang::Ko),
            vec!["외교부는 성명을 발표했다.", "그는 회의가 중요하다고 말했다."]
        );
        assert_eq!(
            split("회의가 열렸다.“협력이 중요하다.”그는 자리를 떠났다.", Lang::Ko),
            vec!["회의가 열렸다.", "“협력이 중요하다.”", "그는 자리를 떠났다."]
        );
    }

    #[test]
    fn korean_closing_quote_stays_with_the_sentence() {
        assert_eq!(
            split("장관은 다음과 같이 말했다. “양국 관계는 매우 중요하다.” 이어 회의가 열렸다.", Lang::Ko),
            vec!["장관은 다음과 같이 말했다.", "“양국 관계는 매우 중요하다.”", "이어 회의가 열렸다."]
        );
        assert_eq!(
            split("그는 \"협력하겠다.\" 대변인도 동의했다.", Lang::Ko),
            vec!["그는 \"협력하겠다.\"", "대변인도 동의했다."]
        );
    }

    #[test]
    fn korean_quote_particle_continues_the_sentence() {
        assert_eq!(
            split("장관은 “양국은 협력을 강화할 것이다.”라고 말했다. 회의는 2시간 진행됐다.", Lang::Ko),
            vec!["장관은 “양국은 협력을 강화할 것이다.”라고 말했다.", "회의는 2시간 진행됐다."]
        );
        assert_eq!(split("그는 \"준비가 됐다.\"고 밝혔으며 \"곧 시작한다!\"며 웃었다.", Lang::Ko).len(), 1);
    }

    #[test]
    fn korean_quote_particle_after_a_space_continues() {
        assert_eq!(split("“회담은 성공적이었다.” 라고 대변인이 밝혔다.", Lang::Ko).len(), 1);
        assert_eq!(split("“회담은 성공적이었다.” 고위 관계자가 밝혔다. 회의는 끝났다.", Lang::Ko).len(), 2);
    }

    #[test]
    fn korean_attribution_after_a_quotation_is_one_sentence() {
        assert_eq!(
            split("“우리는 준비가 됐습니다.” 대변인이 말했다. 회의는 끝났다.", Lang::Ko),
            vec!["“우리는 준비가 됐습니다.” 대변인이 말했다.", "회의는 끝났다."]
        );
        // A clause reporting its own content, or announcing the next quotation, stays apart.
        assert_eq!(split("“우리는 준비가 됐습니다.” 그는 회의가 늦었다고 말했다.", Lang::Ko).len(), 2);
        assert_eq!(split("“협력은 중요하다.” 차관은 이렇게 말했다. “다음 회의가 기대된다.”", Lang::Ko).len(), 3);
    }

    #[test]
    fn korean_numbers_never_split() {
        assert_eq!(
            split("수출은 2.5% 증가했고 수입은 1.5배 늘었다. 다음 회의는 2019. 3. 15. 개최된다.", Lang::Ko),
            vec!["수출은 2.5% 증가했고 수입은 1.5배 늘었다.", "다음 회의는 2019. 3. 15. 개최된다."]
        );
    }

    #[test]
    fn latin_inside_korean_follows_latin_rules() {
        assert_eq!(
            split("미국(U.S.) 국무부는 성명을 냈다. COVID-19 확산에 대비한다. Mr. Kim 대사가 참석했다.", Lang::Ko),
            vec!["미국(U.S.) 국무부는 성명을 냈다.", "COVID-19 확산에 대비한다.", "Mr. Kim 대사가 참석했다."]
        );
        assert_eq!(split("미국 U.S. 국무부가 발표했다.", Lang::Ko).len(), 1);
    }

    #[test]
    fn hangul_can_start_a_sentence_in_english_text() {
        assert_eq!(split("The slogan was printed. 한국어 문장이다.", Lang::En).len(), 2);
    }

    /// The segmenter as it was written over a vector of characters.
    mod by_chars {
        use super::super::*;

        /// The cuts of `sentence_spans` as it found them over a vector of characters, before
        /// it read the text by bytes: the definition the byte-wise reading must agree with.
        pub(super) fn sentence_cuts(text: &str, rules: &Rules) -> Vec<usize> {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let mut cuts = Vec::new();
            let mut sentence_start = 0;
            let mut i = 0;
            let may_end = |c: char| !c.is_ascii_alphanumeric() && c != ' ' && rules.terminators.contains(&c);
            while i < chars.len() {
                if !may_end(chars[i].1) {
                    i += 1;
                    continue;
                }
                let stop = Stop::scan(&chars, i, rules);
                if stop.next < chars.len() && is_boundary(&chars, &stop, sentence_start, rules) {
                    cuts.push(chars.get(stop.end).map_or(text.len(), |&(b, _)| b));
                    sentence_start = stop.next;
                }
                i = stop.end;
            }
            cuts.push(text.len());
            cuts
        }

        /// A run of sentence-final punctuation and what surrounds it, as char indices.
        struct Stop {
            /// First terminator.
            first: usize,
            /// One past the last terminator of the first run.
            last: usize,
            /// One past the closing quotes and brackets: where the sentence would end.
            end: usize,
            /// Whether closing quotes or brackets follow the terminators.
            closed: bool,
            /// The first non-space character after `end` (or the length when there is none).
            next: usize,
        }

        impl Stop {
            /// Reads the stop whose first terminator is at char index `first`.
            fn scan(chars: &[(usize, char)], first: usize, rules: &Rules) -> Stop {
                let mut last = first;
                while last < chars.len() && rules.terminators.contains(&chars[last].1) {
                    last += 1;
                }
                // Closers and further stops stay with the sentence: `?”` , `!").`
                let mut end = last;
                let mut closed = false;
                while end < chars.len() {
                    let c = chars[end].1;
                    if rules.closers.contains(&c) {
                        closed = true;
                    } else if !rules.terminators.contains(&c) {
                        break;
                    }
                    end += 1;
                }
                let mut next = end;
                while next < chars.len() && is_space(chars[next].1) {
                    next += 1;
                }
                Stop { first, last, end, closed, next }
            }

            /// `...`, `…` and longer runs of dots: a pause as often as an end.
            fn is_ellipsis(&self, chars: &[(usize, char)]) -> bool {
                let run = &chars[self.first..self.last];
                run.iter().any(|&(_, c)| c == '…') || run.iter().filter(|&&(_, c)| c == '.').count() > 1
            }

            /// A lone period, the only stop that abbreviations and numbers make ambiguous.
            fn is_single_period(&self, chars: &[(usize, char)]) -> bool {
                self.last - self.first == 1 && matches!(chars[self.first].1, '.' | '。')
            }
        }

        /// Decides whether the sentence ends after `stop`. `next` is known to be in range.
        fn is_boundary(chars: &[(usize, char)], stop: &Stop, sentence_start: usize, rules: &Rules) -> bool {
            // Nothing before the stop, or an omission mark like `(...)`: not the end of a sentence.
            let Some(&(_, before)) = stop.first.checked_sub(1).and_then(|p| chars.get(p)) else {
                return false;
            };
            let opens_only = rules.openers.contains(&before) && !rules.closers.contains(&before);
            if stop.first <= sentence_start || opens_only {
                return false;
            }
            let spaced = stop.next > stop.end;
            if !spaced {
                // Only Korean runs sentences together (`했다.그는`), and only after Hangul; Latin
                // (`U.S.-led`), numbers (`2.5%`) and ellipses continue.
                if !rules.split_without_space || !is_hangul(before) || stop.is_ellipsis(chars) {
                    return false;
                }
                if stop.closed && starts_with_any(chars, stop.next, rules.quote_particles) {
                    return false;
                }
                return is_plausible_start(chars, stop.next, rules);
            }
            if stop.closed && starts_with_any(chars, stop.next, rules.spaced_quote_particles) {
                return false;
            }
            if !is_plausible_start(chars, stop.next, rules) {
                return false;
            }
            // `?`, `!` and ellipses carry no abbreviation doubt; neither does `다.”` after Hangul. A
            // period after a Latin word may be an abbreviation, even inside brackets: `(U.S.) 국무부`.
            if !stop.is_single_period(chars) || (stop.closed && !is_latin(before)) {
                return true;
            }
            period_ends_sentence(chars, stop, sentence_start, rules)
        }

        /// Whether a lone period (followed by space and a plausible start) ends the sentence, judging
        /// by the word before it: abbreviations, initials, numbers.
        fn period_ends_sentence(chars: &[(usize, char)], stop: &Stop, sentence_start: usize, rules: &Rules) -> bool {
            // The word before the period, with inner periods (`U.S`, `a.m`), as a char index range.
            let mut from = stop.first;
            while from > sentence_start && {
                let c = chars[from - 1].1;
                c.is_alphanumeric() || c == '.'
            } {
                from -= 1;
            }
            while from < stop.first && chars[from].1 == '.' {
                from += 1;
            }
            if from == stop.first {
                return true;
            }
            let word: String = chars[from..stop.first].iter().map(|&(_, c)| c).collect();
            let next_char = first_after_openers(chars, stop.next, rules);
            let next_is_digit = next_char.is_some_and(|c| c.is_ascii_digit());
            let word_is_number = word.chars().all(|c| c.is_ascii_digit());

            if rules.never_end.contains(&word) {
                return false;
            }
            if next_is_digit && rules.before_number.contains(&word) {
                return false;
            }
            if word_is_number {
                if rules.number_period_continues || rules.ordinal_period_continues && word.len() <= 2 {
                    return false;
                }
                // An enumerator opening the sentence or following a colon: `steps: 1. Call…`.
                let lead = chars[sentence_start..from].iter().rev().find(|&&(_, c)| !is_space(c)).map(|&(_, c)| c);
                if word.len() <= 2 && matches!(lead, None | Some(':') | Some(';')) {
                    return false;
                }
                return true;
            }
            let initials = word.split('.').all(|part| part.chars().count() == 1 && part.chars().all(is_latin));
            if initials || rules.may_end.contains(&word) {
                // `in the U.S. The next day` ends; `the U.S. Department` and `J. Smith` do not. A
                // quotation opening after the abbreviation starts a new sentence.
                let quoted = QUOTES.contains(&chars[stop.next].1);
                return quoted
                    || next_word(chars, stop.next, rules).is_some_and(|w| rules.starters.contains(&w.as_str()));
            }
            true
        }

        /// The first character at or after `at` that is not an opening quote or bracket.
        fn first_after_openers(chars: &[(usize, char)], at: usize, rules: &Rules) -> Option<char> {
            chars[at..].iter().map(|&(_, c)| c).find(|c| !rules.openers.contains(c))
        }

        /// Whether the text at `at` can begin a sentence: after any opening quotes or brackets, an
        /// uppercase letter, a digit, Hangul or Hanja, or a currency sign.
        fn is_plausible_start(chars: &[(usize, char)], at: usize, rules: &Rules) -> bool {
            match first_after_openers(chars, at, rules) {
                None => true,
                Some(c) => {
                    c.is_uppercase()
                        || c.is_ascii_digit()
                        || is_hangul(c)
                        || is_cjk(c)
                        || matches!(c, '$' | '€' | '£' | '¥' | '₩')
                }
            }
        }

        /// The word (letters only) starting at `at` after any opening quotes or brackets.
        fn next_word(chars: &[(usize, char)], at: usize, rules: &Rules) -> Option<String> {
            let word: String = chars[at..]
                .iter()
                .map(|&(_, c)| c)
                .skip_while(|c| rules.openers.contains(c))
                .take_while(|c| c.is_alphabetic())
                .collect();
            (!word.is_empty()).then_some(word)
        }

        /// Whether the text at `at` starts with one of `prefixes`.
        fn starts_with_any(chars: &[(usize, char)], at: usize, prefixes: &[&str]) -> bool {
            prefixes.iter().any(|p| {
                let n = p.chars().count();
                chars.len() - at >= n && chars[at..at + n].iter().map(|&(_, c)| c).eq(p.chars())
            })
        }
    }

    /// Checks the documented guarantees of [`sentence_spans`] for one input.
    fn check_invariants(text: &str, lang: Lang) -> Result<(), TestCaseError> {
        let spans = sentence_spans(text, lang);
        let mut covered_to = 0;
        for span in &spans {
            prop_assert!(span.start < span.end, "empty span {:?}", span);
            prop_assert!(span.start >= covered_to, "overlap or disorder at {:?}", span);
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            let piece = &text[span.clone()];
            prop_assert!(!piece.starts_with(is_space) && !piece.ends_with(is_space));
            prop_assert!(text[covered_to..span.start].chars().all(is_space));
            covered_to = span.end;
        }
        prop_assert!(text[covered_to..].chars().all(is_space));
        Ok(())
    }

    fn mixed_text() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            Just("a"),
            Just("Z"),
            Just("ñ"),
            Just("다"),
            Just("그는"),
            Just("U.S."),
            Just("EE. UU."),
            Just("Mr."),
            Just("7"),
            Just("2.5"),
            Just(" "),
            Just("  "),
            Just("\u{a0}"),
            Just("\u{3000}"),
            Just("\n"),
            Just("."),
            Just("?"),
            Just("!"),
            Just("…"),
            Just("\""),
            Just("”"),
            Just("“"),
            Just("¿"),
            Just("("),
            Just(")"),
            Just("라고"),
            Just("The"),
            Just("J."),
            Just("No."),
            Just("a.m."),
            Just(":"),
            Just("。"),
            Just("$"),
        ];
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    fn any_lang() -> impl Strategy<Value = Lang> {
        prop_oneof![Just(Lang::En), Just(Lang::Ko), Just(Lang::Es)]
    }

    proptest! {
        #[test]
        fn spans_are_ordered_trimmed_and_cover_mixed_text(text in mixed_text(), lang in any_lang()) {
            check_invariants(&text, lang)?;
        }

        #[test]
        fn bytes_are_cut_where_characters_were(text in mixed_text(), lang in any_lang()) {
            let rules = Rules::for_lang(lang);
            prop_assert_eq!(sentence_cuts(&text, rules), by_chars::sentence_cuts(&text, rules));
        }

        #[test]
        fn bytes_are_cut_where_characters_were_in_any_text(text in any::<String>(), lang in any_lang()) {
            let rules = Rules::for_lang(lang);
            prop_assert_eq!(sentence_cuts(&text, rules), by_chars::sentence_cuts(&text, rules));
        }

        #[test]
        fn spans_are_ordered_trimmed_and_cover_any_text(text in any::<String>(), lang in any_lang()) {
            check_invariants(&text, lang)?;
        }
    }
}
