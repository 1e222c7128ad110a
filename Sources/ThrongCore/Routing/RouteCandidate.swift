/// A route found by ``RouteFinder`` with its generalised cost and the cost's parts.
public struct RouteCandidate: Hashable, Sendable {
    /// The route.
    public var route: Route
    /// The cost and its parts.
    public var cost: RouteCost
    /// Expected minutes after boarding at the origin platform at which the train reaches each
    /// station of ``Route/stations`` (0 for the origin); change stations carry the arrival
    /// time there. Interchange walks and waits are included for later stations, the initial
    /// wait is not.
    public var stationMinutes: [Double]
    /// The cost the route-choice prior uses: the cheapest generalised cost among the
    /// candidates that call at the same stations and change at the same ones, differing only
    /// in the lines ridden (*line variants*, e.g. Circle or Hammersmith & City over shared
    /// track). Equal to `cost.generalisedCost` for a route without variants.
    public var choiceCost: Double
    /// The route's share among its line variants: proportional to the product of its lines'
    /// service frequencies (1 / headway), as passengers take the first train that serves
    /// them (the common-lines model). 1 for a route without variants. See `docs/routing.md`.
    public var choiceShare: Double
    /// The expected wait for the first train that path inference assumes: half the first
    /// line's headway, or for line variants half the combined headway of the group's first
    /// lines (the first train of any of them is taken, so no variant waits longer).
    public var choiceWaitMinutes: Double

    /// Creates a candidate without line variants (``choiceCost`` = its cost, ``choiceShare`` 1).
    public init(route: Route, cost: RouteCost, stationMinutes: [Double]) {
        self.route = route
        self.cost = cost
        self.stationMinutes = stationMinutes
        self.choiceCost = cost.generalisedCost
        self.choiceShare = 1
        self.choiceWaitMinutes = cost.initialWaitMinutes
    }
}

/// Generalised cost of a route and its unweighted parts (see ``RouteParameters``).
public struct RouteCost: Hashable, Sendable {
    /// Minutes on trains (`Link.runningMinutes` for the band, dwell included).
    public var inVehicleMinutes: Double
    /// Expected wait for the first train (half the first line's headway).
    public var initialWaitMinutes: Double
    /// Expected waits at interchanges (half of each later line's headway).
    public var interchangeWaitMinutes: Double
    /// Walking minutes at interchanges.
    public var walkMinutes: Double
    /// Number of interchanges.
    public var interchanges: Int
    /// Interchange penalty total (interchanges × penalty).
    public var penaltyMinutes: Double
    /// The weighted total used for ranking.
    public var generalisedCost: Double

    /// Creates a cost.
    public init(
        inVehicleMinutes: Double, initialWaitMinutes: Double, interchangeWaitMinutes: Double,
        walkMinutes: Double, interchanges: Int, penaltyMinutes: Double, generalisedCost: Double
    ) {
        self.inVehicleMinutes = inVehicleMinutes
        self.initialWaitMinutes = initialWaitMinutes
        self.interchangeWaitMinutes = interchangeWaitMinutes
        self.walkMinutes = walkMinutes
        self.interchanges = interchanges
        self.penaltyMinutes = penaltyMinutes
        self.generalisedCost = generalisedCost
    }

    /// Expected door-to-door minutes from reaching the origin platform: waits + rides + walks.
    public var expectedMinutes: Double {
        inVehicleMinutes + initialWaitMinutes + interchangeWaitMinutes + walkMinutes
    }
}
