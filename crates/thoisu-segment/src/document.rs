//! Filling [`Document::words`] from the tokens and sentences of a document.

use thoisu_doc::{Document, IndexRange, Span, Word};

use crate::{Scratch, Segmenter};

/// Fills `doc.words` with the embedded model, from `doc.tokens` and `doc.sentences`.
///
/// Words never cross a sentence, punctuation tokens are words of their own, and tokens
/// outside every sentence become one-token words. Existing words are replaced.
pub fn segment_document(doc: &mut Document) {
    Segmenter::embedded().segment_document(doc, &mut Scratch::default());
}

impl Segmenter {
    /// Fills `doc.words` (see [`segment_document`]) with this model.
    pub fn segment_document(&self, doc: &mut Document, scratch: &mut Scratch) {
        let mut words = Vec::with_capacity(doc.tokens.len());
        let mut joins = Vec::new();
        let mut next = 0;
        for sentence in &doc.sentences {
            let range = clamp(sentence.tokens, doc.tokens.len());
            if range.start < next {
                continue; // overlapping sentences: their tokens already have words
            }
            single_words(doc, next..range.start, &mut words);
            let tokens = &doc.tokens[range.range()];
            self.decide(
                tokens.iter().enumerate().map(|(i, t)| {
                    let spaced = i == 0 || tokens[i - 1].span.end < t.span.start;
                    (t.norm(doc), t.kind, spaced)
                }),
                &mut joins,
                scratch,
            );
            push_words(doc, range.start, &joins, tokens.len(), &mut words);
            next = range.end;
        }
        single_words(doc, next..doc.tokens.len(), &mut words);
        doc.words = words;
    }
}

fn clamp(r: IndexRange, len: usize) -> IndexRange {
    let end = r.end.min(len);
    IndexRange::new(r.start.min(end), end)
}

fn push_words(doc: &Document, first: usize, joins: &[bool], n: usize, out: &mut Vec<Word>) {
    let mut start = 0;
    for i in 0..n {
        if i + 1 == n || !joins.get(i).copied().unwrap_or(false) {
            out.push(word(doc, first + start, first + i + 1));
            start = i + 1;
        }
    }
}

fn single_words(doc: &Document, range: std::ops::Range<usize>, out: &mut Vec<Word>) {
    for i in range {
        out.push(word(doc, i, i + 1));
    }
}

fn word(doc: &Document, first: usize, end: usize) -> Word {
    let span = Span::new(doc.tokens[first].span.start, doc.tokens[end - 1].span.end);
    Word {
        span,
        tokens: IndexRange::new(first, end),
    }
}
