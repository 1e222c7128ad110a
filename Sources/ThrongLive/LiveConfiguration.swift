public import ThrongBatch

/// Parameters of a ``LiveEngine``: the batch engine's (the same rules, bins, calendar,
/// disclosure threshold, device keying and closures, so that a live run equals a batch run of
/// the same events) and the streaming ones.
public struct LiveConfiguration: Sendable {
    /// The rules shared with `throng batch`. Its release must be exact (threshold suppression):
    /// a private release's per-device-day bounds and noise are not implemented for a stream yet
    /// (``LiveError/Code/invalidConfiguration``). `workers`, `memoryBudgetBytes`, `rejectsPath`
    /// and `spillDirectory` are not used.
    public var batch: BatchConfiguration
    /// How far behind the watermark an event may be and still count (docs/live.md). An event
    /// older than watermark − lateness is counted as `tooLate` per source and bin and left
    /// out. Default 300 000 (5 min).
    public var allowedLatenessMillis: Int64 = 300_000
    /// A source that has delivered nothing for this long (wall clock) no longer holds the
    /// global watermark back. Default 30 s.
    public var idleSourceTimeoutSeconds: Double = 30
    /// How often a new epoch is published (a new one starts this long after the last one
    /// started, or at once when building took longer). Default 0.5 s: an event is visible
    /// within this interval plus one epoch's build.
    public var publishIntervalSeconds: Double = 0.5
    /// How often OD, route splits and distributions (whole-day tables, the costly part of an
    /// epoch) are republished; station bins, link loads and interchange flows are every epoch.
    /// Default 30 s.
    public var flowPublishIntervalSeconds: Double = 30
    /// How often a checkpoint is written, when the engine has one. Default 5 s.
    public var checkpointIntervalSeconds: Double = 5
    /// Reconstruction shards (threads), devices spread by key. Default 2.
    public var shards: Int = 2
    /// Events a shard may have queued and not yet taken before a feed's next batch waits for
    /// it (backpressure: a feed faster than reconstruction is slowed down, memory stays
    /// bounded, and a shard's next view waits for at most this many events to be added).
    /// Default 250 000 (8 MB per shard).
    public var maxQueuedEventsPerShard: Int = 250_000
    /// Seconds one call of the MAC-change joiner runs at most (on its own thread,
    /// ``JoinWorker``) before it hands over what it released and looks for newer journeys and
    /// frontiers; when a day's held journeys all become due at once they are joined in such
    /// slices. The final epoch decides everything. Internal, a tuning knob.
    var joinSliceSeconds = 0.15
    /// Ends the joiner searches per call at most; tests set it low to run the bounded path.
    var joinEndsPerCall = Int.max
    /// Days older than a window leave the totals, archived (``LiveRetention``). `nil` (the
    /// default): every day stays in memory until the run ends.
    public var retention: LiveRetention?

    /// The defaults, with an exact release.
    public init(batch: BatchConfiguration = BatchConfiguration()) {
        self.batch = batch
    }

    /// The run record's live entries.
    var record: [String: String] {
        [
            "engine": "live",
            "allowed_lateness_ms": String(allowedLatenessMillis),
            "idle_source_timeout_s": String(idleSourceTimeoutSeconds),
            "publish_interval_s": String(publishIntervalSeconds),
            "flow_publish_interval_s": String(flowPublishIntervalSeconds),
        ]
    }
}
