#!/usr/bin/env bash
# Entity recognition throughput: thoisu's whole pipeline (normalize, sentences,
# segmentation, entities with resolution) against underthesea's NER, on the SAME input,
# in one run, one thread each. Prints words/s and the ratio.
#
#   scripts/bench_entities_peers.sh [INPUT_TXT]
#
# Without INPUT_TXT, the paragraphs of the Dân trí world section (218 articles, the
# corpus of `cargo bench -p thoisu-extract --bench entities`) are taken from
# ../shared/corpus/dantri.jsonl.gz. Model loading is excluded on both sides, as peer.py
# excludes it for the peer: thoisu's time is `thoisu analyze INPUT` less
# `thoisu analyze` of a one-line file (process start, lexicon, index and models), each
# the best of 3 runs.
set -euo pipefail

cd "$(dirname "$0")/.."
THOISU="${CARGO_TARGET_DIR:-$PWD/target}/release/thoisu"
PEER_PY=${PEER_PY:-/tmp/thoisu-peers/bin/python}
SHARED=${SHARED:-../shared}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release -q -p thoisu-cli

input=${1:-}
if [[ -z "$input" ]]; then
    input=$work/world.txt
    python3 - "$SHARED/corpus/dantri.jsonl.gz" "$input" <<'PY'
import gzip, json, sys
src, dst = sys.argv[1], sys.argv[2]
with gzip.open(src, "rt", encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
    for line in f:
        doc = json.loads(line)
        if not doc["id"].startswith("dantri:news_world"):
            continue
        for p in doc["text"].split("\n"):
            if p.strip():
                out.write(p.strip() + "\n")
PY
fi
head -1 "$input" > "$work/one.txt"
echo "input: $input ($(wc -c < "$input") bytes, $(wc -l < "$input") lines)"

# Best wall time of 3 runs, in nanoseconds.
best_ns() {
    local best="" start ns
    for _ in 1 2 3; do
        start=$(date +%s%N)
        "$THOISU" analyze "$1" > /dev/null 2>&1
        ns=$(( $(date +%s%N) - start ))
        if [[ -z "$best" || $ns -lt $best ]]; then best=$ns; fi
    done
    echo "$best"
}
full=$(best_ns "$input")
start_up=$(best_ns "$work/one.txt")
words=$("$THOISU" segment "$input" | wc -w)
secs=$(python3 -c "print(max($full - $start_up, 1) / 1e9)")
thoisu=$(python3 -c "print(round($words / $secs))")
echo "thoisu: $words words in $(python3 -c "print(round($secs, 3))")s after start-up" \
     "($(python3 -c "print(round($start_up / 1e9, 3))")s): $thoisu words/s"

if [[ ! -x "$PEER_PY" ]]; then
    echo "underthesea: skipped ($PEER_PY missing: run bash $SHARED/peers/setup.sh)"
    exit 0
fi
json=$("$PEER_PY" "$SHARED/peers/peer.py" underthesea ner "$input" "$work/underthesea.out" | tail -1)
rate=$(python3 -c "import json,sys; print(round(json.loads(sys.argv[1])['words_per_s']))" "$json")
echo "underthesea ner: $rate words/s; thoisu / underthesea = $(python3 -c "print(round($thoisu / $rate))")x"
