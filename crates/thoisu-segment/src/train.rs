//! Training: an averaged perceptron over the gaps between syllables.
//!
//! Each gap of the training text becomes one example whose features are the syllable
//! n-grams and class n-grams of the window around it, the dictionary words around it,
//! and what the rest of the training data says of the n-grams around it: how often
//! each occurs and how often as a word, counted without the sentence's own tenth of the
//! data so that training sees what a new text sees. Sentences of a file the model is
//! adapted to (`+adapt`) also train their own copy of the gap bigram and the trigrams,
//! which the model adds to the shared weights. Weights are integers during
//! training (so the result does not depend on float summation order), averaged at the
//! end of each epoch, merged into the prediction tables and quantized to `i16`.
//!
//! Determinism: feature indices are given in order of first occurrence in the data, the
//! shuffle uses a seeded generator, and every table is sorted before it is written.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::eval::{self, GoldSentence, Scores, Tokenized};
use crate::features::{
    self, shift, window_positions, Weights, CLASSES, CLASS_TABLE, FIRST_SYLLABLE, MAX_ID,
    MAX_NGRAM, PAD, UNKNOWN,
};
use crate::model::Parts;
use crate::{Error, Segmenter};

/// A gold file to train on, and the share of its last sentences kept apart as a dev set.
#[derive(Clone, Debug)]
pub struct TrainSource {
    /// CoNLL-U or underscore-format file.
    pub path: PathBuf,
    /// Fraction (0 to 1) of the file's sentences, taken from the end, used only for dev.
    pub holdout: f64,
    /// How many times each training sentence of the file is seen per epoch (at least 1):
    /// weights a small corpus against a large one whose conventions differ.
    pub repeat: usize,
    /// Whether the file's sentences also train their own copy of the weights most tied
    /// to a treebank's conventions (the bigram across the gap and the trigrams), which
    /// the model adds to the shared ones: the model is adapted to this file's text and
    /// conventions, while every file trains the shared weights.
    pub adapt: bool,
}

impl std::str::FromStr for TrainSource {
    type Err = String;

    /// Parses `PATH[@HOLDOUT][*REPEAT][+adapt]`: the share of the file's last sentences
    /// held out as dev, how many times each remaining sentence is seen per epoch, and
    /// whether the model is adapted to the file ([`TrainSource::adapt`]).
    fn from_str(spec: &str) -> Result<TrainSource, String> {
        let (spec, adapt) = match spec.strip_suffix("+adapt") {
            Some(rest) => (rest, true),
            None => (spec, false),
        };
        let (rest, repeat) = match spec.rsplit_once('*') {
            Some((p, r)) => (p, r.parse().map_err(|_| format!("bad repeat in `{spec}`"))?),
            None => (spec, 1),
        };
        let (path, holdout) = match rest.rsplit_once('@') {
            Some((p, h)) => (
                p,
                h.parse().map_err(|_| format!("bad holdout in `{spec}`"))?,
            ),
            None => (rest, 0.0),
        };
        Ok(TrainSource {
            path: PathBuf::from(path),
            holdout,
            repeat,
            adapt,
        })
    }
}

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Training files.
    pub train: Vec<TrainSource>,
    /// Extra dev files, scored after every epoch.
    pub dev: Vec<PathBuf>,
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffle.
    pub seed: u64,
    /// Syllables seen fewer times than this in training count as unknown.
    pub min_count: u32,
    /// Quantized weights of at most this magnitude are dropped.
    pub prune: i16,
    /// Features seen in fewer training gaps than this are dropped.
    pub min_feature_count: u32,
    /// A word list (one word per line, syllables separated by spaces, `.gz` allowed)
    /// whose matches in a sentence are features: gap before, inside, after a word.
    /// `None` uses the list shipped with the crate (`data/models/segment-dict.txt.gz`,
    /// embedded); an empty file trains without dictionary features.
    pub dictionary: Option<PathBuf>,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            train: Vec::new(),
            dev: Vec::new(),
            epochs: 14,
            seed: 20_130,
            min_count: 2,
            prune: 0,
            min_feature_count: 1,
            dictionary: None,
        }
    }
}

/// Progress after one epoch.
#[derive(Clone, Debug)]
pub struct EpochReport {
    /// 1-based epoch number.
    pub epoch: usize,
    /// Training gaps the model got wrong during the epoch (before its update).
    pub mistakes: usize,
    /// Training gaps seen.
    pub gaps: usize,
    /// Scores of the averaged model on each dev set, by name.
    pub dev: Vec<(String, Scores)>,
}

impl std::fmt::Display for EpochReport {
    /// One line: epoch, training error rate, and F1 (P, R) on each dev set.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let error = self.mistakes as f64 / self.gaps.max(1) as f64;
        write!(f, "epoch {:2}  train error {error:.4}", self.epoch)?;
        for (name, s) in &self.dev {
            write!(
                f,
                "  {name} F1 {:.4} (P {:.4} R {:.4})",
                s.f1, s.precision, s.recall
            )?;
        }
        Ok(())
    }
}

