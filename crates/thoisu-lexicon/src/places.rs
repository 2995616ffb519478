//! GeoNames places, read in place from their decompressed text.
//!
//! A places file has 117,000 rows. Parsing each into an owned record (strings for the
//! id and name, floats for the coordinates, shared codes) was most of the lexicon's load
//! time. Now loading finds each row, its name, its GeoNames id (places are found by it)
//! and population (an index over every place reads both); the other fields are read
//! from the row when asked for, which costs a scan of one short line. Nothing is
//! allocated per row. Every row of the embedded data is checked field by field by the
//! crate's tests ([`Places::check`]); a malformed field of other data reads as absent.

use std::ops::Range;

use crate::parse::{integer, lines, split_tab, PLACES};
use crate::LexiconError;

/// Coordinates are read as integers of this many decimal places. Any decimal with at
/// most as many places converts back to exactly the `f64` that parsing it gives: the
/// integer and the power of ten are exact in `f64`, and division rounds correctly.
const DECIMALS: u32 = 7;
const SCALE: f64 = 1e7;

/// One place row: where it is, where its name is, its GeoNames id and population (the
/// fields an index over every place reads).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Place {
    /// Byte offset of the row in its part's text.
    line: u32,
    pub(crate) geonames: u32,
    pub(crate) population: u32,
    /// Length of the row in bytes.
    len: u16,
    /// The name's start and end in the row.
    name: (u8, u8),
    /// Which part's text holds the row.
    part: u8,
}

/// The fields of a row, `geonameid name country admin1 lat lon population tz`: missing
/// ones are empty, extra ones are left in the last.
fn split(row: &str) -> [&str; 8] {
    let mut out = [""; 8];
    let mut rest = row;
    let mut k = 0;
    while k < 7 {
        let Some((field, tail)) = split_tab(rest) else {
            break;
        };
        out[k] = field;
        rest = tail;
        k += 1;
    }
    out[k] = rest;
    out
}

/// One decompressed places file: its text, its time zones and its rows.
#[derive(Debug, Default)]
pub(crate) struct Part {
    text: String,
    /// The time zone names, as ranges of `text`'s first data line.
    zones: Vec<Range<usize>>,
    rows: Vec<Place>,
}

impl Part {
    /// Finds the rows of a places file (`part` is its index among the parts).
    pub(crate) fn parse(text: String, part: u8) -> Result<Part, LexiconError> {
        let (zones, rows) = {
            let mut lines = lines(&text);
            let zones = match lines.next() {
                Some((_, line)) if line.starts_with("tz\t") => zone_ranges(&text, line),
                _ => return Err(LexiconError::new(PLACES, 1, "no time zone line")),
            };
            let mut rows = Vec::with_capacity(text.len() / 48);
            for (at, line) in lines {
                let offset = line.as_ptr() as usize - text.as_ptr() as usize;
                let row =
                    place(line, offset, part).map_err(|m| LexiconError::new(PLACES, at, m))?;
                rows.push(row);
            }
            (zones, rows)
        };
        Ok(Part { text, zones, rows })
    }

    /// Moves the rows out (they go into the lexicon's one place column).
    pub(crate) fn take_rows(&mut self) -> Vec<Place> {
        std::mem::take(&mut self.rows)
    }
}

/// The time zone names of the `tz` line, as byte ranges of `text`.
fn zone_ranges(text: &str, line: &str) -> Vec<Range<usize>> {
    let base = line.as_ptr() as usize - text.as_ptr() as usize;
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in line.bytes().chain([b'\t']).enumerate() {
        if b == b'\t' {
            if start > 0 {
                out.push(base + start..base + i);
            }
            start = i + 1;
        }
    }
    out
}

/// Where a row and its name are, its GeoNames id (the first field) and population (the
/// last field but one, found from the end).
fn place(line: &str, offset: usize, part: u8) -> Result<Place, &'static str> {
    let (id, rest) = split_tab(line).ok_or("too few fields")?;
    let name_end = id.len() + 1 + split_tab(rest).ok_or("too few fields")?.0.len();
    let b = line.as_bytes();
    let tz_tab = b
        .iter()
        .rposition(|&c| c == b'\t')
        .ok_or("too few fields")?;
    let pop_tab = b[..tz_tab]
        .iter()
        .rposition(|&c| c == b'\t')
        .ok_or("too few fields")?;
    let population = match &line[pop_tab + 1..tz_tab] {
        "" => 0,
        digits => self::population(digits).ok_or("bad population")?,
    };
    let byte = |n: usize| u8::try_from(n).map_err(|_| "name too long");
    Ok(Place {
        line: u32::try_from(offset).map_err(|_| "file too large")?,
        geonames: integer(id.as_bytes())
            .and_then(|n| u32::try_from(n).ok())
            .ok_or("bad geonameid")?,
        population,
        len: u16::try_from(line.len()).map_err(|_| "row too long")?,
        name: (byte(id.len() + 1)?, byte(name_end)?),
        part,
    })
}

