public import Logging
import Foundation
import ThrongCore
import ThrongWeb

/// Structured logs: one JSON object per line on standard error, with `time`, `level`, `label`,
/// `message`, the source location and every metadata value as a string.
public struct JSONLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// The minimum level written.
    public var logLevel: Logger.Level = .info
    /// Metadata added to every message.
    public var metadata: Logger.Metadata = [:]

    /// A handler for `label`.
    public init(label: String) { self.label = label }

    /// The handler's metadata value for `key`.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line.
    public func log(event: LogEvent) {
        var w = JSONWriter(capacity: 256)
        w.object { o in
            o.member("time", Timestamp.iso8601(millis: Int64(Date().timeIntervalSince1970 * 1000)))
            o.member("level", event.level.rawValue)
            o.member("label", label)
            o.member("message", event.message.description)
            var all = metadata
            if let extra = event.metadata { all.merge(extra) { $1 } }
            for (k, v) in all.sorted(by: { $0.key < $1.key }) { o.member(k, v.description) }
            o.member("source", "\(event.file):\(event.line)")
        }
        var bytes = w.bytes
        bytes.append(0x0A)
        FileHandle.standardError.write(Data(bytes))
    }
}
