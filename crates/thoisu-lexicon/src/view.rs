//! Borrowed views of the lexicon: its entries (curated records and compact place rows
//! alike) and its aliases (offsets into one text).

use std::borrow::Cow;

use thoisu_doc::{Coordinates, EntityKind};

use crate::parse::AliasRow;
use crate::places::{Place, Places};
use crate::{Alias, Entry, Lexicon};

/// Every entry of a lexicon, by index: what [`Lexicon::entries`] returns.
#[derive(Clone, Copy)]
pub struct Entries<'a> {
    lex: &'a Lexicon,
}

impl<'a> Entries<'a> {
    pub(crate) fn new(lex: &'a Lexicon) -> Entries<'a> {
        Entries { lex }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.lex.curated.len() + self.lex.places.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entry at index `i`.
    pub fn get(&self, i: usize) -> Option<EntryRef<'a>> {
        let index = u32::try_from(i).ok()?;
        (i < self.len()).then_some(EntryRef {
            lex: self.lex,
            index,
        })
    }

    /// Every entry, in index order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = EntryRef<'a>> + 'a {
        let lex = self.lex;
        (0..self.len() as u32).map(move |index| EntryRef { lex, index })
    }
}

impl std::fmt::Debug for Entries<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Entries({})", self.len())
    }
}

/// One entry of a lexicon, borrowed: a curated record or a GeoNames place.
#[derive(Clone, Copy)]
pub struct EntryRef<'a> {
    lex: &'a Lexicon,
    index: u32,
}

/// What an entry is read from.
enum Source<'a> {
    Curated(&'a Entry),
    Place(&'a Places, &'a Place),
}

impl<'a> EntryRef<'a> {
    fn source(&self) -> Source<'a> {
        let curated = &self.lex.curated;
        match curated.get(self.index as usize) {
            Some(e) => Source::Curated(e),
            None => {
                let places = &self.lex.places;
                Source::Place(places, places.row(self.index as usize - curated.len()))
            }
        }
    }

    /// Its index in [`Lexicon::entries`].
    pub fn index(&self) -> u32 {
        self.index
    }

    /// Stable identifier: `country:AM`, `geonames:174875`, `org:csto`, …. A place's is
    /// made from its GeoNames id on each call.
    pub fn id(&self) -> Cow<'a, str> {
        match self.source() {
            Source::Curated(e) => Cow::Borrowed(&e.id),
            Source::Place(_, p) => Cow::Owned(format!("geonames:{}", p.geonames)),
        }
    }

    /// What kind of entity it is.
    pub fn kind(&self) -> EntityKind {
        match self.source() {
            Source::Curated(e) => e.kind,
            Source::Place(..) => EntityKind::Place,
        }
    }

    /// Canonical international (English or GeoNames) name.
    pub fn name(&self) -> &'a str {
        match self.source() {
            Source::Curated(e) => &e.name,
            Source::Place(places, p) => places.name(p),
        }
    }

    /// Vietnamese name, when known.
    pub fn name_vi(&self) -> Option<&'a str> {
        self.curated(|e| e.name_vi.as_deref())
    }

    /// ISO 3166-1 alpha-2 code of its country (for a country, its own code).
    pub fn country(&self) -> Option<&'a str> {
        match self.source() {
            Source::Curated(e) => e.country.as_deref(),
            Source::Place(places, p) => places.country(p),
        }
    }

    /// Wikidata id (`Q399`), only where the curator was sure.
    pub fn wikidata(&self) -> Option<&'a str> {
        self.curated(|e| e.wikidata.as_deref())
    }

    /// GeoNames id.
    pub fn geonames(&self) -> Option<u64> {
        match self.source() {
            Source::Curated(e) => e.geonames,
            Source::Place(_, p) => Some(u64::from(p.geonames)),
        }
    }

    /// Coordinates, from GeoNames.
    pub fn coordinates(&self) -> Option<Coordinates> {
        match self.source() {
            Source::Curated(e) => e.coordinates,
            Source::Place(places, p) => places.coordinates(p),
        }
    }

    /// Population (0 when unknown), to rank places that share a name.
    pub fn population(&self) -> u64 {
        match self.source() {
            Source::Curated(e) => e.population,
            Source::Place(_, p) => u64::from(p.population),
        }
    }

    /// IANA time zone (`Asia/Yerevan`).
    pub fn timezone(&self) -> Option<&'a str> {
        match self.source() {
            Source::Curated(e) => e.timezone.as_deref(),
            Source::Place(places, p) => places.timezone(p),
        }
    }

    /// GeoNames first-level administrative code within the country.
    pub fn admin1(&self) -> Option<&'a str> {
        match self.source() {
            Source::Curated(e) => e.admin1.as_deref(),
            Source::Place(places, p) => places.admin1(p),
        }
    }

    /// Role or type: `news agency`, `defence ministry`, `President of Russia`, ….
    pub fn role(&self) -> Option<&'a str> {
        self.curated(|e| e.role.as_deref())
    }

    /// Whether the entity no longer exists (Soviet Union, Yugoslavia, …).
    pub fn historical(&self) -> bool {
        self.curated(|e| e.historical.then_some(())).is_some()
    }

    /// For a country, the id of its capital's entry (`geonames:616052`).
    pub fn capital(&self) -> Option<&'a str> {
        self.curated(|e| e.capital.as_deref())
    }

    /// A field only curated entries have.
    fn curated<T>(&self, field: impl FnOnce(&'a Entry) -> Option<T>) -> Option<T> {
        match self.source() {
            Source::Curated(e) => field(e),
            Source::Place(..) => None,
        }
    }

    /// The entry as an owned record.
    pub fn to_entry(&self) -> Entry {
        let owned = |s: Option<&str>| s.map(str::to_string);
        Entry {
            id: self.id().into_owned(),
            kind: self.kind(),
            name: self.name().to_string(),
            name_vi: owned(self.name_vi()),
            country: owned(self.country()),
            wikidata: owned(self.wikidata()),
            geonames: self.geonames(),
            coordinates: self.coordinates(),
            population: self.population(),
            timezone: owned(self.timezone()),
            admin1: owned(self.admin1()),
            role: owned(self.role()),
            historical: self.historical(),
            capital: owned(self.capital()),
        }
    }
}

impl std::fmt::Debug for EntryRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.to_entry().fmt(f)
    }
}

/// A run of aliases sorted by text: what [`Lexicon::aliases`] and [`Lexicon::lookup`]
/// return.
#[derive(Clone, Copy)]
pub struct Aliases<'a> {
    text: &'a str,
    rows: &'a [AliasRow],
}

impl<'a> Aliases<'a> {
    pub(crate) fn new(text: &'a str, rows: &'a [AliasRow]) -> Aliases<'a> {
        Aliases { text, rows }
    }

    /// Number of aliases.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The alias at `i`.
    pub fn get(&self, i: usize) -> Option<Alias<'a>> {
        self.rows.get(i).map(|row| self.alias(row))
    }

    /// The first alias.
    pub fn first(&self) -> Option<Alias<'a>> {
        self.get(0)
    }

    /// Every alias, in text order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Alias<'a>> + DoubleEndedIterator + 'a {
        let this = *self;
        self.rows.iter().map(move |row| this.alias(row))
    }

    fn alias(&self, row: &AliasRow) -> Alias<'a> {
        let start = row.start as usize;
        Alias {
            text: &self.text[start..start + row.len as usize],
            entry: row.entry,
            form: row.form,
        }
    }
}

impl std::fmt::Debug for Aliases<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}
