#!/usr/bin/env bash
# Word segmentation throughput: thoisu against the peers (pyvi, underthesea), on the
# SAME input, in one run, one thread each. Prints words/s and the ratios.
#
#   scripts/bench_segment_peers.sh [INPUT_TXT]
#
# Without INPUT_TXT, ~2 MB of article paragraphs (one per line) are taken from
# ../shared/corpus/baomoi.jsonl.gz. thoisu is timed END TO END (process start to exit:
# model load, read, normalize, tokenize, segment, write); the peers report their own
# words/s with model loading excluded (peer.py), which favours them.
# MEMORY=1 also segments a ~100 MB input with thoisu and prints its peak memory.
set -euo pipefail

cd "$(dirname "$0")/.."
# The thoisu command: reads the file given as last argument, writes segmented lines.
THOISU_BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/thoisu"
THOISU_SEGMENT=${THOISU_SEGMENT:-"$THOISU_BIN segment"}
PEER_PY=${PEER_PY:-/tmp/thoisu-peers/bin/python}
PEERS=${PEERS:-"pyvi underthesea"}
SHARED=${SHARED:-../shared}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ "$THOISU_SEGMENT" == "$THOISU_BIN segment" ]]; then
    cargo build --release -q -p thoisu-cli
fi

input=${1:-}
if [[ -z "$input" ]]; then
    input=$work/news.txt
    python3 - "$SHARED/corpus/baomoi.jsonl.gz" "$input" 2000000 <<'PY'
import gzip, json, sys
src, dst, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
n = 0
with gzip.open(src, "rt", encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
    for line in f:
        for p in json.loads(line)["text"].split("\n"):
            p = p.strip()
            if p:
                out.write(p + "\n")
                n += len(p.encode()) + 1
        if n >= limit:
            break
PY
fi
echo "input: $input ($(wc -c < "$input") bytes, $(wc -l < "$input") lines)"

# thoisu: best of 3 runs (the machine may be shared); wall time by `date`, CPU time
# (user + sys) and peak memory by /usr/bin/time.
best=""
for run in 1 2 3; do
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S %M" -o "$work/time" $THOISU_SEGMENT "$input" > "$work/thoisu.out" 2>/dev/null
    ns=$(( $(date +%s%N) - start ))
    if [[ -z "$best" || $ns -lt $best ]]; then best=$ns; read -r user sys rss < "$work/time"; fi
done
wall=$(python3 -c "print($best / 1e9)")
words=$(wc -w < "$work/thoisu.out")
thoisu=$(python3 -c "print(round($words / $wall))")
cpu=$(python3 -c "print(round($user + $sys, 2))")
echo "thoisu: $words words in $(python3 -c "print(round($wall, 3))")s wall (${cpu}s CPU, 10 ms resolution), peak ${rss} KB: $thoisu words/s end to end"

for peer in $PEERS; do
    if [[ ! -x "$PEER_PY" ]]; then
        echo "$peer: skipped ($PEER_PY missing: run bash $SHARED/peers/setup.sh)"
        continue
    fi
    json=$("$PEER_PY" "$SHARED/peers/peer.py" "$peer" segment "$input" "$work/$peer.out" | tail -1)
    rate=$(python3 -c "import json,sys; print(round(json.loads(sys.argv[1])['words_per_s']))" "$json")
    ratio=$(python3 -c "print(round($thoisu / $rate, 1))")
    echo "$peer: $rate words/s; thoisu / $peer = ${ratio}x (wall)"
done

if [[ "${MEMORY:-0}" == 1 ]]; then
    big=$work/big.txt
    while [[ $(stat -c %s "$big" 2>/dev/null || echo 0) -lt 100000000 ]]; do cat "$input" >> "$big"; done
    /usr/bin/time -f "%e %M" -o "$work/time" $THOISU_SEGMENT "$big" > /dev/null 2>&1
    read -r wall rss < "$work/time"
    echo "memory: $(stat -c %s "$big") bytes segmented in ${wall}s, peak resident ${rss} KB"
fi
