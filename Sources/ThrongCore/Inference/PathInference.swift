/// The route a journey most likely took, and the posterior over all candidates.
public struct PathInference: Hashable, Sendable {
    /// The candidates scored (from ``RouteCache``), cheapest first.
    public var candidates: [RouteCandidate]
    /// Posterior probability of each candidate (same order); sums to 1.
    public var posterior: [Double]
    /// Index of the most probable candidate (lowest index on ties).
    public var chosenIndex: Int
    /// Observed intermediate stations that the chosen route misses or passes out of order.
    public var unmatchedStations: Int
    /// The band whose routes were used.
    public var band: TimeBand
    /// Each candidate's interned route id (``RouteSet/routeIDs``) when the candidates came from
    /// a ``RouteCache``; empty otherwise. Accumulators key route splits on these.
    public var routeIDs: [UInt32] = []

    /// Creates an inference.
    public init(candidates: [RouteCandidate], posterior: [Double], chosenIndex: Int, unmatchedStations: Int, band: TimeBand) {
        self.candidates = candidates
        self.posterior = posterior
        self.chosenIndex = chosenIndex
        self.unmatchedStations = unmatchedStations
        self.band = band
    }

    /// The most probable candidate.
    public var chosen: RouteCandidate { candidates[chosenIndex] }

    /// The posterior probability of the chosen route.
    public var confidence: Double { posterior[chosenIndex] }
}
