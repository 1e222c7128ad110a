import ThrongCore

extension TfLImporter {
    /// `demand/od_daily.csv` from `rods_od_daily.csv`.
    ///
    /// A RODS NLC (zero-padded, `0500` = 500) maps to the stations whose `nlc` it is, plus any
    /// station whose own NLC is absent from RODS but whose `counts_nlc` it is (Monument under
    /// Bank's 513). A cell of an NLC shared by several stations (513 Bank + Monument, 670 the two
    /// Paddingtons) is split over the origin × destination stations in proportion to the product
    /// of their platform counts (largest remainder); journeys from a station to itself are dropped.
    static func odDaily(source: String, parts: NetworkParts, report: inout ImportReport) throws(ThrongIOError) -> String {
        let path = NetworkFolder.path(source, TfLSource.rodsFile)
        let (t, c) = try CSVTable.read(path: path, requiring: ["Year", "Start_Sta"])
        let yearCol = c["Year"]!, startCol = c["Start_Sta"]!
        let destCols = t.header.indices.filter { $0 != yearCol && $0 != startCol }
        var rodsNLCs: Set<Int> = []
        var destNLC: [Int: Int] = [:]
        for col in destCols {
            guard let n = Int(t.header[col]) else {
                throw ThrongIOError(.invalidSource, "destination column \"\(t.header[col])\" is not an NLC", file: path, line: 1)
            }
            destNLC[col] = n
            rodsNLCs.insert(n)
        }
        for r in t.records { if let n = Int(r.fields[startCol]) { rodsNLCs.insert(n) } }

        var group: [Int: [StationID]] = [:]
        for (i, s) in parts.stations.enumerated() {
            let id = StationID(UInt16(i))
            if let n = s.nlc, rodsNLCs.contains(n) {
                group[n, default: []].append(id)
            } else if let n = s.countsNLC, rodsNLCs.contains(n) {
                group[n, default: []].append(id)
                report.notes.append("RODS has no NLC \(s.nlc.map(String.init) ?? "-") for \(s.naptan) \(s.name); it shares NLC \(n) (its counts NLC)")
            } else {
                report.notes.append("RODS has no journeys for \(s.naptan) \(s.name)")
            }
        }
        for (n, ids) in group.sorted(by: { $0.key < $1.key }) where ids.count > 1 {
            report.notes.append(
                "RODS NLC \(n) split between \(ids.map { parts.stations[$0.index].naptan }.joined(separator: ", ")) by platform count \(ids.map { String(parts.stations[$0.index].platforms) }.joined(separator: ":"))")
        }
        for n in rodsNLCs.sorted() where group[n] == nil {
            report.unmatchedNLCs.append("\(TfLSource.rodsFile): NLC \(n) matches no station; its journeys are dropped")
        }

        struct Key: Hashable { var year: Int; var o: StationID; var d: StationID }
        var cells: [Key: Int] = [:]
        for r in t.records {
            guard let year = Int(r.fields[yearCol]), let o = Int(r.fields[startCol]) else {
                throw t.error(.invalidSource, r, "Year or Start_Sta is not an integer")
            }
            guard let origins = group[o] else { continue }
            let ow = origins.map { parts.stations[$0.index].platforms }
            for col in destCols {
                let s = r.fields[col]
                if s.isEmpty { continue }
                guard let v = Int(s), v >= 0 else { throw t.error(.invalidSource, r, "\(t.header[col]) \"\(s)\" is not a count") }
                guard v > 0, let dests = group[destNLC[col]!] else { continue }
                let dw = dests.map { parts.stations[$0.index].platforms }
                var pairs: [(StationID, StationID)] = [], weights: [Int] = []
                for (i, a) in origins.enumerated() {
                    for (j, b) in dests.enumerated() { pairs.append((a, b)); weights.append(ow[i] * dw[j]) }
                }
                for (k, v) in split(v, weights: weights).enumerated() where v > 0 && pairs[k].0 != pairs[k].1 {
                    cells[Key(year: year, o: pairs[k].0, d: pairs[k].1), default: 0] += v
                }
            }
        }
        let naptan = parts.stations.map(\.naptan)
        let keys = cells.keys.sorted { a, b in
            if a.year != b.year { return a.year < b.year }
            if a.o != b.o { return naptan[a.o.index].utf8.lexicographicallyPrecedes(naptan[b.o.index].utf8) }
            return naptan[a.d.index].utf8.lexicographicallyPrecedes(naptan[b.d.index].utf8)
        }
        var w = CSVWriter()
        w.row(["year", "origin_naptan", "destination_naptan", "journeys"])
        var perYear: [(year: Int, rows: Int, journeys: Int)] = []
        for k in keys {
            let v = cells[k]!
            w.row([String(k.year), naptan[k.o.index], naptan[k.d.index], String(v)])
            if perYear.last?.year == k.year {
                perYear[perYear.count - 1].rows += 1
                perYear[perYear.count - 1].journeys += v
            } else {
                perYear.append((k.year, 1, v))
            }
        }
        report.odRowsByYear = perYear
        return w.text
    }
}
