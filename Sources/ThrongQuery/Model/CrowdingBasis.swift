/// Which figures answer a question about an instant.
public enum CrowdingBasis: Hashable, Sendable {
    /// The observed bin when the index covers the instant, else the typical level for its day
    /// category and band (what a journey planner wants for a future trip).
    case automatic
    /// Only the observed bin; an instant outside the index is ``ThrongQueryError/Code/outsideIndex``.
    case observed
    /// Only the typical level for the instant's day category and 15-minute band.
    case typical
}

/// Where a figure came from.
public enum CrowdingSource: String, Hashable, Sendable {
    /// Counted in the bin holding the instant.
    case observed
    /// The typical level of the day category and 15-minute band.
    case typical
}

/// Why a figure is not available.
public enum Unavailability: String, Hashable, Sendable, CustomStringConvertible {
    /// The station has no wifi data in the index (no access points, or none reporting).
    case notObserved = "not observed"
    /// The index has no data for that time (outside the logs, or a band no day covers).
    case notCovered = "not covered"
    /// The cell was withheld by disclosure control (fewer than k devices, or protecting one that was).
    case suppressed
    /// The link carried no inferred journeys in the whole index.
    case noInferredLoad = "no inferred load"

    /// The raw value.
    public var description: String { rawValue }
}
