//! The `tmalign` binary, run as a user runs it, on the bundled corpus and on files made here.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;
use tmalign::{TranslationMemory, read_tmx_file};

const RELEASE: &str = "mofa-caribbean-climate-finance-workshop";

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(name)
}

fn release(lang: &str) -> PathBuf {
    corpus(&format!("{RELEASE}.{lang}.txt"))
}

fn tmalign(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tmalign"));
    for arg in args {
        cmd.arg(arg);
    }
    cmd.output().expect("the tmalign binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_exit(out: &Output, code: i32) {
    assert_eq!(out.status.code(), Some(code), "stderr: {}", stderr(out));
}

/// Aligns the release ko, en, es into `dir/NAME` with extra arguments; returns the output path.
fn align_to(dir: &TempDir, name: &str, extra: &[&str]) -> PathBuf {
    let out = dir.path().join(name);
    let (ko, en, es) = (release("ko"), release("en"), release("es"));
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"align", &ko, &en, &es, &"-o", &out];
    args.extend(extra.iter().map(|a| a as &dyn AsRef<std::ffi::OsStr>));
    let result = tmalign(&args);
    assert_exit(&result, 0);
    out
}

fn langs_of(tm: &TranslationMemory) -> Vec<String> {
    let mut langs: Vec<String> = tm.units.iter().flat_map(|u| u.variants.iter().map(|v| v.lang.clone())).collect();
    langs.sort();
    langs.dedup();
    langs
}

#[test]
fn align_writes_a_three_language_tmx() {
    let dir = TempDir::new().unwrap();
    let tm = read_tmx_file(align_to(&dir, "out.tmx", &[])).unwrap();
    assert!(tm.units.len() >= 10, "{} units", tm.units.len());
    assert_eq!(langs_of(&tm), ["en-US", "es-ES", "ko-KR"]);
    assert_eq!(tm.header.src_lang, "ko-KR", "the first file's locale");
    assert!(tm.units.iter().all(|u| u.variants.len() >= 2));
    assert!(tm.units.iter().any(|u| u.variants.len() == 3));
    // The source language's segment comes first.
    assert!(tm.units.iter().filter(|u| u.text("ko").is_some()).all(|u| u.variants[0].lang == "ko-KR"));
    assert!(tm.units.iter().all(|u| u.prop("x-score").is_some_and(|s| s.parse::<f64>().is_ok())));
}

#[test]
fn srclang_and_locale_options() {
    let dir = TempDir::new().unwrap();
    let tm = read_tmx_file(align_to(&dir, "out.tmx", &["--srclang", "en", "--locale", "es=es-MX"])).unwrap();
    assert_eq!(tm.header.src_lang, "en-US");
    assert_eq!(langs_of(&tm), ["en-US", "es-MX", "ko-KR"]);
    assert!(tm.units.iter().filter(|u| u.text("en").is_some()).all(|u| u.variants[0].lang == "en-US"));
}

#[test]
fn bad_locale_is_a_usage_error() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("out.tmx");
    let result = tmalign(&[&"align", &release("ko"), &release("en"), &"-o", &out, &"--locale", &"es=en-US"]);
    assert_exit(&result, 2);
    assert!(!out.exists());
}

#[test]
fn srclang_must_be_an_input_language() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("out.tmx");
    let result = tmalign(&[&"align", &release("ko"), &release("en"), &"-o", &out, &"--srclang", &"es"]);
    assert_exit(&result, 2);
    assert!(stderr(&result).contains("srclang"), "{}", stderr(&result));
}

#[test]
fn tsv_has_a_header_and_one_column_per_file() {
    let dir = TempDir::new().unwrap();
    let text = std::fs::read_to_string(align_to(&dir, "out.tsv", &["--format", "tsv"])).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("ko\ten\tes"));
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() >= 10);
    assert!(rows.iter().all(|r| r.split('\t').count() == 3), "{rows:?}");
    assert!(rows.iter().any(|r| r.starts_with("「한-카리브 기후재원 워크숍」 포트오브스페인에서 개최\t")));
}

#[test]
fn two_files_give_a_plain_two_column_tsv() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("pair.tsv");
    assert_exit(&tmalign(&[&"align", &release("en"), &release("es"), &"-o", &out, &"--format", &"tsv"]), 0);
    let text = std::fs::read_to_string(out).unwrap();
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "Korea-Caribbean Climate Finance Workshop Held in Port of Spain\tSe realiza en Puerto España el Taller Corea-Caribe sobre Financiamiento Climático"
    );
    assert!(text.lines().all(|l| l.split('\t').count() == 2));
}

