public import ThrongCore

/// Everything that determines a simulation run besides the network and demand data.
///
/// Defaults are the documented defaults of `throng simulate` (see `docs/simulator.md`).
/// Two runs with equal configs, network and demand produce identical bytes, whatever
/// ``threads`` is.
public struct SimulationConfig: Sendable, Hashable {
    /// The master seed; every random stream is derived from it.
    public var seed: UInt64 = 1
    /// The first service day simulated.
    public var startDate = CivilDate(year: 2016, month: 11, day: 21)
    /// Number of consecutive service days.
    public var days = 1
    /// Start of the departure window, minutes after local midnight of each day (05:00 = 300).
    /// A service day runs from 05:00 to 05:00 the next morning (minute 300 … 1740).
    public var windowStartMinute = 300
    /// Length of the departure window in hours (24 = the whole service day).
    public var windowHours = 24.0
    /// Multiplies every origin–destination flow.
    public var scale = 1.0
    /// Which RODS year of `od_daily.csv` gives the origin–destination pattern.
    public var odYear = 2016
    /// Which stations have wifi.
    public var wifi: WifiSelection = .all
    /// Fraction of people carrying a detectable (wifi-scanning) device.
    public var deviceRate = 0.6
    /// Route alternatives and the logit choice among them.
    public var routeChoice = RouteChoiceModel()
    /// Walking times and ping probabilities of passengers.
    public var pings = PingModel()
    /// Noise devices, duplicates, MAC randomisation, clock skew, late delivery.
    public var noise = NoiseModel()
    /// The persistent population of people reused across days.
    public var population = PopulationModel()
    /// Normal service, a line closure, or a stadium event.
    public var scenario: Scenario = .normal
    /// Output layout and compression.
    public var output = OutputOptions()
    /// Worker threads (does not change results).
    public var threads = 2

    /// A config with every documented default.
    public init() {}

    /// The departure window in minutes after local midnight, `[start, end)`.
    public var windowMinutes: Range<Int> {
        windowStartMinute..<(windowStartMinute + Int((windowHours * 60).rounded()))
    }

    /// Checks ranges; throws ``SimulatorError/Code/invalidConfig`` with the offending option.
    public func validate() throws(SimulatorError) {
        func fail(_ m: String) -> SimulatorError { SimulatorError(.invalidConfig, m) }
        guard days >= 1 && days <= 366 else { throw fail("--days must be 1…366, got \(days)") }
        guard windowHours > 0 && windowHours <= 24 else { throw fail("--hours must be in (0, 24], got \(windowHours)") }
        guard windowStartMinute >= 0 && windowStartMinute < 1740 else { throw fail("--start must be 00:00…28:59") }
        guard scale > 0 && scale <= 100 else { throw fail("--scale must be in (0, 100], got \(scale)") }
        guard (0...1).contains(deviceRate) else { throw fail("--device-rate must be in [0, 1], got \(deviceRate)") }
        guard threads >= 1 && threads <= 256 else { throw fail("--threads must be 1…256") }
        guard routeChoice.theta > 0 else { throw fail("--logit-theta must be > 0") }
        guard routeChoice.limit >= 1 else { throw fail("--route-limit must be ≥ 1") }
        try noise.validate()
        try pings.validate()
        try population.validate()
        guard (1...19).contains(output.zstdLevel) || (-7...0).contains(output.zstdLevel) else { throw fail("--zstd-level must be -7…19") }
        guard (0...1).contains(output.isoFraction) else { throw fail("--iso-fraction must be in [0, 1]") }
        guard output.stationsPerController >= 1 else { throw fail("--stations-per-controller must be ≥ 1") }
    }
}

/// Output layout and compression options.
public struct OutputOptions: Sendable, Hashable {
    /// Which journeys the ground truth lists.
    public enum TruthJourneys: String, Sendable, Hashable, CaseIterable {
        /// Every simulated journey (detectable or not).
        case all
        /// Only journeys by people with a detectable device.
        case detectable
        /// No `truth/journeys.csv.zst` (devices are still listed).
        case none
    }

    /// zstd level of every output file (1 keeps up with generation on two cores).
    public var zstdLevel: Int32 = 1
    /// Fraction of event lines written with an ISO-8601 timestamp with milliseconds instead of epoch ms.
    public var isoFraction = 0.01
    /// Which journeys `truth/journeys.csv.zst` lists.
    public var truth: TruthJourneys = .all
    /// Wifi stations per AP controller (stations sorted west→east, grouped in runs of this size).
    public var stationsPerController = 7

    /// Defaults.
    public init() {}
}
