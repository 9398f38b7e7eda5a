//! Invariants of parsing, alignment and memory building, on documents generated from a small
//! vocabulary of sentences, markers, blank lines and web chrome in the three languages.

use proptest::prelude::*;
use tmalign::{AlignOptions, Alignment, Document, Lang, MemoryOptions, TranslationMemory, align, align_resegmenting};

const SENTENCES: [&str; 24] = [
    "Korea and Peru signed a $12.2 billion agreement on March 17.",
    "It covers 5G networks, ports and hospitals.",
    "Mr. Kim met the U.S. delegation at 5 p.m. on Sept. 1.",
    "“Growth of around 2% is not enough,” said the director.",
    "Will the fund reach 14 countries?",
    "Trade grew by 11.4 percent",
    "한국과 페루는 3월 17일 122억 달러 규모의 협정에 서명했다.",
    "협정은 5G 네트워크를 포함한다.",
    "강 차관은 “협력을 확대하겠다”라고 말했다.",
    "작년 교역액은 38억 달러로 역대 최고치를 기록했다.",
    "외교부는 10월에 연수 프로그램을 실시할 예정이다.",
    "허리케인·홍수 조기경보체계 구축",
    "Corea y el Perú firmaron un acuerdo de 12.200 millones de dólares.",
    "El Sr. Kim se reunió con la delegación de EE. UU. el 1 de septiembre.",
    "¿Llegará el fondo a 14 países?",
    "«Un crecimiento del 2 % no basta», afirmó la directora.",
    "La beca cubre 1.000.000 de wones.",
    "El comercio creció un 11,4 % respecto al año anterior",
    "Hello   world.",
    "Tabs\tand\u{00A0}no-break spaces stay inside.",
    "Dr. Lee said: yes.",
    "5월 8일부터 9일까지 개최했다.",
    "Se realizó los días 8 y 9 de mayo.",
    "The end…",
];

const CHROME: [&str; 12] = [
    "Skip to main content",
    "Home > News > Press Releases",
    "Share Facebook Twitter",
    "© Embassy of the Republic of Korea in Peru. All rights reserved.",
    "본문 바로가기",
    "홈 > 알림·소식 > 보도자료",
    "공공누리 제1유형 출처표시",
    "인쇄하기",
    "Ir al contenido",
    "Inicio > Noticias",
    "Todos los derechos reservados.",
    "05/06/2025",
];

const MARKERS: [&str; 9] = ["", "", "", "1. ", "2. ", "o ", " ° ", "▴ ", "- "];

#[derive(Clone, Debug)]
enum Line {
    Blank,
    Chrome(usize),
    Text { marker: usize, sentences: Vec<usize> },
}

fn line() -> impl Strategy<Value = Line> {
    prop_oneof![
        2 => Just(Line::Blank),
        1 => (0..CHROME.len()).prop_map(Line::Chrome),
        4 => (0..MARKERS.len(), prop::collection::vec(0..SENTENCES.len(), 1..4))
            .prop_map(|(marker, sentences)| Line::Text { marker, sentences }),
    ]
}

fn lang() -> impl Strategy<Value = Lang> {
    prop::sample::select(Lang::ALL.to_vec())
}

/// The text of a document: lines joined with LF or CRLF.
fn text() -> impl Strategy<Value = String> {
    (prop::collection::vec(line(), 0..16), any::<bool>(), " {0,2}").prop_map(|(lines, crlf, sep)| {
        let lines: Vec<String> = lines
            .iter()
            .map(|l| match l {
                Line::Blank => String::new(),
                Line::Chrome(i) => CHROME[*i].to_string(),
                Line::Text { marker, sentences } => {
                    let body: Vec<&str> = sentences.iter().map(|&s| SENTENCES[s]).collect();
                    format!("{}{}", MARKERS[*marker], body.join(&format!(" {sep}")))
                }
            })
            .collect();
        lines.join(if crlf { "\r\n" } else { "\n" })
    })
}

fn document() -> impl Strategy<Value = Document> {
    (lang(), text()).prop_map(|(lang, text)| Document::parse(format!("doc.{lang}.txt"), lang, text))
}

/// Two or three documents in distinct languages.
fn documents() -> impl Strategy<Value = Vec<Document>> {
    (prop::sample::subsequence(Lang::ALL.to_vec(), 2..=3), prop::collection::vec(text(), 3), any::<bool>()).prop_map(
        |(langs, texts, reverse)| {
            let mut docs: Vec<Document> = langs
                .into_iter()
                .zip(texts)
                .map(|(lang, text)| Document::parse(format!("doc.{lang}.txt"), lang, text))
                .collect();
            if reverse {
                docs.reverse();
            }
            docs
        },
    )
}

fn no_space(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'))
        .collect()
}

