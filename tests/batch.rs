//! `tmalign batch`: discovery, warnings, failures, determinism across thread counts, --out-dir
//! and --jsonl, run as a user runs it on copies of the bundled corpus.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use tempfile::TempDir;
use tmalign::{JsonUnit, Lang, find_releases, read_tmx_file};

const RELEASES: [&str; 3] = ["mini", "mofa-caribbean-climate-finance-workshop", "embassy-mexico-gks-scholarship"];

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(name)
}

fn copy(release: &str, lang: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(corpus(&format!("{release}.{lang}.txt")), to).unwrap();
}

/// A directory with the three releases in the flat layout, plus files discovery must ignore.
fn flat_batch() -> TempDir {
    let dir = TempDir::new().unwrap();
    for release in RELEASES {
        for lang in ["en", "ko", "es"] {
            copy(release, lang, &dir.path().join(format!("{release}.{lang}.txt")));
        }
        std::fs::copy(corpus(&format!("{release}.gold.tsv")), dir.path().join(format!("{release}.gold.tsv"))).unwrap();
    }
    std::fs::write(dir.path().join("README.md"), "not a release\n").unwrap();
    dir
}

fn tmalign(args: &[&dyn AsRef<std::ffi::OsStr>], threads: Option<usize>, stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tmalign"));
    cmd.args(args.iter().map(|a| a.as_ref())).env("SOURCE_DATE_EPOCH", "1700000000");
    if let Some(n) = threads {
        cmd.env("RAYON_NUM_THREADS", n.to_string());
    }
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the tmalign binary runs");
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin.unwrap_or_default()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_exit(out: &Output, code: i32) {
    assert_eq!(out.status.code(), Some(code), "stderr: {}", stderr(out));
}

#[test]
fn discovery_finds_both_layouts_in_name_order() {
    let dir = TempDir::new().unwrap();
    copy("mini", "en", &dir.path().join("b.en.txt"));
    copy("mini", "ko", &dir.path().join("b.ko.txt"));
    copy("mini", "es", &dir.path().join("es/a.txt"));
    copy("mini", "ko", &dir.path().join("ko/a.txt"));
    copy("mini", "en", &dir.path().join("a.en.txt"));
    std::fs::write(dir.path().join("a.gold.tsv"), "x\n").unwrap();
    std::fs::create_dir_all(dir.path().join("en")).unwrap();
    std::fs::write(dir.path().join("en/.hidden.txt"), "x\n").unwrap();
    let releases = find_releases(dir.path()).unwrap();
    let names: Vec<&str> = releases.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["a", "b"]);
    let langs = |i: usize| releases[i].files.iter().map(|(l, _)| *l).collect::<Vec<_>>();
    assert_eq!(langs(0), [Lang::Ko, Lang::En, Lang::Es]);
    assert_eq!(langs(1), [Lang::Ko, Lang::En]);
    assert_eq!(releases[0].files[2].1, dir.path().join("es/a.txt"));
    assert_eq!(releases[1].missing(), [Lang::Es]);
}

#[cfg(unix)]
#[test]
fn discovery_follows_links_and_passes_over_directories_named_like_files() {
    use std::os::unix::fs::symlink;
    let elsewhere = TempDir::new().unwrap();
    copy("mini", "ko", &elsewhere.path().join("ko/c.txt"));
    copy("mini", "en", &elsewhere.path().join("c.en.txt"));
    let dir = TempDir::new().unwrap();
    // A linked language folder, a linked file in a real one, and a linked flat file.
    symlink(elsewhere.path().join("ko"), dir.path().join("ko")).unwrap();
    std::fs::create_dir_all(dir.path().join("en")).unwrap();
    symlink(elsewhere.path().join("c.en.txt"), dir.path().join("en/c.txt")).unwrap();
    symlink(elsewhere.path().join("c.en.txt"), dir.path().join("d.en.txt")).unwrap();
    copy("mini", "es", &dir.path().join("d.es.txt"));
    // Directories, linked or not, are not versions, whatever their names.
    std::fs::create_dir_all(dir.path().join("e.en.txt")).unwrap();
    std::fs::create_dir_all(dir.path().join("es/e.txt")).unwrap();
    symlink(elsewhere.path(), dir.path().join("f.ko.txt")).unwrap();
    // A dangling link is passed over in a folder, as it is not a file.
    symlink(dir.path().join("nowhere"), dir.path().join("en/g.txt")).unwrap();
    let releases = find_releases(dir.path()).unwrap();
    let found: Vec<(&str, Vec<Lang>)> =
        releases.iter().map(|r| (r.name.as_str(), r.files.iter().map(|(l, _)| *l).collect())).collect();
    assert_eq!(found, [("c", vec![Lang::Ko, Lang::En]), ("d", vec![Lang::En, Lang::Es])]);
}

