//! Cleaning: find the body of a scraped release and drop the web chrome around it.
//!
//! Chrome is recognised two ways. Tables per language name the lines every site has (skip links,
//! menus, breadcrumbs, share and print lines, licence footers). Position catches the rest: what
//! stands above the title or below the last body sentence and does not read like a sentence.
//! Cleaning is conservative inside the body: there only short lines that a table names are dropped.

use crate::document::{Span, is_space};
use crate::lang::Lang;

/// Chrome patterns of one language. Matching is on the line lower-cased, spaces folded.
struct ChromeTable {
    /// Whole lines that are chrome.
    lines: &'static [&'static str],
    /// A line that starts with one of these is chrome.
    prefixes: &'static [&'static str],
    /// A short line that contains one of these is chrome.
    contains: &'static [&'static str],
    /// Words of navigation: a short line made only of these (and separators) is a menu.
    menu_words: &'static [&'static str],
}

/// Chrome shared by every language: sites mix them (Korean menus on English pages).
const COMMON: ChromeTable = ChromeTable {
    lines: &["menu", "all menu close", "close", "search", "top", "print", "share", "sns", "rss"],
    prefixes: &["©", "copyright", "(c) ", "e-mail", "email:", "tel", "fax", "http://", "https://", "www."],
    contains: &[
        "all rights reserved",
        "kogl",
        "open government license",
        "facebook",
        "twitter",
        "instagram",
        "youtube",
        "linkedin",
        "whatsapp",
        "kakao",
        "telegram",
        "privacy policy",
        "cookie",
        " | ",
        " > ",
        " › ",
        " » ",
        "@",
    ],
    menu_words: &[
        "home",
        "news",
        "menu",
        "search",
        "share",
        "print",
        "sns",
        "rss",
        "facebook",
        "twitter",
        "x",
        "instagram",
        "youtube",
        "linkedin",
        "whatsapp",
        "email",
        "e-mail",
        "link",
        "copy",
        "top",
        "sitemap",
        "login",
        "english",
        "español",
        "한국어",
        "korean",
        "español",
        "|",
        "·",
        "/",
        ">",
        "a",
        "+",
        "-",
    ],
};

const EN: ChromeTable = ChromeTable {
    lines: &[
        "skip to main content",
        "skip to content",
        "skip to navigation",
        "skip navigation",
        "main menu",
        "press releases",
        "press release",
        "ministry news",
        "news",
        "related news",
        "related articles",
        "subscribe",
        "back to list",
        "list",
        "previous",
        "next",
        "attachments",
        "attachment",
        "contact",
        "contact us",
        "follow us",
        "newsletter",
        "read more",
        "text size",
    ],
    prefixes: &[
        "skip to",
        "home ",
        "share ",
        "share:",
        "share this",
        "print ",
        "tags:",
        "tag:",
        "topics:",
        "category:",
        "posted on",
        "posted:",
        "published on",
        "published:",
        "last updated",
        "updated:",
        "date:",
        "views:",
        "hits:",
        "reading time",
        "available in",
        "department:",
        "author:",
        "written by",
        "contact:",
        "for further information",
        "for more information",
        "media contact",
        "press contact",
        "photo:",
        "image:",
        "source:",
        "terms of use",
        "accessibility",
        "sign up",
        "related news",
        "related articles",
        "related stories",
        "follow us",
        "download:",
        "text size",
        "font size",
    ],
    contains: &["terms of use", "sitemap", "site map", "newsletter", "download the"],
    menu_words: &[
        "about",
        "us",
        "contact",
        "press",
        "releases",
        "release",
        "notice",
        "notices",
        "events",
        "media",
        "politics",
        "business",
        "world",
        "sport",
        "sports",
        "culture",
        "opinion",
        "video",
        "videos",
        "photos",
        "more",
        "subscribe",
        "account",
        "ministry",
        "policy",
        "policies",
        "minister",
        "speeches",
        "briefings",
        "text",
        "size",
        "font",
        "larger",
        "smaller",
        "&",
        "list",
        "next",
        "previous",
        "back",
        "go",
        "related",
        "stories",
        "latest",
        "topics",
        "publications",
        "resources",
    ],
};

