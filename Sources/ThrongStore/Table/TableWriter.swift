/// Inserts rows into one table through a single reused prepared statement.
///
/// Get one from ``SQLiteConnection/writeTable(_:_:)``, which creates the table, hands the
/// writer to a closure, then creates the indexes (after the rows: faster than maintaining them).
/// Run it inside a transaction (``SnapshotFileWriter`` does) or every row is its own transaction.
public struct TableWriter: ~Copyable {
    /// The table being written.
    public let table: TableDefinition
    /// Rows inserted so far.
    public private(set) var rowCount: Int = 0
    private let statement: SQLiteStatement

    init(table: TableDefinition, statement: consuming SQLiteStatement) {
        self.table = table
        self.statement = statement
    }

    /// Inserts one row given as values in column order.
    public mutating func insert(_ values: [SQLiteValue]) throws(ThrongStoreError) {
        guard values.count == table.columns.count else {
            throw ThrongStoreError(.invalidArgument, "table \(table.name): row has \(values.count) values for \(table.columns.count) columns")
        }
        for (i, v) in values.enumerated() { try statement.bind(v, at: Int32(i + 1)) }
        try statement.run()
        rowCount += 1
    }

    /// Inserts one row whose columns `bind` sets on the statement: parameter `i + 1` is column `i`.
    ///
    /// The fastest path: no per-row allocation. Bindings persist from row to row, so a column
    /// left unbound keeps the previous row's value — bind every column.
    /// ```swift
    /// try writer.insert { row in
    ///     try row.bind(Int64(station), at: 1)
    ///     try row.bind(Int64(minute), at: 2)
    ///     try row.bind(count, at: 3)
    /// }
    /// ```
    @inline(__always)
    public mutating func insert<E: Error>(_ bind: (borrowing SQLiteStatement) throws(E) -> Void) throws {
        try bind(statement)
        try statement.run()
        rowCount += 1
    }
}