/// Feature templates; the number is part of the key of a training feature.
const UNIGRAM: u8 = 0; // + q, q < window_positions(1)
const BIGRAM: u8 = UNIGRAM + window_positions(1) as u8; // + q, q < window_positions(2)
const TRIGRAM: u8 = BIGRAM + window_positions(2) as u8; // + q, q < window_positions(3)
const CLASS_NGRAM: u8 = TRIGRAM + window_positions(3) as u8; // + sub-window index, 0..10
const BIAS: u8 = CLASS_NGRAM + 10;
/// + 3 × (length - 2) + (0 gap after the word, 1 inside, 2 before).
const DICTIONARY: u8 = BIAS + 1;
/// What the rest of the training data says of an n-gram that is a word there or in the
/// dictionary; the content packs length, place, dictionary membership and two buckets
/// ([`stats_content`]).
const STATS: u8 = DICTIONARY + 9;
/// Added to the template of a shared feature: its copy trained by the sentences of the
/// files the model is adapted to ([`TrainSource::adapt`]), added to it in the model.
const ADAPTED: u8 = STATS + 1;

/// Whether a shared template has a copy for adapted sentences: the bigram across the
/// gap and the trigrams, where the conventions of two treebanks differ most. Copying
/// every template overfits the small adapted file (VLSP dev −0.004, UD-VTB dev −0.0006
/// against these); copying the unigrams too loses 0.0007 on VLSP dev.
fn is_adapted(template: u8) -> bool {
    template == BIGRAM + 1 || (TRIGRAM..CLASS_NGRAM).contains(&template)
}

/// Training sentences are counted in this many folds, so that the statistics a sentence
/// sees leave out its own fold, as a new text's do.
const FOLDS: usize = 10;

type Vector = [f64; 6];

/// The contiguous sub-windows of the 4-token class window.
const SUB_WINDOWS: [(usize, usize); 10] = [
    (0, 1),
    (1, 2),
    (2, 3),
    (3, 4),
    (0, 2),
    (1, 3),
    (2, 4),
    (0, 3),
    (1, 4),
    (0, 4),
];

/// Trains a segmenter; `on_epoch` hears after each epoch.
pub fn train(
    opts: &TrainOptions,
    mut on_epoch: impl FnMut(&EpochReport),
) -> Result<Segmenter, Error> {
    let (train_set, dev_sets) = load(opts)?;
    let dictionary = load_dictionary(opts.dictionary.as_deref())?;
    let mut data = Data::build(&train_set, &dictionary, opts.min_count)?;
    data.drop_rare_features(opts.min_feature_count);
    let mut learner = Learner::new(data.keys.len());
    let mut order: Vec<u32> = (0..data.labels.len() as u32).collect();
    let mut rng = SplitMix(opts.seed);
    let mut model = None;
    for epoch in 1..=opts.epochs.max(1) {
        shuffle(&mut order, &mut rng);
        let mistakes = learner.epoch(&data, &order);
        let segmenter = data.build_model(&learner.averaged(), opts.prune)?;
        let dev = dev_sets
            .iter()
            .map(|(name, gold)| (name.clone(), eval::score(&segmenter, gold)))
            .collect();
        on_epoch(&EpochReport {
            epoch,
            mistakes,
            gaps: order.len(),
            dev,
        });
        model = Some(segmenter);
    }
    model.ok_or_else(|| Error::model("no epoch ran"))
}

type Named = Vec<(String, Vec<GoldSentence>)>;

/// A training sentence and whether the model is adapted to its file.
type Sentence = (GoldSentence, bool);

fn load(opts: &TrainOptions) -> Result<(Vec<Sentence>, Named), Error> {
    let mut train = Vec::new();
    let mut dev = Vec::new();
    for source in &opts.train {
        let mut gold = eval::read_gold(&source.path)?;
        let keep = gold.len() - (gold.len() as f64 * source.holdout.clamp(0.0, 1.0)) as usize;
        let held = gold.split_off(keep);
        if !held.is_empty() {
            dev.push((
                format!("{} (last {})", file_name(&source.path), held.len()),
                held,
            ));
        }
        for _ in 0..source.repeat.max(1) {
            train.extend(gold.iter().map(|g| (g.clone(), source.adapt)));
        }
    }
    for path in &opts.dev {
        dev.push((file_name(path), eval::read_gold(path)?));
    }
    if train.is_empty() {
        return Err(Error::model("no training sentences"));
    }
    Ok((train, dev))
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Training examples as flat arrays.
struct Data {
    /// Training vocabulary: lowercase syllable per training id (from FIRST_SYLLABLE).
    syllables: Vec<String>,
    /// Dictionary words as (length, n-gram key of training ids).
    dictionary: Vec<(usize, u64)>,
    /// Per (length, key): dictionary membership and counts by fold.
    stats: HashMap<(usize, u64), Stat>,
    /// Feature key per feature index.
    keys: Vec<(u8, u64)>,
    /// Feature indices of all gaps, back to back; gap i owns `features[ends[i-1]..ends[i]]`.
    features: Vec<u32>,
    ends: Vec<u32>,
    labels: Vec<bool>,
}

/// One training sentence reduced to what the features need.
struct Prepared {
    ids: Vec<u32>,
    classes: Vec<u8>,
    alone: Vec<bool>,
    joins: Vec<bool>,
    /// The fold the sentence is counted in: by its text, so that a sentence repeated in
    /// the data is always in one fold and never counts for itself.
    fold: usize,
    /// Whether its file is one the model is adapted to.
    adapt: bool,
}

/// FNV-1a of the sentence text, modulo [`FOLDS`].
fn fold_of(text: &str) -> usize {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    });
    (hash % FOLDS as u64) as usize
}

