#!/usr/bin/env python3
"""Independent one-day wifi event generator for Throng (stdlib only).

Written from docs/formats.md and the network CSV files only; it shares no code and no
routing model with the engine (nothing under Sources/ or Tests/ was read). Routes are
built from an explicit table of *service patterns* -- the station sequences real
Underground trains run -- so that every ride in the ground truth is one a real train
makes. See README.md next to this file.

    python3 generate.py --network SampleData/london --journeys 20000 --seed 1 --out /tmp/indep/day1
"""
import argparse
import base64
import bisect
import collections
import csv
import datetime as dt
import hashlib
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time

# --------------------------------------------------------------------------------------
# Service patterns (from knowledge of the Underground, weekday 2026).
#
# Each pattern is a list of waypoint stations (3-letter NaPTAN suffixes, 940GZZLU + XXX).
# Between consecutive waypoints the pattern follows the fewest directed links of that
# line (links.csv). A ride on a line is legal iff it is a contiguous, forward piece of
# one pattern of that line. Unless `rev` is False, the reversed station sequence is also
# a pattern (its links must exist; checked at start-up).
#
# Rules encoded here (what the engine's docs say it does NOT model, routing.md
# "branch service patterns are not modelled"):
#   Northern  - the Charing Cross and Bank branches meet only at Camden Town and
#               Kennington: a train runs Camden-Euston-King's Cross (Bank) OR
#               Camden-Mornington Crescent-Euston-Warren Street (Charing Cross); never
#               Mornington Crescent-Euston-King's Cross.  Edgware <-> High Barnet/Mill
#               Hill East through Camden Town is never one train.  Mill Hill East has
#               (peak) through trains to central London via Finchley Central.
#               Morden is reached from both central branches (the Battersea extension
#               is not in this network; Charing Cross branch trains to Morden are kept
#               as through trains -- a deliberate, documented choice).
#   Central   - West Ruislip and Ealing Broadway branches join at North Acton. The
#               Hainault loop: trains run Leytonstone-Newbury Park-Hainault and on to
#               Woodford via Grange Hill ("Woodford via Hainault"); Leytonstone-
#               South Woodford-Woodford-Epping. No train runs South Woodford-Woodford-
#               Roding Valley, nor Newbury Park-Hainault-...-Woodford-Buckhurst Hill.
#   District  - services: Upminster/Tower Hill/Barking <-> Ealing Broadway, Richmond,
#               Wimbledon (all via Earl's Court and the main line through Gloucester
#               Road); Edgware Road <-> Wimbledon (via High Street Kensington);
#               Kensington (Olympia) <-> Edgware Road via Earl's Court.  No through
#               train Ealing/Richmond <-> Edgware Road, Ealing <-> Richmond, Wimbledon <->
#               Ealing/Richmond, Olympia <-> anywhere east/west/south.
#   Metropolitan - Aldgate - Baker Street - Harrow-on-the-Hill then Uxbridge, or Moor
#               Park then Watford, Amersham (via Rickmansworth, Chalfont & Latimer) or
#               Chesham (via Chalfont & Latimer).  No Watford <-> Amersham/Chesham,
#               Chesham <-> Amersham, Uxbridge <-> Watford through trains.
#   Piccadilly - Cockfosters <-> Heathrow T5 (via T1,2,3), Cockfosters -> Hatton Cross ->
#               T4 -> T1,2,3 (the one-way T4 loop) and T4 -> T1,2,3 -> Cockfosters,
#               Cockfosters <-> Uxbridge via Rayners Lane.
#   Circle    - Hammersmith -> Paddington (H&C) -> Edgware Road -> Baker Street ->
#               King's Cross -> Liverpool Street -> Tower Hill -> Victoria -> South
#               Kensington -> High Street Kensington -> Paddington (Praed St) -> Edgware
#               Road (terminates: no through ride past Edgware Road round the loop), and
#               the reverse Edgware Road -> Paddington -> ... -> Baker Street -> Edgware
#               Road.  links.csv has no Circle WB Edgware Road -> Paddington (H&C) link,
#               so the westbound Paddington (H&C) -> Hammersmith run is its own pattern.
#   Hammersmith & City, Bakerloo, Jubilee, Victoria, Waterloo & City: end to end.
# --------------------------------------------------------------------------------------
PATTERNS = [
    # (line, waypoints, reversible)
    ("Bakerloo", ["HAW", "EAC"], True),
    ("Jubilee", ["STM", "STD"], True),
    ("Victoria", ["WWL", "BXN"], True),
    ("Waterloo & City", ["WLO", "BNK"], True),
    ("Hammersmith & City", ["HSC", "PAH", "ERC", "BST", "KSX", "LVT", "ADE", "BKG"], True),
    # Central
    ("Central", ["WRP", "NAN", "LYS", "SNB", "WOF", "EPG"], True),
    ("Central", ["EBY", "NAN", "LYS", "SNB", "WOF", "EPG"], True),
    ("Central", ["WRP", "NAN", "LYS", "WSD", "NBP", "HLT", "GGH", "WOF"], True),
    ("Central", ["EBY", "NAN", "LYS", "WSD", "NBP", "HLT", "GGH", "WOF"], True),
    # Northern: north end x central branch x south end (all reversible)
    *[("Northern", north + mid + south, True)
      for north in (["EGW", "GGN", "CTN"], ["HBT", "FYC", "EFY", "CTN"], ["MHL", "FYC", "EFY", "CTN"])
      for mid in (["MTC", "EUS", "WRR", "CHX", "WLO"], ["EUS", "KSX", "MGT", "BNK", "EAC"])
      for south in (["KNG"], ["KNG", "OVL", "MDN"])],
    # District
    ("District", ["UPM", "BKG", "WHM", "TWH", "VIC", "SKS", "GTR", "ECT", "WKN", "HSD", "TNG", "CWP", "ACT", "EBY"], True),
    ("District", ["UPM", "BKG", "WHM", "TWH", "VIC", "SKS", "GTR", "ECT", "WKN", "HSD", "TNG", "GBY", "RMD"], True),
    ("District", ["UPM", "BKG", "WHM", "TWH", "VIC", "SKS", "GTR", "ECT", "WBN", "PYB", "WIM"], True),
    ("District", ["ERC", "PAC", "NHG", "HSK", "ECT", "WBN", "PYB", "WIM"], True),
    ("District", ["ERC", "PAC", "NHG", "HSK", "ECT", "KOY"], True),
    # Metropolitan
    ("Metropolitan", ["ALD", "LVT", "KSX", "BST", "FYR", "WYP", "HOH", "WHW", "RYL", "UXB"], True),
    ("Metropolitan", ["ALD", "LVT", "KSX", "BST", "FYR", "WYP", "HOH", "NHA", "MPK", "CXY", "WAF"], True),
    ("Metropolitan", ["ALD", "LVT", "KSX", "BST", "FYR", "WYP", "HOH", "NHA", "MPK", "RKW", "CAL", "AMS"], True),
    ("Metropolitan", ["ALD", "LVT", "KSX", "BST", "FYR", "WYP", "HOH", "NHA", "MPK", "RKW", "CAL", "CSM"], True),
    # Piccadilly
    ("Piccadilly", ["CKS", "FPK", "KSX", "HBN", "ECT", "HSD", "ACT", "SEA", "HWE", "HNX", "HRC", "HR5"], True),
    ("Piccadilly", ["CKS", "FPK", "KSX", "HBN", "ECT", "HSD", "ACT", "SEA", "HWE", "HNX", "HR4", "HRC"], False),
    ("Piccadilly", ["HR4", "HRC", "HNX", "HWE", "SEA", "ACT", "HSD", "ECT", "HBN", "KSX", "FPK", "CKS"], False),
    ("Piccadilly", ["CKS", "FPK", "KSX", "HBN", "ECT", "HSD", "ACT", "ECM", "RYL", "UXB"], True),
    # Circle (explicit directions)
    ("Circle", ["HSC", "PAH", "ERC", "BST", "KSX", "LVT", "ALD", "TWH", "EMB", "VIC", "SKS", "GTR", "HSK", "PAC", "ERC"], False),
    ("Circle", ["ERC", "PAC", "HSK", "GTR", "SKS", "VIC", "EMB", "TWH", "ALD", "LVT", "KSX", "BST", "ERC"], False),
    ("Circle", ["PAH", "HSC"], False),
]

