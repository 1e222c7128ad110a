#!/usr/bin/env python3
"""Score a Throng snapshot against the independent generator's truth (stdlib only).

    python3 score.py --truth /tmp/indep/day1 --snapshot crowding.sqlite [--json]

Reads TRUTH/truth.csv (generate.py) and the SQLite snapshot (docs/schema.md: exact
release, `throng batch --exact --min-count 1`). Every figure is aggregated over the
whole run (all bins and days). Expected counts are read from the `_micros` columns.
Shares no code with the engine; the only shared thing is the documented file formats.
"""
import argparse
import collections
import csv
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate as gen  # our own service-pattern table (legal rides), not engine code

PAX = ("clean", "token-change")


def load_truth(d):
    p = os.path.join(d, "truth.csv") if os.path.isdir(d) else d
    return list(csv.DictReader(open(p, newline="")))


def legs_of(row):
    return [tuple(x.split("|")) for x in row["legs"].split(";")] if row["legs"] else []


def changes_of(row):
    return [tuple(x.split("|")) for x in row["changes"].split(";")] if row["changes"] else []


def full_path(row):
    """Truth route in the snapshot's path format (every station, the line before each ride)."""
    # the engine writes an out-of-station walk as "~" (the simulator's truth as "walk")
    return row["ridden_path"].replace(">walk>", ">~>")


