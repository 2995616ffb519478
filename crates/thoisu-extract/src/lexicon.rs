//! The gazetteer built from `thoisu-lexicon`: its entries with their aliases and terms
//! in office, and the offices its titles name. (The extractor reads the lexicon's
//! titles and templates into phrase tables of its own: see `rules`.)
//!
//! Only the curated entries are copied into records up front; the 235,000 places are
//! indexed straight from the lexicon and copied only when a text names one.

use thoisu_lexicon::{AliasForm, Lexicon};

use crate::gazetteer::{GazEntry, Gazetteer, Office, TitleOffice};

/// The extractor's index over the lexicon (which lives as long as the program, as
/// [`Lexicon::get`]'s does: places are read from it on demand).
pub fn gazetteer_from(lex: &'static Lexicon) -> Gazetteer {
    let lists = AliasLists::new(lex);
    let curated_len = lex.places().start;
    let curated = (0..curated_len)
        .map(|i| gaz_entry(lex, &lists, i))
        .collect();
    let titles = lex
        .titles()
        .iter()
        .filter_map(|t| {
            Some(TitleOffice {
                title: t.text.to_string(),
                office: t.office?.code().to_string(),
                country: t.country.as_deref().map(str::to_string),
            })
        })
        .collect();
    Gazetteer::over_lexicon(lex, curated, lists).with_titles(titles)
}

/// The record of lexicon entry `i`, with its aliases and terms in office.
pub(crate) fn gaz_entry(lex: &Lexicon, lists: &AliasLists, i: u32) -> GazEntry {
    let e = lex.entry_at(i);
    let owned = |s: Option<&str>| s.map(str::to_string);
    let aliases = lex.aliases();
    let offices = lex.offices().iter().filter(|t| t.entry == i);
    GazEntry {
        id: e.id().into_owned(),
        kind: e.kind(),
        name: e.name().to_string(),
        name_vi: owned(e.name_vi()),
        aliases: (lists.of(i).iter())
            .filter_map(|&a| aliases.get(a as usize))
            .map(|a| a.text.to_string())
            .collect(),
        country: owned(e.country()),
        wikidata: owned(e.wikidata()),
        geonames: e.geonames(),
        coordinates: e.coordinates(),
        population: e.population(),
        role: owned(e.role()),
        offices: offices
            .map(|t| Office {
                office: t.office.code().to_string(),
                country: t.country.to_string(),
                start: t.start.to_string(),
                end: t.end.as_deref().map(str::to_string),
            })
            .collect(),
    }
}

/// The lexicon's aliases grouped by entry, in text order within each: indices into
/// [`Lexicon::aliases`]. Demonyms are left out: "người Nga" is read by the recognizer as
/// "người" + the country.
#[derive(Clone, Debug, Default)]
pub(crate) struct AliasLists {
    /// Where each entry's aliases start in `aliases`, plus the end.
    starts: Vec<u32>,
    aliases: Vec<u32>,
}

impl AliasLists {
    fn new(lex: &Lexicon) -> AliasLists {
        let n = lex.entries().len();
        let kept = || {
            (lex.aliases().iter().enumerate())
                .filter(|(_, a)| a.form != AliasForm::Demonym && (a.entry as usize) < n)
        };
        // Counting sort: counts, then starts, then each alias into its entry's slots.
        let mut starts = vec![0u32; n + 1];
        for (_, a) in kept() {
            starts[a.entry as usize + 1] += 1;
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut aliases = vec![0u32; starts[n] as usize];
        for (k, a) in kept() {
            let slot = &mut next[a.entry as usize];
            aliases[*slot as usize] = k as u32;
            *slot += 1;
        }
        AliasLists { starts, aliases }
    }

    /// The aliases of entry `i`.
    pub(crate) fn of(&self, i: u32) -> &[u32] {
        let i = i as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.aliases[a as usize..b as usize],
            _ => &[],
        }
    }
}
