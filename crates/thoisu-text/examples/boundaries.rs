//! How well syllable tokens fit the gold words of a segmented corpus.
//!
//! For each gold word: are both its ends token boundaries (else no segmenter built on
//! these tokens can find it), and is it made of tokens written together (`TP` + `.`,
//! which a segmenter has to glue)? Reads VLSP-style files (words joined by `_`, one
//! sentence per line) or CoNLL-U (`.conllu`, FORM column).
//!
//! `cargo run --release -p thoisu-text --example boundaries -- ../shared/data/ud-vtb/vi_vtb-ud-test.conllu`
//! (without an argument: the UD-VTB test split, skipped with a message when absent).

use std::collections::{BTreeSet, HashMap};

fn main() {
    let default = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ud-vtb/vi_vtb-ud-test.conllu"
    );
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| default.to_string());
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: cannot read {path}");
        return;
    };
    let sentences = if path.ends_with(".conllu") {
        conllu_words(&raw)
    } else {
        vlsp_words(&raw)
    };
    let mut counts = Counts::default();
    for words in &sentences {
        counts.add(words);
    }
    let share = |n: usize| n as f64 / counts.words.max(1) as f64;
    println!(
        "{path}: {} sentences, {} gold words",
        sentences.len(),
        counts.words
    );
    println!(
        "gold words with both ends on token boundaries: {:.4}",
        share(counts.aligned)
    );
    println!(
        "gold words made of tokens written together:   {:.4}",
        share(counts.glued)
    );
    let mut missed: Vec<_> = counts.missed.iter().collect();
    missed.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let top: Vec<String> = missed
        .iter()
        .take(15)
        .map(|(w, n)| format!("{w:?}:{n}"))
        .collect();
    println!("most frequent words not aligned: {}", top.join(" "));
}

fn conllu_words(raw: &str) -> Vec<Vec<String>> {
    let mut sentences = Vec::new();
    let mut current = Vec::new();
    for line in raw.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(id), Some(form)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !line.starts_with('#') && id.bytes().all(|b| b.is_ascii_digit()) {
            current.push(form.to_string());
        }
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    sentences
}

fn vlsp_words(raw: &str) -> Vec<Vec<String>> {
    raw.lines()
        .map(|line| {
            line.split_whitespace()
                .map(|w| w.replace('_', " "))
                .collect::<Vec<_>>()
        })
        .filter(|words| !words.is_empty())
        .collect()
}

#[derive(Default)]
struct Counts {
    words: usize,
    aligned: usize,
    glued: usize,
    missed: HashMap<String, usize>,
    tokens: Vec<thoisu_text::RawToken>,
}

impl Counts {
    /// Rebuilds the sentence text (words separated by spaces) and checks each word.
    fn add(&mut self, words: &[String]) {
        let text = words.join(" ");
        let normalized = thoisu_text::normalize(&text);
        thoisu_text::tokenize(&normalized.text, &mut self.tokens);
        let map = &normalized.map;
        let starts: BTreeSet<usize> = self
            .tokens
            .iter()
            .map(|t| map.to_original_start(t.start))
            .collect();
        let ends: BTreeSet<usize> = self
            .tokens
            .iter()
            .map(|t| map.to_original_end(t.end))
            .collect();
        let mut at = 0;
        for word in words {
            let (start, end) = (at, at + word.len());
            at = end + 1;
            self.words += 1;
            if starts.contains(&start) && ends.contains(&end) {
                self.aligned += 1;
            } else {
                *self.missed.entry(word.clone()).or_default() += 1;
            }
            let glued = starts
                .range(start + 1..end)
                .any(|&k| text.as_bytes()[k - 1] != b' ');
            self.glued += usize::from(glued);
        }
    }
}
