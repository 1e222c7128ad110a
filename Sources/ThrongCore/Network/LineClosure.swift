/// A closed section of one line between two stations on it, in both directions (planned works,
/// a suspension): the network as operated lacks the line's links between consecutive stations
/// of the section. Apply closures with ``Network/closing(_:)``.
///
/// ```swift
/// let closure = LineClosure(parsing: "Victoria:940GZZLUKSX-940GZZLUVIC")!
/// let operated = try network.closing([closure])
/// ```
public struct LineClosure: Sendable, Hashable, CustomStringConvertible {
    /// The line's name as in the network (`Victoria`).
    public var line: String
    /// NaPTAN of one end of the section.
    public var from: String
    /// NaPTAN of the other end.
    public var to: String

    /// Creates a closure.
    public init(line: String, from: String, to: String) {
        self.line = line
        self.from = from
        self.to = to
    }

    /// Parses `LINE:FROM-TO` with NaPTAN codes, e.g. `Victoria:940GZZLUKSX-940GZZLUVIC`
    /// (the last `:` separates the line; `nil` if the text does not have that shape).
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let line = String(text[..<colon])
        let ends = text[text.index(after: colon)...].split(separator: "-")
        guard !line.isEmpty, ends.count == 2 else { return nil }
        self.init(line: line, from: String(ends[0]), to: String(ends[1]))
    }

    /// `LINE:FROM-TO`.
    public var description: String { "\(line):\(from)-\(to)" }

    /// The stations of the closed section in order, from `from` to `to`, along the line's
    /// directed links (breadth-first: the fewest links). Throws `invalidNetwork` for an unknown
    /// line or station, equal ends, or ends not connected on the line.
    public func section(in network: Network) throws(ThrongCoreError) -> [StationID] {
        guard let line = network.lineByName[self.line] else {
            throw ThrongCoreError(.invalidNetwork, "closure: no line named \(self.line)")
        }
        guard let a = network.stationByNaptan[from], let b = network.stationByNaptan[to] else {
            throw ThrongCoreError(.invalidNetwork, "closure: unknown station in \(description)")
        }
        var previous = [Int](repeating: -1, count: network.stations.count)
        var queue = [a.index]
        previous[a.index] = a.index
        var head = 0
        while head < queue.count {
            let s = queue[head]
            head += 1
            if s == b.index { break }
            for l in network.outgoing[s] {
                let link = network.links[l.index]
                guard link.line == line, previous[link.to.index] < 0 else { continue }
                previous[link.to.index] = s
                queue.append(link.to.index)
            }
        }
        guard previous[b.index] >= 0, a != b else {
            throw ThrongCoreError(.invalidNetwork, "closure: \(to) is not reachable from \(from) on the \(self.line) line")
        }
        var path = [b.index]
        while path.last! != a.index { path.append(previous[path.last!]) }
        return path.reversed().map { StationID(UInt16($0)) }
    }
}
