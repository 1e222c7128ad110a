public import ThrongCore

/// How devices are split into partitions: every event of a device lands in the same
/// partition, so a partition can be processed alone, by one worker, in memory.
public struct PartitionPlan: Sendable, Hashable {
    /// Number of partitions.
    public let count: Int

    /// A plan with `count` partitions (at least 1).
    public init(count: Int) {
        self.count = max(1, count)
    }

    /// Chooses enough partitions that one partition's events fit in a worker's share of
    /// the memory budget, given an estimate of the total number of events.
    ///
    /// Each worker holds one partition at a time, sorted in place, so the per-partition
    /// target is `budget / (2 · workers)` (half for the events, half for the worker's
    /// aggregates and the readers' buffers).
    public init(estimatedEvents: Int, workers: Int, memoryBudgetBytes: Int) {
        let perPartition = max(1 << 20, memoryBudgetBytes / max(1, 2 * workers))
        let needed = (estimatedEvents * MemoryLayout<Event>.stride + perPartition - 1) / perPartition
        self.init(count: min(4096, max(workers * 4, needed)))
    }

    /// The partition of a device.
    @inlinable public func partition(of device: DeviceKey) -> Int {
        Int(device.partitionHash % UInt64(count))
    }
}
