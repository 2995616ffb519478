//! One sentence as the recognizer sees it: token keys, word views, gazetteer matches,
//! title positions and tagger features. Buffers are reused from sentence to sentence.

use thoisu_doc::{Document, EntityKind};

use crate::features::{first_syllable, last_syllable, shape_into, word_features, WordView};
use crate::gazetteer::{push_lower, starts_upper, GazMatch, Gazetteer};
use crate::rules::{PhraseTable, Title};

/// The word range of each sentence, from one walk over `doc.words`.
pub(crate) fn sentence_words(doc: &Document) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::with_capacity(doc.sentences.len());
    let mut w = 0;
    for s in &doc.sentences {
        while w < doc.words.len() && doc.words[w].tokens.start < s.tokens.start {
            w += 1;
        }
        let first = w;
        while w < doc.words.len() && doc.words[w].tokens.start < s.tokens.end {
            w += 1;
        }
        out.push(first..w);
    }
    out
}

/// Reusable per-sentence state.
#[derive(Debug, Default)]
pub(crate) struct SentenceBuf {
    /// Lowercase normalized form of each token, in `keys`, as byte ranges.
    keys: String,
    key_ranges: Vec<(usize, usize)>,
    /// The lowercase form and shape of the word whose view is being built.
    words: String,
    /// Whether each word has a capital, a digit or a gazetteer match.
    anchor: Vec<bool>,
    /// First token of the sentence (document index).
    pub tok0: usize,
    /// First word of the sentence (document index).
    pub word0: usize,
    /// Gazetteer matches, in sentence token positions.
    pub matches: Vec<GazMatch>,
    /// For each sentence token position, whether a title ends right before it, and the
    /// title's start and its entry.
    pub title_before: Vec<Option<(usize, usize)>>,
    /// Gazetteer code of each word.
    pub gaz: Vec<u8>,
    /// Tagger features, concatenated, and each word's end in them.
    pub feats: Vec<u64>,
    pub feat_ends: Vec<u32>,
    /// Whether each word lies farther than [`NEAR`] words from any word with a capital
    /// or a digit, or a gazetteer match: such a word is outside every name.
    pub far: Vec<bool>,
    /// Whether far words get no features (at prediction; training sees every word).
    pub skip_far: bool,
    views: Vec<WordView>,
    bounds: Vec<u8>,
    scratch: String,
}

impl SentenceBuf {
    /// A buffer for prediction: far words get no features.
    pub(crate) fn predicting() -> SentenceBuf {
        SentenceBuf {
            skip_far: true,
            ..SentenceBuf::default()
        }
    }

    /// Lowercase key of sentence token `i`.
    pub(crate) fn key(&self, i: usize) -> &str {
        let (s, e) = self.key_ranges[i];
        &self.keys[s..e]
    }

