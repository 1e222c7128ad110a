public import ThrongBatch
public import ThrongCore
public import ThrongIO
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The live engine: events in from any number of sources, crowding out as a stream of
/// immutable epochs, with the batch engine's rules (docs/live.md).
///
/// ```swift
/// let engine = try LiveEngine(network: network, configuration: LiveConfiguration())
/// engine.start()
/// let source = engine.addSource("-")
/// let summary = try EventLogReader(path: "-", resolver: engine.resolver, options: engine.readerOptions)
///     .read { batch in engine.ingest(batch, from: source) }
/// engine.endSource(source, summary: summary)
/// let final = engine.finish()          // every session closed: equals `throng batch`
/// print(final.snapshot.originDestination.count)
/// ```
///
/// Feeds call ``ingest(_:from:)`` from their own threads. Shards (threads) own the devices,
/// buffer each device's events until its session is final (idle for the session gap past the
/// watermark − lateness) and then reconstruct and aggregate it exactly as a batch run does. A
/// publisher thread merges the shards' totals into a new ``LiveEpoch`` every
/// ``LiveConfiguration/publishIntervalSeconds`` and swaps it in without locks
/// (``EpochPublisher``): readers of ``current`` never wait and never see a half-built epoch.
public final class LiveEngine: Sendable {
    let core: LiveEngineCore
    let publisher: EpochPublisher<LiveEpoch>
    let expansion: ExpansionFactors
    private let stop = Atomic<Bool>(false)
    let publishing = Mutex<PublishingState>(PublishingState())
    private let finalEpoch = Mutex<LiveEpoch?>(nil)
    private let coordinatorDone = Atomic<Bool>(false)
    let latency = Mutex(LatencyHistogram())
    let checkpoint: CheckpointFile?
    private let recovered: CheckpointContents?
    private let checkpointFailure = Mutex<LiveError?>(nil)
    /// The retention window's archiver, when the configuration has a window.
    let archiver: DayArchiver?
    /// The MAC-change joiner's thread.
    let joinWorker: JoinWorker

    /// Resolves access points and keys devices for feeds (the configuration's device keying).
    public let resolver: AccessPointResolver

