#!/usr/bin/env bash
# Restart without double counting, checked: a directory feed of a simulated day that controllers
# write over ~15 s (half the files .csv.zst appearing one by one, half plain .csv growing in 4 KB
# pieces), `throng live --checkpoint` killed with SIGKILL at random moments while it reads (at
# least KILLS times, and until the writing is done), restarted each time, then run to the end;
# its snapshot must equal `throng batch --exact` of the same files, table for table.
#
# Usage: Benchmarks/LiveBenchmarks/kill-restart.sh [--kills N] [--scale S] [--workdir DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
KILLS=5; SCALE=0.01; WORK=""
while [[ $# -gt 0 ]]; do
    case $1 in
        --kills) KILLS=$2; shift 2 ;;
        --scale) SCALE=$2; shift 2 ;;
        --workdir) WORK=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done
THRONG=${THRONG:-.build/release/throng}
WORK=${WORK:-$(mktemp -d /tmp/throng-kill-XXXXXX)}
[[ -x $THRONG ]] || swift build -c release --product throng
rm -rf "$WORK/sim" "$WORK/feed" "$WORK/checkpoint.sqlite"* "$WORK/live.sqlite"
"$THRONG" simulate --preset demo --days 1 --scale "$SCALE" --truth none --output "$WORK/sim" > /dev/null
mkdir -p "$WORK/feed" "$WORK/source"
i=0
for f in $(find "$WORK/sim/events" -name '*.csv.zst' | sort); do
    base=$(basename "$f" .csv.zst)
    if (( i % 2 == 0 )); then cp "$f" "$WORK/source/$base.csv.zst"; else zstd -qdc "$f" > "$WORK/source/$base.csv"; fi
    i=$((i + 1))
done
"$THRONG" batch --exact --min-count 1 "$WORK/source" -o "$WORK/batch.sqlite" > /dev/null
# The controllers: .csv.zst files appear one at a time (written under a temporary name, then
# renamed), .csv files grow in 4 KB pieces (lines cut anywhere), over about 15 s.
(
    for f in "$WORK"/source/*; do
        name=$(basename "$f")
        if [[ $name == *.zst ]]; then
            cp "$f" "$WORK/feed/.$name.tmp" && mv "$WORK/feed/.$name.tmp" "$WORK/feed/$name"
        else
            python3 - "$f" "$WORK/feed/$name" <<'PY'
import sys, time
data = open(sys.argv[1], 'rb').read()
with open(sys.argv[2], 'ab') as out:
    for i in range(0, len(data), 4096):
        out.write(data[i:i + 4096]); out.flush(); time.sleep(0.002)
PY
        fi
        sleep 0.05
    done
    touch "$WORK/feed.done"
) &
WRITER=$!
ARGS=(live --feed "dir:$WORK/feed" --min-count 1 --lateness 86400 --checkpoint "$WORK/checkpoint.sqlite" --checkpoint-interval 0.2 --status-every 0)
rm -f "$WORK/feed.done"
k=0
while [[ ! -f $WORK/feed.done || $k -lt $KILLS ]]; do
    "$THRONG" "${ARGS[@]}" > /dev/null 2>&1 &
    pid=$!
    sleep "$(python3 -c "import random; print(round(random.uniform(0.2, 1.5), 2))")"
    kill -9 $pid 2> /dev/null || true
    wait $pid 2> /dev/null || true
    k=$((k + 1))
    echo "kill $k: checkpoint holds $(sqlite3 "$WORK/checkpoint.sqlite" "select coalesce(sum(lines),0) from checkpoint_sources") lines of $(sqlite3 "$WORK/checkpoint.sqlite" "select count(*) from checkpoint_sources") sources"
done
wait $WRITER
"$THRONG" "${ARGS[@]}" --out "$WORK/live.sqlite" > "$WORK/final.out" 2>&1 &
pid=$!
sleep 8
kill -INT $pid; wait $pid || true
grep "lines read" "$WORK/final.out"
echo -n "after $k kills: "
Benchmarks/LiveBenchmarks/compare-tables.sh "$WORK/batch.sqlite" "$WORK/live.sqlite"
