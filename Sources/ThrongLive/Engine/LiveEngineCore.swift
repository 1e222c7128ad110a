import Synchronization
import ThrongBatch
import ThrongCore
import ThrongIO
#if canImport(Glibc)
import Glibc
#endif

/// The state the feeds, the shards and the publisher share: sources and their watermarks,
/// coverage counts, the horizon, and the shards' inboxes.
final class LiveEngineCore: Sendable {
    let network: Network
    let configuration: LiveConfiguration
    let routes: RouteCache
    let shards: [LiveShard]
    let started = ContinuousClock.now
    /// Station index of each access point, built once (not per event).
    let stationOfAccessPoint: [Int]

    /// watermark − lateness: events before it are late; sessions that end more than the session
    /// gap before it are final. `.max` once every source has ended and the engine finishes.
    private let horizonValue = Atomic<Int64>(.min)
    private let finishing = Atomic<Bool>(false)
    private let halted = Atomic<Bool>(false)
    private let running = Atomic<Bool>(false)
    /// Feeds waiting for the shards (backpressure).
    private let waitingFeeds = Atomic<Int>(0)
    let ingest = Mutex<IngestState>(IngestState())

    /// Mutable ingest bookkeeping, behind one lock: check-and-post of a batch happens under it,
    /// so no event can slip under a horizon a shard has already read (LiveShard.run).
    struct IngestState: ~Copyable {
        var sources: [SourceState] = []
        var watermark = Int64.min
        var perHour: [Int64: [Int]] = [:]
        var stationSeen: [Bool] = []
        var firstEvent = Int64.max
        var lastEvent = Int64.min
        var accepted = 0
        var late = 0
        var scratch: [[Event]] = []
        /// Arrival time (s since start) and accepted events of each batch since the last epoch request.
        var arrivals: [(time: Double, events: Int)] = []
        /// Accepted events since the last checkpoint write (when checkpointing).
        var log: [Event] = []
        var logging = false

        /// Counts an accepted event in the coverage figures (totals, time range, stations seen,
        /// events per station and hour). `hour` and `counts` cache the current hour's row: call
        /// ``flush(hour:counts:)`` after the last event.
        mutating func cover(_ e: Event, station: Int, hour: inout Int64, counts: inout [Int]) {
            accepted += 1
            firstEvent = min(firstEvent, e.time)
            lastEvent = max(lastEvent, e.time)
            stationSeen[station] = true
            let h = e.time.floorDiv(3_600_000)
            if h != hour {
                flush(hour: hour, counts: counts)
                hour = h
                counts = perHour[h] ?? [Int](repeating: 0, count: stationSeen.count)
            }
            counts[station] += 1
        }

        mutating func flush(hour: Int64, counts: [Int]) {
            if hour != .min { perHour[hour] = counts }
        }
    }

    init(network: Network, configuration: LiveConfiguration) {
        self.network = network
        self.configuration = configuration
        routes = RouteCache(network: network, limit: configuration.batch.reconstruction.routeLimit)
        shards = (0..<max(1, configuration.shards)).map { _ in LiveShard() }
        stationOfAccessPoint = network.accessPoints.map(\.station.index)
        let stations = network.stations.count
        let shardCount = shards.count
        ingest.withLock { s in
            s.stationSeen = [Bool](repeating: false, count: stations)
            s.scratch = [[Event]](repeating: [], count: shardCount)
        }
    }

    var horizon: Int64 { horizonValue.load(ordering: .acquiring) }
    var isFinishing: Bool { finishing.load(ordering: .acquiring) }
    /// Threads stop at once, writing nothing more (a crash, for tests).
    var isHalted: Bool { halted.load(ordering: .acquiring) }
    func halt() { halted.store(true, ordering: .releasing) }
    /// Whether the shard threads run (before that, nothing drains the inboxes and ingest must not wait).
    var isStarted: Bool { running.load(ordering: .acquiring) }
    func markStarted() { running.store(true, ordering: .releasing) }

