import Foundation
public import ThrongCore

/// Loads and validates a network folder (`stations.csv`, `links.csv`, `access_points.csv`,
/// `interchanges.csv`, optionally `no_through_rides.csv`; format in `docs/formats.md`,
/// "Network folder").
///
/// Every inconsistency is a ``ThrongIOError`` whose ``ThrongIOError/file`` and
/// ``ThrongIOError/line`` name where it is: missing file, bad header, wrong field count,
/// unknown station or line, duplicate NaPTAN / access point / link / interchange, missing or
/// non-positive running time, bad area, platform access point without line, line not calling
/// at a station, station without access points, and so on.
///
/// Stations get ``StationID``s in file order; lines get ``LineID``s in byte order of their
/// names (deterministic whatever the row order); links, access points and interchanges keep
/// file order.
public enum NetworkLoader {
    /// Loads the network folder at `directory`.
    public static func load(directory: String) throws(ThrongIOError) -> Network {
        let stationsTable = try CSVTable.read(
            path: NetworkFolder.path(directory, NetworkFolder.stationsFile), expectedHeader: NetworkFolder.stationsHeader)
        let linksTable = try CSVTable.read(
            path: NetworkFolder.path(directory, NetworkFolder.linksFile), expectedHeader: NetworkFolder.linksHeader)
        let apTable = try CSVTable.read(
            path: NetworkFolder.path(directory, NetworkFolder.accessPointsFile), expectedHeader: NetworkFolder.accessPointsHeader)
        let interchangeTable = try CSVTable.read(
            path: NetworkFolder.path(directory, NetworkFolder.interchangesFile), expectedHeader: NetworkFolder.interchangesHeader)

        var builder = try parseStations(stationsTable)
        try parseLinks(linksTable, into: &builder)
        try parseAccessPoints(apTable, into: &builder)
        try parseInterchanges(interchangeTable, into: &builder)
        let restrictionsPath = NetworkFolder.path(directory, NetworkFolder.noThroughRidesFile)
        var restrictions: [NoThroughRide] = []
        if FileManager.default.fileExists(atPath: restrictionsPath) {
            let table = try CSVTable.read(path: restrictionsPath, expectedHeader: NetworkFolder.noThroughRidesHeader)
            restrictions = try parseNoThroughRides(table, builder)
        }
        return Network(
            lines: builder.lines, stations: builder.stations, links: builder.links,
            accessPoints: builder.accessPoints, interchanges: builder.interchanges, noThroughRides: restrictions)
    }

    /// The network under construction and its lookup tables.
    struct Builder {
        var lines: [String] = []
        var lineByName: [String: LineID] = [:]
        var stations: [Station] = []
        var stationByNaptan: [String: StationID] = [:]
        var links: [Link] = []
        /// (line, direction) pairs with a link from or to each station.
        var callingDirections: [Set<LineDirection>] = []
        var accessPoints: [AccessPoint] = []
        var interchanges: [Interchange] = []
    }

    /// A line and a direction code.
    struct LineDirection: Hashable {
        var line: LineID
        var direction: String
    }

    static func parseStations(_ t: CSVTable) throws(ThrongIOError) -> Builder {
        var b = Builder()
        var stationLineNames: [[String]] = []
        var rows: [(naptan: String, name: String, nlc: Int?, countsNLC: Int?, lat: Double, lon: Double, zones: [Int], platforms: Int)] = []
        var allLines: Set<String> = []
        for r in t.records {
            let naptan = try t.text(r, 0)
            if naptan.contains(where: { $0 == " " || $0 == ";" }) {
                throw t.error(.invalidField, r, "naptan \"\(naptan)\" contains a space or ';'")
            }
            if b.stationByNaptan[naptan] != nil {
                throw t.error(.duplicateStation, r, "duplicate naptan \(naptan)")
            }
            guard rows.count < Int(UInt16.max) else { throw t.error(.invalidField, r, "more than \(UInt16.max - 1) stations") }
            b.stationByNaptan[naptan] = StationID(UInt16(rows.count))
            let name = try t.text(r, 1)
            let nlc = try t.optionalInt(r, 2)
            let countsNLC = try t.optionalInt(r, 3)
            let lat = try t.double(r, 4)
            let lon = try t.double(r, 5)
            guard (-90...90).contains(lat) else { throw t.error(.invalidField, r, "lat \(lat) out of range") }
            guard (-180...180).contains(lon) else { throw t.error(.invalidField, r, "lon \(lon) out of range") }
            let zonesText = try t.text(r, 6)
            var zones: [Int] = []
            for z in zonesText.split(separator: "/", omittingEmptySubsequences: false) {
                guard let v = Int(z), v >= 1 else {
                    throw t.error(.invalidField, r, "fare_zones \"\(zonesText)\" is not like 1 or 2/3")
                }
                zones.append(v)
            }
            let linesText = try t.text(r, 7)
            var names: [String] = []
            for l in linesText.split(separator: ";", omittingEmptySubsequences: false) {
                let name = String(l)
                guard !name.isEmpty, name.trimmingSpaces == name else {
                    throw t.error(.invalidField, r, "lines \"\(linesText)\" has an empty or space-padded line name")
                }
                guard !names.contains(name) else { throw t.error(.invalidField, r, "line \(name) listed twice") }
                names.append(name)
                allLines.insert(name)
            }
            let platformsText = try t.text(r, 8)
            guard let platforms = Int(platformsText), platforms >= 1 else {
                throw t.error(.invalidField, r, "platforms \"\(platformsText)\" is not a positive integer")
            }
            stationLineNames.append(names)
            rows.append((naptan, name, nlc, countsNLC, lat, lon, zones, platforms))
        }
        guard allLines.count <= Int(UInt8.max) else {
            throw ThrongIOError(.invalidField, "more than \(UInt8.max) lines", file: t.file)
        }
        b.lines = allLines.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (i, name) in b.lines.enumerated() { b.lineByName[name] = LineID(UInt8(i)) }
        for (i, row) in rows.enumerated() {
            let lineIDs = stationLineNames[i].map { b.lineByName[$0]! }
            b.stations.append(Station(
                naptan: row.naptan, name: row.name, nlc: row.nlc, countsNLC: row.countsNLC, latitude: row.lat,
                longitude: row.lon, fareZones: row.zones, lines: lineIDs, platforms: row.platforms))
        }
        b.callingDirections = Array(repeating: [], count: b.stations.count)
        return b
    }