impl Data {
    fn build(gold: &[Sentence], dictionary: &[Vec<String>], min_count: u32) -> Result<Data, Error> {
        let tokenized: Vec<(Tokenized, Vec<bool>)> = gold
            .iter()
            .map(|(g, _)| {
                let tok = Tokenized::new(&g.text);
                let joins = eval::gold_joins(&tok, &g.words);
                (tok, joins)
            })
            .collect();
        let vocab = build_vocab(&tokenized, dictionary, min_count);
        if vocab.len() as u64 + FIRST_SYLLABLE as u64 > MAX_ID as u64 {
            return Err(Error::model("training vocabulary too large"));
        }
        let mut ids: HashMap<&str, u32> = HashMap::new();
        for (i, s) in vocab.iter().enumerate() {
            ids.insert(s.as_str(), FIRST_SYLLABLE + i as u32);
        }
        let words = dictionary_keys(dictionary, &ids);
        let mut lower = String::new();
        let prepared: Vec<Prepared> = tokenized
            .iter()
            .zip(gold)
            .map(|((tok, joins), (g, adapt))| {
                let mut p = prepare(tok, joins, &ids, &mut lower);
                p.fold = fold_of(&g.text);
                p.adapt = *adapt;
                p
            })
            .collect();
        let stats = count_stats(&prepared, &words);
        let mut data = Data {
            syllables: vocab.clone(),
            dictionary: words.iter().copied().collect(),
            stats,
            keys: Vec::new(),
            features: Vec::new(),
            ends: Vec::new(),
            labels: Vec::new(),
        };
        let mut index: HashMap<(u8, u64), u32> = HashMap::new();
        let mut window = Vec::new();
        let mut matches = Vec::new();
        let mut known = Vec::new();
        for p in &prepared {
            dictionary_matches(&p.ids, &words, &mut matches);
            data.stats_matches(&p.ids, p.fold, &mut known);
            for g in 0..p.joins.len() {
                if p.alone[g] || p.alone[g + 1] {
                    continue;
                }
                window.clear();
                gap_features(&p.ids, &p.classes, g, &mut window);
                dictionary_features(&matches, g, &mut window);
                stats_features(&known, g, &mut window);
                if p.adapt {
                    adapted_copies(&mut window);
                }
                for key in &window {
                    let next = data.keys.len() as u32;
                    let f = *index.entry(*key).or_insert(next);
                    if f == next {
                        data.keys.push(*key);
                    }
                    data.features.push(f);
                }
                data.ends.push(data.features.len() as u32);
                data.labels.push(p.joins[g]);
            }
        }
        Ok(data)
    }

    /// Removes features seen in fewer than `min` gaps from every gap's list.
    fn drop_rare_features(&mut self, min: u32) {
        if min <= 1 {
            return;
        }
        let mut counts = vec![0u32; self.keys.len()];
        for &f in &self.features {
            counts[f as usize] += 1;
        }
        let mut kept = Vec::with_capacity(self.features.len());
        let mut start = 0;
        for end in self.ends.iter_mut() {
            for &f in &self.features[start..*end as usize] {
                if counts[f as usize] >= min {
                    kept.push(f);
                }
            }
            start = *end as usize;
            *end = kept.len() as u32;
        }
        self.features = kept;
    }

    fn gap(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.features[start..self.ends[i] as usize]
    }

