use std::fmt;

/// What went wrong while reading an input, in broad classes a caller may act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The path does not exist.
    NotFound,
    /// The path is a directory (see [`crate::expand`] to list the files in it).
    IsDirectory,
    /// The operating system refused to read it (permissions, I/O error, bad gzip data).
    Unreadable,
    /// The input is larger than the reader's byte limit.
    TooLarge,
    /// The input holds no text (0 bytes, or only whitespace).
    Empty,
    /// The input is binary data, not text.
    Binary,
    /// The bytes are not UTF-8 and no known encoding fits them with confidence.
    Encoding,
    /// A JSON Lines record is not valid JSON or lacks its text.
    Record,
}

/// Why an input (a file, standard input, or one line of a JSON Lines file) could not
/// become a document.
///
/// Its `Display` form is one line naming the input (and the line number for JSON
/// Lines) and the problem: `data/x.txt: not UTF-8 text (invalid byte 0xff at offset 12)`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct InputError {
    name: String,
    line: Option<u64>,
    kind: ErrorKind,
    message: String,
}

impl InputError {
    pub(crate) fn new(name: &str, kind: ErrorKind, message: impl Into<String>) -> InputError {
        InputError {
            name: name.to_string(),
            line: None,
            kind,
            message: message.into(),
        }
    }

    pub(crate) fn at_line(mut self, line: u64) -> InputError {
        self.line = Some(line);
        self
    }

    pub(crate) fn from_problem(name: &str, problem: Problem) -> InputError {
        InputError::new(name, problem.kind, problem.message)
    }

    pub(crate) fn from_io(name: &str, err: &std::io::Error) -> InputError {
        match err.kind() {
            std::io::ErrorKind::NotFound => {
                InputError::new(name, ErrorKind::NotFound, "no such file")
            }
            _ => InputError::new(name, ErrorKind::Unreadable, format!("cannot read: {err}")),
        }
    }

    /// The broad class of the problem.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The input's name: its path as given, or `<stdin>`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The 1-based line of a JSON Lines input the error is about, if any.
    pub fn line(&self) -> Option<u64> {
        self.line
    }

    fn render(&self) -> String {
        // Messages come from our code and from serde_json; keep the promise of one line.
        let message = self.message.replace(['\n', '\r'], " ");
        match self.line {
            Some(line) => format!("{}:{}: {}", self.name, line, message),
            None => format!("{}: {}", self.name, message),
        }
    }
}

/// A problem with some bytes, before it is known which input they came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Problem {
    pub kind: ErrorKind,
    pub message: String,
}

impl Problem {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Problem {
        Problem {
            kind,
            message: message.into(),
        }
    }

    pub fn too_large(limit: u64) -> Problem {
        Problem::new(
            ErrorKind::TooLarge,
            format!("larger than the limit of {limit} bytes (raise it with --max-bytes)"),
        )
    }

    pub fn empty() -> Problem {
        Problem::new(ErrorKind::Empty, "empty (no text)")
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
