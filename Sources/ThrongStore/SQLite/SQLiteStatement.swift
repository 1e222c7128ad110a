import CSQLite

/// A compiled SQL statement; owns its `sqlite3_stmt*` and finalizes it when dropped.
///
/// Parameter indices are **1-based** (SQLite's convention for `?` parameters); column indices
/// are **0-based** (as in `sqlite3_column_*`). Reuse a statement for many rows:
/// bind, ``run()`` (or ``step()`` until `false`), and bind again — ``run()`` resets for you.
public struct SQLiteStatement: ~Copyable {
    /// The raw handle; valid for the statement's lifetime. Do not finalize it.
    let handle: OpaquePointer

    init(handle: OpaquePointer) { self.handle = handle }

    deinit {
        sqlite3_finalize(handle)
    }

    /// The number of `?` parameters.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// The statement's SQL text.
    public var sql: String { sqlite3_sql(handle).map { String(cString: $0) } ?? "" }

    // MARK: Binding

    /// Binds an integer to the 1-based parameter `index`.
    @inline(__always)
    public func bind(_ value: Int64, at index: Int32) throws(ThrongStoreError) {
        try check(sqlite3_bind_int64(handle, index, value), "bind")
    }

    /// Binds an `Int` to the 1-based parameter `index`.
    @inline(__always)
    public func bind(_ value: Int, at index: Int32) throws(ThrongStoreError) {
        try check(sqlite3_bind_int64(handle, index, Int64(value)), "bind")
    }

    /// Binds a double to the 1-based parameter `index`.
    @inline(__always)
    public func bind(_ value: Double, at index: Int32) throws(ThrongStoreError) {
        try check(sqlite3_bind_double(handle, index, value), "bind")
    }

    /// Binds text to the 1-based parameter `index` (SQLite copies the bytes).
    public func bind(_ value: String, at index: Int32) throws(ThrongStoreError) {
        var text = value
        let rc: Int32 = text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress, utf8.count > 0 else {
                return sqlite3_bind_text64(handle, index, "", 0, throng_sqlite_transient(), UInt8(SQLITE_UTF8))
            }
            return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                sqlite3_bind_text64(handle, index, $0, sqlite3_uint64(utf8.count), throng_sqlite_transient(), UInt8(SQLITE_UTF8))
            }
        }
        try check(rc, "bind")
    }

    /// Binds bytes to the 1-based parameter `index` (SQLite copies them).
    public func bind(blob value: [UInt8], at index: Int32) throws(ThrongStoreError) {
        let rc = value.withUnsafeBytes { raw in
            sqlite3_bind_blob64(handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, sqlite3_uint64(raw.count), throng_sqlite_transient())
        }
        try check(rc, "bind")
    }

    /// Binds `NULL` to the 1-based parameter `index`.
    public func bindNull(at index: Int32) throws(ThrongStoreError) {
        try check(sqlite3_bind_null(handle, index), "bind")
    }

    /// Binds an optional integer (`nil` → `NULL`).
    public func bind(_ value: Int64?, at index: Int32) throws(ThrongStoreError) {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds an optional double (`nil` → `NULL`).
    public func bind(_ value: Double?, at index: Int32) throws(ThrongStoreError) {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds optional text (`nil` → `NULL`).
    public func bind(_ value: String?, at index: Int32) throws(ThrongStoreError) {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds a value of any kind to the 1-based parameter `index`.
    public func bind(_ value: SQLiteValue, at index: Int32) throws(ThrongStoreError) {
        switch value {
        case .integer(let v): try bind(v, at: index)
        case .real(let v): try bind(v, at: index)
        case .text(let v): try bind(v, at: index)
        case .blob(let v): try bind(blob: v, at: index)
        case .null: try bindNull(at: index)
        }
    }

    /// Binds `values` to parameters 1…n; `values.count` must equal ``parameterCount``.
    public func bind(_ values: [SQLiteValue]) throws(ThrongStoreError) {
        guard values.count == parameterCount else {
            throw ThrongStoreError(.invalidArgument, "\(values.count) values for \(parameterCount) parameters in: \(SQLiteConnection.abbreviate(sql))")
        }
        for (i, v) in values.enumerated() { try bind(v, at: Int32(i + 1)) }
    }

    /// Sets every parameter back to `NULL`.
    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    // MARK: Stepping

    /// Advances to the next row: `true` if a row is available, `false` when done.
    @inline(__always)
    public func step() throws(ThrongStoreError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw failure(rc, "step")
    }

    /// Runs the statement to completion (ignoring any rows), then resets it for the next bind.
    /// Bindings are kept.
    @inline(__always)
    public func run() throws(ThrongStoreError) {
        var rc = sqlite3_step(handle)
        while rc == SQLITE_ROW { rc = sqlite3_step(handle) }
        if rc == SQLITE_DONE {
            sqlite3_reset(handle)
            return
        }
        let error = failure(rc, "run")
        sqlite3_reset(handle)
        throw error
    }

    /// Rewinds the statement so it can be stepped again; bindings are kept.
    public func reset() {
        // sqlite3_reset repeats the last step's error, which step/run already reported.
        sqlite3_reset(handle)
    }

    // MARK: Errors

    @inline(__always)
    func check(_ rc: Int32, _ what: String) throws(ThrongStoreError) {
        if rc != SQLITE_OK { throw failure(rc, what) }
    }

    func failure(_ rc: Int32, _ what: String) -> ThrongStoreError {
        ThrongStoreError(.sqliteFailed, "\(what) failed: \(SQLiteConnection.abbreviate(sql))",
                         cause: SQLiteFailure.from(sqlite3_db_handle(handle), rc))
    }
}
