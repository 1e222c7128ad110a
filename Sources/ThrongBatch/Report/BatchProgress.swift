import Synchronization

/// Counters the workers bump once per batch (tens of thousands of lines), read by the
/// progress reporter on its own thread. Readers never block writers: they only load.
public final class BatchProgress: Sendable {
    private let lines = Atomic<Int>(0)
    private let events = Atomic<Int>(0)
    private let bytes = Atomic<Int>(0)
    private let devices = Atomic<Int>(0)
    private let partitionsDone = Atomic<Int>(0)
    /// Total input bytes (known up front from the file sizes).
    public let totalBytes: Int
    /// Partitions to process in stage 2.
    private let partitionCount = Atomic<Int>(0)

    /// Creates counters for a run over `totalBytes` of input.
    public init(totalBytes: Int) { self.totalBytes = totalBytes }

    func add(lines: Int, events: Int) {
        // Relaxed: monotonic statistics; nothing else is published through them.
        self.lines.wrappingAdd(lines, ordering: .relaxed)
        self.events.wrappingAdd(events, ordering: .relaxed)
    }

    func add(bytes: Int) { self.bytes.wrappingAdd(bytes, ordering: .relaxed) }
    func add(devices: Int) { self.devices.wrappingAdd(devices, ordering: .relaxed) }
    func partitionFinished() { partitionsDone.wrappingAdd(1, ordering: .relaxed) }
    func setPartitions(_ n: Int) { partitionCount.store(n, ordering: .relaxed) }

    /// A consistent-enough reading of the counters.
    public var snapshot: BatchProgressSnapshot {
        BatchProgressSnapshot(
            lines: lines.load(ordering: .relaxed), events: events.load(ordering: .relaxed),
            bytes: bytes.load(ordering: .relaxed), totalBytes: totalBytes,
            devices: devices.load(ordering: .relaxed),
            partitionsDone: partitionsDone.load(ordering: .relaxed), partitions: partitionCount.load(ordering: .relaxed))
    }
}

/// One reading of a run's progress.
public struct BatchProgressSnapshot: Sendable, Hashable {
    /// Lines read so far.
    public var lines: Int
    /// Events accepted so far.
    public var events: Int
    /// Input bytes of finished files.
    public var bytes: Int
    /// Total input bytes.
    public var totalBytes: Int
    /// Devices processed in stage 2.
    public var devices: Int
    /// Partitions processed.
    public var partitionsDone: Int
    /// Partitions in all (0 while reading).
    public var partitions: Int
}
