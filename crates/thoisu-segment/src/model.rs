//! The segmenter: weight tables, prediction, and the model file format.
//!
//! Prediction follows vaporetto's layout: every n-gram of syllable ids is looked up
//! once per sentence, and its weight vector holds its contribution to each gap it can
//! see, so one probe serves up to four gaps. The weights of all class features (and the
//! bias) are merged at build time into one table indexed by the classes of the window.

use std::sync::OnceLock;

use thoisu_doc::TokenKind;

use crate::features::{
    self, shift, width, Weights, CLASS_TABLE, FIRST_SYLLABLE, MAX_ID, MAX_NGRAM, OFFSET, PAD,
    PAD_CLASS, SPAN,
};
use crate::rules::{self, Rule, Shape};
use crate::table::{NgramTable, StrTable};
use crate::text::{self, RawToken};
use crate::Error;

/// The model file embedded in the library.
static EMBEDDED: &[u8] = include_bytes!("../../../data/models/segment.bin");

const MAGIC: &[u8; 8] = b"THSEG\0\0\x03";

/// A trained word segmenter. Cheap to share across threads; all mutable state lives in
/// a [`Scratch`].
#[derive(Clone, Debug)]
pub struct Segmenter {
    /// Lowercase syllables, in id order starting at [`FIRST_SYLLABLE`].
    syllables: Vec<String>,
    /// Syllable (and case variant) to id.
    vocab: StrTable,
    /// Per id: its weight for each gap whose window holds it, from the gap where it is the
    /// last token of the window to the gap where it is the first.
    unigram: Vec<[i16; SPAN]>,
    /// Bigrams, trigrams and 4-grams: window features and dictionary words. The last
    /// weight of a bigram holds flags instead ([`STARTS_TRIGRAM`], [`STARTS_QUADGRAM`]).
    bigram: NgramTable<{ width(2) + 1 }>,
    trigram: NgramTable<{ width(3) }>,
    quadgram: NgramTable<{ width(4) }>,
    /// Indexed by [`features::class_index`]; includes the bias.
    classes: Vec<i16>,
}

/// The bigram, trigram and 4-gram tables.
type Tables = (
    NgramTable<{ width(2) + 1 }>,
    NgramTable<{ width(3) }>,
    NgramTable<{ width(4) }>,
);

/// Flag of a bigram that starts a trigram with weights.
const STARTS_TRIGRAM: i16 = 1;
/// Flag of a bigram that starts a 4-gram with weights.
const STARTS_QUADGRAM: i16 = 2;

/// Flags the bigrams that start a trigram or a 4-gram, so that prediction looks those up
/// only after such a bigram: about one trigram of news text in ten and one 4-gram in a
/// thousand has weights, and most of the probes that miss are saved.
fn mark_prefixes(tables: &mut Tables) {
    let (bigram, trigram, quadgram) = tables;
    let low = |bits: u32, key: u64| (key & ((1 << bits) - 1)) as u32;
    let starts: Vec<u64> = trigram
        .keys()
        .map(|key| features::bigram_key(low(21, key), low(21, key >> 21)))
        .collect();
    bigram.set_flags(&starts, STARTS_TRIGRAM);
    let starts: Vec<u64> = quadgram
        .keys()
        .map(|key| features::bigram_key(low(16, key), low(16, key >> 16)))
        .collect();
    bigram.set_flags(&starts, STARTS_QUADGRAM);
}

/// Buffers reused from one sentence to the next. Create one per thread.
#[derive(Debug, Default)]
pub struct Scratch {
    ids: Vec<u32>,
    classes: Vec<u8>,
    shapes: Vec<Shape>,
    rules: Vec<Rule>,
    scores: Vec<i32>,
    lower: String,
    keys: Vec<u64>,
    /// Positions and keys of the trigrams to look up.
    trigrams: Vec<(usize, u64)>,
    /// Positions of the 4-grams to look up.
    quadgrams: Vec<usize>,
    tokens: Vec<RawToken>,
    joins: Vec<bool>,
    /// The normalized line, when normalization changes it.
    normalized: String,
}

/// The weights of a model, in the order they are written to a file.
#[derive(Debug, Default)]
pub(crate) struct Parts {
    pub syllables: Vec<String>,
    pub unigram: Vec<Weights>,
    /// Entries of the bigram, trigram and 4-gram tables.
    pub ngrams: [Vec<(u64, Weights)>; MAX_NGRAM - 1],
    pub classes: Vec<i16>,
}

