#!/usr/bin/env bash
# Load on the HTTP API while the live engine ingests a replay, measured with wrk on loopback.
#
#   Benchmarks/ServerBenchmarks/serve-load.sh SNAPSHOT "EVENTS_DIR…" [THRONG] [SECONDS]
#
# Runs, one after another on the same machine:
#   1. ingest alone: `throng replay EVENTS --speed 0 | throng serve --feed stdin`, no requests;
#   2. wrk on /crowding/{naptan}/Live for SECONDS with the server idle (snapshot only);
#   3. the replay again with wrk on /crowding/{naptan}/Live during it;
#   4. the replay again with wrk on a /v1/ route query during it.
# Ingest rate = lines replayed / seconds from the first line read to the last, as seen by polling
# /v1/live/status every 0.2 s (its figures are those of the newest epoch, published every second).
# wrk: WRK_THREADS threads (default 1, so that it takes one core at most), 64 connections, --latency.
set -euo pipefail
snapshot=${1:?usage: serve-load.sh SNAPSHOT EVENTS_DIR [THRONG] [SECONDS]}
events=${2:?events directory}
throng=${3:-.build/release/throng}
seconds=${4:-15}
out=${OUT:-out/serve-load}
threads=${WRK_THREADS:-1}
mkdir -p "$out"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
live="$base/crowding/940GZZLUOXC/Live"
route="$base/v1/routes/crowding?path=King%27s%20Cross%20St%20Pancras%3EVictoria%3EGreen%20Park%3EJubilee%3EWaterloo"

wait_ready() { for _ in $(seq 200); do curl -fs "$base/readyz" >/dev/null 2>&1 && return; sleep 0.1; done; echo "server did not start" >&2; exit 1; }

# Polls the status until the engine has read every replayed line (the replay's count less one
# header per file); prints "lines seconds" (first line seen to last).
ingest_rate() { # $1 = the replay's stderr file
  python3 - "$base" "$1" <<'PY'
import json, re, sys, time, urllib.request
base, log = sys.argv[1], sys.argv[2]
first = changed = None; expected = None; last = -1
while True:
    if expected is None:
        m = re.search(r"replayed (\d+) lines from (\d+) file", open(log).read())
        # Each simulated file starts with a header line, which the replay counts and the engine skips.
        if m: expected = int(m.group(1)) - int(m.group(2))
    try:
        s = json.load(urllib.request.urlopen(base + "/v1/live/status", timeout=5))
    except Exception:
        time.sleep(0.2); continue
    n = s.get("linesRead", 0); now = time.time()
    if n > 0 and first is None: first = now
    if n != last: last = n; changed = now
    if expected is not None and n >= expected: break
    time.sleep(0.2)
print(last, round(changed - first, 2))
PY
}

run_replay() { # $1 = label, $2 = wrk URL or empty
  # shellcheck disable=SC2086 # EVENTS may name several folders, space-separated
  "$throng" replay $events --speed 0 2> "$out/$1.replay.log" | "$throng" serve --snapshot "$snapshot" --feed stdin --listen "127.0.0.1:$port" \
      --lateness 1500 --log-level warning 2> "$out/$1.serve.log" &
  local pipeline=$!
  wait_ready
  local wrk_pid=""
  if [ -n "$2" ]; then wrk -t"$threads" -c64 -d"${seconds}s" --latency "$2" > "$out/$1.wrk.txt" 2>&1 & wrk_pid=$!; fi
  local rate; rate=$(ingest_rate "$out/$1.replay.log")
  [ -n "$wrk_pid" ] && wait "$wrk_pid"
  pkill -INT -f "throng serve --snapshot $snapshot --feed stdin --listen 127.0.0.1:$port" || true
  wait "$pipeline" 2>/dev/null || true
  echo "$1: ingest $rate" | awk '{printf "%s %s lines in %s s = %.0f lines/s\n", $1, $3, $4, ($4>0?$3/$4:0)}'
  [ -n "$2" ] && grep -E "Requests/sec|^ +50%|^ +99%" "$out/$1.wrk.txt" | sed "s/^/  $1 wrk: /"
  return 0
}

echo "machine: $(nproc) cores; $(date -u +%FT%TZ); throng $("$throng" --version)"
run_replay ingest-alone ""
"$throng" serve --snapshot "$snapshot" --listen "127.0.0.1:$port" --log-level warning 2> "$out/idle.serve.log" &
idle=$!
wait_ready
wrk -t"$threads" -c64 -d"${seconds}s" --latency "$live" > "$out/idle-live.wrk.txt" 2>&1
wrk -t"$threads" -c64 -d"${seconds}s" --latency "$route" > "$out/idle-route.wrk.txt" 2>&1
kill -INT $idle; wait $idle 2>/dev/null || true
grep -E "Requests/sec|^ +50%|^ +99%" "$out/idle-live.wrk.txt" | sed "s/^/  idle Live wrk: /"
grep -E "Requests/sec|^ +50%|^ +99%" "$out/idle-route.wrk.txt" | sed "s/^/  idle route wrk: /"
run_replay ingest-with-live "$live"
run_replay ingest-with-route "$route"
