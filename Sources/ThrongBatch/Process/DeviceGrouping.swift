import ThrongCore

/// Puts a partition's events in device order — each device's events contiguous — with a
/// two-pass radix sort on the top 32 bits of the device key, in buffers the worker keeps.
///
/// The comparison sort it replaces ordered by (device, time, access point) with a closure and
/// a fresh merge buffer per partition (tens of MB of newly faulted pages each time). Only the
/// grouping matters here: the reconstructor orders each device's events by time itself, and
/// aggregation is order-independent. Devices whose keys share their top 32 bits (a handful
/// per partition) are separated by a comparison sort of their run.
struct DeviceGrouping {
    private var scratch: [Event] = []
    private var counts = [Int](repeating: 0, count: 1 << 16)

    /// Below this, a comparison sort is cheaper than two 65,536-bucket passes.
    static let radixThreshold = 4096

    /// Groups `events` by device.
    mutating func group(_ events: inout [Event]) {
        let n = events.count
        guard n >= Self.radixThreshold else {
            events.sort(by: Self.fullOrder)
            return
        }
        // Taken out of self for the passes (moves, not copies), put back after.
        var buffer = scratch, histogram = counts
        scratch = []
        counts = []
        if buffer.count < n { buffer = [Event](repeating: events[0], count: n) }
        // `buffer` may be longer than `events` (kept from a larger partition): pass the count.
        Self.pass(n, from: &events, to: &buffer, counts: &histogram, shift: 32)
        Self.pass(n, from: &buffer, to: &events, counts: &histogram, shift: 48)
        scratch = buffer
        counts = histogram
        // Runs that share the top 32 bits but hold several devices.
        var start = 0
        while start < n {
            let top = events[start].device.high >> 32
            var end = start + 1
            var mixed = false
            while end < n, events[end].device.high >> 32 == top {
                if events[end].device != events[start].device { mixed = true }
                end += 1
            }
            if mixed { events[start..<end].sort(by: Self.fullOrder) }
            start = end
        }
    }

    /// One stable counting pass over the first `n` events on the 16 bits of `device.high` at `shift`.
    private static func pass(_ n: Int, from source: inout [Event], to target: inout [Event], counts: inout [Int], shift: UInt64) {
        precondition(source.count >= n && target.count >= n)
        counts.withUnsafeMutableBufferPointer { counts in
            for i in counts.indices { counts[i] = 0 }
            source.withUnsafeBufferPointer { src in
                for i in 0..<n { counts[Int((src[i].device.high >> shift) & 0xFFFF)] += 1 }
                var sum = 0
                for i in counts.indices {
                    let c = counts[i]
                    counts[i] = sum
                    sum += c
                }
                target.withUnsafeMutableBufferPointer { dst in
                    for i in 0..<n {
                        let e = src[i]
                        let d = Int((e.device.high >> shift) & 0xFFFF)
                        dst[counts[d]] = e
                        counts[d] += 1
                    }
                }
            }
        }
    }

    static func fullOrder(_ a: Event, _ b: Event) -> Bool {
        a.device != b.device ? a.device < b.device : (a.time != b.time ? a.time < b.time : a.accessPoint < b.accessPoint)
    }
}
