//! Reads the paths given (directories expanded) and prints one line per document:
//! id, characters, title and warnings; errors go to stderr. Ends with a count.
//!
//! `cargo run --release -p thoisu-input --example read -- FILE_OR_DIR... [--max-bytes N]`

use std::path::PathBuf;
use std::time::Instant;

use thoisu_input::{expand, Reader};

fn main() {
    let mut reader = Reader::new();
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--max-bytes" {
            let n = args.next().and_then(|n| n.parse().ok()).unwrap_or(u64::MAX);
            reader.max_bytes(n);
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    let started = Instant::now();
    let (mut docs, mut errors, mut bytes) = (0usize, 0usize, 0usize);
    for path in expand(&paths) {
        for item in reader.read(&path) {
            match item {
                Ok(doc) => {
                    docs += 1;
                    bytes += doc.text.len();
                    let warnings: Vec<&str> =
                        doc.warnings.iter().map(|w| w.message.as_str()).collect();
                    let title = doc.title.as_deref().unwrap_or("");
                    println!(
                        "{}\t{}\t{}\t{}",
                        doc.id,
                        doc.text.chars().count(),
                        title,
                        warnings.join("; ")
                    );
                }
                Err(err) => {
                    errors += 1;
                    eprintln!("error: {err}");
                }
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{docs} documents, {errors} errors, {:.1} MB of text in {secs:.2} s",
        bytes as f64 / 1e6
    );
}