impl Segmenter {
    /// The model shipped with the library (`data/models/segment.bin`), loaded once.
    pub fn embedded() -> &'static Segmenter {
        static MODEL: OnceLock<Segmenter> = OnceLock::new();
        MODEL.get_or_init(|| Segmenter::from_bytes(EMBEDDED).expect("embedded model is valid"))
    }

    /// Reads a model written by [`Segmenter::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Segmenter, Error> {
        let malformed = || Error::model("truncated or malformed");
        let (parts, [bi, tri, quad]) = read_parts(bytes).ok_or_else(malformed)?;
        let tables = (
            NgramTable::from_records(bi, width(2)).ok_or_else(malformed)?,
            NgramTable::from_records(tri, width(3)).ok_or_else(malformed)?,
            NgramTable::from_records(quad, width(4)).ok_or_else(malformed)?,
        );
        Segmenter::assemble(parts, tables)
    }

    pub(crate) fn from_parts(parts: Parts) -> Result<Segmenter, Error> {
        let tables = (
            NgramTable::new(&parts.ngrams[0], width(2)),
            NgramTable::new(&parts.ngrams[1], width(3)),
            NgramTable::new(&parts.ngrams[2], width(4)),
        );
        Segmenter::assemble(parts, tables)
    }

    /// A segmenter of the syllables, unigram and class weights of `parts` (its n-grams
    /// are not read) and the n-gram tables.
    fn assemble(parts: Parts, mut tables: Tables) -> Result<Segmenter, Error> {
        let n = parts.syllables.len();
        if n as u64 + FIRST_SYLLABLE as u64 > MAX_ID as u64 {
            return Err(Error::model("too many syllables"));
        }
        if parts.unigram.len() != n + FIRST_SYLLABLE as usize || parts.classes.len() != CLASS_TABLE
        {
            return Err(Error::model("table sizes do not match"));
        }
        mark_prefixes(&mut tables);
        let mut vocab = StrTable::with_capacity(n * 3);
        let mut buf = String::new();
        for (i, s) in parts.syllables.iter().enumerate() {
            insert_case_variants(&mut vocab, s, FIRST_SYLLABLE + i as u32, &mut buf);
        }
        Ok(Segmenter {
            vocab,
            unigram: parts
                .unigram
                .iter()
                .map(|w| std::array::from_fn(|i| w[i]))
                .collect(),
            bigram: tables.0,
            trigram: tables.1,
            quadgram: tables.2,
            classes: parts.classes,
            syllables: parts.syllables,
        })
    }

    /// The model in its file format (little-endian; see `MODELS.md`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, self.syllables.len());
        for s in &self.syllables {
            put_u32(&mut out, s.len());
            out.extend_from_slice(s.as_bytes());
        }
        for w in &self.unigram {
            put_weights(&mut out, w, SPAN);
        }
        let tables = [
            self.bigram.sorted_entries(),
            self.trigram.sorted_entries(),
            self.quadgram.sorted_entries(),
        ];
        for (i, entries) in tables.into_iter().enumerate() {
            let n = i + 2;
            put_u32(&mut out, entries.len());
            for (key, w) in entries {
                out.extend_from_slice(&key.to_le_bytes());
                put_weights(&mut out, &w, width(n));
            }
        }
        put_weights(&mut out, &self.classes, CLASS_TABLE);
        out
    }

    /// Segments one raw line and appends it to `out`: the syllables of a word joined by
    /// `_`, words separated by one space. The text written is the normalized text.
    pub fn segment_line(&self, line: &str, out: &mut String, scratch: &mut Scratch) {
        let mut buf = std::mem::take(&mut scratch.normalized);
        let norm = text::normalize_text(line, &mut buf);
        let mut tokens = std::mem::take(&mut scratch.tokens);
        text::tokenize(norm, &mut tokens);
        let mut joins = std::mem::take(&mut scratch.joins);
        let mut end = 0;
        let pieces = tokens.iter().map(|t| {
            let spaced = end == 0 || t.start > end;
            end = t.end;
            (&norm[t.start..t.end], t.kind, spaced)
        });
        self.decide(pieces, &mut joins, scratch);
        out.reserve(norm.len() + tokens.len());
        for (i, t) in tokens.iter().enumerate() {
            if i > 0 {
                out.push(if joins[i - 1] { '_' } else { ' ' });
            }
            out.push_str(&norm[t.start..t.end]);
        }
        scratch.tokens = tokens;
        scratch.joins = joins;
        scratch.normalized = buf;
    }

    /// Decides, for each gap between consecutive tokens of one sentence, whether the two
    /// tokens belong to one word. `out` gets `tokens.len() - 1` decisions (none for fewer
    /// than two tokens). `kinds` must be as long as `tokens`; extra entries of either are
    /// ignored. The tokens are taken to be separated by whitespace.
    pub fn joins(
        &self,
        tokens: &[&str],
        kinds: &[TokenKind],
        out: &mut Vec<bool>,
        scratch: &mut Scratch,
    ) {
        let pieces = tokens.iter().zip(kinds).map(|(&t, &k)| (t, k, true));
        self.decide(pieces, out, scratch);
    }

    /// Tokens come as (text, kind, whether whitespace comes before it).
    pub(crate) fn decide<'a>(
        &self,
        tokens: impl Iterator<Item = (&'a str, TokenKind, bool)>,
        out: &mut Vec<bool>,
        s: &mut Scratch,
    ) {
        self.score(tokens, s);
        rules::rules(&s.shapes, &mut s.rules);
        out.clear();
        for (g, rule) in s.rules.iter().enumerate() {
            out.push(match rule {
                Rule::Split => false,
                Rule::Join => true,
                Rule::Free => s.scores[g + OFFSET] > 0,
            });
        }
    }

    /// Fills `s.scores[g + OFFSET]` with the score of gap `g` (positive: join).
    fn score<'a>(&self, tokens: impl Iterator<Item = (&'a str, TokenKind, bool)>, s: &mut Scratch) {
        s.ids.clear();
        s.classes.clear();
        s.shapes.clear();
        let n = tokens.size_hint().0 + 2 * PAD;
        s.ids.reserve(n);
        s.classes.reserve(n);
        s.shapes.reserve(n);
        s.ids.extend([features::BEGIN; PAD]);
        s.classes.extend([PAD_CLASS; PAD]);
        for (token, kind, spaced) in tokens {
            let (id, class) = match features::fixed_id(kind) {
                Some(id) => (id, features::class_of(token, kind)),
                None => self.lookup(token, kind, &mut s.lower),
            };
            s.ids.push(id);
            s.classes.push(class);
            s.shapes.push(Shape::of(token, kind, spaced));
        }
        s.ids.extend([features::END; PAD]);
        s.classes.extend([PAD_CLASS; PAD]);
        let n = s.shapes.len();
        s.scores.clear();
        s.scores.resize(n + 2 * SPAN, 0);
        let ids = std::mem::take(&mut s.ids);
        self.add_ngrams(&ids, s);
        s.ids = ids;
        let sc = &mut s.scores;
        for g in 0..n.saturating_sub(1) {
            // Tokens g-1..=g+2 are at padded positions g+PAD-1..=g+PAD+2.
            let window = &s.classes[g + PAD - 1..g + PAD + 3];
            sc[g + OFFSET] += self.classes[features::class_index(window)] as i32;
        }
    }

    /// An n-gram at padded position `k` adds its weight `i` to gap `k + shift(n) - i`,
    /// that is to `sc[k + shift(n) + OFFSET - i]`. The bigram keys of a sentence are
    /// computed and their slots prefetched first, so the table probes overlap their cache
    /// misses; trigrams and 4-grams are looked up only where a bigram flags them.
    #[inline]
    fn add_ngrams(&self, ids: &[u32], s: &mut Scratch) {
        let sc = &mut s.scores;
        for (k, &id) in ids.iter().enumerate() {
            add(sc, k, &self.unigram[id as usize]);
        }
        s.keys.clear();
        for w in ids.windows(2) {
            let key = features::bigram_key(w[0], w[1]);
            self.bigram.prefetch(key);
            s.keys.push(key);
        }
        s.trigrams.clear();
        s.quadgrams.clear();
        for (k, &key) in s.keys.iter().enumerate() {
            let Some(w) = self.bigram.get(key) else {
                continue;
            };
            let [w0, w1, w2, flags] = *w;
            add(sc, k, &[w0, w1, w2]);
            if flags & STARTS_TRIGRAM != 0 && k + 2 < ids.len() {
                let key = features::trigram_key(ids[k], ids[k + 1], ids[k + 2]);
                self.trigram.prefetch(key);
                s.trigrams.push((k, key));
            }
            if flags & STARTS_QUADGRAM != 0 && k + 3 < ids.len() {
                s.quadgrams.push(k);
            }
        }
        for &(k, key) in &s.trigrams {
            if let Some(w) = self.trigram.get(key) {
                add(sc, k + shift(3), w);
            }
        }
        for &k in &s.quadgrams {
            let key = features::quadgram_key(ids[k], ids[k + 1], ids[k + 2], ids[k + 3]);
            if let Some(w) = key.and_then(|key| self.quadgram.get(key)) {
                add(sc, k + shift(4), w);
            }
        }
    }

    /// Id and character class of a token: the text as written first (case variants are
    /// in the table, each with the class of its text), then its lowercase form.
    #[inline(always)]
    fn lookup(&self, token: &str, kind: TokenKind, lower: &mut String) -> (u32, u8) {
        match self.vocab.get(token) {
            Some((id, class)) if kind == TokenKind::Word => (id, class),
            Some((id, _)) => (id, features::class_of(token, kind)),
            None => self.lookup_lower(token, kind, lower),
        }
    }

    /// The id of a token not found as written: that of its lowercase form.
    #[inline(never)]
    fn lookup_lower(&self, token: &str, kind: TokenKind, lower: &mut String) -> (u32, u8) {
        let class = features::class_of(token, kind);
        features::lowercase_into(token, lower);
        if lower != token {
            if let Some((id, _)) = self.vocab.get(lower) {
                return (id, class);
            }
        }
        (features::UNKNOWN, class)
    }

    /// Number of syllables, bigrams, trigrams and 4-grams with weights.
    pub fn sizes(&self) -> [usize; 4] {
        [
            self.syllables.len(),
            self.bigram.len(),
            self.trigram.len(),
            self.quadgram.len(),
        ]
    }
}

