//! The gazetteer built from `thoisu-lexicon`: its entries with their aliases and terms
//! in office, its office titles and its templates of national bodies.

use thoisu_lexicon::{AliasForm, Lexicon};

use crate::gazetteer::{BodyTemplate, GazEntry, Gazetteer, Office, TitleOffice};

/// The extractor's index over the lexicon.
pub fn gazetteer_from(lex: &Lexicon) -> Gazetteer {
    let mut entries: Vec<GazEntry> = lex
        .entries()
        .iter()
        .map(|e| GazEntry {
            id: e.id.clone(),
            kind: e.kind,
            name: e.name.clone(),
            name_vi: e.name_vi.clone(),
            aliases: Vec::new(),
            country: e.country.clone(),
            wikidata: e.wikidata.clone(),
            geonames: e.geonames,
            coordinates: e.coordinates,
            population: e.population,
            role: e.role.clone(),
            offices: Vec::new(),
        })
        .collect();
    for a in lex.aliases() {
        // "người Nga" is a demonym the recognizer reads as "người" + the country.
        if a.form == AliasForm::Demonym {
            continue;
        }
        if let Some(e) = entries.get_mut(a.entry as usize) {
            e.aliases.push(a.text.clone());
        }
    }
    for t in lex.offices() {
        if let Some(e) = entries.get_mut(t.entry as usize) {
            e.offices.push(Office {
                office: t.office.code().to_string(),
                country: t.country.clone(),
                start: t.start.clone(),
                end: t.end.clone(),
            });
        }
    }
    let titles = lex
        .titles()
        .iter()
        .map(|t| TitleOffice {
            title: t.text.clone(),
            office: t.office.code().to_string(),
            country: t.country.clone(),
        })
        .collect();
    let templates = lex
        .templates()
        .iter()
        .map(|t| BodyTemplate {
            prefix: t.prefix.clone(),
            key: t.key.clone(),
            name_pattern: t.name_pattern.clone(),
            kind: t.kind,
        })
        .collect();
    Gazetteer::new(entries)
        .with_titles(titles)
        .with_templates(templates)
}
