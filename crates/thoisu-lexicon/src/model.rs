//! The records of the lexicon: entries, aliases, offices, templates and titles.

use thoisu_doc::{Coordinates, EntityKind};

/// One known entity, owned: a country, place, region, organization, armed group, treaty
/// or person. The lexicon keeps its curated entries so and its places in compact columns;
/// [`crate::EntryRef`] reads either, [`crate::EntryRef::to_entry`] copies one out.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Stable identifier: `country:AM`, `geonames:174875`, `org:csto`, `person:nikol-pashinyan`, ….
    pub id: String,
    /// What kind of entity it is.
    pub kind: EntityKind,
    /// Canonical international (English or GeoNames) name.
    pub name: String,
    /// Vietnamese name, when known.
    pub name_vi: Option<String>,
    /// ISO 3166-1 alpha-2 code of its country (for a country, its own code).
    pub country: Option<String>,
    /// Wikidata id (`Q399`), only where the curator was sure.
    pub wikidata: Option<String>,
    /// GeoNames id.
    pub geonames: Option<u64>,
    /// Coordinates, from GeoNames.
    pub coordinates: Option<Coordinates>,
    /// Population (0 when unknown), to rank places that share a name.
    pub population: u64,
    /// IANA time zone (`Asia/Yerevan`).
    pub timezone: Option<String>,
    /// GeoNames first-level administrative code within the country.
    pub admin1: Option<String>,
    /// Role or type: `news agency`, `defence ministry`, `President of Russia`, ….
    pub role: Option<String>,
    /// Whether the entity no longer exists (Soviet Union, Yugoslavia, …).
    pub historical: bool,
    /// For a country, the id of its capital's entry (`geonames:616052`).
    pub capital: Option<String>,
}

impl Default for Entry {
    /// An empty entry of kind [`EntityKind::Other`] (a placeholder while loading).
    fn default() -> Entry {
        Entry {
            id: String::new(),
            kind: EntityKind::Other,
            name: String::new(),
            name_vi: None,
            country: None,
            wikidata: None,
            geonames: None,
            coordinates: None,
            population: 0,
            timezone: None,
            admin1: None,
            role: None,
            historical: false,
            capital: None,
        }
    }
}

/// How an alias names its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AliasForm {
    /// The official or usual full name (`Liên bang Nga`, `Armenia`).
    Name,
    /// A shorter official name (`Hàn Quốc`).
    ShortName,
    /// An acronym (`NATO`, `CSTO`, `LHQ`).
    Acronym,
    /// An everyday name (`Mỹ`, `Nga`, `phía Nga`).
    Colloquial,
    /// A Vietnamese exonym or transcription (`Mát-xcơ-va`, `Luân Đôn`).
    Exonym,
    /// A people standing for the country (`người Nga`).
    Demonym,
    /// The English name (`Russia`, `Collective Security Treaty Organization`).
    English,
}

impl AliasForm {
    /// The one-letter code used in the compiled files.
    pub fn code(self) -> char {
        match self {
            AliasForm::Name => 'n',
            AliasForm::ShortName => 's',
            AliasForm::Acronym => 'a',
            AliasForm::Colloquial => 'c',
            AliasForm::Exonym => 'x',
            AliasForm::Demonym => 'd',
            AliasForm::English => 'e',
        }
    }

    /// The form for a one-letter code, `None` for an unknown code.
    pub fn from_code(code: &str) -> Option<AliasForm> {
        Some(match code {
            "n" => AliasForm::Name,
            "s" => AliasForm::ShortName,
            "a" => AliasForm::Acronym,
            "c" => AliasForm::Colloquial,
            "x" => AliasForm::Exonym,
            "d" => AliasForm::Demonym,
            "e" => AliasForm::English,
            _ => return None,
        })
    }
}

/// One written form of an entry: keys are NFC with the classic tone placement
/// (`hòa`, `thúy`), as `thoisu_text::normalize` writes them; case is kept. Borrowed from
/// the lexicon, which keeps every alias text in one decompressed string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alias<'a> {
    /// The surface form.
    pub text: &'a str,
    /// Index of its entry in [`crate::Lexicon::entries`].
    pub entry: u32,
    /// How it names the entry.
    pub form: AliasForm,
}

/// An office whose holder the lexicon knows by country and date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Office {
    /// Head of state (president, monarch, supreme leader).
    HeadOfState,
    /// Head of government (prime minister, chancellor; the president where one office).
    HeadOfGovernment,
    /// Foreign minister (secretary of state in the US).
    ForeignMinister,
    /// Defence minister (secretary of defense in the US).
    DefenceMinister,
}

