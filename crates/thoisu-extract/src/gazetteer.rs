//! The extractor's index over a lexicon: aliases by normalized words, matched
//! leftmost-longest over a sentence's tokens, plus fuzzy lookup for misspelled names.

use std::sync::OnceLock;

use crate::fasthash::{FxHashMap, FxHashSet};
use crate::lexicon::{gaz_entry, AliasLists};

use thoisu_doc::{Coordinates, EntityKind};
use thoisu_lexicon::Lexicon;

/// An office a person holds or held: head of government (`hog`) of `AM` from
/// `2018-05-08`.
#[derive(Clone, Debug, PartialEq)]
pub struct Office {
    /// The office: `hos` (head of state), `hog` (head of government), `fm` (foreign
    /// minister), `dm` (defence minister).
    pub office: String,
    /// ISO 3166-1 alpha-2 code of the country.
    pub country: String,
    /// First day in office, `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
    pub start: String,
    /// Last day in office, when the term has ended (same formats).
    pub end: Option<String>,
}

impl Office {
    /// Whether the term covers `date` (`YYYY-MM-DD`); a partial end date counts as its
    /// whole month or year.
    pub fn covers(&self, date: &str) -> bool {
        let before_end = match &self.end {
            Some(end) => date.get(..end.len()).unwrap_or(date) <= end.as_str(),
            None => true,
        };
        date >= self.start.as_str() && before_end
    }
}

/// A title that names an office in a country (`Tổng thống` of Iran heads the
/// government); `country: None` gives the meaning everywhere else.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleOffice {
    /// The title as written (`Thủ tướng`).
    pub title: String,
    /// The office code (see [`Office::office`]).
    pub office: String,
    /// The country this meaning is limited to.
    pub country: Option<String>,
}

/// One known entity, as the extractor needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct GazEntry {
    /// Stable identifier (`country:AM`, `geonames:616052`, `org:csto`, …).
    pub id: String,
    /// Kind of entity.
    pub kind: EntityKind,
    /// Canonical (international) name.
    pub name: String,
    /// Vietnamese name.
    pub name_vi: Option<String>,
    /// Every written form to recognize, in any case (the name and Vietnamese name are
    /// added automatically).
    pub aliases: Vec<String>,
    /// Country code (for a country, its own).
    pub country: Option<String>,
    /// Wikidata id.
    pub wikidata: Option<String>,
    /// GeoNames id.
    pub geonames: Option<u64>,
    /// Coordinates, for places.
    pub coordinates: Option<Coordinates>,
    /// Population, used to rank places that share a name.
    pub population: u64,
    /// Role or type (`Prime Minister of Armenia`, `defence ministry`, …).
    pub role: Option<String>,
    /// Offices held, for persons.
    pub offices: Vec<Office>,
}

impl GazEntry {
    /// An entry with the given id, kind and name and nothing else.
    pub fn new(id: &str, kind: EntityKind, name: &str) -> GazEntry {
        GazEntry {
            id: id.to_string(),
            kind,
            name: name.to_string(),
            name_vi: None,
            aliases: Vec::new(),
            country: None,
            wikidata: None,
            geonames: None,
            coordinates: None,
            population: 0,
            role: None,
            offices: Vec::new(),
        }
    }
}

/// Lowercases and joins the whitespace-separated syllables of `s` with single spaces.
pub(crate) fn match_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    match_key_into(s, &mut out);
    out
}

/// [`match_key`] into `out` (cleared first), so that building the index reuses one buffer.
fn match_key_into(s: &str, out: &mut String) {
    out.clear();
    // Most aliases are already single-spaced: lowercase them whole, as `push_lower`
    // does a token.
    if single_spaced(s) {
        push_lower(s, out);
        return;
    }
    for (i, syl) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_lower(syl, out);
    }
}

/// Whether `s` has no whitespace but single spaces between other characters. One pass:
/// building the index asks this of every alias.
fn single_spaced(s: &str) -> bool {
    // A leading space counts as a double one.
    let mut after_space = true;
    for c in s.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if c.is_whitespace() {
            return false;
        } else {
            after_space = false;
        }
    }
    !after_space || s.is_empty()
}

pub(crate) use crate::chars::push_lower;

/// Removes Vietnamese diacritics and lowercases: `Đà Nẵng` → `da nang`.
pub(crate) fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_acronym(alias: &str) -> bool {
    // Runs on every alias while the index is built: no allocation.
    let mut letters = alias.chars().filter(|c| c.is_alphabetic());
    let all_upper = letters.clone().all(char::is_uppercase);
    all_upper && letters.nth(1).is_some() && !alias.contains(' ')
}

