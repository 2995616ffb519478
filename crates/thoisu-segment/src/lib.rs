//! Vietnamese word segmentation: which syllables of a sentence form one word.
//!
//! Vietnamese writes a space between syllables, not between words: `Bộ Quốc phòng` and
//! `lệnh ngừng bắn` are words of three syllables. This crate owns the segmentation
//! model: its features, its training (an averaged perceptron over the gaps between
//! syllables), its file format, its evaluation against gold data, and filling
//! [`Document::words`](thoisu_doc::Document::words). It does not own normalization,
//! tokenization or sentence splitting (that is `thoisu-text`), nor the command line.
//!
//! ```
//! use thoisu_segment::{Scratch, Segmenter};
//!
//! let segmenter = Segmenter::embedded();
//! let mut scratch = Scratch::default();
//! let mut out = String::new();
//! segmenter.segment_line("Bộ Quốc phòng Nga ra thông cáo.", &mut out, &mut scratch);
//! // VLSP 2013 convention: the ministry is `Bộ` + `Quốc_phòng`.
//! assert_eq!(out, "Bộ Quốc_phòng Nga ra thông_cáo .");
//! ```
//!
//! Training ([`train`]) reads gold data (VLSP 2013 underscore format or UD CoNLL-U),
//! normalizes and tokenizes it exactly as the pipeline does, and labels each gap of
//! those tokens from the gold words; [`eval`] scores a model the same way, from raw text.
//! Besides syllable and character-class n-grams and a word list, the model knows what
//! the training data says of each n-gram (how often it occurs, and how often as a word),
//! and it can be adapted to one treebank's conventions (`+adapt`: that file also trains
//! its own copy of some weights, added to the shared ones).
//! The model file, its data and its figures are described in `MODELS.md`.
//!
//! Design, after vaporetto: every feature of a sentence is found in one pass with one
//! hash probe per syllable n-gram, and each n-gram's weights for every gap it can see
//! are stored together, merged when the model is built. Trigrams and 4-grams are probed
//! only after a bigram flagged as starting one (few have weights: most probes would
//! miss, and their tables are larger than the caches). Fixed rules (punctuation
//! stands alone, numbers split by the tokenizer are joined back) override the weights.
//! A [`Scratch`] holds the buffers so that segmenting a stream allocates nothing per
//! sentence. The trained weights are embedded in the library ([`Segmenter::embedded`]).
#![deny(missing_docs)]

mod document;
pub mod eval;
mod features;
mod model;
mod rules;
mod table;
mod text;
mod train;

use std::path::Path;

pub use document::segment_document;
pub use model::{Scratch, Segmenter};
pub use train::{train, EpochReport, TrainOptions, TrainSource};

/// What went wrong loading a model, reading gold data or training.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct Error(#[from] ErrorKind);

#[derive(Debug, thiserror::Error)]
enum ErrorKind {
    #[error("segmentation model: {0}")]
    Model(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

impl Error {
    pub(crate) fn model(what: &str) -> Error {
        Error(ErrorKind::Model(what.to_string()))
    }

    pub(crate) fn io(path: &Path, source: std::io::Error) -> Error {
        Error(ErrorKind::Io {
            path: path.display().to_string(),
            source,
        })
    }
}
