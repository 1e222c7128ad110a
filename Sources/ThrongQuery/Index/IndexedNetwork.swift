public import ThrongCore

/// The network a ``CrowdingIndex`` describes: stations, lines and directed links, as the
/// snapshot recorded them (a snapshot is self-describing; no network folder is needed).
public struct IndexedNetwork: Sendable {
    /// One station.
    public struct Station: Hashable, Sendable {
        /// NaPTAN stop-area code, e.g. `940GZZLUOXC`.
        public var naptan: String
        /// Public name, e.g. `Oxford Circus`.
        public var name: String
        /// A name unique in the network: the public name, with the lines that tell it apart when
        /// several stations share it (`Paddington (H&C)`).
        public var displayName: String
        /// TfL National Location Code.
        public var nlc: Int?
        /// The NLC under which the station's counts are published (Monument: Bank's).
        public var countsNLC: Int?
        /// Lines calling here.
        public var lines: [LineID]
    }

    /// One directed link between adjacent stations on one line.
    public struct Link: Hashable, Sendable {
        /// The line.
        public var line: LineID
        /// `NB`, `SB`, `EB` or `WB`.
        public var direction: String
        /// Station the train leaves.
        public var from: StationID
        /// Station the train reaches next.
        public var to: StationID
        /// Running times in minutes (dwell at `to` included).
        public var minutes: RunningTimes
    }

    /// Stations, indexed by `StationID`.
    public let stations: [Station]
    /// Line names, indexed by `LineID`.
    public let lines: [String]
    /// Links, indexed by `LinkID`.
    public let links: [Link]
    /// Links leaving each station (CSR: `outgoing[outgoingStart[s] ..< outgoingStart[s + 1]]`).
    package let outgoingStart: [Int32]
    package let outgoing: [LinkID]

    /// Creates the network; display names are derived here.
    public init(stations: [Station], lines: [String], links: [Link]) {
        self.lines = lines
        self.links = links
        self.stations = Self.disambiguated(stations, lines: lines)
        var counts = [Int32](repeating: 0, count: stations.count + 1)
        for l in links { counts[l.from.index + 1] += 1 }
        for i in 0..<stations.count { counts[i + 1] += counts[i] }
        var fill = counts
        var out = [LinkID](repeating: LinkID(0), count: links.count)
        for (i, l) in links.enumerated() {
            out[Int(fill[l.from.index])] = LinkID(UInt32(i))
            fill[l.from.index] += 1
        }
        self.outgoingStart = counts
        self.outgoing = out
    }

    /// Creates the index's network from an engine `Network`.
    public init(_ network: Network) {
        self.init(
            stations: network.stations.map {
                Station(naptan: $0.naptan, name: $0.name, displayName: $0.name, nlc: $0.nlc, countsNLC: $0.countsNLC, lines: $0.lines)
            },
            lines: network.lines,
            links: network.links.map { Link(line: $0.line, direction: $0.direction, from: $0.from, to: $0.to, minutes: $0.runningMinutes) }
        )
    }

    /// Whether `other` has the same stations (by NaPTAN) and links (ends and line), in the same order.
    public func isSameNetwork(as other: IndexedNetwork) -> Bool {
        stations.count == other.stations.count && links.count == other.links.count
            && zip(stations, other.stations).allSatisfy { $0.naptan == $1.naptan }
            && zip(links, other.links).allSatisfy { $0.from == $1.from && $0.to == $1.to && $0.line == $1.line }
    }

    /// Links leaving `station`.
    public func links(from station: StationID) -> ArraySlice<LinkID> {
        outgoing[Int(outgoingStart[station.index])..<Int(outgoingStart[station.index + 1])]
    }

    /// The line called `name` (exact, then case-insensitive), if any.
    public func line(named name: String) -> LineID? {
        if let i = lines.firstIndex(of: name) { return LineID(UInt8(i)) }
        let key = StationNameKey.normalize(name)
        return lines.firstIndex { StationNameKey.normalize($0) == key }.map { LineID(UInt8($0)) }
    }

    /// The link of `line` from `from` to `to`, if adjacent.
    public func link(line: LineID, from: StationID, to: StationID) -> LinkID? {
        links(from: from).first { links[$0.index].line == line && links[$0.index].to == to }
    }

    /// The fewest links of `line` leading from `from` to `to` (breadth first), or nil.
    public func ride(line: LineID, from: StationID, to: StationID) -> [LinkID]? {
        if from == to { return [] }
        var previous = [Int32](repeating: -1, count: stations.count)   // link index that reached the station
        var queue = [from]
        var seen = [Bool](repeating: false, count: stations.count)
        seen[from.index] = true
        var head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            for l in links(from: s) where links[l.index].line == line {
                let t = links[l.index].to
                guard !seen[t.index] else { continue }
                seen[t.index] = true
                previous[t.index] = Int32(l.index)
                if t == to {
                    var path: [LinkID] = []
                    var at = to
                    while at != from {
                        let li = Int(previous[at.index])
                        path.append(LinkID(UInt32(li)))
                        at = links[li].from
                    }
                    return path.reversed()
                }
                queue.append(t)
            }
        }
        return nil
    }

    /// Short names used to tell stations apart: `H&C`, `W&C`, else the line name.
    static func shortLineName(_ name: String) -> String {
        switch name {
        case "Hammersmith & City": "H&C"
        case "Waterloo & City": "W&C"
        default: name
        }
    }

    /// Gives stations that share a public name a display name with the lines only they serve
    /// (or all their lines when they serve no line of their own, then the NaPTAN code).
    static func disambiguated(_ stations: [Station], lines: [String]) -> [Station] {
        var byName: [String: [Int]] = [:]
        for (i, s) in stations.enumerated() { byName[s.name, default: []].append(i) }
        var result = stations
        for (i, s) in stations.enumerated() { result[i].displayName = s.name }
        for (name, group) in byName where group.count > 1 {
            var used = Set<String>()
            for i in group {
                let others = Set(group.filter { $0 != i }.flatMap { stations[$0].lines })
                var own = stations[i].lines.filter { !others.contains($0) }
                if own.isEmpty { own = stations[i].lines }
                var label = "\(name) (\(own.map { shortLineName(lines[$0.index]) }.joined(separator: ", ")))"
                if used.contains(label) { label = "\(name) (\(stations[i].naptan))" }
                used.insert(label)
                result[i].displayName = label
            }
        }
        return result
    }
}
