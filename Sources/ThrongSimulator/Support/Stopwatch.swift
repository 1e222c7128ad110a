/// Stage timings for progress lines (never written to output files).
struct Stopwatch {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    private var laps: [(String, Double)] = []

    init() { last = clock.now }

    mutating func lap(_ name: String) {
        let now = clock.now
        let d = now - last
        laps.append((name, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18))
        last = now
    }

    var report: String {
        laps.map { "\($0.0) \(Double(Int($0.1 * 10)) / 10)s" }.joined(separator: ", ")
    }
}
