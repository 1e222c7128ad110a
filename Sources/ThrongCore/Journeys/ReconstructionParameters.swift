/// Every parameter of journey reconstruction and path inference, with documented defaults.
/// See `docs/semantics.md` for the rules that use them.
public struct ReconstructionParameters: Hashable, Sendable {
    /// A ping at the same access point within this many milliseconds of the last kept ping
    /// there is a duplicate and dropped. Default 5 000 (5 s).
    public var duplicateWindowMillis: Int64
    /// Largest clock offset between station controllers that is tolerated, in milliseconds.
    /// Default 60 000 (±60 s).
    public var clockSkewMillis: Int64
    /// Pings at one station more than this far apart start a new visit. Default 1 800 000 (30 min).
    public var visitGapMillis: Int64
    /// After the device walked out (an entrance ping after a deeper ping of the same visit), the
    /// next ping at the same station starts a new visit if it comes more than this later (the
    /// device left and came back). Entrance pings before any deeper ping never split a visit
    /// (a slow walk-in). Default 180 000 (3 min).
    public var reentryGapMillis: Int64
    /// A visit lasting at least this long (last − first ping) makes the device a resident.
    /// Default 7 200 000 (2 h).
    public var residentMillis: Int64
    /// A lone visit with only entrance pings and at most this many pings is a passer-by. Default 1.
    public var passerByMaxPings: Int
    /// Two consecutive visits belong to one journey only if the gap between them is at most
    /// fastest × `travelFactor` + ``travelSlackMillis`` + 2 × ``clockSkewMillis``. Default 1.5.
    public var travelFactor: Double
    /// See ``travelFactor``. Default 1 200 000 (20 min: waits, changes, walking to the platform).
    public var travelSlackMillis: Int64
    /// A gap longer than this always splits journeys. Default 7 200 000 (2 h).
    public var maxJourneyGapMillis: Int64
    /// A visit whose last ping is at the entrance after a deeper ping (the device walked out)
    /// ends the journey, unless the next station is a listed walk neighbour reached within this
    /// long (an out-of-station interchange). Default 900 000 (15 min).
    public var outOfStationWalkMillis: Int64
    /// A middle visit lasting longer than this is an interchange, not a pass-through.
    /// Default 180 000 (3 min).
    public var interchangeDwellMillis: Int64
    /// Alternatives per OD pair and band: pass it as `RouteCache(network:parameters:limit:)`'s
    /// `limit` (the cache, not the reconstructor, asks the route finder). Default 5.
    public var routeLimit: Int
    /// Prior over candidate routes ∝ exp(−`costSensitivity` × (cost − best cost)), per
    /// generalised minute. Default 0.25.
    public var costSensitivity: Double
    /// Timing likelihood: Gaussian with σ = `timingSigmaMinutes` + `timingSigmaRelative` ×
    /// expected minutes. Default 2.
    public var timingSigmaMinutes: Double
    /// See ``timingSigmaMinutes``. Default 0.15.
    public var timingSigmaRelative: Double
    /// Minutes added to the expected time from the origin when the last origin ping is not on a
    /// platform (walk to the platform; the initial wait is added too). Default 1.
    public var accessMinutes: Double
    /// Likelihood factor for an observed intermediate station missing from the route, or out
    /// of order. Default 0.001.
    public var missingStationLikelihood: Double
    /// Likelihood factor for a platform sighting of a line the route does not ride at that
    /// station. Default 0.05.
    public var wrongLineLikelihood: Double
    /// Likelihood factor for a platform sighting of the right line in the wrong direction.
    /// Default 0.2.
    public var wrongDirectionLikelihood: Double
    /// Likelihood factor for a middle visit with a corridor ping at a station where the route
    /// does not change line: corridors lie between platforms and the street, so a corridor
    /// ping says the device changed there (or left the train). Default 0.1.
    public var corridorWithoutChangeLikelihood: Double
    /// Whether a last visit whose last ping is in a corridor is an observed exit at a station
    /// of several lines that has an entrance or ticket-hall access point. `true` (the default):
    /// yes, as a change of line ends on the next platform. `false`: only where the station has
    /// no such access point — stricter against devices that change their MAC address in a change
    /// station's corridor, at the cost of real exits whose street pings were both missed
    /// (docs/accuracy.md measures both sides: on both test generators the default loses fewer
    /// right journeys than the strict rule removes wrong ones).
    public var corridorEndsAreExits: Bool
    /// A journey that ends in a change station's corridor and another device's journey that
    /// starts inside the same station within this long after are joined into one (the device
    /// changed its MAC address there), in exact batch releases. 0 turns joining off.
    /// Default 120 000 (2 min: on the independent test day, 5 min joined twice as many pairs
    /// but three times as many unrelated ones). See docs/semantics.md, "MAC changes".
    public var macChangeWindowMillis: Int64

