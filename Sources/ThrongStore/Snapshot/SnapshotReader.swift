/// A snapshot file opened read-only after checking its format and schema version.
///
/// Queries run on one connection (not `Sendable`: open one reader per thread). Snapshots are
/// replaced by rename, so a reader keeps seeing the file it opened until it is dropped.
public struct SnapshotReader: ~Copyable {
    /// The file opened.
    public let path: String
    /// The file's schema version (equal to the expected ``SnapshotFormat/version``).
    public let schemaVersion: Int32
    /// Every `throng_meta` row, including `format` and `schema_version`.
    public let metadata: [String: String]
    private let connection: SQLiteConnection

    /// Opens `path` read-only and checks it is a `format` snapshot of `format.version`.
    ///
    /// - Throws: ``ThrongStoreError/Code/cannotOpen`` if the file cannot be opened;
    ///   ``ThrongStoreError/Code/schemaMismatch`` if it is not a SQLite file, has another
    ///   application id or format name, or another schema version.
    public init(path: String, format: SnapshotFormat) throws(ThrongStoreError) {
        let db = try SQLiteConnection(path: path, flags: [.readOnly, .noMutex])   // one thread per reader
        func mismatch(_ m: String, cause: (any Error & Sendable)? = nil) -> ThrongStoreError {
            ThrongStoreError(.schemaMismatch, "\(path): \(m)", cause: cause)
        }
        let appID: Int32
        do {
            try db.exec("PRAGMA query_only = ON")
            appID = try db.applicationID()
        } catch {
            throw mismatch("not a readable SQLite database", cause: error)
        }
        guard appID == format.applicationID else {
            throw mismatch("application_id is \(appID), expected \(format.applicationID) (not a \(format.name) snapshot)")
        }
        let version = try db.userVersion()
        var meta: [String: String] = [:]
        do {
            for row in try db.query("SELECT key, value FROM \(SQL.quote(SnapshotFormat.metaTableName))").rows {
                if let k = row[0].textValue, let v = row[1].textValue { meta[k] = v }
            }
        } catch {
            throw mismatch("no readable \(SnapshotFormat.metaTableName) table", cause: error)
        }
        guard meta["format"] == format.name else {
            throw mismatch("format is \(meta["format"] ?? "missing"), expected \(format.name)")
        }
        guard version == format.version, meta["schema_version"] == String(format.version) else {
            throw mismatch("schema version is \(version) (meta: \(meta["schema_version"] ?? "missing")), this build reads version \(format.version); rebuild the snapshot")
        }
        self.path = path
        self.schemaVersion = version
        self.metadata = meta
        self.connection = db
    }

    /// Runs a query with `?` parameters and returns all rows (for small results).
    public func query(_ sql: String, _ parameters: [SQLiteValue] = []) throws(ThrongStoreError) -> SQLiteRows {
        try connection.query(sql, parameters)
    }

    /// Prepares `sql`, binds `parameters`, and calls `row` for each result row with the statement
    /// positioned on it (read columns with `int64(at:)`, `string(at:)`, …).
    /// - Returns: the number of rows.
    @discardableResult
    public func forEachRow(_ sql: String, _ parameters: [SQLiteValue] = [], _ row: (borrowing SQLiteStatement) throws -> Void) throws -> Int {
        let stmt = try connection.prepare(sql)
        try stmt.bind(parameters)
        var n = 0
        while try stmt.step() {
            try row(stmt)
            n += 1
        }
        return n
    }

    /// The names of the file's tables, sorted (SQLite's internal tables excluded).
    public func tableNames() throws(ThrongStoreError) -> [String] {
        try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .rows.compactMap { $0[0].textValue }
    }

    /// Runs `body` with the underlying read-only connection (for prepared statements reused across calls).
    public func withConnection<R>(_ body: (borrowing SQLiteConnection) throws -> R) rethrows -> R {
        try body(connection)
    }
}
