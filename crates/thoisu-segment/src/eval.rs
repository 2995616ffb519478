//! Gold segmentations and word precision / recall / F1.
//!
//! Gold files come in two formats, detected from their content:
//!
//! * CoNLL-U (UD Vietnamese VTB): a multi-syllable word is one `FORM` with spaces inside.
//! * Underscore format (VLSP 2013): one sentence per line, the syllables of a word joined
//!   by `_`, words separated by spaces.
//!
//! Scoring never uses the gold token boundaries: the raw text of each sentence (the
//! syllables separated by single spaces) is normalized, tokenized and segmented from
//! scratch, and predicted words are compared with gold words by their character spans,
//! whitespace ignored, so differences in how punctuation is tokenized cost nothing
//! unless they change a word.

use std::path::Path;

use thoisu_doc::Span;

use crate::rules::{Rule, Shape};
use crate::text::{self, Normalized, RawToken};
use crate::{Error, Scratch, Segmenter};

/// One gold sentence: its raw text and its words as byte spans of that text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldSentence {
    /// The syllables of the sentence separated by single spaces.
    pub text: String,
    /// The gold words, in order, as byte ranges of `text`.
    pub words: Vec<Span>,
}

impl GoldSentence {
    /// A sentence from its words, each a list of syllables.
    pub fn from_words<'a>(words: impl IntoIterator<Item = Vec<&'a str>>) -> GoldSentence {
        let mut text = String::new();
        let mut spans = Vec::new();
        for syllables in words {
            if syllables.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(&syllables.join(" "));
            spans.push(Span::new(start, text.len()));
        }
        GoldSentence { text, words: spans }
    }
}

/// Word-level scores.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    /// Correct predicted words / predicted words.
    pub precision: f64,
    /// Correct predicted words / gold words.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Sentences scored.
    pub sentences: usize,
    /// Gold words.
    pub words: usize,
}

/// Reads a gold file, CoNLL-U or underscore format (detected from the content).
pub fn read_gold(path: impl AsRef<Path>) -> Result<Vec<GoldSentence>, Error> {
    let path = path.as_ref();
    let content = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Ok(parse_gold(&content))
}

/// Parses gold text, CoNLL-U or underscore format (detected from the content).
pub fn parse_gold(content: &str) -> Vec<GoldSentence> {
    if looks_like_conllu(content) {
        parse_conllu(content)
    } else {
        parse_underscore(content)
    }
}

fn looks_like_conllu(content: &str) -> bool {
    content.lines().take(50).any(|l| {
        l.starts_with("# sent_id") || l.starts_with("# text") || l.split('\t').count() == 10
    })
}

fn parse_conllu(content: &str) -> Vec<GoldSentence> {
    let mut out = Vec::new();
    let mut words: Vec<Vec<&str>> = Vec::new();
    for line in content.lines() {
        if line.trim().is_empty() {
            flush(&mut words, &mut out);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(id), Some(form)) = (cols.next(), cols.next()) else {
            continue;
        };
        // Multiword-token ranges and empty nodes are not words of the text.
        if id.contains('-') || id.contains('.') {
            continue;
        }
        words.push(form.split_whitespace().collect());
    }
    flush(&mut words, &mut out);
    out
}

fn flush(words: &mut Vec<Vec<&str>>, out: &mut Vec<GoldSentence>) {
    if !words.is_empty() {
        out.push(GoldSentence::from_words(words.drain(..)));
    }
}

fn parse_underscore(content: &str) -> Vec<GoldSentence> {
    content
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| GoldSentence::from_words(line.split_whitespace().map(underscore_syllables)))
        .collect()
}

/// `Bộ_Quốc_phòng` → `[Bộ, Quốc, phòng]`; a lone `_` stays a word.
fn underscore_syllables(word: &str) -> Vec<&str> {
    let parts: Vec<&str> = word.split('_').filter(|s| !s.is_empty()).collect();
    if parts.is_empty() {
        vec![word]
    } else {
        parts
    }
}