const KO: ChromeTable = ChromeTable {
    lines: &[
        "바로가기 메뉴",
        "본문 바로가기",
        "주메뉴 바로가기",
        "메뉴 바로가기",
        "검색창 열기",
        "검색창 닫기",
        "전체메뉴",
        "전체메뉴 닫기",
        "보도자료",
        "알림·소식",
        "목록",
        "이전글",
        "다음글",
        "인쇄",
        "인쇄하기",
        "공유하기",
        "첨부파일",
        "관련기사",
        "맨 위로",
    ],
    prefixes: &[
        "홈 ",
        "home ",
        "담당부서",
        "작성자",
        "연락처",
        "문의",
        "등록일",
        "작성일",
        "게시일",
        "수정일",
        "조회",
        "조회수",
        "첨부파일",
        "공유하기",
        "글자크기",
        "글자 크기",
        "인쇄",
        "출처",
        "저작권",
        "이전글",
        "다음글",
        "이 페이지",
        "만족도",
        "본 저작물",
        "기사제공",
        "사진=",
        "사진 =",
    ],
    contains: &[
        "바로가기",
        "공공누리",
        "무단 전재",
        "무단전재",
        "재배포 금지",
        "개인정보처리방침",
        "이용약관",
        "저작권정책",
        "페이스북",
        "트위터",
        "카카오",
        "블로그",
        "유튜브",
        "인스타그램",
    ],
    menu_words: &[
        "홈",
        "알림·소식",
        "알림",
        "소식",
        "보도자료",
        "공지사항",
        "외교부",
        "뉴스",
        "정책",
        "장관",
        "브리핑",
        "연설문",
        "메뉴",
        "검색",
        "열기",
        "닫기",
        "전체메뉴",
        "확대",
        "축소",
        "글자크기",
        "인쇄",
        "공유",
        "공유하기",
        "링크복사",
        "페이스북",
        "트위터",
        "카카오스토리",
        "블로그",
        "목록",
        "매우만족",
        "만족",
        "보통",
        "불만족",
        "매우불만족",
        "미리보기",
        "내려받기",
        "사이트맵",
        "로그인",
        "로그아웃",
        "회원가입",
        "영문",
        "english",
    ],
};

const ES: ChromeTable = ChromeTable {
    lines: &[
        "saltar al contenido principal",
        "ir al contenido principal",
        "ir al contenido",
        "menú principal",
        "comunicados de prensa",
        "comunicado de prensa",
        "noticias",
        "noticias relacionadas",
        "nota informativa",
        "enviar por correo",
        "imprimir",
        "compartir",
        "volver",
        "volver al listado",
        "anterior",
        "siguiente",
        "contacto",
        "suscríbase",
        "suscribirse",
        "adjuntos",
    ],
    prefixes: &[
        "saltar al",
        "ir al",
        "inicio ",
        "compartir",
        "imprimir",
        "enviar por",
        "etiquetas:",
        "temas:",
        "categoría:",
        "publicado",
        "fecha:",
        "actualizado",
        "última actualización",
        "tiempo de lectura",
        "lecturas",
        "visitas",
        "disponible en",
        "contacto:",
        "para más información",
        "para mayor información",
        "síganos",
        "siga",
        "suscríbase",
        "descargar",
        "foto:",
        "fuente:",
        "términos de uso",
        "política de privacidad",
        "aviso legal",
        "tamaño de",
    ],
    contains: &[
        "derechos reservados",
        "redes sociales",
        "aviso legal",
        "mapa del sitio",
        "lecturas",
        "términos y condiciones",
    ],
    menu_words: &[
        "inicio",
        "noticias",
        "prensa",
        "comunicados",
        "eventos",
        "publicaciones",
        "contacto",
        "acerca",
        "nosotros",
        "temas",
        "sobre",
        "multimedia",
        "videos",
        "fotos",
        "más",
        "política",
        "economía",
        "mundo",
        "deportes",
        "cultura",
        "opinión",
        "buscar",
        "menú",
        "compartir",
        "imprimir",
        "suscríbase",
        "listado",
        "volver",
        "anterior",
        "siguiente",
        "ministerio",
        "relacionadas",
    ],
};

