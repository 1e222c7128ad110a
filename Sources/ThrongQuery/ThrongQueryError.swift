/// The error thrown by `ThrongQuery`: a code to match on, a message for people, the cause.
///
/// The same shape as `ThrongCoreError` and `ThrongStoreError`. Queries never trap: an unknown
/// station, an ambiguous name, a time outside the index or a snapshot that cannot be read is
/// one of these codes.
public struct ThrongQueryError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for matching.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String

        /// Creates a code with a name (unique within the module by convention).
        public init(name: String) { self.name = name }

        /// No station matches the NaPTAN code, name or hub code (see ``ThrongQueryError/suggestions``).
        public static let unknownStation = Code(name: "unknownStation")
        /// A name matches several stations (see ``ThrongQueryError/suggestions`` for their display names).
        public static let ambiguousStation = Code(name: "ambiguousStation")
        /// No line, or no link of a line, joins the stations asked for.
        public static let unknownLink = Code(name: "unknownLink")
        /// A planned route could not be read or does not follow the network.
        public static let invalidRoute = Code(name: "invalidRoute")
        /// An instant lies outside the time the index covers, and observed data was required.
        public static let outsideIndex = Code(name: "outsideIndex")
        /// An argument is outside what the function allows (empty window, bad time of day, …).
        public static let invalidArgument = Code(name: "invalidArgument")
        /// The snapshot file cannot be opened or read, or is of another schema version.
        public static let cannotLoad = Code(name: "cannotLoad")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A message naming the station, route or file concerned.
    public var message: String
    /// What the caller may have meant: display names of close or competing stations.
    public var suggestions: [String]
    /// The underlying error, if any (a `ThrongStoreError` when a snapshot cannot be read).
    public var cause: (any Error & Sendable)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, suggestions: [String] = [], cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.suggestions = suggestions
        self.cause = cause
    }

    /// `code: message (did you mean …?) (cause: …)`.
    public var description: String {
        var text = "\(code): \(message)"
        if !suggestions.isEmpty { text += " (did you mean: \(suggestions.joined(separator: ", "))?)" }
        if let cause { text += " (cause: \(cause))" }
        return text
    }
}
