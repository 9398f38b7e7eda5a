//! The evaluation metric (`tmalign eval`, the library's `score`), on inputs made here: the cases
//! of the eval kit's scorer tests, re-expressed, and the file formats it reads.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;
use tmalign::{GoldRow, Score, normalize_for_scoring as norm, read_gold, read_hypothesis, score};

/// en, ko, es; the last row was dropped on the Spanish side.
const GOLD: [[&str; 3]; 4] = [
    ["Headline here", "여기 제목", "Titular aquí"],
    ["First sentence. It has a clause.", "첫 문장입니다. 절이 있습니다.", "Primera frase. Tiene una cláusula."],
    ["Second sentence.", "두 번째 문장.", "Segunda frase."],
    ["Third sentence.", "세 번째 문장.", ""],
];

fn col(lang: &str) -> usize {
    ["en", "ko", "es"].iter().position(|l| *l == lang).unwrap()
}

fn gold() -> Vec<GoldRow> {
    GOLD.iter().map(|r| GoldRow::new([("en", r[0]), ("ko", r[1]), ("es", r[2])])).collect()
}

fn rows(pairs: &[(&str, &str)]) -> Vec<GoldRow> {
    pairs.iter().map(|(en, ko)| GoldRow::new([("en", *en), ("ko", *ko)])).collect()
}

fn hyp(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(s, t)| (s.to_string(), t.to_string())).collect()
}

/// The gold rows as hypothesis pairs for `src`-`tgt`.
fn pairs(src: &str, tgt: &str) -> Vec<(String, String)> {
    GOLD.iter().map(|r| (r[col(src)].to_string(), r[col(tgt)].to_string())).collect()
}

#[track_caller]
fn check(gold: &[GoldRow], hyp: &[(String, String)], src: &str, tgt: &str, p: f64, r: f64) -> Score {
    let s = score(gold, hyp, src, tgt);
    assert!((s.precision() - p).abs() < 1e-9, "precision: {} {s:?}", s.line());
    assert!((s.recall() - r).abs() < 1e-9, "recall: {} {s:?}", s.line());
    s
}

#[test]
fn normalisation_strips_one_marker_whitespace_and_composes() {
    assert_eq!(norm(" 1. Hello\u{a0} world \r\n"), "Helloworld");
    assert_eq!(norm("° 두 번째"), "두번째");
    assert_eq!(norm("o Item"), "Item");
    assert_eq!(norm("  ▴ x y"), "xy");
    assert_eq!(norm("• bullet"), "bullet");
    assert_eq!(norm("* star - dash"), "star-dash");
    assert_eq!(norm("\u{1100}\u{1161}"), norm("가"), "NFD jamo compose");
    // Only one marker, and only when followed by whitespace.
    assert_eq!(norm("1.5 million"), "1.5million");
    assert_eq!(norm("oil price"), "oilprice");
    assert_eq!(norm("12. - x"), "-x");
    assert_eq!(norm("a\u{3000}b\u{200b}c\u{200c}d\u{200d}e\u{2060}f\u{feff}g\u{2028}h"), "abcdefgh");
    // Unicode digits count as Python's \d does; a marker alone is nothing.
    assert_eq!(norm("١٢. نص"), "نص");
    assert_eq!(norm("- "), "");
    assert_eq!(norm("-"), "-");
}

#[test]
fn exact_one_to_one() {
    let s = check(&gold(), &pairs("en", "ko"), "en", "ko", 1.0, 1.0);
    assert_eq!((s.hyp, s.correct, s.gold, s.matched), (4, 4, 4, 4));
    assert_eq!(s.line(), "P=1.000 R=1.000 F1=1.000");
    assert!(s.wrong.is_empty() && s.missed.is_empty());
}

#[test]
fn a_gold_row_split_in_up_to_four_pieces_is_correct() {
    let mut h = pairs("en", "ko");
    h.splice(1..2, hyp(&[("First sentence.", "첫 문장입니다."), ("It has a clause.", "절이 있습니다.")]));
    assert_eq!(check(&gold(), &h, "en", "ko", 1.0, 1.0).hyp, 5);

    let gold = rows(&[("a b c d e", "A B C D E")]);
    let five: Vec<(String, String)> = "abcde".chars().map(|c| (c.to_string(), c.to_uppercase().to_string())).collect();
    check(&gold, &five, "en", "ko", 0.0, 0.0);
    check(&gold, &hyp(&[("a", "A"), ("b", "B"), ("c", "C"), ("d e", "D E")]), "en", "ko", 1.0, 1.0);
    // Pieces of unequal number on the two sides: one side may be split where the other is not.
    check(&gold, &hyp(&[("a b", "A"), ("c", "B C"), ("d e", "D E")]), "en", "ko", 1.0, 1.0);
}