# Trains per hour used for choosing among lines on shared track (own assumption).
TPH = {"Victoria": 30, "Central": 26, "Jubilee": 27, "Northern": 20, "Piccadilly": 21,
       "Bakerloo": 18, "District": 14, "Metropolitan": 12, "Waterloo & City": 16,
       "Circle": 6, "Hammersmith & City": 6}
DEFAULT_WALK = 3.0  # formats.md: unlisted in-station pair of lines

PREFIX = "940GZZLU"

# Named cases: (name, origin, destination, forced legs as (line, from, to) with the
# change between them; None lets the generator's own choice stand).
CASES = [
    ("KSX Northern->Circle", "ODS", "GPS", [("Northern", "ODS", "KSX"), ("Circle", "KSX", "GPS")]),
    ("WSM Circle->Jubilee", "SSQ", "CWR", [("Circle", "SSQ", "WSM"), ("Jubilee", "WSM", "CWR")]),
    ("MED H&C->Central", "ADE", "STD", [("Hammersmith & City", "ADE", "MED"), ("Central", "MED", "STD")]),
    ("WKN->CGN via ECT District->Piccadilly", "WKN", "CGN", [("District", "WKN", "ECT"), ("Piccadilly", "ECT", "CGN")]),
    ("HWC->ERC via ECT Piccadilly->District", "HWC", "ERC", [("Piccadilly", "HWC", "ECT"), ("District", "ECT", "ERC")]),
    ("MHL->BST", "MHL", "BST", [("Northern", "MHL", "KSX"), ("Metropolitan", "KSX", "BST")]),
    ("Circle SBM->WSP", "SBM", "WSP", [("Circle", "SBM", "WSP")]),
    ("MTC->KSX (change at Euston)", "MTC", "KSX", [("Northern", "MTC", "EUS"), ("Northern", "EUS", "KSX")]),
]
CASE_JOURNEYS = 40


