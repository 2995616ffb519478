//! Fuzzy keys (`fold`) and character-class shapes (`shape`).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lowercases `s` and strips Vietnamese diacritics (`đ` → `d`), for fuzzy keys.
///
/// Works on any input form (NFC or NFD); other scripts are lowercased and lose their
/// combining marks the same way.
///
/// ```
/// assert_eq!(thoisu_text::fold("Liên bang Nga"), "lien bang nga");
/// assert_eq!(thoisu_text::fold("ĐÀ NẴNG"), "da nang");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if c == 'đ' || c == 'Đ' {
            out.push('d');
            continue;
        }
        for d in std::iter::once(c).nfd().filter(|&d| !is_combining_mark(d)) {
            out.extend(d.to_lowercase());
        }
    }
    out
}

/// The folded base letter of one character (`Ấ` → `a`), `None` for a lone mark.
pub(crate) fn fold_char(c: char) -> Option<char> {
    if c == 'đ' || c == 'Đ' {
        return Some('d');
    }
    let base = std::iter::once(c).nfd().next()?;
    if is_combining_mark(base) {
        return None;
    }
    base.to_lowercase().next()
}

/// Character-class shape of a token: `X` upper, `x` lower (and letters without case),
/// `d` digit, any other character as itself; combining marks are skipped.
///
/// Rule: a run of more than two equal classes is cut to two, so the shape tells "one"
/// from "several" without the length: `Nagorno-Karabakh` → `Xxx-Xxx`, `CSTO` → `XX`,
/// `13/9/2022` → `dd/d/dd`, `TP.HCM` → `XX.XX`.
///
/// ```
/// assert_eq!(thoisu_text::shape("Nagorno-Karabakh"), "Xxx-Xxx");
/// assert_eq!(thoisu_text::shape("F-16"), "X-dd");
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
            _ => match crate::chars::latin_case(c) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_strips_marks_in_nfc_and_nfd() {
        assert_eq!(fold("Hồ Chí Minh"), "ho chi minh");
        let nfd: String = "Đắk Lắk".nfd().collect();
        assert_eq!(fold(&nfd), "dak lak");
        assert_eq!(fold("Thổ Nhĩ Kỳ"), "tho nhi ky");
    }

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
}
