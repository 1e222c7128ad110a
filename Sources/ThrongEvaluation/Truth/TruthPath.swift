public import ThrongCore
import ThrongSimulator

/// Resolves a truth path string into the directed links it rides.
public enum TruthPath {
    /// The links of `path` (`A>Line>B>Line2>C`, `>walk>` for out-of-station walks): each ride
    /// from `A` to `B` on `Line` is the fewest-links sequence of that line's directed links
    /// (breadth-first). `nil` if a station, a line or a ride cannot be resolved.
    public static func links(of path: String, in network: Network) -> [LinkID]? {
        let parts = path.split(separator: ">").map(String.init)
        guard parts.count >= 3, parts.count % 2 == 1 else { return nil }
        var result: [LinkID] = []
        var i = 0
        while i + 2 < parts.count {
            guard let from = network.stationByNaptan[parts[i]], let to = network.stationByNaptan[parts[i + 2]] else { return nil }
            let mode = parts[i + 1]
            if mode != "walk" {
                guard let line = network.lineByName[mode], let ride = ride(line: line, from: from, to: to, in: network) else { return nil }
                result.append(contentsOf: ride)
            }
            i += 2
        }
        return result
    }

    /// The links of `path` for a journey from `origin` to `destination` in `band`: those of the
    /// route finder's candidate (``RouteCache``, any band if not found in `band`) whose truth
    /// path string is `path`, since the simulator chooses among the same finder's routes and a
    /// ride's stations alone can be ambiguous. Falls back to ``links(of:in:)``.
    ///
    /// `ambiguous` receives the links that not every matching candidate rides: when two
    /// candidates share the path string (Northern line Camden Town → Euston direct or via
    /// Mornington Crescent), the truth file does not say which one was taken.
    public static func links(
        of path: String, origin: StationID, destination: StationID, band: TimeBand, routes: RouteCache, ambiguous: inout Set<LinkID>
    ) -> [LinkID]? {
        let network = routes.network
        for b in [band] + TimeBand.allCases.filter({ $0 != band }) {
            var matches: [[LinkID]] = []
            for c in routes.routes(from: origin, to: destination, band: b).candidates
            where RouteOption.path(of: c.route, network: network) == path {
                var links: [LinkID] = []
                for leg in c.route.legs { if case .ride(_, let l, _) = leg { links.append(contentsOf: l) } }
                matches.append(links)
            }
            guard let first = matches.first else { continue }
            if matches.count > 1 {
                let all = Set(matches.flatMap { $0 })
                let common = matches.dropFirst().reduce(Set(first)) { $0.intersection($1) }
                ambiguous.formUnion(all.subtracting(common))
            }
            return first
        }
        return links(of: path, in: network)
    }

    /// The links of a ridden path (`truth/journeys.csv.zst` column `ridden_path`:
    /// `A>Line>B>Line>C…`, every station passed, `>walk>` for out-of-station walks): each
    /// `>line>` hop is the line's directed link between the two stations. `nil` if a station or
    /// a line is unknown or a hop is not a link of `network` (e.g. a truth written on another
    /// network), or the string is malformed.
    public static func links(ofRidden path: String, in network: Network) -> [LinkID]? {
        let parts = path.split(separator: ">", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, parts.count % 2 == 1 else { return nil }
        var result: [LinkID] = []
        var i = 0
        while i + 2 < parts.count {
            guard let from = network.stationByNaptan[parts[i]], let to = network.stationByNaptan[parts[i + 2]] else { return nil }
            if parts[i + 1] != "walk" {
                guard let line = network.lineByName[parts[i + 1]],
                    let link = network.outgoing[from.index].first(where: { network.links[$0.index].line == line && network.links[$0.index].to == to })
                else { return nil }
                result.append(link)
            }
            i += 2
        }
        return result
    }

    /// Fewest links from `from` to `to` along `line`'s directed links.
    static func ride(line: LineID, from: StationID, to: StationID, in network: Network) -> [LinkID]? {
        guard from != to else { return [] }
        var via = [Int](repeating: -1, count: network.stations.count)
        var seen = [Bool](repeating: false, count: network.stations.count)
        seen[from.index] = true
        var queue = [from.index]
        var head = 0
        while head < queue.count {
            let s = queue[head]
            head += 1
            if s == to.index { break }
            for l in network.outgoing[s] {
                let link = network.links[l.index]
                guard link.line == line, !seen[link.to.index] else { continue }
                seen[link.to.index] = true
                via[link.to.index] = l.index
                queue.append(link.to.index)
            }
        }
        guard seen[to.index] else { return nil }
        var links: [LinkID] = []
        var s = to.index
        while s != from.index {
            let l = via[s]
            links.append(LinkID(UInt32(l)))
            s = network.links[l].from.index
        }
        return links.reversed()
    }
}
