//! Bytes to text: byte-order marks, UTF-16, binary data, legacy encodings.

use crate::error::{ErrorKind, Problem};
use crate::legacy::{self, Verdict};
use crate::tables::CP1252;

/// Text decoded from bytes, with a note when it was converted.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub text: String,
    /// `converted from …`, for the document's warnings.
    pub note: Option<String>,
}

impl Decoded {
    fn plain(text: String) -> Decoded {
        Decoded { text, note: None }
    }

    fn converted(text: String, from: &str) -> Decoded {
        Decoded {
            text,
            note: Some(format!("converted from {from}")),
        }
    }
}

/// How many bytes at the start the binary and UTF-16 checks look at.
const SNIFF: usize = 64 * 1024;

/// Decodes the bytes of one document. Errors on binary data, on bytes no encoding fits,
/// and on input without text.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, Problem> {
    let decoded = decode_any(bytes)?;
    if decoded.text.trim().is_empty() {
        return Err(Problem::empty());
    }
    Ok(decoded)
}

fn decode_any(bytes: &[u8]) -> Result<Decoded, Problem> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        if is_binary(rest) {
            return Err(Problem::new(ErrorKind::Binary, "binary file, not text"));
        }
        return utf8_or_legacy(rest, 3);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return utf16(rest, u16::from_le_bytes, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return utf16(rest, u16::from_be_bytes, "UTF-16BE");
    }
    if let Some(little) = utf16_without_bom(bytes) {
        let (name, parse): (_, fn([u8; 2]) -> u16) = if little {
            ("UTF-16LE (no byte-order mark)", u16::from_le_bytes)
        } else {
            ("UTF-16BE (no byte-order mark)", u16::from_be_bytes)
        };
        return utf16(bytes, parse, name);
    }
    if is_binary(bytes) {
        return Err(Problem::new(ErrorKind::Binary, "binary file, not text"));
    }
    utf8_or_legacy(bytes, 0)
}

/// UTF-8 text as it is, or legacy Vietnamese converted; `skipped` is the length of a
/// byte-order mark already removed, so that offsets in errors count from the file start.
fn utf8_or_legacy(bytes: &[u8], skipped: usize) -> Result<Decoded, Problem> {
    let err = match std::str::from_utf8(bytes) {
        Ok(text) => {
            return Ok(legacy_surface(text).unwrap_or_else(|| Decoded::plain(text.to_string())))
        }
        Err(err) => err,
    };
    let offset = err.valid_up_to();
    let invalid = format!(
        "not UTF-8 text (invalid byte 0x{:02x} at offset {})",
        bytes[offset],
        offset + skipped
    );
    match legacy::detect(bytes) {
        Verdict::Sure(encoding, text) => Ok(Decoded::converted(text, encoding.name())),
        Verdict::Unsure(encoding) => Err(Problem::new(
            ErrorKind::Encoding,
            format!(
                "{invalid}; it may be {} (a legacy Vietnamese encoding) but too little of it \
                 reads as Vietnamese to convert it safely: convert it to UTF-8 first",
                encoding.name()
            ),
        )),
        Verdict::NoMatch => Err(Problem::new(ErrorKind::Encoding, invalid)),
    }
}

/// Text that was once read as Windows-1252 and saved as UTF-8, converted: legacy text
/// (what copying from a document set in a VNI or TCVN3 font gives: `Vieät Nam`) or UTF-8
/// itself (`Viá»‡t Nam`). `None` for text that is not such, which includes any text
/// that already reads as Vietnamese.
fn legacy_surface(text: &str) -> Option<Decoded> {
    if text.is_ascii() {
        return None;
    }
    let bytes: Vec<u8> = text.chars().map(cp1252_byte).collect::<Option<_>>()?;
    // Judge on a sample: the whole of a large file would take seconds.
    let mut end = text.len().min(SNIFF);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if legacy::Fit::of(&text[..end]).score() >= 0.5 {
        return None;
    }
    if let Ok(utf8) = std::str::from_utf8(&bytes) {
        // UTF-8 read as Windows-1252 and saved again (`Viá»‡t`): the bytes are the text.
        return Some(Decoded {
            text: utf8.to_string(),
            note: Some("converted from UTF-8 that had been read as Windows-1252".to_string()),
        });
    }
    match legacy::detect(&bytes) {
        Verdict::Sure(encoding, converted) => Some(Decoded {
            text: converted,
            note: Some(format!(
                "converted from {} (text in that encoding had been read as Windows-1252)",
                encoding.name()
            )),
        }),
        _ => None,
    }
}

/// The Windows-1252 byte of a character.
fn cp1252_byte(c: char) -> Option<u8> {
    let code = u32::from(c);
    if code < 0x80 || (0xa0..=0xff).contains(&code) {
        return u8::try_from(code).ok();
    }
    let i = CP1252.iter().position(|&x| x == c)?;
    u8::try_from(0x80 + i).ok()
}

