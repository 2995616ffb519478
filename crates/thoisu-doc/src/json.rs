//! The JSON form of a [`Document`].
//!
//! A document keeps the sentences, tokens and words as spans; its JSON form also writes
//! each one's text (and a token's normalized form and shape), so that a reader needs no
//! slicing. Reading JSON back takes the spans and finds each token's normalized form in
//! `normalized`, in order.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{
    shape, Claim, Document, Entity, Event, IndexRange, Mention, OffsetMap, Relation, Sentence,
    Span, Token, TokenKind, Warning, Word,
};

/// One article and everything extracted from it.
#[derive(Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Document")]
struct DocumentJson<'a> {
    /// Format version, always [`SCHEMA_VERSION`] when written by this crate.
    schema: Cow<'a, str>,
    /// Identifier of the article (corpus id, or derived from the file name).
    id: Cow<'a, str>,
    /// Publisher or file the article came from.
    #[serde(default)]
    source: Cow<'a, Option<String>>,
    /// Address of the article, when known.
    #[serde(default)]
    url: Cow<'a, Option<String>>,
    /// Publication date, `YYYY-MM-DD`, when known.
    #[serde(default)]
    date: Cow<'a, Option<String>>,
    /// Headline, when the input has one apart from the text.
    #[serde(default)]
    title: Cow<'a, Option<String>>,
    /// The original text, exactly as read (after decoding to UTF-8). All spans index it.
    text: Cow<'a, str>,
    /// The normalized text used for matching (NFC, one tone placement, plain quotes,
    /// dashes and spaces, invisible characters removed).
    normalized: Cow<'a, str>,
    /// Maps byte offsets of `normalized` back to byte offsets of `text`.
    offset_map: Cow<'a, OffsetMap>,
    /// Sentences, in text order.
    sentences: Vec<SentenceJson<'a>>,
    /// Syllable-level tokens, in text order.
    tokens: Vec<TokenJson<'a>>,
    /// Words: runs of one or more tokens joined by segmentation.
    words: Vec<WordJson<'a>>,
    /// Entity mentions found in the text.
    mentions: Cow<'a, [Mention]>,
    /// Entities the mentions resolve to.
    entities: Cow<'a, [Entity]>,
    /// Events described by the text.
    events: Cow<'a, [Event]>,
    /// Who asserts, denies or rejects what.
    claims: Cow<'a, [Claim]>,
    /// Standing relations between entities.
    relations: Cow<'a, [Relation]>,
    /// Problems noticed along the way that did not stop the analysis.
    warnings: Cow<'a, [Warning]>,
}

/// A sentence (or a headline, caption or other unit of text that stands alone).
#[derive(Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Sentence")]
struct SentenceJson<'a> {
    /// Where the sentence is in the original text.
    span: Span,
    /// The original text of the sentence.
    text: Cow<'a, str>,
    /// Its tokens, as indices into [`Document::tokens`].
    tokens: IndexRange,
}

/// A syllable-level token.
#[derive(Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Token")]
struct TokenJson<'a> {
    /// Byte range in the original text.
    span: Span,
    /// Character range in the original text (Unicode scalar values).
    chars: Span,
    /// The original text of the token.
    text: Cow<'a, str>,
    /// The normalized form (from the normalized text), used for matching.
    norm: Cow<'a, str>,
    /// What the token is made of.
    kind: TokenKind,
    /// Character-class shape: `X` upper, `x` lower, `d` digit, other characters as
    /// themselves, runs longer than two collapsed (`Nagorno-Karabakh` → `Xxx-Xxx`).
    shape: String,
    /// Whether whitespace (or the start of the text) comes right before the token.
    space_before: bool,
}

/// A word: one or more consecutive tokens of one sentence.
#[derive(Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Word")]
struct WordJson<'a> {
    /// Byte range in the original text.
    span: Span,
    /// The original text of the word.
    text: Cow<'a, str>,
    /// Its tokens, as indices into [`Document::tokens`].
    tokens: IndexRange,
}