#[test]
fn splits_with_markers_and_odd_spacing() {
    let h = hyp(&[
        ("Headline  here ", "여기\u{a0}제목"),
        ("1. First sentence.", "1. 첫 문장입니다."),
        ("It has a clause.", "절이  있습니다."),
        ("o Second sentence.", "o 두 번째 문장."),
        ("° Third sentence.", "° 세 번째\r\n문장."),
    ]);
    check(&gold(), &h, "en", "ko", 1.0, 1.0);
}

#[test]
fn a_wrong_translation_is_wrong_and_its_rows_missed() {
    let mut h = pairs("en", "ko");
    h[2].1 = GOLD[3][1].to_string();
    h[3].1 = GOLD[2][1].to_string();
    let s = check(&gold(), &h, "en", "ko", 0.5, 0.5);
    assert_eq!(s.wrong, vec![h[2].clone(), h[3].clone()]);
    assert_eq!(s.missed.len(), 2);
    assert_eq!(s.missed[0], (GOLD[2][0].to_string(), GOLD[2][1].to_string()));
}

#[test]
fn a_two_to_two_merge_is_wrong() {
    let mut h = pairs("en", "ko");
    let merged = (format!("{} {}", GOLD[2][0], GOLD[3][0]), format!("{} {}", GOLD[2][1], GOLD[3][1]));
    h.splice(2..4, [merged]);
    check(&gold(), &h, "en", "ko", 2.0 / 3.0, 0.5);
}

#[test]
fn a_one_to_two_swallowing_the_next_row_is_wrong() {
    let h = hyp(&[
        (GOLD[0][0], GOLD[0][1]),
        (GOLD[1][0], &format!("{} {}", GOLD[1][1], GOLD[2][1])),
        (GOLD[2][0], ""),
        (GOLD[3][0], GOLD[3][1]),
    ]);
    // The pair with an empty side is neither right nor wrong.
    assert_eq!(check(&gold(), &h, "en", "ko", 2.0 / 3.0, 0.5).hyp, 3);
}

#[test]
fn a_chrome_pair_is_wrong() {
    let mut h = hyp(&[("Skip to main content", "본문 바로가기")]);
    h.extend(pairs("en", "ko"));
    let s = check(&gold(), &h, "en", "ko", 0.8, 1.0);
    assert_eq!(s.wrong, hyp(&[("Skip to main content", "본문 바로가기")]));
}

#[test]
fn a_run_must_match_one_row_on_both_sides() {
    let gold = rows(&[("one", "하나"), ("two", "둘")]);
    check(&gold, &hyp(&[("one", "둘"), ("two", "하나")]), "en", "ko", 0.0, 0.0);
}

#[test]
fn empty_sides_are_ignored() {
    let s = check(&gold(), &pairs("en", "es")[..3], "en", "es", 1.0, 1.0);
    assert_eq!(s.gold, 3, "the row dropped in Spanish does not count");
    check(&gold(), &pairs("ko", "es")[..3], "ko", "es", 1.0, 1.0);
    // Whitespace, zero-width characters and a lone marker are empty too.
    let mut h = pairs("en", "ko");
    h.extend(hyp(&[("\u{200b} \u{3000}", "x"), ("- ", "y"), ("z", "\u{feff}")]));
    assert_eq!(check(&gold(), &h, "en", "ko", 1.0, 1.0).hyp, 4);
    // A language the gold does not have: nothing counts.
    assert_eq!(score(&gold(), &pairs("en", "ko"), "en", "fr").gold, 0);
}

