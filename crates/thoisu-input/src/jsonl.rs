//! JSON Lines in the corpus format: one article per line,
//! `{"id", "source", "url", "date", "title", "text"}`.

use std::io::{self, BufRead};

use serde::Deserialize;
use thoisu_doc::Document;

use crate::error::{ErrorKind, InputError, Problem};
use crate::Options;

/// One line of a corpus file. Only `text` is required.
#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<Id>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

/// Corpus ids are strings; numbers are accepted too.
#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

/// The documents of a JSON Lines stream, one per non-blank line; a bad line gives an
/// error for that line and the reading goes on.
pub(crate) struct JsonLines {
    input: Box<dyn BufRead + Send>,
    name: String,
    stem: String,
    options: Options,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonLines {
    pub fn new(
        input: Box<dyn BufRead + Send>,
        name: &str,
        stem: &str,
        options: Options,
    ) -> JsonLines {
        JsonLines {
            input,
            name: name.to_string(),
            stem: stem.to_string(),
            options,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn error(&self, problem: Problem) -> InputError {
        InputError::from_problem(&self.name, problem).at_line(self.line)
    }

    /// The document of the line now in `buf`.
    fn document(&self) -> Result<Document, InputError> {
        let mut bytes = self.buf.as_slice();
        if self.line == 1 {
            bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        }
        let record: Record = serde_json::from_slice(bytes).map_err(|e| {
            self.error(Problem::new(
                ErrorKind::Record,
                format!("not a valid JSON record ({e})"),
            ))
        })?;
        let text = record.text.ok_or_else(|| {
            self.error(Problem::new(
                ErrorKind::Record,
                "no \"text\" field (or it is not a string)",
            ))
        })?;
        if text.trim().is_empty() {
            return Err(self.error(Problem::new(ErrorKind::Empty, "empty text")));
        }
        let id = match record.id {
            Some(Id::Text(id)) if !id.trim().is_empty() => id,
            Some(Id::Number(n)) => n.to_string(),
            _ => format!("{}:{}", self.stem, self.line),
        };
        let mut doc = Document::new(id, text);
        doc.source = record.source.or_else(|| Some(self.name.clone()));
        doc.url = record.url;
        doc.title = record.title.filter(|t| !t.trim().is_empty());
        doc.date = record.date;
        self.options.settle_date(&mut doc);
        Ok(doc)
    }
}

impl Iterator for JsonLines {
    type Item = Result<Document, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line += 1;
            let limit = self.options.max_bytes;
            match read_line(&mut *self.input, &mut self.buf, limit) {
                Ok(Line::End) => self.done = true,
                Ok(Line::TooLong) => return Some(Err(self.error(Problem::too_large(limit)))),
                Ok(Line::Full) if self.buf.trim_ascii().is_empty() => continue,
                Ok(Line::Full) => return Some(self.document()),
                Err(err) => {
                    // A read error (such as corrupt gzip data) ends the stream.
                    self.done = true;
                    return Some(Err(InputError::from_io(&self.name, &err).at_line(self.line)));
                }
            }
        }
        None
    }
}

enum Line {
    /// A line (without its `\n`) is in the buffer.
    Full,
    /// The line was longer than the limit; it was skipped.
    TooLong,
    /// No more input.
    End,
}

/// Reads one line into `buf`, holding at most `limit` bytes of it in memory: a longer
/// line is read to its end and dropped.
fn read_line(input: &mut dyn BufRead, buf: &mut Vec<u8>, limit: u64) -> io::Result<Line> {
    buf.clear();
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let (mut seen, mut too_long) = (0usize, false);
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(match (seen, too_long) {
                (0, _) => Line::End,
                (_, true) => Line::TooLong,
                _ => Line::Full,
            });
        }
        let (chunk, ends) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], true),
            None => (available, false),
        };
        seen += chunk.len() + usize::from(ends);
        if !too_long && buf.len() + chunk.len() > limit {
            too_long = true;
            buf.clear();
        }
        if !too_long {
            buf.extend_from_slice(chunk);
        }
        let used = chunk.len() + usize::from(ends);
        input.consume(used);
        if ends {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(if too_long { Line::TooLong } else { Line::Full });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str, limit: u64) -> Vec<Result<Document, InputError>> {
        let options = Options {
            max_bytes: limit,
            date: None,
        };
        let reader: Box<dyn BufRead + Send> = Box::new(io::Cursor::new(input.as_bytes().to_vec()));
        JsonLines::new(reader, "x.jsonl", "x", options).collect()
    }

    #[test]
    fn a_bad_line_does_not_stop_the_rest() {
        let input = "{\"id\":\"a\",\"text\":\"Một.\"}\n{oops\n\n{\"text\":\"  \"}\n\
                     {\"id\":7,\"text\":\"Hai.\",\"date\":\"2021-02-30\"}\n{\"title\":\"x\"}";
        let got = lines(input, 1 << 20);
        assert_eq!(got.len(), 5);
        assert_eq!(got[0].as_ref().unwrap().id, "a");
        let bad = got[1].as_ref().unwrap_err();
        assert!(
            bad.to_string()
                .starts_with("x.jsonl:2: not a valid JSON record"),
            "{bad}"
        );
        assert_eq!(
            got[2].as_ref().unwrap_err().to_string(),
            "x.jsonl:4: empty text"
        );
        let doc = got[3].as_ref().unwrap();
        assert_eq!((doc.id.as_str(), doc.date.as_deref()), ("7", None));
        assert!(doc.warnings[0].message.contains("2021-02-30"));
        assert_eq!(got[4].as_ref().unwrap_err().line(), Some(6));
    }

    #[test]
    fn missing_id_comes_from_file_and_line() {
        let got = lines("\u{feff}{\"text\":\"Ba.\",\"source\":null}\r\n", 100);
        let doc = got[0].as_ref().unwrap();
        assert_eq!(doc.id, "x:1");
        assert_eq!(doc.source.as_deref(), Some("x.jsonl"));
        assert_eq!(doc.text, "Ba.");
    }

    #[test]
    fn over_long_lines_are_skipped_alone() {
        let long = format!("{{\"text\":\"{}\"}}", "a".repeat(200));
        let input = format!("{long}\n{{\"text\":\"ok\"}}\n{long}");
        let got = lines(&input, 100);
        assert_eq!(got.len(), 3);
        let err = got[0].as_ref().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge);
        assert!(err.to_string().contains("--max-bytes"));
        assert_eq!(got[1].as_ref().unwrap().text, "ok");
        assert_eq!(got[2].as_ref().unwrap_err().line(), Some(3));
    }
}
