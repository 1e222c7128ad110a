/// Exact, mergeable distribution of durations in whole seconds.
///
/// Percentiles use the nearest-rank definition: the `p`-th percentile of `n` observations
/// is the smallest value `v` with at least `ceil(p·n)` observations `≤ v`. Merging two
/// histograms gives exactly the histogram of the union, whatever the order.
///
/// Storage: a flat array of counts per second below ``denseSeconds`` (one hour; it grows to
/// the longest duration seen, so a histogram of short dwells stays small), and a dictionary
/// for the rare longer durations. Adding is one array increment on the hot path.
public struct DurationHistogram: Hashable, Sendable {
    /// Durations below this many seconds are counted in the flat array.
    public static let denseSeconds = 3600

    /// Counts per second `0 ..< dense.count` (trailing zeros possible after a merge).
    private var dense: [Int] = []
    /// Counts per second for durations of ``denseSeconds`` or more.
    private var sparse: [Int32: Int] = [:]
    /// Number of observations.
    public private(set) var count: Int = 0

    /// An empty histogram.
    public init() {}

    /// Observations per whole second (the seconds with any).
    public var counts: [Int32: Int] {
        var all = sparse
        for (s, c) in dense.enumerated() where c > 0 { all[Int32(s)] = c }
        return all
    }

    /// Adds one observation of `milliseconds`, rounded down to whole seconds (negative → 0).
    @inlinable public mutating func add(milliseconds: Int64) {
        let seconds = Int32(clamping: max(0, milliseconds) / 1000)
        addSeconds(seconds)
    }

    @usableFromInline mutating func addSeconds(_ seconds: Int32) {
        let s = Int(seconds)
        if s < Self.denseSeconds {
            if s >= dense.count { grow(to: s + 1) }
            dense[s] += 1
        } else {
            sparse[seconds, default: 0] += 1
        }
        count += 1
    }

    /// Grows the flat array to at least `size` (doubling, up to ``denseSeconds``).
    private mutating func grow(to size: Int) {
        let target = min(Self.denseSeconds, max(size, 64, dense.count * 2))
        dense.append(contentsOf: repeatElement(0, count: target - dense.count))
    }

    /// Adds every observation of `other`.
    public mutating func merge(_ other: DurationHistogram) {
        if other.dense.count > dense.count { grow(to: other.dense.count) }
        for (s, c) in other.dense.enumerated() where c > 0 { dense[s] += c }
        for (s, c) in other.sparse { sparse[s, default: 0] += c }
        count += other.count
    }

    /// The nearest-rank percentile, `p` in 0…1, in seconds; `nil` when empty.
    public func percentile(_ p: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = max(1, Int((p * Double(count)).rounded(.up)))
        var seen = 0
        for (s, c) in dense.enumerated() where c > 0 {
            seen += c
            if seen >= rank { return Double(s) }
        }
        for s in sparse.keys.sorted() {
            seen += sparse[s]!
            if seen >= rank { return Double(s) }
        }
        return nil
    }

    /// Equal when they hold the same observations (however their storage grew).
    public static func == (a: DurationHistogram, b: DurationHistogram) -> Bool {
        guard a.count == b.count, a.sparse == b.sparse else { return false }
        let n = max(a.dense.count, b.dense.count)
        for s in 0..<n where (s < a.dense.count ? a.dense[s] : 0) != (s < b.dense.count ? b.dense[s] : 0) { return false }
        return true
    }

    /// Hashes the observations (not the storage).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        hasher.combine(sparse)
        for (s, c) in dense.enumerated() where c > 0 {
            hasher.combine(s)
            hasher.combine(c)
        }
    }
}
