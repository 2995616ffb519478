//! The `thoisu` command line: analyze Vietnamese world news, segment text into words,
//! evaluate against gold data and train the models.
//!
//! Every subcommand reads its inputs through `thoisu-input`, so bad input is reported the
//! same way everywhere: one line naming the file and the problem, and the rest of the
//! batch goes on. The exit code is 1 when any input failed, 2 on a usage error.

mod analyze;
mod eval;
mod pipeline;
mod progress;
mod report;
mod segment;
mod train;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// Reads Vietnamese news about international politics and armed conflict and rebuilds
/// what it describes as structured, source-attributed data.
#[derive(Parser)]
#[command(name = "thoisu", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyze articles: sentences, words and entities, as a report or as JSON.
    Analyze(analyze::AnalyzeArgs),
    /// Split text into words: one output line per input line, syllables joined by `_`.
    Segment(segment::SegmentArgs),
    /// Score thoisu against gold data.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Train a model from gold data.
    #[command(subcommand)]
    Train(train::TrainCommand),
    /// Print the JSON Schema of the document format.
    Schema,
}

/// Options shared by every command that reads articles.
#[derive(Args, Clone, Debug)]
pub struct InputArgs {
    /// Largest input accepted, in bytes (per file, or per article of a JSON Lines file).
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Publication date (YYYY-MM-DD) for inputs that carry none.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<String>,
}

fn parse_date(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let month: u32 = s.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
    let day: u32 = s.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(0);
    if shape_ok && (1..=12).contains(&month) && (1..=31).contains(&day) {
        Ok(s.to_string())
    } else {
        Err(format!("`{s}` is not a date of the form YYYY-MM-DD"))
    }
}

/// The input reader configured from the command line.
pub fn reader(args: &InputArgs) -> thoisu_input::Reader {
    let mut reader = thoisu_input::Reader::new();
    reader.max_bytes(args.max_bytes).date(args.date.clone());
    reader
}

/// Ends a command whose standard output failed: quietly when the reader went away
/// (`thoisu analyze … | head`), with an error otherwise.
pub fn stdout_error(err: std::io::Error) -> Result<Outcome, CliError> {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        return Ok(Outcome::Clean);
    }
    Err(format!("cannot write the output: {err}").into())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(&args),
        Command::Segment(args) => segment::run(&args),
        Command::Eval(cmd) => eval::run(&cmd),
        Command::Train(cmd) => train::run(&cmd),
        Command::Schema => {
            print!("{}", thoisu_doc::json_schema());
            Ok(Outcome::Clean)
        }
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::SomeInputsFailed) => ExitCode::from(1),
        Err(err) => {
            eprintln!("thoisu: {err}");
            ExitCode::from(1)
        }
    }
}

/// The outcome of a command once its output is flushed: `failed` tells whether some
/// inputs failed along the way.
pub fn finish(flushed: std::io::Result<()>, failed: bool) -> Result<Outcome, CliError> {
    if let Err(err) = flushed {
        return stdout_error(err);
    }
    Ok(if failed {
        Outcome::SomeInputsFailed
    } else {
        Outcome::Clean
    })
}

/// How a command that completed went.
pub enum Outcome {
    /// Every input was processed.
    Clean,
    /// Some inputs failed (each already reported on stderr); the others were processed.
    SomeInputsFailed,
}

/// An error that stops a command, shown as `thoisu: <message>`.
pub type CliError = Box<dyn std::error::Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(parse_date("2022-09-13").is_ok());
        assert!(parse_date("2022-13-01").is_err());
        assert!(parse_date("13/9/2022").is_err());
        assert!(parse_date("2022-09-1x").is_err());
    }
}
