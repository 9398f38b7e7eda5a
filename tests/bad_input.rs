//! Every kind of bad input gets a clear answer from the command: exit status, and a message on
//! standard error that names the file. Inputs are made from the corpus in a temporary folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");

fn corpus(name: &str) -> PathBuf {
    Path::new(CORPUS).join(name)
}

fn corpus_text(name: &str) -> String {
    std::fs::read_to_string(corpus(name)).unwrap()
}

fn tmalign(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tmalign")).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `tmalign align FILES... -o OUT [EXTRA...]`.
fn align(files: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&Path> = vec![Path::new("align")];
    args.extend(files);
    args.extend([Path::new("-o"), out]);
    args.extend(extra.iter().map(Path::new));
    tmalign(&args)
}

/// `text` in `encoding`; EUC-KR has no copyright sign.
fn encode(text: &str, encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Dir {
        Dir(tempfile::tempdir().unwrap())
    }

    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }
}

fn assert_exit(out: &Output, code: i32) {
    assert_eq!(out.status.code(), Some(code), "stderr: {}", stderr(out));
}

#[test]
fn euc_kr_file_aligns_with_a_note() {
    let dir = Dir::new();
    let ko = dir.file("mini.ko.txt", encode(&corpus_text("mini.ko.txt").replace('©', "(c)"), encoding_rs::EUC_KR));
    let out_path = dir.path("out.tmx");
    let out = align(&[&corpus("mini.en.txt"), &ko], &out_path, &[]);
    assert_exit(&out, 0);
    assert!(stderr(&out).contains("mini.ko.txt read as EUC-KR"), "{}", stderr(&out));
    let tmx = std::fs::read_to_string(&out_path).unwrap();
    let utf8 = tempfile::tempdir().unwrap();
    let reference = utf8.path().join("ref.tmx");
    assert_exit(&align(&[&corpus("mini.en.txt"), &corpus("mini.ko.txt")], &reference, &[]), 0);
    let without_dates = |s: &str| s.lines().filter(|l| !l.contains("creationdate")).collect::<Vec<_>>().join("\n");
    let reference = std::fs::read_to_string(reference).unwrap();
    assert_eq!(
        without_dates(&tmx).replace(&*ko.display().to_string(), "KO"),
        without_dates(&reference).replace(&*corpus("mini.ko.txt").display().to_string(), "KO")
    );
}

#[test]
fn windows_1252_spanish_file_aligns_with_a_note() {
    let dir = Dir::new();
    let text = corpus_text("mini.es.txt");
    let es = dir.file("mini.es.txt", encode(&text, encoding_rs::WINDOWS_1252));
    let out_path = dir.path("out.tsv");
    let out = align(&[&corpus("mini.en.txt"), &es], &out_path, &["--format", "tsv"]);
    assert_exit(&out, 0);
    assert!(stderr(&out).contains("mini.es.txt read as Windows-1252"), "{}", stderr(&out));
    let tsv = std::fs::read_to_string(&out_path).unwrap();
    let accented = text.split_whitespace().find(|w| !w.is_ascii()).unwrap();
    assert!(tsv.contains(accented), "{accented} missing from {tsv}");
}

#[test]
fn utf16_without_bom_aligns_with_a_note() {
    let dir = Dir::new();
    let bytes: Vec<u8> = corpus_text("mini.ko.txt").encode_utf16().flat_map(u16::to_le_bytes).collect();
    let ko = dir.file("mini.ko.txt", bytes);
    let out = align(&[&corpus("mini.en.txt"), &ko], &dir.path("out.tmx"), &[]);
    assert_exit(&out, 0);
    assert!(stderr(&out).contains("mini.ko.txt read as UTF-16LE"), "{}", stderr(&out));
}

