//! Reading VLSP 2016 column files and BRAT standoff, and building documents from
//! already segmented words.

use thoisu_doc::{Document, IndexRange, Sentence, Span, Token, TokenKind, Word};
use unicode_normalization::UnicodeNormalization;

use crate::Error;

/// One gold sentence: its words (syllables joined by spaces) and a BIO tag per word.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoldSentence {
    /// Words, syllables joined by single spaces.
    pub words: Vec<String>,
    /// BIO tags (`O`, `B-PER`, `I-LOC`, …), one per word.
    pub tags: Vec<String>,
}

impl GoldSentence {
    /// Entity spans as `(first word, one past last word, type)`.
    pub fn spans(&self) -> Vec<(usize, usize, String)> {
        bio_spans(self.tags.iter().map(String::as_str))
    }
}

/// Spans of a BIO sequence as `(start, end, type)`; an `I-` without a `B-` opens a span.
pub fn bio_spans<'a>(tags: impl Iterator<Item = &'a str>) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let mut n = 0;
    for (i, tag) in tags.enumerate() {
        n = i + 1;
        let (prefix, ty) = tag.split_once('-').unwrap_or(("O", ""));
        let continues = prefix == "I" && matches!(open, Some((_, t)) if t == ty);
        if continues {
            continue;
        }
        if let Some((s, t)) = open.take() {
            out.push((s, i, t.to_string()));
        }
        if prefix == "B" || prefix == "I" {
            open = Some((i, ty));
        }
    }
    if let Some((s, t)) = open {
        out.push((s, n, t.to_string()));
    }
    out
}

/// Reads a VLSP 2016 NER column file (`word POS chunk NER nested`, words joined by `_`).
pub fn read_vlsp(path: &std::path::Path) -> Result<Vec<GoldSentence>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Ok(parse_vlsp(&text))
}

