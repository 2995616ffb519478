//! Entities of world news: recognition, resolution and coreference.
//!
//! This crate owns the `entities` stage of thoisu. It reads a [`Document`] whose
//! sentences, tokens and words are filled (by `thoisu_text::analyze` and
//! `thoisu_segment::segment_document`) and fills `doc.mentions`, `doc.entities` and
//! entity warnings. It does not own the lexicon data (`thoisu-lexicon`), tokenization,
//! segmentation, or the command line.
//!
//! How it works, in one pass per sentence and one pass per document:
//!
//! * **Recognition** — gazetteer matching (leftmost-longest over lowercase normalized
//!   syllables; a match must start capitalized and acronyms must be in capitals), a
//!   structured perceptron tagger (Viterbi over BIO tags for PER, LOC and ORG, with
//!   word, shape, context, title and gazetteer features) for names no lexicon has,
//!   templates of national bodies (`Bộ Quốc phòng` + country) and person titles
//!   (`Tổng thống`, `ông`, …), both the lexicon's, and country anaphora (`nước này`,
//!   `hai nước`). The
//!   author's byline at the end of an article ("Thành Đạt" on its own line, before
//!   "Theo Reuters") gives no mentions.
//! * **Resolution** — every mention links to a lexicon entry, a body derived from a
//!   template and a country, or a document-local entity (`local:N`). Places that share a
//!   name are told apart by the countries of the article, then by population;
//!   misspelled names resolve by edit distance with a lower confidence; surnames, titles
//!   (`Thủ tướng Armenia` → the office holder on the article's date) and anaphora link
//!   back within the document.
//!
//! In the product, build one extractor over the embedded lexicon and reuse it:
//! `EntityExtractor::new(thoisu_lexicon::Lexicon::get())`, then
//! [`EntityExtractor::extract`] per document (after [`analyze`]). [`eval_ner`] scores
//! VLSP 2016 files from raw text, [`resolution_report`] counts resolved mentions on a
//! corpus, [`train`] and [`cross_validate`] make and measure the tagger; the `ner`
//! example runs them (see `MODELS.md`, "Entity recognition").
//!
//! A small gazetteer is enough to see the rules at work:
//!
//! ```
//! use thoisu_doc::EntityKind;
//! use thoisu_extract::{document_from_words, EntityExtractor, GazEntry, Gazetteer};
//!
//! let mut ru = GazEntry::new("country:RU", EntityKind::Country, "Russia");
//! ru.aliases = vec!["Nga".into()];
//! ru.country = Some("RU".into());
//! let mut extractor = EntityExtractor::with_gazetteer(Gazetteer::new(vec![ru]));
//!
//! let words = ["Bộ Quốc phòng", "Nga", "cho biết", "quân đội", "nước này", "đã", "rút", "."];
//! let mut doc = document_from_words("demo", &[words.iter().map(|w| w.to_string()).collect()]);
//! extractor.extract(&mut doc);
//! let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
//! assert!(names.contains(&"Russia"));
//! assert!(names.contains(&"Ministry of Defence of Russia"));
//! assert!(names.contains(&"Armed Forces of Russia"));
//! ```
#![deny(missing_docs)]

mod acronym;
mod byline;
mod caps;
mod chars;
mod clusters;
mod conll;
mod eval;
mod fasthash;
mod features;
mod gazetteer;
mod lexicon;
mod packed;
mod recognize;
mod repeat;
mod resolve;
mod rules;
mod sentence;
mod surnames;
mod tagger;
mod train;
mod warnings;

use std::collections::HashMap;

pub use caps::{CapCounter, CapStats};
pub use clusters::{ClusterBuilder, ClusterOptions, Clusters};
pub use conll::{
    bio_spans, detokenize, document_from_words, parse_vlsp, read_brat, read_brat_dir, read_vlsp,
    GoldSentence,
};
pub use eval::{
    eval_ner, eval_sentences, name_spans, resolution_report, NerScores, ResolutionReport,
    Segmentation, TypeScores,
};
pub use gazetteer::{GazEntry, Gazetteer, Office, TitleOffice};
pub use lexicon::gazetteer_from;
pub use train::{analyze, cross_validate, train, TrainOptions, Trained};

use thoisu_doc::{Document, EntityKind};

use crate::rules::{PhraseTable, Template, Title};
use crate::sentence::SentenceBuf;
use crate::tagger::{Buffers, Model};

/// The committed tagger weights (see `MODELS.md`, "Entity recognition").
static MODEL_BYTES: &[u8] = include_bytes!("../../../data/models/ner.bin");

/// Something went wrong reading data or a model.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Error(String);

impl Error {
    fn model(msg: impl Into<String>) -> Error {
        Error(format!("NER model: {}", msg.into()))
    }

    fn io(path: &std::path::Path, e: std::io::Error) -> Error {
        Error(format!("{}: {e}", path.display()))
    }
}

/// Finds, resolves and links the entities of documents. Owns the tagger and the
/// gazetteer index, and reuses its buffers from one document to the next.
#[derive(Debug)]
pub struct EntityExtractor {
    gaz: Gazetteer,
    model: Model,
    titles: PhraseTable<Title>,
    templates: PhraseTable<Template>,
    anaphora: PhraseTable<usize>,
    treaties: PhraseTable<()>,
    /// Country entry by ISO code.
    countries: HashMap<String, u32>,
    buf: SentenceBuf,
    dec: Buffers,
    /// Buffer of the phrase tables' lookups.
    phrase: String,
}

