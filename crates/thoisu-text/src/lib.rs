//! Normalization, syllable tokens and sentences for Vietnamese news.
//!
//! This crate owns the first text stage of thoisu: it turns a document's original text
//! into a normalized text (with an [`OffsetMap`](thoisu_doc::OffsetMap) back to the
//! original), syllable-level tokens and sentences. It does not own the document model
//! (`thoisu-doc`), decoding of input bytes (`thoisu-input`), word segmentation
//! (`thoisu-segment`) or anything about entities.
//!
//! ```
//! use thoisu_doc::Document;
//!
//! let mut doc = Document::new("demo", "Hoà bình ở Nagorno-Karabakh?\nNga nói: “Đã xong.”");
//! thoisu_text::analyze(&mut doc);
//! assert_eq!(doc.normalized, "Hòa bình ở Nagorno-Karabakh?\nNga nói: \"Đã xong.\"");
//! assert_eq!(doc.sentences.len(), 2);
//! // Every span points into the original text.
//! let quote = doc.tokens.last().unwrap();
//! assert_eq!(&doc.text[quote.span.start..quote.span.end], "”");
//! assert_eq!(quote.norm(&doc), "\"");
//! ```
//!
//! Design decisions a reader must know:
//!
//! * **Spans are into the original text.** Tokens are found in the normalized text and
//!   mapped back through the offset map. The normalizer rewrites whole runs of letters
//!   (or single characters outside them) and the tokenizer never ends a token inside a
//!   run of letters, so every token maps back to whole original characters.
//! * **One tone placement.** Matching uses the classic placement of most news (`hòa`,
//!   `thúy`, `khỏe`): the new placement (`hoà`, `thuý`, `khoẻ`) is rewritten when the
//!   syllable ends in `oa`, `oe` or `uy` with no final consonant (and `uy` not after `q`).
//! * **Speed.** The three steps scan bytes with ASCII fast paths and allocate nothing
//!   per token; [`Analyzer`] reuses its buffers across documents. Text that needs no
//!   change is copied once with an identity map.
//!
//! Known limit: a combining mark is composed only with a letter before it (NFC would
//! also compose `=` + U+0338 into `≠`; news text does not hold such pairs).
#![deny(missing_docs)]

mod analyze;
mod chars;
mod fold;
mod normalize;
mod sentences;
mod tokenize;
mod tone;

pub use analyze::{analyze, Analyzer};
pub use fold::fold;
pub use normalize::{normalize, normalize_text, Normalized};
pub use sentences::split_sentences;
pub use thoisu_doc::shape;
pub use tokenize::{tokenize, RawToken};

#[cfg(test)]
mod tests {
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_and_sync() {
        assert_send_sync::<crate::Analyzer>();
        assert_send_sync::<crate::Normalized>();
        assert_send_sync::<crate::RawToken>();
    }
}
