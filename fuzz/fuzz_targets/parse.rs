//! Bytes to a document: decode (detected and forced), then clean, structure and segment in each
//! language. Checks that every span lies on character boundaries inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tmalign::{Document, Encoding, Lang, decode, decode_with};

fuzz_target!(|data: &[u8]| {
    for encoding in Encoding::ALL {
        let _ = decode_with(data, Some(encoding));
    }
    // Most random bytes are refused by decoding; half of the inputs skip it to reach the parser.
    let text = match data.split_first() {
        Some((mode, rest)) if mode & 1 == 1 => String::from_utf8_lossy(rest).into_owned(),
        _ => match decode(data) {
            Ok((text, _)) => text,
            Err(_) => return,
        },
    };
    let _ = Lang::detect(&text);
    for lang in Lang::ALL {
        let doc = Document::parse("fuzz", lang, text.clone());
        let spans = doc.chrome.iter().chain(doc.blocks.iter().map(|b| &b.span)).chain(doc.sentences.iter().map(|s| &s.span));
        for span in spans {
            assert!(span.start <= span.end && span.end <= doc.text.len());
            assert!(doc.text.get(span.range()).is_some(), "span {span:?} not on char boundaries");
        }
        for (i, sentence) in doc.sentences.iter().enumerate() {
            assert!(sentence.block < doc.blocks.len());
            assert!(!sentence.span.is_empty(), "empty sentence {i}");
            let _ = doc.line_of(sentence.span.start);
        }
    }
});
