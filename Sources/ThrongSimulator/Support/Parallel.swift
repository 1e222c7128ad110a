import Dispatch
import Synchronization

/// Runs `count` independent work items on `threads` workers; items are taken in order from
/// an atomic counter. Each item writes only its own slot, so the result is independent of
/// scheduling.
enum Parallel {
    static func map<T: Sendable>(_ count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count: count)
        forEach(count, threads: threads) { i in slots.set(i, body(i)) }
        return slots.values()
    }

    static func forEach(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let workers = max(1, min(threads, count))
        if workers == 1 {
            for i in 0..<count { body(i) }
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= count { break }
                body(i)
            }
        }
    }
}

/// Write-once result slots, one per work item (each written by exactly one worker).
final class Slots<T: Sendable>: @unchecked Sendable {
    private var storage: [T?]
    init(count: Int) { storage = [T?](repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) {
        storage.withUnsafeMutableBufferPointer { $0[i] = value }
    }
    func values() -> [T] { storage.map { $0! } }
}
