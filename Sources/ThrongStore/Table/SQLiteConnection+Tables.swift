extension SQLiteConnection {
    /// Creates `table` (without indexes), lets `fill` insert its rows, then creates its indexes.
    ///
    /// - Returns: the number of rows inserted.
    /// - Throws: ``ThrongStoreError/Code/invalidArgument`` for an invalid definition, SQLite
    ///   failures, or what `fill` throws.
    @discardableResult
    public func writeTable(_ table: TableDefinition, _ fill: (inout TableWriter) throws -> Void) throws -> Int {
        try table.validate()
        try exec(table.createTableSQL)
        var writer = TableWriter(table: table, statement: try prepare(table.insertSQL, persistent: true))
        try fill(&writer)
        let rows = writer.rowCount
        _ = consume writer
        for sql in table.createIndexSQL { try exec(sql) }
        return rows
    }

    /// Creates `table` and inserts `rows` (values in column order), then creates its indexes.
    @discardableResult
    public func writeTable(_ table: TableDefinition, rows: some Sequence<[SQLiteValue]>) throws -> Int {
        try writeTable(table) { writer in
            for row in rows { try writer.insert(row) }
        }
    }
}
