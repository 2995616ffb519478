//! The thoisu document model: one article and everything the pipeline learns about it.
//!
//! This crate owns the data types that every stage reads and adds to, and their JSON
//! form. It does no text processing itself (apart from the character-class [`shape`]
//! that the JSON form writes beside each token): normalization, sentence splitting and
//! tokenization live in `thoisu-text`, segmentation in `thoisu-segment`, entities in
//! `thoisu-extract`.
//!
//! Two rules hold for every type here:
//!
//! * **Every span is a byte range into the original text** ([`Document::text`]), never
//!   into the normalized text (except a token's `norm`, which says so). Sentences,
//!   tokens and words store no text of their own: their text is the slice of
//!   `doc.text` their span covers, and the JSON form writes it beside the span, so a
//!   reader can always go back to the evidence.
//! * **Data flows one way.** A stage appends to the collections it owns (`sentences`,
//!   `tokens`, `words`, `mentions`, `entities`, …) and reads the ones before it.
//!
//! The JSON form is versioned by [`SCHEMA_VERSION`]; a JSON Schema generated from these
//! types is committed as `docs/document.schema.json` and checked in the tests.
//!
//! ```
//! use thoisu_doc::{Document, Span};
//!
//! let doc = Document::new("demo", "Hà Nội, 13/9.");
//! let span = Span::new(0, 9);
//! assert_eq!(doc.slice(span), Some("Hà Nội"));
//! ```
#![deny(missing_docs)]

mod json;
mod model;
mod offsets;
mod shape;

pub use model::*;
pub use offsets::{OffsetMap, OffsetMapBuilder};
pub use shape::shape;

/// Version of the JSON document format. Bump the major part on breaking changes.
pub const SCHEMA_VERSION: &str = "thoisu.document/1";

/// The JSON Schema of [`Document`], as pretty-printed JSON.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Document);
    let mut out = serde_json::to_string_pretty(&schema).expect("schema serializes");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_and_sync() {
        assert_send_sync::<Document>();
        assert_send_sync::<OffsetMap>();
    }

    #[test]
    fn committed_schema_is_current() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/document.schema.json"
        );
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        let current = json_schema();
        if committed != current {
            if std::env::var_os("THOISU_BLESS").is_some() {
                std::fs::write(path, current).unwrap();
                return;
            }
            panic!(
                "docs/document.schema.json is stale: run `THOISU_BLESS=1 cargo test -p thoisu-doc`"
            );
        }
    }

    #[test]
    fn document_round_trips_through_json() {
        let mut doc = Document::new("x", "Nga và Mỹ.");
        doc.sentences.push(Sentence {
            span: Span::new(0, 12),
            tokens: IndexRange::new(0, 0),
        });
        let json = serde_json::to_string(&doc).unwrap();
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back.sentences, doc.sentences);
        assert_eq!(back.schema, SCHEMA_VERSION);
    }

    #[test]
    fn tokens_and_words_write_their_text_and_read_back() {
        let mut doc = Document::new("x", "“Hoà” và Mỹ");
        doc.normalized = "\"Hòa\" và Mỹ".into();
        // (original, normalized) byte ranges of “ Hoà ” và Mỹ.
        let ranges = [
            ((0, 3), (0, 1)),
            ((3, 7), (1, 5)),
            ((7, 10), (5, 6)),
            ((11, 14), (7, 10)),
            ((15, 19), (11, 15)),
        ];
        for ((a, b), (c, d)) in ranges {
            doc.tokens.push(Token {
                span: Span::new(a, b),
                chars: Span::default(),
                norm: Span::new(c, d),
                kind: TokenKind::Word,
                space_before: false,
            });
        }
        doc.words.push(Word {
            span: Span::new(11, 19),
            tokens: IndexRange::new(3, 5),
        });
        let json = serde_json::to_string(&doc).unwrap();
        assert!(json.contains(r#""text":"Hoà","norm":"Hòa","kind":"word","shape":"Xxx""#));
        assert!(json.contains(r#""text":"”","norm":"\"","kind":"word","shape":"\"""#));
        assert!(json.contains(r#""text":"và Mỹ","tokens""#));
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back, doc);
        assert_eq!(back.tokens[2].norm(&back), "\"");
    }
}
