/// A whole query result held in memory: column names and rows of values.
public struct SQLiteRows: Sendable, Hashable {
    /// The result's column names, in order.
    public var columns: [String]
    /// The rows; each has one value per column.
    public var rows: [[SQLiteValue]]

    /// Creates a result.
    public init(columns: [String], rows: [[SQLiteValue]]) {
        self.columns = columns
        self.rows = rows
    }

    /// The index of the column with this name, if any.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex(of: name) }
}
