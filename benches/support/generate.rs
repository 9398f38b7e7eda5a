//! Generated inputs for whole-process timings, made from the text of corpus/ (shared by
//! `benches/batch.rs` and `examples/synthetic.rs`).

use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The names of the corpus releases, sorted.
pub fn corpus_releases() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus())
        .expect("corpus/ is readable")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_string_lossy().strip_suffix(".gold.tsv").map(str::to_string))
        .collect();
    names.sort();
    names
}

/// Every number (run of ASCII digits) of `text` plus `offset`, so generated releases differ.
fn shift_numbers(text: &str, offset: u64) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if !digits.is_empty() {
            match digits.parse::<u64>() {
                Ok(n) if digits.len() < 12 => out.push_str(&(n + offset).to_string()),
                _ => out.push_str(digits),
            }
            digits.clear();
        }
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

/// Writes `count` releases `rNNNN.{en,ko,es}.txt` into `dir`: the corpus releases in turn, with
/// their numbers shifted by the release's number modulo 50 (the same in every language).
/// Returns the bytes written.
pub fn write_releases(dir: &Path, count: usize) -> u64 {
    std::fs::create_dir_all(dir).expect("the output directory can be made");
    let sources: Vec<[String; 3]> = corpus_releases()
        .iter()
        .map(|name| {
            ["en", "ko", "es"].map(|lang| {
                std::fs::read_to_string(corpus().join(format!("{name}.{lang}.txt"))).expect("corpus text is readable")
            })
        })
        .collect();
    let mut bytes = 0;
    for i in 0..count {
        let texts = &sources[i % sources.len()];
        for (lang, text) in ["en", "ko", "es"].iter().zip(texts) {
            let text = shift_numbers(text, (i % 50) as u64);
            bytes += text.len() as u64;
            std::fs::write(dir.join(format!("r{i:04}.{lang}.txt")), text).expect("the file can be written");
        }
    }
    bytes
}

/// Writes `dir/synthetic.{en,ko,es}.txt`: the bodies of the corpus releases (their gold rows,
/// parallel across languages) repeated until about `sentences` rows, three rows per numbered
/// paragraph, numbered from 1 again on each pass (paragraph markers have at most three digits),
/// under one headline.
pub fn write_long(dir: &Path, sentences: usize) {
    let mut rows: Vec<[String; 3]> = Vec::new();
    for name in corpus_releases() {
        let gold = std::fs::read_to_string(corpus().join(format!("{name}.gold.tsv"))).expect("gold is readable");
        for line in gold.lines().skip(2) {
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.len() >= 3 && cells[..3].iter().all(|c| !c.is_empty()) {
                rows.push([cells[0].to_string(), cells[1].to_string(), cells[2].to_string()]);
            }
        }
    }
    std::fs::create_dir_all(dir).expect("the output directory can be made");
    for (column, (lang, title)) in
        [("en", "Synthetic release"), ("ko", "합성 보도자료"), ("es", "Comunicado sintético")].into_iter().enumerate()
    {
        let mut text = format!("{title}\n\n");
        let mut count = 0;
        'outer: loop {
            for (paragraph, chunk) in (1..).zip(rows.chunks(3)) {
                let body: Vec<&str> = chunk.iter().map(|row| row[column].as_str()).collect();
                text.push_str(&format!("{paragraph}. {}\n\n", body.join(" ")));
                count += chunk.len();
                if count >= sentences {
                    break 'outer;
                }
            }
        }
        std::fs::write(dir.join(format!("synthetic.{lang}.txt")), text).expect("the file can be written");
    }
}
