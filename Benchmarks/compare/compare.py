#!/usr/bin/env python3
"""Side by side on the same files: the decompression floor, `throng batch`, and DuckDB.

1. Simulates a dataset (or reuses one) with `throng simulate`.
2. Times, interleaved and repeated in one run: `zstd -dc` of every file to /dev/null (one
   process: the floor), `throng batch --exact` (2 workers by default), and DuckDB computing in
   SQL the parts of docs/semantics.md that SQL expresses directly.
3. Checks that Throng's and DuckDB's tables agree where the semantics coincide, and reports
   where and why they differ.
4. Prints wall, CPU, lines/s, peak RSS and ratios, as a Markdown table.

What DuckDB computes (from docs/semantics.md and docs/aggregation.md):
  - read + resolve: every line with a timestamp (epoch ms or ISO-8601) and a known access
    point, with the access point's station (access_points.csv);
  - station_hour_events: accepted events per station and clock hour (docs/schema.md) —
    the same definition as Throng's table, so the two must agree exactly;
  - duplicates (section 1.2): a ping is dropped when a *kept* ping at the same access point is
    at most 5 s older. The "kept" chain is recursive; SQL uses the previous ping at that
    access point instead, which drops more in bursts (reported, not expected equal);
  - visits (section 2, step 1 without the walk-out/re-entry rule, skew repair and adjacent
    merge): runs of one device's pings at one station at most 30 min apart; per-device visit
    counts summed — compared with Throng's visit count (journeys' and other visits);
  - occupancy per station and 15-minute bin from those visits (every bin a visit spans,
    distinct devices) — close to Throng's occupancy, which also counts only passengers'
    presence and splits visits by the rules SQL leaves out.
Not expressible as plain SQL without re-implementing the engine: journey splitting (it needs
the network's fastest travel times), classification, path inference, OD, route splits, links.

Usage: Benchmarks/compare/compare.py [--preset demo|pilot2016] [--days N] [--scale X]
           [--runs R] [--workers W] [--workdir DIR] [--throng BIN]
Needs: zstd, python3 with duckdb (pip install duckdb), a release build of throng.
"""
import argparse, json, os, resource, statistics, subprocess, sys, time, glob, sqlite3

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_timed(cmd, stdout=subprocess.PIPE):
    """Runs a command; returns (wall s, CPU s, peak RSS MiB, stdout) of that child alone
    (os.wait4 gives its own resource usage)."""
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=stdout)
    out = p.stdout.read() if stdout == subprocess.PIPE else b''
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - start
    if status != 0:
        raise SystemExit(f"{cmd[0]} failed with status {status}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


DUCKDB_SCRIPT = r"""
import duckdb, sys, json, resource, time
files, aps, threads, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
con = duckdb.connect()
con.execute(f"SET threads = {threads}")
con.execute(f"CREATE TABLE ap AS SELECT ap, naptan FROM read_csv('{aps}', header = true)")
con.execute(f'''CREATE TABLE ev AS
  SELECT t, device, ap, station FROM (
    SELECT coalesce(try_cast(e.timestamp AS BIGINT), epoch_ms(try_cast(e.timestamp AS TIMESTAMPTZ))) AS t,
           e.device, e.ap, a.naptan AS station
    FROM read_csv({files}, header = true, columns = {{'timestamp': 'VARCHAR', 'device': 'VARCHAR', 'ap': 'VARCHAR'}},
                  compression = 'zstd', ignore_errors = true) e
    JOIN ap a USING (ap))
  WHERE t IS NOT NULL''')
hours = con.execute('''SELECT station, (t // 3600000) * 3600000 AS hour_ms, count(*) FROM ev GROUP BY ALL''').fetchall()
dups = con.execute('''SELECT count(*) FROM (
  SELECT t - lag(t) OVER (PARTITION BY device, ap ORDER BY t) AS d FROM ev) WHERE d <= 5000''').fetchone()[0]
con.execute('''CREATE TABLE kept AS SELECT * FROM (
  SELECT *, t - lag(t) OVER (PARTITION BY device, ap ORDER BY t) AS d FROM ev) WHERE d IS NULL OR d > 5000''')
con.execute('''CREATE TABLE visits AS
  SELECT device, station, min(t) AS first_t, max(t) AS last_t FROM (
    SELECT *, sum(brk) OVER (PARTITION BY device ORDER BY t, ap ROWS UNBOUNDED PRECEDING) AS visit FROM (
      SELECT *, CASE WHEN lag(station) OVER w = station AND t - lag(t) OVER w <= 1800000 THEN 0 ELSE 1 END AS brk
      FROM kept WINDOW w AS (PARTITION BY device ORDER BY t, ap)))
  GROUP BY device, station, visit''')
visits = con.execute('SELECT count(*) FROM visits').fetchone()[0]
occupancy = con.execute('''SELECT station, b * 900000 AS bin_ms, count(DISTINCT device) FROM (
  SELECT device, station, unnest(range(first_t // 900000, last_t // 900000 + 1)) AS b FROM visits) GROUP BY ALL''').fetchall()
json.dump({'hours': hours, 'duplicates': dups, 'visits': visits, 'occupancy': occupancy}, open(out, 'w'))
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--preset', default='demo')
    ap.add_argument('--days', type=int)
    ap.add_argument('--scale', type=float)
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--workdir', default='/tmp/throng-compare')
    ap.add_argument('--throng', default=os.path.join(ROOT, '.build/release/throng'))
    a = ap.parse_args()
    network = os.path.join(ROOT, 'SampleData/london')
    sim = os.path.join(a.workdir, 'sim')
    if not os.path.exists(os.path.join(sim, 'summary.json')):
        cmd = [a.throng, 'simulate', '--preset', a.preset, '--truth', 'none', '--output', sim, '--network', network]
        if a.days: cmd += ['--days', str(a.days)]
        if a.scale: cmd += ['--scale', str(a.scale)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    files = sorted(glob.glob(os.path.join(sim, 'events', '**', '*.csv.zst'), recursive=True))
    listing = '[' + ','.join("'" + f + "'" for f in files) + ']'
    script = os.path.join(a.workdir, 'duck.py')
    open(script, 'w').write(DUCKDB_SCRIPT)
    snapshot = os.path.join(a.workdir, 'throng.sqlite')
    duck_out = os.path.join(a.workdir, 'duck.json')
    results = {'floor': [], 'throng': [], 'duckdb': []}
    lines = None
    for r in range(a.runs):
        with open(os.devnull, 'wb') as null:
            results['floor'].append(run_timed(['zstd', '-dcq'] + files, stdout=null)[:3])
        wall, cpu, rss, out = run_timed([a.throng, 'batch', '--network', network, os.path.join(sim, 'events'), '--out', snapshot,
                                         '--exact', '--min-count', '1', '--workers', str(a.workers), '--json'])
        report = json.loads(out)
        lines = report['lines_read']
        results['throng'].append((wall, cpu, report['peak_rss_bytes'] / 2**20))
        results['duckdb'].append(run_timed([sys.executable, script, listing, os.path.join(network, 'access_points.csv'),
                                            str(a.workers), duck_out])[:3])

    def med(k, i): return statistics.median(x[i] for x in results[k])
    print(f"\n{len(files)} files, {lines:,} lines; {a.runs} interleaved runs, medians; {a.workers} workers/threads\n")
    print('| | wall s | CPU s | lines/s | peak RSS MiB | wall vs throng |')
    print('|---|---:|---:|---:|---:|---:|')
    for k, name in [('floor', '`zstd -dc` (floor, 1 process)'), ('throng', '`throng batch --exact`'), ('duckdb', 'DuckDB subset')]:
        w = med(k, 0)
        print(f"| {name} | {w:.2f} | {med(k, 1):.2f} | {lines / w / 1e6:.1f} M | {med(k, 2):.0f} | {w / med('throng', 0):.2f}× |")

    # Agreement where the semantics coincide.
    duck = json.load(open(duck_out))
    db = sqlite3.connect(snapshot)
    naptan = dict(db.execute('SELECT station_id, naptan FROM stations'))
    th = {(naptan[s], h): n for s, h, n in db.execute('SELECT station_id, hour_start_ms, events FROM station_hour_events')}
    dh = {(s, h): n for s, h, n in duck['hours']}
    same = sum(1 for k in th.keys() | dh.keys() if th.get(k) == dh.get(k))
    print(f"\nstation_hour_events: {same} of {len(th.keys() | dh.keys())} cells equal "
          f"(Throng {sum(th.values()):,} events, DuckDB {sum(dh.values()):,})")
    q = dict(db.execute('SELECT name, value FROM quality'))
    print(f"duplicates: Throng {q['duplicates_collapsed']:,} (kept-ping chain), DuckDB {duck['duplicates']:,} (previous ping; drops more in bursts)")
    to = {(naptan[s], b): n for s, b, n in db.execute('SELECT station_id, bin_start_ms, occupancy FROM station_bins') if n is not None}
    do = {(s, b): n for s, b, n in duck['occupancy']}
    keys = to.keys() & do.keys()
    ratio = sum(to[k] for k in keys) / max(1, sum(do[k] for k in keys))
    print(f"occupancy: {len(keys)} common station-bins; Throng/DuckDB total {ratio:.3f} "
          f"(Throng counts passengers only and splits visits by walk-outs and skew; DuckDB counts every device's visits)")
    print(f"visits: DuckDB {duck['visits']:,} runs of one station ≤ 30 min apart (no walk-out split, skew repair or merge)")


if __name__ == '__main__':
    main()
