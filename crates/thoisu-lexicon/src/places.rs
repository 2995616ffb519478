//! GeoNames places in compact columns over their decompressed text.
//!
//! A places file has 235,000 rows. Parsing each into an owned record (strings for the
//! id and name, floats for the coordinates, shared codes) was most of the lexicon's load
//! time; here a row becomes a fixed-size [`Place`] of numbers and byte offsets into the
//! text, which the lexicon keeps, and nothing is allocated per row.

use std::ops::Range;

use crate::parse::{lines, PLACES};
use crate::LexiconError;

/// Coordinates are kept as integers of this many decimal places. Any decimal with at
/// most as many places converts back to exactly the `f64` that parsing it gives: the
/// integer and the power of ten are exact in `f64`, and division rounds correctly.
const DECIMALS: u32 = 7;
const SCALE: f64 = 1e7;

/// One place row: numbers parsed, strings as offsets into its row.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Place {
    /// Byte offset of the row in its part's text.
    line: u32,
    pub(crate) geonames: u32,
    pub(crate) population: u32,
    /// Degrees × 10⁷.
    lat: i32,
    lon: i32,
    /// Index into the part's time zones, `u16::MAX` for none.
    tz: u16,
    /// Which part's text holds the row.
    part: u8,
    /// Ends of the name, country and admin1 fields within the row (the name starts
    /// after the id's tab).
    name: (u8, u8),
    country_end: u8,
    admin1_end: u8,
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
    /// Parses the text of a places file (`part` is its index among the parts).
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
                rows.push(
                    place(line, offset, part, zones.len())
                        .map_err(|m| LexiconError::new(PLACES, at, m))?,
                );
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

/// `geonameid name country admin1 lat lon population tz`, parsed without allocating.
fn place(line: &str, offset: usize, part: u8, zones: usize) -> Result<Place, &'static str> {
    let b = line.as_bytes();
    let mut tabs = [0usize; 7];
    let mut k = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\t' {
            *tabs.get_mut(k).ok_or("too many fields")? = i;
            k += 1;
        }
    }
    if k != 7 {
        return Err("too few fields");
    }
    if tabs[3] > usize::from(u8::MAX) {
        return Err("row too long");
    }
    let field = |i: usize| {
        let start = if i == 0 { 0 } else { tabs[i - 1] + 1 };
        let end = if i == 7 { b.len() } else { tabs[i] };
        &b[start..end]
    };
    if field(1).is_empty() {
        return Err("empty name");
    }
    let tz = match field(7) {
        [] => u16::MAX,
        digits => {
            let i = integer(digits).ok_or("bad tz")?;
            if i as usize >= zones || i >= u64::from(u16::MAX) {
                return Err("bad tz");
            }
            i as u16
        }
    };
    let population = match field(6) {
        [] => 0,
        digits => integer(digits)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or("bad population")?,
    };
    Ok(Place {
        line: u32::try_from(offset).map_err(|_| "file too large")?,
        geonames: integer(field(0))
            .and_then(|n| u32::try_from(n).ok())
            .ok_or("bad geonameid")?,
        population,
        lat: fixed(field(4)).ok_or("bad latitude")?,
        lon: fixed(field(5)).ok_or("bad longitude")?,
        tz,
        part,
        // Checked above: every offset up to the admin1 field fits a byte.
        name: ((tabs[0] + 1) as u8, tabs[1] as u8),
        country_end: tabs[2] as u8,
        admin1_end: tabs[3] as u8,
    })
}

/// Decimal digits as a number; `None` if empty, not digits or too long.
fn integer(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    digits.iter().try_fold(0u64, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u64::from(c - b'0'))
    })
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
    /// Every row, sorted by GeoNames id (the generator writes them so).
    rows: Vec<Place>,
}

impl Places {
    /// Joins parsed parts, in order.
    pub(crate) fn new(mut parts: Vec<Part>) -> Places {
        let n = parts.iter().map(|p| p.rows.len()).sum();
        let mut rows = Vec::with_capacity(n);
        for p in &mut parts {
            rows.extend_from_slice(&p.take_rows());
        }
        Places { parts, rows }
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

    fn line(&self, p: &Place) -> &str {
        &self.parts[usize::from(p.part)].text[p.line as usize..]
    }

    /// The place's name.
    pub(crate) fn name(&self, p: &Place) -> &str {
        &self.line(p)[usize::from(p.name.0)..usize::from(p.name.1)]
    }

    /// The place's country code, `None` when empty.
    pub(crate) fn country(&self, p: &Place) -> Option<&str> {
        let s = &self.line(p)[usize::from(p.name.1) + 1..usize::from(p.country_end)];
        (!s.is_empty()).then_some(s)
    }

    /// The place's admin1 code, `None` when empty.
    pub(crate) fn admin1(&self, p: &Place) -> Option<&str> {
        let s = &self.line(p)[usize::from(p.country_end) + 1..usize::from(p.admin1_end)];
        (!s.is_empty()).then_some(s)
    }

    /// The place's time zone.
    pub(crate) fn timezone(&self, p: &Place) -> Option<&str> {
        let part = &self.parts[usize::from(p.part)];
        let range = part.zones.get(usize::from(p.tz))?;
        Some(&part.text[range.clone()])
    }

    /// The place's coordinates.
    pub(crate) fn coordinates(p: &Place) -> thoisu_doc::Coordinates {
        thoisu_doc::Coordinates {
            lat: f64::from(p.lat) / SCALE,
            lon: f64::from(p.lon) / SCALE,
        }
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
    fn rows_parse_into_offsets() {
        let text = "# header\ntz\tAsia/Tehran\tEurope/Moscow\n12\tTakht\tIR\t15\t32.05908\t48.86752\t1266\t1\n13\tX\t\t\t1\t-2\t\t\n";
        let part = Part::parse(text.to_string(), 0).unwrap();
        let places = Places::new(vec![part]);
        assert_eq!(places.len(), 2);
        let p = *places.row(0);
        assert_eq!(
            (places.name(&p), places.country(&p), places.admin1(&p)),
            ("Takht", Some("IR"), Some("15"))
        );
        assert_eq!(places.timezone(&p), Some("Europe/Moscow"));
        assert_eq!((p.geonames, p.population), (12, 1266));
        let q = *places.row(1);
        assert_eq!(
            (places.country(&q), places.admin1(&q), places.timezone(&q)),
            (None, None, None)
        );
        assert_eq!(Places::coordinates(&q).lon, -2.0);
        assert_eq!(places.find(13), Some(1));
        assert_eq!(places.find(14), None);
    }
}
