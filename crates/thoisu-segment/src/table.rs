//! Open-addressing hash tables for prediction: syllable strings to ids, and n-gram keys
//! to weight vectors. Both are built once when a model is loaded and only read after.

use crate::features::Weights;

const MUL: u64 = 0x9E37_79B9_7F4A_7C15;

/// Longest key stored inline in a slot; longer ones go to a side map.
const INLINE: usize = 16;

/// A short key (at most [`INLINE`] bytes) as two little-endian words, zero-padded.
///
/// Read with two overlapping loads instead of a copy into a padded buffer: this runs
/// once per token, and a variable-length copy costs a call to `memcpy`.
#[inline]
fn inline_key(bytes: &[u8]) -> [u64; 2] {
    let n = bytes.len();
    debug_assert!(n <= INLINE);
    if n >= 8 {
        let lo = u64::from_le_bytes(array::<8>(bytes, 0));
        // The last 8 bytes, shifted so that bytes 8..n land at the bottom (none if n is 8).
        let tail = u64::from_le_bytes(array::<8>(bytes, n - 8));
        let hi = tail.checked_shr(8 * (16 - n) as u32).unwrap_or(0);
        [lo, hi]
    } else if n >= 4 {
        // Two 4-byte loads that overlap: the shared bytes are equal, so `|` keeps them.
        let head = u32::from_le_bytes(array::<4>(bytes, 0)) as u64;
        let tail = u32::from_le_bytes(array::<4>(bytes, n - 4)) as u64;
        [head | tail << (8 * (n - 4)), 0]
    } else if n > 0 {
        let at = |i: usize| (bytes[i] as u64) << (8 * i);
        [at(0) | at(n / 2) | at(n - 1), 0]
    } else {
        [0, 0]
    }
}

/// Hash of a short key; its HIGH bits are used. (The low bits of a product depend only
/// on the low bits of its factors, so they would tell apart only the first bytes of a
/// syllable, and syllables that differ in a late tone mark would share a slot chain.)
#[inline]
fn hash_words(key: [u64; 2], len: usize) -> u64 {
    (key[0].wrapping_mul(MUL) ^ key[1] ^ len as u64).wrapping_mul(MUL)
}

/// Slot of a hash in a table of `mask + 1` slots (at most 2^32): its high bits.
#[inline]
fn slot(hash: u64, mask: usize) -> usize {
    (hash >> 32) as usize & mask
}

#[derive(Clone, Copy, Debug)]
struct Slot {
    key: [u64; 2],
    id: u32,
    len: u8,
    /// A value computed from the key when it was inserted (the segmenter stores the
    /// character class of the string, so a token found here needs no case scan).
    extra: u8,
}

const EMPTY_ID: u32 = u32::MAX;

/// Maps syllable strings to ids, each with one byte of extra data. Keys of up to 16
/// bytes (nearly every syllable) live in the slots themselves, so a lookup is one hash
/// of two words and one compare.
#[derive(Clone, Debug)]
pub struct StrTable {
    slots: Vec<Slot>,
    long: std::collections::HashMap<Box<str>, (u32, u8)>,
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
            extra: 0,
        };
        StrTable {
            slots: vec![empty; cap],
            long: std::collections::HashMap::new(),
            mask: cap - 1,
        }
    }

    /// Adds `key` with `id` and `extra` unless it is already there.
    pub fn insert(&mut self, key: &str, id: u32, extra: u8) {
        if self.get(key).is_some() {
            return;
        }
        if key.len() > INLINE {
            self.long.insert(key.into(), (id, extra));
            return;
        }
        let words = inline_key(key.as_bytes());
        let mut i = slot(hash_words(words, key.len()), self.mask);
        while self.slots[i].id != EMPTY_ID {
            i = (i + 1) & self.mask;
        }
        self.slots[i] = Slot {
            key: words,
            len: key.len() as u8,
            id,
            extra,
        };
    }

    /// Id and extra byte of `key`, if present.
    #[inline]
    pub fn get(&self, key: &str) -> Option<(u32, u8)> {
        if key.len() > INLINE {
            return self.get_long(key);
        }
        let words = inline_key(key.as_bytes());
        let mut i = slot(hash_words(words, key.len()), self.mask);
        loop {
            let slot = &self.slots[i];
            if slot.id == EMPTY_ID {
                return None;
            }
            if slot.key == words && slot.len as usize == key.len() {
                return Some((slot.id, slot.extra));
            }
            i = (i + 1) & self.mask;
        }
    }
}

impl StrTable {
    /// The rare long keys, apart so that the common path stays small enough to inline.
    #[cold]
    #[inline(never)]
    fn get_long(&self, key: &str) -> Option<(u32, u8)> {
        self.long.get(key).copied()
    }
}

/// Maps packed n-gram keys to `W` weights. Key and weights sit side by side, so a
/// probe that hits touches one cache line; the load stays under 3/4.
#[derive(Clone, Debug)]
pub struct NgramTable<const W: usize> {
    entries: Vec<(u64, [i16; W])>,
    mask: usize,
    /// 64 minus the number of bits of a slot index.
    shift: u32,
    /// Entries, helpers not counted.
    len: usize,
    /// Entries added by [`NgramTable::set_flags`] only.
    helpers: usize,
    /// Whether the last weight holds flags ([`NgramTable::set_flags`]).
    flagged: bool,
}

