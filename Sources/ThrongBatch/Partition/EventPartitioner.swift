package import ThrongCore
import ThrongIO

/// One reader's view of the partitions: it appends each accepted event to the buffer of
/// its device's partition and hands full chunks either to memory (while the shared
/// budget allows) or to its own spill file for that partition. Owned by one thread;
/// the only shared state it touches is the ``MemoryBudget`` counter, once per chunk.
package struct EventPartitioner: ~Copyable {
    let plan: PartitionPlan
    let budget: MemoryBudget
    let spillDirectory: String
    let reader: Int
    let chunkCapacity: Int

    private var open: [[Event]]
    /// Full chunks kept in memory, per partition.
    private(set) var memoryChunks: [[[Event]]]
    /// Spill files, per partition (created on first spill).
    private(set) var spills: [SpillFile?]
    private(set) var bytesInMemory = 0
    private var cap: DeviceEventCap

    package init(plan: PartitionPlan, budget: MemoryBudget, spillDirectory: String, reader: Int, chunkCapacity: Int = 16_384,
                 maxEventsPerDevice: Int = BatchConfiguration.defaultMaxEventsPerDevice) {
        cap = DeviceEventCap(limit: maxEventsPerDevice)
        self.plan = plan
        self.budget = budget
        self.spillDirectory = spillDirectory
        self.reader = reader
        self.chunkCapacity = chunkCapacity
        open = Array(repeating: [], count: plan.count)
        memoryChunks = Array(repeating: [], count: plan.count)
        spills = Array(repeating: nil, count: plan.count)
    }

    /// Adds one event to its device's partition.
    @inline(__always)
    package mutating func add(_ event: Event) throws {
        guard cap.admit(event.device) else { return }   // an implausible device: counted, not buffered
        let p = plan.partition(of: event.device)
        if open[p].capacity == 0 { open[p].reserveCapacity(chunkCapacity) }
        open[p].append(event)
        if open[p].count == chunkCapacity { try flush(partition: p) }
    }

    private mutating func flush(partition p: Int) throws {
        let chunk = open[p]
        open[p] = []
        guard !chunk.isEmpty else { return }
        let bytes = chunk.count * MemoryLayout<Event>.stride
        if budget.reserve(bytes) {
            memoryChunks[p].append(chunk)
            bytesInMemory += bytes
        } else {
            budget.release(bytes)
            if spills[p] == nil {
                spills[p] = SpillFile(path: "\(spillDirectory)/r\(reader)-p\(p).events.zst")
            }
            try spills[p]!.append(chunk)
        }
    }

    /// Flushes every partial chunk, closes the spill files and hands over what was read.
    package consuming func finish() throws -> ReaderPartitions {
        for p in 0..<plan.count { try flush(partition: p) }
        for spill in spills { try spill?.finish() }
        return ReaderPartitions(memoryChunks: memoryChunks, spillPaths: spills.map { $0?.path }, bytesInMemory: bytesInMemory,
                                implausibleDevices: cap.heavy, droppedEvents: cap.dropped)
    }
}

/// What one reader produced, per partition: chunks in memory and at most one spill file.
package struct ReaderPartitions: Sendable {
    var memoryChunks: [[[Event]]]
    var spillPaths: [String?]
    var bytesInMemory: Int
    /// Devices over the per-device event limit (``DeviceEventCap``), found by this reader.
    var implausibleDevices: Set<DeviceKey> = []
    /// Their events this reader left out.
    var droppedEvents = 0
}