fn utf16(bytes: &[u8], parse: fn([u8; 2]) -> u16, name: &str) -> Result<Decoded, Problem> {
    let units = bytes.chunks_exact(2).map(|p| parse([p[0], p[1]]));
    let mut text = String::with_capacity(bytes.len());
    for (i, unit) in char::decode_utf16(units).enumerate() {
        match unit {
            Ok(c) => text.push(c),
            Err(_) => {
                return Err(Problem::new(
                    ErrorKind::Encoding,
                    format!("not {name} text (unpaired surrogate near character {i})"),
                ))
            }
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(Problem::new(
            ErrorKind::Encoding,
            format!("not {name} text (odd number of bytes)"),
        ));
    }
    if text.contains('\0') {
        return Err(Problem::new(ErrorKind::Binary, "binary file, not text"));
    }
    Ok(Decoded::converted(text, name))
}

/// `Some(true)` for UTF-16LE, `Some(false)` for UTF-16BE: text with no byte-order mark
/// where nearly every other byte is zero (the high half of ASCII characters).
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(SNIFF)];
    if head.len() < 8 || bytes.len() % 2 == 1 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    // Mostly zeros in one half and almost none in the other.
    if odd * 10 >= pairs * 7 && even * 20 <= pairs {
        Some(true)
    } else if even * 10 >= pairs * 7 && odd * 20 <= pairs {
        Some(false)
    } else {
        None
    }
}

/// Whether the bytes look like binary data: a NUL byte, or more than one byte in ten a
/// control character other than tab, line feed, form feed and carriage return.
fn is_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let head = &bytes[..bytes.len().min(SNIFF)];
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r')) || b == 0x7f)
        .count();
    controls * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn utf8_passes_through_and_bom_is_stripped() {
        assert_eq!(
            decode("Hà Nội".as_bytes()).unwrap(),
            Decoded::plain("Hà Nội".into())
        );
        let with_bom = [b"\xef\xbb\xbf".as_slice(), "Huế".as_bytes()].concat();
        assert_eq!(decode(&with_bom).unwrap().text, "Huế");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Đà Nẵng, miền Trung.";
        let le = [b"\xff\xfe".as_slice(), &utf16le(text)].concat();
        assert_eq!(decode(&le).unwrap().text, text);
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap().text, text);
        let bare = decode(&utf16le("Quang Tri, Hue and Da Nang")).unwrap();
        assert_eq!(bare.text, "Quang Tri, Hue and Da Nang");
        assert!(bare.note.unwrap().contains("no byte-order mark"));
    }

    #[test]
    fn invalid_utf8_names_byte_and_offset() {
        let err = decode(b"Hello \xff world, nothing Vietnamese here").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Encoding);
        assert_eq!(
            err.message,
            "not UTF-8 text (invalid byte 0xff at offset 6)"
        );
        let err = decode(b"\xef\xbb\xbfab\xc3(").unwrap_err();
        assert!(err.message.contains("0xc3 at offset 5"), "{}", err.message);
    }

    #[test]
    fn binary_data_is_refused() {
        assert_eq!(
            decode(b"PK\x03\x04\0\0abc").unwrap_err().kind,
            ErrorKind::Binary
        );
        let controls: Vec<u8> = (0..100u8)
            .map(|i| if i % 5 == 0 { 1 } else { b'a' })
            .collect();
        assert_eq!(decode(&controls).unwrap_err().kind, ErrorKind::Binary);
    }

    #[test]
    fn legacy_text_read_as_windows_1252_is_converted() {
        let sentence = "Hội đồng Bảo an họp khẩn về tình hình biên giới hai nước.";
        for encoding in legacy::Legacy::ALL {
            let bytes = legacy::encode(encoding, sentence).unwrap();
            let surface: String = bytes
                .iter()
                .map(|&b| {
                    if b < 0x80 {
                        char::from(b)
                    } else {
                        CP1252[usize::from(b - 0x80)]
                    }
                })
                .collect();
            let got = decode(surface.as_bytes()).unwrap();
            assert_eq!(got.text, sentence, "{encoding:?}");
            assert!(got.note.unwrap().starts_with("converted from"));
        }
        let twice = "Hội đồng Bảo an họp khẩn.".bytes().map(|b| {
            if b < 0x80 {
                char::from(b)
            } else {
                CP1252[usize::from(b - 0x80)]
            }
        });
        let got = decode(twice.collect::<String>().as_bytes()).unwrap();
        assert_eq!(got.text, "Hội đồng Bảo an họp khẩn.");
        let french = "Le ministère a confirmé l'accord signé à Genève.";
        assert_eq!(
            decode(french.as_bytes()).unwrap(),
            Decoded::plain(french.into())
        );
    }

    #[test]
    fn whitespace_is_empty() {
        assert_eq!(decode(b"").unwrap_err().kind, ErrorKind::Empty);
        assert_eq!(decode(b" \n\t\r\n").unwrap_err().kind, ErrorKind::Empty);
        assert_eq!(
            decode(b"\xef\xbb\xbf\n").unwrap_err().kind,
            ErrorKind::Empty
        );
    }
}