impl<'a> DocumentJson<'a> {
    fn of(doc: &'a Document) -> DocumentJson<'a> {
        let text = |span: Span| Cow::Borrowed(doc.span_text(span));
        DocumentJson {
            schema: Cow::Borrowed(&doc.schema),
            id: Cow::Borrowed(&doc.id),
            source: Cow::Borrowed(&doc.source),
            url: Cow::Borrowed(&doc.url),
            date: Cow::Borrowed(&doc.date),
            title: Cow::Borrowed(&doc.title),
            text: Cow::Borrowed(&doc.text),
            normalized: Cow::Borrowed(&doc.normalized),
            offset_map: Cow::Borrowed(&doc.offset_map),
            sentences: (doc.sentences.iter())
                .map(|s| SentenceJson {
                    span: s.span,
                    text: text(s.span),
                    tokens: s.tokens,
                })
                .collect(),
            tokens: (doc.tokens.iter())
                .map(|t| TokenJson {
                    span: t.span,
                    chars: t.chars,
                    text: text(t.span),
                    norm: Cow::Borrowed(t.norm(doc)),
                    kind: t.kind,
                    shape: shape(t.norm(doc)),
                    space_before: t.space_before,
                })
                .collect(),
            words: (doc.words.iter())
                .map(|w| WordJson {
                    span: w.span,
                    text: text(w.span),
                    tokens: w.tokens,
                })
                .collect(),
            mentions: Cow::Borrowed(&doc.mentions),
            entities: Cow::Borrowed(&doc.entities),
            events: Cow::Borrowed(&doc.events),
            claims: Cow::Borrowed(&doc.claims),
            relations: Cow::Borrowed(&doc.relations),
            warnings: Cow::Borrowed(&doc.warnings),
        }
    }

    fn into_document(self) -> Document {
        let tokens = norm_spans(&self.normalized, &self.tokens);
        Document {
            schema: self.schema.into_owned(),
            id: self.id.into_owned(),
            source: self.source.into_owned(),
            url: self.url.into_owned(),
            date: self.date.into_owned(),
            title: self.title.into_owned(),
            text: self.text.into_owned(),
            normalized: self.normalized.into_owned(),
            offset_map: self.offset_map.into_owned(),
            sentences: (self.sentences.into_iter())
                .map(|s| Sentence {
                    span: s.span,
                    tokens: s.tokens,
                })
                .collect(),
            tokens,
            words: (self.words.into_iter())
                .map(|w| Word {
                    span: w.span,
                    tokens: w.tokens,
                })
                .collect(),
            mentions: self.mentions.into_owned(),
            entities: self.entities.into_owned(),
            events: self.events.into_owned(),
            claims: self.claims.into_owned(),
            relations: self.relations.into_owned(),
            warnings: self.warnings.into_owned(),
        }
    }
}

/// Tokens whose normalized spans are found by looking for each token's `norm` in
/// `normalized` after the previous one (tokens are in text order); a form that is not
/// there gets an empty span.
fn norm_spans(normalized: &str, tokens: &[TokenJson]) -> Vec<Token> {
    let mut from = 0;
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        let found = normalized.get(from..).and_then(|rest| rest.find(&*t.norm));
        let norm = match found {
            Some(k) => Span::new(from + k, from + k + t.norm.len()),
            None => Span::new(from, from),
        };
        from = norm.end;
        out.push(Token {
            span: t.span,
            chars: t.chars,
            norm,
            kind: t.kind,
            space_before: t.space_before,
        });
    }
    out
}

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        DocumentJson::of(self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Document, D::Error> {
        DocumentJson::deserialize(deserializer).map(DocumentJson::into_document)
    }
}

impl JsonSchema for Document {
    fn schema_name() -> Cow<'static, str> {
        DocumentJson::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        DocumentJson::json_schema(generator)
    }
}