const EMPTY_KEY: u64 = u64::MAX;

/// Flag of an entry added only to carry flags.
pub const HELPER: i16 = 1 << 14;

/// How many entries ahead a table being built prefetches slots.
const AHEAD: usize = 16;

/// The `N` bytes of `bytes` from `at` (panics when out of bounds; callers check lengths).
#[inline(always)]
fn array<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut out = [0; N];
    out.copy_from_slice(&bytes[at..at + N]);
    out
}

impl<const W: usize> NgramTable<W> {
    /// A table holding `entries` (keys must be distinct and not `u64::MAX`); the first
    /// `width` weights of each entry are kept, the others of the `W` are 0.
    pub fn new(entries: &[(u64, Weights)], width: usize) -> NgramTable<W> {
        let mut t = NgramTable::with_slots(entries.len());
        let key = |k: usize| entries.get(k).map(|e| e.0);
        for (k, &(_, w)) in entries.iter().enumerate() {
            let w = std::array::from_fn(|j| if j < width { w[j] } else { 0 });
            t.insert(key(k), key(k + AHEAD), w);
        }
        t
    }

    /// A table read from records of a little-endian `u64` key and `width` (at most `W`)
    /// little-endian `i16` weights, as the model file stores them; the other weights are
    /// 0. `None` when the bytes are not whole records or a key is `u64::MAX`.
    pub fn from_records(bytes: &[u8], width: usize) -> Option<NgramTable<W>> {
        let size = 8 + 2 * width;
        if width > W || !bytes.len().is_multiple_of(size) {
            return None;
        }
        let mut t = NgramTable::with_slots(bytes.len() / size);
        for (k, record) in bytes.chunks_exact(size).enumerate() {
            let key = u64::from_le_bytes(array(record, 0));
            if key == EMPTY_KEY {
                return None;
            }
            let mut w = [0i16; W];
            for (j, x) in w[..width].iter_mut().enumerate() {
                *x = i16::from_le_bytes(array(record, 8 + 2 * j));
            }
            let later = bytes.get((k + AHEAD) * size..(k + AHEAD) * size + 8);
            let later = later.map(|b| u64::from_le_bytes(array(b, 0)));
            t.insert(Some(key), later, w);
        }
        Some(t)
    }

    /// Sets `bit` in the LAST weight of each key of `keys` (a table used this way keeps
    /// flags there, not a weight), adding a key that is absent as a helper entry: all
    /// weights 0 and the [`HELPER`] flag. Helpers are not counted by [`len`] nor listed
    /// by [`sorted_entries`].
    ///
    /// [`len`]: NgramTable::len
    /// [`sorted_entries`]: NgramTable::sorted_entries
    pub fn set_flags(&mut self, keys: &[u64], bit: i16) {
        self.flagged = true;
        for (k, &key) in keys.iter().enumerate() {
            if let Some(&later) = keys.get(k + AHEAD) {
                self.prefetch(later);
            }
            let i = self.find_slot(key);
            if self.entries[i].0 == EMPTY_KEY {
                if (self.len + self.helpers + 1) * 4 > self.entries.len() * 3 {
                    self.grow();
                    self.set_flags(&keys[k..], bit);
                    return;
                }
                let mut w = [0; W];
                w[W - 1] = HELPER;
                self.entries[i] = (key, w);
                self.helpers += 1;
            }
            self.entries[i].1[W - 1] |= bit;
        }
    }

    /// Twice the slots, the same entries.
    fn grow(&mut self) {
        let old = std::mem::take(&mut self.entries);
        let cap = old.len() * 2;
        self.entries = vec![(EMPTY_KEY, [0; W]); cap];
        self.mask = cap - 1;
        self.shift = 64 - cap.trailing_zeros();
        for (key, w) in old.into_iter().filter(|e| e.0 != EMPTY_KEY) {
            let i = self.find_slot(key);
            self.entries[i] = (key, w);
        }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    fn find_slot(&self, key: u64) -> usize {
        let mut i = self.slot_of(key);
        while self.entries[i].0 != EMPTY_KEY && self.entries[i].0 != key {
            i = (i + 1) & self.mask;
        }
        i
    }

    /// Keys of the entries, in slot order.
    pub fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.entries.iter().map(|e| e.0).filter(|&k| k != EMPTY_KEY)
    }

    /// An empty table for `n` entries: the load stays under 3/4.
    fn with_slots(n: usize) -> NgramTable<W> {
        let cap = (n * 4 / 3 + 1).next_power_of_two().max(16);
        NgramTable {
            entries: vec![(EMPTY_KEY, [0; W]); cap],
            mask: cap - 1,
            shift: 64 - cap.trailing_zeros(),
            len: n,
            helpers: 0,
            flagged: false,
        }
    }

