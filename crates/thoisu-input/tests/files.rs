//! Each kind of input, written as a small file into a temporary directory and read
//! through the public API.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use thoisu_doc::Document;
use thoisu_input::{expand, ErrorKind, InputError, Reader};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn read_all(reader: &Reader, path: &Path) -> Vec<Result<Document, InputError>> {
    reader.read(path).collect()
}

fn read_one(path: &Path) -> Result<Document, InputError> {
    let mut all = read_all(&Reader::new(), path);
    assert_eq!(all.len(), 1, "one result for {}", path.display());
    all.pop().unwrap()
}

fn error_of(path: &Path) -> InputError {
    read_one(path).expect_err("an error")
}

#[test]
fn text_file_is_one_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "tin-1.txt",
        "Thủ tướng thăm Hà Nội.\nĐoạn hai.\n".as_bytes(),
    );
    let mut reader = Reader::new();
    reader.date(Some("2022-09-13".into()));
    let doc = read_all(&reader, &path).pop().unwrap().unwrap();
    assert_eq!(doc.id, "tin-1");
    assert_eq!(doc.source.as_deref(), Some(path.to_str().unwrap()));
    assert_eq!(doc.date.as_deref(), Some("2022-09-13"));
    assert_eq!(doc.text, "Thủ tướng thăm Hà Nội.\nĐoạn hai.\n");
    assert!(doc.warnings.is_empty());
}

#[test]
fn invalid_utf8_names_file_byte_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.txt", b"plain ascii then \xff and more");
    let err = error_of(&path);
    assert_eq!(err.kind(), ErrorKind::Encoding);
    let expected = format!(
        "{}: not UTF-8 text (invalid byte 0xff at offset 17)",
        path.display()
    );
    assert_eq!(err.to_string(), expected);
}

#[test]
fn binary_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "anh.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let err = error_of(&path);
    assert_eq!(err.kind(), ErrorKind::Binary);
    assert!(
        err.to_string().ends_with(": binary file, not text"),
        "{err}"
    );
}

#[test]
fn empty_and_blank_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [("rong.txt", &b""[..]), ("trang.txt", &b"  \r\n\t\n"[..])] {
        let err = error_of(&write(dir.path(), name, bytes));
        assert_eq!(err.kind(), ErrorKind::Empty);
        assert!(err.to_string().contains("empty"), "{err}");
    }
}

#[test]
fn oversized_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lon.txt");
    // A sparse 64 GiB file: reading it whole would take minutes and all the memory.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(64 << 30)
        .unwrap();
    let started = std::time::Instant::now();
    let err = read_one(&path).unwrap_err();
    assert!(started.elapsed().as_secs() < 5);
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    assert!(err.to_string().contains("16777216 bytes"), "{err}");
    assert!(err.to_string().contains("--max-bytes"), "{err}");

    let small = write(dir.path(), "vua.txt", &[b'a'; 300]);
    let mut reader = Reader::new();
    reader.max_bytes(299);
    let err = read_all(&reader, &small).pop().unwrap().unwrap_err();
    assert!(err.to_string().contains("limit of 299 bytes"), "{err}");
    reader.max_bytes(300);
    assert!(read_all(&reader, &small).pop().unwrap().is_ok());
}

#[test]
fn directory_and_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let err = error_of(dir.path());
    assert_eq!(err.kind(), ErrorKind::IsDirectory);
    assert_eq!(
        err.to_string(),
        format!("{}: is a directory", dir.path().display())
    );
    let missing = dir.path().join("khong-co.txt");
    let err = error_of(&missing);
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(
        err.to_string(),
        format!("{}: no such file", missing.display())
    );
}

#[test]
fn byte_order_marks_and_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Ngoại trưởng hai nước gặp nhau.";
    let bom8 = [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat();
    let le: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xfe, 0xff]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let doc = read_one(&write(dir.path(), "bom.txt", &bom8)).unwrap();
    assert_eq!(doc.text, text);
    assert!(doc.warnings.is_empty());
    for (name, bytes, from) in [("le.txt", le, "UTF-16LE"), ("be.txt", be, "UTF-16BE")] {
        let doc = read_one(&write(dir.path(), name, &bytes)).unwrap();
        assert_eq!(doc.text, text);
        assert_eq!(doc.warnings[0].message, format!("converted from {from}"));
    }
}