/// The tables that apply to a page in `lang`: its own first, then the others, since sites mix
/// them (a Korean ministry's English page keeps its Korean menus and header rows).
fn tables(lang: Lang) -> [&'static ChromeTable; 4] {
    match lang {
        Lang::En => [&EN, &COMMON, &KO, &ES],
        Lang::Ko => [&KO, &COMMON, &EN, &ES],
        Lang::Es => [&ES, &COMMON, &EN, &KO],
        Lang::Other(_) => [&COMMON, &EN, &ES, &KO],
    }
}

/// A month name or another word of [`DATE_WORDS`].
fn is_date_word(word: &str) -> bool {
    DATE_WORDS.contains(&word) || crate::lang::month_number(word).is_some()
}

/// Sentence-final punctuation, before optional closing quotes or brackets.
const SENTENCE_FINAL: &[char] = &['.', '?', '!', '…', '。', '？', '！'];
const CLOSING: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '」', '』', '】', '〉', '》'];

/// Date words besides the month names of [`crate::lang`], for recognising date lines
/// ("13 October 2021", "2021.03.17").
const DATE_WORDS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "setiembre",
    "de",
    "del",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "년",
    "월",
    "일",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "news",
    "noticias",
    "press",
    "release",
    "comunicado",
    "views",
    "hits",
    "date",
    "fecha",
    "updated",
    "posted",
    "published",
    "조회",
    "조회수",
    "등록일",
    "작성일",
    "lecturas",
    "visitas",
    "minutos",
    "minutes",
    "min",
    "read",
    "lectura",
    "tiempo",
];

/// How a line was classified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineClass {
    /// Empty or only spaces.
    Blank,
    /// Named by a chrome table, or a date/count line.
    Chrome,
    /// Reads like running text: long enough and ends like a sentence.
    Sentence,
    /// Anything else: a headline, a short item, unknown chrome.
    Other,
}

/// The result of cleaning: which lines are body, which are chrome.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Body lines (trimmed of surrounding spaces), in order.
    pub body: Vec<Span>,
    /// Index into `body` of the title line, if one was found.
    pub title: Option<usize>,
    /// For each body line: true when cleaning could not tell text from chrome.
    pub uncertain: Vec<bool>,
    /// Lines dropped as chrome.
    pub chrome: Vec<Span>,
}

