import ThrongCore

extension CrowdingIndex {
    /// Minutes allowed for a change between lines within a station (walk and wait).
    public static let changeMinutes = 4.0

    /// Crowding along a planned route departing at `departure` (epoch ms, from the origin platform).
    ///
    /// A link or station outside the index with ``CrowdingBasis/observed`` counts as without
    /// data (``RouteCrowding/linksWithoutData``); the trip's level word is its busiest link's.
    /// Each link is read at the time the train is expected to leave its first station: running
    /// times of the time band (AM peak on weekday peaks, else inter-peak), ``changeMinutes`` for
    /// each change of line, the walk's minutes for a walk.
    public func crowding(along route: PlannedRoute, departure: Int64, basis: CrowdingBasis = .automatic) throws(ThrongQueryError) -> RouteCrowding {
        guard departure >= Timestamp.minMillis, departure <= Timestamp.maxMillis else {
            throw ThrongQueryError(.invalidArgument, "departure \(departure) ms is outside \(Timestamp.minMillis)…\(Timestamp.maxMillis)")
        }
        for leg in route.legs {
            if case .ride(_, let from, let to, let links) = leg,
               !stations.contains(from) || !stations.contains(to) || links.contains(where: { $0.index >= network.links.count }) {
                throw ThrongQueryError(.invalidRoute, "the route names a station or link that is not in the network")
            }
        }
        var t = Double(departure)
        var legs: [LegCrowding] = []
        var stationsPassed: [StationCrowding] = []
        var peakPeople: Double?, peakFraction: Double?
        var weighted = 0.0, minutesWithData = 0.0
        var missing = 0
        var previousWasRide = false
        var peakLevel: BusynessLevel?
        for leg in route.legs {
            switch leg {
            case .walk(_, _, let minutes):
                let start = Int64(t)
                t += minutes * 60_000
                legs.append(LegCrowding(leg: leg, start: start, end: Int64(t), links: [], busiest: nil))
                previousWasRide = false
            case .ride(_, let from, let to, let links):
                if previousWasRide { t += Self.changeMinutes * 60_000 }
                let start = Int64(t)
                stationsPassed.append(stationReading(from, time: start, basis: basis))
                var readings: [LinkCrowding] = []
                readings.reserveCapacity(links.count)
                var busiest: LinkCrowding?
                for link in links {
                    let at = Int64(t)
                    let reading = linkReading(link, time: at, basis: basis)
                    let minutes = network.links[link.index].minutes[calendar.timeBand(at: at)]
                    if let p = reading.people?.people {
                        if p > (busiest?.people?.people ?? -1) { busiest = reading }
                        peakPeople = max(peakPeople ?? p, p)
                        if let l = reading.level, l.rank > (peakLevel?.rank ?? -1) { peakLevel = l }
                    } else {
                        missing += 1
                    }
                    if let f = reading.percentageOfBaseline {
                        peakFraction = max(peakFraction ?? f, f)
                        weighted += f * minutes
                        minutesWithData += minutes
                    }
                    readings.append(reading)
                    t += minutes * 60_000
                }
                stationsPassed.append(stationReading(to, time: Int64(t), basis: basis))
                legs.append(LegCrowding(leg: leg, start: start, end: Int64(t), links: readings, busiest: busiest))
                previousWasRide = true
            }
        }
        // The trip's word is its busiest link's word (each link's fraction with its own people).
        let level = peakLevel
        return RouteCrowding(
            route: route, departure: departure, arrival: Int64(t), legs: legs, stations: stationsPassed,
            peakPeople: peakPeople, peakPercentageOfBaseline: peakFraction,
            meanPercentageOfBaseline: minutesWithData > 0 ? weighted / minutesWithData : nil,
            level: level, linksWithoutData: missing
        )
    }

    /// A station reading that never throws: outside the index with `.observed` it is "not covered".
    func stationReading(_ station: StationID, time: Int64, basis: CrowdingBasis) -> StationCrowding {
        if let c = try? crowding(at: station, time: time, basis: basis) { return c }
        var r = CrowdingReading(start: time, end: time, source: .observed, day: TypicalDay(serviceDate: calendar.serviceDate(of: time)), band: calendar.localMinuteOfDay(time) / 15)
        r.unavailable = .notCovered
        return StationCrowding(station: station, measure: .occupancy, reading: r)
    }

    /// A link reading that never throws (see ``stationReading(_:time:basis:)``).
    func linkReading(_ link: LinkID, time: Int64, basis: CrowdingBasis) -> LinkCrowding {
        if let c = try? crowding(onLink: link, time: time, basis: basis) { return c }
        var r = CrowdingReading(start: time, end: time, source: .observed, day: TypicalDay(serviceDate: calendar.serviceDate(of: time)), band: calendar.localMinuteOfDay(time) / 15)
        r.unavailable = .notCovered
        return LinkCrowding(link: link, reading: r)
    }

    /// The least crowded departure for `route` within `window` (epoch ms), trying one departure
    /// every `stepMinutes` from the window's start.
    ///
    /// The best departure has the lowest ``RouteCrowding/peakPeople`` among departures whose
    /// every link has data; the earliest wins ties.
    /// - Throws: ``ThrongQueryError/Code/invalidArgument`` for an empty window or a step outside 1…60 minutes.
    public func leastCrowdedDeparture(
        along route: PlannedRoute, window: Range<Int64>, stepMinutes: Int = 5, basis: CrowdingBasis = .automatic
    ) throws(ThrongQueryError) -> DepartureAdvice {
        guard !window.isEmpty else { throw ThrongQueryError(.invalidArgument, "the departure window is empty") }
        guard (1...60).contains(stepMinutes) else { throw ThrongQueryError(.invalidArgument, "step must be 1…60 minutes, not \(stepMinutes)") }
        guard window.lowerBound >= Timestamp.minMillis, window.upperBound <= Timestamp.maxMillis,
              window.upperBound - window.lowerBound <= 24 * 3_600_000 else {
            throw ThrongQueryError(.invalidArgument, "the departure window is longer than 24 hours")
        }
        var candidates: [RouteCrowding] = []
        var t = window.lowerBound
        while t < window.upperBound {
            candidates.append(try crowding(along: route, departure: t, basis: basis))
            t += Int64(stepMinutes) * 60_000
        }
        let full = candidates.filter(\.dataAvailable)
        var best: RouteCrowding?, worst: RouteCrowding?
        for c in full {
            if best == nil || c.peakPeople! < best!.peakPeople! { best = c }
            if worst == nil || c.peakPeople! > worst!.peakPeople! { worst = c }
        }
        return DepartureAdvice(candidates: candidates, best: best, first: candidates[0], worst: worst)
    }
}
