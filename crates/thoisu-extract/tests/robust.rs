//! Bad input never panics: arbitrary text through the whole pipeline, and documents
//! whose indices disagree with their text.

use proptest::prelude::*;
use thoisu_doc::{Document, IndexRange, Span, Word};
use thoisu_extract::{analyze, EntityExtractor, GazEntry, Gazetteer};

fn extractor() -> EntityExtractor {
    let mut ru = GazEntry::new("country:RU", thoisu_doc::EntityKind::Country, "Russia");
    ru.aliases = vec!["Nga".into(), "Liên bang Nga".into()];
    ru.country = Some("RU".into());
    EntityExtractor::with_gazetteer(Gazetteer::new(vec![ru]))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text_goes_through(text in "[A-Za-zĐđÂâƠơƯưÀàẢảÃãÁáẠạ ,.:;()“”\"'\\-–0-9\n\t\u{200B}\u{301}]{0,200}") {
        let mut ex = extractor();
        let mut doc = Document::new("p", text);
        analyze(&mut doc);
        ex.extract(&mut doc);
        for m in &doc.mentions {
            prop_assert_eq!(doc.slice(m.span), Some(m.text.as_str()));
        }
    }

    #[test]
    fn broken_indices_are_a_warning(start in 0usize..50, len in 0usize..50, extra in 0usize..5) {
        let mut ex = extractor();
        let mut doc = Document::new("b", "Nga và Liên bang Nga.");
        analyze(&mut doc);
        doc.words.push(Word {
            span: Span::new(start, start + len),
            tokens: IndexRange::new(start, start + len + extra),
        });
        ex.extract(&mut doc);
        for m in &doc.mentions {
            prop_assert!(doc.slice(m.span).is_some());
        }
    }
}
