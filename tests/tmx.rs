//! TMX writer and reader, end to end. Every input is built here: the tests read no shared files.

use proptest::prelude::*;
use tmalign::{
    ErrorKind, Header, Prop, TranslationMemory, TranslationUnit, Variant, WriteReport, normalize_segment, read_tmx,
    read_tmx_file, write_tmx, write_tsv,
};

fn unit(pairs: &[(&str, &str)]) -> TranslationUnit {
    TranslationUnit {
        variants: pairs.iter().map(|(l, t)| Variant::new(*l, *t)).collect(),
        ..TranslationUnit::default()
    }
}

fn memory(units: Vec<TranslationUnit>) -> TranslationMemory {
    TranslationMemory { header: Header::tmalign("ko-KR", "20250101T120000Z".into()), units }
}

fn write(tm: &TranslationMemory) -> (String, WriteReport) {
    let mut out = Vec::new();
    let report = write_tmx(tm, &mut out).expect("writing to a Vec cannot fail");
    (String::from_utf8(out).expect("the writer writes UTF-8"), report)
}

fn read(text: &str) -> TranslationMemory {
    read_tmx(text.as_bytes()).expect("valid TMX")
}

fn texts(tm: &TranslationMemory) -> Vec<Vec<(String, String)>> {
    tm.units.iter().map(|u| u.variants.iter().map(|v| (v.lang.clone(), v.text.clone())).collect()).collect()
}

/// A TMX document around `body`, with the given version and the `tuv` language attribute.
fn document(version: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="{version}">
  <header creationtool="hand" creationtoolversion="1" segtype="sentence" o-tmf="hand" adminlang="en-US" srclang="ko-KR" datatype="plaintext" creationdate="20250101T120000Z">
    <note>header note</note>
    <prop type="x-origin">test</prop>
  </header>
  <body>
{body}
  </body>
</tmx>
"#
    )
}

const SAMPLE_BODY: &str = r#"    <tu tuid="1" creationdate="20250101T120000Z" creationid="research">
      <prop type="x-source-file">doc-a.txt</prop>
      <tuv xml:lang="ko-KR">
        <seg>번역 메모리는 이전 번역을 재사용합니다.</seg>
      </tuv>
      <tuv xml:lang="en-US">
        <seg>A translation memory reuses previous translations.</seg>
      </tuv>
    </tu>
    <tu tuid="2" changedate="20250102T000000Z">
      <note>Second &lt;b&gt; sentence</note>
      <tuv xml:lang="ko-KR">
        <seg>파일을 <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>저장<ept i="1">&lt;/b&gt;</ept>하십시오.</seg>
      </tuv>
      <tuv xml:lang="en-US">
        <seg>Please <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>save<ept i="1">&lt;/b&gt;</ept> the file.</seg>
      </tuv>
    </tu>"#;

fn sample_texts() -> Vec<Vec<(String, String)>> {
    let pairs = [
        [
            ("ko-KR", "번역 메모리는 이전 번역을 재사용합니다."),
            ("en-US", "A translation memory reuses previous translations."),
        ],
        [("ko-KR", "파일을 저장하십시오."), ("en-US", "Please save the file.")],
    ];
    pairs.iter().map(|u| u.iter().map(|(l, t)| (l.to_string(), t.to_string())).collect()).collect()
}

fn rich_memory() -> TranslationMemory {
    let mut tm = memory(Vec::new());
    tm.header.notes.push("Aligned by tmalign.\nSecond line.".into());
    tm.header.props.push(Prop { kind: "x-release".into(), value: "2025-001".into() });
    let mut first = unit(&[
        ("ko-KR", "정부는 <새> 정책을 & \"발표\"했다."),
        ("en-US", "The government announced a 'new' policy."),
        ("es-ES", "El Gobierno anunció una política «nueva»."),
    ]);
    first.id = Some("r1-1".into());
    first.creation_date = Some("20250101T120000Z".into());
    first.change_date = Some("20250102T080000Z".into());
    first.props =
        vec![Prop { kind: "x-score".into(), value: "0.93".into() }, Prop { kind: "x-empty".into(), value: "".into() }];
    first.notes = vec!["checked".into()];
    let second = unit(&[("ko-KR", "둘째 문장."), ("en-US", "Second sentence.")]);
    tm.units = vec![first, second];
    tm
}

