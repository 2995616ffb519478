#!/usr/bin/env python3
"""Regenerates crates/thoisu-input/src/tables.rs: byte tables of the legacy Vietnamese
encodings that thoisu-input converts (TCVN3, VISCII, VNI) and of Windows-1252.

Sources (all facts, no code is copied):

* TCVN 5712:1993, VISCII and Windows-1258: GNU libc's iconv (Debian package libc-bin, LGPL-2.1+),
  charsets TCVN5712-1, VISCII and CP1258, asked byte by byte. TCVN5712-1 is the VN1 level of
  the standard; the ABC / ".VnTime" fonts use its VN3 subset, which it contains.
* VNI Windows: two public tables, both MIT-licensed:
    - PyPI package viparse 0.1.31 (viparse/normalize/vni.py): entries observed in real
      VNI documents (marked with a count) or derived (marked "derived");
    - npm package vietnamese-conversion 2.0.0 (dist/charsets.js).
  VNI writes a letter as an ASCII base letter followed by one modifier byte, except
  for a few letters that are one byte. This script learns, by majority vote over both
  tables, which modifier byte stands for each combination of diacritics (and which
  byte for each one-byte letter), then generates every Vietnamese letter from that
  rule, and prints each source entry that disagrees with the result.
* Windows-1252: Python's cp1252 codec (for VNI bytes that are not part of a letter).

Usage: python3 scripts/gen_legacy_tables.py [--viparse DIR] [--npm DIR]
Without the options it downloads the two packages with pip and npm into a temp dir.
"""

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

OUT = os.path.join(os.path.dirname(__file__), "..", "crates", "thoisu-input", "src", "tables.rs")

VIPARSE = "viparse==0.1.31"
NPM = "vietnamese-conversion@2.0.0"

# The Vietnamese letters with diacritics, in NFC (lowercase; uppercase is derived).
VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]


def iconv_table(charset):
    """Byte -> character for all 256 bytes of a single-byte charset, by glibc iconv. A
    byte the charset leaves undefined reads as the C1 control of the same number, as
    the WHATWG Encoding Standard reads the undefined bytes of windows-1258."""
    table = []
    for b in range(256):
        run = subprocess.run(
            ["iconv", "-f", charset, "-t", "UTF-8"], input=bytes([b]), capture_output=True
        )
        text = run.stdout.decode("utf-8") if run.returncode == 0 else ""
        table.append(text if len(text) == 1 else chr(b))
    return table


def cp1252_table():
    out = []
    for b in range(0x80, 0x100):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            # The five bytes Windows-1252 leaves undefined read as C1 controls, as the
            # WHATWG Encoding Standard (and so every browser) reads them.
            out.append(chr(b))
    return out


def fetch(tmp):
    subprocess.run(["pip", "download", "--no-deps", "-q", "-d", tmp, VIPARSE], check=True)
    wheel = next(f for f in os.listdir(tmp) if f.endswith(".whl"))
    with zipfile.ZipFile(os.path.join(tmp, wheel)) as z:
        z.extractall(os.path.join(tmp, "viparse"))
    subprocess.run(["npm", "pack", "-q", NPM], check=True, cwd=tmp, capture_output=True)
    tgz = next(f for f in os.listdir(tmp) if f.endswith(".tgz"))
    subprocess.run(["tar", "xzf", tgz], check=True, cwd=tmp)
    return os.path.join(tmp, "viparse"), os.path.join(tmp, "package")


def viparse_entries(root):
    """(legacy, letter, observed) from viparse's VNI table."""
    path = os.path.join(root, "viparse", "normalize", "vni.py")
    src = open(path, encoding="utf-8").read()
    pat = re.compile(r'\("([^"]+)", "([^"]+)"\),\s*#\s*(×\d+|derived)')
    return [(m[1], m[2], m[3] != "derived") for m in pat.finditer(src)]


def npm_entries(root):
    path = os.path.join(root, "dist", "charsets.js")
    src = open(path, encoding="utf-8").read()
    pat = re.compile(r"unicode: '([^']+)', vni: '([^']*)'")
    return [(m[2], m[1]) for m in pat.finditer(src)]


