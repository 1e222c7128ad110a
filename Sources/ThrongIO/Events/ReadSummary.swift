public import ThrongCore

/// What reading one or more event logs did. Invariant: `accepted + rejected == linesRead`.
public struct ReadSummary: Hashable, Sendable, CustomStringConvertible {
    /// Files read (or attempted).
    public var files: Int = 0
    /// Lines read, header lines excluded. The damaged or unreadable rest of a file counts
    /// as one line (rejected with a file-level reason), after the lines of a failed zstd
    /// frame, which are each rejected with that reason.
    public var linesRead: Int = 0
    /// Header lines skipped: the first line of a file if it is a header, and later lines
    /// that are exactly the header (concatenated files).
    public var headerLines: Int = 0
    /// Lines turned into events.
    public var accepted: Int = 0
    /// Rejected lines per reason, indexed by `RejectReason.rawValue`.
    var counts = [Int](repeating: 0, count: RejectReason.allCases.count)
    /// Bytes read from files (compressed size for zstd).
    public var bytesIn: Int = 0
    /// Bytes of text (decompressed size for zstd).
    public var bytesOut: Int = 0
    /// Files that were zstd-compressed.
    public var compressedFiles: Int = 0
    /// File-level problems (truncated, corrupt, unreadable), in the order met.
    public var fileErrors: [LineReject] = []
    /// The content fingerprint of a single file's bytes as read (``ContentFingerprint``),
    /// computed in the reading pass; `nil` after merging summaries of several files, and for a
    /// file whose reading stopped before its end (the bytes read are then not the file).
    public var fingerprint: String? = nil

    /// An empty summary.
    public init() {}

    /// Rejected lines, all reasons.
    public var rejected: Int { counts.reduce(0, +) }

    /// Rejected lines with one reason.
    public func rejected(_ reason: RejectReason) -> Int { counts[Int(reason.rawValue)] }

    /// Rejected lines per reason (reasons with none are left out).
    public var rejectedByReason: [RejectReason: Int] {
        var result: [RejectReason: Int] = [:]
        for reason in RejectReason.allCases where counts[Int(reason.rawValue)] > 0 {
            result[reason] = counts[Int(reason.rawValue)]
        }
        return result
    }

    /// Whether `accepted + rejected == linesRead`.
    public var isBalanced: Bool { accepted + rejected == linesRead }

    /// Adds another summary (for several files).
    public mutating func merge(_ other: ReadSummary) {
        fingerprint = files == 0 && other.files == 1 ? other.fingerprint : nil
        files += other.files
        linesRead += other.linesRead
        headerLines += other.headerLines
        accepted += other.accepted
        for i in counts.indices { counts[i] += other.counts[i] }
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
        compressedFiles += other.compressedFiles
        fileErrors += other.fileErrors
    }

    /// Counts one rejected line.
    package mutating func count(_ reason: RejectReason) { counts[Int(reason.rawValue)] += 1 }

    /// Several lines of `key: value`, reasons in declaration order.
    public var description: String {
        var lines = [
            "files: \(files) (\(compressedFiles) zstd)",
            "lines read: \(linesRead) (+\(headerLines) header)",
            "accepted: \(accepted)",
            "rejected: \(rejected)",
        ]
        for reason in RejectReason.allCases where rejected(reason) > 0 {
            lines.append("  \(reason.code): \(rejected(reason))")
        }
        lines.append("bytes in: \(bytesIn)")
        lines.append("bytes out: \(bytesOut)")
        for e in fileErrors { lines.append("file error: \(e)") }
        return lines.joined(separator: "\n")
    }
}
