extension JourneyReconstructor {
    /// True if `b` continues the journey that `a` is part of (see `docs/semantics.md`).
    func linked(_ a: Visit, _ b: Visit) -> Bool {
        guard a.station != b.station else { return false }
        let gap = max(0, b.firstTime - a.lastTime)
        if gap > parameters.maxJourneyGapMillis { return false }
        let walkedIn = b.firstArea == .entrance && b.areas & ~1 != 0
        if a.walkedOut || walkedIn {
            return gap <= parameters.outOfStationWalkMillis && tables.walkNeighbours[a.station.index].contains(b.station)
        }
        let fastest = routes.fastestMinutes(from: a.station, to: b.station)
        guard fastest.isFinite else { return false }
        let allowed = fastest * 60_000 * parameters.travelFactor + Double(parameters.travelSlackMillis + 2 * parameters.clockSkewMillis)
        return Double(gap) <= allowed
    }

    /// True if `v`, the first or last visit of a journey (`exit`: the last), shows the device
    /// entering or leaving the station from or to the street: an entrance or ticket-hall ping, a
    /// corridor ping at a station served by one line, or, for the last visit, a last ping in a
    /// corridor (a change of line ends on the next platform; with
    /// ``ReconstructionParameters/corridorEndsAreExits`` off, only at a station with no entrance
    /// or ticket-hall access point). A corridor and platforms alone at a station of several
    /// lines is otherwise also what an in-station change of line looks like (the previous or
    /// next station unseen, or the device changed its MAC address in the corridor), so it does
    /// not make an observed end (see `docs/semantics.md`, "Observed end").
    func observedEnd(_ v: Visit, exit: Bool) -> Bool {
        if v.saw(.entrance) || v.saw(.ticketHall) { return true }
        guard v.saw(.corridor) else { return false }
        if tables.singleLine[v.station.index] { return true }
        guard exit && v.lastArea == .corridor else { return false }
        return parameters.corridorEndsAreExits || !tables.streetArea[v.station.index]
    }

    mutating func splitJourneys(counts: DeviceCounts) -> DeviceOutcome {
        var counts = counts
        var journeys: [ReconstructedJourney] = []
        var others: [Visit] = []
        var start = 0
        for i in 1...runs.count where i == runs.count || !linked(runs[i - 1], runs[i]) {
            if i - start == 1 {
                var v = runs[start]
                if v.areas == 1 && v.pingCount <= parameters.passerByMaxPings {
                    v.kind = .passerBy
                    others.append(v)
                    counts.passerByVisits += 1
                } else {
                    let inward = v.lastArea.depth > v.firstArea.depth
                    let outward = v.firstArea.depth > v.lastArea.depth
                    v.kind = inward ? .entry : outward ? .exit : .isolated
                    journeys.append(ReconstructedJourney(
                        origin: v.station, destination: v.station, entryTime: v.firstTime, exitTime: v.lastTime,
                        visits: [v], observedOrigin: inward && observedEnd(v, exit: false), observedDestination: outward && observedEnd(v, exit: true)))
                    counts.singleVisitJourneys += 1
                }
            } else {
                journeys.append(makeJourney(start..<i))
            }
            start = i
        }
        counts.journeys = journeys.count
        let classification: DeviceClassification = journeys.isEmpty ? .passerBy : .passenger
        return DeviceOutcome(classification: classification, journeys: journeys, otherVisits: others, counts: counts)
    }

    /// The journey of `runs[range]` (at least two visits).
    func makeJourney(_ range: Range<Int>) -> ReconstructedJourney {
        // A fresh array, uniquely referenced, so setting the kinds below does not copy it.
        var visits = Array(runs[range])
        let last = visits.count - 1
        for k in visits.indices {
            if k == 0 {
                visits[k].kind = .entry
            } else if k == last {
                visits[k].kind = .exit
            } else {
                let v = visits[k]
                var lines = 0
                for (j, s) in v.platforms.enumerated() where !v.platforms[..<j].contains(where: { $0.line == s.line }) { lines += 1 }
                let change = lines >= 2 || !v.platformOnly || v.durationMillis > parameters.interchangeDwellMillis
                visits[k].kind = change ? .interchange : .passThrough
            }
        }
        var journey = ReconstructedJourney(
            origin: visits[0].station, destination: visits[last].station, entryTime: visits[0].firstTime,
            exitTime: visits[last].lastTime, visits: visits,
            observedOrigin: observedEnd(visits[0], exit: false), observedDestination: observedEnd(visits[last], exit: true))
        if journey.origin != journey.destination {
            let band = calendar.timeBand(at: journey.entryTime)
            // The set is lent, not retained (RouteCache.withRoutes).
            let inferred = routes.withRoutes(from: journey.origin, to: journey.destination, band: band) { set -> PathInference? in
                guard var inference = tables.inferrer.infer(visits: visits, set: set, band: band) else { return nil }
                inference.routeIDs = set.routeIDs
                return inference
            }
            if let inference = inferred {
                var changes: [StationID] = []
                for k in 1..<last where journey.visits[k].kind == .passThrough {
                    if changes.isEmpty { changes = inference.chosen.route.interchangeStations }
                    if changes.contains(journey.visits[k].station) { journey.visits[k].kind = .interchange }
                }
                journey.inference = inference
            }
        }
        return journey
    }
}
