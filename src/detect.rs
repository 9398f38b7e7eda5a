//! Language detection by script and character statistics, to catch a file named `.ko.txt` that
//! holds English, or a Spanish file given as English.
//!
//! Korean is told from the others by its script (Hangul syllables against Latin letters);
//! English from Spanish by frequent function words and Spanish letters and marks. Each language's
//! evidence is one table in [`SIGNATURES`].

use crate::document::{is_hangul, is_letter, starts_with_hangul_syllable};
use crate::lang::Lang;

/// The script a language is written in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Hangul,
    Latin,
}

/// What text in one language looks like.
struct Signature {
    lang: Lang,
    script: Script,
    /// Frequent short words, in lower case: each occurrence is one point.
    words: &'static [&'static str],
    /// Letters and marks that the other Latin languages hardly use: each occurrence is one point.
    letters: &'static [char],
}

const SIGNATURES: [Signature; 3] = [
    Signature {
        lang: Lang::En,
        script: Script::Latin,
        words: &[
            "the", "of", "and", "to", "in", "is", "that", "for", "with", "on", "was", "are", "by", "its", "will",
            "has", "have", "be", "this", "from", "which", "at",
        ],
        letters: &[],
    },
    Signature { lang: Lang::Ko, script: Script::Hangul, words: &[], letters: &[] },
    Signature {
        lang: Lang::Es,
        script: Script::Latin,
        words: &[
            "de", "la", "que", "el", "en", "los", "las", "por", "para", "con", "una", "del", "se", "al", "es", "un",
            "y", "su", "sus", "como", "más",
        ],
        letters: &['ñ', 'á', 'é', 'í', 'ó', 'ú', 'ü', '¿', '¡'],
    },
];

/// Fewer letters than this is too little text to judge.
const MIN_LETTERS: usize = 30;
/// Fewer word and letter points than this among the Latin languages is too little to judge.
const MIN_POINTS: usize = 5;
/// Only the start of a long text is looked at: it is evidence enough.
const MAX_CHARS: usize = 200_000;

impl Lang {
    /// Guesses the language of `text` (best on the cleaned body of a document) and a confidence in
    /// [0, 1]. `None` when the text is too short or has no letters of a known script.
    ///
    /// ```
    /// use tmalign::Lang;
    /// let (lang, confidence) =
    ///     Lang::detect("La ministra viajará a Lima para firmar un acuerdo con el gobierno de Perú.").unwrap();
    /// assert_eq!(lang, Lang::Es);
    /// assert!(confidence > 0.8);
    /// ```
    pub fn detect(text: &str) -> Option<(Lang, f64)> {
        let (mut hangul, mut latin) = (0usize, 0usize);
        let mut points = [0usize; SIGNATURES.len()];
        let listed = PackedWords::get();
        let mut word_start: Option<usize> = None;
        let bytes = text.as_bytes();
        let (mut at, mut chars) = (0, 0);
        while at < bytes.len() && chars < MAX_CHARS {
            chars += 1;
            // ASCII and Hangul syllables, nearly all the text, without decoding characters.
            let (in_word, len) = if bytes[at].is_ascii() {
                // A Latin letter or no letter, and no marked letter.
                let letter = bytes[at].is_ascii_alphabetic();
                latin += usize::from(letter);
                (letter, 1)
            } else if starts_with_hangul_syllable(&bytes[at..]) {
                hangul += 1;
                (true, 3)
            } else {
                let Some(c) = text[at..].chars().next() else { break };
                let in_word = is_letter(c);
                if is_hangul(c) {
                    hangul += 1;
                } else {
                    latin += usize::from((c as u32) < 0x250 && in_word);
                    // The marked letters are all outside ASCII, and none is Hangul.
                    let lower = c.to_lowercase().next().unwrap_or(c);
                    for (k, sig) in SIGNATURES.iter().enumerate() {
                        points[k] += usize::from(sig.letters.contains(&lower));
                    }
                }
                (in_word, c.len_utf8())
            };
            match (in_word, word_start) {
                (true, None) => word_start = Some(at),
                (false, Some(start)) => {
                    score_word(&text[start..at], listed, &mut points);
                    word_start = None;
                }
                _ => {}
            }
            at += len;
        }
        // Where reading stopped: the end, or the first character past MAX_CHARS.
        let end = at;
        if let Some(start) = word_start {
            score_word(&text[start..end], listed, &mut points);
        }
        let letters = hangul + latin;
        if letters < MIN_LETTERS {
            return None;
        }
        let hangul_share = hangul as f64 / letters as f64;
        if hangul_share >= 0.5 {
            let ko = SIGNATURES.iter().find(|s| s.script == Script::Hangul).map_or(Lang::Ko, |s| s.lang);
            return Some((ko, hangul_share));
        }
        let total: usize =
            SIGNATURES.iter().zip(points).filter(|(s, _)| s.script == Script::Latin).map(|(_, p)| p).sum();
        if total < MIN_POINTS {
            return None;
        }
        let (best, score) = SIGNATURES
            .iter()
            .zip(points)
            .filter(|(s, _)| s.script == Script::Latin)
            .max_by_key(|&(_, p)| p)
            .map(|(s, p)| (s.lang, p))?;
        Some((best, (1.0 - hangul_share) * score as f64 / total as f64))
    }

