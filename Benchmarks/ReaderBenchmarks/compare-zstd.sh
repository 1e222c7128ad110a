#!/usr/bin/env bash
# Times `zstd -dc FILE > /dev/null` against `throng read` (decompress + split + parse +
# resolve + batch) on the same .csv.zst, in the same run: median of RUNS runs each, then the
# ratio. Both are single-threaded.
#
# Usage: Benchmarks/ReaderBenchmarks/compare-zstd.sh [FILE.csv.zst]
#   Without FILE, generates LINES synthetic events over the access points of NETWORK.
# Environment:
#   NETWORK  network folder (default: SampleData/london)
#   LINES    lines to generate (default: 5000000)
#   RUNS     runs per tool (default: 5)
#   THRONG   the throng binary (default: release build with --scratch-path .build-io)
set -euo pipefail
cd "$(dirname "$0")/../.."
NETWORK=${NETWORK:-SampleData/london}
LINES=${LINES:-5000000}
RUNS=${RUNS:-5}
command -v zstd >/dev/null || { echo "zstd CLI not found" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ $# -ge 1 ]]; then
    file=$1
else
    file=$work/events.csv.zst
    echo "generating $LINES lines over $NETWORK/access_points.csv -> $file" >&2
    tail -n +2 "$NETWORK/access_points.csv" | cut -d, -f1 > "$work/aps.txt"
    awk -v lines="$LINES" 'BEGIN { srand(42) }
        { ap[n++] = $1 }
        END {
            alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            for (d = 0; d < 100000; d++) {
                t = ""; for (k = 0; k < 22; k++) t = t substr(alphabet, int(rand() * 64) + 1, 1)
                dev[d] = t
            }
            print "timestamp,device,ap"
            ms = 1479715200000
            for (i = 0; i < lines; i++) {
                ms += int(rand() * 20)
                printf "%d,%s,%s\n", ms, dev[int(rand() * 100000)], ap[int(rand() * n)]
            }
        }' "$work/aps.txt" | zstd -q -3 -o "$file"
fi

if [[ -z "${THRONG:-}" ]]; then
    echo "building throng (release, .build-io)" >&2
    swift build -c release --scratch-path .build-io --product throng >&2
    THRONG=$(swift build -c release --scratch-path .build-io --show-bin-path)/throng
fi

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
timeit() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }

compressed=$(stat -c %s "$file")
text=$(zstd -dc "$file" | wc -c)
lines=$(zstd -dc "$file" | wc -l)
echo "file: $file ($compressed bytes compressed, $text bytes of text, $lines lines)"
"$THRONG" read --network "$NETWORK" --show-rejects 3 "$file" | sed 's/^/  throng read: /'

zt=(); tt=()
for ((r = 0; r < RUNS; r++)); do
    zt+=("$(timeit zstd -dc "$file")")
    tt+=("$(timeit "$THRONG" read --network "$NETWORK" --show-rejects 0 "$file")")
done
zm=$(printf '%s\n' "${zt[@]}" | median)
tm=$(printf '%s\n' "${tt[@]}" | median)
awk -v z="$zm" -v t="$tm" -v text="$text" -v lines="$lines" 'BEGIN {
    printf "zstd -dc > /dev/null : median %.3f s  (%.0f MB/s of text, %.2f M lines/s)\n", z, text / z / 1e6, lines / z / 1e6
    printf "throng read          : median %.3f s  (%.0f MB/s of text, %.2f M lines/s)\n", t, text / t / 1e6, lines / t / 1e6
    printf "ratio throng / zstd  : %.2f\n", t / z
}'
echo "(throng read includes loading the network, about 10-30 ms)"
