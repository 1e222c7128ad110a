import CSQLite

extension SQLiteConnection {
    /// Runs `body` inside `BEGIN` … `COMMIT`; if `body` throws, rolls back and rethrows its error.
    ///
    /// Transactions do not nest: calling this inside another transaction fails with
    /// ``ThrongStoreError/Code/sqliteFailed`` (use SAVEPOINTs through ``exec(_:)`` if needed).
    /// - Parameter body: receives this connection (borrowed) and returns a value passed through.
    public func transaction<R>(_ body: (borrowing SQLiteConnection) throws -> R) throws -> R {
        try exec("BEGIN")
        let result: R
        do {
            result = try body(self)
        } catch {
            if !isAutocommit { try? exec("ROLLBACK") }
            throw error
        }
        do {
            try exec("COMMIT")
        } catch {
            if !isAutocommit { try? exec("ROLLBACK") }
            throw error
        }
        return result
    }

    /// `PRAGMA user_version`: an integer SQLite stores in the file header for the application.
    public func userVersion() throws(ThrongStoreError) -> Int32 {
        try Int32(truncatingIfNeeded: scalarInteger("PRAGMA user_version"))
    }

    /// Sets `PRAGMA user_version`.
    public func setUserVersion(_ version: Int32) throws(ThrongStoreError) {
        try exec("PRAGMA user_version = \(version)")
    }

    /// `PRAGMA application_id`: an integer in the file header identifying the file format.
    public func applicationID() throws(ThrongStoreError) -> Int32 {
        try Int32(truncatingIfNeeded: scalarInteger("PRAGMA application_id"))
    }

    /// Sets `PRAGMA application_id`.
    public func setApplicationID(_ id: Int32) throws(ThrongStoreError) {
        try exec("PRAGMA application_id = \(id)")
    }

    /// Runs a query and returns the first column of its first row as an integer (0 if no row, `NULL` → 0).
    public func scalarInteger(_ sql: String) throws(ThrongStoreError) -> Int64 {
        let stmt = try prepare(sql)
        guard try stmt.step() else { return 0 }
        return stmt.int64(at: 0)
    }

    /// Runs a query with parameters and returns every row as values, with the column names.
    ///
    /// Convenient for small results; for large ones step a ``SQLiteStatement`` and read columns directly.
    public func query(_ sql: String, _ parameters: [SQLiteValue] = []) throws(ThrongStoreError) -> SQLiteRows {
        let stmt = try prepare(sql)
        try stmt.bind(parameters)
        let count = stmt.columnCount
        var names: [String] = []
        names.reserveCapacity(count)
        for i in 0..<count { names.append(stmt.columnName(at: i)) }
        var rows: [[SQLiteValue]] = []
        while try stmt.step() {
            var row: [SQLiteValue] = []
            row.reserveCapacity(count)
            for i in 0..<count { row.append(stmt.value(at: i)) }
            rows.append(row)
        }
        return SQLiteRows(columns: names, rows: rows)
    }
}
