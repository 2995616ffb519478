//! Character classes shared by the normalizer and the tokenizer.

use unicode_normalization::char::is_combining_mark;

/// Decodes the character starting at byte `i` of valid UTF-8; returns it and its length.
#[inline]
pub(crate) fn decode(bytes: &[u8], i: usize) -> (char, usize) {
    let b0 = bytes[i] as u32;
    let cont = |k: usize| bytes.get(i + k).map_or(0, |&b| (b & 0x3F) as u32);
    let (code, len) = if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | cont(1), 2)
    } else if b0 < 0xF0 {
        (((b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            ((b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    };
    (char::from_u32(code).unwrap_or('\u{FFFD}'), len)
}

/// Length of the character at `i` when it is an ASCII letter (1) or a precomposed Latin
/// letter (U+00C0 to U+023F without `×` and `÷`, U+1E00 to U+1EFF), read from its first
/// bytes; else 0. Every Vietnamese letter is in these ranges: this is the hot test of
/// both scanners.
#[inline(always)]
pub(crate) fn latin_letter_len(bytes: &[u8], i: usize) -> usize {
    match bytes[i] {
        b'a'..=b'z' | b'A'..=b'Z' => 1,
        0xC4..=0xC8 => 2,
        0xC3 => match bytes.get(i + 1) {
            Some(0x97 | 0xB7) | None => 0,
            Some(_) => 2,
        },
        0xE1 if matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) => 3,
        _ => 0,
    }
}

/// Latin letters from U+00C0 to U+024F and U+1E00 to U+1EFF (every precomposed
/// Vietnamese letter is here): letters, already NFC, never combined with what precedes.
#[inline]
pub(crate) fn is_precomposed_latin(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') && c != '×' && c != '÷'
}

/// A letter or a combining mark: what syllables are made of.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || is_precomposed_latin(c)
        || (c >= '\u{80}' && (c.is_alphabetic() || is_combining_mark(c)))
}

/// ASCII bytes the normalizer does not copy: control characters except `\n`.
#[inline]
pub(crate) fn is_ascii_special(b: u8) -> bool {
    (b < 0x20 && b != b'\n') || b == 0x7F
}

/// ASCII control characters the normalizer removes.
#[inline]
pub(crate) fn is_ascii_invisible(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0B | 0x0C)) || b == 0x7F
}

/// Characters the normalizer removes: controls, zero-width characters, bidi controls,
/// soft hyphen, byte order mark and other invisible format characters.
#[inline]
pub(crate) fn is_invisible(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => is_ascii_invisible(c as u8),
        '\u{80}'..='\u{9F}' => c != '\u{85}',
        '\u{AD}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}' => true,
        _ => false,
    }
}

/// What the normalizer writes for a character outside letter units, when it writes
/// something else than the character itself.
pub(crate) fn replacement(c: char) -> Option<&'static str> {
    if is_invisible(c) {
        return Some("");
    }
    let text = match c {
        '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => "\n",
        '\t' | '\u{0B}' | '\u{0C}' | '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' => " ",
        '\u{202F}' | '\u{205F}' | '\u{3000}' => " ",
        '“' | '”' | '„' | '‟' | '«' | '»' | '〝' | '〞' | '＂' => "\"",
        '‘' | '’' | '‚' | '‛' | '‹' | '›' | '＇' => "'",
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '⸺' | '⸻' | '﹘' | '﹣' | '－' => {
            "-"
        }
        '…' => "...",
        _ => return None,
    };
    Some(text)
}

/// Whitespace as the tokenizer sees it (any Unicode space, line ends included).
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Non-ASCII punctuation (as opposed to symbols) in the ranges news text uses.
pub(crate) fn is_unicode_punct(c: char) -> bool {
    matches!(
        c,
        '¡' | '§' | '«' | '¶' | '·' | '»' | '¿' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}'
            | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{FF01}'..='\u{FF0F}'
    )
}

/// Abbreviations written with a period that usually come before a name or a number, so
/// a period after them does not end a sentence (`TP. Hồ Chí Minh`, `PGS. Nguyễn`).
/// Single capitals (initials: `J. F. Kennedy`) are handled apart. At most 4 bytes each
/// ([`takes_period`] relies on it).
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "TP", "Tp", "TT", "TX", "GS", "PGS", "TS", "ThS", "Ths", "Th", "BS", "Bs", "CK1", "CK2", "CKI",
    "CKII", "KS", "CN", "NXB", "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Lt", "Col",
    "Capt", "Sgt", "Prof", "Rev", "Mt", "tr", "Tr",
];

/// Whether a period after `part` belongs to it: a known abbreviation (`TP`, `PGS`) or a
/// single capital (an initial, `J`, or a one-letter abbreviation, `Q`).
pub(crate) fn takes_period(part: &str) -> bool {
    // Every abbreviation and every single character has at most 4 bytes: most words
    // before a period (the end of a sentence) are rejected without a scan of the list.
    if part.len() > 4 {
        return false;
    }
    let mut chars = part.chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    single_capital || ABBREVIATIONS.contains(&part)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_fit_the_length_test_of_takes_period() {
        assert!(ABBREVIATIONS
            .iter()
            .all(|a| a.len() <= 4 && takes_period(a)));
        assert!(takes_period("Q") && takes_period("Đ") && !takes_period("Nguyễn"));
    }
}
