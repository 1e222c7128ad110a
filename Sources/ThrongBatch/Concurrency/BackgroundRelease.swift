import Dispatch
import Synchronization

/// Releases a run's large intermediate state (worker outputs, millions of held journeys) on
/// another thread, so that freeing it overlaps the serial tail of the run (publishing,
/// writing) instead of lengthening it: about a second of the main thread's time on a pilot day.
enum BackgroundRelease {
    /// Takes `value` over and drops it on a background thread. The caller must hand over its
    /// last reference (`consume`), or the memory is freed wherever that reference dies.
    static func drop<Value: Sendable>(_ value: consuming sending Value) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { box.empty() }
    }

    private final class Box<Value: Sendable>: Sendable {
        private let slot: Mutex<Value?>
        init(_ value: consuming sending Value) { slot = Mutex(Optional(value)) }
        func empty() { slot.withLock { $0 = nil } }
    }
}
