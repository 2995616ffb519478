//! A first-order structured perceptron over BIO tags, decoded with Viterbi.
//!
//! Weights are stored per feature key as one row of `TAGS` numbers. At prediction time
//! rows live in an open-addressing table keyed by the 64-bit feature hash, so scoring a
//! word is one probe per feature and no allocation.

// Tag loops index several parallel fixed-size arrays at once; ranges read clearer.
#![allow(clippy::needless_range_loop)]

use std::io::{Read, Write};

use crate::Error;

/// Number of tags: `O` and B/I for PER, LOC and ORG.
pub(crate) const TAGS: usize = 7;
/// Tag names, indexed by tag code.
pub(crate) const TAG_NAMES: [&str; TAGS] =
    ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"];

const MAGIC: &[u8; 6] = b"THNER1";

/// Spans of a sequence of tag codes as `(start, end, type)`, the type being 1 (PER),
/// 2 (LOC) or 3 (ORG): the spans [`crate::bio_spans`] finds in the tag names, without
/// reading the names. Code 0 is `O`, odd codes `B-`, even codes `I-` of type
/// `(code + 1) / 2`.
pub(crate) fn code_spans(tags: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, u8)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let ty = tag.div_ceil(2);
        let inside = tag != 0 && tag % 2 == 0;
        if inside && matches!(open, Some((_, t)) if t == ty) {
            continue;
        }
        if let Some((s, t)) = open.take() {
            out.push((s, i, t));
        }
        if tag != 0 {
            open = Some((i, ty));
        }
    }
    if let Some((s, t)) = open {
        out.push((s, tags.len(), t));
    }
    out
}

/// Whether tag `cur` may follow tag `prev` (`None`: sentence start).
fn allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true;
    }
    // An I- tag continues a B- or I- tag of the same type.
    matches!(prev, Some(p) if p != 0 && p.div_ceil(2) == cur / 2)
}

/// Trained weights, ready to tag.
#[derive(Clone, Debug)]
pub(crate) struct Model {
    table: Table,
    /// Weight of one quantization step.
    scale: f32,
    /// `trans[prev][cur]`, with `prev == TAGS` for the sentence start.
    trans: [[f32; TAGS]; TAGS + 1],
}

/// One feature: its key and its weights, quantized. Key and weights share a cache line,
/// so a lookup costs one memory access.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: u64,
    weights: [i16; TAGS],
}

/// Open addressing from a feature key to its weights; key 0 marks an empty slot.
#[derive(Clone, Debug, Default)]
struct Table {
    slots: Vec<Slot>,
    mask: usize,
    len: usize,
    /// One bit per key hash, 16 bits per key: most lookups are of features the model
    /// never kept, and this small bit set (it stays in cache, the slots do not) turns
    /// nearly all of them away before a slot is read.
    filter: Vec<u64>,
}

impl Table {
    fn with_capacity(n: usize) -> Table {
        // Load factor at most 1/2: most lookups are of features the model never kept,
        // and a miss probes until an empty slot.
        let size = (n * 2 + 1).next_power_of_two().max(16);
        let bits = (n * 16 + 1).next_power_of_two().max(64);
        Table {
            slots: vec![Slot::default(); size],
            mask: size - 1,
            len: 0,
            filter: vec![0; bits / 64],
        }
    }

