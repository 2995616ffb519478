//! Sentence boundaries for news text.

use std::cell::Cell;
use std::ops::Range;

use thoisu_doc::TokenKind;

use crate::tokenize::RawToken;

/// Splits tokenized text into sentences: token index ranges (`start..end`), in order,
/// covering every token.
///
/// A sentence ends:
/// * at every line break (paragraphs, headlines and captions stand alone even without
///   final punctuation);
/// * after `.`, `!`, `?` or `...` (with any closing quotes or brackets glued to it) when
///   the next token is a capital, a digit (not after `...`), or an opening quote or
///   bracket followed by a capital or a digit — unless the mark is inside brackets or an
///   open quotation, or the period follows an abbreviation (`TP.`, `PGS.TS.`, `Mr.`), an
///   initial (`J.`) or a list number opening the sentence (`1. Nga ...`).
///
/// So a quotation the sentence goes on after stays in it (`Ông nói: "Đi. Ngay." rồi đi.`
/// is one sentence), while a quotation that ends its sentence (closing quote, then the
/// end of the paragraph or a capital) is split like the text around it
/// (`Ông nói: "Đi. Ngay."` gives `Ông nói: "Đi.` and `Ngay."`). A quote or bracket
/// left open at the end of a paragraph is taken as a plain mark.
/// A missing space after a period (`hôm qua.Ông`) still splits between words.
///
/// ```
/// let text = "TP.HCM ngày 13/9. Ông J. Smith nói: \"Tốt. Rất tốt.\" rồi đi.\nTin mới";
/// let mut tokens = Vec::new();
/// thoisu_text::tokenize(text, &mut tokens);
/// let mut sentences = Vec::new();
/// thoisu_text::split_sentences(text, &tokens, &mut sentences);
/// let first = &tokens[sentences[1].start];
/// assert_eq!(sentences.len(), 3);
/// assert_eq!(&text[first.start..first.end], "Ông");
/// ```
pub fn split_sentences(text: &str, tokens: &[RawToken], out: &mut Vec<Range<usize>>) {
    out.clear();
    let mut splitter = Splitter {
        text,
        tokens,
        in_quote: false,
        depth: 0,
        quote_opened_at: 0,
        bracket_opened_at: 0,
        ignored: Vec::new(),
        quote_verdict: Cell::new(None),
    };
    // One pass; a paragraph left with an open quote or bracket is split again.
    let mut paragraph_start = 0;
    let mut paragraph_mark = 0;
    let mut start = 0;
    for (i, token) in tokens.iter().enumerate() {
        if token.kind == TokenKind::Punct {
            splitter.track(i);
        }
        if splitter.line_break_after(i) {
            if splitter.in_quote || splitter.depth > 0 {
                out.truncate(paragraph_mark);
                splitter.paragraph(paragraph_start..i + 1, out);
            } else {
                out.push(start..i + 1);
            }
            splitter.in_quote = false;
            splitter.depth = 0;
            paragraph_start = i + 1;
            paragraph_mark = out.len();
            start = i + 1;
            continue;
        }
        if matches!(token.kind, TokenKind::Punct | TokenKind::Acronym)
            && splitter.ends_after(i, start)
        {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
}

/// How many times a paragraph is split again with one more unclosed quote or bracket
/// ignored.
const MAX_RETRIES: usize = 4;

struct Splitter<'a> {
    text: &'a str,
    tokens: &'a [RawToken],
    /// A double quote is open.
    in_quote: bool,
    /// How many brackets are open.
    depth: usize,
    /// Token that opened the current quote.
    quote_opened_at: usize,
    /// Token that opened the outermost open bracket.
    bracket_opened_at: usize,
    /// Quotes and brackets of the paragraph that never close: taken as plain marks.
    ignored: Vec<usize>,
    /// [`Splitter::quote_ends_sentence`] for the open quotation, once computed: the same
    /// for every token inside it, and scanning ahead each time could be quadratic.
    quote_verdict: Cell<Option<bool>>,
}

impl Splitter<'_> {
    /// Splits again the tokens of a paragraph that ended with a quote or bracket open
    /// (news writes `"` at the start of every paragraph of a long quotation and closes
    /// it only in the last one): the mark left open is ignored, then the next one if
    /// need be.
    fn paragraph(&mut self, tokens: Range<usize>, out: &mut Vec<Range<usize>>) {
        let mark = out.len();
        self.ignored.clear();
        self.ignore_open_mark();
        for _ in 0..MAX_RETRIES {
            out.truncate(mark);
            self.in_quote = false;
            self.depth = 0;
            let mut start = tokens.start;
            for i in tokens.clone() {
                let kind = self.tokens[i].kind;
                if kind == TokenKind::Punct {
                    self.track(i);
                } else if kind != TokenKind::Acronym {
                    continue;
                }
                // The paragraph's last token ends a sentence anyway.
                if i + 1 < tokens.end && self.ends_after(i, start) {
                    out.push(start..i + 1);
                    start = i + 1;
                }
            }
            out.push(start..tokens.end);
            if !self.ignore_open_mark() {
                return;
            }
        }
    }

    /// Adds the quote or bracket still open to the ignored marks; false when none is.
    fn ignore_open_mark(&mut self) -> bool {
        let open = if self.in_quote {
            self.quote_opened_at
        } else if self.depth > 0 {
            self.bracket_opened_at
        } else {
            return false;
        };
        self.ignored.push(open);
        true
    }

    /// Whether a line break comes after token `i` (or it is the last token).
    #[inline(always)]
    fn line_break_after(&self, i: usize) -> bool {
        let end = self.tokens[i].end;
        match self.tokens.get(i + 1) {
            None => true,
            // Most gaps are nothing or one space.
            Some(next) if next.start == end => false,
            Some(next) if next.start == end + 1 && self.text.as_bytes().get(end) == Some(&b' ') => {
                false
            }
            Some(next) => has_newline(self.text, end, next.start),
        }
    }

    fn str(&self, i: usize) -> &str {
        let t = self.tokens[i];
        self.text.get(t.start..t.end).unwrap_or("")
    }

    fn first_char(&self, i: usize) -> char {
        self.str(i).chars().next().unwrap_or(' ')
    }

    /// Updates quote and bracket state with token `i`.
    fn track(&mut self, i: usize) {
        let t = self.tokens[i];
        if t.kind != TokenKind::Punct || self.ignored.contains(&i) {
            return;
        }
        match self.str(i) {
            "(" | "[" | "{" => {
                if self.depth == 0 {
                    self.bracket_opened_at = i;
                }
                self.depth += 1;
            }
            ")" | "]" | "}" => self.depth = self.depth.saturating_sub(1),
            "\"" => self.track_quote(i),
            _ => {}
        }
    }

    /// Opens or closes a double quote, going by the spaces around it when they tell.
    fn track_quote(&mut self, i: usize) {
        let t = self.tokens[i];
        let next = self.tokens.get(i + 1);
        let glued_to_next = next.is_some_and(|n| !n.space_before);
        let looks_opening = (t.space_before || i == 0 || self.is_opener_before(i)) && glued_to_next;
        let looks_closing = !t.space_before && !glued_to_next;
        if self.in_quote {
            // A quote that looks opening while one is open: the close was missed.
            self.in_quote = looks_opening && !looks_closing;
        } else {
            self.in_quote = looks_opening || !looks_closing;
        }
        if self.in_quote {
            self.quote_opened_at = i;
        }
        self.quote_verdict.set(None);
    }

    fn is_opener_before(&self, i: usize) -> bool {
        i > 0 && matches!(self.str(i - 1), ":" | "(" | "[" | "-" | ",")
    }

    /// Whether a sentence ends right after token `i` (which is not the last one).
    fn ends_after(&self, i: usize, sentence_start: usize) -> bool {
        // Only punctuation (and `v.v.`) can end a sentence: most tokens stop here.
        if !matches!(self.tokens[i].kind, TokenKind::Punct | TokenKind::Acronym)
            || self.depth > 0
            || (self.in_quote && !self.quote_ends_sentence(i))
        {
            return false;
        }
        let next = i + 1;
        if self.is_closer(next) && !self.tokens[next].space_before {
            // Decided after the closer.
            return false;
        }
        // Walk back over closers glued to a terminator: `."`, `!)`.
        // At most three: a run of quotes must not make this quadratic.
        let mut term = i;
        while self.is_closer(term) && term > 0 && !self.tokens[term].space_before && i - term < 3 {
            term -= 1;
        }
        self.is_terminator(term)
            && !self.protects(term, sentence_start)
            && self.starts_sentence(term, next)
    }

    /// Whether the open quotation, at token `i` inside it, ends its sentence: its closing
    /// quote is followed by the end of the paragraph or by a capital. Then the sentences
    /// inside it are split; a quotation the sentence goes on after (`"Đi. Ngay." rồi đi`,
    /// `"Đi. Ngay," ông nói`) stays whole.
    fn quote_ends_sentence(&self, i: usize) -> bool {
        if let Some(verdict) = self.quote_verdict.get() {
            return verdict;
        }
        let verdict = self.scan_quote_end(i);
        self.quote_verdict.set(Some(verdict));
        verdict
    }

    fn scan_quote_end(&self, i: usize) -> bool {
        // The closing quote, in the same paragraph.
        let mut close = i;
        loop {
            if self.line_break_after(close) {
                return false;
            }
            close += 1;
            if self.str(close) == "\"" {
                break;
            }
        }
        if self.line_break_after(close) {
            return true;
        }
        let mut after = close + 1;
        if matches!(self.str(after), "." | "!" | "?") {
            if self.line_break_after(after) {
                return true;
            }
            after += 1;
        }
        self.first_char(after).is_uppercase()
    }

    fn is_closer(&self, i: usize) -> bool {
        i < self.tokens.len() && matches!(self.str(i), "\"" | "'" | ")" | "]" | "»" | "”" | "’")
    }

    fn is_terminator(&self, i: usize) -> bool {
        let s = self.str(i);
        match self.tokens[i].kind {
            TokenKind::Punct => matches!(s, "!" | "?" | "…") || s.bytes().all(|b| b == b'.'),
            // `v.v.` at the end of a list ends a sentence; `U.S.`, `TP.` and `tr.` do not.
            TokenKind::Acronym => {
                s.ends_with('.')
                    && s[..s.len() - 1].contains('.')
                    && s.starts_with(|c: char| c.is_lowercase())
            }
            _ => false,
        }
    }

    /// A period right after an abbreviation (`TP.`, `PGS.TS.`), an initial (`J.`), or a
    /// number that opens its sentence (the list marker `1.`).
    fn protects(&self, term: usize, sentence_start: usize) -> bool {
        if term == 0 || self.str(term) != "." || self.tokens[term].space_before {
            return false;
        }
        let before = self.str(term - 1);
        let list_marker = term - 1 == sentence_start || (term >= 2 && self.str(term - 2) == ":");
        if list_marker && self.tokens[term - 1].kind == TokenKind::Number {
            return true;
        }
        // The last part of a dotted abbreviation: `TS` in `PGS.TS`, `S` in `Th.S`.
        let last = before.rsplit('.').next().unwrap_or(before);
        let mut chars = last.chars();
        let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
        initial || crate::chars::ABBREVIATIONS.contains(&last)
    }

    /// Whether token `next` can begin a sentence after the terminator `term`.
    fn starts_sentence(&self, term: usize, next: usize) -> bool {
        let n = self.tokens[next];
        let c = self.first_char(next);
        if !n.space_before {
            // `hôm qua.Ông`: a missing space, but only between real words.
            let word_before = term > 0
                && ((self.tokens[term - 1].kind == TokenKind::Word
                    && self.str(term - 1).len() > 2)
                    || self.is_closer(term - 1));
            return word_before
                && n.kind == TokenKind::Word
                && c.is_uppercase()
                && self.str(term) == ".";
        }
        // After an ellipsis a number goes on the sentence (`từ 5... 7 km`).
        let ellipsis = self.str(term).len() > 1;
        if c.is_uppercase() || (c.is_ascii_digit() && !ellipsis) {
            return true;
        }
        let opener = matches!(c, '"' | '\'' | '(' | '[' | '“' | '«' | '-');
        let after = self.tokens.get(next + 1).map(|_| self.first_char(next + 1));
        opener && after.is_some_and(|a| a.is_uppercase() || a.is_ascii_digit())
    }
}

/// Whether the gap between two tokens holds a line break.
fn has_newline(text: &str, from: usize, to: usize) -> bool {
    let Some(gap) = text.as_bytes().get(from..to) else {
        return false;
    };
    if gap.contains(&b'\n') {
        return true;
    }
    // Line and paragraph separators, when the text was not normalized.
    gap.iter().any(|&b| b >= 0x80)
        && text
            .get(from..to)
            .is_some_and(|gap| gap.contains(['\u{85}', '\u{2028}', '\u{2029}']))
}
