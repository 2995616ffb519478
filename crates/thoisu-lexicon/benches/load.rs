//! Time to parse the embedded lexicon (what the first `Lexicon::get` costs).

use criterion::{criterion_group, criterion_main, Criterion};
use thoisu_lexicon::{Lexicon, EMBEDDED};

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("lexicon");
    g.sample_size(10);
    g.bench_function("parse embedded", |b| {
        b.iter_with_large_drop(|| Lexicon::parse(&EMBEDDED).unwrap())
    });
    g.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
