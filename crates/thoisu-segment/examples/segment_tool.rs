//! Development tool for the segmenter: train, evaluate, segment.
//!
//! ```text
//! cargo run --release -p thoisu-segment --example segment_tool -- train \
//!     --train ../shared/data/vlsp2013-ws/train.txt@0.05 \
//!     --train "../shared/data/ud-vtb/vi_vtb-ud-train.conllu*10+adapt" \
//!     --dev ../shared/data/ud-vtb/vi_vtb-ud-dev.conllu --out data/models/segment.bin
//! cargo run --release -p thoisu-segment --example segment_tool -- eval GOLD...
//! cargo run --release -p thoisu-segment --example segment_tool -- segment [IN] > OUT
//! ```
//!
//! `--model PATH` makes `eval` and `segment` use a model file instead of the embedded one.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::time::Instant;

use thoisu_segment::{eval, Scratch, Segmenter, TrainOptions, TrainSource};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("train") => train(&args[1..]),
        Some("eval") => evaluate(&args[1..]),
        Some("segment") => segment(&args[1..]),
        Some("ceiling") => ceiling(&args[1..]),
        _ => Err("usage: segment_tool train|eval|segment [options]".into()),
    };
    if let Err(e) = outcome {
        eprintln!("segment_tool: {e}");
        std::process::exit(1);
    }
}

fn train(args: &[String]) -> Result<()> {
    let mut opts = TrainOptions::default();
    let mut out = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--train" => opts.train.push(source(value()?)?),
            "--dev" => opts.dev.push(PathBuf::from(value()?)),
            "--epochs" => opts.epochs = value()?.parse()?,
            "--seed" => opts.seed = value()?.parse()?,
            "--min-count" => opts.min_count = value()?.parse()?,
            "--min-feature-count" => opts.min_feature_count = value()?.parse()?,
            "--prune" => opts.prune = value()?.parse()?,
            "--dictionary" => opts.dictionary = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            _ => return Err(format!("unknown option {flag}").into()),
        }
    }
    let start = Instant::now();
    let model = thoisu_segment::train(&opts, |r| {
        eprintln!("{r}  [{:.0}s]", start.elapsed().as_secs_f64());
    })?;
    let [syllables, bigrams, trigrams, quadgrams] = model.sizes();
    let bytes = model.to_bytes();
    eprintln!(
        "model: {syllables} syllables, {bigrams} bigrams, {trigrams} trigrams, {quadgrams} 4-grams, {} bytes",
        bytes.len()
    );
    if let Some(path) = out {
        std::fs::write(&path, &bytes)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// `PATH[@FRACTION][*REPEAT]` (see `TrainSource`'s `FromStr`).
fn source(arg: &str) -> Result<TrainSource> {
    Ok(arg.parse::<TrainSource>()?)
}

/// Splits `--model PATH` off the arguments and loads the model.
fn model_and_rest(args: &[String]) -> Result<(Segmenter, Vec<String>)> {
    let mut rest = Vec::new();
    let mut model = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--model" {
            let path = it.next().ok_or("--model needs a value")?;
            model = Some(Segmenter::from_bytes(&std::fs::read(path)?)?);
        } else {
            rest.push(a.clone());
        }
    }
    Ok((model.unwrap_or_else(|| Segmenter::embedded().clone()), rest))
}

fn evaluate(args: &[String]) -> Result<()> {
    let (model, files) = model_and_rest(args)?;
    for file in files {
        let gold = eval::read_gold(&file)?;
        let s = eval::score(&model, &gold);
        println!(
            "{file}: sentences {} words {} P {:.4} R {:.4} F1 {:.4}",
            s.sentences, s.words, s.precision, s.recall, s.f1
        );
    }
    Ok(())
}

fn ceiling(files: &[String]) -> Result<()> {
    for file in files {
        let s = eval::ceiling(&eval::read_gold(file)?);
        println!(
            "{file}: tokenization ceiling P {:.4} R {:.4} F1 {:.4}",
            s.precision, s.recall, s.f1
        );
    }
    Ok(())
}

fn segment(args: &[String]) -> Result<()> {
    let (model, files) = model_and_rest(args)?;
    let input: Box<dyn Read> = match files.first() {
        Some(path) if path != "-" => Box::new(std::fs::File::open(path)?),
        _ => Box::new(std::io::stdin().lock()),
    };
    let mut input = BufReader::with_capacity(1 << 16, input);
    let mut output = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut scratch = Scratch::default();
    let (mut line, mut out) = (String::new(), String::new());
    let (mut words, mut bytes) = (0usize, 0usize);
    let start = Instant::now();
    while input.read_line(&mut line)? > 0 {
        out.clear();
        model.segment_line(line.trim_end_matches(['\n', '\r']), &mut out, &mut scratch);
        words += out.split(' ').filter(|w| !w.is_empty()).count();
        bytes += line.len();
        out.push('\n');
        output.write_all(out.as_bytes())?;
        line.clear();
    }
    output.flush()?;
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{{\"tool\": \"thoisu\", \"words\": {words}, \"bytes\": {bytes}, \"seconds\": {secs:.3}, \"words_per_s\": {:.0}}}",
        words as f64 / secs
    );
    Ok(())
}
