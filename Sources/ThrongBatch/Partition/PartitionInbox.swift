import Synchronization
import ThrongCore

/// Every reader's output regrouped by partition, handed out once per partition so that a
/// partition's memory is freed as soon as its worker has taken it. Each slot's lock is
/// taken once per partition (when it is claimed), never per event.
final class PartitionInbox: Sendable {
    struct Parcel: Sendable {
        var chunks: [[Event]] = []
        var spills: [String] = []
        var bytes = 0
    }

    private let slots: Mutex<[Parcel?]>

    init(readers: consuming [ReaderPartitions], plan: PartitionPlan) {
        var parcels = Array(repeating: Parcel(), count: plan.count)
        for r in readers.indices {
            for p in 0..<plan.count {
                for chunk in readers[r].memoryChunks[p] {
                    parcels[p].bytes += chunk.count * MemoryLayout<Event>.stride
                    parcels[p].chunks.append(chunk)
                }
                readers[r].memoryChunks[p] = []
                if let path = readers[r].spillPaths[p] { parcels[p].spills.append(path) }
            }
        }
        slots = Mutex(parcels.map { Optional($0) })
    }

    /// The partition's events; `nil` if already taken.
    func take(_ partition: Int) -> Parcel? {
        slots.withLock { $0[partition].take() }
    }

    /// Spill files of every partition (for clean-up).
    var spillFiles: [String] { slots.withLock { $0.flatMap { $0?.spills ?? [] } } }
}