    /// The filter word and bit of a key, from hash bits the slot index does not use.
    #[inline]
    fn filter_bit(&self, key: u64) -> (usize, u64) {
        let h = key.wrapping_mul(0xD6E8_FEB8_6659_FD93).rotate_left(32);
        let bit = h as usize & (self.filter.len() * 64 - 1);
        (bit / 64, 1 << (bit % 64))
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        ((key ^ (key >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20) as usize & self.mask
    }

    fn insert(&mut self, key: u64, weights: [i16; TAGS]) {
        let key = key.max(1);
        let mut i = self.slot(key);
        while self.slots[i].key != 0 && self.slots[i].key != key {
            i = (i + 1) & self.mask;
        }
        if self.slots[i].key == 0 {
            self.len += 1;
        }
        self.slots[i] = Slot { key, weights };
        let (word, bit) = self.filter_bit(key);
        self.filter[word] |= bit;
    }

    #[inline]
    fn get(&self, key: u64) -> Option<&[i16; TAGS]> {
        if self.slots.is_empty() {
            return None;
        }
        let key = key.max(1);
        let (word, bit) = self.filter_bit(key);
        if self.filter[word] & bit == 0 {
            return None;
        }
        let mut i = self.slot(key);
        loop {
            let slot = &self.slots[i];
            if slot.key == key {
                return Some(&slot.weights);
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

impl Model {
    /// An empty model that tags everything `O`.
    pub(crate) fn empty() -> Model {
        Model {
            table: Table::default(),
            scale: 1.0,
            trans: [[0.0; TAGS]; TAGS + 1],
        }
    }

    /// A model from float rows, quantized to `i16`.
    fn from_rows(keys: &[u64], rows: &[[f32; TAGS]], trans: [[f32; TAGS]; TAGS + 1]) -> Model {
        let max = rows
            .iter()
            .flatten()
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(1e-6);
        let scale = max / f32::from(i16::MAX);
        let mut table = Table::with_capacity(keys.len());
        for (k, row) in keys.iter().zip(rows) {
            table.insert(
                *k,
                row.map(|w| (w / scale).round().clamp(-32767.0, 32767.0) as i16),
            );
        }
        Model {
            table,
            scale,
            trans,
        }
    }

    /// Number of feature rows.
    pub(crate) fn len(&self) -> usize {
        self.table.len
    }

    /// Scores of each tag for one word, from its feature keys.
    #[inline]
    pub(crate) fn emission(&self, feats: &[u64], out: &mut [f32; TAGS]) {
        let mut acc = [0i32; TAGS];
        for &f in feats {
            if let Some(w) = self.table.get(f) {
                for t in 0..TAGS {
                    acc[t] += i32::from(w[t]);
                }
            }
        }
        for t in 0..TAGS {
            out[t] = acc[t] as f32 * self.scale;
        }
    }

    /// Best tag sequence for emissions `em` (one row per word), written into `tags`.
    pub(crate) fn viterbi(
        &self,
        em: &[[f32; TAGS]],
        tags: &mut Vec<u8>,
        back: &mut Vec<[u8; TAGS]>,
    ) {
        viterbi(&self.trans, em, tags, back);
    }

    /// Serializes the model: little-endian, deflated, weights quantized to `i16`.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut slots: Vec<&Slot> = self.table.slots.iter().filter(|s| s.key != 0).collect();
        slots.sort_unstable_by_key(|s| s.key);
        let mut raw = Vec::with_capacity(slots.len() * 24 + 256);
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&(TAGS as u32).to_le_bytes());
        raw.extend_from_slice(&self.scale.to_le_bytes());
        raw.extend_from_slice(&(slots.len() as u32).to_le_bytes());
        for row in &self.trans {
            for w in row {
                raw.extend_from_slice(&w.to_le_bytes());
            }
        }
        for s in slots {
            raw.extend_from_slice(&s.key.to_le_bytes());
            for w in s.weights {
                raw.extend_from_slice(&w.to_le_bytes());
            }
        }
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing into a Vec cannot fail.
        let _ = enc.write_all(&raw);
        enc.finish().unwrap_or_default()
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        let mut raw = Vec::new();
        flate2::read::DeflateDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(|e| Error::model(format!("cannot inflate: {e}")))?;
        let mut r = Reader { buf: &raw, pos: 0 };
        if r.take(6)? != MAGIC {
            return Err(Error::model("not a thoisu NER model"));
        }
        if r.u32()? as usize != TAGS {
            return Err(Error::model("wrong number of tags"));
        }
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        let mut trans = [[0.0; TAGS]; TAGS + 1];
        for row in &mut trans {
            for w in row.iter_mut() {
                *w = r.f32()?;
            }
        }
        if raw.len().saturating_sub(r.pos) != n * (8 + 2 * TAGS) {
            return Err(Error::model("truncated model"));
        }
        let mut table = Table::with_capacity(n);
        for _ in 0..n {
            let k = r.u64()?;
            let mut weights = [0i16; TAGS];
            for w in &mut weights {
                *w = r.i16()?;
            }
            table.insert(k, weights);
        }
        Ok(Model {
            table,
            scale,
            trans,
        })
    }
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let s = self
            .buf
            .get(self.pos..self.pos + n)
            .ok_or_else(|| Error::model("truncated model"))?;
        self.pos += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }
    fn f32(&mut self) -> Result<f32, Error> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }
    fn u64(&mut self) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or_default(),
        ))
    }
    fn i16(&mut self) -> Result<i16, Error> {
        Ok(i16::from_le_bytes(
            self.take(2)?.try_into().unwrap_or_default(),
        ))
    }
}

