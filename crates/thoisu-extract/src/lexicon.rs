//! The gazetteer built from `thoisu-lexicon`: its entries with their aliases and terms
//! in office, its office titles and its templates of national bodies.
//!
//! Fields are read through `as_deref`/`to_string` so that the lexicon may store its
//! strings as `String` or shared `Arc<str>`.

use thoisu_lexicon::{AliasForm, Lexicon};

use crate::gazetteer::{BodyTemplate, GazEntry, Gazetteer, Office, TitleOffice};

/// The extractor's index over the lexicon.
pub fn gazetteer_from(lex: &Lexicon) -> Gazetteer {
    let mut entries: Vec<GazEntry> = lex
        .entries()
        .iter()
        .map(|e| GazEntry {
            id: e.id.to_string(),
            kind: e.kind,
            name: e.name.to_string(),
            name_vi: e.name_vi.as_deref().map(str::to_string),
            aliases: Vec::new(),
            country: e.country.as_deref().map(str::to_string),
            wikidata: e.wikidata.as_deref().map(str::to_string),
            geonames: e.geonames,
            coordinates: e.coordinates,
            population: e.population,
            role: e.role.as_deref().map(str::to_string),
            offices: Vec::new(),
        })
        .collect();
    for a in lex.aliases() {
        // "người Nga" is a demonym the recognizer reads as "người" + the country.
        if a.form == AliasForm::Demonym {
            continue;
        }
        if let Some(e) = entries.get_mut(a.entry as usize) {
            e.aliases.push(a.text.to_string());
        }
    }
    for t in lex.offices() {
        if let Some(e) = entries.get_mut(t.entry as usize) {
            e.offices.push(Office {
                office: t.office.code().to_string(),
                country: t.country.to_string(),
                start: t.start.to_string(),
                end: t.end.as_deref().map(str::to_string),
            });
        }
    }
    let titles = lex
        .titles()
        .iter()
        .map(|t| TitleOffice {
            title: t.text.to_string(),
            office: t.office.code().to_string(),
            country: t.country.as_deref().map(str::to_string),
        })
        .collect();
    let templates = lex
        .templates()
        .iter()
        .map(|t| BodyTemplate {
            prefix: t.prefix.to_string(),
            key: t.key.to_string(),
            name_pattern: t.name_pattern.to_string(),
            kind: t.kind,
        })
        .collect();
    Gazetteer::new(entries)
        .with_titles(titles)
        .with_templates(templates)
}
