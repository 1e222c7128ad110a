/// The error thrown by `ThrongSimulator`: a code to match on, a message, the cause.
public struct SimulatorError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for matching.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String
        /// Creates a code.
        public init(name: String) { self.name = name }
        /// An option is out of range or malformed.
        public static let invalidConfig = Code(name: "invalidConfig")
        /// Demand files are missing or malformed.
        public static let invalidDemand = Code(name: "invalidDemand")
        /// The network lacks something the run needs (a station, a line section, access points).
        public static let invalidNetwork = Code(name: "invalidNetwork")
        /// Writing output failed.
        public static let outputFailed = Code(name: "outputFailed")
        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A message naming the file, option or value.
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
    public var description: String { "\(code): \(message)" + (cause.map { " (cause: \($0))" } ?? "") }
}
