import CSQLite

/// An open SQLite database connection; owns its `sqlite3*` handle and closes it when dropped.
///
/// Statements prepared from a connection (``prepare(_:)``) may outlive it safely: the connection
/// is closed with `sqlite3_close_v2`, which defers freeing the handle until the last statement
/// is finalized. Use one connection from one thread at a time (the type is not `Sendable`).
///
/// ```swift
/// let db = try SQLiteConnection(path: "crowding.sqlite")
/// try db.exec("CREATE TABLE t(a INTEGER)")
/// try db.transaction { db in
///     let insert = try db.prepare("INSERT INTO t VALUES (?)")
///     for a in 0..<1000 as Range<Int64> { try insert.bind(a, at: 1); try insert.run() }
/// }
/// ```
public struct SQLiteConnection: ~Copyable {
    /// The raw handle; valid for the connection's lifetime. Do not close it.
    let handle: OpaquePointer

    /// Opens (or with ``SQLiteOpenFlags/create`` creates) a database file.
    ///
    /// Extended result codes are enabled, so errors carry e.g. `SQLITE_CONSTRAINT_PRIMARYKEY`.
    /// - Parameters:
    ///   - path: the file; `:memory:` for a private in-memory database.
    ///   - flags: how to open it; ``SQLiteOpenFlags/readWriteCreate`` by default.
    public init(path: String, flags: SQLiteOpenFlags = .readWriteCreate) throws(ThrongStoreError) {
        var db: OpaquePointer? = nil
        let rc = sqlite3_open_v2(path, &db, flags.rawValue, nil)
        guard rc == SQLITE_OK, let db else {
            let failure = SQLiteFailure.from(db, rc)
            sqlite3_close_v2(db)
            throw ThrongStoreError(.cannotOpen, "cannot open SQLite database \(path)", cause: failure)
        }
        sqlite3_extended_result_codes(db, 1)
        self.handle = db
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Closes the connection now, reporting a failure (dropping the connection closes it silently).
    ///
    /// Statements still alive keep the handle allocated until they are dropped, as with `sqlite3_close_v2`.
    public consuming func close() throws(ThrongStoreError) {
        let h = handle
        discard self
        let rc = sqlite3_close_v2(h)
        if rc != SQLITE_OK {
            throw ThrongStoreError(.sqliteFailed, "closing the database failed", cause: SQLiteFailure(extendedResultCode: rc, message: String(cString: sqlite3_errstr(rc))))
        }
    }

    /// Runs one or more `;`-separated SQL statements that return no rows of interest (DDL, PRAGMAs).
    public func exec(_ sql: String) throws(ThrongStoreError) {
        var errmsg: UnsafeMutablePointer<CChar>? = nil
        let rc = sqlite3_exec(handle, sql, nil, nil, &errmsg)
        if rc != SQLITE_OK {
            let message = errmsg.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(errmsg)
            let extended = sqlite3_extended_errcode(handle)
            throw ThrongStoreError(
                .sqliteFailed, "exec failed: \(Self.abbreviate(sql))",
                cause: SQLiteFailure(extendedResultCode: (extended & 0xFF) == (rc & 0xFF) ? extended : rc, message: message)
            )
        }
    }

    /// Compiles one SQL statement (a trailing `;` and whitespace are allowed; a second statement is an error).
    ///
    /// - Parameters:
    ///   - sql: the statement, with `?` parameters.
    ///   - persistent: hints SQLite that the statement will be reused many times
    ///     (`SQLITE_PREPARE_PERSISTENT`), as ``TableWriter`` does.
    public func prepare(_ sql: String, persistent: Bool = false) throws(ThrongStoreError) -> SQLiteStatement {
        var stmt: OpaquePointer? = nil
        var rest: UnsafePointer<CChar>? = nil
        var trailing = ""
        let rc = sql.withCString { base in
            let rc = sqlite3_prepare_v3(handle, base, -1, persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0, &stmt, &rest)
            if let rest { trailing = String(cString: rest) }
            return rc
        }
        guard rc == SQLITE_OK else {
            throw ThrongStoreError(.sqliteFailed, "prepare failed: \(Self.abbreviate(sql))", cause: SQLiteFailure.from(handle, rc))
        }
        guard let stmt else {
            throw ThrongStoreError(.invalidArgument, "no SQL statement in: \(Self.abbreviate(sql))")
        }
        if trailing.contains(where: { !$0.isWhitespace && $0 != ";" }) {
            sqlite3_finalize(stmt)
            throw ThrongStoreError(.invalidArgument, "prepare takes one statement; extra SQL after it: \(Self.abbreviate(trailing))")
        }
        return SQLiteStatement(handle: stmt)
    }

    /// Rows changed by the most recent `INSERT`, `UPDATE` or `DELETE`.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// The rowid of the most recent successful `INSERT`.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Whether the connection is outside any transaction (autocommit mode).
    public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// Whether the connection was opened read-only (or the file is read-only).
    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// The SQL shortened for messages.
    static func abbreviate(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= 200 ? flat : String(flat.prefix(200)) + "…"
    }
}
