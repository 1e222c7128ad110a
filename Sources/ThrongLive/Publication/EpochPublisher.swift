import Synchronization

/// Hands the newest immutable value (an epoch) from one writer to any number of readers,
/// lock-free on both sides: the writer never waits for readers, readers never wait for the
/// writer, and a reader gets one whole epoch, never a mix of two.
///
/// Four slots hold strong references to recent epochs; `current` names the newest. A reader
/// announces itself on the slot it is about to read (`readers[i] += 1`), checks that the slot
/// is still current, takes its own reference to the epoch, and leaves; if the check fails (the
/// writer published meanwhile) it retries on the new slot. The writer publishes into a slot
/// that is not current and has no reader announced, then makes it current; if every other slot
/// is being read at that instant it keeps the epoch for the next publication instead of
/// waiting. The announcement and the writer's check are sequentially consistent (a Dekker
/// pair), so the writer never replaces an epoch a reader is taking, and the reference the
/// reader takes keeps its epoch alive after the slot is reused.
package final class EpochPublisher<Value: AnyObject & Sendable>: Sendable {
    private static var slotCount: Int { 4 }
    private let slot0 = Atomic<UInt>(0)
    private let slot1 = Atomic<UInt>(0)
    private let slot2 = Atomic<UInt>(0)
    private let slot3 = Atomic<UInt>(0)
    /// Readers announced per slot: four 16-bit counters in one word.
    private let readers = Atomic<UInt64>(0)
    private let current = Atomic<Int>(0)

    /// Starts with `initial` as the current epoch.
    package init(_ initial: Value) {
        slot0.store(Self.retain(initial), ordering: .sequentiallyConsistent)
    }

    deinit {
        for i in 0..<Self.slotCount {
            let bits = exchange(i, 0)
            if bits != 0 { Self.unmanaged(bits).release() }
        }
    }

    private func load(_ i: Int) -> UInt {
        switch i {
        case 0: slot0.load(ordering: .sequentiallyConsistent)
        case 1: slot1.load(ordering: .sequentiallyConsistent)
        case 2: slot2.load(ordering: .sequentiallyConsistent)
        default: slot3.load(ordering: .sequentiallyConsistent)
        }
    }

    private func exchange(_ i: Int, _ bits: UInt) -> UInt {
        switch i {
        case 0: slot0.exchange(bits, ordering: .sequentiallyConsistent)
        case 1: slot1.exchange(bits, ordering: .sequentiallyConsistent)
        case 2: slot2.exchange(bits, ordering: .sequentiallyConsistent)
        default: slot3.exchange(bits, ordering: .sequentiallyConsistent)
        }
    }

    private static func one(_ i: Int) -> UInt64 { 1 << UInt64(16 * i) }

    /// The current epoch.
    package func read() -> Value {
        while true {
            let i = current.load(ordering: .sequentiallyConsistent)
            readers.add(Self.one(i), ordering: .sequentiallyConsistent)
            if current.load(ordering: .sequentiallyConsistent) == i {
                let value = Self.unmanaged(load(i)).takeUnretainedValue()
                readers.subtract(Self.one(i), ordering: .sequentiallyConsistent)
                return value
            }
            readers.subtract(Self.one(i), ordering: .sequentiallyConsistent)
        }
    }

    /// Makes `value` the current epoch, unless every other slot is being read at this instant.
    /// Call from one thread at a time (the engine's publisher).
    /// - Returns: whether it was published (if not, publish it or a newer one next time).
    @discardableResult
    package func publish(_ value: Value) -> Bool {
        let now = current.load(ordering: .sequentiallyConsistent)
        for step in 1..<Self.slotCount {
            let j = (now + step) % Self.slotCount
            guard (readers.load(ordering: .sequentiallyConsistent) >> UInt64(16 * j)) & 0xFFFF == 0 else { continue }
            // No reader can get past its check on j now: j is not current.
            let old = exchange(j, Self.retain(value))
            current.store(j, ordering: .sequentiallyConsistent)
            if old != 0 { Self.unmanaged(old).release() }
            return true
        }
        return false
    }

    private static func retain(_ value: Value) -> UInt {
        UInt(bitPattern: Unmanaged.passRetained(value).toOpaque())
    }

    private static func unmanaged(_ bits: UInt) -> Unmanaged<Value> {
        Unmanaged<Value>.fromOpaque(UnsafeRawPointer(bitPattern: bits)!)
    }
}
