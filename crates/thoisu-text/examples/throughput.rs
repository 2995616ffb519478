//! Fixed workload for profiling on a busy machine (`perf stat` gives CPU time):
//! normalize + tokenize + split over the first ~4 MB of `../shared/corpus/baomoi.jsonl.gz`,
//! `ROUNDS` times (default 20). Prints bytes, tokens, sentences and wall-clock MB/s.
//!
//! `cargo run --release -p thoisu-text --example throughput` (`THOISU_CORPUS=path` to
//! read another file of the same format).

use std::io::{BufRead, BufReader};
use std::time::Instant;

use thoisu_text::{normalize, split_sentences, tokenize};

fn main() {
    let default = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/baomoi.jsonl.gz"
    );
    let path = std::env::var("THOISU_CORPUS").unwrap_or_else(|_| default.to_string());
    let Ok(file) = std::fs::File::open(&path) else {
        eprintln!("skipped: corpus not found at {path}");
        return;
    };
    let mut texts = Vec::new();
    let mut bytes = 0;
    for line in BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .map_while(Result::ok)
    {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if let Some(text) = value.get("text").and_then(|t| t.as_str()) {
            bytes += text.len();
            texts.push(text.to_string());
        }
        if bytes >= 4 << 20 {
            break;
        }
    }
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let (mut tokens, mut sentences) = (Vec::new(), Vec::new());
    let (mut token_count, mut sentence_count) = (0, 0);
    let clock = Instant::now();
    for _ in 0..rounds {
        for text in &texts {
            let n = normalize(text);
            tokenize(&n.text, &mut tokens);
            split_sentences(&n.text, &tokens, &mut sentences);
            token_count += tokens.len();
            sentence_count += sentences.len();
        }
    }
    let seconds = clock.elapsed().as_secs_f64();
    println!(
        "{bytes} bytes x {rounds}: {} tokens, {} sentences per round; {:.1} MB/s wall",
        token_count / rounds.max(1),
        sentence_count / rounds.max(1),
        (bytes * rounds) as f64 / seconds / 1e6
    );
}
