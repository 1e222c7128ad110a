public import ThrongCore

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