#[test]
fn json_is_the_memory() {
    let dir = TempDir::new().unwrap();
    let json = std::fs::read(align_to(&dir, "out.json", &["--format", "json"])).unwrap();
    let tm: TranslationMemory = serde_json::from_slice(&json).unwrap();
    let tmx = read_tmx_file(align_to(&dir, "out.tmx", &[])).unwrap();
    assert_eq!(tm.header.src_lang, "ko-KR");
    let texts = |tm: &TranslationMemory| -> Vec<Vec<(String, String)>> {
        tm.units.iter().map(|u| u.variants.iter().map(|v| (v.lang.clone(), v.text.clone())).collect()).collect()
    };
    assert_eq!(texts(&tm), texts(&tmx));
}

#[test]
fn dash_writes_to_stdout() {
    let result = tmalign(&[&"align", &corpus("mini.ko.txt"), &corpus("mini.en.txt"), &"-o", &"-"]);
    assert_exit(&result, 0);
    let tm = tmalign::read_tmx(result.stdout.as_slice()).unwrap();
    assert_eq!(tm.units.len(), 5);
    assert_eq!(tm.units[0].text("ko"), Some("리마에서 한국영화주간 개막"));
    assert_eq!(tm.units[0].text("en"), Some("Korean Film Week Opens in Lima"));
}

#[test]
fn min_score_leaves_units_out() {
    let dir = TempDir::new().unwrap();
    let all = read_tmx_file(align_to(&dir, "all.tmx", &["--min-score", "0"])).unwrap();
    let best = read_tmx_file(align_to(&dir, "best.tmx", &["--min-score", "0.99"])).unwrap();
    assert!(best.units.len() < all.units.len(), "{} vs {}", best.units.len(), all.units.len());
    assert!(best.units.iter().all(|u| u.prop("x-score").unwrap().parse::<f64>().unwrap() >= 0.99));
}

#[test]
fn segment_prints_the_structure() {
    let result = tmalign(&[&"segment", &release("ko")]);
    assert_exit(&result, 0);
    let text = String::from_utf8(result.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("# ") && lines[0].contains("(ko): 13 blocks, 14 sentences, 12 chrome lines"),
        "{}",
        lines[0]
    );
    assert!(lines.iter().any(|l| l.starts_with("chrome") && l.contains("본문 바로가기")));
    assert!(lines.iter().any(|l| l.starts_with("title") && l.contains("line    8")));
    assert!(lines.iter().any(|l| l.starts_with("paragraph") && l.trim_end().ends_with("6.")));
    assert!(lines.iter().any(|l| l.starts_with("subitem") && l.trim_end().ends_with('▴')));
    assert!(lines.iter().any(|l| l.starts_with("  [13] 외교부는 또한")));
}

#[test]
fn segment_takes_lang_for_unnamed_files() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("page.txt");
    std::fs::copy(corpus("mini.es.txt"), &file).unwrap();
    assert_exit(&tmalign(&[&"segment", &file]), 2);
    let result = tmalign(&[&"segment", &file, &"--lang", &"es"]);
    assert_exit(&result, 0);
    assert!(String::from_utf8(result.stdout).unwrap().contains("(es): "));
}

#[test]
fn missing_file_is_exit_1_and_named() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("nowhere.en.txt");
    let out = dir.path().join("out.tmx");
    let result = tmalign(&[&"align", &release("ko"), &missing, &"-o", &out]);
    assert_exit(&result, 1);
    assert!(stderr(&result).contains("nowhere.en.txt"), "{}", stderr(&result));
    assert!(!out.exists());
}

#[test]
fn unknown_language_in_file_name_is_exit_2() {
    let dir = TempDir::new().unwrap();
    let unnamed = dir.path().join("release.final.txt");
    std::fs::copy(release("en"), &unnamed).unwrap();
    let result = tmalign(&[&"align", &release("ko"), &unnamed, &"-o", &dir.path().join("out.tmx")]);
    assert_exit(&result, 2);
    assert!(stderr(&result).contains("release.final.txt"), "{}", stderr(&result));
    // --langs makes the same run work.
    let result =
        tmalign(&[&"align", &release("ko"), &unnamed, &"-o", &dir.path().join("out.tmx"), &"--langs", &"ko,en"]);
    assert_exit(&result, 0);
}