/// Finds the title and body lines of `text` and sets the chrome aside.
///
/// Chrome lines (named by a table) and short fragments (a word or three, no sentence end) above
/// the body and below it are dropped. The title is the last line above the first line that reads
/// like a sentence. Other lines above the title or below the last sentence may be text or
/// chrome nobody listed: they are kept and marked uncertain, for the aligner to decide by
/// whether they have a counterpart. Inside the body only lines a table names are dropped, and
/// never one that reads like a sentence.
pub fn clean(text: &str, lang: Lang) -> Cleaned {
    let lines = line_spans(text);
    let classes: Vec<LineClass> = lines.iter().map(|&s| classify(&text[s.range()], lang)).collect();
    let line = |i: usize| &text[lines[i].range()];
    let droppable = |i: usize| match classes[i] {
        LineClass::Blank | LineClass::Chrome => true,
        LineClass::Sentence => false,
        LineClass::Other => is_fragment(line(i), lang),
    };
    let mut keep: Vec<bool> = (0..lines.len()).map(|i| !droppable(i)).collect();
    let first_sentence_line = classes.iter().position(|&c| c == LineClass::Sentence);
    let mut short_title = None;
    match first_sentence_line {
        // The line right above the body is the headline, even a short one; if short, uncertain.
        Some(first) => {
            let above = (0..first).rev().find(|&i| !matches!(classes[i], LineClass::Blank | LineClass::Chrome));
            if let Some(t) = above.filter(|&t| !keep[t]) {
                keep[t] = true;
                short_title = Some(t);
            }
        }
        // No running text at all: keep every line no table names.
        None => keep.iter_mut().zip(&classes).for_each(|(k, &c)| *k = c == LineClass::Other),
    }
    let kept: Vec<usize> = (0..lines.len()).filter(|&i| keep[i]).collect();
    let first_sentence = kept.iter().position(|&i| classes[i] == LineClass::Sentence);
    let last_sentence = kept.iter().rposition(|&i| classes[i] == LineClass::Sentence);

    // Positions in `kept`.
    // Without a line above the first sentence, the first line is the headline (it may end with
    // a period, as Spanish and Korean headlines do).
    // Numbered or bulleted lines between it and the first sentence are body already.
    let title = match first_sentence {
        Some(first) if first > 0 => (0..first).rev().find(|&t| !has_marker(line(kept[t]))),
        _ => (!kept.is_empty()).then_some(0).filter(|&t| !has_marker(line(kept[t]))),
    };
    let top_uncertain = title.unwrap_or(0);
    let bottom_uncertain = last_sentence.map_or(kept.len(), |last| last + 1);

    let mut cleaned = Cleaned::default();
    let mut next_kept = kept.iter().enumerate().peekable();
    for (i, &span) in lines.iter().enumerate() {
        if let Some((k, _)) = next_kept.next_if(|&(_, &line_no)| line_no == i) {
            if Some(k) == title {
                cleaned.title = Some(cleaned.body.len());
            }
            let uncertain =
                k < top_uncertain || k >= bottom_uncertain && !has_marker(line(i)) || Some(i) == short_title;
            cleaned.body.push(span);
            cleaned.uncertain.push(uncertain);
        } else if classes[i] != LineClass::Blank {
            cleaned.chrome.push(span);
        }
    }
    cleaned
}

/// A short fragment with no sentence end: "Newsroom", "By Staff", "목록으로". Above the title or
/// below the body such a line is navigation, not text.
fn is_fragment(line: &str, lang: Lang) -> bool {
    let words = strip_marker(line).split(is_space).filter(|w| !w.is_empty()).count();
    let limit = if lang == Lang::Ko { 2 } else { 3 };
    words <= limit && !ends_like_sentence(line)
}

/// Spans of the lines of `text`, each trimmed of surrounding spaces; blank lines are empty spans.
fn line_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let trimmed_start = line.len() - line.trim_start_matches(is_space).len();
        let trimmed_end = line.trim_end_matches(is_space).len().max(trimmed_start);
        spans.push(Span::new(start + trimmed_start, start + trimmed_end));
        start += line.len() + 1;
    }
    spans
}