    /// Seconds since start (wall).
    var now: Double {
        let d = ContinuousClock.now - started
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    func addSource(_ name: String) -> Int {
        let t = now
        return ingest.withLock { s in
            s.sources.append(SourceState(name: name, now: t))
            return s.sources.count - 1
        }
    }

    /// Counts a batch for its source, leaves out late events, posts the rest to the shards.
    /// `position`: where the source stands after this batch, for a checkpoint.
    func ingest(_ batch: EventBatch, source: Int, position: String? = nil) {
        ingest([batch], source: source, position: position)
    }

    /// Several batches under one lock: a checkpoint sees all of them or none (a `.csv.zst`
    /// file read whole).
    func ingest(_ batches: [EventBatch], source: Int, position: String?) {
        // Backpressure: a feed that outpaces reconstruction (a replay at full speed) waits here,
        // outside every lock, while a shard has more than the limit queued, or is behind in
        // closing sessions and has events queued — rather than letting queued events and
        // sessions waiting to close grow without bound.
        // While a feed waits, no source counts as idle (a waiting source is not silent, and its
        // wait must not let the others push the watermark past it).
        let limit = configuration.maxQueuedEventsPerShard
        func pressed() -> Bool {
            shards.contains { s in
                let q = s.queued
                return q > limit || (q > 0 && s.isBehind)
            }
        }
        let waited = isStarted && pressed()
        if waited {
            waitingFeeds.add(1, ordering: .acquiringAndReleasing)
            while !isHalted && !isFinishing && pressed() { usleep(500) }
        }
        let t = now
        let binMillis = configuration.batch.binMillis
        let shardCount = UInt64(shards.count)
        let stationOf = stationOfAccessPoint
        ingest.withLock { s in
          if waited {
              // Under the lock that the idleness check takes too: the source is fresh before the wait ends.
              s.sources[source].lastArrival = t
              waitingFeeds.subtract(1, ordering: .acquiringAndReleasing)
          }
          // After finishing began nothing more is read: a batch is counted whole or not at all.
          guard !finishing.load(ordering: .relaxed) else { return }
          if let position { s.sources[source].position = position }
          for batch in batches {
            s.sources[source].lastArrival = t
            s.sources[source].status.idle = false
            s.sources[source].status.summary.linesRead += batch.lineCount
            s.sources[source].status.summary.accepted += batch.events.count
            for r in batch.rejects {
                s.sources[source].status.summary.count(r.reason)
                if s.sources[source].status.firstRejects.count < 20 { s.sources[source].status.firstRejects.append(r) }
            }
            let horizon = horizonValue.load(ordering: .relaxed)
            var newest = s.sources[source].status.watermark ?? .min
            var hour = Int64.min
            var hourCounts: [Int] = []
            for e in batch.events {
                guard e.time >= horizon else {
                    s.late += 1
                    s.sources[source].status.late += 1
                    s.sources[source].status.lateByBin[e.time.floorDiv(binMillis) * binMillis, default: 0] += 1
                    continue
                }
                newest = max(newest, e.time)
                s.cover(e, station: stationOf[e.accessPoint.index], hour: &hour, counts: &hourCounts)
                s.scratch[Int(e.device.partitionHash % shardCount)].append(e)
                if s.logging { s.log.append(e) }
            }
            s.flush(hour: hour, counts: hourCounts)
            if newest != .min { s.sources[source].status.watermark = newest }
            s.arrivals.append((t, batch.events.count))
            for i in s.scratch.indices where !s.scratch[i].isEmpty {
                shards[i].post(s.scratch[i])
                s.scratch[i].removeAll(keepingCapacity: true)
            }
          }
            advance(&s, now: t)
        }
    }

    /// Re-adds a checkpoint: its sources with their counts and positions (ended, unless a feed
    /// resumes them), and its events, accepted again without the lateness check (they passed it).
    func recover(_ contents: CheckpointContents) {
        let t = now
        let shardCount = UInt64(shards.count)
        let stationOf = stationOfAccessPoint
        ingest.withLock { s in
            for src in contents.sources {
                var state = SourceState(name: src.name, now: t)
                state.status.summary.linesRead = src.linesRead
                state.status.summary.accepted = src.accepted
                for (code, n) in src.rejects {
                    if let reason = RejectReason.allCases.first(where: { $0.code == code }) {
                        for _ in 0..<n { state.status.summary.count(reason) }
                    }
                }
                state.status.late = src.late
                state.status.lateByBin = src.lateByBin
                state.status.watermark = src.watermark
                state.status.finished = true
                state.position = src.position
                s.late += src.late
                s.sources.append(state)
            }
            var parts = [[Event]](repeating: [], count: shards.count)
            var hour = Int64.min
            var hourCounts: [Int] = []
            for e in contents.events {
                s.cover(e, station: stationOf[e.accessPoint.index], hour: &hour, counts: &hourCounts)
                parts[Int(e.device.partitionHash % shardCount)].append(e)
            }
            s.flush(hour: hour, counts: hourCounts)
            for i in parts.indices { shards[i].post(parts[i]) }
            // The watermark the sources had reached.
            let newest = s.sources.compactMap(\.status.watermark).max() ?? .min
            if newest > s.watermark { s.watermark = newest }
            if s.watermark != .min {
                let h = s.watermark - configuration.allowedLatenessMillis
                if h > horizonValue.load(ordering: .relaxed) { horizonValue.store(h, ordering: .releasing) }
            }
        }
    }

    /// A recovered source a feed can resume: its id and position; it holds the watermark again.
    func resume(_ name: String) -> (id: Int, position: String)? {
        let t = now
        return ingest.withLock { s in
            guard let i = s.sources.firstIndex(where: { $0.status.name == name && !$0.position.isEmpty && $0.position != "done" }) else {
                return nil
            }
            s.sources[i].status.finished = false
            s.sources[i].lastArrival = t
            return (i, s.sources[i].position)
        }
    }

    /// Whether a recovered source is done (a `.csv.zst` read whole before the restart).
    func isDone(_ name: String) -> Bool {
        ingest.withLock { s in s.sources.contains { $0.status.name == name && $0.position == "done" } }
    }

    /// Starts logging accepted events for checkpoints.
    func startLogging() { ingest.withLock { $0.logging = true } }

    /// The events accepted since the last call and every source's record, taken together.
    func takeCheckpoint() -> (events: [Event], sources: [CheckpointSource]) {
        ingest.withLock { s in
            let events = s.log
            s.log.removeAll(keepingCapacity: true)
            let sources = s.sources.map { src in
                let summary = src.final ?? src.status.summary
                var rejects: [String: Int] = [:]
                for (reason, n) in summary.rejectedByReason where n > 0 { rejects[reason.code] = n }
                return CheckpointSource(
                    name: src.status.name, linesRead: summary.linesRead, accepted: summary.accepted, rejects: rejects,
                    late: src.status.late, lateByBin: src.status.lateByBin, watermark: src.status.watermark,
                    finished: src.status.finished, position: src.position)
            }
            return (events, sources)
        }
    }

    /// The batches ingested since the last call (for the latency measure).
    func takeArrivals() -> [(time: Double, events: Int)] {
        ingest.withLock { s in
            let taken = s.arrivals
            s.arrivals.removeAll(keepingCapacity: true)
            return taken
        }
    }

    /// Marks a source ended, with its reader's summary.
    func finishSource(_ source: Int, summary: ReadSummary?) {
        let t = now
        ingest.withLock { s in
            s.sources[source].status.finished = true
            if let summary {
                s.sources[source].final = summary
                for e in summary.fileErrors where s.sources[source].status.firstRejects.count < 20 {
                    s.sources[source].status.firstRejects.append(e)
                }
            }
            advance(&s, now: t)
        }
    }

    /// Recomputes the global watermark (idle sources left out) and the horizon; both only grow.
    func tick() {
        let t = now
        ingest.withLock { s in advance(&s, now: t) }
    }

    private func advance(_ s: inout IngestState, now t: Double) {
        var low = Int64.max
        var any = false
        for i in s.sources.indices {
            let src = s.sources[i]
            if src.status.finished { continue }
            let idle = waitingFeeds.load(ordering: .acquiring) == 0 && t - src.lastArrival > configuration.idleSourceTimeoutSeconds
            s.sources[i].status.idle = idle
            if idle { continue }
            guard let w = src.status.watermark else { low = min(low, s.watermark); any = true; continue }
            low = min(low, w)
            any = true
        }
        if any, low != .max, low > s.watermark { s.watermark = low }
        if !any {
            // Every source ended or idle: the newest event seen holds.
            let newest = s.sources.compactMap(\.status.watermark).max() ?? .min
            if newest > s.watermark { s.watermark = newest }
        }
        if s.watermark != .min {
            let h = s.watermark - configuration.allowedLatenessMillis
            if h > horizonValue.load(ordering: .relaxed) { horizonValue.store(h, ordering: .releasing) }
        }
    }

    /// End of input: every event has been posted; sessions may all close.
    func beginFinishing() {
        ingest.withLock { _ in
            finishing.store(true, ordering: .releasing)
            horizonValue.store(.max, ordering: .releasing)
        }
    }
}
