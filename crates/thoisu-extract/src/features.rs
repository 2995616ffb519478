//! Features of one word in its sentence, hashed to 64-bit keys.
//!
//! A feature is a template number and one to three strings. Each string of a word is
//! hashed once (FNV-1a) when the word's view is built; a feature key combines the
//! template with those hashes, so no string is built or rehashed per feature.

use crate::clusters::prefix;

/// What the tagger sees of one word: hashes of its parts.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordView {
    lower: u64,
    shape: u64,
    first: u64,
    last: u64,
    suffix: u64,
    /// Gazetteer tag of the word (`B-LOC`, `I-PER`, … as a small code; 0 is none).
    gaz: u8,
    /// Whether a person title (`ông`, `Tổng thống`, …) comes right before the word.
    after_title: bool,
    /// Capitalization buckets of the first and last syllables (see `caps`).
    caps: (u8, u8),
    /// Whether the word starts with a capital.
    upper: bool,
    /// Cluster paths of the word and of its first and last syllables (see `clusters`).
    clusters: [u16; 3],
    /// Whether the word is a noun that heads organization names (`công ty`, `bộ`, …).
    org_head: bool,
}

impl WordView {
    /// The view of a word given as lowercase syllables joined by single spaces, and its
    /// shape (see [`shape_into`]).
    pub(crate) fn new(
        lower: &str,
        shape: &str,
        gaz: u8,
        after_title: bool,
        caps: (u8, u8),
        clusters: [u16; 3],
    ) -> WordView {
        let (first, last) = (first_syllable(lower), last_syllable(lower));
        let lower_hash = hash(lower);
        // Most words are one syllable: its first and last syllables are the word.
        let one = first.len() == lower.len();
        WordView {
            lower: lower_hash,
            shape: hash(shape),
            first: if one { lower_hash } else { hash(first) },
            last: if one { lower_hash } else { hash(last) },
            suffix: hash(suffix(last, 3)),
            gaz,
            after_title,
            caps,
            upper: shape.starts_with(['X', 'A']),
            clusters,
            org_head: org_heads().binary_search(&lower_hash).is_ok(),
        }
    }
}

/// Nouns that head organization names in Vietnamese news: ministries, committees,
/// companies, schools, banks, parties, units of the army and of the state.
const ORG_HEADS: &[&str] = &[
    "ban",
    "báo",
    "bệnh viện",
    "bộ",
    "bưu điện",
    "câu lạc bộ",
    "chi cục",
    "clb",
    "công ty",
    "cục",
    "đài",
    "đại học",
    "đại sứ quán",
    "đảng",
    "đh",
    "đoàn",
    "hãng",
    "hiệp hội",
    "học viện",
    "hội",
    "hội đồng",
    "huyện uỷ",
    "huyện ủy",
    "liên đoàn",
    "liên hiệp",
    "lữ đoàn",
    "mặt trận",
    "ngân hàng",
    "nhà máy",
    "nhà xuất bản",
    "nxb",
    "quỹ",
    "sở",
    "sư đoàn",
    "tạp chí",
    "tập đoàn",
    "thành uỷ",
    "thành ủy",
    "tỉnh uỷ",
    "tỉnh ủy",
    "tiểu đoàn",
    "toà án",
    "tòa án",
    "tổ chức",
    "tổng cục",
    "tổng công ty",
    "trung đoàn",
    "trung tâm",
    "trường",
    "ubnd",
    "uỷ ban",
    "ủy ban",
    "viện",
    "văn phòng",
    "xí nghiệp",
];

