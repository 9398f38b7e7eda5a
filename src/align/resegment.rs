//! Sentence boundaries that one version leaves unmarked and the others mark.
//!
//! Headlines, subheadings and captions often end without punctuation, and a scraped page runs
//! them into the next sentence ("…as part of treatment Method involves extracting…"). The
//! segmenter cannot see such a boundary in one language alone, but a translation often marks it
//! (a Korean "다." or a Spanish period). After a first alignment, a unit where a Latin-script
//! version has one sentence and another version two or three is a hint: each place in that
//! sentence where a word is followed by a capitalised one is tried as a cut, and the best cut is
//! kept when the two halves align with the other versions' sentences much better than the whole
//! did. The documents are then aligned again.

use super::Alignment;
use super::lexicon::Glossary;
use super::scoring::{Model, Profile, completed, profile_of};
use super::search::step_cost;
use crate::document::{Document, Sentence, Span, is_letter_or_digit, is_space};
use crate::lang::Lang;
use std::ops::Range;

/// How much cheaper (in nats) the halves must align than the whole: more than the prior of one
/// bead shape, so that a cut needs evidence, not only the absence of the 1-2 shape's cost.
const MIN_GAIN: f64 = 1.0;

/// Opening quotation marks a sentence may start with.
const OPENERS: &[char] = &['"', '“', '‘', '\'', '«', '¿', '¡', '('];

/// A cut found in sentence `sentence` of document `doc`: the first part ends at byte `end`, the
/// second starts at byte `start`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Cut {
    pub doc: usize,
    pub sentence: usize,
    pub end: usize,
    pub start: usize,
}

/// The cuts the alignment supports: at most one per unit.
pub(crate) fn find_cuts(
    docs: &[Document],
    profiles: &[Vec<Profile>],
    alignment: &Alignment,
    glossary: Option<&Glossary>,
    vocabularies: &[Vocabulary],
) -> Vec<Cut> {
    let totals: Vec<f64> = profiles.iter().map(|p| p.iter().map(|s| s.len).sum()).collect();
    let mut cuts = Vec::new();
    for unit in &alignment.units {
        for (d, doc) in docs.iter().enumerate() {
            let range = &unit.sentences[d];
            if range.len() != 1 || doc.lang == Lang::Ko {
                continue;
            }
            // The versions that have more sentences here are the evidence.
            let witnesses: Vec<usize> =
                (0..docs.len()).filter(|&e| e != d && (2..=3).contains(&unit.sentences[e].len())).collect();
            if witnesses.is_empty() {
                continue;
            }
            let i = range.start;
            let candidates: Vec<(usize, usize)> = candidate_cuts(doc, i, &vocabularies[d]).collect();
            if candidates.is_empty() {
                continue;
            }
            // Witnesses may be in the other script: every profile compared here is complete.
            let whole = [completed(doc, i, &profiles[d][i], glossary).into_owned()];
            let evidence: Vec<(Model, Vec<Profile>)> = witnesses
                .iter()
                .map(|&e| {
                    let model = Model::new(doc.lang, docs[e].lang, totals[d], totals[e]);
                    let others = unit.sentences[e].clone().map(|k| completed(&docs[e], k, &profiles[e][k], glossary));
                    (model, others.map(std::borrow::Cow::into_owned).collect())
                })
                .collect();
            let mut best: Option<(f64, Cut)> = None;
            for &(end, start) in &candidates {
                let parts = [
                    piece(
                        profile_of(doc, i, Span::new(doc.sentences[i].span.start, end), glossary, true),
                        true,
                        false,
                        &whole[0],
                    ),
                    piece(
                        profile_of(doc, i, Span::new(start, doc.sentences[i].span.end), glossary, true),
                        false,
                        true,
                        &whole[0],
                    ),
                ];
                let mut total = 0.0;
                let mut every_witness_agrees = true;
                for (model, others) in &evidence {
                    let before = step_cost(model, &whole, others, 0..1, 0..others.len());
                    let after = best_split_cost(model, &parts, others);
                    every_witness_agrees &= after < before;
                    total += before - after;
                }
                if every_witness_agrees && total > MIN_GAIN && best.is_none_or(|(gain, _)| total > gain) {
                    best = Some((total, Cut { doc: d, sentence: i, end, start }));
                }
            }
            cuts.extend(best.map(|(_, cut)| cut));
        }
    }
    cuts
}

