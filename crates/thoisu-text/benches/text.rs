//! Throughput of normalize + tokenize + split over real news.
//!
//! Reads the first ~4 MB of article texts from `../shared/corpus/baomoi.jsonl.gz`
//! (skipped with a message when absent). Run: `cargo bench -p thoisu-text --bench text`.

use std::hint::black_box;
use std::io::{BufRead, BufReader};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use thoisu_text::{normalize, split_sentences, tokenize};

const SAMPLE_BYTES: usize = 4 << 20;

fn articles() -> Option<Vec<String>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/baomoi.jsonl.gz"
    );
    let Ok(file) = std::fs::File::open(path) else {
        eprintln!("skipped: corpus not found at {path}");
        return None;
    };
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut texts = Vec::new();
    let mut total = 0;
    for line in reader.lines() {
        let Ok(line) = line else { break };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if let Some(text) = value.get("text").and_then(|t| t.as_str()) {
            total += text.len();
            texts.push(text.to_string());
        }
        if total >= SAMPLE_BYTES {
            break;
        }
    }
    Some(texts)
}

fn bench(c: &mut Criterion) {
    let Some(texts) = articles() else { return };
    let bytes: usize = texts.iter().map(String::len).sum();
    let normalized: Vec<String> = texts.iter().map(|t| normalize(t).text).collect();
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    let mut token_count = 0;
    let mut sentence_count = 0;
    for text in &normalized {
        tokenize(text, &mut tokens);
        split_sentences(text, &tokens, &mut sentences);
        token_count += tokens.len();
        sentence_count += sentences.len();
    }
    eprintln!(
        "sample: {} articles, {bytes} bytes, {token_count} tokens, {sentence_count} sentences",
        texts.len()
    );

    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("normalize", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(normalize(black_box(text)));
            }
        })
    });
    group.bench_function("tokenize", |b| {
        b.iter(|| {
            for text in &normalized {
                tokenize(black_box(text), &mut tokens);
            }
        })
    });
    group.bench_function("normalize+tokenize+split", |b| {
        b.iter(|| {
            for text in &texts {
                let n = normalize(black_box(text));
                tokenize(&n.text, &mut tokens);
                split_sentences(&n.text, &tokens, &mut sentences);
                black_box(sentences.len());
            }
        })
    });
    // The whole stage, building the Document's owned tokens and sentences (three
    // strings per token): slower by design; the text is cloned into each Document.
    let mut analyzer = thoisu_text::Analyzer::new();
    group.bench_function("analyze (Document)", |b| {
        b.iter(|| {
            for text in &texts {
                let mut doc = thoisu_doc::Document::new("bench", text.clone());
                analyzer.analyze(&mut doc);
                black_box(doc.tokens.len());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
