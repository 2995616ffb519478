//! Streams the shared news corpora (skipped when ../shared is absent).

use std::path::PathBuf;
use std::time::Instant;

use thoisu_input::{ErrorKind, Reader};

fn corpus(name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(name);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent", path.display());
        None
    }
}

/// Reads a corpus file document by document and checks the count of articles (lines)
/// and the fields. The reader holds one line at a time, so memory stays flat on the
/// 127 MB file. Records with empty text are errors of kind `Empty` (baomoi has one).
fn stream(name: &str, expected: usize, expected_empty: usize) {
    let Some(path) = corpus(name) else {
        return;
    };
    let started = Instant::now();
    let (mut docs, mut bytes, mut errors) = (0usize, 0usize, Vec::new());
    for item in Reader::new().read(&path) {
        match item {
            Ok(doc) => {
                assert!(!doc.id.is_empty() && !doc.text.trim().is_empty());
                assert!(
                    doc.date.as_deref().is_none_or(|d| d.len() == 10),
                    "{:?}",
                    doc.date
                );
                bytes += doc.text.len();
                docs += 1;
            }
            Err(err) => errors.push((err.kind(), err.to_string())),
        }
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{name}: {docs} documents, {:.1} MB of text in {secs:.2} s ({:.0} MB/s), {} errors",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        errors.len()
    );
    assert_eq!(docs + errors.len(), expected);
    assert_eq!(errors.len(), expected_empty, "{errors:?}");
    assert!(
        errors.iter().all(|(kind, _)| *kind == ErrorKind::Empty),
        "{errors:?}"
    );
}

#[test]
fn streams_baomoi() {
    stream("baomoi.jsonl.gz", 35_425, 1);
}

#[test]
fn streams_dantri() {
    stream("dantri.jsonl.gz", 2_603, 0);
}