    /// Creates an engine; ``start()`` starts its threads.
    ///
    /// - Parameters:
    ///   - network: the network as built; the configuration's closures are applied.
    ///   - expansion: gate-count profiles for people estimates, as for a batch run.
    ///   - checkpoint: a checkpoint file (docs/live.md, "Checkpoint and restart"): if it has
    ///     content, the engine resumes from it (its events, counts, positions and device-keying
    ///     secret) when started; the engine then writes to it every
    ///     ``LiveConfiguration/checkpointIntervalSeconds`` and at ``finish()``.
    public init(network: Network, configuration: LiveConfiguration, expansion: ExpansionFactors = ExpansionFactors(),
                checkpoint: String? = nil) throws(LiveError) {
        var configuration = configuration
        var file: CheckpointFile?
        var contents: CheckpointContents?
        if let checkpoint {
            let f = try CheckpointFile(path: checkpoint)
            let meta = try f.meta()
            let record = ["format": CheckpointFile.format, "bin_minutes": String(configuration.batch.binMinutes),
                          "session_gap_ms": String(configuration.batch.reconstruction.sessionGapMillis)]
            if meta.isEmpty {
                var values = record
                switch configuration.batch.deviceKeying {
                case .unkeyed: values["device_keying"] = "unkeyed"
                case .keyed(let sip): values["device_keying"] = "keyed:\(sip.k0):\(sip.k1)"
                }
                try f.setMeta(values)
            } else {
                for (k, v) in record where meta[k] != v {
                    throw LiveError(.invalidConfiguration, "the checkpoint \(checkpoint) was made with \(k) = \(meta[k] ?? "-"), this run has \(v)")
                }
                let keying = (meta["device_keying"] ?? "").split(separator: ":")
                if keying.count == 3, let k0 = UInt64(keying[1]), let k1 = UInt64(keying[2]) {
                    configuration.batch.deviceKeying = .keyed(SipHash(k0: k0, k1: k1))
                } else {
                    configuration.batch.deviceKeying = .unkeyed
                }
                contents = try f.load()
            }
            file = f
        }
        self.checkpoint = file
        recovered = contents
        let c = configuration.batch
        guard c.release.budget == nil else {
            throw LiveError(.invalidConfiguration, "the live engine publishes exact releases only (threshold suppression): a private release of a stream is not implemented; use --exact")
        }
        guard (5...60).contains(c.binMinutes), 60 % c.binMinutes == 0 else {
            throw LiveError(.invalidConfiguration, "bin width must divide 60 and be 5–60 minutes, got \(c.binMinutes)")
        }
        guard configuration.maxQueuedEventsPerShard > 0 else {
            throw LiveError(.invalidConfiguration, "maxQueuedEventsPerShard must be positive, got \(configuration.maxQueuedEventsPerShard)")
        }
        if let r = configuration.retention, r.days < 1 {
            throw LiveError(.invalidConfiguration, "the retention window must keep at least 1 day, got \(r.days)")
        }
        guard configuration.allowedLatenessMillis >= 0 else { throw LiveError(.invalidConfiguration, "allowed lateness must not be negative") }
        guard configuration.publishIntervalSeconds > 0, configuration.idleSourceTimeoutSeconds > 0, configuration.flowPublishIntervalSeconds > 0 else {
            throw LiveError(.invalidConfiguration, "publish interval and idle timeout must be positive")
        }
        let closed: Network
        do {
            closed = try network.closing(c.closures)
        } catch {
            throw LiveError(.invalidConfiguration, "cannot apply the closures", cause: error)
        }
        core = LiveEngineCore(network: closed, configuration: configuration)
        archiver = configuration.retention.map { DayArchiver(retention: $0, network: closed) }
        joinWorker = JoinWorker(core: core)
        resolver = AccessPointResolver(network: closed, deviceKeying: c.deviceKeying)
        self.expansion = expansion
        let empty = CrowdingAccumulator(binMillis: c.binMillis)
        publisher = EpochPublisher(Self.makeEpoch(sequence: 0, core: core, accumulator: empty, expansion: expansion,
                                                  status: Self.emptyStatus, tally: DeviceTally()))
    }

    /// The network the engine uses (closures applied): write snapshots with it.
    public var network: Network { core.network }

    /// Reader options for feeds: the run's time window, and batches delivered per read.
    public var readerOptions: EventLogReader.Options {
        var o = EventLogReader.Options(batchSize: 8_192)
        let c = core.configuration.batch
        if c.windowStart != nil || c.windowEnd != nil { o.window = (c.windowStart ?? .min)..<(c.windowEnd ?? .max) }
        o.deliversEachRead = true
        return o
    }

    /// Starts the shard and publisher threads.
    public func start() {
        var started: [Thread] = []
        for shard in core.shards {
            let core = self.core
            let t = Thread { shard.run(engine: core) }
            t.name = "throng-shard"
            started.append(t)
        }
        let t = Thread { [self] in self.coordinate() }
        t.name = "throng-publisher"
        started.append(t)
        let joinWorker = self.joinWorker
        // The joiner and the archiver give way to the shards and the publisher when the cores
        // are busy (a full-speed replay): their work is not what an epoch waits for.
        let j = Thread {
            Self.lowerPriority(by: 2)
            joinWorker.run()
        }
        j.name = "throng-joiner"
        started.append(j)
        if let archiver {
            let a = Thread {
                Self.lowerPriority(by: 10)
                archiver.run()
            }
            a.name = "throng-archiver"
            started.append(a)
        }
        if let recovered { core.recover(recovered) }
        if let checkpoint {
            core.startLogging()
            let w = Thread { [self] in self.writeCheckpoints(to: checkpoint) }
            w.name = "throng-checkpoint"
            started.append(w)
        }
        for t in started { t.start() }
        core.markStarted()
    }

    /// Raises the calling thread's nice value by `steps` (Linux keeps one per thread, and
    /// `who` 0 names the calling thread); elsewhere it does nothing.
    private static func lowerPriority(by steps: Int32) {
        #if os(Linux)
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        _ = setpriority(which, 0, getpriority(which, 0) + steps)
        #endif
    }

