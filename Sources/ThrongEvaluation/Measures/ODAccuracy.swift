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
    /// Observable journeys with a MAC change (two tokens), and how many of them were correct.
    public var tokenChanged = 0
    /// See ``tokenChanged``.
    public var tokenChangedCorrect = 0

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
        func journeys(_ token: String) -> [ReconstructedJourney] {
            let key = keys[token] ?? DeviceKey(token: token)
            keys[token] = key
            return run.outcomes[key]?.journeys ?? []
        }
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
            if !h.observedOrigin || h.origin != t.origin { a.wrongOrigin += 1 } else { a.wrongDestination += 1 }
        }
        return a
    }
}
