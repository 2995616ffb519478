//! Case and letter classes of characters, fast for the scripts of the news.
//!
//! `char::is_uppercase`, `is_alphabetic` and `to_lowercase` search Unicode tables for
//! every character outside ASCII, and nearly every Vietnamese syllable has one (`ố`,
//! `ư`, `đ`). The extractor asks them of every token, so the answers for Latin-1,
//! Latin Extended-A/B and Latin Extended Additional (where Vietnamese lives) are read
//! once from the standard library into a table; other characters still ask it. The
//! answers are therefore the standard library's, only cached.

use std::sync::OnceLock;

/// The cached block: U+0000..U+0250 and U+1E00..U+1F00.
const LOW_END: u32 = 0x250;
const EXT_START: u32 = 0x1E00;
const EXT_END: u32 = 0x1F00;

const UPPER: u8 = 1;
const ALPHA: u8 = 2;

/// Class bits and single-character lowercase of each cached character.
struct Table {
    class: Vec<u8>,
    /// The lowercase of each character, or `u32::MAX` where it is not one character.
    lower: Vec<u32>,
}

fn index(c: char) -> Option<usize> {
    let u = c as u32;
    if u < LOW_END {
        Some(u as usize)
    } else if (EXT_START..EXT_END).contains(&u) {
        Some((u - EXT_START + LOW_END) as usize)
    } else {
        None
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let chars = (0..LOW_END).chain(EXT_START..EXT_END).map(|u| {
            // Surrogates are outside both ranges, so every code point here is a char.
            char::from_u32(u).unwrap_or('\0')
        });
        let mut class = Vec::new();
        let mut lower = Vec::new();
        for c in chars {
            class.push(std_class(c));
            let mut low = c.to_lowercase();
            lower.push(match (low.next(), low.next()) {
                (Some(l), None) => l as u32,
                _ => u32::MAX,
            });
        }
        Table { class, lower }
    })
}

/// The class bits of a character outside ASCII.
#[inline]
fn class(c: char) -> u8 {
    match index(c) {
        Some(i) => table().class[i],
        None => std_class(c),
    }
}

/// The class bits of `c`, as the standard library answers.
fn std_class(c: char) -> u8 {
    (u8::from(c.is_uppercase()) * UPPER) | (u8::from(c.is_alphabetic()) * ALPHA)
}

/// `c.is_uppercase()`.
#[inline]
pub(crate) fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    class(c) & UPPER != 0
}

/// `c.is_alphabetic()`.
#[inline]
pub(crate) fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    class(c) & ALPHA != 0
}

/// Appends the lowercase of `s` to `out`, as `s.chars().flat_map(char::to_lowercase)`.
pub(crate) fn push_lower(s: &str, out: &mut String) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        return;
    }
    let t = table();
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let one = index(c).map(|i| t.lower[i]).and_then(char::from_u32);
        match one {
            Some(l) => out.push(l),
            None => out.extend(c.to_lowercase()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character of the cached blocks and around them answers as the standard
    /// library does.
    #[test]
    fn cached_answers_are_the_standard_librarys() {
        let ranges = [0..0x300u32, 0x1D00..0x2000, 0x10000..0x10100];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
            let mut ours = String::new();
            push_lower(&c.to_string(), &mut ours);
            assert_eq!(ours, c.to_lowercase().collect::<String>(), "{c:?}");
        }
    }

    #[test]
    fn lowercases_vietnamese_and_the_two_character_cases() {
        let mut out = String::new();
        push_lower("ĐÀ NẴNG İ", &mut out);
        assert_eq!(out, "đà nẵng i\u{307}");
    }
}
