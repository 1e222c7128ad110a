/// The generalised-cost model and plausibility filters of ``RouteFinder``.
///
/// Generalised cost, in weighted minutes, of a route with legs on lines `L1 … Ln`:
///
///     inVehicleWeight × Σ running minutes (band)
///   + waitWeight      × (headway(L1) / 2 + Σ_{i≥2} headway(Li) / 2)
///   + walkWeight      × Σ interchange walk minutes (`Network.walkMinutes`)
///   + interchangePenalty × (n − 1)
///
/// Waiting assumes random arrivals at a line with a regular headway: the mean wait is half
/// the headway. See `docs/routing.md`.
public struct RouteParameters: Hashable, Sendable {
    /// Weight of in-vehicle minutes. Default 1.
    public var inVehicleWeight: Double
    /// Weight of waiting minutes (initial and at interchanges). Default 2 (UK appraisal practice).
    public var waitWeight: Double
    /// Weight of walking minutes at interchanges. Default 2.
    public var walkWeight: Double
    /// Fixed penalty per interchange, in minutes. Default 5.
    public var interchangePenalty: Double
    /// Headway assumed for a line not in ``headwayByLineName``, in minutes. Default 5.
    public var defaultHeadwayMinutes: Double
    /// Assumed headway (minutes between trains) by line name. Default: London Underground
    /// weekday daytime figures, rounded (Victoria 2, Central 2.5, Jubilee 2.5, Northern 3,
    /// Piccadilly 3, Bakerloo 3, District 3.5, Metropolitan 4, Waterloo & City 4,
    /// Circle 10, Hammersmith & City 10).
    public var headwayByLineName: [String: Double]
    /// A route is plausible only if its cost ≤ best × `costFactor` + ``costSlack``. Default 1.5.
    public var costFactor: Double
    /// See ``costFactor``. Default 10 minutes.
    public var costSlack: Double
    /// At most this many interchanges (line changes, including out-of-station walks). Default 3.
    public var maxInterchanges: Int
    /// Keep only the cheapest of routes that call at exactly the same stations in the same
    /// order (e.g. Circle vs Hammersmith & City over shared track), as before version 0.9.
    /// Default `false`: such *line variants* are kept apart (up to ``lineVariants`` per
    /// station sequence), so a platform sighting can tell them apart and, where none can,
    /// the route-choice prior splits them by service frequency (``RouteCandidate/choiceShare``).
    public var collapseParallelLines: Bool
    /// At most this many routes per station sequence (the cheapest first) when
    /// ``collapseParallelLines`` is off; a variant never has more interchanges than the
    /// sequence's cheapest route. Default 4.
    public var lineVariants: Int
    /// The k-shortest search examines at most `limit × examineFactor + 16` paths before
    /// giving up on finding more distinct plausible ones. Default 8.
    public var examineFactor: Int

    /// Creates parameters; every argument defaults to the documented default.
    public init(
        inVehicleWeight: Double = 1, waitWeight: Double = 2, walkWeight: Double = 2,
        interchangePenalty: Double = 5, defaultHeadwayMinutes: Double = 5,
        headwayByLineName: [String: Double] = RouteParameters.londonHeadways,
        costFactor: Double = 1.5, costSlack: Double = 10, maxInterchanges: Int = 3,
        collapseParallelLines: Bool = false, lineVariants: Int = 4, examineFactor: Int = 8
    ) {
        self.inVehicleWeight = inVehicleWeight
        self.waitWeight = waitWeight
        self.walkWeight = walkWeight
        self.interchangePenalty = interchangePenalty
        self.defaultHeadwayMinutes = defaultHeadwayMinutes
        self.headwayByLineName = headwayByLineName
        self.costFactor = costFactor
        self.costSlack = costSlack
        self.maxInterchanges = maxInterchanges
        self.collapseParallelLines = collapseParallelLines
        self.lineVariants = lineVariants
        self.examineFactor = examineFactor
    }

    /// The documented defaults.
    public static let `default` = RouteParameters()

    /// Assumed London Underground headways in minutes (weekday daytime, rounded).
    public static let londonHeadways: [String: Double] = [
        "Bakerloo": 3, "Central": 2.5, "Circle": 10, "District": 3.5, "Hammersmith & City": 10,
        "Jubilee": 2.5, "Metropolitan": 4, "Northern": 3, "Piccadilly": 3, "Victoria": 2,
        "Waterloo & City": 4,
    ]

    /// The headway assumed for a line name.
    public func headway(lineName: String) -> Double {
        headwayByLineName[lineName] ?? defaultHeadwayMinutes
    }
}