/// The profile of one part of a split sentence: only the first part starts the sentence's
/// block, only the last ends it.
fn piece(mut part: Profile, first: bool, last: bool, whole: &Profile) -> Profile {
    part.block_start = first && whole.block_start;
    part.block_end = last && whole.block_end;
    part
}

/// The cheapest way to align the two parts with the other version's 2 or 3 sentences, as two
/// beads in order.
fn best_split_cost(model: &Model, parts: &[Profile; 2], others: &[Profile]) -> f64 {
    (1..others.len())
        .map(|k| step_cost(model, parts, others, 0..1, 0..k) + step_cost(model, parts, others, 1..2, k..others.len()))
        .fold(f64::INFINITY, f64::min)
}

/// True when sentence `i` of `doc` may hold a sentence boundary its language left unmarked: a
/// place where [`find_cuts`] would try a cut.
pub(crate) fn may_hide_a_boundary(doc: &Document, i: usize, lower_case: &Vocabulary) -> bool {
    candidate_cuts(doc, i, lower_case).next().is_some()
}

/// Splits the documents' sentences at `cuts` (from [`find_cuts`] on these documents), and their
/// profiles with them.
pub(crate) fn apply_cuts(
    docs: &mut [Document],
    profiles: &mut [Vec<Profile>],
    mut cuts: Vec<Cut>,
    glossary: Option<&Glossary>,
) {
    // From the end, so that earlier sentence indices stay valid.
    cuts.sort_by_key(|c| std::cmp::Reverse((c.doc, c.sentence, c.start)));
    for cut in cuts {
        let sentences = &mut docs[cut.doc].sentences;
        let Some(&Sentence { span, block }) = sentences.get(cut.sentence) else { continue };
        if !(span.start < cut.end && cut.end <= cut.start && cut.start < span.end) {
            continue;
        }
        sentences[cut.sentence].span = Span::new(span.start, cut.end);
        sentences.insert(cut.sentence + 1, Sentence { span: Span::new(cut.start, span.end), block });
        let doc = &docs[cut.doc];
        let [first, second] =
            [cut.sentence, cut.sentence + 1].map(|i| profile_of(doc, i, doc.sentences[i].span, glossary, true));
        profiles[cut.doc][cut.sentence] = first;
        profiles[cut.doc].insert(cut.sentence + 1, second);
    }
}

/// What an unmarked sentence boundary looks like in one language.
struct BoundaryWords {
    /// Words that often start a sentence and are not names: a capitalised one in mid-sentence
    /// after an unpunctuated word is a likely boundary.
    starters: &'static [&'static str],
    /// Words a sentence does not end with: articles, prepositions, conjunctions.
    not_final: &'static [&'static str],
    /// Definite articles, which also begin names ("The Hague").
    articles: &'static [&'static str],
}

const ENGLISH: BoundaryWords = BoundaryWords {
    starters: &[
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "you",
        "there",
        "here",
        "what",
        "when",
        "where",
        "why",
        "how",
        "who",
        "which",
        "but",
        "and",
        "so",
        "yet",
        "if",
        "as",
        "after",
        "before",
        "while",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "by",
        "to",
        "another",
        "some",
        "many",
        "most",
        "all",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "twenty",
        "his",
        "her",
        "their",
        "our",
        "its",
        "my",
        "no",
        "not",
        "only",
        "now",
        "then",
        "today",
        "yesterday",
    ],
    not_final: &[
        "a", "an", "the", "of", "for", "to", "in", "on", "at", "by", "with", "from", "into", "and", "or", "but",
        "that", "which", "who", "whose", "his", "her", "their", "its", "our", "my", "your", "as", "than", "like",
        "about", "over", "under", "between", "against", "during", "via", "per", "is", "are", "was", "were", "be",
    ],
    articles: &["the"],
};

