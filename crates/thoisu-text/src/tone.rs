//! Classic tone placement: `hoà` → `hòa`, `thuý` → `thúy`, `khoẻ` → `khỏe`.
//!
//! Vietnamese has two spellings for syllables whose nucleus is `oa`, `oe` or `uy` with no
//! final consonant: the tone mark on the second vowel ("new" style) or on the first
//! ("classic" style, used by most news and by the seed). thoisu matches on the classic
//! form, so the new form is rewritten. Syllables with a final consonant (`hoàng`,
//! `quyết`) and `uy` after `q` (`quý`, where `u` belongs to the onset) are the same in
//! both styles and are left alone.

/// Tone marks in the order of the tables below: grave, acute, hook, tilde, dot below.
const SECOND_VOWELS: [(char, [char; 5]); 6] = [
    ('a', ['à', 'á', 'ả', 'ã', 'ạ']),
    ('A', ['À', 'Á', 'Ả', 'Ã', 'Ạ']),
    ('e', ['è', 'é', 'ẻ', 'ẽ', 'ẹ']),
    ('E', ['È', 'É', 'Ẻ', 'Ẽ', 'Ẹ']),
    ('y', ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ']),
    ('Y', ['Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ']),
];

const FIRST_VOWELS: [(char, [char; 5]); 4] = [
    ('o', ['ò', 'ó', 'ỏ', 'õ', 'ọ']),
    ('O', ['Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ']),
    ('u', ['ù', 'ú', 'ủ', 'ũ', 'ụ']),
    ('U', ['Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ']),
];

/// The classic spelling of `word` (a run of NFC letters) when it differs, else `None`.
///
/// Only the end of the run is looked at: the pattern is a syllable ending in `oa`, `oe`
/// or `uy` whose second vowel carries the tone.
pub(crate) fn classic(word: &str) -> Option<String> {
    // Fast exit for almost every word: the byte before the last (non-ASCII) character
    // must be `o` or `u`.
    let bytes = word.as_bytes();
    let last_start = (0..bytes.len())
        .rev()
        .find(|&k| (bytes[k] & 0xC0) != 0x80)?;
    if last_start == 0
        || bytes[last_start] < 0x80
        || !matches!(bytes[last_start - 1], b'o' | b'O' | b'u' | b'U')
    {
        return None;
    }
    let mut rev = word.char_indices().rev();
    let (last_at, last) = rev.next()?;
    let (base, tone) = toned_second_vowel(last)?;
    let (first_at, first) = rev.next()?;
    let pair_ok = match base.to_ascii_lowercase() {
        'a' | 'e' => first.eq_ignore_ascii_case(&'o'),
        _ => first.eq_ignore_ascii_case(&'u'),
    };
    if !pair_ok {
        return None;
    }
    if let Some((_, before)) = rev.next() {
        // `quý`: `u` belongs to the onset. A vowel before: not one of our syllables.
        if before.eq_ignore_ascii_case(&'q') || is_vowel(before) {
            return None;
        }
    }
    let toned_first = FIRST_VOWELS.iter().find(|(b, _)| *b == first)?.1[tone];
    let mut out = String::with_capacity(word.len() + 2);
    out.push_str(&word[..first_at]);
    out.push(toned_first);
    out.push(base);
    debug_assert_eq!(last_at + last.len_utf8(), word.len());
    Some(out)
}

/// `á` → `('a', 1)`: the plain second vowel and the index of its tone.
fn toned_second_vowel(c: char) -> Option<(char, usize)> {
    SECOND_VOWELS
        .iter()
        .find_map(|(base, toned)| toned.iter().position(|&t| t == c).map(|i| (*base, i)))
}

/// Whether `c` is a Vietnamese vowel letter, with or without marks.
fn is_vowel(c: char) -> bool {
    let base = crate::fold::fold_char(c);
    matches!(base, Some('a' | 'e' | 'i' | 'o' | 'u' | 'y'))
}

#[cfg(test)]
mod tests {
    use super::classic;

    #[test]
    fn new_style_becomes_classic() {
        assert_eq!(classic("hoà").as_deref(), Some("hòa"));
        assert_eq!(classic("thuý").as_deref(), Some("thúy"));
        assert_eq!(classic("huỷ").as_deref(), Some("hủy"));
        assert_eq!(classic("khoẻ").as_deref(), Some("khỏe"));
        assert_eq!(classic("Thuỵ").as_deref(), Some("Thụy"));
        assert_eq!(classic("HOÀ").as_deref(), Some("HÒA"));
        assert_eq!(classic("uỷ").as_deref(), Some("ủy"));
    }

    #[test]
    fn final_consonant_onset_q_and_classic_forms_stay() {
        for word in [
            "hoàng", "quyết", "toán", "quý", "Quỳnh", "hòa", "thúy", "khuya", "hoài", "a", "",
        ] {
            assert_eq!(classic(word), None, "{word}");
        }
    }
}
