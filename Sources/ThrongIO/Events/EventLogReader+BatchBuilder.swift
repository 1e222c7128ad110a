import ThrongCore

/// The per-file state of ``EventLogReader``: line numbering, header, the batch being
/// filled, the summary.
struct BatchBuilder {
    let file: String
    let resolver: AccessPointResolver
    let options: EventLogReader.Options
    var events: [Event]
    var rejects: [LineReject] = []
    var summary = ReadSummary()
    /// Physical lines seen (header included).
    var lineNumber = 0
    var batchFirstLine = 1
    var batchLines = 0
    var textBytes = 0

    init(file: String, resolver: AccessPointResolver, options: EventLogReader.Options) {
        self.file = file
        self.resolver = resolver
        self.options = options
        self.events = []
        self.events.reserveCapacity(options.batchSize)
    }

    /// Handles one line from the splitter.
    @inline(__always)
    mutating func line(_ bytes: UnsafeRawBufferPointer, overlong: Bool, _ body: (EventBatch) throws -> Void) throws {
        lineNumber &+= 1
        var bytes = bytes
        if lineNumber == 1 {
            // A UTF-8 byte order mark at the start of the file is not part of the first line.
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
                bytes = UnsafeRawBufferPointer(rebasing: bytes[3...])
            }
            if !overlong && EventLineParser.isHeader(bytes) {
                summary.headerLines += 1
                batchFirstLine = 2
                return
            }
        }
        batchLines &+= 1
        if overlong {
            reject(.lineTooLong, bytes)
        } else {
            switch EventLineParser.parse(bytes, resolver: resolver) {
            case .event(let event):
                if let window = options.window, !window.contains(event.time) {
                    reject(.outsideWindow, bytes)
                    break
                }
                events.append(event)
                if events.count >= options.batchSize { try flush(body) }
            case .rejected(let reason):
                reject(reason, bytes)
            }
        }
        if rejects.count >= options.batchSize { try flush(body) }
    }

    mutating func reject(_ reason: RejectReason, _ bytes: UnsafeRawBufferPointer) {
        var n = min(bytes.count, options.rawRejectBytes)
        if n == bytes.count && n > 0 && bytes[n - 1] == 0x0D { n -= 1 }
        let raw = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[0..<n]))
        summary.count(reason)
        rejects.append(LineReject(file: file, line: lineNumber, reason: reason, raw: raw))
    }

    /// Records damage: the rest of the file counts as one rejected line.
    mutating func fileLevel(_ reason: RejectReason, fragment: UnsafeRawBufferPointer, offset: Int, detail: String) {
        lineNumber += 1
        batchLines += 1
        let n = min(fragment.count, options.rawRejectBytes)
        let raw = n > 0 ? [UInt8](UnsafeRawBufferPointer(rebasing: fragment[0..<n])) : []
        let r = LineReject(file: file, line: lineNumber, reason: reason, raw: raw, offset: offset, detail: detail)
        summary.count(reason)
        summary.fileErrors.append(r)
        rejects.append(r)
    }

    /// Delivers the current batch, if it has anything, and starts a new one.
    mutating func flush(_ body: (EventBatch) throws -> Void) throws {
        guard batchLines > 0 else { return }
        summary.accepted += events.count
        summary.linesRead += batchLines
        let batch = EventBatch(file: file, events: events, rejects: rejects, firstLine: batchFirstLine, lineCount: batchLines)
        batchFirstLine = lineNumber + 1
        batchLines = 0
        events.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
        try body(batch)
    }

    /// Delivers the last batch and returns the summary.
    mutating func finishThrowing(_ body: (EventBatch) throws -> Void) throws -> ReadSummary {
        try flush(body)
        return summary
    }
}
