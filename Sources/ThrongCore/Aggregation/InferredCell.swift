/// A cell of an inferred table (link loads, interchange flows, route splits): the expected
/// count and the number of distinct journeys with non-zero probability on it — the
/// disclosure unit of inferred cells (docs/aggregation.md, "Disclosure control").
///
/// `stamp` remembers the last journey that counted here, so a journey whose candidates
/// share a cell counts once, without a per-journey set.
struct InferredCell: Hashable, Sendable, BinnedValue {
    var weight: FixedCount = .zero
    var journeys: Int = 0
    var stamp: UInt32 = 0

    static var zero: InferredCell { InferredCell() }
    var isZero: Bool { journeys == 0 && weight.micros == 0 }

    /// Adds `weight` of journey `journey` (a per-accumulator number from 1).
    @inline(__always) mutating func add(_ weight: FixedCount, journey: UInt32) {
        self.weight += weight
        if stamp != journey {
            stamp = journey
            journeys += 1
        }
    }

    /// Adds another accumulator's cell (its stamps mean nothing here).
    mutating func merge(_ other: InferredCell) {
        weight += other.weight
        journeys += other.journeys
        stamp = 0
    }
}
