/// The error thrown by `ThrongStore`: a code to match on, a message for people, the cause.
///
/// SQLite failures carry a ``SQLiteFailure`` (SQLite's result code and message) as their
/// ``cause``; system-call failures carry a ``StoreSystemError`` (`errno`).
public struct ThrongStoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for matching.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String

        /// Creates a code with a name (unique within the module by convention).
        public init(name: String) { self.name = name }

        /// A database file could not be opened or created.
        public static let cannotOpen = Code(name: "cannotOpen")
        /// SQLite refused a statement: preparing, binding, stepping, executing (see the ``SQLiteFailure`` cause).
        public static let sqliteFailed = Code(name: "sqliteFailed")
        /// A file-system operation failed: create, fsync, rename, unlink (see the ``StoreSystemError`` cause).
        public static let fileSystemFailed = Code(name: "fileSystemFailed")
        /// An argument is outside what the function allows (bad table definition, wrong value count, …).
        public static let invalidArgument = Code(name: "invalidArgument")
        /// A snapshot file is not of the expected format or schema version.
        public static let schemaMismatch = Code(name: "schemaMismatch")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A message naming the file, table or statement concerned.
    public var message: String
    /// The underlying error, if any (``SQLiteFailure``, ``StoreSystemError``, or a caller's error).
    public var cause: (any Error & Sendable)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// SQLite's primary result code when the cause is a ``SQLiteFailure`` (e.g. `SQLITE_CONSTRAINT` = 19).
    public var sqliteResultCode: Int32? { (cause as? SQLiteFailure)?.resultCode }

    /// `code: message (cause: …)`.
    public var description: String {
        "\(code): \(message)" + (cause.map { " (cause: \($0))" } ?? "")
    }
}