#[test]
fn forced_encoding_is_used_and_checked() {
    let dir = Dir::new();
    let ko = dir.file("mini.ko.txt", encode(&corpus_text("mini.ko.txt").replace('©', "(c)"), encoding_rs::EUC_KR));
    let out = align(&[&corpus("mini.en.txt"), &ko], &dir.path("a.tmx"), &["--encoding", "ko=cp949"]);
    assert_exit(&out, 0);
    assert!(!stderr(&out).contains("note"), "{}", stderr(&out));
    let out = align(&[&corpus("mini.en.txt"), &ko], &dir.path("b.tmx"), &["--encoding", "utf-8"]);
    assert_exit(&out, 1);
    assert!(
        stderr(&out).contains("mini.ko.txt: is not valid UTF-8 (invalid byte sequence at offset"),
        "{}",
        stderr(&out)
    );
    let out = align(&[&corpus("mini.en.txt"), &ko], &dir.path("c.tmx"), &["--encoding", "shift_jis"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("unsupported encoding"), "{}", stderr(&out));
}

#[test]
fn binary_file_is_refused() {
    let dir = Dir::new();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0u32..2000).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8));
    let bin = dir.file("photo.en.txt", png);
    let out = align(&[&bin, &corpus("mini.ko.txt")], &dir.path("out.tmx"), &[]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("photo.en.txt: ") && err.contains("looks like a binary file"), "{err}");
    assert!(!dir.path("out.tmx").exists());
}

#[test]
fn empty_and_chrome_only_files_are_errors() {
    let dir = Dir::new();
    let empty = dir.file("empty.en.txt", "");
    let out = align(&[&empty, &corpus("mini.ko.txt")], &dir.path("out.tmx"), &[]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("empty.en.txt: is empty"), "{}", stderr(&out));

    let blank = dir.file("blank.en.txt", "\n  \n\t\n");
    let out = align(&[&blank, &corpus("mini.ko.txt")], &dir.path("out.tmx"), &[]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("blank.en.txt: is empty"), "{}", stderr(&out));

    let chrome = dir.file(
        "chrome.en.txt",
        "Skip to main content\nMenu\nHome > News > Press Releases\nShare  Facebook  Twitter\n\
         © 2024 Ministry of Foreign Affairs. All rights reserved.\n",
    );
    let out = align(&[&chrome, &corpus("mini.ko.txt")], &dir.path("out.tmx"), &[]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("chrome.en.txt: holds only web chrome"), "{}", stderr(&out));
}

#[test]
fn wrong_language_is_an_error_unless_forced() {
    let dir = Dir::new();
    let english_as_korean = dir.file("x.ko.txt", corpus_text("mini.en.txt"));
    let out = align(&[&english_as_korean, &corpus("mini.es.txt")], &dir.path("out.tmx"), &[]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("x.ko.txt: looks like English, not Korean"), "{}", stderr(&out));

    // A --langs mistake: Spanish given as English.
    let out = align(&[&corpus("mini.es.txt"), &corpus("mini.ko.txt")], &dir.path("out.tmx"), &["--langs", "en,ko"]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("mini.es.txt: looks like Spanish, not English"), "{}", stderr(&out));

    let out = align(
        &[&corpus("mini.es.txt"), &corpus("mini.ko.txt")],
        &dir.path("out.tmx"),
        &["--langs", "en,ko", "--force-langs"],
    );
    assert_exit(&out, 0);
    assert!(dir.path("out.tmx").exists());
}

#[test]
fn output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = Dir::new();
    let en = dir.file("mini.en.txt", corpus_text("mini.en.txt"));
    let out = align(&[&en, &corpus("mini.ko.txt")], &en, &[]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("mini.en.txt: the output file is one of the inputs"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&en).unwrap(), corpus_text("mini.en.txt"));
}

#[test]
fn existing_output_is_untouched_when_a_run_fails() {
    let dir = Dir::new();
    let out_path = dir.file("out.tmx", "previous memory");
    let empty = dir.file("empty.ko.txt", "");
    let out = align(&[&corpus("mini.en.txt"), &empty], &out_path, &[]);
    assert_exit(&out, 1);
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "previous memory");
    // Only the output is in the folder: no temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.0.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "{names:?}");

    // A successful run replaces it whole.
    let out = align(&[&corpus("mini.en.txt"), &corpus("mini.ko.txt")], &out_path, &[]);
    assert_exit(&out, 0);
    assert!(std::fs::read_to_string(&out_path).unwrap().ends_with("</tmx>\n"));
}

#[test]
fn output_in_a_missing_folder_is_an_error() {
    let dir = Dir::new();
    let out = align(&[&corpus("mini.en.txt"), &corpus("mini.ko.txt")], &dir.path("no/such/out.tmx"), &[]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("out.tmx"), "{}", stderr(&out));
}

#[test]
fn missing_input_names_the_file() {
    let dir = Dir::new();
    let out = align(&[&dir.path("gone.en.txt"), &corpus("mini.ko.txt")], &dir.path("out.tmx"), &[]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("gone.en.txt"), "{}", stderr(&out));
}

