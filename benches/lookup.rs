//! Fuzzy lookup on a synthetic 1,000,000-unit memory built from the corpus' aligned sentences
//! (corpus/*.gold.tsv): each unit splices the start of one sentence onto the end of another
//! (same splice in every language), then replaces its numbers and a few words at random, so
//! units differ as in a real domain memory. The indexes are built once, outside the measurement.
//!
//! `cargo bench --bench lookup` (set `TM_BENCH_UNITS` for another size).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use tmalign::{Header, LookupOptions, TmIndex, TranslationMemory, TranslationUnit, Variant};

/// A small deterministic generator (xorshift64*), enough to vary sentences.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The corpus' aligned sentences: (en, ko, es).
fn corpus() -> Vec<[String; 3]> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let mut rows = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir).expect("corpus/").flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths.into_iter().filter(|p| p.to_string_lossy().ends_with(".gold.tsv")) {
        let text = std::fs::read_to_string(&path).expect("gold TSV");
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
        let col = |name: &str| header.iter().position(|h| *h == name);
        let (Some(en), Some(ko), Some(es)) = (col("en"), col("ko"), col("es")) else { continue };
        for line in lines {
            let cells: Vec<&str> = line.split('\t').collect();
            if let (Some(a), Some(b), Some(c)) = (cells.get(en), cells.get(ko), cells.get(es))
                && !a.is_empty()
                && !b.is_empty()
                && !c.is_empty()
            {
                rows.push([a.to_string(), b.to_string(), c.to_string()]);
            }
        }
    }
    rows
}

/// `a`'s first half of words, then `b`'s second half.
fn splice(a: &str, b: &str) -> Vec<String> {
    let a: Vec<&str> = a.split_whitespace().collect();
    let b: Vec<&str> = b.split_whitespace().collect();
    a[..a.len() / 2].iter().chain(&b[b.len() / 2..]).map(|w| w.to_string()).collect()
}

/// Numbers replaced, and up to three words replaced by words of `vocabulary`.
fn vary(mut words: Vec<String>, vocabulary: &[String], rng: &mut Rng) -> String {
    for w in words.iter_mut() {
        if w.chars().any(|c| c.is_ascii_digit()) {
            let n = rng.below(10_000);
            *w = w.chars().map(|c| if c.is_ascii_digit() { char::from(b'0' + (n % 10) as u8) } else { c }).collect();
            *w = format!("{n}{}", w.trim_start_matches(|c: char| c.is_ascii_digit()));
        }
    }
    for _ in 0..rng.below(4) {
        let i = rng.below(words.len());
        if let Some(w) = words.get_mut(i) {
            *w = vocabulary[rng.below(vocabulary.len())].clone();
        }
    }
    words.join(" ")
}

fn synthetic(rows: &[[String; 3]], units: usize) -> TranslationMemory {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let vocab: Vec<Vec<String>> =
        (0..3).map(|k| rows.iter().flat_map(|r| r[k].split_whitespace().map(str::to_string)).collect()).collect();
    let locales = ["en-US", "ko-KR", "es-ES"];
    let units = (0..units)
        .map(|_| {
            let (a, b) = (rng.below(rows.len()), rng.below(rows.len()));
            let variants = (0..3)
                .map(|k| Variant::new(locales[k], vary(splice(&rows[a][k], &rows[b][k]), &vocab[k], &mut rng)))
                .collect();
            TranslationUnit { variants, ..TranslationUnit::default() }
        })
        .collect();
    TranslationMemory { header: Header::tmalign("en-US", "20250101T000000Z".into()), units }
}

fn bench(c: &mut Criterion) {
    let size = std::env::var("TM_BENCH_UNITS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let rows = corpus();
    let tm = synthetic(&rows, size);
    let options = LookupOptions::default();
    let mut group = c.benchmark_group(format!("lookup_{size}_units"));
    group.sample_size(100);
    for (k, lang) in [(0, "en"), (1, "ko")] {
        let started = std::time::Instant::now();
        let index = TmIndex::new(&tm, lang);
        eprintln!("index {lang}: {size} units in {:.1} s", started.elapsed().as_secs_f64());
        // Queries: the corpus sentences themselves, and each with a word dropped.
        let mut queries: Vec<String> = rows.iter().map(|r| r[k].clone()).collect();
        queries.extend(rows.iter().map(|r| {
            let words: Vec<&str> = r[k].split_whitespace().collect();
            words.iter().skip(1).copied().collect::<Vec<_>>().join(" ")
        }));
        let hits: usize = queries.iter().map(|q| index.lookup(q, &options).len()).sum();
        eprintln!("{lang}: {} queries, {hits} matches >= 70% (limit 10)", queries.len());
        let mut next = 0;
        group.bench_function(lang, |b| {
            b.iter(|| {
                next = (next + 1) % queries.len();
                black_box(index.lookup(black_box(&queries[next]), &options))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