#[test]
fn a_repeated_gold_text_needs_as_many_runs() {
    let gold = rows(&[("Very bad.", "나빠요."), ("Yes.", "네."), ("Very bad.", "나빠요.")]);
    let s = check(&gold, &hyp(&[("Very bad.", "나빠요."), ("Yes.", "네.")]), "en", "ko", 1.0, 2.0 / 3.0);
    assert_eq!(s.missed, hyp(&[("Very bad.", "나빠요.")]));
    check(&gold, &hyp(&[("Very bad.", "나빠요."), ("Yes.", "네."), ("Very bad.", "나빠요.")]), "en", "ko", 1.0, 1.0);
    // Overlapping runs count once: "a" "a" makes two runs of "a" but only one of "aa".
    let gold = rows(&[("aa", "AA"), ("aa", "AA")]);
    check(&gold, &hyp(&[("a", "A"), ("a", "A"), ("a", "A")]), "en", "ko", 1.0, 0.5);
    check(&gold, &hyp(&[("a", "A"), ("a", "A"), ("a", "A"), ("a", "A")]), "en", "ko", 1.0, 1.0);
}

#[test]
fn no_hypothesis_scores_zero() {
    let s = check(&gold(), &[], "en", "ko", 0.0, 0.0);
    assert_eq!(s.f1(), 0.0);
    assert_eq!(s.line(), "P=0.000 R=0.000 F1=0.000");
}

#[test]
fn f1_and_rounding_as_python_prints_them() {
    let s = Score { hyp: 16, correct: 1, gold: 3, matched: 3, ..Score::default() };
    assert_eq!(s.line(), "P=0.062 R=1.000 F1=0.118", "0.0625 rounds half to even, as %.3f");
    let mut total = Score { hyp: 5, correct: 5, gold: 4, matched: 4, ..Score::default() };
    total.add(&Score { hyp: 1, correct: 0, gold: 1, matched: 1, ..Score::default() });
    assert_eq!(total.line(), "P=0.833 R=1.000 F1=0.909");
}

const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>
  <body>
    <tu><tuv xml:lang="EN-US"><seg>Headline here</seg></tuv><tuv xml:lang="ko-KR"><seg>여기 제목</seg></tuv></tu>
    <tu><tuv xml:lang="en"><seg>First sentence. <ph x="1">&lt;br/&gt;</ph>It has a clause.</seg></tuv>
        <tuv xml:lang="es"><seg>Primera frase.</seg></tuv>
        <tuv xml:lang="ko"><seg>첫 문장입니다. <hi>절이</hi> 있습니다.</seg></tuv></tu>
    <tu><tuv lang="en"><seg>Second sentence.</seg></tuv><tuv lang="KO"><seg>두 번째 문장.</seg></tuv></tu>
    <tu><tuv xml:lang="en"><seg>Third sentence.</seg></tuv></tu>
    <tu><tuv xml:lang="en"><seg>Skip to main content</seg></tuv><tuv xml:lang="ko"><seg>본문 바로가기</seg></tuv></tu>
  </body>
</tmx>
"#;

fn gold_file(dir: &Path) -> PathBuf {
    let mut text = String::from("en\tko\tes\n");
    for r in GOLD {
        text.push_str(&format!("{}\t{}\t{}\n", r[0], r[1], r[2]));
    }
    write(dir, "doc1.gold.tsv", text.as_bytes())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn gold_file_header_bom_crlf_and_short_rows() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "g.gold.tsv", "\u{feff} EN \tKo\r\nHello\t안녕\r\nOnly English\r\n".as_bytes());
    let gold = read_gold(&path).unwrap();
    assert_eq!(gold.len(), 2);
    assert_eq!((gold[0].text("en"), gold[0].text("ko")), ("Hello", "안녕"));
    assert_eq!((gold[1].text("EN"), gold[1].text("ko"), gold[1].text("es")), ("Only English", "", ""));
    let empty = write(dir.path(), "e.gold.tsv", b"");
    let err = read_gold(&empty).unwrap_err();
    assert!(err.to_string().contains("e.gold.tsv"), "{err}");
}

#[test]
fn tmx_three_languages_lang_attributes_inline_codes_and_missing_sides() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "doc1.tmx", TMX.as_bytes());
    let got = read_hypothesis(&path, "en", "ko").unwrap();
    assert_eq!(
        got,
        hyp(&[
            ("Headline here", "여기 제목"),
            ("First sentence. It has a clause.", "첫 문장입니다. 절이 있습니다."),
            ("Second sentence.", "두 번째 문장."),
            ("Skip to main content", "본문 바로가기"),
        ]),
        "the en-only unit is left out; ph code skipped, hi text kept; TMX 1.1 lang= read"
    );
    assert_eq!(score(&gold(), &got, "en", "ko").line(), "P=0.750 R=0.750 F1=0.750");
    let en_es = read_hypothesis(&path, "EN", "es").unwrap();
    assert_eq!(en_es, hyp(&[("First sentence. It has a clause.", "Primera frase.")]));
    assert_eq!(score(&gold(), &en_es, "en", "es").line(), "P=0.000 R=0.000 F1=0.000", "half a row");
}

