/// The error thrown by `ThrongIO`: a code to match on, a message for people, the cause,
/// and where known the file and line the problem is in.
public struct ThrongIOError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for matching. Codes are static constants; other files of the module
    /// add their own in extensions (`extension ThrongIOError.Code { static let … }`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String

        /// Creates a code with a name (unique within the module by convention).
        public init(name: String) { self.name = name }

        /// A file could not be opened or created (missing, permissions, is a directory, …).
        public static let cannotOpen = Code(name: "cannotOpen")
        /// Reading from a file or descriptor failed.
        public static let readFailed = Code(name: "readFailed")
        /// Writing to a file or descriptor failed (disk full, closed pipe, …).
        public static let writeFailed = Code(name: "writeFailed")
        /// Closing a file failed (for a written file: the data may not be on disk).
        public static let closeFailed = Code(name: "closeFailed")
        /// zstd refused to compress (bad parameter, out of memory).
        public static let compressionFailed = Code(name: "compressionFailed")
        /// zstd data is damaged: bad magic, bad block, checksum mismatch, window too large.
        public static let corruptData = Code(name: "corruptData")
        /// zstd data ends in the middle of a frame.
        public static let truncatedData = Code(name: "truncatedData")
        /// An argument is outside what the function allows.
        public static let invalidArgument = Code(name: "invalidArgument")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A message naming the value or operation that failed.
    public var message: String
    /// The underlying error, if any.
    public var cause: (any Error & Sendable)?
    /// The file concerned, if any (`-` for standard input or output).
    public var file: String?
    /// The 1-based line in ``file``, if the problem is in one line.
    public var line: Int?

    /// Creates an error.
    public init(_ code: Code, _ message: String, file: String? = nil, line: Int? = nil, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.cause = cause
    }

    /// `code: file:line: message (cause: …)`.
    public var description: String {
        var where_ = ""
        if let file {
            where_ = file
            if let line { where_ += ":\(line)" }
            where_ += ": "
        }
        return "\(code): \(where_)\(message)" + (cause.map { " (cause: \($0))" } ?? "")
    }
}
