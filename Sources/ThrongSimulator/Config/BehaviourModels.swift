/// Route alternatives and the multinomial-logit route choice.
///
/// For each (origin, destination, band) `RouteFinder` returns up to ``limit`` plausible
/// routes with generalised costs `c_i` (weighted minutes). A passenger picks route `i` with
/// probability `exp(-θ·c_i) / Σ_j exp(-θ·c_j)`. θ = 0.2 per generalised minute means a
/// route 5 minutes worse is chosen `e^-1 ≈ 0.37` times as often as the best. Line variants
/// of one route (the same stations and changes on other lines, e.g. Circle or Hammersmith &
/// City over shared track) count as one alternative at their cheapest cost, split between
/// them by service frequency (``RouteCandidate/choiceShare``: the first train that comes).
public struct RouteChoiceModel: Sendable, Hashable {
    /// Logit scale θ per generalised-cost minute. Default 0.2.
    public var theta = 0.2
    /// Alternatives asked of RouteFinder. Default 4.
    public var limit = 4
    /// Defaults.
    public init() {}
}

/// Passenger walking times and ping probabilities.
///
/// Times are minutes, drawn uniformly from the ranges. A ping at an area happens with the
/// given probability at a uniformly random moment of the time spent there. While waiting
/// on a platform, pings repeat at uniform intervals in ``waitPingSeconds``.
public struct PingModel: Sendable, Hashable {
    /// Street entrance → ticket hall.
    public var entranceWalk: ClosedRange<Double> = 0.3...1.0
    /// Through the ticket hall and gates.
    public var ticketHallWalk: ClosedRange<Double> = 0.3...1.2
    /// Ticket hall → platform through corridors and escalators (stations with corridor APs).
    public var corridorWalk: ClosedRange<Double> = 1.0...3.5
    /// Ticket hall → platform where the station has no corridor AP.
    public var shortWalk: ClosedRange<Double> = 0.4...1.5
    /// Factor on `Network.walkMinutes` for an interchange walk.
    public var interchangeWalkFactor: ClosedRange<Double> = 0.8...1.3
    /// Ping probability at a street entrance.
    public var entrance = 0.85
    /// Ping probability in a ticket hall.
    public var ticketHall = 0.9
    /// Ping probability in a corridor.
    public var corridor = 0.7
    /// Ping probability on reaching a platform.
    public var platformArrival = 0.8
    /// Seconds between pings while waiting on a platform.
    public var waitPingSeconds: ClosedRange<Double> = 30...120
    /// Ping probability on a platform when the train dwells at an intermediate station.
    public var dwell = 0.3
    /// Ping probability on the platform after alighting at the destination.
    public var alight = 0.6
    /// Mean number of extra events per ping (Poisson): devices probe in bursts, a few seconds
    /// apart, at the same access point. Default 0.3.
    public var burstExtraMean = 0.3
    /// Headway multiplier outside the weekday peaks (RouteParameters headways are peak-ish).
    public var offPeakHeadwayFactor = 1.4
    /// Defaults.
    public init() {}

    func validate() throws(SimulatorError) {
        for (name, p) in [("entrance", entrance), ("ticket hall", ticketHall), ("corridor", corridor),
                          ("platform", platformArrival), ("dwell", dwell), ("alight", alight)] where !(0...1).contains(p) {
            throw SimulatorError(.invalidConfig, "\(name) ping probability must be in [0, 1], got \(p)")
        }
        guard (0...20).contains(burstExtraMean) else { throw SimulatorError(.invalidConfig, "--burst-extra must be 0…20") }
        guard waitPingSeconds.lowerBound >= 1 else { throw SimulatorError(.invalidConfig, "wait ping interval must be ≥ 1 s") }
    }
}

/// Noise in the logs, each with a rate option of `throng simulate`.
public struct NoiseModel: Sendable, Hashable {
    /// Staff devices per wifi station per day, resident for a shift (`--staff-per-station`).
    public var staffPerStation = 10.0
    /// Shift length in hours.
    public var staffShiftHours = 8.0
    /// Seconds between a staff device's pings.
    public var staffPingSeconds: ClosedRange<Double> = 60...300
    /// Retail devices (kiosks, shop tills) per wifi station (`--retail-per-station`).
    public var retailPerStation = 2.0
    /// Seconds between a retail device's pings (06:00–22:00 at an entrance or ticket hall).
    public var retailPingSeconds: ClosedRange<Double> = 120...600
    /// Passers-by per station entry (`--passer-by-rate`): pinged once at a street entrance.
    public var passerByRate = 0.2
    /// Passers-by are drawn from a persistent per-station pool this many times a day's count.
    public var passerByPoolFactor = 4.0
    /// Probability that an event is delivered twice (`--duplicate-rate`).
    public var duplicateRate = 0.01
    /// Probability that a journey's device token changes mid-journey (`--mac-change-rate`).
    public var macChangeRate = 0.02
    /// Controller clock skew bound in seconds: each controller's skew is uniform in ±this (`--max-clock-skew`).
    public var maxClockSkewSeconds = 60.0
    /// Probability that an event is delivered late, 1–20 minutes after it happened (`--late-rate`).
    public var lateRate = 0.005
    /// Defaults.
    public init() {}

    /// Everything off: clean logs.
    public static var none: NoiseModel {
        var n = NoiseModel()
        n.staffPerStation = 0; n.retailPerStation = 0; n.passerByRate = 0; n.duplicateRate = 0
        n.macChangeRate = 0; n.maxClockSkewSeconds = 0; n.lateRate = 0
        return n
    }

    func validate() throws(SimulatorError) {
        for (name, p) in [("--duplicate-rate", duplicateRate), ("--mac-change-rate", macChangeRate), ("--late-rate", lateRate)]
            where !(0...1).contains(p) {
            throw SimulatorError(.invalidConfig, "\(name) must be in [0, 1], got \(p)")
        }
        guard staffPerStation >= 0, retailPerStation >= 0, passerByRate >= 0, passerByPoolFactor >= 1 else {
            throw SimulatorError(.invalidConfig, "noise device counts must be ≥ 0 (pool factor ≥ 1)")
        }
        guard (0...600).contains(maxClockSkewSeconds) else { throw SimulatorError(.invalidConfig, "--max-clock-skew must be 0…600 s") }
    }
}

/// The persistent population: the same people travel on many days.
///
/// Each journey is made by a *regular* (probability ``regularShare``) or an *occasional*
/// traveller. With `J` the expected journeys of a Monday–Thursday in the window, there are
/// `R = regularShare·J / regularJourneysPerDay` regulars and
/// `O = occasionalPoolDays·(1 − regularShare)·J` occasional travellers. Journeys are assigned
/// to people by a random permutation per (day, 3-hour block), alternating two halves of each
/// pool between blocks, so one person never makes two journeys in the same or adjacent blocks
/// of a day. A person's device is detectable with probability `deviceRate`.
public struct PopulationModel: Sendable, Hashable {
    /// Share of journeys made by regular travellers. Default 0.7.
    public var regularShare = 0.7
    /// Journeys per regular per Monday–Thursday. Default 1.2.
    public var regularJourneysPerDay = 1.2
    /// Occasional pool size in days of occasional journeys. Default 8.
    public var occasionalPoolDays = 8.0
    /// Defaults.
    public init() {}

    func validate() throws(SimulatorError) {
        guard (0...1).contains(regularShare), regularJourneysPerDay > 0, occasionalPoolDays >= 1 else {
            throw SimulatorError(.invalidConfig, "population: regular share in [0,1], journeys per day > 0, pool days ≥ 1")
        }
    }
}