/// Parses the text of a VLSP 2016 NER column file.
pub fn parse_vlsp(text: &str) -> Vec<GoldSentence> {
    let mut out = Vec::new();
    let mut cur = GoldSentence::default();
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.trim().is_empty() || cols.len() < 4 {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let word: String = cols[0].nfc().collect::<String>().replace('_', " ");
        if word.trim().is_empty() {
            continue;
        }
        cur.words.push(word.trim().to_string());
        cur.tags.push(cols[3].trim().to_string());
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether no space goes before this word when rebuilding raw text.
fn attaches_left(w: &str) -> bool {
    matches!(
        w,
        "," | "." | ";" | ":" | ")" | "!" | "?" | "%" | "]" | "”" | "..." | "…"
    )
}

/// Whether no space goes after this word when rebuilding raw text.
fn attaches_right(w: &str) -> bool {
    matches!(w, "(" | "[" | "“")
}

/// Rebuilds raw text from words the way a newspaper would print it, and returns the
/// byte span of each word in it.
pub fn detokenize(words: &[String]) -> (String, Vec<Span>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(words.len());
    let mut glue = true;
    for w in words {
        if !glue && !attaches_left(w) {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(w);
        spans.push(Span::new(start, text.len()));
        glue = attaches_right(w);
    }
    (text, spans)
}

/// Builds a document whose tokens, words and sentences come from already segmented
/// sentences (each word's syllables joined by spaces). Each sentence becomes one line.
///
/// This stands in for `thoisu_text::analyze` and `thoisu_segment` when the words are
/// known, for gold-segmentation evaluation and tests.
pub fn document_from_words(id: &str, sentences: &[Vec<String>]) -> Document {
    let mut lines = Vec::new();
    let mut text = String::new();
    for words in sentences {
        let (line, spans) = detokenize(words);
        let base = text.len();
        text.push_str(&line);
        text.push('\n');
        lines.push((base, spans));
    }
    let mut doc = Document::new(id, text.clone());
    doc.normalized = text.clone();
    doc.offset_map = thoisu_doc::OffsetMap::identity(text.len());
    for (words, (base, spans)) in sentences.iter().zip(lines) {
        let first_token = doc.tokens.len();
        for (w, span) in words.iter().zip(spans) {
            let start = base + span.start;
            let wfirst = doc.tokens.len();
            let mut off = start;
            for (k, syl) in w.split(' ').enumerate() {
                push_token(&mut doc, off, syl, k > 0 || !glued(&text, off));
                off += syl.len() + 1;
            }
            doc.words.push(Word {
                span: Span::new(start, base + span.end),
                tokens: IndexRange::new(wfirst, doc.tokens.len()),
            });
        }
        let end = doc.tokens.last().map_or(base, |t| t.span.end);
        doc.sentences.push(Sentence {
            span: Span::new(base, end),
            tokens: IndexRange::new(first_token, doc.tokens.len()),
        });
    }
    doc
}

fn glued(text: &str, off: usize) -> bool {
    off > 0 && !text[..off].ends_with(char::is_whitespace)
}

fn push_token(doc: &mut Document, start: usize, syl: &str, space_before: bool) {
    let kind = token_kind(syl);
    let chars_start = doc.text[..start].chars().count();
    doc.tokens.push(Token {
        span: Span::new(start, start + syl.len()),
        chars: Span::new(chars_start, chars_start + syl.chars().count()),
        // The normalized text is the text itself.
        norm: Span::new(start, start + syl.len()),
        kind,
        space_before,
    });
}

fn token_kind(s: &str) -> TokenKind {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    if letters == 0 && digits == 0 {
        TokenKind::Punct
    } else if letters == 0 {
        TokenKind::Number
    } else if letters >= 2
        && s.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        TokenKind::Acronym
    } else {
        TokenKind::Word
    }
}

/// A BRAT document reduced to name spans: the text's lines as words and a BIO tag per
/// word. Types map ACE to VLSP: PER → PER; GPE, LOC, FAC → LOC; ORG → ORG.
///
/// ACE marks nominal and pronoun mentions too, and only some names; a span is kept only
/// when it is a name (every word capitalized), and a sentence only when each of its
/// capitalized words, other than the first, lies inside a kept span — otherwise an
/// unmarked name would teach the tagger that names are `O`.
pub fn read_brat(txt: &std::path::Path) -> Result<Vec<GoldSentence>, Error> {
    let text = std::fs::read_to_string(txt).map_err(|e| Error::io(txt, e))?;
    let ann_path = txt.with_extension("ann");
    let ann = std::fs::read_to_string(&ann_path).map_err(|e| Error::io(&ann_path, e))?;
    Ok(brat_sentences(&text, &ann))
}

/// Reads every BRAT document of a folder (each `.txt` with its `.ann`), in file-name
/// order, as [`read_brat`] does for one.
pub fn read_brat_dir(dir: &std::path::Path) -> Result<Vec<GoldSentence>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut files: Vec<std::path::PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        out.extend(read_brat(&file)?);
    }
    Ok(out)
}

