import ThrongCore

/// Builds small networks for tests. Each segment adds links in both directions
/// (`dir` forward, its opposite back). Every station gets an entrance AP `<name>-E`, a ticket
/// hall AP `<name>-T`, and a platform AP `<name>-<line>-<dir>` per line and direction of the
/// links leaving or reaching it.
struct TestNetworkBuilder {
    var lineNames: [String] = []
    var stationNames: [String] = []
    var links: [Link] = []
    var interchanges: [Interchange] = []
    var noWifi: Set<String> = []
    /// Stations given corridor and platform access points only (no entrance, no ticket hall).
    var noStreet: Set<String> = []
    /// Through movements no train runs: (line, from, via, to) by name.
    var noThroughRides: [(String, String, String, String)] = []

    static func opposite(_ d: String) -> String {
        ["NB": "SB", "SB": "NB", "EB": "WB", "WB": "EB", "IR": "OR", "OR": "IR"][d]!
    }

    mutating func line(_ name: String) -> LineID {
        if let i = lineNames.firstIndex(of: name) { return LineID(UInt8(i)) }
        lineNames.append(name)
        return LineID(UInt8(lineNames.count - 1))
    }

    mutating func station(_ name: String) -> StationID {
        if let i = stationNames.firstIndex(of: name) { return StationID(UInt16(i)) }
        stationNames.append(name)
        return StationID(UInt16(stationNames.count - 1))
    }

    /// Adds a line through `stations` with `minutes` per link, forward direction `dir`.
    mutating func addLine(_ name: String, _ dir: String, _ stations: [String], minutes: [Double]) {
        let l = line(name)
        for i in 0..<(stations.count - 1) {
            let a = station(stations[i]), b = station(stations[i + 1])
            let t = RunningTimes(unimpeded: minutes[i], amPeak: minutes[i], interPeak: minutes[i])
            links.append(Link(line: l, direction: dir, from: a, to: b, distanceKm: 1, runningMinutes: t))
            links.append(Link(line: l, direction: Self.opposite(dir), from: b, to: a, distanceKm: 1, runningMinutes: t))
        }
    }

    mutating func addWalk(_ a: String, _ lineA: String, _ b: String, _ lineB: String, minutes: Double) {
        let sa = station(a), sb = station(b), la = line(lineA), lb = line(lineB)
        interchanges.append(Interchange(fromStation: sa, fromLine: la, toStation: sb, toLine: lb, walkMinutes: minutes))
        interchanges.append(Interchange(fromStation: sb, fromLine: lb, toStation: sa, toLine: la, walkMinutes: minutes))
    }

    func build() -> Network {
        var stationLines = [[LineID]](repeating: [], count: stationNames.count)
        var platformKeys = [[(LineID, String)]](repeating: [], count: stationNames.count)
        for link in links {
            for s in [link.from, link.to] where !stationLines[s.index].contains(link.line) { stationLines[s.index].append(link.line) }
            for s in [link.from, link.to] where !platformKeys[s.index].contains(where: { $0.0 == link.line && $0.1 == link.direction }) {
                platformKeys[s.index].append((link.line, link.direction))
            }
        }
        var stations: [Station] = []
        var aps: [AccessPoint] = []
        for (i, name) in stationNames.enumerated() {
            let id = StationID(UInt16(i))
            stations.append(Station(
                naptan: "N\(name)", name: name, nlc: i, countsNLC: i, latitude: 51, longitude: 0,
                fareZones: [1], lines: stationLines[i], platforms: platformKeys[i].count))
            if noWifi.contains(name) { continue }
            if !noStreet.contains(name) {
                aps.append(AccessPoint(id: "\(name)-E", station: id, area: .entrance))
                aps.append(AccessPoint(id: "\(name)-T", station: id, area: .ticketHall))
            }
            aps.append(AccessPoint(id: "\(name)-C", station: id, area: .corridor))
            for (l, d) in platformKeys[i] {
                aps.append(AccessPoint(id: "\(name)-\(lineNames[l.index])-\(d)", station: id, area: .platform, line: l, direction: d))
            }
        }
        let restrictions = noThroughRides.map { (l, a, v, b) in
            NoThroughRide(
                line: LineID(UInt8(lineNames.firstIndex(of: l)!)), from: StationID(UInt16(stationNames.firstIndex(of: a)!)),
                via: StationID(UInt16(stationNames.firstIndex(of: v)!)), to: StationID(UInt16(stationNames.firstIndex(of: b)!)))
        }
        return Network(
            lines: lineNames, stations: stations, links: links, accessPoints: aps, interchanges: interchanges,
            noThroughRides: restrictions)
    }
}

extension Network {
    func sid(_ name: String) -> StationID {
        StationID(UInt16(stations.firstIndex { $0.name == name }!))
    }

    func lid(_ name: String) -> LineID { lineByName[name]! }

    func ap(_ id: String) -> AccessPointID { accessPointByID[id]! }
}

enum TestNetworks {
    /// Red: A–B–D (3 + 3 min), Blue: A–C–D (3 + 4 min); Green: D–E (2 min).
    static func parallel() -> Network {
        var b = TestNetworkBuilder()
        b.addLine("Red", "EB", ["A", "B", "D"], minutes: [3, 3])
        b.addLine("Blue", "EB", ["A", "C", "D"], minutes: [3, 4])
        b.addLine("Green", "NB", ["D", "E"], minutes: [2])
        return b.build()
    }

    /// Ring: P–Q–R–S–P, 2 minutes per link, directions IR/OR.
    static func loop() -> Network {
        var b = TestNetworkBuilder()
        b.addLine("Ring", "IR", ["P", "Q", "R", "S", "P"], minutes: [2, 2, 2, 2])
        return b.build()
    }

    /// North: X–M1 (4 min); South: M2–Y (4 min); walking transfer M1 ↔ M2 (5 min).
    static func walking() -> Network {
        var b = TestNetworkBuilder()
        b.addLine("North", "SB", ["X", "M1"], minutes: [4])
        b.addLine("South", "SB", ["M2", "Y"], minutes: [4])
        b.addWalk("M1", "North", "M2", "South", minutes: 5)
        return b.build()
    }
}
