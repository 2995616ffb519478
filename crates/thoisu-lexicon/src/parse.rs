//! Parsing of the compiled TSV files (LZ4 frames) into the lexicon's records.
//!
//! Every file is UTF-8, one record a line, fields separated by tabs, empty field for
//! "none"; lines starting with `#` are comments. A malformed line is an error: the data
//! is generated, so a bad line means a bad build, not bad user input.

use std::io::Read;

use lz4_flex::frame::FrameDecoder;
use thoisu_doc::{Coordinates, EntityKind};

use crate::model::{AliasForm, Entry, Office, OfficeTerm, OrgTemplate, Title, TitleClass};
use crate::LexiconError;

/// Decompresses an LZ4 frame held in memory (its checksum is verified).
pub(crate) fn unpack(bytes: &[u8], file: &'static str) -> Result<String, LexiconError> {
    let mut raw = Vec::with_capacity(bytes.len() * 3);
    // Whole bytes first: lz4_flex's `read_to_string` reported invalid UTF-8 on valid
    // data (0.14.2).
    FrameDecoder::new(bytes)
        .read_to_end(&mut raw)
        .map_err(|e| LexiconError::new(file, 0, &e.to_string()))?;
    String::from_utf8(raw).map_err(|_| LexiconError::new(file, 0, "not UTF-8"))
}

/// The data lines of a file with their 1-based line numbers.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    Lines {
        text,
        pos: 0,
        number: 0,
    }
    .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// Lines split on `\n`, found by [`find_byte`].
struct Lines<'a> {
    text: &'a str,
    pos: usize,
    number: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.pos >= self.text.len() {
            return None;
        }
        let rest = &self.text.as_bytes()[self.pos..];
        let len = find_byte(rest, b'\n').unwrap_or(rest.len());
        // `\n` is ASCII, so both ends are character boundaries.
        let line = &self.text[self.pos..self.pos + len];
        self.pos += len + 1;
        self.number += 1;
        Some((self.number, line.strip_suffix('\r').unwrap_or(line)))
    }
}

/// The offset of the first `needle` in `bytes`, looked for eight bytes at a time.
/// Lines and fields here are short: `memchr` (behind `str::find`) spends more setting
/// up than a byte loop, and the byte loop more than this.
pub(crate) fn find_byte(bytes: &[u8], needle: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    for (k, chunk) in chunks.by_ref().enumerate() {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        // A byte of `x` is zero where the needle is; the lowest such byte sets the
        // lowest bit of `hit` (higher bits may be false, and are not looked at).
        let x = u64::from_le_bytes(word) ^ (ONES * u64::from(needle));
        let hit = x.wrapping_sub(ONES) & !x & HIGH;
        if hit != 0 {
            return Some(k * 8 + (hit.trailing_zeros() / 8) as usize);
        }
    }
    let tail = chunks.remainder();
    let at = tail.iter().position(|&b| b == needle)?;
    Some(bytes.len() - tail.len() + at)
}

/// `s` split at its first tab (both parts, tab left out); `None` without a tab.
pub(crate) fn split_tab(s: &str) -> Option<(&str, &str)> {
    let at = find_byte(s.as_bytes(), b'\t')?;
    // A tab is ASCII, so both sides are character boundaries.
    Some((&s[..at], &s[at + 1..]))
}

/// Decimal digits as a number; `None` if empty, not digits or too long.
pub(crate) fn integer(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    digits.iter().try_fold(0u64, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u64::from(c - b'0'))
    })
}

/// Splits a line into exactly `N` tab-separated fields (a byte loop: fields are short,
/// and this is the loader's inner loop).
fn fields<'a, const N: usize>(
    line: &'a str,
    file: &'static str,
    at: usize,
) -> Result<[&'a str; N], LexiconError> {
    let mut out = [""; N];
    let mut start = 0;
    let mut k = 0;
    for (i, &b) in line.as_bytes().iter().enumerate() {
        if b == b'\t' {
            if k + 1 >= N {
                return Err(LexiconError::new(file, at, "too many fields"));
            }
            // A tab is ASCII, so `i` is a character boundary.
            out[k] = &line[start..i];
            k += 1;
            start = i + 1;
        }
    }
    if k + 1 != N {
        return Err(LexiconError::new(file, at, "too few fields"));
    }
    out[k] = &line[start..];
    Ok(out)
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn number<T: std::str::FromStr>(s: &str, file: &'static str, at: usize) -> Result<T, LexiconError> {
    s.parse()
        .map_err(|_| LexiconError::new(file, at, &format!("bad number {s:?}")))
}

/// The entity kind for its snake_case name (as serde writes it).
pub(crate) fn kind(s: &str) -> Option<EntityKind> {
    Some(match s {
        "person" => EntityKind::Person,
        "country" => EntityKind::Country,
        "place" => EntityKind::Place,
        "region" => EntityKind::Region,
        "organization" => EntityKind::Organization,
        "armed_group" => EntityKind::ArmedGroup,
        "treaty" => EntityKind::Treaty,
        "other" => EntityKind::Other,
        _ => return None,
    })
}

fn parse_kind(s: &str, file: &'static str, at: usize) -> Result<EntityKind, LexiconError> {
    kind(s).ok_or_else(|| LexiconError::new(file, at, &format!("bad kind {s:?}")))
}

const ENTRIES: &str = "entries.tsv.lz4";

/// `id kind name name_vi country wikidata geonames lat lon population timezone admin1
/// role historical capital`
pub(crate) fn entries(text: &str) -> Result<Vec<Entry>, LexiconError> {
    let mut out = Vec::with_capacity(text.len() / 60);
    for (at, line) in lines(text) {
        let [id, k, name, name_vi, country, wikidata, geonames, lat, lon, pop, tz, admin1, role, hist, capital] =
            fields::<15>(line, ENTRIES, at)?;
        let coordinates = if lat.is_empty() {
            None
        } else {
            Some(Coordinates {
                lat: number(lat, ENTRIES, at)?,
                lon: number(lon, ENTRIES, at)?,
            })
        };
        out.push(Entry {
            id: id.to_string(),
            kind: parse_kind(k, ENTRIES, at)?,
            name: name.to_string(),
            name_vi: opt(name_vi),
            country: opt(country),
            wikidata: opt(wikidata),
            geonames: if geonames.is_empty() {
                None
            } else {
                Some(number(geonames, ENTRIES, at)?)
            },
            coordinates,
            population: if pop.is_empty() {
                0
            } else {
                number(pop, ENTRIES, at)?
            },
            timezone: opt(tz),
            admin1: opt(admin1),
            role: opt(role),
            historical: hist == "1",
            capital: opt(capital),
        });
    }
    Ok(out)
}

pub(crate) const PLACES: &str = "places.tsv.lz4";

const ALIASES: &str = "aliases.tsv.lz4";

/// One alias row: its text as a range of the aliases file's text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AliasRow {
    pub(crate) start: u32,
    pub(crate) len: u32,
    pub(crate) entry: u32,
    pub(crate) form: AliasForm,
}

