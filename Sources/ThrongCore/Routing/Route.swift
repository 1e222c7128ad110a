/// One leg of a ``Route``: a ride on one line, or a walk between two stations of a complex.
public enum RouteLeg: Hashable, Sendable {
    /// A ride on `line` through `links` (consecutive, directed); `stations` has the boarding
    /// station first and the alighting station last (`links.count + 1` entries).
    case ride(line: LineID, links: [LinkID], stations: [StationID])
    /// A walk between two stations of one complex (an out-of-station interchange).
    case walk(from: StationID, to: StationID, minutes: Double)

    /// The first station of the leg.
    public var firstStation: StationID {
        switch self {
        case .ride(_, _, let stations): stations[0]
        case .walk(let from, _, _): from
        }
    }

    /// The last station of the leg.
    public var lastStation: StationID {
        switch self {
        case .ride(_, _, let stations): stations[stations.count - 1]
        case .walk(_, let to, _): to
        }
    }

    /// The line ridden, or `nil` for a walk.
    public var line: LineID? {
        if case .ride(let line, _, _) = self { return line }
        return nil
    }
}

/// A route through the network: ride legs, with interchanges between them (in-station, or a
/// walk leg between two stations of one complex).
public struct Route: Hashable, Sendable {
    /// The legs in order. Never empty; the first and last legs are rides.
    public var legs: [RouteLeg]

    /// Creates a route from legs.
    public init(legs: [RouteLeg]) { self.legs = legs }

    /// Hashes a summary of the legs (each ride's line, link count and end links; each walk's
    /// stations), not every link and station: routes are dictionary keys on the aggregation
    /// hot path. Equal routes have equal summaries, so this agrees with `==`; routes that
    /// differ only inside a ride are rare and told apart by `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(legs.count)
        for leg in legs {
            switch leg {
            case .ride(let line, let links, _):
                hasher.combine(line)
                hasher.combine(links.count)
                hasher.combine(links.first)
                hasher.combine(links.last)
            case .walk(let from, let to, _):
                hasher.combine(from)
                hasher.combine(to)
            }
        }
    }

    /// Every station passed, in order, each once (a change station appears once).
    public var stations: [StationID] {
        var result: [StationID] = []
        for leg in legs {
            switch leg {
            case .ride(_, _, let s):
                for x in s where result.last != x { result.append(x) }
            case .walk(let a, let b, _):
                if result.last != a { result.append(a) }
                result.append(b)
            }
        }
        return result
    }

    /// The stations where the passenger changes (both stations of an out-of-station walk).
    public var interchangeStations: [StationID] {
        var result: [StationID] = []
        for (i, leg) in legs.enumerated() where i > 0 {
            let s = leg.firstStation
            if result.last != s { result.append(s) }
            if case .walk(_, let to, _) = leg { result.append(to) }
        }
        return result
    }

    /// The number of line changes (a walk leg and the change around it count as one).
    public var interchangeCount: Int { legs.reduce(0) { $0 + ($1.line == nil ? 0 : 1) } - 1 }

    /// The lines ridden, in order (repeated if the passenger rides a line twice).
    public var lines: [LineID] { legs.compactMap(\.line) }

    /// The first station.
    public var origin: StationID { legs[0].firstStation }
    /// The last station.
    public var destination: StationID { legs[legs.count - 1].lastStation }

    /// A stable human name: line names separated by change stations, e.g.
    /// `Victoria > Green Park > Jubilee`; a walk shows as `Bank ~ Monument`.
    public func name(in network: Network) -> String {
        var parts: [String] = []
        var pendingWalkFrom: StationID?
        for (i, leg) in legs.enumerated() {
            switch leg {
            case .ride(let line, _, let stations):
                if i > 0 {
                    if let from = pendingWalkFrom {
                        parts.append("\(network.stations[from.index].name) ~ \(network.stations[stations[0].index].name)")
                    } else {
                        parts.append(network.stations[stations[0].index].name)
                    }
                }
                pendingWalkFrom = nil
                parts.append(network.lines[line.index])
            case .walk(let from, _, _):
                pendingWalkFrom = from
            }
        }
        return parts.joined(separator: " > ")
    }
}