const SPANISH: BoundaryWords = BoundaryWords {
    starters: &[
        "el", "la", "los", "las", "un", "una", "unos", "unas", "este", "esta", "estos", "estas", "ese", "esa", "eso",
        "esto", "lo", "él", "ella", "ellos", "ellas", "nosotros", "yo", "usted", "hay", "qué", "cuando", "cuándo",
        "donde", "dónde", "cómo", "quién", "pero", "y", "así", "si", "tras", "antes", "mientras", "en", "con", "para",
        "por", "desde", "otro", "otra", "algunos", "muchos", "todos", "uno", "dos", "tres", "cuatro", "cinco", "seis",
        "siete", "ocho", "nueve", "diez", "veinte", "su", "sus", "no", "solo", "ahora", "hoy", "ayer",
    ],
    not_final: &[
        "el", "la", "los", "las", "un", "una", "de", "del", "al", "a", "en", "con", "por", "para", "y", "e", "o", "u",
        "que", "su", "sus", "como", "entre", "sobre", "sin", "desde", "hasta", "es", "son", "fue", "era",
    ],
    articles: &["el", "la", "los", "las"],
};

fn boundary_words(lang: Lang) -> Option<&'static BoundaryWords> {
    match lang {
        Lang::En => Some(&ENGLISH),
        Lang::Es => Some(&SPANISH),
        Lang::Ko | Lang::Other(_) => None,
    }
}

/// Places in sentence `i` where an unpunctuated sentence may end, as (end of the first part,
/// start of the second) in bytes of the document. Each part keeps at least two words; the word
/// before ends in a letter, digit, closing quote or bracket (commas, colons, dashes and periods
/// the segmenter has judged), is not capitalised (that is a name going on: "Indian Ocean") and
/// is not a word sentences do not end with ("the", "of"); the word after is capitalised and
/// either opens a quotation or is not a name: a word that starts sentences ("The", "When"), or
/// one the document writes in lower case elsewhere ("Survey" after "survey").
fn candidate_cuts<'d>(
    doc: &'d Document,
    i: usize,
    lower_case: &'d Vocabulary,
) -> impl Iterator<Item = (usize, usize)> + 'd {
    let rules = boundary_words(doc.lang);
    let span = doc.sentences[i].span;
    let text = doc.slice(span);
    let words: Vec<Range<usize>> = if rules.is_some() { word_ranges(text) } else { Vec::new() };
    (2..words.len().saturating_sub(1)).filter_map(move |k| {
        let rules = rules?;
        let (before, after) = (&text[words[k - 1].clone()], &text[words[k].clone()]);
        // The word after first: most words are not capitalised, and that settles it. An ASCII
        // first byte that is neither a capital nor an opening mark settles it without decoding.
        let first = after.as_bytes()[0];
        if first.is_ascii() && !first.is_ascii_uppercase() && !OPENERS.contains(&char::from(first)) {
            return None;
        }
        let quoted = after.starts_with(OPENERS);
        let next = if quoted { after.trim_start_matches(OPENERS) } else { after };
        // An upper-case letter is a letter: the word trimmed of what is not starts with it too.
        if !next.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let next_word = next.trim_end_matches(|c: char| !is_letter_or_digit(c));
        let last = before.chars().last()?;
        let closes = matches!(last, '"' | '”' | '’' | ')');
        let bare = before.trim_matches(|c: char| !is_letter_or_digit(c));
        let capitalised = bare.chars().next().is_some_and(char::is_uppercase);
        let may_end = (closes || is_letter_or_digit(last) && !capitalised)
            && !rules.not_final.contains(&bare.to_lowercase().as_str());
        if !may_end {
            return None;
        }
        let lowered = next_word.to_lowercase();
        // "the Sunday Times", "Los Angeles": an article that begins a name.
        let begins_name = rules.articles.contains(&lowered.as_str())
            && text[words[k].end..].trim_start().chars().next().is_some_and(char::is_uppercase);
        let common = !begins_name && (rules.starters.contains(&lowered.as_str()) || lower_case.contains(doc, &lowered));
        // A quotation, not a quoted title: several words.
        let quotation = quoted && quoted_words(&text[words[k].start..]) >= MIN_QUOTED_WORDS;
        (quotation || common).then(|| (span.start + words[k - 1].end, span.start + words[k].start))
    })
}

