import ThrongCore

extension NetworkLoader {
    static func parseAccessPoints(_ t: CSVTable, into b: inout Builder) throws(ThrongIOError) {
        var ids: Set<String> = []
        var hasAP = [Bool](repeating: false, count: b.stations.count)
        for r in t.records {
            let id = r.fields[0]
            guard !id.isEmpty, id.count <= NetworkFolder.maxAccessPointIDLength else {
                throw t.error(.invalidField, r, "ap id must be 1–\(NetworkFolder.maxAccessPointIDLength) characters")
            }
            guard !id.contains(","), !id.contains(where: { $0.isNewline }) else {
                throw t.error(.invalidField, r, "ap id \"\(id)\" contains a comma or line break")
            }
            guard ids.insert(id).inserted else { throw t.error(.duplicateAccessPoint, r, "duplicate ap id \(id)") }
            let station = try station(t, r, 1, b)
            let areaText = r.fields[2]
            guard let area = StationArea(rawValue: areaText) else {
                throw t.error(.invalidArea, r, "area \"\(areaText)\" is not entrance, ticket_hall, corridor or platform")
            }
            let lineName = r.fields[3], direction = r.fields[4]
            var line: LineID?
            if area == .platform {
                guard !lineName.isEmpty, !direction.isEmpty else {
                    throw t.error(.platformWithoutLine, r, "platform ap \(id) needs both line and direction")
                }
                guard let l = b.lineByName[lineName] else {
                    throw t.error(.unknownLine, r, "line \"\(lineName)\" is not listed by any station in stations.csv")
                }
                guard NetworkFolder.isValidDirection(direction) else {
                    throw t.error(.invalidField, r, "direction \"\(direction)\" is not 1–8 letters A–Z")
                }
                guard b.callingDirections[station.index].contains(LineDirection(line: l, direction: direction)) else {
                    throw t.error(
                        .lineNotCalling, r,
                        "no \(lineName) \(direction) link calls at \(b.stations[station.index].naptan) (ap \(id))")
                }
                line = l
            } else if !lineName.isEmpty || !direction.isEmpty {
                throw t.error(.invalidField, r, "\(areaText) ap \(id) must have empty line and direction")
            }
            guard b.accessPoints.count < Int(UInt32.max) else { throw t.error(.invalidField, r, "too many access points") }
            b.accessPoints.append(AccessPoint(
                id: id, station: station, area: area, line: line, direction: area == .platform ? direction : nil))
            hasAP[station.index] = true
        }
        if let missing = hasAP.firstIndex(of: false) {
            throw ThrongIOError(
                .stationWithoutAccessPoints,
                "station \(b.stations[missing].naptan) (\(b.stations[missing].name)) has no access point",
                file: t.file)
        }
    }

    static func parseInterchanges(_ t: CSVTable, into b: inout Builder) throws(ThrongIOError) {
        var seen: Set<String> = []
        for r in t.records {
            let from = try station(t, r, 0, b)
            let fromLine = try line(t, r, 1, at: from, b)
            let to = try station(t, r, 2, b)
            let toLine = try line(t, r, 3, at: to, b)
            if from == to, fromLine == toLine {
                throw t.error(.invalidField, r, "an interchange within one station needs two different lines")
            }
            let walk = try t.double(r, 4)
            guard walk >= 0 else { throw t.error(.invalidField, r, "walk_min \(walk) is negative") }
            let key = "\(from.rawValue)|\(fromLine.rawValue)|\(to.rawValue)|\(toLine.rawValue)"
            guard seen.insert(key).inserted else {
                throw t.error(.duplicateInterchange, r, "duplicate interchange \(r.fields[0..<4].joined(separator: ","))")
            }
            b.interchanges.append(Interchange(fromStation: from, fromLine: fromLine, toStation: to, toLine: toLine, walkMinutes: walk))
        }
    }

    /// Rows of `no_through_rides.csv`: each names two links of the line that exist and meet at
    /// `via` (`from → via`, `via → to`), listed once.
    static func parseNoThroughRides(_ t: CSVTable, _ b: Builder) throws(ThrongIOError) -> [NoThroughRide] {
        var result: [NoThroughRide] = []
        var seen: Set<NoThroughRide> = []
        for r in t.records {
            let name = try t.text(r, 0)
            guard let line = b.lineByName[name] else {
                throw t.error(.unknownLine, r, "line \"\(name)\" is not listed by any station in stations.csv")
            }
            let from = try station(t, r, 1, b), via = try station(t, r, 2, b), to = try station(t, r, 3, b)
            guard from != to else { throw t.error(.invalidField, r, "from_naptan and to_naptan are the same station (a reversal, not a through ride)") }
            for (x, y) in [(from, via), (via, to)] where !b.links.contains(where: { $0.line == line && $0.from == x && $0.to == y }) {
                throw t.error(.invalidField, r, "no \(name) link \(b.stations[x.index].naptan)→\(b.stations[y.index].naptan) in links.csv")
            }
            let rule = NoThroughRide(line: line, from: from, via: via, to: to)
            guard seen.insert(rule).inserted else { throw t.error(.invalidField, r, "restriction listed twice") }
            result.append(rule)
        }
        return result
    }

    /// A line field that must be one of the station's lines.
    static func line(_ t: CSVTable, _ r: CSVRecord, _ column: Int, at station: StationID, _ b: Builder) throws(ThrongIOError) -> LineID {
        let name = try t.text(r, column)
        guard let l = b.lineByName[name] else {
            throw t.error(.unknownLine, r, "\(t.header[column]) \"\(name)\" is not listed by any station in stations.csv")
        }
        guard b.stations[station.index].lines.contains(l) else {
            throw t.error(.lineNotCalling, r, "\(name) does not call at \(b.stations[station.index].naptan)")
        }
        return l
    }
}
