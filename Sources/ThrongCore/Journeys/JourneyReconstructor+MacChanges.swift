extension JourneyReconstructor {
    /// Whether `journey` ends inside a station of several lines with an entrance or
    /// ticket-hall access point: observed only because its last ping was in a corridor, or not
    /// observed at all with only platform pings there. That is what the first half of a journey
    /// looks like when the device changed its MAC address at a change of line, in the corridor
    /// or before it (docs/semantics.md, "MAC changes").
    package func endsInside(_ journey: ReconstructedJourney) -> Bool {
        guard journey.visits.count >= 2, let v = journey.visits.last,
              !v.saw(.entrance), !v.saw(.ticketHall), !tables.singleLine[v.station.index], tables.streetArea[v.station.index]
        else { return false }
        if journey.observedDestination { return v.saw(.corridor) && v.lastArea == .corridor }
        return v.platformOnly
    }

    /// Whether a batch holds `journey` back for ``MacChangeJoiner``: it ends or starts inside.
    package func heldForJoining(_ journey: ReconstructedJourney) -> Bool {
        endsInside(journey) || startsInside(journey)
    }

    /// Whether `journey` starts inside a station of several lines (first seen in a corridor or
    /// on a platform, origin not observed): what the second half of such a journey looks like.
    package func startsInside(_ journey: ReconstructedJourney) -> Bool {
        guard journey.visits.count >= 2, !journey.observedOrigin, let v = journey.visits.first else { return false }
        return !tables.singleLine[v.station.index] && (v.firstArea == .corridor || v.firstArea == .platform)
    }

    /// `first` then `second` as one journey changing at their common station (the two visits
    /// there merged into one), reconstructed and inferred like any other; `nil` unless
    /// ``canJoin(_:_:)``.
    package mutating func joined(_ first: ReconstructedJourney, _ second: ReconstructedJourney) -> ReconstructedJourney? {
        guard canJoin(first, second) else { return nil }
        return makeJoined(first, second)
    }

    /// Whether `first` and `second` can be one journey: they meet at one station, do not return
    /// to the origin, and the change station is not a detour: fastest origin → station →
    /// destination at most 1.25 × fastest origin → destination + 5 minutes (a real change lies on
    /// a sensible route; an unrelated device that happens to appear there mostly does not).
    package func canJoin(_ first: ReconstructedJourney, _ second: ReconstructedJourney) -> Bool {
        guard let end = first.visits.last, let start = second.visits.first, end.station == start.station else { return false }
        return canJoin(origin: first.origin, change: end.station, destination: second.destination)
    }

    /// ``canJoin(_:_:)`` of an end at `change` from `origin` and a start there to `destination`.
    @inline(__always)
    package func canJoin(origin: StationID, change: StationID, destination: StationID) -> Bool {
        guard origin != destination else { return false }
        let direct = routes.fastestMinutes(from: origin, to: destination)
        let via = routes.fastestMinutes(from: origin, to: change) + routes.fastestMinutes(from: change, to: destination)
        return direct.isFinite && via <= direct * 1.25 + 5
    }

    /// The joined journey of two halves that ``canJoin(_:_:)``.
    package mutating func makeJoined(_ first: ReconstructedJourney, _ second: ReconstructedJourney) -> ReconstructedJourney {
        let end = first.visits[first.visits.count - 1], start = second.visits[0]
        runs.removeAll(keepingCapacity: true)
        runs.append(contentsOf: first.visits.dropLast())
        runs.append(Self.merge(end, start))
        runs.append(contentsOf: second.visits.dropFirst())
        return makeJourney(0..<runs.count)
    }
}
