/// Adds one reconstructed device to a worker's accumulator (rules: docs/aggregation.md).
package struct DeviceAggregation {
    let network: Network
    let calendar: ServiceCalendar
    let visitGapMillis: Int64
    /// Station of each access point.
    let apStation: [StationID]
    /// Whether each access point is on a platform.
    let apPlatform: [Bool]
    /// Whether journeys with one end observed feed link loads and interchange flows (the run's
    /// events cover every station; docs/aggregation.md).
    let partialJourneyLinks: Bool

    package init(network: Network, calendar: ServiceCalendar, parameters: ReconstructionParameters, partialJourneyLinks: Bool = false) {
        self.network = network
        self.calendar = calendar
        self.partialJourneyLinks = partialJourneyLinks
        visitGapMillis = parameters.visitGapMillis
        apStation = network.accessPoints.map(\.station)
        apPlatform = network.accessPoints.map { $0.area == .platform }
    }

    /// Adds one session of a device (``DeviceSessions``). `events` are the session's events
    /// sorted by time (as the reconstructor leaves them). `newDevice` false continues the
    /// previous call's device: a private release's contribution bounds then span both sessions
    /// (its devices are device-days).
    package func add(_ outcome: DeviceOutcome, events: borrowing [Event], to acc: inout CrowdingAccumulator, tally: inout DeviceTally,
                     newDevice: Bool = true) {
        Self.count(outcome, in: &tally)
        guard outcome.classification == .passenger else { return }
        if newDevice { acc.beginDevice() }
        addPresence(events, to: &acc)
        var none: CrowdingAccumulator? = nil
        for journey in outcome.journeys { add(journey, to: &acc, tally: &tally, partial: &none) }
    }

    /// The same, for an engine that does not yet know whether its events will cover every
    /// station (the live engine): link loads and interchange flows of journeys with one end
    /// observed go to `partial`, to be counted only when coverage is complete; everything else
    /// to `acc`. Exact releases only.
    package func add(_ outcome: DeviceOutcome, events: borrowing [Event], to acc: inout CrowdingAccumulator,
                     partial: inout CrowdingAccumulator, tally: inout DeviceTally) {
        Self.count(outcome, in: &tally)
        guard outcome.classification == .passenger else { return }
        acc.beginDevice()
        addPresence(events, to: &acc)
        var sink: CrowdingAccumulator? = partial
        partial = CrowdingAccumulator(binMillis: acc.binMillis)
        for journey in outcome.journeys { add(journey, to: &acc, tally: &tally, partial: &sink) }
        partial = sink!
    }

    /// ``addJourney(_:to:tally:)`` with one-end journeys' traversals to `partial` (see above).
    package func addJourney(_ journey: ReconstructedJourney, to acc: inout CrowdingAccumulator,
                            partial: inout CrowdingAccumulator, tally: inout DeviceTally) {
        acc.beginDevice()
        var sink: CrowdingAccumulator? = partial
        partial = CrowdingAccumulator(binMillis: acc.binMillis)
        add(journey, to: &acc, tally: &tally, partial: &sink)
        partial = sink!
    }

    /// Occupancy marks of a session that is still open, for a provisional figure (the live
    /// engine): the same rule as for a closed session's presence.
    package func addProvisionalPresence(_ events: borrowing [Event], to acc: inout CrowdingAccumulator) {
        addPresence(events, to: &acc)
    }

    /// The occupancy cells of a session that is still open, without counting them: the same
    /// rule as ``addProvisionalPresence(_:to:)``, for a provisional figure kept up to date cell
    /// by cell (``CrowdingAccumulator/addPresenceCells(_:sign:)``). `scratch` (an exact
    /// release's accumulator, reused) collects the marks.
    package func provisionalCells(_ events: borrowing [Event], scratch: inout CrowdingAccumulator, into cells: inout [PresenceCell]) {
        markPresence(events, to: &scratch)
        scratch.takePresenceCells(into: &cells)
    }

    /// Counts a session in the device tally by its class.
    private static func count(_ outcome: DeviceOutcome, in tally: inout DeviceTally) {
        tally.devices += 1
        tally.duplicates += outcome.counts.duplicates
        switch outcome.classification {
        case .passenger: tally.passengers += 1
        case .resident: tally.residents += 1
        case .passerBy: tally.passersBy += 1
        case .empty: tally.empty += 1
        }
    }

    /// Adds one journey outside its device's loop (a journey joined across two tokens, or one
    /// held back for joining and not joined): exact releases only, where no per-device limit applies.
    package func addJourney(_ journey: ReconstructedJourney, to acc: inout CrowdingAccumulator, tally: inout DeviceTally) {
        acc.beginDevice()
        var none: CrowdingAccumulator? = nil
        add(journey, to: &acc, tally: &tally, partial: &none)
    }

    /// Occupancy: presence between consecutive pings at one station no more than the visit
    /// gap apart, in the area of the earlier ping; a lone ping is present at its instant.
    ///
    /// Consecutive intervals of one station and area that touch or overlap (a platform wait,
    /// a probe burst, duplicates) are marked as their union, once: `markPresence` marks every
    /// bin from the start's to the end's, so the union of two such intervals marks exactly
    /// the bins the two would, with one call instead of one per ping.
    private func addPresence(_ events: borrowing [Event], to acc: inout CrowdingAccumulator) {
        markPresence(events, to: &acc)
        acc.endDevice()
    }

    /// The presence marks of ``addPresence(_:to:)``, not yet counted.
    private func markPresence(_ events: borrowing [Event], to acc: inout CrowdingAccumulator) {
        let n = events.count
        var open = false
        var openStation = StationID(0)
        var openPlatform = false
        var openStart: Int64 = 0
        var openEnd: Int64 = 0
        var i = 0
        while i < n {
            let e = events[i]
            let station = apStation[e.accessPoint.index]
            let platform = apPlatform[e.accessPoint.index]
            var end = e.time
            if i + 1 < n {
                let next = events[i + 1]
                if apStation[next.accessPoint.index] == station, next.time - e.time <= visitGapMillis { end = next.time }
            }
            if open, station == openStation, platform == openPlatform, e.time >= openStart, e.time <= openEnd {
                openEnd = max(openEnd, end)
            } else {
                if open { acc.markPresence(station: openStation, onPlatform: openPlatform, from: openStart, to: openEnd) }
                open = true
                openStation = station
                openPlatform = platform
                openStart = e.time
                openEnd = max(e.time, end)
            }
            i += 1
        }
        if open { acc.markPresence(station: openStation, onPlatform: openPlatform, from: openStart, to: openEnd) }
    }

    /// `partial` non-nil: the traversals of a journey with one end observed go there
    /// (whatever ``partialJourneyLinks`` says).
    private func add(_ journey: ReconstructedJourney, to acc: inout CrowdingAccumulator, tally: inout DeviceTally,
                     partial: inout CrowdingAccumulator?) {
        tally.journeys += 1
        // A private release counts only the first journeys of each device-day.
        guard acc.admitJourney() else { return }
        let day = calendar.serviceDayStart(of: journey.entryTime)
        let bothEnds = journey.observedOrigin && journey.observedDestination
        if journey.observedOrigin { acc.addEntry(station: journey.origin, at: journey.entryTime) }
        if journey.observedDestination { acc.addExit(station: journey.destination, at: journey.exitTime) }
        for visit in journey.visits {
            switch visit.kind {
            case .interchange:
                guard acc.addInterchange(station: visit.station, at: visit.firstTime) else { continue }
                acc.addDuration(.interchange, dayStart: day, station: visit.station, milliseconds: visit.durationMillis)
            case .passThrough:
                acc.addPassThrough(station: visit.station, at: visit.firstTime)
            case .entry, .exit:
                acc.addDuration(.dwell, dayStart: day, station: visit.station, milliseconds: visit.durationMillis)
            default:
                break
            }
        }
        guard journey.origin != journey.destination else { return }
        if bothEnds {
            tally.journeysBothEnds += 1
            acc.addJourney(dayStart: day, origin: journey.origin, destination: journey.destination)
            acc.addDuration(.journeyTime, dayStart: day, station: journey.origin, milliseconds: journey.exitTime - journey.entryTime)
        }
        // OD and route splits: both ends observed. Link loads and interchange flows: also one
        // end observed when every station has wifi (then the unobserved end is the first or
        // last station seen, not a station without wifi beyond it).
        let oneEnd = !bothEnds && (journey.observedOrigin || journey.observedDestination)
        if oneEnd, partial != nil, let inference = journey.inference {
            partial!.beginJourney()
            addCandidates(journey, inference, bothEnds: false, to: &partial!)
            partial!.endJourney()
            return
        }
        let traversals = bothEnds || (partialJourneyLinks && oneEnd)
        guard traversals, let inference = journey.inference else { return }
        // Each inferred cell counts this journey once, whatever its candidates share.
        acc.beginJourney()
        defer { acc.endJourney() }
        addCandidates(journey, inference, bothEnds: bothEnds, to: &acc)
    }

    /// Route splits (both ends observed), link loads and interchange flows of a journey's candidates.
    private func addCandidates(_ journey: ReconstructedJourney, _ inference: PathInference, bothEnds: Bool,
                               to acc: inout CrowdingAccumulator) {
        let day = calendar.serviceDayStart(of: journey.entryTime)
        // By index: borrows each candidate instead of copying it.
        let candidates = inference.candidates
        let posterior = inference.posterior
        let count = min(candidates.count, posterior.count)
        guard let bounds = acc.contributionBounds else {
            for c in 0..<count where posterior[c] > 0 {
                let weight = FixedCount(posterior[c])
                guard weight.micros > 0 else { continue }
                if bothEnds { addRoute(inference, c, day: day, weight: weight, to: &acc) }
                addTraversals(candidates[c], journey: journey, weight: weight, to: &acc)
            }
            return
        }
        // Private release: the most probable candidates only, and link and flow weights scaled
        // so that the journey's contribution has at most the bounded L2 norm. A journey's
        // cell values are at most 1, so the squared norm is at most Σ weight × cells.
        let kept = (0..<count).filter { posterior[$0] > 0 }
            .sorted { (posterior[$0], -$0) > (posterior[$1], -$1) }
            .prefix(bounds.routesPerJourney)
        var linkMass = 0.0, flowMass = 0.0
        for c in kept {
            var links = 0, rides = 0
            for leg in candidates[c].route.legs {
                if case .ride(_, let l, _) = leg { links += l.count; rides += 1 }
            }
            linkMass += posterior[c] * Double(links)
            flowMass += posterior[c] * Double(min(ContributionBounds.flowCellsPerRoute, max(0, rides - 1)))
        }
        let linkScale = linkMass > bounds.linkNormPerJourney * bounds.linkNormPerJourney ? bounds.linkNormPerJourney / linkMass.squareRoot() : 1
        let flowScale = flowMass > bounds.flowNormPerJourney * bounds.flowNormPerJourney ? bounds.flowNormPerJourney / flowMass.squareRoot() : 1
        for c in kept {
            let weight = FixedCount(posterior[c])
            guard weight.micros > 0 else { continue }
            if bothEnds { addRoute(inference, c, day: day, weight: weight, to: &acc) }
            addTraversals(candidates[c], journey: journey, weight: FixedCount(posterior[c] * linkScale),
                          flowWeight: FixedCount(posterior[c] * flowScale), to: &acc)
        }
    }

    /// Route split of candidate `c`: by interned id when the inference has ids.
    @inline(__always)
    private func addRoute(_ inference: PathInference, _ c: Int, day: Int64, weight: FixedCount, to acc: inout CrowdingAccumulator) {
        if c < inference.routeIDs.count {
            acc.addRoute(dayStart: day, routeID: inference.routeIDs[c], route: inference.candidates[c].route, weight: weight)
        } else {
            acc.addRoute(dayStart: day, route: inference.candidates[c].route, weight: weight)
        }
    }

    /// Link loads and interchange flows of one candidate route, timed by scaling the route's
    /// expected minutes to the journey's observed duration.
    private func addTraversals(_ candidate: RouteCandidate, journey: ReconstructedJourney, weight: FixedCount,
                               flowWeight: FixedCount? = nil, to acc: inout CrowdingAccumulator) {
        let minutes = candidate.stationMinutes
        let total = minutes.last ?? 0
        let span = Double(journey.exitTime - journey.entryTime)
        func time(_ position: Int) -> Int64 {
            guard total > 0, position < minutes.count else { return journey.entryTime }
            return journey.entryTime + Int64(span * minutes[position] / total)
        }
        var position = 0
        var previousLine: LineID?
        var changeStation: StationID?
        var changePosition = 0
        // A private release (flowWeight given) counts at most flowCellsPerRoute changes.
        var changes = 0
        let maxChanges = flowWeight == nil ? Int.max : ContributionBounds.flowCellsPerRoute
        for leg in candidate.route.legs {
            switch leg {
            case .ride(let line, let links, let stations):
                if let from = previousLine, let station = changeStation, changes < maxChanges {
                    changes += 1
                    acc.addInterchangeFlow(station: station, fromLine: from, toLine: line, at: time(changePosition), weight: flowWeight ?? weight)
                }
                for (i, link) in links.enumerated() {
                    acc.addLinkTraversal(link: link, at: time(position + i), weight: weight)
                }
                position += stations.count - 1
                previousLine = line
                changeStation = stations.last
                changePosition = position
            case .walk:
                position += 1
            }
        }
    }
}
