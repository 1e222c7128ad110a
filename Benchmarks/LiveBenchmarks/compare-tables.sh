#!/usr/bin/env bash
# Compares every published table of two snapshots row for row (ordered row hashes); prints the
# tables that differ and a count; exits 1 if any differs. Used by the live benchmark scripts.
# Usage: Benchmarks/LiveBenchmarks/compare-tables.sh A.sqlite B.sqlite
set -euo pipefail
same=0; differ=0
for t in station_bins origin_destination route_splits link_loads interchange_flows distributions passenger_estimates station_hour_events quality rejections; do
    a=$(sqlite3 "$1" "select * from $t order by 1" | sort | sha1sum)
    b=$(sqlite3 "$2" "select * from $t order by 1" | sort | sha1sum)
    if [[ $a == "$b" ]]; then same=$((same + 1)); else differ=$((differ + 1)); echo "table $t differs"; fi
done
echo "tables identical: $same, different: $differ"
[[ $differ == 0 ]]