#[test]
fn two_files_in_one_language_are_refused() {
    let dir = TempDir::new().unwrap();
    copy("mini", "en", &dir.path().join("a.en.txt"));
    copy("mini", "en", &dir.path().join("en/a.txt"));
    let err = find_releases(dir.path()).unwrap_err();
    assert!(err.to_string().contains("a.en.txt") && err.to_string().contains("a.txt"), "{err}");
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    let dir = flat_batch();
    let outputs: Vec<Vec<u8>> = [1, 2, 3]
        .into_iter()
        .map(|threads| {
            let out = dir.path().join(format!("out{threads}.tmx"));
            let result = tmalign(&[&"batch", &dir.path(), &"-o", &out], Some(threads), None);
            assert_exit(&result, 0);
            std::fs::read(&out).unwrap()
        })
        .collect();
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
    let tm = read_tmx_file(dir.path().join("out1.tmx")).unwrap();
    assert_eq!(tm.header.src_lang, "ko-KR");
    // Units come release by release, in name order.
    let docs: Vec<&str> = tm.units.iter().filter_map(|u| u.prop("x-source-docs")).collect();
    let first = |name: &str| docs.iter().position(|d| d.contains(&format!("/{name}.ko.txt"))).unwrap();
    assert!(first("embassy-mexico-gks-scholarship") < first("mini"));
    assert!(first("mini") < first("mofa-caribbean-climate-finance-workshop"));
}

#[test]
fn batch_memory_holds_what_align_writes_per_release() {
    let dir = flat_batch();
    let out = dir.path().join("all.tmx");
    assert_exit(&tmalign(&[&"batch", &dir.path(), &"-o", &out, &"--quiet"], None, None), 0);
    let all = read_tmx_file(&out).unwrap();
    let mut expected = 0;
    for release in RELEASES {
        let one = dir.path().join(format!("{release}.tmx"));
        let files: Vec<PathBuf> =
            ["ko", "en", "es"].iter().map(|l| dir.path().join(format!("{release}.{l}.txt"))).collect();
        let result = tmalign(&[&"align", &files[0], &files[1], &files[2], &"-o", &one], None, None);
        assert_exit(&result, 0);
        expected += read_tmx_file(&one).unwrap().units.len();
    }
    assert_eq!(all.units.len(), expected);
}

#[test]
fn missing_language_is_a_warning_and_one_language_is_skipped() {
    let dir = TempDir::new().unwrap();
    copy("mini", "ko", &dir.path().join("two.ko.txt"));
    copy("mini", "en", &dir.path().join("two.en.txt"));
    copy("mini", "es", &dir.path().join("one.es.txt"));
    let out = dir.path().join("out.tmx");
    let result = tmalign(&[&"batch", &dir.path(), &"-o", &out], None, None);
    assert_exit(&result, 0);
    let err = stderr(&result);
    assert!(err.contains("two: no es version"), "{err}");
    assert!(err.contains("one: only one language version") && err.contains("skipped"), "{err}");
    assert!(err.contains("2 releases: 1 aligned, 1 skipped, 0 failed"), "{err}");
    let tm = read_tmx_file(&out).unwrap();
    assert!(!tm.units.is_empty());
    assert!(tm.units.iter().all(|u| u.text("es").is_none()));
}

#[test]
fn versions_of_different_releases_are_reported_as_doubtful_with_their_unit_count() {
    let dir = TempDir::new().unwrap();
    copy("mini", "ko", &dir.path().join("mixed.ko.txt"));
    copy("eclac-regional-growth-outlook", "en", &dir.path().join("mixed.en.txt"));
    let out = TempDir::new().unwrap();
    let result = tmalign(&[&"batch", &dir.path(), &"--out-dir", &out.path()], Some(2), None);
    assert_exit(&result, 0);
    let err = stderr(&result);
    // A two-language release's one pair file holds all of its units.
    let units = read_tmx_file(out.path().join("mixed.ko-en.tmx")).unwrap().units.len();
    assert!(units > 0);
    assert!(err.contains("mixed: low confidence (mean score"), "{err}");
    assert!(err.contains(&format!(" of {units} units below")), "{err}");
    assert!(
        err.contains(
            "tmalign: 1 release: 1 aligned, 0 skipped, 0 failed; 1 with a missing language, 1 with low confidence"
        ),
        "{err}"
    );
}