fn viterbi(
    trans: &[[f32; TAGS]; TAGS + 1],
    em: &[[f32; TAGS]],
    tags: &mut Vec<u8>,
    back: &mut Vec<[u8; TAGS]>,
) {
    tags.clear();
    back.clear();
    if em.is_empty() {
        return;
    }
    let mut score = [f32::NEG_INFINITY; TAGS];
    for t in 0..TAGS {
        if allowed(None, t) {
            score[t] = trans[TAGS][t] + em[0][t];
        }
    }
    back.push([0; TAGS]);
    for e in &em[1..] {
        let mut next = [f32::NEG_INFINITY; TAGS];
        let mut bp = [0u8; TAGS];
        if e[1..].iter().all(|&x| x == f32::NEG_INFINITY) {
            // A word that may only be `O` (far from any name) needs only that column: the
            // others end at -inf whatever comes before, and no best path goes through them.
            for prev in 0..TAGS {
                let s = score[prev] + trans[prev][0];
                if s > next[0] {
                    next[0] = s;
                    bp[0] = prev as u8;
                }
            }
            next[0] += e[0];
            score = next;
            back.push(bp);
            continue;
        }
        for cur in 0..TAGS {
            for prev in 0..TAGS {
                if !allowed(Some(prev), cur) {
                    continue;
                }
                let s = score[prev] + trans[prev][cur];
                if s > next[cur] {
                    next[cur] = s;
                    bp[cur] = prev as u8;
                }
            }
            next[cur] += e[cur];
        }
        score = next;
        back.push(bp);
    }
    let mut best = 0;
    for t in 1..TAGS {
        if score[t] > score[best] {
            best = t;
        }
    }
    tags.resize(em.len(), 0);
    for i in (0..em.len()).rev() {
        tags[i] = best as u8;
        best = usize::from(back[i][best]);
    }
}

/// One training sentence: the feature keys of each word and the gold tags.
#[derive(Clone, Debug, Default)]
pub(crate) struct Example {
    /// Feature keys of all words, concatenated.
    pub feats: Vec<u64>,
    /// End of each word's keys in `feats`.
    pub ends: Vec<u32>,
    /// Gold tag of each word.
    pub gold: Vec<u8>,
}

impl Example {
    fn word(&self, i: usize) -> &[u64] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.feats[start..self.ends[i] as usize]
    }
}

/// Averaged perceptron training state.
pub(crate) struct Trainer {
    rows: Vec<[f32; TAGS]>,
    trans: [[f32; TAGS]; TAGS + 1],
    keys: std::collections::HashMap<u64, u32>,
    totals: Vec<[f32; TAGS]>,
    stamps: Vec<[u32; TAGS]>,
    trans_totals: [[f32; TAGS]; TAGS + 1],
    trans_stamps: [[u32; TAGS]; TAGS + 1],
    step: u32,
}

