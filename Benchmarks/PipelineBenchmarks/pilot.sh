#!/usr/bin/env bash
# The pilot comparison: simulates the pilot2016 preset (or its first N days), then in the
# same run, RUNS times each and interleaved, times
#   (a) the decompression floor: `zstd -dc` of every event file to /dev/null, one process
#       (and, for reference, WORKERS processes in parallel via xargs -P);
#   (b) `throng batch --json` over the same files (wall time, events/s, peak RSS, spill);
# and prints the medians and the ratio batch / floor.
#
# Usage: Benchmarks/PipelineBenchmarks/pilot.sh [--days N] [--runs R] [--workdir DIR] [--reuse] [--keep]
#   --days N     simulate only the first N days of the preset (default: the full 29 days)
#   --runs R     measurements per tool (default: 3)
#   --workdir D  where the simulation, snapshot and spill files go (default: a new dir under /tmp)
#   --reuse      keep an existing simulation in DIR/sim if its summary.json is there
#   --keep       do not delete the work directory at the end
# Environment:
#   NETWORK  network folder (default: SampleData/london)
#   WORKERS  batch workers and parallel zstd processes (default: number of cores)
#   THRONG   the throng binary (default: release build with --scratch-path .build-bench)
#   BATCH_ARGS  extra arguments for throng batch (e.g. "--memory-budget 1G")
set -euo pipefail
cd "$(dirname "$0")/../.."

DAYS=""
RUNS=3
WORK=""
REUSE=0
KEEP=0
while [[ $# -gt 0 ]]; do
    case $1 in
        --days) DAYS=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --workdir) WORK=$2; shift 2 ;;
        --reuse) REUSE=1; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
NETWORK=${NETWORK:-SampleData/london}
WORKERS=${WORKERS:-$(nproc)}
BATCH_ARGS=${BATCH_ARGS:-}
for tool in zstd jq /usr/bin/time; do command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 1; }; done

if [[ -z "$WORK" ]]; then
    WORK=$(mktemp -d /tmp/throng-pilot-XXXXXX)
    [[ $KEEP == 1 ]] || trap 'rm -rf "$WORK"' EXIT
else
    mkdir -p "$WORK"
fi

if [[ -z "${THRONG:-}" ]]; then
    echo "== building throng (release, .build-bench)" >&2
    swift build -c release --scratch-path .build-bench --product throng >&2
    THRONG=$(swift build -c release --scratch-path .build-bench --show-bin-path)/throng
fi

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# 1. Simulate.
SIM=$WORK/sim
if [[ $REUSE == 1 && -f $SIM/summary.json ]]; then
    echo "== reusing the simulation in $SIM"
else
    rm -rf "$SIM"
    echo "== simulating: throng simulate --preset pilot2016 ${DAYS:+--days $DAYS} -o $SIM"
    s=$(now)
    "$THRONG" simulate --preset pilot2016 ${DAYS:+--days "$DAYS"} --network "$NETWORK" -o "$SIM" >"$WORK/simulate.log" 2>&1 \
        || { cat "$WORK/simulate.log" >&2; exit 1; }
    e=$(now)
    echo "simulated in $(echo "$e - $s" | bc -l | xargs printf '%.1f') s"
fi
mapfile -t FILES < <(find "$SIM/events" -name '*.csv.zst' | sort)
LINES=$(jq '.events.lines' "$SIM/summary.json")
BYTES=$(cat "${FILES[@]}" | wc -c)
echo "input: ${#FILES[@]} files, $LINES event lines, $BYTES bytes compressed ($(du -sh "$SIM/events" | cut -f1) on disk)"