#[test]
fn tmx_inline_elements_count_as_score_py_counts_them() {
    let dir = TempDir::new().unwrap();
    let tmx = r#"<tmx version="1.4"><header srclang="en"/><body>
      <tu><tuv xml:lang="en"><seg>a <bpt i="1">&lt;b&gt;<sub>footnote</sub></bpt>b<ept i="1">&lt;/b&gt;</ept> <hi>c<it pos="begin">x</it><hi>d</hi></hi>&amp;<![CDATA[<e>]]></seg></tuv>
          <tuv xml:lang="ko"><seg>가<ut>u</ut>나</seg></tuv></tu>
    </body></tmx>"#;
    let path = write(dir.path(), "inline.xml", tmx.as_bytes());
    assert_eq!(read_hypothesis(&path, "en", "ko").unwrap(), hyp(&[("a b cd&<e>", "가나")]));
}

#[test]
fn tmx_in_utf16_is_sniffed_without_extension() {
    let dir = TempDir::new().unwrap();
    let text = TMX.replace(r#"encoding="UTF-8""#, r#"encoding="UTF-16""#);
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let path = write(dir.path(), "doc1.hyp", &bytes);
    assert_eq!(read_hypothesis(&path, "en", "ko").unwrap().len(), 4);
}

#[test]
fn tsv_with_bom_crlf_blank_and_tabless_lines() {
    let dir = TempDir::new().unwrap();
    let text = "\u{feff}Headline here\t여기 제목\r\nno tab\r\n \r\nSecond sentence.\t두 번째 문장.\textra\r\n\r\n";
    let path = write(dir.path(), "doc1.tsv", text.as_bytes());
    let got = read_hypothesis(&path, "en", "ko").unwrap();
    assert_eq!(got, hyp(&[("Headline here", "여기 제목"), ("Second sentence.", "두 번째 문장.")]));
    assert_eq!(score(&gold(), &got, "en", "ko").line(), "P=1.000 R=0.500 F1=0.667");
    // Content decides when the name does not.
    let sniffed = write(dir.path(), "doc1.hyp", "a\tb\n".as_bytes());
    assert_eq!(read_hypothesis(&sniffed, "en", "ko").unwrap(), hyp(&[("a", "b")]));
}

#[test]
fn unreadable_hypotheses_are_errors_naming_the_file() {
    let dir = TempDir::new().unwrap();
    let broken = write(dir.path(), "broken.tmx", &TMX.as_bytes()[..200]);
    assert!(read_hypothesis(&broken, "en", "ko").unwrap_err().to_string().contains("broken.tmx"));
    let latin1 = write(dir.path(), "latin1.tsv", b"caf\xe9\tx\n");
    assert!(read_hypothesis(&latin1, "en", "ko").unwrap_err().to_string().contains("latin1.tsv"));
    let missing = dir.path().join("missing.tsv");
    assert!(read_hypothesis(&missing, "en", "ko").unwrap_err().to_string().contains("missing.tsv"));
}

fn tmalign(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tmalign"));
    for arg in args {
        cmd.arg(arg);
    }
    cmd.output().expect("the tmalign binary runs")
}

fn stdout_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect()
}

