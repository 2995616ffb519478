//! Normalization of raw news text into the form used for matching.
//!
//! The normalizer walks the original text once. Runs of letters ("units": letters,
//! combining marks, and invisible characters between letters) are put in NFC and given
//! the classic tone placement; single characters outside units are mapped one by one
//! (quotes, dashes, spaces, invisible characters, line ends). Everything else is copied.
//! Each change is recorded in the [`OffsetMap`] as one rewrite of a whole unit or of a
//! whole character, so a token made of whole units maps back to whole characters.

use thoisu_doc::OffsetMap;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

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
    let mut normalizer = Normalizer::new(original, String::new(), true);
    normalizer.run();
    normalizer.finish()
}

/// The normalized text of `original` (the text of [`normalize`]) without its offset map:
/// `original` itself when nothing changes (no copy), else the text written into `buf`,
/// whose allocation is reused from one call to the next.
///
/// ```
/// let mut buf = String::new();
/// assert_eq!(thoisu_text::normalize_text("Hoà bình…", &mut buf), "Hòa bình...");
/// assert_eq!(thoisu_text::normalize_text("Hòa bình", &mut buf), "Hòa bình");
/// ```
pub fn normalize_text<'a>(original: &'a str, buf: &'a mut String) -> &'a str {
    buf.clear();
    let mut normalizer = Normalizer::new(original, std::mem::take(buf), false);
    normalizer.run();
    let changed = normalizer.changed;
    if changed {
        normalizer.out.push_str(&original[normalizer.emitted..]);
    }
    *buf = normalizer.out;
    if changed {
        buf
    } else {
        original
    }
}

/// State of one pass over a text.
struct Normalizer<'a> {
    src: &'a str,
    /// Output; only filled once the first change is found.
    out: String,
    changed: bool,
    /// Changes so far, as `(original_start, original_end, normalized_len)`.
    edits: Vec<(usize, usize, usize)>,
    /// Whether to record `edits` (not needed without an offset map).
    record: bool,
    /// Original offset up to which the output has been written.
    emitted: usize,
    /// Scratch buffer for the normalized form of one unit.
    scratch: String,
}

impl<'a> Normalizer<'a> {
    /// A normalizer of `src` writing into `out` (empty), recording edits if `record`.
    fn new(src: &'a str, out: String, record: bool) -> Self {
        Normalizer {
            src,
            out,
            changed: false,
            edits: Vec::new(),
            record,
            emitted: 0,
            scratch: String::new(),
        }
    }

    /// The fast loop: plain ASCII and precomposed Latin letters pass with a few
    /// instructions per byte; anything else hands the current word to [`Self::general`].
    fn run(&mut self) {
        let bytes = self.src.as_bytes();
        let mut i = 0;
        // Start of the current word: the byte after the last ASCII non-letter.
        let mut word_start = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_alphabetic() {
                    // The rest of the ASCII letters with no other test.
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                        i += 1;
                    }
                } else if chars::is_ascii_special(b) {
                    i = self.general(word_start);
                    word_start = i;
                } else {
                    i += 1;
                    word_start = i;
                }
                continue;
            }
            let len = chars::latin_letter_len(bytes, i);
            if len == 0 {
                i = self.general(word_start);
                word_start = i;
                continue;
            }
            i += len;
            if i - len > word_start && matches!(bytes[i - len - 1], b'o' | b'O' | b'u' | b'U') {
                // Maybe `hoà`, `thuý`: settle it when the word ends here.
                match bytes.get(i) {
                    // Invisible characters may join a following letter: not settled here.
                    Some(&next) if next >= 0x80 || chars::is_ascii_special(next) => {
                        i = self.general(word_start);
                        word_start = i;
                    }
                    Some(next) if next.is_ascii_alphabetic() => {}
                    _ => {
                        if let Some(fixed) = tone::classic(&self.src[word_start..i]) {
                            self.replace(word_start, i, &fixed);
                            // The word ends here; never hand it to `general` again.
                            word_start = i;
                        }
                    }
                }
            }
        }
    }

    /// The full state machine, from `start` (the start of a word, where no unit is
    /// open) to the first plain ASCII non-letter after which no unit is open; returns
    /// the position after it (or the end of the text).
    fn general(&mut self, start: usize) -> usize {
        let bytes = self.src.as_bytes();
        let mut i = start;
        // The current run of letters ("unit"), if any.
        let mut unit = Unit::NONE;
        while i < bytes.len() {
            let b = bytes[i];
            let (end, last_non_ascii) = fast_letters(bytes, i);
            if end > i {
                unit.letter(i, last_non_ascii);
                i = end;
                continue;
            }
            if b < 0x80 && !chars::is_ascii_special(b) {
                self.end_unit(&mut unit, i);
                return i + 1;
            }
            let (c, len) = decode(bytes, i);
            if unit.is_open() && chars::is_invisible(c) {
                // Invisible characters between letters belong to the unit.
                let after = skip_invisible(bytes, i);
                if after < bytes.len() && chars::is_letter(decode(bytes, after).0) {
                    unit.slow = true;
                    i = after;
                    continue;
                }
            }
            if chars::is_letter(c) {
                unit.letter(i, usize::MAX);
                unit.slow = true;
                i += len;
                continue;
            }
            self.end_unit(&mut unit, i);
            i = self.outside_unit(c, i, len);
        }
        self.end_unit(&mut unit, bytes.len());
        bytes.len()
    }

    /// Handles character `c` (of `len` bytes at `i`) outside any unit; returns where the
    /// next character starts.
    fn outside_unit(&mut self, c: char, i: usize, len: usize) -> usize {
        let Some(replacement) = chars::replacement(c) else {
            self.symbol(c, i, len);
            return i + len;
        };
        let end = if c == '\r' && self.src.as_bytes().get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + len
        };
        self.replace(i, end, replacement);
        end
    }

    /// Closes the open unit, if any, at `end`: NFC and tone placement when needed.
    #[inline]
    fn end_unit(&mut self, unit: &mut Unit, end: usize) {
        if !unit.is_open() {
            return;
        }
        let start = unit.start;
        let slow = unit.slow;
        let bytes = self.src.as_bytes();
        // The last letter is non-ASCII and follows `o` or `u`: maybe `hoà`, `thuý`.
        let last = unit.last_non_ascii;
        let tone_candidate = last > start
            && last != usize::MAX
            && chars::latin_letter_len(bytes, last) == end - last
            && matches!(bytes[last - 1], b'o' | b'O' | b'u' | b'U');
        *unit = Unit::NONE;
        if slow {
            self.slow_unit(start, end);
        } else if tone_candidate {
            if let Some(fixed) = tone::classic(&self.src[start..end]) {
                self.replace(start, end, &fixed);
            }
        }
    }

    /// A unit with marks, non-Latin letters or invisible characters inside.
    fn slow_unit(&mut self, start: usize, end: usize) {
        let word = &self.src[start..end];
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
            self.replace(start, end, &buf);
        }
        self.scratch = buf;
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
        if self.record {
            self.edits.push((start, end, replacement.len()));
        }
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