/// A sentence normalized and tokenized the way the pipeline does it.
pub(crate) struct Tokenized {
    pub norm: Normalized,
    pub tokens: Vec<RawToken>,
}

impl Tokenized {
    pub fn new(raw: &str) -> Tokenized {
        let norm = text::normalize(raw);
        let mut tokens = Vec::new();
        text::tokenize(&norm.text, &mut tokens);
        Tokenized { norm, tokens }
    }

    /// The tokens as (normalized text, kind).
    pub fn pieces(&self) -> impl Iterator<Item = (&str, thoisu_doc::TokenKind)> {
        self.tokens
            .iter()
            .map(|t| (&self.norm.text[t.start..t.end], t.kind))
    }

    /// The tokens as (normalized text, kind, whether whitespace comes before it).
    pub fn spaced_pieces(&self) -> impl Iterator<Item = (&str, thoisu_doc::TokenKind, bool)> {
        self.pieces().enumerate().map(|(i, (text, kind))| {
            (
                text,
                kind,
                i == 0 || self.tokens[i - 1].end < self.tokens[i].start,
            )
        })
    }

    /// What the fixed rules say of each gap.
    pub fn rules(&self) -> Vec<Rule> {
        let shapes: Vec<Shape> = self
            .spaced_pieces()
            .map(|(t, k, s)| Shape::of(t, k, s))
            .collect();
        let mut out = Vec::new();
        crate::rules::rules(&shapes, &mut out);
        out
    }

    /// Span of a token in the original (raw) text.
    pub fn original_span(&self, i: usize) -> Span {
        let t = &self.tokens[i];
        Span::new(
            self.norm.map.to_original_start(t.start),
            self.norm.map.to_original_end(t.end),
        )
    }
}

/// Scores `segmenter` on gold sentences.
pub fn score(segmenter: &Segmenter, gold: &[GoldSentence]) -> Scores {
    let mut counts = Counts::default();
    let mut scratch = Scratch::default();
    let mut joins = Vec::new();
    let mut predicted = Vec::new();
    for sentence in gold {
        let tok = Tokenized::new(&sentence.text);
        segmenter.decide(tok.spaced_pieces(), &mut joins, &mut scratch);
        predicted.clear();
        predicted_words(&tok, &joins, &mut predicted);
        counts.add(&sentence.text, &sentence.words, &predicted);
    }
    counts.scores(gold.len())
}

/// The best score the segmenter could reach on the pipeline's tokens: the gold joins
/// are applied to them, except where the fixed rules decide (punctuation stands alone,
/// numbers split by the tokenizer are joined), so what is lost is lost to tokenization
/// and to those rules.
pub fn ceiling(gold: &[GoldSentence]) -> Scores {
    let mut counts = Counts::default();
    let mut predicted = Vec::new();
    for sentence in gold {
        let tok = Tokenized::new(&sentence.text);
        let mut joins = gold_joins(&tok, &sentence.words);
        for (j, rule) in joins.iter_mut().zip(tok.rules()) {
            match rule {
                Rule::Free => {}
                Rule::Split => *j = false,
                Rule::Join => *j = true,
            }
        }
        predicted.clear();
        predicted_words(&tok, &joins, &mut predicted);
        counts.add(&sentence.text, &sentence.words, &predicted);
    }
    counts.scores(gold.len())
}

/// For each gap between tokens, whether no gold word ends between the two tokens.
pub(crate) fn gold_joins(tok: &Tokenized, words: &[Span]) -> Vec<bool> {
    let mut ends: Vec<usize> = words.iter().map(|w| w.end).collect();
    ends.sort_unstable();
    (0..tok.tokens.len().saturating_sub(1))
        .map(|i| {
            let a = tok.original_span(i).end;
            let b = tok.original_span(i + 1).start.max(a);
            let first = ends.partition_point(|&e| e < a);
            !(first < ends.len() && ends[first] <= b)
        })
        .collect()
}