def nap(code):
    return code if code.startswith("940") else PREFIX + code


class Net:
    def __init__(self, folder):
        rd = lambda f: list(csv.DictReader(open(os.path.join(folder, f), newline="", encoding="utf-8-sig")))
        self.stations = {r["naptan"]: r for r in rd("stations.csv")}
        self.lines_at = {n: set(r["lines"].split(";")) for n, r in self.stations.items()}
        self.links = {}  # (line, from, to) -> (dir, am, ip)
        self.succ = collections.defaultdict(list)  # line -> from -> [to]
        for r in rd("links.csv"):
            k = (r["line"], r["from_naptan"], r["to_naptan"])
            self.links[k] = (r["direction"], float(r["am_peak_min"]), float(r["inter_peak_min"]))
            self.succ[(r["line"], r["from_naptan"])].append(r["to_naptan"])
        self.aps = collections.defaultdict(lambda: collections.defaultdict(list))
        self.platform_ap = {}
        for r in rd("access_points.csv"):
            self.aps[r["naptan"]][r["area"]].append(r["ap"])
            if r["area"] == "platform":
                self.platform_ap.setdefault((r["naptan"], r["line"], r["direction"]), []).append(r["ap"])
        self.walk = {}
        self.transfers = collections.defaultdict(list)  # (station, line) -> [(to_station, to_line, walk)]
        for r in rd("interchanges.csv"):
            k = (r["from_naptan"], r["from_line"], r["to_naptan"], r["to_line"])
            self.walk[k] = float(r["walk_min"])
        for s, ls in self.lines_at.items():
            for a in ls:
                for b in ls:
                    if a != b:
                        self.transfers[(s, a)].append((s, b, self.walk.get((s, a, s, b), DEFAULT_WALK)))
        for (fs, fl, ts, tl), w in self.walk.items():
            if fs != ts or fl == tl:
                self.transfers[(fs, fl)].append((ts, tl, w))

    def expand(self, line, wps):
        seq = [nap(wps[0])]
        for a, b in zip(wps, wps[1:]):
            a, b = nap(a), nap(b)
            # BFS over directed links of the line
            prev = {a: None}
            q = collections.deque([a])
            while q:
                u = q.popleft()
                if u == b:
                    break
                for v in self.succ.get((line, u), []):
                    if v not in prev:
                        prev[v] = u
                        q.append(v)
            if b not in prev:
                raise SystemExit(f"pattern {line} {wps}: no path {a}->{b}")
            piece = []
            u = b
            while u != a:
                piece.append(u)
                u = prev[u]
            seq.extend(reversed(piece))
        return seq


def build_patterns(net):
    pats = []
    for line, wps, rev in PATTERNS:
        seq = net.expand(line, wps)
        pats.append((line, seq))
        if rev:
            r = list(reversed(seq))
            for a, b in zip(r, r[1:]):
                if (line, a, b) not in net.links:
                    raise SystemExit(f"reverse pattern {line}: missing link {a}->{b}")
            pats.append((line, r))
    used = set()
    for line, seq in pats:
        for a, b in zip(seq, seq[1:]):
            used.add((line, a, b))
    uncovered = sorted(set(net.links) - used)
    return pats, uncovered


