//! Word lists the extractor's rules read: person titles and templates of national
//! bodies, as phrase tables built from the lexicon's titles and templates (their one
//! source is `data/lexicon/src/{titles,templates}.tsv`), and a few phrase lists of its own.

use crate::fasthash::{FxHashMap, FxHashSet};

use thoisu_doc::EntityKind;
use thoisu_lexicon::{Lexicon, OrgTemplate, EMBEDDED};

use crate::gazetteer::match_key;

/// Whether a title names an office or is only a form of address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TitleClass {
    /// `Tổng thống`, `Thủ tướng`, …: an office, with a holder per country and date.
    Office,
    /// `ông`, `bà`, …: marks a person, names no office.
    Honorific,
}

/// A person title.
#[derive(Clone, Debug)]
pub(crate) struct Title {
    /// The office in English, for offices.
    pub office: String,
    pub class: TitleClass,
    /// The office whose holder is known by country and date (`hog`), if any.
    pub code: Option<String>,
}

/// A national body named by a head and a country.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Template {
    pub kind: EntityKind,
    /// English name with `{}` for the country's name.
    pub pattern: String,
    pub slug: String,
    pub role: String,
    /// Whether the head alone (no country after it) takes the sentence's country.
    pub bare: bool,
}

/// Phrases of several words, keyed by their lowercase form.
#[derive(Clone, Debug)]
pub(crate) struct PhraseTable<T> {
    map: FxHashMap<String, T>,
    /// First syllables of the phrases, to reject most positions at once.
    firsts: FxHashSet<String>,
    /// A bit per (length, first and last byte) of the first syllables: most tokens are
    /// turned away by one bit, before any hashing (see [`first_bit`]).
    first_bits: Box<[u64; 64]>,
    /// Longest phrase, in syllables.
    pub max_len: usize,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        PhraseTable {
            map: FxHashMap::default(),
            firsts: FxHashSet::default(),
            first_bits: Box::new([0; 64]),
            max_len: 0,
        }
    }
}

/// The filter bit of a first syllable, from its length and first and last bytes.
#[inline]
fn first_bit(s: &str) -> usize {
    let b = s.as_bytes();
    let (first, last) = (b.first().copied(), b.last().copied());
    let mix =
        usize::from(first.unwrap_or(0)) ^ (usize::from(last.unwrap_or(0)) << 4) ^ (b.len() << 8);
    (mix.wrapping_mul(0x9E37_79B9) >> 7) & 4095
}

impl<T> PhraseTable<T> {
    pub(crate) fn insert(&mut self, key: String, value: T) {
        self.max_len = self.max_len.max(key.split(' ').count());
        let first = key.split(' ').next().unwrap_or_default();
        let bit = first_bit(first);
        self.first_bits[bit / 64] |= 1 << (bit % 64);
        self.firsts.insert(first.to_string());
        self.map.insert(key, value);
    }

    /// The value of exactly `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&T> {
        self.map.get(key)
    }

    /// The longest phrase starting at `keys[0]`, as (length in syllables, value).
    pub(crate) fn longest<'k>(
        &self,
        keys: impl IntoIterator<Item = &'k str>,
        buf: &mut String,
    ) -> Option<(usize, &T)> {
        buf.clear();
        let mut best = None;
        let mut keys = keys.into_iter();
        let first = keys.next()?;
        let bit = first_bit(first);
        if self.first_bits[bit / 64] & (1 << (bit % 64)) == 0 || !self.firsts.contains(first) {
            return None;
        }
        for (n, k) in std::iter::once(first)
            .chain(keys)
            .take(self.max_len)
            .enumerate()
        {
            if n > 0 {
                buf.push(' ');
            }
            buf.push_str(k);
            if let Some(v) = self.map.get(buf.as_str()) {
                best = Some((n + 1, v));
            }
        }
        best
    }
}

/// The title and template tables from `lex`, or from the embedded lexicon's files when
/// the gazetteer was built without one (those two files alone are read).
pub(crate) fn tables(lex: Option<&Lexicon>) -> (PhraseTable<Title>, PhraseTable<Template>) {
    match lex {
        Some(lex) => (titles(lex.titles()), templates(lex.templates())),
        None => {
            let valid = "embedded lexicon data is valid";
            let rows = EMBEDDED.titles().expect(valid);
            (
                titles(&rows),
                templates(&EMBEDDED.templates().expect(valid)),
            )
        }
    }
}

