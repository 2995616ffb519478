//! Syllable-level tokens.
//!
//! One left-to-right pass over bytes. A token never ends inside a run of letters, so a
//! token of the normalized text always maps back to whole characters of the original.

use thoisu_doc::TokenKind;

use crate::chars::{self, decode};

/// A syllable-level token of some text: byte range into THAT text, and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawToken {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What the token is made of.
    pub kind: TokenKind,
    /// Whether whitespace (or the start of the text) comes right before the token.
    pub space_before: bool,
}

/// Tokenizes `text` (normally the normalized text) into `out`, which is cleared first so
/// the buffer can be reused across calls.
///
/// Decisions: a word of letters is one token, with inner hyphens and apostrophes
/// (`Nagorno-Karabakh`, `O'Brien`); letters joined to digits are acronyms (`G7`,
/// `COVID-19`, `F-16`); dotted abbreviations of capitals are one token (`TP.HCM`,
/// `PGS.TS`, `Th.S`, `U.S.`). Numbers keep their separators (`2,5`, `1.000`); a sign is
/// never part of a number (`-5` is `-` then `5`). Dates: `13/9`, `13/9/2022`, `9/2022`,
/// `2022-09-13`, `13-9`, `6-2004` (a hyphen between two one-digit numbers, `2-1`, is taken for a
/// score or a range, not a date). Times: `2:30`, `14:30:05`, `2h30`, `14h`. A number
/// glued to letters is split (`10km` → `10`, `km`) unless the letters are 1–3 capitals
/// (`4G`). Each punctuation mark is its own token except runs of dots (`...`) and the
/// period of an abbreviation or initial (`TP.`, `PGS.TS.`, `Q.`, `J.`, `U.S.`), which
/// stays with it as news corpora write it.
///
/// ```
/// use thoisu_doc::TokenKind;
/// let mut tokens = Vec::new();
/// thoisu_text::tokenize("TP.HCM, 13/9: 2,5%", &mut tokens);
/// let kinds: Vec<TokenKind> = tokens.iter().map(|t| t.kind).collect();
/// assert_eq!(kinds, [TokenKind::Acronym, TokenKind::Punct, TokenKind::Date,
///                    TokenKind::Punct, TokenKind::Number, TokenKind::Symbol]);
/// ```
pub fn tokenize(text: &str, out: &mut Vec<RawToken>) {
    out.clear();
    // News averages five to six bytes per token.
    out.reserve(text.len() / 4);
    let scanner = Scanner {
        bytes: text.as_bytes(),
        text,
        next_at: std::cell::Cell::new(text.find('@').unwrap_or(usize::MAX)),
    };
    let bytes = scanner.bytes;
    let mut i = 0;
    let mut space_before = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b' ' {
            i += 1;
            space_before = true;
            continue;
        }
        if b < 0x80 {
            if b.is_ascii_whitespace() || b == 0x0B {
                i += 1;
                space_before = true;
                continue;
            }
            if b < 0x20 || b == 0x7F {
                i += 1;
                continue;
            }
        }
        let starts_word = b.is_ascii_alphabetic() || chars::latin_letter_len(bytes, i) > 0;
        if starts_word && !scanner.maybe_url(i) && !scanner.near_at(i) {
            // Most tokens: a word, no URL or email possible; most of those a lower-case
            // syllable followed by a space or a comma.
            let end = scanner.letters(i);
            let next = scanner.byte(end);
            let (end, kind) = if matches!(next, b' ' | b',') && is_lower_start(bytes, i) {
                (end, TokenKind::Word)
            } else if !continues_word(next) {
                // What `word` finds when nothing after the letters can extend them
                // (capitalized words, words before `)` or `"`), without reading them again.
                let capitals = is_all_capitals(&bytes[i..end]);
                (
                    end,
                    if capitals {
                        TokenKind::Acronym
                    } else {
                        TokenKind::Word
                    },
                )
            } else {
                scanner.word(i)
            };
            out.push(RawToken {
                start: i,
                end,
                kind,
                space_before,
            });
            space_before = false;
            i = end;
            continue;
        }
        let (c, len) = decode(bytes, i);
        if b >= 0x80 {
            if chars::is_space(c) {
                i += len;
                space_before = true;
                continue;
            }
            if chars::is_invisible(c) {
                i += len;
                continue;
            }
        }
        let (end, mut kind) = scanner.token(i, c, len);
        if kind == TokenKind::Number
            && end - i == 3
            && bytes[i + 1] == b'-'
            && day_word_before(text, out)
        {
            kind = TokenKind::Date;
        }
        out.push(RawToken {
            start: i,
            end,
            kind,
            space_before,
        });
        space_before = false;
        i = end;
    }
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Position of the first `@` at or after the last place looked at (`usize::MAX`:
    /// none left), so emails are only looked for near an `@`.
    next_at: std::cell::Cell<usize>,
}

