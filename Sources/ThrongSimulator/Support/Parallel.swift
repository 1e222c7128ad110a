import Dispatch
import Synchronization

/// Runs `count` independent work items on `threads` workers; items are taken in order from
/// an atomic counter. Each worker keeps its own results and hands them in once, under a lock,
/// when it runs out of items; the results are then placed by item index, so the output is
/// independent of scheduling.
enum Parallel {
    static func map<T: Sendable>(_ count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let workers = max(1, min(threads, count))
        if workers == 1 { return (0..<count).map(body) }
        let next = Atomic<Int>(0)
        let handedIn = Mutex<[[(Int, T)]]>(Array(repeating: [], count: workers))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var mine: [(Int, T)] = []
            while true {
                // Relaxed: the index is the only thing published; inputs were built before.
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= count { break }
                mine.append((i, body(i)))
            }
            handedIn.withLock { $0[worker] = mine }
        }
        var slots = [T?](repeating: nil, count: count)
        handedIn.withLock { parts in
            for part in parts { for (i, value) in part { slots[i] = value } }
        }
        return slots.map { $0! }
    }

    static func forEach(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        _ = map(count, threads: threads) { i -> Bool in body(i); return true }
    }
}
