//! Bad input never panics: arbitrary text, arbitrary model bytes, odd documents.

use proptest::prelude::*;
use thoisu_doc::{Document, IndexRange, Sentence, Span, Token, TokenKind};
use thoisu_segment::{Scratch, Segmenter};

fn syllables(out: &str) -> usize {
    out.split([' ', '_']).filter(|s| !s.is_empty()).count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_line_segments_without_losing_tokens(line in "\\PC{0,80}") {
        let mut out = String::new();
        let mut scratch = Scratch::default();
        Segmenter::embedded().segment_line(&line, &mut out, &mut scratch);
        // Same line again with the same scratch gives the same output.
        let mut again = String::new();
        Segmenter::embedded().segment_line(&line, &mut again, &mut scratch);
        prop_assert_eq!(&out, &again);
        prop_assert!(!out.contains("  "));
        prop_assert!(!out.starts_with(' ') && !out.ends_with(' '));
        prop_assert!(syllables(&out) <= line.split_whitespace().map(|w| w.chars().count()).sum::<usize>());
    }

    #[test]
    fn corrupted_model_bytes_are_an_error_or_a_model(cut in 0usize..4000, flip in 0usize..4000, byte in any::<u8>()) {
        let mut bytes = Segmenter::embedded().to_bytes();
        bytes.truncate(bytes.len().min(cut * 1000 + cut));
        if let Some(b) = bytes.get_mut(flip) {
            *b = byte;
        }
        if let Ok(model) = Segmenter::from_bytes(&bytes) {
            let mut out = String::new();
            model.segment_line("Hà Nội mùa thu", &mut out, &mut Scratch::default());
        }
    }

    #[test]
    fn documents_with_bad_ranges_do_not_panic(start in 0usize..12, end in 0usize..12, span_end in 0usize..40) {
        let text = "Quân đội Nga rút khỏi";
        let mut doc = Document::new("x", text);
        doc.normalized = text.to_string();
        for (i, w) in ["Quân", "đội", "Nga", "rút", "khỏi"].iter().enumerate() {
            let s = text.find(w).unwrap();
            let span = Span::new(s, if i == 4 { span_end } else { s + w.len() });
            doc.tokens.push(Token { span, chars: span, norm: span, kind: TokenKind::Word, space_before: true });
        }
        doc.sentences.push(Sentence { span: Span::new(0, text.len()), tokens: IndexRange::new(start, end) });
        thoisu_segment::segment_document(&mut doc);
        let covered: usize = doc.words.iter().map(|w| w.tokens.len()).sum();
        prop_assert_eq!(covered, doc.tokens.len());
    }
}
