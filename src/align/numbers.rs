//! Numbers as alignment anchors: "$12.2 billion" = "122억 달러" = "12.200 millones de dólares".
//!
//! Each number becomes a canonical key (its value with six significant digits), so the same
//! quantity written with different separators, scale words or Korean units compares equal.

use crate::lang::Lang;

/// Scale words that multiply the number before them; data per language.
struct Scales {
    words: &'static [(&'static str, f64)],
    /// Separators: (thousands, decimal). Spanish also groups thousands with a space.
    thousands: char,
    decimal: char,
}

const EN_SCALES: Scales = Scales {
    words: &[
        ("thousand", 1e3),
        ("million", 1e6),
        ("millions", 1e6),
        ("billion", 1e9),
        ("billions", 1e9),
        ("trillion", 1e12),
        ("bn", 1e9),
    ],
    thousands: ',',
    decimal: '.',
};

const ES_SCALES: Scales = Scales {
    words: &[("mil", 1e3), ("millón", 1e6), ("millones", 1e6), ("billón", 1e12), ("billones", 1e12)],
    thousands: '.',
    decimal: ',',
};

/// Korean units written right after the digits: 만 (10^4), 억 (10^8), 조 (10^12); 천 (10^3).
const KO_UNITS: &[(char, f64)] = &[('천', 1e3), ('만', 1e4), ('억', 1e8), ('조', 1e12)];

const KO_SCALES: Scales = Scales { words: &[], thousands: ',', decimal: '.' };

/// Other Latin-script languages: figures only, with the continental separators most of them
/// use (German, French, Italian, Portuguese, Dutch: "6.900,5").
const OTHER_SCALES: Scales = Scales { words: &[], thousands: '.', decimal: ',' };

fn scales(lang: Lang) -> &'static Scales {
    match lang {
        Lang::En => &EN_SCALES,
        Lang::Es => &ES_SCALES,
        Lang::Ko => &KO_SCALES,
        Lang::Other(_) => &OTHER_SCALES,
    }
}

/// The canonical keys of the numbers in `text`.
pub fn number_keys(text: &str, lang: Lang) -> Vec<u64> {
    // Every key, a month's too, needs a digit; most sentences have none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let scales = scales(lang);
    let chars: Vec<char> = text.chars().collect();
    let mut keys = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && is_word_char(chars[i - 1])) {
            i += 1;
            continue;
        }
        let (mut value, mut end) = read_number(&chars, i, scales);
        // Korean: 1조 2,000억 = 1.2e12; units follow the digits directly.
        if lang == Lang::Ko {
            let mut total = 0.0;
            let mut pending = value;
            while let Some(&(_, unit)) = chars.get(end).and_then(|c| KO_UNITS.iter().find(|(u, _)| u == c)) {
                total += pending * unit;
                pending = 0.0;
                end += 1;
                // A following group: "1조 2000억".
                let mut next = end;
                while chars.get(next) == Some(&' ') {
                    next += 1;
                }
                if chars.get(next).is_some_and(char::is_ascii_digit) {
                    let (v, e) = read_number(&chars, next, scales);
                    if chars.get(e).is_some_and(|c| KO_UNITS.iter().any(|(u, _)| u == c)) {
                        pending = v;
                        end = e;
                        continue;
                    }
                }
                break;
            }
            value = total + pending;
        } else {
            // A scale word after a space: "12.2 billion", "6,9 millones", "mil millones".
            let mut j = end;
            loop {
                while chars.get(j).is_some_and(|c| *c == ' ' || *c == '\u{a0}') {
                    j += 1;
                }
                let word_end = (j..chars.len()).find(|&k| !chars[k].is_alphabetic()).unwrap_or(chars.len());
                let word: String = chars[j..word_end].iter().collect::<String>().to_lowercase();
                match scales.words.iter().find(|(w, _)| *w == word) {
                    Some(&(_, factor)) if word_end > j => {
                        value *= factor;
                        end = word_end;
                        j = word_end;
                    }
                    _ => break,
                }
            }
        }
        keys.push(key(value));
        i = end.max(i + 1);
    }
    if lang != Lang::Ko {
        keys.extend(month_keys(text));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Keys for month names written next to a number: "March 17", "17 de marzo", "May 2021".
fn month_keys(text: &str) -> Vec<u64> {
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let numeric = |w: Option<&&str>| w.is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    let mut keys = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let lower = word.trim_end_matches('.').to_lowercase();
        let Some(month) = crate::lang::month_number(&lower) else { continue };
        // English "may" is a verb unless capitalised.
        if lower == "may" && !word.starts_with('M') {
            continue;
        }
        let before =
            if i >= 2 && words[i - 1] == "de" { words.get(i - 2) } else { i.checked_sub(1).and_then(|j| words.get(j)) };
        if numeric(words.get(i + 1)) || numeric(before) {
            keys.push(key(month as f64));
        }
    }
    keys
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !crate::document::is_hangul_syllable(c)
}