#[test]
fn too_large_input_is_refused() {
    let dir = Dir::new();
    let big = dir.path("big.en.txt");
    let file = std::fs::File::create(&big).unwrap();
    // Sparse: no disk space used.
    file.set_len(tmalign::MAX_INPUT_BYTES + 1).unwrap();
    let out = align(&[&big, &corpus("mini.ko.txt")], &dir.path("out.tmx"), &[]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("big.en.txt: is larger than 32 MB"), "{}", stderr(&out));
}

#[test]
fn different_releases_give_a_warning() {
    let dir = Dir::new();
    let out = align(
        &[&corpus("eclac-regional-growth-outlook.en.txt"), &corpus("embassy-mexico-gks-scholarship.ko.txt")],
        &dir.path("out.tmx"),
        &[],
    );
    assert_exit(&out, 0);
    assert!(stderr(&out).contains("warning: low alignment confidence"), "{}", stderr(&out));
    let out = align(&[&corpus("mini.en.txt"), &corpus("mini.ko.txt")], &dir.path("out.tmx"), &[]);
    assert_exit(&out, 0);
    assert_eq!(stderr(&out), "");
}

#[test]
fn usage_errors_exit_with_2_and_help_lists_exit_codes() {
    let dir = Dir::new();
    let nameless = dir.file("release.txt", corpus_text("mini.en.txt"));
    let out = align(&[&nameless, &corpus("mini.ko.txt")], &dir.path("out.tmx"), &[]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("release.txt: cannot tell the language"), "{}", stderr(&out));

    let help = tmalign(&[Path::new("--help")]);
    assert_exit(&help, 0);
    let text = String::from_utf8_lossy(&help.stdout);
    for line in ["0  success", "1  error in an input or output file", "2  usage error"] {
        assert!(text.contains(line), "{line} missing from --help: {text}");
    }
}

#[test]
fn segment_reads_like_align() {
    let dir = Dir::new();
    let ko = dir.file("mini.ko.txt", encode(&corpus_text("mini.ko.txt").replace('©', "(c)"), encoding_rs::EUC_KR));
    let out = tmalign(&[Path::new("segment"), &ko]);
    assert_exit(&out, 0);
    assert!(stderr(&out).contains("read as EUC-KR"));
    let english = dir.file("x.es.txt", corpus_text("mini.en.txt"));
    assert_exit(&tmalign(&[Path::new("segment"), &english]), 1);
    assert_exit(&tmalign(&[Path::new("segment"), &english, Path::new("--force-langs")]), 0);
}

#[test]
fn documents_with_too_many_sentences_are_refused() {
    let dir = Dir::new();
    let many = dir.file(
        "many.en.txt",
        "Title of the release\n\n".to_string()
            + &"The delegation met the minister today.\n".repeat(tmalign::MAX_SENTENCES + 1),
    );
    let out = align(&[&many, &corpus("mini.ko.txt")], &dir.path("out.tmx"), &[]);
    assert_exit(&out, 1);
    assert!(
        stderr(&out).contains(&format!(
            "many.en.txt: has {} sentences; tmalign aligns documents of up to {}",
            tmalign::MAX_SENTENCES + 2,
            tmalign::MAX_SENTENCES
        )),
        "{}",
        stderr(&out)
    );
}

/// Inputs the fuzzers found, kept so that they stay fixed (see fuzz/).
#[test]
fn fuzz_regressions_align_and_round_trip() {
    use tmalign::{Document, Lang, MemoryOptions, TranslationMemory};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    for entry in std::fs::read_dir(dir).unwrap() {
        let data = std::fs::read(entry.unwrap().path()).unwrap();
        let Some((&choice, rest)) = data.split_first() else { continue };
        let text = String::from_utf8_lossy(rest);
        let docs: Vec<Document> = text
            .splitn(3, '\u{0}')
            .enumerate()
            .map(|(i, piece)| {
                Document::parse(format!("doc{i}"), Lang::ALL[(usize::from(choice) + i) % 3], piece.to_string())
            })
            .collect();
        let alignment = tmalign::align(&docs);
        let memory = TranslationMemory::from_alignment(&docs, &alignment, &MemoryOptions::default());
        let mut tmx = Vec::new();
        let report = tmalign::write_tmx(&memory, &mut tmx).unwrap();
        // A unit whose only other segment is empty after normalisation is left out, and said so.
        assert_eq!(tmalign::read_tmx(tmx.as_slice()).unwrap().units.len(), report.units_written);
    }
}