fn check_alignment(docs: &[Document], alignment: &Alignment) -> Result<(), TestCaseError> {
    let mut next = vec![0usize; docs.len()];
    for (u, unit) in alignment.units.iter().enumerate() {
        prop_assert_eq!(unit.sentences.len(), docs.len(), "unit {} has one range per document", u);
        prop_assert!(unit.languages() >= 1, "unit {} is empty: {:?}", u, unit);
        prop_assert!((0.0..=1.0).contains(&unit.score), "unit {} score {}", u, unit.score);
        for (k, range) in unit.sentences.iter().enumerate() {
            if range.is_empty() {
                continue;
            }
            // Each document's sentences come in order, each exactly once, with no gap.
            prop_assert_eq!(range.start, next[k], "unit {} doc {}: {:?}", u, k, range);
            next[k] = range.end;
        }
    }
    for (k, doc) in docs.iter().enumerate() {
        prop_assert_eq!(next[k], doc.sentences.len(), "doc {} not covered", k);
    }
    Ok(())
}

/// Sentences lie in their blocks, in order, without overlap, and together hold every
/// non-space character of each block.
fn check_sentences(doc: &Document) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for (i, s) in doc.sentences.iter().enumerate() {
        prop_assert!(s.block < doc.blocks.len());
        let block = doc.blocks[s.block].span;
        prop_assert!(
            block.start <= s.span.start && s.span.end <= block.end,
            "sentence {} {:?} outside {:?}",
            i,
            s.span,
            block
        );
        prop_assert!(s.span.start >= last_end, "sentence {} overlaps the one before", i);
        prop_assert!(!doc.sentence_text(i).is_empty(), "sentence {} is blank", i);
        last_end = s.span.end;
    }
    for (b, block) in doc.blocks.iter().enumerate() {
        let joined: String = doc.sentences.iter().filter(|s| s.block == b).map(|s| doc.slice(s.span)).collect();
        prop_assert_eq!(no_space(&joined), no_space(doc.slice(block.span)), "block {} of {:?}", b, doc.text);
    }
    for span in &doc.chrome {
        prop_assert!(doc.blocks.iter().all(|b| b.span.end <= span.start || span.end <= b.span.start));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn sentences_lie_in_their_blocks_and_cover_them(doc in document()) {
        check_sentences(&doc)?;
    }

    #[test]
    fn resegmenting_keeps_sentences_whole_and_the_alignment_complete(mut docs in documents()) {
        let before: Vec<usize> = docs.iter().map(|d| d.sentences.len()).collect();
        let alignment = align_resegmenting(&mut docs, &AlignOptions::default());
        for (doc, count) in docs.iter().zip(before) {
            prop_assert!(doc.sentences.len() >= count, "resegmenting only cuts");
            check_sentences(doc)?;
        }
        check_alignment(&docs, &alignment)?;
    }

    #[test]
    fn alignment_covers_every_sentence_once_in_order(docs in documents()) {
        let alignment = align(&docs);
        check_alignment(&docs, &alignment)?;
    }

    #[test]
    fn one_document_aligns_to_itself(doc in document()) {
        let docs = [doc];
        let alignment = align(&docs);
        prop_assert_eq!(alignment.units.len(), docs[0].sentences.len());
        check_alignment(&docs, &alignment)?;
    }

    #[test]
    fn memory_units_have_two_non_empty_variants(docs in documents(), min_score in prop_oneof![Just(0.0), 0.0..1.0f64]) {
        let alignment = align(&docs);
        let options = MemoryOptions { min_score, creation_date: Some("20250101T120000Z".into()), ..MemoryOptions::default() };
        let memory = TranslationMemory::from_alignment(&docs, &alignment, &options);
        // Units need two languages, the score, and (by default) the source language: the first
        // document's.
        let eligible = alignment
            .units
            .iter()
            .filter(|u| u.languages() >= 2 && u.score >= min_score && !u.sentences[0].is_empty())
            .count();
        prop_assert_eq!(memory.units.len(), eligible);
        for unit in &memory.units {
            prop_assert!(unit.variants.len() >= 2, "{:?}", unit);
            for v in &unit.variants {
                prop_assert!(!v.text.trim().is_empty(), "{:?}", unit);
                prop_assert_eq!(v.text.trim(), v.text.as_str());
            }
            let mut langs: Vec<&str> = unit.variants.iter().map(|v| v.lang.as_str()).collect();
            langs.dedup();
            prop_assert_eq!(langs.len(), unit.variants.len(), "one variant per language");
            let score: f64 = unit.prop("x-score").unwrap().parse().unwrap();
            prop_assert!(score >= min_score - 0.0005 && score <= 1.0);
        }
        // The source language (the first document's) comes first where present.
        let src = docs[0].lang.default_locale();
        prop_assert_eq!(memory.header.src_lang.as_str(), src);
        for unit in memory.units.iter().filter(|u| u.text(src).is_some()) {
            prop_assert_eq!(unit.variants[0].lang.as_str(), src);
        }
    }
}
