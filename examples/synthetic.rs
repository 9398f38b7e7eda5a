//! Writes a long synthetic release built by repeating corpus/ text, for whole-process timings:
//! `cargo run --release --example synthetic -- DIR SENTENCES` writes DIR/synthetic.{en,ko,es}.txt
//! with about SENTENCES sentences each (counted as corpus gold rows), as numbered paragraphs of
//! three rows, numbered from 1 again on each pass over the corpus text.

use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(count)) = (args.get(1), args.get(2).and_then(|n| n.parse::<usize>().ok())) else {
        eprintln!("usage: synthetic DIR SENTENCES");
        std::process::exit(2);
    };
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    // Gold rows are parallel across languages: cells en, ko, es.
    let mut rows: Vec<[String; 3]> = Vec::new();
    let mut golds: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("corpus/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.tsv"))
        .collect();
    golds.sort();
    for gold in golds {
        let text = std::fs::read_to_string(&gold).expect("gold file is readable");
        for line in text.lines().skip(2) {
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
        let mut sentences = 0;
        'outer: loop {
            // Each pass over the corpus text is numbered anew, as concatenated releases are
            // (paragraph markers have at most three digits).
            for (paragraph, chunk) in (1..).zip(rows.chunks(3)) {
                let body: Vec<&str> = chunk.iter().map(|row| row[column].as_str()).collect();
                text.push_str(&format!("{paragraph}. {}\n\n", body.join(" ")));
                sentences += chunk.len();
                if sentences >= count {
                    break 'outer;
                }
            }
        }
        std::fs::write(Path::new(dir).join(format!("synthetic.{lang}.txt")), text).expect("the file can be written");
    }
}