    /// Merges averaged weights into prediction tables and quantizes them.
    fn build_model(&self, weights: &[f64], prune: i16) -> Result<Segmenter, Error> {
        let mut unigram = vec![[0f64; 6]; self.syllables.len() + FIRST_SYLLABLE as usize];
        let mut ngrams: [BTreeMap<u64, Vector>; MAX_NGRAM - 1] = Default::default();
        let mut other: HashMap<(u8, u64), f64> = HashMap::new();
        for (&(template, content), &w) in self.keys.iter().zip(weights) {
            if w == 0.0 {
                continue;
            }
            // An adapted copy adds to the weight of its shared feature.
            let template = if template >= ADAPTED {
                template - ADAPTED
            } else {
                template
            };
            // Template q of an n-gram is its weight for gap `k - q`: entry `q + shift(n)`.
            match template {
                t if t < BIGRAM => unigram[content as usize][(t - UNIGRAM) as usize] += w,
                t if t < TRIGRAM => {
                    ngrams[0].entry(content).or_default()[(t - BIGRAM) as usize] += w
                }
                t if t < CLASS_NGRAM => {
                    ngrams[1].entry(content).or_default()[(t - TRIGRAM) as usize + shift(3)] += w
                }
                _ => {
                    *other.entry((template, content)).or_default() += w;
                }
            }
        }
        self.merge_dictionary(&other, &mut ngrams);
        self.merge_stats(&other, &mut ngrams);
        let classes = merge_classes(&other);
        let max = max_abs(&unigram, &ngrams, &classes);
        let q = Quantizer {
            scale: 32_000.0 / max.max(1e-9),
            prune,
        };
        let parts = q.parts(&self.syllables, &unigram, &ngrams, &classes);
        Segmenter::from_parts(parts)
    }

    /// Adds the dictionary weights to the n-gram entry of every dictionary word: entry 0
    /// is the gap after the word, entries 1..n the gaps inside, entry n the gap before.
    fn merge_dictionary(
        &self,
        weights: &HashMap<(u8, u64), f64>,
        ngrams: &mut [BTreeMap<u64, Vector>],
    ) {
        let weight = |n: usize, place: usize| {
            weights
                .get(&(dictionary_template(n, place), 0))
                .copied()
                .unwrap_or(0.0)
        };
        for &(n, key) in &self.dictionary {
            let entry = ngrams[n - 2].entry(key).or_default();
            add_word_weights(entry, n, [0, 1, 2].map(|place| weight(n, place)));
        }
    }
}

impl Data {
    /// The n-grams of a sentence with statistics, as (first token, length, content
    /// without place): counted without fold `fold`, or over every fold if `fold` is
    /// `FOLDS`. Only n-grams that are dictionary words or words elsewhere fire.
    fn stats_matches(&self, ids: &[u32], fold: usize, out: &mut Vec<(usize, usize, u64)>) {
        out.clear();
        let tokens = &ids[PAD..ids.len() - PAD];
        for start in 0..tokens.len() {
            for n in 2..=MAX_NGRAM.min(tokens.len() - start) {
                let Some(key) = features::ngram_key(&tokens[start..start + n]) else {
                    continue;
                };
                if let Some(stat) = self.stats.get(&(n, key)) {
                    if let Some(c) = stat.content(n, fold) {
                        out.push((start, n, c));
                    }
                }
            }
        }
    }

    /// Adds the statistics weights to the n-gram entry of every n-gram with statistics,
    /// as [`Data::merge_dictionary`] does for dictionary words.
    fn merge_stats(&self, weights: &HashMap<(u8, u64), f64>, ngrams: &mut [BTreeMap<u64, Vector>]) {
        let weight = |c: u64, place: u64| weights.get(&(STATS, c | place)).copied().unwrap_or(0.0);
        for (&(n, key), stat) in &self.stats {
            let Some(c) = stat.content(n, FOLDS) else {
                continue;
            };
            let w = [0, 1, 2].map(|place| weight(c, place));
            if w != [0.0; 3] {
                add_word_weights(ngrams[n - 2].entry(key).or_default(), n, w);
            }
        }
    }
}

/// Counts of one n-gram by fold: how often it occurs, and how often as a gold word.
#[derive(Default)]
struct Stat {
    dictionary: bool,
    occurs: [u32; FOLDS],
    word: [u32; FOLDS],
}

impl Stat {
    /// The feature content (place bits left zero) from the counts outside `fold`, or
    /// `None` when the n-gram is neither a dictionary word nor a word in those folds.
    fn content(&self, n: usize, fold: usize) -> Option<u64> {
        let minus = |a: &[u32; FOLDS]| {
            let all: u32 = a.iter().sum();
            all - a.get(fold).copied().unwrap_or(0)
        };
        let (occurs, word) = (minus(&self.occurs), minus(&self.word));
        if !self.dictionary && word == 0 {
            return None;
        }
        Some(stats_content(n, self.dictionary, occurs, word))
    }
}

/// Packs length, dictionary membership, a bucket of the count and one of the share of
/// occurrences that are words; the low 2 bits are left for the place.
fn stats_content(n: usize, dictionary: bool, occurs: u32, word: u32) -> u64 {
    let count = match occurs {
        0 => 0,
        1 => 1,
        2..=3 => 2,
        4..=9 => 3,
        10..=99 => 4,
        _ => 5,
    };
    let share = if occurs == 0 {
        0
    } else if word == 0 {
        1
    } else if word == occurs {
        7
    } else {
        2 + (5 * word / occurs).min(4) as u64
    };
    ((((n as u64) * 2 + dictionary as u64) * 8 + count) * 8 + share) << 2
}

