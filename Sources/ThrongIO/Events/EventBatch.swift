public import ThrongCore

/// A batch of parsed events and the rejects among the same lines, delivered by
/// ``EventLogReader/read(_:)``. The reader reuses its buffers: copy what you keep (storing
/// the arrays is fine; they are copied on the reader's next write).
public struct EventBatch: Sendable {
    /// The file the lines came from (`-` for standard input).
    public var file: String
    /// Accepted events, in file order.
    public var events: [Event]
    /// Rejected lines, in file order.
    public var rejects: [LineReject]
    /// The 1-based number of the first line covered by the batch.
    public var firstLine: Int
    /// Lines covered (accepted + rejected): the lines `firstLine ..< firstLine + lineCount`.
    /// A batch ends before a header line, so it never covers one.
    public var lineCount: Int

    /// Creates a batch.
    public init(file: String, events: [Event] = [], rejects: [LineReject] = [], firstLine: Int = 1, lineCount: Int = 0) {
        self.file = file
        self.events = events
        self.rejects = rejects
        self.firstLine = firstLine
        self.lineCount = lineCount
    }
}