impl Office {
    /// The short code used in the compiled files (`hos`, `hog`, `fm`, `dm`).
    pub fn code(self) -> &'static str {
        match self {
            Office::HeadOfState => "hos",
            Office::HeadOfGovernment => "hog",
            Office::ForeignMinister => "fm",
            Office::DefenceMinister => "dm",
        }
    }

    /// The office for a code, `None` for an unknown code.
    pub fn from_code(code: &str) -> Option<Office> {
        Some(match code {
            "hos" => Office::HeadOfState,
            "hog" => Office::HeadOfGovernment,
            "fm" => Office::ForeignMinister,
            "dm" => Office::DefenceMinister,
            _ => return None,
        })
    }
}

/// One term in office: who held `office` in `country` from `start` to `end`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfficeTerm {
    /// Index of the person's entry.
    pub entry: u32,
    /// The office.
    pub office: Office,
    /// ISO 3166-1 alpha-2 code of the country.
    pub country: String,
    /// First day, `YYYY-MM-DD` (or `YYYY-MM` / `YYYY` when only that is known).
    pub start: String,
    /// Last day, same format; `None` while in office (as of the data's date).
    pub end: Option<String>,
    /// Acting (interim) holder.
    pub acting: bool,
}

impl OfficeTerm {
    /// Whether the term covers `date` (`YYYY-MM-DD`); partial dates count as their
    /// whole month or year.
    pub fn covers(&self, date: &str) -> bool {
        let after_start = date >= self.start.as_str();
        let before_end = match &self.end {
            // "2022-09" covers "2022-09-30": compare on the end's own length.
            Some(end) => date.get(..end.len()).unwrap_or(date) <= end.as_str(),
            None => true,
        };
        after_start && before_end
    }
}

/// A national body named by a common noun plus its country: `Bộ Quốc phòng` + `Nga`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgTemplate {
    /// The Vietnamese words before the country (`Bộ Quốc phòng`).
    pub prefix: String,
    /// Stable key of the body (`defence-ministry`); templates that share it are one body.
    pub key: String,
    /// English name with `{country}` in it (`Ministry of Defence of {country}`).
    pub name_pattern: String,
    /// Kind of the derived entity.
    pub kind: EntityKind,
    /// What the body is, in English (`defence ministry`): the derived entity's role.
    pub role: String,
    /// Whether the prefix alone, with no country after it, names the body of the
    /// country the sentence is about (`Bộ Ngoại giao cho biết`).
    pub bare: bool,
}

impl OrgTemplate {
    /// The id of the body of `country` (ISO alpha-2): `org:defence-ministry:RU`.
    pub fn id_for(&self, country: &str) -> String {
        format!("org:{}:{}", self.key, country)
    }

    /// The English name of the body of a country named `country_name`.
    pub fn name_for(&self, country_name: &str) -> String {
        self.name_pattern.replace("{country}", country_name)
    }
}

/// Whether a title names a post or is only a form of address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TitleClass {
    /// A post its holder holds (`Tổng thống`, `Giám đốc`, `Đại sứ`).
    Office,
    /// Only a form of address (`ông`, `bà`, `Giáo sư`).
    Honorific,
}

impl TitleClass {
    /// The class for its name in the compiled file (`office`, `honorific`), `None` for
    /// another name.
    pub fn from_name(name: &str) -> Option<TitleClass> {
        match name {
            "office" => Some(TitleClass::Office),
            "honorific" => Some(TitleClass::Honorific),
            _ => None,
        }
    }
}

/// A title written before a person's name (`Thủ tướng`, `Giám đốc`, `ông`), with the
/// office whose holder it names, if any, possibly in one country only (`Tổng thống` of
/// Iran heads the government). A title may have one row per country and one for
/// everywhere else (`country` `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title {
    /// The title as written (`Bộ trưởng Quốc phòng`).
    pub text: String,
    /// The office with a holder per country and date it marks; `None` for titles that
    /// mark none (`Giám đốc`, `ông`).
    pub office: Option<Office>,
    /// The country this row's meaning is limited to, when it differs by country.
    pub country: Option<String>,
    /// The title in English (`Defence Minister`, `Mr`).
    pub english: String,
    /// Whether it names a post or is a form of address.
    pub class: TitleClass,
}
