import ThrongCore

/// The generated (not real) wifi access-point layout of an imported station. Deterministic:
/// depends only on the station's NaPTAN, platform count, lines, calling directions and its
/// 2019 typical weekday (Mon–Thu) entries + exits `D`.
///
/// - station code: the NaPTAN without its `940GZZLU` prefix (`940GZZLUKSX` → `KSX`); other
///   NaPTANs use their last three characters, a number appended on a clash;
/// - entrances `E1…`: 1 + [platforms ≥ 4] + [D ≥ 40 000] + [D ≥ 100 000] (1–4);
/// - ticket halls `TH1…`: 2 when D ≥ 100 000 or platforms ≥ 8, else 1;
/// - corridors `C1…`: [platforms ≥ 3] + [lines ≥ 2] + [D ≥ 60 000] (0–3);
/// - platforms `P-<LINE>-<DIR>`: one per (line, direction) with a link from or to the station;
///   `<LINE>` is the first three letters of the line name, upper-cased (`VIC`, `HAM`, `WAT`).
///   A terminus has both directions (trains arrive in one and leave in the other).
enum AccessPointLayout {
    /// Access point counts for a station.
    static func counts(platforms: Int, lines: Int, dailyGateCount d: Int) -> (entrances: Int, ticketHalls: Int, corridors: Int) {
        func b(_ c: Bool) -> Int { c ? 1 : 0 }
        let e = min(4, 1 + b(platforms >= 4) + b(d >= 40_000) + b(d >= 100_000))
        let t = d >= 100_000 || platforms >= 8 ? 2 : 1
        let c = min(3, b(platforms >= 3) + b(lines >= 2) + b(d >= 60_000))
        return (e, t, c)
    }

    /// Unique short codes for stations, in order.
    static func stationCodes(_ naptans: [String]) -> [String] {
        var used: Set<String> = []
        return naptans.map { n in
            var base = n.hasPrefix("940GZZLU") ? String(n.dropFirst(8)) : String(n.suffix(3))
            base = base.uppercased()
            var code = base, k = 2
            while used.contains(code) { code = base + String(k); k += 1 }
            used.insert(code)
            return code
        }
    }

    /// Unique short codes for lines, in order: first three letters A–Z, upper-cased.
    static func lineCodes(_ lines: [String]) -> [String] {
        var used: Set<String> = []
        return lines.map { name in
            let letters = name.uppercased().unicodeScalars.filter { $0.value >= 0x41 && $0.value <= 0x5A }
            var base = String(String.UnicodeScalarView(letters.prefix(3)))
            if base.isEmpty { base = "L" }
            var code = base, k = 2
            while used.contains(code) { code = base + String(k); k += 1 }
            used.insert(code)
            return code
        }
    }

    /// The access points of one station, in file order.
    static func accessPoints(
        station: StationID, code: String, platforms: Int, lineCount: Int, dailyGateCount: Int,
        callingDirections: [(line: LineID, direction: String)], lineCodes: [String]
    ) -> [AccessPoint] {
        let n = counts(platforms: platforms, lines: lineCount, dailyGateCount: dailyGateCount)
        var aps: [AccessPoint] = []
        for i in 1...n.entrances { aps.append(AccessPoint(id: "\(code)-E\(i)", station: station, area: .entrance)) }
        for i in 1...n.ticketHalls { aps.append(AccessPoint(id: "\(code)-TH\(i)", station: station, area: .ticketHall)) }
        if n.corridors > 0 {
            for i in 1...n.corridors { aps.append(AccessPoint(id: "\(code)-C\(i)", station: station, area: .corridor)) }
        }
        for d in callingDirections {
            aps.append(AccessPoint(
                id: "\(code)-P-\(lineCodes[d.line.index])-\(d.direction)", station: station, area: .platform,
                line: d.line, direction: d.direction))
        }
        return aps
    }
}
