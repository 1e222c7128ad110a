import CSQLite

/// How ``SQLiteConnection`` opens a database (a subset of SQLite's `SQLITE_OPEN_*` flags).
public struct SQLiteOpenFlags: OptionSet, Sendable, Hashable {
    /// The raw `SQLITE_OPEN_*` bits.
    public let rawValue: Int32
    /// Wraps raw `SQLITE_OPEN_*` bits.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Open for reading only (`SQLITE_OPEN_READONLY`).
    public static let readOnly = SQLiteOpenFlags(rawValue: SQLITE_OPEN_READONLY)
    /// Open for reading and writing (`SQLITE_OPEN_READWRITE`).
    public static let readWrite = SQLiteOpenFlags(rawValue: SQLITE_OPEN_READWRITE)
    /// Create the file if missing; only with ``readWrite`` (`SQLITE_OPEN_CREATE`).
    public static let create = SQLiteOpenFlags(rawValue: SQLITE_OPEN_CREATE)
    /// Interpret the path as a `file:` URI (`SQLITE_OPEN_URI`).
    public static let uri = SQLiteOpenFlags(rawValue: SQLITE_OPEN_URI)
    /// No connection mutex: the caller guarantees single-threaded use (`SQLITE_OPEN_NOMUTEX`).
    public static let noMutex = SQLiteOpenFlags(rawValue: SQLITE_OPEN_NOMUTEX)

    /// `readWrite + create`, the default for writing.
    public static let readWriteCreate: SQLiteOpenFlags = [.readWrite, .create]
}
