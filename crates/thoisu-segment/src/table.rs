//! Open-addressing hash tables for prediction: syllable strings to ids, and n-gram keys
//! to weight vectors. Both are built once when a model is loaded and only read after.

use crate::features::Weights;

const MUL: u64 = 0x9E37_79B9_7F4A_7C15;

/// Longest key stored inline in a slot; longer ones go to a side map.
const INLINE: usize = 16;

/// A short key as two little-endian words, zero-padded.
#[inline]
fn inline_key(bytes: &[u8]) -> [u64; 2] {
    let mut buf = [0u8; INLINE];
    buf[..bytes.len()].copy_from_slice(bytes);
    let (a, b) = buf.split_at(8);
    [
        u64::from_le_bytes(a.try_into().unwrap_or_default()),
        u64::from_le_bytes(b.try_into().unwrap_or_default()),
    ]
}

#[inline]
fn hash_words(key: [u64; 2], len: usize) -> u64 {
    let h = (key[0] ^ key[1].rotate_left(29) ^ len as u64).wrapping_mul(MUL);
    h ^ (h >> 31)
}

#[derive(Clone, Copy, Debug)]
struct Slot {
    key: [u64; 2],
    len: u32,
    id: u32,
}

const EMPTY_ID: u32 = u32::MAX;

/// Maps syllable strings to ids. Keys of up to 16 bytes (nearly every syllable) live in
/// the slots themselves, so a lookup is one hash of two words and one compare.
#[derive(Clone, Debug)]
pub struct StrTable {
    slots: Vec<Slot>,
    long: std::collections::HashMap<Box<str>, u32>,
    mask: usize,
}

impl StrTable {
    /// A table for up to `n` strings.
    pub fn with_capacity(n: usize) -> StrTable {
        let cap = (n * 2).next_power_of_two().max(16);
        let empty = Slot {
            key: [0; 2],
            len: 0,
            id: EMPTY_ID,
        };
        StrTable {
            slots: vec![empty; cap],
            long: std::collections::HashMap::new(),
            mask: cap - 1,
        }
    }

    /// Adds `key` with `id` unless it is already there.
    pub fn insert(&mut self, key: &str, id: u32) {
        if self.get(key).is_some() {
            return;
        }
        if key.len() > INLINE {
            self.long.insert(key.into(), id);
            return;
        }
        let words = inline_key(key.as_bytes());
        let mut i = hash_words(words, key.len()) as usize & self.mask;
        while self.slots[i].id != EMPTY_ID {
            i = (i + 1) & self.mask;
        }
        self.slots[i] = Slot {
            key: words,
            len: key.len() as u32,
            id,
        };
    }

    /// Id of `key`, if present.
    #[inline]
    pub fn get(&self, key: &str) -> Option<u32> {
        if key.len() > INLINE {
            return self.long.get(key).copied();
        }
        let words = inline_key(key.as_bytes());
        let mut i = hash_words(words, key.len()) as usize & self.mask;
        loop {
            let slot = &self.slots[i];
            if slot.id == EMPTY_ID {
                return None;
            }
            if slot.key == words && slot.len as usize == key.len() {
                return Some(slot.id);
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Maps packed n-gram keys to `W` weights. Key and weights sit side by side, so a
/// probe that hits touches one cache line; the load stays under 3/4.
#[derive(Clone, Debug)]
pub struct NgramTable<const W: usize> {
    entries: Vec<(u64, [i16; W])>,
    mask: usize,
    len: usize,
}

const EMPTY_KEY: u64 = u64::MAX;

impl<const W: usize> NgramTable<W> {
    /// A table holding `entries` (keys must be distinct and not `u64::MAX`); only the
    /// first `W` weights of each entry are kept.
    pub fn new(entries: &[(u64, Weights)]) -> NgramTable<W> {
        let cap = (entries.len() * 4 / 3 + 1).next_power_of_two().max(16);
        let mut t = NgramTable {
            entries: vec![(EMPTY_KEY, [0; W]); cap],
            mask: cap - 1,
            len: entries.len(),
        };
        for &(key, w) in entries {
            let mut i = t.slot_of(key);
            while t.entries[i].0 != EMPTY_KEY {
                i = (i + 1) & t.mask;
            }
            t.entries[i] = (key, std::array::from_fn(|j| w[j]));
        }
        t
    }

    #[inline]
    fn slot_of(&self, key: u64) -> usize {
        (key.wrapping_mul(MUL) >> 32) as usize & self.mask
    }

    /// Asks the CPU to start loading the slot of `key`, so that a later [`get`] of it
    /// does not wait for memory.
    ///
    /// [`get`]: NgramTable::get
    #[inline]
    pub fn prefetch(&self, key: u64) {
        #[cfg(target_arch = "x86_64")]
        {
            let ptr = self.entries[self.slot_of(key)..].as_ptr() as *const i8;
            // SAFETY: a prefetch is only a hint; it never faults and `ptr` is in bounds.
            unsafe { std::arch::x86_64::_mm_prefetch(ptr, std::arch::x86_64::_MM_HINT_T0) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = key;
    }

    /// Weights of `key`, if present.
    #[inline]
    pub fn get(&self, key: u64) -> Option<&[i16; W]> {
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
        let mut out: Vec<(u64, Weights)> = self
            .entries
            .iter()
            .filter(|e| e.0 != EMPTY_KEY)
            .map(|(k, w)| {
                let mut full = [0; 6];
                full[..W].copy_from_slice(w);
                (*k, full)
            })
            .collect();
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
        t.insert("Nagorno-Karabakh-Armenia", 10);
        assert_eq!(t.get("quốc"), Some(7));
        assert_eq!(t.get("phòng"), Some(8));
        assert_eq!(t.get("abcdefghijk"), Some(9));
        assert_eq!(t.get("abcdefghij"), None);
        assert_eq!(t.get(""), None);
        assert_eq!(t.get("Nagorno-Karabakh-Armenia"), Some(10));
        assert_eq!(t.get("Nagorno-Karabakh-Armeni"), None);
    }

    #[test]
    fn ngrams_round_trip() {
        let t = NgramTable::<3>::new(&[(5, [1; 6]), (0, [9; 6])]);
        assert_eq!(t.get(5), Some(&[1; 3]));
        assert_eq!(t.get(0), Some(&[9; 3]));
        assert_eq!(t.get(6), None);
        assert_eq!(t.sorted_entries()[0].0, 0);
    }
}