    /// The English name of the language: `English`, `Korean`, `Spanish`, or its code.
    pub fn name(&self) -> &str {
        match self {
            Lang::En => "English",
            Lang::Ko => "Korean",
            Lang::Es => "Spanish",
            Lang::Other(code) => code.as_str(),
        }
    }
}

/// The listed words of all signatures, packed as `pack` packs a word, sorted, each with the
/// signatures that list it (bit `k` for `SIGNATURES[k]`): a word of a text is looked up by one
/// binary search over integers.
struct PackedWords(Vec<(u64, u8)>);

impl PackedWords {
    fn new() -> PackedWords {
        let mut words: Vec<(u64, u8)> = SIGNATURES
            .iter()
            .enumerate()
            .flat_map(|(k, sig)| sig.words.iter().filter_map(move |w| Some((pack(w)?, 1u8 << k))))
            .collect();
        words.sort_unstable();
        // One entry per word, with the signatures of all its entries.
        words.dedup_by(|later, first| {
            let same = later.0 == first.0;
            first.1 |= if same { later.1 } else { 0 };
            same
        });
        PackedWords(words)
    }

    /// The signatures' words, packed once per process.
    fn get() -> &'static PackedWords {
        static LISTED: std::sync::OnceLock<PackedWords> = std::sync::OnceLock::new();
        LISTED.get_or_init(PackedWords::new)
    }
}

/// The bytes of a word of at most eight bytes, in lower case, as one integer (zero-padded:
/// words hold no NUL); `None` for a longer word.
fn pack(word: &str) -> Option<u64> {
    let mut bytes = [0u8; 8];
    if word.is_ascii() {
        let to = bytes.get_mut(..word.len())?;
        to.copy_from_slice(word.as_bytes());
        to.make_ascii_lowercase();
    } else {
        let lower = word.to_lowercase();
        bytes.get_mut(..lower.len())?.copy_from_slice(lower.as_bytes());
    }
    Some(u64::from_le_bytes(bytes))
}

fn score_word(word: &str, listed: &PackedWords, points: &mut [usize; SIGNATURES.len()]) {
    // The listed words are short and Latin: a Hangul word, even lowered, is none of them.
    if word.len() > 5 || word.chars().next().is_some_and(is_hangul) {
        return;
    }
    let Some(packed) = pack(word) else { return };
    if let Ok(at) = listed.0.binary_search_by_key(&packed, |&(listed, _)| listed) {
        let signatures = listed.0[at].1;
        for (k, point) in points.iter_mut().enumerate() {
            *point += usize::from(signatures >> k & 1 == 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(text: &str) -> Option<Lang> {
        Lang::detect(text).map(|(lang, _)| lang)
    }

    #[test]
    fn three_languages() {
        assert_eq!(
            detect("The Ministry of Foreign Affairs will host the meeting in Seoul, and the delegates are expected."),
            Some(Lang::En)
        );
        assert_eq!(
            detect("La economía regional crecerá un 2,1 % este año, según el informe de la CEPAL para los países."),
            Some(Lang::Es)
        );
        assert_eq!(
            detect(
                "외교부는 3월 17일 서울에서 한-중미 협력 회의(CABEI)를 개최했다. 이번 회의에는 7개국 대표가 참석했다."
            ),
            Some(Lang::Ko)
        );
    }

    #[test]
    fn spanish_names_in_english_text_stay_english() {
        let (lang, confidence) = Lang::detect(
            "Lucía Arredondo of Perú met the minister in Panamá on Monday to discuss the plan for the region.",
        )
        .unwrap();
        assert_eq!(lang, Lang::En);
        assert!(confidence > 0.6, "{confidence}");
    }

    #[test]
    fn too_little_text_is_no_guess() {
        assert_eq!(detect("OK"), None);
        assert_eq!(detect("12345 67890 ... ---"), None);
        assert_eq!(detect(""), None);
    }

    #[test]
    fn listed_words_count_in_any_case_and_others_do_not() {
        let listed = PackedWords::new();
        let score = |text: &str| {
            let mut points = [0; SIGNATURES.len()];
            for word in text.split(' ') {
                score_word(word, &listed, &mut points);
            }
            points
        };
        assert_eq!(score("The THE the"), [3, 0, 0]);
        assert_eq!(score("Más más MÁS"), [0, 0, 3]);
        assert_eq!(score("theme thee ma the5 x"), [0, 0, 0]);
        assert_eq!(score("en"), [0, 0, 1], "\"en\" is Spanish only");
        assert_eq!(pack("abcdefghi"), None);
        assert_eq!(pack("Ab"), pack("aB"));
    }

    #[test]
    fn each_listed_word_scores_for_every_signature_that_lists_it() {
        let listed = PackedWords::new();
        for sig in &SIGNATURES {
            for word in sig.words {
                let mut points = [0; SIGNATURES.len()];
                score_word(word, &listed, &mut points);
                let expected = SIGNATURES.map(|other| usize::from(other.words.contains(word)));
                assert_eq!(points, expected, "{word}");
            }
        }
        assert!(listed.0.windows(2).all(|pair| pair[0].0 < pair[1].0), "one entry per word, sorted");
    }

    #[test]
    fn names() {
        assert_eq!(Lang::Ko.name(), "Korean");
        assert_eq!(Lang::Es.name(), "Spanish");
        assert_eq!(Lang::En.name(), "English");
    }
}
