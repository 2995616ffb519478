//! Arbitrary bytes never make the reader panic.

use proptest::prelude::*;
use thoisu_input::Reader;

/// Bytes that reach the interesting paths more often than uniform noise: ASCII words,
/// high bytes (legacy encodings), markup, entities, byte-order marks, NULs.
fn texty_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        "[a-zA-Z ]{1,8}".prop_map(String::into_bytes),
        proptest::collection::vec(0x80u8..=0xff, 1..4),
        Just(b"<p>".to_vec()),
        Just(b"</div>".to_vec()),
        Just(b"<!DOCTYPE html>".to_vec()),
        Just(b"<script>".to_vec()),
        Just(b"&#7879;".to_vec()),
        Just(b"&#x".to_vec()),
        Just(b"&amp".to_vec()),
        Just(b"\xef\xbb\xbf".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(vec![0u8]),
        Just(b"\n".to_vec()),
        Just(b"\x1f\x8b".to_vec()),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check(bytes: &[u8]) {
    let mut reader = Reader::new();
    reader.max_bytes(4096);
    if let Ok(doc) = reader.read_bytes("fuzz.txt", bytes) {
        // The text is a String, hence UTF-8; it must also hold something to read.
        assert!(!doc.text.trim().is_empty());
        assert!(std::str::from_utf8(doc.text.as_bytes()).is_ok());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes);
    }

    #[test]
    fn text_like_bytes_never_panic(bytes in texty_bytes()) {
        check(&bytes);
    }

    #[test]
    fn arbitrary_json_lines_never_panic(lines in proptest::collection::vec("[{}\":a-z0-9,\\[\\] \\\\]{0,40}", 0..8)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.jsonl");
        std::fs::write(&path, lines.join("\n")).unwrap();
        for item in Reader::new().read(&path) {
            if let Err(err) = item {
                prop_assert!(!err.to_string().contains('\n'));
            }
        }
    }
}
