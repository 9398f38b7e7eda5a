//! Translation memory tools end to end: reading any TMX, merging, converting, looking up,
//! counting, and the `tmalign` subcommands. Inputs are built here or read from tests/fixtures.

use proptest::prelude::*;
use std::path::Path;
use std::process::Command;
use tmalign::{
    DuplicatePolicy, ErrorKind, Header, LookupOptions, MergeOptions, Stats, TmFormat, TmIndex, TmxReader,
    TranslationMemory, TranslationUnit, Variant, merge_tmx_files, read_tmx, write_tmx,
};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn unit(pairs: &[(&str, &str)]) -> TranslationUnit {
    TranslationUnit { variants: pairs.iter().map(|(l, t)| Variant::new(*l, *t)).collect(), ..Default::default() }
}

fn dated(pairs: &[(&str, &str)], change: &str) -> TranslationUnit {
    TranslationUnit { change_date: Some(change.into()), ..unit(pairs) }
}

fn memory(src: &str, units: Vec<TranslationUnit>) -> TranslationMemory {
    TranslationMemory { header: Header::tmalign(src, "20250101T120000Z".into()), units }
}

fn tmx(tm: &TranslationMemory) -> Vec<u8> {
    let mut out = Vec::new();
    write_tmx(tm, &mut out).expect("writing to a Vec");
    out
}

fn pairs(tm: &TranslationMemory) -> Vec<Vec<(String, String)>> {
    tm.units.iter().map(|u| u.variants.iter().map(|v| (v.lang.clone(), v.text.clone())).collect()).collect()
}

#[test]
fn omegat_exports_read_correctly_and_round_trip() {
    let level2 = TranslationMemory::read(Path::new(FIXTURES).join("omegat-3.6-level2.tmx")).expect("OmegaT TMX 1.4");
    assert_eq!(level2.header.creation_tool, "OmegaT");
    assert_eq!(level2.header.src_lang, "ko-KR");
    assert_eq!(level2.units.len(), 3);
    assert_eq!(level2.locales(), ["ko-KR", "en-US"]);
    assert_eq!(level2.units[1].text("ko"), Some("리마에서 한국영화주간 개막"));
    assert_eq!(level2.units[1].text("en"), Some("Korean Film Week Opens in Lima"));

    let level1 = TranslationMemory::read(Path::new(FIXTURES).join("omegat-3.6-level1.tmx")).expect("OmegaT TMX 1.1");
    assert_eq!(pairs(&level1), pairs(&level2), "TMX 1.1 `lang=` reads like 1.4 `xml:lang`");

    let first = tmx(&level2);
    let second = tmx(&read_tmx(&first[..]).expect("our own TMX"));
    assert_eq!(first, second);
}

