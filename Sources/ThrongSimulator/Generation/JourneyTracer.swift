import ThrongCore

/// Walks a passenger through a route in time and lists the pings their device would make.
///
/// Entry: street entrance → ticket hall → (corridor) → platform; wait for the train (uniform
/// in 0…headway); ride with the band's running times (which include dwell); a dwell ping at
/// intermediate wifi stations with probability `dwell`; at a change, walk
/// (`Network.walkMinutes` × factor) and wait again; at the destination alight, walk out
/// through corridor, ticket hall and entrance. Pings only at wifi stations.
struct JourneyTracer {
    let network: Network
    let plan: WifiPlan
    let model: PingModel
    let headways: [Double]

    struct Ping { var ms: Int64; var ap: AccessPointID }

    init(network: Network, plan: WifiPlan, model: PingModel, parameters: RouteParameters) {
        self.network = network
        self.plan = plan
        self.model = model
        headways = network.lines.map { parameters.headway(lineName: $0) }
    }

    /// Traces a journey; returns the time at the destination's street exit, appending pings.
    func trace(_ legs: [RouteLeg], departMs: Int64, band: TimeBand, rng: inout SimRandom, pings: inout [Ping]) -> Int64 {
        var t = Double(departMs)
        let minute = 60_000.0
        let peakFactor = band == .amPeak ? 1.0 : model.offPeakHeadwayFactor
        func area(_ aps: [AccessPointID], _ p: Double, _ start: Double, _ duration: Double, _ rng: inout SimRandom) {
            guard !aps.isEmpty, rng.chance(p) else { return }
            let ap = aps.count == 1 ? aps[0] : aps[rng.below(aps.count)]
            pings.append(Ping(ms: Int64(start + rng.uniform(0, duration)), ap: ap))
        }
        func draw(_ r: ClosedRange<Double>, _ rng: inout SimRandom) -> Double { rng.uniform(r.lowerBound, r.upperBound) * minute }

        // Walk in at a station (from the street).
        func walkIn(_ s: StationID, _ rng: inout SimRandom) {
            let wifi = plan.isWifi[s.index]
            let aps = plan.aps[s.index]
            let d1 = draw(model.entranceWalk, &rng)
            if wifi { area(aps.entrances, model.entrance, t, d1, &rng) }
            t += d1
            let d2 = draw(model.ticketHallWalk, &rng)
            if wifi { area(aps.ticketHalls, model.ticketHall, t, d2, &rng) }
            t += d2
            let hasCorridor = wifi && !aps.corridors.isEmpty
            let d3 = draw(hasCorridor ? model.corridorWalk : model.shortWalk, &rng)
            if hasCorridor { area(aps.corridors, model.corridor, t, d3, &rng) }
            t += d3
        }
        // Walk out at a station (to the street).
        func walkOut(_ s: StationID, _ rng: inout SimRandom) {
            let wifi = plan.isWifi[s.index]
            let aps = plan.aps[s.index]
            let hasCorridor = wifi && !aps.corridors.isEmpty
            let d1 = draw(hasCorridor ? model.corridorWalk : model.shortWalk, &rng)
            if hasCorridor { area(aps.corridors, model.corridor, t, d1, &rng) }
            t += d1
            let d2 = draw(model.ticketHallWalk, &rng)
            if wifi { area(aps.ticketHalls, model.ticketHall, t, d2, &rng) }
            t += d2
            let d3 = draw(model.entranceWalk, &rng)
            if wifi { area(aps.entrances, model.entrance, t, d3, &rng) }
            t += d3
        }

        walkIn(legs[0].firstStation, &rng)
        var previousLine: LineID?
        var station = legs[0].firstStation
        for (i, leg) in legs.enumerated() {
            switch leg {
            case .walk(let from, let to, let minutes):
                walkOut(from, &rng)
                t += minutes * rng.uniform(model.interchangeWalkFactor.lowerBound, model.interchangeWalkFactor.upperBound) * minute
                walkIn(to, &rng)
                previousLine = nil
                station = to
            case .ride(let line, let links, let stations):
                if let previousLine, i > 0 {
                    // In-station interchange walk (platform to platform).
                    let walk = network.walkMinutes(from: station, line: previousLine, to: station, line: line) ?? Interchange.defaultWalkMinutes
                    let d = walk * rng.uniform(model.interchangeWalkFactor.lowerBound, model.interchangeWalkFactor.upperBound) * minute
                    if plan.isWifi[station.index] { area(plan.aps[station.index].corridors, model.corridor, t, d, &rng) }
                    t += d
                }
                // Wait on the platform.
                let direction = network.links[links[0].index].direction
                let wait = rng.uniform(0, headways[line.index] * peakFactor) * minute
                if plan.isWifi[station.index], let ap = plan.aps[station.index].platform(line: line, direction: direction) {
                    if rng.chance(model.platformArrival) { pings.append(Ping(ms: Int64(t + rng.uniform(0, min(wait, 20_000) + 1)), ap: ap)) }
                    var next = t + rng.uniform(model.waitPingSeconds.lowerBound, model.waitPingSeconds.upperBound) * 1000
                    while next < t + wait {
                        pings.append(Ping(ms: Int64(next), ap: ap))
                        next += rng.uniform(model.waitPingSeconds.lowerBound, model.waitPingSeconds.upperBound) * 1000
                    }
                }
                t += wait
                // Ride.
                for (j, id) in links.enumerated() {
                    let link = network.links[id.index]
                    t += link.runningMinutes[band] * minute
                    let s = stations[j + 1]
                    if j + 1 < links.count, plan.isWifi[s.index], rng.chance(model.dwell),
                       let ap = plan.aps[s.index].platform(line: line, direction: link.direction) {
                        pings.append(Ping(ms: Int64(t - rng.uniform(0, 25_000)), ap: ap))
                    }
                }
                station = stations[stations.count - 1]
                previousLine = line
                if i == legs.count - 1 || legs[i + 1].line == nil {
                    // Alighting for the exit or an out-of-station walk.
                    let lastDirection = network.links[links[links.count - 1].index].direction
                    if plan.isWifi[station.index], rng.chance(model.alight),
                       let ap = plan.aps[station.index].platform(line: line, direction: lastDirection) {
                        pings.append(Ping(ms: Int64(t + rng.uniform(0, 20_000)), ap: ap))
                    }
                }
            }
        }
        walkOut(station, &rng)
        return Int64(t)
    }
}