    /// Keys of sentence tokens from `i` on.
    pub(crate) fn keys_from(&self, i: usize) -> impl Iterator<Item = &str> + '_ {
        (i..self.key_ranges.len()).map(|k| self.key(k))
    }

    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.key_ranges.len()
    }

    /// Number of words.
    pub(crate) fn word_count(&self) -> usize {
        self.gaz.len()
    }

    /// Feature keys of word `i`.
    pub(crate) fn word_feats(&self, i: usize) -> &[u64] {
        let start = if i == 0 {
            0
        } else {
            self.feat_ends[i - 1] as usize
        };
        &self.feats[start..self.feat_ends[i] as usize]
    }

    /// Fills the buffer for sentence `s` of `doc`.
    pub(crate) fn fill(
        &mut self,
        doc: &Document,
        s: usize,
        words: std::ops::Range<usize>,
        gaz: &Gazetteer,
        titles: &PhraseTable<Title>,
    ) {
        let sent = &doc.sentences[s];
        let tokens = &doc.tokens[sent.tokens.range()];
        self.tok0 = sent.tokens.start;
        self.word0 = words.start;
        self.keys.clear();
        self.key_ranges.clear();
        for t in tokens {
            let start = self.keys.len();
            push_lower(t.norm(doc), &mut self.keys);
            self.key_ranges.push((start, self.keys.len()));
        }
        let (keys, ranges) = (&self.keys, &self.key_ranges);
        let pairs: Vec<(&str, &str)> = tokens
            .iter()
            .zip(ranges)
            .map(|(t, &(a, b))| (t.text(doc), &keys[a..b]))
            .collect();
        gaz.find(&pairs, &mut self.matches, &mut self.scratch);
        // A name is whole words: "Tuy" is not a place inside "Tuy nhiên".
        let n = tokens.len();
        let mut bounds = std::mem::take(&mut self.bounds);
        bounds.clear();
        bounds.resize(n + 1, 0);
        for w in &doc.words[words.clone()] {
            let (a, b) = (w.tokens.start - self.tok0, w.tokens.end - self.tok0);
            bounds[a.min(n)] |= 1;
            bounds[b.min(n)] |= 2;
        }
        // The segmenter sometimes glues two names ("Ấn Độ S."): a match may end inside a
        // word when the word goes on with a capital.
        let glued = |end: usize| tokens.get(end).is_some_and(|t| starts_upper(t.text(doc)));
        self.matches
            .retain(|m| bounds[m.start] & 1 != 0 && (bounds[m.end] & 2 != 0 || glued(m.end)));
        self.bounds = bounds;
        self.find_titles(titles);
        self.fill_words(doc, words, gaz);
    }

    fn find_titles(&mut self, titles: &PhraseTable<Title>) {
        let n = self.len();
        self.title_before.clear();
        self.title_before.resize(n + 1, None);
        let mut buf = std::mem::take(&mut self.scratch);
        for i in 0..n {
            if let Some((len, _)) = titles.longest(self.keys_from(i), &mut buf) {
                // The longest title wins: "Thủ tướng" over its tail "tướng".
                let slot = &mut self.title_before[i + len];
                if slot.is_none() {
                    *slot = Some((i, len));
                }
            }
        }
        self.scratch = buf;
    }

    fn fill_words(&mut self, doc: &Document, words: std::ops::Range<usize>, gaz: &Gazetteer) {
        self.gaz.clear();
        self.anchor.clear();
        for w in &doc.words[words.clone()] {
            let code = gaz_code(&self.matches, w.tokens.start - self.tok0, gaz);
            self.gaz.push(code);
            self.anchor
                .push(code != 0 || has_capital_or_digit(w.text(doc)));
        }
        self.mark_far();
        let mut views = std::mem::take(&mut self.views);
        views.clear();
        for (i, w) in doc.words[words].iter().enumerate() {
            // A far word beyond the reach of every word with features is never read.
            let view = if self.needs_view(i) {
                self.view(doc, w, i)
            } else {
                WordView::default()
            };
            views.push(view);
        }
        self.feats.clear();
        self.feat_ends.clear();
        for i in 0..views.len() {
            if !(self.skip_far && self.far[i]) {
                word_features(&views, i, &mut self.feats);
            }
            self.feat_ends.push(self.feats.len() as u32);
        }
        self.views = views;
    }

    /// The view of word `i`, `w`: its lowercase syllables joined by spaces and its shape
    /// are written into `self.words` only to be hashed.
    fn view(&mut self, doc: &Document, w: &thoisu_doc::Word, i: usize) -> WordView {
        let first = w.tokens.start - self.tok0;
        let last = w.tokens.end - 1 - self.tok0;
        self.words.clear();
        for k in first..=last {
            if k > first {
                self.words.push(' ');
            }
            let (a, b) = self.key_ranges[k];
            self.words.push_str(&self.keys[a..b]);
        }
        let le = self.words.len();
        for (k, t) in w.tokens.range().enumerate() {
            if k > 0 {
                self.words.push('_');
            }
            shape_into(doc.tokens[t].text(doc), &mut self.words);
        }
        let caps = crate::caps::CapStats::embedded();
        let caps = (caps.bucket(self.key(first)), caps.bucket(self.key(last)));
        let lower = &self.words[..le];
        WordView::new(
            lower,
            &self.words[le..],
            self.gaz[i],
            self.title_before[first].is_some(),
            caps,
            word_clusters(crate::clusters::Clusters::embedded(), lower),
        )
    }
}

/// Whether a word holds a capital or an ASCII digit: exactly when its shape (see
/// [`shape_into`]) holds `X`, `A` or `d`.
fn has_capital_or_digit(text: &str) -> bool {
    if text.is_ascii() {
        return text
            .bytes()
            .any(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    }
    text.chars()
        .any(|c| c.is_ascii_digit() || crate::chars::is_upper(c))
}

/// How many words from an anchor (a capital, a digit, a gazetteer match) a word may
/// lie and still be tagged: the tagger's context reaches two words each side, and
/// lowercase words inside a long name follow its capitals closely.
const NEAR: usize = 3;

impl SentenceBuf {
    /// Whether word `i` has features, or is a neighbour (two words each side) of one
    /// that has: a far word beyond that is never read.
    fn needs_view(&self, i: usize) -> bool {
        let n = self.far.len();
        !self.skip_far || self.far[i.saturating_sub(2)..(i + 3).min(n)].contains(&false)
    }

    /// Fills `far` from the words' anchors (a capital, a digit, a gazetteer match).
    fn mark_far(&mut self) {
        let n = self.anchor.len();
        self.far.clear();
        self.far.resize(n, true);
        for i in 0..n {
            if self.anchor[i] {
                self.far[i.saturating_sub(NEAR)..(i + NEAR + 1).min(n)].fill(false);
            }
        }
    }
}

/// The gazetteer code (see `features::GAZ_NAMES`) of the word starting at token `tok`.
fn gaz_code(matches: &[GazMatch], tok: usize, gaz: &Gazetteer) -> u8 {
    let Some(m) = matches.iter().find(|m| m.start <= tok && tok < m.end) else {
        return 0;
    };
    let Some(&first) = m.entries.first() else {
        return 0;
    };
    let base = match gaz.entry(first).kind {
        EntityKind::Person => 1,
        EntityKind::Country | EntityKind::Place | EntityKind::Region => 3,
        EntityKind::Organization | EntityKind::ArmedGroup => 5,
        _ => return 0,
    };
    if m.start == tok {
        base
    } else {
        base + 1
    }
}

/// Cluster paths of a lowercase word and of its first and last syllables.
fn word_clusters(clusters: &crate::clusters::Clusters, lower: &str) -> [u16; 3] {
    use crate::clusters::word_hash;
    let (whole, syllable) = clusters.codes(word_hash(lower));
    let first = first_syllable(lower);
    if first.len() == lower.len() {
        // A one-syllable word: one probe gives both.
        return [whole, syllable, syllable];
    }
    [
        whole,
        clusters.codes(word_hash(first)).1,
        clusters.codes(word_hash(last_syllable(lower))).1,
    ]
}
