//! The entity table of `../shared/seed/EXPECTED.md`, checked on the seed article
//! through the whole pipeline (text, segmentation, entities) with the embedded lexicon.
//! Skipped when `../shared` is absent.

use std::path::Path;

use thoisu_doc::{Document, Entity, EntityKind};
use thoisu_extract::{analyze, EntityExtractor};

fn seed() -> Option<Document> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/000_377a06a6ca70ff8c.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("{} is absent: seed test skipped", path.display());
        return None;
    };
    let mut doc = Document::new("seed", text);
    doc.date = Some("2022-09-13".into());
    analyze(&mut doc);
    EntityExtractor::new(thoisu_lexicon::Lexicon::get()).extract(&mut doc);
    Some(doc)
}

/// The entities of every mention written exactly `text`.
fn entities_of<'a>(doc: &'a Document, text: &str) -> Vec<&'a Entity> {
    doc.mentions
        .iter()
        .filter(|m| m.text == text)
        .filter_map(|m| m.entity.map(|e| &doc.entities[e]))
        .collect()
}

/// The one entity all mentions written `text` link to.
fn one<'a>(doc: &'a Document, text: &str) -> &'a Entity {
    let found = entities_of(doc, text);
    assert!(!found.is_empty(), "no linked mention {text:?}");
    assert!(
        found.iter().all(|e| e.id == found[0].id),
        "{text:?} links to several entities: {found:#?}"
    );
    found[0]
}

fn country_code<'a>(doc: &'a Document, text: &str) -> Option<&'a str> {
    one(doc, text).country.as_deref()
}

#[test]
fn persons_resolve_with_their_offices() {
    let Some(doc) = seed() else { return };
    let pashinyan = one(&doc, "Pashinyan");
    assert_eq!(pashinyan.kind, EntityKind::Person);
    assert!(
        pashinyan.canonical && pashinyan.name.contains("Pashinyan"),
        "{pashinyan:?}"
    );
    assert_eq!(
        one(&doc, "Thủ tướng Armenia").id,
        pashinyan.id,
        "title-only mention is the same man"
    );
    assert!(
        pashinyan
            .role
            .as_deref()
            .is_some_and(|r| r.contains("Armenia")),
        "{pashinyan:?}"
    );
    let putin = one(&doc, "Putin");
    assert!(
        putin.name.contains("Putin") && putin.role.as_deref().is_some_and(|r| r.contains("Russia")),
        "{putin:?}"
    );
    let macron = one(&doc, "Macron");
    assert!(
        macron.name.contains("Macron")
            && macron.role.as_deref().is_some_and(|r| r.contains("France")),
        "{macron:?}"
    );
}

#[test]
fn countries_and_their_other_names_resolve() {
    let Some(doc) = seed() else { return };
    assert_eq!(country_code(&doc, "Armenia"), Some("AM"));
    assert_eq!(one(&doc, "Armenia").kind, EntityKind::Country);
    assert_eq!(country_code(&doc, "Azerbaijan"), Some("AZ"));
    assert_eq!(country_code(&doc, "Nga"), Some("RU"));
    assert_eq!(one(&doc, "Liên bang Nga").id, one(&doc, "Nga").id);
    for (name, cc) in [
        ("Belarus", "BY"),
        ("Kazakhstan", "KZ"),
        ("Kyrgyzstan", "KG"),
        ("Tajikistan", "TJ"),
    ] {
        assert_eq!(country_code(&doc, name), Some(cc), "{name}");
    }
    let soviet = one(&doc, "Liên bang Xô viết");
    assert_eq!(soviet.kind, EntityKind::Country);
    assert!(soviet.name.contains("Soviet"), "{soviet:?}");
}

#[test]
fn this_country_is_azerbaijan() {
    let Some(doc) = seed() else { return };
    let this: Vec<&Entity> = entities_of(&doc, "nước này");
    assert_eq!(this.len(), 2, "both uses of \"nước này\" are linked");
    assert!(
        this.iter().all(|e| e.country.as_deref() == Some("AZ")),
        "{this:#?}"
    );
}

#[test]
fn places_are_in_armenia() {
    let Some(doc) = seed() else { return };
    for place in [
        "Sotk",
        "Vardenis",
        "Goris",
        "Kapan",
        "Artanish",
        "Ishkhanasar",
    ] {
        let e = one(&doc, place);
        assert!(
            matches!(e.kind, EntityKind::Place | EntityKind::Region),
            "{place}: {e:?}"
        );
        if e.canonical {
            assert_eq!(e.country.as_deref(), Some("AM"), "{place}: {e:?}");
        }
    }
    let kapan = one(&doc, "Kapan");
    assert!(
        kapan.canonical && kapan.coordinates.is_some(),
        "a gazetteer has Kapan: {kapan:?}"
    );
    let nk = one(&doc, "Nagorno-Karabakh");
    assert_eq!(nk.kind, EntityKind::Region);
    assert_eq!(nk.country.as_deref(), Some("AZ"));
}

#[test]
fn organizations_resolve_with_their_countries() {
    let Some(doc) = seed() else { return };
    let rt = one(&doc, "RT");
    assert_eq!(rt.kind, EntityKind::Organization);
    assert_eq!(rt.country.as_deref(), Some("RU"));
    let am = one(&doc, "Bộ Quốc phòng Armenia");
    let az = one(&doc, "Bộ Quốc phòng Azerbaijan");
    assert_ne!(am.id, az.id);
    assert_eq!(
        (am.country.as_deref(), az.country.as_deref()),
        (Some("AM"), Some("AZ"))
    );
    assert_eq!(
        one(&doc, "Chính phủ Armenia").country.as_deref(),
        Some("AM")
    );
    assert_eq!(one(&doc, "hội đồng an ninh").country.as_deref(), Some("AM"));
    let csto = one(&doc, "Tổ chức Hiệp ước An ninh Tập thể");
    assert_eq!(
        one(&doc, "CSTO").id,
        csto.id,
        "the acronym in brackets is an alias"
    );
    let unsc = one(&doc, "Hội đồng Bảo an Liên hợp quốc");
    assert_eq!(unsc.kind, EntityKind::Organization);
    assert_eq!(
        one(&doc, "Truyền thông Armenia").country.as_deref(),
        Some("AM")
    );
    let peacekeepers = one(&doc, "lực lượng gìn giữ hòa bình Nga");
    assert_eq!(peacekeepers.kind, EntityKind::ArmedGroup);
    assert_eq!(peacekeepers.country.as_deref(), Some("RU"));
    let treaty = one(&doc, "Hiệp ước Hữu nghị, Hợp tác và Tương trợ");
    assert_eq!(treaty.kind, EntityKind::Treaty);
}

#[test]
fn typo_in_the_quoted_statement_is_flagged_not_coded() {
    let Some(doc) = seed() else { return };
    let america = doc.mentions.iter().find(|m| m.text == "America");
    if let Some(m) = america {
        assert!(m.confidence <= 0.3, "{m:?}");
    }
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.stage == "entities" && w.message.contains("America")),
        "{:#?}",
        doc.warnings
    );
}

#[test]
fn every_mention_points_at_its_text() {
    let Some(doc) = seed() else { return };
    for m in &doc.mentions {
        assert_eq!(doc.slice(m.span), Some(m.text.as_str()));
        if let Some(e) = m.entity {
            assert!(doc.entities[e]
                .mentions
                .iter()
                .any(|&i| doc.mentions[i].span == m.span));
        }
    }
}
