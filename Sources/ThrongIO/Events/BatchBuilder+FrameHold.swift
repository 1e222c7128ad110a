import ThrongCore

/// A closed batch held back until its lines are verified; the first `verified…` of its
/// events, rejects and lines are known intact.
struct HeldBatch {
    var batch: EventBatch
    var verifiedEvents: Int
    var verifiedRejects: Int
    var verifiedLines: Int

    /// The batch's last line (physical number).
    var lastLine: Int { batch.firstLine + batch.lineCount - 1 }
}

/// Where the builder stood between two reads: the lines up to here can be verified together.
struct HoldCheckpoint {
    var line: Int
    var batchFirstLine: Int
    var events: Int
    var rejects: Int
    var lines: Int
    var headerLines: Int
}

/// Holding back the lines of a zstd frame until the frame has verified (its checksum
/// matched at its end): lines are delivered only once every byte they are made of is
/// verified, and if the frame fails, the lines held are rejected with the file-level reason
/// instead. See docs/formats.md, "Damaged zstd frames".
extension BatchBuilder {
    /// Switches between lines known intact as they arrive and lines to hold back.
    mutating func setTrusted(_ value: Bool) {
        guard value != trusted else { return }
        // Everything read while trusted is intact.
        if trusted { markAllVerified() }
        trusted = value
    }

    /// The state to pass to ``commit(to:_:)`` once the bytes read so far turn out intact.
    var checkpoint: HoldCheckpoint {
        HoldCheckpoint(
            line: lineNumber, batchFirstLine: batchFirstLine, events: events.count, rejects: rejects.count,
            lines: batchLines, headerLines: summary.headerLines)
    }

    /// An estimate of the memory taken by lines held back: the held batches and the open
    /// batch's unverified part (a reject is counted with its largest `raw`).
    var heldBytes: Int {
        guard !trusted else { return 0 }
        var e = events.count - verifiedEvents
        var r = rejects.count - verifiedRejects
        for h in held {
            e += h.batch.events.count
            r += h.batch.rejects.count
        }
        return e * MemoryLayout<Event>.stride + r * (MemoryLayout<LineReject>.stride + options.rawRejectBytes + 32)
    }

    /// Every line so far is verified: delivers the held batches; the open batch is all verified.
    mutating func commitAll(_ body: (EventBatch) throws -> Void) throws {
        let ready = held
        held.removeAll()
        markAllVerified()
        for h in ready { try deliver(h.batch, body) }
    }

    /// The lines up to `checkpoint` are verified (the ones after it are not).
    mutating func commit(to checkpoint: HoldCheckpoint, _ body: (EventBatch) throws -> Void) throws {
        var ready = 0
        while ready < held.count && held[ready].lastLine <= checkpoint.line { ready += 1 }
        let batches = held.prefix(ready)
        held.removeFirst(ready)
        if checkpoint.lines > 0 {
            // The batch that was open at the checkpoint has that many verified lines.
            if !held.isEmpty && held[0].batch.firstLine == checkpoint.batchFirstLine {
                held[0].verifiedEvents = checkpoint.events
                held[0].verifiedRejects = checkpoint.rejects
                held[0].verifiedLines = checkpoint.lines
            } else if held.isEmpty && batchFirstLine == checkpoint.batchFirstLine {
                verifiedEvents = checkpoint.events
                verifiedRejects = checkpoint.rejects
                verifiedLines = checkpoint.lines
            }
        }
        verifiedLine = checkpoint.line
        verifiedHeaderLines = checkpoint.headerLines
        for h in batches { try deliver(h.batch, body) }
    }

    mutating func markAllVerified() {
        verifiedEvents = events.count
        verifiedRejects = rejects.count
        verifiedLines = batchLines
        verifiedLine = lineNumber
        verifiedHeaderLines = summary.headerLines
    }

    /// The source failed with `reason`: delivers the verified lines still held, and rejects
    /// every line after them (headers included, which are no longer counted as headers) with
    /// `reason`, empty `raw`, `offset` and `detail`. None of them counts as accepted. The
    /// caller then records the damaged rest with ``fileLevel(_:fragment:offset:detail:)``.
    mutating func failHeldLines(_ reason: RejectReason, offset: Int, detail: String, _ body: (EventBatch) throws -> Void) throws {
        if trusted { markAllVerified() }
        trusted = true
        // Keep only the verified start of the first batch not yet delivered, as the open batch.
        if let first = held.first {
            events.removeAll(keepingCapacity: true)
            rejects.removeAll(keepingCapacity: true)
            events.append(contentsOf: first.batch.events.prefix(first.verifiedEvents))
            rejects.append(contentsOf: first.batch.rejects.prefix(first.verifiedRejects))
            batchFirstLine = first.batch.firstLine
            batchLines = first.verifiedLines
            held.removeAll()
        } else {
            events.removeSubrange(verifiedEvents...)
            rejects.removeSubrange(verifiedRejects...)
            batchLines = verifiedLines
        }
        if batchLines == 0 || batchFirstLine + batchLines != verifiedLine + 1 {
            try deliverOpen(body)
            batchFirstLine = verifiedLine + 1
        }
        summary.headerLines = verifiedHeaderLines
        var n = verifiedLine
        while n < lineNumber {
            n += 1
            rejects.append(LineReject(file: file, line: n, reason: reason, raw: [], offset: offset, detail: detail))
            batchLines += 1
            if rejects.count >= options.batchSize {
                try deliverOpen(body)
                batchFirstLine = n + 1
            }
        }
        markAllVerified()
    }
}
