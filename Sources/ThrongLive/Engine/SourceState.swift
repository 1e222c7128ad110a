public import ThrongIO

/// What one source (a connection, a file, standard input) has delivered.
public struct LiveSourceStatus: Sendable {
    /// The source's name, as in rejects (`-`, `tcp:127.0.0.1:50312#3`, a file path).
    public var name: String
    /// Lines read, accepted and rejected per reason, as a batch run counts them (a late event
    /// counts as accepted by the reader and again under ``late``).
    public var summary: ReadSummary
    /// Events older than the watermark − the allowed lateness when they arrived: left out.
    public var late: Int
    /// The same per bin start (ms).
    public var lateByBin: [Int64: Int]
    /// The newest event time seen (ms), `nil` before the first event.
    public var watermark: Int64?
    /// Whether the source has ended.
    public var finished: Bool
    /// Whether the source is idle (silent past the timeout) and no longer holds the global watermark.
    public var idle: Bool
    /// The first rejected lines (up to 20), with position and reason.
    public var firstRejects: [LineReject]
}

/// The engine's record of a source.
struct SourceState {
    var status: LiveSourceStatus
    /// Seconds since the engine started when the source last delivered.
    var lastArrival: Double
    /// The reader's own summary, once the source has ended (authoritative: it has file-level problems).
    var final: ReadSummary?
    /// Where a feed resumes it after a restart (CheckpointSource.position).
    var position = ""

    init(name: String, now: Double) {
        status = LiveSourceStatus(name: name, summary: ReadSummary(), late: 0, lateByBin: [:], watermark: nil,
                                  finished: false, idle: false, firstRejects: [])
        lastArrival = now
    }
}
