#!/usr/bin/env bash
# Memory of the live engine over several days: simulates DAYS days of a preset, replays them as
# fast as possible into `throng live --feed stdin`, and every 2 s prints the engine's resident
# memory next to its status (watermark, devices with an open session), so one can see whether
# memory is flat after the first day. By default the engine runs with a retention window
# (`--archive WORK/archive --retain-days 1`): each sealed day leaves memory, written to the
# archive; `--no-archive` keeps every day in memory (the totals then grow with the days' cells).
#
# Usage: Benchmarks/LiveBenchmarks/memory-days.sh [--days N] [--preset P] [--scale S] [--workdir DIR] [--reuse] [--no-archive]
set -euo pipefail
cd "$(dirname "$0")/../.."
DAYS=3; PRESET=pilot2016; SCALE=""; WORK=""; REUSE=0; ARCHIVE=1
while [[ $# -gt 0 ]]; do
    case $1 in
        --days) DAYS=$2; shift 2 ;;
        --preset) PRESET=$2; shift 2 ;;
        --scale) SCALE="--scale $2"; shift 2 ;;
        --workdir) WORK=$2; shift 2 ;;
        --reuse) REUSE=1; shift ;;
        --no-archive) ARCHIVE=0; shift ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done
THRONG=${THRONG:-.build/release/throng}
WORK=${WORK:-$(mktemp -d /tmp/throng-memory-XXXXXX)}
[[ -x $THRONG ]] || swift build -c release --product throng
if [[ $REUSE == 0 || ! -f $WORK/sim/summary.json ]]; then
    rm -rf "$WORK/sim"
    "$THRONG" simulate --preset "$PRESET" --days "$DAYS" $SCALE --truth none --output "$WORK/sim" > /dev/null
fi
RETENTION=()
if [[ $ARCHIVE == 1 ]]; then rm -rf "$WORK/archive"; RETENTION=(--archive "$WORK/archive" --retain-days 1); fi
"$THRONG" replay --speed 0 "$WORK/sim/events" 2> /dev/null \
    | "$THRONG" live --feed stdin --min-count 10 --status-every 2 "${RETENTION[@]}" 2> "$WORK/status.log" > "$WORK/live.out" &
sleep 0.5
PID=$(pgrep -n -f "throng live --feed stdin")
echo "seconds  rss_mib  status"
t=0
while kill -0 "$PID" 2> /dev/null; do
    rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$PID/status" 2> /dev/null || echo -)
    status=$(tail -1 "$WORK/status.log" 2> /dev/null | sed -E 's/.*watermark ([^ ]+).*devices open ([0-9]+).*/watermark \1 open \2/')
    echo "$t  $rss  $status"
    sleep 2; t=$((t + 2))
done
wait || true
tail -1 "$WORK/status.log" | sed 's/(lag [0-9]* s)  //'
cat "$WORK/live.out"
if [[ $ARCHIVE == 1 ]]; then echo "archived days:"; ls -l "$WORK/archive"; fi
