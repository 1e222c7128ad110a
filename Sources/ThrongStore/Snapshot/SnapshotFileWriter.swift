/// Writes a complete SQLite snapshot file atomically (through ``AtomicFileReplacement``).
///
/// The database is built in a temporary file next to the target with
/// `journal_mode=OFF, synchronous=OFF, locking_mode=EXCLUSIVE` inside one transaction — safe
/// because nobody else sees the file until it is finished, and a failed build is deleted, never
/// renamed. After the caller's tables, the writer adds the `throng_meta` table and sets
/// `user_version` and `application_id` (see ``SnapshotFormat``), closes the connection, fsyncs,
/// and renames the file over the target.
public enum SnapshotFileWriter {
    /// Builds a snapshot with `build` and atomically replaces `path` with it.
    ///
    /// - Parameters:
    ///   - path: the snapshot file to create or replace.
    ///   - format: the format name and schema version to record.
    ///   - metadata: extra `throng_meta` rows (keys `format` and `schema_version` are reserved).
    ///   - build: creates and fills the tables on the (borrowed) connection, inside the
    ///     transaction. It must not commit, close, or change the journal mode.
    /// - Returns: what `build` returned.
    /// - Throws: what `build` threw (unchanged) or a ``ThrongStoreError``; in both cases the
    ///   previous file at `path` is untouched and the temporary file is removed.
    public static func write<R>(
        to path: String, format: SnapshotFormat, metadata: [String: String] = [:],
        _ build: (borrowing SQLiteConnection) throws -> R
    ) throws -> R {
        for reserved in ["format", "schema_version"] where metadata[reserved] != nil {
            throw ThrongStoreError(.invalidArgument, "metadata key \(reserved) is reserved for the snapshot writer")
        }
        return try AtomicFileReplacement.replace(at: path) { temporary in
            let db = try SQLiteConnection(path: temporary, flags: [.readWrite, .noMutex])
            try db.exec("""
                PRAGMA journal_mode = OFF;
                PRAGMA synchronous = OFF;
                PRAGMA locking_mode = EXCLUSIVE;
                PRAGMA temp_store = MEMORY;
                PRAGMA cache_size = -65536;
                """)
            let result = try db.transaction { db in
                let result = try build(db)
                var meta = metadata
                meta["format"] = format.name
                meta["schema_version"] = String(format.version)
                try db.writeTable(SnapshotFormat.metaTable, rows: meta.sorted { $0.key < $1.key }.map { [.text($0.key), .text($0.value)] })
                try db.setUserVersion(format.version)
                try db.setApplicationID(format.applicationID)
                return result
            }
            try db.close()
            return result
        }
    }
}
