//! Scoring: exact-span NER scores on VLSP 2016 column files (conlleval-style, by
//! character spans of text rebuilt from the words), and the share of mentions resolved
//! to canonical entities on a news corpus.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;

use thoisu_doc::{Document, EntityKind, Span};

use crate::conll::{detokenize, document_from_words, read_vlsp, GoldSentence};
use crate::{EntityExtractor, Error};

/// Precision, recall and F1 of one entity type (or of all, micro-averaged).
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct TypeScores {
    /// Predicted spans that match a gold span exactly, with the same type.
    pub true_positives: usize,
    /// Predicted spans that match none.
    pub false_positives: usize,
    /// Gold spans not predicted.
    pub false_negatives: usize,
}

impl TypeScores {
    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// F1: harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: &TypeScores) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// NER scores per type (`PER`, `LOC`, `ORG`) and micro-averaged over them.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct NerScores {
    /// Scores per type.
    pub per_type: BTreeMap<String, TypeScores>,
    /// Sentences scored.
    pub sentences: usize,
}

impl NerScores {
    /// Micro-averaged scores over all types.
    pub fn micro(&self) -> TypeScores {
        let mut all = TypeScores::default();
        for s in self.per_type.values() {
            all.add(s);
        }
        all
    }

    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: &NerScores) {
        for (ty, s) in &other.per_type {
            self.per_type.entry(ty.clone()).or_default().add(s);
        }
        self.sentences += other.sentences;
    }

    /// A table with P, R and F1 per type and micro-averaged.
    pub fn table(&self) -> String {
        let mut out = String::from("type   P       R       F1      gold\n");
        let row = |name: &str, s: &TypeScores| {
            format!(
                "{name:<6} {:.4}  {:.4}  {:.4}  {}\n",
                s.precision(),
                s.recall(),
                s.f1(),
                s.true_positives + s.false_negatives
            )
        };
        for (ty, s) in &self.per_type {
            out.push_str(&row(ty, s));
        }
        out.push_str(&row("micro", &self.micro()));
        out
    }
}

/// The VLSP type of a mention kind (`None`: not scored).
pub(crate) fn vlsp_type(kind: EntityKind) -> Option<&'static str> {
    match kind {
        EntityKind::Person => Some("PER"),
        EntityKind::Country | EntityKind::Place | EntityKind::Region => Some("LOC"),
        EntityKind::Organization | EntityKind::ArmedGroup => Some("ORG"),
        EntityKind::Treaty | EntityKind::Other => None,
    }
}

