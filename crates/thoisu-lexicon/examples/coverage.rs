//! How much of real world news the lexicon names: over the world-section articles of
//! `../shared/corpus/dantri.jsonl.gz`, the share of capitalized words (not first in a
//! sentence) that start a known phrase (alias, office title or template prefix, longest
//! first), and the most frequent capitalized runs that start none. Prints figures and
//! names only, no sentences.
//!
//! `cargo run --release -p thoisu-lexicon --example coverage [PATH] [SECTION]`

use std::collections::HashMap;
use std::io::BufRead;

use thoisu_lexicon::Lexicon;
use thoisu_text::{normalize, tokenize};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/corpus/dantri.jsonl.gz".into());
    let section = args.next().unwrap_or_else(|| "world".into());
    let Ok(file) = std::fs::File::open(&path) else {
        println!("skipped: {path} not found");
        return;
    };
    let lex = Lexicon::get();
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let (mut articles, mut runs, mut covered) = (0usize, 0usize, 0usize);
    let mut missing: HashMap<String, usize> = HashMap::new();
    let mut tokens = Vec::new();
    for line in reader.lines().map_while(Result::ok) {
        let Ok(article) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let id = article["id"].as_str().unwrap_or("");
        let Some(text) = article["text"].as_str().filter(|_| id.contains(&section)) else {
            continue;
        };
        articles += 1;
        let norm = normalize(text).text;
        tokenize(&norm, &mut tokens);
        let words: Vec<&str> = tokens.iter().map(|t| &norm[t.start..t.end]).collect();
        let mut i = 0;
        while i < words.len() {
            if !capitalized(words[i]) {
                i += 1;
                continue;
            }
            if sentence_start(&words, i) {
                // Not counted (any word is capitalized there), but a name there is skipped whole.
                i = longest_known(lex, &words, i).unwrap_or(i + 1);
                continue;
            }
            runs += 1;
            if let Some(j) = longest_known(lex, &words, i) {
                covered += 1;
                i = j;
                continue;
            }
            let end = (i..words.len())
                .find(|&j| !capitalized(words[j]))
                .unwrap_or(words.len());
            *missing.entry(words[i..end].join(" ")).or_default() += 1;
            i = end;
        }
    }
    println!(
        "{articles} articles, {runs} capitalized words not first in a sentence, {:.1}% start a known phrase",
        100.0 * covered as f64 / runs.max(1) as f64
    );
    let mut top: Vec<_> = missing.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (name, n) in top.iter().take(60) {
        println!("{n}\t{name}");
    }
}

fn capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether word `i` starts a sentence (after `.`, `!`, `?`, `:` or a quote, or first).
fn sentence_start(words: &[&str], i: usize) -> bool {
    i == 0 || matches!(words[i - 1], "." | "!" | "?" | ":" | "\"" | "...")
}

/// Whether the lexicon knows `phrase`: an alias, an office title or a template prefix.
fn known(lex: &Lexicon, phrase: &str) -> bool {
    !lex.lookup(phrase).is_empty()
        || lex.template(phrase).is_some()
        || lex.titles().iter().any(|t| t.text == phrase)
}

/// The end of the longest known phrase of up to 8 words starting at word `i`.
fn longest_known(lex: &Lexicon, words: &[&str], i: usize) -> Option<usize> {
    let last = words.len().min(i + 8);
    (i + 1..=last)
        .rev()
        .find(|&j| known(lex, &words[i..j].join(" ")))
}