impl Scanner<'_> {
    /// The token starting at `i` with first character `c` of `len` bytes.
    fn token(&self, i: usize, c: char, len: usize) -> (usize, TokenKind) {
        if c.is_ascii_digit() {
            if let Some(end) = self.email(i) {
                return (end, TokenKind::Email);
            }
            return self.number(i);
        }
        if chars::is_letter(c) {
            if let Some(end) = self.maybe_url(i).then(|| self.url(i)).flatten() {
                return (end, TokenKind::Url);
            }
            if let Some(end) = self.email(i) {
                return (end, TokenKind::Email);
            }
            return self.word(i);
        }
        if c == '.' {
            let end = self.run_of(i, b'.');
            return (end, TokenKind::Punct);
        }
        if c == '°' && matches!(self.byte(i + 2), b'C' | b'F') && !self.is_letter_at(i + 3) {
            // `°C`, `°F`.
            return (i + 3, TokenKind::Symbol);
        }
        let kind = if c.is_ascii_punctuation() {
            if matches!(
                c,
                '!' | '"'
                    | '\''
                    | '('
                    | ')'
                    | ','
                    | '-'
                    | '.'
                    | '/'
                    | ':'
                    | ';'
                    | '?'
                    | '['
                    | ']'
                    | '{'
                    | '}'
            ) {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            }
        } else if chars::is_unicode_punct(c) {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        // Combining marks after a symbol are not taken with it: the normalizer puts them
        // in the letter run that follows, and a token must not end inside one.
        (i + len, kind)
    }

    fn byte(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(0)
    }

    fn run_of(&self, i: usize, b: u8) -> usize {
        let mut j = i;
        while self.byte(j) == b {
            j += 1;
        }
        j
    }

    fn digits(&self, i: usize) -> usize {
        let mut j = i;
        while self.byte(j).is_ascii_digit() {
            j += 1;
        }
        j
    }

    /// End of the run of letters and marks starting at `i` (may be `i`).
    #[inline]
    fn letters(&self, i: usize) -> usize {
        let bytes = self.bytes;
        let mut j = i;
        loop {
            // ASCII letters first, with no other test: most bytes of a syllable.
            while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
                j += 1;
            }
            match bytes.get(j) {
                Some(&b) if b >= 0x80 => {}
                _ => return j,
            }
            let len = match chars::latin_letter_len(bytes, j) {
                0 => other_letter_len(bytes, j),
                fast => fast,
            };
            if len == 0 {
                return j;
            }
            j += len;
        }
    }

    fn is_letter_at(&self, i: usize) -> bool {
        i < self.bytes.len() && chars::is_letter(decode(self.bytes, i).0)
    }

    /// A word, acronym or abbreviation starting with a letter at `i`.
    fn word(&self, i: usize) -> (usize, TokenKind) {
        let mut end = self.letters(i);
        let mut part_start = i;
        let mut acronym = false;
        loop {
            let next = self.byte(end);
            if next.is_ascii_digit() {
                // G7, H5N1, MH17: letters and digits glued together.
                end = self.letters(self.digits(end));
                acronym = true;
                continue;
            }
            if next == 0xC2 && matches!(self.byte(end + 1), 0xB2 | 0xB3) {
                // `km²`, `m³`.
                end += 2;
                continue;
            }
            let after = end + 1;
            let joined = match next {
                b'-' if self.byte(after).is_ascii_digit() => {
                    acronym = true;
                    Some(self.letters(self.digits(after)))
                }
                b'-' | b'\'' if self.is_letter_at(after) => Some(self.letters(after)),
                b'&' if is_capitals(&self.bytes[part_start..end]) => {
                    let e = self.letters(after);
                    is_capitals(&self.bytes[after..e]).then_some(e)
                }
                b'.' => self.dotted(part_start, end),
                _ => None,
            };
            let Some(new_end) = joined.filter(|&e| e > after) else {
                break;
            };
            if next == b'.' || next == b'&' {
                acronym = true;
            }
            part_start = after;
            end = new_end;
        }
        if let Some(domain_end) = (self.byte(end) == b'.')
            .then(|| self.domain(i, end))
            .flatten()
        {
            return (domain_end, TokenKind::Url);
        }
        // `U.S.`, `TP.`, `PGS.TS.`, `Q.`, `J.` keep their period, as news corpora write
        // them (but `TP...` leaves the ellipsis whole).
        let final_dot = self.byte(end) == b'.' && self.byte(end + 1) != b'.';
        if final_dot && self.keeps_period(i, end, acronym) {
            end += 1;
            acronym = true;
        }
        let word = &self.bytes[i..end];
        let kind = if acronym || is_all_capitals(word) {
            TokenKind::Acronym
        } else {
            TokenKind::Word
        };
        (end, kind)
    }

    /// `TP.HCM`, `PGS.TS`, `Th.S`, `U.S`, `v.v`: the end of the part after the dot at
    /// `end` when it joins the part `bytes[part..end]`.
    fn dotted(&self, part: usize, end: usize) -> Option<usize> {
        let after = end + 1;
        let next_end = self.letters(after);
        if next_end == after {
            return None;
        }
        let left = self.text.get(part..end).unwrap_or("");
        let right = self.text.get(after..next_end).unwrap_or("");
        let left_len = left.chars().count();
        let left_ok = left_len <= 4 && left.starts_with(char::is_uppercase);
        // `N.V.HẢI`, `T.Ư`: capitals of any kind on the right.
        let right_ok = right.chars().all(|c| c.is_uppercase());
        let both_single = left_len == 1 && right.chars().count() == 1;
        // `V.Bảo`, `C.C.Chen`: an initial glued to a name.
        let initial_and_name = left_len == 1 && left_ok && right.starts_with(char::is_uppercase);
        ((left_ok && right_ok) || both_single || initial_and_name).then_some(next_end)
    }

    /// Whether the word `start..end`, followed by a period, takes it: initials
    /// (`U.S`, `v.v`), a known abbreviation or a single capital, alone or as the last
    /// part of a dotted abbreviation (`PGS.TS`, `Th.S`).
    fn keeps_period(&self, start: usize, end: usize, dotted: bool) -> bool {
        let word = self.text.get(start..end).unwrap_or("");
        let single_letters = word.split('.').all(|part| {
            let mut chars = part.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
        });
        let last = word.rsplit('.').next().unwrap_or(word);
        (dotted && single_letters) || chars::takes_period(last)
    }

    /// `baomoi.com`, `chinhphu.gov.vn`: a host name starting at `i` whose first label
    /// ends at `label_end`.
    fn domain(&self, i: usize, label_end: usize) -> Option<usize> {
        if self.byte(label_end) != b'.'
            || !self.bytes[i..label_end]
                .iter()
                .all(u8::is_ascii_alphanumeric)
        {
            return None;
        }
        let mut end = label_end;
        let mut found = None;
        // A host name has at most 253 bytes; the bound keeps `abc.abc.abc...` linear.
        let limit = i + 253;
        while self.byte(end) == b'.' && end < limit {
            let start = end + 1;
            let mut e = start;
            while (self.byte(e).is_ascii_alphanumeric() || self.byte(e) == b'-') && e < limit {
                e += 1;
            }
            if e == start {
                break;
            }
            if is_tld(&self.bytes[start..e]) && !self.is_letter_at(e) {
                found = Some(e);
            }
            end = e;
        }
        found
    }

    /// Whether a URL may start at `i`: `http` or `www` (any case).
    #[inline]
    fn maybe_url(&self, i: usize) -> bool {
        if !matches!(self.byte(i) | 0x20, b'h' | b'w') {
            return false;
        }
        let head = |k: usize| self.byte(i + k).to_ascii_lowercase();
        matches!(
            (head(0), head(1), head(2)),
            (b'h', b't', b't') | (b'w', b'w', b'w')
        )
    }

    /// A URL starting at `i` (`http://`, `https://`, `www.`).
    fn url(&self, i: usize) -> Option<usize> {
        let rest = &self.bytes[i..];
        let prefix = [&b"http://"[..], b"https://", b"www."]
            .into_iter()
            .find(|p| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p))?;
        let mut end = i + prefix.len();
        while end < self.bytes.len() {
            let b = self.bytes[end];
            if b.is_ascii_whitespace() || matches!(b, b'"' | b'<' | b'>' | b'\'') {
                break;
            }
            if b >= 0x80 {
                let (c, _) = decode(self.bytes, end);
                if chars::is_space(c) || !(c.is_alphanumeric()) {
                    break;
                }
            }
            end += 1;
        }
        while end > i + prefix.len() && b".,;:!?)]".contains(&self.bytes[end - 1]) {
            end -= 1;
        }
        // Never stop inside a character or a run of letters.
        while end < self.bytes.len() && (self.bytes[end] & 0xC0) == 0x80 {
            end += 1;
        }
        if self.is_letter_at(end) {
            end = self.letters(end);
        }
        (end > i + prefix.len()).then_some(end)
    }

    /// Whether an `@` comes soon after `i` (an address is short).
    #[inline]
    fn near_at(&self, i: usize) -> bool {
        let mut next_at = self.next_at.get();
        if next_at < i {
            next_at = self
                .text
                .get(i..)
                .and_then(|rest| rest.find('@'))
                .map_or(usize::MAX, |k| i + k);
            self.next_at.set(next_at);
        }
        next_at.saturating_sub(i) <= 64
    }

    /// An email address starting at `i`.
    fn email(&self, i: usize) -> Option<usize> {
        if !self.near_at(i) {
            return None;
        }
        let local_char =
            |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
        let mut at = i;
        while local_char(self.byte(at)) {
            at += 1;
        }
        if at == i || self.byte(at) != b'@' {
            return None;
        }
        let mut end = at + 1;
        while self.byte(end).is_ascii_alphanumeric() || matches!(self.byte(end), b'.' | b'-') {
            end += 1;
        }
        while end > at + 1 && matches!(self.bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &self.bytes[at + 1..end];
        let dotted = domain.contains(&b'.') && domain[0].is_ascii_alphanumeric();
        (dotted && !self.is_letter_at(end)).then_some(end)
    }

    /// A number, date or time starting with a digit at `i`.
    fn number(&self, i: usize) -> (usize, TokenKind) {
        let first = self.digits(i);
        let sep = self.byte(first);
        let after = first + 1;
        if self.byte(after).is_ascii_digit() {
            let found = match sep {
                b'/' => self.slash_date(i, first),
                b'-' => self.dash_date(i, first),
                b':' => self.colon_time(i, first),
                b'.' | b',' => Some(self.grouped(i, first)),
                _ => None,
            };
            if let Some(found) = found {
                return found;
            }
        }
        if let Some(end) = self.hour_time(i, first) {
            return (end, TokenKind::Time);
        }
        let letters_end = self.letters(first);
        let glued = &self.bytes[first..letters_end];
        if !glued.is_empty()
            && glued.len() <= 3
            && is_capitals(glued)
            && !self.byte(letters_end).is_ascii_digit()
        {
            return (letters_end, TokenKind::Acronym);
        }
        (first, TokenKind::Number)
    }

    /// `13/9`, `13/9/2022`, `9/2022`, or a fraction `1/3`.
    fn slash_date(&self, i: usize, first: usize) -> Option<(usize, TokenKind)> {
        let second = self.digits(first + 1);
        let a = value(&self.bytes[i..first]);
        let b = value(&self.bytes[first + 1..second]);
        let (la, lb) = (first - i, second - first - 1);
        if self.byte(second) == b'/' && self.byte(second + 1).is_ascii_digit() {
            let third = self.digits(second + 1);
            let lc = third - second - 1;
            if la <= 2 && lb <= 2 && (lc == 2 || lc == 4) && is_day_month(a, b) {
                return Some((third, TokenKind::Date));
            }
            return None;
        }
        if la <= 2 && lb <= 2 && is_day_month(a, b) {
            return Some((second, TokenKind::Date));
        }
        if la <= 2 && lb == 4 && (1..=12).contains(&a) {
            return Some((second, TokenKind::Date));
        }
        (la <= 3 && lb <= 3).then_some((second, TokenKind::Number))
    }

    /// `2022-09-13`, `13-9`, `13-9-2022`.
    fn dash_date(&self, i: usize, first: usize) -> Option<(usize, TokenKind)> {
        let second = self.digits(first + 1);
        let (la, lb) = (first - i, second - first - 1);
        let a = value(&self.bytes[i..first]);
        let b = value(&self.bytes[first + 1..second]);
        let third_start = second + 1;
        let has_third = self.byte(second) == b'-' && self.byte(third_start).is_ascii_digit();
        let third = if has_third {
            self.digits(third_start)
        } else {
            second
        };
        let lc = third.saturating_sub(third_start);
        if la == 4 && lb == 2 && has_third && lc == 2 {
            let c = value(&self.bytes[third_start..third]);
            return is_day_month(c, b).then_some((third, TokenKind::Date));
        }
        if la <= 2 && lb == 4 && !has_third && (1..=12).contains(&a) {
            // `6-2004`: month and year.
            return Some((second, TokenKind::Date));
        }
        if la > 2 || lb > 2 || !is_day_month(a, b) {
            return None;
        }
        if has_third && lc == 4 {
            return Some((third, TokenKind::Date));
        }
        if has_third {
            return None;
        }
        // `2-9` is a date after `ngày` (see `day_word_before`) but often a score or a
        // range; one token either way, as news corpora write it.
        let kind = if la == 1 && lb == 1 {
            TokenKind::Number
        } else {
            TokenKind::Date
        };
        Some((second, kind))
    }

    /// `2:30`, `14:30:05`.
    fn colon_time(&self, i: usize, first: usize) -> Option<(usize, TokenKind)> {
        let hour = value(&self.bytes[i..first]);
        let second = self.digits(first + 1);
        if first - i > 2
            || second - first - 1 != 2
            || hour > 24
            || value(&self.bytes[first + 1..second]) > 59
        {
            return None;
        }
        if self.byte(second) == b':' && self.digits(second + 1) == second + 3 {
            return Some((second + 3, TokenKind::Time));
        }
        Some((second, TokenKind::Time))
    }

    /// `14h`, `2h30`.
    fn hour_time(&self, i: usize, first: usize) -> Option<usize> {
        if first - i > 2
            || value(&self.bytes[i..first]) > 24
            || !matches!(self.byte(first), b'h' | b'H')
        {
            return None;
        }
        let after = first + 1;
        if self.is_letter_at(after) {
            return None;
        }
        let minutes = self.digits(after);
        match minutes - after {
            0 => Some(after),
            2 if value(&self.bytes[after..minutes]) <= 59 && !self.is_letter_at(minutes) => {
                Some(minutes)
            }
            _ => None,
        }
    }

    /// `1.000`, `3.000.000`, `2,5`, `1.000,5`, `2.5`, and dotted dates `13.9.2022`.
    fn grouped(&self, i: usize, first: usize) -> (usize, TokenKind) {
        let mut end = first;
        // Start and end of the first three digit groups, and how many groups there are.
        let mut groups = [(i, first); 3];
        let mut count = 1;
        while matches!(self.byte(end), b'.' | b',') && self.byte(end + 1).is_ascii_digit() {
            let e = self.digits(end + 1);
            if count < 3 {
                groups[count] = (end + 1, e);
            }
            count += 1;
            end = e;
        }
        let dotted = !self.bytes[i..end].contains(&b',');
        let len = |k: usize| groups[k].1 - groups[k].0;
        let val = |k: usize| value(&self.bytes[groups[k].0..groups[k].1]);
        if dotted
            && count == 3
            && len(0) <= 2
            && len(1) <= 2
            && len(2) == 4
            && is_day_month(val(0), val(1))
        {
            return (end, TokenKind::Date);
        }
        (end, TokenKind::Number)
    }
}