#[test]
fn utf16_with_bom_streams() {
    let text = String::from_utf8(tmx(&memory("ko-KR", vec![unit(&[("ko-KR", "가나"), ("en-US", "ab")])])))
        .expect("UTF-8")
        .replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    for big_endian in [false, true] {
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for u in text.encode_utf16() {
            bytes.extend(if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        let tm = read_tmx(&bytes[..]).expect("UTF-16 TMX");
        assert_eq!(tm.units[0].text("ko"), Some("가나"));
        assert_eq!(tm.units[0].text("en"), Some("ab"));
    }
}

/// A document of `n` units, one line per element, so unit `i` starts on line `6 + 8 * i`.
fn big_document(n: usize) -> String {
    let units: Vec<TranslationUnit> =
        (0..n).map(|i| unit(&[("ko-KR", &format!("문장 {i}")), ("en-US", &format!("Sentence {i}"))])).collect();
    String::from_utf8(tmx(&memory("ko-KR", units))).expect("UTF-8")
}

#[test]
fn the_reader_streams_units_and_places_late_errors() {
    let text = big_document(500);
    let mut reader = TmxReader::new(text.as_bytes()).expect("header");
    assert_eq!(reader.header().src_lang, "ko-KR");
    assert_eq!(reader.by_ref().count(), 500);
    assert!(reader.next().is_none());

    // Unit 400 loses the `</tuv>` of its Korean segment: the error is at the first mismatched end
    // tag, the unit's `</tu>`, now its seventh line.
    let broken = text.replace("<seg>문장 400</seg>\n      </tuv>", "<seg>문장 400</seg>");
    let mut reader = TmxReader::new(broken.as_bytes()).expect("header");
    let results: Vec<_> = reader.by_ref().collect();
    assert_eq!(results.len(), 401, "400 units, then the error");
    let err = results.into_iter().last().and_then(Result::err).expect("an error");
    assert_eq!(err.kind(), ErrorKind::Tmx);
    let line = 6 + 8 * 400 + 6;
    assert!(err.message().contains(&format!("line {line}, column 5")), "{err}");
}

#[test]
fn entities_are_refused_and_undeclared_ones_are_errors() {
    let text = big_document(2).replace(
        "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">",
        "<!DOCTYPE tmx [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>",
    );
    let err = read_tmx(text.as_bytes()).expect_err("entity declaration");
    assert!(err.message().contains("line 2, column 1") && err.message().contains("entit"), "{err}");
    let text = big_document(2).replace("문장 1", "문장 &lol2;");
    let err = read_tmx(text.as_bytes()).expect_err("undeclared entity");
    // Unit 1 starts on line 14; its Korean `seg` is on line 16, after 8 spaces, `<seg>` and `문장 `.
    assert!(err.message().contains("line 16, column 17"), "{err}");
}

fn policy_inputs() -> Vec<TranslationMemory> {
    let a = memory(
        "en-US",
        vec![
            dated(&[("en-US", "Save the file."), ("es-ES", "Guarde el archivo.")], "20240101T000000Z"),
            unit(&[("en-US", "Open it."), ("es-ES", "Ábralo.")]),
        ],
    );
    let b = memory(
        "en-US",
        vec![
            dated(&[("en-US", "Save  the file. "), ("es-ES", "Guarda el archivo.")], "20250101T000000Z"),
            unit(&[("en-US", "Open it."), ("es-ES", "Ábralo.")]),
            dated(&[("en-US", "Save the file."), ("es-ES", "Salve o arquivo.")], "20230101T000000Z"),
            unit(&[("en-US", "Save the file."), ("ko-KR", "파일을 저장하십시오.")]),
        ],
    );
    vec![a, b]
}

fn es_of(tm: &TranslationMemory) -> Vec<&str> {
    tm.units.iter().map(|u| u.text("es").or(u.text("ko")).unwrap_or("")).collect()
}

#[test]
fn merge_policies() {
    let inputs = policy_inputs();
    let merge = |policy| TranslationMemory::merge(&inputs, &MergeOptions { policy, src_lang: None });
    // Kept units stay in input order; undated "Open it." twice: the later one wins.
    assert_eq!(es_of(&merge(DuplicatePolicy::Newest)), ["Guarda el archivo.", "Ábralo.", "파일을 저장하십시오."]);
    assert_eq!(es_of(&merge(DuplicatePolicy::First)), ["Guarde el archivo.", "Ábralo.", "파일을 저장하십시오."]);
    assert_eq!(
        es_of(&merge(DuplicatePolicy::All)),
        ["Guarde el archivo.", "Ábralo.", "Guarda el archivo.", "Salve o arquivo.", "파일을 저장하십시오."]
    );
}

#[test]
fn streamed_merge_writes_what_the_in_memory_merge_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let inputs = policy_inputs();
    let paths: Vec<_> = inputs
        .iter()
        .enumerate()
        .map(|(i, tm)| {
            let path = dir.path().join(format!("{i}.tmx"));
            std::fs::write(&path, tmx(tm)).expect("written");
            path
        })
        .collect();
    for policy in [DuplicatePolicy::Newest, DuplicatePolicy::All, DuplicatePolicy::First] {
        let options = MergeOptions { policy, src_lang: None };
        let mut out = Vec::new();
        let report = merge_tmx_files(&paths, &mut out, &options).expect("merged");
        assert_eq!(report.units_read, 6);
        assert_eq!(out, tmx(&TranslationMemory::merge(&inputs, &options)));
        assert_eq!(report.written.units_written + report.duplicates_dropped, 6);
    }
    let err = merge_tmx_files(&[dir.path().join("none.tmx")], Vec::new(), &MergeOptions::default()).expect_err("none");
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(err.to_string().contains("none.tmx"));
}

#[test]
fn convert_both_ways() {
    let tm = memory(
        "ko-KR",
        vec![
            unit(&[("ko-KR", "가"), ("en-US", "a"), ("es-ES", "á")]),
            unit(&[("ko-KR", "나"), ("es-ES", "b")]),
            unit(&[("en-US", "c"), ("ko-KR", "다")]),
        ],
    );
    let pair = tm.select_languages(&["ko", "en"]);
    assert_eq!(
        pairs(&pair),
        [[("ko-KR", "가"), ("en-US", "a")], [("ko-KR", "다"), ("en-US", "c")]]
            .map(|u| u.iter().map(|(l, t)| (l.to_string(), t.to_string())).collect::<Vec<_>>())
    );

    let dir = tempfile::tempdir().expect("temp dir");
    for format in [TmFormat::Tsv, TmFormat::Json, TmFormat::Tmx] {
        let path = dir.path().join("pair.out");
        let mut out = Vec::new();
        pair.write_as(format, &["ko", "en"], &mut out).expect("written");
        std::fs::write(&path, &out).expect("written");
        let back = TranslationMemory::read_as(&path, format, &["ko", "en"]).expect("read back");
        assert_eq!(pairs(&back), pairs(&pair), "{format:?}");
    }

    // JSON keeps inline markup, so JSON -> TMX keeps the codes.
    let with_codes = read_tmx(
        r#"<tmx version="1.4"><header srclang="en-US"/><body><tu>
        <tuv xml:lang="en-US"><seg>Press <ph x="1">&lt;br/&gt;</ph>Enter</seg></tuv>
        <tuv xml:lang="es-ES"><seg>Pulse <ph x="1">&lt;br/&gt;</ph>Intro</seg></tuv></tu></body></tmx>"#
            .as_bytes(),
    )
    .expect("TMX");
    let mut json = Vec::new();
    with_codes.write_as(TmFormat::Json, &[], &mut json).expect("JSON");
    let back = tmalign::read_json(&json[..]).expect("JSON back");
    assert_eq!(back, with_codes);
    assert!(
        String::from_utf8(tmx(&back)).expect("UTF-8").contains(r#"<seg>Pulse <ph x="1">&lt;br/&gt;</ph>Intro</seg>"#)
    );
}

fn lookup_tm() -> TranslationMemory {
    memory(
        "en-US",
        vec![
            unit(&[
                ("en-US", "The embassy opened the film week in Lima."),
                ("ko-KR", "대사관은 리마에서 영화주간을 개막했다."),
            ]),
            unit(&[
                ("en-US", "The embassy opened the film week in Quito."),
                ("ko-KR", "대사관은 키토에서 영화주간을 개막했다."),
            ]),
            unit(&[
                ("en-US", "the embassy opened the film week in lima."),
                ("ko-KR", "대사관이 리마에서 영화주간을 열었다."),
            ]),
            unit(&[("en-US", "Eight films will be screened."), ("ko-KR", "영화 8편이 상영된다.")]),
        ],
    )
}

#[test]
fn lookup_ranks_with_cat_percentages() {
    let tm = lookup_tm();
    let query = "The embassy opened the film week in Lima.";
    let found: Vec<(usize, u32)> =
        tm.lookup(query, &LookupOptions::default()).iter().map(|m| (m.unit, m.score)).collect();
    // 9 word tokens: exact; case only (99); one word of nine replaced (88).
    assert_eq!(found, [(0, 100), (2, 99), (1, 88)]);
    let limited = tm.lookup(query, &LookupOptions { limit: 1, ..LookupOptions::default() });
    assert_eq!(limited.len(), 1);
    assert!(tm.lookup(query, &LookupOptions { min: 90, ..LookupOptions::default() }).iter().all(|m| m.score >= 90));

    // Korean by characters: 18 non-space characters; 2 substitutions (리마->키토) score 88, and
    // 4 edits (은->이, 개막했->열었) score 77.
    let ko = LookupOptions { lang: Some("ko".into()), min: 50, limit: 10 };
    let found: Vec<(usize, u32)> =
        tm.lookup("대사관은 리마에서 영화주간을 개막했다.", &ko).iter().map(|m| (m.unit, m.score)).collect();
    assert_eq!(found, [(0, 100), (1, 88), (2, 77)]);
    let index = TmIndex::new(&tm, "ko");
    assert_eq!(
        index.lookup("대사관은 리마에서 영화주간을 개막했다.", &ko),
        tm.lookup("대사관은 리마에서 영화주간을 개막했다.", &ko)
    );
}

#[test]
fn concordance_lists_units_with_the_term() {
    let tm = lookup_tm();
    assert_eq!(tm.concordance("LIMA"), [0, 2]);
    assert_eq!(tm.concordance("영화주간"), [0, 1, 2]);
    assert!(tm.concordance(" ").is_empty());
}

#[test]
fn stats_count_what_they_say() {
    let tm = memory(
        "en-US",
        vec![
            unit(&[("en-US", "Save the file."), ("es-ES", "Guarde el archivo.")]),
            unit(&[("en-US", "Save the file."), ("es-ES", "Guarda el archivo.")]),
            unit(&[("en-US", "Save the file."), ("es-ES", "Guarde el archivo.")]),
            unit(&[("en-US", "Open the file."), ("es-ES", "")]),
            unit(&[("en-US", "Open the file."), ("es-ES", "Open the file.")]),
            unit(&[("en-US", "It costs 12 dollars."), ("es-ES", "Cuesta 13 dólares.")]),
            unit(&[("en-US", "A rather long sentence with many words in it."), ("es-ES", "Sí.")]),
        ],
    );
    let s = Stats::of(&tm);
    assert_eq!(s.units, 7);
    assert_eq!(s.languages.get("en-us"), Some(&7));
    assert_eq!(s.languages.get("es-es"), Some(&7));
    assert_eq!(s.duplicates, 2);
    assert_eq!(s.exact_duplicates, 1);
    assert_eq!(s.empty_segments, 1);
    assert_eq!(s.single_language_units, 1);
    assert_eq!(s.same_as_source, 1);
    assert_eq!(s.number_mismatch, 1);
    assert_eq!(s.length_mismatch, 1);
}

fn tmalign(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tmalign")).args(args).output().expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn subcommands_and_exit_codes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a.tmx");
    let b = dir.path().join("b.tmx");
    let inputs = policy_inputs();
    std::fs::write(&a, tmx(&inputs[0])).expect("written");
    std::fs::write(&b, tmx(&inputs[1])).expect("written");
    let (a, b) = (a.to_string_lossy().into_owned(), b.to_string_lossy().into_owned());
    let merged = dir.path().join("m.tmx").to_string_lossy().into_owned();

    let (code, _, err) = tmalign(&["merge", &a, &b, "-o", &merged, "--duplicates", "newest"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        es_of(&TranslationMemory::read(&merged).expect("merged")),
        ["Guarda el archivo.", "Ábralo.", "파일을 저장하십시오."]
    );

    let (code, out, _) = tmalign(&["lookup", "--tm", &merged, "Save the files."]);
    assert_eq!(code, 0);
    assert!(out.starts_with("75%\n"), "{out}");
    let (code, out, _) = tmalign(&["lookup", "--tm", &merged, "--concordance", "archivo"]);
    assert_eq!((code, out.matches("m.tmx#").count()), (0, 1));

    let tsv = dir.path().join("m.tsv").to_string_lossy().into_owned();
    assert_eq!(tmalign(&["convert", &merged, "--langs", "en,es", "-o", &tsv]).0, 0);
    assert_eq!(std::fs::read_to_string(&tsv).expect("TSV"), "Save the file.\tGuarda el archivo.\nOpen it.\tÁbralo.\n");
    let back = dir.path().join("back.tmx").to_string_lossy().into_owned();
    assert_eq!(tmalign(&["convert", &tsv, "--langs", "en,es", "-o", &back]).0, 0);
    assert_eq!(TranslationMemory::read(&back).expect("TMX").units.len(), 2);

    let (code, out, _) = tmalign(&["stats", &b]);
    assert_eq!(code, 0);
    assert!(out.contains("units                  4"), "{out}");

    let bad = dir.path().join("bad.tmx");
    std::fs::write(&bad, "<tmx><body><tu>").expect("written");
    let (code, _, err) = tmalign(&["stats", &bad.to_string_lossy()]);
    assert_eq!(code, 1);
    assert!(err.contains("bad.tmx") && err.contains("line 1, column"), "{err}");
    assert_eq!(tmalign(&["lookup", "text"]).0, 2, "no --tm is a usage error");
    assert_eq!(tmalign(&["merge", &a, "-o", &a]).0, 2, "output over an input");
}

/// Texts from a small vocabulary, so that near matches are common.
fn small_text() -> impl Strategy<Value = String> {
    let words = prop_oneof![
        Just("the"),
        Just("film"),
        Just("week"),
        Just("Lima"),
        Just("opens"),
        Just("."),
        Just("영화"),
        Just("주간"),
        Just("가"),
        Just("는")
    ];
    proptest::collection::vec(words, 0..8).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn indexed_lookup_equals_brute_force(
        texts in proptest::collection::vec(small_text(), 0..40),
        query in small_text(),
        min in 0u32..=100,
        limit in 1usize..6,
        korean in any::<bool>(),
    ) {
        let lang = if korean { "ko-KR" } else { "en-US" };
        let tm = lookup_memory(lang, &texts);
        let index = TmIndex::new(&tm, lang);
        let options = LookupOptions { lang: None, min, limit };
        let indexed = index.lookup(&query, &options);
        let brute = index.lookup_exhaustive(&query, &options);
        prop_assert_eq!(&indexed, &brute);
        // And both equal scoring every unit by hand.
        let tokens = tmalign::lookup::Tokenization::for_lang(lang);
        let q = tokens.tokens(&query);
        let mut by_hand: Vec<(u32, usize)> = tm.units.iter().enumerate().filter_map(|(i, u)| {
            let s = tokens.tokens(u.text(lang).unwrap_or(""));
            let mut score = tmalign::lookup::match_percent(&q, &s);
            if score == 100 && tmalign::normalize_segment(&query) != u.text(lang).map(tmalign::normalize_segment).unwrap_or_default() {
                score = 99;
            }
            (score >= min && !q.is_empty() && !s.is_empty()).then_some((score, i))
        }).collect();
        by_hand.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        by_hand.truncate(limit);
        let got: Vec<(u32, usize)> = indexed.iter().map(|m| (m.score, m.unit)).collect();
        prop_assert_eq!(got, by_hand);
    }
}

/// A memory of one unit per text in `lang`, each with a Spanish variant.
fn lookup_memory<T: AsRef<str>>(lang: &str, texts: impl IntoIterator<Item = T>) -> TranslationMemory {
    memory(lang, texts.into_iter().map(|t| unit(&[(lang, t.as_ref()), ("es-ES", "x")])).collect())
}

/// Units drawn from a few texts, so that many units share a segment (exactly, or but for case
/// and spacing) and scores tie.
fn duplicated_texts() -> impl Strategy<Value = Vec<String>> {
    (proptest::collection::vec(small_text(), 1..30), proptest::collection::vec((any::<usize>(), 0u8..3), 0..300))
        .prop_map(|(pool, picks)| {
            picks
                .into_iter()
                .map(|(i, variant)| {
                    let text = &pool[i % pool.len()];
                    match variant {
                        0 => text.clone(),
                        1 => text.to_uppercase(),
                        _ => format!("  {}", text.replace(' ', "  ")),
                    }
                })
                .collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn indexed_lookup_equals_brute_force_with_duplicates(
        texts in duplicated_texts(),
        query in small_text(),
        min in 0u32..=100,
        limit in 1usize..20,
        korean in any::<bool>(),
    ) {
        let lang = if korean { "ko-KR" } else { "en-US" };
        let index = TmIndex::new(&lookup_memory(lang, &texts), lang);
        let options = LookupOptions { lang: None, min, limit };
        prop_assert_eq!(index.lookup(&query, &options), index.lookup_exhaustive(&query, &options));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Among many texts without the query's tokens, a lookup goes through the few it finds one
    /// by one rather than all the texts in order.
    #[test]
    fn indexed_lookup_equals_brute_force_among_unrelated_texts(
        texts in proptest::collection::vec(small_text(), 0..40),
        query in small_text(),
        min in 0u32..=100,
        limit in 1usize..6,
        korean in any::<bool>(),
    ) {
        let lang = if korean { "ko-KR" } else { "en-US" };
        let filler = (0..800).map(|i| format!("other{i} words{i}"));
        let index = TmIndex::new(&lookup_memory(lang, texts.into_iter().chain(filler)), lang);
        let options = LookupOptions { lang: None, min, limit };
        prop_assert_eq!(index.lookup(&query, &options), index.lookup_exhaustive(&query, &options));
    }
}
