import ThrongIO

/// The error thrown by `ThrongBatch`: a code to match on, a message for people, the cause.
public struct BatchError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String
        /// `--strict` and a line was rejected.
        public static let strictReject = Code(name: "strictReject")
        /// No input files were given or found.
        public static let noInput = Code(name: "noInput")
        /// A configuration value is out of range.
        public static let invalidConfiguration = Code(name: "invalidConfiguration")
        /// Reading, spilling or writing failed (disk full, permissions, …).
        public static let ioFailed = Code(name: "ioFailed")
        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A message naming the file and line where there is one.
    public var message: String
    /// The underlying error, if any.
    public var cause: (any Error & Sendable)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// `--strict` stopped at this rejected line.
    static func strictReject(_ reject: LineReject) -> BatchError {
        BatchError(.strictReject, "--strict: \(reject.file):\(reject.line): \(reject.reason.code): \(reject.detail ?? reject.reason.description)")
    }

    /// `code: message (cause: …)`.
    public var description: String { "\(code): \(message)" + (cause.map { " (cause: \($0))" } ?? "") }
}
