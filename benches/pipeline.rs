//! Per-stage benchmarks of the pipeline: on one corpus release, and on a long synthetic release
//! built by repeating corpus text (about 2,000 sentences per language).
//!
//! `cargo bench --bench pipeline` (add `-- --quick` for a short run).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use tmalign::{Document, Lang, MemoryOptions, TranslationMemory, align, decode, sentence_spans, write_tmx};

const RELEASE: &str = "mofa-central-america-vice-ministerial";
const LANGS: [Lang; 3] = [Lang::Ko, Lang::En, Lang::Es];

fn corpus_bytes(release: &str, lang: Lang) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(format!("{release}.{}.txt", lang.code()));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One input: a name and its three files' bytes (ko, en, es).
struct Input {
    name: &'static str,
    bytes: Vec<Vec<u8>>,
}

impl Input {
    fn len(&self) -> u64 {
        self.bytes.iter().map(|b| b.len() as u64).sum()
    }

    fn texts(&self) -> Vec<String> {
        self.bytes.iter().map(|b| decode(b).unwrap().0).collect()
    }

    fn docs(&self) -> Vec<Document> {
        self.texts().into_iter().zip(LANGS).map(|(text, lang)| Document::parse(self.name, lang, text)).collect()
    }
}

/// A long release: the bodies of every corpus release, repeated, under one headline, as
/// numbered paragraphs, so that all three languages stay parallel.
fn synthetic(target_sentences: usize) -> Input {
    let releases = [
        "eclac-regional-growth-outlook",
        "embassy-mexico-gks-scholarship",
        "mofa-caribbean-climate-finance-workshop",
        "mofa-central-america-vice-ministerial",
    ];
    // Gold rows are parallel across languages: cells en, ko, es.
    let mut rows: Vec<[String; 3]> = Vec::new();
    for release in releases {
        let gold = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(format!("{release}.gold.tsv")),
        )
        .unwrap();
        for line in gold.lines().skip(2) {
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.iter().all(|c| !c.is_empty()) {
                rows.push([cells[0].to_string(), cells[1].to_string(), cells[2].to_string()]);
            }
        }
    }
    let column = |lang: Lang| match lang {
        Lang::En => 0,
        Lang::Ko => 1,
        Lang::Es | Lang::Other(_) => 2,
    };
    let bytes = LANGS
        .iter()
        .map(|&lang| {
            let mut text =
                format!("{}\n\n", ["Synthetic release", "합성 보도자료", "Comunicado sintético"][column(lang)]);
            let mut sentences = 0;
            let mut paragraph = 1;
            while sentences < target_sentences {
                for chunk in rows.chunks(3) {
                    let body: Vec<&str> = chunk.iter().map(|row| row[column(lang)].as_str()).collect();
                    text.push_str(&format!("{paragraph}. {}\n\n", body.join(" ")));
                    paragraph += 1;
                    sentences += chunk.len();
                    if sentences >= target_sentences {
                        break;
                    }
                }
            }
            text.into_bytes()
        })
        .collect();
    Input { name: "synthetic", bytes }
}

fn stages(c: &mut Criterion) {
    let inputs =
        [Input { name: RELEASE, bytes: LANGS.iter().map(|&l| corpus_bytes(RELEASE, l)).collect() }, synthetic(2000)];
    for input in &inputs {
        let mut group = c.benchmark_group(input.name);
        group.throughput(Throughput::Bytes(input.len()));
        if input.name == "synthetic" {
            group.sample_size(10);
        }
        group.bench_function(BenchmarkId::from_parameter("decode"), |b| {
            b.iter(|| input.bytes.iter().map(|bytes| decode(black_box(bytes)).unwrap().0.len()).sum::<usize>())
        });
        let texts = input.texts();
        group.bench_function(BenchmarkId::from_parameter("parse"), |b| {
            b.iter(|| {
                texts
                    .iter()
                    .zip(LANGS)
                    .map(|(text, lang)| Document::parse(input.name, lang, black_box(text.clone())).sentences.len())
                    .sum::<usize>()
            })
        });
        // Sentence splitting alone, over the whole text (cleaning is not public API: it is
        // `parse` less this).
        group.bench_function(BenchmarkId::from_parameter("segment"), |b| {
            b.iter(|| {
                texts.iter().zip(LANGS).map(|(text, lang)| sentence_spans(black_box(text), lang).len()).sum::<usize>()
            })
        });
        let docs = input.docs();
        group.bench_function(BenchmarkId::from_parameter("align"), |b| b.iter(|| align(black_box(&docs))));
        let alignment = align(&docs);
        let options = MemoryOptions { creation_date: Some("20250101T120000Z".into()), ..MemoryOptions::default() };
        group.bench_function(BenchmarkId::from_parameter("memory"), |b| {
            b.iter(|| TranslationMemory::from_alignment(black_box(&docs), &alignment, &options).units.len())
        });
        let memory = TranslationMemory::from_alignment(&docs, &alignment, &options);
        group.bench_function(BenchmarkId::from_parameter("tmx"), |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(input.len() as usize * 3);
                write_tmx(black_box(&memory), &mut out).unwrap();
                out.len()
            })
        });
        group.bench_function(BenchmarkId::from_parameter("memory+tmx"), |b| {
            b.iter(|| {
                let memory = TranslationMemory::from_alignment(black_box(&docs), &alignment, &options);
                let mut out = Vec::with_capacity(input.len() as usize * 3);
                write_tmx(&memory, &mut out).unwrap();
                out.len()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
