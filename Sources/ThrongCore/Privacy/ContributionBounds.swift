/// How much one device may contribute, per service day, to a private release.
///
/// A differentially private release needs a bound on what one person can change. Throng's
/// unit is the **device-day**: everything one device does on one service day. These bounds
/// are enforced while devices are added (``CrowdingAccumulator/init(binMillis:privacy:)``),
/// so they hold for every device whatever its data; what they leave out is counted
/// (`clipped_journeys`, `clipped_cells`). Defaults fit a passenger's ordinary day (two
/// journeys, a few hours in stations); rules and rationale in `docs/privacy.md`.
public struct ContributionBounds: Hashable, Sendable {
    /// Journeys that count per device and service day (in time order); later journeys of
    /// the day are left out of every table. Default 2.
    public var journeysPerDay: Int
    /// Station × bin presence cells (occupancy) per device and day. Default 24.
    public var presenceCellsPerDay: Int
    /// Pass-through cells (station × bin) per device and day. Default 24.
    public var passThroughsPerDay: Int
    /// Interchange cells (station × bin) per device and day. Default 4.
    public var interchangesPerDay: Int
    /// Candidate routes of a journey that count in route splits, link loads and interchange
    /// flows (the most probable first). Default 8.
    public var routesPerJourney: Int
    /// L2 norm of one journey's link-load contribution; longer routes are scaled down. Default 6.
    public var linkNormPerJourney: Double
    /// L2 norm of one journey's interchange-flow contribution. Default 1.5.
    public var flowNormPerJourney: Double
    /// Line changes of one candidate route that count in interchange flows (the route
    /// finder allows 3). Fixed.
    public static let flowCellsPerRoute = 3

    /// Creates bounds; every value must be positive.
    public init(journeysPerDay: Int = 2, presenceCellsPerDay: Int = 24, passThroughsPerDay: Int = 24,
                interchangesPerDay: Int = 4, routesPerJourney: Int = 8, linkNormPerJourney: Double = 6,
                flowNormPerJourney: Double = 1.5) {
        self.journeysPerDay = journeysPerDay
        self.presenceCellsPerDay = presenceCellsPerDay
        self.passThroughsPerDay = passThroughsPerDay
        self.interchangesPerDay = interchangesPerDay
        self.routesPerJourney = routesPerJourney
        self.linkNormPerJourney = linkNormPerJourney
        self.flowNormPerJourney = flowNormPerJourney
    }

    /// The defaults.
    public static let `default` = ContributionBounds()

    /// Whether every bound is positive and finite.
    public var isValid: Bool {
        journeysPerDay > 0 && presenceCellsPerDay > 0 && passThroughsPerDay > 0 && interchangesPerDay > 0
            && routesPerJourney > 0 && linkNormPerJourney.isFinite && linkNormPerJourney > 0
            && flowNormPerJourney.isFinite && flowNormPerJourney > 0
    }

    /// Cells of the sparse, threshold-selected tables (OD, route splits, interchange flows)
    /// one device-day can touch: the union bound behind the selection's δ.
    var selectableCellsPerDay: Int { journeysPerDay * (1 + routesPerJourney + Self.flowCellsPerRoute * routesPerJourney) }
}
