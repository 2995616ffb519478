//! The character-class shape of a token, which the JSON form of a token carries.

use unicode_normalization::char::is_combining_mark;

/// Character-class shape of a token: `X` upper, `x` lower (and letters without case),
/// `d` digit, any other character as itself; combining marks are skipped.
///
/// Rule: a run of more than two equal classes is cut to two, so the shape tells "one"
/// from "several" without the length: `Nagorno-Karabakh` → `Xxx-Xxx`, `CSTO` → `XX`,
/// `13/9/2022` → `dd/d/dd`, `TP.HCM` → `XX.XX`.
///
/// ```
/// assert_eq!(thoisu_doc::shape("Nagorno-Karabakh"), "Xxx-Xxx");
/// assert_eq!(thoisu_doc::shape("F-16"), "X-dd");
/// ```
pub fn shape(token: &str) -> String {
    let mut out = String::with_capacity(token.len().min(16));
    let mut prev = '\0';
    let mut run = 0;
    for c in token.chars() {
        let class = match c {
            'a'..='z' => 'x',
            'A'..='Z' => 'X',
            '0'..='9' => 'd',
            _ if c.is_ascii() => c,
            // Vietnamese letters without the Unicode tables.
            _ => match latin_case(c) {
                Some(true) => 'X',
                Some(false) => 'x',
                // Case tests are cheap; the full alphabetic test only for caseless scripts.
                None if c.is_lowercase() => 'x',
                None if c.is_uppercase() => 'X',
                None if is_combining_mark(c) => continue,
                None if c.is_alphabetic() => 'x',
                None => c,
            },
        };
        run = if class == prev { run + 1 } else { 1 };
        prev = class;
        if run <= 2 {
            out.push(class);
        }
    }
    out
}

/// Case of a precomposed Latin letter, read from its code point without Unicode tables:
/// `Some(true)` upper case, `Some(false)` lower case, `None` for a character outside the
/// ranges handled here (the caller then asks `char`). Covers Latin-1 letters, the
/// regular pairs of Latin Extended-A, `Ơ ơ Ư ư` and Latin Extended Additional, that is
/// every Vietnamese letter (checked against `char::is_uppercase` by a test).
#[inline]
fn latin_case(c: char) -> Option<bool> {
    let u = c as u32;
    match u {
        0xC0..=0xDE if u != 0xD7 => Some(true),
        0xDF..=0xFF if u != 0xF7 => Some(false),
        // Pairs: upper case at the even code point.
        0x100..=0x137 | 0x14A..=0x177 | 0x1E00..=0x1E95 | 0x1EA0..=0x1EFF => {
            Some(u.is_multiple_of(2))
        }
        0x1A0 | 0x1AF => Some(true),
        0x1A1 | 0x1B0 => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_cut_runs_to_two() {
        assert_eq!(shape("Nga"), "Xxx");
        assert_eq!(shape("CSTO"), "XX");
        assert_eq!(shape("13/9/2022"), "dd/d/dd");
        assert_eq!(shape("TP.HCM"), "XX.XX");
        assert_eq!(shape("2,5"), "d,d");
        assert_eq!(shape("..."), "..");
        assert_eq!(shape("Ủy"), "Xx");
        assert_eq!(shape(""), "");
    }

    #[test]
    fn latin_case_agrees_with_char() {
        for c in (0..0x2000).filter_map(char::from_u32) {
            if let Some(upper) = latin_case(c) {
                assert_eq!(upper, c.is_uppercase(), "{c}");
                assert_eq!(!upper, c.is_lowercase(), "{c}");
            }
        }
        assert!("ĐđƠơƯưẠạỹÀàÝý".chars().all(|c| latin_case(c).is_some()));
    }
}
