/// A metro network: stations, lines, directed links with running times, wifi access
/// points and interchange walking times. Immutable once built; cheap to share.
///
/// Build one with ``init(lines:stations:links:accessPoints:interchanges:)``, which checks
/// consistency, or load a network folder with `NetworkLoader` (module `ThrongIO`).
public struct Network: Sendable {
    /// Line names, indexed by ``LineID``.
    public let lines: [String]
    /// Stations, indexed by ``StationID``.
    public let stations: [Station]
    /// Directed links, indexed by ``LinkID``.
    public let links: [Link]
    /// Access points, indexed by ``AccessPointID``.
    public let accessPoints: [AccessPoint]
    /// Listed interchanges (in-station and between stations of one complex).
    public let interchanges: [Interchange]
    /// Through movements no train runs (branches that do not connect at a junction).
    public let noThroughRides: [NoThroughRide]

    /// Station by NaPTAN code.
    public let stationByNaptan: [String: StationID]
    /// Line by name.
    public let lineByName: [String: LineID]
    /// Access point by the id used in logs.
    public let accessPointByID: [String: AccessPointID]
    /// Outgoing links of each station, indexed by ``StationID``.
    public let outgoing: [[LinkID]]
    /// Access points of each station, indexed by ``StationID``.
    public let accessPointsOfStation: [[AccessPointID]]
    private let walkTable: [InterchangeKey: Double]
    private let forbiddenThrough: Set<NoThroughRide>

    struct InterchangeKey: Hashable, Sendable {
        var fromStation: StationID
        var fromLine: LineID
        var toStation: StationID
        var toLine: LineID
    }

    /// Builds a network and its lookup tables. Identifiers in the arguments are indices
    /// into `lines` and `stations`; the caller (a loader) has validated them.
    public init(
        lines: [String], stations: [Station], links: [Link], accessPoints: [AccessPoint], interchanges: [Interchange],
        noThroughRides: [NoThroughRide] = []
    ) {
        self.lines = lines
        self.stations = stations
        self.links = links
        self.accessPoints = accessPoints
        self.interchanges = interchanges
        self.noThroughRides = noThroughRides
        forbiddenThrough = Set(noThroughRides)
        var byNaptan: [String: StationID] = [:]
        for (i, s) in stations.enumerated() { byNaptan[s.naptan] = StationID(UInt16(i)) }
        stationByNaptan = byNaptan
        var byLine: [String: LineID] = [:]
        for (i, l) in lines.enumerated() { byLine[l] = LineID(UInt8(i)) }
        lineByName = byLine
        var byAP: [String: AccessPointID] = [:]
        var apsOf = [[AccessPointID]](repeating: [], count: stations.count)
        for (i, ap) in accessPoints.enumerated() {
            let id = AccessPointID(UInt32(i))
            byAP[ap.id] = id
            apsOf[ap.station.index].append(id)
        }
        accessPointByID = byAP
        accessPointsOfStation = apsOf
        var out = [[LinkID]](repeating: [], count: stations.count)
        for (i, l) in links.enumerated() { out[l.from.index].append(LinkID(UInt32(i))) }
        outgoing = out
        var walk: [InterchangeKey: Double] = [:]
        for x in interchanges {
            walk[InterchangeKey(fromStation: x.fromStation, fromLine: x.fromLine, toStation: x.toStation, toLine: x.toLine)] = x.walkMinutes
        }
        walkTable = walk
    }

    /// Walking minutes to change from `fromLine` at `fromStation` to `toLine` at `toStation`.
    ///
    /// Within one station an unlisted pair of lines costs ``Interchange/defaultWalkMinutes``;
    /// between two stations only listed pairs are possible (`nil` otherwise).
    public func walkMinutes(from fromStation: StationID, line fromLine: LineID, to toStation: StationID, line toLine: LineID) -> Double? {
        let key = InterchangeKey(fromStation: fromStation, fromLine: fromLine, toStation: toStation, toLine: toLine)
        if let minutes = walkTable[key] { return minutes }
        return fromStation == toStation ? Interchange.defaultWalkMinutes : nil
    }

    /// Whether a train arriving over link `arriving` may continue over link `departing`
    /// without a change: same line, consecutive, and not listed in ``noThroughRides``
    /// (reversing is the direction codes' business, see `docs/routing.md`).
    public func allowsThroughRide(arriving: LinkID, departing: LinkID) -> Bool {
        let a = links[arriving.index], b = links[departing.index]
        guard a.line == b.line && a.to == b.from else { return false }
        return forbiddenThrough.isEmpty || !forbiddenThrough.contains(NoThroughRide(line: a.line, from: a.from, via: a.to, to: b.to))
    }

    /// Stations reachable on foot from `station` under a listed out-of-station interchange.
    public func walkNeighbours(of station: StationID) -> [StationID] {
        var result: [StationID] = []
        for x in interchanges where x.fromStation == station && x.toStation != station && !result.contains(x.toStation) {
            result.append(x.toStation)
        }
        return result
    }

    /// The station with a NaPTAN code, if any.
    public func station(naptan: String) -> Station? {
        stationByNaptan[naptan].map { stations[$0.index] }
    }
}