#[test]
fn write_read_write_is_byte_identical() {
    let (first, report) = write(&rich_memory());
    assert_eq!(report.units_written, 2);
    let back = read(&first);
    assert_eq!(back, rich_memory(), "a clean memory survives the round trip unchanged");
    let (second, _) = write(&back);
    assert_eq!(first, second);
}

#[test]
fn output_is_utf8_without_bom_with_lf_and_a_doctype() {
    let (xml, _) = write(&rich_memory());
    assert!(xml.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n"
    ));
    assert!(!xml.contains('\r'));
    assert!(xml.ends_with("</tmx>\n"));
    for attr in ["creationtool=", "creationtoolversion=", "segtype=", "o-tmf=", "adminlang=", "srclang=", "datatype="] {
        assert!(xml.contains(attr), "header lacks {attr}");
    }
    assert!(xml.contains(r#"creationdate="20250101T120000Z""#));
}

#[test]
fn props_and_notes_come_before_the_variants() {
    let (xml, _) = write(&rich_memory());
    let tu = xml.find("<tu ").expect("a unit");
    let prop = xml[tu..].find("<prop").expect("a prop");
    let note = xml[tu..].find("<note").expect("a note");
    let tuv = xml[tu..].find("<tuv").expect("a tuv");
    assert!(prop < tuv && note < tuv);
    assert!(xml.contains(r#"      <prop type="x-empty"/>"#));
    // Each tuv holds exactly one seg, on its own line.
    assert_eq!(xml.matches("<tuv ").count(), xml.matches("<seg>").count());
    assert!(xml.contains("      <tuv xml:lang=\"es-ES\">\n        <seg>El Gobierno"));
}

#[test]
fn reads_tmx_14_with_header_props_notes_and_inline_codes() {
    let tm = read(&document("1.4", SAMPLE_BODY));
    assert_eq!(tm.header.creation_tool, "hand");
    assert_eq!(tm.header.src_lang, "ko-KR");
    assert_eq!(tm.header.creation_date.as_deref(), Some("20250101T120000Z"));
    assert_eq!(tm.header.notes, vec!["header note"]);
    assert_eq!(tm.header.props, vec![Prop { kind: "x-origin".into(), value: "test".into() }]);
    assert_eq!(texts(&tm), sample_texts());
    assert_eq!(tm.units[0].id.as_deref(), Some("1"));
    assert_eq!(tm.units[0].prop("x-source-file"), Some("doc-a.txt"));
    assert_eq!(tm.units[1].change_date.as_deref(), Some("20250102T000000Z"));
    assert_eq!(tm.units[1].notes, vec!["Second <b> sentence"]);
}

#[test]
fn inline_elements_keep_hi_and_sub_text_and_drop_native_code() {
    let body = r#"<tu><tuv xml:lang="en-US"><seg>A <hi type="b">bold</hi> <ph x="1">&lt;br/&gt;</ph>word<it pos="begin">&lt;i&gt;</it> and <bpt i="1">&lt;a title="<sub>tip</sub>"&gt;</bpt>link<ept i="1">&lt;/a&gt;</ept><ut>{x}</ut>.</seg></tuv>
    <tuv xml:lang="es-ES"><seg><![CDATA[<raw> & text]]></seg></tuv></tu>"#;
    let tm = read(&document("1.4", body));
    assert_eq!(tm.units[0].variants[0].text, "A bold word and tiplink.");
    assert_eq!(tm.units[0].variants[1].text, "<raw> & text");
}

#[test]
fn reads_tmx_11_lang_attribute() {
    let body = SAMPLE_BODY.replace("xml:lang=", "lang=");
    let tm = read(&document("1.1", &body));
    assert_eq!(texts(&tm), sample_texts());
}

#[test]
fn reads_utf8_with_bom() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(document("1.4", SAMPLE_BODY).as_bytes());
    let tm = read_tmx(&bytes[..]).expect("valid TMX");
    assert_eq!(texts(&tm), sample_texts());
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let units = bom.then_some(0xFEFF_u16).into_iter().chain(text.encode_utf16());
    for u in units {
        bytes.extend_from_slice(&if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    bytes
}

#[test]
fn reads_utf16_le_and_be_with_bom() {
    let text = document("1.4", SAMPLE_BODY).replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    for big_endian in [false, true] {
        let tm = read_tmx(&utf16(&text, big_endian, true)[..]).expect("UTF-16 TMX");
        assert_eq!(texts(&tm), sample_texts(), "big endian: {big_endian}");
        assert_eq!(tm.header.notes, vec!["header note"]);
    }
    // Without a BOM the first bytes `<?` still tell UTF-16 apart.
    let tm = read_tmx(&utf16(&text, false, false)[..]).expect("UTF-16 TMX without BOM");
    assert_eq!(tm.units.len(), 2);
}

#[test]
fn reads_a_legacy_encoding_named_in_the_declaration() {
    let text = document(
        "1.4",
        r#"<tu><tuv xml:lang="es-ES"><seg>canción</seg></tuv><tuv xml:lang="en-US"><seg>song</seg></tuv></tu>"#,
    )
    .replace("UTF-8", "ISO-8859-1");
    let latin1: Vec<u8> = text.chars().map(|c| u8::try_from(u32::from(c)).expect("Latin-1 text")).collect();
    let tm = read_tmx(&latin1[..]).expect("Latin-1 TMX");
    assert_eq!(tm.units[0].variants[0].text, "canción");
}

#[test]
fn illegal_xml_characters_are_removed_when_writing_and_reading() {
    let tm = memory(vec![unit(&[("ko-KR", "가\u{1}나\u{B}다\u{FFFF}"), ("en-US", "a\u{0}b\u{1F}c")])]);
    let (xml, _) = write(&tm);
    assert!(
        !xml.chars()
            .any(|c| matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}'))
    );
    assert_eq!(texts(&read(&xml)), vec![vec![("ko-KR".into(), "가나 다".into()), ("en-US".into(), "abc".into())]]);

    // A file that has them anyway (raw or as references) still reads, without them.
    let body = "<tu><tuv xml:lang=\"ko-KR\"><seg>가\u{1}나&#x1;다</seg></tuv><tuv xml:lang=\"en-US\"><seg>a\u{B}b</seg></tuv></tu>";
    let tm = read(&document("1.4", body));
    assert_eq!(texts(&tm), vec![vec![("ko-KR".into(), "가나다".into()), ("en-US".into(), "a b".into())]]);
}

#[test]
fn segments_are_trimmed_and_nfc() {
    let tm = memory(vec![unit(&[("ko-KR", "  \u{1112}\u{1161}\u{11AB} \n"), ("es-ES", "\tcafe\u{301}  x ")])]);
    let (xml, _) = write(&tm);
    assert!(xml.contains("<seg>한</seg>"));
    assert!(xml.contains("<seg>café x</seg>"));
    // Removing an illegal or zero-width character between a letter and its accent still gives NFC.
    let (xml, _) = write(&memory(vec![unit(&[("es-ES", "C\u{FFFE}\u{301}"), ("en-US", "a\u{200B}\u{308}")])]));
    assert!(xml.contains("<seg>\u{106}</seg>") && xml.contains("<seg>\u{E4}</seg>"), "{xml}");
}

#[test]
fn empty_and_whitespace_segments_are_left_out() {
    let tm = memory(vec![
        unit(&[("ko-KR", "가"), ("en-US", "a"), ("es-ES", "")]),
        unit(&[("ko-KR", "나"), ("en-US", " \u{3000}\t\n")]),
        unit(&[("ko-KR", "다"), ("en-US", "c"), ("es-ES", "\u{200B}")]),
    ]);
    let (xml, report) = write(&tm);
    assert!(!xml.contains("<seg></seg>") && !xml.contains("<seg/>") && !xml.contains("es-ES"));
    assert!(!xml.contains("나"));
    assert_eq!((report.units_written, report.empty_dropped, report.variants_dropped), (2, 1, 3));
    // A file with empty segments reads them as empty texts; writing it back leaves them out.
    let body = "<tu><tuv xml:lang=\"ko-KR\"><seg>가</seg></tuv><tuv xml:lang=\"en-US\"><seg>  </seg></tuv><tuv xml:lang=\"es-ES\"><seg/></tuv></tu>";
    let read_back = read(&document("1.4", body));
    assert_eq!(read_back.units[0].variants.iter().map(|v| v.text.as_str()).collect::<Vec<_>>(), ["가", "", ""]);
    let (_, report) = write(&read_back);
    assert_eq!(report.units_written, 0);
}

#[test]
fn exact_duplicates_are_written_once_first_kept() {
    let mut first = unit(&[("ko-KR", "같다"), ("en-US", "same")]);
    first.id = Some("first".into());
    let mut again = unit(&[("en-US", " same "), ("ko_KR", "같다")]);
    again.id = Some("again".into());
    let different = unit(&[("ko-KR", "같다"), ("en-US", "different")]);
    let (xml, report) = write(&memory(vec![first, again, different]));
    assert_eq!((report.units_written, report.duplicates_dropped), (2, 1));
    assert!(xml.contains(r#"tuid="first""#) && !xml.contains(r#"tuid="again""#));
    assert_eq!(xml.matches("<seg>same</seg>").count(), 1);
}

#[test]
fn underscored_locales_are_written_with_hyphens() {
    let (xml, _) = write(&memory(vec![unit(&[("ko_KR", "가"), ("es_ES", "a")])]));
    assert!(xml.contains(r#"xml:lang="ko-KR""#) && xml.contains(r#"xml:lang="es-ES""#));
    assert!(!xml.contains('_'));
}

#[test]
fn long_segments_are_reported() {
    let long = "가".repeat(2001);
    let (_, report) = write(&memory(vec![unit(&[("ko-KR", &long), ("en-US", "short")])]));
    assert_eq!(report.long_segments.len(), 1);
    assert_eq!(report.long_segments[0].chars, 2001);
    assert_eq!(report.long_segments[0].lang, "ko-KR");
}

fn read_err(text: &[u8]) -> tmalign::Error {
    match read_tmx(text) {
        Ok(tm) => panic!("expected an error, read {} units", tm.units.len()),
        Err(e) => e,
    }
}

#[test]
fn malformed_input_is_an_error_with_a_position() {
    let good = document("1.4", SAMPLE_BODY);
    // The body starts on line 9: the first unit ends on line 17, the second starts on line 18,
    // its first tuv is on line 20 and that tuv's seg on line 21.
    let cases: Vec<(String, &str)> = vec![
        (
            good.replace(
                "</seg>\n      </tuv>\n    </tu>\n    <tu tuid=\"2\"",
                "</seg>\n    </tu>\n    <tu tuid=\"2\"",
            ),
            "line 16, column 5",
        ),
        (good.replace("<seg>파일을", "<seg>파일을 &nbsp;"), "line 21, column 18: unknown entity `&nbsp;`"),
        (good.replace("<tuv xml:lang=\"ko-KR\">\n        <seg>파일을", "<tuv>\n        <seg>파일을"), "line 20"),
        (good.replace("<tu tuid=\"2\"", "<tu tuid=\"2\" tuid=\"3\""), "line 18, column 5"),
        (good[..good.find("<tu tuid=\"2\"").unwrap_or(0)].to_string(), "unexpected end"),
        (good.replace("<body>", "<body><tu"), "line"),
        ("<html><body/></html>".to_string(), "not <tmx>"),
        (String::new(), "no <tmx>"),
    ];
    for (input, expected) in cases {
        let err = read_err(input.as_bytes());
        assert_eq!(err.kind(), ErrorKind::Tmx, "{err}");
        assert!(err.message().contains("line "), "no position in: {err}");
        assert!(err.message().contains("column "), "no column in: {err}");
        assert!(err.message().contains(expected), "expected {expected:?} in: {err}");
    }
}

#[test]
fn entity_declarations_are_refused() {
    let bomb = document("1.4", r#"<tu><tuv xml:lang="ko-KR"><seg>&a;</seg></tuv></tu>"#).replace(
        r#"<!DOCTYPE tmx SYSTEM "tmx14.dtd">"#,
        r#"<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>"#,
    );
    let err = read_err(bomb.as_bytes());
    assert_eq!(err.kind(), ErrorKind::Tmx);
    assert!(err.message().contains("line 2, column 1"), "{err}");
    assert!(err.message().contains("entity"), "{err}");
}

#[test]
fn bad_bytes_are_a_decode_error() {
    let mut bytes = document("1.4", SAMPLE_BODY).into_bytes();
    bytes.insert(10, 0xFF);
    let err = read_err(&bytes);
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(err.message().contains("byte 10"), "{err}");
}

#[test]
fn read_tmx_file_names_the_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("broken.tmx");
    std::fs::write(&path, "<tmx><body>").expect("writable temp dir");
    let err = read_tmx_file(&path).expect_err("truncated file");
    assert_eq!(err.kind(), ErrorKind::Tmx);
    assert_eq!(err.path(), Some(path.as_path()));
    assert!(err.to_string().starts_with(&path.display().to_string()));

    let good = dir.path().join("good.tmx");
    let mut file = std::fs::File::create(&good).expect("writable temp dir");
    write_tmx(&rich_memory(), &mut file).expect("written");
    assert_eq!(read_tmx_file(&good).expect("readable"), rich_memory());

    let missing = read_tmx_file(dir.path().join("missing.tmx")).expect_err("no such file");
    assert_eq!(missing.kind(), ErrorKind::Io);
}

#[test]
fn tmx_to_tsv() {
    let tm = read(&document("1.4", SAMPLE_BODY));
    let mut out = Vec::new();
    write_tsv(&tm, &["ko", "en"], &mut out).expect("written");
    assert_eq!(
        String::from_utf8(out).expect("UTF-8"),
        "번역 메모리는 이전 번역을 재사용합니다.\tA translation memory reuses previous translations.\n파일을 저장하십시오.\tPlease save the file.\n"
    );
}

/// Segment text as the writer promises it: normalised, and stable under normalisation.
fn segment_text(raw: &str) -> String {
    let once = normalize_segment(raw);
    let twice = normalize_segment(&once);
    assert_eq!(normalize_segment(&twice), twice);
    twice
}

/// Note text as the writer cleans it (see `write_tmx`).
fn clean_note(raw: &str) -> String {
    let text: String =
        raw.replace("\r\n", "\n").replace('\r', "\n").chars().filter(|&c| tmalign::is_xml_char(c)).collect();
    text.trim().to_string()
}

fn any_text() -> impl Strategy<Value = String> {
    let special = prop_oneof![
        Just('<'),
        Just('>'),
        Just('&'),
        Just('"'),
        Just('\''),
        Just(' '),
        Just('\t'),
        Just('\n'),
        Just('\r'),
        Just('\u{1}'),
        Just('\u{B}'),
        Just('\u{FFFE}'),
        Just('\u{3000}'),
        Just(']'),
        Just('가'),
        Just('\u{301}'),
    ];
    proptest::collection::vec(prop_oneof![any::<char>(), special], 0..24).prop_map(|chars| chars.into_iter().collect())
}

fn any_unit() -> impl Strategy<Value = TranslationUnit> {
    let langs = proptest::sample::subsequence(vec!["ko-KR", "en-US", "es-ES"], 0..=3);
    (langs, proptest::collection::vec(any_text(), 3), proptest::collection::vec(any_text(), 0..2), any_text()).prop_map(
        |(langs, texts, notes, prop)| TranslationUnit {
            variants: langs.iter().zip(texts).map(|(l, t)| Variant::new(*l, t)).collect(),
            notes,
            props: vec![Prop { kind: "x-test".into(), value: prop }],
            ..TranslationUnit::default()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_units_round_trip_normalised(units in proptest::collection::vec(any_unit(), 0..8)) {
        let tm = memory(units);
        let (xml, report) = write(&tm);
        let back = read_tmx(xml.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;

        // What the writer promises: normalised texts, empty variants and short or duplicate units left out.
        let mut expected = Vec::new();
        let mut seen = Vec::new();
        for unit in &tm.units {
            let variants: Vec<(String, String)> = unit.variants.iter()
                .map(|v| (v.lang.clone(), segment_text(&v.text)))
                .filter(|(_, t)| !t.is_empty())
                .collect();
            if variants.len() < 2 { continue; }
            let mut key = variants.clone();
            key.sort();
            if seen.contains(&key) { continue; }
            seen.push(key);
            let notes: Vec<String> = unit.notes.iter().map(|n| clean_note(n)).filter(|n| !n.is_empty()).collect();
            expected.push((variants, notes, clean_note(&unit.props[0].value)));
        }
        prop_assert_eq!(report.units_written, expected.len());
        for unit in &back.units {
            for v in &unit.variants {
                prop_assert!(unicode_normalization::is_nfc(&v.text), "not NFC: {:?}", v.text);
                prop_assert_eq!(&normalize_segment(&v.text), &v.text);
            }
        }
        let got: Vec<_> = back.units.iter().map(|u| {
            let variants: Vec<(String, String)> = u.variants.iter().map(|v| (v.lang.clone(), v.text.clone())).collect();
            (variants, u.notes.clone(), u.props[0].value.clone())
        }).collect();
        prop_assert_eq!(got, expected);

        // Writing what was read gives the same bytes.
        let (again, _) = write(&back);
        prop_assert_eq!(again, xml);
    }
}

#[test]
fn inline_markup_is_kept_and_written_back_byte_identical() {
    let tm = read(&document("1.4", SAMPLE_BODY));
    let ko = &tm.units[1].variants[0];
    assert_eq!(ko.text, "파일을 저장하십시오.");
    assert_eq!(
        ko.markup.as_deref(),
        Some(r#"파일을 <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>저장<ept i="1">&lt;/b&gt;</ept>하십시오."#)
    );
    assert_eq!(tm.units[0].variants[0].markup, None, "plain segments have no markup");
    let (first, _) = write(&tm);
    assert!(first.contains(
        r#"<seg>Please <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>save<ept i="1">&lt;/b&gt;</ept> the file.</seg>"#
    ));
    let back = read(&first);
    assert_eq!(back, tm);
    let (second, _) = write(&back);
    assert_eq!(first, second);
}

#[test]
fn markup_that_is_not_inline_tmx_is_written_as_plain_text() {
    let mut tm = memory(vec![unit(&[("ko-KR", "가 나"), ("en-US", "a b")])]);
    for bad in ["<b>a</b> b", "a <ph>&#x1;</ph> b", "a <ph> b", "a &nbsp; b", "<?pi?>a b"] {
        tm.units[0].variants[1].markup = Some(bad.to_string());
        let (xml, _) = write(&tm);
        assert!(xml.contains("<seg>a b</seg>"), "{bad:?} written as markup:\n{xml}");
        read(&xml);
    }
}
