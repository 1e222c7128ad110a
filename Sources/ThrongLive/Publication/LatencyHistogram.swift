/// Event-to-visible latencies in whole milliseconds (0 … 60 s; longer ones in the last
/// bucket), weighted by events: when each ingested batch became visible in a published epoch.
struct LatencyHistogram: Sendable {
    private var buckets = [Int](repeating: 0, count: 60_001)
    private(set) var count = 0

    mutating func record(seconds: Double, events: Int) {
        guard events > 0 else { return }
        let ms = min(buckets.count - 1, max(0, Int((seconds * 1000).rounded())))
        buckets[ms] += events
        count += events
    }

    /// The `p` quantile (0 … 1) in seconds, `nil` before anything was recorded.
    func quantile(_ p: Double) -> Double? {
        guard count > 0 else { return nil }
        let target = Int((Double(count) * p).rounded(.up))
        var seen = 0
        for (ms, n) in buckets.enumerated() {
            seen += n
            if seen >= max(1, target) { return Double(ms) / 1000 }
        }
        return Double(buckets.count - 1) / 1000
    }
}