impl EntityExtractor {
    /// An extractor over the lexicon (one that lives as long as the program, as
    /// [`thoisu_lexicon::Lexicon::get`]'s), with the committed tagger.
    pub fn new(lexicon: &'static thoisu_lexicon::Lexicon) -> EntityExtractor {
        EntityExtractor::with_gazetteer(gazetteer_from(lexicon))
    }

    /// An extractor over `gaz`, with the committed tagger (or none, if the committed
    /// weights cannot be read).
    pub fn with_gazetteer(gaz: Gazetteer) -> EntityExtractor {
        let model = Model::from_bytes(MODEL_BYTES).unwrap_or_else(|_| Model::empty());
        EntityExtractor::build(gaz, model)
    }

    /// An extractor over `gaz` with tagger weights read from `bytes` (as written by
    /// [`Trained::to_bytes`]).
    pub fn with_model(gaz: Gazetteer, bytes: &[u8]) -> Result<EntityExtractor, Error> {
        Ok(EntityExtractor::build(gaz, Model::from_bytes(bytes)?))
    }

    fn build(gaz: Gazetteer, model: Model) -> EntityExtractor {
        // A code names its present-day country (`country:RU`), not a historical or
        // self-declared state that shares it.
        let mut countries: HashMap<String, u32> = HashMap::new();
        for (i, e) in gaz.entries().iter().enumerate() {
            let Some(cc) = e.country.as_ref().filter(|_| e.kind == EntityKind::Country) else {
                continue;
            };
            let own = e.id == format!("country:{cc}");
            if own || !countries.contains_key(cc) {
                countries.insert(cc.clone(), i as u32);
            }
        }
        let (titles, templates) = rules::tables(gaz.lexicon());
        EntityExtractor {
            gaz,
            model,
            titles,
            templates,
            anaphora: rules::country_anaphora(),
            treaties: rules::treaty_heads(),
            countries,
            buf: SentenceBuf::predicting(),
            dec: Buffers::default(),
            phrase: String::new(),
        }
    }

    /// Number of feature rows in the tagger (0 when it has none).
    pub fn tagger_size(&self) -> usize {
        self.model.len()
    }

    /// The gazetteer index.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    /// Fills `doc.mentions`, `doc.entities` and entity warnings, replacing any earlier
    /// ones. Reads `doc.sentences`, `doc.tokens`, `doc.words` and `doc.date`.
    pub fn extract(&mut self, doc: &mut Document) {
        doc.mentions.clear();
        doc.entities.clear();
        doc.warnings.retain(|w| w.stage != warnings::STAGE);
        if !consistent(doc) {
            doc.warn(
                warnings::STAGE,
                None,
                "tokens, words or sentences are inconsistent; no entities extracted",
            );
            return;
        }
        let ranges = sentence::sentence_words(doc);
        let mut cands = Vec::new();
        let mut buf = std::mem::take(&mut self.buf);
        for (s, words) in ranges.into_iter().enumerate() {
            buf.fill(doc, s, words, &self.gaz, &self.titles);
            self.buf = buf;
            self.recognize(doc, s, &mut cands);
            buf = std::mem::take(&mut self.buf);
        }
        self.buf = buf;
        let bylines = byline::byline_tokens(doc);
        for c in cands.iter_mut() {
            if bylines.iter().any(|b| c.overlaps(b.start, b.end)) {
                c.drop();
            }
        }
        self.resolve(doc, cands);
        warnings::quoted_country_conflicts(doc);
    }
}

/// Extracts the entities of `doc` with the lexicon and the committed tagger. Builds a
/// new extractor (and its index over the lexicon) each call: to process many
/// documents, keep an [`EntityExtractor`].
pub fn extract_entities(doc: &mut Document, lexicon: &'static thoisu_lexicon::Lexicon) {
    EntityExtractor::new(lexicon).extract(doc);
}

/// Whether the document's indices can be trusted (bad input must not panic).
fn consistent(doc: &Document) -> bool {
    let ntok = doc.tokens.len();
    let tokens_ok = doc
        .tokens
        .iter()
        .all(|t| t.span.start <= t.span.end && doc.text.get(t.span.start..t.span.end).is_some());
    let sentences_ok = doc
        .sentences
        .iter()
        .all(|s| s.tokens.start <= s.tokens.end && s.tokens.end <= ntok);
    let in_sentence = sentence::sentence_words(doc)
        .iter()
        .zip(&doc.sentences)
        .all(|(r, s)| {
            doc.words[r.clone()]
                .iter()
                .all(|w| w.tokens.end <= s.tokens.end)
        });
    let words_ok = in_sentence
        && doc
            .words
            .iter()
            .all(|w| w.tokens.start < w.tokens.end && w.tokens.end <= ntok)
        && doc
            .words
            .windows(2)
            .all(|p| p[0].tokens.end <= p[1].tokens.start);
    tokens_ok && sentences_ok && words_ok
}

#[cfg(test)]
mod tests;
