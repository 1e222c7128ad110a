/// Crowding along one leg of a planned route.
public struct LegCrowding: Hashable, Sendable {
    /// The leg.
    public var leg: PlannedRoute.Leg
    /// When the leg starts (train departs, walk begins), epoch ms.
    public var start: Int64
    /// When it ends, epoch ms.
    public var end: Int64
    /// Each link ridden, at the time the train leaves its first station (empty for a walk).
    public var links: [LinkCrowding]
    /// The busiest link of the leg by people (nil when no link has data).
    public var busiest: LinkCrowding?
}

/// Crowding along a planned route departing at one time.
public struct RouteCrowding: Hashable, Sendable {
    /// The route.
    public var route: PlannedRoute
    /// Departure from the origin platform, epoch ms.
    public var departure: Int64
    /// Arrival at the destination platform, epoch ms.
    public var arrival: Int64
    /// Per leg.
    public var legs: [LegCrowding]
    /// Stations passed where the trip boards, changes or alights, at those times.
    public var stations: [StationCrowding]
    /// The most people on any link of the trip (the busiest point of the journey).
    public var peakPeople: Double?
    /// The highest fraction of a link's baseline on the trip.
    public var peakPercentageOfBaseline: Double?
    /// Fraction of the baseline averaged over ride minutes.
    public var meanPercentageOfBaseline: Double?
    /// The word for ``peakPercentageOfBaseline``.
    public var level: BusynessLevel?
    /// Links ridden without data (suppressed, not covered, no inferred load).
    public var linksWithoutData: Int
    /// True when every link ridden has data.
    public var dataAvailable: Bool { linksWithoutData == 0 && peakPeople != nil }
}

/// The least crowded departure in a window, and what it avoids.
public struct DepartureAdvice: Hashable, Sendable {
    /// Every departure evaluated, in time order.
    public var candidates: [RouteCrowding]
    /// The departure with the lowest ``RouteCrowding/peakPeople`` among those with full data (earliest on ties).
    public var best: RouteCrowding?
    /// The first departure of the window (what the traveller would have done).
    public var first: RouteCrowding
    /// The most crowded departure with full data.
    public var worst: RouteCrowding?

    /// People fewer at the busiest point than departing at the start of the window (nil when
    /// that departure lacks data on some link).
    public var peopleAvoidedVersusFirst: Double? {
        guard first.dataAvailable, let b = best?.peakPeople, let f = first.peakPeople else { return nil }
        return f - b
    }

    /// People fewer at the busiest point than the worst departure of the window.
    public var peopleAvoidedVersusWorst: Double? {
        guard let b = best?.peakPeople, let w = worst?.peakPeople else { return nil }
        return w - b
    }
}
