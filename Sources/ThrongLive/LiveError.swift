/// An error of the live engine: one closed set of codes, a message and the cause (the shape
/// of the other modules' errors).
public struct LiveError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// A parameter is out of range or a combination is not supported.
        case invalidConfiguration
        /// A feed could not be opened (a socket could not be bound, a directory is missing).
        case feedFailed
        /// A day leaving the retention window could not be archived (it stays in the totals).
        case archiveFailed
        /// The engine was used after ``LiveEngine/finish()``.
        case finished
    }

    /// The code.
    public var code: Code
    /// A sentence for people.
    public var message: String
    /// The underlying error, if any.
    public var cause: (any Error & Sendable)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// `message` and the cause.
    public var description: String { message + (cause.map { ": \($0)" } ?? "") }
}