/// The person titles. A title's row for no country in particular gives its office
/// code; one with rows for some countries only (`Nhật hoàng`) is a title with no code
/// here, its office being looked up by country when resolving.
pub(crate) fn titles(rows: &[thoisu_lexicon::Title]) -> PhraseTable<Title> {
    let mut t = PhraseTable::default();
    // Country rows first, so that a general row replaces them.
    let (general, local): (Vec<_>, Vec<_>) = rows.iter().partition(|r| r.country.is_none());
    for row in local.into_iter().chain(general) {
        let class = match row.class {
            thoisu_lexicon::TitleClass::Office => TitleClass::Office,
            thoisu_lexicon::TitleClass::Honorific => TitleClass::Honorific,
        };
        let office = match class {
            TitleClass::Office => row.english.clone(),
            TitleClass::Honorific => String::new(),
        };
        let code = row.office.filter(|_| row.country.is_none());
        t.insert(
            match_key(&row.text),
            Title {
                office,
                class,
                code: code.map(|o| o.code().to_string()),
            },
        );
    }
    t
}

/// The templates of national bodies, by their prefix.
pub(crate) fn templates(rows: &[OrgTemplate]) -> PhraseTable<Template> {
    let mut t = PhraseTable::default();
    for row in rows {
        t.insert(
            match_key(&row.prefix),
            Template {
                kind: row.kind,
                pattern: row.name_pattern.replace("{country}", "{}"),
                slug: row.key.clone(),
                role: row.role.clone(),
                bare: row.bare,
            },
        );
    }
    t
}

/// Words that open the name of a treaty or agreement.
pub(crate) fn treaty_heads() -> PhraseTable<()> {
    let mut t = PhraseTable::default();
    for head in [
        "hiệp ước",
        "hiệp định",
        "công ước",
        "nghị định thư",
        "thỏa thuận",
        "thoả thuận",
        "hiến chương",
    ] {
        t.insert(head.to_string(), ());
    }
    t
}

/// Phrases that refer back to one country (`nước này`) or to two (`hai nước`).
pub(crate) fn country_anaphora() -> PhraseTable<usize> {
    let mut t = PhraseTable::default();
    for (phrase, n) in [
        ("nước này", 1),
        ("quốc gia này", 1),
        ("nước đó", 1),
        ("quốc gia đó", 1),
        ("hai nước", 2),
        ("hai nước này", 2),
        ("hai quốc gia", 2),
        ("hai quốc gia này", 2),
        ("cả hai nước", 2),
    ] {
        t.insert(phrase.to_string(), n);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load_and_match_longest() {
        let (t, tp) = tables(None);
        let mut buf = String::new();
        let (n, title) = t
            .longest(["bộ", "trưởng", "quốc", "phòng", "nga"], &mut buf)
            .unwrap();
        assert_eq!(n, 4);
        assert_eq!(title.office, "Defence Minister");
        let (n, tpl) = tp.longest(["bộ", "quốc", "phòng", "mỹ"], &mut buf).unwrap();
        assert_eq!((n, tpl.slug.as_str()), (3, "defence-ministry"));
        assert!(tp.longest(["bộ", "đội"], &mut buf).is_none());
    }

    #[test]
    fn titles_take_their_general_office_code() {
        let (t, tp) = tables(None);
        // Its office is known in Japan only: looked up by country when resolving.
        let emperor = t.get("nhật hoàng").unwrap();
        assert_eq!(
            (emperor.office.as_str(), emperor.code.as_deref()),
            ("Emperor", None)
        );
        // The general row wins over Iran's.
        assert_eq!(t.get("tổng thống").unwrap().code.as_deref(), Some("hos"));
        assert_eq!(t.get("thị trưởng").unwrap().code, None);
        assert_eq!(t.get("ông").unwrap().class, TitleClass::Honorific);
        let fm = tp.get("bộ ngoại giao").unwrap();
        assert_eq!((fm.role.as_str(), fm.bare), ("foreign ministry", true));
        assert_eq!(fm.pattern, "Ministry of Foreign Affairs of {}");
    }
}