/// A gazetteer match over tokens `start..end` of a sentence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct GazMatch {
    pub start: usize,
    pub end: usize,
    /// Candidate entries, best prior first.
    pub entries: Vec<u32>,
    /// Whether it starts in lowercase, as its alias is written (`phương Tây`).
    pub lower: bool,
}

/// A folded alias for fuzzy lookup: its letter set, its characters and its entry.
type FuzzyAlias = (u64, Box<[char]>, u32);

/// The alias index.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    /// The entries held as records: all of them, or for a gazetteer over a lexicon its
    /// curated entries, before its places.
    entries: Vec<GazEntry>,
    /// The lexicon whose places follow `entries`, when built over one.
    lexicon: Option<&'static Lexicon>,
    /// The lexicon's aliases by entry (demonyms left out).
    alias_lists: AliasLists,
    /// The records of the places, made on first use: the index is built from the
    /// lexicon directly, and a text names few of its 235,000 places.
    places: Vec<OnceLock<Box<GazEntry>>>,
    by_alias: FxHashMap<Box<str>, Candidates>,
    /// Hashes of every alias key's leading syllables (see [`prefix_hash`]).
    prefixes: FxHashSet<u64>,
    /// Aliases that must match in capitals (acronyms), by key.
    acronyms: FxHashMap<String, String>,
    /// Aliases written with a lowercase head and a capital later (`phương Tây`,
    /// `châu Âu`, `al-Qaeda`), exactly as written: they match only so.
    lower_forms: FxHashSet<String>,
    /// The first syllable keys of `lower_forms`.
    lower_heads: FxHashSet<String>,
    /// Folded aliases for fuzzy lookup, as characters, by first character and length.
    folded: FxHashMap<(char, usize), Vec<FuzzyAlias>>,
    by_id: FxHashMap<String, u32>,
    /// Office code by (title key, country); country `None` for the general meaning.
    title_codes: FxHashMap<(String, Option<String>), String>,
    /// Entries that hold or held an office.
    holders: Vec<u32>,
}

impl Gazetteer {
    /// Builds the index over `entries`.
    pub fn new(entries: Vec<GazEntry>) -> Gazetteer {
        let mut g = Gazetteer::default();
        let mut b = Builder::default();
        g.index_records(&entries, &mut b);
        g.finish(b, |i| {
            prior(entries[i as usize].kind, entries[i as usize].population)
        });
        g.entries = entries;
        g
    }

    /// Indexes `records`, numbered from 0, by id and by every written form.
    fn index_records(&mut self, records: &[GazEntry], b: &mut Builder) {
        for (i, e) in records.iter().enumerate() {
            self.by_id.insert(e.id.clone(), i as u32);
            let forms = e.aliases.iter().chain([&e.name]).chain(&e.name_vi);
            let fuzzy_ok = fuzzy_candidate(e.kind, e.population);
            self.index_entry(i as u32, !e.offices.is_empty(), fuzzy_ok, forms, b);
        }
    }

    /// Builds the index over a lexicon: `curated` are the records of its entries before
    /// its places, `alias_lists` its aliases by entry. The places are indexed from the
    /// lexicon itself and made into records only when asked for.
    pub(crate) fn over_lexicon(
        lex: &'static Lexicon,
        curated: Vec<GazEntry>,
        alias_lists: AliasLists,
    ) -> Gazetteer {
        let mut g = Gazetteer::default();
        // Sized up front: growing these maps rehashes every key indexed so far.
        let forms = lex.aliases().len() + lex.entries().len();
        g.by_alias.reserve(forms);
        g.prefixes.reserve(forms * 3 / 2);
        let mut b = Builder::default();
        g.index_records(&curated, &mut b);
        let entries = lex.entries();
        let aliases = lex.aliases();
        let holders: FxHashSet<u32> = lex.offices().iter().map(|t| t.entry).collect();
        let mut own: Vec<&str> = Vec::new();
        for e in entries.iter().skip(curated.len()) {
            let i = e.index();
            own.clear();
            let texts = alias_lists
                .of(i)
                .iter()
                .filter_map(|&a| aliases.get(a as usize));
            own.extend(texts.map(|a| a.text));
            // The name is most often an alias already: indexing it twice changes nothing.
            let name = Some(e.name()).filter(|n| !own.contains(n));
            let forms = own.iter().copied().chain(name).chain(e.name_vi());
            let fuzzy_ok = fuzzy_candidate(e.kind(), e.population());
            g.index_entry(i, holders.contains(&i), fuzzy_ok, forms, &mut b);
        }
        g.finish(b, |i| {
            let e = entries.get(i as usize).expect("indexed entry exists");
            prior(e.kind(), e.population())
        });
        g.places = (curated.len()..entries.len())
            .map(|_| OnceLock::new())
            .collect();
        g.entries = curated;
        g.lexicon = Some(lex);
        g.alias_lists = alias_lists;
        g
    }