/// Hashes of [`ORG_HEADS`], sorted.
fn org_heads() -> &'static [u64] {
    static HEADS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    HEADS.get_or_init(|| {
        let mut v: Vec<u64> = ORG_HEADS.iter().map(|w| hash(w)).collect();
        v.sort_unstable();
        v
    })
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
pub(crate) fn hash(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

#[inline]
fn key(template: u8, parts: &[u64]) -> u64 {
    let mut h = (u64::from(template) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for &p in parts {
        h = (h.rotate_left(23) ^ p).wrapping_mul(0x2545_F491_4F6C_DD1D);
    }
    h ^ (h >> 31)
}

const BOS: u64 = 0x1b0e_5eed;
const EOS: u64 = 0x2e0e_5eed;

fn gaz_hash(code: u8) -> u64 {
    0x6a2_0000 + u64::from(code)
}

/// Appends the feature keys of word `i` of `words` to `out`.
pub(crate) fn word_features(words: &[WordView], i: usize, out: &mut Vec<u64>) {
    let at = |j: isize| -> Option<&WordView> {
        usize::try_from(i as isize + j)
            .ok()
            .and_then(|k| words.get(k))
    };
    let edge = |j: isize| if j < 0 { BOS } else { EOS };
    let lower = |j: isize| at(j).map_or(edge(j), |w| w.lower);
    let shape = |j: isize| at(j).map_or(edge(j), |w| w.shape);
    let gaz = |j: isize| at(j).map_or(gaz_hash(0), |w| gaz_hash(w.gaz));
    let w = &words[i];
    let initial = u64::from(i == 0);
    let g = gaz_hash(w.gaz);
    out.extend_from_slice(&[
        key(0, &[]),
        key(1, &[w.lower]),
        key(2, &[lower(-1)]),
        key(3, &[lower(1)]),
        key(4, &[lower(-2)]),
        key(5, &[lower(2)]),
        key(6, &[lower(-1), w.lower]),
        key(7, &[w.lower, lower(1)]),
        key(8, &[w.shape]),
        key(9, &[shape(-1), w.shape]),
        key(10, &[w.shape, shape(1)]),
        key(11, &[w.first]),
        key(12, &[w.last]),
        key(13, &[initial, w.shape]),
        key(14, &[w.suffix]),
        key(15, &[shape(-1), w.shape, shape(1)]),
        key(16, &[lower(-2), lower(-1)]),
        key(17, &[lower(1), lower(2)]),
        key(18, &[g]),
        key(19, &[gaz(-1), g]),
        key(20, &[g, gaz(1)]),
        key(21, &[u64::from(w.after_title), w.shape]),
        key(22, &[g, w.shape]),
        key(23, &[lower(-1), w.shape]),
        key(24, &[w.shape, lower(1)]),
        key(25, &[lower(-2), lower(-1), w.shape]),
        key(26, &[w.first, w.shape]),
        key(27, &[u64::from(w.caps.0), w.shape]),
        key(28, &[u64::from(w.caps.1)]),
        key(29, &[u64::from(w.caps.0), initial]),
    ]);
    // The first syllable of the nearest capitalized word among the four before: inside a
    // long name ("Uỷ ban An toàn giao thông quốc gia") it recalls the name's head.
    let head = (1..=4)
        .filter_map(|j| i.checked_sub(j).map(|k| &words[k]))
        .find(|v| v.upper)
        .map_or(BOS, |v| v.first);
    out.push(key(31, &[head, u64::from(w.upper)]));
    out.push(key(32, &[head, w.first]));
    // How far back an organization's head noun is: the words after "Uỷ ban" in "Uỷ ban
    // An toàn giao thông quốc gia" are inside its name, lowercase or not.
    let org = (0..=4)
        .find(|&j| i.checked_sub(j).is_some_and(|k| words[k].org_head))
        .map_or(5, |j| j as u64);
    out.push(key(33, &[org, w.shape]));
    out.push(key(34, &[u64::from(org < 5), w.lower]));
    cluster_features(words, i, out);
}

/// Cluster paths at several depths: of the word, of its neighbours and of its first
/// and last syllables.
fn cluster_features(words: &[WordView], i: usize, out: &mut Vec<u64>) {
    let at = |j: isize| -> Option<&WordView> {
        usize::try_from(i as isize + j)
            .ok()
            .and_then(|k| words.get(k))
    };
    let cl = |j: isize, depth: u32| {
        at(j).map_or(if j < 0 { BOS } else { EOS }, |w| {
            u64::from(prefix(w.clusters[0], depth))
        })
    };
    let w = &words[i];
    let [c, first, last] = w.clusters.map(u64::from);
    out.extend_from_slice(&[
        key(40, &[cl(0, 4)]),
        key(41, &[cl(0, 8)]),
        key(42, &[c]),
        key(43, &[cl(-1, 8)]),
        key(44, &[cl(1, 8)]),
        key(45, &[cl(-1, 16)]),
        key(46, &[cl(1, 16)]),
        key(47, &[first]),
        key(48, &[last]),
    ]);
}

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
    // Split by bytes: a space is one byte in UTF-8, and `str::split` costs more than
    // the shape of a short syllable.
    let mut rest = word;
    while let Some(i) = rest.bytes().position(|b| b == b' ') {
        syllable_shape(&rest[..i], out);
        out.push('_');
        rest = &rest[i + 1..];
    }
    syllable_shape(rest, out);
}

/// The syllables of `word` before its first space (all of it if none).
#[inline]
pub(crate) fn first_syllable(word: &str) -> &str {
    word.bytes()
        .position(|b| b == b' ')
        .map_or(word, |i| &word[..i])
}

/// The syllable of `word` after its last space (all of it if none).
#[inline]
pub(crate) fn last_syllable(word: &str) -> &str {
    word.bytes()
        .rposition(|b| b == b' ')
        .map_or(word, |i| &word[i + 1..])
}

fn syllable_shape(syl: &str, out: &mut String) {
    let mut letters = 0;
    let mut uppers = 0;
    let mut last: Option<char> = None;
    let start = out.len();
    for c in syl.chars() {
        let class = if crate::chars::is_upper(c) {
            uppers += 1;
            letters += 1;
            'X'
        } else if crate::chars::is_alpha(c) {
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
            WordView::new("ông", "x", 0, false, (0, 0), [0; 3]),
            WordView::new("putin", "Xx", 0, true, (0, 0), [0; 3]),
        ];
        let b = [
            WordView::new("tỉnh", "x", 0, false, (0, 0), [0; 3]),
            WordView::new("putin", "Xx", 0, false, (0, 0), [0; 3]),
        ];
        let (mut fa, mut fb) = (Vec::new(), Vec::new());
        word_features(&a, 1, &mut fa);
        word_features(&b, 1, &mut fb);
        assert_eq!(fa.len(), fb.len());
        let word = key(1, &[hash("putin")]);
        assert!(
            fa.contains(&word) && fb.contains(&word),
            "same word, same word feature"
        );
        let after_ong = key(2, &[hash("ông")]);
        assert!(
            fa.contains(&after_ong) && !fb.contains(&after_ong),
            "different previous word"
        );
        assert_ne!(key(6, &[1, 2]), key(6, &[2, 1]), "order of parts matters");
    }

    #[test]
    fn words_after_an_organization_head_know_it() {
        let view = |w: &str| WordView::new(w, "x", 0, false, (0, 0), [0; 3]);
        let after_head = [view("uỷ ban"), view("an toàn"), view("giao thông")];
        let after_verb = [view("nói"), view("an toàn"), view("giao thông")];
        assert!(after_head[0].org_head && !after_verb[0].org_head);
        let (mut fa, mut fb) = (Vec::new(), Vec::new());
        word_features(&after_head, 2, &mut fa);
        word_features(&after_verb, 2, &mut fb);
        let inside = key(34, &[1, hash("giao thông")]);
        assert!(fa.contains(&inside) && !fb.contains(&inside));
    }
}
