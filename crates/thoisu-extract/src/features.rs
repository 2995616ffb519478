//! Features of one word in its sentence, hashed to 64-bit keys.
//!
//! A feature is a template number and one to three strings; it is hashed with FNV-1a so
//! that no string is built at prediction time.

/// What the tagger sees of one word.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordView<'a> {
    /// The word, lowercased normalized syllables joined by single spaces.
    pub lower: &'a str,
    /// Character-class shape of the word (see [`shape_into`]).
    pub shape: &'a str,
    /// Gazetteer tag of the word (`B-LOC`, `I-PER`, … as a small code; 0 is none).
    pub gaz: u8,
    /// Whether a person title (`ông`, `Tổng thống`, …) comes right before the word.
    pub after_title: bool,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn mix(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    // A separator so that ("ab","c") and ("a","bc") differ.
    h ^= 0xff;
    h.wrapping_mul(FNV_PRIME)
}

#[inline]
fn key(template: u8, parts: &[&str]) -> u64 {
    let mut h = mix(FNV_OFFSET, &[template]);
    for p in parts {
        h = mix(h, p.as_bytes());
    }
    h
}

const BOS: &str = "<s>";
const EOS: &str = "</s>";

/// Appends the feature keys of word `i` of `words` to `out`.
pub(crate) fn word_features(words: &[WordView<'_>], i: usize, out: &mut Vec<u64>) {
    let at = |j: isize| -> Option<&WordView<'_>> {
        usize::try_from(i as isize + j)
            .ok()
            .and_then(|k| words.get(k))
    };
    let lower = |j: isize| at(j).map_or(if j < 0 { BOS } else { EOS }, |w| w.lower);
    let shape = |j: isize| at(j).map_or(if j < 0 { BOS } else { EOS }, |w| w.shape);
    let w = &words[i];
    let first = w.lower.split(' ').next().unwrap_or("");
    let last = w.lower.rsplit(' ').next().unwrap_or("");
    let initial = if i == 0 { "1" } else { "0" };
    out.push(key(0, &[]));
    out.push(key(1, &[w.lower]));
    out.push(key(2, &[lower(-1)]));
    out.push(key(3, &[lower(1)]));
    out.push(key(4, &[lower(-2)]));
    out.push(key(5, &[lower(2)]));
    out.push(key(6, &[lower(-1), w.lower]));
    out.push(key(7, &[w.lower, lower(1)]));
    out.push(key(8, &[w.shape]));
    out.push(key(9, &[shape(-1), w.shape]));
    out.push(key(10, &[w.shape, shape(1)]));
    out.push(key(11, &[first]));
    out.push(key(12, &[last]));
    out.push(key(13, &[initial, w.shape]));
    out.push(key(14, &[suffix(last, 3)]));
    out.push(key(15, &[shape(-1), w.shape, shape(1)]));
    out.push(key(16, &[lower(-2), lower(-1)]));
    out.push(key(17, &[lower(1), lower(2)]));
    let gaz = |j: isize| at(j).map_or(0, |w| w.gaz);
    out.push(key(18, &[GAZ_NAMES[usize::from(w.gaz)]]));
    out.push(key(
        19,
        &[GAZ_NAMES[usize::from(gaz(-1))], GAZ_NAMES[usize::from(w.gaz)]],
    ));
    out.push(key(
        20,
        &[GAZ_NAMES[usize::from(w.gaz)], GAZ_NAMES[usize::from(gaz(1))]],
    ));
    out.push(key(21, &[if w.after_title { "t" } else { "f" }, w.shape]));
    out.push(key(22, &[GAZ_NAMES[usize::from(w.gaz)], w.shape]));
    out.push(key(23, &[lower(-1), w.shape]));
    out.push(key(24, &[w.shape, lower(1)]));
    out.push(key(25, &[lower(-2), lower(-1), w.shape]));
    out.push(key(26, &[first, w.shape]));
}

/// Names of the gazetteer tag codes, indexed by code.
pub(crate) const GAZ_NAMES: [&str; 7] = ["-", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"];

fn suffix(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[start..]
}

/// Writes the shape of a word into `out`: per syllable `X` (capitalized), `x` (lower),
/// `A` (all capitals, two letters or more), `d` (digits), other characters as themselves;
/// syllables joined by `_`.
pub(crate) fn shape_into(word: &str, out: &mut String) {
    for (n, syl) in word.split(' ').enumerate() {
        if n > 0 {
            out.push('_');
        }
        syllable_shape(syl, out);
    }
}

fn syllable_shape(syl: &str, out: &mut String) {
    let mut letters = 0;
    let mut uppers = 0;
    let mut last: Option<char> = None;
    let start = out.len();
    for c in syl.chars() {
        let class = if c.is_uppercase() {
            uppers += 1;
            letters += 1;
            'X'
        } else if c.is_alphabetic() {
            letters += 1;
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        // Runs collapse to one character, except a capital followed by lowercase.
        if last != Some(class) {
            out.push(class);
        }
        last = Some(class);
    }
    if letters >= 2 && uppers == letters {
        out.truncate(start);
        out.push('A');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(s: &str) -> String {
        let mut out = String::new();
        shape_into(s, &mut out);
        out
    }

    #[test]
    fn shapes_of_names_acronyms_and_numbers() {
        assert_eq!(shape("Hà Nội"), "Xx_Xx");
        assert_eq!(shape("CSTO"), "A");
        assert_eq!(shape("Nagorno-Karabakh"), "Xx-Xx");
        assert_eq!(shape("13/9"), "d/d");
        assert_eq!(shape("đài"), "x");
    }

    #[test]
    fn suffix_counts_characters_not_bytes() {
        assert_eq!(suffix("nguyễn", 3), "yễn");
        assert_eq!(suffix("ab", 3), "ab");
    }

    #[test]
    fn features_differ_by_context() {
        let a = [
            WordView { lower: "ông", shape: "x", gaz: 0, after_title: false },
            WordView { lower: "putin", shape: "Xx", gaz: 0, after_title: true },
        ];
        let b = [
            WordView { lower: "tỉnh", shape: "x", gaz: 0, after_title: false },
            WordView { lower: "putin", shape: "Xx", gaz: 0, after_title: false },
        ];
        let (mut fa, mut fb) = (Vec::new(), Vec::new());
        word_features(&a, 1, &mut fa);
        word_features(&b, 1, &mut fb);
        assert_eq!(fa.len(), fb.len());
        assert_eq!(fa[1], fb[1], "same word, same word feature");
        assert_ne!(fa[2], fb[2], "different previous word");
    }
}
