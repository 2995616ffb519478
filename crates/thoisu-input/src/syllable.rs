//! A rough test of whether a word could be one Vietnamese syllable. It decides between
//! candidate decodings of legacy bytes: the right table turns the high bytes into
//! letters that form syllables, a wrong one into symbols and impossible letter runs.

use unicode_normalization::UnicodeNormalization;

/// Consonant clusters that may begin a syllable, longest first.
const INITIALS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Consonants that may end a syllable.
const FINALS: [&str; 8] = ["ng", "nh", "ch", "c", "m", "n", "p", "t"];

/// Vowel groups (without tone) that may form the middle of a syllable.
const NUCLEI: [&str; 50] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "yêu", "oai", "oay", "uôi", "uya",
    "uyê", "ươi",
];

const VOWELS: &str = "aăâeêioôơuưy";

/// The five tone marks, as combining characters.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Whether `word` (letters only) has the shape of a Vietnamese syllable: an optional
/// initial, a vowel group Vietnamese uses, an optional final, and at most one tone.
pub(crate) fn is_syllable(word: &str) -> bool {
    if word.chars().count() > 7 {
        return false;
    }
    let mut tones = 0;
    let mut bare = String::with_capacity(word.len());
    for c in word.nfd() {
        if TONE_MARKS.contains(&c) {
            tones += 1;
        } else {
            bare.extend(c.to_lowercase());
        }
    }
    if tones > 1 {
        return false;
    }
    let bare: String = bare.nfc().collect();
    INITIALS
        .iter()
        .filter(|i| bare.starts_with(*i))
        .chain(std::iter::once(&""))
        .any(|i| rhyme_ok(&bare[i.len()..]))
}

/// Whether `rest` is a known vowel group followed by an optional final consonant.
fn rhyme_ok(rest: &str) -> bool {
    let split = rest
        .char_indices()
        .find(|(_, c)| !VOWELS.contains(*c))
        .map_or(rest.len(), |(i, _)| i);
    let (nucleus, tail) = rest.split_at(split);
    NUCLEI.contains(&nucleus) && (tail.is_empty() || FINALS.contains(&tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_vietnamese_syllables() {
        for w in [
            "Việt",
            "nghiêng",
            "khuya",
            "gì",
            "đường",
            "quốc",
            "Nga",
            "ở",
            "hoà",
            "giữa",
            "người",
            "khuyến",
        ] {
            assert!(is_syllable(w), "{w}");
        }
    }

    #[test]
    fn rejects_impossible_letter_runs() {
        for w in [
            "ViÖt", "cña", "strength", "nhữngg", "ấá", "Ñaø", "Vieọt", "chaứo",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }
}
