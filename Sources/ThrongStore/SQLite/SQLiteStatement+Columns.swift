import CSQLite

extension SQLiteStatement {
    /// The number of result columns.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The name of the 0-based result column `index` (its `AS` name if given).
    public func columnName(at index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    /// Whether the 0-based column `index` of the current row is `NULL`.
    @inline(__always)
    public func isNull(at index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    /// The 0-based column `index` of the current row as an integer (`NULL` → 0, SQLite's conversions otherwise).
    @inline(__always)
    public func int64(at index: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(index))
    }

    /// The 0-based column `index` of the current row as a double (`NULL` → 0).
    @inline(__always)
    public func double(at index: Int) -> Double {
        sqlite3_column_double(handle, Int32(index))
    }

    /// The 0-based column `index` of the current row as text, or `nil` if `NULL`.
    public func string(at index: Int) -> String? {
        let i = Int32(index)
        guard let text = sqlite3_column_text(handle, i) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, i))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The 0-based column `index` of the current row as bytes, or `nil` if `NULL`.
    public func blob(at index: Int) -> [UInt8]? {
        let i = Int32(index)
        if sqlite3_column_type(handle, i) == SQLITE_NULL { return nil }
        let count = Int(sqlite3_column_bytes(handle, i))
        guard count > 0, let bytes = sqlite3_column_blob(handle, i) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The 0-based column `index` of the current row, with its stored kind.
    public func value(at index: Int) -> SQLiteValue {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: .integer(int64(at: index))
        case SQLITE_FLOAT: .real(double(at: index))
        case SQLITE_TEXT: .text(string(at: index) ?? "")
        case SQLITE_BLOB: .blob(blob(at: index) ?? [])
        default: .null
        }
    }

    /// All columns of the current row.
    public func row() -> [SQLiteValue] {
        (0..<columnCount).map { value(at: $0) }
    }
}
