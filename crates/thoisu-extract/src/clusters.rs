//! Word clusters learned from unlabeled news: words that occur in the same contexts
//! ("ông _ nói", "tỉnh _ ,") share a cluster, so the tagger can generalize from the few
//! names of the labeled data to the many it never saw.
//!
//! A word's cluster is a path in a binary tree (as with Brown clusters): its prefixes
//! are coarser clusters. The tree comes from bisecting the words' context vectors:
//! counts of the words one and two places to the left and right, weighted by positive
//! pointwise mutual information and reduced by a fixed random projection. Everything is
//! sequential with fixed seeds, so the same corpus gives the same bytes.
//!
//! Stored in `data/models/ner-clusters.bin` (little-endian, deflated): the count of
//! pairs, then pairs of a 64-bit word hash and a 16-bit path code (`1 << depth | bits`),
//! sorted by hash.

use std::collections::HashMap;
use std::sync::OnceLock;

use thoisu_doc::Document;

use crate::gazetteer::push_lower;
use crate::Error;

static CLUSTER_BYTES: &[u8] = include_bytes!("../../../data/models/ner-clusters.bin");

/// FNV-1a of a lowercase word with every digit read as `0`, so that numbers of one
/// shape share a cluster.
#[inline]
pub(crate) fn word_hash(lower: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in lower.as_bytes() {
        let b = if b.is_ascii_digit() { b'0' } else { b };
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Cluster paths by word and by syllable.
#[derive(Clone, Debug, Default)]
pub struct Clusters {
    /// Open addressing, one `u64` per slot: the high 32 bits of the word's hash (0:
    /// empty), its path as a word, its path as a syllable (0: none). One probe
    /// answers both for a one-syllable word.
    slots: Vec<u64>,
    mask: usize,
    len: usize,
}

/// One entry: a word hash and its word and syllable paths.
type Entry = (u64, u16, u16);

impl Clusters {
    /// The committed table (empty if it cannot be read).
    pub(crate) fn embedded() -> &'static Clusters {
        static TABLE: OnceLock<Clusters> = OnceLock::new();
        TABLE.get_or_init(|| Clusters::from_bytes(CLUSTER_BYTES).unwrap_or_default())
    }

    fn with_entries(entries: &[Entry]) -> Clusters {
        let size = (entries.len() * 2 + 1).next_power_of_two().max(16);
        let mut t = Clusters {
            slots: vec![0; size],
            mask: size - 1,
            len: 0,
        };
        for &(h, word, syllable) in entries {
            let fp = fingerprint(h);
            let mut i = t.slot(fp);
            while t.slots[i] != 0 && t.slots[i] >> 32 != fp {
                i = (i + 1) & t.mask;
            }
            if t.slots[i] == 0 {
                t.len += 1;
            }
            t.slots[i] = fp << 32 | u64::from(word) << 16 | u64::from(syllable);
        }
        t
    }

    /// The first slot to probe, from the fingerprint alone (all the table keeps).
    #[inline]
    fn slot(&self, fp: u64) -> usize {
        (fp.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & self.mask
    }

    /// The word and syllable paths of a spelling hashed by [`word_hash`]; 0 when
    /// unknown.
    #[inline]
    pub(crate) fn codes(&self, h: u64) -> (u16, u16) {
        if self.slots.is_empty() {
            return (0, 0);
        }
        let fp = fingerprint(h);
        let mut i = self.slot(fp);
        loop {
            let s = self.slots[i];
            if s == 0 {
                return (0, 0);
            }
            if s >> 32 == fp {
                return ((s >> 16) as u16, s as u16);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The path code of a lowercase word (`1 << depth | path bits`); 0 when unknown.
    pub fn path(&self, lower: &str) -> u16 {
        self.codes(word_hash(lower)).0
    }

    /// The path code of a lowercase syllable among syllables; 0 when unknown.
    pub fn syllable_path(&self, lower: &str) -> u16 {
        self.codes(word_hash(lower)).1
    }

    /// Number of spellings with a path.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Serializes the table: deflate of the count, then per spelling, sorted by the
    /// high 32 bits of its hash, those bits (`u32`) and its word and syllable paths
    /// (`u16` each).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut slots: Vec<u64> = self.slots.iter().copied().filter(|&s| s != 0).collect();
        slots.sort_unstable();
        let records: Vec<u8> = slots.iter().flat_map(|s| s.to_le_bytes()).collect();
        crate::packed::pack(slots.len(), &records)
    }

    /// Reads a table written by [`Clusters::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Clusters, Error> {
        let raw = crate::packed::unpack(bytes, "cluster table", 8)?;
        let entries: Vec<Entry> = raw
            .chunks_exact(8)
            .map(|r| {
                let mut k = [0u8; 8];
                k.copy_from_slice(r);
                let s = u64::from_le_bytes(k);
                ((s >> 32) << 32, (s >> 16) as u16, s as u16)
            })
            .collect();
        Ok(Clusters::with_entries(&entries))
    }
}

/// The high 32 bits of a hash, never 0 (0 marks an empty slot).
#[inline]
fn fingerprint(h: u64) -> u64 {
    (h >> 32).max(1)
}

/// The prefix of `depth` steps of a path code (the whole path when shorter).
#[inline]
pub(crate) fn prefix(code: u16, depth: u32) -> u16 {
    let d = 15 - code.leading_zeros().min(15);
    if code == 0 || d <= depth {
        code
    } else {
        code >> (d - depth)
    }
}

/// Settings of [`ClusterBuilder::finish`].
#[derive(Clone, Debug)]
pub struct ClusterOptions {
    /// Most frequent words that get a cluster.
    pub words: usize,
    /// Words seen fewer times get none.
    pub min_count: u32,
    /// Most frequent words used as contexts.
    pub contexts: usize,
    /// Dimensions of the projected context vectors.
    pub dims: usize,
    /// Depth of the tree (at most 15).
    pub depth: u32,
}

impl Default for ClusterOptions {
    fn default() -> ClusterOptions {
        ClusterOptions {
            words: 100_000,
            min_count: 5,
            contexts: 2_000,
            dims: 128,
            depth: 12,
        }
    }
}

/// Marks a sentence boundary in the word stream.
const SEP: u32 = u32::MAX;

/// A stream of units (words or syllables) with their counts.
#[derive(Debug, Default)]
struct Stream {
    ids: HashMap<String, u32>,
    units: Vec<String>,
    counts: Vec<u64>,
    seq: Vec<u32>,
}

impl Stream {
    fn push(&mut self, key: &str) {
        let next = self.units.len() as u32;
        let id = match self.ids.get(key) {
            Some(&id) => id,
            None => {
                self.ids.insert(key.to_string(), next);
                self.units.push(key.to_string());
                self.counts.push(0);
                next
            }
        };
        self.counts[id as usize] += 1;
        self.seq.push(id);
    }

    /// Path codes of the most frequent units, as (unit, code).
    fn cluster(&self, opts: &ClusterOptions) -> Vec<(&str, u16)> {
        // Rank units by frequency, ties by spelling: no hash-map order leaks in.
        let mut order: Vec<u32> = (0..self.units.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            self.counts[b]
                .cmp(&self.counts[a])
                .then_with(|| self.units[a].cmp(&self.units[b]))
        });
        let mut rank = vec![u32::MAX; self.units.len()];
        for (r, &id) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        let targets = order
            .iter()
            .take(opts.words)
            .take_while(|&&id| self.counts[id as usize] >= u64::from(opts.min_count))
            .count();
        let vectors = self.context_vectors(&rank, targets, opts);
        let mut codes = vec![0u16; targets];
        let all: Vec<u32> = (0..targets as u32).collect();
        split(&vectors, opts.dims, all, 1, opts.depth, &mut codes);
        order[..targets]
            .iter()
            .zip(codes)
            .map(|(&id, c)| (self.units[id as usize].as_str(), c))
            .collect()
    }

    /// PPMI-weighted context counts of each target unit, projected to `dims`
    /// dimensions and normalized.
    fn context_vectors(&self, rank: &[u32], targets: usize, opts: &ClusterOptions) -> Vec<f32> {
        // Per offset (-2, -1, +1, +2): the context units, one column for any rarer
        // unit and one for the sentence boundary.
        let per = opts.contexts + 2;
        let cols = 4 * per;
        let mut counts = vec![0u32; targets * cols];
        let seq = &self.seq;
        let n = seq.len();
        for i in 0..n {
            let id = seq[i];
            if id == SEP || rank[id as usize] as usize >= targets {
                continue;
            }
            let row = rank[id as usize] as usize * cols;
            for (slot, off) in [-2isize, -1, 1, 2].into_iter().enumerate() {
                // Beyond a boundary the context is the boundary itself.
                let mut c = per - 1;
                for step in 1..=off.unsigned_abs() {
                    let k = i as isize + off.signum() * step as isize;
                    if k < 0 || k as usize >= n || seq[k as usize] == SEP {
                        c = per - 1;
                        break;
                    }
                    c = (rank[seq[k as usize] as usize] as usize).min(opts.contexts);
                }
                counts[row + slot * per + c] += 1;
            }
        }
        ppmi_project(&counts, targets, cols, opts.dims)
    }
}

/// Collects the words and syllables of analysed documents (after segmentation) for
/// clustering.
#[derive(Debug, Default)]
pub struct ClusterBuilder {
    words: Stream,
    syllables: Stream,
    scratch: String,
}

impl ClusterBuilder {
    /// Adds the words and syllables of an analysed and segmented document, sentence by
    /// sentence.
    pub fn add(&mut self, doc: &Document) {
        for range in crate::sentence::sentence_words(doc) {
            self.words.seq.push(SEP);
            self.syllables.seq.push(SEP);
            for w in &doc.words[range] {
                self.scratch.clear();
                for (k, t) in w.tokens.range().enumerate() {
                    if k > 0 {
                        self.scratch.push(' ');
                    }
                    let start = self.scratch.len();
                    push_lower(doc.tokens[t].norm(doc), &mut self.scratch);
                    let syllable = digits_as_zero(&self.scratch[start..]);
                    self.syllables.push(&syllable);
                }
                let key = digits_as_zero(&self.scratch);
                self.words.push(&key);
            }
        }
    }

    /// Clusters the most frequent words and, apart, the most frequent syllables.
    pub fn finish(self, opts: &ClusterOptions) -> Clusters {
        let mut codes: std::collections::BTreeMap<u64, (u16, u16)> = Default::default();
        for (w, c) in self.words.cluster(opts) {
            codes.entry(word_hash(w) & !0xFFFF_FFFF).or_default().0 = c;
        }
        for (w, c) in self.syllables.cluster(opts) {
            codes.entry(word_hash(w) & !0xFFFF_FFFF).or_default().1 = c;
        }
        let entries: Vec<Entry> = codes.into_iter().map(|(h, (w, s))| (h, w, s)).collect();
        Clusters::with_entries(&entries)
    }
}

fn digits_as_zero(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// Positive PMI of each (word, context) count, with context frequencies smoothed
/// (power 0.75), projected by fixed random signs to `dims` and normalized to length 1.
fn ppmi_project(counts: &[u32], rows: usize, cols: usize, dims: usize) -> Vec<f32> {
    let mut col_sum = vec![0f64; cols];
    let mut row_sum = vec![0f64; rows];
    for r in 0..rows {
        for c in 0..cols {
            let v = f64::from(counts[r * cols + c]);
            col_sum[c] += v;
            row_sum[r] += v;
        }
    }
    let smoothed: Vec<f64> = col_sum.iter().map(|&s| s.powf(0.75)).collect();
    let total_smoothed: f64 = smoothed.iter().sum();
    let total: f64 = row_sum.iter().sum();
    let signs: Vec<f32> = (0..cols * dims)
        .map(|k| {
            if splitmix(k as u64) & 1 == 0 {
                1.0
            } else {
                -1.0
            }
        })
        .collect();
    let mut out = vec![0f32; rows * dims];
    for r in 0..rows {
        let v = &mut out[r * dims..(r + 1) * dims];
        for c in 0..cols {
            let n = counts[r * cols + c];
            if n == 0 || smoothed[c] == 0.0 {
                continue;
            }
            let pmi = ((f64::from(n) / total)
                / ((row_sum[r] / total) * (smoothed[c] / total_smoothed)))
                .ln();
            if pmi <= 0.0 {
                continue;
            }
            let s = &signs[c * dims..(c + 1) * dims];
            for d in 0..dims {
                v[d] += pmi as f32 * s[d];
            }
        }
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
        v.iter_mut().for_each(|x| *x /= norm);
    }
    out
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Smallest node that is split further.
const MIN_SPLIT: usize = 8;

/// Bisects the words `ix` (rows of `v`) recursively; `code` is the node's path code.
fn split(v: &[f32], dims: usize, ix: Vec<u32>, code: u16, max_depth: u32, codes: &mut [u16]) {
    let depth = 15 - code.leading_zeros();
    if depth >= max_depth || ix.len() < MIN_SPLIT {
        for &i in &ix {
            codes[i as usize] = code;
        }
        return;
    }
    let (left, right) = two_means(v, dims, &ix);
    if left.is_empty() || right.is_empty() {
        for &i in &ix {
            codes[i as usize] = code;
        }
        return;
    }
    split(v, dims, left, code << 1, max_depth, codes);
    split(v, dims, right, (code << 1) | 1, max_depth, codes);
}

fn row(v: &[f32], dims: usize, i: u32) -> &[f32] {
    &v[i as usize * dims..(i as usize + 1) * dims]
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Splits `ix` in two: first by the sign along the principal direction (power
/// iteration from the first word), then a few rounds of 2-means.
fn two_means(v: &[f32], dims: usize, ix: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let mut mean = vec![0f32; dims];
    for &i in ix {
        for (m, x) in mean.iter_mut().zip(row(v, dims, i)) {
            *m += x;
        }
    }
    mean.iter_mut().for_each(|m| *m /= ix.len() as f32);
    let centered = |i: u32| -> Vec<f32> {
        row(v, dims, i)
            .iter()
            .zip(&mean)
            .map(|(x, m)| x - m)
            .collect()
    };
    let mut dir = centered(ix[0]);
    for _ in 0..10 {
        let mut next = vec![0f32; dims];
        for &i in ix {
            let c = centered(i);
            let p = dot(&c, &dir);
            for (n, x) in next.iter_mut().zip(&c) {
                *n += p * x;
            }
        }
        let norm = next.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm < 1e-12 {
            break;
        }
        dir = next.iter().map(|x| x / norm).collect();
    }
    let mut side: Vec<bool> = ix.iter().map(|&i| dot(&centered(i), &dir) >= 0.0).collect();
    for _ in 0..5 {
        let mut c = [vec![0f32; dims], vec![0f32; dims]];
        let mut n = [0usize; 2];
        for (&i, &s) in ix.iter().zip(&side) {
            n[usize::from(s)] += 1;
            for (a, x) in c[usize::from(s)].iter_mut().zip(row(v, dims, i)) {
                *a += x;
            }
        }
        if n[0] == 0 || n[1] == 0 {
            break;
        }
        for k in 0..2 {
            c[k].iter_mut().for_each(|a| *a /= n[k] as f32);
        }
        let dist = |i: u32, k: usize| -> f32 {
            row(v, dims, i)
                .iter()
                .zip(&c[k])
                .map(|(x, y)| (x - y) * (x - y))
                .sum()
        };
        for (&i, s) in ix.iter().zip(side.iter_mut()) {
            *s = dist(i, 1) < dist(i, 0);
        }
    }
    let mut left = Vec::new();
    let mut right = Vec::new();
    for (&i, &s) in ix.iter().zip(&side) {
        if s {
            right.push(i);
        } else {
            left.push(i);
        }
    }
    (left, right)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_of_paths() {
        // Path 1011 (depth 4).
        let code = 0b1_1011;
        assert_eq!(prefix(code, 2), 0b1_10);
        assert_eq!(prefix(code, 4), code);
        assert_eq!(prefix(code, 8), code);
        assert_eq!(prefix(0, 4), 0);
    }

    #[test]
    fn words_in_the_same_contexts_share_clusters_and_round_trip() {
        let mut b = ClusterBuilder::default();
        let mut sentences = Vec::new();
        for (name, place) in [
            ("Lan", "Huế"),
            ("Minh", "Vinh"),
            ("Hoa", "Huế"),
            ("Lan", "Vinh"),
        ] {
            for verb in ["nói", "đến", "ở", "về"] {
                let s = format!("ông {name} {verb} tỉnh {place} hôm nay");
                sentences.push(s.split(' ').map(str::to_string).collect::<Vec<_>>());
            }
        }
        let doc = crate::document_from_words("t", &sentences);
        b.add(&doc);
        let opts = ClusterOptions {
            min_count: 1,
            contexts: 20,
            dims: 16,
            depth: 4,
            ..ClusterOptions::default()
        };
        let t = Clusters::from_bytes(&b.finish(&opts).to_bytes()).unwrap();
        let c = |w: &str| t.path(w);
        assert_ne!(c("lan"), 0);
        assert_eq!(c("chưa thấy"), 0);
        assert_eq!(prefix(c("lan"), 1), prefix(c("minh"), 1));
        assert_ne!(t.syllable_path("lan"), 0);
        assert!(Clusters::from_bytes(b"junk").is_err());
    }
}
