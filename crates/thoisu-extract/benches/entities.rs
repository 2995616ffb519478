//! Throughput of the entity stage on real news (Dân trí world section), alone and with
//! the stages before it, article by article and as one long document. Skipped when
//! `../shared` is absent.
//!
//! `cargo bench -p thoisu-extract --bench entities`

use std::io::BufRead;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use thoisu_doc::Document;
use thoisu_extract::EntityExtractor;

fn corpus() -> Option<Vec<Document>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dantri.jsonl.gz");
    let file = std::fs::File::open(path).ok()?;
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let mut docs = Vec::new();
    for line in reader.lines().map_while(Result::ok) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let id = v["id"].as_str().unwrap_or_default();
        if id.starts_with("dantri:news_world_") {
            docs.push(Document::new(id, v["text"].as_str().unwrap_or_default()));
        }
    }
    Some(docs)
}

use thoisu_extract::analyze;

fn bench(c: &mut Criterion) {
    let Some(mut docs) = corpus() else {
        eprintln!("../shared/corpus/dantri.jsonl.gz is absent: benchmark skipped");
        return;
    };
    docs.iter_mut().for_each(analyze);
    let words: usize = docs.iter().map(|d| d.words.len()).sum();
    let mut ex = EntityExtractor::new(thoisu_lexicon::Lexicon::get());
    let mut group = c.benchmark_group("dantri_world");
    group.throughput(Throughput::Elements(words as u64));
    group.sample_size(10);
    group.bench_function("entities", |b| {
        b.iter(|| {
            for d in docs.iter_mut() {
                ex.extract(d);
            }
        })
    });
    let raw: Vec<Document> = docs
        .iter()
        .map(|d| Document::new(d.id.clone(), d.text.clone()))
        .collect();
    group.bench_function("text_segment_entities", |b| {
        b.iter(|| {
            for d in &raw {
                let mut d = d.clone();
                analyze(&mut d);
                ex.extract(&mut d);
            }
        })
    });
    // The same words as one document: resolution must stay linear in the length of a
    // document (it was quadratic in acronym and surname lookups).
    let one = Document::new(
        "all",
        raw.iter()
            .map(|d| d.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    group.bench_function("one_document", |b| {
        b.iter(|| {
            let mut d = one.clone();
            analyze(&mut d);
            ex.extract(&mut d);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