/// Words (original byte spans) from tokens and join decisions.
pub(crate) fn predicted_words(tok: &Tokenized, joins: &[bool], out: &mut Vec<Span>) {
    let mut start = 0;
    let n = tok.tokens.len();
    for i in 0..n {
        if i + 1 == n || !joins.get(i).copied().unwrap_or(false) {
            let first = tok.original_span(start);
            let last = tok.original_span(i);
            out.push(Span::new(first.start, last.end));
            start = i + 1;
        }
    }
}

#[derive(Default)]
struct Counts {
    gold: usize,
    predicted: usize,
    correct: usize,
}

impl Counts {
    fn add(&mut self, text: &str, gold: &[Span], predicted: &[Span]) {
        let pos = nonspace_positions(text);
        let key = |s: &Span| (pos[s.start.min(text.len())], pos[s.end.min(text.len())]);
        let mut g: Vec<(u32, u32)> = gold.iter().map(key).filter(|k| k.0 < k.1).collect();
        let mut p: Vec<(u32, u32)> = predicted.iter().map(key).filter(|k| k.0 < k.1).collect();
        g.sort_unstable();
        p.sort_unstable();
        self.gold += g.len();
        self.predicted += p.len();
        self.correct += count_common(&g, &p);
    }

    fn scores(&self, sentences: usize) -> Scores {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(self.correct, self.predicted);
        let recall = ratio(self.correct, self.gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Scores {
            precision,
            recall,
            f1,
            sentences,
            words: self.gold,
        }
    }
}

/// For each byte offset, the number of non-whitespace characters before it.
fn nonspace_positions(text: &str) -> Vec<u32> {
    let mut pos = vec![0u32; text.len() + 1];
    let mut count = 0;
    for (i, c) in text.char_indices() {
        for p in &mut pos[i..i + c.len_utf8()] {
            *p = count;
        }
        if !c.is_whitespace() {
            count += 1;
        }
    }
    pos[text.len()] = count;
    pos
}

fn count_common(a: &[(u32, u32)], b: &[(u32, u32)]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underscore_format_rebuilds_text_and_spans() {
        let gold = parse_gold("Bộ_Quốc_phòng Nga ra thông_cáo .\n\n");
        assert_eq!(gold.len(), 1);
        assert_eq!(gold[0].text, "Bộ Quốc phòng Nga ra thông cáo .");
        let words: Vec<&str> = gold[0]
            .words
            .iter()
            .map(|s| &gold[0].text[s.start..s.end])
            .collect();
        assert_eq!(words, ["Bộ Quốc phòng", "Nga", "ra", "thông cáo", "."]);
    }

    #[test]
    fn conllu_forms_with_spaces_are_one_word() {
        let text = "# sent_id = x\n# text = Lệnh ngừng bắn .\n1\tLệnh\tlệnh\tNOUN\tN\t_\t0\troot\t_\t_\n2\tngừng bắn\tngừng bắn\tVERB\tV\t_\t1\tnmod\t_\t_\n2.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n3\t.\t.\tPUNCT\tPUNCT\t_\t1\tpunct\t_\t_\n\n";
        let gold = parse_gold(text);
        assert_eq!(gold.len(), 1);
        assert_eq!(gold[0].text, "Lệnh ngừng bắn .");
        assert_eq!(gold[0].words.len(), 3);
    }

    #[test]
    fn spans_compare_without_whitespace() {
        let mut c = Counts::default();
        // Gold "Hà Nội ," ; predicted "Hà Nội" and "," on a text where they touch.
        c.add(
            "Hà Nội ,",
            &[Span::new(0, 8), Span::new(9, 10)],
            &[Span::new(0, 8), Span::new(9, 10)],
        );
        let s = c.scores(1);
        assert_eq!(s.f1, 1.0);
        let mut c = Counts::default();
        c.add(
            "a b",
            &[Span::new(0, 3)],
            &[Span::new(0, 1), Span::new(2, 3)],
        );
        let s = c.scores(1);
        assert_eq!((s.precision, s.recall), (0.0, 0.0));
    }
}