#[test]
fn a_batch_whose_output_is_one_of_its_inputs_is_refused_and_the_input_kept() {
    let dir = TempDir::new().unwrap();
    // Enough files for the check to be shared among threads.
    for i in 0..30 {
        for lang in ["ko", "en", "es"] {
            copy("mini", lang, &dir.path().join(format!("r{i:02}.{lang}.txt")));
        }
    }
    let input = dir.path().join("r27.es.txt");
    let before = std::fs::read(&input).unwrap();
    // The output is the input under another name.
    let elsewhere = TempDir::new().unwrap();
    let out = elsewhere.path().join("out.tmx");
    std::fs::hard_link(&input, &out).unwrap();
    let result = tmalign(&[&"batch", &dir.path(), &"-o", &out], Some(2), None);
    assert_exit(&result, 2);
    assert!(stderr(&result).contains("the output file is one of the inputs"), "{}", stderr(&result));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn a_failing_release_is_named_and_the_batch_goes_on_with_exit_1() {
    let dir = flat_batch();
    std::fs::write(dir.path().join("broken.en.txt"), [0xff, 0xfe, 0x00, 0xd8, 0x41]).unwrap();
    std::fs::write(dir.path().join("broken.ko.txt"), "").unwrap();
    let out = dir.path().join("out.tmx");
    let result = tmalign(&[&"batch", &dir.path(), &"-o", &out], None, None);
    assert_exit(&result, 1);
    let err = stderr(&result);
    assert!(err.contains("broken.ko.txt") || err.contains("broken.en.txt"), "{err}");
    assert!(err.contains("1 of 4 releases failed"), "{err}");
    // The other releases are written.
    let tm = read_tmx_file(&out).unwrap();
    assert!(tm.units.iter().any(|u| u.prop("x-source-docs").is_some_and(|d| d.contains("mini.ko.txt"))));
}

#[test]
fn out_dir_writes_one_file_per_release_and_pair() {
    let dir = flat_batch();
    let out = TempDir::new().unwrap();
    let result = tmalign(&[&"batch", &dir.path(), &"--out-dir", &out.path(), &"-q"], None, None);
    assert_exit(&result, 0);
    assert_eq!(stderr(&result), "", "--quiet prints nothing");
    let mut names: Vec<String> =
        std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let mut expected: Vec<String> =
        RELEASES.iter().flat_map(|r| [format!("{r}.ko-en.tmx"), format!("{r}.ko-es.tmx")]).collect();
    expected.sort();
    assert_eq!(names, expected);
    let pair = read_tmx_file(out.path().join("mini.ko-es.tmx")).unwrap();
    assert!(!pair.units.is_empty());
    assert!(pair.units.iter().all(|u| u.variants.len() == 2 && u.text("ko").is_some() && u.text("es").is_some()));
}

#[test]
fn jsonl_round_trip() {
    let read = |lang: &str| std::fs::read_to_string(corpus(&format!("mini.{lang}.txt"))).unwrap();
    let line = |id: &str, langs: &[&str]| {
        let mut object = serde_json::Map::new();
        object.insert("id".into(), id.into());
        for lang in langs {
            object.insert(lang.to_string(), read(lang).into());
        }
        serde_json::Value::Object(object).to_string()
    };
    let input = format!(
        "{}\n\n{}\n{}\nnot json\n",
        line("first", &["en", "ko", "es"]),
        line("lonely", &["en"]),
        line("second", &["en", "es"])
    );
    let results: Vec<Output> = [1, 2]
        .into_iter()
        .map(|threads| tmalign(&[&"batch", &"--jsonl", &"-o", &"-"], Some(threads), Some(input.as_bytes())))
        .collect();
    assert_eq!(results[0].stdout, results[1].stdout, "the same lines whatever the thread count");
    let result = &results[0];
    assert_exit(result, 1);
    let err = stderr(result);
    assert!(err.contains("<stdin>:5"), "the bad line is named: {err}");
    assert!(err.contains("lonely") && err.contains("skipped"), "{err}");
    let units: Vec<JsonUnit> = String::from_utf8(result.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let ids: Vec<&str> = units.iter().map(|u| u.id.as_str().unwrap()).collect();
    let first = ids.iter().filter(|&&id| id == "first").count();
    assert!(first >= 3, "{ids:?}");
    assert!(ids[..first].iter().all(|&id| id == "first") && ids[first..].iter().all(|&id| id == "second"));
    assert!(units.iter().any(|u| u.en.as_deref() == Some("Korean Film Week Opens in Lima") && u.ko.is_some()));
    assert!(units[first..].iter().all(|u| u.ko.is_none() && u.en.is_some() && u.es.is_some()));
    assert!(units.iter().all(|u| (0.0..=1.0).contains(&u.score)));
}