/// Counts, by fold, the occurrences of every n-gram that is a gold word somewhere in
/// training or a dictionary word, and how many of them are gold words.
fn count_stats(
    prepared: &[Prepared],
    dictionary: &std::collections::BTreeSet<(usize, u64)>,
) -> HashMap<(usize, u64), Stat> {
    let mut stats: HashMap<(usize, u64), Stat> = HashMap::new();
    for &(n, key) in dictionary {
        stats.entry((n, key)).or_default().dictionary = true;
    }
    for p in prepared {
        for (start, n) in gold_words(p) {
            if let Some(key) = features::ngram_key(&p.ids[PAD + start..PAD + start + n]) {
                stats.entry((n, key)).or_default();
            }
        }
    }
    for p in prepared {
        let tokens = &p.ids[PAD..p.ids.len() - PAD];
        let words: std::collections::HashSet<(usize, usize)> = gold_words(p).collect();
        for start in 0..tokens.len() {
            for n in 2..=MAX_NGRAM.min(tokens.len() - start) {
                let Some(key) = features::ngram_key(&tokens[start..start + n]) else {
                    continue;
                };
                if let Some(stat) = stats.get_mut(&(n, key)) {
                    stat.occurs[p.fold] += 1;
                    if words.contains(&(start, n)) {
                        stat.word[p.fold] += 1;
                    }
                }
            }
        }
    }
    stats
}

/// The gold words of 2 to 4 tokens of a sentence, as (first token, length).
fn gold_words(p: &Prepared) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    let tokens = p.joins.len() + 1;
    (0..tokens).filter_map(move |i| {
        if i + 1 < tokens && p.joins[i] {
            return None;
        }
        let word = (start, i + 1 - start);
        start = i + 1;
        (2..=MAX_NGRAM).contains(&word.1).then_some(word)
    })
}

/// Adds to a gap's features the adapted copies of its copied templates.
fn adapted_copies(window: &mut Vec<(u8, u64)>) {
    for i in 0..window.len() {
        let (template, content) = window[i];
        if is_adapted(template) {
            window.push((template + ADAPTED, content));
        }
    }
}

/// The statistics features of gap `g`.
fn stats_features(known: &[(usize, usize, u64)], g: usize, out: &mut Vec<(u8, u64)>) {
    for &(start, n, content) in known {
        if let Some(place) = place(start, n, g) {
            out.push((STATS, content | place as u64));
        }
    }
}

fn build_vocab(
    tokenized: &[(Tokenized, Vec<bool>)],
    dictionary: &[Vec<String>],
    min_count: u32,
) -> Vec<String> {
    let mut counts: HashMap<String, (u32, usize)> = HashMap::new();
    let mut lower = String::new();
    for (tok, _) in tokenized {
        for (text, kind) in tok.pieces() {
            if features::fixed_id(kind).is_some() {
                continue;
            }
            features::lowercase_into(text, &mut lower);
            let next = counts.len();
            counts.entry(lower.clone()).or_insert((0, next)).0 += 1;
        }
    }
    // Dictionary syllables need ids so dictionary words can be keyed.
    for syllable in dictionary.iter().flatten() {
        let next = counts.len();
        counts.entry(syllable.clone()).or_insert((0, next)).0 += min_count;
    }
    let mut kept: Vec<(usize, String)> = counts
        .into_iter()
        .filter(|(_, (n, _))| *n >= min_count)
        .map(|(s, (_, first))| (first, s))
        .collect();
    kept.sort_unstable();
    kept.into_iter().map(|(_, s)| s).collect()
}

fn prepare(
    tok: &Tokenized,
    joins: &[bool],
    ids: &HashMap<&str, u32>,
    lower: &mut String,
) -> Prepared {
    let mut p = Prepared {
        ids: vec![features::BEGIN; PAD],
        classes: vec![features::PAD_CLASS; PAD],
        alone: Vec::new(),
        joins: joins.to_vec(),
        fold: 0,
        adapt: false,
    };
    for (text, kind) in tok.pieces() {
        let id = features::fixed_id(kind).unwrap_or_else(|| {
            features::lowercase_into(text, lower);
            ids.get(lower.as_str()).copied().unwrap_or(UNKNOWN)
        });
        p.ids.push(id);
        p.classes.push(features::class_of(text, kind));
        p.alone.push(features::stands_alone(kind));
    }
    p.ids.extend([features::END; PAD]);
    p.classes.extend([features::PAD_CLASS; PAD]);
    p
}

/// The word list shipped with the crate, made by `scripts/make_dictionary.sh`.
static SHIPPED_DICTIONARY: &[u8] = include_bytes!("../../../data/models/segment-dict.txt.gz");

