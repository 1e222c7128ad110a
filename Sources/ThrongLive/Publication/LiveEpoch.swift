public import ThrongCore
public import ThrongQuery

/// One published state of the live engine: immutable, swapped in whole (``LiveEngine/current``).
public final class LiveEpoch: Sendable {
    /// 0 before the first publication, then 1, 2, …
    public let sequence: Int
    /// The aggregates in the batch schema, through disclosure control. Occupancy includes
    /// the open sessions' presence (provisional); everything else counts closed sessions only
    /// (docs/live.md, "Provisional and final").
    public let snapshot: CrowdingSnapshot
    /// The query library's index over ``snapshot``.
    public let index: CrowdingIndex
    /// The engine's state when the epoch was built.
    public let status: LiveStatus

    init(sequence: Int, snapshot: CrowdingSnapshot, index: CrowdingIndex, status: LiveStatus) {
        self.sequence = sequence
        self.snapshot = snapshot
        self.index = index
        self.status = status
    }
}

/// Figures about the engine at one epoch.
public struct LiveStatus: Sendable {
    /// The global watermark (ms): the oldest of the active sources' newest event times.
    public var watermark: Int64?
    /// Events accepted into sessions since start.
    public var acceptedEvents: Int
    /// Lines read since start.
    public var linesRead: Int
    /// Lines rejected since start, late events included.
    public var rejectedLines: Int
    /// Late events left out.
    public var lateEvents: Int
    /// Devices with an open session.
    public var openDevices: Int
    /// Events buffered in open sessions.
    public var openEvents: Int
    /// Journeys held for MAC-change joining, not yet decided.
    public var pendingJoins: Int
    /// Seconds the engine has run.
    public var uptimeSeconds: Double
    /// Seconds this epoch took to build.
    public var buildSeconds: Double
    /// Event-to-visible latency so far, median: seconds from a batch's arrival to the
    /// publication of the first epoch that includes it, weighted by events.
    public var visibleLatencyP50: Double?
    /// The same, 99th percentile.
    public var visibleLatencyP99: Double?
    /// Per source.
    public var sources: [LiveSourceStatus]
}