class Router:
    """Legal rides from the patterns; routes with 0 or 1 change."""

    def __init__(self, net, pats):
        self.net = net
        self.pats = pats
        self.at = collections.defaultdict(list)  # station -> [(pattern index, position)]
        for pi, (line, seq) in enumerate(pats):
            for i, s in enumerate(seq):
                self.at[s].append((pi, i))
        self.cache = {}

    def ride_minutes(self, line, seq, peak):
        k = 1 if peak else 2
        return sum(self.net.links[(line, a, b)][k] for a, b in zip(seq, seq[1:]))

    def rides_to(self, d):
        """(line, board station) -> list of station sequences ending at d (legal)."""
        if ("to", d) in self.cache:
            return self.cache[("to", d)]
        out = collections.defaultdict(set)
        self.cache[("to", d)] = out
        for pi, j in self.at[d]:
            line, seq = self.pats[pi]
            for i in range(j):
                piece = tuple(seq[i:j + 1])
                if len(set(piece)) == len(piece):
                    out[(line, seq[i])].add(piece)
        return out

    def rides_from(self, o):
        if ("from", o) in self.cache:
            return self.cache[("from", o)]
        out = set()
        self.cache[("from", o)] = out
        for pi, i in self.at[o]:
            line, seq = self.pats[pi]
            for j in range(i + 1, len(seq)):
                piece = tuple(seq[i:j + 1])
                if len(set(piece)) != len(piece):
                    break
                out.add((line, piece))
        return out

    def legal(self, line, a, b):
        """Legal station sequences for riding line from a to b."""
        res = set()
        for pi, i in self.at[a]:
            l2, seq = self.pats[pi]
            if l2 != line:
                continue
            for j in range(i + 1, len(seq)):
                if seq[j] == b:
                    piece = tuple(seq[i:j + 1])
                    if len(set(piece)) == len(piece):
                        res.add(piece)
                    break
        return res

    def candidates(self, o, d, peak):
        key = (o, d, peak)
        if key in self.cache:
            return self.cache[key]
        to_d = self.rides_to(d)
        cands = []  # (rides=[(line, seq)], changes=[(x, l1, y, l2, walk)])
        from_o = self.rides_from(o)
        for line, seq in from_o:
            if seq[-1] == d:
                cands.append(([(line, seq)], []))
        for line, seq in from_o:
            x = seq[-1]
            if x == d:
                continue
            for y, l2, w in self.net.transfers.get((x, line), []):
                for seq2 in to_d.get((l2, y), ()):
                    if set(seq2[1:]) & set(seq) or (y != x and y in seq):
                        continue
                    if l2 == line and y == x:
                        continue
                    cands.append(([(line, seq), (l2, seq2)], [(x, line, y, l2, w)]))
        scored = []
        for rides, chg in cands:
            ride = sum(self.ride_minutes(l, s, peak) for l, s in rides)
            wait = 30.0 / TPH[rides[0][0]]
            cost = ride + wait
            for (x, l1, y, l2, w), (l, _) in zip(chg, rides[1:]):
                cost += 1.5 * w + 30.0 / TPH[l] + 4.0
            scored.append((cost, rides, chg))
        scored.sort(key=lambda t: t[0])
        if scored:
            best = scored[0][0]
            scored = [t for t in scored if t[0] <= best + 8 and t[0] <= best * 1.3 + 2]
        self.cache[key] = scored
        return scored


def choose(rng, scored):
    """Group candidates by station sequence (parallel lines on shared track), logit over
    groups, then pick the line(s) in proportion to trains per hour."""
    groups = collections.OrderedDict()
    for cost, rides, chg in scored:
        sig = tuple(tuple(s) for _, s in rides)
        groups.setdefault(sig, []).append((cost, rides, chg))
    keys = list(groups)
    gcost = []
    for k in keys:
        members = groups[k]
        c = min(m[0] for m in members)
        gcost.append(c)
    m = min(gcost)
    w = [math.exp(-0.35 * (c - m)) for c in gcost]
    g = groups[rng.choices(keys, weights=w)[0]]
    ww = []
    for cost, rides, chg in g:
        f = 1.0
        for l, _ in rides:
            f *= TPH[l]
        ww.append(f * math.exp(-0.35 * (cost - m)))
    return rng.choices(g, weights=ww)[0]


def token(rng):
    return base64.urlsafe_b64encode(rng.getrandbits(128).to_bytes(16, "big")).decode().rstrip("=")