/// Lower-cased, spaces folded: the form chrome tables are written in.
fn fold(line: &str) -> String {
    line.split(is_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").to_lowercase()
}

pub(crate) fn classify(line: &str, lang: Lang) -> LineClass {
    if line.trim_matches(is_space).is_empty() {
        return LineClass::Blank;
    }
    if is_chrome(line, lang) {
        return LineClass::Chrome;
    }
    if reads_like_sentence(line, lang) && !is_title_case(line, lang) && !is_short_question(line, lang) {
        LineClass::Sentence
    } else {
        LineClass::Other
    }
}

/// A line that a table names, or a date, count or menu line.
pub(crate) fn is_chrome(line: &str, lang: Lang) -> bool {
    // A paragraph can only be chrome by a licence phrase (below), and folding it costs more
    // than the rest of cleaning: rule the phrases out on the line as it is, when it is surely
    // long (the marker is one word at most).
    let surely_long = line.split(is_space).filter(|w| !w.is_empty()).nth(13).is_some();
    if surely_long && !may_hold_a_licence_phrase(line) {
        return false;
    }
    let folded = fold(line);
    let unmarked = strip_marker(&folded);
    let words = unmarked.split(' ').count();
    // Running text is never chrome by table: body sentences are long.
    let short = words <= 12 && unmarked.chars().count() <= 120;
    if !short {
        return licence_phrases().any(|phrase| folded.contains(phrase));
    }
    // A line that reads like a sentence may mention Facebook or a date: only a table's whole
    // lines, prefixes and licence phrases make it chrome.
    let sentence = reads_like_sentence(line, lang);
    tables(lang).iter().any(|t| {
        t.lines.contains(&unmarked)
            || t.prefixes.iter().any(|p| unmarked.starts_with(p))
            || t.contains.iter().any(|c| (!sentence || is_licence_phrase(c)) && unmarked.contains(c))
    }) || !sentence
        && (is_menu_line(unmarked, lang)
            || lang == Lang::Es && is_menu_of_capitals(line)
            || is_date_or_count_line(unmarked)
            || has_phone_number(unmarked)
            || is_breadcrumb(unmarked))
}

/// False when `fold(line)` surely holds none of the tables' licence phrases: the longest
/// word of each is not in the line in any ASCII case. Conservative for the two characters
/// whose lower case is ASCII (the Kelvin sign and the dotted capital I).
fn may_hold_a_licence_phrase(line: &str) -> bool {
    /// The longest word of each licence phrase and the two characters, searched for in one
    /// pass: one searcher serves every language.
    static SEARCHER: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    let searcher = SEARCHER.get_or_init(|| {
        let words = licence_phrases().filter_map(|phrase| phrase.split(' ').max_by_key(|w| w.len()));
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(words.chain(["\u{212A}", "\u{130}"]))
            .ok()
    });
    // Without a searcher (it cannot fail to build from these few words), every line may.
    searcher.as_ref().is_none_or(|searcher| searcher.is_match(line))
}

/// The licence phrases of the tables. Every language's tables are the same four tables.
fn licence_phrases() -> impl Iterator<Item = &'static str> {
    tables(Lang::En).into_iter().flat_map(|t| t.contains).copied().filter(|p| is_licence_phrase(p))
}

/// Licence footers can be long, but they never appear inside a release's body.
fn is_licence_phrase(phrase: &str) -> bool {
    matches!(phrase, "all rights reserved" | "derechos reservados" | "공공누리" | "open government license" | "kogl")
}

/// A short line made only of navigation words, e.g. "News  Business  Politics  World".
fn is_menu_line(folded: &str, lang: Lang) -> bool {
    let words: Vec<&str> = folded.split(' ').collect();
    // One word alone may be a title ("Culture"); the tables' `lines` name single-word chrome.
    if words.len() < 2 || words.len() > 10 || ends_like_sentence(folded) {
        return false;
    }
    words.iter().all(|w| {
        let w = w.trim_matches(|c: char| c.is_ascii_punctuation() || c == '·');
        w.is_empty() || tables(lang).iter().any(|t| t.menu_words.contains(&w)) || w.chars().all(|c| c.is_ascii_digit())
    })
}

/// "13 October 2021 | News", "2021.03.17", "조회수 1,234", "7896 lecturas".
fn is_date_or_count_line(folded: &str) -> bool {
    if folded.split(' ').count() > 8 || ends_like_sentence(folded) {
        return false;
    }
    let mut numbers = 0;
    let mut labels = 0;
    for token in folded.split([' ', '|', ':', ',', '/']) {
        if token.is_empty() {
            continue;
        }
        let stripped = token.trim_end_matches(['년', '월', '일', '.', '(', ')']).trim_start_matches('(');
        let stripped = stripped.trim_end_matches(['(', '.']);
        if !stripped.is_empty() && stripped.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | ':' | ',')) {
            numbers += 1;
            continue;
        }
        if is_date_word(stripped) || is_date_word(token) || is_weekday_mark(token) {
            continue;
        }
        labels += 1;
    }
    // A full date (two numbers or more) may carry a short label: "Last updated: May 2, 2020";
    // a line that ends in an ISO date is a header row ("Central America Division  2025-03-17").
    let iso_date_last = folded.rsplit(' ').next().is_some_and(is_iso_date);
    numbers > 0 && (labels == 0 || numbers >= 2 && labels <= 3 || iso_date_last && labels <= 6)
}