#[test]
fn other_latin_languages_align_with_the_generic_rules() {
    let dir = TempDir::new().unwrap();
    let de = dir.path().join("note.de.txt");
    let fr = dir.path().join("note.fr.txt");
    std::fs::write(
        &de,
        "Neue Partnerschaft\n\nDie Ministerin traf am 17. März 2021 den Botschafter in Berlin. Beide Seiten \
         unterzeichneten ein Abkommen über 12,5 Millionen Euro.\n\nDas Programm beginnt im Mai. Es umfasst 20 \
         Stipendien.\n",
    )
    .unwrap();
    std::fs::write(
        &fr,
        "Nouveau partenariat\n\nLa ministre a rencontré l'ambassadeur à Berlin le 17 mars 2021. Les deux parties \
         ont signé un accord de 12,5 millions d'euros.\n\nLe programme commence en mai. Il comprend 20 bourses.\n",
    )
    .unwrap();
    let out = dir.path().join("note.tmx");
    assert_exit(&tmalign(&[&"align", &de, &fr, &"-o", &out]), 0);
    let tm = read_tmx_file(&out).unwrap();
    assert_eq!(langs_of(&tm), ["de", "fr"]);
    let pairs: Vec<(&str, &str)> =
        tm.units.iter().map(|u| (u.text("de").unwrap_or(""), u.text("fr").unwrap_or(""))).collect();
    assert_eq!(pairs.len(), 5, "{pairs:?}");
    assert_eq!(
        pairs[1],
        (
            "Die Ministerin traf am 17. März 2021 den Botschafter in Berlin.",
            "La ministre a rencontré l'ambassadeur à Berlin le 17 mars 2021."
        )
    );
    assert_eq!(pairs[4], ("Es umfasst 20 Stipendien.", "Il comprend 20 bourses."));
}

#[test]
fn langs_count_mismatch_is_exit_2() {
    let dir = TempDir::new().unwrap();
    let result =
        tmalign(&[&"align", &release("ko"), &release("en"), &"-o", &dir.path().join("o.tmx"), &"--langs", &"ko"]);
    assert_exit(&result, 2);
    assert!(stderr(&result).contains("--langs"), "{}", stderr(&result));
}

#[test]
fn two_files_in_one_language_is_exit_2() {
    let dir = TempDir::new().unwrap();
    let result = tmalign(&[&"align", &release("en"), &corpus("mini.en.txt"), &"-o", &dir.path().join("o.tmx")]);
    assert_exit(&result, 2);
}

#[test]
fn invalid_utf8_is_exit_1_and_named() {
    let dir = TempDir::new().unwrap();
    let bad = dir.path().join("broken.ko.txt");
    // UTF-8 Korean with one byte damaged (EUC-KR is read since issue 7: see tests/bad_input.rs).
    let mut bytes = "외교부는 3월 17일 서울에서 회의를 개최했다.\n".as_bytes().to_vec();
    bytes[4] = 0xFF;
    std::fs::write(&bad, bytes).unwrap();
    let result = tmalign(&[&"align", &bad, &release("en"), &"-o", &dir.path().join("o.tmx")]);
    assert_exit(&result, 1);
    let err = stderr(&result);
    assert!(err.contains("broken.ko.txt") && err.contains("UTF-8"), "{err}");
}

#[test]
fn utf16_input_is_accepted() {
    let dir = TempDir::new().unwrap();
    let text = std::fs::read_to_string(corpus("mini.ko.txt")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let ko = dir.path().join("mini.ko.txt");
    std::fs::write(&ko, bytes).unwrap();
    let result = tmalign(&[&"align", &ko, &corpus("mini.en.txt"), &"-o", &"-", &"--format", &"tsv"]);
    assert_exit(&result, 0);
    let tsv = String::from_utf8(result.stdout).unwrap();
    assert_eq!(tsv.lines().next(), Some("리마에서 한국영화주간 개막\tKorean Film Week Opens in Lima"));
}

#[test]
fn chrome_only_file_is_exit_1() {
    let dir = TempDir::new().unwrap();
    let chrome = dir.path().join("menu.en.txt");
    std::fs::write(
        &chrome,
        "Skip to main content\nHome > News\n\n© Embassy of the Republic of Korea in Peru. All rights reserved.\n",
    )
    .unwrap();
    let result = tmalign(&[&"align", &release("ko"), &chrome, &"-o", &dir.path().join("o.tmx")]);
    assert_exit(&result, 1);
    let err = stderr(&result);
    assert!(err.contains("menu.en.txt") && err.contains("chrome"), "{err}");

    let empty = dir.path().join("empty.es.txt");
    std::fs::write(&empty, "").unwrap();
    let result = tmalign(&[&"align", &release("ko"), &empty, &"-o", &dir.path().join("o.tmx")]);
    assert_exit(&result, 1);
    assert!(stderr(&result).contains("empty.es.txt"));
}

#[test]
fn output_equal_to_an_input_is_refused() {
    let dir = TempDir::new().unwrap();
    let en = dir.path().join("mini.en.txt");
    std::fs::copy(corpus("mini.en.txt"), &en).unwrap();
    let before = std::fs::read(&en).unwrap();
    let result = tmalign(&[&"align", &corpus("mini.ko.txt"), &en, &"-o", &en]);
    assert_ne!(result.status.code(), Some(0));
    assert!(stderr(&result).contains("input"), "{}", stderr(&result));
    assert_eq!(std::fs::read(&en).unwrap(), before);
}

#[test]
fn failed_run_leaves_an_existing_output_untouched() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("memory.tmx");
    std::fs::write(&out, b"previous memory\n").unwrap();
    let missing = dir.path().join("missing.en.txt");
    let result = tmalign(&[&"align", &release("ko"), &missing, &"-o", &out]);
    assert_exit(&result, 1);
    assert_eq!(std::fs::read(&out).unwrap(), b"previous memory\n");
    // Nor does a failed run leave temporary files beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, [std::ffi::OsString::from("memory.tmx")]);
}