/// `text entry form`; `entry` is a row index into the entries (checked by the caller).
/// The texts stay in `text`: each row keeps only their place.
pub(crate) fn aliases(text: &str) -> Result<Vec<AliasRow>, LexiconError> {
    let mut out = Vec::with_capacity(text.len() / 18);
    for (at, line) in lines(text) {
        // Two tab searches cost less here than the byte loop of `fields`.
        let (surface, rest) = split_tab(line).unwrap_or((line, ""));
        let (entry, form) = split_tab(rest).unwrap_or((rest, "\t"));
        let entry = integer(entry.as_bytes()).and_then(|n| u32::try_from(n).ok());
        let entry = entry.ok_or_else(|| LexiconError::new(ALIASES, at, "bad entry"))?;
        let form = AliasForm::from_code(form)
            .ok_or_else(|| LexiconError::new(ALIASES, at, "bad alias form"))?;
        let start = surface.as_ptr() as usize - text.as_ptr() as usize;
        let too_large = || LexiconError::new(ALIASES, at, "file too large");
        out.push(AliasRow {
            start: u32::try_from(start).map_err(|_| too_large())?,
            len: u32::try_from(surface.len()).map_err(|_| too_large())?,
            entry,
            form,
        });
    }
    Ok(out)
}

const OFFICES: &str = "offices.tsv.lz4";

/// `entry office country start end acting`
pub(crate) fn offices(text: &str) -> Result<Vec<OfficeTerm>, LexiconError> {
    let mut out = Vec::new();
    for (at, line) in lines(text) {
        let [entry, office, country, start, end, acting] = fields::<6>(line, OFFICES, at)?;
        let entry: u32 = number(entry, OFFICES, at)?;
        let office = Office::from_code(office)
            .ok_or_else(|| LexiconError::new(OFFICES, at, "bad office"))?;
        out.push(OfficeTerm {
            entry,
            office,
            country: country.to_string(),
            start: start.to_string(),
            end: opt(end),
            acting: acting == "1",
        });
    }
    Ok(out)
}

const TEMPLATES: &str = "templates.tsv.lz4";

/// `prefix key name_pattern kind role bare`
pub(crate) fn templates(text: &str) -> Result<Vec<OrgTemplate>, LexiconError> {
    let mut out = Vec::new();
    for (at, line) in lines(text) {
        let [prefix, key, pattern, k, role, bare] = fields::<6>(line, TEMPLATES, at)?;
        out.push(OrgTemplate {
            prefix: prefix.to_string(),
            key: key.to_string(),
            name_pattern: pattern.to_string(),
            kind: parse_kind(k, TEMPLATES, at)?,
            role: role.to_string(),
            bare: bare == "1",
        });
    }
    Ok(out)
}

const TITLES: &str = "titles.tsv.lz4";

/// `text office country english class`
pub(crate) fn titles(text: &str) -> Result<Vec<Title>, LexiconError> {
    let mut out = Vec::new();
    for (at, line) in lines(text) {
        let [title, office, country, english, class] = fields::<5>(line, TITLES, at)?;
        let office = match office {
            "" => None,
            code => Some(
                Office::from_code(code)
                    .ok_or_else(|| LexiconError::new(TITLES, at, "bad office"))?,
            ),
        };
        let class = TitleClass::from_name(class)
            .ok_or_else(|| LexiconError::new(TITLES, at, "bad title class"))?;
        out.push(Title {
            text: title.to_string(),
            office,
            country: opt(country),
            english: english.to_string(),
            class,
        });
    }
    Ok(out)
}
