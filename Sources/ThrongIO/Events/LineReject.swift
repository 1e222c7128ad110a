public import ThrongCore

/// One rejected line of an event log, or the damaged rest of a file (file-level reasons).
public struct LineReject: Hashable, Sendable, CustomStringConvertible {
    /// The file (`-` for standard input).
    public var file: String
    /// The 1-based line number, counting every line of the file (header and empty lines
    /// included). For a file-level reject: the line the damage begins in.
    public var line: Int
    /// Why it was rejected.
    public var reason: RejectReason
    /// The line's first bytes (at most ``EventLogReader/Options/rawRejectBytes``), without
    /// the line terminator; for file-level rejects the incomplete line before the damage,
    /// and nothing for the lines of a failed zstd frame (their bytes are not to be trusted).
    public var raw: [UInt8]
    /// For file-level rejects: the byte offset in the file (compressed bytes for zstd)
    /// where the damage can begin: the start of the failing frame for a corrupt zstd frame
    /// (the ``detail`` says where it was detected), the end of the data for a truncated one,
    /// the failing read for an unreadable file.
    public var offset: Int?
    /// For file-level rejects: the decoder's or system's message.
    public var detail: String?

    /// Creates a reject.
    public init(file: String, line: Int, reason: RejectReason, raw: [UInt8], offset: Int? = nil, detail: String? = nil) {
        self.file = file
        self.line = line
        self.reason = reason
        self.raw = raw
        self.offset = offset
        self.detail = detail
    }

    /// ``raw`` as text (invalid UTF-8 replaced by U+FFFD).
    public var rawText: String { String(decoding: raw, as: UTF8.self) }

    /// `file:line: code: raw` (and offset and detail for file-level rejects).
    public var description: String {
        var s = "\(file):\(line): \(reason.code)"
        if let offset { s += " at byte \(offset)" }
        if let detail { s += " (\(detail))" }
        if !raw.isEmpty { s += ": \(rawText)" }
        return s
    }
}