/// The run of letters being read.
struct Unit {
    /// First byte, or `usize::MAX` when no unit is open.
    start: usize,
    /// Start of the last non-ASCII Latin letter seen (`usize::MAX`: none).
    last_non_ascii: usize,
    /// It holds marks, non-Latin letters or invisible characters: NFC needed.
    slow: bool,
}

impl Unit {
    const NONE: Unit = Unit {
        start: usize::MAX,
        last_non_ascii: usize::MAX,
        slow: false,
    };

    fn is_open(&self) -> bool {
        self.start != usize::MAX
    }

    /// Letters from `at` on, the last non-ASCII one starting at `last_non_ascii`.
    #[inline]
    fn letter(&mut self, at: usize, last_non_ascii: usize) {
        if self.start == usize::MAX {
            self.start = at;
        }
        if last_non_ascii != usize::MAX {
            self.last_non_ascii = last_non_ascii;
        }
    }
}

/// End of the run of ASCII and precomposed Latin letters starting at `i` (`i` when
/// there is none), and where its last non-ASCII letter starts (`usize::MAX`: none).
/// The hot loop of the normalizer: Vietnamese text is mostly such runs.
#[inline]
fn fast_letters(bytes: &[u8], mut i: usize) -> (usize, usize) {
    let mut last_non_ascii = usize::MAX;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let len = chars::latin_letter_len(bytes, i);
        if len == 0 {
            break;
        }
        last_non_ascii = i;
        i += len;
    }
    (i, last_non_ascii)
}

/// End of the run of invisible characters starting at `i`.
fn skip_invisible(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        let (c, len) = decode(bytes, i);
        if !chars::is_invisible(c) {
            break;
        }
        i += len;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Normalizes with the full state machine only, without the fast loop.
    fn reference(text: &str) -> Normalized {
        let mut normalizer = Normalizer::new(text, String::new(), true);
        let mut i = 0;
        while i < text.len() {
            i = normalizer.general(i);
        }
        normalizer.finish()
    }

    const PIECES: &[&str] = &[
        "o", "O", "u", "q", "h", "a", "y", "à", "á", "ẻ", "ỷ", "Ý", "ò", "ê", "\u{300}", "\u{301}",
        "\u{323}", " ", "\u{A0}", "\0", "\r", "\t", "\u{200B}", "\u{AD}", ".", "…", "“", "-", "1",
        "日", "\u{37E}",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        #[test]
        fn fast_loop_matches_the_full_state_machine(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..40)
        ) {
            let text = pieces.concat();
            let full = normalize(&text);
            let mut buf = "left over".to_string();
            prop_assert_eq!(normalize_text(&text, &mut buf), full.text.as_str());
            prop_assert_eq!(full, reference(&text));
        }
    }

    #[test]
    fn tone_fix_at_the_end_of_the_text_and_before_controls() {
        assert_eq!(normalize("Hoà").text, "Hòa");
        assert_eq!(normalize("Hoà\t").text, "Hòa ");
        assert_eq!(normalize("quý").text, "quý");
        assert_eq!(normalize("thuý\u{200B}").text, "thúy");
    }
}