def parse_path(path):
    """NAPTAN>Line>NAPTAN>NAPTAN>Line2>... -> list of rides (line, [stations]); 'walk' ends a ride."""
    toks = path.split(">")
    rides = []
    cur_line = None
    last = None
    for t in toks:
        if t.startswith("940"):
            if cur_line is not None:
                if not rides or rides[-1][0] != cur_line or rides[-1][2]:
                    rides.append([cur_line, [last], False])
                rides[-1][1].append(t)
            last = t
        elif t in ("walk", "~"):
            cur_line = None
            if rides:
                rides[-1][2] = True
        else:
            if rides:
                rides[-1][2] = True  # close the previous ride (a change)
            cur_line = t
    return [(l, s) for l, s, _ in rides]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--truth", required=True, help="generator output directory (or truth.csv)")
    ap.add_argument("--snapshot", required=True)
    ap.add_argument("--network", default=None, help="network folder for legal-ride checks (default: from meta or SampleData/london)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    truth = load_truth(args.truth)
    con = sqlite3.connect(f"file:{args.snapshot}?mode=ro", uri=True)
    q = lambda s: con.execute(s).fetchall()
    if q("PRAGMA application_id")[0][0] != 0x54485247:
        sys.exit("not a Throng snapshot")
    release = dict(q("SELECT name, value FROM run_parameters")).get("release")
    st = dict(q("SELECT station_id, naptan FROM stations"))
    names = dict(q("SELECT naptan, name FROM stations"))
    ln = dict(q("SELECT line_id, name FROM lines"))
    links = {i: (ln[l], d, st[f], st[t]) for i, l, d, f, t in
             q("SELECT link_id, line_id, direction, from_station_id, to_station_id FROM links")}
    dir_of = {(l, f, t): d for (l, d, f, t) in links.values()}
    nm = lambda n: names.get(n, n)

    # ---------------- engine tables, whole run ----------------
    e_od = collections.Counter()
    od_null = 0
    for o, d, j in q("SELECT origin_station_id, destination_station_id, journeys FROM origin_destination"):
        if j is None:
            od_null += 1
        else:
            e_od[(st[o], st[d])] += j
    e_link = collections.Counter()
    for lid, m in q("SELECT link_id, sum(expected_devices_micros) FROM link_loads GROUP BY link_id"):
        e_link[links[lid]] += (m or 0) / 1e6
    e_ic = collections.Counter()
    for s, fl, tl, m in q("SELECT station_id, from_line_id, to_line_id, sum(expected_devices_micros) "
                           "FROM interchange_flows GROUP BY 1,2,3"):
        e_ic[(st[s], ln[fl], ln[tl])] += (m or 0) / 1e6
    rs = []
    for o, d, route, path, m in q("SELECT origin_station_id, destination_station_id, route, path, "
                                   "sum(expected_journeys_micros) FROM route_splits GROUP BY 1,2,4"):
        rs.append((st[o], st[d], route, path, (m or 0) / 1e6))
    nulls = {t: q(f"SELECT count(*) - count({c}) FROM {t}")[0][0] for t, c in
             [("origin_destination", "journeys"), ("route_splits", "expected_journeys_micros"),
              ("link_loads", "expected_devices_micros"), ("interchange_flows", "expected_devices_micros")]}

    # ---------------- truth aggregates ----------------
    pax = [r for r in truth if r["kind"] in PAX]
    clean = [r for r in pax if r["kind"] == "clean"]
    t_od_clean = collections.Counter((r["origin"], r["destination"]) for r in clean if r["origin"] != r["destination"])
    t_od_pax = collections.Counter((r["origin"], r["destination"]) for r in pax if r["origin"] != r["destination"])
    t_od_ends = collections.Counter((r["origin"], r["destination"]) for r in clean
                                    if r["origin"] != r["destination"] and r["origin_street_ping"] == "1"
                                    and r["destination_street_ping"] == "1")
    t_link = collections.Counter()
    t_link_clean = collections.Counter()
    t_ic = collections.Counter()
    t_path_clean = collections.Counter()
    for r in pax:
        for lg in legs_of(r):
            t_link[lg] += 1
            if r["kind"] == "clean":
                t_link_clean[lg] += 1
        for (x, l1, y, l2) in changes_of(r):
            t_ic[(x, l1, l2)] += 1
        if r["kind"] == "clean":
            t_path_clean[(r["origin"], r["destination"], full_path(r))] += 1

    def overlap(t, e):
        m = sum(min(v, e.get(k, 0)) for k, v in t.items())
        st_, se = sum(t.values()), sum(e.values())
        return {"truth": round(st_, 3), "engine": round(se, 3), "matched": round(m, 3),
                "recall": round(m / st_, 4) if st_ else None, "precision": round(m / se, 4) if se else None}

    res = {"snapshot": args.snapshot, "release": release, "null_cells": nulls,
           "truth_rows": len(truth), "kinds": dict(collections.Counter(r["kind"] for r in truth))}
    res["od"] = {"clean": overlap(t_od_clean, e_od),
                 "clean_with_street_pings_at_both_ends": overlap(t_od_ends, e_od),
                 "all_passenger_journeys": overlap(t_od_pax, e_od)}

    # ---------------- link loads ----------------
    lk = overlap(t_link, e_link)
    keys = set(t_link) | set(e_link)
    worst = sorted(keys, key=lambda k: -abs(e_link.get(k, 0) - t_link.get(k, 0)))[:10]
    lk["worst"] = [{"line": k[0], "direction": k[1], "from": nm(k[2]), "to": nm(k[3]),
                    "truth": t_link.get(k, 0), "engine": round(e_link.get(k, 0), 2),
                    "error": round(e_link.get(k, 0) - t_link.get(k, 0), 2)} for k in worst]
    per_line = {}
    for k in keys:
        p = per_line.setdefault(k[0], [0, 0, 0])
        p[0] += t_link.get(k, 0)
        p[1] += e_link.get(k, 0)
        p[2] += min(t_link.get(k, 0), e_link.get(k, 0))
    lk["per_line"] = {l: {"truth": v[0], "engine": round(v[1], 1), "share_matched": round(v[2] / v[0], 4) if v[0] else None}
                      for l, v in sorted(per_line.items())}
    # station-level (line-agnostic) link loads, to separate "wrong line on shared track" from "wrong track"
    tt = collections.Counter()
    ee = collections.Counter()
    for k, v in t_link.items():
        tt[(k[2], k[3])] += v
    for k, v in e_link.items():
        ee[(k[2], k[3])] += v
    lk["station_pair_level"] = overlap(tt, ee)
    res["link_loads"] = lk

    # ---------------- interchange flows ----------------
    stations_ic = collections.defaultdict(lambda: [0.0, 0.0, 0.0])
    for k in set(t_ic) | set(e_ic):
        s = stations_ic[k[0]]
        s[0] += t_ic.get(k, 0)
        s[1] += e_ic.get(k, 0)
        s[2] += abs(e_ic.get(k, 0) - t_ic.get(k, 0))
    tot_t = sum(t_ic.values())
    tot_abs = sum(v[2] for v in stations_ic.values())
    worst_st = sorted(stations_ic.items(), key=lambda kv: -kv[1][2])[:10]
    res["interchange_flows"] = {
        "truth": tot_t, "engine": round(sum(e_ic.values()), 2),
        "abs_error_over_truth": round(tot_abs / tot_t, 4) if tot_t else None,
        "worst_stations": [{"station": nm(s), "truth": v[0], "engine": round(v[1], 2), "abs_error": round(v[2], 2),
                            "abs_error_over_truth": round(v[2] / v[0], 3) if v[0] else None,
                            "cells": sorted(([l1, l2, t_ic.get((s, l1, l2), 0), round(e_ic.get((s, l1, l2), 0), 2)]
                                             for (x, l1, l2) in set(t_ic) | set(e_ic) if x == s),
                                            key=lambda c: -abs(c[3] - c[2]))[:4]}
                           for s, v in worst_st]}

    # ---------------- route splits ----------------
    net_dir = args.network
    if not net_dir:
        for cand in ("SampleData/london", os.path.join(os.path.dirname(__file__), "../../SampleData/london")):
            if os.path.exists(os.path.join(cand, "links.csv")):
                net_dir = cand
                break
    router = None
    if net_dir:
        net = gen.Net(net_dir)
        pats, _ = gen.build_patterns(net)
        router = gen.Router(net, pats)
    rs_link = collections.Counter()
    e_path = collections.Counter()
    illegal = collections.Counter()
    illegal_total = 0.0
    unparsed = 0
    for o, d, route, path, x in rs:
        path = path.replace(">walk>", ">~>")
        e_path[(o, d, path)] += x
        rides = parse_path(path)
        ok = True
        for line, seq in rides:
            for a, b in zip(seq, seq[1:]):
                dd = dir_of.get((line, a, b))
                if dd is None:
                    unparsed += 1
                    continue
                rs_link[(line, dd, a, b)] += x
            if router and tuple(seq) not in router.legal(line, seq[0], seq[-1]):
                ok = False
                illegal[(line, " > ".join(nm(s) for s in seq[:1] + [s for s in seq[1:-1]] + seq[-1:]))] += x
        if not ok:
            illegal_total += x
    rsl = overlap(t_link_clean, rs_link)
    rsl["note"] = "truth = clean journeys' links; engine = route_splits expected journeys spread over each path's links"
    rsp = overlap(t_path_clean, e_path)
    rsp["note"] = "per (origin, destination, full path): truth clean journeys vs route_splits expected journeys"
    total_rs = sum(x for *_, x in rs)
    res["route_splits"] = {
        "link_level": rsl, "path_level": rsp, "unknown_links_in_paths": unparsed,
        "expected_on_routes_no_train_runs": round(illegal_total, 2),
        "share_on_routes_no_train_runs": round(illegal_total / total_rs, 4) if total_rs else None,
        "top_impossible_rides": [{"line": k[0], "ride": k[1], "expected": round(v, 2)}
                                 for k, v in illegal.most_common(12)],
    }

    # ---------------- named cases ----------------
    cases = collections.OrderedDict()
    for r in truth:
        if r["case"]:
            cases.setdefault(r["case"], []).append(r)
    out_cases = []
    for name, rows in cases.items():
        o, d = rows[0]["origin"], rows[0]["destination"]
        tp = collections.Counter(full_path(r) for r in clean if r["origin"] == o and r["destination"] == d)
        ep = sorted(((p, x) for (oo, dd, p), x in e_path.items() if oo == o and dd == d), key=lambda t: -t[1])
        case_path = full_path(rows[0])
        ch = changes_of(rows[0])
        c = {"case": name, "origin": nm(o), "destination": nm(d),
             "truth_od_clean": t_od_clean[(o, d)], "engine_od": e_od.get((o, d), 0),
             "truth_path": case_path, "truth_path_count": tp[case_path],
             "engine_expected_on_truth_path": round(e_path.get((o, d, case_path), 0), 2),
             "engine_routes": [{"path": short(p, nm), "expected": round(x, 2),
                                "legal": all(router is None or tuple(s) in router.legal(l, s[0], s[-1])
                                             for l, s in parse_path(p))} for p, x in ep[:4]]}
        if ch:
            x, l1, y, l2 = ch[0]
            c["interchange"] = {"station": nm(x), "from_line": l1, "to_line": l2,
                                "truth_all_journeys": t_ic.get((x, l1, l2), 0),
                                "engine": round(e_ic.get((x, l1, l2), 0), 2),
                                "engine_all_pairs_at_station": {f"{a}->{b}": round(v, 2) for (s, a, b), v in
                                                                sorted(e_ic.items()) if s == x and v > 0.5}}
        legs = legs_of(rows[0])
        if name.startswith("WKN->CGN"):
            k = next(lg for lg in legs if lg[0] == "Piccadilly")
            c["first_piccadilly_link"] = {"link": f"{k[0]} {k[1]} {nm(k[2])}->{nm(k[3])}",
                                          "truth": t_link.get(k, 0), "engine": round(e_link.get(k, 0), 2)}
        out_cases.append(c)
    res["cases"] = out_cases

    if args.json:
        print(json.dumps(res, indent=1))
    else:
        print_table(res)


def short(path, nm):
    toks = path.split(">")
    out = []
    for i, t in enumerate(toks):
        if not t.startswith("940"):
            out.append(f"[{t}]")
        elif i == 0 or i == len(toks) - 1 or not toks[i - 1].startswith("940") or not toks[i + 1].startswith("940"):
            out.append(nm(t))
        elif out and out[-1] != "…":
            out.append("…")
    return " ".join(out)


def print_table(r):
    p = print
    p(f"snapshot {r['snapshot']}  release={r['release']}  NULL cells={r['null_cells']}")
    p(f"truth rows {r['truth_rows']} {r['kinds']}")
    p("\nOD (whole day)                         truth    engine   matched  recall  precision")
    for k, v in r["od"].items():
        p(f"  {k:36s} {v['truth']:8.0f} {v['engine']:9.0f} {v['matched']:9.0f}  {v['recall']:.4f}  {v['precision']:.4f}")
    lk = r["link_loads"]
    p(f"\nLink loads (line-level, all passenger journeys): truth {lk['truth']:.0f}  engine {lk['engine']:.1f}  "
      f"share of true load on right links {lk['recall']:.4f}  precision {lk['precision']:.4f}")
    sp = lk["station_pair_level"]
    p(f"  same, ignoring the line (station pairs): recall {sp['recall']:.4f} precision {sp['precision']:.4f}")
    p("  per line:  " + "; ".join(f"{l} {v['share_matched']}" for l, v in lk["per_line"].items()))
    p("  worst 10 links by |engine - truth|:")
    for w in lk["worst"]:
        p(f"    {w['line']:20s} {w['direction']:3s} {w['from']:26s} -> {w['to']:26s} truth {w['truth']:6.0f} engine {w['engine']:8.1f} ({w['error']:+.1f})")
    ic = r["interchange_flows"]
    p(f"\nInterchange flows: truth {ic['truth']}  engine {ic['engine']}  Σ|e-t|/Σt = {ic['abs_error_over_truth']}")
    for w in ic["worst_stations"]:
        cells = ", ".join(f"{a}->{b} t{t} e{e}" for a, b, t, e in w["cells"])
        p(f"    {w['station']:28s} truth {w['truth']:6.0f} engine {w['engine']:8.1f} abs err {w['abs_error']:7.1f} ({w['abs_error_over_truth']})  {cells}")
    rs = r["route_splits"]
    p(f"\nRoute splits: link level {rs['link_level']['recall']} of true (clean) link load carried "
      f"(engine {rs['link_level']['engine']:.0f} vs truth {rs['link_level']['truth']:.0f}); path level recall "
      f"{rs['path_level']['recall']} precision {rs['path_level']['precision']}")
    p(f"  expected journeys on routes with a ride no train runs: {rs['expected_on_routes_no_train_runs']} "
      f"({rs['share_on_routes_no_train_runs']} of route splits)")
    for w in rs["top_impossible_rides"]:
        p(f"    {w['expected']:8.2f}  {w['line']}: {w['ride']}")
    p("\nNamed cases")
    for c in r["cases"]:
        p(f"  {c['case']}: {c['origin']} -> {c['destination']}  OD truth {c['truth_od_clean']} engine {c['engine_od']}; "
          f"truth path x{c['truth_path_count']}, engine expected on it {c['engine_expected_on_truth_path']}")
        for e in c["engine_routes"]:
            p(f"      engine {e['expected']:7.2f} {'' if e['legal'] else 'NO TRAIN RUNS THIS  '}{e['path']}")
        if "interchange" in c:
            i = c["interchange"]
            p(f"      interchange {i['station']} {i['from_line']}->{i['to_line']}: truth {i['truth_all_journeys']} engine {i['engine']}"
              f"   engine at station: {i['engine_all_pairs_at_station']}")
        if "first_piccadilly_link" in c:
            f = c["first_piccadilly_link"]
            p(f"      {f['link']}: truth {f['truth']} engine {f['engine']}")


if __name__ == "__main__":
    main()
