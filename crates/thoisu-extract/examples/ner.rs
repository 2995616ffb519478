//! Development commands for the entity stage: train, cross-validate, evaluate, report.
//!
//! ```text
//! cargo run --release -p thoisu-extract --example ner -- train [EPOCHS]
//! cargo run --release -p thoisu-extract --example ner -- cv [K] [raw|gold] [EPOCHS]   (SEED=N)
//! cargo run --release -p thoisu-extract --example ner -- errors [FOLD] | align
//! cargo run --release -p thoisu-extract --example ner -- capstats | clusters | probe WORD…
//! cargo run --release -p thoisu-extract --example ner -- eval FILE [raw|gold]
//! cargo run --release -p thoisu-extract --example ner -- report [LIMIT [CORPUS [ID_PREFIX]]]
//! cargo run --release -p thoisu-extract --example ner -- show FILE [DATE]
//! ```
//! Paths to the shared data are relative to the repository root (`../shared`).

use std::path::{Path, PathBuf};

use thoisu_doc::Document;
use thoisu_extract::{
    cross_validate, eval_sentences, read_brat_dir, read_vlsp, resolution_report, train,
    EntityExtractor, Gazetteer, GoldSentence, NerScores, Segmentation, TrainOptions,
};

fn shared() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if root.exists() {
        root
    } else {
        PathBuf::from("/work/shared")
    }
}

/// Calls `f` on the text of every article of both news corpora, in a fixed order;
/// returns how many there were.
fn each_corpus_article(mut f: impl FnMut(&str)) -> usize {
    let mut n = 0;
    for file in ["corpus/baomoi.jsonl.gz", "corpus/dantri.jsonl.gz"] {
        let file = std::fs::File::open(shared().join(file)).expect("corpus");
        let r = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
        for line in std::io::BufRead::lines(r).map_while(Result::ok) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            f(v["text"].as_str().unwrap_or_default());
            n += 1;
        }
    }
    n
}

/// Writes `bytes` to `data/models/FILE` and says what was written.
fn write_model(file: &str, bytes: &[u8], what: &str) {
    let out = repo().join("data/models").join(file);
    std::fs::write(&out, bytes).expect("write model");
    println!("{what}, {} bytes -> {}", bytes.len(), out.display());
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn gazetteer() -> Gazetteer {
    if std::env::var_os("NO_LEXICON").is_some() {
        return Gazetteer::default();
    }
    thoisu_extract::gazetteer_from(thoisu_lexicon::Lexicon::get())
}

use thoisu_extract::analyze;

/// SHUFFLES=N overrides the number of shuffle orders averaged into one model.
fn shuffles() -> usize {
    std::env::var("SHUFFLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(TrainOptions::default().shuffles)
}

fn bkee(split: &str) -> Vec<GoldSentence> {
    read_brat_dir(&shared().join("data/bkee").join(split)).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    })
}

fn vlsp_dev() -> Vec<GoldSentence> {
    read_vlsp(&shared().join("data/vlsp2016-ner/dev.txt")).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    })
}