/// Words a quotation opening mid-sentence must have to start a sentence of its own.
const MIN_QUOTED_WORDS: usize = 4;

/// Words in the quotation `text` opens, up to its closing mark (or the end).
fn quoted_words(text: &str) -> usize {
    let inner = text.trim_start_matches(OPENERS);
    let end = inner.find(['"', '”', '’', '»']).unwrap_or(inner.len());
    inner[..end].split_whitespace().count()
}

/// What a document writes in lower case: common words, not names ("Survey" after "survey").
///
/// A document is asked about a few dozen words, and searching its text for each is cheaper than
/// reading all its words into a set. Searches are counted, so that a long document, asked about
/// many words, has its set built once: the cost stays linear in its length either way. Cutting
/// sentences at spaces leaves a document's words as they were, so one vocabulary serves every
/// round of resegmentation.
#[derive(Default)]
pub(crate) struct Vocabulary {
    /// Bytes of the document searched so far.
    searched: std::cell::Cell<usize>,
    /// The document's words, once searching has cost as much as reading them.
    words: std::cell::OnceCell<LowerCaseWords>,
}

/// Searches of a whole document that cost about as much as reading its words into a set.
const SEARCHES_PER_READING: usize = 16;

impl Vocabulary {
    /// True when `doc` (the document this vocabulary is for, as every call gives it) writes
    /// `word` somewhere as a whole word, in lower case, three characters long or more.
    fn contains(&self, doc: &Document, word: &str) -> bool {
        if let Some(words) = self.words.get() {
            return words.contains(word);
        }
        let bytes: usize = doc.sentences.iter().map(|s| s.span.end - s.span.start).sum();
        if self.searched.get() >= SEARCHES_PER_READING * bytes {
            return self.words.get_or_init(|| LowerCaseWords::of(doc)).contains(word);
        }
        self.searched.set(self.searched.get() + bytes);
        if !is_lower_case_word(word) || !word.chars().all(is_letter_or_digit) {
            return false;
        }
        let finder = memchr::memmem::Finder::new(word);
        doc.sentences.iter().any(|sentence| {
            let text = doc.slice(sentence.span);
            finder.find_iter(text.as_bytes()).any(|at| {
                let before = text[..at].chars().next_back();
                let after = text[at + word.len()..].chars().next();
                !before.is_some_and(is_letter_or_digit) && !after.is_some_and(is_letter_or_digit)
            })
        })
    }
}

/// True for a word written in lower case: three characters or more, none a capital. Three
/// characters take three bytes at least, so most short words go without counting.
fn is_lower_case_word(word: &str) -> bool {
    if word.is_ascii() {
        word.len() >= 3 && !word.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        word.chars().nth(2).is_some() && !word.chars().any(char::is_uppercase)
    }
}

/// The words a document writes in lower case somewhere, read into a set.
pub(crate) struct LowerCaseWords(hashbrown::HashSet<Box<str>, rustc_hash::FxBuildHasher>);

impl LowerCaseWords {
    /// The words of `doc`; none for a language without unmarked-boundary rules, which asks
    /// nothing of them (Korean, whose words are all "lower case").
    pub(crate) fn of(doc: &Document) -> LowerCaseWords {
        if boundary_words(doc.lang).is_none() {
            return LowerCaseWords(hashbrown::HashSet::default());
        }
        // About one word in eight bytes of text; fewer distinct ones.
        let bytes: usize = doc.sentences.iter().map(|s| s.span.end - s.span.start).sum();
        let mut set = hashbrown::HashSet::with_capacity_and_hasher(bytes / 16, rustc_hash::FxBuildHasher);
        let mut add = |word: &str| {
            // Hashed once, and copied only the first time: running text repeats its words.
            if is_lower_case_word(word) {
                set.get_or_insert_with(word, |w| Box::from(w));
            }
        };
        for sentence in &doc.sentences {
            crate::document::for_each_run(doc.slice(sentence.span), is_letter_or_digit, &mut add);
        }
        LowerCaseWords(set)
    }

    fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }
}

/// Byte ranges of the space-separated words of `text`.
fn word_ranges(text: &str) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        match (is_space(c), start) {
            (true, Some(s)) => {
                words.push(s..at);
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(s..text.len());
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{AlignOptions, UNMARKED_BOUNDARY_DOUBT, align_resegmenting};

    fn doc(lang: Lang, text: &str) -> Document {
        Document::parse(format!("t.{lang}"), lang, text.to_string())
    }

    /// The second parts of the candidate cuts in the document's only body sentence.
    fn cut_words(text: &str) -> Vec<String> {
        let d = doc(Lang::En, &format!("Title of the release\n\n{text}\n"));
        let i = d.sentences.len() - 1;
        candidate_cuts(&d, i, &Vocabulary::default())
            .map(|(_, start)| d.text[start..].split(' ').next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn candidates_are_sentence_starts_not_names() {
        assert_eq!(
            cut_words("He was arrested on Monday night \"What my son is going through is hard,\" she said."),
            ["\"What"]
        );
        assert_eq!(
            cut_words("Pupils hide accounts from their teachers, survey reveals Survey of pupils shows growth."),
            ["Survey"]
        );
        assert!(cut_words("Earlier the agency met partners, and the White House announced a committee.").is_empty());
        assert!(cut_words("A yellow card for Scotland cap Rory Hughes allowed Melrose to score.").is_empty());
        assert!(cut_words("It killed people along Indian Ocean coastlines in many countries.").is_empty());
        assert!(cut_words("A Labour source told The Sunday Times that the review would come.").is_empty());
        assert!(cut_words("The actor starred in the drama \"Designated Survivor,\" about a secretary.").is_empty());
    }

    proptest::proptest! {
        /// Searching the text answers as the set of the document's words would, before and after
        /// the vocabulary switches to the set.
        #[test]
        fn searching_a_vocabulary_answers_as_its_set(
            body in "([a-zA-Zé0-9]{1,5}|[ ,.\"()-]{1,2}|Ñandú|ÉL|ǅab){0,24}",
            words in proptest::collection::vec("[a-zA-Zé0-9.]{0,5}|Ñandú|ñandú|él|ǆab|ǅab", 1..40),
            spanish in proptest::bool::ANY,
        ) {
            let lang = if spanish { Lang::Es } else { Lang::En };
            let d = doc(lang, &format!("Title of the release\n\n{body}\n\nSecond {body}.\n"));
            let set = LowerCaseWords::of(&d);
            let vocabulary = Vocabulary::default();
            for word in words.iter().cycle().take(SEARCHES_PER_READING * 3) {
                proptest::prop_assert_eq!(vocabulary.contains(&d, word), set.contains(word), "{:?}", word);
            }
            proptest::prop_assert!(vocabulary.words.get().is_some(), "a document asked often reads its words once");
        }
    }

    #[test]
    fn a_vocabulary_finds_whole_lower_case_words_only() {
        let d = doc(Lang::En, "Survey\n\nThe surveys show a Survey-led survey, and Taxes.\n");
        let vocabulary = Vocabulary::default();
        assert!(vocabulary.contains(&d, "survey"));
        assert!(vocabulary.contains(&d, "surveys"));
        assert!(!vocabulary.contains(&d, "surv"), "part of a word");
        assert!(!vocabulary.contains(&d, "taxes"), "written capitalised only");
        assert!(!vocabulary.contains(&d, "a"), "too short to tell");
        assert!(vocabulary.words.get().is_none(), "a few questions are searched for");
    }

    /// A release whose body is a sentence and a quotation; `en_first` and `es_first` are the
    /// English and Spanish sentences before the quotation, with or without their stop.
    fn arrest_release(en_first: &str, es_first: &str) -> Vec<Document> {
        vec![
            doc(
                Lang::En,
                &format!(
                    "Arrest in Oklahoma\n\n{en_first} \"What my own son is going through, I can relate to other \
                     families who feel the effects of PTSD,\" she told the audience at a rally in Tulsa.\n"
                ),
            ),
            doc(
                Lang::Ko,
                "오클라호마에서 체포\n\n그는 월요일 밤 가정폭력 사건으로 체포되어 기소되었습니다. 그녀는 툴사에서 열린 \
                 지지모임에서 \"내 아들이 겪고 있는 일, 나는 PTSD를 느끼는 다른 가족들과 공감할 수 있습니다.\"라고 말했습니다.\n",
            ),
            doc(
                Lang::Es,
                &format!(
                    "Detención en Oklahoma\n\n{es_first} \"Lo que mi hijo está pasando me permite entender a otras \
                     familias que sienten los efectos del TEPT\", dijo ante el público en un mitin en Tulsa.\n"
                ),
            ),
        ]
    }

    #[test]
    fn an_unpunctuated_boundary_is_cut_where_the_other_versions_mark_it() {
        let mut docs = arrest_release(
            "He was arrested and charged in a domestic violence incident on Monday night",
            "El lunes por la noche, fue arrestado y acusado de violencia doméstica.",
        );
        assert_eq!(docs[0].sentences.len(), 2);
        let alignment = align_resegmenting(&mut docs, &AlignOptions::default());
        assert_eq!(docs[0].sentences.len(), 3, "the English body sentence is cut in two");
        assert!(docs[0].sentence_text(1).ends_with("on Monday night"));
        assert!(docs[0].sentence_text(2).starts_with("\"What my own son"));
        let body: Vec<_> = alignment.units.iter().filter(|u| u.sentences[0].start >= 1).collect();
        assert!(body.iter().all(|u| u.sentences.iter().all(|r| r.len() == 1)), "{body:?}");
        assert_eq!(super::super::scoring::incomplete_comparisons(), 0);
    }

    #[test]
    fn a_spanish_sentence_is_cut_on_korean_and_english_evidence() {
        let mut docs = arrest_release(
            "He was arrested and charged in a domestic violence incident on Monday night.",
            "El lunes por la noche fue arrestado y acusado de violencia doméstica",
        );
        assert_eq!(docs[2].sentences.len(), 2);
        align_resegmenting(&mut docs, &AlignOptions::default());
        assert_eq!(docs[2].sentences.len(), 3, "the Spanish body sentence is cut in two");
        assert!(docs[2].sentence_text(2).starts_with("\"Lo que mi hijo"));
        assert_eq!(super::super::scoring::incomplete_comparisons(), 0, "Korean evidence met an incomplete profile");
    }

    #[test]
    fn a_unit_that_may_hide_a_boundary_scores_lower() {
        let en = "Party\n\nIt is intolerant of those who speak their minds When activists voted to censure me, it \
                  was hardly a surprise.\n";
        let ko = "정당\n\n마음 속 이야기를 털어놓는 사람들에겐 용납할 수 없는 이야기입니다 활동가들이 저를 징계하기 위해 \
                  투표한 것은 놀랍지 않은 일이었습니다.\n";
        let mut docs = vec![doc(Lang::En, en), doc(Lang::Ko, ko)];
        let alignment = align_resegmenting(&mut docs, &AlignOptions::default());
        let unsure = alignment.units.iter().find(|u| u.sentences[0].contains(&1)).unwrap();
        let plain = crate::align::align(&docs);
        let sure = plain.units.iter().find(|u| u.sentences[0].contains(&1)).unwrap();
        assert!((unsure.score - sure.score * UNMARKED_BOUNDARY_DOUBT).abs() < 1e-9, "{unsure:?} {sure:?}");
    }

    #[test]
    fn a_sentence_the_translator_split_stays_whole() {
        let mut docs = vec![
            doc(
                Lang::En,
                "Charges\n\nPalin faces three Class A misdemeanours, meaning he could be imprisoned for up to a year \
                 and fined $250,000.\n",
            ),
            doc(
                Lang::Ko,
                "기소\n\n페일린은 A급 경범죄 3개로 기소될 수 있다. 최대 징역 1년과 벌금 25만 달러를 선고받을 수 있다는 것이다.\n",
            ),
        ];
        let before = docs[0].sentences.clone();
        align_resegmenting(&mut docs, &AlignOptions::default());
        assert_eq!(docs[0].sentences, before);
    }
}