    /// Registers a source; its events' watermark holds the global one back while it is active.
    public func addSource(_ name: String) -> Int { core.addSource(name) }

    /// Adds a batch read from `source` (any thread).
    public func ingest(_ batch: EventBatch, from source: Int) { core.ingest(batch, source: source) }

    /// Adds batches and records where the source stands after them (a checkpoint sees all or none).
    func ingest(_ batches: [EventBatch], from source: Int, position: String) { core.ingest(batches, source: source, position: position) }

    /// A source recovered from the checkpoint that a feed can continue: its id and position.
    func resume(_ name: String) -> (id: Int, position: String)? { core.resume(name) }

    /// The last checkpoint write's failure, if any (the run goes on; the status line says so).
    public var checkpointError: LiveError? { checkpointFailure.withLock { $0 } }

    /// The last archive failure of the retention window, if any (`nil` again once a day is
    /// archived): the day stays in memory and is offered again.
    public var archiveError: LiveError? { archiver?.failure.withLock { $0 } }

    /// Stops every thread at once without closing anything or writing a checkpoint: what a
    /// killed process leaves behind, for restart tests. The engine cannot be used afterwards.
    func haltForTesting() {
        core.halt()
        stop.store(true, ordering: .releasing)
        while !coordinatorDone.load(ordering: .acquiring) { usleep(1_000) }
        archiver?.stop()
        joinWorker.stop()
        usleep(100_000)   // the shards and the checkpoint writer see the flag
    }

    private func writeCheckpoints(to file: CheckpointFile) {
        var last = core.now
        while !stop.load(ordering: .acquiring) && !core.isHalted {
            usleep(50_000)
            guard core.now - last >= core.configuration.checkpointIntervalSeconds, !core.isHalted else { continue }
            last = core.now
            writeCheckpoint(to: file)
        }
    }

    private func writeCheckpoint(to file: CheckpointFile) {
        let (events, sources) = core.takeCheckpoint()
        do {
            try file.write(events: events, sources: sources)
        } catch {
            checkpointFailure.withLock { $0 = error }
        }
    }

    /// Marks a source ended, with its reader's final summary (it has the file-level problems).
    public func endSource(_ source: Int, summary: ReadSummary?) { core.finishSource(source, summary: summary) }

    /// The newest epoch: lock-free, never waits.
    public var current: LiveEpoch { publisher.read() }

    /// Ends the run: every open session is closed, every held journey decided, and the final
    /// epoch built and returned — equal to a batch run of the same events (docs/live.md).
    /// Call after the feeds have stopped calling ``ingest(_:from:)``.
    public func finish() -> LiveEpoch {
        core.beginFinishing()
        while !core.shards.allSatisfy(\.isDone) { usleep(1_000) }
        stop.store(true, ordering: .releasing)
        while !coordinatorDone.load(ordering: .acquiring) { usleep(1_000) }
        if let checkpoint { writeCheckpoint(to: checkpoint) }
        // Not halted here (a halted engine is not finished), so the epoch is built.
        let built = buildEpoch(final: true)   // waits for the joiner and the archiver
        archiver?.stop()
        joinWorker.stop()
        guard let epoch = built else { return current }
        publisher.publish(epoch)
        return epoch
    }

    private func coordinate() {
        var lastPublish = core.now
        while !stop.load(ordering: .acquiring) {
            usleep(20_000)
            core.tick()
            if core.now - lastPublish >= core.configuration.publishIntervalSeconds, !core.isFinishing {
                lastPublish = core.now
                // Batches ingested before the views are asked for are in this epoch (shards
                // drain their inbox before building a view).
                let arrivals = core.takeArrivals()
                guard let epoch = buildEpoch(final: false) else { break }   // halted
                publisher.publish(epoch)
                let visible = core.now
                latency.withLock { h in for a in arrivals { h.record(seconds: visible - a.time, events: a.events) } }
            }
        }
        coordinatorDone.store(true, ordering: .releasing)
    }
}