    /// Orders each key's candidates by prior, and keeps the lowercase-headed forms
    /// that may start a match (see [`Builder::lower_forms`]).
    fn finish(&mut self, b: Builder, prior: impl Fn(u32) -> (u8, u64)) {
        for list in self.by_alias.values_mut() {
            if let Candidates::Many(list) = list {
                list.sort_by_key(|&e| std::cmp::Reverse(prior(e)));
                list.dedup();
            }
        }
        self.index_lower_forms(b.lower_forms);
    }

    /// Keeps the aliases a match may start on in lowercase. One whose tail is an
    /// alias itself is a generic head plus a name (`bang Texas`, `tỉnh Kursk`): the
    /// name is matched on its capital, as news names it.
    fn index_lower_forms(&mut self, mut forms: FxHashSet<String>) {
        forms.retain(|form: &String| {
            let key = match_key(form);
            let tails = key.match_indices(' ').map(|(i, _)| &key[i + 1..]);
            !tails
                .into_iter()
                .any(|tail| self.by_alias.contains_key(tail))
        });
        for form in &forms {
            let head = form.split(' ').next().unwrap_or_default();
            self.lower_heads.insert(match_key(head));
        }
        self.lower_forms = forms;
    }

    /// Adds the offices titles name (see [`TitleOffice`]).
    pub fn with_titles(mut self, titles: Vec<TitleOffice>) -> Gazetteer {
        for t in titles {
            self.title_codes
                .insert((match_key(&t.title), t.country), t.office);
        }
        self
    }

    /// The office code a title (lowercase key) names in `country`.
    pub(crate) fn title_code(&self, title: &str, country: &str) -> Option<&str> {
        let key = |c: Option<String>| (title.to_string(), c);
        self.title_codes
            .get(&key(Some(country.to_string())))
            .or_else(|| self.title_codes.get(&key(None)))
            .map(String::as_str)
    }