#[test]
fn html_page_becomes_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<!doctype html>\n<html><head><title>Thời sự</title><script>x()</script></head>\
        <body><p>Hai bên đã k&yacute; th&#7887;a thuận&nbsp;ngừng bắn.</p>\
        <p>Giá &lt;100 USD &amp; hơn.</p></body></html>";
    let doc = read_one(&write(dir.path(), "trang.html", page.as_bytes())).unwrap();
    assert_eq!(
        doc.text,
        "Hai bên đã ký thỏa thuận\u{a0}ngừng bắn.\nGiá <100 USD & hơn."
    );
    assert_eq!(doc.title.as_deref(), Some("Thời sự"));
    assert_eq!(doc.warnings[0].message, "converted from HTML");
}

const LINES: &str = concat!(
    "{\"id\":\"a:1\",\"source\":\"Báo A\",\"url\":\"https://a.invalid/1\",\"date\":\"2021-03-04\",\"title\":\"Tựa\",\"text\":\"Đoạn một.\\nĐoạn hai.\"}\n",
    "{\"id\":\"a:2\",\"text\":\"Thiếu ngoặc\"\n",
    "{\"id\":\"a:3\",\"date\":\"4/3/2021\",\"text\":\"Ngày sai.\"}\n",
    "{\"id\":\"a:4\",\"text\":\"\"}\n",
    "{\"id\":\"a:5\",\"date\":null,\"title\":null,\"text\":\"Cuối.\"}\n",
);

fn check_lines(name: &str, results: &[Result<Document, InputError>]) {
    assert_eq!(results.len(), 5);
    let first = results[0].as_ref().unwrap();
    assert_eq!(first.id, "a:1");
    assert_eq!(first.source.as_deref(), Some("Báo A"));
    assert_eq!(first.url.as_deref(), Some("https://a.invalid/1"));
    assert_eq!(first.date.as_deref(), Some("2021-03-04"));
    assert_eq!(first.title.as_deref(), Some("Tựa"));
    assert_eq!(first.text, "Đoạn một.\nĐoạn hai.");
    let bad = results[1].as_ref().unwrap_err();
    assert!(
        bad.to_string()
            .starts_with(&format!("{name}:2: not a valid JSON record")),
        "{bad}"
    );
    let dated = results[2].as_ref().unwrap();
    assert_eq!(dated.date, None);
    assert!(dated.warnings[0].message.contains("4/3/2021"));
    assert_eq!(
        results[3].as_ref().unwrap_err().to_string(),
        format!("{name}:4: empty text")
    );
    assert_eq!(results[4].as_ref().unwrap().text, "Cuối.");
}

#[test]
fn json_lines_go_on_after_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bai.jsonl", LINES.as_bytes());
    check_lines(
        &path.display().to_string(),
        &read_all(&Reader::new(), &path),
    );
}

#[test]
fn gzip_is_recognised_by_magic_bytes() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["bai.jsonl.gz", "bai.json.gz", "bai.dat"] {
        let path = write(dir.path(), name, &gzip(LINES.as_bytes()));
        check_lines(
            &path.display().to_string(),
            &read_all(&Reader::new(), &path),
        );
    }
    let text = write(dir.path(), "tin.txt.gz", &gzip("Một bài ngắn.".as_bytes()));
    let doc = read_one(&text).unwrap();
    assert_eq!(
        (doc.id.as_str(), doc.text.as_str()),
        ("tin", "Một bài ngắn.")
    );
    let broken = write(dir.path(), "hong.jsonl.gz", &gzip(LINES.as_bytes())[..40]);
    let results = read_all(&Reader::new(), &broken);
    let last = results.last().unwrap().as_ref().unwrap_err();
    assert_eq!(last.kind(), ErrorKind::Unreadable);
}

#[test]
fn expand_lists_readable_files_sorted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("z/y")).unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    for name in [
        "b.txt",
        "a.jsonl.gz",
        "z/y/c.html",
        "z/anh.png",
        ".git/x.txt",
        "z/d.jsonl",
    ] {
        write(dir.path(), name, b"x");
    }
    let got = expand(&[dir.path().to_path_buf(), PathBuf::from("-")]);
    let want: Vec<PathBuf> = ["a.jsonl.gz", "b.txt", "z/d.jsonl", "z/y/c.html"]
        .iter()
        .map(|n| dir.path().join(n))
        .chain([PathBuf::from("-")])
        .collect();
    assert_eq!(got, want);
}
