//! Reading input into thoisu [`Document`]s: text files, standard input, JSON Lines
//! (plain or gzip), with clear one-line errors for anything that is not readable text.
//!
//! This crate owns everything between bytes and the document's original text:
//!
//! * **files and streams**: a text file is one document, a JSON Lines file (`.jsonl`,
//!   `.jsonl.gz`, `.json.gz`, or any stream that starts with a corpus record) one document
//!   per line; `-` is standard input; gzip is recognised by its magic bytes;
//! * **encodings**: UTF-8 (a byte-order mark is stripped), UTF-16 with or without a
//!   byte-order mark, and the legacy Vietnamese encodings TCVN3 (ABC), VNI Windows,
//!   VISCII and Windows-1258, converted to UTF-8 NFC with a warning `converted from …` (also when such
//!   text had been read as Windows-1252 and saved as UTF-8, as in `Vieät Nam`); the
//!   tables and their sources are described in `SOURCES.md` beside this crate;
//! * **HTML**: a saved page becomes its text (paragraphs joined by `\n`, entities
//!   decoded) and its `<title>`, with a warning `converted from HTML`;
//! * **limits and refusals**: inputs over [`Reader::max_bytes`], binary data, empty
//!   input, directories, missing files and undecodable bytes give an [`InputError`].
//!
//! It fills only `id`, `source`, `url`, `date`, `title`, `text` (and input warnings) of a
//! document; it does not normalize, split or analyse text (`thoisu-text` and later
//! stages do), and it does not decide whether to recurse into directories ([`expand`]
//! lists them for a caller that does).
//!
//! ```
//! use thoisu_input::{ErrorKind, Reader};
//!
//! let mut reader = Reader::new();
//! reader.date(Some("2022-09-13".into()));
//! let doc = reader.read_bytes("tin/hoi-nghi.txt", "Hội nghị ở Hà Nội.".as_bytes()).unwrap();
//! assert_eq!((doc.id.as_str(), doc.date.as_deref()), ("hoi-nghi", Some("2022-09-13")));
//!
//! let err = reader.read_bytes("x.txt", b"abc \xff def").unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::Encoding);
//! assert_eq!(err.to_string(), "x.txt: not UTF-8 text (invalid byte 0xff at offset 4)");
//! ```
#![deny(missing_docs)]

#[cfg(test)]
mod corpus_tests;
mod decode;
mod error;
mod expand;
mod html;
mod jsonl;
mod legacy;
mod open;
mod syllable;
#[rustfmt::skip]
mod tables;

use std::path::Path;

use thoisu_doc::Document;

pub use error::{ErrorKind, InputError};
pub use expand::expand;

/// The stage name on the warnings this crate adds.
const STAGE: &str = "input";

/// The default limit on the size of one document (or one text file): 16 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Reads paths, standard input and byte buffers into documents.
///
/// Options are set builder-style: `reader.max_bytes(1 << 30).date(Some(d))`.
#[derive(Clone, Debug)]
pub struct Reader {
    options: Options,
}

/// The options a reader passes to the iterators it makes.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    pub max_bytes: u64,
    pub date: Option<String>,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader::new()
    }
}

impl Reader {
    /// A reader with the default limit ([`DEFAULT_MAX_BYTES`]) and no default date.
    pub fn new() -> Reader {
        Reader {
            options: Options {
                max_bytes: DEFAULT_MAX_BYTES,
                date: None,
            },
        }
    }

    /// Sets the largest text file, standard input or JSON Lines record accepted, in
    /// bytes. A JSON Lines file itself may be of any size: it is read line by line.
    pub fn max_bytes(&mut self, n: u64) -> &mut Reader {
        self.options.max_bytes = n;
        self
    }

    /// Sets the date (`YYYY-MM-DD`) given to documents that carry none. An invalid date
    /// is ignored (with a warning on each document).
    pub fn date(&mut self, d: Option<String>) -> &mut Reader {
        self.options.date = d;
        self
    }

    /// Reads one path: `-` is standard input; a JSON Lines file (by extension, gzip
    /// magic, or a first record) gives one document per line; anything else is one
    /// document. The iterator streams: a JSON Lines file is never held in memory whole,
    /// and a bad line gives an error for that line while the rest goes on.
    pub fn read(&self, path: &Path) -> impl Iterator<Item = Result<Document, InputError>> + Send {
        open::open(path, &self.options)
    }

    /// Reads standard input, as [`Reader::read`] does for `-`.
    pub fn read_stdin(&self) -> impl Iterator<Item = Result<Document, InputError>> + Send {
        self.read(Path::new("-"))
    }

    /// Makes one document of `bytes`, named `name` (a path, or `<stdin>`): the id is the
    /// file name without its extensions, the source is `name`. Gzip data is unpacked;
    /// JSON Lines are not split (use [`Reader::read`] for that).
    pub fn read_bytes(&self, name: &str, bytes: &[u8]) -> Result<Document, InputError> {
        open::document(name, bytes, &self.options)
    }
}

impl Options {
    /// Keeps a valid date, drops an invalid one with a warning, and fills a missing one
    /// from the reader's default date.
    pub(crate) fn settle_date(&self, doc: &mut Document) {
        if let Some(date) = doc.date.take() {
            if is_date(&date) {
                doc.date = Some(date);
            } else {
                doc.warn(
                    STAGE,
                    None,
                    format!("dropped the date {date:?}: not a date of the form YYYY-MM-DD"),
                );
            }
        }
        if doc.date.is_none() {
            match &self.date {
                Some(d) if is_date(d) => doc.date = Some(d.clone()),
                Some(d) => doc.warn(
                    STAGE,
                    None,
                    format!("ignored the default date {d:?}: not a date of the form YYYY-MM-DD"),
                ),
                None => {}
            }
        }
    }
}

/// Whether `s` is a real calendar date written `YYYY-MM-DD`.
pub(crate) fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_and_their_iterators_can_move_to_other_threads() {
        fn assert_send<T: Send>(_: &T) {}
        let reader = Reader::new();
        assert_send(&reader);
        assert_send(&reader.read(Path::new("no/such/file.txt")));
    }

    #[test]
    fn dates_are_checked_against_the_calendar() {
        for good in ["2022-09-13", "2020-02-29", "2000-02-29", "1999-12-31"] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "2022-9-13",
            "2021-02-29",
            "1900-02-29",
            "2022-13-01",
            "2022-04-31",
            "13/9/2022",
            "２０２２-01-01",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn default_date_fills_only_missing_dates() {
        let mut reader = Reader::new();
        reader.date(Some("2022-09-13".into()));
        let mut doc = Document::new("a", "x");
        doc.date = Some("2017-05-01".into());
        reader.options.settle_date(&mut doc);
        assert_eq!(doc.date.as_deref(), Some("2017-05-01"));
        let mut doc = Document::new("b", "x");
        doc.date = Some("yesterday".into());
        reader.options.settle_date(&mut doc);
        assert_eq!(doc.date.as_deref(), Some("2022-09-13"));
        assert_eq!(doc.warnings.len(), 1);
    }
}
