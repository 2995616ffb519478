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

/// Tokens seen on each side of a gap by the syllable n-gram features: the window of gap
/// `g` is tokens `g-1..=g+2`.
pub const SIDE: usize = 2;
/// Tokens in the window of a gap.
pub const SPAN: usize = 2 * SIDE;
/// Padding tokens added on each side of a sentence.
pub const PAD: usize = SIDE - 1;
/// Where the score of gap 0 is in the score buffer (gaps an n-gram sees may lie before it).
pub const OFFSET: usize = SPAN - 1;
/// Longest n-gram with weights (4-grams carry only dictionary weights).
pub const MAX_NGRAM: usize = 4;
/// Per n-gram, its weight for each gap it touches (`width(n)` of them are used).
pub type Weights = [i16; 6];

/// An n-gram at padded position `k` adds its weight `i` to gap `k + shift(n) - i`.
pub const fn shift(n: usize) -> usize {
    if n == 1 {
        0
    } else {
        n - 2
    }
}

/// Number of gaps an n-gram touches: those of its window features, and for a
/// dictionary word the gaps inside it and on both sides.
pub const fn width(n: usize) -> usize {
    if n == 1 {
        SPAN
    } else {
        n + 1
    }
}

/// Number of window positions of an n-gram (its syllable-feature templates).
pub const fn window_positions(n: usize) -> usize {
    SPAN + 1 - n
}

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

/// Class of a word token: 1 lower, 2 capitalized, 3 all capitals, 4 mixed.
pub fn word_class(token: &str) -> u8 {
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

/// Index into the class table of the classes of tokens g-1..=g+2 (`c` starts at token g-1).
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

/// Key of a 4-gram of ids, when every id fits in 16 bits.
pub fn quadgram_key(a: u32, b: u32, c: u32, d: u32) -> Option<u64> {
    let fits = a.max(b).max(c).max(d) < u16::MAX as u32;
    fits.then_some((a as u64) | (b as u64) << 16 | (c as u64) << 32 | (d as u64) << 48)
}

/// Key of an n-gram of ids (n from 2 to 4).
pub fn ngram_key(ids: &[u32]) -> Option<u64> {
    match *ids {
        [a, b] => Some(bigram_key(a, b)),
        [a, b, c] => Some(trigram_key(a, b, c)),
        [a, b, c, d] => quadgram_key(a, b, c, d),
        _ => None,
    }
}

/// The ids packed in an n-gram key.
pub fn unpack_key(n: usize, key: u64) -> Vec<u32> {
    let bits = if n == 4 { 16 } else { 21 };
    let mask = (1u64 << bits) - 1;
    (0..n)
        .map(|i| ((key >> (bits * i)) & mask) as u32)
        .collect()
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
