//! Generated inputs for whole-process timings, from corpus/ text:
//!
//! - `cargo run --release --example synthetic -- long DIR SENTENCES` writes
//!   DIR/synthetic.{en,ko,es}.txt, one release of about SENTENCES sentences per language;
//! - `cargo run --release --example synthetic -- releases DIR COUNT` writes COUNT releases
//!   DIR/rNNNN.{en,ko,es}.txt, the corpus releases in turn with their numbers varied.

#[path = "../benches/support/generate.rs"]
mod generate;

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count = args.get(2).and_then(|n| n.parse::<usize>().ok());
    match (args.first().map(String::as_str), args.get(1), count) {
        (Some("long"), Some(dir), Some(n)) => generate::write_long(Path::new(dir), n),
        (Some("releases"), Some(dir), Some(n)) => {
            generate::write_releases(Path::new(dir), n);
        }
        _ => {
            eprintln!("usage: synthetic long DIR SENTENCES | synthetic releases DIR COUNT");
            std::process::exit(2);
        }
    }
}