/// The word list at `path`, or the shipped one.
fn load_dictionary(path: Option<&Path>) -> Result<Vec<Vec<String>>, Error> {
    match path {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            read_dictionary(&bytes).map_err(|e| Error::io(path, e))
        }
        None => read_dictionary(SHIPPED_DICTIONARY)
            .map_err(|e| Error::io(Path::new("segment-dict.txt.gz"), e)),
    }
}

/// Reads a word list: one word per line, syllables separated by spaces, gzip allowed.
/// Words are normalized like the text and lowercased; only 2 to 4 syllables are kept.
fn read_dictionary(bytes: &[u8]) -> Result<Vec<Vec<String>>, std::io::Error> {
    let text = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(bytes), &mut s)?;
        s
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    };
    let mut lower = String::new();
    let mut words = Vec::new();
    for line in text.lines() {
        let norm = crate::text::normalize(line.trim());
        features::lowercase_into(&norm.text, &mut lower);
        let syllables: Vec<String> = lower.split_whitespace().map(str::to_string).collect();
        if (2..=MAX_NGRAM).contains(&syllables.len()) {
            words.push(syllables);
        }
    }
    Ok(words)
}

/// Dictionary words as (length, key of training ids), sorted and without duplicates.
fn dictionary_keys(
    dictionary: &[Vec<String>],
    ids: &HashMap<&str, u32>,
) -> std::collections::BTreeSet<(usize, u64)> {
    let mut out = std::collections::BTreeSet::new();
    for word in dictionary {
        let word_ids: Option<Vec<u32>> =
            word.iter().map(|s| ids.get(s.as_str()).copied()).collect();
        if let Some(key) = word_ids.as_deref().and_then(features::ngram_key) {
            out.insert((word.len(), key));
        }
    }
    out
}

/// Dictionary words found in a sentence, as (first token, length).
fn dictionary_matches(
    ids: &[u32],
    words: &std::collections::BTreeSet<(usize, u64)>,
    out: &mut Vec<(usize, usize)>,
) {
    out.clear();
    let tokens = &ids[PAD..ids.len() - PAD];
    for start in 0..tokens.len() {
        for n in 2..=MAX_NGRAM.min(tokens.len() - start) {
            let found = features::ngram_key(&tokens[start..start + n])
                .is_some_and(|key| words.contains(&(n, key)));
            if found {
                out.push((start, n));
            }
        }
    }
}

fn dictionary_template(n: usize, place: usize) -> u8 {
    DICTIONARY + 3 * (n as u8 - 2) + place as u8
}

/// The dictionary features of gap `g` (between tokens g and g+1).
fn dictionary_features(matches: &[(usize, usize)], g: usize, out: &mut Vec<(u8, u64)>) {
    for &(start, n) in matches {
        if let Some(place) = place(start, n, g) {
            out.push((dictionary_template(n, place), 0));
        }
    }
}

/// Where gap `g` lies for the word of `n` tokens from token `start`: 0 right after it,
/// 1 inside, 2 right before, `None` elsewhere.
fn place(start: usize, n: usize, g: usize) -> Option<usize> {
    if g + 1 == start {
        Some(2)
    } else if g + 1 == start + n {
        Some(0)
    } else if start <= g && g + 1 < start + n {
        Some(1)
    } else {
        None
    }
}

/// Adds a word's weights for the gap after it, the gaps inside and the gap before to
/// its n-gram entry (entry 0 is the gap after the word, 1..n inside, n before).
fn add_word_weights(entry: &mut Vector, n: usize, [after, inside, before]: [f64; 3]) {
    entry[0] += after;
    for e in &mut entry[1..n] {
        *e += inside;
    }
    entry[n] += before;
}

/// The training features of gap `g` (between tokens g and g+1; padded ids). Template
/// `q` of an n-gram is the n-gram starting at padded position `g + q`, the same layout
/// the prediction tables use.
fn gap_features(ids: &[u32], classes: &[u8], g: usize, out: &mut Vec<(u8, u64)>) {
    for q in 0..window_positions(1) {
        out.push((UNIGRAM + q as u8, ids[g + q] as u64));
    }
    for q in 0..window_positions(2) {
        out.push((
            BIGRAM + q as u8,
            features::bigram_key(ids[g + q], ids[g + q + 1]),
        ));
    }
    for q in 0..window_positions(3) {
        out.push((
            TRIGRAM + q as u8,
            features::trigram_key(ids[g + q], ids[g + q + 1], ids[g + q + 2]),
        ));
    }
    let window = &classes[g + PAD - 1..g + PAD + 3];
    for (i, &(a, b)) in SUB_WINDOWS.iter().enumerate() {
        out.push((CLASS_NGRAM + i as u8, class_code(&window[a..b])));
    }
    out.push((BIAS, 0));
}

fn class_code(classes: &[u8]) -> u64 {
    classes
        .iter()
        .fold(0u64, |acc, &c| acc * CLASSES as u64 + c as u64)
}

