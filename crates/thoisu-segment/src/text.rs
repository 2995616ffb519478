//! Normalization and tokenization, exactly as the pipeline does them (`thoisu-text`),
//! so that training, evaluation and prediction see the same tokens.

pub use thoisu_text::{normalize, normalize_text, tokenize, Normalized, RawToken};