    /// The lexicon the gazetteer was built over, if any.
    pub(crate) fn lexicon(&self) -> Option<&'static Lexicon> {
        self.lexicon
    }

    /// An entry index by id.
    pub(crate) fn by_id(&self, id: &str) -> Option<u32> {
        if let Some(&i) = self.by_id.get(id) {
            return Some(i);
        }
        let place = self.lexicon?.entry_index(id)?;
        (place as usize >= self.entries.len()).then_some(place)
    }

    /// Indexes the written forms of entry `i` (in order: aliases, name, Vietnamese name).
    fn index_entry<'f, S: AsRef<str> + ?Sized + 'f>(
        &mut self,
        i: u32,
        holder: bool,
        fuzzy_ok: bool,
        forms: impl Iterator<Item = &'f S>,
        b: &mut Builder,
    ) {
        if holder {
            self.holders.push(i);
        }
        for form in forms {
            let form = form.as_ref();
            b.note_lower_form(form);
            match_key_into(form, &mut b.key);
            let key = b.key.as_str();
            if key.is_empty() {
                continue;
            }
            if is_acronym(form) {
                self.acronyms.insert(key.to_string(), form.to_string());
            }
            // Only hashes: the prefix test lets `find` stop early, and a false
            // positive costs one more alias lookup.
            for (at, _) in key.match_indices(' ') {
                self.prefixes.insert(prefix_hash(&key[..at]));
            }
            self.prefixes.insert(prefix_hash(key));
            // Misspellings worth catching are of foreign names written in plain Latin
            // letters ("Amernia"); with Vietnamese marks folded away, unrelated names
            // meet ("Đức Hoàng" / "Dunhuang"). An ASCII key is already folded.
            if fuzzy_ok && key.is_ascii() && key.len() >= 5 {
                let chars: Box<[char]> = key.chars().collect();
                let bucket = (chars[0], chars.len());
                let mask = letter_mask(&chars);
                let list = self.folded.entry(bucket).or_default();
                // An entry's forms are indexed together: only the bucket's tail can
                // hold this entry already.
                let mut own = list.iter().rev().take_while(|(_, _, e)| *e == i);
                if !own.any(|(_, a, _)| *a == chars) {
                    list.push((mask, chars, i));
                }
            }
            match self.by_alias.get_mut(key) {
                Some(list) => list.push(i),
                None => {
                    self.by_alias.insert(key.into(), Candidates::One(i));
                }
            }
        }
    }

    /// The entries held as records: every entry of a gazetteer built by
    /// [`Gazetteer::new`]; for one over a lexicon, the entries before its places (which
    /// [`Gazetteer::len`] counts too).
    pub fn entries(&self) -> &[GazEntry] {
        &self.entries
    }

    /// The number of entries, places of a lexicon included.
    pub fn len(&self) -> usize {
        self.entries.len() + self.places.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// An entry by index.
    pub(crate) fn entry(&self, i: u32) -> &GazEntry {
        let i = i as usize;
        if let Some(e) = self.entries.get(i) {
            return e;
        }
        let lex = self
            .lexicon
            .expect("an entry past the records is a lexicon place");
        self.places[i - self.entries.len()]
            .get_or_init(|| Box::new(gaz_entry(lex, &self.alias_lists, i as u32)))
    }

    /// Candidates for an exact alias key (lowercase, single spaces).
    pub(crate) fn lookup(&self, key: &str) -> Option<&[u32]> {
        self.by_alias.get(key).map(Candidates::as_slice)
    }

    /// Leftmost-longest matches over tokens given as (original text, lowercase key).
    /// A match must start with a capitalized token, unless it is written exactly as an
    /// alias with a lowercase head; an acronym must be written in capitals.
    pub(crate) fn find(&self, tokens: &[(&str, &str)], out: &mut Vec<GazMatch>, key: &mut String) {
        out.clear();
        let mut i = 0;
        while i < tokens.len() {
            let upper = starts_upper(tokens[i].0);
            if !upper && !self.lower_heads.contains(tokens[i].1) {
                i += 1;
                continue;
            }
            match self.longest_at(tokens, i, upper, key) {
                Some((end, list)) => {
                    out.push(GazMatch {
                        start: i,
                        end,
                        entries: list.to_vec(),
                        lower: !upper,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
    }

    /// The longest alias starting at token `i`, with its end and candidates.
    fn longest_at(
        &self,
        tokens: &[(&str, &str)],
        i: usize,
        upper: bool,
        key: &mut String,
    ) -> Option<(usize, &[u32])> {
        key.clear();
        let mut best = None;
        for (j, tok) in tokens.iter().enumerate().skip(i) {
            if j > i {
                key.push(' ');
            }
            key.push_str(tok.1);
            if !self.prefixes.contains(&prefix_hash(key)) {
                break;
            }
            let Some(list) = self.by_alias.get(key.as_str()) else {
                continue;
            };
            let written_ok = upper || self.written_lower_form(&tokens[i..=j]);
            let acronym_ok = self
                .acronyms
                .get(key.as_str())
                .is_none_or(|form| j > i || tok.0 == form);
            if written_ok && acronym_ok {
                best = Some((j + 1, list.as_slice()));
            }
        }
        best
    }

    /// Whether these tokens spell a lowercase-headed alias exactly.
    fn written_lower_form(&self, tokens: &[(&str, &str)]) -> bool {
        let written: Vec<&str> = tokens.iter().map(|t| t.0).collect();
        self.lower_forms.contains(&written.join(" "))
    }

    /// The entry whose plain-Latin alias is closest to plain-Latin `text` (edit distance at most 1 for
    /// names of 5 or 6 letters and 2 from 7), with a confidence.
    pub(crate) fn fuzzy(&self, text: &str) -> Option<(u32, f32)> {
        // One foreign word ("Amernia", "Arzerbaijan"): Vietnamese names written without
        // marks ("Nam Nga") are words of their own, not misspellings.
        if !text.is_ascii() || text.trim().contains(' ') {
            return None;
        }
        let f: Vec<char> = fold(&match_key(text)).chars().collect();
        let n = f.len();
        if n < 5 {
            return None;
        }
        let limit = if n >= 7 { 2 } else { 1 };
        let mut rows = [
            vec![0; n + limit + 2],
            vec![0; n + limit + 2],
            vec![0; n + limit + 2],
        ];
        let mask = letter_mask(&f);
        let mut best: Option<(usize, u32)> = None;
        for m in n - limit..=n + limit {
            let Some(list) = self.folded.get(&(f[0], m)) else {
                continue;
            };
            for (alias_mask, alias, e) in list {
                // Each edit adds or removes at most two letters from the set of letters.
                if (mask ^ alias_mask).count_ones() as usize > 2 * limit {
                    continue;
                }
                let d = edit_distance_chars(&f, alias, limit, &mut rows);
                if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, *e));
                }
            }
        }
        best.filter(|(d, _)| *d > 0)
            .map(|(d, e)| (e, 1.0 - d as f32 / (n as f32).max(4.0) * 1.5))
    }

    /// The person who held `office` (a code) in `country` on `date` (`YYYY-MM-DD`): on a
    /// day of handover, the incoming holder.
    pub(crate) fn office_holder(&self, office: &str, country: &str, date: &str) -> Option<u32> {
        let mut best: Option<(&str, u32)> = None;
        for &i in &self.holders {
            for o in &self.entry(i).offices {
                let hit = o.office == office && o.country == country && o.covers(date);
                if hit && best.is_none_or(|(start, _)| o.start.as_str() > start) {
                    best = Some((o.start.as_str(), i));
                }
            }
        }
        best.map(|(_, i)| i)
    }
}

/// The English name of an office code.
pub(crate) fn office_label(code: &str) -> &str {
    match code {
        "hos" => "Head of State",
        "hog" => "Head of Government",
        "fm" => "Foreign Minister",
        "dm" => "Defence Minister",
        other => other,
    }
}

/// Whether an entry's names take part in fuzzy lookup: countries, regions, bodies,
/// armed groups, persons and large places (small places with names a letter apart are
/// too many to guess between).
fn fuzzy_candidate(kind: EntityKind, population: u64) -> bool {
    match kind {
        EntityKind::Place => population >= 100_000,
        EntityKind::Treaty | EntityKind::Other => false,
        _ => true,
    }
}

/// How likely an entry is when nothing else decides: countries first, then by population.
fn prior(kind: EntityKind, population: u64) -> (u8, u64) {
    let rank = match kind {
        EntityKind::Country => 3,
        EntityKind::Organization | EntityKind::Person => 2,
        _ => 1,
    };
    (rank, population)
}

/// The entries an alias key names. Most keys name one: keeping it inline spares an
/// allocation per key (there are 240,000 keys).
#[derive(Clone, Debug)]
enum Candidates {
    One(u32),
    Many(Vec<u32>),
}

impl Candidates {
    fn push(&mut self, e: u32) {
        match self {
            Candidates::One(first) => *self = Candidates::Many(vec![*first, e]),
            Candidates::Many(list) => list.push(e),
        }
    }

    fn as_slice(&self) -> &[u32] {
        match self {
            Candidates::One(e) => std::slice::from_ref(e),
            Candidates::Many(list) => list,
        }
    }
}

/// What building the index collects besides it.
#[derive(Default)]
struct Builder {
    /// The forms written with a lowercase head and a capital later, single-spaced.
    lower_forms: FxHashSet<String>,
    /// The current form's key.
    key: String,
}

impl Builder {
    fn note_lower_form(&mut self, form: &str) {
        let lower_head = form.chars().next().is_some_and(char::is_lowercase);
        if lower_head && form.chars().any(char::is_uppercase) {
            let spaced = form.split_whitespace().collect::<Vec<_>>().join(" ");
            self.lower_forms.insert(spaced);
        }
    }
}

pub(crate) fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(crate::chars::is_upper)
}

/// The hash of an alias key prefix, for the prefix set.
fn prefix_hash(prefix: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = crate::fasthash::FxHasher::default();
    h.write(prefix.as_bytes());
    h.finish()
}

/// The set of letters (folded to 64 classes) a name uses.
fn letter_mask(chars: &[char]) -> u64 {
    chars
        .iter()
        .fold(0, |m, &c| m | 1u64 << (u32::from(c) % 64))
}

/// Edit distance with swaps of neighbours counted once (optimal string alignment),
/// giving up (returning `limit + 1`) once every path exceeds `limit`.
#[cfg(test)]
pub(crate) fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let len = b.len() + 1;
    let mut rows = [vec![0; len], vec![0; len], vec![0; len]];
    edit_distance_chars(&a, &b, limit, &mut rows)
}

