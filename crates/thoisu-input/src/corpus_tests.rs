//! Checks on real articles from ../shared (skipped when it is absent): every article
//! encoded in each legacy encoding is detected and converted back, and the articles as
//! they are (UTF-8) are read without any conversion.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;

use flate2::read::MultiGzDecoder;
use unicode_normalization::UnicodeNormalization;

use crate::legacy::{detect, encode, Legacy, Verdict};
use crate::Reader;

/// Up to `limit` article texts of a corpus file, or `None` when it is absent.
fn articles(name: &str, limit: usize) -> Option<Vec<String>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(name);
    let Ok(file) = std::fs::File::open(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return None;
    };
    let lines = BufReader::new(MultiGzDecoder::new(file)).lines();
    let texts = lines
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .filter_map(|v| v.get("text")?.as_str().map(str::to_string))
        .filter(|t| !t.trim().is_empty())
        .take(limit)
        .collect();
    Some(texts)
}

/// The text with each character `encoding` cannot spell (curly quotes, dashes, …)
/// replaced by `?`.
fn spellable(encoding: Legacy, text: &str) -> String {
    text.nfc()
        .map(|c| {
            if encode(encoding, c.encode_utf8(&mut [0; 4])).is_some() {
                c
            } else {
                '?'
            }
        })
        .collect()
}

/// The words of `text` that fit in its first `chars` characters.
fn whole_words(text: &str, chars: usize) -> String {
    let mut out = String::new();
    for word in text.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > chars {
            break;
        }
        out.push_str(word);
        out.push(' ');
    }
    if out.is_empty() {
        return text.chars().take(chars).collect();
    }
    out.pop();
    out
}

/// How many of `texts` (cut to `chars` characters) are detected as `encoding` and
/// converted back exactly, of how many are not valid UTF-8 once encoded.
fn detection_rate(encoding: Legacy, texts: &[String], chars: usize) -> (usize, usize) {
    let (mut tried, mut right) = (0, 0);
    for text in texts {
        let cut = whole_words(text, chars);
        let expected = spellable(encoding, &cut);
        let bytes = encode(encoding, &expected).expect("spellable");
        if std::str::from_utf8(&bytes).is_err() {
            tried += 1;
            right += usize::from(detect(&bytes) == Verdict::Sure(encoding, expected));
        }
    }
    (right, tried)
}

#[test]
fn legacy_encodings_of_real_articles_are_detected() {
    let Some(texts) = articles("dantri.jsonl.gz", 1000) else {
        return;
    };
    for encoding in Legacy::ALL {
        let (right, tried) = detection_rate(encoding, &texts, usize::MAX);
        let (short_right, short_tried) = detection_rate(encoding, &texts, 60);
        eprintln!(
            "{}: whole articles {right} of {tried}, first 60 characters {short_right} of {short_tried}",
            encoding.name()
        );
        assert!(tried >= 900, "{encoding:?}: only {tried} articles");
        assert!(
            right * 1000 >= tried * 995,
            "{encoding:?}: {right} of {tried}"
        );
    }
}

#[test]
fn short_text_is_never_converted_wrongly() {
    let Some(texts) = articles("dantri.jsonl.gz", 1000) else {
        return;
    };
    for encoding in Legacy::ALL {
        for text in &texts {
            let cut = whole_words(text, 40);
            let expected = spellable(encoding, &cut);
            let bytes = encode(encoding, &expected).expect("spellable");
            if let Verdict::Sure(_, got) = detect(&bytes) {
                assert_eq!(got, expected, "{encoding:?}");
            }
        }
    }
}

#[test]
fn real_utf8_articles_are_read_unchanged() {
    let Some(texts) = articles("baomoi.jsonl.gz", 5000) else {
        return;
    };
    let reader = Reader::new();
    let mut changed = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let doc = reader
            .read_bytes("a.txt", text.as_bytes())
            .expect("readable");
        if doc.text != *text || !doc.warnings.is_empty() {
            changed.push((i, doc.warnings.first().map(|w| w.message.clone())));
        }
    }
    eprintln!(
        "{} of {} articles changed on reading",
        changed.len(),
        texts.len()
    );
    assert!(changed.is_empty(), "{changed:?}");
}
