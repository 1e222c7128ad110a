extension Network {
    /// The network as operated with `closures`: without the closed lines' links between
    /// consecutive stations of each section (both directions). Lines, stations, access points
    /// and interchanges stay, with the same ``StationID``, ``LineID`` and ``AccessPointID``, so
    /// event logs resolve as before; the remaining links keep their order but are renumbered
    /// (``LinkID``s refer to the returned network). Every section is found on `self`, so
    /// overlapping closures are fine. No closures: `self`.
    ///
    /// Throws `invalidNetwork` for an unknown line or station, or ends not connected on the line
    /// (``LineClosure/section(in:)``).
    public func closing(_ closures: [LineClosure]) throws(ThrongCoreError) -> Network {
        guard !closures.isEmpty else { return self }
        var closed = Set<ClosedLink>()
        for closure in closures {
            let stations = try closure.section(in: self)
            let line = lineByName[closure.line]!  // section(in:) checked the name
            for i in 1..<stations.count {
                closed.insert(ClosedLink(line: line, from: stations[i - 1], to: stations[i]))
                closed.insert(ClosedLink(line: line, from: stations[i], to: stations[i - 1]))
            }
        }
        let open = links.filter { !closed.contains(ClosedLink(line: $0.line, from: $0.from, to: $0.to)) }
        return Network(lines: lines, stations: stations, links: open, accessPoints: accessPoints, interchanges: interchanges, noThroughRides: noThroughRides)
    }
}

/// A closed directed link by line and stations.
private struct ClosedLink: Hashable {
    var line: LineID
    var from: StationID
    var to: StationID
}
