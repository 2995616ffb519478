//! Opening paths and streams, and turning the bytes of one input into a document.

use std::fs::{self, File};
use std::io::{self, BufReader, Cursor, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;
use thoisu_doc::Document;

use crate::decode::decode;
use crate::error::{ErrorKind, InputError, Problem};
use crate::html;
use crate::jsonl::JsonLines;
use crate::{Options, STAGE};

/// How much of a stream is read first to recognise gzip and JSON Lines.
const HEAD: usize = 64 * 1024;

/// The name standard input goes by in documents and errors.
const STDIN: &str = "<stdin>";

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The documents of one path: one, or one per line of a JSON Lines file.
pub(crate) enum Inputs {
    One(Option<Box<Result<Document, InputError>>>),
    Lines(JsonLines),
}

impl Iterator for Inputs {
    type Item = Result<Document, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Inputs::One(item) => item.take().map(|b| *b),
            Inputs::Lines(lines) => lines.next(),
        }
    }
}

pub(crate) fn open(path: &Path, options: &Options) -> Inputs {
    let stdin = path == Path::new("-");
    let name = if stdin {
        STDIN.to_string()
    } else {
        path.display().to_string()
    };
    open_named(path, &name, stdin, options)
        .unwrap_or_else(|err| Inputs::One(Some(Box::new(Err(err)))))
}

fn open_named(
    path: &Path,
    name: &str,
    stdin: bool,
    options: &Options,
) -> Result<Inputs, InputError> {
    if stdin {
        return open_stream(Box::new(io::stdin()), name, None, options);
    }
    let meta = fs::metadata(path).map_err(|e| InputError::from_io(name, &e))?;
    if meta.is_dir() {
        return Err(InputError::new(
            name,
            ErrorKind::IsDirectory,
            "is a directory",
        ));
    }
    let file = File::open(path).map_err(|e| InputError::from_io(name, &e))?;
    open_stream(Box::new(file), name, Some(meta.len()), options)
}

/// The documents of a stream named `name` (a path or `<stdin>`), of `size` bytes when
/// known: gzip is recognised by its magic bytes, JSON Lines by the name's extension or
/// by a first record.
pub(crate) fn open_stream(
    raw: Box<dyn Read + Send>,
    name: &str,
    mut size: Option<u64>,
    options: &Options,
) -> Result<Inputs, InputError> {
    let (head, raw) = read_head(raw).map_err(|e| InputError::from_io(name, &e))?;
    let gzip = head.starts_with(&GZIP_MAGIC);
    let (head, stream) = if gzip {
        size = None;
        read_head(Box::new(MultiGzDecoder::new(raw))).map_err(|e| gzip_error(name, &e))?
    } else {
        (head, raw)
    };
    if has_jsonl_extension(name) || looks_like_jsonl(&head) {
        let input = Box::new(BufReader::with_capacity(HEAD, stream));
        let lines = JsonLines::new(input, name, &stem(name), options.clone());
        return Ok(Inputs::Lines(lines));
    }
    // Refuse an oversized file before reading more of it.
    if size.is_some_and(|n| n > options.max_bytes) {
        return Err(InputError::from_problem(
            name,
            Problem::too_large(options.max_bytes),
        ));
    }
    let mut bytes = Vec::new();
    stream
        .take(options.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| {
            if gzip {
                gzip_error(name, &e)
            } else {
                InputError::from_io(name, &e)
            }
        })?;
    if bytes.len() as u64 > options.max_bytes {
        return Err(InputError::from_problem(
            name,
            Problem::too_large(options.max_bytes),
        ));
    }
    Ok(Inputs::One(Some(Box::new(text_document(
        name, &bytes, options,
    )))))
}

/// Reads up to [`HEAD`] bytes, and gives them back with a reader of the whole stream.
fn read_head(mut raw: Box<dyn Read + Send>) -> io::Result<(Vec<u8>, Box<dyn Read + Send>)> {
    let mut head = Vec::with_capacity(HEAD);
    (&mut raw).take(HEAD as u64).read_to_end(&mut head)?;
    let whole = Box::new(Cursor::new(head.clone()).chain(raw));
    Ok((head, whole))
}

fn gzip_error(name: &str, err: &io::Error) -> InputError {
    InputError::new(
        name,
        ErrorKind::Unreadable,
        format!("not valid gzip data ({err})"),
    )
}

