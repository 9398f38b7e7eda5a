//! Two or three documents cut from the input: parse, align, build the memory, write TMX and read
//! it back. Checks that every sentence of every document is in exactly one unit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tmalign::{Document, Lang, MemoryOptions, TranslationMemory, align, read_tmx, write_tmx};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let pieces: Vec<&str> = text.splitn(3, '\u{0}').collect();
    if pieces.len() < 2 {
        return;
    }
    // Languages: a rotation of en, ko, es chosen by the first byte.
    let docs: Vec<Document> = pieces
        .iter()
        .enumerate()
        .map(|(i, piece)| {
            let lang = Lang::ALL[(usize::from(choice) + i) % 3];
            Document::parse(format!("doc{i}.{lang}.txt"), lang, piece.to_string())
        })
        .collect();
    let alignment = align(&docs);
    for (d, doc) in docs.iter().enumerate() {
        let mut covered = vec![0u32; doc.sentences.len()];
        for unit in &alignment.units {
            assert!((0.0..=1.0).contains(&unit.score), "score {}", unit.score);
            for i in unit.sentences[d].clone() {
                covered[i] += 1;
            }
        }
        assert!(covered.iter().all(|&n| n == 1), "doc {d}: sentences not covered exactly once: {covered:?}");
    }
    let memory = TranslationMemory::from_alignment(&docs, &alignment, &MemoryOptions::default());
    let mut tmx = Vec::new();
    let report = write_tmx(&memory, &mut tmx).expect("writing to a Vec cannot fail");
    let back = read_tmx(tmx.as_slice()).expect("tmalign reads the TMX it writes");
    // The writer leaves out units with fewer than two non-empty variants, and duplicates.
    assert_eq!(back.units.len(), report.units_written);
});