/// The class table: for every window of classes, the sum of its class features and bias.
fn merge_classes(weights: &HashMap<(u8, u64), f64>) -> Vec<f64> {
    let mut table = vec![0.0; CLASS_TABLE];
    let bias = weights.get(&(BIAS, 0)).copied().unwrap_or(0.0);
    let mut window = [0u8; 4];
    for (index, slot) in table.iter_mut().enumerate() {
        let mut rest = index;
        for c in window.iter_mut().rev() {
            *c = (rest % CLASSES) as u8;
            rest /= CLASSES;
        }
        // Summed in a fixed order, so the result is the same on every run.
        let mut sum = bias;
        for (i, &(a, b)) in SUB_WINDOWS.iter().enumerate() {
            sum += weights
                .get(&(CLASS_NGRAM + i as u8, class_code(&window[a..b])))
                .copied()
                .unwrap_or(0.0);
        }
        *slot = sum;
    }
    table
}

fn max_abs(unigram: &[Vector], ngrams: &[BTreeMap<u64, Vector>], classes: &[f64]) -> f64 {
    let vectors = unigram.iter().chain(ngrams.iter().flat_map(|t| t.values()));
    let m = vectors
        .flat_map(|w| w.iter())
        .fold(0.0f64, |m, w| m.max(w.abs()));
    classes.iter().fold(m, |m, w| m.max(w.abs()))
}

struct Quantizer {
    scale: f64,
    prune: i16,
}

impl Quantizer {
    fn one(&self, w: f64) -> i16 {
        let v = (w * self.scale).round().clamp(-32_767.0, 32_767.0) as i16;
        if v.abs() <= self.prune {
            0
        } else {
            v
        }
    }

    fn vector(&self, w: &Vector) -> Weights {
        w.map(|x| self.one(x))
    }

    /// Quantized tables with unused syllables dropped and ids renumbered in string order.
    fn parts(
        &self,
        syllables: &[String],
        unigram: &[Vector],
        ngrams: &[BTreeMap<u64, Vector>; MAX_NGRAM - 1],
        classes: &[f64],
    ) -> Parts {
        let uni: Vec<Weights> = unigram.iter().map(|w| self.vector(w)).collect();
        let tables = ngrams.each_ref().map(|t| self.nonzero(t));
        let mut used = vec![false; uni.len()];
        for (id, w) in uni.iter().enumerate() {
            used[id] = w.iter().any(|&x| x != 0) || id < FIRST_SYLLABLE as usize;
        }
        for (i, table) in tables.iter().enumerate() {
            for &(key, _) in table {
                for id in features::unpack_key(i + 2, key) {
                    used[id as usize] = true;
                }
            }
        }
        let mut kept: Vec<(&str, u32)> = (FIRST_SYLLABLE as usize..uni.len())
            .filter(|&id| used[id])
            .map(|id| (syllables[id - FIRST_SYLLABLE as usize].as_str(), id as u32))
            .collect();
        kept.sort_unstable();
        let mut renumber: Vec<u32> = (0..uni.len() as u32).collect();
        for (i, &(_, old)) in kept.iter().enumerate() {
            renumber[old as usize] = FIRST_SYLLABLE + i as u32;
        }
        let mut unigram_out = uni[..FIRST_SYLLABLE as usize].to_vec();
        unigram_out.extend(kept.iter().map(|&(_, old)| uni[old as usize]));
        Parts {
            syllables: kept.iter().map(|(s, _)| s.to_string()).collect(),
            unigram: unigram_out,
            ngrams: [2, 3, 4].map(|n| renumbered(n, &tables[n - 2], &renumber)),
            classes: classes.iter().map(|&w| self.one(w)).collect(),
        }
    }

    fn nonzero(&self, table: &BTreeMap<u64, Vector>) -> Vec<(u64, Weights)> {
        table
            .iter()
            .map(|(&k, w)| (k, self.vector(w)))
            .filter(|(_, w)| w.iter().any(|&x| x != 0))
            .collect()
    }
}

/// Entries with ids renumbered, sorted by their new keys; entries whose new ids no
/// longer fit in a key are dropped.
fn renumbered(n: usize, entries: &[(u64, Weights)], renumber: &[u32]) -> Vec<(u64, Weights)> {
    let mut out: Vec<(u64, Weights)> = entries
        .iter()
        .filter_map(|&(key, w)| {
            let ids: Vec<u32> = features::unpack_key(n, key)
                .iter()
                .map(|&id| renumber[id as usize])
                .collect();
            features::ngram_key(&ids).map(|k| (k, w))
        })
        .collect();
    out.sort_unstable_by_key(|e| e.0);
    out
}

/// Averaged perceptron with integer weights.
struct Learner {
    weights: Vec<i64>,
    /// Sum over updates of step × change, for the average.
    stepped: Vec<i64>,
    step: i64,
}

impl Learner {
    fn new(n: usize) -> Learner {
        Learner {
            weights: vec![0; n],
            stepped: vec![0; n],
            step: 1,
        }
    }