/// "2025-03-17", "2025.03.17".
fn is_iso_date(token: &str) -> bool {
    let parts: Vec<&str> = token.trim_end_matches('.').split(['-', '.']).collect();
    parts.len() == 3
        && parts[0].len() == 4
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// "(월)", "(lun)": the weekday after a date in Korean and Spanish pages.
fn is_weekday_mark(token: &str) -> bool {
    let inner = token.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').trim_end_matches('.');
    inner.starts_with('(') && inner.ends_with(')') && inner.chars().count() <= 5
}

/// A contact line: a phone number such as 02-2100-2114 or 044-123-4567.
fn has_phone_number(folded: &str) -> bool {
    folded.split(|c: char| !(c.is_ascii_digit() || c == '-')).any(|token| {
        let groups: Vec<&str> = token.split('-').collect();
        groups.len() == 3
            && (2..=4).contains(&groups[0].len())
            && (3..=4).contains(&groups[1].len())
            && groups[2].len() == 4
    })
}

/// A breadcrumb trail: "Home / News / Releases", "Inicio > Prensa > Noticias".
fn is_breadcrumb(folded: &str) -> bool {
    [" / ", " > ", " › ", " » ", " | ", " :: "].iter().map(|sep| folded.matches(sep).count()).sum::<usize>() >= 2
}

/// A Spanish line of four words or more, every one capitalised: Spanish headlines are in
/// sentence case, so this is a menu ("Portada Nacional Internacional Economía").
fn is_menu_of_capitals(line: &str) -> bool {
    let words: Vec<&str> = line.split(is_space).filter(|w| w.chars().any(char::is_alphabetic)).collect();
    // Menus are words alone; a colon or a figure makes a headline ("Elite League: Stars 5-3 Giants").
    words.len() >= 4
        && !line.contains(|c: char| c == ':' || c.is_ascii_digit())
        && !ends_like_sentence(line)
        && words.iter().all(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase))
}

/// A short line ending in `?` or `!`: a headline ("What is conscious hip hop?") more often than
/// a paragraph of running text.
fn is_short_question(line: &str, lang: Lang) -> bool {
    let body = strip_marker(line.trim_matches(is_space));
    let ends = body.trim_end_matches(is_space).trim_end_matches(CLOSING).ends_with(['?', '!', '？', '！']);
    if !ends {
        return false;
    }
    let short = match lang {
        Lang::Ko => body.chars().filter(|c| !is_space(*c)).nth(30).is_none(),
        Lang::En | Lang::Es | Lang::Other(_) => body.split(is_space).filter(|w| !w.is_empty()).nth(12).is_none(),
    };
    short && !has_marker(line)
}

/// An English line in title case: most longer words capitalised. Running text capitalises few,
/// so it is a headline ("Minister Visits Lima to Sign Agreement."), even with a final period.
fn is_title_case(line: &str, lang: Lang) -> bool {
    // Headlines are short and unmarked; a long line full of names is running text.
    if lang != Lang::En || has_marker(line) || line.split(is_space).filter(|w| !w.is_empty()).nth(16).is_some() {
        return false;
    }
    let words: Vec<&str> =
        line.split(is_space).filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3).collect();
    let capitalised =
        words.iter().filter(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)).count();
    words.len() >= 4 && capitalised * 10 >= words.len() * 8
}

/// Running text: ends like a sentence and is long enough to be one. A long line ending in a
/// colon is running text too: it introduces a list ("Here are some key facts:").
fn reads_like_sentence(line: &str, lang: Lang) -> bool {
    let body = strip_marker(line.trim_matches(is_space));
    if !ends_like_sentence(body) {
        return introduces_list(body, lang);
    }
    match lang {
        // A Korean sentence ends in a verb ("…했다."), not in a date like "(3.17.)".
        Lang::Ko => {
            let before_stop =
                body.trim_end_matches(is_space).trim_end_matches(CLOSING).trim_end_matches(SENTENCE_FINAL);
            // Counting stops once the answer is known: a paragraph is read once, not again here.
            body.chars().filter(|c| !is_space(*c)).nth(11).is_some()
                && !before_stop.ends_with(|c: char| c.is_ascii_digit())
        }
        Lang::En | Lang::Es | Lang::Other(_) => body.split(is_space).filter(|w| !w.is_empty()).nth(4).is_some(),
    }
}

