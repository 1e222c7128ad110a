#!/usr/bin/env python3
"""Where a `throng batch` run spends its CPU, by pipeline stage, from a perf recording.

    perf record -F 250 -g -o batch.perf -- throng batch --json -o /tmp/out.sqlite EVENTS_DIR
    Benchmarks/PipelineBenchmarks/profile-stages.py batch.perf

Each sample goes to the stage of its innermost frame that matches a stage pattern below
(so a dictionary lookup inside CrowdingAccumulator counts as aggregation). Needs `perf`
and `swift demangle` on PATH.
"""
import collections
import re
import subprocess
import sys

STAGES = [
    ("sqlite write", r"sqlite3|writeSQLite|SQLite"),
    ("spill write/read", r"SpillFile|ZstdWriter"),
    ("publish", r"CrowdingAccumulator\.publish|DisclosureControl"),
    ("merge accumulators", r"CrowdingAccumulator\.merge"),
    ("route inference (PathInferrer)", r"PathInferrer"),
    ("route cache lookup", r"RouteCache"),
    ("reconstruction (visits, journeys)", r"JourneyReconstructor"),
    ("aggregation (DeviceAggregation, CrowdingAccumulator)", r"DeviceAggregation|CrowdingAccumulator"),
    ("partition gather + sort", r"ProcessStage\.work"),
    ("parse (EventLogReader)", r"EventLineParser|AccessPointResolver|Timestamp\.parse|BatchBuilder|LineSplitter"),
    ("decompress (zstd)", r"ZSTD_|ZstdReader|libzstd"),
    ("partition + per-hour counts", r"IngestStage|EventPartitioner|StationHourCounts"),
    ("read, other", r"EventLogReader"),
    ("input fingerprint", r"fingerprint|MurmurHash3"),
]


def main(path):
    script = subprocess.run(["perf", "script", "-i", path], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["swift", "demangle", "--simplified"], input=script, capture_output=True, text=True, check=True).stdout
    counts = collections.Counter()
    total = 0
    for block in text.split("\n\n"):
        lines = [line.strip() for line in block.strip().split("\n")]
        if len(lines) < 2:
            continue
        total += 1
        stage = "other (no matching frame)"
        for frame in lines[1:]:
            match = next((name for name, pattern in STAGES if re.search(pattern, frame)), None)
            if match:
                stage = match
                break
        counts[stage] += 1
    for name, n in counts.most_common():
        print(f"{100 * n / total:6.1f}%  {name}")
    print(f"({total} samples)")


if __name__ == "__main__":
    main(sys.argv[1])