    fn epoch(&mut self, data: &Data, order: &[u32]) -> usize {
        let mut mistakes = 0;
        for &i in order {
            let feats = data.gap(i as usize);
            let score: i64 = feats.iter().map(|&f| self.weights[f as usize]).sum();
            let y: i64 = if data.labels[i as usize] { 1 } else { -1 };
            if y * score <= 0 {
                mistakes += 1;
                for &f in feats {
                    self.weights[f as usize] += y;
                    self.stepped[f as usize] += y * self.step;
                }
            }
            self.step += 1;
        }
        mistakes
    }

    /// The averaged weights: w - stepped / step.
    fn averaged(&self) -> Vec<f64> {
        let step = self.step as f64;
        self.weights
            .iter()
            .zip(&self.stepped)
            .map(|(&w, &s)| w as f64 - s as f64 / step)
            .collect()
    }
}

/// splitmix64: small, fixed, and enough for a shuffle.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn shuffle(items: &mut [u32], rng: &mut SplitMix) {
    for i in (1..items.len()).rev() {
        let j = (rng.next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scratch;
    use std::str::FromStr;

    #[test]
    fn a_spec_parses_holdout_repeat_and_adapt() {
        let s: TrainSource = "a/b.conllu@0.1*3+adapt".parse().unwrap();
        assert_eq!(s.path, PathBuf::from("a/b.conllu"));
        assert_eq!((s.holdout, s.repeat, s.adapt), (0.1, 3, true));
        let s: TrainSource = "train.txt".parse().unwrap();
        assert_eq!((s.holdout, s.repeat, s.adapt), (0.0, 1, false));
    }

    #[test]
    fn a_word_seen_only_in_its_own_fold_gives_no_statistics() {
        let mut stat = Stat::default();
        stat.occurs[3] = 2;
        stat.word[3] = 2;
        stat.occurs[5] = 1;
        assert_eq!(stat.content(2, 3), None);
        assert!(stat.content(2, 5).is_some());
        assert!(stat.content(2, FOLDS).is_some());
        stat.dictionary = true;
        assert!(stat.content(2, 3).is_some());
    }

    #[test]
    fn statistics_tell_a_word_from_a_split_sequence() {
        let word = stats_content(2, true, 6, 6);
        let split = stats_content(2, true, 6, 1);
        let unseen = stats_content(2, true, 0, 0);
        assert!(word != split && split != unseen && word != unseen);
        assert_ne!(stats_content(3, true, 6, 6), word);
        assert_eq!(word & 3, 0, "the low bits are left for the place");
    }

    #[test]
    fn gold_words_are_runs_of_joined_gaps() {
        let p = Prepared {
            ids: vec![0; 6 + 2 * PAD],
            classes: Vec::new(),
            alone: vec![false; 6],
            joins: vec![true, false, true, true, false],
            fold: 0,
            adapt: false,
        };
        assert_eq!(gold_words(&p).collect::<Vec<_>>(), [(0, 2), (2, 3)]);
    }

    /// Writes `lines` to a file named `name` in a fresh folder of the temp dir.
    fn write(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        path
    }

    /// A model trained on many sentences that join `người_dân` and a few that split it,
    /// adapted to the few or not.
    fn people_model(adapt: bool) -> Segmenter {
        let dir = std::env::temp_dir().join(format!("thoisu-adapt-{}-{adapt}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let places = ["làng", "xã", "huyện", "phố", "tỉnh"];
        let verbs = ["đi", "về", "ở", "họp", "làm"];
        let main: Vec<String> = (0..40)
            .map(|i| format!("Hôm nay người_dân {} {} Ba .", verbs[i % 5], places[i / 8]))
            .collect();
        // The same sentences: only the adapted copies can tell the two files apart.
        let few: Vec<String> = main[..8].iter().map(|s| s.replace('_', " ")).collect();
        let opts = TrainOptions {
            train: vec![
                TrainSource::from_str(write(&dir, "main.txt", &main).to_str().unwrap()).unwrap(),
                TrainSource {
                    adapt,
                    ..TrainSource::from_str(write(&dir, "few.txt", &few).to_str().unwrap()).unwrap()
                },
            ],
            epochs: 5,
            dictionary: Some(write(&dir, "empty.txt", &[])),
            ..TrainOptions::default()
        };
        let model = train(&opts, |_| {}).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        model
    }

    #[test]
    fn an_adapted_file_overrides_the_shared_convention() {
        let line = "Hôm nay người dân về tỉnh Ba .";
        let mut scratch = Scratch::default();
        let mut out = String::new();
        let mut seg = |model: &Segmenter| {
            out.clear();
            model.segment_line(line, &mut out, &mut scratch);
            out.clone()
        };
        assert!(seg(&people_model(false)).contains("người_dân"));
        assert!(!seg(&people_model(true)).contains("người_dân"));
    }
}