/// A line ending in a colon, long enough that it is not a label ("Contact:", "문의:").
fn introduces_list(body: &str, lang: Lang) -> bool {
    let trimmed = body.trim_end_matches(is_space);
    if !trimmed.ends_with([':', '：']) {
        return false;
    }
    match lang {
        Lang::Ko => trimmed.chars().filter(|c| !is_space(*c)).count() >= 20,
        Lang::En | Lang::Es | Lang::Other(_) => trimmed.split(is_space).filter(|w| !w.is_empty()).count() >= 8,
    }
}

fn ends_like_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(is_space).trim_end_matches(CLOSING);
    trimmed.ends_with(SENTENCE_FINAL)
}

/// List markers that open a block: "1.", "o", "°", "▴", "△", "*", "-", "•" and kin.
pub(crate) const BULLETS: &[char] =
    &['o', '°', '▴', '▲', '△', '*', '-', '•', '·', '◦', '○', '●', '■', '□', '▪', '※', '➢', '►', '–'];

/// Splits a line into its marker (if any) and the byte offset where the text after it starts.
pub(crate) fn split_marker(line: &str) -> (Option<crate::document::Marker>, usize) {
    use crate::document::Marker;
    let lead = line.len() - line.trim_start_matches(is_space).len();
    let rest = &line[lead..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let after = &rest[digits..];
        if let Some(tail) = after.strip_prefix(['.', ')'])
            && tail.starts_with(is_space)
            && let Ok(n) = rest[..digits].parse()
        {
            let text_at = lead + digits + 1 + (tail.len() - tail.trim_start_matches(is_space).len());
            return (Some(Marker::Number(n)), text_at);
        }
    }
    let mut chars = rest.chars();
    if let Some(c) = chars.next()
        && BULLETS.contains(&c)
    {
        let tail = chars.as_str();
        // ASCII bullets ("o", "*", "-") need a space after them, or they are words and signs.
        let needs_space = c.is_ascii() || c == '–';
        let spaced = tail.starts_with(is_space);
        if (spaced || !needs_space) && !tail.trim_start_matches(is_space).is_empty() {
            let text_at = lead + c.len_utf8() + (tail.len() - tail.trim_start_matches(is_space).len());
            return (Some(Marker::Bullet(c)), text_at);
        }
    }
    (None, lead)
}

fn has_marker(line: &str) -> bool {
    split_marker(line).0.is_some()
}

