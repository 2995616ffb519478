//! Bylines: the author's name on a line of its own at the end of an article ("Thành
//! Đạt", then "Theo Reuters"). It names who wrote the report, not anyone in it, so no
//! mention is taken from it. When the page lost the line break, the name is glued to
//! the source line ("Minh PhươngTheo Reuters", "Minh PhươngTổng hợp"): only the name
//! part is the byline then.

use thoisu_doc::{Document, TokenKind};

use crate::chars::is_upper;

/// How many of the last non-empty lines may hold the byline.
const LAST_LINES: usize = 4;
/// A byline is a name of at most this many syllables.
const MAX_SYLLABLES: usize = 4;
/// Words that open the source line, which a lost line break glues to the name.
const SOURCE_OPENERS: [&str; 2] = ["Theo", "Tổng"];

/// The token ranges (document indices) of the bylines of `doc`.
pub(crate) fn byline_tokens(doc: &Document) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    // The first line is a title or the story itself, even in a short text.
    let story_start = doc.text.len() - doc.text.trim_start().len();
    for line in last_lines(&doc.text) {
        if line.start == story_start {
            continue;
        }
        let first = doc.tokens.partition_point(|t| t.span.start < line.start);
        let end = doc.tokens.partition_point(|t| t.span.start < line.end);
        if let Some(n) = name_tokens(doc, first..end) {
            out.push(first..first + n);
        }
    }
    out
}

/// Byte ranges of the last non-empty lines of `text`, trimmed.
fn last_lines(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut lines = Vec::new();
    let mut end = text.len();
    while lines.len() < LAST_LINES && end > 0 {
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[start..end];
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            lines.push(start + lead..start + lead + trimmed.len());
        }
        end = start.saturating_sub(1);
    }
    lines
}

/// How many leading tokens of the line `range` form a byline name: all of them when the
/// line is only a short capitalized name, or the name before a glued source opener.
fn name_tokens(doc: &Document, range: std::ops::Range<usize>) -> Option<usize> {
    let tokens = &doc.tokens[range];
    if let Some(n) = glued_name(doc, tokens) {
        return Some(n);
    }
    let name = (2..=MAX_SYLLABLES).contains(&tokens.len())
        && tokens.iter().all(|t| capitalized_word(doc, t))
        && !SOURCE_OPENERS.contains(&tokens[0].text(doc));
    // One capitalized word alone is more often a source or a caption than a name.
    name.then_some(tokens.len())
}

fn capitalized_word(doc: &Document, t: &thoisu_doc::Token) -> bool {
    t.kind == TokenKind::Word && t.text(doc).chars().next().is_some_and(is_upper)
}

/// The name before a token like `PhươngTheo`: a capitalized syllable with a source
/// opener glued to its end, after at most three capitalized syllables.
fn glued_name(doc: &Document, tokens: &[thoisu_doc::Token]) -> Option<usize> {
    let glued = tokens.iter().take(MAX_SYLLABLES).position(|t| {
        SOURCE_OPENERS.iter().any(|o| {
            t.text(doc)
                .strip_suffix(o)
                .is_some_and(|head| head.chars().next().is_some_and(is_upper))
        })
    })?;
    let before_ok = tokens[..glued].iter().all(|t| capitalized_word(doc, t));
    (glued >= 1 && before_ok).then_some(glued + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bylines(text: &str) -> Vec<String> {
        let mut doc = Document::new("t", text);
        crate::analyze(&mut doc);
        byline_tokens(&doc)
            .into_iter()
            .map(|r| {
                let toks = &doc.tokens[r];
                doc.text[toks[0].span.start..toks[toks.len() - 1].span.end].to_string()
            })
            .collect()
    }

    #[test]
    fn a_name_alone_on_one_of_the_last_lines_is_a_byline() {
        let text = "Ông Lâm Văn Bình nói với báo chí tại Huế.\n\nHoàng Thu Trang\nTheo AFP\n";
        assert_eq!(bylines(text), ["Hoàng Thu Trang"]);
    }

    #[test]
    fn a_name_glued_to_the_source_line_is_a_byline() {
        assert_eq!(
            bylines("Đoàn tàu đến Vinh lúc 9 giờ.\nLê ThảoTheo Reuters"),
            ["Lê ThảoTheo"]
        );
        assert_eq!(
            bylines("Đoàn tàu đến Vinh lúc 9 giờ.\nLê ThảoTổng hợp"),
            ["Lê ThảoTổng"]
        );
    }

    #[test]
    fn names_in_the_story_and_source_lines_are_not_bylines() {
        // A sentence of the story, a source line, a caption and a name far from the end.
        let text = "Nguyễn Văn An\nÔng An đến Hà Nội.\nMột.\nHai.\nBa.\nBốn.";
        assert!(bylines(text).is_empty());
        assert!(bylines("Bà Mai trở về Đà Lạt.\nTheo Tuổi Trẻ").is_empty());
        assert!(bylines("Bà Mai trở về Đà Lạt.\nTổng hợp").is_empty());
        assert!(bylines("Bà Mai trở về Đà Lạt.\nẢnh: Reuters").is_empty());
        // A text that is only a name has no byline.
        assert!(bylines("Nguyễn Văn An").is_empty());
    }
}