/// The names a document's mentions make, as VLSP would mark them: written names, not
/// anaphora, title-only mentions or demonyms (VLSP calls "người Mỹ" MISC), outermost
/// only. A person named again by one word ("ông Mai", linked back to "Lê Văn Mai") is a
/// written name too.
pub fn name_spans(doc: &Document) -> Vec<(Span, &'static str)> {
    let mut spans: Vec<(Span, &'static str)> = doc
        .mentions
        .iter()
        .filter(|m| {
            // Coreference: "nước này" is anaphora, "ông Mai" a name.
            (m.method != "coreference" || m.kind == EntityKind::Person)
                && m.method != "demonym"
                && !(m.method == "title"
                    && m.role.as_deref().is_some_and(|r| m.text.starts_with(r)))
        })
        // VLSP keeps a lowercase head in a name ("tỉnh Kontum"); the tagger learned
        // that, while the rules' lowercase bodies ("quân đội Mỹ") are not names.
        .filter(|m| {
            m.method == "tagger"
                || m.text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .filter_map(|m| Some((m.span, vlsp_type(m.kind)?)))
        .collect();
    spans.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    spans.dedup_by_key(|(s, _)| *s);
    let all = spans.clone();
    spans.retain(|(s, _)| !all.iter().any(|(o, _)| o != s && o.contains(*s)));
    spans
}

/// How a sentence's raw text becomes tokens and words before entity extraction.
pub enum Segmentation<'a> {
    /// Use the gold words (tokens are their syllables).
    Gold,
    /// Run this function on a document holding only the raw text (for example
    /// `thoisu_text::analyze` then `thoisu_segment::segment_document`).
    Pipeline(&'a mut dyn FnMut(&mut Document)),
}

/// Scores the extractor on gold sentences, each rebuilt as raw text and analysed alone.
pub fn eval_sentences(
    ex: &mut EntityExtractor,
    sentences: &[GoldSentence],
    mut seg: Segmentation<'_>,
) -> NerScores {
    let mut scores = NerScores::default();
    for ty in ["PER", "LOC", "ORG"] {
        scores
            .per_type
            .insert(ty.to_string(), TypeScores::default());
    }
    for (i, s) in sentences.iter().enumerate() {
        let (text, word_spans) = detokenize(&s.words);
        let mut doc = match &mut seg {
            Segmentation::Gold => {
                document_from_words(&format!("s{i}"), std::slice::from_ref(&s.words))
            }
            Segmentation::Pipeline(run) => {
                let mut d = Document::new(format!("s{i}"), text.clone());
                run(&mut d);
                d
            }
        };
        ex.extract(&mut doc);
        let gold: HashSet<(usize, usize, String)> = s
            .spans()
            .into_iter()
            .filter(|(_, _, t)| matches!(t.as_str(), "PER" | "LOC" | "ORG"))
            .map(|(a, b, t)| (word_spans[a].start, word_spans[b - 1].end, t))
            .collect();
        let pred: HashSet<(usize, usize, String)> = name_spans(&doc)
            .into_iter()
            .map(|(sp, t)| (sp.start, sp.end, t.to_string()))
            .collect();
        for ty in ["PER", "LOC", "ORG"] {
            let g: HashSet<_> = gold.iter().filter(|x| x.2 == ty).collect();
            let p: HashSet<_> = pred.iter().filter(|x| x.2 == ty).collect();
            let tp = g.intersection(&p).count();
            let e = scores.per_type.entry(ty.to_string()).or_default();
            e.true_positives += tp;
            e.false_positives += p.len() - tp;
            e.false_negatives += g.len() - tp;
        }
        scores.sentences += 1;
    }
    scores
}

/// Scores the extractor on a VLSP 2016 column file (PER, LOC, ORG; exact spans).
pub fn eval_ner(
    path: &std::path::Path,
    ex: &mut EntityExtractor,
    seg: Segmentation<'_>,
) -> Result<NerScores, Error> {
    let sentences = read_vlsp(path)?;
    Ok(eval_sentences(ex, &sentences, seg))
}

/// How many mentions of a corpus resolve to canonical entities.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct ResolutionReport {
    /// Articles analysed.
    pub articles: usize,
    /// Words in them.
    pub words: usize,
    /// Mentions found.
    pub mentions: usize,
    /// Mentions linked to a canonical entity.
    pub resolved: usize,
    /// Mentions per method (`gazetteer`, `tagger`, …).
    pub by_method: BTreeMap<String, usize>,
    /// The most frequent unresolved mentions, with their counts.
    pub top_unresolved: Vec<(String, usize)>,
    /// The most frequent misspelling links (`text -> entity`), to check them by eye.
    pub top_fuzzy: Vec<(String, usize)>,
}

impl ResolutionReport {
    /// Share of mentions resolved to a canonical entity.
    pub fn share(&self) -> f64 {
        ratio(self.resolved, self.mentions)
    }
}

/// Reads a JSON Lines corpus (gzip when the name ends in `.gz`), analyses each article
/// whose id starts with `id_prefix` with `analyze` and the extractor, and counts
/// resolved mentions. `limit` caps the number of articles.
pub fn resolution_report(
    path: &std::path::Path,
    id_prefix: &str,
    ex: &mut EntityExtractor,
    analyze: &mut dyn FnMut(&mut Document),
    limit: usize,
) -> Result<ResolutionReport, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(std::io::BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(std::io::BufReader::new(file))
    };
    let mut report = ResolutionReport::default();
    let mut unresolved: HashMap<String, usize> = HashMap::new();
    let mut fuzzy: HashMap<String, usize> = HashMap::new();
    for line in reader.lines() {
        let line = line.map_err(|e| Error::io(path, e))?;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let id = v["id"].as_str().unwrap_or_default();
        if !id.starts_with(id_prefix) {
            continue;
        }
        let mut doc = Document::new(id, v["text"].as_str().unwrap_or_default());
        doc.date = v["date"].as_str().map(str::to_string);
        analyze(&mut doc);
        ex.extract(&mut doc);
        report.articles += 1;
        report.words += doc.words.len();
        for m in &doc.mentions {
            report.mentions += 1;
            *report.by_method.entry(m.method.clone()).or_insert(0) += 1;
            if let (Some(e), "fuzzy") = (m.entity, m.method.as_str()) {
                *fuzzy
                    .entry(format!("{} -> {}", m.text, doc.entities[e].name))
                    .or_insert(0) += 1;
            }
            if m.entity.is_some_and(|e| doc.entities[e].canonical) {
                report.resolved += 1;
            } else {
                *unresolved.entry(m.text.clone()).or_insert(0) += 1;
            }
        }
        if report.articles >= limit {
            break;
        }
    }
    report.top_unresolved = most_frequent(unresolved, 20);
    report.top_fuzzy = most_frequent(fuzzy, 20);
    Ok(report)
}

fn most_frequent(counts: HashMap<String, usize>, n: usize) -> Vec<(String, usize)> {
    let mut top: Vec<(String, usize)> = counts.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(n);
    top
}
