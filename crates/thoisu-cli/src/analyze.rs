//! `thoisu analyze`: the whole pipeline over articles, as a report or as JSON.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use thoisu_doc::Document;

use crate::pipeline::Pipeline;
use crate::{report, CliError, InputArgs, Outcome};

/// Arguments of `thoisu analyze`.
#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    /// Articles to analyze: text files, JSON Lines (.jsonl, .jsonl.gz), or `-` for stdin.
    #[arg(required = true, value_name = "FILE")]
    inputs: Vec<PathBuf>,
    /// Print each document as JSON (the format described by docs/document.schema.json).
    #[arg(long)]
    json: bool,
    /// With --json: one compact document per line (JSON Lines) instead of indented JSON.
    #[arg(long, requires = "json")]
    compact: bool,
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `thoisu analyze`.
pub fn run(args: &AnalyzeArgs) -> Result<Outcome, CliError> {
    let reader = crate::reader(&args.input);
    let mut pipeline = Pipeline::new();
    let progress = crate::progress::counter("analyzing");
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failed = false;
    for path in &args.inputs {
        for item in reader.read(path) {
            match item {
                Ok(mut doc) => {
                    pipeline.run(&mut doc);
                    progress.inc(1);
                    if let Err(err) = write_doc(&mut out, &doc, args) {
                        return crate::stdout_error(err);
                    }
                }
                Err(err) => {
                    progress.suspend(|| eprintln!("thoisu: {err}"));
                    failed = true;
                }
            }
        }
    }
    progress.finish_and_clear();
    crate::finish(out.flush(), failed)
}

fn write_doc(out: &mut impl Write, doc: &Document, args: &AnalyzeArgs) -> io::Result<()> {
    if !args.json {
        return report::write(out, doc);
    }
    if args.compact {
        serde_json::to_writer(&mut *out, doc)?;
    } else {
        serde_json::to_writer_pretty(&mut *out, doc)?;
    }
    writeln!(out)
}
