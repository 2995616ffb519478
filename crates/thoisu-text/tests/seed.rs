//! The seed article: sentence count, spans, and invariance to input form.
//! Skipped (with a message) when the shared data is absent.

use thoisu_doc::Document;
use unicode_normalization::UnicodeNormalization;

fn seed() -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/000_377a06a6ca70ff8c.txt"
    );
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("skipped: seed article not found at {path}");
            None
        }
    }
}

fn analyzed(text: &str) -> Document {
    let mut doc = Document::new("seed", text);
    thoisu_text::analyze(&mut doc);
    doc
}

/// Rewrites classic tone placement into the new one (`hòa` → `hoà`), the opposite of
/// what the normalizer does, to feed it the other style.
fn to_new_style(text: &str) -> String {
    const PAIRS: [(&str, &str); 8] = [
        ("òa", "oà"),
        ("óa", "oá"),
        ("ỏa", "oả"),
        ("ọa", "oạ"),
        ("úy", "uý"),
        ("ủy", "uỷ"),
        ("ụy", "uỵ"),
        ("ỏe", "oẻ"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'outer: while let Some(c) = rest.chars().next() {
        for (classic, new) in PAIRS {
            if let Some(after) = rest.strip_prefix(classic) {
                let ends_syllable = !after.chars().next().is_some_and(char::is_alphabetic);
                let after_q = out.ends_with(['q', 'Q']);
                if ends_syllable && !after_q {
                    out.push_str(new);
                    rest = after;
                    continue 'outer;
                }
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[test]
fn seed_has_23_sentences_and_exact_spans() {
    let Some(text) = seed() else { return };
    let doc = analyzed(&text);
    for (i, s) in doc.sentences.iter().enumerate() {
        eprintln!(
            "{i:2}: {}",
            s.text(&doc).chars().take(70).collect::<String>()
        );
    }
    assert_eq!(doc.sentences.len(), 23);
    for t in &doc.tokens {
        assert!(doc.slice(t.span).is_some());
        assert_eq!(
            text.chars()
                .skip(t.chars.start)
                .take(t.chars.len())
                .collect::<String>(),
            t.text(&doc)
        );
    }
    for s in &doc.sentences {
        assert!(doc.slice(s.span).is_some());
    }
    // The quotation paragraph is one sentence.
    assert!(doc
        .sentences
        .iter()
        .any(|s| s.text(&doc).starts_with("Chính phủ Armenia") && s.text(&doc).ends_with("”.")));
}

#[test]
fn seed_in_nfd_and_new_tone_style_gives_the_same_analysis() {
    let Some(text) = seed() else { return };
    let reference = analyzed(&text);
    let nfd: String = text.nfd().collect();
    let new_style = to_new_style(&text);
    assert_ne!(
        new_style, text,
        "the converter changed nothing: the test would prove nothing"
    );
    for variant in [nfd, new_style] {
        let doc = analyzed(&variant);
        assert_eq!(doc.normalized, reference.normalized);
        let norms = |d: &Document| -> Vec<String> {
            d.sentences
                .iter()
                .map(|s| {
                    d.tokens[s.tokens.range()]
                        .iter()
                        .map(|t| t.norm(d))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect()
        };
        assert_eq!(norms(&doc), norms(&reference));
        for t in &doc.tokens {
            assert!(doc.slice(t.span).is_some_and(|s| !s.is_empty()));
        }
    }
}