    static func parseLinks(_ t: CSVTable, into b: inout Builder) throws(ThrongIOError) {
        var seen: Set<String> = []
        for r in t.records {
            let lineName = try t.text(r, 0)
            guard let line = b.lineByName[lineName] else {
                throw t.error(.unknownLine, r, "line \"\(lineName)\" is not listed by any station in stations.csv")
            }
            let direction = try t.text(r, 1)
            guard NetworkFolder.isValidDirection(direction) else {
                throw t.error(.invalidField, r, "direction \"\(direction)\" is not 1–8 letters A–Z")
            }
            let from = try station(t, r, 2, b)
            let to = try station(t, r, 3, b)
            guard from != to else { throw t.error(.invalidField, r, "link from a station to itself") }
            for s in [from, to] where !b.stations[s.index].lines.contains(line) {
                throw t.error(.lineNotCalling, r, "\(lineName) is not among the lines of \(b.stations[s.index].naptan) in stations.csv")
            }
            let distance = try t.double(r, 4)
            guard distance >= 0 else { throw t.error(.invalidField, r, "distance_km \(distance) is negative") }
            var times: [Double] = []
            for c in 5...7 {
                let s = r.fields[c]
                guard !s.isEmpty else { throw t.error(.missingRunningTime, r, "\(t.header[c]) is missing") }
                guard let v = Double(s), v.isFinite, v > 0 else {
                    throw t.error(.invalidRunningTime, r, "\(t.header[c]) \"\(s)\" is not a positive number of minutes")
                }
                times.append(v)
            }
            let key = "\(line.rawValue)|\(direction)|\(from.rawValue)|\(to.rawValue)"
            guard seen.insert(key).inserted else {
                throw t.error(.duplicateLink, r, "duplicate link \(lineName) \(direction) \(b.stations[from.index].naptan)→\(b.stations[to.index].naptan)")
            }
            guard b.links.count < Int(UInt32.max) else { throw t.error(.invalidField, r, "too many links") }
            let note = r.fields[8]
            b.links.append(Link(
                line: line, direction: direction, from: from, to: to, distanceKm: distance,
                runningMinutes: RunningTimes(unimpeded: times[0], amPeak: times[1], interPeak: times[2]),
                note: note.isEmpty ? nil : note))
            b.callingDirections[from.index].insert(LineDirection(line: line, direction: direction))
            b.callingDirections[to.index].insert(LineDirection(line: line, direction: direction))
        }
        for (i, s) in b.stations.enumerated() {
            let served = Set(b.callingDirections[i].map(\.line))
            for l in s.lines where !served.contains(l) {
                throw ThrongIOError(
                    .lineNotCalling,
                    "station \(s.naptan) lists line \(b.lines[l.index]) in stations.csv but no link of that line calls there",
                    file: t.file)
            }
        }
    }

    /// The station named by a NaPTAN field.
    static func station(_ t: CSVTable, _ r: CSVRecord, _ column: Int, _ b: Builder) throws(ThrongIOError) -> StationID {
        let naptan = try t.text(r, column)
        guard let id = b.stationByNaptan[naptan] else {
            throw t.error(.unknownStation, r, "\(t.header[column]) \(naptan) is not in stations.csv")
        }
        return id
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