fn score(ex: &mut EntityExtractor, data: &[GoldSentence], raw: bool) -> NerScores {
    if raw {
        let mut run = analyze;
        eval_sentences(ex, data, Segmentation::Pipeline(&mut run))
    } else {
        eval_sentences(ex, data, Segmentation::Gold)
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let started = std::time::Instant::now();
    match arg(0) {
        Some("train") => {
            let epochs = arg(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(TrainOptions::default().epochs);
            let mut data = vlsp_dev();
            let extra = bkee("train");
            let dev = bkee("dev");
            println!("training on {} VLSP dev + {} BKEE train sentences; per-epoch figures on {} BKEE dev sentences (raw text)", data.len(), extra.len(), dev.len());
            data.extend(extra);
            let opts = TrainOptions {
                epochs,
                shuffles: shuffles(),
                ..TrainOptions::default()
            };
            let trained = train(&data, &dev, &gazetteer(), &opts);
            for line in &trained.log {
                println!("{line}");
            }
            let bytes = trained.to_bytes();
            write_model("ner.bin", &bytes, &format!("{} features", trained.len()));
        }
        Some("cv") => {
            let k = arg(1).and_then(|s| s.parse().ok()).unwrap_or(5);
            let raw = arg(2) != Some("gold");
            let data = vlsp_dev();
            let mut extra = if std::env::var_os("NO_BKEE").is_some() {
                Vec::new()
            } else {
                bkee("train")
            };
            // BKEE_DEV=1 adds BKEE dev too, as the final training may.
            if std::env::var_os("BKEE_DEV").is_some() {
                extra.extend(bkee("dev"));
            }
            let epochs = arg(3)
                .and_then(|s| s.parse().ok())
                .unwrap_or(TrainOptions::default().epochs);
            // SEED=N varies the shuffling, to see how much a change is noise.
            let seed = std::env::var("SEED").ok().and_then(|s| s.parse().ok());
            let opts = TrainOptions {
                epochs,
                seed: seed.unwrap_or(TrainOptions::default().seed),
                shuffles: shuffles(),
            };
            let scores = cross_validate(&data, &extra, &gazetteer(), k, &opts, &mut |ex, held| {
                score(ex, held, raw)
            });
            println!("{k}-fold CV over VLSP 2016 dev ({} sentences; + {} BKEE train sentences in every fold), {}", data.len(), extra.len(), if raw { "from raw text" } else { "gold words" });
            print!("{}", scores.table());
        }
        Some("eval") => {
            let path = PathBuf::from(arg(1).unwrap_or("../shared/data/vlsp2016-ner/dev.txt"));
            let raw = arg(2) != Some("gold");
            let data = read_vlsp(&path).expect("read");
            let mut ex = EntityExtractor::with_gazetteer(gazetteer());
            let t = std::time::Instant::now();
            let s = score(&mut ex, &data, raw);
            println!(
                "{} ({} sentences, {:.1}s, {})",
                path.display(),
                s.sentences,
                t.elapsed().as_secs_f64(),
                if raw { "from raw text" } else { "gold words" }
            );
            print!("{}", s.table());
        }
        Some("errors") => {
            // Mistakes on the held-out folds of 5-fold CV (from raw text), for error
            // analysis; `errors FOLD` shows one fold.
            let data = vlsp_dev();
            let folds: Vec<usize> = match arg(1).and_then(|s| s.parse().ok()) {
                Some(f) => vec![f],
                None => (0..5).collect(),
            };
            for fold in folds {
                let (held, mut rest): (Vec<_>, Vec<_>) = data
                    .iter()
                    .cloned()
                    .enumerate()
                    .partition(|(i, _)| i % 5 == fold);
                let held: Vec<GoldSentence> = held.into_iter().map(|x| x.1).collect();
                let mut train_set: Vec<GoldSentence> = rest.drain(..).map(|x| x.1).collect();
                train_set.extend(bkee("train"));
                let trained = train(&train_set, &[], &gazetteer(), &TrainOptions::default());
                let mut ex =
                    EntityExtractor::with_model(gazetteer(), &trained.to_bytes()).expect("model");
                for s in &held {
                    let (text, spans) = thoisu_extract::detokenize(&s.words);
                    let mut doc = Document::new("e", text);
                    analyze(&mut doc);
                    ex.extract(&mut doc);
                    let gold: Vec<(usize, usize, String)> = s
                        .spans()
                        .into_iter()
                        .filter(|x| x.2 != "MISC")
                        .map(|(a, b, t)| (spans[a].start, spans[b - 1].end, t))
                        .collect();
                    let pred: Vec<(usize, usize, String)> = thoisu_extract::name_spans(&doc)
                        .into_iter()
                        .map(|(sp, t)| (sp.start, sp.end, t.to_string()))
                        .collect();
                    for (label, these, other) in [("FN", &gold, &pred), ("FP", &pred, &gold)] {
                        for x in these.iter().filter(|x| !other.contains(x)) {
                            let text = doc.text.trim_end();
                            println!("{label} {} {:?}\t| {text}", x.2, &doc.text[x.0..x.1]);
                        }
                    }
                }
            }
        }
        Some("align") => {
            // How many gold names start or end inside a pipeline word: the ceiling of
            // tagging pipeline words.
            let mut by_type: std::collections::BTreeMap<String, (usize, usize)> =
                Default::default();
            for s in &vlsp_dev() {
                let (text, spans) = thoisu_extract::detokenize(&s.words);
                let mut doc = Document::new("a", text);
                analyze(&mut doc);
                let starts: std::collections::HashSet<usize> = doc
                    .words
                    .iter()
                    .map(|w| doc.tokens[w.tokens.start].span.start)
                    .collect();
                let ends: std::collections::HashSet<usize> = doc
                    .words
                    .iter()
                    .map(|w| doc.tokens[w.tokens.end - 1].span.end)
                    .collect();
                for (a, b, t) in s.spans().into_iter().filter(|x| x.2 != "MISC") {
                    let (x, y) = (spans[a].start, spans[b - 1].end);
                    let ok = starts.contains(&x) && ends.contains(&y);
                    let e = by_type.entry(t.clone()).or_default();
                    e.0 += 1;
                    if !ok {
                        e.1 += 1;
                        let words: Vec<&str> = doc
                            .words
                            .iter()
                            .filter(|w| {
                                let (ws, we) = (
                                    doc.tokens[w.tokens.start].span.start,
                                    doc.tokens[w.tokens.end - 1].span.end,
                                );
                                ws < y + 1 && x < we + 1
                            })
                            .map(|w| w.text(&doc))
                            .collect();
                        println!("CROSS {t} {:?}\t{}", &doc.text[x..y], words.join(" | "));
                    }
                }
            }
            for (t, (n, bad)) in &by_type {
                println!("{t}: {bad} of {n} gold spans cross pipeline word boundaries");
            }
        }
        Some("clusters") => {
            // Regenerates data/models/ner-clusters.bin from the unlabeled news corpora.
            let mut builder = thoisu_extract::ClusterBuilder::default();
            let n = each_corpus_article(|text| {
                let mut doc = Document::new("c", text);
                analyze(&mut doc);
                builder.add(&doc);
            });
            eprintln!(
                "{n} articles read in {:.1}s",
                started.elapsed().as_secs_f64()
            );
            let d = thoisu_extract::ClusterOptions::default();
            let num = |i: usize, v: usize| arg(i).and_then(|s| s.parse().ok()).unwrap_or(v);
            let opts = thoisu_extract::ClusterOptions {
                words: num(1, d.words),
                contexts: num(2, d.contexts),
                dims: num(3, d.dims),
                ..d
            };
            let table = builder.finish(&opts);
            let bytes = table.to_bytes();
            let what = format!("{n} articles, {} words clustered", table.len());
            write_model("ner-clusters.bin", &bytes, &what);
        }
        Some("probe") => {
            // Cluster paths of the words given, from the committed table.
            let f = std::fs::read(repo().join("data/models/ner-clusters.bin")).expect("read");
            let t = thoisu_extract::Clusters::from_bytes(&f).expect("table");
            for w in &args[1..] {
                println!("{:016b} {w}", t.path(w));
            }
        }
        Some("capstats") => {
            // Regenerates data/models/ner-caps.bin from the unlabeled news corpora.
            let mut counter = thoisu_extract::CapCounter::default();
            let n = each_corpus_article(|text| {
                let mut doc = Document::new("c", text);
                thoisu_text::analyze(&mut doc);
                counter.add(&doc);
            });
            let table = counter.finish();
            let bytes = table.to_bytes();
            let what = format!("{n} articles, {} syllables", table.len());
            write_model("ner-caps.bin", &bytes, &what);
        }
        Some("report") => {
            let limit = arg(1).and_then(|s| s.parse().ok()).unwrap_or(usize::MAX);
            let corpus = arg(2).unwrap_or("dantri");
            let prefix = arg(3).unwrap_or("dantri:news_world_");
            let mut ex = EntityExtractor::with_gazetteer(gazetteer());
            let path = shared().join(format!("corpus/{corpus}.jsonl.gz"));
            let mut run = analyze;
            let t = std::time::Instant::now();
            let r = resolution_report(&path, prefix, &mut ex, &mut run, limit).expect("report");
            let secs = t.elapsed().as_secs_f64();
            println!(
                "{secs:.1}s, {:.0} words/s (text, segmentation, entities)",
                r.words as f64 / secs
            );
            println!(
                "{corpus} {prefix}*: {} articles, {} words, {} mentions, {} resolved to canonical entities ({:.1}%)",
                r.articles,
                r.words,
                r.mentions,
                r.resolved,
                100.0 * r.share()
            );
            println!("by method: {:?}", r.by_method);
            println!("top misspelling links:");
            for (t, n) in &r.top_fuzzy {
                println!("  {n:5}  {t}");
            }
            println!("top unresolved:");
            for (t, n) in &r.top_unresolved {
                println!("  {n:5}  {t}");
            }
        }
        Some("show") => {
            let path = arg(1).expect("file");
            let text = std::fs::read_to_string(path).expect("read");
            let mut doc = Document::new(path, text);
            doc.date = arg(2).map(str::to_string);
            analyze(&mut doc);
            let mut ex = EntityExtractor::with_gazetteer(gazetteer());
            ex.extract(&mut doc);
            if std::env::var_os("SHOW_WORDS").is_some() {
                let words: Vec<&str> = doc.words.iter().map(|w| w.text(&doc)).collect();
                println!("{}", words.join(" | "));
            }
            for m in &doc.mentions {
                let e = m.entity.map(|e| &doc.entities[e]);
                println!(
                    "{:>5}-{:<5} {:<40} {:<12} {:<11} {:.2} -> {}",
                    m.span.start,
                    m.span.end,
                    m.text,
                    format!("{:?}", m.kind),
                    m.method,
                    m.confidence,
                    e.map_or("-".to_string(), |e| format!(
                        "{} [{}] {:?} {:?}",
                        e.name, e.id, e.country, e.role
                    ))
                );
            }
            for w in &doc.warnings {
                println!("warning: {}", w.message);
            }
        }
        _ => {
            eprintln!("usage: ner train [EPOCHS] | cv [K] [raw|gold] [EPOCHS] | eval FILE [raw|gold] | report [LIMIT [CORPUS [ID_PREFIX]]] | show FILE [DATE]");
            std::process::exit(2);
        }
    }
    eprintln!("done in {:.1}s", started.elapsed().as_secs_f64());
}
