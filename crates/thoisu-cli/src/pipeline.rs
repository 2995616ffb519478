//! The analysis pipeline, stage after stage, over one document at a time.

use thoisu_doc::Document;
use thoisu_extract::EntityExtractor;

/// Runs every stage on documents, reusing the stages' buffers from one to the next.
pub struct Pipeline {
    text: thoisu_text::Analyzer,
    entities: EntityExtractor,
}

/// The entity stage with the embedded lexicons and tagger.
pub fn entity_extractor() -> EntityExtractor {
    EntityExtractor::new(thoisu_lexicon::Lexicon::get())
}

impl Pipeline {
    /// A pipeline with the embedded models and lexicons.
    pub fn new() -> Pipeline {
        Pipeline {
            text: thoisu_text::Analyzer::new(),
            entities: entity_extractor(),
        }
    }

    /// Normalizes, splits, tokenizes, segments and extracts entities, in that order.
    pub fn run(&mut self, doc: &mut Document) {
        self.text.analyze(doc);
        thoisu_segment::segment_document(doc);
        self.entities.extract(doc);
    }
}