/// Whether the letter at `i` cannot begin an acronym: an ASCII lower-case letter or a
/// non-ASCII letter other than `Đ`.
#[inline]
fn is_lower_start(bytes: &[u8], i: usize) -> bool {
    let b = bytes[i];
    b.is_ascii_lowercase() || (b >= 0x80 && !bytes[i..].starts_with("Đ".as_bytes()))
}

/// Length of the character at `i` (not ASCII) when it is a letter or a mark outside the
/// precomposed Latin letters (other scripts, combining marks), else 0. Apart from
/// [`Scanner::letters`] so that its loop stays small.
#[inline(never)]
fn other_letter_len(bytes: &[u8], i: usize) -> usize {
    let (c, len) = decode(bytes, i);
    if chars::is_letter(c) {
        len
    } else {
        0
    }
}

/// Whether [`Scanner::word`] may take the byte `next` after a run of letters into the
/// token: a digit (`G7`), `²`/`³` (first byte), a hyphen, an apostrophe, `&` or a period.
fn continues_word(next: u8) -> bool {
    matches!(next, b'0'..=b'9' | 0xC2 | b'-' | b'\'' | b'&' | b'.')
}

/// Whether the last token pushed is a word that introduces a day (`ngày 2-9`).
fn day_word_before(text: &str, out: &[RawToken]) -> bool {
    const DAY_WORDS: [&str; 7] = ["ngày", "sáng", "trưa", "chiều", "tối", "đêm", "hôm"];
    out.last()
        .and_then(|t| text.get(t.start..t.end))
        .is_some_and(|w| {
            DAY_WORDS
                .iter()
                .any(|d| d.eq_ignore_ascii_case(w) || capitalized(d, w))
        })
}

