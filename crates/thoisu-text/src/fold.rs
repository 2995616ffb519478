//! Fuzzy keys (`fold`).

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
}