/// [`edit_distance`] over characters, with three rows of scratch space of at least
/// `b.len() + 1` each.
fn edit_distance_chars(a: &[char], b: &[char], limit: usize, rows: &mut [Vec<usize>; 3]) -> usize {
    let [before, prev, cur] = rows;
    if prev.len() <= b.len() {
        return limit + 1;
    }
    for (j, x) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *x = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(before[j - 2] + 1);
            }
            row_min = row_min.min(cur[j]);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(before, prev);
        std::mem::swap(prev, cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        let mut am = GazEntry::new("country:AM", EntityKind::Country, "Armenia");
        am.aliases = vec!["Ác-mê-ni-a".into()];
        let mut ru = GazEntry::new("country:RU", EntityKind::Country, "Russia");
        ru.aliases = vec!["Nga".into(), "Liên bang Nga".into()];
        let csto = GazEntry::new("org:csto", EntityKind::Organization, "CSTO");
        Gazetteer::new(vec![am, ru, csto])
    }

    fn toks<'a>(words: &'a [&'a str], keys: &'a mut Vec<String>) -> Vec<(&'a str, &'a str)> {
        *keys = words.iter().map(|w| match_key(w)).collect();
        words
            .iter()
            .copied()
            .zip(keys.iter().map(String::as_str))
            .collect()
    }

    /// The token spans `find` matches in `words`.
    fn spans(g: &Gazetteer, words: &[&str]) -> Vec<(usize, usize)> {
        let mut keys = Vec::new();
        let t = toks(words, &mut keys);
        let mut out = Vec::new();
        g.find(&t, &mut out, &mut String::new());
        out.iter().map(|m| (m.start, m.end)).collect()
    }

    #[test]
    fn longest_match_wins_and_case_matters() {
        let g = gaz();
        let words = ["Liên", "bang", "Nga", "và", "nga", "Armenia"];
        assert_eq!(spans(&g, &words), vec![(0, 3), (5, 6)]);
    }

    #[test]
    fn lowercase_headed_alias_matches_only_as_written() {
        let mut west = GazEntry::new("region:the-west", EntityKind::Region, "the West");
        west.name_vi = Some("phương Tây".into());
        let mut texas = GazEntry::new("place:texas", EntityKind::Region, "Texas");
        texas.aliases = vec!["bang Texas".into()];
        let g = Gazetteer::new(vec![west, texas]);
        let words = [
            "các", "nước", "phương", "Tây", "và", "phương", "tây", "ở", "bang", "Texas",
        ];
        // "phương tây" (a western direction) is not the West; "bang" is a generic head
        // before a name that matches on its own.
        assert_eq!(spans(&g, &words), vec![(2, 4), (9, 10)]);
    }

    #[test]
    fn acronyms_need_capitals() {
        let g = gaz();
        let words = ["Csto", "CSTO"];
        let mut keys = Vec::new();
        let t = toks(&words, &mut keys);
        let mut out = Vec::new();
        g.find(&t, &mut out, &mut String::new());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].start, 1);
    }

    #[test]
    fn misspelled_country_is_found_with_less_confidence() {
        let g = gaz();
        let (e, conf) = g.fuzzy("Amernia").unwrap();
        assert_eq!(g.entry(e).id, "country:AM");
        assert!(conf > 0.3 && conf < 1.0, "{conf}");
        assert!(g.fuzzy("Armenia").is_none(), "exact is not fuzzy");
        assert!(g.fuzzy("Kenya").is_none());
    }

    #[test]
    fn edit_distance_counts_swaps_once() {
        assert_eq!(edit_distance("armenia", "amrenia", 3), 1);
        assert_eq!(edit_distance("abc", "abc", 1), 0);
        assert_eq!(edit_distance("abcdef", "uvwxyz", 2), 3);
        assert_eq!(fold("Đà Nẵng"), "da nang");
    }

    #[test]
    fn single_spacing_is_checked_in_one_pass() {
        fn old(s: &str) -> bool {
            !s.starts_with(' ')
                && !s.ends_with(' ')
                && !s.contains("  ")
                && !s.contains(|c: char| c.is_whitespace() && c != ' ')
        }
        for s in [
            "",
            " ",
            "a",
            "a b",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "Hà\u{a0}Nội",
            "Hà Nội",
            "x\u{3000}",
        ] {
            assert_eq!(single_spaced(s), old(s), "{s:?}");
        }
        assert_eq!(match_key(" Liên  bang\tNGA "), "liên bang nga");
        assert_eq!(match_key("ĐÀ NẴNG"), "đà nẵng");
    }
}