/// A row's fields, checked: the error names the first bad one.
#[cfg(test)]
fn check_row(row: &str, zones: usize) -> Result<(), &'static str> {
    let [id, name, country, _admin1, lat, lon, pop, tz] = split(row);
    if row.matches('\t').count() != 7 {
        return Err("not 8 fields");
    }
    integer(id.as_bytes()).ok_or("bad geonameid")?;
    if name.is_empty() {
        return Err("empty name");
    }
    if country.len() != 2 {
        return Err("bad country");
    }
    fixed(lat.as_bytes()).ok_or("bad latitude")?;
    fixed(lon.as_bytes()).ok_or("bad longitude")?;
    if !pop.is_empty() {
        population(pop).ok_or("bad population")?;
    }
    if !tz.is_empty() && integer(tz.as_bytes()).is_none_or(|i| i as usize >= zones) {
        return Err("bad tz");
    }
    Ok(())
}

fn population(s: &str) -> Option<u32> {
    integer(s.as_bytes()).and_then(|n| u32::try_from(n).ok())
}

/// `[-]digits[.digits]` with at most [`DECIMALS`] decimals, in units of 10⁻⁷. A
/// negative zero is refused, as it would read back as a positive one.
fn fixed(s: &[u8]) -> Option<i32> {
    let (negative, s) = match s {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, s),
    };
    let (whole, decimals) = match s.iter().position(|&c| c == b'.') {
        Some(dot) => (&s[..dot], &s[dot + 1..]),
        None => (s, &s[..0]),
    };
    if decimals.len() > DECIMALS as usize || (decimals.is_empty() && s.len() != whole.len()) {
        return None;
    }
    let whole = integer(whole)?;
    let frac = if decimals.is_empty() {
        0
    } else {
        integer(decimals)?
    };
    let scale = 10u64.pow(DECIMALS - decimals.len() as u32);
    let units = whole
        .checked_mul(10u64.pow(DECIMALS))?
        .checked_add(frac * scale)?;
    let units = i32::try_from(units).ok()?;
    match (negative, units) {
        (true, 0) => None,
        (true, u) => Some(-u),
        (false, u) => Some(u),
    }
}

/// The places of every part, read by their index among the places.
#[derive(Debug, Default)]
pub(crate) struct Places {
    parts: Vec<Part>,
    /// Every row, sorted by GeoNames id (the generator writes them so; checked).
    rows: Vec<Place>,
}

impl Places {
    /// Joins parsed parts, in order.
    pub(crate) fn new(mut parts: Vec<Part>) -> Result<Places, LexiconError> {
        let n = parts.iter().map(|p| p.rows.len()).sum();
        let mut rows = Vec::with_capacity(n);
        for p in &mut parts {
            rows.extend_from_slice(&p.take_rows());
        }
        if !rows.windows(2).all(|w| w[0].geonames < w[1].geonames) {
            return Err(LexiconError::new(PLACES, 0, "rows not sorted by id"));
        }
        Ok(Places { parts, rows })
    }

    /// Number of places.
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    /// The row of place `i`.
    pub(crate) fn row(&self, i: usize) -> &Place {
        &self.rows[i]
    }

    /// The index of the place with this GeoNames id.
    pub(crate) fn find(&self, geonames: u64) -> Option<usize> {
        let id = u32::try_from(geonames).ok()?;
        self.rows.binary_search_by_key(&id, |p| p.geonames).ok()
    }

    /// Checks every field of every row.
    #[cfg(test)]
    pub(crate) fn check(&self) -> Result<(), String> {
        for (i, p) in self.rows.iter().enumerate() {
            let zones = self.parts[usize::from(p.part)].zones.len();
            check_row(self.line(p), zones).map_err(|m| format!("place {i}: {m}"))?;
        }
        Ok(())
    }

    fn line(&self, p: &Place) -> &str {
        let start = p.line as usize;
        &self.parts[usize::from(p.part)].text[start..start + usize::from(p.len)]
    }

    fn fields(&self, p: &Place) -> [&str; 8] {
        split(self.line(p))
    }

