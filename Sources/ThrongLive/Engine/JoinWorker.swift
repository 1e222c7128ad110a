import Synchronization
import ThrongCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs the MAC-change joiner (``IncrementalJoiner``) on a thread of its own, so that no epoch
/// waits for joining: each pair joined is a path inferred again, and at the end of a day, when
/// the staff's sessions close, a day's held journeys become due at once (10 s of joining at
/// pilot scale, which an epoch that joined them itself waited for).
///
/// The publisher calls ``exchange(held:frontier:)`` once per epoch: it hands over the journeys
/// the shards held since the last epoch with the frontier their views give, and takes what the
/// journeys released meanwhile add to the totals (aggregated here, off the epoch's path too),
/// with what is still pending. Everything happens under one lock, so the figures it returns are
/// consistent: every held journey is either released (its figures returned once), pending in the
/// joiner, or queued, and `earliestPending` covers the last two.
final class JoinWorker: Sendable {
    private struct Box {
        var queued: [ReconstructedJourney] = []
        var frontier: [Int64]?
        /// What released journeys add, not yet taken.
        var released: Released
        var joined = 0
        /// In the joiner, or taken from the queue and not yet added.
        var pending = 0
        /// The earliest time a pending or queued journey covers.
        var earliestPending = Int64.max
        var finishing = false
        var finished = false
    }

    /// The figures of released journeys (joined ones, and held ones left as they were).
    struct Released: Sendable {
        var totals: CrowdingAccumulator
        /// Link loads and interchange flows of journeys with one end observed.
        var partial: CrowdingAccumulator
        var tally = DeviceTally()

        init(binMillis: Int64) {
            totals = CrowdingAccumulator(binMillis: binMillis)
            partial = CrowdingAccumulator(binMillis: binMillis)
        }

        mutating func merge(_ other: Released) {
            totals.merge(other.totals)
            partial.merge(other.partial)
            tally.add(other.tally)
        }
    }

    /// What the publisher gets back at an epoch.
    struct Exchange {
        var released: Released
        var joined: Int
        var pending: Int
        var earliestPending: Int64
    }

    private let box: Mutex<Box>
    private let stopping = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)
    private let core: LiveEngineCore

    init(core: LiveEngineCore) {
        self.core = core
        box = Mutex(Box(released: Released(binMillis: core.configuration.batch.binMillis)))
    }

    /// Hands over `held` with the views' `frontier`, takes what was released.
    func exchange(held: [ReconstructedJourney], frontier: [Int64]) -> Exchange {
        box.withLock { b in
            for j in held { b.earliestPending = min(b.earliestPending, IncrementalJoiner.earliestTime(of: j)) }
            b.queued += held
            b.frontier = frontier
            var out = Exchange(released: Released(binMillis: core.configuration.batch.binMillis), joined: b.joined,
                               pending: b.pending + b.queued.count, earliestPending: b.earliestPending)
            swap(&out.released, &b.released)
            return out
        }
    }

    /// Hands over the last held journeys, waits until every journey is decided, and returns them.
    func finish(held: [ReconstructedJourney]) -> Exchange {
        box.withLock { b in
            b.queued += held
            b.finishing = true
        }
        while !box.withLock({ $0.finished }) && !stopped.load(ordering: .acquiring) { usleep(1_000) }
        return exchange(held: [], frontier: [])
    }

    /// Ends the thread (a halt: what is queued stays).
    func stop() {
        stopping.store(true, ordering: .releasing)
        while !stopped.load(ordering: .acquiring) { usleep(1_000) }
    }

    /// The thread's loop.
    func run() {
        defer { stopped.store(true, ordering: .releasing) }
        let c = core.configuration.batch
        var joiner = IncrementalJoiner()
        var reconstructor = JourneyReconstructor(network: core.network, parameters: c.reconstruction, routes: core.routes, calendar: c.calendar)
        let window = c.reconstruction.macChangeWindowMillis
        let aggregation = DeviceAggregation(network: core.network, calendar: c.calendar, parameters: c.reconstruction)
        let budget = max(1, core.configuration.joinEndsPerCall)
        let slice = Duration.milliseconds(Int64(core.configuration.joinSliceSeconds * 1_000))
        var frontier: [Int64]?
        var unfinished = false   // the last call stopped at its bound
        var finished = false
        while !stopping.load(ordering: .acquiring) {
            if finished {
                // Everything is decided; the engine stops the thread next.
                usleep(2_000)
                continue
            }
            let (held, newFrontier, finishing) = box.withLock { b -> ([ReconstructedJourney], [Int64]?, Bool) in
                let taken = b.queued
                b.queued = []
                b.pending += taken.count
                let f = b.frontier
                b.frontier = nil
                return (taken, f, b.finishing)
            }
            if !held.isEmpty { joiner.add(held, using: reconstructor) }
            if let newFrontier { frontier = newFrontier }
            var released: [ReconstructedJourney] = []
            if finishing {
                repeat {
                    released += joiner.decide(frontier: [], window: window, budget: budget, using: &reconstructor)
                } while joiner.count > 0 && joiner.lastProgress > 0
            } else if let frontier, newFrontier != nil || !held.isEmpty || unfinished {
                released = joiner.decide(frontier: frontier, window: window, budget: budget, deadline: .now + slice, using: &reconstructor)
                unfinished = joiner.lastCallBounded
            }
            let idle = released.isEmpty && held.isEmpty && newFrontier == nil && !unfinished
            if idle && !finishing {
                usleep(2_000)
                continue
            }
            var figures = Released(binMillis: c.binMillis)
            for journey in released {
                aggregation.addJourney(journey, to: &figures.totals, partial: &figures.partial, tally: &figures.tally)
            }
            // The earliest pending time is a pass over the joiner: only when something changed.
            let earliest = joiner.earliestTime
            box.withLock { b in
                b.released.merge(figures)
                b.joined = joiner.joined
                b.pending = joiner.count
                b.earliestPending = min(earliest, b.queued.reduce(Int64.max) { min($0, IncrementalJoiner.earliestTime(of: $1)) })
                // (Deciding with an empty frontier always makes progress; should it not, the
                // run ends rather than waits, with the journeys left counted as pending.)
                if finishing && b.queued.isEmpty && (joiner.count == 0 || joiner.lastProgress == 0) { b.finished = true }
                finished = b.finished
            }
        }
    }
}
