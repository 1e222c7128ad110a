/// One journey of one device: visits from entry to exit, and the inferred path.
public struct ReconstructedJourney: Hashable, Sendable {
    /// The first station seen (the true origin when ``observedOrigin``).
    public var origin: StationID
    /// The last station seen (the true destination when ``observedDestination``).
    public var destination: StationID
    /// First ping of the journey (epoch ms).
    public var entryTime: Int64
    /// Last ping of the journey.
    public var exitTime: Int64
    /// The visits in order.
    public var visits: [Visit]
    /// True if the first visit shows the device outside the platforms (it entered there);
    /// false if it was first seen on a platform, e.g. on a train from a station without wifi.
    public var observedOrigin: Bool
    /// True if the last visit shows the device outside the platforms (it left there).
    public var observedDestination: Bool
    /// The inferred route, when origin ≠ destination and a route exists.
    public var inference: PathInference?

    /// Creates a journey.
    public init(
        origin: StationID, destination: StationID, entryTime: Int64, exitTime: Int64, visits: [Visit],
        observedOrigin: Bool, observedDestination: Bool, inference: PathInference? = nil
    ) {
        self.origin = origin
        self.destination = destination
        self.entryTime = entryTime
        self.exitTime = exitTime
        self.visits = visits
        self.observedOrigin = observedOrigin
        self.observedDestination = observedDestination
        self.inference = inference
    }
}

/// What a device is, judged from all its events.
public enum DeviceClassification: String, Hashable, Sendable, CaseIterable {
    /// Made at least one journey.
    case passenger
    /// Present at one station for hours (staff, shop, fixed device): no journeys reported.
    case resident
    /// Only passer-by visits.
    case passerBy
    /// No events.
    case empty
}

/// Counts from one device's reconstruction.
public struct DeviceCounts: Hashable, Sendable {
    /// Events given.
    public var events: Int = 0
    /// Events dropped as duplicates.
    public var duplicates: Int = 0
    /// Visits formed.
    public var visits: Int = 0
    /// Visits judged resident.
    public var residentVisits: Int = 0
    /// Visits judged passer-by.
    public var passerByVisits: Int = 0
    /// Journeys (single-visit ones included).
    public var journeys: Int = 0
    /// Journeys with a single visit.
    public var singleVisitJourneys: Int = 0
    /// Visit orderings repaired as controller clock skew.
    public var skewRepairs: Int = 0

    /// All zero.
    public init() {}
}

/// The result of reconstructing one device.
public struct DeviceOutcome: Hashable, Sendable {
    /// The device's class.
    public var classification: DeviceClassification
    /// Journeys in time order.
    public var journeys: [ReconstructedJourney]
    /// Visits not in any journey (passer-by and resident visits).
    public var otherVisits: [Visit]
    /// Counts.
    public var counts: DeviceCounts

    /// Creates an outcome.
    public init(classification: DeviceClassification, journeys: [ReconstructedJourney], otherVisits: [Visit], counts: DeviceCounts) {
        self.classification = classification
        self.journeys = journeys
        self.otherVisits = otherVisits
        self.counts = counts
    }
}
