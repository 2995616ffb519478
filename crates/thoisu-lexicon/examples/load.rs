//! Prints how long the embedded lexicon takes to load and what it holds.
//!
//! `cargo run --release -p thoisu-lexicon --example load [SURFACE...]`
//!
//! Also parses the data five more times and prints the fastest, as the first load
//! competes with whatever else the machine is doing.

use std::time::Instant;

use thoisu_lexicon::{Lexicon, EMBEDDED};

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
    let best = (0..5)
        .map(|_| {
            let t = Instant::now();
            let lex = Lexicon::parse(&EMBEDDED).expect("embedded data parses");
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            drop(lex);
            ms
        })
        .fold(f64::MAX, f64::min);
    println!("parse, fastest of 5: {best:.1} ms");
    for surface in std::env::args().skip(1) {
        for a in lex.lookup(&surface).iter() {
            let e = lex.entry_at(a.entry);
            println!(
                "{surface}\t{:?}\t{}\t{}\t{:?}",
                a.form,
                e.id(),
                e.name(),
                e.country()
            );
        }
    }
}
