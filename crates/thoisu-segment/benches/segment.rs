//! Throughput of `segment_line` on real news text: ~2 MB of article paragraphs from
//! `../shared/corpus/baomoi.jsonl.gz`, one thread, words counted in the output.
//! Skipped (with a message) when the shared corpus is absent.

use std::io::{BufRead, BufReader};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use thoisu_segment::{Scratch, Segmenter};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/corpus/baomoi.jsonl.gz"
);
const TARGET_BYTES: usize = 2_000_000;

/// Paragraphs of the first articles, up to about 2 MB.
fn news_paragraphs() -> Option<Vec<String>> {
    let file = std::fs::File::open(CORPUS).ok()?;
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut out = Vec::new();
    let mut bytes = 0;
    for line in reader.lines() {
        let article: serde_json::Value = serde_json::from_str(&line.ok()?).ok()?;
        let text = article
            .get("text")
            .and_then(|t| t.as_str())
            .unwrap_or_default();
        for paragraph in text.lines().map(str::trim).filter(|p| !p.is_empty()) {
            bytes += paragraph.len() + 1;
            out.push(paragraph.to_string());
        }
        if bytes >= TARGET_BYTES {
            break;
        }
    }
    Some(out)
}

fn segment_news(c: &mut Criterion) {
    let Some(paragraphs) = news_paragraphs() else {
        eprintln!("skipped: {CORPUS} not found");
        return;
    };
    let segmenter = Segmenter::embedded();
    let mut scratch = Scratch::default();
    let mut out = String::new();
    let mut words = 0;
    for p in &paragraphs {
        out.clear();
        segmenter.segment_line(p, &mut out, &mut scratch);
        words += out.split(' ').filter(|w| !w.is_empty()).count();
    }
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Elements(words as u64));
    group.sample_size(20);
    group.bench_function("news_2mb_lines", |b| {
        b.iter(|| {
            let mut total = 0;
            for p in &paragraphs {
                out.clear();
                segmenter.segment_line(p, &mut out, &mut scratch);
                total += out.len();
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, segment_news);
criterion_main!(benches);