def split_letter(letter):
    """NFC letter -> (base letter, frozenset of its diacritics)."""
    nfd = unicodedata.normalize("NFD", letter)
    return nfd[0], frozenset(nfd[1:])


def lower_byte(b, upper):
    """VNI's uppercase bytes are the lowercase ones minus 0x20 (as in Latin-1)."""
    return b + 0x20 if upper else b


def learn_vni(entries):
    """Votes, from (legacy, letter, weight) entries, keyed by lowercase forms:
    `modifier[marks]` counts the byte written after a base for a set of diacritics,
    `single[letter]` the byte that writes a letter alone, `composed[letter]` the weight
    of entries that write it as base + modifier, `identity` the bytes that stand for
    themselves."""
    modifier = collections.defaultdict(collections.Counter)
    single = collections.defaultdict(collections.Counter)
    composed = collections.Counter()
    identity = set()
    for legacy, letter, weight in entries:
        raw = legacy.encode("latin-1")
        upper = letter.isupper()
        lower = letter.lower()
        if len(raw) == 1:
            if legacy == letter:
                identity.add(lower_byte(raw[0], upper))
            single[lower][lower_byte(raw[0], upper)] += weight
            continue
        if len(raw) != 2:
            continue
        composed[lower] += weight
        marks = split_letter(letter)[1]
        if raw[0] >= 0x80:
            # A one-byte letter (ơ, ư) followed by a tone modifier.
            marks = marks - {"\u031b"}
        modifier[marks][lower_byte(raw[1], upper)] += weight
    return modifier, single, composed, identity


def all_letters():
    for v in VOWELS:
        for t in TONES:
            letter = unicodedata.normalize("NFC", v + t)
            if letter not in "aeiouy":
                yield letter
    yield "đ"


def generate_vni(entries):
    modifier, single, composed, identity = learn_vni(entries)
    best_mod = {marks: votes.most_common(1)[0][0] for marks, votes in modifier.items()}
    best_single = {}
    for letter, votes in single.items():
        # A byte that stands for itself (ì, í) cannot also be another letter.
        votes = {b: w for b, w in votes.items() if b not in identity or chr(b) == letter}
        if votes:
            b, w = max(votes.items(), key=lambda kv: (kv[1], -kv[0]))
            if w > composed[letter]:
                best_single[letter] = b
    table = {}
    for lower in all_letters():
        raw = encode_vni(lower, best_mod, best_single)
        table[lower] = raw
        table[lower.upper()] = upper_vni(raw)
    return table


def upper_vni(raw):
    """The uppercase spelling of a lowercase VNI spelling."""
    out = bytearray(raw)
    for i, b in enumerate(out):
        out[i] = ord(chr(b).upper()) if b < 0x80 else b - 0x20
    return bytes(out)


def encode_vni(letter, best_mod, best_single):
    if letter in best_single:
        return bytes([best_single[letter]])
    base, marks = split_letter(letter)
    if "\u031b" in marks:
        # ơ / ư are one byte; the tone follows as a modifier.
        head = unicodedata.normalize("NFC", base + "\u031b")
        if head not in best_single:
            raise SystemExit(f"no one-byte form for {head}")
        rest = marks - {"\u031b"}
        tail = bytes([modifier_byte(rest, best_mod, letter)]) if rest else b""
        return bytes([best_single[head]]) + tail
    return base.encode("ascii") + bytes([modifier_byte(marks, best_mod, letter)])


def modifier_byte(marks, best_mod, letter):
    if marks not in best_mod:
        raise SystemExit(f"no modifier learned for {letter}")
    return best_mod[marks]


def vni_sources(viparse_dir, npm_dir):
    observed, derived, npm = [], [], []
    for legacy, letter, seen in viparse_entries(viparse_dir):
        (observed if seen else derived).append((legacy, letter))
    npm = npm_entries(npm_dir)
    # Weights: observed in real documents 4, the npm table 2, viparse's derived rows 1.
    weighted = [(l, c, 4) for l, c in observed] + [(l, c, 2) for l, c in npm]
    weighted += [(l, c, 1) for l, c in derived]
    return weighted


