/// The error thrown by `ThrongCore`: a code to match on, a message for people, the cause.
public struct ThrongCoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for matching.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String
        /// The network is inconsistent (unknown station, duplicate id, missing time, …).
        public static let invalidNetwork = Code(name: "invalidNetwork")
        /// A value is outside what the format allows.
        public static let invalidValue = Code(name: "invalidValue")
        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A message naming the file, line and value where there is one.
    public var message: String
    /// The underlying error, if any.
    public var cause: (any Error & Sendable)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// `code: message`.
    public var description: String {
        "\(code): \(message)" + (cause.map { " (cause: \($0))" } ?? "")
    }
}
