//! Training the tagger: averaged structured perceptron over gold sentences, with a fixed
//! shuffling seed, per-epoch figures and k-fold cross-validation.

use crate::conll::{detokenize, GoldSentence};
use crate::eval::{eval_sentences, NerScores, Segmentation};
use crate::gazetteer::Gazetteer;
use crate::sentence::sentence_words;
use crate::tagger::{Buffers, Example, Model, Trainer, WeightSum, TAG_NAMES};
use crate::EntityExtractor;

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Models trained in different shuffle orders whose weights are averaged into one
    /// (1: a single model, shuffled with `seed`).
    pub shuffles: usize,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 12,
            seed: 20_220_913,
            shuffles: 8,
        }
    }
}

/// A trained tagger and what training printed.
#[derive(Debug)]
pub struct Trained {
    model: Model,
    /// One line per epoch: errors on the training data and dev figures.
    pub log: Vec<String>,
}

impl Trained {
    /// The weights in the committed format (`data/models/ner.bin`).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.model.to_bytes()
    }

    /// Number of feature rows kept.
    pub fn len(&self) -> usize {
        self.model.len()
    }

    /// Whether the model has no features.
    pub fn is_empty(&self) -> bool {
        self.model.len() == 0
    }
}

fn tag_code(tag: &str) -> u8 {
    TAG_NAMES.iter().position(|t| *t == tag).unwrap_or(0) as u8
}

/// The standard analysis before entities: `thoisu_text::analyze`, then
/// `thoisu_segment::segment_document`.
pub fn analyze(doc: &mut thoisu_doc::Document) {
    thoisu_text::analyze(doc);
    thoisu_segment::segment_document(doc);
}

/// Feature keys and gold tags of each sentence, computed as at prediction time: the
/// gold sentence is rebuilt as raw text and analysed by the standard pipeline, and each
/// word takes the tag of the gold span it starts (`B-`) or continues (`I-`).
fn examples(ex: &mut EntityExtractor, data: &[GoldSentence]) -> Vec<Example> {
    let mut out = Vec::with_capacity(data.len());
    // The tagger learns from every word, far from names or not.
    ex.buf.skip_far = false;
    for s in data {
        let (text, spans) = detokenize(&s.words);
        let gold: Vec<(usize, usize, String)> = s
            .spans()
            .into_iter()
            .map(|(a, b, t)| (spans[a].start, spans[b - 1].end, t))
            .collect();
        let mut doc = thoisu_doc::Document::new("train", text);
        analyze(&mut doc);
        for (si, words) in sentence_words(&doc).into_iter().enumerate() {
            ex.buf.fill(&doc, si, words.clone(), &ex.gaz, &ex.titles);
            let mut e = Example::default();
            for i in 0..ex.buf.word_count() {
                e.feats.extend_from_slice(ex.buf.word_feats(i));
                e.ends.push(e.feats.len() as u32);
            }
            e.gold = doc.words[words]
                .iter()
                .map(|w| word_tag(w.span, &gold))
                .collect();
            if e.gold.len() == e.ends.len() && !e.gold.is_empty() {
                out.push(e);
            }
        }
    }
    out
}

fn word_tag(w: thoisu_doc::Span, gold: &[(usize, usize, String)]) -> u8 {
    for (a, b, t) in gold {
        if *a == w.start {
            return tag_code(&format!("B-{t}"));
        }
        if *a < w.start && w.start < *b {
            return tag_code(&format!("I-{t}"));
        }
    }
    0
}

/// A small deterministic generator for shuffling (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Trains a tagger on `train` (rebuilt as raw text and analysed by [`analyze`]) with the
/// gazetteer features of `gaz`; after each epoch, scores the whole extractor on `dev`
/// from raw text and logs the figures.
pub fn train(
    train: &[GoldSentence],
    dev: &[GoldSentence],
    gaz: &Gazetteer,
    opts: &TrainOptions,
) -> Trained {
    let mut ex = EntityExtractor::build(gaz.clone(), Model::empty());
    let data = examples(&mut ex, train);
    // Shuffle k starts from `seed` moved by k golden-ratio steps: a fixed list of seeds.
    let mut runs: Vec<(Vec<usize>, Rng, Trainer)> = (0..opts.shuffles.max(1) as u64)
        .map(|k| {
            let seed = opts
                .seed
                .wrapping_add(k.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            ((0..data.len()).collect(), Rng(seed.max(1)), Trainer::new())
        })
        .collect();
    let mut buf = Buffers::default();
    let mut log = Vec::new();
    for epoch in 1..=opts.epochs {
        let mut errors = 0;
        for (order, rng, trainer) in &mut runs {
            rng.shuffle(order);
            errors += order
                .iter()
                .filter(|&&i| trainer.learn(&data[i], &mut buf))
                .count();
        }
        let mut line = format!(
            "epoch {epoch}: {errors} of {} training sentences wrong",
            data.len() * runs.len()
        );
        if !dev.is_empty() {
            ex.model = mean_model(&runs);
            let mut run = analyze;
            let s = eval_sentences(&mut ex, dev, Segmentation::Pipeline(&mut run));
            let m = s.micro();
            line.push_str(&format!(
                "; dev P {:.4} R {:.4} F1 {:.4}",
                m.precision(),
                m.recall(),
                m.f1()
            ));
        }
        log.push(line);
    }
    Trained {
        model: mean_model(&runs),
        log,
    }
}

fn mean_model(runs: &[(Vec<usize>, Rng, Trainer)]) -> Model {
    let mut sum = WeightSum::default();
    for (_, _, trainer) in runs {
        sum.add(trainer);
    }
    sum.model()
}

/// k-fold cross-validation over `data` (folds by sentence index modulo k), with `extra`
/// added to every training fold. Returns the summed scores of the held-out folds,
/// measured with `score` (for example from raw text through the whole pipeline).
pub fn cross_validate(
    data: &[GoldSentence],
    extra: &[GoldSentence],
    gaz: &Gazetteer,
    k: usize,
    opts: &TrainOptions,
    score: &mut dyn FnMut(&mut EntityExtractor, &[GoldSentence]) -> NerScores,
) -> NerScores {
    let mut total = NerScores::default();
    let k = k.max(2);
    for fold in 0..k {
        let mut train_set: Vec<GoldSentence> = extra.to_vec();
        let mut held = Vec::new();
        for (i, s) in data.iter().enumerate() {
            if i % k == fold {
                held.push(s.clone())
            } else {
                train_set.push(s.clone())
            }
        }
        let trained = train(&train_set, &[], gaz, opts);
        let mut ex = EntityExtractor::build(gaz.clone(), trained.model);
        total.merge(&score(&mut ex, &held));
    }
    total
}
