extension RouteFinder {
    /// Turns a graph path (source node first) into a route with its cost, or `nil` when it
    /// fails a filter: a station twice, too many interchanges, or a same-line change that
    /// neither reverses direction nor replaces a through ride no train runs
    /// (``Network/noThroughRides``, e.g. between the Northern line's branches at Euston).
    func candidate(for nodes: [Int32]) -> RouteCandidate? {
        let p = parameters
        var legs: [RouteLeg] = []
        var line = LineID(graph.nodeLine[Int(nodes[1])])
        var links: [LinkID] = []
        var legStations: [StationID] = [StationID(graph.nodeStation[Int(nodes[1])])]
        var stations: [StationID] = [legStations[0]]
        var minutes: [Double] = [0]
        var clock = 0.0
        var ivt = 0.0, walk = 0.0, changeWait = 0.0
        var changes = 0
        let initialWait = graph.headway[line.index] / 2
        var pendingReverse: Int8 = -1
        var pendingArrival: Int32 = -1
        for k in 2..<nodes.count {
            let a = Int(nodes[k - 1]), b = Int(nodes[k])
            let sa = StationID(graph.nodeStation[a]), sb = StationID(graph.nodeStation[b])
            if graph.nodeDirection[b] >= 0 {
                // Ride one link a → b.
                let linkIndex = graph.link(nodes[k - 1], nodes[k])
                guard linkIndex >= 0 else { return nil }
                if pendingReverse >= 0 {
                    let reverses = graph.opposite[Int(pendingReverse)] == graph.nodeDirection[b]
                    let needed = pendingArrival >= 0
                        && !network.allowsThroughRide(arriving: LinkID(UInt32(pendingArrival)), departing: LinkID(UInt32(linkIndex)))
                    if !reverses && !needed { return nil }
                    pendingReverse = -1
                }
                let id = LinkID(UInt32(linkIndex))
                links.append(id)
                legStations.append(sb)
                let run = network.links[id.index].runningMinutes[band]
                ivt += run
                clock += run
                if stations.contains(sb) { return nil }
                stations.append(sb)
                minutes.append(clock)
            } else {
                // Change a → b (in-station or walk).
                let newLine = LineID(graph.nodeLine[b])
                guard let w = network.walkMinutes(from: sa, line: line, to: sb, line: newLine) else { return nil }
                legs.append(.ride(line: line, links: links, stations: legStations))
                if sa != sb {
                    legs.append(.walk(from: sa, to: sb, minutes: w))
                    if stations.contains(sb) { return nil }
                    stations.append(sb)
                    minutes.append(clock + w)
                }
                if newLine == line && sa == sb {
                    pendingReverse = graph.nodeDirection[a]
                    pendingArrival = graph.nodeLink[a]
                }
                let wait = graph.headway[newLine.index] / 2
                walk += w
                changeWait += wait
                clock += w + wait
                changes += 1
                if changes > p.maxInterchanges { return nil }
                line = newLine
                links = []
                legStations = [sb]
            }
        }
        guard !links.isEmpty else { return nil }
        legs.append(.ride(line: line, links: links, stations: legStations))
        let penalty = Double(changes) * p.interchangePenalty
        let cost = RouteCost(
            inVehicleMinutes: ivt, initialWaitMinutes: initialWait, interchangeWaitMinutes: changeWait,
            walkMinutes: walk, interchanges: changes, penaltyMinutes: penalty,
            generalisedCost: p.inVehicleWeight * ivt + p.waitWeight * (initialWait + changeWait) + p.walkWeight * walk + penalty
        )
        return RouteCandidate(route: Route(legs: legs), cost: cost, stationMinutes: minutes)
    }
}
