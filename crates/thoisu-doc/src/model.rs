use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{OffsetMap, SCHEMA_VERSION};

/// A half-open byte range `start..end` into a document's original text.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A half-open range `start..end` of indices into one of the document's collections
/// (for example the tokens of a sentence).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct IndexRange {
    /// First index.
    pub start: usize,
    /// One past the last index.
    pub end: usize,
}

impl IndexRange {
    /// A range from `start` to `end`.
    pub fn new(start: usize, end: usize) -> IndexRange {
        IndexRange { start, end }
    }

    /// The range as a `std::ops::Range`, for slicing.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the range holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One article and everything extracted from it.
///
/// Sentences, tokens and words hold spans, not text: their text is read from
/// [`Document::text`] (and a token's normalized form from [`Document::normalized`]) with
/// [`Sentence::text`], [`Token::text`], [`Token::norm`] and [`Word::text`]. The JSON form
/// writes that text out beside each span (see `docs/document-format.md`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// Format version, always [`SCHEMA_VERSION`] when written by this crate.
    pub schema: String,
    /// Identifier of the article (corpus id, or derived from the file name).
    pub id: String,
    /// Publisher or file the article came from.
    pub source: Option<String>,
    /// Address of the article, when known.
    pub url: Option<String>,
    /// Publication date, `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// Headline, when the input has one apart from the text.
    pub title: Option<String>,
    /// The original text, exactly as read (after decoding to UTF-8). All spans index it.
    pub text: String,
    /// The normalized text used for matching (NFC, one tone placement, plain quotes,
    /// dashes and spaces, invisible characters removed).
    pub normalized: String,
    /// Maps byte offsets of `normalized` back to byte offsets of `text`.
    pub offset_map: OffsetMap,
    /// Sentences, in text order.
    pub sentences: Vec<Sentence>,
    /// Syllable-level tokens, in text order.
    pub tokens: Vec<Token>,
    /// Words: runs of one or more tokens joined by segmentation.
    pub words: Vec<Word>,
    /// Entity mentions found in the text.
    pub mentions: Vec<Mention>,
    /// Entities the mentions resolve to.
    pub entities: Vec<Entity>,
    /// Events described by the text.
    pub events: Vec<Event>,
    /// Who asserts, denies or rejects what.
    pub claims: Vec<Claim>,
    /// Standing relations between entities.
    pub relations: Vec<Relation>,
    /// Problems noticed along the way that did not stop the analysis.
    pub warnings: Vec<Warning>,
}

impl Document {
    /// A document with the given id and original text; nothing analysed yet.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            schema: SCHEMA_VERSION.to_string(),
            id: id.into(),
            text: text.into(),
            ..Document::default()
        }
    }

    /// The original text covered by `span`, or `None` when the span is out of bounds or
    /// not on character boundaries.
    pub fn slice(&self, span: Span) -> Option<&str> {
        self.text.get(span.start..span.end)
    }

    /// The original text covered by `span`, empty when the span is out of bounds or not
    /// on character boundaries.
    pub fn span_text(&self, span: Span) -> &str {
        self.slice(span).unwrap_or_default()
    }

    /// The tokens of a sentence.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.tokens.range()]
    }

    /// Adds a warning from `stage`.
    pub fn warn(&mut self, stage: &str, span: Option<Span>, message: impl Into<String>) {
        self.warnings.push(Warning {
            stage: stage.to_string(),
            span,
            message: message.into(),
        });
    }
}

/// A sentence (or a headline, caption or other unit of text that stands alone).
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    /// Where the sentence is in the original text.
    pub span: Span,
    /// Its tokens, as indices into [`Document::tokens`].
    pub tokens: IndexRange,
}

impl Sentence {
    /// The original text of the sentence.
    pub fn text<'d>(&self, doc: &'d Document) -> &'d str {
        doc.span_text(self.span)
    }
}

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// A syllable or word of letters (may hold inner hyphens or apostrophes).
    Word,
    /// An acronym or abbreviation: `CSTO`, `TP.HCM`, `PGS.TS`.
    Acronym,
    /// A number: `44`, `2,5`, `1.000`.
    Number,
    /// A date written with digits: `13/9`, `13/9/2022`, `2022-09-13`.
    Date,
    /// A clock time written with digits: `2:30`, `2h30`.
    Time,
    /// A web address.
    Url,
    /// An email address.
    Email,
    /// Punctuation.
    Punct,
    /// Any other symbol (`%`, `$`, `°`, …).
    Symbol,
}

/// A syllable-level token.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// Byte range in the original text.
    pub span: Span,
    /// Character range in the original text (Unicode scalar values).
    pub chars: Span,
    /// Byte range of the normalized form in [`Document::normalized`], used for matching.
    pub norm: Span,
    /// What the token is made of.
    pub kind: TokenKind,
    /// Whether whitespace (or the start of the text) comes right before the token.
    pub space_before: bool,
}