#[test]
fn cli_single_document() {
    let dir = TempDir::new().unwrap();
    let gold = gold_file(dir.path());
    let tmx = write(dir.path(), "doc1.tmx", TMX.as_bytes());
    let out = tmalign(&[&"eval", &"--gold", &gold, &"--pair", &"EN-ko", &tmx, &"--errors"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        stdout_lines(&out),
        [
            "en-ko: hyp=4 correct=3 gold=4 matched=3",
            "  WRONG   Skip to main content\t본문 바로가기",
            "  MISSED  Third sentence.\t세 번째 문장.",
            "P=0.750 R=0.750 F1=0.750",
        ]
    );
    let quiet = tmalign(&[&"eval", &"--gold", &gold, &"--pair", &"en-es", &tmx, &"--quiet"]);
    assert_eq!(stdout_lines(&quiet), ["P=0.000 R=0.000 F1=0.000"]);
}

#[test]
fn cli_directory_mode_micro_averages() {
    let dir = TempDir::new().unwrap();
    gold_file(dir.path());
    write(dir.path(), "doc2.gold.tsv", "en\tko\tes\nOnly one.\t하나뿐.\tSolo una.\n".as_bytes());
    let tsv: String = pairs("en", "ko").iter().map(|(s, t)| format!("{s}\t{t}\n")).collect();
    let hyps = dir.path().join("hyp");
    write(&hyps, "doc1.en-ko.tsv", tsv.as_bytes());
    write(&hyps, "doc2.en-ko.tsv", "Only one.\t하나뿐.\nPrint\t인쇄하기\n".as_bytes());
    let out = tmalign(&[
        &"eval",
        &"--gold-dir",
        &dir.path(),
        &"--hyp-dir",
        &hyps,
        &"--pair",
        &"en-ko",
        &"--hyp-suffix",
        &".en-ko.tsv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        stdout_lines(&out),
        [
            "doc1\thyp=4\tcorrect=4\tgold=4\tmatched=4\tP=1.000\tR=1.000\tF1=1.000",
            "doc2\thyp=2\tcorrect=1\tgold=1\tmatched=1\tP=0.500\tR=1.000\tF1=0.667",
            "micro en-ko: docs=2 unreadable_or_missing=0 hyp=6 correct=5 gold=5 matched=5",
            "P=0.833 R=1.000 F1=0.909",
        ]
    );
}

#[test]
fn cli_directory_mode_scores_missing_and_broken_hypotheses_as_empty() {
    let dir = TempDir::new().unwrap();
    gold_file(dir.path());
    write(dir.path(), "doc2.gold.tsv", "en\tko\nOnly one.\t하나뿐.\n".as_bytes());
    let hyps = dir.path().join("hyp");
    write(&hyps, "doc1.tmx", &TMX.as_bytes()[..200]);
    let out = tmalign(&[&"eval", &"--gold-dir", &dir.path(), &"--hyp-dir", &hyps, &"--pair", &"en-ko"]);
    assert_eq!(out.status.code(), Some(0));
    let lines = stdout_lines(&out);
    assert_eq!(lines[lines.len() - 2], "micro en-ko: docs=2 unreadable_or_missing=2 hyp=0 correct=0 gold=5 matched=0");
    assert_eq!(lines[lines.len() - 1], "P=0.000 R=0.000 F1=0.000");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("doc1.tmx") && stderr.contains("doc2.tmx"), "{stderr}");
}

#[test]
fn cli_errors_and_usage() {
    let dir = TempDir::new().unwrap();
    let gold = gold_file(dir.path());
    let missing = dir.path().join("missing.tmx");
    let out = tmalign(&[&"eval", &"--gold", &gold, &"--pair", &"en-ko", &missing]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.tmx"));
    let bad_gold = write(dir.path(), "bad.gold.tsv", b"");
    let tsv = write(dir.path(), "h.tsv", b"a\tb\n");
    let out = tmalign(&[&"eval", &"--gold", &bad_gold, &"--pair", &"en-ko", &tsv]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.gold.tsv"));
    for args in [
        vec!["eval", "--pair", "en-ko"],
        vec!["eval", "--pair", "en_ko", "--gold", "g", "h"],
        vec!["eval", "--pair", "en-ko", "--gold-dir", "d"],
        vec!["eval", "--pair", "en-ko", "--gold-dir", "d", "--hyp-dir", "e", "h"],
    ] {
        let args: Vec<&dyn AsRef<std::ffi::OsStr>> = args.iter().map(|a| a as &dyn AsRef<std::ffi::OsStr>).collect();
        assert_eq!(tmalign(&args).status.code(), Some(2));
    }
    let empty = TempDir::new().unwrap();
    let out = tmalign(&[&"eval", &"--pair", &"en-ko", &"--gold-dir", &empty.path(), &"--hyp-dir", &empty.path()]);
    assert_eq!(out.status.code(), Some(2), "no gold files");
}
