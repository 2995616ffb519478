//! `thoisu segment`: words of each input line, syllables joined by `_`.
//!
//! It streams: one line in, one line out, so memory stays flat on inputs of any size.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;

use clap::Args;
use thoisu_segment::{Scratch, Segmenter};

use crate::{CliError, Outcome};

/// Arguments of `thoisu segment`.
#[derive(Args, Debug)]
pub struct SegmentArgs {
    /// Text to segment, one paragraph per line; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    input: Option<PathBuf>,
}

/// Runs `thoisu segment`.
pub fn run(args: &SegmentArgs) -> Result<Outcome, CliError> {
    let (name, source): (String, Box<dyn Read>) = match &args.input {
        None => ("<stdin>".into(), Box::new(io::stdin().lock())),
        Some(p) if p.as_os_str() == "-" => ("<stdin>".into(), Box::new(io::stdin().lock())),
        Some(p) => {
            if p.is_dir() {
                return Err(format!("{}: is a directory, not a text file", p.display()).into());
            }
            let file = File::open(p).map_err(|e| format!("{}: {e}", p.display()))?;
            (p.display().to_string(), Box::new(file))
        }
    };
    segment_stream(&name, BufReader::with_capacity(1 << 16, source))
}

fn segment_stream(name: &str, mut input: impl BufRead) -> Result<Outcome, CliError> {
    let segmenter = Segmenter::embedded();
    let mut scratch = Scratch::default();
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut raw = Vec::new();
    let mut line_out = String::new();
    let mut failed = false;
    let mut line_no = 0u64;
    loop {
        raw.clear();
        let n = input
            .read_until(b'\n', &mut raw)
            .map_err(|e| format!("{name}: cannot read: {e}"))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let line = strip_newline(&raw);
        line_out.clear();
        match std::str::from_utf8(line) {
            Ok(text) => segmenter.segment_line(text, &mut line_out, &mut scratch),
            Err(e) => {
                eprintln!(
                    "thoisu: {name}:{line_no}: not UTF-8 text (invalid byte at column {}); line left empty",
                    e.valid_up_to() + 1
                );
                failed = true;
            }
        }
        line_out.push('\n');
        if let Err(err) = out.write_all(line_out.as_bytes()) {
            return crate::stdout_error(err);
        }
    }
    crate::finish(out.flush(), failed)
}

fn strip_newline(raw: &[u8]) -> &[u8] {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    raw.strip_suffix(b"\r").unwrap_or(raw)
}
