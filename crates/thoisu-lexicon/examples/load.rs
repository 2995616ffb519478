//! Prints how long the embedded lexicon takes to load and what it holds.
//!
//! `cargo run --release -p thoisu-lexicon --example load [SURFACE...]`

use std::time::Instant;

use thoisu_lexicon::Lexicon;

fn main() {
    let t = Instant::now();
    let lex = Lexicon::get();
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    println!(
        "load: {ms:.1} ms, {} entries, {} aliases, {} office terms, {} templates, {} titles",
        lex.entries().len(),
        lex.aliases().len(),
        lex.offices().len(),
        lex.templates().len(),
        lex.titles().len()
    );
    for surface in std::env::args().skip(1) {
        for a in lex.lookup(&surface) {
            let e = &lex.entries()[a.entry as usize];
            println!(
                "{surface}\t{:?}\t{}\t{}\t{:?}",
                a.form, e.id, e.name, e.country
            );
        }
    }
}
