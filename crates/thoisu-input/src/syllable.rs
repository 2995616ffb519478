//! A test of whether a word could be one Vietnamese syllable. It decides between
//! candidate decodings of legacy bytes: the right table turns the high bytes into
//! letters that form syllables, a wrong one into symbols and impossible letter runs.
//!
//! The rules are those of Vietnamese spelling: an optional initial, a vowel group, an
//! optional final; which vowel groups take which finals; that the stop finals `c ch p t`
//! take only the sắc or nặng tone; and that case does not change inside a syllable.

use unicode_normalization::UnicodeNormalization;

/// Consonant clusters that may begin a syllable, longest first.
const INITIALS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Vowel groups that end a syllable by themselves (they end in a semivowel, or are the
/// open diphthongs `ia ua ưa`): no final consonant may follow.
const CLOSED: [&str; 30] = [
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa",
    "ưi", "ưu", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "uya", "ươi", "ươu", "uyu",
];

/// Vowel groups that need a final consonant.
const NEED_FINAL: [&str; 7] = ["ă", "â", "iê", "yê", "uô", "ươ", "uyê"];

/// Vowel groups that may stand alone or take a final.
const OPEN: [&str; 18] = [
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy", "oă", "uâ", "oo",
    "uơ",
];

/// Vowel groups after which `ch` and `nh` may come.
const BEFORE_CH_NH: [&str; 7] = ["a", "ê", "i", "oa", "uy", "uê", "y"];

/// Vowel groups after which `c` and `ng` may not come.
const NOT_BEFORE_C_NG: [&str; 6] = ["ê", "i", "y", "uy", "ơ", "uê"];

const VOWELS: &str = "aăâeêioôơuưy";

/// The five tone marks, as combining characters.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// The tones a syllable ending in `c ch p t` may carry: sắc and nặng.
const STOP_TONES: [char; 2] = ['\u{301}', '\u{323}'];

/// Whether `word` (letters only) is spelled as a Vietnamese syllable may be.
pub(crate) fn is_syllable(word: &str) -> bool {
    if word.chars().count() > 7 || !case_is_consistent(word) {
        return false;
    }
    let mut tones = Vec::new();
    let mut bare = String::with_capacity(word.len());
    for c in word.nfd() {
        if TONE_MARKS.contains(&c) {
            tones.push(c);
        } else {
            bare.extend(c.to_lowercase());
        }
    }
    if tones.len() > 1 {
        return false;
    }
    let bare: String = bare.nfc().collect();
    let tone = tones.first().copied();
    INITIALS
        .iter()
        .filter(|i| bare.starts_with(*i))
        .chain(std::iter::once(&""))
        .any(|i| rhyme_ok(&bare[i.len()..], tone))
}

/// Lowercase, Capitalized or UPPERCASE: a wrong table puts capitals inside words.
fn case_is_consistent(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return false;
    };
    let rest: Vec<bool> = letters.map(char::is_uppercase).collect();
    rest.iter().all(|&u| !u) || (first.is_uppercase() && rest.iter().all(|&u| u))
}

/// Whether `rest` (after the initial) is a vowel group and a final that go together.
fn rhyme_ok(rest: &str, tone: Option<char>) -> bool {
    let split = rest
        .char_indices()
        .find(|(_, c)| !VOWELS.contains(*c))
        .map_or(rest.len(), |(i, _)| i);
    let (nucleus, fin) = rest.split_at(split);
    if fin.is_empty() {
        return CLOSED.contains(&nucleus) || OPEN.contains(&nucleus);
    }
    if CLOSED.contains(&nucleus) || !(OPEN.contains(&nucleus) || NEED_FINAL.contains(&nucleus)) {
        return false;
    }
    let fits = match fin {
        "m" | "n" | "p" | "t" => true,
        "ch" | "nh" => BEFORE_CH_NH.contains(&nucleus),
        "c" | "ng" => !NOT_BEFORE_C_NG.contains(&nucleus),
        _ => false,
    };
    let stop = matches!(fin, "c" | "ch" | "p" | "t");
    fits && (!stop || tone.is_some_and(|t| STOP_TONES.contains(&t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_vietnamese_syllables() {
        let words = "Việt nghiêng khuya gì đường quốc Nga ở hoà giữa người khuyến NỘI \
            Hà thuyền xoong khoẻ quạ ăn ấm tiếng tích ếch oách nhanh yêu anh thuở khuỷu";
        for w in words.split(' ') {
            assert!(is_syllable(w), "{w}");
        }
    }

    #[test]
    fn rejects_impossible_letter_runs() {
        let words = "ViÖt cña strength nhữngg ấá Ñaø Vieọt chaứo Ngộnh thêt Sịng tiê ă hàt thÊt";
        for w in words.split(' ') {
            assert!(!is_syllable(w), "{w}");
        }
    }
}
