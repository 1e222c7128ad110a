/// Exact, mergeable distribution of durations in whole seconds (sparse counts per second).
///
/// Percentiles use the nearest-rank definition: the `p`-th percentile of `n` observations
/// is the smallest value `v` with at least `ceil(p·n)` observations `≤ v`. Merging two
/// histograms gives exactly the histogram of the union, whatever the order.
public struct DurationHistogram: Hashable, Sendable {
    /// Observations per whole second.
    public private(set) var counts: [Int32: Int] = [:]
    /// Number of observations.
    public private(set) var count: Int = 0

    /// An empty histogram.
    public init() {}

    /// Adds one observation of `milliseconds`, rounded down to whole seconds (negative → 0).
    @inlinable public mutating func add(milliseconds: Int64) {
        let seconds = Int32(clamping: max(0, milliseconds) / 1000)
        addSeconds(seconds)
    }

    @usableFromInline mutating func addSeconds(_ seconds: Int32) {
        counts[seconds, default: 0] += 1
        count += 1
    }

    /// Adds every observation of `other`.
    public mutating func merge(_ other: DurationHistogram) {
        for (s, c) in other.counts { counts[s, default: 0] += c }
        count += other.count
    }

    /// The nearest-rank percentile, `p` in 0…1, in seconds; `nil` when empty.
    public func percentile(_ p: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = max(1, Int((p * Double(count)).rounded(.up)))
        var seen = 0
        for s in counts.keys.sorted() {
            seen += counts[s]!
            if seen >= rank { return Double(s) }
        }
        return nil
    }
}