    /// Creates parameters; every argument defaults to the documented default.
    public init(
        duplicateWindowMillis: Int64 = 5_000, clockSkewMillis: Int64 = 60_000,
        visitGapMillis: Int64 = 1_800_000, reentryGapMillis: Int64 = 180_000,
        residentMillis: Int64 = 7_200_000, passerByMaxPings: Int = 1,
        travelFactor: Double = 1.5, travelSlackMillis: Int64 = 1_200_000,
        maxJourneyGapMillis: Int64 = 7_200_000, outOfStationWalkMillis: Int64 = 900_000,
        interchangeDwellMillis: Int64 = 180_000, routeLimit: Int = 5, costSensitivity: Double = 0.25,
        timingSigmaMinutes: Double = 2, timingSigmaRelative: Double = 0.15, accessMinutes: Double = 1,
        missingStationLikelihood: Double = 0.001, wrongLineLikelihood: Double = 0.05,
        wrongDirectionLikelihood: Double = 0.2, corridorWithoutChangeLikelihood: Double = 0.1,
        corridorEndsAreExits: Bool = true, macChangeWindowMillis: Int64 = 120_000
    ) {
        self.duplicateWindowMillis = duplicateWindowMillis
        self.clockSkewMillis = clockSkewMillis
        self.visitGapMillis = visitGapMillis
        self.reentryGapMillis = reentryGapMillis
        self.residentMillis = residentMillis
        self.passerByMaxPings = passerByMaxPings
        self.travelFactor = travelFactor
        self.travelSlackMillis = travelSlackMillis
        self.maxJourneyGapMillis = maxJourneyGapMillis
        self.outOfStationWalkMillis = outOfStationWalkMillis
        self.interchangeDwellMillis = interchangeDwellMillis
        self.routeLimit = routeLimit
        self.costSensitivity = costSensitivity
        self.timingSigmaMinutes = timingSigmaMinutes
        self.timingSigmaRelative = timingSigmaRelative
        self.accessMinutes = accessMinutes
        self.missingStationLikelihood = missingStationLikelihood
        self.wrongLineLikelihood = wrongLineLikelihood
        self.wrongDirectionLikelihood = wrongDirectionLikelihood
        self.corridorWithoutChangeLikelihood = corridorWithoutChangeLikelihood
        self.corridorEndsAreExits = corridorEndsAreExits
        self.macChangeWindowMillis = macChangeWindowMillis
    }

    /// A device's events more than this far apart (in time order) belong to two *sessions*,
    /// reconstructed and classified separately (docs/semantics.md, "Sessions"): the longest gap
    /// any rule looks across (``maxJourneyGapMillis``, ``visitGapMillis``,
    /// ``outOfStationWalkMillis``). No journey, visit or resident chain can span such a gap, so a
    /// session is final once its device has been idle this long, which is what lets the live
    /// engine close devices and stay equal to a batch run.
    public var sessionGapMillis: Int64 { max(maxJourneyGapMillis, visitGapMillis, outOfStationWalkMillis) }

    /// The documented defaults.
    public static let `default` = ReconstructionParameters()
}
