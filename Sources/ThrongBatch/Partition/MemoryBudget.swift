import Synchronization

/// Bytes of events held in memory across all readers, against the run's budget.
/// Updated once per chunk (tens of thousands of events), never per event.
package final class MemoryBudget: Sendable {
    /// The budget for buffered events, in bytes.
    let limit: Int
    private let held = Atomic<Int>(0)
    private let peak = Atomic<Int>(0)

    package init(limit: Int) { self.limit = limit }

    /// Records `bytes` more held; returns whether the total is still within the limit.
    func reserve(_ bytes: Int) -> Bool {
        // Relaxed: the counter only steers the decision to spill; no data is published through it.
        let now = held.wrappingAdd(bytes, ordering: .relaxed).newValue
        var seen = peak.load(ordering: .relaxed)
        while now > seen {
            let (exchanged, original) = peak.compareExchange(expected: seen, desired: now, ordering: .relaxed)
            if exchanged { break }
            seen = original
        }
        return now <= limit
    }

    /// Records `bytes` released.
    func release(_ bytes: Int) {
        held.wrappingSubtract(bytes, ordering: .relaxed)
    }

    /// The most ever held at once.
    var peakBytes: Int { peak.load(ordering: .relaxed) }
}
