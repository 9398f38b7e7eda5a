//! Whole-process benchmark of `tmalign batch` over a generated corpus of 1,000 releases (ko, en,
//! es; the corpus/ releases in turn with their numbers varied), with one thread and with two
//! (`RAYON_NUM_THREADS`), and the ratio of their medians.
//!
//! `cargo bench --bench batch` (it builds the binary; add `-- --quick` for a short run).

// `write_long` is for examples/synthetic.
#[allow(dead_code)]
#[path = "support/generate.rs"]
mod generate;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const RELEASES: usize = 1000;

fn run(bin: &Path, dir: &Path, out: &Path, threads: usize) {
    let status = Command::new(bin)
        .args(["batch", "--quiet", "-o"])
        .arg(out)
        .arg(dir)
        .env("RAYON_NUM_THREADS", threads.to_string())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .status()
        .expect("the tmalign binary runs");
    assert!(status.success(), "tmalign batch failed");
}

fn batch(c: &mut Criterion) {
    let bin = Path::new(env!("CARGO_BIN_EXE_tmalign"));
    let temp = tempfile::TempDir::new().expect("a temporary directory");
    let dir = temp.path().join("releases");
    let bytes = generate::write_releases(&dir, RELEASES);
    let out = temp.path().join("out.tmx");
    let mut group = c.benchmark_group("batch-1000");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    let mut medians = Vec::new();
    for threads in [1, 2] {
        let mut times = Vec::new();
        group.bench_function(BenchmarkId::new("threads", threads), |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                for _ in 0..iters {
                    let one = Instant::now();
                    run(bin, &dir, &out, threads);
                    times.push(one.elapsed());
                }
                start.elapsed()
            })
        });
        times.sort();
        medians.push(times[times.len() / 2]);
    }
    group.finish();
    println!(
        "batch of {RELEASES} releases: median {:.2} s on 1 thread, {:.2} s on 2 threads: {:.2}x",
        medians[0].as_secs_f64(),
        medians[1].as_secs_f64(),
        medians[0].as_secs_f64() / medians[1].as_secs_f64()
    );
}

criterion_group!(benches, batch);
criterion_main!(benches);