class Day:
    def __init__(self, args, net, router):
        self.args = args
        self.net = net
        self.router = router
        self.rng = random.Random(args.seed)
        # Entrance and ticket-hall ping probabilities (walk in and walk out).
        self.p_entrance = args.street_ping if args.street_ping is not None else 0.7
        self.p_ticket_hall = args.street_ping if args.street_ping is not None else 0.75
        self.date = dt.date.fromisoformat(args.date)
        # Europe/London: BST (UTC+1) between the last Sundays of March and October.
        self.offset_h = 1 if self._bst(self.date) else 0
        self.events = []  # (true_ms, station, device, ap)
        self.truth = []

    @staticmethod
    def _bst(d):
        def last_sunday(m):
            x = dt.date(d.year, m, 31)
            return x - dt.timedelta(days=(x.weekday() + 1) % 7)
        return last_sunday(3) <= d < last_sunday(10)

    def local_ms(self, minute_of_day):
        base = dt.datetime(self.date.year, self.date.month, self.date.day, tzinfo=dt.timezone.utc)
        return int((base.timestamp() + minute_of_day * 60 - self.offset_h * 3600) * 1000)

    def is_peak(self, ms):
        local_min = ((ms // 1000 + self.offset_h * 3600) % 86400) / 60
        return 420 <= local_min < 600 or 960 <= local_min < 1140

    # --- pings -------------------------------------------------------------------------
    def ping(self, t, station, area, dev, p, line=None, direction=None):
        if self.rng.random() >= p:
            return False
        if area == "platform":
            aps = self.net.platform_ap.get((station, line, direction))
        else:
            aps = self.net.aps[station].get(area)
        if not aps:
            return False
        self.events.append((int(t), station, dev[0], self.rng.choice(aps)))
        dev[1].append((station, area))
        return True

    def walk_in(self, t, s, dev):
        r = self.rng
        self.ping(t + r.uniform(0, 15e3), s, "entrance", dev, self.p_entrance)
        t += r.uniform(0.3, 1.0) * 60e3
        self.ping(t, s, "ticket_hall", dev, self.p_ticket_hall)
        t += r.uniform(0.3, 1.0) * 60e3
        if self.net.aps[s].get("corridor"):
            t += r.uniform(0.5, 2.5) * 60e3
            self.ping(t, s, "corridor", dev, 0.65)
        return t + r.uniform(0.2, 1.0) * 60e3

    def walk_out(self, t, s, dev):
        r = self.rng
        if self.net.aps[s].get("corridor"):
            t += r.uniform(0.5, 2.0) * 60e3
            self.ping(t, s, "corridor", dev, 0.6)
        t += r.uniform(0.3, 1.2) * 60e3
        self.ping(t, s, "ticket_hall", dev, self.p_ticket_hall)
        t += r.uniform(0.3, 1.0) * 60e3
        self.ping(t, s, "entrance", dev, self.p_entrance)
        return t + r.uniform(0, 15e3)

    def wait(self, t, s, line, direction, dev):
        r = self.rng
        w = r.uniform(0, 60.0 / TPH[line]) * 60e3 + r.uniform(10e3, 40e3)
        self.ping(t + r.uniform(0, 10e3), s, "platform", dev, 0.75, line, direction)
        u = t + r.uniform(40e3, 120e3)
        while u < t + w:
            self.ping(u, s, "platform", dev, 0.7, line, direction)
            u += r.uniform(40e3, 120e3)
        return t + w

    def ride(self, t, line, seq, dev, peak):
        r = self.rng
        legs = []
        for i, (a, b) in enumerate(zip(seq, seq[1:])):
            direction, am, ip = self.net.links[(line, a, b)]
            legs.append((line, direction, a, b))
            t += (am if peak else ip) * r.uniform(0.95, 1.08) * 60e3
            if i < len(seq) - 2:  # passing through b, train in station
                self.ping(t - r.uniform(0, 20e3), b, "platform", dev, 0.25, line, direction)
        return t, legs

    # --- journeys ----------------------------------------------------------------------
    def journey(self, jid, o, d, t0, rides, chg, dev, kind, case="", change_token=None):
        r = self.rng
        peak = self.is_peak(t0)
        legs = []
        changes = []
        ev0 = len(self.events)
        t = self.walk_in(t0, o, dev)
        first_dir = self.net.links[(rides[0][0], rides[0][1][0], rides[0][1][1])][0]
        t = self.wait(t, o, rides[0][0], first_dir, dev)
        tokens = [dev[0]]
        for k, (line, seq) in enumerate(rides):
            t, lg = self.ride(t, line, seq, dev, peak)
            legs += lg
            arr_dir = lg[-1][1]
            x = seq[-1]
            if k + 1 < len(rides):
                (cx, l1, y, l2, w) = chg[k]
                changes.append((cx, l1, y, l2))
                self.ping(t + r.uniform(0, 20e3), x, "platform", dev, 0.4, line, arr_dir)
                walk_ms = w * r.uniform(0.8, 1.3) * 60e3
                if change_token and r.random() < 0.65:
                    dev[0] = change_token  # changes in the corridor
                    tokens.append(change_token)
                    change_token = None
                if y == x:
                    if self.net.aps[x].get("corridor"):
                        self.ping(t + walk_ms * r.uniform(0.3, 0.7), x, "corridor", dev, 0.85)
                        if r.random() < 0.3:
                            self.ping(t + walk_ms * r.uniform(0.7, 0.95), x, "corridor", dev, 0.7)
                    t += walk_ms
                else:
                    t = self.walk_out(t, x, dev)
                    t += walk_ms * 0.6
                    t = self.walk_in(t, y, dev) - 60e3
                if change_token:
                    dev[0] = change_token
                    tokens.append(change_token)
                    change_token = None
                nl, nseq = rides[k + 1]
                ndir = self.net.links[(nl, nseq[0], nseq[1])][0]
                t = self.wait(t, y, nl, ndir, dev)
            else:
                self.ping(t + r.uniform(0, 25e3), x, "platform", dev, 0.6, line, arr_dir)
                t = self.walk_out(t, x, dev)
        path = [o]
        for (line, seq), k in zip(rides, range(len(rides))):
            if k > 0 and chg[k - 1][0] != chg[k - 1][2]:
                path += ["walk", seq[0]]
            path += [line, seq[-1]]
        ridden = [o]
        for k, (line, seq) in enumerate(rides):
            if k > 0 and chg[k - 1][0] != chg[k - 1][2]:
                ridden += ["walk", seq[0]]
            ridden += [line] + list(seq[1:])
        evs = self.events[ev0:]
        o_pings = sum(1 for e in evs if e[1] == o)
        d_pings = sum(1 for e in evs if e[1] == d)
        o_street = any(e[1] == o and e[3] in self.net.aps[o]["entrance"] + self.net.aps[o]["ticket_hall"] for e in evs)
        d_street = any(e[1] == d and e[3] in self.net.aps[d]["entrance"] + self.net.aps[d]["ticket_hall"] for e in evs)
        self.truth.append({
            "journey": jid, "tokens": ";".join(tokens), "kind": kind, "case": case,
            "origin": o, "destination": d, "entry_ms": int(t0), "exit_ms": int(t),
            "path": ">".join(path), "ridden_path": ">".join(ridden),
            "legs": ";".join("|".join(x) for x in legs),
            "changes": ";".join("|".join(c) for c in changes),
            "events": len(evs), "origin_pings": o_pings, "destination_pings": d_pings,
            "origin_street_ping": int(o_street), "destination_street_ping": int(d_street),
        })
        return t

    def forced(self, case_legs, peak):
        rides, chg = [], []
        for k, (line, a, b) in enumerate(case_legs):
            a, b = nap(a), nap(b)
            opts = self.router.legal(line, a, b)
            if not opts:
                raise SystemExit(f"case ride {line} {a}->{b} is not legal")
            seq = min(opts, key=lambda s: self.router.ride_minutes(line, s, peak))
            if rides:
                pl = rides[-1][0]
                w = self.net.walk.get((a, pl, a, line), DEFAULT_WALK)
                chg.append((a, pl, a, line, w))
            rides.append((line, seq))
        return rides, chg


def load_demand(folder, net):
    od = []
    p = os.path.join(folder, "demand", "od_daily.csv")
    if os.path.exists(p):
        rows = list(csv.DictReader(open(p)))
        year = max(r["year"] for r in rows)
        od = [(r["origin_naptan"], r["destination_naptan"], int(r["journeys"])) for r in rows
              if r["year"] == year and r["origin_naptan"] in net.stations and r["destination_naptan"] in net.stations]
    if not od:
        st = list(net.stations)
        od = [(a, b, 1) for a in st for b in st if a != b]
    prof = {}
    p = os.path.join(folder, "demand", "station_profiles_2019.csv")
    if os.path.exists(p):
        for r in csv.DictReader(open(p)):
            if r["day_type"] == "MTT" and r["direction"] == "IN":
                cols = [k for k in r if "-" in k and k[:4].isdigit()]
                prof[r["naptan"]] = [float(r[c]) for c in cols]
    return od, prof


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--network", required=True)
    ap.add_argument("--journeys", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--date", default="2026-06-10", help="service day (a weekday), default Wed 2026-06-10 (BST)")
    ap.add_argument("--zstd", action="store_true", help="write .csv.zst with the zstd CLI")
    ap.add_argument("--stations-per-controller", type=int, default=9)
    ap.add_argument("--street-ping", type=float, default=None,
                    help="probability of the entrance and of the ticket-hall ping on each walk in/out (default 0.7 and 0.75)")
    ap.add_argument("--check-patterns", action="store_true", help="print links no pattern uses and exit")
    args = ap.parse_args()
    t_start = time.time()
    net = Net(args.network)
    pats, uncovered = build_patterns(net)
    if args.check_patterns:
        for k in uncovered:
            print("uncovered link:", k, net.links[k][0])
        return
    router = Router(net, pats)
    day = Day(args, net, router)
    rng = day.rng
    od, prof = load_demand(args.network, net)
    od_w = [w for _, _, w in od]

    n_staff = round(args.journeys * 0.005)
    n_pass = round(args.journeys * 0.01)
    n_case = CASE_JOURNEYS * len(CASES)
    n_pax = args.journeys - n_staff - n_pass - n_case
    n_change_target = round(n_pax * 0.30)
    n_direct_target = n_pax - n_change_target

    def depart_ms(o):
        pr = prof.get(o)
        if pr and sum(pr[:78]) > 0:  # 05:00 .. 00:30 local
            q = rng.choices(range(78), weights=pr[:78])[0]
            minute = 300 + 15 * q + rng.uniform(0, 15)
        else:
            minute = rng.uniform(330, 1380)
        return day.local_ms(minute)

    jn = 0
    n_direct = n_change = 0
    stats = collections.Counter()
    while n_direct + n_change < n_pax:
        o, d, _ = rng.choices(od, weights=od_w)[0]
        t0 = depart_ms(o)
        scored = router.candidates(o, d, day.is_peak(t0))
        if not scored:
            stats["no_route_le1_change"] += 1
            continue
        cost, rides, chg = choose(rng, scored)
        if chg and n_change >= n_change_target:
            continue
        if not chg and n_direct >= n_direct_target:
            continue
        jn += 1
        kind = "clean"
        change_tok = None
        if chg and rng.random() < 0.10:  # ~3% of all journeys
            kind = "token-change"
            change_tok = token(rng)
        dev = [token(rng), []]
        day.journey(f"J{jn:06d}", o, d, t0, rides, chg, dev, kind, change_token=change_tok)
        if chg:
            n_change += 1
        else:
            n_direct += 1
        # some people come back later the same day (same device, reverse route)
        if kind == "clean" and rng.random() < 0.3 and n_direct + n_change < n_pax:
            t1 = day.truth[-1]["exit_ms"] + rng.uniform(3, 9) * 3600e3
            if t1 < day.local_ms(24 * 60 + 20):
                sc2 = router.candidates(d, o, day.is_peak(int(t1)))
                if sc2:
                    c2, r2, ch2 = choose(rng, sc2)
                    if (ch2 and n_change < n_change_target) or (not ch2 and n_direct < n_direct_target):
                        jn += 1
                        dev[1] = []
                        day.journey(f"J{jn:06d}", d, o, int(t1), r2, ch2, dev, "clean")
                        n_change += bool(ch2)
                        n_direct += not ch2
    for name, o, d, legs in CASES:
        for _ in range(CASE_JOURNEYS):
            t0 = depart_ms(nap(o))
            rides, chg = day.forced(legs, day.is_peak(t0))
            jn += 1
            day.journey(f"J{jn:06d}", nap(o), nap(d), t0, rides, chg, [token(rng), []], "clean", case=name)
    # staff: pinging at one station for hours
    stations = list(net.stations)
    for _ in range(n_staff):
        jn += 1
        s = rng.choice(stations)
        tok = token(rng)
        t = day.local_ms(rng.uniform(300, 840))
        end = t + rng.uniform(4, 9) * 3600e3
        start = t
        allaps = [a for area in net.aps[s].values() for a in area]
        while t < end:
            day.events.append((int(t), s, tok, rng.choice(allaps)))
            t += rng.uniform(60e3, 300e3)
        day.truth.append({"journey": f"J{jn:06d}", "tokens": tok, "kind": "staff", "case": "", "origin": s,
                          "destination": s, "entry_ms": int(start), "exit_ms": int(end), "path": "", "ridden_path": "", "legs": "",
                          "changes": "", "events": 0, "origin_pings": 0, "destination_pings": 0,
                          "origin_street_ping": 0, "destination_street_ping": 0})
    for _ in range(n_pass):
        jn += 1
        s = rng.choice(stations)
        tok = token(rng)
        t = day.local_ms(rng.uniform(360, 1320))
        day.events.append((int(t), s, tok, rng.choice(net.aps[s]["entrance"] or net.aps[s]["ticket_hall"])))
        day.truth.append({"journey": f"J{jn:06d}", "tokens": tok, "kind": "passer-by", "case": "", "origin": s,
                          "destination": s, "entry_ms": int(t), "exit_ms": int(t), "path": "", "ridden_path": "", "legs": "",
                          "changes": "", "events": 1, "origin_pings": 1, "destination_pings": 1,
                          "origin_street_ping": 1, "destination_street_ping": 1})

    write_out(args, net, day, uncovered, stats, t_start)


def iso(ms, offset_h):
    t = dt.datetime.fromtimestamp(ms / 1000, tz=dt.timezone(dt.timedelta(hours=offset_h)))
    s = t.strftime("%Y-%m-%dT%H:%M:%S") + ".%03d" % (ms % 1000)
    return s + ("Z" if offset_h == 0 else "+%02d:00" % offset_h)


def write_out(args, net, day, uncovered, stats, t_start):
    rng = day.rng
    out = args.out
    if os.path.exists(out):
        shutil.rmtree(out)
    evdir = os.path.join(out, "events", args.date)
    os.makedirs(evdir)
    # controllers: stations in NaPTAN order, chunks; one clock skew each
    st_sorted = sorted(net.stations)
    ctrl_of = {}
    skew = {}
    k = args.stations_per_controller
    for i, s in enumerate(st_sorted):
        c = i // k
        ctrl_of[s] = c
        if c not in skew:
            skew[c] = int(rng.uniform(-60e3, 60e3))
    per = collections.defaultdict(list)
    n_dup = 0
    for t, s, tok, ap in day.events:
        c = ctrl_of[s]
        ts = t + skew[c]
        per[c].append((ts, tok, ap))
        if rng.random() < 0.01:
            per[c].append((ts, tok, ap))
            n_dup += 1
    n_iso = n_lines = 0
    files = []
    for c in sorted(per):
        rows = sorted(per[c])
        path = os.path.join(evdir, f"ctrl-{c:02d}.csv")
        with open(path, "w", newline="\n") as f:
            f.write("timestamp,device,ap\n")
            for ts, tok, ap in rows:
                u = rng.random()
                if u < 0.015:
                    s = iso(ts, 0)
                    n_iso += 1
                elif u < 0.02:
                    s = iso(ts, day.offset_h)
                    n_iso += 1
                else:
                    s = str(ts)
                f.write(f"{s},{tok},{ap}\n")
                n_lines += 1
        files.append(path)
    if args.zstd and shutil.which("zstd"):
        for p in files:
            subprocess.run(["zstd", "-q", "--rm", "-3", p], check=True)
    cols = ["journey", "tokens", "kind", "case", "origin", "destination", "entry_ms", "exit_ms", "path", "ridden_path", "legs",
            "changes", "events", "origin_pings", "destination_pings", "origin_street_ping", "destination_street_ping"]
    with open(os.path.join(out, "truth.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        for row in day.truth:
            w.writerow(row)
    kinds = collections.Counter(r["kind"] for r in day.truth)
    nchg = sum(1 for r in day.truth if r["changes"])
    meta = {
        "seed": args.seed, "date": args.date, "utc_offset_hours": day.offset_h,
        "journeys": len(day.truth), "kinds": dict(kinds),
        "passenger_journeys_with_change": nchg,
        "event_lines": n_lines, "duplicate_lines": n_dup, "iso_timestamp_lines": n_iso,
        "controllers": {f"ctrl-{c:02d}": {"skew_ms": skew[c], "stations": [s for s in st_sorted if ctrl_of[s] == c]}
                        for c in sorted(skew)},
        "links_in_no_service_pattern": [list(k) for k in uncovered],
        "stats": dict(stats), "seconds": round(time.time() - t_start, 1),
    }
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
    print(f"{len(day.truth)} truth rows {dict(kinds)}; {nchg} with a change; {n_lines} event lines "
          f"({n_dup} duplicates, {n_iso} ISO) in {len(files)} files; {meta['seconds']} s -> {out}")


if __name__ == "__main__":
    main()
