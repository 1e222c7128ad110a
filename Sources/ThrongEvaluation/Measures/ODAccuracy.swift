import ThrongCore

/// Origin–destination accuracy over the truth journeys the engine could see at both ends.
///
/// A truth journey is *observable* when ``GroundTruth/isObservable(_:)``: detectable device,
/// origin ≠ destination, wifi at both. Its device's reconstructed journeys are those of
/// every token it was logged under (a MAC change gives two). A reconstructed journey
/// *overlaps* it when `[entry − tolerance, exit + tolerance]` meets the truth's
/// `[entry_ms, exit_ms]` (tolerance: controller clock skew). The journey is *correct* when
/// an overlapping journey has both ends observed, the truth origin and the truth
/// destination. Otherwise the first that applies:
/// - *missed*: no overlapping journey (device unseen, or judged resident or passer-by);
/// - *split*: two or more overlapping journeys;
/// - *merged*: the one overlapping journey also overlaps another truth journey of the device;
/// - *wrong origin*: its origin differs or was not observed;
/// - *wrong destination*: otherwise.
public struct ODAccuracy: Hashable, Sendable {
    /// Observable truth journeys.
    public var observable = 0
    /// Correctly reconstructed.
    public var correct = 0
    /// Failures by kind.
    public var missed = 0
    /// See the type's documentation.
    public var split = 0
    /// See the type's documentation.
    public var merged = 0
    /// See the type's documentation.
    public var wrongOrigin = 0
    /// See the type's documentation.
    public var wrongDestination = 0
    /// Wrong-origin failures where the device's first sighting at the true origin, a lone
    /// entrance ping, was split off as a passer-by visit (re-entry gap rule, docs/accuracy.md).
    public var wrongOriginEntranceSplitOff = 0
    /// Observable journeys with a MAC change (two tokens), and how many of them were correct.
    public var tokenChanged = 0
    /// See ``tokenChanged``.
    public var tokenChangedCorrect = 0

    /// Engine journeys with both ends observed and origin ≠ destination (those published as OD).
    public var engineJourneys = 0
    /// Of ``engineJourneys``, those overlapping a truth journey of the device with the same
    /// origin and destination.
    public var engineMatched = 0
    /// Of the unmatched engine journeys, those overlapping a truth journey whose origin or
    /// destination had no wifi (the engine took a station mid-journey for an end).
    public var engineEndWithoutWifi = 0

    /// `engineMatched / engineJourneys`: how many published OD journeys are right.
    public var precision: Double { engineJourneys == 0 ? 1 : Double(engineMatched) / Double(engineJourneys) }

    /// Creates zero counts.
    public init() {}

    /// `correct / observable` (1 when nothing was observable).
    public var rate: Double { observable == 0 ? 1 : Double(correct) / Double(observable) }

    /// Correct journeys among those without a MAC change.
    public var rateWithoutTokenChange: Double {
        let n = observable - tokenChanged
        return n == 0 ? 1 : Double(correct - tokenChangedCorrect) / Double(n)
    }

    /// Measures `run` against `truth`.
    public static func measure(truth: GroundTruth, run: EngineRun, toleranceMillis: Int64 = 60_000) -> ODAccuracy {
        var a = ODAccuracy()
        var keys: [String: DeviceKey] = [:]
        func outcome(_ token: String) -> DeviceOutcome? {
            let key = keys[token] ?? DeviceKey(token: token)
            keys[token] = key
            return run.outcomes[key]
        }
        func journeys(_ token: String) -> [ReconstructedJourney] { outcome(token)?.journeys ?? [] }
        func overlaps(_ r: ReconstructedJourney, _ t: TruthJourney) -> Bool {
            r.entryTime - toleranceMillis <= t.exitMillis && r.exitTime + toleranceMillis >= t.entryMillis
        }
        for (index, t) in truth.journeys.enumerated() where truth.isObservable(t) {
            a.observable += 1
            if t.tokenChanged { a.tokenChanged += 1 }
            let device = t.tokens.flatMap(journeys)
            let hits = device.filter { overlaps($0, t) }
            if hits.contains(where: { $0.observedOrigin && $0.observedDestination && $0.origin == t.origin && $0.destination == t.destination }) {
                a.correct += 1
                if t.tokenChanged { a.tokenChangedCorrect += 1 }
                continue
            }
            if hits.isEmpty { a.missed += 1; continue }
            if hits.count >= 2 { a.split += 1; continue }
            let h = hits[0]
            let others = Set(t.tokens.flatMap { truth.journeysByToken[$0] ?? [] }).subtracting([index])
            if others.contains(where: { overlaps(h, truth.journeys[$0]) }) { a.merged += 1; continue }
            if !h.observedOrigin || h.origin != t.origin {
                a.wrongOrigin += 1
                let others = t.tokens.compactMap(outcome).flatMap(\.otherVisits)
                if others.contains(where: { $0.kind == .passerBy && $0.station == t.origin && $0.firstTime <= h.entryTime && $0.firstTime + toleranceMillis >= t.entryMillis }) {
                    a.wrongOriginEntranceSplitOff += 1
                }
            } else {
                a.wrongDestination += 1
            }
        }
        // Precision: every engine journey with both ends, against the device's truth journeys.
        var truthByKey: [DeviceKey: [Int]] = [:]
        for (token, indices) in truth.journeysByToken { truthByKey[DeviceKey(token: token), default: []].append(contentsOf: indices) }
        for (key, outcome) in run.outcomes where outcome.classification == .passenger {
            for r in outcome.journeys where r.observedOrigin && r.observedDestination && r.origin != r.destination {
                a.engineJourneys += 1
                let candidates = (truthByKey[key] ?? []).map { truth.journeys[$0] }.filter { overlaps(r, $0) }
                if candidates.contains(where: { $0.origin == r.origin && $0.destination == r.destination }) {
                    a.engineMatched += 1
                } else if candidates.contains(where: { !truth.isWifi[$0.origin.index] || !truth.isWifi[$0.destination.index] }) {
                    a.engineEndWithoutWifi += 1
                }
            }
        }
        return a
    }
}
