//! The whole stage: normalize, tokenize and split a [`Document`].

use std::ops::Range;

use thoisu_doc::{Document, IndexRange, OffsetMap, Sentence, Span, Token};

use crate::{normalize, split_sentences, tokenize, RawToken};

/// Runs normalize + tokenize + split on `doc.text` and fills `doc.normalized`,
/// `doc.offset_map`, `doc.tokens` and `doc.sentences` (replacing what they held).
///
/// Token and sentence spans index the ORIGINAL text; `Token::norm` is the token's span
/// in the normalized text.
///
/// ```
/// let mut doc = thoisu_doc::Document::new("d", "Hoà bình. Nga\u{00A0}và Mỹ…");
/// thoisu_text::analyze(&mut doc);
/// assert_eq!(doc.sentences.len(), 2);
/// assert_eq!(doc.tokens[0].text(&doc), "Hoà");
/// assert_eq!(doc.tokens[0].norm(&doc), "Hòa");
/// ```
pub fn analyze(doc: &mut Document) {
    Analyzer::new().analyze(doc);
}

/// Runs [`analyze`] over many documents, reusing its buffers.
#[derive(Debug, Default)]
pub struct Analyzer {
    raw: Vec<RawToken>,
    sentences: Vec<Range<usize>>,
}

impl Analyzer {
    /// An analyzer with empty buffers.
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    /// Same as [`analyze`], with this analyzer's buffers.
    pub fn analyze(&mut self, doc: &mut Document) {
        let normalized = normalize(&doc.text);
        tokenize(&normalized.text, &mut self.raw);
        split_sentences(&normalized.text, &self.raw, &mut self.sentences);
        build_tokens(&doc.text, &normalized.map, &self.raw, &mut doc.tokens);
        doc.sentences.clear();
        doc.sentences.extend(
            (self.sentences.iter())
                .filter(|r| r.start < r.end && r.end <= doc.tokens.len())
                .map(|r| build_sentence(&doc.tokens, r.clone())),
        );
        doc.normalized = normalized.text;
        doc.offset_map = normalized.map;
    }
}

/// Maps raw tokens of the normalized text to tokens of the original, into `tokens`.
fn build_tokens(original: &str, map: &OffsetMap, raw: &[RawToken], tokens: &mut Vec<Token>) {
    tokens.clear();
    tokens.reserve(raw.len());
    let mut prev_end = 0;
    let mut chars = CharCounter::default();
    for r in raw {
        let span = original_span(original, map, r, prev_end);
        prev_end = span.end;
        let char_start = chars.at(original, span.start);
        let char_end = chars.at(original, span.end);
        tokens.push(Token {
            span,
            chars: Span::new(char_start, char_end),
            norm: Span::new(r.start, r.end),
            kind: r.kind,
            space_before: r.space_before,
        });
    }
}

/// The original span of `r`: on character boundaries, in bounds, never before the
/// previous token's end (the normalizer's rewrites make this hold already; the clamps
/// only guard against a broken map).
fn original_span(original: &str, map: &OffsetMap, r: &RawToken, prev_end: usize) -> Span {
    let mut start = floor_boundary(original, map.to_original_start(r.start)).max(prev_end);
    let mut end = ceil_boundary(original, map.to_original_end(r.end));
    start = start.min(original.len());
    end = end.max(start);
    Span::new(start, end)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Counts characters up to increasing byte offsets without rescanning from the start.
#[derive(Default)]
struct CharCounter {
    byte: usize,
    chars: usize,
}

impl CharCounter {
    fn at(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

fn build_sentence(tokens: &[Token], range: Range<usize>) -> Sentence {
    let start = tokens[range.start].span.start;
    let end = tokens[range.end - 1].span.end.max(start);
    Sentence {
        span: Span::new(start, end),
        tokens: IndexRange::new(range.start, range.end),
    }
}