/// Reads digits with the language's separators from `start`; returns the value and the end.
fn read_number(chars: &[char], start: usize, scales: &Scales) -> (f64, usize) {
    let mut int_part = String::new();
    let mut frac_part = String::new();
    let mut i = start;
    let mut in_frac = false;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            if in_frac {
                frac_part.push(c)
            } else {
                int_part.push(c)
            }
            i += 1;
            continue;
        }
        let next_three_digits = |from: usize| {
            (from..from + 3).all(|k| chars.get(k).is_some_and(char::is_ascii_digit))
                && !chars.get(from + 3).is_some_and(char::is_ascii_digit)
        };
        let is_group_sep =
            c == scales.thousands || (scales.thousands == '.' && matches!(c, ' ' | '\u{a0}' | '\u{202f}'));
        if !in_frac && is_group_sep && next_three_digits(i + 1) {
            i += 1;
            continue;
        }
        if !in_frac && c == scales.decimal && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            in_frac = true;
            i += 1;
            continue;
        }
        break;
    }
    let text = if frac_part.is_empty() { int_part } else { format!("{int_part}.{frac_part}") };
    (text.parse().unwrap_or(0.0), i)
}

/// Six significant digits, so 12.2e9 and 1.22e10 meet.
fn key(value: f64) -> u64 {
    if value == 0.0 {
        return 0;
    }
    let digits = value.abs().log10().floor() as i32;
    let scale = 10f64.powi(5 - digits);
    let mantissa = (value * scale).round() as u64;
    (mantissa << 8) | ((digits + 64) as u64 & 0xff)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, lang: Lang) -> Vec<u64> {
        number_keys(text, lang)
    }

    #[test]
    fn amounts_meet_across_languages() {
        let en = keys("a $12.2 billion project", Lang::En);
        assert_eq!(en, keys("122억 달러 규모의 사업", Lang::Ko));
        assert_eq!(en, keys("un proyecto de 12.200 millones de dólares", Lang::Es));
        assert_eq!(keys("820,000 people", Lang::En), keys("82만 명", Lang::Ko));
        assert_eq!(keys("820,000 people", Lang::En), keys("820\u{a0}000 personas", Lang::Es));
        assert_eq!(keys("$6.9 billion", Lang::En), keys("6,9 mil millones", Lang::Es));
        assert_eq!(keys("1조 2,000억 원", Lang::Ko), keys("1.2 trillion won", Lang::En));
    }

    #[test]
    fn dates_and_percentages() {
        assert_eq!(keys("2021년 3월 17일", Lang::Ko), keys("March 17, 2021", Lang::En));
        assert_eq!(keys("14%", Lang::En), keys("14 %", Lang::Es));
        assert_eq!(keys("70~90%", Lang::Ko), keys("70-90%", Lang::En));
    }

    #[test]
    fn digits_inside_words_are_not_numbers() {
        assert!(keys("COVID-19 and G20", Lang::En).len() == 1);
        assert!(keys("no digits", Lang::En).is_empty());
    }
}