# 2. Measure, interleaved.
zt=(); zc=(); zpt=(); bt=(); bcpu=(); bw=(); bl=(); brss=(); btrss=()
for ((r = 1; r <= RUNS; r++)); do
    s=$(now); /usr/bin/time -f '%U %S' -o "$WORK/ztime.txt" zstd -dcq "${FILES[@]}" >/dev/null; e=$(now)
    zt+=("$(echo "$e - $s" | bc -l)")
    zc+=("$(awk '{ print $1 + $2 }' "$WORK/ztime.txt")")

    s=$(now); printf '%s\0' "${FILES[@]}" | xargs -0 -n 64 -P "$WORKERS" zstd -dcq >/dev/null; e=$(now)
    zpt+=("$(echo "$e - $s" | bc -l)")

    rm -f "$WORK/out.sqlite"
    s=$(now)
    # shellcheck disable=SC2086
    /usr/bin/time -v -o "$WORK/time.txt" "$THRONG" batch --network "$NETWORK" --workers "$WORKERS" --json \
        --spill-dir "$WORK" -o "$WORK/out.sqlite" $BATCH_ARGS "$SIM/events" >"$WORK/batch.json"
    e=$(now)
    bt+=("$(echo "$e - $s" | bc -l)")
    bw+=("$(jq '.wall_seconds' "$WORK/batch.json")")
    bl+=("$(jq '.lines_per_second' "$WORK/batch.json")")
    brss+=("$(jq '.peak_rss_bytes' "$WORK/batch.json")")
    btrss+=("$(awk -F': ' '/Maximum resident set size/ { printf "%.0f\n", $2 * 1024 }' "$WORK/time.txt")")
    bcpu+=("$(awk -F': ' '/User time|System time/ { t += $2 } END { print t }' "$WORK/time.txt")")
    echo "run $r: zstd -dc ${zt[-1]} s (${zc[-1]} s CPU), zstd -dc x$WORKERS ${zpt[-1]} s, throng batch ${bt[-1]} s (${bcpu[-1]} s CPU)" \
        "(job $(jq -r '.wall_seconds' "$WORK/batch.json") s, $(jq -r '.lines_per_second' "$WORK/batch.json") lines/s," \
        "spilled $(jq -r '.spilled' "$WORK/batch.json"), $(jq -r '.partitions' "$WORK/batch.json") partitions," \
        "peak RSS $(( ${btrss[-1]} >> 20 )) MiB)"
done
echo "last batch summary: $(cat "$WORK/batch.json")"
echo "snapshot: $(stat -c %s "$WORK/out.sqlite") bytes"

zm=$(printf '%s\n' "${zt[@]}" | median)
zpm=$(printf '%s\n' "${zpt[@]}" | median)
btm=$(printf '%s\n' "${bt[@]}" | median)
bwm=$(printf '%s\n' "${bw[@]}" | median)
zcm=$(printf '%s\n' "${zc[@]}" | median)
bcm=$(printf '%s\n' "${bcpu[@]}" | median)
brm=$(printf '%s\n' "${btrss[@]}" | median)
bjm=$(printf '%s\n' "${brss[@]}" | median)
awk -v zc="$zcm" -v bc="$bcm" -v z="$zm" -v zp="$zpm" -v b="$btm" -v bw="$bwm" -v lines="$LINES" -v rss="$brm" -v jrss="$bjm" -v runs="$RUNS" -v w="$WORKERS" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
    printf "\nmedians of %d runs (%d event lines, %d workers):\n", runs, lines, w
    printf "  zstd -dc > /dev/null (1 process)   : %8.2f s  %6.2f M lines/s\n", z, lines / z / 1e6
    printf "  zstd -dc > /dev/null (%d processes) : %8.2f s  %6.2f M lines/s\n", w, zp, lines / zp / 1e6
    printf "  throng batch (process wall)         : %8.2f s  %6.2f M lines/s\n", b, lines / b / 1e6
    printf "  throng batch (job wall, JSON)       : %8.2f s  %6.2f M lines/s\n", bw, lines / bw / 1e6
    printf "  throng batch peak RSS               : %8.0f MiB (time -v), %.0f MiB (JSON)\n", rss / 1048576, jrss / 1048576
    printf "  ratio batch / zstd -dc (1 process)  : %8.2f\n", b / z
    printf "  ratio batch / zstd -dc (%d processes): %8.2f\n", w, b / zp
    printf "  CPU time (user + sys)               : zstd -dc %.2f s, throng batch %.2f s, ratio %.2f\n", zc, bc, bc / zc
    printf "  throng batch per CPU second         : %6.2f M lines/s\n", lines / bc / 1e6
    printf "  load average at the end             : %s\n", load
}'
