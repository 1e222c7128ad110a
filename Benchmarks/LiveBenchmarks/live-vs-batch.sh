#!/usr/bin/env bash
# Live against batch on one simulated day: simulates a day (pilot2016 preset by default), runs
# `throng batch --exact` and `throng replay --speed 0 | throng live --feed stdin` (or over TCP)
# on the same events, prints wall and CPU time and peak RSS of each (GNU time), the live
# engine's final status line (event-to-visible p50/p99), and whether every snapshot table is
# identical (row hashes of each table, ordered).
#
# Usage: Benchmarks/LiveBenchmarks/live-vs-batch.sh [--preset P] [--scale S] [--tcp] [--workdir DIR] [--reuse]
# Environment: THRONG (default .build/release/throng), LATENESS (default 1500 s: the simulator
# delivers 0.5% of events 1-20 min late; beyond the lateness they are left out and the tables differ).
set -euo pipefail
cd "$(dirname "$0")/../.."
PRESET=pilot2016; SCALE=""; TCP=0; WORK=""; REUSE=0
while [[ $# -gt 0 ]]; do
    case $1 in
        --preset) PRESET=$2; shift 2 ;;
        --scale) SCALE="--scale $2"; shift 2 ;;
        --tcp) TCP=1; shift ;;
        --workdir) WORK=$2; shift 2 ;;
        --reuse) REUSE=1; shift ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done
THRONG=${THRONG:-.build/release/throng}
LATENESS=${LATENESS:-1500}
WORK=${WORK:-$(mktemp -d /tmp/throng-live-XXXXXX)}
[[ -x $THRONG ]] || swift build -c release --product throng
if [[ $REUSE == 0 || ! -f $WORK/sim/summary.json ]]; then
    rm -rf "$WORK/sim"
    "$THRONG" simulate --preset "$PRESET" --days 1 $SCALE --truth none --output "$WORK/sim" > /dev/null
fi
lines=$(python3 -c "import json;print(json.load(open('$WORK/sim/summary.json')).get('events', 'n/a'))" 2>/dev/null || echo n/a)
echo "events: $lines  ($WORK/sim/events)"
/usr/bin/time -f "batch: wall %e s, CPU %U+%S s, peak RSS %M KB" "$THRONG" batch --exact --min-count 1 "$WORK/sim/events" -o "$WORK/batch.sqlite" > /dev/null
if [[ $TCP == 1 ]]; then
    PORT=$((20000 + RANDOM % 20000))
    /usr/bin/time -f "live (tcp): wall %e s, CPU %U+%S s, peak RSS %M KB" "$THRONG" live --feed "tcp://127.0.0.1:$PORT" --min-count 1 --lateness "$LATENESS" --out "$WORK/live.sqlite" > "$WORK/live.out" 2> "$WORK/live.err" &
    LIVE=$!
    sleep 2
    "$THRONG" replay --speed 0 --to "tcp://127.0.0.1:$PORT" "$WORK/sim/events" 2> /dev/null
    sleep 3   # the last lines reach the engine, then SIGINT: stop, close every session, write
    kill -INT $LIVE; wait $LIVE || true
else
    /usr/bin/time -f "live: wall %e s, CPU %U+%S s, peak RSS %M KB" sh -c "'$THRONG' replay --speed 0 '$WORK/sim/events' 2>/dev/null | '$THRONG' live --feed stdin --min-count 1 --lateness $LATENESS --out '$WORK/live.sqlite' > '$WORK/live.out' 2> '$WORK/live.err'" 2>&1
fi
grep -h "^final:\|wall" "$WORK/live.err" | sed 's/(lag [0-9]* s)  //'
Benchmarks/LiveBenchmarks/compare-tables.sh "$WORK/batch.sqlite" "$WORK/live.sqlite"