fn brat_type(t: &str) -> Option<&'static str> {
    match t {
        "PER" => Some("PER"),
        "GPE" | "LOC" | "FAC" => Some("LOC"),
        "ORG" => Some("ORG"),
        _ => None,
    }
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn brat_sentences(text: &str, ann: &str) -> Vec<GoldSentence> {
    let mut spans: Vec<(usize, usize, &str)> = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let mut parts = line.split('\t');
        let (Some(_), Some(info), Some(surface)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let mut f = info.split(' ');
        let (Some(ty), Some(s), Some(e)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let (Some(ty), Ok(s), Ok(e)) = (brat_type(ty), s.parse::<usize>(), e.parse::<usize>())
        else {
            continue;
        };
        let is_name = surface
            .split([' ', '_'])
            .all(|w| is_capitalized(w) || w.chars().all(|c| !c.is_alphanumeric()));
        // A lone capitalized word at a line start may be a common word ("Ông"): keep it
        // only when the text never writes it in lowercase.
        let lone_common = !surface.contains(['_', ' '])
            && (s == 0 || text.chars().nth(s.saturating_sub(1)) == Some('\n'))
            && text.contains(&format!(" {} ", surface.to_lowercase()));
        if is_name && !lone_common {
            spans.push((s, e, ty));
        }
    }
    // BRAT offsets count characters.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let to_char = |byte: usize| chars.partition_point(|(b, _)| *b < byte);
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let base = line_start;
        line_start += line.len() + 1;
        let mut sent = GoldSentence::default();
        let mut ok = true;
        let mut off = base;
        for w in line.split(' ') {
            let (ws, we) = (off, off + w.len());
            off = we + 1;
            if w.is_empty() {
                continue;
            }
            let (cs, ce) = (to_char(ws), to_char(we));
            let hit = spans.iter().find(|(s, e, _)| *s <= cs && ce <= *e);
            let tag = match hit {
                Some((s, _, ty)) if *s == cs => format!("B-{ty}"),
                Some((_, _, ty)) => format!("I-{ty}"),
                None => {
                    if is_capitalized(w) && !sent.words.is_empty() {
                        ok = false;
                    }
                    "O".to_string()
                }
            };
            sent.words
                .push(w.nfc().collect::<String>().replace('_', " "));
            sent.tags.push(tag);
        }
        if ok && !sent.words.is_empty() && sent.tags.iter().any(|t| t != "O") {
            out.push(sent);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_spans_close_on_type_change() {
        let tags = ["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "I-LOC"];
        let spans = bio_spans(tags.iter().copied());
        assert_eq!(
            spans,
            vec![
                (0, 2, "PER".to_string()),
                (3, 4, "LOC".to_string()),
                (4, 5, "ORG".to_string()),
                (5, 6, "LOC".to_string())
            ]
        );
    }

    #[test]
    fn column_file_parses_words_and_tags() {
        let text =
            "Ông\tNc\tB-NP\tO\tNone\nLê_Văn_Tám\tNp\tB-NP\tB-PER\tNone\n.\tCH\tO\tO\tNone\n\n\
                    Hà_Nội\tNp\tB-NP\tB-LOC\tNone\n";
        let s = parse_vlsp(text);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words[1], "Lê Văn Tám");
        assert_eq!(s[0].spans(), vec![(1, 2, "PER".to_string())]);
    }

    #[test]
    fn detokenize_attaches_punctuation() {
        let words: Vec<String> = ["Ông", "Ba", ",", "(", "Hà Nội", ")", "."]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (text, spans) = detokenize(&words);
        assert_eq!(text, "Ông Ba, (Hà Nội).");
        assert_eq!(&text[spans[4].start..spans[4].end], "Hà Nội");
    }

    #[test]
    fn document_from_words_has_consistent_spans() {
        let doc = document_from_words(
            "t",
            &[vec!["Tổng thống".into(), "Lê Ba".into(), ".".into()]],
        );
        assert_eq!(doc.words.len(), 3);
        assert_eq!(doc.tokens.len(), 5);
        let tokens: Vec<&str> = doc.tokens.iter().map(|t| t.text(&doc)).collect();
        assert_eq!(tokens, ["Tổng", "thống", "Lê", "Ba", "."]);
        let norms: Vec<&str> = doc.tokens.iter().map(|t| t.norm(&doc)).collect();
        assert_eq!(norms, tokens);
        let words: Vec<&str> = doc.words.iter().map(|w| w.text(&doc)).collect();
        assert_eq!(words, ["Tổng thống", "Lê Ba", "."]);
    }

    #[test]
    fn brat_keeps_names_and_drops_sentences_with_unmarked_names() {
        let text = "Ông Lê_Ba tới Huế .\nBà Mai gặp Nam , ông đi .";
        // "Lê_Ba" is chars 4..9, "Huế" 14..17; nothing marks "Mai" or "Nam".
        let ann = "T1\tPER 4 9\tLê_Ba\nT2\tGPE 14 17\tHuế\nT3\tPER 0 3\tÔng\n";
        let s = brat_sentences(text, ann);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].tags, vec!["O", "B-PER", "O", "B-LOC", "O"]);
    }
}
