//! Properties that must hold on any input.

use proptest::prelude::*;
use thoisu_doc::Document;
use thoisu_text::{normalize, split_sentences, tokenize};

/// Pieces news text is made of, and the messy characters scraped text adds.
const PIECES: &[&str] = &[
    "a",
    "o",
    "e",
    "u",
    "y",
    "q",
    "h",
    "n",
    "g",
    "Đ",
    "đ",
    "A",
    "O",
    "U",
    "T",
    "P",
    "H",
    "C",
    "M",
    "S",
    "à",
    "á",
    "ả",
    "ã",
    "ạ",
    "ý",
    "ỷ",
    "ẻ",
    "ò",
    "ủ",
    "ư",
    "ơ",
    "ê",
    "ô",
    "ă",
    "â",
    "\u{300}",
    "\u{301}",
    "\u{303}",
    "\u{309}",
    "\u{323}",
    "\u{302}",
    "\u{306}",
    "\u{31B}",
    "\u{338}",
    "0",
    "1",
    "2",
    "9",
    "13",
    "2022",
    " ",
    "  ",
    "\u{A0}",
    "\u{2009}",
    "\u{3000}",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\u{200B}",
    "\u{FEFF}",
    "\u{AD}",
    "\u{200D}",
    "\u{0}",
    ".",
    ",",
    ":",
    ";",
    "!",
    "?",
    "...",
    "…",
    "-",
    "–",
    "—",
    "/",
    "'",
    "’",
    "\"",
    "“",
    "”",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    "@",
    "%",
    "&",
    "=",
    "http://",
    "www.",
    ".com",
    "h30",
    "Nga",
    "Hoà",
    "thuý",
    "quý",
    "TP.HCM",
    "Nagorno-Karabakh",
    "日",
    "Ω",
    "\u{2126}",
    "\u{37E}",
    "²",
    "°",
    "ngày",
    "2-9",
    "V.",
    "😀",
    "\u{85}",
    "\u{2028}",
];

fn messy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|p| p.concat())
}

fn check_normalize(text: &str) -> Result<(), TestCaseError> {
    let n = normalize(text);
    let again = normalize(&n.text);
    prop_assert_eq!(&again.text, &n.text, "not idempotent");
    prop_assert!(again.map.is_identity());
    prop_assert_eq!(n.map.normalized_len(), n.text.len());
    prop_assert_eq!(n.map.original_len(), text.len());
    // Inside a rewritten unit a position maps to the unit's ends, so only monotonicity
    // holds at every position; tokens never end inside a unit (checked in check_analyze).
    let mut last_start = 0;
    let mut last_end = 0;
    for (p, _) in n
        .text
        .char_indices()
        .chain(std::iter::once((n.text.len(), ' ')))
    {
        let (s, e) = (n.map.to_original_start(p), n.map.to_original_end(p));
        prop_assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "{p} -> {s}, {e}"
        );
        prop_assert!(s >= last_start && e >= last_end, "not monotonic at {p}");
        last_start = s;
        last_end = e;
    }
    Ok(())
}

fn check_tokens_and_sentences(text: &str) -> Result<(), TestCaseError> {
    let mut tokens = Vec::new();
    tokenize(text, &mut tokens);
    let mut prev_end = 0;
    for t in &tokens {
        prop_assert!(t.start >= prev_end && t.start < t.end && t.end <= text.len());
        prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        prev_end = t.end;
    }
    let mut sentences = Vec::new();
    split_sentences(text, &tokens, &mut sentences);
    let mut next = 0;
    for s in &sentences {
        prop_assert_eq!(s.start, next);
        prop_assert!(s.start < s.end);
        next = s.end;
    }
    prop_assert_eq!(next, tokens.len());
    Ok(())
}

fn check_analyze(text: &str) -> Result<(), TestCaseError> {
    let mut doc = Document::new("p", text);
    thoisu_text::analyze(&mut doc);
    let mut prev_end = 0;
    for t in &doc.tokens {
        prop_assert!(
            doc.slice(t.span).is_some(),
            "token span off character boundaries"
        );
        prop_assert!(t.span.start >= prev_end, "tokens overlap in the original");
        prop_assert!(!t.text(&doc).is_empty() && !t.norm(&doc).is_empty());
        prev_end = t.span.end;
    }
    // Without the clamps analyze applies: no token ends inside a rewritten unit.
    let mut raw = Vec::new();
    tokenize(&doc.normalized, &mut raw);
    for pair in raw.windows(2) {
        let end = doc.offset_map.to_original_end(pair[0].end);
        let start = doc.offset_map.to_original_start(pair[1].start);
        prop_assert!(end <= start, "token ends inside a rewrite: {:?}", pair);
    }
    let mut next = 0;
    for s in &doc.sentences {
        prop_assert!(
            doc.slice(s.span).is_some(),
            "sentence span off character boundaries"
        );
        prop_assert_eq!(s.tokens.start, next);
        next = s.tokens.end;
    }
    prop_assert_eq!(next, doc.tokens.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalize_is_idempotent_and_maps_monotonically(text in messy()) {
        check_normalize(&text)?;
    }

    #[test]
    fn normalize_any_string(text in any::<String>()) {
        check_normalize(&text)?;
    }

    #[test]
    fn tokens_and_sentences_are_well_formed(text in messy()) {
        check_tokens_and_sentences(&text)?;
        check_tokens_and_sentences(&normalize(&text).text)?;
    }

    #[test]
    fn tokens_and_sentences_of_any_string(text in any::<String>()) {
        check_tokens_and_sentences(&text)?;
    }

    #[test]
    fn analyze_spans_index_the_original(text in messy()) {
        check_analyze(&text)?;
    }

    #[test]
    fn analyze_any_string(text in any::<String>()) {
        check_analyze(&text)?;
    }
}