impl Trainer {
    pub(crate) fn new() -> Trainer {
        Trainer {
            rows: Vec::new(),
            trans: [[0.0; TAGS]; TAGS + 1],
            keys: Default::default(),
            totals: Vec::new(),
            stamps: Vec::new(),
            trans_totals: [[0.0; TAGS]; TAGS + 1],
            trans_stamps: [[0; TAGS]; TAGS + 1],
            step: 0,
        }
    }

    fn emissions(&self, ex: &Example, em: &mut Vec<[f32; TAGS]>) {
        em.clear();
        for i in 0..ex.gold.len() {
            let mut e = [0.0; TAGS];
            for f in ex.word(i) {
                if let Some(&r) = self.keys.get(f) {
                    let row = &self.rows[r as usize];
                    for t in 0..TAGS {
                        e[t] += row[t];
                    }
                }
            }
            em.push(e);
        }
    }

    /// Trains on one example; returns whether the prediction was wrong.
    pub(crate) fn learn(&mut self, ex: &Example, buf: &mut Buffers) -> bool {
        self.step += 1;
        self.emissions(ex, &mut buf.em);
        viterbi(&self.trans, &buf.em, &mut buf.tags, &mut buf.back);
        if buf.tags == ex.gold {
            return false;
        }
        let pred = buf.tags.clone();
        for i in 0..ex.gold.len() {
            let (g, p) = (usize::from(ex.gold[i]), usize::from(pred[i]));
            let (gp, pp) = if i == 0 {
                (TAGS, TAGS)
            } else {
                (usize::from(ex.gold[i - 1]), usize::from(pred[i - 1]))
            };
            if g != p || gp != pp {
                self.update_trans(gp, g, 1.0);
                self.update_trans(pp, p, -1.0);
            }
            if g != p {
                for k in 0..ex.word(i).len() {
                    let f = ex.word(i)[k];
                    self.update(f, g, 1.0);
                    self.update(f, p, -1.0);
                }
            }
        }
        true
    }

    fn update(&mut self, key: u64, tag: usize, delta: f32) {
        let n = self.rows.len() as u32;
        let r = *self.keys.entry(key).or_insert(n) as usize;
        if r == self.rows.len() {
            self.rows.push([0.0; TAGS]);
            self.totals.push([0.0; TAGS]);
            self.stamps.push([0; TAGS]);
        }
        let elapsed = (self.step - self.stamps[r][tag]) as f32;
        self.totals[r][tag] += elapsed * self.rows[r][tag];
        self.stamps[r][tag] = self.step;
        self.rows[r][tag] += delta;
    }

    fn update_trans(&mut self, prev: usize, cur: usize, delta: f32) {
        let elapsed = (self.step - self.trans_stamps[prev][cur]) as f32;
        self.trans_totals[prev][cur] += elapsed * self.trans[prev][cur];
        self.trans_stamps[prev][cur] = self.step;
        self.trans[prev][cur] += delta;
    }

    /// The averaged model so far, with rows whose weights all round to zero dropped.
    #[cfg(test)]
    pub(crate) fn averaged(&self) -> Model {
        let mut sum = WeightSum::default();
        sum.add(self);
        sum.model()
    }
}

/// Averaged weights of several trainers (the same data in different shuffle orders),
/// summed: their mean is one model, as fast as each of them.
#[derive(Debug, Default)]
pub(crate) struct WeightSum {
    rows: std::collections::HashMap<u64, [f32; TAGS]>,
    trans: [[f32; TAGS]; TAGS + 1],
    count: u32,
}