    /// The place's name.
    pub(crate) fn name(&self, p: &Place) -> &str {
        &self.line(p)[usize::from(p.name.0)..usize::from(p.name.1)]
    }

    /// The place's country code, `None` when empty.
    pub(crate) fn country(&self, p: &Place) -> Option<&str> {
        Some(self.fields(p)[2]).filter(|s| !s.is_empty())
    }

    /// The place's admin1 code, `None` when empty.
    pub(crate) fn admin1(&self, p: &Place) -> Option<&str> {
        Some(self.fields(p)[3]).filter(|s| !s.is_empty())
    }

    /// The place's time zone.
    pub(crate) fn timezone(&self, p: &Place) -> Option<&str> {
        let part = &self.parts[usize::from(p.part)];
        let i = integer(self.fields(p)[7].as_bytes())?;
        let range = part.zones.get(usize::try_from(i).ok()?)?;
        Some(&part.text[range.clone()])
    }

    /// The place's coordinates.
    pub(crate) fn coordinates(&self, p: &Place) -> Option<thoisu_doc::Coordinates> {
        let f = self.fields(p);
        Some(thoisu_doc::Coordinates {
            lat: f64::from(fixed(f[4].as_bytes())?) / SCALE,
            lon: f64::from(fixed(f[5].as_bytes())?) / SCALE,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_point_reads_back_as_the_parsed_float() {
        for s in [
            "32.05908",
            "-48.8",
            "0",
            "0.5",
            "-179.99999",
            "180",
            "12.1234567",
        ] {
            let v = fixed(s.as_bytes()).unwrap();
            assert_eq!(f64::from(v) / SCALE, s.parse::<f64>().unwrap(), "{s}");
        }
        for s in [
            "",
            "-",
            "1.",
            ".5",
            "1.12345678",
            "-0",
            "-0.0",
            "1e5",
            "x",
            "400",
        ] {
            assert_eq!(fixed(s.as_bytes()), None, "{s}");
        }
    }

    #[test]
    fn rows_are_read_in_place() {
        let text = "# header\ntz\tAsia/Tehran\tEurope/Moscow\n12\tTakht\tIR\t15\t32.05908\t48.86752\t1266\t1\n13\tX\tAM\t\t1\t-2\t\t\n";
        let part = Part::parse(text.to_string(), 0).unwrap();
        let places = Places::new(vec![part]).unwrap();
        assert_eq!(places.len(), 2);
        places.check().unwrap();
        let p = *places.row(0);
        assert_eq!(
            (places.name(&p), places.country(&p), places.admin1(&p)),
            ("Takht", Some("IR"), Some("15"))
        );
        assert_eq!(places.timezone(&p), Some("Europe/Moscow"));
        assert_eq!((p.geonames, p.population), (12, 1266));
        let q = *places.row(1);
        assert_eq!(
            (places.admin1(&q), places.timezone(&q), q.population),
            (None, None, 0)
        );
        assert_eq!(places.coordinates(&q).unwrap().lon, -2.0);
        assert_eq!(places.find(13), Some(1));
        assert_eq!(places.find(14), None);
    }

    #[test]
    fn bad_rows_are_found() {
        let bad = "tz\tUTC\n12\tTakht\tIR\t15\t91x\t48\t1\t0\n13\tX\t\t\n";
        let places = Places::new(vec![Part::parse(bad.to_string(), 0).unwrap()]).unwrap();
        let err = places.check().unwrap_err();
        assert!(err.contains("place 0: bad latitude"), "{err}");
        assert_eq!(places.name(places.row(1)), "X");
        assert_eq!(places.country(places.row(1)), None);
        let unsorted = "tz\tUTC\n13\tX\t\t\n12\tY\t\t\n";
        assert!(Part::parse("tz\tUTC\n13\tX\n".to_string(), 0).is_err());
        assert!(Part::parse("tz\tUTC\n13\tX\tx\t\n".to_string(), 0).is_err());
        assert!(Places::new(vec![Part::parse(unsorted.to_string(), 0).unwrap()]).is_err());
    }

    #[test]
    fn bytes_are_found_a_word_at_a_time() {
        use crate::parse::find_byte;
        let text = b"0123456789abcdef\tghij\n";
        for len in 0..=text.len() {
            let hay = &text[..len];
            for needle in [b'\t', b'\n', b'0', b'7', b'8', b'j', b'x'] {
                let plain = hay.iter().position(|&b| b == needle);
                assert_eq!(find_byte(hay, needle), plain, "{len} {needle}");
            }
        }
        assert_eq!(find_byte("Đà\tx".as_bytes(), b'\t'), Some(4));
    }
}
