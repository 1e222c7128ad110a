/// The error thrown by `ThrongEvaluation`: a code to match on, a message, the cause.
public struct EvaluationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String
        /// A truth file is missing or cannot be read.
        public static let unreadableTruth = Code(name: "unreadableTruth")
        /// A truth row is malformed (wrong field count, unknown station, bad number).
        public static let badTruth = Code(name: "badTruth")
        /// The event logs could not be read for the reference aggregation.
        public static let unreadableEvents = Code(name: "unreadableEvents")
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

    /// `code: message (cause: …)`.
    public var description: String {
        cause.map { "\(code): \(message) (cause: \($0))" } ?? "\(code): \(message)"
    }
}
