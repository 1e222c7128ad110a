import ThrongCore

/// The per-file state of ``EventLogReader``: line numbering, headers, the batch being
/// filled, the batches held back until their zstd frame verifies (`BatchBuilder+FrameHold`),
/// the summary. Lines, rejects and events are counted in the summary when their batch is
/// delivered, so lines held back and then dropped are never counted as accepted.
struct BatchBuilder {
    let file: String
    let resolver: AccessPointResolver
    let options: EventLogReader.Options
    var events: [Event]
    var rejects: [LineReject] = []
    var summary = ReadSummary()
    /// Physical lines seen (headers included).
    var lineNumber = 0
    var batchFirstLine = 1
    var batchLines = 0
    /// The first line if it was a header, without CR: a later line equal to it is a header too.
    var header: [UInt8]? = nil

    /// Whether lines are known intact as they arrive (plain text, or the rest of a zstd
    /// frame verified ahead). When not, lines are held back until ``commitAll(_:)``.
    var trusted = true
    /// Counts of the open batch's leading events, rejects and lines known intact.
    var verifiedEvents = 0
    var verifiedRejects = 0
    var verifiedLines = 0
    /// Closed batches not yet delivered because some of their lines are not verified, in
    /// file order, all after the delivered lines and before the open batch. Only the first
    /// can have verified lines.
    var held: [HeldBatch] = []
    /// The last line (physical number) known intact, and the header lines up to it.
    var verifiedLine = 0
    var verifiedHeaderLines = 0

    /// `timestamp,device,ap`: a line equal to it is a header anywhere in a file.
    static let canonicalHeader: [UInt8] = Array("timestamp,device,ap".utf8)
    /// The UTF-8 byte order mark's length; the splitter allows it on top of the longest line.
    static let bomLength = 3

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
        if lineNumber == 1 && Self.hasBOM(bytes) {
            // A UTF-8 byte order mark at the start of the file is not part of the first line.
            bytes = UnsafeRawBufferPointer(rebasing: bytes[Self.bomLength...])
        }
        if !overlong && bytes.count >= 9 && (bytes[0] == 0x74 || bytes[0] == 0xEF) && isHeader(bytes) {
            summary.headerLines += 1
            try closeBatch(body)
            return
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
                if events.count >= options.batchSize { try closeBatch(body) }
            case .rejected(let reason):
                reject(reason, bytes)
            }
        }
        if rejects.count >= options.batchSize { try closeBatch(body) }
    }

    /// Whether the line (BOM of line 1 removed) is a header. Line 1: it starts with
    /// `timestamp` and is not too long. Later lines: after an optional byte order mark (files
    /// concatenated), it is exactly line 1's header or `timestamp,device,ap`.
    mutating func isHeader(_ line: UnsafeRawBufferPointer) -> Bool {
        var n = line.count
        if line[n - 1] == 0x0D { n -= 1 }
        if lineNumber == 1 {
            guard n <= EventLineParser.maxLineLength, EventLineParser.isHeader(line) else { return false }
            header = Array(UnsafeRawBufferPointer(rebasing: line[0..<n]))
            return true
        }
        var start = 0
        if Self.hasBOM(line) { start = Self.bomLength }
        let text = UnsafeRawBufferPointer(rebasing: line[start..<max(start, n)])
        if let header, text.elementsEqual(header) { return true }
        return text.elementsEqual(Self.canonicalHeader)
    }

    static func hasBOM(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    mutating func reject(_ reason: RejectReason, _ bytes: UnsafeRawBufferPointer) {
        var n = min(bytes.count, options.rawRejectBytes)
        if n == bytes.count && n > 0 && bytes[n - 1] == 0x0D { n -= 1 }
        let raw = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[0..<n]))
        rejects.append(LineReject(file: file, line: lineNumber, reason: reason, raw: raw))
    }

    /// Records damage: the rest of the file counts as one rejected line. Lines held back
    /// must have been settled first (``failHeldLines(_:offset:detail:_:)``).
    mutating func fileLevel(_ reason: RejectReason, fragment: UnsafeRawBufferPointer, offset: Int, detail: String) {
        lineNumber += 1
        batchLines += 1
        let n = min(fragment.count, options.rawRejectBytes)
        let raw = n > 0 ? [UInt8](UnsafeRawBufferPointer(rebasing: fragment[0..<n])) : []
        let r = LineReject(file: file, line: lineNumber, reason: reason, raw: raw, offset: offset, detail: detail)
        summary.fileErrors.append(r)
        rejects.append(r)
    }

    /// Ends the open batch (full, or at a header): delivers it if all its lines are
    /// verified and nothing is held before it, holds it back otherwise. The next batch
    /// starts after the current line.
    mutating func closeBatch(_ body: (EventBatch) throws -> Void) throws {
        defer { batchFirstLine = lineNumber + 1 }
        guard batchLines > 0 else { return }
        if held.isEmpty && (trusted || verifiedLines == batchLines) {
            try deliverOpen(body)
        } else {
            held.append(HeldBatch(
                batch: EventBatch(file: file, events: events, rejects: rejects, firstLine: batchFirstLine, lineCount: batchLines),
                verifiedEvents: trusted ? events.count : verifiedEvents, verifiedRejects: trusted ? rejects.count : verifiedRejects,
                verifiedLines: trusted ? batchLines : verifiedLines))
            resetOpen()
        }
    }

    /// Delivers the open batch as it is and empties it (its next line number is set by the caller).
    mutating func deliverOpen(_ body: (EventBatch) throws -> Void) throws {
        guard batchLines > 0 else { return }
        let batch = EventBatch(file: file, events: events, rejects: rejects, firstLine: batchFirstLine, lineCount: batchLines)
        resetOpen()
        try deliver(batch, body)
    }

    mutating func resetOpen() {
        batchLines = 0
        verifiedEvents = 0
        verifiedRejects = 0
        verifiedLines = 0
        events.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
    }

    /// Counts a batch in the summary and hands it to `body`.
    mutating func deliver(_ batch: EventBatch, _ body: (EventBatch) throws -> Void) throws {
        summary.accepted += batch.events.count
        summary.linesRead += batch.lineCount
        for r in batch.rejects { summary.count(r.reason) }
        try body(batch)
    }

    /// Delivers the last batch and returns the summary.
    mutating func finishThrowing(_ body: (EventBatch) throws -> Void) throws -> ReadSummary {
        try commitAll(body)
        try closeBatch(body)
        return summary
    }
}