impl WeightSum {
    /// Adds the averaged weights of `t`.
    pub(crate) fn add(&mut self, t: &Trainer) {
        let step = t.step.max(1) as f32;
        let avg = |w: f32, total: f32, stamp: u32| (total + (t.step - stamp) as f32 * w) / step;
        for p in 0..=TAGS {
            for c in 0..TAGS {
                self.trans[p][c] += avg(t.trans[p][c], t.trans_totals[p][c], t.trans_stamps[p][c]);
            }
        }
        for (&key, &r) in &t.keys {
            let r = r as usize;
            let row = self.rows.entry(key).or_insert([0.0; TAGS]);
            for k in 0..TAGS {
                row[k] += avg(t.rows[r][k], t.totals[r][k], t.stamps[r][k]);
            }
        }
        self.count += 1;
    }

    /// The mean of the weights added, with rows whose weights all round to zero dropped.
    pub(crate) fn model(&self) -> Model {
        let n = self.count.max(1) as f32;
        let trans = self.trans.map(|row| row.map(|w| w / n));
        let mut rows = Vec::new();
        let mut kept = Vec::new();
        for (&key, sum) in &self.rows {
            let row = sum.map(|w| w / n);
            if row.iter().any(|w| w.abs() > 1e-3) {
                kept.push(key);
                rows.push(row);
            }
        }
        Model::from_rows(&kept, &rows, trans)
    }
}

/// Scratch space for decoding.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    pub em: Vec<[f32; TAGS]>,
    pub tags: Vec<u8>,
    pub back: Vec<[u8; TAGS]>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(words: &[&[u64]], gold: &[u8]) -> Example {
        let mut ex = Example::default();
        for w in words {
            ex.feats.extend_from_slice(w);
            ex.ends.push(ex.feats.len() as u32);
        }
        ex.gold = gold.to_vec();
        ex
    }

    /// Every sequence of up to four tags gives the spans the tag names give.
    #[test]
    fn code_spans_agree_with_bio_spans() {
        let names = ["", "PER", "LOC", "ORG"];
        for len in 0..=4u32 {
            for n in 0..(TAGS as u32).pow(len) {
                let tags: Vec<u8> = (0..len)
                    .map(|k| (n / (TAGS as u32).pow(k) % TAGS as u32) as u8)
                    .collect();
                let by_name = crate::bio_spans(tags.iter().map(|&t| TAG_NAMES[usize::from(t)]));
                let by_code: Vec<(usize, usize, String)> = code_spans(&tags)
                    .into_iter()
                    .map(|(a, b, t)| (a, b, names[usize::from(t)].to_string()))
                    .collect();
                assert_eq!(by_code, by_name, "{tags:?}");
            }
        }
    }

    #[test]
    fn i_tag_never_follows_o() {
        assert!(!allowed(Some(0), 2));
        assert!(!allowed(None, 4));
        assert!(allowed(Some(1), 2));
        assert!(!allowed(Some(1), 4));
        assert!(allowed(Some(4), 4));
    }

    #[test]
    fn learns_a_toy_pattern_and_round_trips() {
        // Feature 7 marks the start of a person, 8 its continuation, 9 anything else.
        let data = [
            example(&[&[9], &[7], &[8], &[9]], &[0, 1, 2, 0]),
            example(&[&[7], &[9]], &[1, 0]),
            example(&[&[9], &[9], &[7]], &[0, 0, 1]),
        ];
        let mut tr = Trainer::new();
        let mut buf = Buffers::default();
        for _ in 0..5 {
            for ex in &data {
                tr.learn(ex, &mut buf);
            }
        }
        let model = Model::from_bytes(&tr.averaged().to_bytes()).unwrap();
        let test = example(&[&[7], &[8], &[9]], &[1, 2, 0]);
        let mut em = Vec::new();
        for i in 0..3 {
            let mut e = [0.0; TAGS];
            model.emission(test.word(i), &mut e);
            em.push(e);
        }
        model.viterbi(&em, &mut buf.tags, &mut buf.back);
        assert_eq!(buf.tags, vec![1, 2, 0]);
    }

    #[test]
    fn garbage_bytes_are_an_error_not_a_panic() {
        assert!(Model::from_bytes(b"nonsense").is_err());
        assert!(Model::from_bytes(&[]).is_err());
    }
}