def rust_char(c):
    return "'\\''" if c == "'" else "'\\\\'" if c == "\\" else f"'\\u{{{ord(c):04x}}}'"


def rust_bytes(b):
    return "b\"" + "".join(f"\\x{x:02x}" for x in b) + "\""


def write(tcvn, viscii, cp1258, cp1252, vni, alternates):
    lines = [
        "// Generated by scripts/gen_legacy_tables.py; do not edit by hand.",
        "// Sources: GNU libc iconv (TCVN5712-1, VISCII, CP1258), PyPI viparse 0.1.31 and npm",
        "// vietnamese-conversion 2.0.0 (VNI, both MIT), Python's cp1252 codec.",
        "",
        "/// TCVN 5712:1993 (VN1, a superset of the VN3 \"ABC\" fonts): byte to character.",
        "pub(crate) static TCVN3: [char; 256] = [",
    ]
    lines += [f"    {rust_char(c)}," for c in tcvn]
    lines += ["];", "", "/// VISCII: byte to character.", "pub(crate) static VISCII: [char; 256] = ["]
    lines += [f"    {rust_char(c)}," for c in viscii]
    lines += ["];", "", "/// Windows-1258: byte to character (tones are combining marks)."]
    lines += ["pub(crate) static CP1258: [char; 256] = ["]
    lines += [f"    {rust_char(c)}," for c in cp1258]
    lines += ["];", "", "/// Windows-1252, bytes 0x80 to 0xFF.", "pub(crate) static CP1252: [char; 128] = ["]
    lines += [f"    {rust_char(c)}," for c in cp1252]
    lines += [
        "];",
        "",
        "/// VNI Windows: each Vietnamese letter and its bytes (one byte, or a base letter",
        "/// and a modifier byte), sorted by bytes.",
        "pub(crate) static VNI: &[(&[u8], char)] = &[",
    ]
    for raw, letter in sorted(((b, l) for l, b in vni.items())):
        lines.append(f"    ({rust_bytes(raw)}, {rust_char(letter)}),")
    lines += [
        "];",
        "",
        "/// Other VNI spellings seen in the sources, accepted when reading only.",
        "pub(crate) static VNI_ALTERNATES: &[(&[u8], char)] = &[",
    ]
    for raw, letter in sorted(alternates):
        lines.append(f"    ({rust_bytes(raw)}, {rust_char(letter)}),")
    lines += ["];", ""]
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--viparse", help="unpacked viparse wheel")
    ap.add_argument("--npm", help="unpacked vietnamese-conversion package")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        viparse_dir, npm_dir = args.viparse, args.npm
        if not (viparse_dir and npm_dir):
            viparse_dir, npm_dir = fetch(tmp)
        weighted = vni_sources(viparse_dir, npm_dir)
    vni = generate_vni(weighted)
    by_bytes = {b: l for l, b in vni.items()}
    if len(by_bytes) != len(vni):
        raise SystemExit("two letters share one VNI spelling")
    alternates = set()
    for legacy, letter, weight in weighted:
        raw = legacy.encode("latin-1")
        if vni.get(letter) == raw:
            continue
        print(f"VNI: source says {legacy!r} -> {letter} (weight {weight}); "
              f"generated {vni[letter].decode('latin-1')!r}", file=sys.stderr)
        # Keep a spelling that clashes with nothing as an alternate for reading.
        if raw not in by_bytes and len(raw) == 2 and raw[0] < 0x80:
            alternates.add((raw, letter))
    tcvn, viscii, cp1258 = (iconv_table(c) for c in ("TCVN5712-1", "VISCII", "CP1258"))
    write(tcvn, viscii, cp1258, cp1252_table(), vni, alternates)
    print(f"wrote {OUT}: {len(vni)} VNI letters, {len(alternates)} alternates", file=sys.stderr)


if __name__ == "__main__":
    main()
