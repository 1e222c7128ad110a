import Dispatch
import Synchronization

/// Runs the same body on `count` OS threads at once and returns each worker's result,
/// in worker order. The only synchronisation is one lock per worker, taken once when the
/// worker hands in its result; the bodies share nothing else unless they choose to.
enum ParallelWorkers {
    static func run<Result: Sendable>(
        count: Int,
        _ body: @escaping @Sendable (_ worker: Int) throws -> Result
    ) throws -> [Result] {
        precondition(count >= 1)
        let results = Mutex<[Swift.Result<Result, any Error>?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { worker in
            let outcome = Swift.Result { try body(worker) }
            results.withLock { $0[worker] = outcome }
        }
        return try results.withLock { slots in try slots.map { try $0!.get() } }
    }
}

/// A shared cursor over `0..<count` that hands each index to exactly one worker.
final class WorkQueue: Sendable {
    private let next = Atomic<Int>(0)
    let count: Int

    init(count: Int) { self.count = count }

    /// The next unclaimed index, or `nil` when all are taken.
    func claim() -> Int? {
        // Relaxed is enough: the index is the only thing published, and each worker's
        // inputs were fully built before the workers started.
        let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return i < count ? i : nil
    }
}
