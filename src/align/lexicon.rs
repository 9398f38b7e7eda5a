//! A built-in trilingual lexicon of high-value terms (countries, months, organisations and their
//! acronyms, the vocabulary of diplomacy and news), kept as data in `lexicon.tsv`, plus any user
//! glossary. A sentence's concepts are the lexicon rows it mentions; translations share them.

use crate::lang::Lang;
use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// The built-in table: `en<TAB>es<TAB>ko`, variants separated by `|`, `#` comments.
const BUILT_IN: &str = include_str!("lexicon.tsv");

/// Variants of at least this many letters also match words that run on a little further.
const PREFIX_MIN: usize = 5;
/// How many more letters such a word may have ("negotiat" → "negotiated").
const PREFIX_SLACK: usize = 3;

/// A key → the variants (as words) it may start, with their concept.
type VariantIndex = HashMap<String, Vec<(Vec<String>, u32)>>;

/// Variants indexed for matching in one language.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Latin-script languages: first word of a variant → (all words of the variant, concept).
    words: [VariantIndex; 2],
    /// Korean: the first two characters of a variant → (variant words, concept).
    korean: VariantIndex,
}

impl Lexicon {
    /// Reads a table of `en<TAB>es<TAB>ko` rows (or any column order given by `columns`).
    pub fn parse(table: &str, columns: &[Lang]) -> Lexicon {
        let mut lexicon = Lexicon::default();
        let mut concept = 0u32;
        for line in table.lines() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            for (cell, &lang) in line.split('\t').zip(columns) {
                for variant in cell.split('|').map(str::trim).filter(|v| !v.is_empty()) {
                    let words: Vec<String> = words_of(variant, lang);
                    let Some(first) = words.first() else { continue };
                    let key = match lang {
                        Lang::Ko => first.chars().take(2).collect(),
                        _ => first.clone(),
                    };
                    let map = match lang {
                        Lang::En => &mut lexicon.words[0],
                        Lang::Es => &mut lexicon.words[1],
                        Lang::Ko => &mut lexicon.korean,
                    };
                    map.entry(key).or_default().push((words, concept));
                }
            }
            concept += 1;
        }
        lexicon
    }

    /// The built-in lexicon.
    pub fn built_in() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::parse(BUILT_IN, &[Lang::En, Lang::Es, Lang::Ko]))
    }

    /// The concepts mentioned in `text`, sorted and deduplicated.
    pub fn concepts(&self, text: &str, lang: Lang) -> Vec<u32> {
        let words = words_of(text, lang);
        let mut found = Vec::new();
        for start in 0..words.len() {
            let word = &words[start];
            let candidates: Box<dyn Iterator<Item = &(Vec<String>, u32)>> = match lang {
                Lang::Ko => {
                    let key: String = word.chars().take(2).collect();
                    Box::new(self.korean.get(&key).into_iter().flatten())
                }
                _ => {
                    let map = &self.words[usize::from(lang == Lang::Es)];
                    // Exact first word, or a longer word that runs on from a variant's prefix.
                    let exact = map.get(word.as_str()).into_iter().flatten();
                    let stems = (PREFIX_MIN..word.len())
                        .rev()
                        .take(PREFIX_SLACK)
                        .filter_map(|cut| word.is_char_boundary(cut).then(|| map.get(&word[..cut])).flatten());
                    // Short variants take a plural ending.
                    let singular =
                        ["es", "s"].iter().filter_map(|end| word.strip_suffix(end)).filter_map(|w| map.get(w));
                    Box::new(exact.chain(stems.flatten()).chain(singular.flatten()))
                }
            };
            for (variant, concept) in candidates {
                if matches_at(&words[start..], variant, lang) {
                    found.push(*concept);
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Lower-cased, accent-folded words; punctuation other than inner dots and hyphens dropped.
fn words_of(text: &str, lang: Lang) -> Vec<String> {
    text.split(|c: char| {
        c.is_whitespace()
            || matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '«' | '»' | '「' | '」' | '\'' | '’' | '·')
    })
    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.').trim_end_matches('.'))
    .filter(|w| !w.is_empty())
    .map(|w| if lang == Lang::Ko { w.to_lowercase() } else { fold(w) })
    .collect()
}

fn fold(word: &str) -> String {
    word.nfd().filter(|c| !('\u{300}'..='\u{36f}').contains(c)).collect::<String>().to_lowercase()
}

/// True when `variant` (its words) matches the words at the start of `words`.
fn matches_at(words: &[String], variant: &[String], lang: Lang) -> bool {
    variant.len() <= words.len()
        && variant.iter().zip(words).enumerate().all(|(k, (v, w))| {
            let last = k + 1 == variant.len();
            match lang {
                // Particles follow a Korean stem; only the last word of a phrase takes them.
                Lang::Ko => {
                    if last {
                        w.starts_with(v.as_str())
                    } else {
                        w == v
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
    fn built_in_table_loads() {
        let lx = Lexicon::built_in();
        assert!(!lx.words[0].is_empty() && !lx.korean.is_empty());
    }
}
