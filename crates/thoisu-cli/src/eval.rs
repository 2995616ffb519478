//! `thoisu eval …`: accuracy against gold data, from raw text.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use thoisu_doc::Document;
use thoisu_segment::{eval as seg_eval, Segmenter};

use crate::{CliError, Outcome};

/// The things `thoisu eval` can score.
#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Word segmentation: word precision, recall and F1 by character spans.
    Segment(SegmentEvalArgs),
    /// Named entities (VLSP 2016 columns): exact-span P/R/F1 for PER, LOC, ORG.
    Ner(NerEvalArgs),
    /// Share of entity mentions in a corpus resolved to canonical entities.
    Resolution(ResolutionArgs),
}

/// Arguments of `thoisu eval segment`.
#[derive(Args, Debug)]
pub struct SegmentEvalArgs {
    /// Gold file: CoNLL-U (UD) or one sentence per line with `_` inside words (VLSP).
    #[arg(long, required = true, value_name = "FILE")]
    gold: Vec<PathBuf>,
    /// Score a model file instead of the embedded model.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

/// Arguments of `thoisu eval ner`.
#[derive(Args, Debug)]
pub struct NerEvalArgs {
    /// Gold file in the VLSP 2016 five-column format.
    #[arg(long, required = true, value_name = "FILE")]
    gold: Vec<PathBuf>,
    /// Use the gold word segmentation instead of segmenting the raw text.
    #[arg(long)]
    gold_words: bool,
}

/// Arguments of `thoisu eval resolution`.
#[derive(Args, Debug)]
pub struct ResolutionArgs {
    /// JSON Lines corpus (plain or .gz) in the shared corpus format.
    #[arg(long, value_name = "FILE")]
    corpus: PathBuf,
    /// Only articles whose id starts with this (e.g. `dantri:news_world`).
    #[arg(long, default_value = "")]
    prefix: String,
    /// At most this many articles (0: all).
    #[arg(long, default_value_t = 0)]
    limit: usize,
}

/// Runs `thoisu eval …`.
pub fn run(cmd: &EvalCommand) -> Result<Outcome, CliError> {
    match cmd {
        EvalCommand::Segment(args) => segment(args),
        EvalCommand::Ner(args) => ner(args),
        EvalCommand::Resolution(args) => resolution(args),
    }
}

fn segment(args: &SegmentEvalArgs) -> Result<Outcome, CliError> {
    let model = match &args.model {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Segmenter::from_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => Segmenter::embedded().clone(),
    };
    println!(
        "{:<40} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "gold", "sentences", "words", "P", "R", "F1"
    );
    for path in &args.gold {
        let gold = seg_eval::read_gold(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let s = seg_eval::score(&model, &gold);
        println!(
            "{:<40} {:>9} {:>9} {:>9.4} {:>9.4} {:>9.4}",
            path.display(),
            s.sentences,
            s.words,
            s.precision,
            s.recall,
            s.f1
        );
    }
    Ok(Outcome::Clean)
}

fn raw_pipeline(doc: &mut Document) {
    thoisu_text::analyze(doc);
    thoisu_segment::segment_document(doc);
}

fn ner(args: &NerEvalArgs) -> Result<Outcome, CliError> {
    let mut extractor = crate::pipeline::entity_extractor();
    for path in &args.gold {
        let mut run = raw_pipeline;
        let seg = if args.gold_words {
            thoisu_extract::Segmentation::Gold
        } else {
            thoisu_extract::Segmentation::Pipeline(&mut run)
        };
        let scores = thoisu_extract::eval_ner(path, &mut extractor, seg)?;
        let from = if args.gold_words {
            "gold words"
        } else {
            "raw text"
        };
        println!("{} ({from})", path.display());
        print!("{}", scores.table());
    }
    Ok(Outcome::Clean)
}

fn resolution(args: &ResolutionArgs) -> Result<Outcome, CliError> {
    let mut extractor = crate::pipeline::entity_extractor();
    let mut run = raw_pipeline;
    let limit = if args.limit == 0 {
        usize::MAX
    } else {
        args.limit
    };
    let report = thoisu_extract::resolution_report(
        &args.corpus,
        &args.prefix,
        &mut extractor,
        &mut run,
        limit,
    )?;
    println!(
        "{} articles, {} words, {} mentions, {} resolved to a canonical entity ({:.1}%)",
        report.articles,
        report.words,
        report.mentions,
        report.resolved,
        100.0 * report.share()
    );
    println!("mentions by method:");
    for (method, n) in &report.by_method {
        println!("  {method:<14} {n}");
    }
    println!("most frequent unresolved mentions:");
    for (text, n) in &report.top_unresolved {
        println!("  {n:>6}  {text}");
    }
    Ok(Outcome::Clean)
}
