/// Identifies a kind of snapshot file and its schema version.
///
/// Written three ways so any tool can check it: `PRAGMA application_id` (file header),
/// `PRAGMA user_version` (file header) and the `throng_meta` table (`format`, `schema_version`).
public struct SnapshotFormat: Sendable, Hashable {
    /// The format's name, stored as `throng_meta.format`, e.g. `throng.crowding`.
    public var name: String
    /// The schema version; bump it whenever a table or column changes meaning or shape.
    public var version: Int32
    /// The value of `PRAGMA application_id` (a 32-bit magic number in the SQLite header).
    public var applicationID: Int32

    /// Creates a format.
    public init(name: String, version: Int32, applicationID: Int32 = SnapshotFormat.throngApplicationID) {
        self.name = name
        self.version = version
        self.applicationID = applicationID
    }

    /// Throng's `application_id`: the ASCII bytes `THRG` (0x54485247).
    public static let throngApplicationID: Int32 = 0x5448_5247

    /// The name of the metadata table every snapshot has: `throng_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)`.
    public static let metaTableName = "throng_meta"

    /// The metadata table's definition.
    public static let metaTable = TableDefinition(
        name: metaTableName,
        columns: [
            .init("key", .text, summary: "metadata key"),
            .init("value", .text, summary: "metadata value, as text"),
        ],
        primaryKey: ["key"],
        withoutRowID: true,
        summary: "File metadata: format, schema_version, and what the writer adds (run parameters, inputs)."
    )
}
