//! Checks on the extracted entities that flag, rather than silently code, doubtful
//! readings.

use thoisu_doc::{Document, EntityKind};

/// The stage name on warnings from this crate.
pub(crate) const STAGE: &str = "entities";

/// Flags a place named once, at the start of a quotation, that conflicts with the
/// country of the quotation's speaker: in "Chính phủ Armenia đưa thông báo: “America
/// quyết định…”" the subject is almost surely a typo for the speaker's own country.
/// The mention keeps its link but its confidence drops to 0.3.
pub(crate) fn quoted_country_conflicts(doc: &mut Document) {
    let mut found = Vec::new();
    for (mi, m) in doc.mentions.iter().enumerate() {
        let Some(e) = m.entity else { continue };
        let entity = &doc.entities[e];
        let place = matches!(
            entity.kind,
            EntityKind::Country | EntityKind::Place | EntityKind::Region
        );
        if !place || entity.mentions.len() != 1 {
            continue;
        }
        let Some(sentence) = doc.sentences.iter().find(|s| s.span.contains(m.span)) else {
            continue;
        };
        let before = &doc.text[sentence.span.start..m.span.start];
        let Some(quote) = before.rfind(['“', '"', '«']) else {
            continue;
        };
        // The mention opens the quotation: nothing but spaces between them.
        let quote_len = before[quote..].chars().next().map_or(1, char::len_utf8);
        if !before[quote + quote_len..].trim().is_empty() {
            continue;
        }
        let quote_at = sentence.span.start + quote;
        let speaker = doc.mentions.iter().find(|s| {
            s.span.start >= sentence.span.start && s.span.end <= quote_at && s.entity.is_some()
        });
        let Some(speaker) = speaker.and_then(|s| s.entity).map(|s| &doc.entities[s]) else {
            continue;
        };
        let Some(speaker_country) = &speaker.country else {
            continue;
        };
        if entity.country.as_ref() == Some(speaker_country) {
            continue;
        }
        let guess = doc
            .entities
            .iter()
            .find(|c| c.kind == EntityKind::Country && c.country.as_ref() == Some(speaker_country))
            .map_or(speaker_country.clone(), |c| c.name.clone());
        let message = format!(
            "\u{201c}{}\u{201d} opens a statement by {} but names another country, mentioned nowhere else: possibly a typo for {}",
            m.text, speaker.name, guess
        );
        found.push((mi, message));
    }
    for (mi, message) in found {
        doc.mentions[mi].confidence = doc.mentions[mi].confidence.min(0.3);
        let span = Some(doc.mentions[mi].span);
        doc.warn(STAGE, span, message);
    }
}
