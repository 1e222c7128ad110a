/// The shape of one table: columns, primary key and indexes, independent of what the rows mean.
///
/// The engine's aggregates describe their tables with this; ``TableWriter`` creates and fills
/// them; the SQL generated (``createTableSQL``) is deterministic, so the same definition and
/// rows give the same file bytes.
public struct TableDefinition: Sendable, Hashable {
    /// A column's SQLite storage type.
    public enum ColumnType: String, Sendable, Hashable {
        /// 64-bit signed integer.
        case integer = "INTEGER"
        /// IEEE double.
        case real = "REAL"
        /// UTF-8 text.
        case text = "TEXT"
        /// Bytes.
        case blob = "BLOB"
    }

    /// One column.
    public struct Column: Sendable, Hashable {
        /// The column name (any text; quoted in SQL).
        public var name: String
        /// The storage type.
        public var type: ColumnType
        /// Whether `NULL` is allowed (otherwise the column is `NOT NULL`).
        public var nullable: Bool
        /// What the column holds and its unit, for the schema documentation (not stored in SQL).
        public var summary: String

        /// Creates a column.
        public init(_ name: String, _ type: ColumnType, nullable: Bool = false, summary: String = "") {
            self.name = name
            self.type = type
            self.nullable = nullable
            self.summary = summary
        }
    }

    /// A secondary index, created after the rows are inserted.
    public struct Index: Sendable, Hashable {
        /// The index name; unique in the database.
        public var name: String
        /// The indexed columns, in order.
        public var columns: [String]
        /// Whether the index enforces uniqueness.
        public var unique: Bool

        /// Creates an index.
        public init(_ name: String, on columns: [String], unique: Bool = false) {
            self.name = name
            self.columns = columns
            self.unique = unique
        }
    }

    /// The table name.
    public var name: String
    /// The columns, in order; rows supply values in this order.
    public var columns: [Column]
    /// The primary-key columns (empty for none). Rows are cheapest to insert in key order.
    public var primaryKey: [String]
    /// Secondary indexes.
    public var indexes: [Index]
    /// Whether to create the table `WITHOUT ROWID` (needs a primary key; stores rows in key order, smaller for narrow keyed tables).
    public var withoutRowID: Bool
    /// What the table holds, for the schema documentation.
    public var summary: String

    /// Creates a table definition; ``validate()`` checks it.
    public init(
        name: String, columns: [Column], primaryKey: [String] = [], indexes: [Index] = [],
        withoutRowID: Bool = false, summary: String = ""
    ) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.indexes = indexes
        self.withoutRowID = withoutRowID
        self.summary = summary
    }

    /// The 0-based position of a column by name.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// Checks names are non-empty and unique, and that keys and indexes name existing columns.
    public func validate() throws(ThrongStoreError) {
        func fail(_ m: String) -> ThrongStoreError { ThrongStoreError(.invalidArgument, "table \(name): \(m)") }
        if name.isEmpty { throw ThrongStoreError(.invalidArgument, "table name is empty") }
        if name.lowercased().hasPrefix("sqlite_") { throw fail("names starting with sqlite_ are reserved") }
        if columns.isEmpty { throw fail("no columns") }
        var seen = Set<String>()
        for c in columns {
            if c.name.isEmpty { throw fail("a column name is empty") }
            if !seen.insert(c.name.lowercased()).inserted { throw fail("duplicate column \(c.name)") }
        }
        for k in primaryKey where !seen.contains(k.lowercased()) { throw fail("primary key column \(k) does not exist") }
        if Set(primaryKey.map { $0.lowercased() }).count != primaryKey.count { throw fail("primary key repeats a column") }
        if withoutRowID && primaryKey.isEmpty { throw fail("WITHOUT ROWID needs a primary key") }
        var indexNames = Set<String>()
        for index in indexes {
            if index.name.isEmpty { throw fail("an index name is empty") }
            if !indexNames.insert(index.name.lowercased()).inserted { throw fail("duplicate index \(index.name)") }
            if index.columns.isEmpty { throw fail("index \(index.name) has no columns") }
            for c in index.columns where !seen.contains(c.lowercased()) {
                throw fail("index \(index.name) names missing column \(c)")
            }
        }
    }
}