/// Weight `i` goes to gap `base - i`, whose score is at `sc[base + OFFSET - i]`.
#[inline(always)]
fn add<const W: usize>(sc: &mut [i32], base: usize, w: &[i16; W]) {
    let end = base + OFFSET + 1;
    for (s, w) in sc[end - W..end].iter_mut().rev().zip(w) {
        *s += *w as i32;
    }
}

/// Adds a syllable and its capitalized and upper-case forms (those that lowercase back
/// to it), each with its word class. `buf` is reused: this runs for every syllable of
/// the model each time it is loaded.
fn insert_case_variants(vocab: &mut StrTable, lower: &str, id: u32, buf: &mut String) {
    let mut add = |text: &str| vocab.insert(text, id, features::word_class(text));
    add(lower);
    let mut chars = lower.chars();
    if let Some(first) = chars.next() {
        buf.clear();
        buf.extend(first.to_uppercase());
        buf.push_str(chars.as_str());
        if lowercases_to(buf, lower) {
            add(buf);
        }
    }
    buf.clear();
    buf.extend(lower.chars().flat_map(char::to_uppercase));
    if lowercases_to(buf, lower) {
        add(buf);
    }
}

/// `text.to_lowercase() == lower`, without a new string. Character by character is the
/// same except for `Σ`, which `str::to_lowercase` maps by its place in a word.
fn lowercases_to(text: &str, lower: &str) -> bool {
    if text.contains('Σ') {
        return text.to_lowercase() == lower;
    }
    text.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

fn put_u32(out: &mut Vec<u8>, v: usize) {
    out.extend_from_slice(&(v as u32).to_le_bytes());
}

fn put_weights(out: &mut Vec<u8>, w: &[i16], width: usize) {
    for v in &w[..width] {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

/// Reads little-endian fields from a byte slice; `None` when it runs out.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<usize> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn weights(&mut self, width: usize) -> Option<Weights> {
        let b = self.take(width * 2)?;
        let mut w: Weights = [0; 6];
        for (i, pair) in b.chunks_exact(2).enumerate() {
            w[i] = i16::from_le_bytes([pair[0], pair[1]]);
        }
        Some(w)
    }

    /// A count that cannot exceed what is left to read, so a corrupt count fails early.
    fn count(&mut self, item_size: usize) -> Option<usize> {
        let n = self.u32()?;
        (n.checked_mul(item_size)? <= self.bytes.len()).then_some(n)
    }
}

/// The parts of a model file, its n-gram tables left as their records (read by
/// [`NgramTable::from_records`]).
fn read_parts(bytes: &[u8]) -> Option<(Parts, [&[u8]; MAX_NGRAM - 1])> {
    let mut r = Reader { bytes };
    if r.take(8)? != MAGIC {
        return None;
    }
    let mut parts = Parts::default();
    let n = r.count(4)?;
    for _ in 0..n {
        let len = r.u32()?;
        let s = std::str::from_utf8(r.take(len)?).ok()?;
        parts.syllables.push(s.to_string());
    }
    for _ in 0..n + FIRST_SYLLABLE as usize {
        parts.unigram.push(r.weights(width(1))?);
    }
    let mut records = [&[][..]; MAX_NGRAM - 1];
    for (i, table) in records.iter_mut().enumerate() {
        let size = 8 + 2 * width(i + 2);
        let count = r.count(size)?;
        *table = r.take(count * size)?;
    }
    for _ in 0..CLASS_TABLE {
        let b = r.take(2)?;
        parts.classes.push(i16::from_le_bytes([b[0], b[1]]));
    }
    r.bytes.is_empty().then_some((parts, records))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_to_agrees_with_str_to_lowercase() {
        for (text, lower) in [
            ("Quốc", "quốc"),
            ("QUỐC", "quốc"),
            ("İ", "i"),
            ("ΣΑΣ", "σας"),
            ("ΣΑΣ", "σασ"),
            ("Ǆ", "ǆ"),
        ] {
            assert_eq!(
                lowercases_to(text, lower),
                text.to_lowercase() == lower,
                "{text}"
            );
        }
    }
}
