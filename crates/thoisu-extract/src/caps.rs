//! How often each syllable is written with a capital inside a sentence, counted on
//! unlabeled news: a strong hint for names the labeled data never saw, and against
//! common words that open a sentence or a line of verse.
//!
//! Stored in `data/models/ner-caps.bin` (little-endian, deflated): the count of pairs,
//! then pairs of a 64-bit syllable hash and a one-byte bucket, sorted by hash.

use std::sync::OnceLock;

use thoisu_doc::{Document, TokenKind};

use crate::features::hash;
use crate::Error;

static CAPS_BYTES: &[u8] = include_bytes!("../../../data/models/ner-caps.bin");

/// Capitalization buckets by syllable.
#[derive(Clone, Debug, Default)]
pub struct CapStats {
    keys: Vec<u64>,
    buckets: Vec<u8>,
}

/// Syllables seen fewer times than this inside sentences get no bucket.
const MIN_COUNT: u32 = 5;

fn bucket_of(capitalized: u32, total: u32) -> u8 {
    let r = f64::from(capitalized) / f64::from(total.max(1));
    match r {
        r if r < 0.02 => 1,
        r if r < 0.2 => 2,
        r if r < 0.5 => 3,
        r if r < 0.8 => 4,
        r if r < 0.98 => 5,
        _ => 6,
    }
}

impl CapStats {
    /// The committed table (empty if it cannot be read).
    pub(crate) fn embedded() -> &'static CapStats {
        static CAPS: OnceLock<CapStats> = OnceLock::new();
        CAPS.get_or_init(|| CapStats::from_bytes(CAPS_BYTES).unwrap_or_default())
    }

    /// The bucket of a lowercase syllable: 0 when rare or unseen, 1 (almost never
    /// capitalized) to 6 (almost always).
    #[inline]
    pub(crate) fn bucket(&self, lower: &str) -> u8 {
        let h = hash(lower);
        self.keys.binary_search(&h).map_or(0, |i| self.buckets[i])
    }

    /// Number of syllables with a bucket.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Serializes the table (see the module doc).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut records = Vec::with_capacity(self.keys.len() * 9);
        for (k, b) in self.keys.iter().zip(&self.buckets) {
            records.extend_from_slice(&k.to_le_bytes());
            records.push(*b);
        }
        crate::packed::pack(self.keys.len(), &records)
    }

    /// Reads a table written by [`CapStats::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<CapStats, Error> {
        let raw = crate::packed::unpack(bytes, "capitalization table", 9)?;
        let n = raw.len() / 9;
        let mut t = CapStats {
            keys: Vec::with_capacity(n),
            buckets: Vec::with_capacity(n),
        };
        for rec in raw.chunks_exact(9) {
            let mut k = [0u8; 8];
            k.copy_from_slice(&rec[..8]);
            t.keys.push(u64::from_le_bytes(k));
            t.buckets.push(rec[8]);
        }
        if !t.keys.is_sorted() {
            return Err(Error::model("capitalization table: keys not sorted"));
        }
        Ok(t)
    }
}

/// Counts capitals of syllables inside sentences (never the first word of a sentence
/// or after a colon or quote) over analysed documents.
#[derive(Debug, Default)]
pub struct CapCounter {
    counts: std::collections::HashMap<String, (u32, u32)>,
}

impl CapCounter {
    /// Adds the word tokens of an analysed document.
    pub fn add(&mut self, doc: &Document) {
        for s in &doc.sentences {
            let tokens = &doc.tokens[s.tokens.range()];
            for (i, t) in tokens.iter().enumerate() {
                let opener = i == 0
                    || matches!(
                        tokens[i - 1].text(doc),
                        ":" | "\"" | "“" | "(" | "-" | "–" | "…" | "." | "!" | "?"
                    );
                if t.kind != TokenKind::Word || opener {
                    continue;
                }
                let upper = t.text(doc).chars().next().is_some_and(char::is_uppercase);
                let e = self
                    .counts
                    .entry(t.norm(doc).to_lowercase())
                    .or_insert((0, 0));
                e.0 += u32::from(upper);
                e.1 += 1;
            }
        }
    }

    /// The table of buckets.
    pub fn finish(self) -> CapStats {
        let mut pairs: Vec<(u64, u8)> = self
            .counts
            .iter()
            .filter(|(_, &(_, total))| total >= MIN_COUNT)
            .map(|(k, &(cap, total))| (hash(k), bucket_of(cap, total)))
            .collect();
        pairs.sort_unstable();
        pairs.dedup_by_key(|p| p.0);
        CapStats {
            keys: pairs.iter().map(|p| p.0).collect(),
            buckets: pairs.iter().map(|p| p.1).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_and_round_trip() {
        assert_eq!(bucket_of(0, 100), 1);
        assert_eq!(bucket_of(100, 100), 6);
        let mut c = CapCounter::default();
        let words: Vec<String> = "Hôm nay ông Ba gặp Ba và trời mưa"
            .split(' ')
            .map(str::to_string)
            .collect();
        let doc = crate::document_from_words("t", &vec![words; 5]);
        c.add(&doc);
        let t = CapStats::from_bytes(&c.finish().to_bytes()).unwrap();
        assert_eq!(t.bucket("ba"), 6);
        assert_eq!(t.bucket("trời"), 1);
        assert_eq!(t.bucket("hôm"), 0, "only ever first in its sentence");
        assert!(CapStats::from_bytes(b"junk").is_err());
    }
}