fn strip_marker(line: &str) -> &str {
    &line[split_marker(line).1..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Marker;

    fn body_lines(text: &str, lang: Lang) -> Vec<&str> {
        clean(text, lang).body.iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn long_lines_are_chrome_only_by_a_licence_phrase_in_any_case_and_spacing() {
        let long = "This page and every text on it, photos and video included, may be shared under the terms below";
        assert!(!is_chrome(long, Lang::En));
        for licence in [" — All rights reserved.", " — ALL  RIGHTS\u{a0}RESERVED.", " — All Rights Reserved"] {
            assert!(is_chrome(&format!("{long}{licence}"), Lang::En), "{licence}");
        }
        let korean = "이 누리집의 모든 자료는 출처를 밝히면 누구나 자유롭게 이용할 수 있으며 자세한 조건은 아래 공공누리 제1유형 안내를 따릅니다";
        assert!(is_chrome(korean, Lang::Ko));
        assert!(!is_chrome(&korean.replace("공공누리", "이용"), Lang::Ko));
        assert!(may_hold_a_licence_phrase("RESERVED"));
        assert!(!may_hold_a_licence_phrase("reserve all rights"));
        assert!(may_hold_a_licence_phrase("\u{212A}OGL"), "the Kelvin sign folds to k");
        // Every licence phrase of the tables, in any ASCII case, passes the filter.
        for phrase in licence_phrases() {
            assert!(may_hold_a_licence_phrase(&format!("Text before {}", phrase.to_uppercase())), "{phrase}");
        }
    }

    #[test]
    fn drops_chrome_around_an_english_release() {
        let text = "Skip to main content\nMenu\nHome > News > Press Releases\nShare  Facebook  Twitter\n\
                    Minister Visits Lima\n\n1. The minister arrived in Lima on Monday for talks.\n\n\
                    2. Both sides agreed to meet again next year in Seoul.\n\nTags: Diplomacy\n\
                    © 2024 Ministry of Foreign Affairs. All rights reserved.\n";
        let cleaned = clean(text, Lang::En);
        let body: Vec<&str> = cleaned.body.iter().map(|s| &text[s.range()]).collect();
        assert_eq!(
            body,
            [
                "Minister Visits Lima",
                "1. The minister arrived in Lima on Monday for talks.",
                "2. Both sides agreed to meet again next year in Seoul."
            ]
        );
        assert_eq!(cleaned.title, Some(0));
        assert_eq!(cleaned.chrome.len(), 6);
    }

    #[test]
    fn a_paragraph_ending_in_a_colon_is_body_not_the_title() {
        let text = "Share this page\n\nEarthquake in Sulawesi\n\nThe quake hit Palu on Friday. Here are some key \
                    facts about Palu and Donggala, on the island of Sulawesi:\n\nPalu is the provincial capital.\n";
        let cleaned = clean(text, Lang::En);
        let title = cleaned.title.map(|t| &text[cleaned.body[t].range()]);
        assert_eq!(title, Some("Earthquake in Sulawesi"));
        assert!(!introduces_list("Contact:", Lang::En));
    }

    #[test]
    fn a_spanish_headline_of_names_and_a_score_is_not_a_menu() {
        assert!(is_menu_of_capitals("Portada Nacional Internacional Economía Deportes"));
        assert!(!is_menu_of_capitals("Elite League: Dundee Stars 5-3 Belfast Giants"));
    }

    #[test]
    fn korean_chrome_and_sub_items_are_told_apart() {
        let text = "본문 바로가기\n검색창 열기\n홈 > 알림·소식 > 보도자료\n담당부서 중남미국 작성자 홍길동\n\
                    한-중미 협력 회의 개최\n\n1. 외교부는 3월 17일 서울에서 회의를 개최했다.\n\
                    ° 이번 회의에는 7개국 대표가 참석했다.\n\n공공누리 제1유형 출처표시\n";
        assert_eq!(
            body_lines(text, Lang::Ko),
            [
                "한-중미 협력 회의 개최",
                "1. 외교부는 3월 17일 서울에서 회의를 개최했다.",
                "° 이번 회의에는 7개국 대표가 참석했다."
            ]
        );
    }

    #[test]
    fn spanish_footer_and_counts() {
        let text = "Nota informativa\nTiempo de lectura: 9 minutos\n7896 lecturas\n\nLa CEPAL presenta su informe\n\n\
                    La economía regional crecerá un 2,1 % este año, según el informe.\n\n\
                    Síganos en las redes sociales\nTodos los derechos reservados\n";
        assert_eq!(
            body_lines(text, Lang::Es),
            ["La CEPAL presenta su informe", "La economía regional crecerá un 2,1 % este año, según el informe."]
        );
    }

    #[test]
    fn body_sentences_are_never_dropped_by_tables() {
        // A long sentence that mentions chrome words stays.
        let line = "The ministry will share its experience with partners on Facebook and other platforms next year.";
        assert_eq!(classify(line, Lang::En), LineClass::Sentence);
    }

    #[test]
    fn markers() {
        assert_eq!(split_marker("12. Text"), (Some(Marker::Number(12)), 4));
        assert_eq!(split_marker(" o The item"), (Some(Marker::Bullet('o')), 3));
        assert_eq!(split_marker("°   Item"), (Some(Marker::Bullet('°')), 5));
        assert_eq!(split_marker("▴Item"), (Some(Marker::Bullet('▴')), 3));
        assert_eq!(split_marker("2021. Year"), (None, 0));
        assert_eq!(split_marker("-5% growth"), (None, 0));
        assert_eq!(split_marker("oil prices"), (None, 0));
        assert_eq!(split_marker("1.5 million"), (None, 0));
    }
}
