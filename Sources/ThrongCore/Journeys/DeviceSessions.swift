/// Splits one device's time-ordered events into sessions: maximal runs in which consecutive
/// events are at most ``ReconstructionParameters/sessionGapMillis`` apart (docs/semantics.md,
/// "Sessions"). The batch and the live engine reconstruct, classify and aggregate each session
/// on its own, so a device's figures never depend on what it did hours apart, and a session is
/// final as soon as its device has been idle for the gap.
package enum DeviceSessions {
    /// Calls `body` with the index range of each session of `events` (sorted by time), in order.
    @inline(__always)
    package static func forEach(in events: borrowing [Event], gap: Int64, _ body: (Range<Int>) throws -> Void) rethrows {
        let n = events.count
        var start = 0
        while start < n {
            var end = start + 1
            while end < n, events[end].time - events[end - 1].time <= gap { end += 1 }
            try body(start..<end)
            start = end
        }
    }

    /// Sorts a device's events as the reconstructor does: by time, then access point.
    @inline(__always)
    package static func sort(_ events: inout [Event]) {
        events.sort { $0.time != $1.time ? $0.time < $1.time : $0.accessPoint < $1.accessPoint }
    }
}
