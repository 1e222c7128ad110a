public import ThrongCore

/// A trip through the network: rides on lines between stations, and walks between stations.
public struct PlannedRoute: Hashable, Sendable {
    /// One part of a trip.
    public enum Leg: Hashable, Sendable {
        /// A ride on `line` from `from` to `to` over `links` (in order).
        case ride(line: LineID, from: StationID, to: StationID, links: [LinkID])
        /// An out-of-station walk.
        case walk(from: StationID, to: StationID, minutes: Double)
    }

    /// Minutes assumed for an out-of-station walk (a snapshot carries no walk times).
    public static let defaultWalkMinutes = 5.0

    /// The legs, in order.
    public var legs: [Leg]

    /// Creates a route from legs.
    public init(legs: [Leg]) { self.legs = legs }

    /// Reads a route written as stations and lines separated by `>`: a station token is a
    /// NaPTAN code or a name, a line token names the line ridden to the next stations, `walk`
    /// or `~` an out-of-station walk. Both the snapshot's `route_splits.path`
    /// (`940GZZLUKSX>Victoria>940GZZLUEUS>940GZZLUWRR>…`) and the short form with boarding,
    /// change and alighting stations only (`King's Cross St Pancras>Victoria>Green Park>Jubilee>Waterloo`) read.
    /// A token naming both a line and a station (`Victoria`) is the line when it follows a
    /// station and the station otherwise; write the NaPTAN code to be explicit.
    /// - Throws: ``ThrongQueryError/Code/invalidRoute`` naming the first token that does not fit.
    public init(path: String, in index: CrowdingIndex) throws(ThrongQueryError) {
        let tokens = path.split(separator: ">").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        var legs: [Leg] = []
        var current: StationID?
        var line: LineID?
        var walking = false
        var previousWasStation = false
        for token in tokens {
            if token == "~" || token.lowercased() == "walk" { walking = true; line = nil; previousWasStation = false; continue }
            // A token naming both a line and a station (Victoria) is the line right after a
            // station, the station otherwise; a NaPTAN code is always a station.
            if let l = index.network.line(named: token), previousWasStation || (try? index.stations.resolve(token)) == nil {
                line = l
                walking = false
                previousWasStation = false
                continue
            }
            previousWasStation = true
            let station: StationID
            do { station = try index.stations.resolve(token).requested } catch {
                throw ThrongQueryError(.invalidRoute, "route '\(path)': '\(token)' is neither a station nor a line", suggestions: error.suggestions, cause: error)
            }
            defer { current = station }
            guard let from = current else { continue }
            if walking {
                legs.append(.walk(from: from, to: station, minutes: Self.defaultWalkMinutes))
                walking = false
                continue
            }
            guard let l = line else {
                throw ThrongQueryError(.invalidRoute, "route '\(path)': no line given before '\(token)'")
            }
            guard let ride = index.network.ride(line: l, from: from, to: station), !ride.isEmpty else {
                throw ThrongQueryError(.invalidRoute, "route '\(path)': the \(index.network.lines[l.index]) line does not run from \(index.station(from).displayName) to \(index.station(station).displayName)")
            }
            if case .ride(let pl, let pf, _, let pLinks) = legs.last, pl == l {
                legs[legs.count - 1] = .ride(line: l, from: pf, to: station, links: pLinks + ride)
            } else {
                legs.append(.ride(line: l, from: from, to: station, links: ride))
            }
        }
        guard !legs.isEmpty else { throw ThrongQueryError(.invalidRoute, "route '\(path)' has no leg (write STATION>LINE>STATION)") }
        self.legs = legs
    }

    /// The first station.
    public var origin: StationID {
        switch legs.first! {
        case .ride(_, let from, _, _), .walk(let from, _, _): from
        }
    }

    /// The last station.
    public var destination: StationID {
        switch legs.last! {
        case .ride(_, _, let to, _), .walk(_, let to, _): to
        }
    }
}
