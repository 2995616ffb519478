//! Normalization of raw news text into the form used for matching.
//!
//! The normalizer walks the original text once. Runs of letters ("units": letters,
//! combining marks, and invisible characters between letters) are put in NFC and given
//! the classic tone placement; single characters outside units are mapped one by one
//! (quotes, dashes, spaces, invisible characters, line ends). Everything else is copied.
//! Each change is recorded in the [`OffsetMap`] as one rewrite of a whole unit or of a
//! whole character, so a token made of whole units maps back to whole characters.

use thoisu_doc::OffsetMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::chars::{self, decode};
use crate::tone;

/// A normalized text and the map from its byte offsets back to the original text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// Maps byte offsets of [`Normalized::text`] to byte offsets of the original.
    pub map: OffsetMap,
}

/// Normalizes `original`: returns the normalized text and the [`OffsetMap`] back to it.
///
/// What changes: NFC composition; the classic tone placement (`hoà` → `hòa`,
/// `thuý` → `thúy`, `khoẻ` → `khỏe`; see [`crate`] docs); curly and angle quotes to
/// `"` and `'`; every dash to `-`; every Unicode space, tab and form feed to ` `; `\r\n`,
/// `\r`, U+0085, U+2028 and U+2029 to `\n`; `…` to `...`; zero-width, bidi, soft hyphen,
/// BOM and control characters removed. Case is kept.
///
/// Text that needs no change is copied once and gets an identity map.
///
/// ```
/// let n = thoisu_text::normalize("Hoà bình\u{00A0}“thật sự”…");
/// assert_eq!(n.text, "Hòa bình \"thật sự\"...");
/// // The span of `"thật sự"` in the normalized text maps back to the curly quotes.
/// let at = n.text.find('"').unwrap();
/// let start = n.map.to_original_start(at);
/// let end = n.map.to_original_end(n.text.rfind('"').unwrap() + 1);
/// assert_eq!(&"Hoà bình\u{00A0}“thật sự”…"[start..end], "“thật sự”");
/// ```
pub fn normalize(original: &str) -> Normalized {
    let mut normalizer = Normalizer::new(original);
    normalizer.run();
    normalizer.finish()
}

/// State of one pass over a text.
struct Normalizer<'a> {
    src: &'a str,
    /// Output; only filled once the first change is found.
    out: String,
    changed: bool,
    /// Changes so far, as `(original_start, original_end, normalized_len)`.
    edits: Vec<(usize, usize, usize)>,
    /// Original offset up to which the output has been written.
    emitted: usize,
    /// Scratch buffer for the normalized form of one unit.
    scratch: String,
}

impl<'a> Normalizer<'a> {
    fn new(src: &'a str) -> Self {
        Normalizer {
            src,
            out: String::new(),
            changed: false,
            edits: Vec::new(),
            emitted: 0,
            scratch: String::new(),
        }
    }

    fn run(&mut self) {
        let bytes = self.src.as_bytes();
        let mut i = 0;
        // Start of the run of ASCII letters just before `i`: a unit that turns out to
        // need work (say `hoà`) begins there.
        let mut word_start = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            if b < 0x80 && !chars::is_ascii_special(b) {
                i += 1;
                word_start = i;
                continue;
            }
            let (c, len) = decode(bytes, i);
            let invisible = chars::is_invisible(c);
            if chars::is_letter(c) || (invisible && word_start < i) {
                i = self.unit(word_start);
                if i <= word_start {
                    // Cannot happen (the unit holds at least the letters before `i`),
                    // but never loop forever on bad input.
                    i = word_start + len;
                }
            } else if let Some(replacement) = chars::replacement(c) {
                let end = if c == '\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + len
                };
                self.replace(i, end, replacement);
                i = end;
            } else {
                self.symbol(c, i, len);
                i += len;
            }
            word_start = i;
        }
    }

    /// Normalizes the unit starting at `start`; returns its end.
    fn unit(&mut self, start: usize) -> usize {
        let scan = scan_unit(self.src.as_bytes(), start);
        let word = &self.src[start..scan.end];
        if scan.clean {
            if let Some(fixed) = tone::classic(word) {
                self.replace(start, scan.end, &fixed);
            }
            return scan.end;
        }
        let mut buf = std::mem::take(&mut self.scratch);
        buf.clear();
        let visible = word.chars().filter(|&c| !chars::is_invisible(c));
        if is_nfc_quick(visible.clone()) == IsNormalized::Yes {
            buf.extend(visible);
        } else {
            buf.extend(visible.nfc());
        }
        if let Some(fixed) = tone::classic(&buf) {
            buf = fixed;
        }
        if buf != word {
            self.replace(start, scan.end, &buf);
        }
        self.scratch = buf;
        scan.end
    }

    /// NFC of a character outside letter runs (`;` for the Greek question mark). A
    /// character whose NFC is several characters (a few musical symbols) is kept: the
    /// tokenizer could otherwise cut between them.
    fn symbol(&mut self, c: char, i: usize, len: usize) {
        if c < '\u{300}' || is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes {
            return;
        }
        let mut nfc = std::iter::once(c).nfc();
        if let (Some(single), None) = (nfc.next(), nfc.next()) {
            let mut buf = [0; 4];
            self.replace(i, i + len, single.encode_utf8(&mut buf));
        }
    }

    /// Writes `replacement` in place of `original[start..end]`.
    fn replace(&mut self, start: usize, end: usize, replacement: &str) {
        if !self.changed {
            self.changed = true;
            self.out.reserve(self.src.len() + 16);
        }
        self.out.push_str(&self.src[self.emitted..start]);
        self.edits.push((start, end, replacement.len()));
        self.out.push_str(replacement);
        self.emitted = end;
    }

    fn finish(mut self) -> Normalized {
        if !self.changed {
            return Normalized {
                text: self.src.to_string(),
                map: OffsetMap::identity(self.src.len()),
            };
        }
        self.out.push_str(&self.src[self.emitted..]);
        let mut map = OffsetMap::builder();
        let mut copied_to = 0;
        for &(start, end, normalized_len) in &self.edits {
            map.copy(start - copied_to);
            map.rewrite(end - start, normalized_len);
            copied_to = end;
        }
        map.copy(self.src.len() - copied_to);
        Normalized {
            text: self.out,
            map: map.finish(),
        }
    }
}

/// Where a unit ends and whether it can be kept as it is apart from tone placement.
struct UnitScan {
    /// End of the last letter or mark of the unit.
    end: usize,
    /// No invisible characters inside and every character already NFC-safe.
    clean: bool,
}

/// Scans the unit starting at `start`: letters and marks, with invisible characters
/// allowed between them (trailing invisible characters are left outside).
fn scan_unit(bytes: &[u8], start: usize) -> UnitScan {
    let mut j = start;
    let mut end = start;
    let mut clean = true;
    // An invisible character seen since the last letter: it is inside the unit only if
    // another letter follows.
    let mut pending_invisible = false;
    while j < bytes.len() {
        let b = bytes[j];
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            decode(bytes, j)
        };
        if c.is_ascii_alphabetic() || chars::is_precomposed_latin(c) {
            clean &= !pending_invisible;
        } else if chars::is_invisible(c) {
            pending_invisible = true;
            j += len;
            continue;
        } else if c >= '\u{80}' && (c.is_alphabetic() || is_combining_mark(c)) {
            clean = false;
        } else {
            break;
        }
        pending_invisible = false;
        j += len;
        end = j;
    }
    UnitScan { end, clean }
}
