public import ThrongCore

extension LineClosure {
    /// The stations of the closed section in order, from `from` to `to`, along the line's links
    /// (breadth-first over the line's directed links).
    public func section(in network: Network) throws(SimulatorError) -> [StationID] {
        guard let line = network.lineByName[self.line] else {
            throw SimulatorError(.invalidNetwork, "closure: no line named \(self.line)")
        }
        guard let a = network.stationByNaptan[from], let b = network.stationByNaptan[to] else {
            throw SimulatorError(.invalidNetwork, "closure: unknown station in \(description)")
        }
        var previous = [Int](repeating: -1, count: network.stations.count)
        var queue = [a.index]
        previous[a.index] = a.index
        var head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            if s == b.index { break }
            for l in network.outgoing[s] {
                let link = network.links[l.index]
                guard link.line == line, previous[link.to.index] < 0 else { continue }
                previous[link.to.index] = s
                queue.append(link.to.index)
            }
        }
        guard previous[b.index] >= 0, a != b else {
            throw SimulatorError(.invalidNetwork, "closure: \(to) is not reachable from \(from) on the \(self.line) line")
        }
        var path = [b.index]
        while path.last! != a.index { path.append(previous[path.last!]) }
        return path.reversed().map { StationID(UInt16($0)) }
    }

    /// The network without the line's links between consecutive stations of the section (both
    /// directions). Other lines and the stations themselves stay.
    public func apply(to network: Network) throws(SimulatorError) -> Network {
        let line = network.lineByName[self.line]!
        let stations = try section(in: network)
        var closed = Set<[UInt16]>()
        for i in 1..<stations.count {
            closed.insert([stations[i - 1].rawValue, stations[i].rawValue])
            closed.insert([stations[i].rawValue, stations[i - 1].rawValue])
        }
        let links = network.links.filter { !($0.line == line && closed.contains([$0.from.rawValue, $0.to.rawValue])) }
        return Network(lines: network.lines, stations: network.stations, links: links,
                       accessPoints: network.accessPoints, interchanges: network.interchanges)
    }
}
