import ThrongCore

extension TfLImporter {
    /// Day types of the 2019 counts, in output order.
    static let dayTypes = ["MTT", "FRI", "SAT", "SUN"]

    /// Splits `value` over `weights` in proportion, in integers summing to `value` (largest
    /// remainder; ties go to the earlier weight).
    static func split(_ value: Int, weights: [Int]) -> [Int] {
        let total = weights.reduce(0, +)
        guard weights.count > 1, total > 0 else { return weights.count == 1 ? [value] : weights.map { _ in 0 } }
        var parts = weights.map { value * $0 / total }
        var rest = value - parts.reduce(0, +)
        let order = weights.indices.sorted { i, j in
            let ri = value * weights[i] % total, rj = value * weights[j] % total
            return ri != rj ? ri > rj : i < j
        }
        var k = 0
        while rest > 0 { parts[order[k % order.count]] += 1; rest -= 1; k += 1 }
        return parts
    }

    /// Splits a series of counts (e.g. 96 quarter hours) over stations with `weights`: each
    /// station gets a non-negative integer series, the series add up column by column to
    /// `values`, and the first station's running total is always `⌊w₀ · running total / Σw⌋`
    /// (the rest is split recursively the same way). A one-value series thus gives
    /// `⌊w₀ · v / Σw⌋` to the first station, so day totals and quarter-hour splits agree.
    static func splitSeries(_ values: [Int], weights: [Int]) -> [[Int]] {
        guard weights.count > 1 else { return [values] }
        let w0 = weights[0], total = weights.reduce(0, +)
        var first: [Int] = [], rest: [Int] = []
        var cumulative = 0, given = 0
        for v in values {
            cumulative += v
            let due = total > 0 ? w0 * cumulative / total : cumulative
            first.append(due - given)
            rest.append(v - (due - given))
            given = due
        }
        return [first] + splitSeries(rest, weights: Array(weights.dropFirst()))
    }

    /// `gate_counts_2019.csv` from `station_demand_2019_2023.csv`; returns the text and each
    /// station's Mon–Thu entries + exits (for the access-point layout).
    static func gateCounts(
        source: String, parts: NetworkParts, report: inout ImportReport
    ) throws(ThrongIOError) -> (csv: String, weekdayTotal: [Int]) {
        let path = NetworkFolder.path(source, TfLSource.stationDemandFile)
        let valueColumns = [
            "wkd_mon_thu_entries_2019", "fri_entries_2019", "sat_entries_2019", "sun_entries_2019",
            "wkd_mon_thu_exits_2019", "fri_exits_2019", "sat_exits_2019", "sun_exits_2019",
        ]
        let (t, c) = try CSVTable.read(path: path, requiring: ["NLC", "Station", "Source", "lu_naptans"] + valueColumns)
        var rows: [(naptan: String, fields: [String])] = []
        var weekday = [Int](repeating: 0, count: parts.stations.count)
        for r in t.records {
            let naptans = r.fields[c["lu_naptans"]!].split(separator: ";").map(String.init)
            let nlc = r.fields[c["NLC"]!]
            if naptans.isEmpty || r.fields[c[valueColumns[0]]!].isEmpty {
                report.unmatchedNLCs.append(
                    "\(TfLSource.stationDemandFile): NLC \(nlc) (\(r.fields[c["Station"]!])) has no LU NaPTAN or no 2019 counts; skipped")
                continue
            }
            var ids: [StationID] = []
            for n in naptans {
                guard let id = parts.stationByNaptan[n] else { throw t.error(.invalidSource, r, "lu_naptans \(n) is not a station") }
                guard parts.stations[id.index].countsNLC == Int(nlc) else {
                    throw t.error(.invalidSource, r, "\(n) has counts_nlc \(parts.stations[id.index].countsNLC ?? -1), row NLC \(nlc)")
                }
                ids.append(id)
            }
            let weights = ids.map { parts.stations[$0.index].platforms }
            var values: [[Int]] = []
            for col in valueColumns {
                let s = r.fields[c[col]!]
                guard let v = Int(s), v >= 0 else { throw t.error(.invalidSource, r, "\(col) \"\(s)\" is not a count") }
                values.append(splitSeries([v], weights: weights).map { $0[0] })
            }
            let total = weights.reduce(0, +)
            if ids.count > 1 {
                report.notes.append(
                    "gate counts NLC \(nlc) (\(r.fields[c["Station"]!])) split between \(naptans.joined(separator: ", ")) by platform count \(weights.map(String.init).joined(separator: ":"))")
            }
            for (k, id) in ids.enumerated() {
                let share = Double(weights[k]) / Double(total)
                let shareText = ids.count == 1 ? "1" : String(round6(share))
                rows.append((parts.stations[id.index].naptan,
                             [parts.stations[id.index].naptan, nlc, shareText, r.fields[c["Source"]!]] + values.map { String($0[k]) }))
                weekday[id.index] = values[0][k] + values[4][k]
            }
        }
        rows.sort { $0.naptan.utf8.lexicographicallyPrecedes($1.naptan.utf8) }
        var w = CSVWriter()
        w.row(["naptan", "counts_nlc", "share", "source", "entries_mtt", "entries_fri", "entries_sat", "entries_sun",
               "exits_mtt", "exits_fri", "exits_sat", "exits_sun"])
        for r in rows { w.row(r.fields) }
        report.gateCountRows = rows.count
        let missing = parts.stations.indices.filter { i in !rows.contains { $0.naptan == parts.stations[i].naptan } }
        for i in missing { report.notes.append("gate counts: no 2019 row for \(parts.stations[i].naptan) \(parts.stations[i].name)") }
        return (w.text, weekday)
    }

