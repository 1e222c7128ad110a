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
    /// the memory budget, given an estimate of the total number of events; and, when all the
    /// events fit the budget, that none holds more than ``targetPartitionBytes``.
    ///
    /// Each worker holds one partition at a time, sorted in place, so the per-partition
    /// target is `budget / (2 · workers)` (half for the events, half for the worker's
    /// aggregates and the readers' buffers). A worker's buffers (the partition's events, the
    /// sort's scratch, and while it takes the partition over, the readers' chunks) grow to its
    /// largest partition, so the size cap keeps them small: on a pilot day (19.7 M events, 2 GiB
    /// budget) 8 partitions of 79 MB each became 19 of 33 MB. The cap does not apply to a run
    /// that spills (more events than the budget): each reader keeps a spill file (a descriptor
    /// and a compressor) and an open chunk per partition, so there the count stays the budget's;
    /// and it never asks for more than `budget / targetPartitionBytes` partitions.
    public init(estimatedEvents: Int, workers: Int, memoryBudgetBytes: Int) {
        let bytes = estimatedEvents * MemoryLayout<Event>.stride
        let perPartition = max(1 << 20, memoryBudgetBytes / max(1, 2 * workers))
        let needed = (bytes + perPartition - 1) / perPartition
        let capped = bytes <= memoryBudgetBytes
            ? min((bytes + Self.targetPartitionBytes - 1) / Self.targetPartitionBytes, max(1, memoryBudgetBytes / Self.targetPartitionBytes))
            : 0
        self.init(count: min(4096, max(workers * 4, needed, capped)))
    }

    /// The most event bytes a partition is planned to hold when the run's events fit the
    /// memory budget (32 MiB: 1 M events). More partitions cost little there (a radix pass's
    /// counts, and each reader's open 512 KiB chunk per partition); fewer cost the workers' buffers.
    public static let targetPartitionBytes = 32 << 20

    /// The partition of a device.
    @inlinable public func partition(of device: DeviceKey) -> Int {
        Int(device.partitionHash % UInt64(count))
    }
}
