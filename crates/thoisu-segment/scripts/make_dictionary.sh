#!/usr/bin/env bash
# Regenerates data/models/segment-dict.txt.gz, the word list the segmenter is trained
# with (dictionary features), from the Viet74K list shipped in the PyPI package
# underthesea 9.5.0 (Apache-2.0). Only words of 2 to 4 syllables of letters are kept,
# normalized (NFC), lowercased, sorted. Needs python3 and pip; run from the repo root.
set -euo pipefail
out=${1:-data/models/segment-dict.txt.gz}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps --no-binary :none: --only-binary :all: \
    underthesea==9.5.0 -d "$tmp" 2>/dev/null || python3 -m pip download --quiet --no-deps underthesea==9.5.0 -d "$tmp"
wheel=$(ls "$tmp"/underthesea-9.5.0*.whl | head -1)
python3 - "$wheel" <<'PY' | LC_ALL=C sort -u | gzip -n -9 > "$out"
import sys, unicodedata, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    text = z.read("underthesea/corpus/data/Viet74K.txt").decode("utf-8")
for line in text.splitlines():
    word = unicodedata.normalize("NFC", line.strip()).lower()
    syllables = word.split()
    if 2 <= len(syllables) <= 4 and all(s.isalpha() for s in syllables):
        print(" ".join(syllables))
PY
echo "wrote $out: $(zcat "$out" | wc -l) words"