/// `Ngày` for `ngày`.
fn capitalized(lower: &str, word: &str) -> bool {
    let mut a = lower.chars();
    let mut b = word.chars();
    match (a.next(), b.next()) {
        (Some(x), Some(y)) => x.to_uppercase().eq(std::iter::once(y)) && a.eq(b),
        _ => false,
    }
}

/// Value of a run of ASCII digits, saturating (only compared with small bounds).
fn value(digits: &[u8]) -> u32 {
    digits.iter().fold(0u32, |v, &d| {
        v.saturating_mul(10).saturating_add(u32::from(d - b'0'))
    })
}

fn is_day_month(day: u32, month: u32) -> bool {
    (1..=31).contains(&day) && (1..=12).contains(&month)
}

/// Non-empty and only ASCII capitals.
fn is_capitals(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(u8::is_ascii_uppercase)
}

/// An all-capital word of two letters or more without tone marks: `CSTO`, `HĐND`.
fn is_all_capitals(word: &[u8]) -> bool {
    const D_STROKE: [u8; 2] = [0xC4, 0x90];
    let mut rest = word;
    let mut letters = 0;
    while let Some(&b) = rest.first() {
        if b.is_ascii_uppercase() {
            rest = &rest[1..];
        } else if rest.starts_with(&D_STROKE) {
            rest = &rest[2..];
        } else {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

fn is_tld(label: &[u8]) -> bool {
    const TLDS: [&[u8]; 16] = [
        b"com", b"net", b"org", b"vn", b"gov", b"edu", b"info", b"int", b"io", b"uk", b"ru", b"us",
        b"fr", b"de", b"cn", b"jp",
    ];
    TLDS.iter().any(|t| label.eq_ignore_ascii_case(t))
}
