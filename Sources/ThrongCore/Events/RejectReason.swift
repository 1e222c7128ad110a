/// Why an event-log line (or the rest of a file) was not turned into an ``Event``.
///
/// Every line read from an event log is either accepted or rejected with exactly one
/// reason; the reasons are checked in the order of the cases below, so a line that is both
/// too long and not UTF-8 is `lineTooLong`. The ``code`` strings are stable: they appear in
/// reports and may be matched by scripts.
public enum RejectReason: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The line is longer than ``EventLineParser/maxLineLength`` bytes (terminator excluded).
    case lineTooLong
    /// The line is empty (or only a CR).
    case emptyLine
    /// The line is not valid UTF-8.
    case invalidUTF8
    /// Fewer than three comma-separated fields.
    case missingFields
    /// The timestamp is neither epoch milliseconds nor ISO-8601 with a UTC offset, or names
    /// an impossible date or time (month 13, 30 February, 24:00, leap second 60, …).
    case badTimestamp
    /// The timestamp is well formed but before 1970-01-01T00:00:00Z or after year 9999.
    case timestampOutOfRange
    /// The device token is empty or has a character outside `[A-Za-z0-9+/=_-]`.
    case badDevice
    /// The device token is longer than ``EventLineParser/maxDeviceLength`` characters.
    case deviceTooLong
    /// The access point id is empty, longer than ``EventLineParser/maxAccessPointLength``
    /// characters, or contains a control character (C0, DEL or C1, such as U+0085) or a line
    /// or paragraph separator (U+2028, U+2029).
    case badAccessPoint
    /// The access point id is well formed but not in the network.
    case unknownAccessPoint
    /// The line is a valid event but its time is outside the run's window (batch `--from`/`--to`).
    case outsideWindow
    /// File level: compressed data ends in the middle of a zstd frame. The damaged tail of
    /// the file counts as one rejected line.
    case truncatedFrame
    /// File level: compressed data is damaged (bad block, checksum mismatch, not zstd).
    /// The damaged tail of the file counts as one rejected line.
    case corruptFrame
    /// File level: the file could not be opened or a read failed. The unread rest counts
    /// as one rejected line.
    case unreadableFile

    /// A stable identifier, e.g. `badTimestamp`.
    public var code: String {
        switch self {
        case .lineTooLong: "lineTooLong"
        case .emptyLine: "emptyLine"
        case .invalidUTF8: "invalidUTF8"
        case .missingFields: "missingFields"
        case .badTimestamp: "badTimestamp"
        case .timestampOutOfRange: "timestampOutOfRange"
        case .badDevice: "badDevice"
        case .deviceTooLong: "deviceTooLong"
        case .badAccessPoint: "badAccessPoint"
        case .unknownAccessPoint: "unknownAccessPoint"
        case .outsideWindow: "outsideWindow"
        case .truncatedFrame: "truncatedFrame"
        case .corruptFrame: "corruptFrame"
        case .unreadableFile: "unreadableFile"
        }
    }

    /// Whether the reason concerns the file (its bytes could not be read or decoded) rather
    /// than the content of one line.
    public var isFileLevel: Bool {
        switch self {
        case .truncatedFrame, .corruptFrame, .unreadableFile: true
        default: false
        }
    }

    /// A sentence for people.
    public var description: String {
        switch self {
        case .lineTooLong: "line longer than \(EventLineParser.maxLineLength) bytes"
        case .emptyLine: "empty line"
        case .invalidUTF8: "line is not valid UTF-8"
        case .missingFields: "fewer than 3 fields (timestamp,device,ap)"
        case .badTimestamp: "timestamp is not epoch milliseconds or ISO-8601 with offset, or is not a real date/time"
        case .timestampOutOfRange: "timestamp before 1970 or after 9999"
        case .badDevice: "device token empty or has characters outside [A-Za-z0-9+/=_-]"
        case .deviceTooLong: "device token longer than \(EventLineParser.maxDeviceLength) characters"
        case .badAccessPoint: "access point id empty, longer than \(EventLineParser.maxAccessPointLength) characters, or has control characters"
        case .unknownAccessPoint: "access point id not in the network"
        case .outsideWindow: "timestamp outside the run's time window"
        case .truncatedFrame: "compressed data ends inside a zstd frame (file truncated)"
        case .corruptFrame: "compressed data is corrupt"
        case .unreadableFile: "file could not be opened or read"
        }
    }
}