impl Token {
    /// The original text of the token.
    pub fn text<'d>(&self, doc: &'d Document) -> &'d str {
        doc.span_text(self.span)
    }

    /// The normalized form of the token (empty when its span does not fit
    /// [`Document::normalized`]).
    pub fn norm<'d>(&self, doc: &'d Document) -> &'d str {
        doc.normalized
            .get(self.norm.start..self.norm.end)
            .unwrap_or_default()
    }
}

/// A word: one or more consecutive tokens of one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    /// Byte range in the original text.
    pub span: Span,
    /// Its tokens, as indices into [`Document::tokens`].
    pub tokens: IndexRange,
}

impl Word {
    /// The original text of the word.
    pub fn text<'d>(&self, doc: &'d Document) -> &'d str {
        doc.span_text(self.span)
    }
}

/// The kind of an entity.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A country or territory, present or historical.
    Country,
    /// A populated place or other point on a map.
    Place,
    /// A named region: disputed, historical or geographic.
    Region,
    /// An organization (government body, international body, company, party, media).
    Organization,
    /// An armed force or armed group.
    ArmedGroup,
    /// A treaty or agreement.
    Treaty,
    /// Something named that fits no other kind.
    Other,
}

/// Where a point is on Earth, in WGS 84 degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Coordinates {
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east.
    pub lon: f64,
}

/// A mention of an entity in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Mention {
    /// Byte range in the original text.
    pub span: Span,
    /// The original text of the mention.
    pub text: String,
    /// The kind of entity mentioned.
    pub kind: EntityKind,
    /// The entity it resolves to, as an index into [`Document::entities`].
    pub entity: Option<usize>,
    /// A title or role the mention carries (`Tổng thống`, `Thủ tướng`, …), if any.
    #[serde(default)]
    pub role: Option<String>,
    /// How the mention was found: `gazetteer`, `tagger`, `title`, `coreference`, `fuzzy`, ….
    pub method: String,
    /// Confidence in the mention and its link, 0 to 1.
    pub confidence: f32,
}

/// An entity: the one thing several mentions refer to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entity {
    /// Stable identifier: a lexicon id (`country:AM`, `geonames:616052`, `org:csto`, …)
    /// for a canonical entity, or `local:N` for one known only in this document.
    pub id: String,
    /// What kind of entity it is.
    pub kind: EntityKind,
    /// Canonical (international) name.
    pub name: String,
    /// Vietnamese name, when known.
    #[serde(default)]
    pub name_vi: Option<String>,
    /// Whether the entity comes from a lexicon (true) or only from this document.
    pub canonical: bool,
    /// ISO 3166-1 alpha-2 code of the entity's country (or of the country itself).
    #[serde(default)]
    pub country: Option<String>,
    /// Wikidata id (`Q399`), when known.
    #[serde(default)]
    pub wikidata: Option<String>,
    /// GeoNames id, when the entity is a place in GeoNames.
    #[serde(default)]
    pub geonames: Option<u64>,
    /// Where it is, for places.
    #[serde(default)]
    pub coordinates: Option<Coordinates>,
    /// Role or office (for a person: `Prime Minister of Armenia`; for an organization:
    /// its type, such as `defence ministry`).
    #[serde(default)]
    pub role: Option<String>,
    /// Its mentions, as indices into [`Document::mentions`].
    pub mentions: Vec<usize>,
}

/// An event: who did what to whom, where and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// Event type, a PLOVER name (`ASSAULT`, `CONSULT`, …).
    pub event_type: String,
    /// The words that express the event.
    pub trigger: Span,
    /// Text of the trigger.
    pub text: String,
    /// Participants and circumstances.
    pub arguments: Vec<Argument>,
}

/// A participant or circumstance of an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Argument {
    /// Role in the event (`actor`, `target`, `place`, `time`, …).
    pub role: String,
    /// Where the argument is in the text.
    pub span: Span,
    /// The entity it refers to, as an index into [`Document::entities`].
    #[serde(default)]
    pub entity: Option<usize>,
}

/// How a source stands towards what it says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// The source says it happened.
    Asserted,
    /// The source says it did not happen.
    Denied,
    /// The source refuses or rejects it.
    Rejected,
    /// The source plans or has decided it, but it has not happened.
    Planned,
}

/// A claim: a source's stance towards an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Claim {
    /// The event claimed, as an index into [`Document::events`].
    pub event: usize,
    /// Who says so, as an index into [`Document::entities`] (`None`: the article itself).
    #[serde(default)]
    pub source: Option<usize>,
    /// Their stance.
    pub stance: Stance,
    /// The words that carry the claim (`tuyên bố`, `bác bỏ`, `theo …`).
    pub span: Span,
}

/// A standing relation between two entities (membership, alliance, treaty, territory).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Relation {
    /// Relation type (`member_of`, `party_to`, `part_of`, …).
    pub relation: String,
    /// Subject entity index.
    pub subject: usize,
    /// Object entity index.
    pub object: usize,
    /// Evidence in the text.
    pub span: Span,
}

/// A problem that did not stop the analysis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    /// The stage that noticed it (`input`, `normalize`, `entities`, …).
    pub stage: String,
    /// Where, when it concerns a part of the text.
    #[serde(default)]
    pub span: Option<Span>,
    /// What, in one sentence.
    pub message: String,
}