#[cfg(unix)]
#[test]
fn output_gets_the_permissions_of_a_new_file_or_keeps_those_of_the_one_it_replaces() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    // What this process's umask makes of a new file, as any other program would create it.
    let plain = dir.path().join("plain");
    std::fs::File::create(&plain).unwrap();
    let out = align_to(&dir, "out.tmx", &[]);
    assert_eq!(mode(&out), mode(&plain));
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = align_to(&dir, "out.tmx", &["--format", "tsv"]);
    assert_eq!(mode(&out), 0o640);
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("ko\t"), "the file was replaced");
}

#[test]
fn unwritable_output_is_exit_1() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("no-such-dir").join("out.tmx");
    let result = tmalign(&[&"align", &release("ko"), &release("en"), &"-o", &out]);
    assert_exit(&result, 1);
    assert!(stderr(&result).contains("out.tmx"), "{}", stderr(&result));
}

#[test]
fn usage_errors_are_exit_2() {
    assert_exit(&tmalign(&[&"align", &release("ko")]), 2);
    assert_exit(&tmalign(&[&"align", &release("ko"), &release("en")]), 2);
    assert_exit(&tmalign(&[&"frobnicate"]), 2);
    assert_exit(&tmalign(&[&"align", &release("ko"), &release("en"), &"-o", &"-", &"--format", &"xliff"]), 2);
}

#[test]
fn segmented_input_aligns_line_by_line() {
    let dir = TempDir::new().unwrap();
    let en = dir.path().join("s.en.txt");
    let ko = dir.path().join("s.ko.txt");
    // One segment per line: the period inside the first line does not split it.
    std::fs::write(&en, "Korea and Peru met. Both agreed.\nTrade grew 12% in 2024.\n").unwrap();
    std::fs::write(&ko, "한국과 페루가 만났다. 양측은 합의했다.\n2024년 교역은 12% 늘었다.\n").unwrap();
    let out = dir.path().join("s.tsv");
    let result = tmalign(&[&"align", &en, &ko, &"--segmented", &"--format", &"tsv", &"-o", &out]);
    assert_exit(&result, 0);
    let tsv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        tsv.lines().collect::<Vec<_>>(),
        [
            "Korea and Peru met. Both agreed.\t한국과 페루가 만났다. 양측은 합의했다.",
            "Trade grew 12% in 2024.\t2024년 교역은 12% 늘었다."
        ]
    );
}

#[test]
fn pairs_writes_one_bilingual_file_per_target() {
    let dir = TempDir::new().unwrap();
    let out = align_to(&dir, "r.tmx", &["--pairs"]);
    for (name, tgt) in [("r.ko-en.tmx", "en-US"), ("r.ko-es.tmx", "es-ES")] {
        let tm = read_tmx_file(dir.path().join(name)).unwrap();
        assert_eq!(tm.header.src_lang, "ko-KR");
        assert!(!tm.units.is_empty());
        assert!(tm.units.iter().all(|u| u.variants.len() == 2 && u.variants[1].lang == tgt), "{name}");
    }
    assert!(out.exists());
}

#[test]
fn glossary_errors_name_the_file() {
    let dir = TempDir::new().unwrap();
    let glossary = dir.path().join("terms.tsv");
    std::fs::write(&glossary, "ko\tfrench\n기후\tclimat\n").unwrap();
    let (ko, en) = (release("ko"), release("en"));
    let out = dir.path().join("x.tmx");
    let result = tmalign(&[&"align", &ko, &en, &"--glossary", &glossary, &"-o", &out]);
    assert_exit(&result, 2);
    assert!(stderr(&result).contains("terms.tsv"), "{}", stderr(&result));
    assert!(!out.exists());
    std::fs::write(&glossary, "ko\ten\n기후재원\tclimate finance\n").unwrap();
    assert_exit(&tmalign(&[&"align", &ko, &en, &"--glossary", &glossary, &"-o", &out]), 0);
}
