package import ThrongCore

/// Bounds the events any one device can put in memory: a device with more accepted events
/// than ``limit`` in a run is implausible (a stuck controller, a flood, a fixed device
/// pinging every second) and is treated as noise — its events are counted as accepted, then
/// left out of reconstruction and every aggregate, and the run reports it.
///
/// Counting is a count-min sketch (2 rows × 131,072 counters, 1 MiB per reader), so memory does
/// not grow with the number of devices; its estimate never undercounts, and overcounts by
/// (events read / 131,072) per row on average, far below any sensible limit. A device is taken
/// for another only if both its counters are shared with it (odds 1 in 2^34 per pair of
/// devices). Two rows, not four: each counter is a cache miss on every event, and four took
/// 4.9% of a pilot day's CPU samples (252 of 5,129, docs/performance.md §13) for odds no run needs. Once a device's estimate
/// passes the limit its key joins a small exact set and its later events are dropped at once,
/// so no device holds more than `limit` events in each reader's buffers.
package struct DeviceEventCap: ~Copyable {
    static let width = 1 << 17
    static let depth = 2
    let limit: UInt32
    private var counters: [UInt32]
    /// Devices over the limit, found by this reader.
    package private(set) var heavy: Set<DeviceKey> = []
    /// Events left out after their device went over the limit.
    package private(set) var dropped = 0

    package init(limit: Int) {
        self.limit = UInt32(clamping: max(1, limit))
        counters = [UInt32](repeating: 0, count: Self.width * Self.depth)
    }

    /// Counts one event of `device`; false when the device is over the limit (drop the event).
    @inline(__always)
    package mutating func admit(_ device: DeviceKey) -> Bool {
        var estimate = UInt32.max
        var h = device.high ^ (device.low &* 0x9E37_79B9_7F4A_7C15)
        for row in 0..<Self.depth {
            h = (h ^ (h >> 31)) &* 0xBF58_476D_1CE4_E5B9 &+ UInt64(row)
            let slot = row &* Self.width &+ Int(truncatingIfNeeded: h >> 47)
            let c = counters[slot] &+ 1
            counters[slot] = c == 0 ? UInt32.max : c
            estimate = min(estimate, counters[slot])
        }
        guard estimate > limit else { return true }
        heavy.insert(device)
        dropped += 1
        return false
    }
}
