//! Coverage of real world news (reads `../shared/corpus/dantri.jsonl.gz`; skips when the
//! shared data is absent). Checks figures only; no text from the corpus is kept.

use std::io::BufRead;

use thoisu_lexicon::Lexicon;
use thoisu_text::{normalize, tokenize};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/corpus/dantri.jsonl.gz"
);

fn known(lex: &Lexicon, phrase: &str) -> bool {
    !lex.lookup(phrase).is_empty()
        || lex.template(phrase).is_some()
        || lex.titles().iter().any(|t| t.text == phrase)
}

fn longest_known(lex: &Lexicon, words: &[&str], i: usize) -> Option<usize> {
    (i + 1..=words.len().min(i + 8))
        .rev()
        .find(|&j| known(lex, &words[i..j].join(" ")))
}

/// (capitalized words not first in a sentence, how many start a known phrase)
fn count(lex: &Lexicon, text: &str) -> (usize, usize) {
    let norm = normalize(text).text;
    let mut tokens = Vec::new();
    tokenize(&norm, &mut tokens);
    let words: Vec<&str> = tokens.iter().map(|t| &norm[t.start..t.end]).collect();
    let (mut runs, mut covered, mut i) = (0, 0, 0);
    while i < words.len() {
        let upper = words[i].chars().next().is_some_and(char::is_uppercase);
        let first = i == 0 || matches!(words[i - 1], "." | "!" | "?" | ":" | "\"");
        let hit = if upper {
            longest_known(lex, &words, i)
        } else {
            None
        };
        if upper && !first {
            runs += 1;
            covered += usize::from(hit.is_some());
        }
        i = hit.unwrap_or(i + 1);
    }
    (runs, covered)
}

#[test]
fn most_capitalized_words_of_world_news_start_a_known_name() {
    let Ok(file) = std::fs::File::open(CORPUS) else {
        eprintln!("skipped: {CORPUS} not found");
        return;
    };
    let lex = Lexicon::get();
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let (mut runs, mut covered) = (0, 0);
    for line in reader.lines().map_while(Result::ok) {
        let Ok(article) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if !article["id"].as_str().unwrap_or("").contains("world") {
            continue;
        }
        let (r, c) = count(lex, article["text"].as_str().unwrap_or(""));
        runs += r;
        covered += c;
    }
    assert!(runs > 1000, "too few words: {runs}");
    let share = covered as f64 / runs as f64;
    eprintln!("{covered} of {runs} capitalized words start a known phrase ({share:.3})");
    // 0.584 when written (2025 data); a drop means aliases went missing.
    assert!(share > 0.55, "coverage fell to {share:.3}");
}
