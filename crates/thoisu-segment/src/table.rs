//! Open-addressing hash tables for prediction: syllable strings to ids, and n-gram keys
//! to weight vectors. Both are built once when a model is loaded and only read after.

use crate::features::Weights;

const MUL: u64 = 0x9E37_79B9_7F4A_7C15;

/// Hash of a byte string: eight bytes at a time, multiply-rotate.
fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = (bytes.len() as u64).wrapping_mul(MUL);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(23) ^ word).wrapping_mul(MUL);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(buf)).wrapping_mul(MUL);
    }
    h ^ (h >> 29)
}

/// Capacity (a power of two) for `n` entries at a load of at most one half.
fn capacity_for(n: usize) -> usize {
    (n * 2).next_power_of_two().max(16)
}

#[derive(Clone, Copy, Debug)]
struct Slot {
    hash: u64,
    start: u32,
    len: u32,
    id: u32,
}

const EMPTY_ID: u32 = u32::MAX;

/// Maps syllable strings to ids.
#[derive(Clone, Debug)]
pub struct StrTable {
    slots: Vec<Slot>,
    bytes: Vec<u8>,
    mask: usize,
}

impl StrTable {
    /// A table for up to `n` strings.
    pub fn with_capacity(n: usize) -> StrTable {
        let cap = capacity_for(n);
        let empty = Slot {
            hash: 0,
            start: 0,
            len: 0,
            id: EMPTY_ID,
        };
        StrTable {
            slots: vec![empty; cap],
            bytes: Vec::new(),
            mask: cap - 1,
        }
    }

    /// Adds `key` with `id` unless it is already there.
    pub fn insert(&mut self, key: &str, id: u32) {
        if self.get(key).is_some() {
            return;
        }
        let hash = hash_bytes(key.as_bytes());
        let mut i = hash as usize & self.mask;
        while self.slots[i].id != EMPTY_ID {
            i = (i + 1) & self.mask;
        }
        self.slots[i] = Slot {
            hash,
            start: self.bytes.len() as u32,
            len: key.len() as u32,
            id,
        };
        self.bytes.extend_from_slice(key.as_bytes());
    }

    /// Id of `key`, if present.
    #[inline]
    pub fn get(&self, key: &str) -> Option<u32> {
        let key = key.as_bytes();
        let hash = hash_bytes(key);
        let mut i = hash as usize & self.mask;
        loop {
            let slot = &self.slots[i];
            if slot.id == EMPTY_ID {
                return None;
            }
            if slot.hash == hash {
                let start = slot.start as usize;
                if &self.bytes[start..start + slot.len as usize] == key {
                    return Some(slot.id);
                }
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Maps packed n-gram keys to weight vectors. Key and weights sit side by side, so a
/// probe that hits touches one cache line.
#[derive(Clone, Debug)]
pub struct NgramTable {
    entries: Vec<(u64, Weights)>,
    mask: usize,
    len: usize,
}

const EMPTY_KEY: u64 = u64::MAX;

impl NgramTable {
    /// A table holding `entries` (keys must be distinct and not `u64::MAX`).
    pub fn new(entries: &[(u64, Weights)]) -> NgramTable {
        let cap = capacity_for(entries.len());
        let mut t = NgramTable {
            entries: vec![(EMPTY_KEY, [0; 6]); cap],
            mask: cap - 1,
            len: entries.len(),
        };
        for &(key, w) in entries {
            let mut i = t.slot_of(key);
            while t.entries[i].0 != EMPTY_KEY {
                i = (i + 1) & t.mask;
            }
            t.entries[i] = (key, w);
        }
        t
    }

    #[inline]
    fn slot_of(&self, key: u64) -> usize {
        (key.wrapping_mul(MUL) >> 32) as usize & self.mask
    }

    /// Weights of `key`, if present.
    #[inline]
    pub fn get(&self, key: u64) -> Option<&Weights> {
        let mut i = self.slot_of(key);
        loop {
            let (k, w) = &self.entries[i];
            if *k == key {
                return Some(w);
            }
            if *k == EMPTY_KEY {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// All entries, sorted by key (a stable order for serialization).
    pub fn sorted_entries(&self) -> Vec<(u64, Weights)> {
        let mut out: Vec<(u64, Weights)> = self.entries.iter().filter(|e| e.0 != EMPTY_KEY).copied().collect();
        out.sort_unstable_by_key(|e| e.0);
        out
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip() {
        let mut t = StrTable::with_capacity(3);
        t.insert("quốc", 7);
        t.insert("phòng", 8);
        t.insert("abcdefghijk", 9);
        assert_eq!(t.get("quốc"), Some(7));
        assert_eq!(t.get("phòng"), Some(8));
        assert_eq!(t.get("abcdefghijk"), Some(9));
        assert_eq!(t.get("abcdefghij"), None);
        assert_eq!(t.get(""), None);
    }

    #[test]
    fn ngrams_round_trip() {
        let t = NgramTable::new(&[(5, [1; 6]), (0, [9; 6])]);
        assert_eq!(t.get(5), Some(&[1; 6]));
        assert_eq!(t.get(0), Some(&[9; 6]));
        assert_eq!(t.get(6), None);
        assert_eq!(t.sorted_entries()[0].0, 0);
    }
}