fn has_jsonl_extension(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [".jsonl", ".ndjson", ".jsonl.gz", ".json.gz", ".ndjson.gz"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Whether a stream starts with a corpus record: a JSON object with a `text` field.
fn looks_like_jsonl(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    if !head.starts_with(b"{") {
        return false;
    }
    match head.iter().position(|&b| b == b'\n') {
        Some(end) => serde_json::from_slice::<serde_json::Value>(&head[..end])
            .is_ok_and(|v| v.get("text").is_some()),
        // The first line is longer than the head: judge by its opening.
        None => head.windows(7).any(|w| w == b"\"text\":"),
    }
}

/// One document from the bytes of one input; gzip data is unpacked first.
pub(crate) fn document(
    name: &str,
    bytes: &[u8],
    options: &Options,
) -> Result<Document, InputError> {
    if bytes.len() as u64 > options.max_bytes {
        return Err(InputError::from_problem(
            name,
            Problem::too_large(options.max_bytes),
        ));
    }
    if !bytes.starts_with(&GZIP_MAGIC) {
        return text_document(name, bytes, options);
    }
    let mut unpacked = Vec::new();
    MultiGzDecoder::new(bytes)
        .take(options.max_bytes.saturating_add(1))
        .read_to_end(&mut unpacked)
        .map_err(|e| gzip_error(name, &e))?;
    if unpacked.len() as u64 > options.max_bytes {
        return Err(InputError::from_problem(
            name,
            Problem::too_large(options.max_bytes),
        ));
    }
    text_document(name, &unpacked, options)
}

/// One document from text bytes: decoded, and converted from HTML when it is a page.
fn text_document(name: &str, bytes: &[u8], options: &Options) -> Result<Document, InputError> {
    let decoded = decode(bytes).map_err(|p| InputError::from_problem(name, p))?;
    let mut notes: Vec<String> = decoded.note.into_iter().collect();
    let (mut text, mut title) = (decoded.text, None);
    if html::looks_like_html(&text) {
        let page = html::extract(&text);
        if page.text.trim().is_empty() {
            let problem = Problem::new(ErrorKind::Empty, "empty (an HTML page with no text)");
            return Err(InputError::from_problem(name, problem));
        }
        (text, title) = (page.text, page.title);
        notes.push("converted from HTML".to_string());
    }
    let mut doc = Document::new(stem(name), text);
    doc.source = Some(name.to_string());
    doc.title = title;
    for note in notes {
        doc.warn(STAGE, None, note);
    }
    options.settle_date(&mut doc);
    Ok(doc)
}

/// A document id from an input name: the file name without its extensions
/// (`data/tin.txt.gz` → `tin`), `stdin` for standard input.
pub(crate) fn stem(name: &str) -> String {
    if name == STDIN {
        return "stdin".to_string();
    }
    let file = Path::new(name)
        .file_name()
        .map_or_else(|| name.to_string(), |f| f.to_string_lossy().into_owned());
    let mut id = file.as_str();
    for ext in [
        ".gz", ".txt", ".text", ".jsonl", ".ndjson", ".json", ".html", ".htm",
    ] {
        let cut = id.len().saturating_sub(ext.len());
        if cut > 0 && id.is_char_boundary(cut) && id[cut..].eq_ignore_ascii_case(ext) {
            id = &id[..cut];
        }
    }
    id.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legacy::{encode, Legacy};

    fn options() -> Options {
        Options {
            max_bytes: 1 << 20,
            date: None,
        }
    }

    fn stdin_docs(bytes: &[u8]) -> Vec<Result<Document, InputError>> {
        let raw = Box::new(Cursor::new(bytes.to_vec()));
        match open_stream(raw, STDIN, None, &options()) {
            Ok(inputs) => inputs.collect(),
            Err(err) => vec![Err(err)],
        }
    }

    /// Written for these tests: a sentence with many tones and modified vowels.
    const SENTENCE: &str = "Ngày 13/9, Bộ Quốc phòng cho biết đã bắn hạ một thiết bị bay \
        không người lái ở khu vực biên giới phía đông; Ủy ban sẽ xem xét thêm.";

    #[test]
    fn legacy_encodings_round_trip_through_read_bytes() {
        for encoding in Legacy::ALL {
            let bytes = encode(encoding, SENTENCE).unwrap();
            let doc = document("cu.txt", &bytes, &options()).unwrap();
            assert_eq!(doc.text, SENTENCE, "{encoding:?}");
            let expected = format!("converted from {}", encoding.name());
            assert_eq!(doc.warnings[0].message, expected);
            assert_eq!(doc.warnings[0].stage, "input");
        }
    }

    #[test]
    fn short_legacy_text_is_refused_with_the_suspected_encoding() {
        // Half of the words are no Vietnamese syllables: too unsure to convert.
        let bytes = encode(Legacy::Vni, "Dân trí Ứớ ẵẵ").unwrap();
        let err = document("ngan.txt", &bytes, &options()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Encoding);
        assert!(
            err.to_string()
                .starts_with("ngan.txt: not UTF-8 text (invalid byte"),
            "{err}"
        );
    }

    #[test]
    fn stdin_is_named_and_detected_like_a_file() {
        let docs = stdin_docs("Tin ngắn.\n".as_bytes());
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(
            (doc.id.as_str(), doc.source.as_deref()),
            ("stdin", Some("<stdin>"))
        );
        let docs = stdin_docs(b"{\"id\":\"a\",\"text\":\"x\"}\n{\"text\":1}\n");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].as_ref().unwrap_err().to_string(), "<stdin>:2: not a valid JSON record (invalid type: integer `1`, expected a string at line 1 column 9)");
        let err = stdin_docs(b"\xff\xfe\x00").pop().unwrap().unwrap_err();
        assert!(err.to_string().starts_with("<stdin>: "), "{err}");
    }

    #[test]
    fn oversized_stream_names_the_limit_and_flag() {
        let raw = Box::new(Cursor::new(vec![b'a'; 2000]));
        let small = Options {
            max_bytes: 1000,
            date: None,
        };
        let err = open_stream(raw, STDIN, None, &small).err().unwrap();
        assert_eq!(
            err.to_string(),
            "<stdin>: larger than the limit of 1000 bytes (raise it with --max-bytes)"
        );
    }

    #[test]
    fn stems_drop_known_extensions() {
        assert_eq!(stem("data/tin.txt.gz"), "tin");
        assert_eq!(stem("a/b/baomoi.jsonl.gz"), "baomoi");
        assert_eq!(stem("bài.viết.HTML"), "bài.viết");
        assert_eq!(stem(".txt"), ".txt");
        assert_eq!(stem("<stdin>"), "stdin");
    }

    #[test]
    fn jsonl_is_recognised_by_its_first_record() {
        assert!(looks_like_jsonl(b"  {\"id\":\"a\",\"text\":\"x\"}\n{"));
        assert!(!looks_like_jsonl(b"{not json}\nmore"));
        assert!(!looks_like_jsonl(b"{\"a\":1}\n"));
        assert!(!looks_like_jsonl("Tin tức".as_bytes()));
    }
}