    static func round6(_ x: Double) -> Double { (x * 1_000_000).rounded() / 1_000_000 }

    /// `demand/station_profiles_2019.csv` from `entries_exits_by_quarter_hour_2019.csv`.
    static func stationProfiles(source: String, parts: NetworkParts, report: inout ImportReport) throws(ThrongIOError) -> String {
        let path = NetworkFolder.path(source, TfLSource.quarterHourFile)
        let (t, c) = try CSVTable.read(path: path, requiring: ["NLC", "Station", "year", "day", "dir", "Total", "0500-0515", "0445-0500"])
        let first = c["0500-0515"]!, last = c["0445-0500"]!
        guard last - first + 1 == 96 else {
            throw ThrongIOError(.invalidSource, "expected 96 quarter-hour columns 0500-0515 … 0445-0500", file: path, line: 1)
        }
        let quarterNames = Array(t.header[first...last])
        var byCounts: [Int: [StationID]] = [:]
        for (i, s) in parts.stations.enumerated() {
            if let n = s.countsNLC { byCounts[n, default: []].append(StationID(UInt16(i))) }
        }
        var rows: [(key: String, fields: [String])] = []
        var matched: Set<Int> = []
        for r in t.records {
            guard let nlc = Int(r.fields[c["NLC"]!]) else { throw t.error(.invalidSource, r, "NLC is not an integer") }
            guard let ids = byCounts[nlc] else {
                report.unmatchedNLCs.append("\(TfLSource.quarterHourFile): NLC \(nlc) (\(r.fields[c["Station"]!])) matches no counts_nlc; skipped")
                continue
            }
            let day = r.fields[c["day"]!], dir = r.fields[c["dir"]!]
            guard let dayIndex = dayTypes.firstIndex(of: day), dir == "IN" || dir == "OUT", r.fields[c["year"]!] == "2019" else {
                throw t.error(.invalidSource, r, "unexpected year/day/dir \(r.fields[c["year"]!])/\(day)/\(dir)")
            }
            matched.insert(nlc)
            let weights = ids.map { parts.stations[$0.index].platforms }
            var source: [Int] = []
            for col in first...last {
                guard let v = Int(r.fields[col]), v >= 0 else { throw t.error(.invalidSource, r, "\(t.header[col]) is not a count") }
                source.append(v)
            }
            guard let total = Int(r.fields[c["Total"]!]), total == source.reduce(0, +) else {
                throw t.error(.invalidSource, r, "Total is not the sum of the quarter hours")
            }
            let perStation = splitSeries(source, weights: weights)
            for (k, id) in ids.enumerated() {
                let q = perStation[k]
                let naptan = parts.stations[id.index].naptan
                rows.append(("\(naptan) \(dayIndex) \(dir == "IN" ? 0 : 1)",
                             [naptan, day, dir, String(q.reduce(0, +))] + q.map(String.init)))
            }
        }
        for (nlc, ids) in byCounts.sorted(by: { $0.key < $1.key }) where ids.count > 1 && matched.contains(nlc) {
            report.notes.append(
                "station profiles NLC \(nlc) split between \(ids.map { parts.stations[$0.index].naptan }.joined(separator: ", ")) by platform count (cumulative rounding over the quarter hours)")
        }
        rows.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var w = CSVWriter()
        w.row(["naptan", "day_type", "direction", "total"] + quarterNames)
        for r in rows { w.row(r.fields) }
        report.profileRows = rows.count
        return w.text
    }
}
