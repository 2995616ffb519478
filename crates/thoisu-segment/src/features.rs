//! What the model sees of a token: a syllable id and a character class.
//!
//! Training and prediction share these definitions, so the features a weight was
//! trained on are exactly the ones looked up at prediction time.

use thoisu_doc::TokenKind;

/// Id of a syllable the model has no weights for.
pub const UNKNOWN: u32 = 0;
/// Padding before the first token of a sentence.
pub const BEGIN: u32 = 1;
/// Padding after the last token of a sentence.
pub const END: u32 = 2;
/// Any number: the digits themselves say little about word boundaries.
pub const NUMBER: u32 = 3;
/// Any date or clock time.
pub const DATE: u32 = 4;
/// Any web or email address.
pub const LINK: u32 = 5;
/// First id given to a syllable from the vocabulary.
pub const FIRST_SYLLABLE: u32 = 6;
/// Ids are packed three to a `u64` key, 21 bits each.
pub const MAX_ID: u32 = (1 << 21) - 1;

/// Number of character classes, padding included.
pub const CLASSES: usize = 9;
/// Size of the table indexed by the classes of a window.
pub const CLASS_TABLE: usize = CLASSES * CLASSES * CLASSES * CLASSES;

/// Character class of a token.
pub fn class_of(token: &str, kind: TokenKind) -> u8 {
    match kind {
        TokenKind::Word => word_class(token),
        TokenKind::Acronym => 3,
        TokenKind::Number => 5,
        TokenKind::Date | TokenKind::Time => 6,
        TokenKind::Punct => 7,
        TokenKind::Url | TokenKind::Email | TokenKind::Symbol => 8,
    }
}

/// Padding class (outside the sentence).
pub const PAD_CLASS: u8 = 0;

/// 1 lower, 2 capitalized, 3 all capitals, 4 mixed.
fn word_class(token: &str) -> u8 {
    let mut chars = token.chars();
    let Some(first) = chars.next() else {
        return 1;
    };
    let mut lower = 0;
    let mut upper = 0;
    for c in chars {
        if c.is_lowercase() {
            lower += 1;
        } else if c.is_uppercase() {
            upper += 1;
        }
    }
    match (first.is_uppercase(), lower, upper) {
        (false, _, 0) => 1,
        (true, _, 0) => 2,
        (true, 0, _) => 3,
        _ => 4,
    }
}

/// Id used for a token whose text is not looked up in the vocabulary.
pub fn fixed_id(kind: TokenKind) -> Option<u32> {
    match kind {
        TokenKind::Number => Some(NUMBER),
        TokenKind::Date | TokenKind::Time => Some(DATE),
        TokenKind::Url | TokenKind::Email => Some(LINK),
        _ => None,
    }
}

/// Whether segmentation must split on both sides of a token.
pub fn stands_alone(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::Punct | TokenKind::Url | TokenKind::Email)
}

/// Index into the class table of the classes of a window.
pub fn class_index(c: &[u8]) -> usize {
    ((c[0] as usize * CLASSES + c[1] as usize) * CLASSES + c[2] as usize) * CLASSES + c[3] as usize
}

/// Key of a bigram of ids.
pub fn bigram_key(a: u32, b: u32) -> u64 {
    (a as u64) | (b as u64) << 21
}

/// Key of a trigram of ids.
pub fn trigram_key(a: u32, b: u32, c: u32) -> u64 {
    (a as u64) | (b as u64) << 21 | (c as u64) << 42
}

/// Lowercase form used as the vocabulary key.
pub fn lowercase_into(token: &str, out: &mut String) {
    out.clear();
    if token.is_ascii() {
        out.push_str(token);
        out.make_ascii_lowercase();
    } else {
        out.extend(token.chars().flat_map(char::to_lowercase));
    }
}