    /// Inserts `key` (when `Some`), after prefetching the slot of the key inserted
    /// [`AHEAD`] entries later: the table is larger than the caches and the slots are
    /// random, so inserting without it waits for memory at each entry (most of the time
    /// of loading a model).
    #[inline]
    fn insert(&mut self, key: Option<u64>, later: Option<u64>, w: [i16; W]) {
        if let Some(later) = later {
            self.prefetch(later);
        }
        let Some(key) = key else { return };
        let mut i = self.slot_of(key);
        while self.entries[i].0 != EMPTY_KEY {
            i = (i + 1) & self.mask;
        }
        self.entries[i] = (key, w);
    }

    #[inline]
    fn slot_of(&self, key: u64) -> usize {
        (key.wrapping_mul(MUL) >> self.shift) as usize
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
        let weights = if self.flagged { W - 1 } else { W };
        let mut out: Vec<(u64, Weights)> = self
            .entries
            .iter()
            .filter(|e| e.0 != EMPTY_KEY && !(self.flagged && e.1[W - 1] & HELPER != 0))
            .map(|(k, w)| {
                let mut full = [0; 6];
                full[..weights].copy_from_slice(&w[..weights]);
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
        t.insert("quốc", 7, 1);
        t.insert("phòng", 8, 2);
        t.insert("abcdefghijk", 9, 3);
        t.insert("Nagorno-Karabakh-Armenia", 10, 4);
        assert_eq!(t.get("quốc"), Some((7, 1)));
        assert_eq!(t.get("phòng"), Some((8, 2)));
        assert_eq!(t.get("abcdefghijk"), Some((9, 3)));
        assert_eq!(t.get("abcdefghij"), None);
        assert_eq!(t.get(""), None);
        assert_eq!(t.get("Nagorno-Karabakh-Armenia"), Some((10, 4)));
        assert_eq!(t.get("Nagorno-Karabakh-Armeni"), None);
    }

    #[test]
    fn keys_of_every_length_are_told_apart() {
        // Every prefix of two strings that differ in each byte, 0 to 17 bytes long.
        let a = "abcdefghijklmnopq";
        let b = "ABCDEFGHIJKLMNOPQ";
        let mut t = StrTable::with_capacity(40);
        for n in 0..=a.len() {
            t.insert(&a[..n], n as u32, 0);
        }
        for n in 0..=a.len() {
            assert_eq!(t.get(&a[..n]), Some((n as u32, 0)), "{n}");
            assert_eq!(t.get(&b[..n]), (n == 0).then_some((0, 0)), "{n}");
        }
        for n in 0..=INLINE {
            let mut padded = [0u8; INLINE];
            padded[..n].copy_from_slice(&a.as_bytes()[..n]);
            let want = [
                u64::from_le_bytes(padded[..8].try_into().unwrap()),
                u64::from_le_bytes(padded[8..].try_into().unwrap()),
            ];
            assert_eq!(inline_key(&a.as_bytes()[..n]), want, "{n}");
        }
    }

    #[test]
    fn ngrams_round_trip() {
        let t = NgramTable::<3>::new(&[(5, [1; 6]), (0, [9; 6])], 3);
        assert_eq!(t.get(5), Some(&[1; 3]));
        assert_eq!(t.get(0), Some(&[9; 3]));
        assert_eq!(t.get(6), None);
        assert_eq!(t.sorted_entries()[0].0, 0);
    }

    #[test]
    fn flags_add_helpers_that_are_not_listed() {
        let mut t = NgramTable::<3>::new(&[(5, [1, 2, 0, 0, 0, 0])], 2);
        // Enough keys to make the table grow.
        let keys: Vec<u64> = (0..40).collect();
        t.set_flags(&keys, 1);
        t.set_flags(&[5, 7], 2);
        assert_eq!(t.get(5), Some(&[1, 2, 3]));
        assert_eq!(t.get(7), Some(&[0, 0, HELPER | 3]));
        assert_eq!(t.get(39), Some(&[0, 0, HELPER | 1]));
        assert_eq!(t.get(40), None);
        assert_eq!(t.len(), 1);
        assert_eq!(t.sorted_entries(), [(5, [1, 2, 0, 0, 0, 0])]);
    }

    #[test]
    fn records_read_as_entries() {
        let mut bytes = Vec::new();
        for (key, w) in [(5u64, [1i16, -2]), (0, [9, 300])] {
            bytes.extend_from_slice(&key.to_le_bytes());
            w.iter()
                .for_each(|x| bytes.extend_from_slice(&x.to_le_bytes()));
        }
        let t = NgramTable::<2>::from_records(&bytes, 2).unwrap();
        assert_eq!(t.get(5), Some(&[1, -2]));
        assert_eq!(t.get(0), Some(&[9, 300]));
        assert_eq!(t.len(), 2);
        assert!(NgramTable::<2>::from_records(&bytes[1..], 2).is_none());
        assert!(NgramTable::<2>::from_records(&bytes, 3).is_none());
        let wide = NgramTable::<3>::from_records(&bytes, 2).unwrap();
        assert_eq!(wide.get(0), Some(&[9, 300, 0]));
        bytes[..8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(NgramTable::<2>::from_records(&bytes, 2).is_none());
    }
}
